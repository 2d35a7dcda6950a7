"""The story form's bylines and sources, and an author's links, on a phone and a tablet
(templates/admin/edit_inline/tabular.html, static/css/admin.css).

Their tables were wider than a phone: a source's Role ("Based on" or "Cited"), the
Position boxes and the Delete boxes sat off the right edge, behind a sideways
scroll nothing hinted at.
"""

from django.test import tag
from django.urls import reverse

from articles.models import Article
from articles.roles import EDITORS, WRITERS, ensure_roles
from authors.models import AuthorLink
from sources.models import OtherName
from tests.browser.base import DESKTOP, PHONE, BrowserTestCase
from tests.factories import make_article, make_author, make_source, make_user

PASSWORD = "correct horse battery staple"
TABLET = {"width": 820, "height": 1180}

# For the inline group ``id``: each shown row's cells and what is inside them (the
# autocomplete box, Role menu, Position and Delete boxes), with their right edges;
# how far the group and its fieldset scroll sideways; and, for each box a person
# fills in, whether a tap at its middle reaches it and the label shown for it.
MEASURE_INLINE = """id => {
    const group = document.getElementById(id);
    const fieldset = group.querySelector("fieldset");
    const shown = element => element.getClientRects().length > 0
        && getComputedStyle(element).visibility !== "hidden";
    const rows = [...group.querySelectorAll("tr.form-row")].filter(shown);
    const parts = rows.flatMap(row => [...row.querySelectorAll("td, td *")].filter(shown));
    const controls = rows.flatMap(row => [
        ...row.querySelectorAll("select:not(.select2-hidden-accessible), input:not([type=hidden])"),
        ...row.querySelectorAll(".select2-selection"),
    ]).filter(shown);
    return {
        rows: rows.length,
        parts: parts.map(part => ({
            name: part.id || part.getAttribute("class") || part.tagName,
            right: part.getBoundingClientRect().right,
        })),
        controls: controls.map(control => {
            control.scrollIntoView({block: "center"});
            const box = control.getBoundingClientRect();
            const x = box.left + box.width / 2, y = box.top + box.height / 2;
            const hit = document.elementFromPoint(x, y);
            const input = control.closest("td").querySelector("[id^=id_]:not([type=hidden])");
            const label = input && input.labels[0];
            const labelBox = label && label.getBoundingClientRect();
            const labelShown = label && labelBox.width > 1 && labelBox.height > 1;
            return {
                name: input ? input.id : control.className,
                tappable: hit !== null && (hit === control || control.contains(hit)),
                label: labelShown ? label.textContent.trim() : null,
            };
        }),
        groupOverflow: group.scrollWidth - group.clientWidth,
        fieldsetOverflow: fieldset.scrollWidth - fieldset.clientWidth,
        headings: shown(group.querySelector("thead")),
    };
}"""


