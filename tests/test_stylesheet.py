"""The stylesheet: the self-hosted fonts it names exist and cover Kazakh, and every text colour
meets WCAG AA (4.5:1) on its background in the light and the dark theme."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from fontTools.ttLib import TTFont

STATIC = Path(settings.BASE_DIR) / "static"
CSS = (STATIC / "css" / "jinaq.css").read_text(encoding="utf-8")
KAZAKH_LETTERS = "ӘәІіҢңҒғҮүҰұҚқӨөҺһ"
FONT_BUDGET_BYTES = 100_000  # every file of both faces; a page loads the ranges its letters need


def font_faces() -> list[dict[str, str]]:
    faces = []
    for block in re.findall(r"@font-face\s*{([^}]*)}", CSS):
        declarations = dict(re.findall(r"([\w-]+)\s*:\s*([^;]+);", block))
        faces.append(
            {
                "family": declarations["font-family"].strip('" '),
                "file": re.search(r'url\("\.\./fonts/([^"]+)"\)', declarations["src"])[1],
                "unicode_range": declarations["unicode-range"],
                "display": declarations["font-display"].strip(),
            }
        )
    return faces


def code_points(unicode_range: str) -> set[int]:
    points = set()
    for part in unicode_range.split(","):
        first, _, last = part.strip().removeprefix("U+").partition("-")
        points.update(range(int(first, 16), int(last or first, 16) + 1))
    return points


def test_every_font_the_stylesheet_names_is_shipped_and_has_the_letters_of_its_range():
    faces = font_faces()

    assert {face["family"] for face in faces} == {"Noto Sans", "Noto Serif"}
    for face in faces:
        cmap = TTFont(STATIC / "fonts" / face["file"]).getBestCmap()
        letters = {point for point in code_points(face["unicode_range"]) if chr(point).isalpha()}
        assert letters - set(cmap) == set(), face["file"]
        assert face["display"] == "swap"


@pytest.mark.parametrize("family", ["Noto Sans", "Noto Serif"])
def test_each_face_covers_every_kazakh_letter_through_its_ranges(family):
    covered = set()
    for face in font_faces():
        if face["family"] == family:
            cmap = TTFont(STATIC / "fonts" / face["file"]).getBestCmap()
            covered |= code_points(face["unicode_range"]) & set(cmap)

    assert [letter for letter in KAZAKH_LETTERS if ord(letter) not in covered] == []


def test_fonts_are_small_and_ship_with_their_licence():
    sizes = [path.stat().st_size for path in (STATIC / "fonts").glob("*.woff2")]

    assert len(sizes) == len(font_faces())
    assert sum(sizes) < FONT_BUDGET_BYTES
    assert "SIL Open Font License" in (STATIC / "fonts" / "OFL.txt").read_text(encoding="utf-8")


def tokens(block: str) -> dict[str, str]:
    return dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", block))


def themes() -> dict[str, dict[str, str]]:
    light = tokens(CSS[CSS.index(":root {") :].split("}", 1)[0])
    dark_block = CSS[CSS.index("@media (prefers-color-scheme: dark)") :].split("}\n}", 1)[0]
    return {"light": light, "dark": {**light, **tokens(dark_block)}}


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    lighter, darker = sorted([luminance(one), luminance(other)], reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


# (text, background) as the stylesheet pairs them.
TEXT_ON = [
    ("ink", "paper"), ("ink", "paper-raised"), ("ink-soft", "paper"), ("ink-soft", "paper-raised"),
    ("ink-soft", "accent-soft"), ("accent", "paper"), ("accent", "paper-raised"), ("accent", "accent-soft"),
    ("accent-dark", "paper"), ("accent-dark", "accent-soft"), ("accent-dark", "keyword"),
    ("on-accent", "accent"), ("on-accent", "accent-dark"), ("header-ink", "header"),
    ("header-ink", "header-current"), ("on-gold", "gold"), ("warm-ink", "warm-soft"), ("warm-ink", "paper"),
    ("error", "paper"), ("ink", "highlight"), ("ink", "keyword"), ("ink", "notice"), ("ink-faint", "paper"),
]  # fmt: skip


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_text_colours_meet_wcag_aa_in_both_themes(theme):
    colours = themes()[theme]

    too_faint = {
        f"{text} on {background}": round(contrast(colours[text], colours[background]), 2)
        for text, background in TEXT_ON
        if contrast(colours[text], colours[background]) < 4.5
    }

    assert too_faint == {}
    assert contrast(colours["field-line"], colours["paper"]) >= 3  # form fields' borders (WCAG 1.4.11)


def test_the_dark_theme_changes_the_paper_and_no_rule_hard_codes_a_colour():
    light, dark = themes()["light"], themes()["dark"]
    rules = CSS[CSS.index("/* ---- base") : CSS.index("@media print")]

    assert luminance(dark["paper"]) < 0.05 < luminance(light["paper"])
    assert re.findall(r"#[0-9a-fA-F]{3,6}\b", rules) == []
