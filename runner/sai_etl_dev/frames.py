"""Synthetic wildfire-camera frames for the simulator: JPEG bytes shaped like a real 1080p capture.

A frame is a landscape (sky gradient, two hill ridges, tree texture, sensor grain), optionally
with a grey smoke plume, and a camera/timestamp label. Rendering one takes ~0.2 s, so each
process renders at most `VARIANTS` base frames per (size, smoke) and makes every call's bytes
unique by adding a JPEG comment segment: the pixels repeat, the files do not.
"""

from __future__ import annotations

import math
import random
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from io import BytesIO

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

# Base frames rendered per (width, height, smoke); a seed picks one with `seed % VARIANTS`.
VARIANTS = 4
JPEG_QUALITY = 85
# Peak-to-peak amplitude of the per-channel sensor grain. Grain is what makes a real capture
# weigh 250-300 KB at 1080p and quality 85; a clean render would weigh a third of that.
GRAIN = 16
# Label time of variant 0; variants are an hour apart (the pixels never claim "now").
_LABEL_EPOCH = datetime(2026, 7, 14, 12, 0, tzinfo=UTC)


def make_frame(
    width: int = 1920, height: int = 1080, *, seed: int = 0, smoke: bool = False
) -> bytes:
    """A JPEG camera frame of `width` x `height`; equal arguments give equal bytes."""
    base = _base_frame(width, height, smoke, seed % VARIANTS)
    comment = f"sai-etl simulated frame seed={seed}".encode("ascii")
    # COM segment right after SOI (FFD8): length counts its own two bytes.
    segment = b"\xff\xfe" + (len(comment) + 2).to_bytes(2, "big") + comment
    return base[:2] + segment + base[2:]


@lru_cache(maxsize=32)
def _base_frame(width: int, height: int, smoke: bool, variant: int) -> bytes:
    rng = random.Random(f"{width}x{height}/{smoke}/{variant}")
    image = _sky(width, height, rng)
    near = _hills(image, rng)
    if smoke:
        _smoke(image, near, rng)
    image = _grain(image, rng)
    _label(image, variant)
    out = BytesIO()
    image.save(out, "JPEG", quality=JPEG_QUALITY)
    return out.getvalue()


def _sky(width: int, height: int, rng: random.Random) -> Image.Image:
    """Vertical gradient from a deep zenith blue to a pale, slightly hazy horizon."""
    top = (rng.randint(70, 100), rng.randint(120, 150), rng.randint(200, 230))
    bottom = (rng.randint(175, 200), rng.randint(200, 215), rng.randint(205, 225))
    ramp = Image.linear_gradient("L").resize((width, height))
    bands = [
        ramp.point(lambda v, a=a, b=b: a + (b - a) * v // 255)
        for a, b in zip(top, bottom, strict=True)
    ]
    return Image.merge("RGB", bands)


def _ridge(width: int, base_y: float, amplitude: float, rng: random.Random) -> list[float]:
    """A hill profile: a few sine waves of random phase, one height per x."""
    waves = [
        (rng.uniform(0.5, 3.5) * 2 * math.pi / width, rng.uniform(0, 2 * math.pi), rng.random())
        for _ in range(4)
    ]
    total = sum(weight for _, _, weight in waves)
    return [
        base_y - amplitude * sum(w * math.sin(f * x + p) for f, p, w in waves) / total
        for x in range(width)
    ]


def _hills(image: Image.Image, rng: random.Random) -> list[float]:
    """A hazy far ridge, a green near ridge and dark tree clumps on it; returns the near ridge."""
    width, height = image.size
    draw = ImageDraw.Draw(image)
    far = _ridge(width, height * 0.55, height * 0.12, rng)
    draw.polygon([(0, height), *enumerate(far), (width - 1, height)], fill=(118, 138, 140))
    near = _ridge(width, height * 0.68, height * 0.10, rng)
    green = (rng.randint(75, 100), rng.randint(100, 125), rng.randint(40, 60))
    draw.polygon([(0, height), *enumerate(near), (width - 1, height)], fill=green)
    # Darker, larger trees towards the bottom (nearer the camera).
    for _ in range(width // 3):
        x = rng.randrange(width)
        y = rng.uniform(near[x] + 4, height)
        depth = (y - near[x]) / max(height - near[x], 1)
        r = 2 + depth * height * 0.02
        shade = rng.randint(-25, 10)
        tone = (green[0] - 40 + shade, green[1] - 35 + shade, green[2] - 20 + shade)
        draw.ellipse((x - r, y - r * 1.6, x + r, y + r), fill=tone)
    return near


def _smoke(image: Image.Image, ridge: list[float], rng: random.Random) -> None:
    """A grey plume rising from behind the near ridge, widening and drifting with the wind."""
    width, height = image.size
    mask = Image.new("L", image.size, 0)
    draw = ImageDraw.Draw(mask)
    x = rng.uniform(0.2, 0.8) * width
    y = ridge[int(x)] + height * 0.01
    drift = rng.choice((-1, 1)) * rng.uniform(0.6, 1.5)
    r = height * 0.012
    steps = 26
    for step in range(steps):
        alpha = int(235 * (1 - step / (steps + 14)))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=alpha)
        x += drift * r * 0.4 + rng.uniform(-0.2, 0.2) * r
        y -= r * 0.4
        r *= 1.09
    mask = mask.filter(ImageFilter.GaussianBlur(height * 0.012))
    grey = rng.randint(150, 190)
    plume = Image.new("RGB", image.size, (grey, grey, grey + 5))
    image.paste(plume, (0, 0), mask)


def _grain(image: Image.Image, rng: random.Random) -> Image.Image:
    """Per-channel uniform sensor noise, centred on zero."""
    width, height = image.size
    scale = GRAIN / 255
    noise = Image.merge(
        "RGB",
        [
            Image.frombytes("L", image.size, rng.randbytes(width * height)).point(
                lambda v: int(v * scale)
            )
            for _ in range(3)
        ],
    )
    return ImageChops.add(image, noise, offset=-(GRAIN // 2))


def _label(image: Image.Image, variant: int) -> None:
    """The camera's burnt-in caption, top left, as surveillance cameras print it."""
    height = image.size[1]
    stamp = _LABEL_EPOCH + timedelta(hours=variant)
    text = f"SAI CAM {variant + 1:02d}  {stamp:%Y-%m-%d %H:%M:%S} UTC"
    font = ImageFont.load_default(size=max(12, height // 40))
    draw = ImageDraw.Draw(image)
    margin = height // 60
    box = draw.textbbox((margin, margin), text, font=font)
    draw.rectangle((box[0] - 4, box[1] - 4, box[2] + 4, box[3] + 4), fill=(0, 0, 0))
    draw.text((margin, margin), text, font=font, fill=(255, 255, 255))
