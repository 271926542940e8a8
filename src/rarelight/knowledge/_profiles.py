"""Load curated profiles from YAML, collecting every problem (with its line) before failing."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from importlib import resources
from pathlib import Path

import yaml
from pydantic import ValidationError

from rarelight.errors import InputError, NotFound, Problem, ProblemsError
from rarelight.phenotype import Ontology

from ._schema import HPO_ID_PATTERN, DiseaseProfile, statement_paths

__all__ = ["bundled_profile_paths", "load_profile", "load_profiles"]

Where = Callable[[str], str]
_HPO_ID = re.compile(HPO_ID_PATTERN)


def bundled_profile_paths() -> list[Path]:
    """The hand-curated profiles shipped with Rarelight."""
    folder = resources.files("rarelight.knowledge") / "profiles"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".yaml"))


def load_profiles(paths: Iterable[Path], ontology: Ontology | None) -> list[DiseaseProfile]:
    """Load several profiles; fails once with the problems of all of them."""
    profiles: list[DiseaseProfile] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            profiles.append(load_profile(path, ontology))
        except ProblemsError as error:
            problems.extend(error.problems)
    if problems:
        raise ProblemsError("curated profiles did not load", problems)
    return profiles


def load_profile(path: Path, ontology: Ontology | None) -> DiseaseProfile:
    """Load and check one profile: schema, citations, and (given an ontology) every HPO id."""
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text)
        root = yaml.compose(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        at = f"{path.name}:{mark.line + 1}" if mark else path.name
        raise ProblemsError(
            f"{path.name} is not valid YAML",
            [Problem(at, str(error).splitlines()[0], "fix the YAML syntax")],
        ) from error
    if not isinstance(data, dict):
        raise ProblemsError(
            f"{path.name} did not load",
            [Problem(path.name, "the file must hold one mapping (a profile)")],
        )

    def where(location: str) -> str:
        line = _line_of(root, location)
        return f"{path.name}:{line} {location}" if line else f"{path.name} {location}"

    problems = _citation_problems(data, where) + _hpo_problems(data, ontology, where)
    try:
        profile = DiseaseProfile.model_validate(data)
    except ValidationError as error:
        problems = [*_schema_problems(error, where), *problems]
        raise ProblemsError(f"{path.name} did not load", problems) from None
    if problems:
        raise ProblemsError(f"{path.name} did not load", problems)
    return profile


def _schema_problems(error: ValidationError, where: Where) -> list[Problem]:
    problems = []
    for item in error.errors():
        location = _location(item["loc"])
        fix = (
            "add it"
            if item["type"] == "missing"
            else f"see the schema for {location or 'the profile'}"
        )
        problems.append(Problem(where(location), item["msg"], fix))
    return problems


def _citation_problems(data: dict[str, object], where: Where) -> list[Problem]:
    raw_sources = data.get("sources")
    defined = (
        {str(s.get("id")) for s in raw_sources if isinstance(s, dict)}
        if isinstance(raw_sources, list)
        else set()
    )
    cited: set[str] = set()
    problems = []
    for location, source_ids in statement_paths({k: v for k, v in data.items() if k != "sources"}):
        for source_id in source_ids:
            cited.add(source_id)
            if source_id not in defined:
                problems.append(
                    Problem(
                        where(f"{location}.sources"),
                        f"cites {source_id!r}, which is not in sources",
                        "add the source to `sources` or correct the id",
                    )
                )
    for source_id in sorted(defined - cited):
        problems.append(
            Problem(
                where("sources"), f"source {source_id!r} is never cited", "cite it or remove it"
            )
        )
    return problems


def _hpo_problems(
    data: dict[str, object], ontology: Ontology | None, where: Where
) -> list[Problem]:
    features = data.get("features")
    if ontology is None or not isinstance(features, list):
        return []
    problems = []
    for index, feature in enumerate(features):
        hpo_id = feature.get("hpo_id") if isinstance(feature, dict) else None
        if not isinstance(hpo_id, str) or not _HPO_ID.match(hpo_id):
            continue  # a malformed id is reported by the schema
        location = where(f"features[{index}].hpo_id")
        try:
            resolved = ontology.resolve(hpo_id)
        except (InputError, NotFound) as error:
            problems.append(Problem(location, str(error), "use a current HPO id"))
            continue
        if resolved.notice:
            problems.append(Problem(location, resolved.notice, f"use {resolved.term.id}"))
    return problems


def _location(loc: tuple[int | str, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _line_of(root: yaml.Node | None, location: str) -> int | None:
    """The 1-based line of a dotted/indexed location in the composed YAML, as deep as it exists."""
    node = root
    line = node.start_mark.line + 1 if node else None
    for part in location.replace("[", ".[").split("."):
        if not part or node is None:
            continue
        if part.startswith("[") and isinstance(node, yaml.SequenceNode):
            index = int(part[1:-1])
            node = node.value[index] if index < len(node.value) else None
        elif isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == part), None)
        else:
            node = None
        if node is not None:
            line = node.start_mark.line + 1
    return line