@tag("browser")
class InlinesOnAPhoneTests(BrowserTestCase):
    def setUp(self):
        ensure_roles()
        make_user("eddie", staff=True, groups=[EDITORS], password=PASSWORD)
        # Long names, as agencies have: the autocomplete box must still fit.
        self.story = make_article(
            status=Article.Status.DRAFT,
            authors=[
                make_author(name="Maria Fernanda Castellanos-Villavicencio"),
                make_author(name="Priya Raman"),
            ],
            origin=make_source(name="Agence Internationale de Presse et d’Information"),
            cited=[make_source(name="The Kestrel Times")],
        )
        self.author = make_author(name="Mara Lindqvist")
        AuthorLink.objects.create(
            author=self.author,
            label="Personal site",
            url="https://mara-lindqvist.example/reporting/climate-and-energy-archive/",
        )

    def open(self, viewport, url, username="eddie"):
        page = self.new_page(viewport)
        self.sign_in(page, username, PASSWORD)
        page.goto(self.live_server_url + url)
        self.settle(page)
        return page

    def open_story(self, viewport):
        page = self.open(viewport, reverse("admin:articles_article_change", args=[self.story.pk]))
        # One more of each, as a writer adds them: the new rows must fit too.
        for group in ("bylines", "source_credits"):
            page.click(f"#{group}-group .add-row a")
        return page

    def assert_fits(self, page, group, width):
        measured = page.evaluate(MEASURE_INLINE, f"{group}-group")
        self.assertGreater(measured["rows"], 0)
        beyond = [part for part in measured["parts"] if part["right"] > width]
        self.assertEqual(beyond, [], f"{group}: past the {width}px screen's right edge")
        self.assertLessEqual(measured["groupOverflow"], 0, f"{group} scrolls sideways")
        self.assertLessEqual(measured["fieldsetOverflow"], 0, f"{group} scrolls sideways")
        return measured

    def test_bylines_and_sources_fit_a_phone_each_box_labelled_and_in_reach(self):
        page = self.open_story(PHONE)
        expected = {
            "bylines": {"Author", "Position", "Delete"},
            "source_credits": {"Source", "Role", "Position", "Delete"},
        }
        for group, labels in expected.items():
            with self.subTest(group):
                measured = self.assert_fits(page, group, PHONE["width"])
                # The Role menu and the Delete boxes are among what is measured.
                names = {part["name"] for part in measured["parts"]}
                self.assertIn(f"id_{group}-0-position", names)
                self.assertIn(f"id_{group}-0-DELETE", names)
                if group == "source_credits":
                    self.assertIn("id_source_credits-0-role", names)
                # The headings are gone on a phone: each box shows its own label.
                self.assertFalse(measured["headings"])
                self.assertEqual({c["label"] for c in measured["controls"] if c["label"]}, labels)
                for control in measured["controls"]:
                    self.assertTrue(control["tappable"], control)
                    if control["name"].startswith("id_"):
                        self.assertIsNotNone(control["label"], control)
        self.screenshot(page, "story-form-inlines-phone")

    def test_a_sources_role_and_a_bylines_delete_box_work_on_a_phone(self):
        """A tap on its word ticks Delete: the word makes the small box a bigger target."""
        page = self.open_story(PHONE)
        role = page.locator("#id_source_credits-0-role")
        role.select_option("cited")
        self.assertEqual(role.input_value(), "cited")
        page.click("label[for=id_bylines-0-DELETE]")
        self.assertTrue(page.locator("#id_bylines-0-DELETE").is_checked())
        box = page.locator("label[for=id_bylines-0-DELETE]").bounding_box()
        self.assertGreaterEqual(box["height"], 44)

    def test_a_writers_published_story_names_each_value_on_a_phone(self):
        """The page a writer may only read: its cells hold text, not boxes, and say what
        they are from their data-label."""
        writer = make_user("wendy", staff=True, groups=[WRITERS], password=PASSWORD)
        story = make_article(
            authors=[make_author(name="Wendy Writer", user=writer)],
            origin=make_source(name="Meridian News Service"),
            created_by=writer,
        )
        page = self.open(
            PHONE, reverse("admin:articles_article_change", args=[story.pk]), username="wendy"
        )
        self.assertEqual(page.locator("#source_credits-group select").count(), 0)
        for group in ("bylines", "source_credits"):
            with self.subTest(group):
                self.assert_fits(page, group, PHONE["width"])
        named = page.evaluate(
            """() => [...document.querySelectorAll("#source_credits-0 td[data-label]")]
                .map(cell => getComputedStyle(cell, "::before").content)"""
        )
        self.assertEqual(named, ['"Source"', '"Role"', '"Position"'])
        self.screenshot(page, "story-form-inlines-read-only-phone")

    def test_tablet_and_desktop_keep_the_tables(self):
        for name, viewport in (("tablet", TABLET), ("desktop", DESKTOP)):
            with self.subTest(name):
                page = self.open_story(viewport)
                for group in ("bylines", "source_credits"):
                    measured = self.assert_fits(page, group, viewport["width"])
                    self.assertTrue(measured["headings"])
                    # The column heading names each box: its own label stays hidden.
                    self.assertEqual({c["label"] for c in measured["controls"]}, {None})
                    self.assertTrue(all(c["tappable"] for c in measured["controls"]))
                self.screenshot(page, f"story-form-inlines-{name}")

    def test_an_authors_links_fit_a_phone_and_a_tablet(self):
        """The address's 30em box ran 230px past a tablet's table, and off a phone."""
        url = reverse("admin:authors_author_change", args=[self.author.pk])
        for name, viewport in (("phone", PHONE), ("tablet", TABLET), ("desktop", DESKTOP)):
            with self.subTest(name):
                page = self.open(viewport, url)
                page.click("#links-group .add-row a")
                self.assert_fits(page, "links", viewport["width"])
                self.screenshot(page, f"author-links-{name}")

    def test_a_sources_other_names_fit_a_phone_and_a_tablet(self):
        source = make_source(name="British Broadcasting Corporation")
        OtherName.objects.create(source=source, name="BBC")
        url = reverse("admin:sources_source_change", args=[source.pk])
        for name, viewport in (("phone", PHONE), ("tablet", TABLET), ("desktop", DESKTOP)):
            with self.subTest(name):
                page = self.open(viewport, url)
                page.click("#other_names-group .add-row a")
                measured = self.assert_fits(page, "other_names", viewport["width"])
                self.assertEqual(measured["rows"], 2)
                self.screenshot(page, f"source-other-names-{name}")
