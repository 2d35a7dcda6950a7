from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.utils import timezone

from articles.models import Article
from articles.services import check_article
from tests.factories import make_article, make_source


class ChecklistErrorTests(TestCase):
    def test_a_complete_story_passes(self):
        story = make_article(status="draft", origin=make_source())
        self.assertEqual(check_article(story).errors, [])

    def test_missing_headline_section_byline_and_source(self):
        story = make_article(status="draft", headline=" ", section=None, authors=[])
        errors = check_article(story).errors
        self.assertEqual(len(errors), 4, errors)
        self.assertIn("The story has no headline.", errors)
        self.assertIn("Choose a section for the story.", errors)
        self.assertIn("Add at least one byline.", errors)

    def test_original_reporting_needs_no_source(self):
        story = make_article(status="draft", is_original_reporting=True)
        self.assertEqual(check_article(story).errors, [])

    def test_featured_image_without_alt_text(self):
        story = make_article(status="draft", origin=make_source())
        story.featured_image = SimpleUploadedFile("x.jpg", b"")
        story.featured_image.name = "stories/x.jpg"
        self.assertIn(
            "The featured image needs alt text describing what it shows.",
            check_article(story).errors,
        )
        story.featured_image_alt = "Ministers at the table"
        self.assertEqual(check_article(story).errors, [])


class ChecklistWarningTests(TestCase):
    def warnings(self, **fields):
        fields.setdefault("headline", "Flood waters recede in the delta")
        return check_article(make_article(status="draft", origin=make_source(), **fields)).warnings

    def test_clean_story_has_no_warnings(self):
        self.assertEqual(self.warnings(), [])

    def test_long_headline(self):
        warnings = self.warnings(headline="x" * 111)
        self.assertTrue(any("111 characters" in w for w in warnings), warnings)
        self.assertEqual(self.warnings(headline="y" * 110), [])

    def test_no_standfirst(self):
        self.assertEqual(len(self.warnings(standfirst="")), 1)

    def test_css_and_share_junk_in_body(self):
        body = "<p>.story p { margin: 0; }</p><p>@media print</p><p>Share this article</p>"
        warnings = self.warnings(body=body)
        self.assertEqual(len(warnings), 3, warnings)

    def test_escaped_markup_in_body(self):
        warnings = self.warnings(body="<p>&lt;div class=\"promo\"&gt;Text</p>")
        self.assertEqual(len(warnings), 1, warnings)

    def test_ordinary_braces_and_at_signs_are_fine(self):
        self.assertEqual(self.warnings(body="<p>Write to desk@example.org {sic}</p>"), [])

    def test_near_identical_headline_published_this_week(self):
        make_article(headline="Leaders agree ceasefire in Gaza talks")
        warnings = self.warnings(headline="Leaders agree a ceasefire in Gaza talks")
        self.assertTrue(any("near-identical" in w for w in warnings), warnings)

    def test_old_or_unpublished_similar_headlines_do_not_warn(self):
        make_article(
            headline="Leaders agree ceasefire in Gaza talks",
            published_at=timezone.now() - timedelta(days=8),
        )
        make_article(headline="Leaders agree ceasefire in Gaza talks!", status=Article.Status.DRAFT)
        self.assertEqual(self.warnings(headline="Leaders agree a ceasefire in Gaza talks"), [])
