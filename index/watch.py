"""Rebuild the index incrementally whenever the corpus changes (``inspection-qa build --watch``).

watchfiles reports changes in batches after a quiet spell (the debounce), so copying a
folder of reports in triggers one build, not one per file. Hidden files (an upload's
temporary name) are ignored, and so is anything that is not a document or a sidecar. A
server notices the committed version through its CURRENT poll, as after any build.
"""

import logging
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from watchfiles import Change, watch

from index.build import BuildReport, build_index
from index.errors import InspectionQAError
from index.ingest.loaders import READ_IN_PLACE, SUPPORTED_SUFFIXES, corpus_folders
from index.ingest.metadata import SIDECAR_SUFFIX
from index.settings import Settings

log = logging.getLogger(__name__)


def is_corpus_file(change: Change, path: str) -> bool:
    """A change the index cares about: a visible document, sidecar or list of folders read
    in place."""
    p = Path(path)
    if p.name.startswith("."):
        return False
    if p.name == READ_IN_PLACE or p.name.endswith(SIDECAR_SUFFIX):
        return True
    return p.suffix.lower() in SUPPORTED_SUFFIXES


def watch_and_build(
    corpus_dirs: Sequence[Path],
    index_dir: Path,
    settings: Settings,
    on_build: Callable[[BuildReport], None],
    on_error: Callable[[Exception], None],
    stop: threading.Event | None = None,
    max_builds: int | None = None,
) -> int:
    """Build now, then after every batch of corpus changes, until ``stop`` is set (or Ctrl-C)
    or ``max_builds`` builds have run; returns how many builds ran."""

    def build_once() -> None:
        try:
            on_build(build_index(corpus_dirs, index_dir, settings, progress=False))
        except InspectionQAError as exc:  # e.g. an empty corpus: wait for the next change
            on_error(exc)
        except OSError as exc:  # a file vanished mid-build: the next change brings a rebuild
            log.warning("build failed: %s", exc)
            on_error(exc)

    build_once()
    builds = 1
    # The archive folders a corpus reads in place are watched too (those listed when it began).
    read_in_place = [
        f.folder
        for corpus_dir in corpus_dirs
        for f in corpus_folders(corpus_dir, settings.ilacs_reports)[0]
        if f.folder != corpus_dir
    ]
    for changes in watch(
        *corpus_dirs,
        *read_in_place,
        watch_filter=is_corpus_file,
        debounce=settings.watch_debounce_ms,
        stop_event=stop,
        raise_interrupt=False,
    ):
        log.info("%d corpus change(s), rebuilding", len(changes))
        build_once()
        builds += 1
        if max_builds is not None and builds >= max_builds:
            break
    return builds
