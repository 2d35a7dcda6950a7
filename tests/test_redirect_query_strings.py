"""A moved address still answers when the link to it carries a query string.

Facebook adds ``?fbclid=`` to every link shared there, newsletters add
``?utm_source=``, and a list page's link carries ``?page=``. A story, author
or source renamed since the link was shared must still 301 to its new
address, with the query kept: the campaign tags still count and the reader
lands on the page they asked for.
"""

from django.contrib.messages import get_messages
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.core.cache import caches
from django.test import TestCase, override_settings
from django.urls import reverse

from articles import services
from articles.roles import EDITORS, ensure_roles
from tests.factories import make_article, make_author, make_section, make_source, make_user

LOCMEM = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "tests-redirect-query-strings",
    }
}


def keep(old_path, new_path):
    return Redirect.objects.create(
        site=Site.objects.get_current(), old_path=old_path, new_path=new_path
    )


def rename(row, slug):
    """Give an author or source a new slug and keep its old addresses, as the admin does."""
    before = type(row).objects.get(pk=row.pk)
    row.slug = slug
    row.save()
    services.keep_renamed_addresses(before, row)
    return row


class RenamedAddressTests(TestCase):
    """The redirects kept on a rename (``articles.services.keep_old_addresses``)."""

    @classmethod
    def setUpTestData(cls):
        cls.story = make_article(slug="talks-resume")
        cls.old_story_url = cls.story.get_absolute_url()
        cls.story.slug = "talks-resume-in-geneva"
        cls.story.save()
        services.redirect_old_url(cls.story, cls.old_story_url)

        # Each with a public story: a page readers can see, and so a kept old address.
        priya = make_author(name="Priya Raman", slug="priya-raman")
        harbour = make_source(name="Harbour Wire", slug="harbour-wire")
        make_article(authors=[priya], origin=harbour)
        cls.author = rename(priya, "priya-raman-qa")
        cls.source = rename(harbour, "harbour-wire-service")

    def test_a_renamed_story_keeps_the_tracking_tags_of_a_shared_link(self):
        new = self.story.get_absolute_url()
        for query in ("fbclid=IwAR2abc", "utm_source=newsletter&utm_medium=email"):
            with self.subTest(query):
                response = self.client.get(f"{self.old_story_url}?{query}")
                self.assertEqual(response.status_code, 301)
                self.assertEqual(response["Location"], f"{new}?{query}")

    def test_an_address_typed_with_capitals_leads_to_its_page(self):
        """Slugs are lower case; "/World/" or a shouted story address still arrives."""
        story_url = self.story.get_absolute_url()
        section_url = self.story.section.get_absolute_url()
        for typed, lands in (
            (section_url.upper() + "?utm_source=mail", section_url + "?utm_source=mail"),
            (story_url.replace("talks-resume-in-geneva", "Talks-Resume-In-Geneva"), story_url),
            # A renamed story's old address, typed in capitals: one hop to its kept
            # redirect, then on to the story.
            (self.old_story_url.upper(), self.old_story_url),
            ("/Search/?q=Jordan", "/search/?q=Jordan"),
        ):
            with self.subTest(typed):
                response = self.client.get(typed)
                self.assertRedirects(
                    response, lands, status_code=301, fetch_redirect_response=False
                )
                self.assertIn(self.client.get(lands).status_code, (200, 301))
        # A section's address with nothing there in lower case either: one hop, then the 404.
        self.assertRedirects(
            self.client.get("/No-Such-Page/"), "/no-such-page/", 301, target_status_code=404
        )
        # A POST is never redirected; a section's address takes GET and HEAD only.
        self.assertEqual(self.client.post("/No-Such-Page/").status_code, 405)
        # Not a public page's address: case may matter there (a signed preview token).
        self.assertEqual(self.client.get("/preview/shared/Not-A-Token/").status_code, 404)
        self.assertEqual(self.client.get("/Admin/Nothing/").status_code, 404)
        # Letters no slug has are no capitals to lower: "/about/%FF/" was sent on to
        # "/about/%25ff/" and "/about/CAF%C3%89/" to "/about/caf%c3%89/", both 404s.
        for typed in ("/about/%FF/", "/about/CAF%C3%89/"):
            with self.subTest(typed):
                self.assertEqual(self.client.get(typed).status_code, 404)

    def test_the_new_address_answers_the_redirected_link(self):
        response = self.client.get(f"{self.old_story_url}?utm_source=newsletter", follow=True)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response.redirect_chain,
            [(f"{self.story.get_absolute_url()}?utm_source=newsletter", 301)],
        )

    def test_a_renamed_authors_later_page_stays_a_later_page(self):
        response = self.client.get("/authors/priya-raman/?page=2")
        self.assertEqual(response.status_code, 301)
        self.assertEqual(response["Location"], "/authors/priya-raman-qa/?page=2")

    def test_a_renamed_authors_feed_keeps_its_query(self):
        response = self.client.get("/feeds/authors/priya-raman/rss/?utm_source=feedly")
        self.assertEqual(response.status_code, 301)
        self.assertEqual(
            response["Location"], "/feeds/authors/priya-raman-qa/rss/?utm_source=feedly"
        )

    def test_a_renamed_source_keeps_the_query(self):
        response = self.client.get("/sources/harbour-wire/?fbclid=abc&page=3")
        self.assertEqual(response.status_code, 301)
        self.assertEqual(response["Location"], "/sources/harbour-wire-service/?fbclid=abc&page=3")

    def test_a_head_request_gets_the_same_redirect(self):
        response = self.client.head("/authors/priya-raman/?page=2")
        self.assertEqual(response.status_code, 301)
        self.assertEqual(response["Location"], "/authors/priya-raman-qa/?page=2")

    def test_the_query_is_passed_on_as_it_was_sent(self):
        """Encoded characters are neither decoded nor encoded twice."""
        response = self.client.get("/authors/priya-raman/?q=caf%C3%A9+cr%C3%A8me&x=%2F")
        self.assertEqual(
            response["Location"], "/authors/priya-raman-qa/?q=caf%C3%A9+cr%C3%A8me&x=%2F"
        )

    def test_an_address_without_a_query_gets_none(self):
        response = self.client.get("/authors/priya-raman/")
        self.assertEqual(response["Location"], "/authors/priya-raman-qa/")

    def test_an_unknown_address_with_a_query_is_still_a_404(self):
        self.assertEqual(self.client.get("/authors/nobody/?page=2").status_code, 404)

    @override_settings(PAGE_CACHE_ENABLED=True, CACHES=LOCMEM)
    def test_the_page_cache_neither_hides_nor_keeps_the_redirect(self):
        """The page cache runs first; a page number is a query it stores pages under."""
        caches["default"].clear()
        self.addCleanup(caches["default"].clear)
        for _ in range(2):
            response = self.client.get("/authors/priya-raman/?page=2")
            self.assertEqual(response.status_code, 301)
            self.assertEqual(response["Location"], "/authors/priya-raman-qa/?page=2")


