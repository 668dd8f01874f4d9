"""The demo's pictures, drawn here with Pillow: a hero for each article, a poster for each film, a
portrait for a director and the picture the magazine's pages are shared with.

Each hero follows the alt text the demo content gives it (demo/content.py), so what
a screen reader says is what the picture shows. Drawn at full size: the renditions readers
get are scaled down from it, which smooths the edges, and drawing stays quick for `make run`.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PIL import Image, ImageDraw, ImageEnhance, ImageFilter, ImageFont, ImageOps

HERO_SIZE = (1600, 900)
POSTER_SIZE = (1000, 1500)
PORTRAIT_SIZE = (900, 900)
# The proportions other sites show a shared page's picture in (1.91 : 1).
SHARE_SIZE = (1200, 630)


def _canvas(size: tuple[int, int], top: str, bottom: str | None = None) -> Image.Image:
    if bottom is None:
        return Image.new("RGB", size, top)
    return ImageOps.colorize(Image.linear_gradient("L").resize(size), top, bottom)


def _box(x0: float, y0: float, x1: float, y1: float) -> list[int]:
    """A rectangle given in fractions of the canvas (resolved by the caller's `s`)."""
    return [round(x0), round(y0), round(x1), round(y1)]


def anora_essay() -> Image.Image:
    image = _canvas(HERO_SIZE, "#14122b", "#2a1840")
    draw = ImageDraw.Draw(image)
    w, h = image.size
    # The punch card, its top stepped like a skyline, its holes in rows.
    steps = [(0.56, 0.22), (0.62, 0.22), (0.62, 0.12), (0.7, 0.12), (0.7, 0.18), (0.78, 0.18), (0.78, 0.08)]
    outline = [(0.56 * w, 0.9 * h), *((x * w, y * h) for x, y in steps), (0.86 * w, 0.08 * h), (0.86 * w, 0.9 * h)]
    draw.polygon(outline, fill="#e8dcc4")
    for row in range(14):
        for column in range(6):
            x, y = 0.58 * w + column * 0.043 * w, 0.27 * h + row * 0.043 * h
            if (row * 7 + column * 3) % 5:
                draw.rectangle(_box(x, y, x + 0.018 * w, y + 0.022 * h), fill="#b9ab92")
    # The stack of banknotes.
    for index in range(7):
        y = 0.86 * h - index * 0.045 * h
        x = 0.16 * w + (index % 2) * 0.012 * w
        draw.rounded_rectangle(
            _box(x, y - 0.05 * h, x + 0.42 * w, y), radius=6, fill="#3f7d5a", outline="#274f39", width=3
        )
        draw.ellipse(_box(x + 0.18 * w, y - 0.042 * h, x + 0.24 * w, y - 0.008 * h), outline="#8fc4a4", width=2)
    # The glass slipper in neon outline.
    base = 0.54 * h
    slipper = [
        (0.22 * w, base), (0.3 * w, base - 0.02 * h), (0.4 * w, base - 0.09 * h), (0.47 * w, base - 0.19 * h),
        (0.5 * w, base - 0.2 * h), (0.5 * w, base - 0.02 * h), (0.48 * w, base), (0.22 * w, base),
    ]  # fmt: skip
    draw.line([*slipper, slipper[0]], fill="#ff4fb8", width=9, joint="curve")
    draw.line([(0.5 * w, base - 0.02 * h), (0.49 * w, base + 0.12 * h)], fill="#ff4fb8", width=9)
    image = Image.blend(image, image.filter(ImageFilter.GaussianBlur(12)), 0.25)
    return image


def florida_project() -> Image.Image:
    image = _canvas(HERO_SIZE, "#f08a3c", "#f6c27a")
    draw = ImageDraw.Draw(image)
    w, h = image.size
    for index, colour in enumerate(["#e8403a", "#f39c2f", "#f3d34a", "#5cb85c", "#3f8fd2", "#7a5bc4"]):
        inset = index * 0.012 * w
        draw.arc(
            _box(-0.1 * w + inset, 0.05 * h + inset, 1.1 * w - inset, 1.6 * h - inset), 195, 345, fill=colour, width=5
        )
    draw.rectangle(_box(0, 0.62 * h, w, h), fill="#d9c8a0")
    draw.rectangle(_box(0.2 * w, 0.42 * h, 0.8 * w, 0.9 * h), fill="#b9a2e0")
    draw.rectangle(_box(0.2 * w, 0.4 * h, 0.8 * w, 0.44 * h), fill="#8d72c9")
    for floor in range(2):
        for bay in range(8):
            x, y = 0.235 * w + bay * 0.07 * w, 0.5 * h + floor * 0.18 * h
            draw.rectangle(_box(x, y, x + 0.04 * w, y + 0.1 * h), fill="#f6ecd9" if (bay + floor) % 3 else "#6b5498")
    return image


def red_rocket() -> Image.Image:
    image = _canvas(HERO_SIZE, "#c9ced6", "#e9e6e1")
    draw = ImageDraw.Draw(image)
    w, h = image.size
    horizon = 0.72 * h
    for index in range(9):
        x = 0.05 * w + index * 0.105 * w
        tall = (0.18 + 0.14 * ((index * 5) % 3)) * h
        draw.rectangle(_box(x, horizon - tall, x + 0.035 * w, horizon), fill="#5d6470")
        draw.rectangle(_box(x - 0.012 * w, horizon - tall * 0.45, x + 0.047 * w, horizon - tall * 0.4), fill="#5d6470")
        draw.line(
            [(x + 0.017 * w, horizon - tall), (x + 0.017 * w, horizon - tall - 0.05 * h)], fill="#5d6470", width=4
        )
    draw.rectangle(_box(0, horizon, w, h), fill="#8d929a")
    centre, outer, inner = (0.5 * w, 0.36 * h), 0.17 * h, 0.07 * h
    draw.ellipse(_box(centre[0] - outer, centre[1] - outer, centre[0] + outer, centre[1] + outer), fill="#f58fb5")
    draw.ellipse(_box(centre[0] - inner, centre[1] - inner, centre[0] + inner, centre[1] + inner), fill="#d3d6db")
    for angle in range(0, 360, 30):
        x = centre[0] + math.cos(math.radians(angle)) * 0.12 * h
        y = centre[1] + math.sin(math.radians(angle)) * 0.12 * h
        draw.rounded_rectangle(_box(x - 5, y - 12, x + 5, y + 12), radius=4, fill="#fbe3ec")
    return image


def red_rocket_trailer() -> Image.Image:
    """The trailer's poster: the hero, dimmed, as a video still would be behind its title."""
    return ImageEnhance.Brightness(red_rocket()).enhance(0.55)


def tangerine() -> Image.Image:
    image = _canvas(HERO_SIZE, "#2b1a12")
    draw = ImageDraw.Draw(image)
    w, h = image.size
    screen = _box(0.36 * w, 0.06 * h, 0.64 * w, 0.94 * h)
    draw.rounded_rectangle(screen, radius=15, fill="#ff8a1c", outline="#140c08", width=15)
    streak = Image.new("L", image.size, 0)
    streak_draw = ImageDraw.Draw(streak)
    streak_draw.ellipse(_box(0.38 * w, 0.44 * h, 0.62 * w, 0.56 * h), fill=255)
    streak_draw.ellipse(_box(0.5 * w, 0.3 * h, 0.545 * w, 0.38 * h), fill=255)
    streak = streak.filter(ImageFilter.GaussianBlur(20))
    image.paste(Image.new("RGB", image.size, "#ffe7b0"), mask=streak)
    glow = image.filter(ImageFilter.GaussianBlur(30))
    return Image.blend(image, glow, 0.3)


def anora_wins() -> Image.Image:
    image = _canvas(HERO_SIZE, "#7a0f17", "#4c070c")
    draw = ImageDraw.Draw(image)
    w, h = image.size
    for index in range(5):
        x = 0.2 * w + index * 0.125 * w
        draw.rectangle(_box(x, 0.6 * h, x + 0.07 * w, 0.72 * h), fill="#d8a93b", outline="#f2d27a", width=3)
    stem = [
        (0.5 * w + 0.3 * w * t, 0.5 * h - 0.32 * h * math.sin(math.pi * t * 0.9)) for t in [i / 20 for i in range(21)]
    ]
    draw.line(stem, fill="#e5bf5c", width=3, joint="curve")
    for index, (x, y) in enumerate(stem[2:-1:2]):
        side = 1 if index % 2 else -1
        draw.line([(x, y), (x + 0.02 * w, y + side * 0.11 * h)], fill="#e5bf5c", width=2)
        draw.line([(x, y), (x - 0.015 * w, y + side * 0.1 * h)], fill="#e5bf5c", width=2)
    return image


def greatest_day() -> Image.Image:
    image = _canvas(HERO_SIZE, "#1d1a33", "#3a2c4f")
    draw = ImageDraw.Draw(image)
    w, h = image.size
    centre = (0.5 * w, 0.97 * h)
    for ring in range(1, 22):
        radius = ring * 0.06 * w
        shade = max(60, 230 - ring * 8)
        draw.ellipse(
            _box(centre[0] - radius, centre[1] - radius, centre[0] + radius, centre[1] + radius),
            outline=(shade, int(shade * 0.78), 40),
            width=max(2, 11 - ring // 2),
        )
    draw.ellipse(_box(centre[0] - 9, centre[1] - 9, centre[0] + 9, centre[1] + 9), fill="#ffd766")
    return image


def spirit_of_eden() -> Image.Image:
    image = _canvas(HERO_SIZE, "#eef0ea", "#dfe6da")
    draw = ImageDraw.Draw(image)
    w, h = image.size
    field = ImageOps.colorize(Image.linear_gradient("L").resize((w, h - int(0.64 * h))), "#b9cfa4", "#93b27e")
    image.paste(field, (0, int(0.64 * h)))
    draw.line([(0, 0.64 * h), (w, 0.64 * h)], fill="#27301f", width=3)
    return image


def capitalist_realism() -> Image.Image:
    image = _canvas(HERO_SIZE, "#8e9196")
    draw = ImageDraw.Draw(image)
    w, h = image.size
    for row in range(9):
        for column in range(16):
            x, y = column * 0.0625 * w + 10, row * 0.111 * h + 10
            draw.rectangle(
                _box(x, y, x + 0.0625 * w - 20, y + 0.111 * h - 20), fill="#a9acb1", outline="#7a7d82", width=2
            )
    book = [(0.3 * w, 0.4 * h), (0.4 * w, 0.4 * h), (0.4 * w, 0.72 * h), (0.3 * w, 0.72 * h)]
    shadow = Image.new("L", image.size, 0)
    ImageDraw.Draw(shadow).polygon([book[1], book[2], (1.02 * w, 1.05 * h), (0.95 * w, 0.62 * h)], fill=150)
    image.paste(Image.new("RGB", image.size, "#3d3f44"), mask=shadow.filter(ImageFilter.GaussianBlur(9)))
    draw = ImageDraw.Draw(image)
    draw.polygon(book, fill="#e9e1cf")
    draw.rectangle(_box(0.3 * w, 0.4 * h, 0.4 * w, 0.47 * h), fill="#c23b2a")
    return image


def who_gets_to_tell_it() -> Image.Image:
    image = _canvas(HERO_SIZE, "#f3ede2")
    draw = ImageDraw.Draw(image)
    w, h = image.size
    canopy = _box(0.24 * w, 0.1 * h, 0.76 * w, 0.95 * h)
    draw.chord(canopy, 180, 360, fill="#d6352b")
    for x in (0.24, 0.37, 0.5, 0.63, 0.76):
        draw.line([(x * w, 0.525 * h), (0.5 * w, 0.12 * h)], fill="#9c1f18", width=5)
    draw.line([(0.5 * w, 0.525 * h), (0.5 * w, 0.9 * h)], fill="#3a2a22", width=9)
    draw.arc(_box(0.45 * w, 0.84 * h, 0.5 * w, 0.96 * h), 0, 180, fill="#3a2a22", width=9)
    for index, (x, y) in enumerate([(0.3, 0.62), (0.4, 0.7), (0.58, 0.62), (0.66, 0.72), (0.34, 0.8), (0.56, 0.8)]):
        box = _box(x * w, y * h, (x + 0.07) * w, (y + 0.07) * h)
        draw.rounded_rectangle(box, radius=15, outline="#2b2b33", width=4)
        tail = [(box[0] + 15, box[3] - 2), (box[0] + 10 + (index % 2) * 15, box[3] + 20), (box[0] + 35, box[3] - 2)]
        draw.line(tail, fill="#2b2b33", width=4)
    return image


def what_the_manager_knows() -> Image.Image:
    image = _canvas(HERO_SIZE, "#c9b6e8", "#8f77c2")
    draw = ImageDraw.Draw(image)
    w, h = image.size
    # The balcony's railing, its posts and the rail along the top.
    draw.rectangle(_box(0, 0.74 * h, w, 0.77 * h), fill="#f4efe6")
    for index in range(21):
        x = index * 0.05 * w
        draw.rectangle(_box(x, 0.77 * h, x + 0.012 * w, h), fill="#f4efe6")
    # A folding chair: seat, back and crossed legs.
    draw.rectangle(_box(0.3 * w, 0.5 * h, 0.42 * w, 0.53 * h), fill="#2f6f6a")
    draw.rectangle(_box(0.3 * w, 0.3 * h, 0.32 * w, 0.53 * h), fill="#2f6f6a")
    draw.line([(0.3 * w, 0.74 * h), (0.42 * w, 0.53 * h)], fill="#2f6f6a", width=10)
    draw.line([(0.42 * w, 0.74 * h), (0.3 * w, 0.53 * h)], fill="#2f6f6a", width=10)
    # A ring of keys on a nail by the door.
    draw.ellipse(_box(0.7 * w, 0.2 * h, 0.712 * w, 0.222 * h), fill="#3b3346")
    draw.ellipse(_box(0.68 * w, 0.22 * h, 0.73 * w, 0.31 * h), outline="#d9b44a", width=6)
    for index, angle in enumerate((100, 130, 160)):
        x = 0.705 * w + math.cos(math.radians(angle)) * 0.03 * w
        y = 0.3 * h + math.sin(math.radians(angle)) * 0.02 * h + index * 0.02 * h
        draw.rounded_rectangle(_box(x - 0.006 * w, y, x + 0.006 * w, y + 0.09 * h), radius=4, fill="#d9b44a")
    return image


def donut_time() -> Image.Image:
    image = _canvas(HERO_SIZE, "#f6a04d", "#e9567b")
    draw = ImageDraw.Draw(image)
    w, h = image.size
    # A formica table top, seen from the side.
    draw.rectangle(_box(0, 0.72 * h, w, 0.78 * h), fill="#f3ead8")
    draw.rectangle(_box(0, 0.78 * h, w, h), fill="#3a2a3f")
    # A ring doughnut with pink icing, on a paper napkin.
    draw.polygon(
        [(0.32 * w, 0.72 * h), (0.62 * w, 0.72 * h), (0.58 * w, 0.68 * h), (0.36 * w, 0.68 * h)], fill="#ffffff"
    )
    draw.ellipse(_box(0.36 * w, 0.42 * h, 0.58 * w, 0.7 * h), fill="#c98a4b")
    draw.ellipse(_box(0.375 * w, 0.44 * h, 0.565 * w, 0.66 * h), fill="#f49ac1")
    draw.ellipse(_box(0.445 * w, 0.52 * h, 0.495 * w, 0.585 * h), fill="#c98a4b")
    # A strip light above, as the shop has.
    draw.rounded_rectangle(_box(0.15 * w, 0.08 * h, 0.85 * w, 0.12 * h), radius=12, fill="#fffbe8")
    return image


def slow_review() -> Image.Image:
    image = _canvas(HERO_SIZE, "#f1ece1")
    draw = ImageDraw.Draw(image)
    w, h = image.size
    # Three closed notebooks, stacked a little askew.
    for index, colour in enumerate(["#2e4a62", "#b5532f", "#4f6b3a"]):
        y = 0.8 * h - index * 0.09 * h
        x = 0.14 * w + (index % 2) * 0.02 * w
        draw.rounded_rectangle(_box(x, y - 0.08 * h, x + 0.36 * w, y), radius=8, fill=colour)
        draw.line([(x + 0.02 * w, y - 0.04 * h), (x + 0.34 * w, y - 0.04 * h)], fill="#f1ece1", width=2)
    # An hourglass in ink lines, the sand mostly run through.
    top, bottom, left, right = 0.18 * h, 0.82 * h, 0.62 * w, 0.8 * w
    middle = (left + right) / 2
    draw.line([(left - 20, top), (right + 20, top)], fill="#26221d", width=10)
    draw.line([(left - 20, bottom), (right + 20, bottom)], fill="#26221d", width=10)
    glass = [(left, top), (right, top), (middle + 8, 0.5 * h), (right, bottom), (left, bottom), (middle - 8, 0.5 * h)]
    draw.line([*glass, glass[0]], fill="#26221d", width=5, joint="curve")
    draw.polygon([(left + 40, bottom - 4), (right - 40, bottom - 4), (middle, 0.66 * h)], fill="#c9a25a")
    draw.polygon([(middle - 30, 0.34 * h), (middle + 30, 0.34 * h), (middle, 0.46 * h)], fill="#c9a25a")
    draw.line([(middle, 0.5 * h), (middle, 0.66 * h)], fill="#c9a25a", width=3)
    return image


def starlet() -> Image.Image:
    image = _canvas(HERO_SIZE, "#9cc3e6", "#d8e9f5")
    draw = ImageDraw.Draw(image)
    w, h = image.size
    # The folded banknotes behind, fanned.
    for index in range(5):
        x, y = 0.5 * w + index * 0.025 * w, 0.62 * h - index * 0.03 * h
        draw.rounded_rectangle(
            _box(x, y, x + 0.3 * w, y + 0.14 * h), radius=6, fill="#4b8a63", outline="#2c5a3e", width=3
        )
    # The thermos: body, shoulder, cup-lid and a band.
    draw.rounded_rectangle(_box(0.3 * w, 0.28 * h, 0.44 * w, 0.88 * h), radius=28, fill="#f2df8a")
    draw.rounded_rectangle(_box(0.31 * w, 0.18 * h, 0.43 * w, 0.3 * h), radius=16, fill="#d9c062")
    draw.rectangle(_box(0.3 * w, 0.5 * h, 0.44 * w, 0.56 * h), fill="#c9a23f")
    return image


def nick_cave_rooms() -> Image.Image:
    image = _canvas(HERO_SIZE, "#121a33", "#1d2850")
    draw = ImageDraw.Draw(image)
    w, h = image.size
    draw.rectangle(_box(0.08 * w, 0.12 * h, 0.92 * w, 0.9 * h), outline="#2f3d6b", width=6)
    for index, colour in enumerate(("#f2b14c", "#e7794a", "#f6d98a")):
        x = (0.2 + 0.25 * index) * w
        draw.rectangle(_box(x, 0.3 * h, x + 0.14 * w, 0.62 * h), fill=colour)
        draw.line([(x + 0.07 * w, 0.3 * h), (x + 0.07 * w, 0.62 * h)], fill="#121a33", width=4)
    return image


def the_bear_kitchen() -> Image.Image:
    image = _canvas(HERO_SIZE, "#d9dde0", "#b8bec4")
    draw = ImageDraw.Draw(image)
    w, h = image.size
    draw.rectangle(_box(0, 0.58 * h, w, 0.66 * h), fill="#8d959c")
    for index in range(10):
        x = (0.06 + 0.09 * index) * w
        draw.ellipse(_box(x, 0.5 * h, x + 0.07 * w, 0.56 * h), fill="#ffffff", outline="#6f767c", width=3)
    # The chipped one.
    draw.pieslice(
        _box(0.06 * w + 0.09 * 6 * w, 0.5 * h, 0.06 * w + 0.09 * 6 * w + 0.07 * w, 0.56 * h), 300, 340, fill="#b8bec4"
    )
    return image


HEROES: dict[str, Callable[[], Image.Image]] = {
    "nick-cave-one-voice-in-every-room": nick_cave_rooms,
    "the-bear-season-three-review-a-kitchen-that-will-not-open": the_bear_kitchen,
    "anora-sex-work-and-the-fantasies-of-genre": anora_essay,
    "the-florida-project-summer-at-the-edge-of-the-kingdom": florida_project,
    "red-rocket-the-charm-offensive": red_rocket,
    "tangerine-at-ten-the-phone-was-never-the-point": tangerine,
    "anora-wins-best-picture-cannes-to-the-oscars": anora_wins,
    "the-greatest-day-never-comes-pop-anthems-of-uplift": greatest_day,
    "spirit-of-eden-the-sound-of-a-band-leaving-the-room": spirit_of_eden,
    "capitalist-realism-revisited-the-little-book-that-named-the-weather": capitalist_realism,
    "who-gets-to-tell-it-playing-the-whore-and-the-sex-worker-on-screen": who_gets_to_tell_it,
    "what-the-manager-knows-willem-dafoe-in-the-florida-project": what_the_manager_knows,
    "donut-time-the-corner-tangerine-keeps-coming-back-to": donut_time,
    "the-case-for-the-slow-review": slow_review,
    "starlet-review-a-friendship-with-the-price-tag-left-on": starlet,
}

# Posters of the videos embedded in demo bodies (their placeholder's data-embed-poster="{poster}").
TRAILER_POSTERS: dict[str, Callable[[], Image.Image]] = {
    "red-rocket-the-charm-offensive": red_rocket_trailer,
}

# Each film's poster: its two colours and the shape at its centre.
POSTERS = {
    "anora": ("#ff4fb8", "#14122b", "circle"),
    "starlet": ("#f3d9a4", "#6a8caf", "square"),
    "tangerine": ("#ff8a1c", "#2b1a12", "circle"),
    "the-florida-project": ("#b9a2e0", "#f08a3c", "square"),
    "red-rocket": ("#f58fb5", "#5d6470", "ring"),
    "the-proposition": ("#e9c46a", "#6b2d1a", "ring"),
}


def _ink(background: str) -> str:
    """White on dark backgrounds, near-black on light ones (the text sits on the light end)."""
    red, green, blue = (int(background[index : index + 2], 16) / 255 for index in (1, 3, 5))
    return "#1d1b19" if 0.2126 * red + 0.7152 * green + 0.0722 * blue > 0.55 else "#ffffff"


def poster(*, slug: str, title: str, year: int | None, director: str) -> Image.Image:
    """A poster: the title in capitals over two colours and a shape, with year and director."""
    light, dark, shape = POSTERS.get(slug, ("#e8dcc4", "#2b2b33", "circle"))
    image = _canvas(POSTER_SIZE, dark, light)
    draw = ImageDraw.Draw(image)
    w, h = image.size
    box = _box(0.18 * w, 0.14 * h, 0.82 * w, 0.14 * h + 0.64 * w)
    if shape == "circle":
        draw.ellipse(box, fill=light)
    elif shape == "square":
        draw.rectangle(box, fill=light)
    else:
        draw.ellipse(box, outline=light, width=45)
    ink = _ink(light)
    title_font = ImageFont.load_default(size=int(0.11 * w) if len(title) < 12 else int(0.075 * w))
    small_font = ImageFont.load_default(size=int(0.035 * w))
    draw.text((0.5 * w, 0.72 * h), title.upper(), font=title_font, fill=ink, anchor="mm")
    byline = f"A FILM BY {director.upper()}" + (f" · {year}" if year else "")
    draw.text((0.5 * w, 0.82 * h), byline, font=small_font, fill=ink, anchor="mm")
    return image


def poster_alt(*, title: str, slug: str) -> str:
    light, _dark, shape = POSTERS.get(slug, ("#e8dcc4", "", "circle"))
    drawn = {"circle": "a large circle", "square": "a large square", "ring": "a thick ring"}[shape]
    ink = "white" if _ink(light) == "#ffffff" else "black"
    return f"Poster drawn for the demo: the title {title} in {ink} capitals beneath {drawn}, over a two-colour wash."


def sean_baker() -> Image.Image:
    """Head and shoulders in a cap and a denim jacket, against a Florida sunset."""
    image = _canvas(PORTRAIT_SIZE, "#f2a65a", "#e4607a")
    draw = ImageDraw.Draw(image)
    w, h = image.size
    # Shoulders in a denim jacket, a collar either side of the neck.
    draw.rounded_rectangle(_box(0.14 * w, 0.72 * h, 0.86 * w, 1.1 * h), radius=int(0.12 * w), fill="#3d5a80")
    draw.rectangle(_box(0.43 * w, 0.6 * h, 0.57 * w, 0.76 * h), fill="#c98e68")
    draw.polygon([(0.34 * w, 0.72 * h), (0.45 * w, 0.74 * h), (0.5 * w, 0.86 * h)], fill="#2b4263")
    draw.polygon([(0.66 * w, 0.72 * h), (0.55 * w, 0.74 * h), (0.5 * w, 0.86 * h)], fill="#2b4263")
    # The face, a short dark beard along the jaw, and the eyes under the cap's shade.
    draw.ellipse(_box(0.33 * w, 0.22 * h, 0.67 * w, 0.66 * h), fill="#d9a07a")
    draw.chord(_box(0.33 * w, 0.3 * h, 0.67 * w, 0.68 * h), 20, 160, fill="#4a3326")
    draw.ellipse(_box(0.41 * w, 0.52 * h, 0.59 * w, 0.6 * h), fill="#d9a07a")
    draw.line([(0.45 * w, 0.56 * h), (0.55 * w, 0.56 * h)], fill="#6b3d2e", width=6)
    for x in (0.43, 0.57):
        draw.ellipse(_box((x - 0.018) * w, 0.4 * h, (x + 0.018) * w, 0.43 * h), fill="#2a1d17")
    # The cap: crown and brim.
    draw.chord(_box(0.31 * w, 0.12 * h, 0.69 * w, 0.48 * h), 180, 360, fill="#1f2a3a")
    draw.rounded_rectangle(_box(0.3 * w, 0.28 * h, 0.8 * w, 0.33 * h), radius=14, fill="#1f2a3a")
    draw.ellipse(_box(0.485 * w, 0.115 * h, 0.515 * w, 0.14 * h), fill="#f2a65a")
    return image


PORTRAITS: dict[str, tuple[Callable[[], Image.Image], str]] = {
    "sean-baker": (
        sean_baker,
        "Portrait drawn for the demo: a man with a short dark beard in a navy baseball cap and a denim jacket, "
        "head and shoulders, against an orange and pink sunset.",
    ),
}


def share_picture(*, name: str) -> Image.Image:
    """A strip of film across the magazine's red, its frames lighter one after the other, the name below."""
    image = _canvas(SHARE_SIZE, "#5c1c13", "#8a2b1d")
    draw = ImageDraw.Draw(image)
    w, h = image.size
    top, bottom = 0.18 * h, 0.58 * h
    draw.rectangle(_box(0, top, w, bottom), fill="#15110f")
    for index in range(24):
        x = index * w / 24 + 0.01 * w
        for y in (top + 0.025 * h, bottom - 0.065 * h):
            draw.rounded_rectangle(_box(x, y, x + 0.022 * w, y + 0.04 * h), radius=3, fill="#f4efe6")
    for index in range(6):
        x = 0.03 * w + index * 0.16 * w
        shade = 70 + index * 34
        draw.rectangle(_box(x, top + 0.09 * h, x + 0.14 * w, bottom - 0.09 * h), fill=(shade, shade * 4 // 5, 40))
    font = ImageFont.load_default(size=int(min(0.075 * w, 1.4 * w / max(len(name), 1))))
    draw.text((0.5 * w, 0.78 * h), name.upper(), font=font, fill="#f4efe6", anchor="mm")
    return image


def share_picture_alt(*, name: str) -> str:
    return (
        f"The name {name} in pale capitals under a strip of film that runs across a dark red ground, "
        "its six frames lighter one after the other, from brown to gold."
    )
