"""The About pages: editors write them in the admin; readers find them from every page's footer."""

import io

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.models import Site
from django.core.cache import caches
from django.core.management import call_command
from django.test import TestCase, override_settings

from articles.roles import EDITORS, WRITERS, ensure_roles
from articles.sanitiser import BodyRefused
from pages.admin import AboutPageForm
from pages.models import AboutPage
from tests.articles.test_admin_workflow import form_fields
from tests.factories import make_article, make_user
from tests.test_page_cache import LOCMEM, ONE_PROCESS

# Lists pasted 5,000 deep: more than the sanitiser takes (articles/body_limits.py).
DEEP_LISTS = "<ul><li>" * 5_000 + "Point" + "</li></ul>" * 5_000


def make_page(url, title, content="<p>Words.</p>", *, site_id=None, **fields):
    page = AboutPage.objects.create(url=url, title=title, content=content, **fields)
    page.sites.add(site_id or settings.SITE_ID)
    return page


class AboutIndexTests(TestCase):
    def test_answers_without_any_page_written(self):
        """The footer links here on every install, so it never 404s: the tagline stands in."""
        with self.assertNumQueries(2):  # the navigation's sections, the pages
            response = self.client.get("/about/")
        self.assertContains(response, "<h1 class=\"page-header__title\">About us</h1>", html=True)
        self.assertContains(response, settings.NEWSROOM_TAGLINE)
        self.assertContains(response, 'href="/authors/"')
        self.assertContains(response, 'href="/corrections/"')

    def test_shows_the_page_written_for_it_and_lists_the_others_by_address(self):
        make_page("/about/", "Who we are", "<p>An independent desk.</p>")
        make_page("/about/standards/", "Editorial standards")
        make_page("/about/contact/", "Contact us")
        with self.assertNumQueries(2):
            response = self.client.get("/about/")
        self.assertContains(response, "<title>Who we are | Newsroom</title>", html=True)
        self.assertContains(response, "<p>An independent desk.</p>", html=True)
        self.assertNotContains(response, settings.NEWSROOM_TAGLINE + "</p>\n</header>")
        listed = response.content.decode()
        self.assertLess(
            listed.index('href="/about/contact/"'), listed.index('href="/about/standards/"')
        )
        # The About page is not listed under itself.
        self.assertNotIn('href="/about/">Who we are', listed)

    def test_pages_of_another_site_or_for_signed_in_readers_are_not_listed(self):
        other = Site.objects.create(domain="other.example", name="Other")
        make_page("/about/jobs/", "Jobs at the other paper", site_id=other.pk)
        make_page("/about/staff-only/", "Staff handbook", registration_required=True)
        response = self.client.get("/about/")
        self.assertNotContains(response, "Jobs at the other paper")
        self.assertNotContains(response, "Staff handbook")
        self.assertEqual(self.client.get("/about/jobs/").status_code, 404)
        self.assertEqual(self.client.get("/about/staff-only/").status_code, 404)

    def test_every_public_page_links_to_it_from_the_footer(self):
        story = make_article()
        for path in ("/", story.get_absolute_url(), "/authors/", "/corrections/", "/search/?q=x"):
            with self.subTest(path=path):
                self.assertContains(
                    self.client.get(path), '<a href="/about/">About us</a>', html=True
                )

    def test_only_get_and_head(self):
        self.assertEqual(self.client.post("/about/").status_code, 405)
        self.assertEqual(self.client.head("/about/").status_code, 200)


class AboutPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.contact = make_page(
            "/about/contact/",
            "Contact us",
            '<h2>The desk</h2><p><a href="mailto:d@example.org">Write</a></p>',
        )
        cls.privacy = make_page("/about/privacy/", "Privacy")

    def test_a_page_with_the_others_beside_it(self):
        with self.assertNumQueries(2):  # the navigation's sections, the pages
            response = self.client.get("/about/contact/")
        self.assertContains(response, "<title>Contact us | Newsroom</title>", html=True)
        self.assertContains(
            response, '<p class="kicker"><a href="/about/">About us</a></p>', html=True
        )
        self.assertContains(
            response,
            '<a href="mailto:d@example.org" rel="noopener noreferrer">Write</a>',
            html=True,
        )
        # The heading is a sentence of its own, not run into the paragraph under it.
        self.assertContains(response, '<meta name="description" content="The desk. Write">')
        self.assertContains(
            response, '<a href="/about/contact/" aria-current="page">Contact us</a>', html=True
        )
        self.assertContains(response, '<a href="/about/privacy/">Privacy</a>', html=True)

    def test_an_address_without_its_slash_is_sent_to_the_page(self):
        response = self.client.get("/about/contact")
        self.assertRedirects(response, "/about/contact/", status_code=301)

    def test_an_unknown_page_is_a_404(self):
        self.assertEqual(self.client.get("/about/nothing-here/").status_code, 404)
        self.assertEqual(self.client.get("/about/contact/extra/").status_code, 404)

    def test_the_title_is_text_not_markup(self):
        make_page("/about/jobs/", "Jobs <b>now</b>")
        response = self.client.get("/about/jobs/")
        self.assertContains(response, "Jobs &lt;b&gt;now&lt;/b&gt;")
        self.assertNotContains(response, "<b>now</b>")


class CleaningTests(TestCase):
    def test_the_text_is_cleaned_to_the_story_allowlist_whoever_saves_it(self):
        page = make_page(
            "/about/jobs/",
            "Jobs\x00 at the desk",
            '<p onclick="steal()">We hire.</p><script>alert(1)</script>'
            '<p><a href="javascript:alert(1)">Apply</a></p><style>.ad{}</style>',
        )
        page.refresh_from_db()
        self.assertEqual(page.title, "Jobs at the desk")
        self.assertNotIn("onclick", page.content)
        self.assertNotIn("script", page.content)
        self.assertNotIn("javascript:", page.content)
        self.assertNotIn(".ad{}", page.content)
        self.assertIn("<p>We hire.</p>", page.content)

    def test_text_nested_too_deep_is_refused_whoever_saves_it(self):
        """As a story's body is (tests/articles/test_body_limits.py): nh3 would take
        seconds over it. From the shell or a fixture, the error says why."""
        with self.assertRaisesMessage(BodyRefused, "tags nested more than 100 deep"):
            make_page("/about/jobs/", "Jobs", DEEP_LISTS)
        self.assertFalse(AboutPage.objects.exists())


class AdminFormTests(TestCase):
    def form(self, url, instance=None, **data):
        data = {"url": url, "title": "Contact us", "content": "<p>Write to us.</p>", **data}
        return AboutPageForm(data, instance=instance)

    def test_an_address_is_always_under_about(self):
        for typed, stored in [
            ("contact", "/about/contact/"),
            ("/contact/", "/about/contact/"),
            ("/about/contact", "/about/contact/"),
            (" /about/contact/ ", "/about/contact/"),
            ("/about/", "/about/"),
            ("about", "/about/"),
            ("/about/people/jobs/", "/about/people/jobs/"),
            ("aboutface", "/about/aboutface/"),
            ("/about-us/", "/about/about-us/"),
            # In lower case, as every other address here.
            ("About/Team", "/about/team/"),
        ]:
            with self.subTest(typed=typed):
                form = self.form(typed)
                self.assertTrue(form.is_valid(), form.errors)
                self.assertEqual(form.cleaned_data["url"], stored)

    def test_a_broken_or_taken_address_is_refused_with_a_reason(self):
        make_page("/about/contact/", "Contact")
        form = self.form("/about/contact/")
        self.assertFalse(form.is_valid())
        self.assertEqual(
            form.errors["url"], ["Another page already has the address “/about/contact/”."]
        )
        for typed in ("/about//contact/", "/about/../admin/", "contact us", "<x>", "x" * 95):
            with self.subTest(typed=typed):
                form = self.form(typed)
                self.assertFalse(form.is_valid())
                self.assertIn("url", form.errors)

    def test_a_page_keeps_its_own_address_when_edited(self):
        page = make_page("/about/contact/", "Contact")
        form = self.form("/about/contact/", instance=page, title="Contact the desk")
        self.assertTrue(form.is_valid(), form.errors)

    def test_a_picture_readers_browsers_would_refuse_is_refused_on_the_text(self):
        """Saved, the page went public with a broken box where the picture was: the
        site's Content-Security-Policy lets no other site's images in."""
        picture = '<img src="https://tracker.example/x.gif" alt="x">'
        form = self.form("jobs", content=f"<p>Join us.</p><p>{picture}</p>")
        self.assertFalse(form.is_valid())
        self.assertEqual(
            form.errors["content"],
            [
                "The text shows an image from tracker.example; readers' browsers will not "
                "load it. Upload the image instead (Image → Upload)."
            ],
        )

    def test_a_page_needs_a_title_and_text(self):
        form = self.form("contact", title="", content="")
        self.assertFalse(form.is_valid())
        self.assertEqual(set(form.errors), {"title", "content"})


class AdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        ensure_roles()
        cls.editor = make_user("editor", staff=True, groups=[EDITORS])
        cls.writer = make_user("writer", staff=True, groups=[WRITERS])

    def test_an_editor_writes_a_page_on_this_site(self):
        self.client.force_login(self.editor)
        response = self.client.post(
            "/admin/pages/aboutpage/add/",
            {"url": "contact", "title": "Contact us", "content": "<p>Write to the desk.</p>"},
        )
        self.assertRedirects(response, "/admin/pages/aboutpage/")
        page = AboutPage.objects.get()
        self.assertEqual(page.url, "/about/contact/")
        self.assertEqual(list(page.sites.values_list("pk", flat=True)), [settings.SITE_ID])
        self.assertContains(self.client.get("/about/contact/"), "Write to the desk.")

    def test_a_refused_page_keeps_what_was_typed(self):
        make_page("/about/contact/", "Contact")
        self.client.force_login(self.editor)
        response = self.client.post(
            "/admin/pages/aboutpage/add/",
            {"url": "contact", "title": "Contact the desk", "content": "<p>Long text typed.</p>"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Another page already has the address")
        self.assertContains(response, "Contact the desk")
        self.assertContains(response, "Long text typed.")

    def test_text_nested_too_deep_is_refused_on_the_field_and_kept(self):
        self.client.force_login(self.editor)
        response = self.client.post(
            "/admin/pages/aboutpage/add/",
            {"url": "contact", "title": "Contact us", "content": DEEP_LISTS},
        )
        self.assertEqual(response.status_code, 200)
        form = response.context["adminform"].form
        self.assertEqual(list(form.errors), ["content"])
        self.assertIn("tags nested more than 100 deep", form.errors["content"][0])
        self.assertEqual(form["content"].value(), DEEP_LISTS)
        self.assertFalse(AboutPage.objects.exists())

    def test_a_page_given_a_new_address_keeps_its_old_one_working(self):
        """Shared links to /about/contact/ gave a 404 once it became /about/contact-us/."""
        page = make_page("/about/contact/", "Contact")
        self.client.force_login(self.editor)
        form = form_fields(self.client.get(f"/admin/pages/aboutpage/{page.pk}/change/"))
        response = self.client.post(
            f"/admin/pages/aboutpage/{page.pk}/change/", {**form, "url": "contact-us"}
        )
        self.assertRedirects(response, "/admin/pages/aboutpage/")
        self.client.logout()
        self.assertRedirects(
            self.client.get("/about/contact/"), "/about/contact-us/", status_code=301
        )

    def test_writers_cannot_touch_the_pages(self):
        self.client.force_login(self.writer)
        self.assertEqual(self.client.get("/admin/pages/aboutpage/add/").status_code, 403)
        self.assertNotContains(self.client.get("/admin/"), "About pages")

    def test_the_list_names_each_page_and_its_address(self):
        make_page("/about/contact/", "Contact us")
        self.client.force_login(self.editor)
        response = self.client.get("/admin/pages/aboutpage/")
        self.assertContains(response, "Address")
        self.assertContains(response, '<td class="field-address">/about/contact/</td>', html=True)

    def test_the_raw_flat_pages_are_not_listed_twice(self):
        self.client.force_login(make_user(superuser=True))
        index = self.client.get("/admin/").content.decode()
        self.assertIn("About pages", index)
        self.assertNotIn("/admin/flatpages/", index)

    def test_view_on_site_goes_to_the_page(self):
        page = make_page("/about/contact/", "Contact")
        self.client.force_login(self.editor)
        content_type = ContentType.objects.get_for_model(AboutPage, for_concrete_model=False)
        response = self.client.get(f"/admin/r/{content_type.pk}/{page.pk}/")
        self.assertRedirects(response, "/about/contact/")


class SitemapTests(TestCase):
    def test_about_is_listed_even_before_a_page_is_written(self):
        response = self.client.get("/sitemap-pages.xml")
        self.assertContains(response, "<loc>http://example.com/about/</loc>")

    def test_pages_readers_may_open_are_listed_once(self):
        make_page("/about/", "About us")
        make_page("/about/contact/", "Contact")
        make_page("/about/staff-only/", "Staff", registration_required=True)
        body = self.client.get("/sitemap-pages.xml").content.decode()
        self.assertEqual(body.count("<loc>http://example.com/about/</loc>"), 1)
        self.assertIn("<loc>http://example.com/about/contact/</loc>", body)
        self.assertNotIn("staff-only", body)
        self.assertIn("sitemap-pages.xml", self.client.get("/sitemap.xml").content.decode())


@override_settings(PAGE_CACHE_ENABLED=True, CACHES=LOCMEM, **ONE_PROCESS)
class PageCacheTests(TestCase):
    def setUp(self):
        caches["default"].clear()

    # Pages are made inside a captured block too: a change joins the invalidation
    # already waiting at the same savepoint, which must be run as well.
    def test_the_pages_are_cached_and_an_edit_reaches_readers(self):
        with self.captureOnCommitCallbacks(execute=True):
            page = make_page("/about/contact/", "Contact us", "<p>Old address.</p>")
        self.client.get("/about/contact/")
        with self.assertNumQueries(0):
            response = self.client.get("/about/contact/")
        self.assertEqual(response["X-Page-Cache"], "hit")
        with self.captureOnCommitCallbacks(execute=True):
            page.content = "<p>New address.</p>"
            page.save()
        response = self.client.get("/about/contact/")
        self.assertEqual(response["X-Page-Cache"], "miss")
        self.assertContains(response, "New address.")

    def test_deleting_a_page_takes_it_off_the_about_page(self):
        with self.captureOnCommitCallbacks(execute=True):
            page = make_page("/about/jobs/", "Jobs")
        self.assertContains(self.client.get("/about/"), "Jobs")
        with self.captureOnCommitCallbacks(execute=True):
            page.delete()
        self.assertNotContains(self.client.get("/about/"), "Jobs")


class DemoTests(TestCase):
    def test_the_demo_writes_the_pages_once_and_keeps_an_editors_changes(self):
        call_command("load_demo", "--force", stdout=io.StringIO())
        urls = list(AboutPage.objects.values_list("url", flat=True))
        self.assertEqual(
            urls, ["/about/", "/about/contact/", "/about/privacy/", "/about/standards/"]
        )
        AboutPage.objects.filter(url="/about/contact/").update(title="Write to us")
        call_command("load_demo", "--force", stdout=io.StringIO())
        self.assertEqual(AboutPage.objects.count(), 4)
        self.assertEqual(AboutPage.objects.get(url="/about/contact/").title, "Write to us")
        self.assertContains(self.client.get("/about/"), "independent world-news desk")
