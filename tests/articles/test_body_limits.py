"""Bodies nh3 would take out of all proportion to parse are refused, with the reason, first.

html5ever (inside nh3) checks each new block against every element still open,
so nesting costs the square of its depth: 10,000 nested ``<ul><li>`` took 1.5 s
to clean, 30,000 took 13 s, and a story save cleans the body three times. A
formatting tag left open is copied into every paragraph after it: one link with
a long address, then 10,000 short paragraphs, made 100 MB of HTML. Both are
refused before nh3 runs, and the story and About page forms say why on the
field, keeping the text.
"""

from unittest import mock

from django.contrib import admin
from django.test import SimpleTestCase, TestCase
from django.urls import reverse

from articles import body_limits
from articles.body_limits import BODY_MAX_CHARS, BODY_MAX_DEPTH
from articles.import_service import FAILED, import_copy
from articles.models import Article
from articles.sanitiser import BodyRefused, check_body, clean_body, comparable_body
from sources.models import Source
from tests.articles.test_admin_workflow import AdminWorkflowTestCase, form_fields
from tests.factories import make_article
from tests.guards import needs_cpu_timer, within_seconds
from tests.test_import_duplicates import copy

TOO_DEEP = f"This text has tags nested more than {BODY_MAX_DEPTH} deep"


def nested(levels, tag="blockquote", inside="Words."):
    return f"<{tag}>" * levels + inside + f"</{tag}>" * levels


def nested_lists(pairs):
    """``pairs`` lists each in an item of the last: two levels a pair, as pasted lists nest."""
    return "<ul><li>" * pairs + "Point" + "</li></ul>" * pairs


class NestingLimitTests(SimpleTestCase):
    def test_nesting_to_the_limit_is_cleaned_and_one_level_more_is_refused(self):
        self.assertEqual(clean_body(nested(BODY_MAX_DEPTH)), nested(BODY_MAX_DEPTH))
        self.assertEqual(clean_body(nested_lists(50)), nested_lists(50))
        for body in (nested(BODY_MAX_DEPTH + 1), "<ol>" + nested_lists(50) + "</ol>"):
            with self.subTest(body=body[:20]), self.assertRaises(BodyRefused) as refused:
                clean_body(body)
            self.assertEqual(refused.exception.code, "body_too_deep")
            self.assertTrue(refused.exception.message.startswith(TOO_DEEP))

    def test_the_refusal_says_what_to_do(self):
        with self.assertRaisesMessage(
            BodyRefused,
            f"{TOO_DEEP}, one inside another (lists in lists, quotes in quotes). "
            "Paste it as plain text, or take out the nesting.",
        ):
            check_body(nested_lists(5_000))

    def test_a_table_counts_the_row_and_row_group_the_parser_adds(self):
        """``<td>`` alone in a table sits in a ``<tr>`` in a ``<tbody>`` once parsed."""
        table = "<table><td>Cell</td></table>"
        check_body(nested(BODY_MAX_DEPTH - 4, inside=table))
        with self.assertRaisesMessage(BodyRefused, TOO_DEEP):
            check_body(nested(BODY_MAX_DEPTH - 3, inside=table))

    def test_tags_in_comments_attributes_and_style_text_are_not_elements(self):
        deep = "<div>" * 500
        for body in (
            f"<!-- {deep} --><p>Words.</p>",
            f'<p title="{deep}">Words.</p>',
            f"<style>{deep}</style><p>Words.</p>",
            f"<textarea>{deep}</textarea>",
        ):
            with self.subTest(body=body[:12]):
                check_body(body)

    def test_end_tags_in_comments_and_script_text_close_nothing(self):
        """The parser reads them as text, so the elements they name stay open."""
        for body in (
            "<blockquote><!--</blockquote>-->" * (BODY_MAX_DEPTH + 1),
            # Inside "<!--", a "<script>" makes the next "</script>" text as well.
            "<blockquote>" * 60
            + "<script><!--<script></script>"
            + "</blockquote>" * 60
            + "--></script>"
            + "<blockquote>" * (BODY_MAX_DEPTH - 59),
        ):
            with self.subTest(body=body[:30]), self.assertRaisesMessage(BodyRefused, TOO_DEEP):
                check_body(body)

    def test_an_end_tag_closes_only_the_element_opened_last(self):
        """``</p>`` after an unclosed ``<b>`` leaves the b to the parser, which opens
        it again in every paragraph after: counted as still open."""
        body = "".join(f'<p><b title="{n}">Words.</p>' for n in range(60))
        with self.assertRaises(BodyRefused):
            check_body(body)

    def test_after_svg_every_tag_counts_and_the_refusal_names_it(self):
        """The parser reads the text after <svg> by other rules, which the check
        does not follow: a drawing followed by a whole story is refused, naming it."""
        check_body('<svg onload="alert(1)"><circle r="1" /></svg><p>Words.</p>')
        with self.assertRaisesMessage(
            BodyRefused,
            "This text has “<svg>” in it, which a story cannot show, and after it more tags "
            "than the check on nesting can follow. Take out the “<svg>” and what belongs to "
            "it, or paste the text as plain text.",
        ):
            check_body("<SVG><path d='M0'/></svg>" + "<p>Words.</p>" * 200)


