"""The documentation site's own tooling, one wing per concern (`project` is what every wing reads):

- `markdown`: a page's text (front matter, outline, sections, include lines, fences, fingerprints), no build needed;
- `extensions`: Python-Markdown extensions for what a page draws from its own text and the project's files;
- `translation`: the state of every translation, and the translators' tools and reader-facing banners;
- `figures`: the Performance page's figures and the charts they are drawn as;
- `timelines`: recorded ASGI event timelines of the examples, and their figures;
- `site`: what needs the built site as a whole (language builds, 404 pages, search per language, links between
  languages), adapted to MkDocs events by the top-level `hooks/`;
- `serving`: starting servers and browsers for the tests, benchmarks and screenshots.
"""
