"""JSON-LD on story pages: complete, absolute, and unable to break out of its script."""

import json
import re
import shutil
import tempfile
from datetime import datetime, timedelta
from urllib.robotparser import RobotFileParser

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory, TestCase
from django.utils import timezone
from PIL import Image

from articles import services
from articles.models import Article, Correction
from articles.structured_data import breadcrumbs, news_article
from articles.templatetags.newsroom_seo import json_ld
from tests.factories import (
    make_article,
    make_author,
    make_image_bytes,
    make_section,
    make_source,
)

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld_blocks(html):
    """Every JSON-LD object on the page, keyed by its @type."""
    return {block["@type"]: block for block in map(json.loads, JSON_LD.findall(html))}


class StoryPageJsonLdTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = make_section(name="World", slug="world")
        cls.europe = make_section(name="Europe", slug="europe", parent=cls.world)
        cls.ann = make_author(name="Ann Baker", slug="ann-baker", job_title="Europe editor")
        cls.zoe = make_author(name="Zoe Adams", slug="zoe-adams")
        cls.wire = make_source(name="Wire Agency", slug="wire", url="https://wire.example/")
        cls.paper = make_source(name="Daily Paper", slug="daily-paper")
        cls.article = make_article(
            headline="Ministers agree on budget",
            standfirst="A late-night deal.",
            dateline="Brussels",
            section=cls.europe,
            authors=[cls.zoe, cls.ann],
            origin=cls.wire,
            cited=[cls.paper],
            language="en",
            published_at=timezone.now() - timedelta(hours=3),
        )
        cls.correction = Correction.objects.create(
            article=cls.article, note="An earlier version gave the wrong total."
        )

    def page_blocks(self, article=None):
        article = article or self.article
        response = self.client.get(article.get_absolute_url())
        self.assertEqual(response.status_code, 200)
        return json_ld_blocks(response.content.decode())

    def test_news_article_describes_the_story(self):
        data = self.page_blocks()["NewsArticle"]
        url = "http://testserver" + self.article.get_absolute_url()
        self.assertEqual(data["@context"], "https://schema.org")
        self.assertEqual(data["headline"], "Ministers agree on budget")
        self.assertEqual(data["description"], "A late-night deal.")
        self.assertEqual(data["mainEntityOfPage"], {"@type": "WebPage", "@id": url})
        self.assertEqual(data["articleSection"], "Europe")
        self.assertEqual(data["dateline"], "Brussels")
        self.assertEqual(data["inLanguage"], "en")
        self.assertEqual(data["datePublished"], self.article.published_at.isoformat())
        self.article.refresh_from_db()
        self.assertEqual(data["dateModified"], self.article.updated_at.isoformat())

    def test_every_author_is_a_person_with_an_absolute_url(self):
        authors = self.page_blocks()["NewsArticle"]["author"]
        self.assertEqual(
            authors,
            [
                {
                    "@type": "Person",
                    "name": "Zoe Adams",
                    "url": "http://testserver/authors/zoe-adams/",
                },
                {
                    "@type": "Person",
                    "name": "Ann Baker",
                    "url": "http://testserver/authors/ann-baker/",
                    "jobTitle": "Europe editor",
                },
            ],
        )

    def test_a_story_with_no_byline_names_the_publication_as_its_author(self):
        """Saved around the checklist, it said "author": [], which names no one."""
        unsigned = make_article(headline="Weather warning", section=self.world, authors=[])
        data = self.page_blocks(unsigned)["NewsArticle"]
        self.assertEqual(data["author"], [data["publisher"]])
        self.assertEqual(data["author"][0]["@type"], "NewsMediaOrganization")

    def test_publisher_has_name_and_logo(self):
        publisher = self.page_blocks()["NewsArticle"]["publisher"]
        self.assertEqual(publisher["name"], "Newsroom")
        self.assertEqual(publisher["logo"]["@type"], "ImageObject")
        prefix = "http://testserver/static/"
        self.assertTrue(publisher["logo"]["url"].startswith(prefix))
        # The logo named is a file the static files app will serve.
        self.assertIsNotNone(finders.find(publisher["logo"]["url"].removeprefix(prefix)))

    def test_sources_and_corrections(self):
        data = self.page_blocks()["NewsArticle"]
        # schema.org: isBasedOn and citation take a CreativeWork (the source's
        # report), not an Organization; the organisation is its publisher.
        self.assertEqual(
            data["isBasedOn"],
            [
                {
                    "@type": "CreativeWork",
                    "publisher": {
                        "@type": "Organization",
                        "name": "Wire Agency",
                        "url": "https://wire.example/",
                    },
                }
            ],
        )
        self.assertEqual(
            data["citation"],
            [
                {
                    "@type": "CreativeWork",
                    "publisher": {
                        "@type": "Organization",
                        "name": "Daily Paper",
                        "url": "http://testserver/sources/daily-paper/",
                    },
                }
            ],
        )
        [correction] = data["correction"]
        self.assertEqual(correction["@type"], "CorrectionComment")
        self.assertEqual(correction["text"], "An earlier version gave the wrong total.")
        self.assertEqual(correction["datePublished"], self.correction.created_at.isoformat())

    def test_an_update_is_no_correction(self):
        """An update adds news; listed as a ``correction`` it told machines the story
        had been wrong, which the page itself does not say. It moves ``dateModified``."""
        story = make_article(section=self.world, authors=[self.ann])
        services.add_correction(story, kind=Correction.Kind.UPDATE, note="The talks resumed.")
        data = self.page_blocks(story)["NewsArticle"]
        self.assertNotIn("correction", data)
        story.refresh_from_db()
        self.assertEqual(data["dateModified"], story.substantive_update_at.isoformat())
        services.add_correction(
            story, kind=Correction.Kind.CLARIFICATION, note="The talks were in Rome."
        )
        [clarification] = self.page_blocks(story)["NewsArticle"]["correction"]
        self.assertEqual(
            (clarification["name"], clarification["text"]),
            ("Clarification", "The talks were in Rome."),
        )

    def story_pictures(self, name, width=None, height=None):
        """The JSON-LD ``image`` of the story, its featured image named (not uploaded)
        ``name`` with the size stored on the row: the JSON-LD needs addresses, not files."""
        article = Article.objects.for_story().get(pk=self.article.pk)
        article.featured_image.name = name
        article.featured_image_width, article.featured_image_height = width, height
        return news_article(article, RequestFactory().get("/"))["image"]

    def test_a_large_picture_is_listed_whole_at_1280_pixels_and_as_the_share_crop(self):
        """Search engines want large pictures and their sizes; a 4000-pixel original
        is more than they need to fetch."""
        self.assertEqual(
            self.story_pictures("articles/2026/photo.jpg", 4000, 3000),
            [
                {
                    "@type": "ImageObject",
                    "url": "http://testserver/media/renditions/articles/2026/photo-1280.jpg",
                    "width": 1280,
                    "height": 960,
                },
                {
                    "@type": "ImageObject",
                    "url": "http://testserver/media/renditions/articles/2026/photo-social.jpg",
                    "width": 1200,
                    "height": 630,
                },
            ],
        )

    def test_each_copy_of_the_picture_carries_its_caption_and_credit(self):
        """Search engines show a picture's credit beside it; the JSON-LD named none."""
        self.article.featured_image_caption = "Delegates arrive for the second day of talks"
        self.article.featured_image_credit = "Reuters/Ana Ruiz"
        self.article.save()
        pictures = self.story_pictures("articles/2026/photo.jpg", 4000, 3000)
        self.assertEqual(len(pictures), 2)
        for picture in pictures:
            self.assertEqual(picture["caption"], "Delegates arrive for the second day of talks")
            self.assertEqual(picture["creditText"], "Reuters/Ana Ruiz")

    def test_a_picture_without_a_caption_or_credit_names_none(self):
        (picture,) = self.story_pictures("articles/2026/photo.jpg")
        self.assertNotIn("caption", picture)
        self.assertNotIn("creditText", picture)

    def test_a_small_or_tall_picture_is_listed_at_its_own_width(self):
        """Never a copy wider than the original, which is not made."""
        for (width, height), expected in [
            ((800, 600), (800, 600)),
            ((1000, 2001), (1000, 2001)),
            ((1250, 2500), (1250, 2500)),
            ((1500, 1001), (1280, 854)),
        ]:
            with self.subTest(width=width, height=height):
                whole, crop = self.story_pictures("articles/2026/photo.png", width, height)
                self.assertEqual(
                    whole["url"],
                    f"http://testserver/media/renditions/articles/2026/photo-{expected[0]}.png",
                )
                self.assertEqual((whole["width"], whole["height"]), expected)
                self.assertEqual((crop["width"], crop["height"]), (1200, 630))

    def test_a_picture_without_copies_is_listed_alone_as_the_original(self):
        """No stored size (a row never measured), or a format we make no copies in:
        the original, with its size only where the row knows it."""
        self.assertEqual(
            self.story_pictures("articles/2026/photo.jpg"),
            [{"@type": "ImageObject", "url": "http://testserver/media/articles/2026/photo.jpg"}],
        )
        self.assertEqual(
            self.story_pictures("articles/2026/scan.tiff", 800, 600),
            [
                {
                    "@type": "ImageObject",
                    "url": "http://testserver/media/articles/2026/scan.tiff",
                    "width": 800,
                    "height": 600,
                }
            ],
        )

    def test_the_pictures_listed_are_the_files_made_at_the_sizes_given(self):
        """Names and sizes are worked out without opening a file: check them against
        the copies an upload actually gets."""
        media_root = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, media_root, ignore_errors=True)
        for original in [(1999, 1333), (640, 959)]:
            with (
                self.subTest(original=original),
                self.settings(MEDIA_ROOT=media_root),
                self.captureOnCommitCallbacks(execute=True),
            ):
                story = make_article(
                    featured_image=SimpleUploadedFile(
                        "photo.jpg", make_image_bytes("JPEG", size=original)
                    )
                )
            with self.subTest(original=original), self.settings(MEDIA_ROOT=media_root):
                listed = self.page_blocks(story)["NewsArticle"]["image"]
                self.assertEqual(len(listed), 2)
                for picture in listed:
                    name = picture["url"].removeprefix("http://testserver/media/")
                    with default_storage.open(name) as stored, Image.open(stored) as made:
                        self.assertEqual(made.size, (picture["width"], picture["height"]))

    def test_breadcrumbs_run_home_section_parent_first_story(self):
        crumbs = self.page_blocks()["BreadcrumbList"]["itemListElement"]
        self.assertEqual(
            [(crumb["position"], crumb["name"], crumb["item"]) for crumb in crumbs],
            [
                (1, "Newsroom", "http://testserver/"),
                (2, "World", "http://testserver/world/"),
                (3, "Europe", "http://testserver/europe/"),
                (
                    4,
                    "Ministers agree on budget",
                    "http://testserver" + self.article.get_absolute_url(),
                ),
            ],
        )

    def test_story_without_sources_or_corrections_leaves_them_out(self):
        plain = make_article(section=self.world, authors=[self.ann])
        data = self.page_blocks(plain)["NewsArticle"]
        for key in ("isBasedOn", "citation", "correction", "image"):
            self.assertNotIn(key, data)

    def test_without_a_standfirst_the_first_paragraph_describes_the_story(self):
        """Not the site's tagline in the share cards, nor an empty description."""
        bare = make_article(
            section=self.world,
            standfirst="",
            body="<p>&nbsp;</p><p>Ministers met in <strong>Rome</strong> &amp; agreed.</p>"
            "<p>Then they left.</p>",
        )
        response = self.client.get(bare.get_absolute_url())
        data = json_ld_blocks(response.content.decode())["NewsArticle"]
        self.assertEqual(data["description"], "Ministers met in Rome & agreed.")
        for tag in (
            'name="description"',
            'property="og:description"',
            'name="twitter:description"',
        ):
            with self.subTest(tag):
                self.assertContains(
                    response, f'<meta {tag} content="Ministers met in Rome &amp; agreed.">'
                )
        self.assertNotContains(response, f'content="{settings.NEWSROOM_TAGLINE}"')

    def test_a_story_with_no_words_to_describe_it_has_no_description(self):
        bare = make_article(section=self.world, standfirst="", body="<h2>Live</h2>")
        data = self.page_blocks(bare)["NewsArticle"]
        self.assertNotIn("description", data)

    def test_script_in_headline_stays_inside_the_json(self):
        hostile = make_article(
            headline="</script><script>alert(1)</script>",
            standfirst="Tom & Jerry <b>",
            section=self.world,
        )
        response = self.client.get(hostile.get_absolute_url())
        html = response.content.decode()
        self.assertNotIn("<script>alert(1)</script>", html)
        data = json_ld_blocks(html)["NewsArticle"]
        self.assertEqual(data["headline"], "</script><script>alert(1)</script>")
        self.assertEqual(data["description"], "Tom & Jerry <b>")

    def test_builders_use_prefetched_rows_only(self):
        """The page's for_story() queryset already holds everything the JSON-LD reads."""
        article = Article.objects.for_story().get(pk=self.article.pk)
        request = RequestFactory().get("/")
        with self.assertNumQueries(0):
            news_article(article, request)
            breadcrumbs(article, request)


