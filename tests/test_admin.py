"""Admin smoke tests: every page of every model in our apps opens, for two kinds of staff.

The loops read ``admin.site._registry``, so a model registered later is covered
without touching this file.
"""

import re
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.contrib.redirects.models import Redirect
from django.db import connection
from django.templatetags.static import static
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Correction, SourceCredit
from articles.roles import EDITORS, WRITERS, ensure_roles
from authors.models import Author, AuthorLink
from sources.models import Source
from tests.factories import make_article, make_author, make_section, make_source, make_user

OUR_APPS = {"sections", "authors", "sources", "articles"}


def our_model_admins():
    return sorted(
        (
            (model, model_admin)
            for model, model_admin in admin.site._registry.items()
            if model._meta.app_label in OUR_APPS
        ),
        key=lambda pair: pair[0]._meta.label,
    )


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


class AdminPagesMixin:
    """Shared rows and the page checks, run once per kind of staff user."""

    @classmethod
    def setUpTestData(cls):
        cls.section = make_section(name="Europe", slug="europe")
        cls.author = make_author(name="Mara Lindqvist", slug="mara-lindqvist", beat=cls.section)
        AuthorLink.objects.create(author=cls.author, label="Site", url="https://mara.example/")
        cls.source = make_source(name="Continental Press Agency", slug="cpa")
        cls.article = make_article(
            headline="Leaders agree energy pact",
            section=cls.section,
            authors=[cls.author, make_author(name="Lucy Fairweather")],
            origin=cls.source,
            cited=[make_source(name="The Northern Ledger")],
        )
        Correction.objects.create(article=cls.article, note="An earlier version misspelt a name.")
        cls.user = cls.make_staff_user()

    def setUp(self):
        self.client.force_login(self.user)

    def test_changelists_list_their_rows(self):
        for model, _ in our_model_admins():
            with self.subTest(model=model._meta.label):
                response = self.client.get(admin_url(model, "changelist"))
                self.assertEqual(response.status_code, 200)
                if model.objects.exists():
                    self.assertGreaterEqual(response.context["cl"].result_count, 1)

    def test_changelist_search(self):
        for model, model_admin in our_model_admins():
            if not model_admin.search_fields:
                continue
            with self.subTest(model=model._meta.label):
                response = self.client.get(admin_url(model, "changelist"), {"q": "e"})
                self.assertEqual(response.status_code, 200)

    def test_search_finds_the_story_by_headline(self):
        response = self.client.get(admin_url(Article, "changelist"), {"q": "energy pact"})
        self.assertContains(response, "Leaders agree energy pact")
        self.assertEqual(response.context["cl"].result_count, 1)

    def test_search_finds_stories_by_writer_or_source_once_each(self):
        make_article(headline="Unrelated story", authors=[make_author(name="Other Writer")])
        for query in ("Lindqvist", "lucy fairweather", "Continental", "Northern Ledger"):
            with self.subTest(query):
                response = self.client.get(admin_url(Article, "changelist"), {"q": query})
                # Found through its bylines or credits, listed once.
                self.assertEqual(response.context["cl"].result_count, 1)
                self.assertEqual(
                    [story.headline for story in response.context["cl"].result_list],
                    ["Leaders agree energy pact"],
                )

    def test_search_finds_a_story_by_its_dateline_or_its_pasted_address(self):
        """The night desk could not find a story by the place it was filed from, nor
        from a reader's link."""
        make_article(headline="Unrelated story", dateline="Lagos")
        Article.objects.filter(pk=self.article.pk).update(dateline="Zanzibar")
        story = Article.objects.get(pk=self.article.pk)
        address = f"https://news.example{story.get_absolute_url()}?utm_source=x#top"
        for query in ("zanzibar", address, story.get_absolute_url()):
            with self.subTest(query):
                self.assertEqual(self.found(query), ["Leaders agree energy pact"])

    def test_an_address_pasted_without_its_scheme_finds_the_story(self):
        """A link copied from a chat or the address bar often comes without "https://"
        ("news.example/europe/…", "www.news.example/…"), with a query or an anchor:
        it was searched as words, and found nothing."""
        path = self.article.get_absolute_url()
        for query in (
            f"news.example{path}",
            f"www.news.example{path}",
            f"news.example{path}?utm_source=x&utm_medium=social",
            f"www.news.example{path}#comments",
            f"news.example:8000{path.rstrip('/')}?ref=home#top",
            f"//news.example{path}",
            f"{path}?utm_source=x#top",
            f"http://news.example{path}",
        ):
            with self.subTest(query):
                self.assertEqual(self.found(query), ["Leaders agree energy pact"])

    def test_a_path_pasted_without_its_first_slash_finds_the_story(self):
        """A path copied from the middle of an address bar or a log often loses its
        first slash ("europe/2026/11/29/eu-energy-pact/"): it was searched as
        words, and found nothing."""
        path = self.article.get_absolute_url().lstrip("/")
        for query in (path, path.rstrip("/"), f"{path}?utm_source=x#top"):
            with self.subTest(query):
                self.assertEqual(self.found(query), ["Leaders agree energy pact"])

    def test_words_with_slashes_that_are_no_storys_address_are_searched_as_words(self):
        """Read as a path only when it is a story's own address: a shorter one,
        even one kept as a redirect to a story, stays words."""
        make_article(headline="Elections/live: the count", slug="count")
        Redirect.objects.create(
            site_id=settings.SITE_ID,
            old_path="/elections/live/",
            new_path=self.article.get_absolute_url(),
        )
        self.assertEqual(self.found("Elections/live"), ["Elections/live: the count"])
        self.assertEqual(self.found("elections/live"), ["Elections/live: the count"])
        self.assertEqual(self.found("europe/2026"), [])

    def test_a_dotted_word_before_a_slash_is_still_searched_as_words(self):
        """Read as a site only when the rest is a story's address: "U.S./Mexico"
        and "news.example/europe/" (a section's) are searched as words."""
        make_article(headline="U.S./Mexico border talks", slug="border-talks")
        self.assertEqual(self.found("U.S./Mexico"), ["U.S./Mexico border talks"])
        self.assertEqual(self.found("news.example/europe/"), [])
        self.assertEqual(self.found("https://[news.example/europe/"), [])

    def test_a_slash_in_words_is_searched_as_words(self):
        """ "Israel/Gaza" had been read as an address: the story slugged "gaza" alone."""
        make_article(headline="Israel/Gaza: talks resume", slug="talks-resume")
        make_article(headline="Gaza truce holds", slug="gaza")
        self.assertEqual(self.found("Israel/Gaza"), ["Israel/Gaza: talks resume"])
        # A section's address is no story's.
        self.assertEqual(self.found("https://news.example/europe/"), [])

    def test_a_word_is_found_whatever_apostrophe_it_is_typed_with(self):
        """Copy comes with the typographer's apostrophe ("the world’s largest") and the
        desk types the keyboard's: "world's largest" found nothing, nor "O'Brien" the
        stories of "Niamh O’Brien" (newsroom/admin_search.py)."""
        make_article(
            headline="Copper miners block the world’s largest mine",
            authors=[make_author(name="Niamh O’Brien")],
        )
        make_article(headline="Rock'n'roll's last tour", slug="last-tour")
        for query, headline in (
            ("world's largest", "Copper miners block the world’s largest mine"),
            ("world’s largest", "Copper miners block the world’s largest mine"),
            ("O'Brien", "Copper miners block the world’s largest mine"),
            ("rock’n’roll’s", "Rock'n'roll's last tour"),
        ):
            with self.subTest(query):
                self.assertEqual(self.found(query), [headline])
        # Quotation marks around words are still the search's own: a phrase.
        self.assertEqual(
            self.found("'largest mine'"), ["Copper miners block the world’s largest mine"]
        )

    def test_a_writers_and_a_sources_apostrophe_either_way(self):
        """The byline's writer box and the source box search the same way."""
        make_author(name="Niamh O’Brien")
        make_source(name="Kyiv's Independent Wire")
        for model, query, name in (
            (Author, "o'brien", "Niamh O’Brien"),
            (Source, "Kyiv’s", "Kyiv's Independent Wire"),
        ):
            with self.subTest(query):
                response = self.client.get(admin_url(model, "changelist"), {"q": query})
                self.assertEqual([row.name for row in response.context["cl"].result_list], [name])
        # In a story's byline, as a writer is chosen.
        response = self.client.get(
            reverse("admin:autocomplete"),
            {
                "term": "o'brien",
                "app_label": "articles",
                "model_name": "byline",
                "field_name": "author",
            },
        )
        self.assertEqual([row["text"] for row in response.json()["results"]], ["Niamh O’Brien"])

    def test_a_renamed_storys_old_address_finds_it(self):
        """A reader's link from before the rename still leads to the story."""
        old_address = self.article.get_absolute_url()
        Redirect.objects.create(
            site_id=settings.SITE_ID,
            old_path=old_address,
            new_path=old_address.replace(self.article.slug, "energy-pact-agreed"),
        )
        Article.objects.filter(pk=self.article.pk).update(slug="energy-pact-agreed")
        self.assertEqual(
            self.found(f"https://news.example{old_address}"), ["Leaders agree energy pact"]
        )

    def found(self, query):
        response = self.client.get(admin_url(Article, "changelist"), {"q": query})
        return [story.headline for story in response.context["cl"].result_list]

    def test_add_pages(self):
        for model, model_admin in our_model_admins():
            with self.subTest(model=model._meta.label):
                response = self.client.get(admin_url(model, "add"))
                request = response.wsgi_request
                expected = 200 if model_admin.has_add_permission(request) else 403
                self.assertEqual(response.status_code, expected)

    def test_change_pages(self):
        for model, _ in our_model_admins():
            with self.subTest(model=model._meta.label):
                obj = model.objects.order_by("pk").first()
                if obj is None:
                    self.skipTest(f"no {model._meta.verbose_name} rows to open")
                response = self.client.get(admin_url(model, "change", obj.pk))
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, str(obj)[:30])

    def test_add_story_with_two_bylines_and_two_sources(self):
        """The real add form with its inline formsets saves bylines in the order given."""
        second_author = make_author(name="Daniel Okafor")
        cited = make_source(name="Pan-African Wire")
        url = admin_url(Article, "add")
        page = self.client.get(url)
        data = self.form_data(page)
        data.update(
            {
                "headline": "Run-off called in presidential election",
                "slug": "run-off-called",
                "standfirst": "No candidate won half the vote.",
                "dateline": "Lusaka",
                "section": self.section.pk,
                "body": "<p>The election goes to a second round.</p>",
                "language": "en",
            }
        )
        # Entered in the "wrong" order on screen: position decides the byline order.
        self.fill_inline(
            data,
            page,
            "bylines",
            [
                {"author": second_author.pk, "position": 1},
                {"author": self.author.pk, "position": 0},
            ],
        )
        self.fill_inline(
            data,
            page,
            "source_credits",
            [
                {"source": self.source.pk, "role": SourceCredit.Role.ORIGIN, "position": 0},
                {"source": cited.pk, "role": SourceCredit.Role.CITED, "position": 0},
            ],
        )
        response = self.client.post(url, data)
        if response.status_code != 302:
            errors = [response.context["adminform"].form.errors] + [
                f.formset.errors for f in response.context["inline_admin_formsets"]
            ]
            self.fail(f"the add form did not save: {errors}")
        article = Article.objects.get(slug="run-off-called")
        self.assertEqual(
            [byline.author for byline in article.bylines.all()], [self.author, second_author]
        )
        self.assertEqual(
            {(c.source, c.role) for c in article.source_credits.all()},
            {(self.source, SourceCredit.Role.ORIGIN), (cited, SourceCredit.Role.CITED)},
        )

    def test_a_source_is_credited_in_one_role_only(self):
        """Origin and cited at once would read "Source: X … Also cited: X"."""
        url, page, data = self.run_off_add_form()
        self.fill_inline(data, page, "bylines", [{"author": self.author.pk, "position": 0}])
        self.fill_inline(
            data,
            page,
            "source_credits",
            [
                {"source": self.source.pk, "role": SourceCredit.Role.ORIGIN, "position": 0},
                {"source": self.source.pk, "role": SourceCredit.Role.CITED, "position": 0},
            ],
        )
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(
            response,
            "Continental Press Agency is listed both as the story’s origin and as cited",
        )
        self.assertFalse(Article.objects.filter(slug="run-off-called").exists())

    def test_sources_in_two_roles_are_named_together(self):
        other = make_source(name="Andean Almanac")
        url, page, data = self.run_off_add_form()
        self.fill_inline(data, page, "bylines", [{"author": self.author.pk, "position": 0}])
        self.fill_inline(
            data,
            page,
            "source_credits",
            [
                {"source": source.pk, "role": role, "position": 0}
                for source in (self.source, other)
                for role in (SourceCredit.Role.ORIGIN, SourceCredit.Role.CITED)
            ],
        )
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(
            response,
            "Andean Almanac, Continental Press Agency are listed both as the story’s origin "
            "and as cited in the text. Keep one role: readers would see the name twice.",
        )
        self.assertFalse(Article.objects.filter(slug="run-off-called").exists())

    def test_the_story_form_lists_the_origin_before_the_sources_cited(self):
        """By the role's stored word, "cited" came first: the origin saved first came back last."""
        cited_first = make_article(
            headline="Talks resume",
            section=self.section,
            authors=[self.author],
            cited=[make_source(name="Andean Almanac")],
        )
        SourceCredit.objects.create(
            article=cited_first, source=self.source, role=SourceCredit.Role.ORIGIN, position=1
        )
        response = self.client.get(admin_url(Article, "change", cited_first.pk))
        (credits,) = (
            inline.formset
            for inline in response.context["inline_admin_formsets"]
            if inline.formset.prefix == "source_credits"
        )
        self.assertEqual(
            [(form.instance.source.name, form.instance.role) for form in credits.initial_forms],
            [
                ("Continental Press Agency", SourceCredit.Role.ORIGIN),
                ("Andean Almanac", SourceCredit.Role.CITED),
            ],
        )

    def test_a_name_chosen_twice_is_named_on_the_second_row(self):
        """Django's words named no one: "Please correct the duplicate data for author"."""
        url, page, data = self.run_off_add_form()
        self.fill_inline(
            data,
            page,
            "bylines",
            [{"author": self.author.pk, "position": 0}, {"author": self.author.pk, "position": 1}],
        )
        self.fill_inline(
            data,
            page,
            "source_credits",
            [
                {"source": self.source.pk, "role": SourceCredit.Role.ORIGIN, "position": 0},
                {"source": self.source.pk, "role": SourceCredit.Role.ORIGIN, "position": 1},
            ],
        )
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 200)
        bylines, credits = (
            inline.formset
            for inline in response.context["inline_admin_formsets"]
            if inline.formset.prefix in ("bylines", "source_credits")
        )
        self.assertEqual(bylines.errors[0], {})
        self.assertEqual(
            bylines.errors[1]["author"],
            [
                "Mara Lindqvist is already on the byline in a row above: "
                "take one of the two rows out."
            ],
        )
        self.assertEqual(
            credits.errors[1]["source"],
            [
                "Continental Press Agency is already credited in this role in a row above: "
                "take one of the two rows out."
            ],
        )
        self.assertNotContains(response, "duplicate")
        # The rows come back as chosen, to take one out.
        self.assertEqual(bylines.forms[1]["author"].value(), str(self.author.pk))
        self.assertFalse(Article.objects.filter(slug="run-off-called").exists())

    def run_off_add_form(self):
        """The add form's address, page and data for a story "Run-off called", without inlines."""
        url = admin_url(Article, "add")
        page = self.client.get(url)
        data = self.form_data(page)
        data.update(
            {
                "headline": "Run-off called",
                "slug": "run-off-called",
                "section": self.section.pk,
                "body": "<p>The election goes to a second round.</p>",
                "language": "en",
            }
        )
        return url, page, data

    @staticmethod
    def form_data(page):
        """The add form's own initial values (hidden fields included), as a browser posts them."""
        form = page.context["adminform"].form
        data = {}
        for name, field in form.fields.items():
            value = form.get_initial_for_field(field, name)
            if value is None or value is False:
                continue
            data[name] = value
        for inline in page.context["inline_admin_formsets"]:
            management = inline.formset.management_form
            for name in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS"):
                data[f"{inline.formset.prefix}-{name}"] = management[name].value()
            data[f"{inline.formset.prefix}-TOTAL_FORMS"] = 0
        return data

    @staticmethod
    def fill_inline(data, page, accessor, rows):
        prefixes = [inline.formset.prefix for inline in page.context["inline_admin_formsets"]]
        assert accessor in prefixes, f"no {accessor} inline on the page: {prefixes}"
        data[f"{accessor}-TOTAL_FORMS"] = len(rows)
        for index, row in enumerate(rows):
            for name, value in row.items():
                data[f"{accessor}-{index}-{name}"] = value


