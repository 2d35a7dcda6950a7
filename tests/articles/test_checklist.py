from datetime import timedelta

from django.contrib.sites.models import Site
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.services import PublishBlocked, check_article, publish
from tests.factories import make_article, make_source, make_user
from tests.guards import needs_cpu_timer, within_seconds


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

    def test_a_story_saved_without_a_slug_gets_one_and_a_slug_no_address_takes_is_refused(self):
        """A story published from a shell with no slug broke every page linking to it."""
        story = make_article(status="draft", origin=make_source(), headline="Talks resume", slug="")
        self.assertEqual(story.slug, "talks-resume")
        self.assertEqual(check_article(story).errors, [])
        editor = make_user("editor", staff=True, superuser=True)
        for slug, error in (
            ("", "The story has no slug: write one (its address) before publishing."),
            (
                "talks resume",
                "The slug “talks resume” cannot be the story's address: use letters, digits "
                "and hyphens only.",
            ),
        ):
            with self.subTest(slug=slug):
                Article.objects.filter(pk=story.pk).update(slug=slug)
                story.refresh_from_db()
                self.assertIn(error, check_article(story).errors)
                with self.assertRaises(PublishBlocked):
                    publish(story, user=editor)
                self.assertFalse(Article.objects.published().filter(pk=story.pk).exists())

    def test_a_standfirst_far_too_long_is_not_published_and_a_long_one_is_warned_of(self):
        """200,000 characters pasted into the standfirst went out whole in lists and feeds."""
        editor = make_user("editor", staff=True, superuser=True)
        story = make_article(status="draft", origin=make_source(), standfirst="word " * 40_000)
        checklist = check_article(story)
        self.assertIn(
            "The standfirst is 199,999 characters long, over the 1,000 a standfirst may have: "
            "story lists and feeds print it whole. Keep one or two sentences, and move the "
            "rest into the body.",
            checklist.errors,
        )
        with self.assertRaises(PublishBlocked):
            publish(story, user=editor)
        self.assertFalse(Article.objects.published().filter(pk=story.pk).exists())
        story.standfirst = "Talks ran late. " * 25  # 400 characters: published, with a word
        story.save()
        checklist = check_article(story)
        self.assertEqual(checklist.errors, [])
        self.assertIn(
            "The standfirst is 399 characters long; over 300 it reads as a paragraph in story "
            "lists and feeds. One or two sentences suit it.",
            checklist.warnings,
        )

    def test_a_story_without_body_text_is_not_published(self):
        """It went live as a headline, "1 min read" and nothing under it."""
        editor = make_user("editor", staff=True, superuser=True)
        for body in ("", "<p>&nbsp;</p>\n<p> </p>", "<h2></h2><p><br></p>", "<h2>Subhead</h2>"):
            with self.subTest(body=body):
                story = make_article(status="draft", origin=make_source(), body=body)
                self.assertIn(
                    "The story has no body text: write the story before publishing it.",
                    check_article(story).errors,
                )
                with self.assertRaises(PublishBlocked):
                    publish(story, user=editor)
                self.assertFalse(Article.objects.published().filter(pk=story.pk).exists())
        pictures_only = make_article(
            status="draft", origin=make_source(), body='<p><img src="/media/a.jpg" alt="A dam"></p>'
        )
        self.assertIn("has pictures but no words", " ".join(check_article(pictures_only).errors))
        captioned = make_article(
            status="draft",
            origin=make_source(),
            body='<figure><img src="/media/a.jpg" alt="A dam"><figcaption>The dam at dawn.'
            "</figcaption></figure>",
        )
        self.assertEqual(check_article(captioned).errors, [])

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

    def test_a_small_picture(self):
        """Stretched to the column and to a 1,200-pixel share card, a 120-pixel picture
        was a blur; it is shown at its size now, and the editor told."""
        picture = {"featured_image": "articles/small.jpg", "featured_image_alt": "The minister"}
        warnings = self.warnings(featured_image_width=120, featured_image_height=80, **picture)
        self.assertEqual(
            warnings,
            [
                "The picture is 120×80 pixels: the story page shows it that small, and link "
                "previews blur it. One at least 600 pixels wide (1,200 is best) suits both."
            ],
        )
        self.assertEqual(
            self.warnings(featured_image_width=600, featured_image_height=400, **picture), []
        )
        # Beside the other warnings, not in the place of one.
        warnings = self.warnings(
            standfirst="Talks resumed in Doha on Monday.",
            body="<p>Talks resumed in Doha on Monday. Both sides attended.</p>",
            featured_image_width=320,
            featured_image_height=200,
            **picture,
        )
        self.assertEqual(len(warnings), 2, warnings)
        self.assertTrue(any("repeats the start" in warning for warning in warnings))

    def test_css_and_share_junk_in_body(self):
        body = "<p>.story p { margin: 0; }</p><p>@media print</p><p>Share this article</p>"
        warnings = self.warnings(body=body)
        self.assertEqual(len(warnings), 3, warnings)

    def test_page_furniture_pasted_with_wire_copy_is_quoted(self):
        """Copy pasted from an agency's page brought its advert label and rights notice,
        each a paragraph of its own, and the checklist said nothing of them; the importer
        takes the same lines out of wire copy."""
        body = (
            "<p>GENEVA (CPA) — Negotiators reached a draft deal on Tuesday.</p>"
            "<p><strong>ADVERTISEMENT</strong></p>"
            "<p>The agreement covers fishing quotas.<br>Advertisement</p>"
            "<p>Copyright 2026 Continental Press Agency. All rights reserved. This material "
            "may not be published, broadcast, rewritten or redistributed.</p>"
        )
        self.assertEqual(
            self.warnings(body=body),
            [
                "The body contains lines copied with another site's page, not copy: "
                "“ADVERTISEMENT”, “Advertisement”, “Copyright 2026 Continental Press Agency. "
                "All rights reserved.…”; remove them before publishing."
            ],
        )

    def test_copy_about_advertising_and_copyright_is_not_page_furniture(self):
        body = (
            "<p>Advertisement revenue fell by a third, the company said.</p>"
            "<p>Copyright holders sued the platform in March.</p>"
            "<ul><li>Advertisement rules</li></ul>"
        )
        self.assertEqual(self.warnings(body=body), [])

    def test_a_css_rule_is_found_after_any_selector_and_spacing(self):
        for body in (
            "<p>.promo{color:red}</p>",
            "<p>div[data-ad=\"1\"]   { display: none }</p>",
            "<p>" + "x" * 200 + ".promo { margin: 0 }</p>",
        ):
            with self.subTest(body[:30]):
                self.assertEqual(len(self.warnings(body=body)), 1)

    @needs_cpu_timer
    def test_a_very_long_word_is_read_once(self):
        """The CSS rule's pattern read a word from each of its letters to its end:
        a 40,000-letter word took 20 s on every save and every opening of the story."""
        body = "<p>Engineers met on Monday. " + "x" * 750_000 + " a{b: c} " + "{:" * 100_000
        with within_seconds(20, "The checklist on a long word"):
            warnings = self.warnings(body=body + "</p>")
        # Still found after it, and only once.
        self.assertEqual(len([w for w in warnings if "CSS rule" in w]), 1)

    def test_escaped_markup_in_body(self):
        warnings = self.warnings(body='<p>&lt;div class="promo"&gt;Text</p>')
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


