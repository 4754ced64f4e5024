"""Stage 2 image handling: verify a payload with Pillow, store it with its WebP derivatives.

Decoding runs entirely in memory and every decoder failure becomes InvalidImage (final for the
queue item); files are written only afterwards, so an OSError that escapes store_image or
read_binary_file always comes from the disk, and the runner may retry it.
"""

from __future__ import annotations

import base64
import contextlib
import errno
import io
import os
import re
import secrets
import stat
import struct
import threading
import time
import zlib
from dataclasses import dataclass
from hashlib import sha256
from pathlib import Path, PurePosixPath

from PIL import ExifTags, Image, UnidentifiedImageError

# Pillow format name -> extension of the stored original. MPO is a JPEG with extra frames.
_EXTENSIONS = {
    "JPEG": "jpg",
    "MPO": "jpg",
    "PNG": "png",
    "WEBP": "webp",
    "GIF": "gif",
    "BMP": "bmp",
    "TIFF": "tif",
}
# Only these decoders ever see a payload: Pillow's other plugins are never tried.
_FORMATS = ("JPEG", "PNG", "WEBP", "GIF", "BMP", "TIFF")
# Signatures of the accepted formats, to tell a broken header from a foreign format.
_SIGNATURES = (
    (b"\xff\xd8\xff", "JPEG"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"GIF8", "GIF"),
    (b"BM", "BMP"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
)
# What Pillow's decoders raise on malformed input (OSError included: decoding is in memory).
_DECODE_ERRORS = (
    OSError,
    SyntaxError,
    ValueError,
    TypeError,
    EOFError,
    IndexError,
    KeyError,
    struct.error,
    zlib.error,
)
_WEBP_MAX_SIDE = 16383
_WEBP_OPTIONS = {"quality": 80, "method": 4}
# EXIF orientation -> the transpose that shows the image upright (as ImageOps.exif_transpose).
_ORIENTATIONS = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
_FILE_MODE = 0o640
_DIR_MODE = 0o750
# Temp names are `.<final name>.<pid>.<16 hex>.tmp`; remove_orphan_temps matches only these.
_TEMP_NAME = re.compile(r"^\..+\.[0-9]+\.[0-9a-f]{16}\.tmp$")
_DATA_URL = re.compile(r"^data:([^,]*),", re.IGNORECASE)
# check_writable writes this much: room for a camera frame and its thumbnail.
_PROBE_BYTES = 1024 * 1024
# Temp files a failed write could not remove (the root turned read-only between write and
# rename): check_writable removes them once the root takes files again.
_stranded: set[Path] = set()
_stranded_lock = threading.Lock()


@dataclass(frozen=True)
class ImageLimits:
    """Bounds applied to every payload, and the sizes of the derived WebP files.

    max_pixels is checked per call from the header; Pillow's global MAX_IMAGE_PIXELS still
    applies on top of it (twice that value is a hard error inside Image.open).
    """

    max_bytes: int = 20 * 1024 * 1024
    max_pixels: int = 40_000_000
    thumbnail_size: int = 320
    display_size: int | None = None

    def __post_init__(self) -> None:
        for name in ("max_bytes", "max_pixels", "thumbnail_size"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive")
        for name in ("thumbnail_size", "display_size"):
            value = getattr(self, name)
            if value is not None and not 0 < value <= _WEBP_MAX_SIDE:
                raise ValueError(f"{name} must be between 1 and {_WEBP_MAX_SIDE}")


@dataclass(frozen=True)
class StoredImage:
    """What store_image wrote. width and height are the original's, as stored (not rotated)."""

    format: str
    width: int
    height: int
    size_bytes: int
    sha256: str
    original_path: str
    thumbnail_path: str
    display_path: str | None


class InvalidImage(Exception):
    """The payload is not a usable image. Final: the runner records .reason and moves on."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class _Rendered:
    format: str
    width: int
    height: int
    thumbnail: bytes
    display: bytes | None


def decode_base64(text: str) -> bytes:
    """Bytes of a base64 payload: plain or a `data:<mime>;base64,` URL, any whitespace, padding
    optional. The mime type of a data URL is ignored: Pillow decides the format later."""
    body = text.strip()
    match = _DATA_URL.match(body)
    if match:
        if not match.group(1).lower().endswith(";base64"):
            raise InvalidImage("not base64: data URL without ;base64")
        body = body[match.end() :]
    body = "".join(body.split()).rstrip("=")
    if not body:
        raise InvalidImage("empty payload")
    if len(body) % 4 == 1:
        raise InvalidImage("not base64: impossible length")
    try:
        return base64.b64decode(body + "=" * (-len(body) % 4), validate=True)
    except ValueError as exc:  # binascii.Error, or non-ASCII text
        raise InvalidImage(f"not base64: {_short(exc)}") from None


def read_binary_file(root: Path, relative: str, limits: ImageLimits) -> bytes:
    """Bytes of an n8n filesystem binary-data file.

    root is n8n's binary data storage folder (the `binaryData` folder); relative is the file id,
    with or without its `filesystem-v2:` prefix. A missing file raises FileNotFoundError (the
    source is gone); a missing root raises NotADirectoryError, so that a volume that is not
    mounted reads as a retryable fault instead of every source being gone.
    """
    path = relative.removeprefix("filesystem-v2:")
    parts = PurePosixPath(path)
    if not path or "\x00" in path or parts.is_absolute() or ".." in parts.parts:
        raise InvalidImage(f"binary-data path outside the root: {relative!r}")
    if not root.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "n8n binary data root is not a directory", root)
    base = root.resolve()
    target = base.joinpath(*parts.parts).resolve()
    if not target.is_relative_to(base):
        raise InvalidImage(f"binary-data path outside the root: {relative!r}")
    fd = os.open(target, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InvalidImage("binary-data path is not a regular file")
        _check_bytes(info.st_size, limits)
    except BaseException:
        os.close(fd)
        raise
    with os.fdopen(fd, "rb") as file:
        data = file.read(limits.max_bytes + 1)
    _check_bytes(len(data), limits)  # the file may have grown since fstat
    return data


def store_image(data: bytes, root: Path, execution_id: int, limits: ImageLimits) -> StoredImage:
    """Verify data, then write the original unchanged, its WebP thumbnail and, when
    limits.display_size is set, a WebP display variant, under root.

    Idempotent: the same data for the same execution writes identical files. If a later file
    fails, the earlier ones stay complete under their final names; a retry overwrites them.
    """
    if type(execution_id) is not int or execution_id <= 0:
        raise ValueError(f"execution_id must be a positive integer, got {execution_id!r}")
    _check_bytes(len(data), limits)
    rendered = _render(data, limits)
    partition = f"{execution_id // 1000:06d}"
    name = str(execution_id)
    original = f"originals/{partition}/{name}.{_EXTENSIONS[rendered.format]}"
    thumbnail = f"thumbnails/{partition}/{name}.webp"
    display = None
    _write_atomic(root, original, data)
    _write_atomic(root, thumbnail, rendered.thumbnail)
    if rendered.display is not None:
        display = f"display/{partition}/{name}.webp"
        _write_atomic(root, display, rendered.display)
    return StoredImage(
        format=rendered.format,
        width=rendered.width,
        height=rendered.height,
        size_bytes=len(data),
        sha256=sha256(data).hexdigest(),
        original_path=original,
        thumbnail_path=thumbnail,
        display_path=display,
    )


def remove_orphan_temps(root: Path, older_than_seconds: float) -> int:
    """Delete temp files that a crashed run left under root; returns how many.

    Only files older than older_than_seconds go: another runner may be writing right now.
    """
    if older_than_seconds < 0:
        raise ValueError("older_than_seconds must not be negative")
    cutoff = time.time() - older_than_seconds
    removed = 0
    for directory, _dirs, files in os.walk(root):
        for name in files:
            if not _TEMP_NAME.match(name):
                continue
            path = os.path.join(directory, name)
            with contextlib.suppress(FileNotFoundError):
                info = os.lstat(path)
                if stat.S_ISREG(info.st_mode) and info.st_mtime < cutoff:
                    os.unlink(path)
                    removed += 1
    return removed


def check_writable(root: Path) -> None:
    """Raise OSError unless root takes a file now: a temp file of _PROBE_BYTES is written,
    fsynced and removed. How the runner learns that a full or read-only image root recovered;
    a crash mid-probe leaves a temp file that remove_orphan_temps removes."""
    if not root.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "image root is not a directory", root)
    temp = root / f".probe.{os.getpid()}.{secrets.token_hex(8)}.tmp"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(bytes(_PROBE_BYTES))
            file.flush()
            os.fsync(file.fileno())
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)
    _remove_stranded()


def _remove_stranded() -> None:
    with _stranded_lock:
        for temp in list(_stranded):
            try:
                os.unlink(temp)
            except FileNotFoundError:
                pass
            except OSError:
                continue  # still refused: the next successful probe tries again
            _stranded.discard(temp)


def _check_bytes(size: int, limits: ImageLimits) -> None:
    if size == 0:
        raise InvalidImage("empty payload")
    if size > limits.max_bytes:
        raise InvalidImage(f"too large: {size} bytes > {limits.max_bytes}")


def _short(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) <= 160 else text[:157] + "..."


def _render(data: bytes, limits: ImageLimits) -> _Rendered:
    """Identify, bound and verify the payload, then encode its WebP derivatives, in memory."""
    try:
        with Image.open(io.BytesIO(data), formats=_FORMATS) as probe:
            fmt, (width, height) = str(probe.format), probe.size
            if width <= 0 or height <= 0:
                raise InvalidImage("zero-size image")
            if width * height > limits.max_pixels:
                raise InvalidImage(f"too many pixels: {width}x{height} > {limits.max_pixels}")
            probe.verify()
        with Image.open(io.BytesIO(data), formats=_FORMATS) as image:
            largest = max(limits.thumbnail_size, limits.display_size or 0)
            image.draft(None, _bounded_size(image.size, largest))  # JPEG: decode at 1/2..1/8
            orientation = _orientation(image)
            image.load()
            base = _transpose(_shrink(_webp_mode(image), largest), orientation)
            icc = _rgb_profile(image)
            display = _webp(base, icc) if limits.display_size is not None else None
            thumbnail = _webp(_shrink(base, limits.thumbnail_size), icc)
    except UnidentifiedImageError:
        raise InvalidImage(_unidentified_reason(data)) from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        limit = Image.MAX_IMAGE_PIXELS
        raise InvalidImage(f"too many pixels (over Pillow's limit of {limit})") from None
    except _DECODE_ERRORS as exc:
        raise InvalidImage(f"corrupt {_sniff(data) or 'image'}: {_short(exc)}") from None
    if fmt not in _EXTENSIONS:
        raise InvalidImage(f"unsupported format: {fmt}")
    return _Rendered(fmt, width, height, thumbnail, display)


def _sniff(data: bytes) -> str | None:
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    return next((fmt for magic, fmt in _SIGNATURES if data.startswith(magic)), None)


def _unidentified_reason(data: bytes) -> str:
    fmt = _sniff(data)
    return f"corrupt {fmt}: unreadable header" if fmt else "unsupported format"


def _orientation(image: Image.Image) -> int:
    # A broken EXIF block only loses the rotation hint; it does not make the image unusable.
    try:
        value = image.getexif().get(ExifTags.Base.Orientation, 1)
    except _DECODE_ERRORS:
        return 1
    return value if isinstance(value, int) else 1


def _transpose(image: Image.Image, orientation: int) -> Image.Image:
    method = _ORIENTATIONS.get(orientation)
    return image.transpose(method) if method is not None else image


def _bounded_size(size: tuple[int, int], longest: int) -> tuple[int, int]:
    width, height = size
    scale = min(1.0, longest / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def _shrink(image: Image.Image, longest: int) -> Image.Image:
    size = _bounded_size(image.size, longest)
    if size == image.size:
        return image
    return image.resize(size, Image.Resampling.LANCZOS, reducing_gap=2.0)


def _webp_mode(image: Image.Image) -> Image.Image:
    """The image in RGB, or RGBA when it has transparency: the modes WebP stores."""
    if image.mode in ("RGB", "RGBA"):
        return image
    if image.mode.startswith("I;16"):
        image = image.point(lambda v: v / 256).convert("L")
    elif image.mode in ("I", "F"):
        low, high = image.getextrema()
        scale = 255 / (high - low) if high > low else 0
        image = image.point(lambda v: v * scale + (-low * scale)).convert("L")
    return image.convert("RGBA" if image.has_transparency_data else "RGB")


def _rgb_profile(image: Image.Image) -> bytes | None:
    # Keep an RGB ICC profile (wide-gamut cameras); a CMYK or grey one would misdescribe the
    # converted pixels. Bytes 16..20 of an ICC header name its colour space.
    profile = image.info.get("icc_profile")
    if isinstance(profile, bytes) and profile[16:20] == b"RGB ":
        return profile
    return None


def _webp(image: Image.Image, icc_profile: bytes | None) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "WEBP", icc_profile=icc_profile, **_WEBP_OPTIONS)
    return buffer.getvalue()


def _fsync_directory(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _make_directories(root: Path, relative: PurePosixPath) -> Path:
    """root/relative, creating what is missing below root with mode 0750 whatever the umask.

    root itself must exist: an image volume that is not mounted must not fill the disk below it.
    """
    if not root.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "image root is not a directory", root)
    directory = root
    for part in relative.parts:
        parent, directory = directory, directory / part
        try:
            directory.mkdir(mode=_DIR_MODE)
        except FileExistsError:
            continue
        os.chmod(directory, _DIR_MODE)
        _fsync_directory(parent)
    return directory


def _write_atomic(root: Path, relative: str, payload: bytes) -> None:
    """Write payload to root/relative: temp file, fsync, rename over the final name, fsync the
    directory. A failure removes the temp file; the final name never holds a partial file."""
    path = PurePosixPath(relative)
    directory = _make_directories(root, path.parent)
    temp = directory / f".{path.name}.{os.getpid()}.{secrets.token_hex(8)}.tmp"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    try:
        with os.fdopen(fd, "wb") as file:
            os.fchmod(file.fileno(), _FILE_MODE)
            file.write(payload)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temp, directory / path.name)
    except BaseException:
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
        except OSError:
            with _stranded_lock:
                _stranded.add(temp)
        raise
    _fsync_directory(directory)