class SuperuserAdminTests(AdminPagesMixin, TestCase):
    @classmethod
    def make_staff_user(cls):
        return make_user("chief", superuser=True)

    def test_delete_page_names_source_credits_plainly(self):
        """It listed "Continental Press Agency (Based on (Source: …)) on Leaders agree…"."""
        response = self.client.get(admin_url(Article, "delete", self.article.pk))
        self.assertContains(
            response, "Continental Press Agency (source) on Leaders agree energy pact"
        )
        self.assertContains(
            response, "The Northern Ledger (cited in the text) on Leaders agree energy pact"
        )
        self.assertNotContains(response, "Source: …")


class StaffWithModelPermsAdminTests(AdminPagesMixin, TestCase):
    """A plain staff account, not a superuser, holding every permission of our apps' models."""

    @classmethod
    def make_staff_user(cls):
        user = make_user("deskhand", staff=True)
        user.user_permissions.set(Permission.objects.filter(content_type__app_label__in=OUR_APPS))
        return user


class StoryFormLayoutTests(TestCase):
    """The story form is laid out for reading what is typed, on a desk or on a phone."""

    def test_headline_and_standfirst_use_the_wide_inputs(self):
        """A normal headline shows whole while it is edited (the default input is 20em)."""
        self.client.force_login(make_user("chief", superuser=True))
        page = self.client.get(admin_url(Article, "add")).content.decode()
        for tag, name in (("input", "headline"), ("textarea", "standfirst")):
            with self.subTest(name):
                field = re.search(rf'<{tag}\b[^>]*\bname="{name}"[^>]*>', page)[0]
                self.assertIn('class="vLargeTextField"', field)

    def test_every_table_header_and_the_sign_in_page_have_words_for_screen_readers(self):
        """The byline and source tables' first header was empty, and the sign-in page
        had no level-one heading to move to."""
        self.assertContains(
            self.client.get(reverse("admin:login")),
            '<h1 class="visually-hidden">Sign in to Newsroom newsdesk</h1>',
            html=True,
        )
        self.client.force_login(make_user("chief", superuser=True))
        page = self.client.get(admin_url(Article, "add")).content.decode()
        headers = re.findall(r'<th class="original">(.*?)</th>', page, re.S)
        self.assertTrue(headers)
        self.assertTrue(all("Saved row" in header for header in headers), headers)

    def test_story_pages_load_the_admin_stylesheet(self):
        """It keeps the body editor inside the form on narrow screens."""
        self.client.force_login(make_user("chief", superuser=True))
        story = make_article()
        for url in (admin_url(Article, "add"), admin_url(Article, "change", story.pk)):
            with self.subTest(url):
                self.assertContains(self.client.get(url), static("css/admin.css"))


