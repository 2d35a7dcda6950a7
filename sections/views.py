from django.shortcuts import get_object_or_404, render

from articles.models import Article
from sections.models import Section


def section_detail(request, slug):
    section = get_object_or_404(Section, slug=slug)
    articles = Article.objects.published().for_listing().filter(section=section)[:20]
    return render(
        request, "sections/section_detail.html", {"section": section, "articles": articles}
    )
