"""HTML pasted into a headline, standfirst or caption is refused with its tags named."""

from django.test import SimpleTestCase, TestCase
from django.urls import reverse

from articles.models import Article
from articles.sanitiser import html_tags_in
from tests.articles.test_admin_workflow import form_fields
from tests.factories import make_section, make_user


class HtmlTagsTests(SimpleTestCase):
    def test_tags_are_told_from_words_with_angle_brackets(self):
        self.assertEqual(
            html_tags_in('<b>Talks</b> & tensions <script>alert(1)</script> in "Kyiv"'),
            ["<b>", "</b>", "<script>", "</script>"],
        )
        self.assertEqual(
            html_tags_in('<p class="x">Pasted<br/></p>'), ['<p class="x">', "<br/>", "</p>"]
        )
        for words in ("Inflation <2% for a year", "a < b > c", "Prices -> up", "<<3", "", None):
            with self.subTest(words=words):
                self.assertEqual(html_tags_in(words), [])


class RefusedPasteTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.chief = make_user("chief", superuser=True)
        cls.section = make_section(name="World", slug="world")

    def setUp(self):
        self.client.force_login(self.chief)

    def post(self, **changes):
        url = reverse("admin:articles_article_add")
        data = form_fields(self.client.get(url))
        data.update(
            headline="Talks and tensions in Kyiv",
            slug="talks-and-tensions",
            section=str(self.section.pk),
            body="<p>Delegations met.</p>",
            standfirst="Delegations met for the first time.",
        )
        data.update(changes)
        return self.client.post(url, data)

    def test_a_pasted_headline_comes_back_with_its_tags_named_and_kept(self):
        typed = '<b>Talks</b> & tensions <script>alert(1)</script> in "Kyiv"'
        response = self.post(headline=typed)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response.context["adminform"].form.errors["headline"],
            [
                "This is plain text: take out the HTML that came with the paste "
                "(“<b>”, “</b>”, “<script>”, …). Readers would see it as typed."
            ],
        )
        self.assertEqual(response.context["adminform"].form["headline"].value(), typed)
        self.assertFalse(Article.objects.exists())

    def test_the_standfirst_and_picture_words_are_plain_text_too(self):
        response = self.post(
            standfirst="<p>Pasted <i>standfirst</i></p>", featured_image_credit="<span>AFP</span>"
        )
        errors = response.context["adminform"].form.errors
        self.assertEqual(set(errors), {"standfirst", "featured_image_credit"})

    def test_angle_brackets_in_words_are_words(self):
        response = self.post(headline="Inflation <2% for the first time since 2019")
        self.assertEqual(response.status_code, 302)
        self.assertEqual(
            Article.objects.get().headline, "Inflation <2% for the first time since 2019"
        )
