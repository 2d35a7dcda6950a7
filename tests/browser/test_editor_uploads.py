"""A picture uploaded from the story editor after the sign-in ended, or was renewed.

CKEditor showed "Incorrect server response." once the sign-in had ended (the
upload got the login page), and "HTTP error occurred during file upload (403:
Forbidden)" after signing in again in another tab (the upload sent the page's
CSRF token, older than the browser's new cookie). Now the first says what to do,
and the second uploads (articles/static/articles/ckeditor-upload-csrf.js).
"""

import base64

from django.contrib.sessions.models import Session
from django.test import tag
from django.urls import reverse

from articles.models import Article
from articles.roles import EDITORS, ensure_roles
from tests.articles.test_images import MediaRootMixin
from tests.browser.base import BrowserTestCase
from tests.factories import make_article, make_image_bytes, make_user

PASSWORD = "correct horse battery staple"

# Upload a PNG through CKEditor's own file tools, as its image dialog and a
# pasted picture do, and answer with what the editor would show.
UPLOAD = """async (png) => {
    const editor = CKEDITOR.instances.id_body;
    const bytes = Uint8Array.from(atob(png), (c) => c.charCodeAt(0));
    const loader = editor.uploadRepository.create(
        new File([bytes], "flood.png", { type: "image/png" })
    );
    return new Promise((resolve) => {
        loader.on("update", () => {
            if (loader.isFinished()) {
                resolve({ status: loader.status, message: loader.message || "", url: loader.url });
            }
        });
        loader.upload(editor.config.uploadUrl);
    });
}"""


@tag("browser")
class EditorUploadSignInTests(MediaRootMixin, BrowserTestCase):
    def setUp(self):
        super().setUp()
        ensure_roles()
        make_user("eddie", staff=True, groups=[EDITORS], password=PASSWORD)
        self.story = make_article(status=Article.Status.DRAFT)
        self.png = base64.b64encode(make_image_bytes("PNG")).decode()

    def test_an_upload_says_the_sign_in_ended_then_works_once_signed_in_again(self):
        page = self.new_page()
        self.sign_in(page, "eddie", PASSWORD)
        page.goto(
            self.live_server_url + reverse("admin:articles_article_change", args=[self.story.pk])
        )
        page.wait_for_function("() => window.CKEDITOR?.instances.id_body?.status === 'ready'")
        Session.objects.all().delete()  # the working day is over

        answer = page.evaluate(UPLOAD, self.png)
        self.assertEqual(
            (answer["status"], answer["message"]),
            (
                "error",
                "Your sign-in has ended: sign in again in another tab, "
                "then upload the picture again.",
            ),
        )

        self.sign_in(page.context.new_page(), "eddie", PASSWORD)
        answer = page.evaluate(UPLOAD, self.png)
        self.assertEqual((answer["status"], answer["message"]), ("uploaded", ""))
        self.assertRegex(answer["url"], r"^/media/uploads/\d{4}/\d{2}/[0-9a-f]{32}-64x48\.png$")
