"""A reader's path through the site in a real browser, on a phone and a desktop."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from articles.models import Article, Correction
from pages.models import AboutPage
from sources.models import Source
from tests.browser.base import DESKTOP, PHONE, SCREENSHOTS, BrowserTestCase
from tests.factories import make_article, make_author, make_section, make_source

# German compounds and pasted links (this one is 155 characters) are single
# "words" far wider than a phone.
LONG_WORD = "Donaudampfschifffahrtsgesellschaftskapitänswitwengesetz"
LONG_URL = (
    "https://www.bundestag.example/dokumente/"
    + "-".join(["donaudampfschifffahrtsgesellschaft-renten"] * 2)
    + "-2026-11-28-abschlussbericht.pdf"
)


class ReaderJourneyTests(BrowserTestCase):
    def setUp(self):
        self.world = make_section(name="World", slug="world", position=1)
        self.europe = make_section(name="Europe", slug="europe", parent=self.world)
        make_section(name="Business", slug="business", position=2)
        self.writer = make_author(
            name="Amira Haddad",
            slug="amira-haddad",
            job_title="Europe correspondent",
            bio="Amira Haddad covers European politics from Paris.",
            beat=self.world,
        )
        agency = make_source(name="Continental Press Agency", slug="cpa", kind=Source.Kind.AGENCY)
        ledger = make_source(name="The Northern Ledger", slug="ledger", kind="newspaper")
        self.story = make_article(
            headline="Leaders agree on a ceasefire plan in Paris",
            slug="leaders-agree-ceasefire-plan",
            standfirst="Talks ran through the night at the foreign ministry.",
            dateline="Paris",
            section=self.europe,
            authors=[self.writer, make_author(name="Jonas Berg", slug="jonas-berg")],
            origin=agency,
            cited=[ledger],
            body=(
                "<p>European leaders agreed on Friday to a plan for a ceasefire.</p>"
                "<h2>What was agreed</h2><blockquote><p>“This is a first step,” "
                "the minister said.</p></blockquote><p>More talks follow.</p>"
            ),
            published_at=timezone.now() - timedelta(hours=1),
        )
        make_article(
            headline="A draft nobody may read",
            section=self.europe,
            status=Article.Status.DRAFT,
        )

    def journey(self, viewport, name):
        page = self.new_page(viewport)
        page.goto(self.live_server_url + "/")
        self.assertIn("Leaders agree on a ceasefire plan in Paris", page.content())
        self.assertNotIn("A draft nobody may read", page.content())
        self.screenshot(page, f"reader-{name}-1-home")

        # Home → section, through the site's navigation.
        nav = page.get_by_role("navigation", name="Sections")
        nav.get_by_role("link", name="World", exact=True).click()
        page.wait_for_url("**/world/")
        self.assertEqual(page.get_by_role("heading", level=1).first.inner_text().strip(), "World")
        self.screenshot(page, f"reader-{name}-2-section")

        # Section → story.
        page.get_by_role("link", name="Leaders agree on a ceasefire plan in Paris").first.click()
        page.wait_for_url("**/leaders-agree-ceasefire-plan/")
        headline = page.get_by_role("heading", level=1).inner_text().strip()
        self.assertEqual(headline, "Leaders agree on a ceasefire plan in Paris")
        article_text = page.locator("article").first.inner_text()
        for expected in (
            "Talks ran through the night",
            "Amira Haddad",
            "Jonas Berg",
            "Paris",
            "What was agreed",
            "Continental Press Agency",
            "The Northern Ledger",
        ):
            self.assertIn(expected, article_text)
        self.assertTrue(page.locator("article time[datetime]").first.is_visible())
        self.screenshot(page, f"reader-{name}-3-story")

        # Story → author, through the byline.
        page.locator("article").first.get_by_role("link", name="Amira Haddad").first.click()
        page.wait_for_url("**/authors/amira-haddad/")
        author_name = page.get_by_role("heading", level=1).first.inner_text().strip()
        self.assertEqual(author_name, "Amira Haddad")
        self.assertIn("covers European politics", page.content())
        self.assertIn("Leaders agree on a ceasefire plan in Paris", page.content())
        self.screenshot(page, f"reader-{name}-4-author")

        # Nothing on the page is wider than the screen (no sideways scrolling).
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        self.assertLessEqual(overflow, 0)

    def test_reader_journey_on_a_phone(self):
        self.journey(PHONE, "phone")

    def test_reader_journey_on_a_desktop(self):
        self.journey(DESKTOP, "desktop")


class LongWordTests(BrowserTestCase):
    """Story cards on a phone: a very long word wraps, a time stays whole."""

    def setUp(self):
        world = make_section(name="World", slug="world", position=1)
        self.europe = make_section(name="Europe", slug="europe", parent=world)
        # The long word in her job title too: the journalists page shows it.
        self.writer = make_author(
            name="Mara Lindqvist", slug="mara-lindqvist", job_title=f"{LONG_WORD} correspondent"
        )
        self.lead = make_article(
            headline="Leaders agree on a ceasefire plan in Paris",
            section=self.europe,
            authors=[self.writer],
            # And in a source's name: Our sources shows it.
            origin=make_source(name=f"{LONG_WORD} Rundschau", kind=Source.Kind.NEWSPAPER),
            published_at=timezone.now() - timedelta(hours=1),
        )
        make_article(
            headline=f"{LONG_WORD} passes: river captains' widows win their pension",
            standfirst=f"See {LONG_URL} for the text.",
            body=f"<p>The pension rules are at {LONG_URL} in full.</p>",
            section=self.europe,
            authors=[self.writer],
            published_at=timezone.now() - timedelta(hours=2),
        )

    def test_story_lists_fit_a_phone(self):
        page = self.new_page(PHONE)
        pages = {
            "home": "/",
            "section": self.europe.get_absolute_url(),
            "search": "/search/?q=pension",
            "author": self.writer.get_absolute_url(),
            "journalists": "/authors/",
            "our sources": "/sources/",
            "related": self.lead.get_absolute_url(),
        }
        for name, path in pages.items():
            with self.subTest(page=name):
                page.goto(self.live_server_url + path)
                self.assertIn(LONG_WORD, page.content())
                self.screenshot(page, f"long-word-phone-{name}")
                page_width, screen_width = page.evaluate(
                    "[document.documentElement.scrollWidth, window.innerWidth]"
                )
                self.assertLessEqual(page_width, screen_width)

    def test_a_time_is_never_split_across_lines(self):
        """Wherever the line breaks in a card's byline, the time and its zone stay together."""
        page = self.new_page(PHONE)
        page.goto(self.live_server_url + self.writer.get_absolute_url())
        for width in range(300, 480, 3):
            with self.subTest(width=width):
                page.set_viewport_size({"width": width, "height": 844})
                split = page.evaluate(
                    "[...document.querySelectorAll('main time')]"
                    ".filter(time => time.getClientRects().length > 1).length"
                )
                self.assertEqual(split, 0)