class SkippedHeadingLevelTests(TestCase):
    """The headline is the page's level-1 heading: a body whose subheadings skip a
    level leaves a gap in the outline screen-reader users move through the story by."""

    def check(self, body):
        return check_article(make_article(status="draft", origin=make_source(), body=body))

    def test_a_level_3_subheading_straight_after_the_headline_is_named(self):
        checklist = self.check("<p>Lorries crossed at dawn.</p><h3>Aid arrives</h3><p>More.</p>")
        self.assertIn(
            "The subheading “Aid arrives” is a level-3 heading straight after the headline: "
            "make it a level-2 heading (“Heading 2” in the editor’s Format menu), or screen "
            "readers’ outline of the story skips a level.",
            checklist.warnings,
        )
        # A warning, not a block: every word reaches readers.
        self.assertEqual(checklist.errors, [])

    def test_a_level_4_under_a_level_2_is_named_with_the_one_above(self):
        warnings = self.check(
            "<h2>Relief</h2><p>Aid came.</p><h3>By road</h3><p>Lorries.</p>"
            "<h2>Rebuilding</h2><p>Slowly.</p><h4>Schools</h4><p>Closed.</p><h4>Clinics</h4>"
        ).warnings
        self.assertEqual(
            [w for w in warnings if "subheading" in w],
            [
                "The subheading “Schools” is a level-4 heading straight after the level-2 "
                "subheading “Rebuilding”: make it a level-3 heading (“Heading 3” in the "
                "editor’s Format menu), or screen readers’ outline of the story skips a level."
            ],
        )

    def test_only_the_first_skip_is_named(self):
        warnings = self.check("<h4>First</h4><p>A.</p><h2>Second</h2><h4>Third</h4>").warnings
        self.assertEqual(len([w for w in warnings if "subheading" in w]), 1, warnings)
        self.assertIn("“First” is a level-4 heading", " ".join(warnings))

    def test_an_outline_without_gaps_passes(self):
        for body in (
            "<p>No subheadings at all.</p>",
            "<h2>Relief</h2><p>A.</p><h3>By road</h3><h4>North</h4><h2>Rebuilding</h2><p>B.</p>",
            # Going back up any number of levels leaves no gap.
            "<h2>A</h2><h3>B</h3><h4>C</h4><h2>D</h2><h3>E</h3>",
            # An empty subheading is no step in the outline.
            "<h2>Relief</h2><h3> </h3><p>A.</p><h3>By road</h3>",
            # A pasted title (<h1>) is made level 2 on saving.
            "<h1>Floods cut off the delta</h1><p>A.</p><h3>Aid arrives</h3>",
        ):
            with self.subTest(body=body):
                self.assertEqual(self.check(body).warnings, [])

    def test_the_words_are_read_as_a_reader_sees_them(self):
        warnings = self.check("<h3>Aid <em>arrives</em> &amp; <br>stays</h3><p>A.</p>").warnings
        self.assertIn("“Aid arrives & stays” is a level-3 heading", " ".join(warnings))

    def test_the_story_form_shows_it_in_the_checklist(self):
        story = make_article(
            status="draft", origin=make_source(), body="<h3>Aid arrives</h3><p>More.</p>"
        )
        self.client.force_login(make_user("desk", staff=True, superuser=True))
        response = self.client.get(reverse("admin:articles_article_change", args=[story.pk]))
        self.assertContains(
            response,
            '<li class="checklist-warning"><strong>Check:</strong> The subheading “Aid arrives” '
            "is a level-3 heading straight after the headline",
        )


