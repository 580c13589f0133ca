"""Python-Markdown extensions for what a page draws from its own text and the project's files: they work under any
builder that runs Python-Markdown, and MkDocs gives them each page's path and language (see `docs_tools.site.page_extensions`).
"""
