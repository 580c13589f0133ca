import logging

from lilya.apps import Lilya
from lilya.background import Task
from lilya.requests import Request
from lilya.responses import PlainText, Response
from lilya.routing import Path

log = logging.getLogger(__name__)
views: dict[str, int] = {}


def count_view(slug: str) -> None:
    views[slug] = views.get(slug, 0) + 1
    log.info("view of %s counted", slug)


async def read_article(request: Request) -> Response:
    slug = request.path_params["slug"]
    task = Task(count_view, slug)  # on every answer; Lilya runs it for GET only
    if request.method == "OPTIONS":
        allow = {"allow": ", ".join(sorted(article.methods))}
        return Response(status_code=204, headers=allow, background=task)
    return PlainText(f"Article {slug}", background=task)


article = Path("/articles/{slug}", read_article, methods=["GET", "OPTIONS"])
app = Lilya(routes=[article])
