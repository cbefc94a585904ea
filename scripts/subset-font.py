#!/usr/bin/env python3
"""Cut Noto Sans CJK SC down to the characters nianbao needs.

Why: the editor must show Chinese on a machine without any CJK font, so a
font ships inside the binary. The full collection is ~19 MB; the subset
(GB2312 + everything the templates and sources use) is about 1.5 MB.

Requirements (Debian / Ubuntu):
    apt-get install fonts-noto-cjk      # /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
    pip install fonttools

Usage, from the repository root:
    python3 scripts/subset-font.py [--source PATH.ttc] [--extra FILE ...]

Writes assets/fonts/NotoSansSC-subset.otf, assets/fonts/NotoEmoji-symbols.ttf
(the few marks such as ✖ ✔ that Noto Sans CJK lacks, cut from the OFL
NotoEmoji-Regular that egui's own epaint_default_fonts crate ships, found in
the cargo registry after any `cargo build`) and assets/fonts/OFL.txt, and
prints the glyph counts and sizes. Re-run it whenever `cargo test --test glyphs`
reports a missing character (usually after a new template or UI string with a
rare character): the scan below picks the new text up automatically.
"""

from __future__ import annotations

import argparse
import glob
import os
import pathlib
import sys

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

ROOT = pathlib.Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
DEBIAN_COPYRIGHT = "/usr/share/doc/fonts-noto-cjk/copyright"
OUT_DIR = ROOT / "assets" / "fonts"
OUT_FONT = OUT_DIR / "NotoSansSC-subset.otf"
OUT_SYMBOLS = OUT_DIR / "NotoEmoji-symbols.ttf"
OUT_LICENSE = OUT_DIR / "OFL.txt"
CARGO_HOME = pathlib.Path(os.environ.get("CARGO_HOME", pathlib.Path.home() / ".cargo"))
SYMBOL_GLOB = "registry/src/*/epaint_default_fonts-*/fonts/NotoEmoji-Regular.ttf"
# Face inside the .ttc whose full name is exactly this (index 2 in Debian's
# 2.004 build); exact match so the Mono SC face is never picked.
FACE_NAME = "Noto Sans CJK SC"


def gb2312_chars() -> set[str]:
    """Every character of GB2312: decode each valid 2-byte EUC-CN sequence."""
    chars = set()
    for lead in range(0xA1, 0xFF):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(bytes([lead, trail]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return chars


def code_range(first: int, last: int) -> set[str]:
    return {chr(cp) for cp in range(first, last + 1)}


def fixed_sets() -> set[str]:
    """Characters the interface needs whatever the text says."""
    chars = code_range(0x20, 0x7E)  # ASCII
    chars |= code_range(0xFF01, 0xFF5E)  # full-width forms （），：；…
    chars |= code_range(0x3000, 0x303F)  # CJK symbols and punctuation 、。〔〕「」
    chars |= set("“”‘’…—–·•≤≥≠±×÷°‰№※℃￥¥✖✓✔⚠❌❗❓›‹«»←↑→↓↔↕")
    return chars


def optional_ranges() -> set[str]:
    """Whole blocks taken as far as the source font has them (no warning for gaps)."""
    return code_range(0x2500, 0x257F) | code_range(0x2190, 0x21FF)  # box drawing, arrows


def scanned_chars(extra: list[pathlib.Path]) -> set[str]:
    """Every character of the templates, of the Rust sources, and of extra files.

    Whole source files, not just their string literals: a superset that no
    tricky literal (raw strings, '"' char literals) can make the scan miss.
    """
    chars = set()
    for path in sorted((ROOT / "assets" / "templates").glob("*.ron")):
        chars |= set(path.read_text(encoding="utf-8"))
    for path in sorted((ROOT / "src").rglob("*.rs")):
        chars |= set(path.read_text(encoding="utf-8"))
    for path in extra:
        chars |= set(path.read_text(encoding="utf-8"))
    return {c for c in chars if not c.isspace() and c.isprintable()}


def find_face(source: str):
    collection = TTCollection(source, lazy=False)
    for index, font in enumerate(collection.fonts):
        if font["name"].getDebugName(4) == FACE_NAME:
            return index, font
    sys.exit(f"no face named {FACE_NAME!r} in {source}")


def subset_font(font, codepoints: list[int]) -> int:
    """Subset in place to these code points; returns the glyph count."""
    options = subset.Options()
    options.layout_features = []  # egui does not shape text; no GSUB/GPOS needed
    options.hinting = False  # egui rasterizes unhinted
    options.drop_tables += ["VORG", "vhea", "vmtx", "BASE", "GSUB", "GPOS", "GDEF"]
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # keep copyright and license
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints)
    subsetter.subset(font)
    return len(font.getGlyphOrder())


def symbol_source(explicit: str | None) -> str:
    if explicit:
        return explicit
    found = sorted(glob.glob(str(CARGO_HOME / SYMBOL_GLOB)))
    if not found:
        sys.exit("NotoEmoji-Regular.ttf not found: run `cargo build` once, or pass --symbols PATH")
    return found[-1]


def license_text(fonts) -> str:
    """The fonts' copyright lines followed by the OFL 1.1 text from Debian's copyright file."""
    lines = pathlib.Path(DEBIAN_COPYRIGHT).read_text(encoding="utf-8").splitlines()
    start = lines.index("License: SIL-1.1", lines.index("License: SIL-1.1") + 1)
    body = []
    for line in lines[start + 1:]:
        if line.startswith("License:"):
            break
        body.append("" if line.strip() == "." else line[1:])
    notices = [f"{f['name'].getDebugName(4)}: {f['name'].getDebugName(0)}" for f in fonts]
    return "\n".join(notices) + "\n\n" + "\n".join(body).strip() + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source", default=DEFAULT_SOURCE)
    parser.add_argument("--symbols", help="NotoEmoji-Regular.ttf (default: cargo registry)")
    parser.add_argument("--extra", nargs="*", type=pathlib.Path, default=[],
                        help="more UTF-8 text files whose characters must be covered")
    args = parser.parse_args()

    wanted = {ord(c) for c in gb2312_chars() | fixed_sets() | scanned_chars(args.extra)}
    index, cjk = find_face(args.source)
    symbols = TTFont(symbol_source(args.symbols))
    cjk_map, symbol_map = cjk.getBestCmap(), symbols.getBestCmap()
    optional = {ord(c) for c in optional_ranges()}
    cjk_points = sorted(cp for cp in wanted | optional if cp in cjk_map)
    symbol_points = sorted(cp for cp in wanted if cp not in cjk_map and cp in symbol_map)
    missing = sorted(wanted - set(cjk_map) - set(symbol_map))
    if missing:
        print(f"warning: {len(missing)} characters in no source font: "
              f"{''.join(chr(cp) for cp in missing[:80])}", file=sys.stderr)
    license = license_text([cjk, symbols])
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for font, points, out in [(cjk, cjk_points, OUT_FONT), (symbols, symbol_points, OUT_SYMBOLS)]:
        glyphs = subset_font(font, points)
        font.recalcTimestamp = False  # byte-identical output on every run
        font.save(str(out))
        print(f"{out.relative_to(ROOT)}: {len(points)} characters, {glyphs} glyphs, "
              f"{out.stat().st_size} bytes")
    OUT_LICENSE.write_text(license, encoding="utf-8")


if __name__ == "__main__":
    main()
