from django.contrib import admin
from django.db.models import Case, IntegerField, Max, Q, Value, When

from articles import services
from articles.admin_addresses import KeepsOldAddresses
from articles.admin_labels import TellsOfHtmlInLabels
from newsroom.admin_autocomplete import AutocompleteForAnyValue
from newsroom.admin_deletes import NamesWhatProtectsIt
from newsroom.admin_lists import LabelsEditableRows, SaysWhenNothingChanged
from newsroom.admin_stale_saves import RefusesStaleSaves
from sections.context_processors import SectionTree
from sections.models import Section


def section_choices():
    """``(pk, "World › Europe › Balkans")`` for every section, in their order, from one query.

    ``str(section)`` names each parent, reading it from the database: once a
    row for each subsection, and once more for each level above it. The tree
    the public pages use holds every parent already.
    """
    tree = SectionTree(Section.objects.all())
    return [
        (section.pk, " › ".join(each.name for each in (*tree.ancestors(section), section)))
        for section in tree.sections
    ]


class SectionListFilter(admin.RelatedFieldListFilter):
    """Sections named with their parents ("World › Europe"), from one query whatever the depth."""

    def field_choices(self, field, request, model_admin):
        return section_choices()


@admin.register(Section)
class SectionAdmin(
    NamesWhatProtectsIt,
    LabelsEditableRows,
    SaysWhenNothingChanged,
    RefusesStaleSaves,
    TellsOfHtmlInLabels,
    AutocompleteForAnyValue,
    KeepsOldAddresses,
    admin.ModelAdmin,
):
    list_display = ["name", "slug", "parent", "position", "show_in_nav"]
    list_editable = ["position", "show_in_nav"]
    list_filter = ["show_in_nav", ("parent", SectionListFilter)]
    # The parent column names the parent's parent too (World › Europe).
    list_select_related = ["parent", "parent__parent"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    # Its stories' addresses start with its slug: they move with it.
    move_addresses = staticmethod(services.keep_section_addresses)

    def get_search_results(self, request, queryset, search_term):
        """In a story's section box: names only, the section named exactly first.

        The list of sections searches descriptions too, but in the box a
        writer types a name and presses Enter on the first choice: "Science"
        offered Climate first, whose description mentions science, and the
        story was filed under Climate. A parent's name finds its subsections
        ("World" offers World › Europe). One query, parents included, for the
        "World › Europe" each choice is shown as.
        """
        match = getattr(request, "resolver_match", None)
        term = search_term.strip()
        if match is None or match.url_name != "autocomplete" or not term:
            return super().get_search_results(request, queryset, search_term)
        closeness = Case(
            When(name__iexact=term, then=Value(0)),
            When(name__istartswith=term, then=Value(1)),
            When(name__icontains=term, then=Value(2)),
            default=Value(3),
            output_field=IntegerField(),
        )
        found = (
            queryset.filter(
                Q(name__icontains=term) | Q(slug__icontains=term) | Q(parent__name__icontains=term)
            )
            .select_related("parent", "parent__parent")
            .annotate(closeness=closeness)
            .order_by("closeness", *Section._meta.ordering)
        )
        return found, False

    def get_changeform_initial_data(self, request):
        """A new section goes after the others, not first in the navigation."""
        initial = super().get_changeform_initial_data(request)
        if "position" not in initial:
            last = Section.objects.aggregate(last=Max("position"))["last"]
            initial["position"] = 0 if last is None else last + 1
        return initial
