"""The story form's own buttons match Django's, and its history table reads on a phone
(static/css/admin.css)."""

import reversion
from django.test import tag
from django.urls import reverse

from articles.models import Article, StatusChange
from articles.roles import EDITORS, ensure_roles
from tests.browser.base import DESKTOP, PHONE, BrowserTestCase
from tests.browser.test_accessibility import contrast
from tests.factories import make_article, make_user

PASSWORD = "correct horse battery staple"

# Height of each visible button in the story form, by its label.
BUTTON_HEIGHTS = """() => Object.fromEntries(
    [...document.querySelectorAll("#article_form button, #article_form input[type=submit]")]
        .filter(button => button.getClientRects().length)
        .map(button => [
            (button.tagName === "INPUT" ? button.value : button.textContent).trim(),
            button.getBoundingClientRect().height,
        ])
)"""

# For each "By" cell, its words and the lines its text takes.
BY_LINES = """() => [...document.querySelectorAll("#change-history td.history-by")].map(cell => {
    const range = document.createRange();
    range.selectNodeContents(cell);
    const tops = new Set([...range.getClientRects()].map(rect => Math.round(rect.top)));
    return {text: cell.textContent.trim(), lines: tops.size};
})"""


@tag("browser")
class StoryFormButtonTests(BrowserTestCase):
    def setUp(self):
        ensure_roles()
        self.editor = make_user(
            "eddie",
            staff=True,
            groups=[EDITORS],
            password=PASSWORD,
            first_name="Edwina",
            last_name="Montgomery-Castellanos",
        )

    def log_in(self, viewport=DESKTOP, **options):
        page = self.new_page(viewport, **options)
        self.sign_in(page, "eddie", PASSWORD)
        return page

    def open_story(self, page, story):
        page.goto(self.live_server_url + reverse("admin:articles_article_change", args=[story.pk]))
        page.wait_for_selector("iframe.cke_wysiwyg_frame")

    def test_workflow_and_preview_buttons_are_as_tall_as_save(self):
        """They were 19px beside Django's 35px Save: Django's "form .button" padding won."""
        page = self.log_in()
        self.open_story(page, make_article(status=Article.Status.DRAFT))
        heights = page.evaluate(BUTTON_HEIGHTS)
        save = heights["Save"]
        self.assertAlmostEqual(save, 35, delta=1)
        for label in ("Create a preview link", "Save and publish", "Save and archive"):
            with self.subTest(label):
                self.assertAlmostEqual(heights[label], save, delta=0.5)

    def test_a_long_headline_stops_short_of_the_story_tools(self):
        """It ran under Preview, History and View on site at 1366px."""
        page = self.log_in()
        self.open_story(page, make_article(headline=("Ministers gather to debate " * 8)[:200]))
        title, tools = page.evaluate(
            """() => ["#content > h2", ".object-tools"]
                .map(selector => document.querySelector(selector))
                .map(element => { const box = element.getBoundingClientRect();
                                  return [box.left, box.top, box.right, box.bottom]; })"""
        )
        overlaps = not (
            title[2] <= tools[0]
            or tools[2] <= title[0]
            or title[3] <= tools[1]
            or tools[3] <= title[1]
        )
        self.assertFalse(overlaps, (title, tools))
        self.screenshot(page, "story-form-long-headline")

    def test_every_button_is_a_44px_tap_target_on_a_phone(self):
        page = self.log_in(PHONE)
        self.open_story(page, make_article(status=Article.Status.DRAFT))
        heights = page.evaluate(BUTTON_HEIGHTS)
        self.assertIn("Save and publish", heights)
        self.assertIn("Create a preview link", heights)
        for label, height in heights.items():
            with self.subTest(label):
                self.assertGreaterEqual(height, 44)
        self.screenshot(page, "story-form-buttons-phone")

    def test_takedown_buttons_are_red_and_readable(self):
        """Unpublish and archive look like Django's Delete, in light and dark mode."""
        for scheme in ("light", "dark"):
            with self.subTest(scheme):
                page = self.log_in(color_scheme=scheme)
                self.open_story(page, make_article())
                for value in ("draft", "archived"):
                    button = page.locator(f"button[name=_transition][value={value}]")
                    ink, paper, delete = button.evaluate(
                        """button => {
                            const style = getComputedStyle(button);
                            const probe = document.createElement("span");
                            probe.style.background = "var(--delete-button-bg)";
                            document.body.append(probe);
                            const delete_bg = getComputedStyle(probe).backgroundColor;
                            probe.remove();
                            return [style.color, style.backgroundColor, delete_bg];
                        }"""
                    )
                    self.assertEqual(paper, delete)
                    self.assertGreaterEqual(contrast(ink, paper), 4.5)

    def test_history_by_column_reads_on_a_phone(self):
        """Django breaks history cells inside words on a phone: names came a letter or two
        a line. Now a name breaks only between its words, and the page does not scroll
        sideways."""
        story = make_article(headline="Talks stall in Geneva")
        for headline in ("Talks resume in Geneva", "Talks end in Geneva"):
            with reversion.create_revision():
                reversion.set_user(self.editor)
                reversion.set_comment(
                    "Changed Headline, Standfirst, Body and Featured image alt text."
                )
                story.headline = headline
                story.save()
        page = self.log_in(PHONE)
        page.goto(self.live_server_url + reverse("admin:articles_article_history", args=[story.pk]))
        cells = page.evaluate(BY_LINES)
        self.assertEqual(len(cells), 2)
        for cell in cells:
            self.assertEqual(cell["text"], "Edwina Montgomery-Castellanos")
            # At most one line per word: "Edwina", "Montgomery-", "Castellanos".
            self.assertLessEqual(cell["lines"], 3, cell)
        self.assertLessEqual(
            page.evaluate("() => document.documentElement.scrollWidth"), PHONE["width"]
        )
        self.screenshot(page, "story-history-phone")
        # Its choices and its button are big enough to tap (13px and 19px tall),
        # and the comparison gives the story's words the screen's width.
        size = "(selector) => [document.querySelector(selector).getBoundingClientRect().width," \
            " document.querySelector(selector).getBoundingClientRect().height]"
        self.assertGreaterEqual(min(page.evaluate(size, "#change-history input[type=radio]")), 24)
        self.assertGreaterEqual(page.evaluate(size, "#content-main form button.button")[1], 44)
        page.click("#content-main form button.button")
        page.wait_for_selector(".compare")
        self.assertGreaterEqual(page.evaluate(size, ".compare td")[0], PHONE["width"] * 0.8)

    def test_long_words_in_the_history_and_the_comparison_fit_a_phone(self):
        """A picture's file name made the comparison 735px wide on a 390px phone, and a
        status note's address pushed the story form sideways."""
        word = "articles/e9846cf5d1a4b0c3f2e7a8d9b6c5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0dc0.png"
        story = make_article(headline="Talks stall in Geneva", standfirst="Talks stalled.")
        with reversion.create_revision():
            story.save()
        with reversion.create_revision():
            story.standfirst = f"Talks stalled. {word}"
            story.save()
        StatusChange.objects.create(
            article=story,
            from_status=Article.Status.PUBLISHED,
            to_status=Article.Status.PUBLISHED,
            user=self.editor,
            note=f"Legal asked: https://legal.example/{word}",
        )
        page = self.log_in(PHONE)
        versions = list(
            reversion.models.Version.objects.get_for_object(story).values_list("pk", flat=True)
        )
        compare = reverse("admin:articles_article_compare", args=[story.pk])
        for name, url in (
            ("comparison", f"{compare}?from={versions[1]}&to={versions[0]}"),
            ("story form", reverse("admin:articles_article_change", args=[story.pk])),
        ):
            with self.subTest(name):
                page.goto(self.live_server_url + url)
                self.assertIn(word, page.content())
                self.assertLessEqual(
                    page.evaluate("() => document.documentElement.scrollWidth"), PHONE["width"]
                )

    def test_the_story_list_on_a_phone_shows_each_storys_status_and_time(self):
        """Picture, section and byline give way: the list fits, status and time in view."""
        make_article(
            headline="Water-sharing talks resume as the river basin faces a third dry summer",
            featured_image="articles/river.jpg",
            featured_image_width=1600,
            featured_image_height=900,
        )
        page = self.log_in(PHONE)
        page.goto(self.live_server_url + reverse("admin:articles_article_changelist"))
        for column in ("Headline", "Status", "Published at"):
            with self.subTest(column):
                header = page.locator("#result_list thead th", has_text=column).first
                self.assertTrue(header.is_visible())
                box = header.bounding_box()
                self.assertLessEqual(box["x"] + box["width"], PHONE["width"])
        self.assertFalse(page.locator("#result_list th.column-thumbnail").is_visible())
        self.assertLessEqual(
            page.evaluate("() => document.documentElement.scrollWidth"), PHONE["width"]
        )
        self.screenshot(page, "story-list-phone")
