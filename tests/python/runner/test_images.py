"""store_image, decode_base64, read_binary_file and remove_orphan_temps on real files.

Images are made with Pillow here; faults that the test process cannot cause on itself
(read-only filesystem, a write cut short, an allocation limit) run in a child process.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import random
import shutil
import stat
import struct
import subprocess
import sys
import textwrap
import time
import zlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from PIL import ExifTags, Image, ImageChops, ImageCms

from sai_etl.runner.images import (
    ImageLimits,
    InvalidImage,
    StoredImage,
    check_writable,
    decode_base64,
    read_binary_file,
    remove_orphan_temps,
    store_image,
)

LIMITS = ImageLimits()
FIXTURE_BINARY_ROOT = Path(__file__).parents[2] / "fixtures" / "n8n-1.123" / "binaryData"
FIXTURE_FILE_ID = (
    "filesystem-v2:workflows/yDbfhooKemfhMIkC/executions/temp/binary_data/"
    "e57072c2-ae73-4afe-835a-49ff06ad3e2f"
)


def photo(size: tuple[int, int], sigma: float = 4) -> Image.Image:
    """Gradients with sensor-like noise: compresses like a camera picture (1080p q85 ~ 280 KB).

    The noise comes from a seeded generator, so every call gives the same picture whatever else
    touched the C library's random state (Pillow's effect_noise uses rand())."""
    uniform = Image.frombytes("L", size, random.Random(0).randbytes(size[0] * size[1]))
    # A uniform byte has a standard deviation of about 74; scale it to sigma around 128.
    noise = uniform.point(lambda v: 128 + round((v - 128) * sigma / 74))
    gradients = (
        Image.linear_gradient("L"),
        Image.radial_gradient("L"),
        Image.linear_gradient("L").rotate(90),
    )
    return Image.merge("RGB", [ImageChops.add(g.resize(size), noise, 1.0, -128) for g in gradients])


def encode(image: Image.Image, fmt: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if not p.is_dir())


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def open_webp(root: Path, relative: str) -> Image.Image:
    image = Image.open(root / relative)
    assert image.format == "WEBP"
    image.load()
    return image


def close_to(actual: tuple[int, ...], expected: tuple[int, ...], tolerance: int = 12) -> bool:
    return all(abs(a - e) <= tolerance for a, e in zip(actual, expected, strict=True))


@pytest.fixture(scope="module")
def jpeg_1080p() -> bytes:
    return encode(photo((1920, 1080)), "JPEG", quality=85)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    path = tmp_path / "images"
    path.mkdir()
    return path


# --- store_image: accepted images ------------------------------------------------------------


def test_jpeg_original_is_byte_identical_and_thumbnail_is_bounded_webp(
    root: Path, jpeg_1080p: bytes
) -> None:
    stored = store_image(jpeg_1080p, root, 123456, LIMITS)

    assert stored == StoredImage(
        format="JPEG",
        width=1920,
        height=1080,
        size_bytes=len(jpeg_1080p),
        sha256=hashlib.sha256(jpeg_1080p).hexdigest(),
        original_path="originals/000123/123456.jpg",
        thumbnail_path="thumbnails/000123/123456.webp",
        display_path=None,
    )
    assert digest(root / stored.original_path) == stored.sha256
    assert open_webp(root, stored.thumbnail_path).size == (320, 180)
    assert files(root) == [stored.original_path, stored.thumbnail_path]


@pytest.mark.parametrize(
    ("execution_id", "partition"),
    [(1, "000000"), (999, "000000"), (1000, "000001"), (1_234_567_890, "1234567")],
)
def test_paths_are_relative_and_partitioned_by_thousand(
    root: Path, execution_id: int, partition: str
) -> None:
    stored = store_image(encode(photo((40, 30)), "PNG"), root, execution_id, LIMITS)
    assert stored.original_path == f"originals/{partition}/{execution_id}.png"
    assert stored.thumbnail_path == f"thumbnails/{partition}/{execution_id}.webp"
    assert (root / stored.original_path).is_file()


@pytest.mark.parametrize("execution_id", [0, -1, True, 1.0, "123", "../1"])
def test_execution_id_must_be_a_positive_int(root: Path, execution_id: object) -> None:
    with pytest.raises(ValueError, match="positive integer"):
        store_image(encode(photo((8, 8)), "PNG"), root, execution_id, LIMITS)  # type: ignore[arg-type]
    assert files(root) == []


def test_png_alpha_survives_in_thumbnail(root: Path) -> None:
    image = Image.new("RGBA", (400, 300), (200, 30, 30, 255))
    image.paste((0, 0, 0, 0), (0, 0, 200, 300))
    stored = store_image(encode(image, "PNG"), root, 7, LIMITS)

    assert (stored.format, stored.width, stored.height) == ("PNG", 400, 300)
    thumb = open_webp(root, stored.thumbnail_path)
    assert thumb.mode == "RGBA"
    assert thumb.size == (320, 240)
    assert thumb.getpixel((40, 120))[3] == 0
    assert close_to(thumb.getpixel((280, 120)), (200, 30, 30, 255))


def test_animated_gif_thumbnail_shows_first_frame(root: Path) -> None:
    frames = [Image.new("P", (64, 48), 0), Image.new("P", (64, 48), 1)]
    palette = [255, 0, 0, 0, 0, 255] + [0] * (256 * 3 - 6)
    for frame in frames:
        frame.putpalette(palette)
    data = encode(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=100)
    assert Image.open(io.BytesIO(data)).n_frames == 2

    stored = store_image(data, root, 5001, LIMITS)

    assert stored.format == "GIF"
    assert stored.original_path == "originals/000005/5001.gif"
    thumb = open_webp(root, stored.thumbnail_path)
    assert thumb.size == (64, 48)
    assert close_to(thumb.convert("RGB").getpixel((32, 24)), (255, 0, 0))


def test_one_pixel_image(root: Path) -> None:
    stored = store_image(encode(Image.new("RGB", (1, 1), (9, 99, 199)), "PNG"), root, 1, LIMITS)
    assert (stored.width, stored.height) == (1, 1)
    assert open_webp(root, stored.thumbnail_path).size == (1, 1)


def test_cmyk_jpeg_thumbnail_is_rgb(root: Path) -> None:
    data = encode(Image.new("CMYK", (640, 480), (255, 0, 0, 0)), "JPEG", quality=95)
    assert Image.open(io.BytesIO(data)).mode == "CMYK"

    stored = store_image(data, root, 2, LIMITS)

    thumb = open_webp(root, stored.thumbnail_path)
    assert thumb.mode == "RGB"
    assert close_to(thumb.getpixel((160, 120)), (0, 255, 255))
    assert digest(root / stored.original_path) == stored.sha256


def test_only_an_rgb_colour_profile_is_carried_to_the_thumbnail(root: Path) -> None:
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    assert srgb[16:20] == b"RGB "
    rgb = encode(Image.new("RGB", (64, 64), (10, 120, 240)), "JPEG", icc_profile=srgb)
    thumb = open_webp(root, store_image(rgb, root, 20, LIMITS).thumbnail_path)
    assert thumb.info.get("icc_profile") == srgb

    cmyk_profile = srgb[:16] + b"CMYK" + srgb[20:]  # a header naming CMYK is enough here
    cmyk = encode(Image.new("CMYK", (64, 64)), "JPEG", icc_profile=cmyk_profile)
    assert Image.open(io.BytesIO(cmyk)).info["icc_profile"] == cmyk_profile
    thumb = open_webp(root, store_image(cmyk, root, 21, LIMITS).thumbnail_path)
    assert not thumb.info.get("icc_profile")


def test_mpo_is_stored_as_jpeg_file(root: Path) -> None:
    frames = [photo((320, 240)), photo((320, 240), sigma=8)]
    data = encode(frames[0], "MPO", save_all=True, append_images=frames[1:])
    stored = store_image(data, root, 22, LIMITS)
    assert stored.format == "MPO"
    assert stored.original_path == "originals/000000/22.jpg"
    assert open_webp(root, stored.thumbnail_path).size == (320, 240)


def test_exif_orientation_rotates_thumbnail_only(root: Path) -> None:
    # Stored 200x100, left half red; orientation 6 shows it turned clockwise: red on top.
    image = Image.new("RGB", (200, 100), (0, 0, 255))
    image.paste((255, 0, 0), (0, 0, 100, 100))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    data = encode(image, "JPEG", quality=95, exif=exif)

    stored = store_image(data, root, 3, LIMITS)

    assert (stored.width, stored.height) == (200, 100)
    assert digest(root / stored.original_path) == hashlib.sha256(data).hexdigest()
    thumb = open_webp(root, stored.thumbnail_path)
    assert thumb.size == (100, 200)
    assert close_to(thumb.getpixel((50, 40)), (255, 0, 0), 30)
    assert close_to(thumb.getpixel((50, 160)), (0, 0, 255), 30)


def test_sixteen_bit_grey_is_scaled_not_clipped(root: Path) -> None:
    image = Image.new("I;16", (256, 16))
    for x in range(256):
        for y in range(16):
            image.putpixel((x, y), x * 257)
    data = encode(image, "PNG")
    assert Image.open(io.BytesIO(data)).mode.startswith("I")

    thumb = open_webp(root, store_image(data, root, 4, LIMITS).thumbnail_path)

    assert thumb.getpixel((4, 8))[0] < 30
    assert 100 < thumb.getpixel((128, 8))[0] < 156
    assert thumb.getpixel((252, 8))[0] > 225


def test_palette_png_with_transparency_keeps_it(root: Path) -> None:
    image = Image.new("P", (50, 50), 1)
    image.putpalette([0, 0, 0, 0, 200, 0] + [0] * (256 * 3 - 6))
    image.paste(0, (0, 0, 25, 50))
    data = encode(image, "PNG", transparency=0)

    thumb = open_webp(root, store_image(data, root, 8, LIMITS).thumbnail_path)

    assert thumb.mode == "RGBA"
    assert thumb.getpixel((5, 25))[3] == 0
    assert close_to(thumb.getpixel((45, 25)), (0, 200, 0, 255))


@pytest.mark.parametrize(
    ("fmt", "options", "extension"),
    [("WEBP", {"quality": 90}, "webp"), ("BMP", {}, "bmp"), ("TIFF", {}, "tif")],
)
def test_other_accepted_formats(
    root: Path, fmt: str, options: dict[str, object], extension: str
) -> None:
    data = encode(photo((800, 600)), fmt, **options)
    stored = store_image(data, root, 42, LIMITS)
    assert (stored.format, stored.width, stored.height) == (fmt, 800, 600)
    assert stored.original_path == f"originals/000000/42.{extension}"
    assert digest(root / stored.original_path) == stored.sha256
    assert open_webp(root, stored.thumbnail_path).size == (320, 240)


def test_display_variant_is_written_only_when_configured(root: Path, jpeg_1080p: bytes) -> None:
    limits = ImageLimits(display_size=1280)
    stored = store_image(jpeg_1080p, root, 9, limits)

    assert stored.display_path == "display/000000/9.webp"
    assert open_webp(root, stored.display_path).size == (1280, 720)
    assert open_webp(root, stored.thumbnail_path).size == (320, 180)

    small = store_image(encode(photo((640, 360)), "JPEG"), root, 10, limits)
    assert small.display_path is not None
    assert open_webp(root, small.display_path).size == (640, 360), "never enlarged"

    without = store_image(jpeg_1080p, root, 11, LIMITS)
    assert without.display_path is None
    assert not (root / "display/000000/11.webp").exists()


def test_restore_is_idempotent(root: Path, jpeg_1080p: bytes) -> None:
    limits = ImageLimits(display_size=1024)
    first = store_image(jpeg_1080p, root, 77, limits)
    before = {name: digest(root / name) for name in files(root)}

    second = store_image(jpeg_1080p, root, 77, limits)

    assert second == first
    assert {name: digest(root / name) for name in files(root)} == before
    assert len(before) == 3


@pytest.mark.parametrize("umask", [0o000, 0o077])
def test_file_and_directory_modes_ignore_umask(root: Path, umask: int) -> None:
    previous = os.umask(umask)
    try:
        stored = store_image(
            encode(photo((64, 64)), "PNG"), root, 1234, ImageLimits(display_size=64)
        )
    finally:
        os.umask(previous)
    for relative in (stored.original_path, stored.thumbnail_path, stored.display_path):
        assert relative is not None
        path = root / relative
        assert stat.S_IMODE(path.stat().st_mode) == 0o640
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o750
        assert stat.S_IMODE(path.parent.parent.stat().st_mode) == 0o750


# --- decode_base64 ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def png_bytes() -> bytes:
    """A small PNG whose base64 form needs padding (its length is not a multiple of 3)."""
    return next(
        data for width in range(30, 40) if len(data := encode(photo((width, 20)), "PNG")) % 3
    )


@pytest.mark.parametrize(
    "wrap",
    [
        pytest.param(lambda b: b, id="plain"),
        pytest.param(lambda b: f"data:image/png;base64,{b}", id="data-url"),
        pytest.param(lambda b: f"DATA:image/jpeg;name=x.jpg;BASE64,{b}", id="data-url-params"),
        pytest.param(lambda b: "\n".join(b[i : i + 76] for i in range(0, len(b), 76)), id="lines"),
        pytest.param(lambda b: f"  \t{b[:10]} \r\n {b[10:]}\n", id="whitespace"),
        pytest.param(lambda b: b.rstrip("="), id="no-padding"),
        pytest.param(lambda b: "data:image/png;base64,\n" + b.rstrip("=") + "\n", id="url-no-pad"),
    ],
)
def test_decode_base64_accepts(png_bytes: bytes, wrap: Callable[[str], str]) -> None:
    text = base64.b64encode(png_bytes).decode()
    assert text.endswith("="), "the sample must need padding"
    assert decode_base64(wrap(text)) == png_bytes


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty payload"),
        ("  \n ", "empty payload"),
        ("data:image/png;base64,", "empty payload"),
        ("====", "empty payload"),
        ("not base64!!", "not base64"),
        ("QUJD*REVG", "not base64"),
        ("QUJDR", "not base64"),
        ("QUJD\u00e9REVG", "not base64"),
        ("data:image/png,%89PNG", "not base64"),
    ],
)
def test_decode_base64_rejects(text: str, reason: str) -> None:
    with pytest.raises(InvalidImage) as caught:
        decode_base64(text)
    assert caught.value.reason.startswith(reason)


def test_claimed_mime_type_is_ignored(root: Path, png_bytes: bytes) -> None:
    payload = "data:image/jpeg;base64," + base64.b64encode(png_bytes).decode()
    stored = store_image(decode_base64(payload), root, 12, LIMITS)
    assert stored.format == "PNG"
    assert stored.original_path == "originals/000000/12.png"


# --- store_image: rejected payloads ----------------------------------------------------------


def png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_header_only(width: int, height: int) -> bytes:
    """A well-formed PNG whose header claims width x height, with almost no pixel data."""
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + png_chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + png_chunk(b"IEND", b"")
    )


def test_truncated_jpeg_is_invalid(root: Path, jpeg_1080p: bytes) -> None:
    with pytest.raises(InvalidImage, match=r"^corrupt JPEG: .*truncated"):
        store_image(jpeg_1080p[: len(jpeg_1080p) // 2], root, 1, LIMITS)
    assert files(root) == []


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        pytest.param(b"", "empty payload", id="empty"),
        pytest.param(os.urandom(4096), "unsupported format", id="random"),
        pytest.param(b"<html>not an image</html>", "unsupported format", id="text"),
        pytest.param(
            b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(64),
            "unsupported format",
            id="heic",
        ),
        pytest.param(b"\xff\xd8\xff\xe0\x00\x10JFIF", "corrupt JPEG", id="jpeg-header-only"),
        pytest.param(b"\x89PNG\r\n\x1a\n" + bytes(30), "corrupt PNG", id="png-bad-ihdr"),
    ],
)
def test_unusable_payloads_are_invalid(root: Path, data: bytes, reason: str) -> None:
    with pytest.raises(InvalidImage) as caught:
        store_image(data, root, 1, LIMITS)
    assert caught.value.reason.startswith(reason)
    assert files(root) == []


def test_formats_outside_the_list_are_invalid(root: Path) -> None:
    # Pillow itself reads these; store_image must not.
    for fmt in ("ICO", "PPM", "TGA"):
        data = encode(photo((32, 32)), fmt)
        Image.open(io.BytesIO(data)).load()
        with pytest.raises(InvalidImage, match=r"^unsupported format"):
            store_image(data, root, 1, LIMITS)
    assert files(root) == []


def test_png_with_bad_crc_is_invalid(root: Path) -> None:
    data = bytearray(encode(photo((64, 64)), "PNG"))
    data[-20] ^= 0xFF  # inside the last IDAT chunk
    with pytest.raises(InvalidImage, match=r"^corrupt PNG"):
        store_image(bytes(data), root, 1, LIMITS)


def test_max_bytes_is_enforced_before_decoding(root: Path, jpeg_1080p: bytes) -> None:
    limits = ImageLimits(max_bytes=len(jpeg_1080p) - 1)
    with pytest.raises(InvalidImage, match=r"^too large"):
        store_image(jpeg_1080p, root, 1, limits)
    with pytest.raises(InvalidImage, match=r"^too large"):
        store_image(b"\x00" * len(jpeg_1080p), root, 1, limits)
    assert store_image(jpeg_1080p, root, 1, ImageLimits(max_bytes=len(jpeg_1080p))).size_bytes


def test_max_pixels_comes_from_the_header(root: Path) -> None:
    data = encode(photo((100, 50)), "PNG")
    with pytest.raises(InvalidImage, match=r"^too many pixels: 100x50 > 4999"):
        store_image(data, root, 1, ImageLimits(max_pixels=4999))
    assert store_image(data, root, 1, ImageLimits(max_pixels=5000)).width == 100


def test_limits_are_validated() -> None:
    with pytest.raises(ValueError):
        ImageLimits(max_pixels=0)
    with pytest.raises(ValueError):
        ImageLimits(display_size=20000)


# Child process for the faults that need their own process: argv[1] is JSON with "root",
# "payload" (a file), "execution_id", "limits" and "fault". Prints one JSON line.
CHILD = textwrap.dedent(
    """
    import errno, json, os, resource, signal, sys
    from pathlib import Path
    from PIL import Image
    from sai_etl.runner.images import ImageLimits, InvalidImage, store_image

    args = json.loads(sys.argv[1])
    data = Path(args["payload"]).read_bytes()
    limits = ImageLimits(**args["limits"])
    control = None
    if args["fault"] == "memory":
        # Leave 100 MB of address space: any full-size decode of the payload must fail.
        with open("/proc/self/status") as status:
            vm = next(int(line.split()[1]) for line in status if line.startswith("VmSize:"))
        room = vm * 1024 + 100 * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (room, room))
        pillow_limit, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None
        try:  # the control: allocating the pixels, around every check, must fail
            Image.new("RGB", Image.open(args["payload"]).size)
            control = "allocated"
        except MemoryError:
            control = "MemoryError"
        Image.MAX_IMAGE_PIXELS = pillow_limit
    if args["fault"] == "crash":  # the process dies between fsync and rename
        os.replace = lambda *_: os._exit(3)
    if args["fault"] == "fsize":
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (args["fsize"], args["fsize"]))
    try:
        store_image(data, Path(args["root"]), args["execution_id"], limits)
        result = {"outcome": "stored"}
    except InvalidImage as exc:
        result = {"outcome": "InvalidImage", "reason": exc.reason}
    except OSError as exc:
        result = {"outcome": "OSError", "errno": errno.errorcode.get(exc.errno)}
    except MemoryError:
        result = {"outcome": "MemoryError"}
    result["control"] = control
    result["files"] = sorted(
        str(p.relative_to(args["root"])) for p in Path(args["root"]).rglob("*") if p.is_file()
    )
    print(json.dumps(result))
    """
)


def run_child(
    tmp_path: Path, root: Path, data: bytes, *, fault: str, readonly: bool = False, **extra: object
) -> dict[str, object]:
    payload = tmp_path / "payload.bin"
    payload.write_bytes(data)
    args = {"root": str(root), "payload": str(payload), "execution_id": 123456, "limits": {}}
    args |= {"fault": fault, **extra}
    command = [sys.executable, "-c", CHILD, json.dumps(args)]
    if readonly:
        # A private mount namespace where the image root is a read-only bind mount.
        command = [
            "unshare", "--mount", "--propagation", "private", "sh", "-c",
            'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"',
            str(root), *command,
        ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    if fault == "crash":
        assert done.returncode == 3, done.stderr
        return {}
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize(
    ("width", "height", "reason"),
    [
        (20000, 20000, "too many pixels (over Pillow's limit"),
        (8000, 6000, "too many pixels: 8000x6000 > 40000000"),
    ],
)
def test_decompression_bomb_is_refused_without_allocating(
    tmp_path: Path, root: Path, width: int, height: int, reason: str
) -> None:
    result = run_child(tmp_path, root, png_header_only(width, height), fault="memory")
    assert result["control"] == "MemoryError", "the child must not have room for the pixels"
    assert result["outcome"] == "InvalidImage"
    assert str(result["reason"]).startswith(reason)
    assert result["files"] == []


def test_read_only_root_raises_oserror_and_leaves_nothing(
    tmp_path: Path, root: Path, jpeg_1080p: bytes
) -> None:
    before = store_image(encode(photo((64, 64)), "PNG"), root, 123456, LIMITS)
    listing = {name: digest(root / name) for name in files(root)}
    if os.geteuid() == 0:
        result = run_child(tmp_path, root, jpeg_1080p, fault="none", readonly=True)
        assert result["errno"] == "EROFS"
    else:
        for path in (root, *root.rglob("*")):
            path.chmod(0o555)
        try:
            with pytest.raises(OSError) as caught:
                store_image(jpeg_1080p, root, 123456, LIMITS)
        finally:
            for path in (root, *root.rglob("*")):
                path.chmod(0o750)
        assert not isinstance(caught.value, InvalidImage)
        result = {"outcome": "OSError"}
    assert result["outcome"] == "OSError"
    assert {name: digest(root / name) for name in files(root)} == listing
    assert before.original_path in listing


def test_write_cut_short_leaves_no_partial_or_temp_file(
    tmp_path: Path, root: Path, jpeg_1080p: bytes
) -> None:
    result = run_child(tmp_path, root, jpeg_1080p, fault="fsize", fsize=64 * 1024)
    assert result == {"outcome": "OSError", "errno": "EFBIG", "control": None, "files": []}
    assert files(root) == []


def test_failed_rename_removes_the_temp_file(root: Path, jpeg_1080p: bytes) -> None:
    (root / "originals/000123/123456.jpg").mkdir(parents=True)
    with pytest.raises(IsADirectoryError):
        store_image(jpeg_1080p, root, 123456, LIMITS)
    assert os.listdir(root / "originals/000123") == ["123456.jpg"]
    assert files(root) == []


def test_missing_image_root_is_an_oserror(tmp_path: Path, jpeg_1080p: bytes) -> None:
    with pytest.raises(NotADirectoryError):
        store_image(jpeg_1080p, tmp_path / "not-mounted", 1, LIMITS)
    assert not (tmp_path / "not-mounted").exists()


def test_concurrent_stores_share_the_root(root: Path, jpeg_1080p: bytes) -> None:
    png = encode(photo((300, 200)), "PNG")
    jobs = [(jpeg_1080p, 500), (png, 501)] * 4
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda job: store_image(job[0], root, job[1], LIMITS), jobs))

    assert {r.sha256 for r in results[0::2]} == {hashlib.sha256(jpeg_1080p).hexdigest()}
    assert {r.original_path for r in results[1::2]} == {"originals/000000/501.png"}
    assert files(root) == [
        "originals/000000/500.jpg",
        "originals/000000/501.png",
        "thumbnails/000000/500.webp",
        "thumbnails/000000/501.webp",
    ]
    assert digest(root / "originals/000000/500.jpg") == results[0].sha256


# --- read_binary_file ------------------------------------------------------------------------


@pytest.fixture
def binary_root(tmp_path: Path) -> Path:
    """A writable copy of the n8n fixture's binaryData folder."""
    path = tmp_path / "binaryData"
    shutil.copytree(FIXTURE_BINARY_ROOT, path)
    for entry in (path, *path.rglob("*")):
        entry.chmod(0o755 if entry.is_dir() else 0o644)
    return path


