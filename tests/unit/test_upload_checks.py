"""What an upload must be before it is stored, and which corpus changes wake the watcher."""

import pytest
from watchfiles import Change

from index.watch import is_corpus_file
from service.uploads import UploadRefused, check_content, plain_name, store_upload


@pytest.mark.parametrize(
    "name", ["../x.txt", "a/b.txt", "a\\b.txt", "..", ".env.txt", "x\x00.txt", "a..b.txt"]
)
def test_a_name_with_a_path_or_a_hidden_name_is_refused(name: str) -> None:
    with pytest.raises(UploadRefused) as refused:
        plain_name(name)
    assert refused.value.status == 422


@pytest.mark.parametrize("name", ["report.docx", "x.exe", "notes", "a.meta.json"])
def test_an_unsupported_type_is_a_415(name: str) -> None:
    with pytest.raises(UploadRefused) as refused:
        plain_name(name)
    assert refused.value.status == 415


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("a.pdf", b"<html><body><p>hi</p></body></html>"),
        ("a.txt", b"%PDF-1.7 a pdf renamed"),
        ("a.md", b"text with a \x00 byte"),
        ("a.txt", "caf\u00e9".encode("latin-1")),
        ("a.html", b"no tags here"),
    ],
)
def test_content_that_is_not_what_the_name_says_is_refused(name: str, data: bytes) -> None:
    with pytest.raises(UploadRefused) as refused:
        check_content(name, data)
    assert refused.value.status == 415


def test_good_files_pass_and_are_stored_with_their_sidecar(tmp_path) -> None:
    check_content("a.pdf", b"%PDF-1.4\n...")
    check_content("a.html", b"<!doctype html><p>Caf\xc3\xa9</p>")
    check_content("a.md", "# Café".encode())
    stored = store_upload(tmp_path, "a.md", b"# Hello", {"authority": "Calderdale"})
    assert stored.relative_path == "uploads/a.md" and stored.doc_id
    assert (tmp_path / "uploads" / "a.meta.json").read_text().count("Calderdale") == 1
    assert sorted(p.name for p in (tmp_path / "uploads").iterdir()) == ["a.md", "a.meta.json"]
    with pytest.raises(UploadRefused) as exists:
        store_upload(tmp_path, "a.md", b"# Again", {})
    assert exists.value.status == 409


@pytest.mark.parametrize(
    ("path", "wanted"),
    [
        ("/c/report.pdf", True),
        ("/c/sub/notes.MD", True),
        ("/c/report.meta.json", True),
        ("/c/.upload-abc123", False),
        ("/c/.report.txt", False),
        ("/c/picture.png", False),
    ],
)
def test_the_watcher_wakes_for_documents_and_sidecars_only(path: str, wanted: bool) -> None:
    assert is_corpus_file(Change.added, path) is wanted
