"""The editors' dashboard on the admin home page (templates/admin/index.html)."""

from django import template

from articles import services

register = template.Library()


@register.simple_tag(takes_context=True)
def editorial_dashboard(context):
    """The dashboard lists for the signed-in user, or None if stories are not theirs to see."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.has_perm("articles.view_article"):
        return None
    return services.editor_dashboard(user)
