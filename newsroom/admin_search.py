"""Admin searches that find a word whatever apostrophe it was written with.

Copy reaches the desk with the typographer's apostrophe ("the world’s largest",
"O’Brien": the wire importer and word processors write it), and the desk types
the keyboard's ("world's", "O'Brien"). Django's admin search matches the
characters as typed, so the story list found nothing for "world's largest",
and a byline's writer box offered no "O’Brien" for "O'Brien".
"""

import re

# An apostrophe inside a word: between two letters or digits. Quotation marks
# around a phrase ('"EU summit"', "'EU summit'") are the search's own syntax,
# and are left alone.
_APOSTROPHE = re.compile(r"(?<=\w)['’ʼ](?=\w)")


def apostrophe_spellings(search_term):
    """``search_term`` with each apostrophe inside a word written both ways.

    ``["world's", "world’s"]`` for either; ``[search_term]`` when it has none.
    The modifier letter "ʼ", which some keyboards type, is searched as the two.
    """
    if not _APOSTROPHE.search(search_term):
        return [search_term]
    return [_APOSTROPHE.sub("'", search_term), _APOSTROPHE.sub("’", search_term)]


class FindsEitherApostrophe:
    """A ``ModelAdmin`` mixin: a search with an apostrophe in a word finds either one.

    One query: Django's search for each spelling, joined with OR. List it
    before ``admin.ModelAdmin`` (and before a mixin whose search it should
    follow) among the bases.
    """

    def get_search_results(self, request, queryset, search_term):
        spellings = apostrophe_spellings(search_term)
        if len(spellings) == 1:
            return super().get_search_results(request, queryset, search_term)
        found, may_have_duplicates = None, False
        for spelling in spellings:
            rows, duplicates = super().get_search_results(request, queryset, spelling)
            found = rows if found is None else found | rows
            may_have_duplicates = may_have_duplicates or duplicates
        return found, may_have_duplicates