class LargeTextTests(BrowserTestCase):
    """A reader who set the browser's text twice as large, on a phone: no sideways scrolling.

    The page links ran 170 px past the screen's edge, and a story's "Updated"
    time, kept on one line, past it too.
    """

    def test_page_links_and_times_fit_a_phone_at_twice_the_text_size(self):
        section = make_section(name="World", slug="world")
        for n in range(25):
            make_article(
                headline=f"Geneva harbour strike enters its week {n}",
                section=section,
                published_at=timezone.now() - timedelta(days=1, hours=n),
            )
        story = make_article(
            headline="Harbour strike ends",
            section=section,
            published_at=timezone.now() - timedelta(hours=3),
            substantive_update_at=timezone.now() - timedelta(hours=1),
        )
        page = self.new_page({"width": 390, "height": 844})
        # The browser's own text size setting, as a reader sets it: 32 px, not 16.
        cdp = page.context.new_cdp_session(page)
        cdp.send("Page.enable")
        cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 32}})
        for name, path in (
            ("search", "/search/?q=harbour&page=2"),
            ("section", section.get_absolute_url() + "?page=2"),
            ("story", story.get_absolute_url()),
        ):
            with self.subTest(name):
                page.goto(self.live_server_url + path)
                self.assertEqual(
                    page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)"), 32
                )
                overflow = page.evaluate(
                    "document.documentElement.scrollWidth - document.documentElement.clientWidth"
                )
                if name == "story":
                    self.assertIn("Updated", page.locator(".story__when").inner_text())
                self.assertLessEqual(overflow, 0)
                # The screen only: a full-page screenshot puts the text size back.
                page.screenshot(path=str(SCREENSHOTS / f"large-text-phone-{name}.png"))


