from django.shortcuts import get_object_or_404, render

from articles.models import Article
from authors.models import Author


def author_detail(request, slug):
    author = get_object_or_404(Author, slug=slug)
    articles = Article.objects.published().for_listing().filter(authors=author)[:20]
    return render(request, "authors/author_detail.html", {"author": author, "articles": articles})
