"""Command-line tools of the documentation project."""
