"""HTML pasted into a writer's or source's name, or a label beside it, is refused.

So it is in the other plain text readers see as typed: a writer's biography, a
source's country, a section's name and description.

"<b>Reuters</b>" or "Jane <script>x</script> Doe" was saved and shown to readers
as typed (escaped, so harmless, but plainly wrong), where the story form refused
the same paste in a headline. Names, job titles and link labels now refuse it in
the model field, in the headline's words, so every form and ``full_clean()``
share the rule; the importer, which saves without validating, keeps to it too.
"""

import html
import re

from django.core.exceptions import ValidationError
from django.test import SimpleTestCase, TestCase
from django.urls import reverse

from articles.import_service import CREATED, DRY_RUN, import_copy
from articles.importer import source_line_names
from articles.models import Article
from articles.roles import EDITORS, ensure_roles
from articles.sanitiser import text_without_html_tags
from authors.models import Author, AuthorLink
from sections.models import Section
from sources.models import Source
from tests.articles.test_admin_workflow import form_fields
from tests.factories import make_author, make_section, make_source, make_user

REFUSED = (
    "This is plain text: take out the HTML that came with the paste ({tags}). "
    "Readers would see it as typed."
)
# Names with "&" and "<" in words, which are not tags.
WORDS = ("AT&T", "Procter & Gamble", "Marks &amp; Spencer", "Inflation <2% Watch", "a < b > c")


MESSAGES = re.compile(r'<ul class="messagelist">(.*?)</ul>', re.S)


def shown_messages(response):
    """The messages the admin page shows, as a reader reads them."""
    shown = MESSAGES.search(response.content.decode())
    items = re.findall(r"<li[^>]*>(.*?)</li>", shown[1], re.S) if shown else []
    return [html.unescape(item) for item in items]


def form_errors(response):
    return response.context["adminform"].form.errors


class ModelValidationTests(TestCase):
    """The rule is the model field's: ``full_clean()`` refuses what every form refuses."""

    def test_tags_in_a_name_or_label_are_refused_by_full_clean(self):
        author = Author(name="Jane <script>x</script> Doe", slug="jane", job_title="<i>Editor</i>")
        with self.assertRaises(ValidationError) as refused:
            author.full_clean()
        self.assertEqual(
            refused.exception.message_dict,
            {
                "name": [REFUSED.format(tags="“<script>”, “</script>”")],
                "job_title": [REFUSED.format(tags="“<i>”, “</i>”")],
            },
        )
        source = Source(name="<b>Reuters</b>", slug="reuters")
        with self.assertRaises(ValidationError) as refused:
            source.full_clean()
        self.assertEqual(
            refused.exception.message_dict, {"name": [REFUSED.format(tags="“<b>”, “</b>”")]}
        )
        link = AuthorLink(author=make_author(), label="<a href=x>Site</a>", url="https://a.example")
        with self.assertRaises(ValidationError) as refused:
            link.full_clean()
        self.assertEqual(set(refused.exception.message_dict), {"label"})

    def test_ampersands_and_angle_brackets_in_words_are_names(self):
        for number, name in enumerate(WORDS):
            with self.subTest(name):
                Source(name=name, slug=f"s{number}").full_clean()
                Author(name=name, slug=f"a{number}", job_title=name).full_clean()


class OtherPlainTextTests(TestCase):
    """Biographies, a source's country, a section's name and description refuse tags too."""

    def test_full_clean_refuses_tags_in_each(self):
        cases = (
            (Author(name="Jane Doe", slug="jane", bio="<p>Covers <b>Europe</b>.</p>"), "bio",
             "“<p>”, “<b>”, “</b>”, …"),
            (Source(name="Kestrel Wire", slug="kestrel", country="<i>Kenya</i>"), "country",
             "“<i>”, “</i>”"),
            (Section(name="<em>World</em>", slug="world"), "name", "“<em>”, “</em>”"),
            (Section(name="World", slug="world", description="News <br>from abroad"),
             "description", "“<br>”"),
        )
        for row, field, tags in cases:
            with self.subTest(field=field):
                with self.assertRaises(ValidationError) as refused:
                    row.full_clean()
                self.assertEqual(
                    refused.exception.message_dict, {field: [REFUSED.format(tags=tags)]}
                )

    def test_words_with_ampersands_and_angle_brackets_are_kept(self):
        Author(name="Jane Doe", slug="jane", bio="Covers AT&T and rates <2% a year.").full_clean()
        Source(name="Kestrel Wire", slug="kestrel", country="Trinidad & Tobago").full_clean()
        Section(name="Arts & Culture", slug="arts", description="Film, books & music.").full_clean()


class SectionAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        ensure_roles()
        cls.editor = make_user("editor", staff=True, superuser=True)

    def setUp(self):
        self.client.force_login(self.editor)

    def test_a_pasted_description_is_refused_with_what_was_typed_kept(self):
        url = reverse("admin:sections_section_add")
        data = {**form_fields(self.client.get(url)), "name": "Science", "slug": "science",
                "description": "<b>Research</b> and discovery", "position": "3"}
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            form_errors(response), {"description": [REFUSED.format(tags="“<b>”, “</b>”")]}
        )
        self.assertEqual(
            response.context["adminform"].form["description"].value(),
            "<b>Research</b> and discovery",
        )
        self.assertFalse(Section.objects.filter(slug="science").exists())

    def test_a_section_stored_with_tags_says_so_on_opening(self):
        section = make_section(name="<b>World</b>", slug="world")
        opened = self.client.get(reverse("admin:sections_section_change", args=[section.pk]))
        self.assertEqual(
            shown_messages(opened),
            [
                "The name “<b>World</b>” has HTML in it (“<b>”, “</b>”), which readers "
                "would see as typed: take it out, or this section cannot be saved."
            ],
        )


class SourceAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        ensure_roles()
        cls.editor = make_user("editor", staff=True, groups=[EDITORS])

    def setUp(self):
        self.client.force_login(self.editor)

    def add(self, **fields):
        url = reverse("admin:sources_source_add")
        return self.client.post(url, {**form_fields(self.client.get(url)), **fields})

    def test_a_pasted_name_comes_back_with_its_tags_named_and_kept(self):
        response = self.add(name="<b>Reuters</b>", notes="Wire copy in English.")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(form_errors(response), {"name": [REFUSED.format(tags="“<b>”, “</b>”")]})
        form = response.context["adminform"].form
        self.assertEqual(form["name"].value(), "<b>Reuters</b>")
        self.assertEqual(form["notes"].value(), "Wire copy in English.")
        self.assertFalse(Source.objects.exists())

    def test_names_with_ampersands_and_angle_brackets_in_words_are_saved(self):
        for name in WORDS:
            with self.subTest(name):
                self.assertEqual(self.add(name=name).status_code, 302)
        self.assertEqual(sorted(Source.objects.values_list("name", flat=True)), sorted(WORDS))

    def test_a_source_stored_with_tags_says_so_on_opening_and_is_saved_once_they_go(self):
        """A row from before the rule: the editor is told on opening, not by a refused save."""
        source = make_source(name="<b>Reuters</b>", slug="reuters")  # save() does not validate
        url = reverse("admin:sources_source_change", args=[source.pk])
        opened = self.client.get(url)
        self.assertEqual(
            shown_messages(opened),
            [
                "The name “<b>Reuters</b>” has HTML in it (“<b>”, “</b>”), which readers "
                "would see as typed: take it out, or this source cannot be saved."
            ],
        )
        # Escaped, as every message is.
        self.assertContains(opened, "The name “&lt;b&gt;Reuters&lt;/b&gt;” has HTML in it")
        data = form_fields(opened)
        # Another field changed, the name left as it was: refused, what was typed kept.
        response = self.client.post(url, {**data, "notes": "Check the kind."})
        self.assertEqual(form_errors(response), {"name": [REFUSED.format(tags="“<b>”, “</b>”")]})
        self.assertEqual(response.context["adminform"].form["notes"].value(), "Check the kind.")
        source.refresh_from_db()
        self.assertEqual((source.name, source.notes), ("<b>Reuters</b>", ""))
        # The name put right, the same form saves both.
        response = self.client.post(url, {**data, "name": "Reuters", "notes": "Check the kind."})
        self.assertRedirects(response, reverse("admin:sources_source_changelist"))
        source.refresh_from_db()
        self.assertEqual((source.name, source.notes), ("Reuters", "Check the kind."))
        # Nothing to say about a name without tags.
        self.assertEqual(shown_messages(self.client.get(url)), [])


class AuthorAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        ensure_roles()
        cls.editor = make_user("editor", staff=True, groups=[EDITORS])

    def setUp(self):
        self.client.force_login(self.editor)

    def test_a_name_job_title_and_link_label_with_tags_are_each_refused(self):
        url = reverse("admin:authors_author_add")
        data = form_fields(self.client.get(url))
        data.update({
            "name": "Jane <script>x</script> Doe",
            "job_title": "<b>Europe</b> correspondent",
            "bio": "Covers Europe.",
            "links-TOTAL_FORMS": "1",
            "links-0-label": "<span>Personal site</span>",
            "links-0-url": "https://jane.example",
            "links-0-position": "0",
        })
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            form_errors(response),
            {
                "name": [REFUSED.format(tags="“<script>”, “</script>”")],
                "job_title": [REFUSED.format(tags="“<b>”, “</b>”")],
            },
        )
        links = response.context["inline_admin_formsets"][0].formset
        self.assertEqual(
            links.errors, [{"label": [REFUSED.format(tags="“<span>”, “</span>”")]}]
        )
        self.assertEqual(response.context["adminform"].form["bio"].value(), "Covers Europe.")
        self.assertFalse(Author.objects.exists())

    def test_an_author_stored_with_tags_says_so_for_the_name_and_each_label(self):
        author = make_author(name="<b>Jane Doe</b>", slug="jane-doe", job_title="Reporter")
        AuthorLink.objects.create(author=author, label="<i>Blog</i>", url="https://j.example")
        url = reverse("admin:authors_author_change", args=[author.pk])
        opened = self.client.get(url)
        self.assertEqual(
            shown_messages(opened),
            [
                "The name “<b>Jane Doe</b>” has HTML in it (“<b>”, “</b>”), which readers "
                "would see as typed: take it out, or this author cannot be saved.",
                "The author link's label “<i>Blog</i>” has HTML in it (“<i>”, “</i>”), which "
                "readers would see as typed: take it out, or this author cannot be saved.",
            ],
        )
        response = self.client.post(url, {**form_fields(opened), "bio": "Covers Lisbon."})
        self.assertEqual(set(form_errors(response)), {"name"})
        author.refresh_from_db()
        self.assertEqual(author.bio, "Covers world news.")


def wire(source_line, bio=""):
    return (
        "GENEVA — Talks on the ceasefire resumed on Monday after a week of delays.\n"
        "Both delegations called the mood constructive but no date was set.\n"
        f"{source_line}\n{bio}"
    ).encode()


class SourceLineTests(SimpleTestCase):
    def test_a_wires_own_tags_go_and_the_names_in_them_stay(self):
        """ "</agency>" was split at its "/": sources called "<agency>Reuters<" and "agency>"."""
        self.assertEqual(source_line_names("Source: <agency>Reuters</agency>"), ["Reuters"])
        self.assertEqual(
            source_line_names("Source: Reuters, <wire>Kestrel Wire</wire>"),
            ["Reuters", "Kestrel Wire"],
        )
        self.assertEqual(source_line_names("Source: Reuters/dpa"), ["Reuters", "dpa"])


class ImporterTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = Section.objects.create(name="World", slug="world")
        cls.reuters = make_source(name="Reuters", slug="reuters")

    def test_a_source_line_in_a_wires_markup_credits_the_names_in_it(self):
        outcome = import_copy(
            "geneva.txt",
            wire("Source: <agency>Reuters</agency>, <agency>Kestrel Wire</agency>"),
            section=self.world,
        )
        self.assertEqual(outcome.status, CREATED, outcome.errors)
        story = Article.objects.get(pk=outcome.article_id)
        self.assertEqual(
            [source.name for source in story.sources.order_by("name")], ["Kestrel Wire", "Reuters"]
        )
        self.assertFalse(Source.objects.filter(name__contains="<").exists())
        self.assertFalse(Source.objects.filter(name__contains=">").exists())

    def test_a_source_name_left_with_a_tag_is_not_created_and_the_story_is_kept(self):
        """Tags nested to outlast their taking out ("<wire<x>>" leaves "<wire >"): no source."""
        for dry_run in (True, False):
            with self.subTest(dry_run=dry_run):
                outcome = import_copy(
                    f"geneva-{dry_run}.txt",
                    wire("Source: Reuters, <wire<x>>Kestrel Wire"),
                    section=self.world,
                    dry_run=dry_run,
                )
                self.assertEqual(outcome.status, DRY_RUN if dry_run else CREATED, outcome.errors)
                self.assertIn(
                    "cited source “<wire >Kestrel Wire” has HTML in it (“<wire >”), which a "
                    "source's "
                    "name may not: an editor adds the source under its name alone, then "
                    "credits it before publishing",
                    outcome.warnings,
                )
                self.assertEqual(list(Source.objects.all()), [self.reuters])
        story = Article.objects.get()
        self.assertEqual(list(story.sources.all()), [self.reuters])
        self.assertIn("has HTML in it", story.import_note)

    def test_a_bio_job_title_with_tags_is_left_out_of_the_new_profile(self):
        bio = "I am Jane Doe, a <wire>Geneva correspondent</wire> for Newsroom. I cover the UN."
        outcome = import_copy("geneva.txt", wire("Source: Reuters", bio), section=self.world)
        self.assertEqual(outcome.status, CREATED, outcome.errors)
        jane = Author.objects.get(name="Jane Doe")
        self.assertEqual(jane.job_title, "")
        self.assertEqual(list(Article.objects.get().authors.all()), [jane])
        self.assertIn("byline: Jane Doe (new author)", outcome.detected)
        self.assertIn(
            "Jane Doe's job title in the bio, “<wire>Geneva correspondent</wire>”, has HTML in "
            "it (“<wire>”, “</wire>”), so the profile has none: type it on their author page",
            outcome.warnings,
        )
        jane.full_clean()  # the profile opens and saves as it is

    def test_a_bio_with_tags_keeps_its_words_without_them(self):
        """Tags the copy's cleaning does not know stayed in the bio: it could not be saved."""
        bio = (
            "I am Jane Doe, a Geneva correspondent for Newsroom. "
            "I cover the <wire>UN</wire>'s agencies (<wire>WHO</wire>)."
        )
        outcome = import_copy("geneva.txt", wire("Source: Reuters", bio), section=self.world)
        self.assertEqual(outcome.status, CREATED, outcome.errors)
        jane = Author.objects.get(name="Jane Doe")
        self.assertEqual(
            jane.bio,
            "I am Jane Doe, a Geneva correspondent for Newsroom. I cover the UN's agencies (WHO).",
        )
        jane.full_clean()

    def test_tags_taken_out_of_a_bio_leave_its_spacing_and_punctuation_as_written(self):
        cases = {
            "Covers the <wire>UN</wire>'s agencies (<wire>Geneva</wire>).":
                "Covers the UN's agencies (Geneva).",
            "Write to jane@<wire>example</wire>.com": "Write to jane@example.com",
            "Lit Le Monde : « Europe » <wire>!</wire>": "Lit Le Monde : « Europe » !",
            "<p>First paragraph.</p>\n<p>Second.</p>": "First paragraph.\n\nSecond.",
            "Line one<br>Line two": "Line one\nLine two",
        }
        for tagged, plain in cases.items():
            with self.subTest(tagged):
                self.assertEqual(text_without_html_tags(tagged), plain)
