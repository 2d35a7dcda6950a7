"""The story form's Save and workflow buttons stay in view on a laptop.

A story's form runs to thousands of pixels (body, picture, bylines, sources,
corrections, history): on a 1280×720 laptop "Save and publish" was some
3,500px down, below the status history, and an editor scrolled to find it.
"""

from django.contrib.auth import get_user_model
from django.test import tag
from django.urls import reverse

from articles.models import Article
from articles.roles import EDITORS, ensure_roles
from tests.browser.base import BrowserTestCase
from tests.factories import make_article, make_source, make_user

PASSWORD = "correct horse battery staple"
User = get_user_model()

POSITION = "(selector) => getComputedStyle(document.querySelector(selector)).position"
IN_VIEW = """(selector) => {
    const box = document.querySelector(selector).getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight;
}"""


@tag("browser")
class StoryActionsTests(BrowserTestCase):
    def open_story(self, viewport):
        ensure_roles()
        if not User.objects.filter(username="eddie").exists():
            make_user("eddie", staff=True, groups=[EDITORS], password=PASSWORD)
        story = make_article(
            status=Article.Status.DRAFT,
            body="".join(f"<p>Paragraph {n} of the talks.</p>" for n in range(40)),
            origin=make_source(),
        )
        page = self.new_page(viewport=viewport)
        self.sign_in(page, "eddie", PASSWORD)
        page.goto(self.live_server_url + reverse("admin:articles_article_change", args=[story.pk]))
        page.wait_for_function("() => window.CKEDITOR?.instances.id_body?.status === 'ready'")
        return page

    def test_on_a_laptop_the_buttons_are_in_view_from_the_top_of_the_form(self):
        page = self.open_story({"width": 1280, "height": 720})
        publish = 'button[name="_transition"][value="published"]'
        self.assertTrue(page.evaluate(IN_VIEW, publish))
        self.assertTrue(page.evaluate(IN_VIEW, 'input[name="_save"]'))
        self.screenshot(page, "story-actions-laptop")
        # A field reached with the keyboard is not hidden behind them.
        page.focus("#id_status_note")
        self.assertTrue(page.evaluate(IN_VIEW, "#id_status_note"))
        box = page.evaluate(
            "() => [document.querySelector('#id_status_note').getBoundingClientRect().bottom,"
            " document.querySelector('.story-actions').getBoundingClientRect().top]"
        )
        self.assertLessEqual(box[0], box[1])
        # And the form still saves from there.
        page.click(publish)
        page.wait_for_selector(".messagelist")
        self.assertEqual(Article.objects.get().status, Article.Status.PUBLISHED)

    def test_on_a_phone_they_stay_at_the_foot_of_the_form(self):
        """Two rows of buttons would take a third of a phone's screen, upright or
        turned sideways (wide but short: they covered 29% of it)."""
        for viewport in ({"width": 390, "height": 844}, {"width": 844, "height": 390}):
            with self.subTest(**viewport):
                page = self.open_story(viewport)
                self.assertFalse(page.evaluate(IN_VIEW, 'input[name="_save"]'))
                self.assertEqual(page.evaluate(POSITION, ".story-actions"), "static")
                page.close()
                Article.objects.all().delete()

    def test_a_refused_save_takes_the_editor_to_the_field_at_fault(self):
        """ "Please correct the error below." sat at the top, and the status note it
        meant three and a half screens down on a phone, with nothing to show where."""
        page = self.open_story({"width": 390, "height": 844})
        Article.objects.update(status=Article.Status.REVIEW)
        page.reload()
        page.wait_for_function("() => window.CKEDITOR?.instances.id_body?.status === 'ready'")
        page.click('button[name="_transition"][value="draft"]')
        page.wait_for_selector(".errornote")
        page.wait_for_function("() => document.activeElement?.id === 'id_status_note'")
        self.assertTrue(page.evaluate(IN_VIEW, "#id_status_note"))
        self.screenshot(page, "story-first-error-phone")

    def test_a_refused_save_focuses_the_editor_the_form_error_or_the_row_at_fault(self):
        """Focus went nowhere after an error in the body or one of the whole form (the next
        Tab went to "Skip to main content"), and to the first byline's hidden <select>
        when a second byline named the same writer."""
        page = self.open_story({"width": 1280, "height": 900})
        # An error of the body: its editor takes the focus, once ready.
        page.evaluate(
            "() => CKEDITOR.instances.id_body.setData("
            "'<p>Notes at <a href=\"file:///C:/notes.doc\">notes</a>.</p>')"
        )
        page.click('input[name="_save"]')
        page.wait_for_selector(".errornote")
        page.wait_for_function(
            "() => document.activeElement?.classList.contains('cke_wysiwyg_frame')"
        )
        # An error of the whole form: the error itself, read out.
        story = Article.objects.get()
        Article.objects.update(status=Article.Status.PUBLISHED, published_at=story.created_at)
        change_url = self.live_server_url + reverse(
            "admin:articles_article_change", args=[story.pk]
        )
        page.goto(change_url)
        page.wait_for_function("() => window.CKEDITOR?.instances.id_body?.status === 'ready'")
        page.evaluate("() => CKEDITOR.instances.id_body.setData('')")
        page.click('input[name="_save"]')
        page.wait_for_selector(".errornote")
        page.wait_for_function("() => document.activeElement?.matches('ul.errorlist.nonfield')")
        self.assertIn("checklist", page.evaluate("() => document.activeElement.textContent"))
        # A byline's error: the visible box of the row at fault, the second here.
        Article.objects.update(status=Article.Status.DRAFT)
        author = story.bylines.get().author
        page.goto(change_url)
        page.wait_for_function("() => window.CKEDITOR?.instances.id_body?.status === 'ready'")
        page.evaluate(
            "([pk, name]) => django.jQuery('#id_bylines-1-author')"
            ".append(new Option(name, pk, true, true)).trigger('change')",
            [author.pk, author.name],
        )
        page.click('input[name="_save"]')
        page.wait_for_selector(".errornote")
        page.wait_for_function(
            "() => document.activeElement?.matches("
            "'#id_bylines-1-author + .select2 .select2-selection')"
        )
        self.screenshot(page, "story-byline-error-focus")

    def test_on_a_phone_the_publish_confirmation_buttons_are_tap_sized(self):
        """ "Yes, publish" was 29px tall, right beside "No, take me back" (WCAG 2.5.5)."""
        page = self.open_story({"width": 390, "height": 844})
        Article.objects.update(status=Article.Status.REVIEW)
        page.goto(self.live_server_url + reverse("admin:articles_article_changelist"))
        # 16px, which phones do not zoom into when it is tapped (it was 13px).
        font = "(selector) => getComputedStyle(document.querySelector(selector)).fontSize"
        self.assertEqual(page.evaluate(font, "#searchbar"), "16px")
        page.check("input.action-select")
        page.select_option("select[name=action]", "publish_selected")
        page.click("button[name=index]")
        page.wait_for_selector("text=No, take me back")
        page.wait_for_load_state("load")
        height = "(selector) => document.querySelector(selector).getBoundingClientRect().height"
        self.assertGreaterEqual(page.evaluate(height, 'input[value^="Yes, publish"]'), 44)
        self.assertGreaterEqual(page.evaluate(height, "a.cancel-link"), 44)
        self.screenshot(page, "publish-confirmation-phone")

    def test_on_a_tablet_the_story_list_leaves_the_headline_room(self):
        """Beside the filters the headline had 80px and wrapped to thirteen lines."""
        page = self.open_story({"width": 768, "height": 1024})
        Article.objects.update(
            headline="Filler dispatch number 146 on the regional grain harvest and prices"
        )
        page.goto(self.live_server_url + reverse("admin:articles_article_changelist"))
        width = "(selector) => document.querySelector(selector).getBoundingClientRect().width"
        self.assertGreaterEqual(page.evaluate(width, "#result_list .field-headline"), 160)
        self.screenshot(page, "story-list-tablet")

    def test_on_a_phone_a_preview_link_does_not_widen_the_page(self):
        """The link is one long word: it ran 130px past the right edge, and the whole
        story form scrolled sideways."""
        page = self.open_story({"width": 390, "height": 844})
        page.click("text=Create a preview link")
        page.wait_for_selector("#preview-links li a")
        page.wait_for_load_state("load")
        self.assertEqual(
            page.evaluate("() => document.documentElement.scrollWidth"),
            page.evaluate("() => document.documentElement.clientWidth"),
        )
        self.screenshot(page, "preview-link-phone")
