"""Editors insert tables from the toolbar, and the table dialog offers only what is kept.

CKEditor's table dialog can set a border, cell padding and spacing, a width and
height, an alignment, a summary, ids and classes; the sanitiser keeps none of
them. The editor refuses that markup (``disallowedContent``), and CKEditor hides
every dialog field whose markup its content filter refuses, so the dialog is left
with rows, columns, header cells and a caption. The browser test
(tests/browser/test_editor_tables.py) inserts a table through the real dialog.
"""

import fnmatch
import re
from pathlib import Path

from django.contrib.staticfiles import finders
from django.test import SimpleTestCase

from articles.forms import ArticleAdminForm
from articles.sanitiser import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, clean_body

EDITOR = "ckeditor/ckeditor/ckeditor.js"
TABLE_DIALOG = "ckeditor/ckeditor/plugins/table/dialogs/table.js"
CELL_DIALOG = "ckeditor/ckeditor/plugins/tabletools/dialogs/tableCell.js"

# The fields of the table dialog's Advanced tab, which ckeditor.js builds for it
# (the dialogadvtab plugin) rather than table.js.
ADVANCED_TAB = ["table[id]", "table[dir]", "table{cke-xyz}", "table(cke-xyz)"]

# What the table dialog writes when every field is on offer, as in a stock
# CKEditor 4: 2 rows, 2 columns, "Headers: first row", a caption, and its
# defaults for border, spacing, padding and width, plus an alignment and a summary.
STOCK_DIALOG_TABLE = """<table align="center" border="1" cellpadding="1" cellspacing="1" \
class="results" dir="ltr" id="storage" style="width:500px" summary="Gas storage, per cent full">
	<caption>Gas storage by country</caption>
	<thead>
		<tr>
			<th scope="col">Country</th>
			<th scope="col" style="width:60%">Full</th>
		</tr>
	</thead>
	<tbody>
		<tr>
			<td style="background-color:#eeeeee; vertical-align:top">Austria</td>
			<td>&nbsp;</td>
		</tr>
	</tbody>
</table>"""


def body_editor_config():
    return ArticleAdminForm().fields["body"].widget.config


def shipped(path):
    """The text of a static file as ``collectstatic`` would publish it."""
    found = finders.find(path)
    if found is None:
        raise AssertionError(f"{path} is not among the static files")
    return Path(found).read_text(encoding="utf-8")


def required_content(dialog_source):
    """The markup each dialog field needs (its ``requiredContent``), e.g. ``table[border]``.

    Only literal strings; the cell dialog's width and height are built at run time
    (``"td{"+a+"}"``) and are styles, which the editor refuses altogether.
    """
    return re.findall(r'requiredContent:"([^"]+)"(?=[,}])', dialog_source)


_RULE = re.compile(r"^([\w\s*-]+?)\s*(?:\[([^\]]*)\])?\s*(?:\{([^}]*)\})?\s*(?:\(([^)]*)\))?$")


def _parts(markup):
    """``'td[colspan]{width}(big)'`` -> ``('td', {'colspan'}, {'width'}, {'big'})``."""
    element, attributes, styles, classes = _RULE.match(markup.strip()).groups()

    def names(listed):
        return {name.strip() for name in (listed or "").split(",") if name.strip()}

    return element.strip(), names(attributes), names(styles), names(classes)


def refused_by(disallowed_content, markup):
    """Whether CKEditor's ``disallowedContent`` rules refuse ``markup`` (a requiredContent
    string naming one element): the element itself, or one of its attributes,
    styles or classes. Wildcards as CKEditor writes them (``*``, ``on*``)."""
    tag, attributes, styles, classes = _parts(markup)
    for rule in filter(str.strip, disallowed_content.split(";")):
        elements, rule_attributes, rule_styles, rule_classes = _parts(rule)
        if not ({"*", tag} & set(elements.split())):
            continue
        if not (rule_attributes or rule_styles or rule_classes):
            return True

        def hit(wanted, patterns):
            return any(fnmatch.fnmatch(name, pattern) for name in wanted for pattern in patterns)

        if (
            hit(attributes, rule_attributes)
            or hit(styles, rule_styles)
            or hit(classes, rule_classes)
        ):
            return True
    return False