def test_reads_n8n_fixture_file_and_stores_it(tmp_path: Path, root: Path) -> None:
    data = read_binary_file(FIXTURE_BINARY_ROOT, FIXTURE_FILE_ID, LIMITS)
    relative = FIXTURE_FILE_ID.removeprefix("filesystem-v2:")
    assert data == (FIXTURE_BINARY_ROOT / relative).read_bytes()
    assert read_binary_file(FIXTURE_BINARY_ROOT, relative, LIMITS) == data

    stored = store_image(data, root, 15, LIMITS)
    assert (stored.format, stored.width, stored.height) == ("JPEG", 1920, 1080)


@pytest.mark.parametrize(
    "relative",
    [
        "../outside.jpg",
        "workflows/../../outside.jpg",
        "filesystem-v2:../outside.jpg",
        "/etc/passwd",
        "filesystem-v2:/etc/passwd",
        "",
        "filesystem-v2:",
        "workflows/a\x00b",
    ],
)
def test_paths_escaping_the_root_are_refused(binary_root: Path, relative: str) -> None:
    (binary_root.parent / "outside.jpg").write_bytes(b"\xff\xd8\xff")
    with pytest.raises(InvalidImage, match="outside the root"):
        read_binary_file(binary_root, relative, LIMITS)


def test_symlink_out_of_the_root_is_refused(tmp_path: Path, binary_root: Path) -> None:
    secret = tmp_path / "secret.jpg"
    secret.write_bytes(b"\xff\xd8\xff secret")
    (binary_root / "workflows" / "link.jpg").symlink_to(secret)
    (binary_root / "escape").symlink_to(tmp_path)
    with pytest.raises(InvalidImage, match="outside the root"):
        read_binary_file(binary_root, "workflows/link.jpg", LIMITS)
    with pytest.raises(InvalidImage, match="outside the root"):
        read_binary_file(binary_root, "escape/secret.jpg", LIMITS)


