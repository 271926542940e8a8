from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from rarelight.errors import ProblemsError
from rarelight.knowledge import load_profile, load_profiles
from rarelight.phenotype import HpoRelease


def test_a_valid_profile_loads(data_path: Path, toy_release: HpoRelease) -> None:
    profile = load_profile(data_path / "profiles" / "toy-valid.yaml", toy_release.ontology)
    assert profile.id == "OMIM:100001"
    assert profile.all_ids == ("OMIM:100001", "ORPHA:900001")
    assert profile.citation_numbers() == {"toy-paper": 1, "toy-article": 2}
    assert profile.source("toy-paper").link == "https://pubmed.ncbi.nlm.nih.gov/12345678/"
    assert profile.source("toy-article").link is None


def test_every_problem_is_reported_at_once_with_its_line(
    data_path: Path, toy_release: HpoRelease
) -> None:
    with pytest.raises(ProblemsError) as caught:
        load_profile(data_path / "profiles" / "toy-broken.yaml", toy_release.ontology)
    problems = [str(p) for p in caught.value.problems]
    text = "\n".join(problems)

    def has(*fragments: str) -> bool:
        return any(all(f in p for f in fragments) for p in problems)

    assert has("features[0].hpo_id", "HP:9999999 is not in HPO release"), text
    assert has("features[1].hpo_id", "obsolete", "use HP:0000707"), text
    assert has("features[2].hpo_id", "alternative id of HP:0001332", "use HP:0001332"), text
    assert has("features[3].hpo_id", "should match pattern"), text
    assert has("overview.sources", "at least 1 item"), text
    assert has("counts[0].sources", "'no-such-source'", "not in sources"), text
    assert has("discovery.year", "valid integer"), text
    assert has("sources[1]", "needs a pmid, doi or url"), text
    assert has("'unlinked' is never cited"), text
    assert has("summary_table", "Field required", "fix: add it"), text
    # Locations carry the file name and line, e.g. "toy-broken.yaml:37 features[0].hpo_id".
    assert has("toy-broken.yaml:37 features[0].hpo_id"), text
    assert len(problems) >= 10


def test_problems_of_several_profiles_are_collected(
    tmp_path: Path, data_path: Path, toy_release: HpoRelease
) -> None:
    valid = yaml.safe_load((data_path / "profiles" / "toy-valid.yaml").read_text())
    for name, hpo_id in (("a.yaml", "HP:9999998"), ("b.yaml", "HP:9999997")):
        broken = dict(valid, features=[dict(valid["features"][0], hpo_id=hpo_id)])
        (tmp_path / name).write_text(yaml.safe_dump(broken))
    with pytest.raises(ProblemsError) as caught:
        load_profiles(sorted(tmp_path.glob("*.yaml")), toy_release.ontology)
    locations = [p.location for p in caught.value.problems]
    assert any(loc.startswith("a.yaml") for loc in locations)
    assert any(loc.startswith("b.yaml") for loc in locations)


def test_yaml_syntax_errors_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("id: OMIM:1\nnames: [unclosed\n")
    with pytest.raises(ProblemsError) as caught:
        load_profile(path, None)
    assert caught.value.problems[0].location.startswith("bad.yaml:")


def test_a_profile_must_be_a_mapping(tmp_path: Path) -> None:
    path = tmp_path / "list.yaml"
    path.write_text("- 1\n- 2\n")
    with pytest.raises(ProblemsError, match="one mapping"):
        load_profile(path, None)


def test_response_figures_must_be_consistent(
    tmp_path: Path, data_path: Path, toy_release: HpoRelease
) -> None:
    valid = yaml.safe_load((data_path / "profiles" / "toy-valid.yaml").read_text())
    treatment = dict(valid["treatments"][0], figure={"responders": 11, "treated": 10})
    (tmp_path / "p.yaml").write_text(yaml.safe_dump(dict(valid, treatments=[treatment])))
    with pytest.raises(ProblemsError, match="responders cannot exceed treated"):
        load_profile(tmp_path / "p.yaml", toy_release.ontology)
