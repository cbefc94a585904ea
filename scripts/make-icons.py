#!/usr/bin/env python3
"""Draw nianbao's application icon: a red seal (印章) square with 年 in white.

Why a script and not a drawing: the icon is made from the font the editor
already ships (assets/fonts/NotoSansSC-subset.otf, OFL), so it needs no
outside artwork or licence, and anyone can redraw it at a new size.

Requirements:
    pip install pillow

Usage, from the repository root:
    python3 scripts/make-icons.py

Writes assets/icons/nianbao-<size>.png for 16, 24, 32, 48, 64, 128 and 256 px
(used by the .deb under /usr/share/icons/hicolor/) and assets/icons/nianbao.ico
holding every size (embedded into nianbao.exe by build.rs and used by the
Windows installer).
"""

from __future__ import annotations

import pathlib

from PIL import Image, ImageDraw, ImageFont

ROOT = pathlib.Path(__file__).resolve().parent.parent
FONT = ROOT / "assets" / "fonts" / "NotoSansSC-subset.otf"
OUT = ROOT / "assets" / "icons"
SIZES = [16, 24, 32, 48, 64, 128, 256]
SEAL_RED = (190, 22, 34, 255)
WHITE = (255, 255, 255, 255)
# Drawn this many times larger, then reduced: smooth edges at every size.
SUPERSAMPLE = 8


def draw(size: int) -> Image.Image:
    """One icon of `size` px. Small sizes drop the seal's inner frame and
    fill more of the square with the character, so 年 stays legible at 16 px."""
    big = size * SUPERSAMPLE
    img = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    margin = 0 if size <= 24 else round(big * 0.04)
    radius = round(big * (0.10 if size <= 24 else 0.14))
    d.rounded_rectangle(
        (margin, margin, big - 1 - margin, big - 1 - margin), radius, fill=SEAL_RED
    )
    framed = size >= 48
    if framed:
        inset = round(big * 0.12)
        d.rounded_rectangle(
            (inset, inset, big - 1 - inset, big - 1 - inset),
            round(big * 0.06),
            outline=WHITE,
            width=max(SUPERSAMPLE, round(big * 0.025)),
        )
    share = 0.62 if framed else 0.84
    font = ImageFont.truetype(str(FONT), round(big * share))
    # A stroke in the fill colour thickens the regular weight to a seal's bold.
    stroke = round(big * (0.012 if framed else 0.03))
    left, top, right, bottom = d.textbbox((0, 0), "年", font=font, stroke_width=stroke)
    x = (big - (right - left)) / 2 - left
    y = (big - (bottom - top)) / 2 - top
    d.text((x, y), "年", font=font, fill=WHITE, stroke_width=stroke, stroke_fill=WHITE)
    return img.resize((size, size), Image.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    images = {size: draw(size) for size in SIZES}
    for size, img in images.items():
        path = OUT / f"nianbao-{size}.png"
        img.save(path, optimize=True)
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size} B")
    ico = OUT / "nianbao.ico"
    largest = images[SIZES[-1]]
    largest.save(
        ico,
        format="ICO",
        sizes=[(s, s) for s in SIZES],
        append_images=[images[s] for s in SIZES[:-1]],
    )
    print(f"{ico.relative_to(ROOT)}  {ico.stat().st_size} B")


if __name__ == "__main__":
    main()