def test_symlink_inside_the_root_is_followed(binary_root: Path) -> None:
    target = FIXTURE_FILE_ID.removeprefix("filesystem-v2:")
    (binary_root / "alias").symlink_to(binary_root / target)
    assert read_binary_file(binary_root, "alias", LIMITS) == (binary_root / target).read_bytes()


def test_missing_file_is_filenotfound(binary_root: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_binary_file(binary_root, "workflows/x/executions/1/binary_data/gone", LIMITS)


def test_missing_root_is_not_filenotfound(tmp_path: Path) -> None:
    with pytest.raises(NotADirectoryError):
        read_binary_file(tmp_path / "unmounted", "workflows/x", LIMITS)


def test_directory_and_oversized_file_are_invalid(binary_root: Path) -> None:
    with pytest.raises(InvalidImage, match="not a regular file"):
        read_binary_file(binary_root, "workflows", LIMITS)
    relative = FIXTURE_FILE_ID.removeprefix("filesystem-v2:")
    size = (binary_root / relative).stat().st_size
    with pytest.raises(InvalidImage, match=r"^too large"):
        read_binary_file(binary_root, relative, ImageLimits(max_bytes=size - 1))
    empty = binary_root / "empty"
    empty.touch()
    with pytest.raises(InvalidImage, match=r"^empty payload"):
        read_binary_file(binary_root, "empty", LIMITS)


# --- remove_orphan_temps ---------------------------------------------------------------------


def test_remove_orphan_temps_takes_only_old_temp_files(root: Path) -> None:
    stored = store_image(encode(photo((32, 32)), "PNG"), root, 3000, LIMITS)
    partition = root / "originals/000003"
    old = partition / ".3000.png.4242.0123456789abcdef.tmp"
    fresh = partition / ".3001.png.4242.fedcba9876543210.tmp"
    foreign = partition / "notes.tmp"
    for path in (old, fresh, foreign):
        path.write_bytes(b"partial")
    an_hour_ago = time.time() - 3600
    for path in (old, foreign):
        os.utime(path, (an_hour_ago, an_hour_ago))

    assert remove_orphan_temps(root, 600) == 1
    assert not old.exists()
    assert fresh.exists() and foreign.exists()
    assert (root / stored.original_path).exists()
    assert remove_orphan_temps(root, 0) == 1
    assert not fresh.exists()
    assert remove_orphan_temps(root / "missing", 0) == 0


def test_remove_orphan_temps_finds_what_a_crash_leaves(
    tmp_path: Path, root: Path, jpeg_1080p: bytes
) -> None:
    assert run_child(tmp_path, root, jpeg_1080p, fault="crash") == {}
    leftovers = files(root)
    assert len(leftovers) == 1
    assert leftovers[0].startswith("originals/000123/.123456.jpg.")

    assert remove_orphan_temps(root, 0) == 1
    assert files(root) == []


# --- check_writable --------------------------------------------------------------------------


def test_check_writable_leaves_nothing_and_refuses_what_cannot_take_a_file(
    tmp_path: Path, root: Path
) -> None:
    check_writable(root)
    assert files(root) == [] and list(root.iterdir()) == []
    with pytest.raises(NotADirectoryError):
        check_writable(root / "missing")
    small = tmp_path / "small"
    small.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(small)], check=True)
    try:
        with pytest.raises(OSError, match="No space left on device"):
            check_writable(small)  # the probe needs a megabyte
        assert list(small.iterdir()) == []  # the temp file went with the failure
    finally:
        subprocess.run(["umount", str(small)], check=True)