class FormattingLeftOpenTests(SimpleTestCase):
    def test_a_link_left_open_before_many_paragraphs_is_refused_naming_it(self):
        body = '<p><a href="https://example.com/' + "x" * 300 + '">Report</p>'
        body += "<p>Words.</p>" * 1_000
        with self.assertRaises(BodyRefused) as refused:
            check_body(body)
        self.assertEqual(refused.exception.code, "body_left_open")
        self.assertEqual(
            refused.exception.message,
            "This text leaves “<a href=\"https://example.com/xxxxxxxxxx…” open, so it "
            "would be repeated in every paragraph after it. Close it where it should end, "
            "or paste the text as plain text.",
        )

    def test_bold_left_open_costs_little_and_is_cleaned(self):
        body = "<p><b>Breaking:</p>" + "<p>Words.</p>" * 1_000
        self.assertEqual(clean_body(body).count("<b>"), 1_001)


class SizeLimitTests(SimpleTestCase):
    def test_a_body_over_the_most_characters_is_refused(self):
        check_body("x" * BODY_MAX_CHARS)
        with self.assertRaisesMessage(
            BodyRefused,
            f"This text is {BODY_MAX_CHARS + 1:,} characters long; the most is "
            f"{BODY_MAX_CHARS:,} (about 150,000 words). Split it into more than one story "
            "or page.",
        ):
            clean_body("x" * (BODY_MAX_CHARS + 1))


class ComparingRefusedBodiesTests(SimpleTestCase):
    def test_a_refused_body_is_compared_as_it_is(self):
        """The story form compares the posted body with the stored one before it
        validates; a refused body is then a change, and the field says why."""
        body = nested_lists(5_000)
        self.assertEqual(comparable_body(body), body)
        self.assertNotEqual(comparable_body(body), comparable_body("<p>Point</p>"))