class ArticleChangelistQueryTests(TestCase):
    """The story list costs the same few queries for every role, however many rows it shows."""

    @classmethod
    def setUpTestData(cls):
        ensure_roles()
        section = make_section()
        cls.writer = make_user("stringer", staff=True, groups=[WRITERS])
        authors = [make_author(name=f"Reporter {n}") for n in range(4)]
        authors[0].user = cls.writer
        authors[0].save()
        for n in range(30):
            make_article(section=section, authors=[authors[n % 4], authors[(n + 1) % 4]])
        cls.user = make_user("chief", superuser=True)
        cls.editor = make_user("desk-editor", staff=True, groups=[EDITORS])
        # Reporter 0 is on the byline of stories 0, 3, 4, 7, ... 28: the writer's own.
        cls.visible = {cls.user: 30, cls.editor: 30, cls.writer: 15}

    def setUp(self):
        self.client.force_login(self.user)

    def test_changelist_of_30_stories_with_two_bylines_each(self):
        """The byline and section columns are read in bulk, not with a query per row.

        Ten: session, user (with an editor's or writer's permissions, see
        newsroom/auth_backends.py), the three filters' choices (sections,
        authors, sources), one count, the page of stories with their sections
        joined, one prefetch of bylines with their authors joined, and the date
        hierarchy's range and dates.
        """
        url = admin_url(Article, "changelist")
        for user, visible in self.visible.items():
            with self.subTest(user=user.username):
                self.client.force_login(user)
                with self.assertNumQueries(CHANGELIST_QUERIES):
                    response = self.client.get(url)
                self.assertEqual(response.context["cl"].result_count, visible)
                self.assertContains(response, "Reporter 0, Reporter 1")

    def test_changelist_queries_do_not_grow_with_rows(self):
        url = admin_url(Article, "changelist")
        counts = {}
        for user in self.visible:
            self.client.force_login(user)
            with CaptureQueriesContext(connection) as thirty:
                self.client.get(url)
            counts[user] = len(thirty)
        Article.objects.exclude(pk__in=Article.objects.order_by("pk").values("pk")[:3]).delete()
        for user in self.visible:
            with self.subTest(user=user.username):
                self.client.force_login(user)
                with CaptureQueriesContext(connection) as three:
                    response = self.client.get(url)
                self.assertLessEqual(response.context["cl"].result_count, 3)
                self.assertEqual(len(three), counts[user])

    def test_section_filter_names_subsections_without_a_query_each(self):
        """The section filter shows "World › Europe" for every subsection from one query."""
        url = admin_url(Article, "changelist")
        with CaptureQueriesContext(connection) as before:
            self.client.get(url)
        world = make_section(name="World")
        for n in range(5):
            make_section(name=f"Region {n}", parent=world)
        with CaptureQueriesContext(connection) as after:
            response = self.client.get(url)
        self.assertEqual(len(after), len(before))
        self.assertContains(response, "World › Region 4")

    def test_stories_in_a_section_three_levels_deep_cost_no_query_each(self):
        """The section column names "World › Europe › Balkans": its grandparent was read per row."""
        world = make_section(name="World")
        balkans = make_section(name="Balkans", parent=make_section(name="Europe", parent=world))
        Article.objects.update(section=balkans)
        with self.assertNumQueries(CHANGELIST_QUERIES):
            response = self.client.get(admin_url(Article, "changelist"))
        self.assertContains(response, "World › Europe › Balkans</td>", count=30)

    def test_list_rows_leave_the_body_unread(self):
        """A page of the list does not carry 30 story bodies it never shows."""
        response = self.client.get(admin_url(Article, "changelist"))
        story = response.context["cl"].result_list[0]
        self.assertIn("body", story.get_deferred_fields())


