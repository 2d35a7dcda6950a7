"""Editors write the About pages here: Django's flat pages, kept under /about/."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.flatpages.admin import FlatPageAdmin
from django.contrib.flatpages.forms import FlatpageForm
from django.contrib.flatpages.models import FlatPage

from articles import services
from articles.forms import BODY_WIDGET, validate_rich_text
from newsroom.admin_stale_saves import RefusesStaleSaves
from pages.models import ABOUT_PREFIX, AboutPage


class AboutPageForm(FlatpageForm):
    """A page's address, title and text. The address always starts with /about/.

    "contact", "/contact/" and "/about/contact" all mean /about/contact/: the
    prefix keeps a page from taking a section's address, and the editor need
    not type it. The page goes on this site (``SITE_ID``); the choice of sites
    is not offered.
    """

    class Meta:
        model = AboutPage
        fields = ["url", "title", "content"]
        labels = {"url": "Address", "content": "Text"}
        widgets = {"content": BODY_WIDGET()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["url"].label = "Address"
        self.fields["url"].strip = True  # Django's RegexField keeps spaces typed around it
        self.fields["url"].help_text = (
            f"Where readers find the page: “{ABOUT_PREFIX}contact/”, or just “contact”. "
            f"“{ABOUT_PREFIX}” itself is the About us page the footer links to."
        )
        self.fields["content"].required = True
        # Cleaned as a story's body is, so refused as one is, on the field.
        self.fields["content"].validators.append(validate_rich_text)

    def clean_content(self):
        content = self.cleaned_data["content"]
        # Saved, the page goes public at once: an image the site's
        # Content-Security-Policy blocks would be a broken box to every reader.
        blocked = services.blocked_images_message(content, where="The text")
        if blocked:
            raise forms.ValidationError(blocked, code="blocked_image")
        return content

    def clean_url(self):
        # Lower case, as every other address here ("About/Team" made "/about/About/Team/").
        typed = self.cleaned_data["url"].strip().strip("/").lower()
        about = ABOUT_PREFIX.strip("/")
        # "aboutface" is a page under /about/ too, not an address of its own.
        if typed != about and not typed.startswith(f"{about}/"):
            typed = f"{about}/{typed}"
        url = f"/{typed}/"
        if "//" in url or any(part in (".", "..") for part in url.split("/")):
            raise forms.ValidationError(
                "An address is words separated by single slashes, such as “/about/contact/”.",
                code="invalid",
            )
        longest = FlatPage._meta.get_field("url").max_length
        if len(url) > longest:
            raise forms.ValidationError(
                "“%(url)s” is %(length)s characters long with its slashes; an address "
                "may have %(longest)s.",
                code="max_length",
                params={"url": url, "length": len(url), "longest": longest},
            )
        taken = FlatPage.objects.filter(url=url, sites=settings.SITE_ID).exclude(
            pk=self.instance.pk
        )
        if taken.exists():
            raise forms.ValidationError(
                "Another page already has the address “%(url)s”.",
                code="duplicate_url",
                params={"url": url},
            )
        return url


# Listed once, under the desk's name for them.
admin.site.unregister(FlatPage)


@admin.register(AboutPage)
class AboutPageAdmin(RefusesStaleSaves, FlatPageAdmin):
    form = AboutPageForm
    fieldsets = ((None, {"fields": ("url", "title", "content")}),)
    list_display = ("title", "address")
    list_filter = ()
    search_fields = ("url", "title", "content")
    ordering = ("url",)

    def save_model(self, request, obj, form, change):
        before = AboutPage.objects.filter(pk=obj.pk).values_list("url", flat=True).first()
        super().save_model(request, obj, form, change)
        if before and before != obj.url:
            # Its old address was public and shared: it answers with a 301, as a
            # renamed story's, writer's or section's does.
            services.keep_old_addresses({before: obj.url})

    @admin.display(description="Address", ordering="url")
    def address(self, obj):
        return obj.url

    def get_queryset(self, request):
        return super().get_queryset(request).filter(sites=settings.SITE_ID)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.sites.add(settings.SITE_ID)
