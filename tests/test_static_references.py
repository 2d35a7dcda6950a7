"""Every static file a page names exists, so collectstatic's manifest has it.

In production (``CompressedManifestStaticFilesStorage``) a name missing from
the manifest is an error at render time: the page answers 500. Tests use plain
static storage, which writes any name it is given, so a template naming a file
that does not exist passed every page's test and took the home page down in
production. Here every name a template, a form's media or a stylesheet gives
is looked up as ``collectstatic`` would find it.
"""

import re
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.contrib import admin
from django.contrib.staticfiles import finders
from django.test import SimpleTestCase

# {% static %} and its per-process memo {% static_address %} (newsroom_addresses).
STATIC_TAG = re.compile(r"""\{%\s*static(?:_address)?\s+(['"])([^'"]+)\1""")
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")


def template_files():
    roots = [Path(settings.BASE_DIR) / "templates"]
    roots += [path for path in Path(settings.BASE_DIR).glob("*/templates") if path.is_dir()]
    for root in roots:
        yield from root.rglob("*.html")
        yield from root.rglob("*.txt")
        yield from root.rglob("*.xml")


class StaticReferenceTests(SimpleTestCase):
    def assert_found(self, name, where):
        self.assertTrue(finders.find(name), f"{where} names {name!r}, which no static folder has")

    def test_every_name_a_template_gives_exists(self):
        names = 0
        for template in template_files():
            for _quote, name in STATIC_TAG.findall(template.read_text()):
                names += 1
                self.assert_found(name, template.relative_to(settings.BASE_DIR))
        self.assertGreater(names, 5)

    def test_every_script_and_stylesheet_of_the_admin_forms_exists(self):
        for model, model_admin in admin.site._registry.items():
            media = model_admin.media
            form = model_admin.form
            if hasattr(form, "_meta") and form._meta.model is model:
                media += form(instance=model()).media
            for item in [*media._js, *(n for names in media._css.values() for n in names)]:
                name = getattr(item, "path", item)  # a forms.Script names its file
                if "://" not in name and not name.startswith("/"):
                    self.assert_found(name, f"{model.__name__}'s admin")

    def test_every_file_a_stylesheet_of_ours_names_exists(self):
        for sheet in (Path(settings.BASE_DIR) / "static").rglob("*.css"):
            static_name = PurePosixPath(sheet.relative_to(Path(settings.BASE_DIR) / "static"))
            for _quote, target in CSS_URL.findall(sheet.read_text()):
                if target.startswith(("data:", "http:", "https:", "#", "/")):
                    continue
                name = str(PurePosixPath(static_name.parent, target.split("?")[0].split("#")[0]))
                # "../img/x.svg" from css/: resolve the dots as collectstatic does.
                parts = []
                for part in name.split("/"):
                    if part == "..":
                        parts.pop()
                    elif part != ".":
                        parts.append(part)
                self.assert_found("/".join(parts), static_name)