@needs_cpu_timer
class HostileBodyTests(SimpleTestCase):
    """Bodies that took nh3 many seconds: refused at once, in time linear in their length."""

    def test_thirty_thousand_nested_lists(self):
        """540 KB: 13 s to clean before the check, the square of its depth."""
        with within_seconds(5, "Cleaning 30,000 nested lists"), self.assertRaises(BodyRefused):
            clean_body(nested_lists(30_000))

    def test_a_long_link_left_open_before_ten_thousand_paragraphs(self):
        """90 KB: nh3 wrote the link into each paragraph, 100 MB, 5 s to clean."""
        body = '<p><a href="https://example.com/' + "x" * 10_000 + '">'
        body += "</p>" + "<p>x</p>" * 10_000
        with within_seconds(5, "Cleaning a link left open"), self.assertRaises(BodyRefused):
            clean_body(body)

    def test_the_check_reads_the_longest_body_of_tags_in_one_pass(self):
        tags = "<p>x</p>" * (BODY_MAX_CHARS // 8)
        with within_seconds(30, "Checking 1 MB of tags"):
            check_body(tags)
        after_svg = "<svg>" + tags[5:]
        with within_seconds(30, "Checking them after an <svg>"), self.assertRaises(BodyRefused):
            check_body(after_svg)


class StoryFormTests(AdminWorkflowTestCase):
    """The story form refuses such a body on the field, keeps it as sent, saves nothing."""

    BODY = nested_lists(5_000)

    def assert_refused_on_the_body(self, response):
        self.assertEqual(response.status_code, 200)
        form = response.context["adminform"].form
        self.assertEqual(list(form.errors), ["body"])
        self.assertTrue(form.errors["body"][0].startswith(TOO_DEEP), form.errors["body"])
        self.assertEqual(form["body"].value(), self.BODY)
        self.assertContains(response, "Paste it as plain text, or take out the nesting.")

    def test_adding_a_story_with_it(self):
        self.client.force_login(self.writer)
        data = form_fields(self.client.get(reverse("admin:articles_article_add")))
        data.update(
            headline="Floods in the north",
            slug="floods-in-the-north",
            section=str(self.section.pk),
            body=self.BODY,
            **{"bylines-0-author": str(self.writer_author.pk), "bylines-0-position": "0"},
        )
        response = self.client.post(reverse("admin:articles_article_add"), data)
        self.assert_refused_on_the_body(response)
        self.assertFalse(Article.objects.filter(slug="floods-in-the-north").exists())

    def test_changing_a_story_to_it(self):
        story = self.writer_draft(body="<p>Rain.</p>")
        data = self.open_form(story, self.editor)
        response = self.save(story, self.editor, data, headline="Dam holds", body=self.BODY)
        self.assert_refused_on_the_body(response)
        story.refresh_from_db()
        self.assertEqual((story.headline, story.body), ("Dam bursts upstream", "<p>Rain.</p>"))

    def test_the_read_only_page_says_why_a_stored_one_is_not_shown(self):
        """Saved around the model, or before the check: the page names the reason."""
        story = self.writer_draft()
        story.body = self.BODY
        shown = admin.site._registry[Article].body_as_read(story)
        self.assertIn('<p class="errornote">This text has tags nested more than', shown)
        self.assertNotIn("<ul>", shown)


class StoredBeforeTheLimitsTests(AdminWorkflowTestCase):
    """A body stored before a limit, or around the model, still moves through the workflow.

    Every save cleaned the body again, even one writing the status alone: such
    a live story could not be archived (the bulk action answered 500 and the
    story stayed on the site).
    """

    def setUp(self):
        self.live = make_article(headline="Minister quits over leaked memo")
        Article.objects.filter(pk=self.live.pk).update(body=nested(BODY_MAX_DEPTH + 50))
        self.client.force_login(self.editor)

    def test_an_editor_takes_it_down_from_the_list(self):
        page = self.live.get_absolute_url()
        self.assertEqual(self.client.get(page).status_code, 200)
        response = self.client.post(
            reverse("admin:articles_article_changelist"),
            {
                "action": "archive_selected",
                "_selected_action": [self.live.pk],
                "post": "yes",
                "status_note": "Legal asked us to take it down.",
            },
        )
        self.assertEqual(response.status_code, 302)
        self.live.refresh_from_db()
        self.assertEqual(self.live.status, Article.Status.ARCHIVED)
        self.assertEqual(self.client.get(page).status_code, 410)
        # The body is left as it was stored: nothing rewrote it.
        self.assertEqual(self.live.body, nested(BODY_MAX_DEPTH + 50))

    def test_a_save_of_other_fields_does_not_parse_the_body(self):
        with mock.patch("articles.models.clean_body", side_effect=clean_body) as cleaned:
            self.live.is_pinned = True
            self.live.save(update_fields=["is_pinned"])
            cleaned.assert_not_called()
            self.live.body = "<p>Rewritten.</p>"
            self.live.save(update_fields=["body"])
            cleaned.assert_called_once_with("<p>Rewritten.</p>")


class ImportTests(TestCase):
    def test_copy_too_long_for_a_story_fails_with_the_reason_and_leaves_nothing(self):
        """The importer writes copy as plain paragraphs, so it nests nothing, but a
        file's text can still come to more than a story holds."""
        with mock.patch.object(body_limits, "BODY_MAX_CHARS", 50):
            outcome = import_copy("geneva.txt", copy("Agence Nouvelle"))
        self.assertEqual(outcome.status, FAILED)
        self.assertRegex(
            outcome.errors[0],
            r"^the story it makes cannot be saved\. This text is \d+ characters long; the "
            r"most is 50 ",
        )
        self.assertFalse(Article.objects.exists())
        self.assertFalse(Source.objects.filter(name="Agence Nouvelle").exists())
