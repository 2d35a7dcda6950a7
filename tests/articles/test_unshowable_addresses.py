"""Pictures and links the sanitiser would drop are named on the body field, not dropped silently.

A picture pasted from Word or Outlook points at a file on the writer's computer
(``file:///C:/…``) or carries its bytes (``data:``); a link may run script
(``javascript:``). Cleaning removes them, as it must, and the save used to say
only "changed successfully": the picture was gone, and the link's words stayed
coloured as a link that went nowhere.
"""

from django.test import SimpleTestCase
from django.urls import reverse

from articles.models import Article
from articles.sanitiser import clean_body, unshowable_addresses
from tests.articles.test_admin_workflow import AdminWorkflowTestCase, form_fields

WORD_PICTURE = (
    '<p>Flood map:</p><p><img src="file:///C:/Users/ana/AppData/Local/Temp/msohtml1/01/'
    'clip_image002.png" alt="Map"></p>'
)


class UnshowableAddressTests(SimpleTestCase):
    def test_addresses_no_reader_could_load_or_follow(self):
        body = (
            WORD_PICTURE
            + '<p><img src="data:image/png;base64,iVBORw0KGgo="></p>'
            + '<p><a href="javascript:alert(1)">Vote</a> <a href=" JaVaScRiPt:go()">Go</a>'
            + ' <a href="&#106;avascript:x()">X</a></p>'
        )
        pictures, links = unshowable_addresses(body)
        self.assertEqual(
            pictures,
            [
                "file:///C:/Users/ana/AppData/Local/Temp/msohtml1/01/clip_image002.png",
                "data:image/png;base64,iVBORw0KGgo=",
            ],
        )
        self.assertEqual(links, ["javascript:alert(1)", "JaVaScRiPt:go()", "javascript:x()"])
        # Each is one the sanitiser drops.
        cleaned = clean_body(body)
        self.assertNotIn("<img", cleaned)
        self.assertNotIn("href", cleaned)

    def test_web_addresses_pass(self):
        body = (
            '<p><img src="https://news.example/media/map.jpg" alt="Map">'
            '<img src="/media/uploads/map.jpg" alt="Map"><img src="//cdn.example/m.png" alt="M">'
            '<a href="http://un.org/">UN</a> <a href="mailto:desk@news.example">Desk</a>'
            ' <a href="/world/">World</a> <a href="#notes">Notes</a> <a>Anchor</a></p>'
        )
        self.assertEqual(unshowable_addresses(body), ([], []))


class StoryFormTests(AdminWorkflowTestCase):
    def test_the_form_names_them_keeps_the_text_and_saves_nothing(self):
        story = self.writer_draft(body="<p>Rain.</p>")
        data = self.open_form(story, self.writer)
        body = WORD_PICTURE + '<p><a href="javascript:alert(1)">Vote</a></p>'
        response = self.save(story, self.writer, data, body=body)
        self.assertEqual(response.status_code, 200)
        form = response.context["adminform"].form
        self.assertEqual(list(form.errors), ["body"])
        picture, link = form.errors["body"]
        self.assertIn("1 picture here cannot be shown to readers: “file:///C:/Users/", picture)
        self.assertIn("Upload it with the Image button instead, or take it out.", picture)
        self.assertEqual(
            link,
            "1 link here is not a web address: “javascript:alert(1)”. Readers could not "
            "follow it, and saving would drop it. Link to an address starting http:// or "
            "https:// (or mailto:), or take the link out.",
        )
        self.assertEqual(form["body"].value(), body)
        story.refresh_from_db()
        self.assertEqual(story.body, "<p>Rain.</p>")

    def test_many_are_listed_in_short(self):
        self.client.force_login(self.writer)
        data = form_fields(self.client.get(reverse("admin:articles_article_add")))
        pictures = "".join(f'<img src="file:///C:/Temp/clip_image{n:03}.png">' for n in range(5))
        data.update(
            headline="Floods in the north",
            slug="floods-in-the-north",
            section=str(self.section.pk),
            body=f"<p>{pictures}</p>",
            **{"bylines-0-author": str(self.writer_author.pk), "bylines-0-position": "0"},
        )
        response = self.client.post(reverse("admin:articles_article_add"), data)
        (error,) = response.context["adminform"].form.errors["body"]
        self.assertIn(
            "5 pictures here cannot be shown to readers: “file:///C:/Temp/clip_image000.png”, "
            "“file:///C:/Temp/clip_image001.png”, “file:///C:/Temp/clip_image002.png” and 2 more.",
            error,
        )
        self.assertIn("Upload each with the Image button instead, or take them out.", error)
        self.assertFalse(Article.objects.filter(slug="floods-in-the-north").exists())

    def test_the_count_is_said_in_words_not_with_an_s_in_brackets(self):
        """"1 link(s) here are not web addresses" read as a form letter."""
        story = self.writer_draft(body="<p>Rain.</p>")
        data = self.open_form(story, self.writer)
        body = '<p><a href="javascript:a()">Vote</a> <a href="javascript:b()">Go</a></p>'
        (error,) = self.save(story, self.writer, data, body=body).context["adminform"].form.errors[
            "body"
        ]
        self.assertEqual(
            error,
            "2 links here are not web addresses: “javascript:a()”, “javascript:b()”. Readers "
            "could not follow them, and saving would drop them. Link to an address starting "
            "http:// or https:// (or mailto:), or take the links out.",
        )