class StoryPageStyleTests(BrowserTestCase):
    def test_a_caption_in_the_body_reads_as_a_caption(self):
        """Small, muted and in the sans face, like the featured image's caption."""
        story = make_article(
            body=(
                "<p>The ferry left at dawn.</p><figure>"
                '<img src="/static/img/logo.svg" alt="The ferry" width="32" height="32">'
                "<figcaption>The ferry leaving Stone Town.</figcaption></figure>"
            )
        )
        page = self.new_page(PHONE)
        page.goto(self.live_server_url + story.get_absolute_url())
        style = page.evaluate(
            """selectors => selectors.map(selector => {
                const style = getComputedStyle(document.querySelector(selector));
                const size = parseFloat(style.fontSize);
                return {size, face: style.fontFamily, colour: style.color};
            })""",
            [".story__body figcaption", ".story__body p", ".story__standfirst"],
        )
        caption, paragraph, standfirst = style
        self.assertLess(caption["size"], paragraph["size"])
        self.assertEqual(caption["face"], standfirst["face"])
        self.assertEqual(caption["colour"], standfirst["colour"])
        self.assertNotEqual(caption["colour"], paragraph["colour"])


    def test_a_portrait_lead_picture_leaves_room_for_the_story(self):
        """Held to 65% of the screen's height, whole; a landscape one still fills the column."""
        portrait = make_article(
            featured_image="articles/portrait.jpg",
            featured_image_width=900,
            featured_image_height=1600,
            featured_image_alt="A minister at the lectern",
        )
        landscape = make_article(
            featured_image="articles/landscape.jpg",
            featured_image_width=1600,
            featured_image_height=900,
            featured_image_alt="The harbour at dawn",
        )
        measure = (
            "(() => { const img = document.querySelector('.story__figure img');"
            " const box = img.getBoundingClientRect();"
            " return [box.width, box.height, img.parentElement.closest('figure')"
            ".getBoundingClientRect().width, innerHeight, getComputedStyle(img).objectFit]; })()"
        )
        for viewport in (PHONE, DESKTOP):
            page = self.new_page(viewport)
            with self.subTest(viewport=viewport["width"], shape="portrait"):
                page.goto(self.live_server_url + portrait.get_absolute_url())
                width, height, column, screen, fit = page.evaluate(measure)
                self.assertLessEqual(height, screen * 0.65 + 1)
                self.assertEqual(fit, "contain")  # whole, not stretched or cropped
                self.screenshot(page, f"portrait-lead-{viewport['width']}")
            with self.subTest(viewport=viewport["width"], shape="landscape"):
                page.goto(self.live_server_url + landscape.get_absolute_url())
                width, height, column, screen, fit = page.evaluate(measure)
                self.assertAlmostEqual(width, column, delta=1)
                self.assertAlmostEqual(height, width * 900 / 1600, delta=2)

    def test_a_small_lead_picture_keeps_its_own_size(self):
        """A 120-pixel picture was stretched to the column's width, six times its size."""
        small = make_article(
            featured_image="articles/small.jpg",
            featured_image_width=120,
            featured_image_height=80,
            featured_image_alt="The minister",
        )
        for viewport in (PHONE, DESKTOP):
            with self.subTest(viewport=viewport["width"]):
                page = self.new_page(viewport)
                page.goto(self.live_server_url + small.get_absolute_url())
                box = page.locator(".story__figure img").bounding_box()
                self.assertEqual((box["width"], box["height"]), (120, 80))


