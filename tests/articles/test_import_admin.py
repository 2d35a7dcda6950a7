"""The admin's "Import wire copy" pages: upload → preview → confirm, as a staff user."""

from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path
from unittest import mock

from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DataError, OperationalError
from django.templatetags.static import static
from django.test import Client, TestCase, override_settings
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles import import_service
from articles.admin_import import MAX_FILES, MAX_WAITING, PASTED_NAME, SESSION_KEY
from articles.import_service import import_copy
from articles.models import Article, PendingImport, StatusChange
from articles.roles import WRITERS, ensure_roles
from authors.models import Author
from sources.models import Source
from tests.factories import make_author, make_section, make_source, make_user

WIRE = Path(__file__).resolve().parent.parent / "fixtures" / "wire"
# The opening bytes of a .docx (a ZIP archive holding the document's XML).
WORD_DOCUMENT = b"PK\x03\x04\x14\x00\x06\x00\x08\x00word/document.xml"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
IMPORT_URL = reverse("admin:articles_article_import")
CONFIRM_URL = reverse("admin:articles_article_import_confirm")


def upload(name):
    return SimpleUploadedFile(name, (WIRE / name).read_bytes(), content_type="text/plain")


class _BackFields(HTMLParser):
    def __init__(self):
        super().__init__()
        self.fields, self.inside, self.buttons = [], False, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == "import-back":
            self.inside = True
        elif tag == "input" and attrs.get("type") == "submit":
            if self.inside or attrs.get("form") == "import-back":
                self.buttons.append(attrs["value"])
        elif tag == "input" and self.inside and attrs.get("name"):
            self.fields.append((attrs["name"], attrs.get("value", "")))

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False


def back_fields(response):
    """What the check page's way back to the form sends, as a browser would send it,
    and the labels of the buttons that send it."""
    parser = _BackFields()
    parser.feed(response.content.decode())
    sent = {}
    for name, value in parser.fields:
        sent.setdefault(name, []).append(value)
    return sent, parser.buttons


class ImportAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = make_section(name="World", slug="world")
        cls.reuters = make_source(name="Reuters", slug="reuters")
        cls.desk = make_user("desk", staff=True)
        # A desk editor's rights: stories, and the authors and sources copy names.
        cls.desk.user_permissions.add(
            *Permission.objects.filter(
                content_type__app_label="articles",
                codename__in=["add_article", "change_article", "view_article"],
            ),
            Permission.objects.get(codename="add_author", content_type__app_label="authors"),
            Permission.objects.get(codename="add_source", content_type__app_label="sources"),
        )

    def setUp(self):
        self.client.force_login(self.desk)

    def preview(self, *files, **fields):
        return self.client.post(
            IMPORT_URL, {"files": list(files), "section": self.world.pk, **fields}
        )

    def test_story_list_links_to_the_import_page(self):
        response = self.client.get(reverse("admin:articles_article_changelist"))
        self.assertContains(response, f'href="{IMPORT_URL}"')
        self.assertContains(response, "Import wire copy")
        # The admin's own tools are still there beside the new button, for those
        # who may use them (recovering deleted stories needs publish rights).
        self.assertNotContains(response, "Recover deleted stories")
        self.client.force_login(make_user("chief", superuser=True))
        response = self.client.get(reverse("admin:articles_article_changelist"))
        self.assertContains(response, f'href="{IMPORT_URL}"')
        self.assertContains(response, "Recover deleted stories")

    def test_preview_shows_what_will_be_created_and_removed_and_saves_nothing(self):
        response = self.preview(upload("paris_climate_talks.txt"), upload("empty.txt"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(
            response,
            "Negotiators from 41 countries agreed on Friday to double funding for coastal flood "
            "defences by 2030",
        )
        self.assertContains(response, "<strong>Dateline:</strong> Paris")
        self.assertContains(response, "ad CSS: .ad-slot { display: none; margin: 0 auto; }")
        self.assertContains(response, "page junk: Share this article")
        self.assertContains(response, "<li>Origin source: Reuters (existing)</li>", html=True)
        self.assertContains(
            response, "Byline: Claire Dubois (new author, Europe correspondent, will be created)"
        )
        self.assertContains(response, "<h2>Who pays and how</h2>", html=True)
        self.assertContains(response, "empty.txt")
        self.assertContains(response, "the file is empty")
        self.assertContains(response, "Import 1 story")
        self.assertFalse(Article.objects.exists())
        self.assertFalse(Author.objects.exists())

    def test_preview_lays_out_a_body_in_another_script_as_the_story_page_will(self):
        """The preview showed an Arabic body left to right, its full stops on the
        wrong side, though the story page and "View story" set its language."""
        response = self.preview(upload("cairo_rates_arabic.txt"), upload("paris_climate_talks.txt"))
        self.assertContains(response, '<div class="import-body" lang="ar" dir="rtl">', count=1)
        self.assertContains(response, '<div class="import-body">', count=1)
        self.assertFalse(Article.objects.exists())

    def test_preview_lists_a_cookie_banner_as_removed(self):
        response = self.preview(upload("paris_cookie_fine_banner.txt"))
        for line in ("Accept all cookies", "Manage preferences", "Reject all", "Cookie settings"):
            self.assertContains(response, f"<li><code>page junk: {line}</code></li>", html=True)
        self.assertContains(response, "<strong>Dateline:</strong> Paris")
        self.assertContains(
            response, "<strong>Headline:</strong> France&#x27;s data regulator fined"
        )

    def test_preview_boxes_carry_the_classes_admin_css_wraps(self):
        """A 5,000-character line widened the page; admin.css wraps it inside these boxes
        (tests/browser/test_import_preview.py measures the page)."""
        copy = "Ministers met on Monday.\n" + "x" * 5000 + "\n.ad-slot{display:none}\nThey left.\n"
        response = self.preview(SimpleUploadedFile("annex.txt", copy.encode()))
        self.assertContains(response, static("css/admin.css"))
        self.assertContains(response, '<section class="import-file">')
        self.assertContains(response, '<ul class="import-removed">')
        self.assertContains(response, f'<div class="import-body"><p>{"x" * 5000}</p>')
        self.assertNotContains(response, "<style>")

    def test_each_import_page_leads_back_to_the_story_list_and_the_first_step(self):
        changelist = reverse("admin:articles_article_changelist")
        upload_page = self.client.get(IMPORT_URL)
        self.assertContains(upload_page, f'<a href="{changelist}">Stories</a>')
        self.assertContains(upload_page, "&rsaquo; Import wire copy\n</div>")
        preview = self.preview(upload("nairobi_drought.txt"))
        self.assertContains(preview, f'<a href="{changelist}">Stories</a>')
        self.assertContains(
            preview, f'<a href="{IMPORT_URL}">Import wire copy</a>\n  &rsaquo; Check'
        )

    def test_confirm_imports_exactly_what_was_previewed(self):
        self.preview(upload("paris_climate_talks.txt"), upload("nairobi_drought.txt"))
        token = self.client.session[SESSION_KEY][-1]
        response = self.client.post(CONFIRM_URL, {"token": token}, follow=True)
        self.assertRedirects(response, reverse("admin:articles_article_changelist"))
        stories = Article.objects.order_by("pk")
        self.assertEqual(
            [(a.dateline, a.status, a.section) for a in stories],
            [("Paris", "review", self.world), ("Nairobi", "review", self.world)],
        )
        self.assertEqual(stories[0].created_by, self.desk)
        self.assertContains(
            response,
            f"Imported paris_climate_talks.txt as story #{stories[0].pk}: "
            "“Negotiators from 41 countries agreed on Friday to double funding for coastal "
            "flood defences by 2030” (in review).",
        )
        self.assertFalse(self.client.session.get(SESSION_KEY))
        # The token is spent: confirming again creates nothing more.
        self.client.post(CONFIRM_URL, {"token": token})
        self.assertEqual(Article.objects.count(), 2)

    def test_a_batch_stopped_part_way_keeps_the_files_it_had_not_reached(self):
        """The waiting copy was deleted before the first file was imported: a worker
        stopped in the middle of a batch (its time limit, a restart) lost the rest,
        and pasted copy exists nowhere else."""
        self.preview(upload("paris_climate_talks.txt"), upload("nairobi_drought.txt"))
        token = self.client.session[SESSION_KEY][-1]
        imported = []

        def stopped_at_the_second(name, raw, **kwargs):
            if imported:
                raise SystemExit("the worker is stopped")
            imported.append(name)
            return import_copy(name, raw, **kwargs)

        stopping = mock.patch("articles.admin_import.import_copy", stopped_at_the_second)
        with stopping, self.assertRaises(SystemExit):
            self.client.post(CONFIRM_URL, {"token": token})
        self.assertEqual(list(Article.objects.values_list("dateline", flat=True)), ["Paris"])
        # Confirming again imports what was left, once.
        response = self.client.post(CONFIRM_URL, {"token": token}, follow=True)
        self.assertEqual(
            list(Article.objects.order_by("pk").values_list("dateline", flat=True)),
            ["Paris", "Nairobi"],
        )
        self.assertContains(response, "Imported nairobi_drought.txt")
        self.assertNotContains(response, "Imported paris_climate_talks.txt")
        self.assertFalse(PendingImport.objects.exists())
        self.assertFalse(self.client.session.get(SESSION_KEY))

    def test_the_story_history_starts_with_the_wire_copy_by_the_importer(self):
        self.preview(upload("nairobi_drought.txt"))
        self.assertFalse(Version.objects.exists(), "the preview is a dry run")
        self.client.post(CONFIRM_URL, {"token": self.client.session[SESSION_KEY][-1]})
        story = Article.objects.get()
        version = Version.objects.get_for_object(story).get()
        self.assertEqual(version.revision.comment, "Imported from nairobi_drought.txt")
        self.assertEqual(version.revision.user, self.desk)
        history = self.client.get(reverse("admin:articles_article_history", args=[story.pk]))
        self.assertContains(history, "Imported from nairobi_drought.txt")

    def test_status_history_says_who_put_the_imported_story_in_review(self):
        """An imported story arrives in review; its history said "No status changes yet"."""
        self.desk.first_name, self.desk.last_name = "Marta", "Ruiz"
        self.desk.save()
        self.preview(upload("nairobi_drought.txt"))
        self.assertFalse(StatusChange.objects.exists(), "the preview is a dry run")
        self.client.post(CONFIRM_URL, {"token": self.client.session[SESSION_KEY][-1]})
        story = Article.objects.get()
        change = story.status_changes.get()
        self.assertEqual(
            (change.from_status, change.to_status, change.user, change.user_name),
            ("draft", "review", self.desk, "Marta Ruiz"),
        )
        response = self.client.get(reverse("admin:articles_article_change", args=[story.pk]))
        self.assertNotContains(response, "No status changes yet")
        history = response.content.decode().split('id="status-history"')[1]
        for cell in ("Marta Ruiz", "Draft → In review", "Imported from nairobi_drought.txt"):
            self.assertIn(f"<td>{cell}</td>", history)

    def test_preview_says_new_rows_will_be_created_not_that_they_were(self):
        """Nothing is saved before the editor confirms, so nothing "was created" yet."""
        response = self.preview(upload("nairobi_drought.txt"))
        self.assertContains(response, "Origin source: AFP (new source, will be created)")
        self.assertContains(
            response, "Byline: Daniel Otieno (new author, Freelance journalist, will be created)"
        )
        self.assertNotContains(response, "new source created")

    def test_report_does_not_open_with_the_file_name(self):
        """The admin capitalises a message's first letter, which would misspell the name."""
        self.preview(upload("kyiv_power_grid.txt"), upload("paris_climate_talks.txt"))
        token = self.client.session[SESSION_KEY][-1]
        # Someone imports one of the files while the preview waits for confirmation.
        import_copy("paris_climate_talks.txt", (WIRE / "paris_climate_talks.txt").read_bytes())
        response = self.client.post(CONFIRM_URL, {"token": token}, follow=True)
        self.assertContains(response, "Imported kyiv_power_grid.txt as story #")
        self.assertContains(
            response, "Check kyiv_power_grid.txt: no author bio at the end: add a byline"
        )
        self.assertContains(response, "Skipped paris_climate_talks.txt: already imported")
        self.assertNotContains(response, "Kyiv_power_grid.txt")
        self.assertNotContains(response, "Paris_climate_talks.txt")

    def test_report_of_a_file_that_fails_on_confirm(self):
        self.preview(upload("nairobi_drought.txt"))
        token = self.client.session[SESSION_KEY][-1]
        # The limit was lowered between the preview and the confirmation.
        with override_settings(IMPORT_MAX_BYTES=100):
            response = self.client.post(CONFIRM_URL, {"token": token}, follow=True)
        self.assertContains(response, "Could not import nairobi_drought.txt: the file is 1 KB")
        self.assertNotContains(response, "Nairobi_drought.txt")

    def test_a_file_that_fails_on_the_databases_side_is_kept_to_try_again(self):
        """A lock timeout on one file of a batch deleted its copy with the rest: the
        editor had to find the file and upload it again. A file refused for its copy
        (above) is not kept: trying it again would fail the same way."""
        self.preview(upload("paris_climate_talks.txt"), upload("nairobi_drought.txt"))
        token = self.client.session[SESSION_KEY][-1]
        create_story = import_service._create_story

        def times_out_on_nairobi(parsed, name, *args, **kwargs):
            if name == "nairobi_drought.txt":
                raise OperationalError("canceling statement due to lock timeout")
            return create_story(parsed, name, *args, **kwargs)

        with (
            mock.patch.object(import_service, "_create_story", times_out_on_nairobi),
            self.assertLogs("articles.import_service", "ERROR"),
        ):
            response = self.client.post(CONFIRM_URL, {"token": token})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Imported paris_climate_talks.txt as story")
        self.assertContains(
            response, "Could not import nairobi_drought.txt: it could not be imported"
        )
        self.assertContains(
            response,
            "1 file could not be imported because of an error on our side, not in the copy.\n"
            "    Nothing was created from it; it is kept, with the choices you confirmed:",
        )
        self.assertContains(response, "Leave it and go to the story list")
        self.assertContains(response, "<li>nairobi_drought.txt</li>", html=True)
        self.assertContains(response, f'name="token" value="{token}"')
        self.assertEqual(list(Article.objects.values_list("dateline", flat=True)), ["Paris"])

        response = self.client.post(CONFIRM_URL, {"token": token}, follow=True)
        self.assertRedirects(response, reverse("admin:articles_article_changelist"))
        self.assertContains(response, "Imported nairobi_drought.txt as story")
        self.assertNotContains(response, "paris_climate_talks.txt")
        self.assertEqual(
            list(Article.objects.order_by("pk").values_list("dateline", flat=True)),
            ["Paris", "Nairobi"],
        )
        self.assertFalse(PendingImport.objects.exists())
        self.assertNotIn(token, self.client.session[SESSION_KEY])

    def test_several_files_that_fail_on_the_databases_side_are_spoken_of_as_several(self):
        self.preview(upload("paris_climate_talks.txt"), upload("nairobi_drought.txt"))
        token = self.client.session[SESSION_KEY][-1]
        with (
            mock.patch.object(
                import_service,
                "_create_story",
                side_effect=OperationalError("canceling statement due to lock timeout"),
            ),
            self.assertLogs("articles.import_service", "ERROR"),
        ):
            response = self.client.post(CONFIRM_URL, {"token": token})
        self.assertContains(
            response,
            "2 files could not be imported because of an error on our side, not in the copy.\n"
            "    Nothing was created from them; they are kept, with the choices you confirmed:",
        )
        self.assertContains(response, "Leave them and go to the story list")

    def test_a_file_the_database_refuses_for_its_copy_is_not_offered_again(self):
        """A value the database will not take fails the same way each time: "Try
        again" forever, and the error called ours, not the copy's."""
        self.preview(upload("nairobi_drought.txt"))
        token = self.client.session[SESSION_KEY][-1]
        with (
            mock.patch.object(
                import_service, "_create_story", side_effect=DataError("value too long")
            ),
            self.assertLogs("articles.import_service", "ERROR"),
        ):
            response = self.client.post(CONFIRM_URL, {"token": token}, follow=True)
        self.assertRedirects(response, reverse("admin:articles_article_changelist"))
        self.assertContains(response, "Could not import nairobi_drought.txt")
        self.assertFalse(PendingImport.objects.exists())

    def test_confirm_with_a_wrong_token_imports_nothing(self):
        self.preview(upload("paris_climate_talks.txt"))
        response = self.client.post(CONFIRM_URL, {"token": "forged"}, follow=True)
        self.assertRedirects(response, IMPORT_URL)
        self.assertContains(response, "no longer waiting for confirmation")
        self.assertFalse(Article.objects.exists())

    def test_the_copy_waits_in_the_database_and_the_session_holds_only_a_token(self):
        """Twenty 1 MB files in the session were read on every admin page until confirmed."""
        raw = (WIRE / "paris_climate_talks.txt").read_bytes()
        self.preview(upload("paris_climate_talks.txt"))
        token = self.client.session[SESSION_KEY][-1]
        self.assertIsInstance(token, str)
        self.assertLess(len(self.client.session.encode(dict(self.client.session.items()))), 500)
        pending = PendingImport.objects.get(token=token)
        self.assertEqual((pending.user, pending.section), (self.desk, self.world))
        self.assertEqual(
            [(f.name, bytes(f.raw)) for f in pending.files.all()],
            [("paris_climate_talks.txt", raw)],
        )
        self.client.post(CONFIRM_URL, {"token": token})
        self.assertFalse(PendingImport.objects.exists())

    def test_a_preview_in_another_tab_leaves_the_first_to_confirm(self):
        """A second preview used to drop the first: its tab still offered to import."""
        self.preview(upload("paris_climate_talks.txt"))
        first = self.client.session[SESSION_KEY][-1]
        self.preview(upload("nairobi_drought.txt"))
        second = self.client.session[SESSION_KEY][-1]
        self.client.post(CONFIRM_URL, {"token": first})
        self.client.post(CONFIRM_URL, {"token": second})
        self.assertEqual(
            [a.dateline for a in Article.objects.order_by("pk")], ["Paris", "Nairobi"]
        )
        self.assertFalse(PendingImport.objects.exists())
        self.assertFalse(self.client.session.get(SESSION_KEY))

    def test_a_sixth_preview_lets_go_of_the_oldest(self):
        tokens = []
        for _ in range(MAX_WAITING + 1):
            self.preview(upload("paris_climate_talks.txt"))
            tokens.append(self.client.session[SESSION_KEY][-1])
        self.assertEqual(self.client.session[SESSION_KEY], tokens[1:])
        self.assertEqual(
            sorted(PendingImport.objects.values_list("token", flat=True)), sorted(tokens[1:])
        )
        response = self.client.post(CONFIRM_URL, {"token": tokens[0]}, follow=True)
        self.assertContains(response, "no longer waiting for confirmation")
        self.assertFalse(Article.objects.exists())

    def test_imports_left_unconfirmed_are_deleted_once_no_session_could_confirm_them(self):
        other = make_user("other-desk", staff=True)
        old = PendingImport.objects.create(
            token="old", user=other, created_at=timezone.now() - timedelta(days=2)
        )
        recent = PendingImport.objects.create(token="recent", user=other)
        self.preview(upload("paris_climate_talks.txt"))
        self.assertFalse(PendingImport.objects.filter(pk=old.pk).exists())
        self.assertTrue(PendingImport.objects.filter(pk=recent.pk).exists())

    def test_another_users_token_imports_nothing(self):
        """The token must be this session's and this user's."""
        other = make_user("other-desk", staff=True)
        theirs = PendingImport.objects.create(token="theirs", user=other)
        raw = (WIRE / "nairobi_drought.txt").read_bytes()
        theirs.files.create(position=0, name="nairobi_drought.txt", raw=raw)
        session = self.client.session
        session[SESSION_KEY] = ["theirs"]
        session.save()
        response = self.client.post(CONFIRM_URL, {"token": "theirs"}, follow=True)
        self.assertContains(response, "no longer waiting for confirmation")
        self.assertFalse(Article.objects.exists())
        self.assertTrue(PendingImport.objects.filter(pk=theirs.pk).exists())

    def test_a_session_from_before_the_move_is_told_to_upload_again(self):
        session = self.client.session
        session[SESSION_KEY] = {"token": "t", "section": None, "publish": False, "files": []}
        session.save()
        response = self.client.post(CONFIRM_URL, {"token": "t"}, follow=True)
        self.assertContains(response, "no longer waiting for confirmation")
        self.preview(upload("paris_climate_talks.txt"))  # and a new preview replaces it
        self.assertIsInstance(self.client.session[SESSION_KEY][-1], str)

    def test_confirm_needs_the_csrf_token(self):
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.desk)
        session = client.session
        session[SESSION_KEY] = ["t"]
        session.save()
        PendingImport.objects.create(token="t", user=self.desk)
        with self.assertLogs("django.security.csrf", "WARNING"):
            self.assertEqual(client.post(CONFIRM_URL, {"token": "t"}).status_code, 403)

    def test_confirm_is_post_only(self):
        self.assertEqual(self.client.get(CONFIRM_URL).status_code, 405)

    def test_already_imported_copy_offers_nothing_to_confirm(self):
        self.preview(upload("kyiv_power_grid.txt"))
        self.client.post(CONFIRM_URL, {"token": self.client.session[SESSION_KEY][-1]})
        story = Article.objects.get()
        response = self.preview(upload("kyiv_power_grid.txt"))
        self.assertContains(response, "already imported")
        self.assertContains(response, reverse("admin:articles_article_change", args=[story.pk]))
        self.assertContains(response, "There is nothing to import")
        # Said for pasted copy as for files: nothing was necessarily uploaded.
        self.assertContains(
            response, "Change the copy or choices, or start again with a blank form."
        )
        self.assertContains(response, ">Start again with a blank form</a>")
        self.assertNotContains(response, CONFIRM_URL)

    def test_a_duplicate_is_reported_once(self):
        """The sentence naming the story was repeated in the "Check" list below it."""
        import_copy(
            "kyiv_power_grid.txt", (WIRE / "kyiv_power_grid.txt").read_bytes(), user=self.desk
        )
        story = Article.objects.get()
        response = self.preview(upload("kyiv_power_grid.txt"))
        self.assertContains(response, "Same copy as <a href=")
        self.assertContains(response, f"story #{story.pk}", count=1)
        self.assertContains(response, "nothing will be created", count=1)
        self.assertNotContains(response, "nothing created")

    def test_the_same_copy_twice_in_a_batch_is_previewed_as_one_story(self):
        """Both were "will be imported", under "Import 2 stories"; the confirm made one."""
        same = (WIRE / "kyiv_power_grid.txt").read_bytes()
        response = self.preview(
            upload("kyiv_power_grid.txt"),
            SimpleUploadedFile("kyiv_again.txt", same, content_type="text/plain"),
        )
        self.assertContains(response, "will be imported", count=1)
        self.assertContains(
            response, "The same copy as kyiv_power_grid.txt, earlier in this batch"
        )
        self.assertContains(response, 'value="Import 1 story"')
        pending = PendingImport.objects.get(token=self.client.session[SESSION_KEY][-1])
        self.assertEqual([f.name for f in pending.files.all()], ["kyiv_power_grid.txt"])

    def test_a_word_document_in_a_batch_is_listed_as_not_imported_and_the_rest_go_on(self):
        """One .docx among the files refused the whole form: every file had to be chosen again."""
        response = self.preview(
            upload("paris_climate_talks.txt"),
            SimpleUploadedFile("interview.docx", WORD_DOCUMENT, content_type=DOCX_TYPE),
            upload("nairobi_drought.txt"),
        )
        self.assertTemplateUsed(response, "admin/articles/import_preview.html")
        self.assertContains(response, "will be imported", count=2)
        self.assertContains(response, "cannot be imported", count=1)
        self.assertContains(
            response,
            '<ul class="errorlist"><li>a Word document — save it as plain text (.txt) '
            "and choose it again</li></ul>",
            html=True,
        )
        self.assertContains(response, 'value="Import 2 stories"')
        # Only what was previewed as a story waits for the confirm step.
        pending = PendingImport.objects.get(token=self.client.session[SESSION_KEY][-1])
        self.assertEqual(
            [f.name for f in pending.files.all()],
            ["paris_climate_talks.txt", "nairobi_drought.txt"],
        )
        response = self.client.post(CONFIRM_URL, {"token": pending.token}, follow=True)
        self.assertEqual([a.dateline for a in Article.objects.order_by("pk")], ["Paris", "Nairobi"])
        self.assertContains(response, "Imported paris_climate_talks.txt as story #")
        self.assertContains(response, "Imported nairobi_drought.txt as story #")
        self.assertNotContains(response, "interview.docx")

    def test_a_batch_with_no_readable_file_comes_back_with_each_files_reason(self):
        """RTF is text: only its name keeps its markup from being imported as the copy."""
        rtf = SimpleUploadedFile(
            "budget.rtf", b"{\\rtf1\\ansi Lawmakers backed the plan.}", content_type="text/rtf"
        )
        photo = SimpleUploadedFile("photo.jpg", b"\xff\xd8\xff", content_type="image/jpeg")
        docx = SimpleUploadedFile("interview.docx", WORD_DOCUMENT, content_type=DOCX_TYPE)
        response = self.preview(rtf, photo, docx)
        self.assertTemplateUsed(response, "admin/articles/import_upload.html")
        self.assertContains(response, "Please correct the error below.")
        for reason in (
            "budget.rtf: a Rich Text (RTF) document — save it as plain text (.txt) and "
            "choose it again",
            "photo.jpg: a picture, not copy — only plain-text (.txt) files can be imported",
            "interview.docx: a Word document — save it as plain text (.txt) and choose it again",
        ):
            self.assertContains(response, f"<li>{reason}</li>", html=True)
        self.assertFalse(self.client.session.get(SESSION_KEY))
        self.assertFalse(PendingImport.objects.exists())

    def test_a_file_with_an_unknown_ending_is_told_to_be_saved_as_text(self):
        response = self.preview(
            upload("nairobi_drought.txt"),
            SimpleUploadedFile("wire-0412", b"Copy without an ending.", content_type="text/plain"),
        )
        self.assertContains(
            response,
            "not a plain-text file: only .txt files can be imported — save it as plain text "
            "(.txt) and choose it again",
        )
        self.assertContains(response, 'value="Import 1 story"')

    def test_the_file_count_limit_still_refuses_the_batch(self):
        files = [
            SimpleUploadedFile(f"story-{n}.txt", b"Talks resumed on Monday.", "text/plain")
            for n in range(MAX_FILES + 1)
        ]
        response = self.preview(*files)
        self.assertContains(response, f"Upload at most {MAX_FILES} files at a time.")
        self.assertFalse(PendingImport.objects.exists())

    def test_import_note_is_shown_read_only_on_the_story(self):
        self.preview(upload("nairobi_drought.txt"))
        self.client.post(CONFIRM_URL, {"token": self.client.session[SESSION_KEY][-1]})
        story = Article.objects.get()
        response = self.client.get(reverse("admin:articles_article_change", args=[story.pk]))
        self.assertContains(response, "Imported from nairobi_drought.txt")
        self.assertContains(response, "ad CSS: .ad-banner{margin:0 auto;padding:0}")
        self.assertNotContains(response, 'name="import_note"')

    def test_publish_choice_is_offered_to_editors_only(self):
        self.assertNotContains(self.client.get(IMPORT_URL), 'name="publish"')
        self.client.force_login(make_user(superuser=True))
        self.assertContains(self.client.get(IMPORT_URL), 'name="publish"')

    def test_editor_can_publish_on_import(self):
        self.client.force_login(make_user(superuser=True))
        self.preview(upload("paris_climate_talks.txt"), publish="on")
        self.client.post(CONFIRM_URL, {"token": self.client.session[SESSION_KEY][-1]})
        self.assertEqual(Article.objects.get().status, Article.Status.PUBLISHED)

    def test_back_from_checking_files_names_them_to_choose_again_and_keeps_the_section(self):
        """A browser never sends a file back to a form: the editor is told which to choose."""
        check = self.preview(upload("paris_climate_talks.txt"), upload("nairobi_drought.txt"))
        sent, buttons = back_fields(check)
        self.assertEqual(buttons, ["Change the copy or choices"])
        self.assertNotIn("text", sent, "the files' bytes stay on the server")
        response = self.client.post(IMPORT_URL, sent)
        self.assertTemplateUsed(response, "admin/articles/import_upload.html")
        self.assertContains(
            response,
            "Choose the files again: “paris_climate_talks.txt”, “nairobi_drought.txt”. "
            "A browser cannot send files back to a form; your other choices are filled in below.",
        )
        form = response.context["form"]
        self.assertEqual(str(form["section"].value()), str(self.world.pk))
        self.assertContains(response, f'<option value="{self.world.pk}" selected>World</option>')
        self.assertNotContains(response, "Please correct")
        self.assertFalse(Article.objects.exists())
        # The preview is still the one to confirm, should the editor go back to it.
        pending = PendingImport.objects.get(token=self.client.session[SESSION_KEY][-1])
        self.assertEqual(pending.files.count(), 2)


class PastedCopyTests(TestCase):
    """Desks mostly paste scraped text; the page took files only."""

    @classmethod
    def setUpTestData(cls):
        cls.world = make_section(name="World", slug="world")
        cls.desk = make_user("desk", superuser=True)

    def setUp(self):
        self.client.force_login(self.desk)
        self.copy = (WIRE / "lisbon_budget_scraped.txt").read_text()

    def paste(self, text, **fields):
        return self.client.post(IMPORT_URL, {"text": text, "section": self.world.pk, **fields})

    def test_pasted_copy_is_previewed_then_imported_like_a_file(self):
        response = self.paste(self.copy.replace("\n", "\r\n"))
        self.assertContains(response, "Portugal&#x27;s parliament approves 2027 budget")
        self.assertContains(response, "pasted copy")
        self.assertFalse(Article.objects.exists(), "the preview is a dry run")
        response = self.client.post(
            CONFIRM_URL, {"token": self.client.session[SESSION_KEY][-1]}, follow=True
        )
        story = Article.objects.get()
        self.assertContains(response, f"Imported pasted copy as story #{story.pk}")
        self.assertEqual(story.dateline, "Lisbon")
        self.assertTrue(story.import_note.startswith("Imported from pasted copy on "))
        # In the desk's date format, as everywhere in the admin: "29 Nov 2026, 00:41 UTC".
        self.assertRegex(
            story.import_note.splitlines()[0], r" on \d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d \w+\.$"
        )

    def test_files_and_pasted_copy_together_are_refused_and_the_copy_is_kept(self):
        response = self.client.post(
            IMPORT_URL,
            {"files": [upload("nairobi_drought.txt")], "text": self.copy, "section": self.world.pk},
        )
        self.assertContains(response, "Choose files or paste copy, not both")
        self.assertContains(response, "Ana Souza")  # still in the box
        self.assertEqual(response.context["form"]["text"].value(), self.copy)
        self.assertFalse(self.client.session.get(SESSION_KEY))

    def test_neither_files_nor_copy_is_a_clear_error(self):
        for text in ("", "  \n "):
            with self.subTest(text=text):
                response = self.paste(text)
                self.assertContains(response, "Choose one or more .txt files, or paste the copy.")
                self.assertFalse(self.client.session.get(SESSION_KEY))

    def test_pasted_copy_over_the_size_limit_is_refused_and_kept(self):
        with override_settings(IMPORT_MAX_BYTES=1024):
            response = self.paste(self.copy * 2)
        self.assertContains(
            response,
            "The pasted copy cannot be imported: it is 2 KB, over the 1 KB limit for "
            "imported copy.",
        )
        self.assertEqual(response.context["form"]["text"].value(), self.copy * 2)

    def test_copy_that_is_all_junk_goes_back_to_the_box_with_the_reason(self):
        junk = (WIRE / "only_junk.txt").read_text()
        response = self.paste(junk)
        self.assertTemplateUsed(response, "admin/articles/import_upload.html")
        self.assertContains(
            response,
            "The pasted copy cannot be imported: nothing is left to import once ad CSS and "
            "page junk are removed.",
        )
        self.assertEqual(response.context["form"]["text"].value(), junk)
        self.assertFalse(self.client.session.get(SESSION_KEY))

    def back(self, check):
        """Click "Change the copy or choices" on the check page."""
        sent, buttons = back_fields(check)
        self.assertEqual(buttons, ["Change the copy or choices"])
        return self.client.post(IMPORT_URL, sent)

    def test_back_from_the_check_page_brings_the_copy_and_every_choice_back(self):
        copy = self.copy.replace("\n", "\r\n")
        check = self.paste(copy, publish="on")
        self.assertContains(check, "Stories will be filed in <strong>World</strong>.")
        response = self.back(check)
        self.assertTemplateUsed(response, "admin/articles/import_upload.html")
        form = response.context["form"]
        self.assertEqual(form["text"].value(), copy)
        self.assertEqual(str(form["section"].value()), str(self.world.pk))
        self.assertIs(form["publish"].value(), True)
        self.assertContains(response, "Ana Souza")  # in the box
        self.assertContains(response, f'<option value="{self.world.pk}" selected>World</option>')
        self.assertContains(response, 'id="id_publish" checked>')
        # Nothing was imported, and the form is not refused: there is nothing to correct.
        self.assertFalse(Article.objects.exists())
        self.assertNotContains(response, "Please correct")
        self.assertNotContains(response, "Choose the files again")
        # Previewed again as it came back, it is the same story.
        again = self.paste(form["text"].value())
        self.assertContains(again, "Portugal&#x27;s parliament approves 2027 budget")

    def test_back_after_no_section_was_chosen_keeps_the_copy_for_choosing_one(self):
        """The check page warned "No section chosen"; its only way back was a blank form."""
        check = self.client.post(IMPORT_URL, {"text": self.copy})
        self.assertContains(check, "No section chosen.")
        response = self.back(check)
        form = response.context["form"]
        self.assertEqual(form["text"].value(), self.copy)
        self.assertIn(form["section"].value(), (None, ""))
        self.assertIs(form["publish"].value(), False)
        self.assertFalse(Article.objects.exists())

    def test_copy_with_nothing_to_import_can_still_be_taken_back(self):
        import_copy(PASTED_NAME, self.copy.encode(), user=self.desk)
        check = self.paste(self.copy)
        self.assertContains(check, "There is nothing to import")
        response = self.back(check)
        self.assertEqual(response.context["form"]["text"].value(), self.copy)
        self.assertEqual(Article.objects.count(), 1)

    def test_the_check_page_still_offers_a_blank_form_by_that_name(self):
        check = self.paste(self.copy)
        self.assertContains(
            check, f'<a href="{IMPORT_URL}" class="closelink">Start again with a blank form</a>'
        )
        self.assertEqual(self.client.get(IMPORT_URL).context["form"]["text"].value(), None)

    def test_going_back_needs_the_csrf_token_the_check_page_holds(self):
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.desk)
        token = client.get(IMPORT_URL).context["csrf_token"]
        check = client.post(IMPORT_URL, {"text": self.copy, "csrfmiddlewaretoken": token})
        sent, _ = back_fields(check)
        self.assertIn("csrfmiddlewaretoken", sent)
        self.assertEqual(client.post(IMPORT_URL, sent).context["form"]["text"].value(), self.copy)
        del sent["csrfmiddlewaretoken"]
        with self.assertLogs("django.security.csrf", "WARNING"):
            self.assertEqual(client.post(IMPORT_URL, sent).status_code, 403)

    def test_instructions_say_a_short_first_line_is_the_headline(self):
        response = self.client.get(IMPORT_URL)
        self.assertNotContains(response, "The first line is the lead")
        self.assertContains(response, "A short first line without a full stop is the headline")
        self.assertContains(response, 'name="text"')


