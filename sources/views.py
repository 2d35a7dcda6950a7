from django.shortcuts import get_object_or_404, render

from articles.models import Article
from sources.models import Source


def source_detail(request, slug):
    source = get_object_or_404(Source, slug=slug)
    articles = Article.objects.published().for_listing().filter(sources=source).distinct()[:20]
    return render(request, "sources/source_detail.html", {"source": source, "articles": articles})
