"""``complychk lint``: every authoring problem in a set of packs, not only the first.

Loading a pack stops at its first error, which is right for checking proposals and tedious for
writing conditions. Lint reads the same files with the same pieces (the manifest model, the
glossary, the Gherkin parser and the step vocabulary) but collects every problem it finds, each
located ``FILE:LINE:COL`` and named by a rule (``[unknown-step]``), sorted.

A lint run always analyses whole packs, because some rules need the whole pack (a term unused
in one file may be used in another; an ID must be unique across every pack in a pack directory),
and then reports the problems in the files asked about.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from complychk.authoring.lint_feature import (
    AnyTerm,
    FeatureLint,
    LintProblem,
    RecordingGlossary,
    lint_feature,
    lint_feature_text,
)
from complychk.conditions.glossary import Glossary, TermError, build_glossary
from complychk.conditions.manifest import Manifest, manifest_problem
from complychk.conditions.packs import (
    MANIFEST,
    available_packs,
    builtin_root,
    feature_files,
    load_pack,
)
from complychk.conditions.rules import duplicate_id, no_manifest, unused_term
from complychk.conditions.rules import glossary as glossary_rule
from complychk.conditions.rules import load as load_rule
from complychk.conditions.rules import manifest as manifest_rule
from complychk.conditions.vocabulary import Vocabulary
from complychk.errors import ConfigError, InputError
from complychk.proposal.document import FileKind
from complychk.proposal.loader import load_document, read_text


@dataclass(frozen=True)
class LintTarget:
    """A pack to lint, and which of its files to report on (None: all of it, manifest included)."""

    root: Path
    pack: str
    files: frozenset[str] | None = None


@dataclass(frozen=True)
class LooseFeature:
    """A feature file outside any ``features/<pack>/`` folder, linted on its own.

    Without a pack there is no manifest, so its glossary terms and Source keys cannot be
    checked; everything else is: Gherkin syntax, that each step reads as a phrase of the
    vocabulary, condition IDs (each scenario one, none twice in the file), severity tags,
    Source and Remedy lines, Examples.
    """

    path: Path


Target = LintTarget | LooseFeature

FEATURE_FILE = FileKind("feature file", "feature file", "start the file with 'Feature: <theme>'")


def display(path: Path) -> str:
    """A path as the user reads it: relative to the working directory if inside it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path.absolute()) if relative.startswith(os.pardir) else relative


def resolve_targets(paths: Sequence[str], pack_dir: Path | None = None) -> list[Target]:
    """Turn command-line paths into packs to lint; no paths means every pack in the pack dir.

    A path may be a feature file, a pack's feature folder (``features/<pack>``), a manifest
    (``rules/<pack>.yaml``), a pack directory holding ``rules/`` and ``features/``, or that
    directory's ``features/`` or ``rules/`` folder (every pack in it). A feature file outside
    a ``features/<pack>`` folder, or each one in a folder of them, is linted on its own.

    Raises:
        ConfigError: a path does not exist or is none of those.
    """
    if not paths:
        root = pack_dir or builtin_root()
        return [LintTarget(root, name) for name in available_packs(root)]
    targets: list[Target] = []
    for given in paths:
        targets.extend(_target(Path(given), given))
    return targets


def _target(path: Path, given: str) -> list[Target]:
    if not path.exists() and not path.is_symlink():  # a broken link is read, and named
        raise ConfigError(f"{given}: no such file or directory")
    if path.suffix == ".feature" and not path.is_dir():
        if path.parent.parent.name != "features":
            return [LooseFeature(path)]
        return [LintTarget(path.parent.parent.parent, path.parent.name, frozenset({display(path)}))]
    if path.is_file() and path.suffix in (".yaml", ".yml") and path.parent.name == "rules":
        return [LintTarget(path.parent.parent, path.stem)]
    if path.is_dir() and (path / "rules").is_dir():
        return [LintTarget(path, name) for name in available_packs(path)]
    if path.is_dir() and path.name in ("features", "rules") and (path.parent / "rules").is_dir():
        return [LintTarget(path.parent, name) for name in available_packs(path.parent)]
    if path.is_dir() and path.parent.name == "features":
        return [LintTarget(path.parent.parent, path.name)]
    loose = sorted(path.glob("*.feature")) if path.is_dir() else []
    if loose:
        return [LooseFeature(feature) for feature in loose]
    raise ConfigError(
        f"{given}: not a feature file, a pack's features folder, a pack manifest "
        "(rules/<pack>.yaml) or a pack directory"
    )


@dataclass
class _PackResult:
    problems: list[LintProblem] = field(default_factory=list)
    ids: list[tuple[str, str, int, int]] = field(default_factory=list)


def lint(targets: Iterable[Target], vocabulary: Vocabulary | None = None) -> list[LintProblem]:
    """Every problem in the targets' files, sorted; empty when they are clean.

    Raises:
        InputError: a feature file given on its own cannot be read (or is not a regular file).
    """
    vocabulary = vocabulary or Vocabulary()
    wanted: dict[tuple[Path, str], frozenset[str] | None] = {}
    problems: set[LintProblem] = set()
    for target in targets:
        if isinstance(target, LooseFeature):
            problems.update(_lint_loose(target.path, vocabulary))
            continue
        key = (target.root.resolve(), target.pack)
        if key in wanted:
            previous = wanted[key]
            wanted[key] = (
                None if previous is None or target.files is None else previous | target.files
            )
        else:
            wanted[key] = target.files
    for root in sorted({root for root, _ in wanted}):
        results = {name: _lint_pack(root, name, vocabulary) for name in _packs_in(root, wanted)}
        _duplicate_ids(results)
        for (other_root, name), files in wanted.items():
            if other_root == root:
                problems.update(_reported(results[name].problems, files))
    return sorted(problems)


