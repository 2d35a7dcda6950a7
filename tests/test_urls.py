"""Every named public route reverses and resolves back to itself.

The routes are read from the URL configuration, so a route added later is
covered here without editing this file; a new app's namespace must be added
to ``PUBLIC_NAMESPACES``, and a test says so.
"""

import re

from django.test import SimpleTestCase
from django.urls import URLResolver, get_resolver, resolve, reverse

from sections.models import RESERVED_SLUGS

PUBLIC_NAMESPACES = ["articles", "sections", "authors", "sources", "feeds", "workflow", "pages"]

# Plausible values for the parameters our routes take, by parameter name, then by type.
SAMPLE_BY_NAME = {"year": 2025, "month": "03", "day": "14", "section": "europe"}
SAMPLE_BY_CONVERTER = {
    "IntConverter": 42,
    "SlugConverter": "leaders-meet",
    "StringConverter": "abc123",
    "PathConverter": "some/path",
    "UUIDConverter": "6f1c0f3c-4c3e-4d8e-9f55-7f6a1f6f3a11",
}


def named_routes(namespace=None):
    """(name, sample kwargs) for every named route in ``namespace``, or at the root."""
    resolver = get_resolver().namespace_dict[namespace][1] if namespace else get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver) or not pattern.name:
            continue
        converters = getattr(pattern.pattern, "converters", {})
        kwargs = {
            name: SAMPLE_BY_NAME.get(name, SAMPLE_BY_CONVERTER[type(converter).__name__])
            for name, converter in converters.items()
        }
        yield pattern.name, kwargs


def first_segments(patterns, prefix=""):
    """The literal first path segments (``admin`` in ``admin/...``) routes claim at the root.

    Only a whole segment followed by a slash can clash with a section's ``<slug>/``;
    file-like routes (``robots.txt``, ``sitemap-<section>.xml``) cannot.
    """
    for pattern in patterns:
        route = prefix + str(pattern.pattern).lstrip("^")
        if isinstance(pattern, URLResolver) and not str(pattern.pattern):
            yield from first_segments(pattern.url_patterns, route)
            continue
        segment, slash, _ = route.partition("/")
        if slash and segment and not re.search(r"[<(\\[?*+]", segment):
            yield segment


class PublicRouteTests(SimpleTestCase):
    def test_every_app_namespace_is_checked(self):
        """An app's routes renamed or added under a new namespace are not passed over.

        The test below went on to the next name where a namespace was missing, so
        a namespace renamed left its routes unchecked, and passing.
        """
        self.assertEqual(set(get_resolver().namespace_dict) - {"admin"}, set(PUBLIC_NAMESPACES))

    def test_every_named_public_route_reverses_and_resolves(self):
        for namespace in PUBLIC_NAMESPACES:
            for name, kwargs in named_routes(namespace):
                view_name = f"{namespace}:{name}"
                with self.subTest(view_name):
                    url = reverse(view_name, kwargs=kwargs)
                    match = resolve(url)
                    self.assertEqual(match.view_name, view_name, url)
                    self.assertEqual(
                        {key: str(value) for key, value in match.kwargs.items()},
                        {key: str(value) for key, value in kwargs.items()},
                    )

    def test_every_named_route_outside_an_app_reverses_and_resolves(self):
        """robots.txt, the sitemaps, the favicon and the admin's additions, named without
        a namespace: a renamed one broke only the template or link that named it."""
        names = []
        for name, kwargs in named_routes():
            names.append(name)
            with self.subTest(name):
                url = reverse(name, kwargs=kwargs)
                match = resolve(url)
                self.assertEqual(match.url_name, name, url)
                self.assertEqual(
                    {key: str(value) for key, value in match.captured_kwargs.items()},
                    {key: str(value) for key, value in kwargs.items()},
                )
        self.assertIn("robots-txt", names)

    def test_the_core_routes_exist(self):
        self.assertEqual(reverse("articles:home"), "/")
        self.assertEqual(reverse("sections:detail", kwargs={"slug": "europe"}), "/europe/")
        self.assertEqual(reverse("authors:detail", kwargs={"slug": "mara"}), "/authors/mara/")
        self.assertEqual(reverse("sources:detail", kwargs={"slug": "cpa"}), "/sources/cpa/")
        self.assertEqual(reverse("authors:index"), "/authors/")
        self.assertEqual(reverse("sources:index"), "/sources/")
        self.assertEqual(
            reverse(
                "articles:detail",
                kwargs={"section": "europe", "year": 2025, "month": "03", "day": "04",
                        "slug": "pact"},
            ),
            "/europe/2025/03/04/pact/",
        )

    def test_story_and_section_addresses_do_not_collide(self):
        self.assertEqual(resolve("/europe/").view_name, "sections:detail")
        self.assertEqual(resolve("/europe/2025/03/04/pact/").view_name, "articles:detail")
        self.assertEqual(resolve("/authors/mara/").view_name, "authors:detail")
        self.assertEqual(resolve("/sources/cpa/").view_name, "sources:detail")
        self.assertEqual(resolve("/sources/").view_name, "sources:index")

    def test_every_root_address_the_site_uses_is_a_reserved_section_slug(self):
        """Sections live at the root, so a section must never take a route's first segment.

        If this fails, add the new segment to ``sections.models.RESERVED_SLUGS``.
        """
        used = set(first_segments(get_resolver().url_patterns))
        self.assertTrue(used, "no root routes found")
        self.assertEqual(used - RESERVED_SLUGS, set())


class FaviconTests(SimpleTestCase):
    def test_favicon_ico_redirects_to_the_site_icon(self):
        response = self.client.get("/favicon.ico")
        self.assertEqual(response.status_code, 301)
        self.assertTrue(response["Location"].endswith("img/favicon.svg"))


    def test_favicon_redirect_works_with_debug_urls_too(self):
        """Under DEBUG the URL module also serves media; that must not break the icon."""
        import importlib

        from django.test import RequestFactory, override_settings

        import newsroom.urls

        self.addCleanup(importlib.reload, newsroom.urls)
        with override_settings(DEBUG=True):
            module = importlib.reload(newsroom.urls)
            response = module.favicon(RequestFactory().get("/favicon.ico"))
        self.assertEqual(response.status_code, 301)
        self.assertTrue(response["Location"].endswith("img/favicon.svg"))


class EditorUploadConfigTests(SimpleTestCase):
    def test_pasted_images_are_uploaded_to_the_checked_endpoint(self):
        """CKEditor's paste/drop uploads go to our view, not into the body as data: URLs."""
        from django.conf import settings

        config = settings.CKEDITOR_CONFIGS["default"]
        self.assertEqual(config["uploadUrl"], reverse("ckeditor_upload"))
