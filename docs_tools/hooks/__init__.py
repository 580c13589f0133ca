"""MkDocs hooks, listed in mkdocs.yml: thin adapters from MkDocs events to the text-level logic of `docs_tools`."""