def _lint_loose(path: Path, vocabulary: Vocabulary) -> list[LintProblem]:
    """One feature file outside a pack, against the vocabulary alone (see :class:`LooseFeature`)."""
    shown = display(path)
    text = read_text(path, shown, FEATURE_FILE)
    checked = lint_feature_text(text, shown, AnyTerm({}), None, vocabulary)
    results = {"": _PackResult(checked.problems, checked.ids)}
    _duplicate_ids(results)
    return results[""].problems


def _packs_in(root: Path, wanted: dict[tuple[Path, str], frozenset[str] | None]) -> list[str]:
    names = set(available_packs(root)) | {name for other, name in wanted if other == root}
    return sorted(names)


def _reported(problems: list[LintProblem], files: frozenset[str] | None) -> list[LintProblem]:
    return problems if files is None else [p for p in problems if p.file in files]


def _lint_pack(root: Path, name: str, vocabulary: Vocabulary) -> _PackResult:
    result = _PackResult()
    manifest_path = root / "rules" / f"{name}.yaml"
    features = feature_files(root, name)
    glossary: Glossary | None = None
    keys: Mapping[str, str] | None = None
    term_lines: dict[str, tuple[int, int]] = {}
    if manifest_path.is_file():
        glossary, keys, term_lines = _lint_manifest(manifest_path, result.problems)
    else:
        result.problems.append(LintProblem.of(no_manifest.problem(display(features[0]), name)))
    recording = RecordingGlossary(glossary.terms) if glossary is not None else None
    clean = True
    for path in features:
        checked: FeatureLint = lint_feature(path, display(path), recording, keys, vocabulary)
        result.problems.extend(checked.problems)
        result.ids.extend(checked.ids)
        clean = clean and checked.complete
    if recording is not None and glossary is not None and clean:
        unused = unused_term.check(glossary, recording.used, display(manifest_path), term_lines)
        result.problems.extend(LintProblem.of(problem) for problem in unused)
    repeated = len({use[0] for use in result.ids}) < len(result.ids)  # duplicate-id's to say
    if not result.problems and not repeated and manifest_path.is_file():
        result.problems.extend(_loads(root, name, vocabulary))
    return result


def _lint_manifest(
    path: Path, problems: list[LintProblem]
) -> tuple[Glossary | None, Mapping[str, str] | None, dict[str, tuple[int, int]]]:
    shown = display(path)
    try:
        document = load_document(path, MANIFEST)
    except InputError as error:
        problems.append(
            LintProblem(shown, error.line, error.column, error.problem, manifest_rule.ID)
        )
        return None, None, {}
    try:
        manifest = Manifest.model_validate(document.data)
    except ValidationError as error:
        for item in error.errors(include_url=False):
            where = document.locate(tuple(item["loc"]))
            dotted = ".".join(str(part) for part in item["loc"]) or "(top level)"
            problems.append(
                LintProblem(
                    shown,
                    where.line,
                    where.column,
                    f"{dotted}: {manifest_problem(item)}",
                    manifest_rule.ID,
                )
            )
        return None, None, {}
    lines = {}
    for term in manifest.terms:
        where = document.locate(("terms", term))
        lines[term] = (where.line, where.column)
    keys = {source.key: source.key for source in manifest.sources}
    keys.update((alias, source.key) for source in manifest.sources for alias in source.aliases)
    try:
        glossary = build_glossary(manifest.terms)
    except TermError as error:
        line, column = lines.get(error.term, (1, 1))
        problems.append(LintProblem(shown, line, column, str(error), glossary_rule.ID))
        return None, keys, lines
    return glossary, keys, lines


def _duplicate_ids(results: dict[str, _PackResult]) -> None:
    """Condition IDs are public and stable: one use per ID across every pack in the directory."""
    uses: dict[str, list[tuple[str, int, int, str]]] = {}
    for name, result in results.items():
        for condition_id, file, line, column in result.ids:
            uses.setdefault(condition_id, []).append((file, line, column, name))
    for condition_id, places in uses.items():
        found = duplicate_id.check(condition_id, [place[:3] for place in places])
        for (_, _, _, name), problem in zip(places, found, strict=False):
            results[name].problems.append(LintProblem.of(problem))


def _loads(root: Path, name: str, vocabulary: Vocabulary) -> list[LintProblem]:
    """The last word: a pack lint finds clean must also load, or lint has missed something."""
    try:
        load_pack(name, vocabulary, root)
    except InputError as error:
        return [LintProblem(error.file, error.line, error.column, error.problem, load_rule.ID)]
    except ConfigError as error:
        return [
            LintProblem(display(root / "rules" / f"{name}.yaml"), 1, 1, str(error), load_rule.ID)
        ]
    return []
