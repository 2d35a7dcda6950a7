"""Control characters in copy: stored clean on every path, never a broken feed.

Word's Shift+Enter pastes a vertical tab (U+000B). XML 1.0 cannot carry it, so
one in a headline made every feed listing the story answer 500 and the news
sitemap unreadable. Plain-text fields are cleaned on save (articles/fields.py);
the feeds and the news sitemap also clean rows written around ``save()``.
"""

import json
import re
import xml.etree.ElementTree as ET

from django.test import SimpleTestCase, TestCase
from django.urls import reverse

from articles.fields import clean_plain_text
from articles.import_service import CREATED, import_copy
from articles.models import Article, Correction, StatusChange
from articles.roles import EDITORS, ensure_roles
from articles.sanitiser import clean_body, clean_text
from articles.services import check_article
from authors.models import Author, AuthorLink
from sections.models import Section
from sources.models import Source
from tests.articles.test_admin_workflow import form_fields
from tests.factories import make_article, make_author, make_section, make_source, make_user

# Everything XML 1.0 refuses, and what PostgreSQL refuses (NUL).
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"


def parse_xml(response):
    return ET.fromstring(response.content)  # noqa: S314 (our own output)


class CleanTextTests(SimpleTestCase):
    def test_breaks_become_spaces_and_invisible_characters_go(self):
        self.assertEqual(clean_text("Quake hits\x0bthe capital"), "Quake hits the capital")
        self.assertEqual(clean_text("Page\x0cbreak\x1fhere"), "Page break here")
        self.assertEqual(
            clean_text("N\x00U\x01L\x08s\x1b a\x7fnd\ufffe o\uffffthers\ud800"), "NULs and others"
        )
        # Tab, new line and carriage return are text.
        self.assertEqual(clean_text("One\ttwo\nthree\r\n\x0bfour"), "One\ttwo\nthree\r\n four")
        self.assertIsNone(clean_text(None))

    def test_body_keeps_no_control_characters(self):
        """Typed, pasted as a character reference or in an attribute: none is left."""
        body = clean_body(
            '<p>Line\x0bbreak &#11;and\x00 NUL\x01.</p><img src="/a.jpg" alt="A\x00 map\x0bof it">'
        )
        self.assertEqual(body, '<p>Line break  and NUL.</p><img src="/a.jpg" alt="A map of it">')