def kept_by_sanitiser(markup):
    tag, attributes, styles, classes = _parts(markup)
    return (
        tag in ALLOWED_TAGS
        and attributes <= ALLOWED_ATTRIBUTES.get(tag, set())
        and not styles
        and not classes
    )


class TableButtonTests(SimpleTestCase):
    def test_the_toolbar_has_a_table_button(self):
        config = body_editor_config()
        toolbar = config[f"toolbar_{config['toolbar']}"]
        self.assertIn("Table", [button for group in toolbar for button in group])

    def test_the_bundled_editor_has_the_table_plugins_and_their_dialogs(self):
        """django-ckeditor's build of CKEditor 4 compiles the table and tabletools
        plugins into ckeditor.js and ships their dialogs beside it; nothing here
        removes them. An upgrade to a build without them would break the button."""
        editor = shipped(EDITOR)
        for plugin in ("table", "tabletools", "dialog", "contextmenu"):
            with self.subTest(plugin):
                self.assertIn(f'CKEDITOR.plugins.add("{plugin}",', editor)
                self.assertNotIn(plugin, body_editor_config()["removePlugins"].split(","))
        self.assertIn('CKEDITOR.dialog.add("table",', shipped(TABLE_DIALOG))
        self.assertIn('CKEDITOR.dialog.add("cellProperties",', shipped(CELL_DIALOG))


class TableDialogFieldTests(SimpleTestCase):
    """Each field of the table and cell dialogs writes markup the sanitiser keeps,
    or the editor refuses that markup and CKEditor leaves the field out."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.disallowed = body_editor_config()["disallowedContent"]
        cls.fields = (
            required_content(shipped(TABLE_DIALOG))
            + ADVANCED_TAB
            + required_content(shipped(CELL_DIALOG))
        )

    def test_the_dialog_files_still_say_what_their_fields_need(self):
        """Guards the reading of the dialogs below: a CKEditor upgrade that renamed
        things would otherwise leave nothing to check."""
        for field in ("th", "caption", "table[border]", "table{width}", "td[colspan]"):
            self.assertIn(field, self.fields)

    def test_no_field_offers_what_the_save_would_drop(self):
        for field in self.fields:
            with self.subTest(field):
                self.assertTrue(
                    kept_by_sanitiser(field) or refused_by(self.disallowed, field),
                    f"the dialog offers {field}, which the sanitiser drops on save",
                )

    def test_header_cells_caption_and_spans_stay_on_offer(self):
        for field in ("th", "th[scope]", "caption", "td[colspan]", "td[rowspan]"):
            with self.subTest(field):
                self.assertIn(field, self.fields)
                self.assertTrue(kept_by_sanitiser(field))
                self.assertFalse(refused_by(self.disallowed, field))

    def test_reading_the_rules(self):
        """The small reading of CKEditor's rule syntax the tests above rely on."""
        rules = "script; *[on*]; *{*}; table[align,border](*); tr td[scope]"
        self.assertTrue(refused_by(rules, "script"))
        self.assertTrue(refused_by(rules, "img[onerror]"))
        self.assertTrue(refused_by(rules, "table{width}"))
        self.assertTrue(refused_by(rules, "table[border]"))
        self.assertTrue(refused_by(rules, "table(cke-xyz)"))
        self.assertTrue(refused_by(rules, "td[scope]"))
        self.assertFalse(refused_by(rules, "th[scope]"))
        self.assertFalse(refused_by(rules, "table"))
        self.assertFalse(refused_by(rules, "table[summary]"))


class DialogTableCleaningTests(SimpleTestCase):
    def test_a_table_from_the_stock_dialog_keeps_its_structure_and_loses_its_presentation(self):
        self.assertEqual(
            clean_body(STOCK_DIALOG_TABLE),
            """<table>
	<caption>Gas storage by country</caption>
	<thead>
		<tr>
			<th scope="col">Country</th>
			<th scope="col">Full</th>
		</tr>
	</thead>
	<tbody>
		<tr>
			<td>Austria</td>
			<td>&nbsp;</td>
		</tr>
	</tbody>
</table>""",
        )