class StandfirstRepeatTests(TestCase):
    """A standfirst that says again what the body opens with is read twice."""

    def warnings(self, standfirst, body):
        story = make_article(status="draft", origin=make_source(), standfirst=standfirst, body=body)
        return check_article(story).warnings

    def test_standfirst_that_is_the_first_paragraph_warns(self):
        warning = (
            "The standfirst repeats the start of the body’s first paragraph, so readers read "
            "the same words twice. Rewrite the standfirst or cut the repeat from the body."
        )
        # Typed by hand: other spacing, an entity and emphasis in the body only.
        warnings = self.warnings(
            "Leaders met in  Paris on Friday & agreed.",
            "<p>Leaders met in <em>Paris</em>\non Friday &amp; agreed.</p><p>More.</p>",
        )
        self.assertEqual(warnings, [warning])

    def test_standfirst_that_is_the_first_sentences_of_the_first_paragraph_warns(self):
        warnings = self.warnings(
            "Leaders met in Paris on Friday.",
            "<p>Leaders met in Paris on Friday. They agreed on little.</p>",
        )
        self.assertEqual(len(warnings), 1, warnings)

    def test_standfirst_said_differently_is_fine(self):
        self.assertEqual(
            self.warnings(
                "Leaders met in Paris.", "<p>Leaders met in Paris on Friday.</p><p>More.</p>"
            ),
            [],
        )

    def test_a_later_paragraph_is_not_the_opening(self):
        self.assertEqual(
            self.warnings(
                "Leaders met in Paris.", "<h2>Talks</h2><p>Before.</p><p>Leaders met in Paris.</p>"
            ),
            [],
        )


