"""Stage 2 image work for one claimed item: runs on a pool thread, touches no database.

The result says what the main loop must tell the queue: complete (with the image facts for
execution_images, or None when the execution carried no image), fail (retry or not), or skip.
"""

from __future__ import annotations

from dataclasses import dataclass
from hashlib import sha256
from pathlib import Path
from typing import Any, Literal

from sai_etl.runner.claims import Claim
from sai_etl.runner.images import ImageLimits, InvalidImage, decode_base64, store_image
from sai_etl.runner.n8n_files import N8nFolders, read_n8n_file
from sai_etl.runner.systemic import n8n_folders_problem

SOURCES = ("binary", "body", "filesystem", "database")


@dataclass(frozen=True)
class ImageContext:
    image_dir: Path
    n8n_binary_dir: Path | None  # the folder that holds n8n's binaryData/ (1.x)
    limits: ImageLimits
    n8n_storage_dir: Path | None = None  # n8n 2.x's storage root (N8N_STORAGE_PATH)

    @property
    def n8n_folders(self) -> N8nFolders:
        return N8nFolders(self.n8n_storage_dir, self.n8n_binary_dir)


@dataclass(frozen=True)
class Outcome:
    action: Literal["complete", "fail", "skip"]
    image: dict[str, Any] | None = None
    error: str | None = None  # fail: the error; skip: why the source is gone
    retry: bool = True
    storage: bool = False  # fail: the image root refused the files (full, read only, gone)
    source_down: bool = False  # fail: n8n's binary-data folder is gone, empty or unreadable


def _error(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


def _payload(claim: Claim, context: ImageContext) -> bytes:
    source = claim.image_source
    if source in ("binary", "body"):
        return decode_base64(claim.image_base64 or "")
    if source == "database":
        if claim.image_bytes is None:
            # The extraction found the binary_data row gone (n8n pruned it).
            raise FileNotFoundError(claim.image_reason or "n8n binary_data has no such file")
        return bytes(claim.image_bytes)
    # filesystem: 2.x's storage root, then 1.x's binaryData/ (the caller checked one is set)
    return read_n8n_file(context.n8n_folders, claim.image_path or "", context.limits)


def _image(claim: Claim, **facts: Any) -> dict[str, Any]:
    return {
        "source": claim.image_source,
        "claimed_mime_type": claim.image_mime_type,
        "file_name": claim.image_file_name,
        **facts,
    }


def _invalid(claim: Claim, reason: str, data: bytes | None) -> dict[str, Any]:
    # The payload's size and hash are known facts even when it is no image; without bytes
    # (not base64) they are not known.
    return _image(
        claim,
        valid=False,
        invalid_reason=reason,
        size_bytes=len(data) if data is not None else None,
        sha256=sha256(data).hexdigest() if data is not None else None,
    )


def process(claim: Claim, context: ImageContext) -> Outcome:
    """Store the claim's image (if any) and say how to acknowledge it."""
    if claim.image_source is None:
        if claim.image_reason is not None:
            # n8n recorded a frame sai-etl cannot read (another storage mode): say so, rather
            # than record an execution without image. `sai-etl retry` once it can be read.
            return Outcome("fail", error=f"image not readable: {claim.image_reason}", retry=False)
        return Outcome("complete")
    if claim.image_source not in SOURCES:
        return Outcome("fail", error=f"unknown image source {claim.image_source!r}", retry=False)
    if claim.image_source == "filesystem" and not context.n8n_folders.roots():
        return Outcome(
            "fail",
            error="SAI_N8N_STORAGE_DIR and SAI_N8N_BINARY_DIR are not set: cannot read n8n's file",
        )
    try:
        data = _payload(claim, context)
    except InvalidImage as exc:
        return Outcome("complete", image=_invalid(claim, exc.reason, None))
    except OSError as exc:
        # The folder itself gone, empty (a volume not mounted) or unreadable: no item's fault.
        problem = (
            n8n_folders_problem(context.n8n_folders) if claim.image_source == "filesystem" else None
        )
        if problem is not None:
            return Outcome("fail", error=problem, source_down=True)
        if isinstance(exc, FileNotFoundError):
            # n8n pruned the execution's binary data.
            where = claim.image_path if claim.image_source == "filesystem" else exc
            return Outcome("skip", error=f"n8n binary data file missing: {where}")
        return Outcome("fail", error=f"reading n8n binary data: {_error(exc)}")
    try:
        stored = store_image(data, context.image_dir, claim.execution_id, context.limits)
    except InvalidImage as exc:
        return Outcome("complete", image=_invalid(claim, exc.reason, data))
    except OSError as exc:
        return Outcome("fail", error=f"writing images: {_error(exc)}", storage=True)
    return Outcome(
        "complete",
        image=_image(
            claim,
            valid=True,
            invalid_reason=None,
            format=stored.format,
            width=stored.width,
            height=stored.height,
            size_bytes=stored.size_bytes,
            sha256=stored.sha256,
            original_path=stored.original_path,
            thumbnail_path=stored.thumbnail_path,
            display_path=stored.display_path,
        ),
    )
