"""The documentation site's own tooling: include lines, page outlines, translation tools and the MkDocs hooks.

Text-level logic (includes, front matter, outlines, fingerprints, parity, status, stamping, scaffolding) needs no
MkDocs build to run; `docs_tools.hooks` adapts it to MkDocs events, and `mkdocs.yml` lists those hooks.
"""