class OffSiteImageTests(TestCase):
    """The public pages' Content-Security-Policy lets images come from the site only."""

    def errors(self, *sources):
        body = "<p>The glacier has retreated.</p>" + "".join(
            f'<figure><img src="{src}" alt="Glacier"></figure>' for src in sources
        )
        story = make_article(status="draft", origin=make_source(), body=body)
        return check_article(story).errors

    def test_image_from_another_site_blocks_publishing(self):
        message = (
            "The body shows an image from images.example.org; readers' browsers will not load "
            "it. Upload the image instead (Image → Upload)."
        )
        self.assertEqual(self.errors("https://images.example.org/glacier.jpg"), [message])
        story = Article.objects.get()
        with self.assertRaises(PublishBlocked) as refused:
            publish(story, user=None)
        self.assertEqual(refused.exception.checklist.errors, [message])
        story.refresh_from_db()
        self.assertEqual(story.status, Article.Status.DRAFT)

    def test_every_off_site_host_is_named_once(self):
        [error] = self.errors(
            "https://images.example.org/a.jpg",
            "//cdn.example.net/b.jpg",
            "http://images.example.org/c.jpg",
        )
        self.assertIn("shows 3 images from images.example.org, cdn.example.net;", error)
        self.assertIn("will not load them. Upload each image instead", error)

    def test_images_on_the_site_itself_are_fine(self):
        domain = Site.objects.get_current().domain
        self.assertEqual(
            self.errors(
                "/media/uploads/2026/11/glacier.jpg",
                f"https://{domain}/media/glacier.jpg",
            ),
            [],
        )

    def test_one_image_at_an_address_relative_to_the_page_is_spoken_of_as_one(self):
        self.assertEqual(
            self.errors("uploads/glacier.jpg"),
            [
                "The body shows an image at an address relative to the page "
                "(“uploads/glacier.jpg”); readers' browsers will not find it from the "
                "story's address. Upload the image instead (Image → Upload)."
            ],
        )

    def test_an_address_relative_to_the_page_blocks_publishing(self):
        """A story's page is folders deep: "uploads/glacier.jpg" is looked for under it."""
        self.assertEqual(
            self.errors("x", "uploads/glacier.jpg", "x"),
            [
                "The body shows 3 images at an address relative to the page (“x”, "
                "“uploads/glacier.jpg”); readers' browsers will not find them from the "
                "story's address. Upload each image instead (Image → Upload)."
            ],
        )

    @override_settings(
        MEDIA_URL="https://media.news.example/",
        CONTENT_SECURITY_POLICY={
            "DIRECTIVES": {"img-src": ["'self'", "data:", "https://media.news.example"]}
        },
    )
    def test_images_on_media_storage_elsewhere_are_fine(self):
        """On S3 storage MEDIA_URL is absolute and the policy names its host."""
        self.assertEqual(self.errors("https://media.news.example/uploads/glacier.jpg"), [])

    @override_settings(MEDIA_URL="https://media.news.example/")
    def test_uploads_on_media_url_pass_even_when_the_policy_forgets_them(self):
        """The checklist never refuses the very upload it asks for."""
        self.assertEqual(self.errors("https://media.news.example/uploads/glacier.jpg"), [])

    @override_settings(
        CONTENT_SECURITY_POLICY={
            "DIRECTIVES": {
                "default-src": ["'self'"],
                "img-src": ["'self'", "https://photos.partner.example", "*.wire.example"],
            }
        }
    )
    def test_hosts_the_policy_allows_are_read_from_settings(self):
        self.assertEqual(
            self.errors(
                "https://photos.partner.example/a.jpg", "https://pictures.wire.example/b.jpg"
            ),
            [],
        )
        self.assertEqual(len(self.errors("http://photos.partner.example/a.jpg")), 1)


class PublicationTimeTests(TestCase):
    """A publication time outside the sensible span is a typo, and publishing refuses it."""

    def test_a_time_before_1900_or_over_a_year_ahead_blocks_publishing(self):
        now = timezone.now()
        for when, said in (
            (now.replace(year=1), "in the year 1, before 1900: check the year."),
            (now.replace(year=1899), "in the year 1899, before 1900"),
            (now + timedelta(days=400), "more than a year ahead: check the year."),
        ):
            with self.subTest(when=when):
                story = make_article(status="draft", origin=make_source(), published_at=when)
                errors = check_article(story).errors
                self.assertEqual(len(errors), 1, errors)
                self.assertIn(said, errors[0])
                with self.assertRaises(PublishBlocked):
                    publish(story, user=None)
                story.refresh_from_db()
                self.assertEqual(story.status, "draft")

    def test_the_time_a_publish_is_asked_for_is_checked_too(self):
        """``publish(when=…)``, as commands call it, with no time on the story."""
        story = make_article(status="draft", origin=make_source())
        with self.assertRaises(PublishBlocked):
            publish(story, user=None, when=timezone.now().replace(year=1))

    def test_an_archive_date_and_a_story_due_in_months_pass(self):
        now = timezone.now()
        for when in (now.replace(year=1900, month=1, day=1, hour=0), now + timedelta(days=300)):
            with self.subTest(when=when):
                story = make_article(status="draft", origin=make_source(), published_at=when)
                self.assertEqual(check_article(story).errors, [])