class ImportAdminAccessTests(TestCase):
    def test_non_staff_user_is_sent_to_the_login_page(self):
        self.client.force_login(make_user())
        response = self.client.get(IMPORT_URL)
        self.assertRedirects(response, f"{reverse('admin:login')}?next={IMPORT_URL}")
        response = self.client.post(IMPORT_URL, {"files": [upload("paris_climate_talks.txt")]})
        self.assertEqual(response.status_code, 302)
        self.assertFalse(Article.objects.exists())

    def test_staff_without_add_permission_is_refused(self):
        self.client.force_login(make_user(staff=True))
        self.assertEqual(self.client.get(IMPORT_URL).status_code, 403)
        response = self.client.post(IMPORT_URL, {"files": [upload("paris_climate_talks.txt")]})
        self.assertEqual(response.status_code, 403)
        self.assertEqual(self.client.post(CONFIRM_URL, {"token": "x"}).status_code, 403)
        self.assertFalse(Article.objects.exists())


class WriterImportTests(TestCase):
    """Author and source pages are public: only those who may add them make them by importing."""

    @classmethod
    def setUpTestData(cls):
        ensure_roles()
        cls.world = make_section(name="World", slug="world")
        cls.writer = make_user("writer", staff=True, groups=[WRITERS])

    def import_as_writer(self, name):
        self.client.force_login(self.writer)
        preview = self.client.post(IMPORT_URL, {"files": [upload(name)], "section": self.world.pk})
        self.client.post(CONFIRM_URL, {"token": self.client.session[SESSION_KEY][-1]})
        return preview

    def test_unknown_source_and_author_are_left_for_an_editor_with_nothing_lost(self):
        preview = self.import_as_writer("nairobi_drought.txt")
        # Each item opens with a capital, as a sentence does.
        self.assertContains(preview, "Origin source “AFP” is not a known source")
        self.assertContains(preview, "Daniel Otieno has no author profile")
        story = Article.objects.get()
        self.assertEqual(story.created_by, self.writer)
        self.assertFalse(Source.objects.exists())
        self.assertFalse(Author.objects.exists())
        self.assertFalse(story.bylines.exists())
        # The bio the wire filed is in the story's import record, word for word.
        self.assertIn("The wire's note: “", story.import_note)
        self.assertIn("Daniel Otieno", story.import_note)

    def test_known_source_and_author_are_credited_as_usual(self):
        afp = make_source(name="AFP", slug="afp")
        otieno = make_author(name="Daniel Otieno")
        self.import_as_writer("nairobi_drought.txt")
        story = Article.objects.get()
        self.assertEqual(list(story.sources.all()), [afp])
        self.assertEqual([byline.author for byline in story.bylines.all()], [otieno])
        self.assertEqual(Source.objects.count(), 1)
        self.assertEqual(Author.objects.count(), 1)

    def test_a_colleagues_story_of_the_same_copy_is_not_named(self):
        """Its headline (renamed, perhaps embargoed) and number stay with those who may open it."""
        colleague = make_user("colleague", staff=True, groups=[WRITERS])
        import_copy(
            "kyiv_power_grid.txt", (WIRE / "kyiv_power_grid.txt").read_bytes(), user=colleague
        )
        theirs = Article.objects.get()
        theirs.headline = "EMBARGO 06:00 - Minister to resign"
        theirs.save()
        self.client.force_login(self.writer)
        preview = self.client.post(
            IMPORT_URL, {"files": [upload("kyiv_power_grid.txt")], "section": self.world.pk}
        )
        self.assertContains(
            preview, "Same copy as a story already imported, which you cannot open", count=1
        )
        self.assertContains(preview, "cannot open", count=1)
        self.assertNotContains(preview, "EMBARGO")
        self.assertNotContains(preview, f"#{theirs.pk}")
        self.assertNotContains(preview, reverse("admin:articles_article_change", args=[theirs.pk]))
        self.assertEqual(Article.objects.count(), 1)

    def test_a_near_duplicate_of_a_colleagues_story_is_not_named(self):
        colleague = make_user("colleague", staff=True, groups=[WRITERS])
        copy = (WIRE / "kyiv_power_grid.txt").read_text()
        import_copy("kyiv_power_grid.txt", copy.encode(), user=colleague)
        theirs = Article.objects.get()
        # The same story filed again with a new last paragraph: not the same copy.
        outcome = import_copy(
            "kyiv_again.txt",
            (copy + "\n\nMore to follow.\n").encode(),
            user=self.writer,
            dry_run=True,
        )
        warnings = " ".join(outcome.warnings)
        # Kept in the story's note, which editors read too: no "you cannot open".
        self.assertIn("near-duplicate of a colleague's story, which an editor can find", warnings)
        self.assertNotIn(theirs.headline, warnings)
        # Nor how near: a writer's dry runs could home in on an embargoed headline.
        self.assertNotIn("%", warnings)
        self.assertNotIn(f"#{theirs.pk}", warnings)
        # The colleague who owns it is told which one it is.
        outcome = import_copy(
            "kyiv_again.txt",
            (copy + "\n\nMore to follow.\n").encode(),
            user=colleague,
            dry_run=True,
        )
        self.assertIn(f"near-duplicate of story #{theirs.pk}", " ".join(outcome.warnings))