class ArticleChangelistOrderTests(TestCase):
    def test_unpublished_stories_come_first_then_newest_published(self):
        """Drafts and stories in review have no publication time; the desk wants them on top."""
        section = make_section()
        older = make_article(section=section, published_at=timezone.now() - timedelta(days=2))
        newer = make_article(section=section, published_at=timezone.now() - timedelta(hours=1))
        draft = make_article(section=section, status=Article.Status.DRAFT, published_at=None)
        review = make_article(section=section, status=Article.Status.REVIEW, published_at=None)
        self.client.force_login(make_user("chief", superuser=True))
        response = self.client.get(admin_url(Article, "changelist"))
        rows = list(response.context["cl"].result_list)
        self.assertEqual(rows, [review, draft, newer, older])


    def test_a_date_filter_no_calendar_holds_is_the_admins_own_bad_filter_answer(self):
        """A year Python cannot hold, or whose next year it cannot reach, was a 500."""
        make_article(section=make_section())
        self.client.force_login(make_user("chief", superuser=True))
        url = admin_url(Article, "changelist")
        for query in (
            "published_at__year=99999999999",
            "published_at__year=9999",
            "published_at__year=2026&published_at__month=13",
        ):
            with self.subTest(query):
                response = self.client.get(f"{url}?{query}")
                self.assertRedirects(response, f"{url}?e=1", fetch_redirect_response=False)