class JsonLdEscapingTests(TestCase):
    def test_angle_brackets_and_ampersands_are_unicode_escaped(self):
        html = str(json_ld({"headline": "a</script>&<!--"}))
        self.assertEqual(html.count("</script>"), 1)
        self.assertIn("\\u003C/script\\u003E\\u0026\\u003C!--", html)
        self.assertEqual(json.loads(JSON_LD.search(html).group(1)), {"headline": "a</script>&<!--"})


def addresses_in(data):
    """Every absolute address in a JSON-LD object, however deep."""
    if isinstance(data, dict):
        for value in data.values():
            yield from addresses_in(value)
    elif isinstance(data, list):
        for value in data:
            yield from addresses_in(value)
    elif isinstance(data, str) and data.startswith(("http://", "https://")):
        yield data


class FrontPageJsonLdTests(TestCase):
    def test_the_front_page_names_the_site_and_its_publisher(self):
        make_article()
        response = self.client.get("/")
        data = json_ld_blocks(response.content.decode())["WebSite"]
        self.assertEqual(data["name"], settings.NEWSROOM_NAME)
        self.assertEqual(data["url"], "http://testserver/")
        self.assertEqual(data["publisher"]["@type"], "NewsMediaOrganization")

    def test_the_site_offers_search_engines_no_search_box(self):
        """Google retired the sitelinks search box in November 2024, and the
        search page it pointed at is one robots.txt keeps crawlers out of."""
        make_article()
        data = json_ld_blocks(self.client.get("/").content.decode())["WebSite"]
        self.assertNotIn("potentialAction", data)

    def test_robots_txt_lets_crawlers_fetch_every_address_the_json_ld_names(self):
        """Structured data that sends a crawler where robots.txt forbids it to go
        contradicts itself: the front page's named the search page."""
        story = make_article(origin=make_source(url=""), cited=[make_source()])
        story.featured_image.name = "articles/2026/photo.jpg"
        story.featured_image_width, story.featured_image_height = 1600, 900
        story.save()
        robots = RobotFileParser()
        robots.parse(self.client.get("/robots.txt").content.decode().splitlines())
        for path in ("/", story.get_absolute_url()):
            blocks = json_ld_blocks(self.client.get(path).content.decode())
            addresses = set(addresses_in(list(blocks.values())))
            self.assertTrue(addresses)
            for address in addresses:
                with self.subTest(page=path, address=address):
                    self.assertTrue(robots.can_fetch("Googlebot", address))


CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)">')


class JsonLdAsSearchEnginesReadItTests(TestCase):
    """Every JSON-LD block parses and has what Google's Article and breadcrumb
    documentation asks for, with dates and addresses a crawler can use."""

    def assertAbsolute(self, address):
        scheme, _, rest = address.partition("://")
        self.assertIn(scheme, {"http", "https"}, address)
        self.assertTrue(rest and not rest.startswith("/"), address)

    def assertMoment(self, value):
        moment = datetime.fromisoformat(value)
        # Google reads a date without a time zone as the crawler's local time.
        self.assertIsNotNone(moment.tzinfo, value)
        return moment

    def assertImageObject(self, picture):
        self.assertEqual(picture["@type"], "ImageObject")
        self.assertAbsolute(picture["url"])
        for side in ("width", "height"):
            self.assertIsInstance(picture[side], int)
            self.assertGreater(picture[side], 0)

    def check_story_page(self, story):
        """The story page's JSON-LD, checked; returns its ``NewsArticle``."""
        response = self.client.get(story.get_absolute_url())
        html = response.content.decode()
        blocks = [json.loads(text) for text in JSON_LD.findall(html)]
        self.assertEqual([block["@type"] for block in blocks], ["NewsArticle", "BreadcrumbList"])
        for block in blocks:
            self.assertEqual(block["@context"], "https://schema.org")
        for address in addresses_in(blocks):
            self.assertAbsolute(address)
        data, trail = blocks
        canonical = CANONICAL.search(html).group(1)
        self.assertEqual(data["url"], canonical)
        self.assertEqual(data["mainEntityOfPage"]["@id"], canonical)

        self.assertEqual(data["headline"], story.headline)
        published = self.assertMoment(data["datePublished"])
        modified = self.assertMoment(data["dateModified"])
        self.assertGreaterEqual(modified, published)
        for note in data.get("correction", []):
            self.assertEqual(note["@type"], "CorrectionComment")
            self.assertTrue(note["text"])
            self.assertLessEqual(self.assertMoment(note["datePublished"]), modified)

        self.assertTrue(data["author"])
        for author in data["author"]:
            self.assertIn(author["@type"], {"Person", "NewsMediaOrganization"})
            self.assertTrue(author["name"])
            self.assertIn("url", author)
        self.assertTrue(data["publisher"]["name"])
        self.assertImageObject(data["publisher"]["logo"])
        for picture in data.get("image", []):
            self.assertImageObject(picture)

        self.assertEqual(trail["@type"], "BreadcrumbList")
        crumbs = trail["itemListElement"]
        self.assertEqual([crumb["position"] for crumb in crumbs], list(range(1, len(crumbs) + 1)))
        for crumb in crumbs:
            self.assertEqual(crumb["@type"], "ListItem")
            self.assertTrue(crumb["name"])
        self.assertEqual(crumbs[-1]["item"], canonical)
        return data

    def test_a_full_story(self):
        world = make_section(name="World", slug="world")
        story = make_article(
            section=make_section(name="Europe", slug="europe", parent=world),
            authors=[make_author(name="Ann Baker"), make_author(name="Zoe Adams")],
            origin=make_source(),
            cited=[make_source(url="https://paper.example/")],
            featured_image="articles/2026/photo.jpg",
            featured_image_width=2400,
            featured_image_height=1600,
        )
        services.add_correction(story, kind=Correction.Kind.CORRECTION, note="The total was wrong.")
        services.add_correction(story, kind=Correction.Kind.UPDATE, note="Talks resumed.")
        data = self.check_story_page(story)
        self.assertEqual(len(data["author"]), 2)
        self.assertEqual(len(data["correction"]), 1)
        # Google's Discover asks for pictures at least 1200 pixels wide.
        self.assertTrue(all(picture["width"] >= 1200 for picture in data["image"]))

    def test_an_unsigned_story_without_a_picture(self):
        data = self.check_story_page(make_article(authors=[], standfirst="", body=""))
        self.assertNotIn("image", data)

    def test_a_long_headline_is_given_whole_everywhere(self):
        """Google dropped its 110-character limit for ``headline`` in 2023 and now only
        asks for concise titles, which it cuts to fit; cut here, the headline would
        differ from the one on the page, which the JSON-LD describes
        (docs/decisions/0031-structured-data-for-search-engines.md)."""
        headline = ("Ministers from twenty-seven countries agree on a budget " * 4)[:200]
        story = make_article(headline=headline.strip())
        data = self.check_story_page(story)
        self.assertEqual(data["headline"], story.headline)
        response = self.client.get(story.get_absolute_url())
        self.assertContains(response, f'<meta property="og:title" content="{story.headline}">')
        self.assertContains(response, f'<meta name="twitter:title" content="{story.headline}">')
        self.assertContains(response, f"<title>{story.headline} | {settings.NEWSROOM_NAME}</title>")
        trail = json_ld_blocks(response.content.decode())["BreadcrumbList"]["itemListElement"]
        self.assertEqual(trail[-1]["name"], story.headline)

    def test_the_front_page(self):
        make_article()
        [data] = map(json.loads, JSON_LD.findall(self.client.get("/").content.decode()))
        self.assertEqual(data["@context"], "https://schema.org")
        self.assertEqual(data["@type"], "WebSite")
        self.assertTrue(data["name"])
        self.assertAbsolute(data["url"])
        self.assertImageObject(data["publisher"]["logo"])