class ImportErrorsAreAnnouncedTests(TestCase):
    """A refused import says so in the title and on a field, as the story form does.

    The page's title stayed "Import wire copy", and "Choose one or more .txt files,
    or paste the copy." hung above the form, tied to no field: a screen reader
    heard nothing, and the focus stayed at the top of the page.
    """

    @classmethod
    def setUpTestData(cls):
        cls.world = make_section(name="World", slug="world")
        cls.desk = make_user("desk", superuser=True)

    def setUp(self):
        self.client.force_login(self.desk)

    def send(self, **fields):
        return self.client.post(IMPORT_URL, {"section": self.world.pk, **fields})

    def test_a_refused_import_titles_the_page_error(self):
        docx = SimpleUploadedFile("interview.docx", WORD_DOCUMENT, content_type=DOCX_TYPE)
        for name, fields in (("empty", {}), ("word", {"files": [docx]})):
            with self.subTest(name):
                response = self.send(**fields)
                self.assertContains(response, "<title>Error: Import wire copy |")
        self.assertContains(self.client.get(IMPORT_URL), "<title>Import wire copy |")

    def test_a_refused_import_takes_the_editor_to_the_field(self):
        """The script that moves the focus to the first field in error is on the page."""
        response = self.client.get(IMPORT_URL)
        self.assertContains(response, static("articles/admin-first-error.js"))

    def test_nothing_to_import_is_the_files_fields_error(self):
        response = self.send(text="  \n ")
        message = "Choose one or more .txt files, or paste the copy."
        self.assertEqual(response.context["form"].errors, {"files": [message]})
        self.assertContains(
            response,
            f'<ul class="errorlist" id="id_files_error"><li>{message}</li></ul>',
            html=True,
        )
        self.assertContains(response, 'aria-describedby="id_files_helptext id_files_error"')

    def test_files_and_copy_together_is_the_copy_boxs_error(self):
        """The copy must come out of the box for the files to go: the focus goes there."""
        response = self.send(files=[upload("nairobi_drought.txt")], text="Talks resumed.")
        self.assertEqual(list(response.context["form"].errors), ["text"])
        self.assertIn("not both", response.context["form"].errors["text"][0])