class AdminTests(TestCase):
    """What an editor pastes into the admin is saved clean, and the admin does not refuse it."""

    @classmethod
    def setUpTestData(cls):
        ensure_roles()
        cls.editor = make_user("editor", staff=True, groups=[EDITORS])
        cls.chief = make_user("chief", superuser=True)
        cls.section = make_section(name="World", slug="world")
        cls.author = make_author(name="Ana Bell", slug="ana-bell")

    def add(self, user, model_name, **changes):
        self.client.force_login(user)
        url = reverse(f"admin:{model_name}_add")
        data = {**form_fields(self.client.get(url)), **changes}
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 302, response.content[-3000:])
        return response

    def story_fields(self, **changes):
        """What the story form needs besides its headline, with ``changes``."""
        return {
            "slug": "quake",
            "section": self.section.pk,
            "body": "<p>Text.</p>",
            "is_original_reporting": "on",
            "bylines-0-author": self.author.pk,
            "bylines-0-position": "0",
            **changes,
        }

    def add_story(self, **changes):
        return self.add(self.editor, "articles_article", **self.story_fields(**changes))

    def test_story_pasted_from_word_is_published_clean_and_listed_in_the_feeds(self):
        self.add_story(
            headline="Quake hits\x0bthe capital",
            standfirst="Shift+Enter in Word\x0bmakes this",
            featured_image_caption="Rescuers\x0bat work",
            _transition="published",
        )
        story = Article.objects.get(slug="quake")
        self.assertTrue(story.is_public)
        self.assertEqual(story.headline, "Quake hits the capital")
        self.assertEqual(story.standfirst, "Shift+Enter in Word makes this")
        self.assertEqual(story.featured_image_caption, "Rescuers at work")
        self.client.logout()
        response = self.client.get(reverse("feeds:rss"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(parse_xml(response).findtext("channel/item/title"), story.headline)

    def test_nul_byte_is_taken_out_not_refused(self):
        """Django's form field refuses NUL ("Null characters are not allowed."): ours drops it."""
        self.add_story(
            headline="Quake\x00 hits the capital",
            standfirst="Aftershocks\x00 feared.",
            body="<p>Rescuers\x00 dug through the night.</p>",
        )
        story = Article.objects.get(slug="quake")
        self.assertEqual(story.headline, "Quake hits the capital")
        self.assertEqual(story.standfirst, "Aftershocks feared.")
        self.assertEqual(story.body, "<p>Rescuers dug through the night.</p>")

    def test_a_headline_of_invisible_characters_is_no_headline(self):
        """A lone zero-width space passed as a headline: readers got an empty <h1> and
        <title>, and the feeds an empty item title."""
        self.client.force_login(self.editor)
        url = reverse("admin:articles_article_add")
        for blank in ("\u200b", " \u200b\u200b ", "\u2060\ufeff", "\u3164", "\u200f\u00ad"):
            with self.subTest(repr(blank)):
                data = {
                    **form_fields(self.client.get(url)),
                    **self.story_fields(headline=blank, _transition="published"),
                }
                response = self.client.post(url, data)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(
                    response.context["adminform"].form.errors["headline"],
                    ["This field is required."],
                )
        self.assertFalse(Article.objects.exists())
        # A headline with words keeps its joiners: they are part of how it is written.
        self.assertEqual(clean_plain_text("خبرگزاری\u200cها"), "خبرگزاری\u200cها")

    def test_a_body_of_invisible_characters_is_no_body_text(self):
        story = make_article(body="<p>\u200b</p><p>\u3164 </p>", status=Article.Status.DRAFT)
        self.assertIn(
            "The story has no body text: write the story before publishing it.",
            check_article(story).errors,
        )

    def test_author_name_and_bio_are_saved_clean(self):
        self.add(
            self.chief,
            "authors_author",
            name="Zoe\x0bAdams",
            slug="zoe-adams",
            job_title="Correspondent\x00",
            bio="Covers\x0bEurope.",
        )
        author = Author.objects.get(slug="zoe-adams")
        self.assertEqual(
            (author.name, author.job_title, author.bio),
            ("Zoe Adams", "Correspondent", "Covers Europe."),
        )

    def test_source_name_is_saved_clean(self):
        self.add(
            self.chief,
            "sources_source",
            name="Wire\x0bAgency\x00",
            slug="wire-agency",
            kind="agency",
        )
        self.assertEqual(Source.objects.get(slug="wire-agency").name, "Wire Agency")

    def test_section_name_and_description_are_saved_clean(self):
        self.add(
            self.chief,
            "sections_section",
            name="Middle\x0bEast",
            slug="middle-east",
            description="News from\x0bthe region.\x00",
            position="0",
        )
        section = Section.objects.get(slug="middle-east")
        self.assertEqual(section.name, "Middle East")
        self.assertEqual(section.description, "News from the region.")


class SaveTests(TestCase):
    """The shell, commands and the importer save through the same fields."""

    def test_every_plain_text_field_of_a_story_is_cleaned(self):
        story = make_article(
            headline="Quake\x0bhits",
            standfirst="First\x0bline\x00",
            dateline="KYIV\x7f",
            body="<p>Body\x0btext\x01</p>",
            featured_image_alt="Map\x0bof the city",
            featured_image_caption="Caption\x1f",
            featured_image_credit="Photo\x08: Ana",
            language="en\x00",
        )
        story.refresh_from_db()
        for name in (
            "headline",
            "standfirst",
            "dateline",
            "body",
            "featured_image_alt",
            "featured_image_caption",
            "featured_image_credit",
            "language",
        ):
            with self.subTest(name):
                self.assertIsNone(FORBIDDEN.search(getattr(story, name)))
        self.assertEqual(story.headline, "Quake hits")
        self.assertEqual(story.language, "en")

    def test_a_save_of_named_fields_cleans_them_and_the_instance(self):
        story = make_article()
        story.headline = "Quake\x0bhits"
        story.save(update_fields=["headline"])
        self.assertEqual(story.headline, "Quake hits")
        self.assertEqual(Article.objects.get(pk=story.pk).headline, "Quake hits")

    def test_people_sources_sections_and_corrections_are_cleaned(self):
        section = make_section(name="World\x0bNews", description="All\x00 of it")
        author = make_author(name="Ana\x0bBell", job_title="Editor\x01", bio="Bio\x0btext")
        link = AuthorLink.objects.create(author=author, label="Site\x0b", url="https://ana.example")
        source = make_source(name="Wire\x0bAgency", country="France\x00", notes="Note\x0b")
        correction = Correction.objects.create(article=make_article(), note="We\x0bcorrected.")
        self.assertEqual((section.name, section.description), ("World News", "All of it"))
        self.assertEqual(
            (author.name, author.job_title, author.bio), ("Ana Bell", "Editor", "Bio text")
        )
        self.assertEqual(AuthorLink.objects.get(pk=link.pk).label, "Site ")
        source.refresh_from_db()
        self.assertEqual(
            (source.name, source.country, source.notes), ("Wire Agency", "France", "Note ")
        )
        self.assertEqual(Correction.objects.get(pk=correction.pk).note, "We corrected.")

    def test_editors_notes_are_cleaned_too(self):
        """The status note and the import record: shown in the admin and its history."""
        story = make_article(status=Article.Status.DRAFT)
        change = StatusChange.objects.create(
            article=story,
            from_status=Article.Status.DRAFT,
            to_status=Article.Status.REVIEW,
            note="Check the\x0bfigures.\nThen send it\x00 back.",
        )
        self.assertEqual(
            StatusChange.objects.get(pk=change.pk).note, "Check the figures.\nThen send it back."
        )
        make_section(name="World", slug="world")
        for publish, day in ((False, "Monday"), (True, "Tuesday")):
            copy = (
                f"PARIS (AFP) - Talks resumed on {day}, diplomats said, after a week of delays.\n"
                "Both sides called the mood constructive.\n"
            )
            with self.subTest(publish=publish):
                outcome = import_copy(f"wire\x0b{publish}.txt", copy.encode(), publish=publish)
                self.assertEqual(outcome.status, CREATED, outcome.errors)
                note = Article.objects.get(pk=outcome.article_id).import_note
                self.assertIn(f"Imported from wire {publish}.txt", note)
                self.assertIsNone(FORBIDDEN.search(note))

    def test_imported_copy_is_stored_clean(self):
        """The importer folds line breaks into spaces; the other control characters go too."""
        world = make_section(name="World", slug="world")
        make_source(name="Reuters", slug="reuters")
        copy = (
            "KYIV, March 3 (Reuters) - Power\x01 was cut across\x0bthe city on Monday after "
            "overnight strikes, officials said. Engineers worked through the night.\n"
            "Repairs\x02 could take days, the grid operator said in a statement.\n"
            "Source: Reu\x01ters\n"
        )
        outcome = import_copy("kyiv.txt", copy.encode(), section=world)
        self.assertEqual(outcome.status, CREATED, outcome.errors)
        story = Article.objects.get(pk=outcome.article_id)
        for name in ("headline", "standfirst", "dateline", "body"):
            with self.subTest(name):
                self.assertIsNone(FORBIDDEN.search(getattr(story, name)))
        self.assertIn("Power was cut across the city", story.standfirst + story.body)
        # The "Source:" line names the agency we already have, not a new "Reu\x01ters".
        self.assertEqual([source.name for source in story.sources.all()], ["Reuters"])
        self.assertEqual(Source.objects.count(), 1)


class PublicFilesTestCase(TestCase):
    FEEDS = [
        ("feeds:rss", {}),
        ("feeds:atom", {}),
        ("feeds:section_rss", {"slug": "world"}),
        ("feeds:section_atom", {"slug": "world"}),
        ("feeds:author_rss", {"slug": "ana-bell"}),
        ("feeds:author_atom", {"slug": "ana-bell"}),
    ]

    def assert_feeds_are_readable(self, headline, author_name, section_name):
        for name, kwargs in self.FEEDS:
            with self.subTest(name):
                response = self.client.get(reverse(name, kwargs=kwargs))
                self.assertEqual(response.status_code, 200)
                root = parse_xml(response)
                if root.tag == "rss":
                    item = root.find("channel/item")
                    self.assertEqual(item.findtext("title"), headline)
                    self.assertEqual(item.findtext(f"{DC}creator"), author_name)
                    self.assertEqual(item.findtext("category"), section_name)
                else:
                    entry = root.find(f"{ATOM}entry")
                    self.assertEqual(entry.findtext(f"{ATOM}title"), headline)
                    self.assertEqual(entry.findtext(f"{ATOM}author/{ATOM}name"), author_name)
                self.assertIsNone(FORBIDDEN.search(response.content.decode()))

    def assert_news_sitemap_is_readable(self, headline):
        response = self.client.get(reverse("news-sitemap"))
        self.assertEqual(response.status_code, 200)
        titles = [
            title.text
            for title in parse_xml(response).iter(
                "{http://www.google.com/schemas/sitemap-news/0.9}title"
            )
        ]
        self.assertEqual(titles, [headline])


class SavedWithControlCharactersTests(PublicFilesTestCase):
    """A story, author and section typed with control characters, through ``save()``."""

    @classmethod
    def setUpTestData(cls):
        cls.section = make_section(name="World\x0bNews", slug="world", description="All\x0bof it")
        cls.author = make_author(name="Ana\x0bBell", slug="ana-bell", bio="Bio\x0btext")
        cls.source = make_source(name="Wire\x0bAgency", slug="wire")
        cls.story = make_article(
            headline="Quake hits\x0bthe capital",
            standfirst="Line one\x0bline two",
            section=cls.section,
            authors=[cls.author],
            origin=cls.source,
        )
        Correction.objects.create(article=cls.story, note="An earlier version\x0bwas wrong.")

    def test_feeds_answer_and_parse(self):
        self.assert_feeds_are_readable("Quake hits the capital", "Ana Bell", "World News")

    def test_corrections_feed_answers_and_parses(self):
        response = self.client.get(reverse("workflow:corrections_feed"))
        self.assertEqual(response.status_code, 200)
        item = parse_xml(response).find("channel/item")
        self.assertEqual(item.findtext("title"), "Correction: Quake hits the capital")
        self.assertEqual(item.findtext("description"), "An earlier version was wrong.")

    def test_news_sitemap_and_sitemaps_parse(self):
        self.assert_news_sitemap_is_readable("Quake hits the capital")
        index = self.client.get(reverse("sitemap-index"))
        self.assertEqual(index.status_code, 200)
        for location in parse_xml(index).iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc"):
            with self.subTest(location.text):
                response = self.client.get(location.text.removeprefix("http://example.com"))
                self.assertEqual(response.status_code, 200)
                parse_xml(response)

    def test_story_page_structured_data_parses_with_clean_text(self):
        response = self.client.get(self.story.get_absolute_url())
        self.assertEqual(response.status_code, 200)
        article, breadcrumbs = (
            json.loads(script) for script in JSON_LD.findall(response.content.decode())
        )
        self.assertEqual(article["headline"], "Quake hits the capital")
        self.assertEqual(article["description"], "Line one line two")
        self.assertEqual(article["author"][0]["name"], "Ana Bell")
        self.assertEqual(article["articleSection"], "World News")
        self.assertEqual(article["isBasedOn"][0]["publisher"]["name"], "Wire Agency")
        self.assertEqual(article["correction"][0]["text"], "An earlier version was wrong.")
        self.assertEqual(breadcrumbs["itemListElement"][-1]["name"], "Quake hits the capital")


class StoredBeforeTheFixTests(PublicFilesTestCase):
    """Rows that already hold a control character (``update()`` does not call ``save()``)."""

    @classmethod
    def setUpTestData(cls):
        section = make_section(name="World", slug="world")
        author = make_author(name="Ana Bell", slug="ana-bell")
        story = make_article(section=section, authors=[author])
        Article.objects.filter(pk=story.pk).update(
            headline="Quake hits\x0bthe capital", standfirst="Line\x01 one", language="en\x0b"
        )
        Author.objects.filter(pk=author.pk).update(name="Ana\x0bBell")
        Section.objects.filter(pk=section.pk).update(name="World\x0bNews", description="All\x0b")

    def test_feeds_answer_and_parse(self):
        self.assert_feeds_are_readable("Quake hits the capital", "Ana Bell", "World News")

    def test_news_sitemap_parses(self):
        self.assert_news_sitemap_is_readable("Quake hits the capital")

    def test_corrections_feed_answers_and_parses(self):
        story = Article.objects.get()
        correction = Correction.objects.create(article=story, note="Wrong date.")
        Correction.objects.filter(pk=correction.pk).update(note="Wrong\x0bdate.")
        response = self.client.get(reverse("workflow:corrections_feed"))
        self.assertEqual(response.status_code, 200)
        parse_xml(response)
        self.assertContains(response, "Wrong date.")