class CorrectionLinkTests(BrowserTestCase):
    def test_the_link_to_a_correction_lands_with_the_boxs_title_in_view(self):
        """Scrolled to the screen's top edge, the note hid the title that says what it is."""
        section = make_section(name="World", slug="world")
        story = make_article(section=section, body="<p>The summit opened.</p>" * 40)
        Correction.objects.create(article=story, note="The summit was in Antwerp.")
        for _ in range(4):  # related stories under it, so the page can scroll to the note
            make_article(section=section)
        for viewport in (PHONE, DESKTOP):
            with self.subTest(viewport=viewport["width"]):
                # Without smooth scrolling, the page is where it lands once clicked.
                page = self.new_page(viewport, reduced_motion="reduce")
                page.goto(self.live_server_url + story.get_absolute_url())
                page.get_by_role("link", name="This story has been corrected").click()
                title, note, screen = page.evaluate(
                    "[document.querySelector('.corrections__title').getBoundingClientRect().top,"
                    " document.querySelector('.correction').getBoundingClientRect().bottom,"
                    " innerHeight]"
                )
                self.assertGreaterEqual(title, 0)
                self.assertLessEqual(note, screen)
                self.screenshot(page, f"correction-link-{viewport['width']}")


class CorrectionsPageLayoutTests(BrowserTestCase):
    def test_the_corrections_page_lines_up_with_a_section_page(self):
        section = make_section(name="World", slug="world")
        Correction.objects.create(article=make_article(section=section), note="Antwerp.")
        for name, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
            with self.subTest(viewport=name):
                page = self.new_page(viewport)
                left = {}
                for path in (section.get_absolute_url(), "/corrections/"):
                    page.goto(self.live_server_url + path)
                    left[path] = page.locator("main h1").first.bounding_box()["x"]
                self.screenshot(page, f"corrections-{name}")
                self.assertEqual(left["/corrections/"], left[section.get_absolute_url()])


