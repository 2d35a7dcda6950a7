from django.shortcuts import get_object_or_404, render

from articles.models import Article


def home(request):
    articles = Article.objects.published().for_listing()[:20]
    return render(request, "articles/home.html", {"articles": articles})


def article_detail(request, section, year, month, day, slug):
    article = get_object_or_404(Article.objects.published().for_listing(), slug=slug)
    return render(request, "articles/article_detail.html", {"article": article})
