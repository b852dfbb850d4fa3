"""Draw IKU Desktop's icon: three rising bars (the indikator climbing to their target) on
the program's dark blue, in Jambi's green and gold; written to ``iku.ico`` (16, 24, 32, 48,
64, 256 px, each size drawn on its own pixel grid so 16 px stays sharp) and
``resources/iku.png`` (the window's icon).

    uv run python packaging/windows/make_icon.py

Needs only Pillow (a dependency of reportlab). The outputs are committed; rerun after
changing the drawing.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent

BLUE = (31, 59, 87, 255)      # #1f3b57, the headings of the window
GREEN = (47, 168, 79, 255)    # #2fa84f
GOLD = (242, 193, 46, 255)    # #f2c12e
WHITE = (255, 255, 255, 255)

# on a 16-unit grid: (x0, top, x1) of each bar, bottom at 13; the base line at row 13
BARS_16 = [(3, 9, 5, GREEN), (7, 6, 9, GOLD), (11, 3, 13, WHITE)]


def draw(size: int) -> Image.Image:
    """The icon at ``size`` px: drawn at 8× and reduced, with the bars snapped to the
    pixel grid of the target size (16 and 32 px show whole pixels, no blur)."""
    scale = 8
    big = size * scale
    unit = size / 16
    img = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    radius = max(1, round(size * 0.18)) * scale
    d.rounded_rectangle((0, 0, big - 1, big - 1), radius=radius, fill=BLUE)

    def px(v: float) -> int:  # a grid coordinate -> a whole target pixel, then ×scale
        return round(v * unit) * scale

    for x0, top, x1, colour in BARS_16:
        d.rectangle((px(x0), px(top), px(x1) - 1, px(13) - 1), fill=colour)
    d.rectangle((px(2), px(13), px(14) - 1, px(14) - 1), fill=WHITE)  # base line
    return img.resize((size, size), Image.LANCZOS if size >= 48 else Image.BOX)


def main() -> None:
    sizes = [16, 24, 32, 48, 64, 256]
    images = [draw(s) for s in sizes]
    images[-1].save(HERE / "iku.ico", sizes=[(s, s) for s in sizes],
                    append_images=images[:-1])
    images[-1].save(ROOT / "resources" / "iku.png", optimize=True)
    for s, im in zip(sizes, images):
        if s in (16, 32):  # previews to look at (not committed)
            im.resize((s * 8, s * 8), Image.NEAREST).save(Path("/tmp") / f"iku-{s}-x8.png")
    print(f"wrote {HERE / 'iku.ico'} and {ROOT / 'resources' / 'iku.png'}")


if __name__ == "__main__":
    main()
