"""The top of the front page on a desktop: the lead's column and the one beside it."""

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.test import tag
from django.utils import timezone

from articles.models import Article
from tests.articles.test_images import MediaRootMixin
from tests.browser.base import BrowserTestCase, serve_media
from tests.factories import make_article

WIDTHS = (1366, 1920)
# A card with a two-line headline and a byline is about 130 px tall: more blank
# than that under one column is a hole a reader notices.
MOST_BLANK_UNDER_A_COLUMN = 160

# The rule between the columns (whatever draws it), and where each column ends.
COLUMNS = """() => {
    const front = document.querySelector('.front');
    const ruled = [...front.querySelectorAll('*')].find((element) => {
        const style = getComputedStyle(element);
        return ['Left', 'Right'].some((side) =>
            style[`border${side}Style`] !== 'none' && parseFloat(style[`border${side}Width`]) > 0);
    });
    const cards = [...front.querySelectorAll('.story-card')]
        .map((card) => card.getBoundingClientRect());
    if (!ruled) return {rule: null};
    const box = ruled.getBoundingClientRect();
    const x = parseFloat(getComputedStyle(ruled).borderLeftWidth) > 0 ? box.left : box.right;
    const bottom = (boxes) => Math.max(...boxes.map((card) => card.bottom));
    return {
        rule: {top: box.top, bottom: box.bottom},
        top: Math.min(...cards.map((card) => card.top)),
        left: bottom(cards.filter((card) => card.right <= x)),
        right: bottom(cards.filter((card) => card.left >= x)),
    };
}"""


@tag("browser")
class FrontPageColumnsTests(MediaRootMixin, BrowserTestCase):
    """The demo newsroom's front page, as it is and with more, fewer and other stories."""

    def setUp(self):
        super().setUp()
        call_command("load_demo", "--force", stdout=StringIO())
        self.lead = Article.objects.published().get(is_pinned=True)

    def columns(self, width, name):
        page = self.new_page({"width": width, "height": 900})
        serve_media(page, self.media_root)
        page.goto(self.live_server_url + "/")
        self.screenshot(page, f"front-{name}-{width}")
        return page.evaluate(COLUMNS)

    def assert_rule_runs_beside_both_columns(self, columns):
        """Not stopping short of the longer column, nor running on far past it."""
        self.assertIsNotNone(columns["rule"], "no rule between the columns")
        rule, end = columns["rule"], max(columns["left"], columns["right"])
        self.assertLessEqual(rule["top"], columns["top"] + 1)
        self.assertGreaterEqual(rule["bottom"], end - 1)
        self.assertLessEqual(rule["bottom"], end + 32)

    def assert_columns_end_together(self, name):
        for width in WIDTHS:
            with self.subTest(width=width):
                columns = self.columns(width, name)
                self.assert_rule_runs_beside_both_columns(columns)
                self.assertLessEqual(
                    abs(columns["left"] - columns["right"]), MOST_BLANK_UNDER_A_COLUMN, columns
                )

    def test_the_demo_front_page(self):
        self.assert_columns_end_together("demo")

    def test_a_lead_without_a_picture(self):
        Article.objects.filter(pk=self.lead.pk).update(featured_image="")
        self.assert_columns_end_together("lead-without-picture")

    def test_newer_stories_without_pictures(self):
        for minutes in range(8):
            make_article(
                headline=f"Ministers meet again in Geneva as border talks run into night {minutes}",
                published_at=timezone.now() - timedelta(minutes=10 + minutes),
            )
        self.assert_columns_end_together("more-stories")

    def test_two_stories_beside_the_lead(self):
        """Too few to fill the column beside the lead: the rule still runs its length."""
        keep = Article.objects.published().order_by("-is_pinned", "-published_at")[:3]
        Article.objects.exclude(pk__in=[story.pk for story in keep]).delete()
        for width in WIDTHS:
            with self.subTest(width=width):
                self.assert_rule_runs_beside_both_columns(self.columns(width, "few-stories"))


@tag("browser")
class FrontPageTabletTests(MediaRootMixin, BrowserTestCase):
    def test_a_story_alone_in_the_last_row_takes_the_row(self):
        """On a tablet the last of five top stories sat in half a row beside a blank."""
        call_command("load_demo", "--force", stdout=StringIO())
        page = self.new_page({"width": 820, "height": 1180})
        serve_media(page, self.media_root)
        page.goto(self.live_server_url + "/")
        self.screenshot(page, "front-tablet")
        lists = page.evaluate(
            """() => [...document.querySelectorAll('.front__top')].map((list) => ({
                count: list.children.length,
                width: list.getBoundingClientRect().width,
                last: list.lastElementChild.getBoundingClientRect().width,
            }))"""
        )
        odd = [found for found in lists if found["count"] % 2]
        self.assertTrue(odd, lists)
        for found in odd:
            self.assertAlmostEqual(found["last"], found["width"], delta=1)

    def test_the_last_of_an_odd_section_block_takes_its_row_on_a_tablet_only(self):
        """The demo's World block has three stories: the third sat in half a row."""
        call_command("load_demo", "--force", stdout=StringIO())
        blocks = {}
        for width in (820, 1366):
            page = self.new_page({"width": width, "height": 1180})
            serve_media(page, self.media_root)
            page.goto(self.live_server_url + "/")
            blocks[width] = page.evaluate(
                """() => [...document.querySelectorAll('.section-block__stories')].map((list) => ({
                    count: list.children.length,
                    width: list.getBoundingClientRect().width,
                    last: list.lastElementChild.getBoundingClientRect().width,
                }))"""
            )
        odd = [found for found in blocks[820] if found["count"] % 2 and found["count"] > 1]
        self.assertTrue(odd, blocks[820])
        for found in odd:
            self.assertAlmostEqual(found["last"], found["width"], delta=1)
        # Four columns on a desktop: every story keeps its column.
        for found in blocks[1366]:
            self.assertLess(found["last"], found["width"] / 3)