# Pinned, for a superuser, an editor and a writer alike: a change here means the page
# does more (or less) work; say why in the commit.
CHANGELIST_QUERIES = 10


class StaffTimesNameTheirZoneTests(TestCase):
    """Correspondents file from many zones: every time the desk reads says which zone it is in."""

    @classmethod
    def setUpTestData(cls):
        cls.chief = make_user("chief", superuser=True)
        cls.published = make_article(published_at=datetime(2024, 3, 5, 9, 30, tzinfo=UTC))
        cls.scheduled = make_article(published_at=timezone.now() + timedelta(days=400))

    def setUp(self):
        self.client.force_login(self.chief)

    @override_settings(TIME_ZONE="Europe/Paris")
    def test_story_list_times_are_in_the_site_zone_and_say_so(self):
        response = self.client.get(admin_url(Article, "changelist"))
        self.assertContains(response, "5 Mar 2024, 10:30 CET")
        local = timezone.localtime(self.scheduled.published_at)
        self.assertContains(response, f"Scheduled for {local:%-d %b, %H:%M} {local.tzname()}")

    def test_utc_is_named_too(self):
        response = self.client.get(admin_url(Article, "changelist"))
        self.assertContains(response, "5 Mar 2024, 09:30 UTC")

    def test_the_desk_dashboard_names_the_zone(self):
        response = self.client.get(reverse("admin:index"))
        local = timezone.localtime(self.scheduled.published_at)
        self.assertContains(response, f"{local:%-d %b, %H:%M} UTC</time>")


