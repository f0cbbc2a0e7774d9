"""A YAML file that cannot be read at all is skipped in a folder scan; one read and refused is reported."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from asplan.checker import check_targets
from asplan.config import Config
from asplan.loading import LoadError, read_text
from asplan.plan_source import UsageError, discover
from helpers import MINIMAL


def _folder(tmp_path: Path) -> Path:
    (tmp_path / "acme.yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "ghost.yaml").symlink_to(tmp_path / "missing-target.yaml")  # dangling: cannot be read
    return tmp_path


def test_read_text_marks_unreadable_files(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    try:
        read_text(str(folder / "ghost.yaml"))
    except LoadError as exc:
        assert (exc.code, exc.unreadable) == ("ASP001", True)
        assert exc.message.startswith("cannot read file:")
    else:
        raise AssertionError("a dangling link was read")
    latin1 = folder / "latin1.yaml"
    latin1.write_bytes("asplan: 1\nname: Espa\xf1a\n".encode("latin-1"))
    try:
        read_text(str(latin1))
    except LoadError as exc:
        assert (exc.code, exc.unreadable) == ("ASP001", False)  # read, and refused: reported even in folders
    else:
        raise AssertionError("Latin-1 text was accepted as UTF-8")


def test_folder_scan_skips_it_but_reports_a_file_it_could_read(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    scanned = check_targets(discover([str(folder)]), Config(), date(2026, 11, 23))
    assert scanned.files == [str(folder / "acme.yaml")]
    assert [f.code for f in scanned.findings if f.file.endswith("ghost.yaml")] == []
    latin1 = folder / "latin1.yaml"
    latin1.write_bytes("asplan: 1\nname: Espa\xf1a\n".encode("latin-1"))
    rescanned = check_targets(discover([str(folder)]), Config(), date(2026, 11, 23))
    others = [(Path(f.file).name, f.code) for f in rescanned.findings if Path(f.file).name != "acme.yaml"]
    assert others == [("latin1.yaml", "ASP001")]
    try:
        discover([str(folder / "ghost.yaml")])
    except UsageError as exc:
        assert str(exc).endswith("ghost.yaml: no such file or folder")
    else:
        raise AssertionError("a dangling link named on the command line was accepted")
