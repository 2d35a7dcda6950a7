"""Story previews: a story as readers will see it, before they may.

Previews render through ``articles.views.render_article``, the function behind
the public story page, so an editor sees exactly what readers will see. Every
preview response, including a refused one, tells search engines and caches to
keep away: previews are private by nature and some are reached without a login.
"""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

from articles import services
from articles.models import Article, PreviewLink
from articles.views import render_article


def _private(response):
    response["X-Robots-Tag"] = "noindex, nofollow"
    add_never_cache_headers(response)  # includes Cache-Control: no-store
    return response


def _render_preview(request, article):
    return _private(render_article(request, article, preview=True))


@require_safe
def staff_preview(request, pk):
    """Any story, whatever its status, as readers will see it; for signed-in staff.

    A story someone may not preview is "not found", as one that does not exist:
    a 403 for the one and a 404 for the other told a writer which ids were
    colleagues' stories, as the admin never does (newsroom/admin_shortcut.py).
    """
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    article = get_object_or_404(Article.objects.for_story(), pk=pk)
    if not services.can_preview(request.user, article):
        raise Http404("No story to preview at this address.")
    return _render_preview(request, article)


@require_safe
def shared_preview(request, token):
    """An unpublished story through a signed link, for people without an account.

    The link stops working when it expires, when an editor withdraws it, or when
    the story is published (from then on its public address is the one to share)
    or archived; a story unpublished or taken down does not bring it back
    (``PreviewLink.is_active``).
    """
    link = PreviewLink.from_token(token)
    if link is None or not link.is_active:
        response = render(
            request,
            "articles/preview_unavailable.html",
            {"link": link, "now": timezone.now()},
            status=404,
        )
        return _private(response)
    article = Article.objects.for_story().get(pk=link.article_id)
    return _render_preview(request, article)
