"""Template context shared by every public page, and the section tree behind it."""

from functools import cached_property

from django.conf import settings
from django.utils.functional import SimpleLazyObject


class SectionTree:
    """Every section, loaded in one query and indexed in memory.

    A desk has tens of sections, not thousands, so holding them all is cheaper
    than asking the database again for the navigation, a section's subsections,
    its parent or the top-level section a story counts under.
    """

    def __init__(self, sections):
        self.sections = list(sections)
        self.by_id = {section.pk: section for section in self.sections}
        self.by_slug = {section.slug: section for section in self.sections}
        self._children = {}
        for section in self.sections:
            # Fill the parent cache so ``section.parent`` never queries.
            if section.parent_id in self.by_id:
                section.parent = self.by_id[section.parent_id]
            self._children.setdefault(section.parent_id, []).append(section)

    def attach(self, stories):
        """Give each of ``stories`` its section, parent filled in, from this tree: no query."""
        for story in stories:
            if story.section_id in self.by_id:
                story.section = self.by_id[story.section_id]

    @cached_property
    def nav(self):
        """Top-level sections shown in the navigation, in navigation order."""
        return [section for section in self.children(None) if section.show_in_nav]

    @cached_property
    def nav_links(self):
        """``(pk, address, name)`` of each section in the navigation.

        The header and the footer both list them; working each out once
        spares the templates two attribute lookups and a method call per link.
        """
        return [(section.pk, section.get_absolute_url(), section.name) for section in self.nav]

    def children(self, section):
        """Direct subsections (or top-level sections for ``None``), in navigation order."""
        return self._children.get(section.pk if section else None, [])

    def descendant_ids(self, section):
        """Ids of ``section`` and every section below it, at any depth."""
        ids, stack = set(), [section]
        while stack:
            current = stack.pop()
            if current.pk in ids:  # a loop saved around the admin's check
                continue
            ids.add(current.pk)
            stack.extend(self.children(current))
        return ids

    def desk_ids(self, section_id):
        """Ids of every section on the desk of section ``section_id``: its top-level
        section and every section below that (World and its regions for Europe).

        Empty for a section not in the tree.
        """
        section = self.by_id.get(section_id)
        if section is None:
            return set()
        return self.descendant_ids((self.ancestors(section) or [section])[0])

    def ancestors(self, section):
        """The sections above ``section``, outermost first."""
        chain, seen, current = [], {section.pk}, section.parent
        while current is not None and current.pk not in seen:
            chain.append(current)
            seen.add(current.pk)
            current = current.parent
        return chain[::-1]


def section_tree(request):
    """The request's section tree, loaded at most once per request.

    The navigation (from the context processor below) and the views share it,
    so a page that shows both pays one query. It is not cached across requests:
    with per-process caches, a section renamed in one worker would stay stale in
    the others, and the query is a single small read.
    """
    from sections.models import Section

    tree = getattr(request, "_section_tree", None)
    if tree is None:
        tree = SectionTree(Section.objects.all())
        request._section_tree = tree
    return tree


def navigation(request):
    """The sections in the site's navigation (and their links), the publication's name,
    and the site's language (``<html lang>`` of every page but a story's in another).

    The sections are loaded lazily: pages that never show the navigation (admin,
    feeds) never query them, and pages that do query them once.
    """
    return {
        "nav_sections": SimpleLazyObject(lambda: section_tree(request).nav),
        "nav_links": SimpleLazyObject(lambda: section_tree(request).nav_links),
        "site_name": settings.NEWSROOM_NAME,
        "site_tagline": settings.NEWSROOM_TAGLINE,
        "site_language": settings.LANGUAGE_CODE,
    }
