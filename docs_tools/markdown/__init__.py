"""A page's text, read without a build: front matter, outline, sections, include lines, fences, fingerprints."""
