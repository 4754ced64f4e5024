"""stage2.process: what the runner tells the queue for each kind of payload (real files, no DB)."""

from __future__ import annotations

import base64
import hashlib
import io
from pathlib import Path
from uuid import uuid4

import pytest
from PIL import Image

from sai_etl.runner.claims import Claim
from sai_etl.runner.image_work import ImageContext, process
from sai_etl.runner.images import ImageLimits


def _png(size: tuple[int, int] = (64, 48)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 80, 20)).save(buffer, "PNG")
    return buffer.getvalue()


def _claim(source: str | None, **payload: object) -> Claim:
    fields: dict[str, object] = {
        "image_base64": None,
        "image_path": None,
        "image_bytes": None,
        "image_mime_type": "image/jpeg",
        "image_file_name": "cam.jpg",
        "image_reason": None,
    }
    fields.update(payload)
    return Claim(
        queue_id=1, execution_id=4321, claim_token=uuid4(), attempt=1, image_source=source, **fields
    )  # type: ignore[arg-type]


@pytest.fixture
def context(tmp_path: Path) -> ImageContext:
    (tmp_path / "images").mkdir()
    (tmp_path / "n8n" / "binaryData" / "wf").mkdir(parents=True)
    return ImageContext(tmp_path / "images", tmp_path / "n8n", ImageLimits(display_size=32))


def test_no_image_completes_without_one(context: ImageContext) -> None:
    outcome = process(_claim(None), context)
    assert (outcome.action, outcome.image) == ("complete", None)


def test_unreadable_storage_mode_fails_with_the_reason(context: ImageContext) -> None:
    reason = "binary data id s3:bucket/key: mode s3 is not one sai-etl reads"
    outcome = process(_claim(None, image_reason=reason), context)
    assert (outcome.action, outcome.retry) == ("fail", False)
    assert outcome.error == f"image not readable: {reason}"


@pytest.mark.parametrize("source", ["binary", "body"])
def test_base64_image_is_stored_with_its_facts(context: ImageContext, source: str) -> None:
    data = _png()
    text = base64.b64encode(data).decode()
    if source == "body":
        text = "data:image/png;base64," + text
    outcome = process(_claim(source, image_base64=text), context)
    assert outcome.action == "complete"
    assert outcome.image == {
        "source": source,
        "claimed_mime_type": "image/jpeg",  # what n8n said; Pillow found PNG
        "file_name": "cam.jpg",
        "valid": True,
        "invalid_reason": None,
        "format": "PNG",
        "width": 64,
        "height": 48,
        "size_bytes": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
        "original_path": "originals/000004/4321.png",
        "thumbnail_path": "thumbnails/000004/4321.webp",
        "display_path": "display/000004/4321.webp",
    }
    assert (context.image_dir / "originals/000004/4321.png").read_bytes() == data


def test_database_bytes_are_stored(context: ImageContext) -> None:
    outcome = process(_claim("database", image_bytes=_png()), context)
    assert outcome.action == "complete" and outcome.image and outcome.image["valid"]


def test_database_file_gone_is_skipped(context: ImageContext) -> None:
    reason = "n8n binary_data has no file 9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d"
    outcome = process(_claim("database", image_bytes=None, image_reason=reason), context)
    assert (outcome.action, outcome.error) == ("skip", f"n8n binary data file missing: {reason}")


def test_filesystem_file_is_read_below_binary_data(context: ImageContext) -> None:
    assert context.n8n_binary_dir is not None
    (context.n8n_binary_dir / "binaryData" / "wf" / "f1").write_bytes(_png())
    outcome = process(_claim("filesystem", image_path="filesystem-v2:wf/f1"), context)
    assert outcome.action == "complete" and outcome.image and outcome.image["format"] == "PNG"


def test_not_an_image_completes_as_invalid_with_the_payload_facts(context: ImageContext) -> None:
    junk = bytes(range(256)) * 4
    outcome = process(_claim("body", image_base64=base64.b64encode(junk).decode()), context)
    assert outcome.action == "complete" and outcome.image is not None
    assert outcome.image["valid"] is False
    assert outcome.image["invalid_reason"] == "unsupported format"
    assert outcome.image["size_bytes"] == 1024
    assert outcome.image["sha256"] == hashlib.sha256(junk).hexdigest()
    assert "original_path" not in outcome.image
    assert not any(context.image_dir.rglob("*.*"))


def test_not_base64_completes_as_invalid_without_facts(context: ImageContext) -> None:
    outcome = process(_claim("binary", image_base64="@@@ not base64 @@@"), context)
    assert outcome.action == "complete" and outcome.image is not None
    assert outcome.image["valid"] is False
    assert outcome.image["invalid_reason"].startswith("not base64")
    assert outcome.image["size_bytes"] is None and outcome.image["sha256"] is None


def test_pruned_file_is_skipped(context: ImageContext) -> None:
    outcome = process(_claim("filesystem", image_path="filesystem-v2:wf/gone"), context)
    assert (outcome.action, outcome.error) == (
        "skip",
        "n8n binary data file missing: filesystem-v2:wf/gone",
    )


def test_missing_binary_root_is_a_systemic_fault(tmp_path: Path, context: ImageContext) -> None:
    unmounted = ImageContext(context.image_dir, tmp_path / "nowhere", context.limits)
    outcome = process(_claim("filesystem", image_path="wf/f1"), unmounted)
    assert (outcome.action, outcome.retry, outcome.source_down) == ("fail", True, True)
    assert outcome.error and "n8n folder unreadable" in outcome.error


def test_empty_binary_root_is_a_systemic_fault(tmp_path: Path, context: ImageContext) -> None:
    (tmp_path / "mountpoint" / "binaryData").mkdir(parents=True)  # a volume not mounted there
    empty = ImageContext(context.image_dir, tmp_path / "mountpoint", context.limits)
    outcome = process(_claim("filesystem", image_path="wf/f1"), empty)
    assert (outcome.action, outcome.source_down) == ("fail", True)
    assert outcome.error and "is empty: not mounted?" in outcome.error


def test_unconfigured_binary_root_is_retried(context: ImageContext) -> None:
    unset = ImageContext(context.image_dir, None, context.limits)
    outcome = process(_claim("filesystem", image_path="wf/f1"), unset)
    assert (outcome.action, outcome.retry) == ("fail", True)
    assert outcome.error == (
        "SAI_N8N_STORAGE_DIR and SAI_N8N_BINARY_DIR are not set: cannot read n8n's file"
    )


def test_unwritable_image_root_is_retried(tmp_path: Path, context: ImageContext) -> None:
    (tmp_path / "a-file").write_bytes(b"")
    broken = ImageContext(tmp_path / "a-file", context.n8n_binary_dir, context.limits)
    outcome = process(_claim("database", image_bytes=_png()), broken)
    assert (outcome.action, outcome.retry) == ("fail", True)
    assert outcome.error and outcome.error.startswith("writing images: NotADirectoryError")


def test_unknown_source_fails_without_retry(context: ImageContext) -> None:
    outcome = process(_claim("s3", image_base64="AAAA"), context)
    assert (outcome.action, outcome.retry, outcome.error) == (
        "fail",
        False,
        "unknown image source 's3'",
    )
