"""Files on n8n's disk: binary data and (n8n 2.x) execution bundles, under the folders n8n uses.

n8n 2.x keeps both under its storage root (N8N_STORAGE_PATH, default ~/.n8n/storage):
`workflows/<wf>/executions/<id>/binary_data/<uuid>` and `.../execution_data/bundle.json`. n8n 1.x,
and 2.x installs upgraded from it, keep binary data under `<n8n folder>/binaryData/` with the same
relative paths. The runner looks in each configured root, storage root first.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass
from pathlib import Path

from sai_etl.runner.images import ImageLimits, read_binary_file

# A bundle holds the run as flatted text, inline images included: bounded like a payload, larger.
BUNDLE_MAX_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True)
class N8nFolders:
    storage_dir: Path | None  # SAI_N8N_STORAGE_DIR: n8n's storage root (2.x)
    binary_dir: Path | None  # SAI_N8N_BINARY_DIR: the folder that holds binaryData/ (1.x)

    def roots(self) -> list[Path]:
        roots = []
        if self.storage_dir is not None:
            roots.append(self.storage_dir)
        if self.binary_dir is not None:
            roots.append(self.binary_dir / "binaryData")
        return roots


def read_n8n_file(folders: N8nFolders, relative: str, limits: ImageLimits) -> bytes:
    """Bytes of the file n8n names by `relative` (a binary data id or a bundle path).

    FileNotFoundError when no configured root holds it and every one is there (n8n pruned it:
    the source is gone); NotADirectoryError when no root is configured, or when the file is in
    none of them and a configured root is not a directory (a volume not mounted: a retryable
    fault, not every source gone).
    """
    roots = folders.roots()
    if not roots:
        raise NotADirectoryError(
            errno.ENOTDIR, "neither SAI_N8N_STORAGE_DIR nor SAI_N8N_BINARY_DIR is set"
        )
    unmounted: Path | None = None
    for root in roots:
        # One root may be absent (a 1.x install never made 2.x's storage folder): the file
        # may still be in another.
        if not root.is_dir():
            unmounted = unmounted or root
            continue
        try:
            return read_binary_file(root, relative, limits)
        except FileNotFoundError:
            continue
    if unmounted is not None:
        raise NotADirectoryError(errno.ENOTDIR, "n8n's folder is not a directory", unmounted)
    raise FileNotFoundError(errno.ENOENT, "in none of n8n's folders", relative)


def read_bundle(folders: N8nFolders, relative: str, limits: ImageLimits) -> str:
    """The text of an execution's bundle.json (storedAt fs), from n8n's storage root only."""
    storage = N8nFolders(folders.storage_dir, None)
    if folders.storage_dir is None:
        raise NotADirectoryError(errno.ENOTDIR, "SAI_N8N_STORAGE_DIR is not set")
    bounded = ImageLimits(
        max_bytes=BUNDLE_MAX_BYTES,
        max_pixels=limits.max_pixels,
        thumbnail_size=limits.thumbnail_size,
        display_size=limits.display_size,
    )
    return read_n8n_file(storage, relative, bounded).decode("utf-8")
