"""What needs the built site as a whole: which language a build is, build errors, 404 pages, search per language,
links between languages. The top-level `hooks/` adapt it to MkDocs events."""