class _ListRows(HTMLParser):
    """The story list's rows: per row, its cells as (tag, class, links' text)."""

    def __init__(self):
        super().__init__()
        self.rows, self.cell, self.link = [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tr":
            self.rows.append([])
        elif tag in ("th", "td") and self.rows:
            self.cell = {"tag": tag, "class": attrs.get("class", ""), "links": []}
            self.rows[-1].append(self.cell)
        elif tag == "a" and self.cell is not None:
            self.link = []
            self.cell["links"].append(self.link)
        elif tag == "img" and self.link is not None:
            self.link.append(attrs.get("alt") or "")

    def handle_endtag(self, tag):
        if tag == "a" and self.link is not None:
            self.cell["links"][-1] = "".join(self.link).strip()
            self.link = None
        elif tag in ("th", "td"):
            self.cell = None

    def handle_data(self, data):
        if self.link is not None:
            self.link.append(data)


class StoryListRowHeaderTests(TestCase):
    def test_each_row_is_headed_and_linked_by_its_headline_alone(self):
        """A screen reader reads a row by its header, and a keyboard tabs through its links.

        The picture column came first and was a link: with a picture its only
        content was an image with an empty alt, so each row's header was a link
        with no name ("link"), or "—" without one; every row cost an extra tab
        stop to nothing new.
        """
        make_article(
            headline="Floods close the ring road",
            featured_image="articles/flood.jpg",
            featured_image_width=1600,
            featured_image_height=900,
        )
        make_article(headline="Ministers meet in Brussels")
        assert_rows_headed_by_their_one_link(
            self, Article, "headline", {"Floods close the ring road", "Ministers meet in Brussels"}
        )


def assert_rows_headed_by_their_one_link(test, model, field, names):
    """Each row of ``model``'s admin list has one header, ``field``'s cell, and it
    holds the row's only link, named one of ``names``."""
    test.client.force_login(make_user("chief", superuser=True))
    parser = _ListRows()
    parser.feed(test.client.get(admin_url(model, "changelist")).content.decode())
    rows = [row for row in parser.rows if any(f"field-{field}" in c["class"] for c in row)]
    test.assertEqual(len(rows), len(names))
    for row in rows:
        headers = [cell for cell in row if cell["tag"] == "th"]
        links = [link for cell in row for link in cell["links"]]
        with test.subTest(links=links):
            test.assertEqual(len(headers), 1)
            test.assertIn(f"field-{field}", headers[0]["class"])
            test.assertEqual(links, headers[0]["links"])
            test.assertEqual(len(links), 1)
            test.assertIn(links[0], names)


class AuthorListRowHeaderTests(TestCase):
    def test_each_row_is_headed_and_linked_by_the_name_alone(self):
        """As the story list: the photo was a link ahead of the name, with an empty alt."""
        make_author(
            name="Amira Haddad", photo="authors/amira.jpg", photo_width=400, photo_height=400
        )
        make_author(name="Jonas Berg")
        assert_rows_headed_by_their_one_link(self, Author, "name", {"Amira Haddad", "Jonas Berg"})