class StoredRedirectTests(TestCase):
    """Redirects as an editor may add them in the admin's Redirects list."""

    @classmethod
    def setUpTestData(cls):
        cls.site = Site.objects.get_current()

    def test_a_redirect_stored_with_its_query_wins_over_its_bare_path(self):
        """An old CMS's ``/story.php?id=12`` is one story; ``/story.php`` alone another page."""
        keep("/story.php?id=12", "/world/2020/01/02/old-story/")
        keep("/story.php", "/")
        response = self.client.get("/story.php?id=12")
        self.assertEqual(response["Location"], "/world/2020/01/02/old-story/")
        response = self.client.get("/story.php?id=13")
        self.assertEqual(response["Location"], "/?id=13")

    def test_a_new_address_with_a_query_keeps_it_and_gains_the_links(self):
        keep("/election/", "/search/?q=election")
        response = self.client.get("/election/?utm_source=newsletter&q=vote")
        self.assertEqual(response.status_code, 301)
        # The redirect's own q wins; the newsletter's tag is added.
        self.assertEqual(response["Location"], "/search/?q=election&utm_source=newsletter")

    def test_the_query_goes_before_a_fragment(self):
        keep("/live/", "/world/2026/11/28/summit/#latest")
        response = self.client.get("/live/?fbclid=abc")
        self.assertEqual(response["Location"], "/world/2026/11/28/summit/?fbclid=abc#latest")

    @override_settings(REDIRECT_HOSTS=["podcasts.example.net"])
    def test_a_redirect_to_another_site_keeps_the_query(self):
        keep("/podcast/", "https://podcasts.example.net/newsroom")
        response = self.client.get("/podcast/?utm_source=x")
        self.assertEqual(response["Location"], "https://podcasts.example.net/newsroom?utm_source=x")

    def test_an_address_kept_as_gone_is_gone_whatever_the_query(self):
        keep("/withdrawn-page/", "")
        for path in ("/withdrawn-page/", "/withdrawn-page/?fbclid=abc"):
            with self.subTest(path):
                self.assertEqual(self.client.get(path).status_code, 410)

    def test_a_missing_slash_is_added_as_before(self):
        """With ``APPEND_SLASH``, a path stored with its slash matches one without."""
        keep("/old-feed.xml/", "/feeds/rss/")
        response = self.client.get("/old-feed.xml?utm_source=x")
        self.assertEqual(response["Location"], "/feeds/rss/?utm_source=x")

    def test_one_query_looks_up_every_form_of_the_address(self):
        """The path with and without its query, and with a slash added: one query."""
        keep("/election", "/search/?q=election")
        # The other query is the section route's, which /election/ would match.
        with self.assertNumQueries(2):
            response = self.client.get("/election?utm_source=x&page=2")
        self.assertEqual(response.status_code, 301)


