from lilya.apps import Lilya
from lilya.background import Task
from lilya.requests import Request
from lilya.responses import PlainText
from lilya.routing import Path

views: dict[str, int] = {}


def count_view(slug: str) -> None:
    views[slug] = views.get(slug, 0) + 1


async def read_article(request: Request) -> PlainText:
    slug = request.path_params["slug"]
    return PlainText(
        f"Article {slug}",
        headers={"allow": "GET, HEAD, OPTIONS"},
        background=Task(count_view, slug),
    )


app = Lilya(
    routes=[Path("/articles/{slug}", read_article, methods=["GET", "OPTIONS"])]
)
