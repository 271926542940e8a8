"""`rarelight registry import | export | stats` over the file store in the data folder."""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rarelight.cli import app

from .conftest import packet

runner = CliRunner()


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RARELIGHT_DATA_DIR", str(tmp_path / "data"))
    from rarelight import _cli_registry

    _cli_registry._store.cache_clear()
    yield tmp_path / "data"
    _cli_registry._store.cache_clear()


def _folder(tmp_path: Path, people: int) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(people):
        data = packet(
            id=f"case-{i}",
            subject={"id": f"Family {i} patient", "sex": "MALE" if i < 3 else "FEMALE"},
        )
        (folder / f"case-{i}.json").write_text(json.dumps(data))
    (folder / "broken.json").write_text('{"id": "x", "subject": {"sex": "BOY"}}')
    return folder


def test_import_export_stats(tmp_path: Path, data_dir: Path) -> None:
    folder = _folder(tmp_path, 9)
    report = tmp_path / "report.json"
    result = runner.invoke(app, ["registry", "import", str(folder), "--report", str(report)])
    assert result.exit_code == 0, result.output
    assert "9 imported, 1 skipped, 10 files" in result.stdout
    assert "broken.json $.subject.sex" in result.stdout
    body = json.loads(report.read_text())
    assert len(body["imported"]) == 9
    assert body["skipped"][0]["path"] == "$.subject.sex"

    again = runner.invoke(app, ["registry", "import", str(folder)])
    assert "0 imported, 10 skipped" in again.stdout
    assert "duplicate of case-0" in again.stdout

    out = tmp_path / "out.zip"
    result = runner.invoke(app, ["registry", "export", "--format", "phenopacket", str(out)])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out) as archive:
        assert len(archive.namelist()) == 9
    table = tmp_path / "out.csv"
    runner.invoke(app, ["registry", "export", "--format", "csv", str(table)])
    with table.open() as stream:
        assert len(list(csv.DictReader(stream))) == 9

    result = runner.invoke(app, ["registry", "stats", "--format", "json"])
    stats = json.loads(result.stdout)
    assert stats["individuals"] == "9"
    sex = {c["key"]: c["shown"] for c in stats["tables"][0]["categories"]}
    assert sex["male"] == "<5"
    assert stats["literature"]["people"] == 246
    text = runner.invoke(app, ["registry", "stats", "--disease", "OMIM:617284"])
    assert "people: 9" in text.stdout
    assert "<5" in text.stdout


def test_a_missing_path_exits_2_with_one_line(tmp_path: Path, data_dir: Path) -> None:
    result = runner.invoke(app, ["registry", "import", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "does not exist" in result.output