class StoryCanonicalRedirectTests(TestCase):
    """The story page's own 301 to its canonical address (a wrong section or date)."""

    @classmethod
    def setUpTestData(cls):
        make_section(slug="world")
        cls.story = make_article(slug="energy-pact", section=make_section(slug="europe"))

    def wrong_address(self):
        return self.story.get_absolute_url().replace("/europe/", "/world/")

    def test_the_query_of_a_wrong_address_is_kept(self):
        response = self.client.get(f"{self.wrong_address()}?utm_source=x&utm_campaign=pact")
        self.assertEqual(response.status_code, 301)
        self.assertEqual(
            response["Location"], f"{self.story.get_absolute_url()}?utm_source=x&utm_campaign=pact"
        )

    def test_a_wrong_address_without_a_query_gets_none(self):
        response = self.client.get(self.wrong_address())
        self.assertEqual(response["Location"], self.story.get_absolute_url())

    def test_encoded_characters_are_kept_as_sent(self):
        response = self.client.get(f"{self.wrong_address()}?q=caf%C3%A9")
        self.assertEqual(response["Location"], f"{self.story.get_absolute_url()}?q=caf%C3%A9")


class RedirectsStayOnTheSiteTests(TestCase):
    """An editor's account could send a story's old address, shared for years, to
    another site's sign-in page: Django's form took any text as the new address."""

    @classmethod
    def setUpTestData(cls):
        ensure_roles()
        cls.editor = make_user("redirector", staff=True, groups=[EDITORS])

    def add(self, old_path, new_path):
        self.client.force_login(self.editor)
        return self.client.post(
            reverse("admin:redirects_redirect_add"),
            {"site": Site.objects.get_current().pk, "old_path": old_path, "new_path": new_path},
        )

    def test_the_add_form_says_what_it_takes_and_chooses_the_one_site(self):
        self.client.force_login(self.editor)
        page = self.client.get(reverse("admin:redirects_redirect_add"))
        self.assertContains(page, "A path on this site, starting with")
        self.assertNotContains(page, "full URL starting with a scheme")
        site = page.context["adminform"].form["site"]
        self.assertEqual(site.value(), Site.objects.get_current().pk)

    def test_the_admin_refuses_an_address_off_the_site(self):
        for new_path in (
            "https://evil.example/login",
            "//evil.example/login",
            "/\\evil.example",
            "javascript:alert(1)",
        ):
            with self.subTest(new_path):
                response = self.add("/europe/2025/01/01/old-story/", new_path)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "Redirects lead to addresses on this site")
        self.assertFalse(Redirect.objects.exists())

    def test_the_admin_keeps_a_path_on_the_site_and_an_empty_one_for_gone(self):
        self.assertEqual(self.add("/old-story/", " /europe/new-story/ ").status_code, 302)
        self.assertEqual(self.add("/gone-story/", "").status_code, 302)
        self.assertEqual(
            dict(Redirect.objects.values_list("old_path", "new_path")),
            {"/old-story/": "/europe/new-story/", "/gone-story/": ""},
        )
        self.assertEqual(self.client.get("/gone-story/").status_code, 410)

    def test_a_row_written_around_the_admin_is_not_followed_off_the_site(self):
        keep("/old-story/", "https://evil.example/login")
        with self.assertLogs("newsroom.middleware", "WARNING"):
            response = self.client.get("/old-story/?utm_source=x")
        self.assertEqual(response.status_code, 404)

    @override_settings(REDIRECT_HOSTS=["podcasts.example.net"])
    def test_a_host_the_operator_lists_may_be_redirected_to(self):
        podcast = self.add("/podcast/", "https://podcasts.example.net/newsroom")
        self.assertEqual(podcast.status_code, 302)
        response = self.add("/shop/", "https://shop.example.net/")
        self.assertContains(response, "needs its host in the site&#x27;s REDIRECT_HOSTS setting")
        self.assertEqual(
            list(Redirect.objects.values_list("new_path", flat=True)),
            ["https://podcasts.example.net/newsroom"],
        )

    @override_settings(
        NEWSROOM_DOMAIN="news.example", ALLOWED_HOSTS=["testserver", ".news.example"]
    )
    def test_the_sites_own_host_names_are_on_the_site(self):
        """The site's own address written in full was refused, and such a redirect
        already stored stopped working."""
        for number, new_path in enumerate(
            ("https://news.example/europe/new/", "https://www.news.example/europe/?page=2")
        ):
            with self.subTest(new_path):
                self.assertEqual(self.add(f"/old-{number}/", new_path).status_code, 302)
        # The site's own host written out is kept as the path it is, which the checks
        # below and a move's rewriting read; a host ".news.example" admits may be
        # another site on the domain (the shop's), and keeps its host.
        self.assertEqual(
            dict(Redirect.objects.values_list("old_path", "new_path")),
            {"/old-0/": "/europe/new/", "/old-1/": "https://www.news.example/europe/?page=2"},
        )
        keep("/kept/", "https://news.example/europe/new/")
        response = self.client.get("/kept/", HTTP_HOST="news.example")
        self.assertEqual(response.status_code, 301)
        self.assertContains(
            self.add("/trick/", "https://evil.example\\@news.example/"),
            "Redirects lead to addresses on this site",
        )


    @override_settings(NEWSROOM_DOMAIN="news.example", ALLOWED_HOSTS=["testserver", "news.example"])
    def test_a_story_taken_down_answers_410_however_its_redirect_names_it(self):
        """A redirect naming the story in full, on the site's own host, skipped the
        check made for a path: it went on sending readers to a story taken down
        on legal advice (301), where the same redirect as a path answered 410."""
        story = make_article(slug="suspect-named", section=make_section(slug="europe"))
        path = story.get_absolute_url()
        keep("/as-path/", path)
        keep("/as-url/", f"https://news.example{path}")
        self.assertEqual(self.client.get("/as-url/").status_code, 301)
        services.archive(story, user=self.editor, note="Legal")
        for old_path in ("/as-path/", "/as-url/"):
            with self.subTest(old_path):
                response = self.client.get(old_path)
                self.assertEqual(response.status_code, 410)
                self.assertNotContains(response, "suspect-named", status_code=410)

    @override_settings(
        NEWSROOM_DOMAIN="news.example",
        ALLOWED_HOSTS=["testserver", "news.example", ".news.example"],
        REDIRECT_HOSTS=["shop.news.example"],
    )
    def test_another_site_on_the_domain_keeps_its_host_and_an_anchor_its_address(self):
        """The shop's address was saved as "/gift/", a 404 on the news site."""
        for old_path, new_path, kept in (
            ("/shop/", "https://shop.news.example/gift/", "https://shop.news.example/gift/"),
            ("/pod/", "https://podcast.news.example/12/", "https://podcast.news.example/12/"),
            (
                "/standards/",
                "https://news.example/about/standards/#corrections",
                "https://news.example/about/standards/#corrections",
            ),
        ):
            with self.subTest(new_path):
                self.assertEqual(self.add(old_path, new_path).status_code, 302)
                self.assertEqual(Redirect.objects.get(old_path=old_path).new_path, kept)

    def test_a_redirect_to_itself_or_on_to_another_is_refused(self):
        """"/a/" to "/a/", or "/y/" back to "/x/", sent browsers round until they gave up."""
        self.assertContains(self.add("/a/", "/a/"), "lead the old address to itself")
        self.assertEqual(self.add("/x/", "/y/").status_code, 302)
        self.assertContains(
            self.add("/y/", "/x/"), "“/x/” is itself redirected on to “/y/”"
        )
        self.assertEqual(self.add("/c/", "/d/").status_code, 302)
        self.assertContains(self.add("/b/", "/c/"), "lead this address straight there")
        self.assertEqual(
            sorted(Redirect.objects.values_list("old_path", "new_path")),
            [("/c/", "/d/"), ("/x/", "/y/")],
        )

    def test_those_that_led_to_a_redirected_address_lead_straight_on(self):
        self.assertEqual(self.add("/old-a/", "/a/").status_code, 302)
        response = self.add("/a/", "/europe/new-a/")
        self.assertEqual(response.status_code, 302)
        self.assertEqual(
            dict(Redirect.objects.values_list("old_path", "new_path")),
            {"/old-a/": "/europe/new-a/", "/a/": "/europe/new-a/"},
        )
        self.assertIn(
            "1 other redirect that led to “/a/” now leads straight to “/europe/new-a/”.",
            [str(message) for message in get_messages(response.wsgi_request)],
        )
        self.assertEqual(self.client.get("/old-a/")["Location"], "/europe/new-a/")

    def test_the_editor_is_told_how_many_redirects_now_lead_straight_on(self):
        self.add("/old-a/", "/a/")
        self.add("/older-a/", "/a/")
        response = self.add("/a/", "")
        self.assertIn(
            "2 other redirects that led to “/a/” now lead straight to “gone for good (410)”.",
            [str(message) for message in get_messages(response.wsgi_request)],
        )

    def test_an_old_address_with_accents_or_spaces_is_kept_as_requests_send_it(self):
        """Saved as typed, "/café-old/" never matched the request's encoded path: 404."""
        self.assertEqual(self.add("/café-old/", "/europe/").status_code, 302)
        self.assertEqual(self.add("/Old Page/", "/europe/").status_code, 302)
        self.assertEqual(
            sorted(Redirect.objects.values_list("old_path", flat=True)),
            ["/Old%20Page/", "/caf%C3%A9-old/"],
        )
        for requested in ("/café-old/", "/caf%C3%A9-old/", "/Old%20Page/"):
            with self.subTest(requested):
                response = self.client.get(requested)
                self.assertEqual((response.status_code, response["Location"]), (301, "/europe/"))

    def test_a_redirect_from_a_live_page_is_saved_with_a_warning(self):
        """It was saved without a word, and did nothing: redirects are followed on a 404."""
        make_section(name="Europe", slug="europe")
        # An address that is no page is redirected without a word.
        response = self.add("/old-desk/", "/world/")
        self.assertFalse(
            [m for m in get_messages(response.wsgi_request) if "readers see now" in str(m)]
        )
        response = self.add("/europe/", "/world/")
        self.assertEqual(response.status_code, 302)
        said = [str(message) for message in get_messages(response.wsgi_request)]
        self.assertIn(
            "“/europe/” is the Europe section, which readers see now: the redirect is "
            "followed only once that address is gone (answers “not found”).",
            said,
        )
        self.assertEqual(self.client.get("/europe/").status_code, 200)

    def test_what_a_live_page_is_called(self):
        from articles.services import live_page_at
        from pages.models import AboutPage

        live = make_article(headline="Port reopens", slug="port-reopens")
        draft = make_article(headline="Embargoed", slug="embargoed", status="draft")
        page = AboutPage.objects.create(url="/about/contact/", title="Contact us", content="x")
        page.sites.add(Site.objects.get_current())
        self.assertEqual(live_page_at("/"), "a page of the site")
        self.assertEqual(live_page_at(live.get_absolute_url()), "the story “Port reopens”")
        self.assertEqual(live_page_at(f"/{draft.section.slug}/2026/01/01/embargoed/"), "")
        self.assertEqual(live_page_at("/about/contact/"), "the About page “Contact us”")
        self.assertEqual(live_page_at("/about/nothing/"), "")
        self.assertEqual(live_page_at("/no-such-section/"), "")
