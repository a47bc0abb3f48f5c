"""The configuration: every knob of a run and its default, in one place.

:class:`Config` groups the knobs of the embedding model, the sentence splitter, the
aligner (:class:`AlignParams`: sentence DP, unit linking, confidence mapping), the
divergence thresholds (:class:`DivergenceParams`), the links from related documents
(:class:`LinkParams`) and the choices of the TMX export (:class:`ExportParams`). The
command line builds its options from these fields (see :mod:`outline_corpus.cli_options`)
and every output's signature from :meth:`Config.signature`, so a default lives only
here, and two runs with equal signatures give equal results. This module imports
nothing heavy (the list of divergence kinds is read only to check kinds given)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields
from typing import Any

from outline_corpus.errors import ParameterError

#: The default embedding model (multilingual USE v3, offline).
DEFAULT_MODEL = "use-m3"


def knob(default: Any, help: str) -> Any:
    """A configuration field with its default and the one line the CLI shows for it."""
    return field(default=default, metadata={"help": help})


def _check_finite(obj: object) -> None:
    """Refuse a float knob that is NaN or infinite (JSON has no such number)."""
    for f in fields(obj):  # type: ignore[arg-type]
        value = getattr(obj, f.name) if f.init else None
        if isinstance(value, float) and not math.isfinite(value):
            raise ParameterError(f"{f.name.replace('_', ' ')} {value} must be a finite "
                                 "number")


def _check_cosines(obj: object, names: tuple[str, ...]) -> None:
    for name in names:
        value = getattr(obj, name)
        if not -1.0 <= value <= 1.0:  # also refuses NaN
            raise ParameterError(f"{name.replace('_', ' ')} {value} must be a cosine in "
                                 "[-1, 1]")


@dataclass(frozen=True)
class AlignParams:
    """Parameters of the aligner (all recorded in output signatures)."""

    max_side: int = knob(5, "Most sentences on one side of a bead (1-8).")
    max_total: int = knob(6, "Most sentences in a bead (2 to twice --max-side).")
    skip: float = knob(-0.3, "Score of each sentence left unaligned (negative).")
    threshold: float = knob(0.2, "Similarity (cosine less hubness, or the cosine when "
                                 "--neighbours is 0) below which a bead costs more than "
                                 "it gains.")
    length_weight: float = knob(0.3, "Weight of a bead's squared log length ratio.")
    merge_penalty: float = knob(0.12, "Cost of each sentence beyond 1:1 in a 1:n bead.")
    many_penalty: float = knob(0.2, "Cost of each sentence beyond 1:1 in an n:m bead "
                                    "(n, m >= 2).")
    neighbours: int = knob(4, "Nearest sentences of the other side whose mean cosine "
                              "is a window's hubness, subtracted (halved, both windows) "
                              "from a bead's cosine; 0: raw cosine.")
    lexical_weight: float = knob(0.0, "Weight of the dictionary similarity (cosine of "
                                      "CC-CEDICT gloss and English stem bags, 0-1) added "
                                      "to a bead's cosine; 0: the model alone.")
    second_model: str = knob("e5-small", "Model that aligns the uncertain regions again "
                                         "(see --second-weight): e5-small "
                                         "(multilingual-e5-small, offline) or a --model "
                                         "value.")
    second_weight: float = knob(0.3, "Share (0-1) of the second model's cosine, put on the "
                                     "main model's scale, in the similarity of beads in "
                                     "uncertain regions; 0: one model.")
    second_confidence: float = knob(0.5, "A two-sided bead below this confidence is "
                                         "uncertain: it and one bead either side are "
                                         "aligned again with the second model.")
    neighbourhood: int = knob(20, "Sentences either side of a window's expected position "
                                  "searched for its neighbours.")
    band: int = knob(12, "Half-width in sentences of the DP band around anchors.")
    full_cells: int = knob(250_000, "Largest DP (source x target sentences) run in full, "
                                    "without anchors.")
    unit_threshold: float = knob(0.45, "Cosine subtracted from a unit pair's score: pairs "
                                       "scoring below it (number bonus added) stay apart.")
    number_bonus: float = knob(0.15, "Added to a unit pair's cosine when their numbers "
                                     "agree.")
    front_threshold: float = knob(0.6, "Cosine at which a front-matter sentence is paired "
                                       "with one of the original's front matter, or a block "
                                       "linked to a unit it restates.")
    min_linked_share: float = knob(0.5, "Below this share of the original's sentences in "
                                        "linked units, a pair is aligned as one run.")
    confidence_floor: float = knob(0.1, "Bead cosine mapped to confidence 0.")
    confidence_ceiling: float = knob(0.7, "Bead cosine mapped to confidence 1.")
    bead_types: tuple[tuple[int, int], ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        _check_finite(self)
        if not 1 <= self.max_side <= 8 or not 2 <= self.max_total <= 2 * self.max_side:
            raise ParameterError(f"max side {self.max_side} must be 1..8 and max total "
                                 f"{self.max_total} 2..{2 * self.max_side}")
        if not self.skip < 0:
            raise ParameterError(f"skip score {self.skip} must be negative")
        if not 0 <= self.neighbours <= 50 or not 1 <= self.neighbourhood <= 100:
            raise ParameterError(f"neighbours {self.neighbours} must be 0..50 and "
                                 f"neighbourhood {self.neighbourhood} 1..100")
        if self.band < 2 or self.full_cells < 1:
            raise ParameterError(f"band {self.band} must be at least 2 and full cells "
                                 f"{self.full_cells} at least 1")
        _check_cosines(self, ("threshold", "unit_threshold", "front_threshold",
                              "confidence_floor", "confidence_ceiling"))
        for name in ("min_linked_share", "second_weight", "second_confidence"):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise ParameterError(f"{name.replace('_', ' ')} {getattr(self, name)} "
                                     "must be in [0, 1]")
        if not self.second_model.strip():
            raise ParameterError("second model must be named (turn it off with "
                                 "--second-weight 0)")
        if not self.confidence_floor < self.confidence_ceiling:
            raise ParameterError(f"confidence floor {self.confidence_floor} must be below "
                                 f"confidence ceiling {self.confidence_ceiling}")
        for name in ("length_weight", "merge_penalty", "many_penalty", "number_bonus",
                     "lexical_weight"):
            if not 0.0 <= getattr(self, name) <= 10.0:
                raise ParameterError(f"{name.replace('_', ' ')} {getattr(self, name)} "
                                     "must be in [0, 10]")
        types = [(1, 0), (0, 1)] + [(a, b) for a in range(1, self.max_side + 1)
                                    for b in range(1, self.max_side + 1)
                                    if a + b <= self.max_total]
        object.__setattr__(self, "bead_types", tuple(types))

    def signature(self) -> dict[str, Any]:
        return _values(self)

    def confidence(self, cos: float) -> float:
        """Bead confidence in [0, 1] from its cosine: 0 at or below the floor, 1 at or
        above the ceiling, linear between."""
        span = self.confidence_ceiling - self.confidence_floor
        return round(min(1.0, max(0.0, (cos - self.confidence_floor) / span)), 4)


@dataclass(frozen=True)
class DivergenceParams:
    """Thresholds of divergence detection (cosines are of the default model)."""

    min_clause_chars: int = knob(6, "Shortest omitted clause reported (characters).")
    min_added_chars: int = knob(30, "Shortest added clause run reported (characters).")
    added_clause_max_cos: float = knob(0.4, "A translated clause counts as added only if no "
                                            "window of 1-3 source clauses is this similar.")
    low_similarity: float = knob(0.4, "Cosine below which an aligned bead is flagged.")
    suspect_agreement: float = knob(0.8, "Cosine at which the translations' renderings "
                                         "agree, for a source_suspect.")
    suspect_z: float = knob(2.5, "Length-ratio deviation (standard deviations) every "
                                 "translation must show for a source_suspect.")
    suspect_min_chars: int = knob(20, "Shortest source sentence tested for source_suspect "
                                      "(characters).")
    clause_merge_penalty: float = knob(0.3, "Merge penalty of the clause alignment.")
    clause_many_penalty: float = knob(0.3, "n:m penalty of the clause alignment.")
    clause_threshold: float = knob(0.3, "Cosine below which a bead of the clause alignment "
                                        "costs more than it gains (raw cosines: a bead's "
                                        "clauses are too few to normalise by).")
    clause_max_side: int = knob(4, "Most clauses on one side of a clause bead (1-8).")
    redundant_gain: float = knob(0.02, "Cosine an end clause's removal must add to a bead "
                                       "for the clause to count as unrendered.")
    long_omission_chars: int = knob(30, "An omission at least this long (characters, "
                                        "punctuation aside) is of high severity.")
    word_rendered: float = knob(0.6, "Cosine at which a word counts as rendered by (or "
                                     "the source of) a span of the other side.")
    word_unrelated: float = knob(0.45, "Cosine at or below which a word is surely "
                                       "without counterpart.")
    word_echo: float = knob(0.75, "Cosine at which another translation's rendering of a "
                                 "word counts as said in this one too.")
    word_mark: float = knob(0.5, "Least score (confidence times weight, 0-1) of a word "
                                 "gap marked on the review page.")
    word_min_score: float = knob(0.7, "Least score (0-1) of a word gap of a translation "
                                      "reported as a record.")
    word_suspect_score: float = knob(0.45, "Least score (0-1) of wording all translations "
                                           "share without source, reported as a "
                                           "source_suspect.")
    skip_open_lists: bool = knob(False, "Do not report lists the Chinese leaves open "
                                        "with 等 that a translation gives closed.")
    skip_intensifiers: bool = knob(False, "Do not report intensifiers (进一步, 更加, 深入) "
                                          "that another translation renders and this one "
                                          "drops.")
    skip_official_names: bool = knob(False, "Do not report government bodies (国务院, "
                                            "市场监管总局) a translation names otherwise "
                                            "than by their English names.")
    names_file: str = knob("", "TOML file of more government bodies ([[body]] tables with "
                               "zh, en and also), checked beside the shipped list; a body "
                               "in it replaces a shipped one sharing a Chinese name.")
    #: The text of ``names_file``, read and checked once (``""``: none).
    names_text: str = field(default="", init=False, repr=False)

    def __post_init__(self) -> None:
        _check_finite(self)
        if self.names_file:  # read now: a bad file is refused before any work starts
            from outline_corpus.diverge.bodies import read_names_file

            object.__setattr__(self, "names_text", read_names_file(self.names_file))
        _check_cosines(self, ("added_clause_max_cos", "clause_threshold", "low_similarity",
                              "suspect_agreement", "word_rendered", "word_unrelated",
                              "word_echo"))
        if not (self.word_unrelated < self.word_rendered and 0 <= self.word_mark <= 1
                and 0 <= self.word_min_score <= 1 and 0 <= self.word_suspect_score <= 1):
            raise ParameterError("word unrelated must be below word rendered, and word mark, "
                                 "word min score and word suspect score in [0, 1]")
        if not self.suspect_z > 0 or self.min_clause_chars < 1 or self.min_added_chars < 1:
            raise ParameterError("suspect z must be positive and min clause chars and min "
                                 "added chars at least 1")
        for name in ("clause_merge_penalty", "clause_many_penalty", "redundant_gain"):
            if not 0.0 <= getattr(self, name) <= 10.0:
                raise ParameterError(f"{name.replace('_', ' ')} {getattr(self, name)} must "
                                     "be in [0, 10]")
        if not 1 <= self.clause_max_side <= 8 or self.long_omission_chars < 1:
            raise ParameterError(f"clause max side {self.clause_max_side} must be 1..8 and "
                                 f"long omission chars {self.long_omission_chars} at least 1")

    def signature(self) -> dict[str, Any]:
        """The knobs' values; of a names file, the digest of the text read (its path
        does not change a result; ``""``: none)."""
        values = _values(self)
        if self.names_file:
            from outline_corpus.diverge.bodies import digest

            values["names_file"] = digest(self.names_text)
        return values


@dataclass(frozen=True)
class LinkParams:
    """Links from the passages of related documents to the units of an original."""

    link_top: int = knob(3, "Units kept per related passage.")
    link_min_score: float = knob(0.35, "Cosine a passage needs to be linked to a unit.")

    def __post_init__(self) -> None:
        _check_finite(self)
        if self.link_top < 1:
            raise ParameterError(f"link top {self.link_top} must be at least 1")
        _check_cosines(self, ("link_min_score",))

    def signature(self) -> dict[str, Any]:
        return _values(self)


#: The thresholds a unit's most severe divergence record is compared with (``any`` is
#: ``low``: every record is of low severity at least; ``none``: no threshold).
SEVERITY_CHOICES = ("none", "any", "low", "medium", "high")


def _check_choice(obj: object, name: str, choices: tuple[str, ...]) -> None:
    value = getattr(obj, name)
    if value not in choices:
        raise ParameterError(f"{name.replace('_', ' ')} {value!r} must be one of "
                             f"{', '.join(choices)}")


@dataclass(frozen=True)
class ExportParams:
    """Which beads the TMX files hold and how they are written (the other formats carry
    every bead as the database has it)."""

    exclude_flagged: str = knob("none", "TMX: leave out units with a divergence record of "
                                        "at least this severity (low, medium, high; any: "
                                        "every record; none: keep them).")
    exclude_kinds: str = knob("none", "TMX: leave out units with a divergence record of "
                                      "these kinds (comma-separated, e.g. omission,addition; "
                                      "none: keep them).")
    min_score: float = knob(0.0, "TMX: leave out beads whose confidence is below this "
                                 "(0-1).")
    mark_flagged: str = knob("none", "TMX: move units with a record of at least this "
                                     "severity (low, medium, high, any) into "
                                     "TRANSLATION.flagged.penalty-N.tmx, whose matches "
                                     "OmegaT lowers by N%; none: keep them in TRANSLATION.tmx.")
    flagged_penalty: int = knob(30, "TMX: the N of the flagged file's name, the percentage "
                                    "OmegaT takes off its matches (1-100).")
    normalise_punctuation: bool = knob(False, "TMX: write , ( ) : ; ! ? inside Chinese "
                                              "segments as ，（）：；！？ (the database keeps "
                                              "the raw text).")

    def __post_init__(self) -> None:
        _check_finite(self)
        for name in ("exclude_flagged", "mark_flagged"):
            _check_choice(self, name, SEVERITY_CHOICES)
            if getattr(self, name) == "any":  # one spelling per result, in signatures too
                object.__setattr__(self, name, "low")
        if not 0.0 <= self.min_score <= 1.0:
            raise ParameterError(f"min score {self.min_score} must be in [0, 1]")
        if not 1 <= self.flagged_penalty <= 100:
            raise ParameterError(f"flagged penalty {self.flagged_penalty} must be 1..100")
        object.__setattr__(self, "exclude_kinds", _kind_list(self.exclude_kinds))

    @property
    def excluded_kinds(self) -> frozenset[str]:
        """The kinds of :attr:`exclude_kinds` (empty for ``none``)."""
        return frozenset() if self.exclude_kinds == "none" else frozenset(
            self.exclude_kinds.split(","))

    def signature(self) -> dict[str, Any]:
        return _values(self)


def _kind_list(text: str) -> str:
    """``text`` (``none`` or comma-separated divergence kinds) in one spelling: the kinds
    once each, in the order of :data:`~outline_corpus.diverge.records.KINDS`."""
    names = [k.strip() for k in text.split(",") if k.strip()]
    if not names or names == ["none"]:
        return "none"
    from outline_corpus.diverge.records import KINDS  # only for a list to check

    unknown = [k for k in names if k not in KINDS]
    if unknown:
        raise ParameterError(f"exclude kinds: unknown kind {unknown[0]!r} "
                             f"(kinds: {', '.join(KINDS)})")
    return ",".join(k for k in KINDS if k in names)


def _values(obj: object) -> dict[str, Any]:
    return {f.name: getattr(obj, f.name) for f in fields(obj)  # type: ignore[arg-type]
            if f.init}


@dataclass(frozen=True)
class Config:
    """Every knob of a run. ``model``: embedding model name or path; ``semicolon``: also
    end Chinese sentences at ；; ``outside_raw``: read manifest files outside the raw
    directory."""

    model: str = knob(DEFAULT_MODEL, "Embedding model: use-m3 (default, offline) or a "
                                     "sentence-transformers name or local path.")
    semicolon: bool = knob(False, "Also end Chinese sentences at ；.")
    outside_raw: bool = knob(False, "Read files the manifest names outside the raw "
                                    "directory (an absolute path, '..', a symbolic link "
                                    "out of it); refused otherwise.")
    align: AlignParams = field(default_factory=AlignParams)
    divergence: DivergenceParams = field(default_factory=DivergenceParams)
    links: LinkParams = field(default_factory=LinkParams)
    export: ExportParams = field(default_factory=ExportParams)

    def signature(self, *groups: str, model: str | None = None) -> dict[str, Any]:
        """The signature of an output made with the knobs of ``groups`` (names of the
        fields: ``align``, ``divergence``, ``links``, ``export``; ``semicolon`` is always
        in it, ``outside_raw`` when set); ``model`` is the loaded model's name (default:
        :attr:`model`)."""
        from outline_corpus.summary import signature

        params: dict[str, Any] = {"model": model or self.model, "semicolon": self.semicolon}
        if self.outside_raw:  # named only when set, so default signatures stay as they were
            params["outside_raw"] = True
        for group in groups:
            params.update(getattr(self, group).signature())
        return signature(**params)


#: The parameter groups of :class:`Config` and their classes.
GROUPS: dict[str, type[AlignParams] | type[DivergenceParams] | type[LinkParams]
             | type[ExportParams]] = {
    "align": AlignParams, "divergence": DivergenceParams, "links": LinkParams,
    "export": ExportParams}
