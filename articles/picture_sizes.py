"""How wide a story's pictures are drawn: their ``sizes``, for the browser to pick a rendition.

The browser chooses a rendition from ``sizes`` before the stylesheet has
loaded, so these figures repeat static/css/site.css; change both together
(tests/browser/test_picture_sizes.py measures them against the drawn pictures).

A story's pictures fill its column, but none is drawn taller than
``--picture-max-height``: a portrait one is drawn whole at that height, and
so narrower than the column. Its ``sizes`` says so, or a phone would fetch a
copy twice as wide as it shows.
"""

import math

# The story's column (.story, at most 48rem, inside the .wrap's padding of
# 1rem a side, 1.5rem from 40em on): a media condition and the width under it.
STORY_COLUMN = (
    ("(min-width: 51em) ", "48rem"),
    ("(min-width: 40em) ", "calc(100vw - 3rem)"),
    ("", "calc(100vw - 2rem)"),
)
STORY_COLUMN_MAX_PX = 48 * 16
# The widest the .wrap padding takes from the page, both sides together.
_WRAP_PADDING_PX = 3 * 16
# --picture-max-height: the tallest a picture in a story is drawn.
PICTURE_MAX_HEIGHT = "min(65vh, 44rem)"
PICTURE_MAX_HEIGHT_PX = 44 * 16


def top_picture_sizes(width, height):
    """The ``sizes`` of a story's top picture, ``width``×``height`` pixels.

    It is drawn across the column (stretched, if need be), within the height cap.
    """
    return _sizes(STORY_COLUMN, STORY_COLUMN_MAX_PX, width, height)


def body_sizes(width, height):
    """The ``sizes`` of a body picture given ``width``×``height`` CSS pixels.

    The body's own cap, 70ch of its font, is a little narrower than the
    column with most fonts, but ch cannot be given here (``sizes`` reads it
    in the browser's default font), and the larger figure only errs toward
    sharpness. A picture narrower than the column (an author set a small
    width, or the original is small) stays at its width once the page is wide
    enough for it, so the browser need not fetch a copy for the whole column.
    """
    column = STORY_COLUMN
    if width < STORY_COLUMN_MAX_PX:
        column = ((f"(min-width: {width + _WRAP_PADDING_PX}px) ", f"{width}px"), *column)
    return _sizes(column, min(width, STORY_COLUMN_MAX_PX), width, height)


def _sizes(column, widest, width, height):
    """``column``'s widths as ``sizes``, held to the height cap for a tall picture.

    A picture that would stand taller than the cap at its tallest, drawn at
    its widest (``widest`` CSS pixels), is drawn narrower than the column on
    every screen that wide, and on most phones: ``min(65vh, 44rem) * W / H``.
    For it each width becomes the narrower of the two, with ``min()``, and is
    followed by the width alone: a browser that cannot read ``min()`` in
    ``sizes`` (Safari before 26.4) skips the first and takes the second, as
    it did before. A wider picture keeps the plain widths; on a short window
    (a laptop's, a phone's turned sideways) it may fetch a copy a size larger
    than it shows.
    """
    if not width or not height or widest * height <= PICTURE_MAX_HEIGHT_PX * width:
        return ", ".join(condition + length for condition, length in column)
    common = math.gcd(width, height)
    capped = f"{PICTURE_MAX_HEIGHT} * {width // common} / {height // common}"
    return ", ".join(
        f"{condition}min({length}, {capped}), {condition}{length}" for condition, length in column
    )