class WideTableTests(BrowserTestCase):
    """A table wider than a phone scrolls by itself, and its edges show there is more."""

    def setUp(self):
        rows = "".join(
            f"<tr><td>Region {n}</td><td>{LONG_WORD}</td><td>{n * 1234}</td></tr>" for n in range(4)
        )
        self.story = make_article(
            headline="Results by region",
            section=make_section(name="World", slug="world"),
            body=f"<p>The count:</p><table><tbody>{rows}</tbody></table>",
        )

    def edge_shades(self, table):
        """How much darker than the paper the table's left and right edges are.

        Read in the top padding of the row nearest the middle, where the
        shade is deepest and no text is drawn.
        """
        from io import BytesIO

        from PIL import Image

        image = Image.open(BytesIO(table.screenshot())).convert("L")
        width, height = image.size
        tops = table.evaluate(
            "t => [...t.rows].map(r => r.getBoundingClientRect().top"
            " - t.getBoundingClientRect().top)"
        )
        y = round(min(tops, key=lambda top: abs(top - height / 2))) + 2
        paper = image.getpixel((width // 2, y))
        return paper - image.getpixel((1, y)), paper - image.getpixel((width - 2, y))

    def test_a_wide_table_scrolls_and_shades_the_edge_with_more_beyond(self):
        page = self.new_page(PHONE)
        page.goto(self.live_server_url + self.story.get_absolute_url())
        table = page.locator(".story__body table")
        scroll_width, client_width = table.evaluate("t => [t.scrollWidth, t.clientWidth]")
        self.assertGreater(scroll_width, client_width)
        self.assertLessEqual(page.evaluate("document.documentElement.scrollWidth"), PHONE["width"])
        left, right = self.edge_shades(table)
        self.assertLess(left, 4)  # nothing before the first column
        self.assertGreater(right, 12)
        table.evaluate("t => { t.scrollLeft = t.scrollWidth }")
        left, right = self.edge_shades(table)
        self.assertGreater(left, 12)
        self.assertLess(right, 4)
        self.screenshot(page, "wide-table-phone")


class NavigationFocusTests(BrowserTestCase):
    """On a phone the section row scrolls, and clips what overflows it: a focus ring too."""

    RING = 5  # outline 3px + offset 2px
    # Wide enough to scroll on a phone; at 390 px "Culture" is the first link
    # the row shows only in part, which Chromium on its own leaves cut off.
    SECTIONS = "World Business Climate Science Culture Sport Obituaries Technology Opinion"

    def assert_focused_link_in_view_with_its_ring(self, link):
        self.assertTrue(link.evaluate("a => a === document.activeElement"))
        box, row = link.evaluate(
            "a => [a.getBoundingClientRect().toJSON(),"
            " a.closest('ul').getBoundingClientRect().toJSON()]"
        )
        self.assertGreaterEqual(box["top"] - self.RING, row["top"])
        self.assertLessEqual(box["bottom"] + self.RING, row["bottom"])
        # Whole, ring and all: a keyboard user sees where Tab took them.
        self.assertGreaterEqual(box["left"] - self.RING, row["left"])
        self.assertLessEqual(box["right"] + self.RING, row["right"])

    def test_each_section_link_tabbed_to_is_in_view_with_its_focus_ring(self):
        for position, name in enumerate(self.SECTIONS.split()):
            make_section(name=name, slug=name.lower(), position=position)
        page = self.new_page(PHONE)
        page.goto(self.live_server_url + "/")
        links = page.locator(".site-nav a")
        self.assertGreater(
            links.first.evaluate("a => a.closest('ul').scrollWidth - a.closest('ul').clientWidth"),
            0,
            "the row should scroll at this width",
        )
        # A shadow at the edge with more beyond it says the row scrolls; cut off
        # mid-word without one ("Scienc"), it read as broken.
        background = links.first.evaluate("a => getComputedStyle(a.closest('ul')).backgroundImage")
        self.assertEqual(background.count("radial-gradient"), 2, background)
        links.first.focus()
        self.assert_focused_link_in_view_with_its_ring(links.first)
        last = links.count() - 1
        # Along the row with Tab and back with Shift+Tab, as a keyboard user moves.
        for key, indexes in (("Tab", range(1, last + 1)), ("Shift+Tab", range(last - 1, -1, -1))):
            for index in indexes:
                page.keyboard.press(key)
                link = links.nth(index)
                with self.subTest(key=key, link=link.inner_text()):
                    self.assert_focused_link_in_view_with_its_ring(link)
        self.screenshot(page, "navigation-focus-phone")


# Resolves once the page has stopped scrolling (smooth scrolling takes a while).
SCROLL_SETTLED = """async () => {
    let last = -1, still = 0;
    while (still < 10) {
        await new Promise((frame) => requestAnimationFrame(frame));
        if (scrollY === last) still++; else { still = 0; last = scrollY; }
    }
}"""


class PageFocusTests(BrowserTestCase):
    """A link Tab lands on at the edge of a phone's screen is scrolled in with its focus ring."""

    RING = 5  # outline 3px + offset 2px

    def setUp(self):
        world = make_section(name="World", slug="world", position=1)
        writer = make_author(name="Mara Lindqvist", slug="mara-lindqvist")
        for hours in range(10):
            make_article(
                section=world,
                authors=[writer, make_author()],
                published_at=timezone.now() - timedelta(hours=hours + 1),
            )
        self.page = self.new_page(PHONE)
        self.page.goto(self.live_server_url + world.get_absolute_url())
        self.bylines = self.page.locator("main .byline a")

    def tab_to(self, key, edge, overhang):
        """Press ``key`` to reach a byline link mid-page, ``overhang`` px past ``edge``.

        The page is scrolled so that the link reaches that far past the top or
        bottom edge of the screen (less than 0: stops that far inside it), and
        the link before or after it is focused without scrolling.
        """
        page = self.page
        link = self.bylines.nth(self.bylines.count() // 2)
        box = link.evaluate("a => a.getBoundingClientRect().toJSON()")
        if edge == "bottom":
            target = box["bottom"] - PHONE["height"] - overhang
        else:
            target = box["top"] + overhang
        page.evaluate(
            "y => window.scrollTo({top: scrollY + y, behavior: 'instant'})", round(target)
        )
        step = -1 if key == "Tab" else 1
        link.evaluate(
            """(a, step) => {
                const focusable = [...document.querySelectorAll('a[href], input, button')];
                focusable[focusable.indexOf(a) + step].focus({preventScroll: true});
            }""",
            step,
        )
        page.keyboard.press(key)
        page.evaluate(SCROLL_SETTLED)
        self.assertTrue(link.evaluate("a => a === document.activeElement"))
        return link.evaluate("a => a.getBoundingClientRect().toJSON()")

    def test_tabbing_down_to_a_link_at_the_bottom_edge(self):
        # Cut off by a pixel or two (Chromium scrolls it only just into view),
        # and whole but with no room for its ring (Chromium does not scroll).
        for overhang in (1.5, -2.5):
            with self.subTest(overhang=overhang):
                box = self.tab_to("Tab", "bottom", overhang)
                self.assertLessEqual(box["bottom"] + self.RING, PHONE["height"])
        self.screenshot(self.page, "focus-bottom-edge-phone")

    def test_tabbing_back_up_to_a_link_at_the_top_edge(self):
        for overhang in (1.5, -2.5):
            with self.subTest(overhang=overhang):
                box = self.tab_to("Shift+Tab", "top", overhang)
                self.assertGreaterEqual(box["top"] - self.RING, 0)


class RightToLeftStoryTests(BrowserTestCase):
    def test_an_arabic_story_lines_up_on_the_right_and_its_quotes_stand_upright(self):
        story = make_article(
            headline="اتفاق على وقف إطلاق النار",
            standfirst="قال الوسطاء إن المحادثات ستستأنف.",
            body="<p>وصل الوفد إلى الدوحة.</p><blockquote><p>نحن متفائلون.</p></blockquote>",
            language="ar",
            section=make_section(name="World", slug="world"),
        )
        page = self.new_page(DESKTOP)
        page.goto(self.live_server_url + story.get_absolute_url())
        headline = page.locator(".story__headline").bounding_box()
        body = page.locator(".story__body").bounding_box()
        self.assertAlmostEqual(
            headline["x"] + headline["width"], body["x"] + body["width"], delta=1
        )
        self.assertEqual(
            page.locator(".story__body blockquote").evaluate("q => getComputedStyle(q).fontStyle"),
            "normal",
        )
        # Long words in a headline may break with a hyphen where the browser can.
        self.assertEqual(
            page.locator(".story__headline").evaluate("h => getComputedStyle(h).hyphens"), "auto"
        )
        self.screenshot(page, "right-to-left-desktop")


# Horizontal rules (a border above or below a box) in <main> that run over the
# same stretch of page less than 40 px apart: two lines where one was meant.
STACKED_RULES = """() => {
    const rules = [];
    for (const element of document.querySelectorAll('main *')) {
        const style = getComputedStyle(element);
        const box = element.getBoundingClientRect();
        if (!box.width || style.display === 'none' || style.visibility === 'hidden') continue;
        for (const [side, y] of [['Top', box.top], ['Bottom', box.bottom]]) {
            const width = parseFloat(style[`border${side}Width`]);
            if (style[`border${side}Style`] !== 'none' && width > 0) {
                const what = `${element.className || element.tagName} (${side.toLowerCase()})`;
                rules.push({y: y + window.scrollY, left: box.left, right: box.right, what});
            }
        }
    }
    const stacked = [];
    for (const [i, a] of rules.entries()) {
        for (const b of rules.slice(i + 1)) {
            const overlap = Math.min(a.right, b.right) - Math.max(a.left, b.left);
            const narrower = Math.min(a.right - a.left, b.right - b.left);
            const apart = Math.abs(a.y - b.y);
            if (overlap > narrower / 2 && apart > 2 && apart < 40) {
                stacked.push(`${a.what} / ${b.what}`);
            }
        }
    }
    return stacked;
}"""


class StackedRulesTests(BrowserTestCase):
    """No page draws two rules a few pixels apart where one parts two things."""

    def setUp(self):
        world = make_section(name="World", slug="world", position=1)
        writers = [
            make_author(name=f"Writer {n}", slug=f"writer-{n}", job_title="Correspondent")
            for n in range(4)
        ]
        # Sources of every kind, some of a kind, so Our sources has groups of one and of many.
        sources = [
            make_source(name=f"{kind.label} {n}", kind=kind, country="Switzerland" if n else "")
            for kind in Source.Kind
            for n in range(1 + len(kind.label) % 3)
        ]
        self.stories = [
            make_article(
                headline=f"Talks resume in Geneva on day {n}",
                standfirst="Delegations met for the first time since the summer.",
                section=world,
                authors=[writers[n % 4]],
                cited=sources[n::9],
                published_at=timezone.now() - timedelta(hours=n + 1),
            )
            for n in range(9)
        ]
        Correction.objects.create(article=self.stories[0], note="A city was misnamed.")
        Correction.objects.create(article=self.stories[1], note="A figure was wrong.")
        contact = AboutPage.objects.create(
            url="/about/contact/", title="Contact us",
            content="<h2>The news desk</h2><p>Write to desk@example.org.</p>",
        )
        contact.sites.add(settings.SITE_ID)

    def test_the_front_page_a_section_journalists_sources_corrections_and_about(self):
        for path in ("/", "/world/", "/authors/", "/sources/", "/corrections/", "/about/contact/"):
            for name, width in (("phone", 390), ("tablet", 820), ("desktop", 1366)):
                with self.subTest(path=path, viewport=name):
                    page = self.new_page({"width": width, "height": 900})
                    page.goto(self.live_server_url + path)
                    self.assertEqual(page.evaluate(STACKED_RULES), [])

    def test_the_corrections_log_looks_like_the_other_list_pages(self):
        page = self.new_page(DESKTOP)
        size = {}
        for path in ("/world/", "/corrections/"):
            page.goto(self.live_server_url + path)
            size[path] = page.locator("main h1").first.evaluate(
                "(title) => getComputedStyle(title).fontSize"
            )
        self.screenshot(page, "corrections-log")
        self.assertEqual(size["/corrections/"], size["/world/"])
        # Entries are ruled like a story list, not numbered.
        marker = page.locator(".corrections-log__list > li").first.evaluate(
            "(entry) => getComputedStyle(entry).listStyleType"
        )
        self.assertEqual(marker, "none")

    def test_page_links_stay_on_one_line_on_a_phone(self):
        for n in range(25):
            make_article(
                headline=f"Geneva harbour strike enters its week {n}",
                published_at=timezone.now() - timedelta(days=1, hours=n),
            )
        page = self.new_page(PHONE)
        page.goto(self.live_server_url + "/search/?q=harbour&page=2")
        parts = page.locator(".pagination > *")
        self.assertEqual(parts.count(), 3)
        for index in range(3):
            part = parts.nth(index)
            lines = part.evaluate(
                "(part) => part.getBoundingClientRect().height"
                " / parseFloat(getComputedStyle(part).lineHeight)"
            )
            with self.subTest(part.inner_text()):
                self.assertLess(lines, 1.5)


class HighContrastNavigationTests(BrowserTestCase):
    def test_only_the_current_section_is_underlined_in_forced_colours(self):
        """Windows' high-contrast modes draw transparent borders too: every section in
        the row was underlined as the current one, hiding where the reader was."""
        for position, name in enumerate(("World", "Business", "Science")):
            make_section(name=name, slug=name.lower(), position=position)
        for options in ({}, {"forced_colors": "active"}):
            with self.subTest(**options):
                page = self.new_page(DESKTOP, **options)
                page.goto(self.live_server_url + "/science/")
                underlines = page.locator(".site-nav a").evaluate_all(
                    "links => links.map(a => [a.textContent.trim(),"
                    " getComputedStyle(a).borderBottomStyle !== 'none'"
                    " && getComputedStyle(a).borderBottomColor !== 'rgba(0, 0, 0, 0)',"
                    " a.getBoundingClientRect().height])"
                )
                drawn = [name for name, underlined, _ in underlines if underlined]
                self.assertEqual(drawn, ["Science"], underlines)
                # The row's links stay one height, the current one's line included.
                self.assertEqual(len({round(height, 1) for *_, height in underlines}), 1)
        self.screenshot(page, "section-row-forced-colours")
