"""The admin's "view on site" redirect, limited to what the user may open and readers may see.

Django's own (``/admin/r/<content_type_id>/<object_id>/``, from
``django.contrib.contenttypes.views.shortcut``) asks only for a staff login, then
redirects to any object's ``get_absolute_url()``: a writer walking the ids
would learn the address, and with it the headline (the slug), of every draft,
scheduled and archived story, and get the signed address of every preview link.
This view takes its place (``newsroom/urls.py`` routes it first) and redirects
only to a page readers can see, of an object the user may open in the admin.
"""

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.shortcuts import redirect

from articles.models import Article, public_authors, public_sources
from authors.models import Author
from pages.models import AboutPage, about_pages
from sections.models import Section
from sources.models import Source

# The rows readers can see, by model. A model not listed has no public page
# to send anyone to (a preview link's address is a secret, not a page).
PUBLIC_ROWS = {
    Article: lambda: Article.objects.published(),
    # A writer or source has a page once a public story carries them; every
    # section has one, stories or not.
    Author: public_authors,
    Section: lambda: Section.objects.all(),
    Source: public_sources,
    AboutPage: about_pages,
}


def public_address(request, content_type_id, object_id):
    """The public page of the object, for a user its admin lets view it; 404 otherwise.

    The object is looked up through its ``ModelAdmin`` (``get_object`` uses
    ``get_queryset``, which keeps a writer to their own stories), so a 404 says
    no more about an id than the admin's own pages do. The redirect is to a
    path on this host, like ``ArticleAdmin.view_on_site``, which serves the
    public pages too.
    """
    try:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
    except ContentType.DoesNotExist:
        model = None
    if model not in PUBLIC_ROWS or not admin.site.is_registered(model):
        raise Http404("No public page for this kind of object.")
    model_admin = admin.site.get_model_admin(model)
    obj = model_admin.get_object(request, object_id)
    if (
        obj is None
        or not model_admin.view_on_site
        or not model_admin.has_view_permission(request, obj)
        or not PUBLIC_ROWS[model]().filter(pk=obj.pk).exists()
    ):
        raise Http404("No public page for this object.")
    return redirect(obj.get_absolute_url())


# Staff only, signed-in users otherwise sent to the admin's login, never cached.
view_on_site = admin.site.admin_view(public_address)
