"""The phrase lexicon of one language: HPO terms and assertion triggers as token tries.

A :class:`Lexicon` is compiled from two sources:

* the ontology (for languages whose rules say ``option ontology yes``): the label, exact
  synonyms and layperson synonyms of every current term under Phenotypic abnormality
  (HP:0000118), and
* the language's data files in ``xpid/extraction/data``: ``lexicon_<lang>.tsv`` (extra
  phrases, dropped phrases, skipped words, inflection variants) and ``triggers_<lang>.tsv``
  (negation, uncertainty, family and termination cues).

Adding a language means adding those two files and a :class:`~xpid.extraction.Language`
member; no code changes.

Filter for short and ambiguous strings (applied to every ontology phrase):

1. phrases of fewer than 3 letters or digits in total, and phrases made only of digits,
   are dropped (``"ID"``, ``"2"``);
2. phrases listed as ``drop`` in the rules file (common words that are also HPO
   synonyms, e.g. ``"all"``) are dropped;
3. ``abbreviation`` synonyms only match text written in capitals (``"ASD"`` but not
   ``"asd"``), and an abbreviation that stands for more than one term is dropped;
4. when one phrase names several terms, the label beats an exact synonym, which beats a
   layperson synonym, which beats a related or broad synonym, which beats a generated
   inflection; ties go to the deeper (more specific) term.

Besides labels, exact and layperson synonyms, the lexicon holds RELATED synonyms of two
or more words (or one word of 8+ letters), BROAD synonyms of three or more words, and
phrases inherited from a parent: a term labelled "<modifier> <parent label>" takes the
parent's exact and layperson synonyms behind its modifier ("bilateral undescended
testes" for *Bilateral cryptorchidism*).

Derived phrases (:mod:`xpid.extraction.wordings`): laboratory wordings in every direction
word of the language ("low IgG" for *Decreased circulating IgG concentration*; in Swedish
only for things written as symbols) and the clinical abbreviations of the ontology index
(like HPO's own, matched only in capitals).

Inflections: plurals are handled for every token by :func:`xpid.text.stem_token`;
``variant`` rules add derived forms of single-word phrases (``hypotonia`` → ``hypotonic``,
``microcephaly`` → ``microcephalic``, ``scoliosis`` → ``scoliotic``).
"""

from __future__ import annotations

import enum
import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from xpid.cache import default_cache_dir, load_or_build
from xpid.errors import DataError
from xpid.extraction.matcher import Trie, build_trie
from xpid.extraction.model import Language
from xpid.extraction.tokens import normalize_phrase
from xpid.extraction.wordings import abbreviation_phrases, measure_phrases
from xpid.ontology import PHENOTYPIC_ABNORMALITY, Ontology
from xpid.ontology.index import INDEX_FORMAT_VERSION
from xpid.ontology.wordings import wordings_digest

__all__ = [
    "LEXICON_FORMAT_VERSION",
    "TriggerKind",
    "Trigger",
    "LexiconRules",
    "Lexicon",
    "TermEntry",
    "parse_rules",
    "parse_triggers",
    "build_lexicon",
    "load_lexicon",
    "lexicon_cache_key",
]

LEXICON_FORMAT_VERSION = 9
"""Bump when the layout of :class:`Lexicon` or the way it is compiled changes."""

_DATA = "xpid.extraction"


class TriggerKind(enum.Enum):
    """Role of an assertion trigger (ConText categories)."""

    NEGATION_BEFORE = "neg_pre"
    NEGATION_AFTER = "neg_post"
    UNCERTAIN_BEFORE = "unc_pre"
    UNCERTAIN_AFTER = "unc_post"
    FAMILY_BEFORE = "fam_pre"
    FAMILY_AFTER = "fam_post"
    PSEUDO = "pseudo"
    TERMINATE = "term"


_DEFAULT_WINDOW = {
    TriggerKind.NEGATION_BEFORE: 6,
    TriggerKind.UNCERTAIN_BEFORE: 6,
    TriggerKind.FAMILY_BEFORE: 8,
    TriggerKind.NEGATION_AFTER: 4,
    TriggerKind.UNCERTAIN_AFTER: 4,
    TriggerKind.FAMILY_AFTER: 4,
    TriggerKind.PSEUDO: 0,
    TriggerKind.TERMINATE: 0,
}


@dataclass(frozen=True, slots=True)
class Trigger:
    """An assertion cue: its normalised phrase, role and scope in tokens."""

    phrase: str
    kind: TriggerKind
    window: int


class _Rank(enum.IntEnum):
    ADDED = 0
    LABEL = 1
    EXACT = 2
    LAYPERSON = 3
    RELATED = 4
    FORM = 5
    INHERITED = 6
    ORDER = 7
    SHORTENED = 8
    ABBREVIATION = 9


@dataclass(frozen=True, slots=True)
class TermEntry:
    """Payload of a term phrase: its term's lexicon slot and how it may match.

    ``requires_capitals``: an abbreviation, matched only when written in capitals.
    ``reordered``: a generated word order, shortening or inherited phrase, which may not
    span a comma, colon or bracket ("face, large ears" is not "large face") and is not
    distributed over a coordination.
    """

    slot: int
    requires_capitals: bool
    reordered: bool = False


@dataclass(frozen=True, slots=True)
class LexiconRules:
    """The contents of ``lexicon_<lang>.tsv``.

    Attributes
    ----------
    use_ontology
        Whether HPO labels and synonyms are part of the lexicon (English: yes).
    added
        ``(term id, phrase)`` pairs written by hand.
    dropped
        Normalised phrases never matched.
    skipped
        Normalised words ignored in text and phrases alike (articles).
    variants
        ``(old suffix, new suffix, scope)`` inflection rules; scope ``single`` applies to
        one-word ontology phrases, ``head`` to the last word of every ontology phrase (the
        normalised form of an irregular plural: "lens" → "lenses" → ``lense``), ``last`` to
        the last word of every added phrase.
    optional
        Normalised modifier words that a phrase of three or more words may lack in text
        ("severe muscular hypotonia" is also found as "severe hypotonia").
    same
        Pairs of normalised phrases that mean the same inside a finding
        ("nervous system" and "neurologic", "abnormality" and "anomaly").
    gaps
        Normalised words that an order-free match may not span ("and", "showed": "renal
        ultrasound showed enlarged ..." is not "enlarged kidney").
    conjunctions
        Normalised words that join coordinated findings ("and", "or"): "axial and
        appendicular hypotonia" names axial hypotonia too.
    """

    use_ontology: bool
    added: tuple[tuple[str, str], ...]
    dropped: frozenset[tuple[str, ...]]
    skipped: frozenset[str]
    variants: tuple[tuple[str, str, str], ...]
    optional: frozenset[str] = frozenset()
    same: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()
    gaps: frozenset[str] = frozenset()
    conjunctions: frozenset[str] = frozenset()


def _rows(lines: Iterable[str], source: str) -> Iterable[tuple[int, list[str]]]:
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        yield number, [cell.strip() for cell in line.split("\t")]


def parse_rules(lines: Iterable[str], *, source: str = "<rules>") -> LexiconRules:
    """Parse a ``lexicon_<lang>.tsv`` file.

    Rows (tab-separated; ``#`` starts a comment line)::

        option   ontology   yes|no
        add      HP:0002014 diarré
        drop     all
        skip     the
        optional global
        gap      showed
        conjunction and
        same     nervous system   neurologic
        variant  ia         ic        single|last|head

    Raises
    ------
    DataError
        On an unknown row kind or a row with the wrong number of cells (names file and line).
    """
    use_ontology = False
    added: list[tuple[str, str]] = []
    dropped: set[tuple[str, ...]] = set()
    skipped: set[str] = set()
    variants: list[tuple[str, str, str]] = []
    optional: set[str] = set()
    gaps: set[str] = set()
    conjunctions: set[str] = set()
    same: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    expected = {"same": 3, "option": 3, "add": 3, "drop": 2, "skip": 2, "variant": 4, "optional": 2}
    expected["gap"] = 2
    expected["conjunction"] = 2
    for number, cells in _rows(lines, source):
        kind = cells[0]
        if kind not in expected or len(cells) != expected[kind]:
            raise DataError(
                f"{source}:{number}: bad row {cells!r}; expected one of: option NAME VALUE, "
                "add HP:ID PHRASE, drop PHRASE, skip WORD, optional WORD, gap WORD, "
                "conjunction WORD, same PHRASE PHRASE, variant OLD NEW single|last|head."
            )
        if kind == "option":
            if cells[1] != "ontology" or cells[2] not in {"yes", "no"}:
                raise DataError(f"{source}:{number}: unknown option {cells[1:]!r}.")
            use_ontology = cells[2] == "yes"
        elif kind == "add":
            added.append((cells[1], cells[2]))
        elif kind == "drop":
            dropped.add(normalize_phrase(cells[1]))
        elif kind == "skip":
            skipped.update(normalize_phrase(cells[1]))
        elif kind == "same":
            same.append((normalize_phrase(cells[1]), normalize_phrase(cells[2])))
        elif kind == "conjunction":
            conjunctions.update(normalize_phrase(cells[1]))
        elif kind == "gap":
            gaps.update(normalize_phrase(cells[1]))
        elif kind == "optional":
            optional.update(normalize_phrase(cells[1]))
        else:
            if cells[3] not in {"single", "last", "head"}:
                raise DataError(f"{source}:{number}: variant scope must be single, last or head.")
            variants.append((cells[1], cells[2], cells[3]))
    return LexiconRules(
        use_ontology,
        tuple(added),
        frozenset(dropped),
        frozenset(skipped),
        tuple(variants),
        frozenset(optional),
        tuple(same),
        frozenset(gaps),
        frozenset(conjunctions),
    )


def parse_triggers(lines: Iterable[str], *, source: str = "<triggers>") -> tuple[Trigger, ...]:
    """Parse a ``triggers_<lang>.tsv`` file: ``PHRASE<TAB>KIND[<TAB>WINDOW]`` per row.

    ``KIND`` is one of the :class:`TriggerKind` values (``neg_pre``, ``neg_post``,
    ``unc_pre``, ``unc_post``, ``fam_pre``, ``fam_post``, ``pseudo``, ``term``);
    ``WINDOW`` is the scope in words (default 6 before, 4 after, 8 for family).

    Raises
    ------
    DataError
        On an unknown kind or a bad window (names file and line).
    """
    kinds = {k.value: k for k in TriggerKind}
    out: list[Trigger] = []
    for number, cells in _rows(lines, source):
        if len(cells) not in (2, 3) or cells[1] not in kinds:
            raise DataError(
                f"{source}:{number}: bad trigger row {cells!r}; expected PHRASE, KIND "
                f"({', '.join(kinds)}) and an optional WINDOW."
            )
        kind = kinds[cells[1]]
        try:
            window = int(cells[2]) if len(cells) == 3 else _DEFAULT_WINDOW[kind]
        except ValueError:
            raise DataError(f"{source}:{number}: window {cells[2]!r} is not a number.") from None
        phrase = " ".join(normalize_phrase(cells[0]))
        if phrase:
            out.append(Trigger(phrase, kind, window))
    return tuple(out)


@dataclass(frozen=True, slots=True, eq=False)
class Lexicon:
    """Compiled phrases of one language.

    Attributes
    ----------
    lang
        The language.
    hpo_release
        The HPO release the term phrases come from.
    key
        The cache key (ontology hash, format version, data-file hash).
    term_ids, term_labels
        Per lexicon slot: the HPO id and label.
    terms
        Token trie of term phrases; payloads are :class:`TermEntry`.
    triggers
        Token trie of trigger phrases; payloads are :class:`Trigger`.
    skipped
        Words dropped from text before matching.
    n_phrases
        Number of distinct term phrases.
    """

    lang: Language
    hpo_release: str
    key: str
    term_ids: tuple[str, ...]
    term_labels: tuple[str, ...]
    terms: Trie
    triggers: Trie
    skipped: frozenset[str]
    n_phrases: int
    bags: dict[str, tuple[tuple[frozenset[str], int, int], ...]] = field(default_factory=dict)
    gaps: frozenset[str] = frozenset()
    conjunctions: frozenset[str] = frozenset()


_BAG_RANKS = (_Rank.ADDED, _Rank.LABEL, _Rank.EXACT, _Rank.LAYPERSON, _Rank.FORM)


def _bags(
    best: dict[tuple[str, ...], tuple[_Rank, int, int]],
    slots: dict[int, int],
    abbreviations: dict[tuple[str, ...], set[int]],
) -> dict[str, tuple[tuple[frozenset[str], int, int], ...]]:
    """Word sets of the 2–4-word phrases, for order-free matching, keyed by their rarest word.

    A phrase whose words are all present close together in a sentence, in any order,
    names the term ("gait is unstable" for "unstable gait"). Each set is filed under its
    rarest word so that scanning a text looks at few candidates.
    """
    chosen: dict[frozenset[str], tuple[tuple[_Rank, int, int], int]] = {}
    for key, candidate in best.items():
        rank, _, index = candidate
        if rank not in _BAG_RANKS or not 2 <= len(key) <= 4 or len(set(key)) != len(key):
            continue
        if key in abbreviations or index not in slots:
            continue
        bag = frozenset(key)
        current = chosen.get(bag)
        if current is None or candidate < current[0]:
            chosen[bag] = (candidate, slots[index])
    frequency: dict[str, int] = {}
    for bag in chosen:
        for word in bag:
            frequency[word] = frequency.get(word, 0) + 1
    anchored: dict[str, list[tuple[frozenset[str], int, int]]] = {}
    for bag, (_, slot) in sorted(chosen.items(), key=lambda item: sorted(item[0])):
        anchor = min(bag, key=lambda w: (frequency[w], w))
        anchored.setdefault(anchor, []).append((bag, slot, len(bag)))
    return {word: tuple(items) for word, items in anchored.items()}


def _apply_suffix(word: str, old: str, new: str) -> str | None:
    if old and (not word.endswith(old) or len(word) < len(old) + 3):
        return None
    return word[: len(word) - len(old)] + new if old else word + new


def _ontology_phrases(ontology: Ontology) -> Iterable[tuple[int, str, _Rank]]:
    root = ontology.get_index(PHENOTYPIC_ABNORMALITY)
    if root is None:
        return
    branch = ontology.descendants(root)
    for index in (int(i) for i in branch):
        if index == root:
            continue
        yield index, ontology.labels[index], _Rank.LABEL
        start, stop = int(ontology.synonym_indptr[index]), int(ontology.synonym_indptr[index + 1])
        for k in range(start, stop):
            scope = int(ontology.synonym_scopes[k])
            kind = ontology.synonym_types[k]
            exact = scope == 0  # SynonymScope.EXACT is the first scope
            if kind == "abbreviation":
                if exact:
                    yield index, ontology.synonym_texts[k], _Rank.ABBREVIATION
            elif kind == "obsolete_synonym":
                continue
            elif exact:
                yield index, ontology.synonym_texts[k], _Rank.EXACT
            elif kind == "layperson":
                yield index, ontology.synonym_texts[k], _Rank.LAYPERSON
            elif scope == 1 and _specific(ontology.synonym_texts[k]):
                yield index, ontology.synonym_texts[k], _Rank.RELATED
            elif scope == 2 and len(normalize_phrase(ontology.synonym_texts[k])) >= 3:
                # A BROAD synonym of three or more words ("aortic root dilatation" for
                # Aortic root aneurysm) still names a site and a change; the term is
                # HPO's nearest concept for it. Ranked like RELATED: any label or exact
                # synonym of another term wins.
                yield index, ontology.synonym_texts[k], _Rank.RELATED


def _inherited(ontology: Ontology, rules: LexiconRules) -> Iterable[tuple[int, tuple[str, ...]]]:
    """Synonyms a term takes over from its parent, with its own modifier in front.

    A term labelled "<modifier> <parent label>" with a modifier of one or two words is also
    named by the modifier before any exact or layperson synonym of the parent: "Bilateral
    cryptorchidism" under "Cryptorchidism" (synonym "undescended testes") is also
    "bilateral undescended testes".
    """
    root = ontology.get_index(PHENOTYPIC_ABNORMALITY)
    if root is None:
        return
    keys: dict[int, tuple[str, ...]] = {}
    for index in (int(i) for i in ontology.descendants(root)):
        if index == root:
            continue
        label = keys.setdefault(index, _key(ontology.labels[index], rules))
        for parent in (int(p) for p in ontology.parents(index)):
            if parent == root:
                continue
            head = keys.setdefault(parent, _key(ontology.labels[parent], rules))
            extra = len(label) - len(head)
            if not head or not 1 <= extra <= 2 or label[extra:] != head:
                continue
            start = int(ontology.synonym_indptr[parent])
            stop = int(ontology.synonym_indptr[parent + 1])
            for k in range(start, stop):
                kind = ontology.synonym_types[k]
                if kind in ("abbreviation", "obsolete_synonym"):
                    continue
                if int(ontology.synonym_scopes[k]) == 0 or kind == "layperson":
                    yield index, (*label[:extra], *_key(ontology.synonym_texts[k], rules))


def _specific(text: str) -> bool:
    """Whether a RELATED synonym is specific enough to name its term in running text."""
    words = normalize_phrase(text)
    return len(words) >= 2 or (len(words) == 1 and len(words[0]) >= 8)


_PARENTHESIS = re.compile(r"\s*\([^)]*\)")


def _key(text: str, rules: LexiconRules) -> tuple[str, ...]:
    return tuple(w for w in normalize_phrase(text) if w not in rules.skipped)


def _substitutions(
    key: tuple[str, ...], same: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]
) -> Iterable[tuple[str, ...]]:
    """``key`` with one occurrence of an equivalent phrase swapped for its partner."""
    for left, right in same:
        for old, new in ((left, right), (right, left)):
            n = len(old)
            for k in range(len(key) - n + 1):
                if key[k : k + n] == old:
                    yield (*key[:k], *new, *key[k + n :])


def _variants(
    text: str, key: tuple[str, ...], rules: LexiconRules
) -> Iterable[tuple[tuple[str, ...], _Rank]]:
    """Generated forms of one ontology phrase, with their rank (see the module docstring)."""
    forms = [key]
    if "(" in text:
        forms.append(_key(_PARENTHESIS.sub("", text), rules))
    if text.count(",") == 1:
        head, tail = text.split(",")
        forms.append(_key(f"{tail} {head}", rules))
    if len(key) >= 3 and key[0] == "abnormal" and key[-1] == "morphology":
        forms.append(("abnormality", *key[1:-1]))  # "abnormal brain morphology"
    for old, new, scope in rules.variants:
        if scope == "single" and len(key) == 1 or scope == "head" and key:
            changed = _apply_suffix(key[-1], old, new)
            if changed:
                forms.append((*key[:-1], *_key(changed, rules)))
    forms.extend([s for form in forms for s in _substitutions(form, rules.same)])
    for form in forms[1:]:
        yield form, _Rank.FORM
    for form in forms:
        if 2 <= len(form) <= 4:
            yield (*form[1:], form[0]), _Rank.ORDER  # "thin corpus callosum" -> "... thin"
            yield (form[-1], *form[:-1]), _Rank.ORDER  # "vermis atrophy" -> "atrophy vermis"
        if len(form) >= 3:
            for k in range(len(form)):  # "severe muscular hypotonia" -> "severe hypotonia"
                if form[k] in rules.optional:
                    yield (*form[:k], *form[k + 1 :]), _Rank.SHORTENED


def _keep(key: tuple[str, ...], rules: LexiconRules) -> bool:
    letters = sum(len(w) for w in key)
    if letters < 3 or all(w.isdigit() for w in key):
        return False
    return key not in rules.dropped


def build_lexicon(
    ontology: Ontology,
    rules: LexiconRules,
    triggers: Iterable[Trigger],
    *,
    lang: Language,
    key: str = "",
) -> Lexicon:
    """Compile a :class:`Lexicon` from an ontology, language rules and triggers.

    Raises
    ------
    DataError
        If an ``add`` row names an id that is not a current phenotype term.
    """
    root = ontology.get_index(PHENOTYPIC_ABNORMALITY)
    best: dict[tuple[str, ...], tuple[_Rank, int, int]] = {}
    abbreviation_terms: dict[tuple[str, ...], set[int]] = {}

    def offer(phrase_key: tuple[str, ...], index: int, rank: _Rank) -> None:
        if rank is not _Rank.ADDED and not _keep(phrase_key, rules):
            return
        if not phrase_key:
            return
        candidate = (rank, -int(ontology.depth[index]), index)
        current = best.get(phrase_key)
        if current is None or candidate < current:
            best[phrase_key] = candidate

    for term_id, phrase in rules.added:
        index = ontology.get_index(term_id)
        if index is None or root is None or not ontology.is_ancestor(root, index):
            raise DataError(
                f"lexicon_{lang.value}.tsv: {term_id!r} ({phrase!r}) is not a current "
                "term under Phenotypic abnormality (HP:0000118)."
            )
        key_words = _key(phrase, rules)
        offer(key_words, index, _Rank.ADDED)
        for old, new, scope in rules.variants:
            if scope == "last" and key_words:
                changed = _apply_suffix(key_words[-1], old, new)
                if changed:
                    offer((*key_words[:-1], *_key(changed, rules)), index, _Rank.ADDED)

    if rules.use_ontology:
        for index, text, rank in _ontology_phrases(ontology):
            phrase_key = _key(text, rules)
            if rank is _Rank.ABBREVIATION:
                abbreviation_terms.setdefault(phrase_key, set()).add(index)
                offer(phrase_key, index, rank)
                continue
            offer(phrase_key, index, rank)
            for variant, variant_rank in _variants(text, phrase_key, rules):
                offer(variant, index, variant_rank)
        for index, phrase_key in _inherited(ontology, rules):
            offer(phrase_key, index, _Rank.INHERITED)
        for index, phrase_key in abbreviation_phrases(ontology, lambda t: _key(t, rules)):
            if root is not None and ontology.in_phenotype_branch(index):
                abbreviation_terms.setdefault(phrase_key, set()).add(index)
                offer(phrase_key, index, _Rank.ABBREVIATION)
    if root is not None:
        branch = (int(i) for i in ontology.descendants(root) if int(i) != root)
        for index, phrase_key in measure_phrases(
            ontology,
            branch,
            lang=lang.value,
            tokenize=lambda t: _key(t, rules),
            symbols_only=not rules.use_ontology,
        ):
            offer(phrase_key, index, _Rank.FORM)

    slots: dict[int, int] = {}
    entries: list[tuple[tuple[str, ...], TermEntry]] = []
    for phrase_key, (rank, _, index) in sorted(best.items()):
        if rank is _Rank.ABBREVIATION and len(abbreviation_terms.get(phrase_key, ())) > 1:
            continue
        slot = slots.setdefault(index, len(slots))
        entries.append(
            (
                phrase_key,
                TermEntry(
                    slot,
                    rank is _Rank.ABBREVIATION,
                    reordered=rank in (_Rank.INHERITED, _Rank.ORDER, _Rank.SHORTENED),
                ),
            )
        )
    bags = _bags(best, slots, abbreviation_terms)
    by_slot = sorted(slots, key=slots.__getitem__)
    trigger_trie = build_trie(
        (tuple(w for w in t.phrase.split() if w not in rules.skipped), t) for t in triggers
    )
    return Lexicon(
        lang=lang,
        hpo_release=ontology.release,
        key=key,
        term_ids=tuple(ontology.ids[i] for i in by_slot),
        term_labels=tuple(ontology.labels[i] for i in by_slot),
        terms=build_trie(entries),
        triggers=trigger_trie,
        skipped=rules.skipped,
        n_phrases=len(entries),
        bags=bags,
        gaps=rules.gaps,
        conjunctions=rules.conjunctions,
    )


def _data_text(name: str) -> str:
    resource = resources.files(_DATA).joinpath("data", name)
    try:
        return resource.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(f"the extraction data file {name!r} is missing.") from None


def lexicon_cache_key(ontology: Ontology, lang: Language) -> str:
    """Cache key: ontology hash, index and lexicon format versions, data-file hashes (the
    language's files and the word lists of :mod:`xpid.ontology.wordings`)."""
    digest = hashlib.sha256()
    for name in (f"lexicon_{lang.value}.tsv", f"triggers_{lang.value}.tsv"):
        digest.update(_data_text(name).encode())
    digest.update(wordings_digest().encode())
    # The language comes first: the cache file is named by the key's first characters.
    return (
        f"{lang.value}-{ontology.source_sha256}-i{INDEX_FORMAT_VERSION}"
        f"-l{LEXICON_FORMAT_VERSION}-{digest.hexdigest()[:16]}"
    )


def load_lexicon(
    ontology: Ontology,
    *,
    lang: Language = Language.en,
    cache_dir: Path | None = None,
    use_cache: bool = True,
    on_build: Callable[[], None] | None = None,
) -> Lexicon:
    """The lexicon of ``lang`` for ``ontology``, from the cache or compiled and cached.

    Parameters
    ----------
    ontology
        The compiled HPO.
    lang
        Which data files to use.
    cache_dir
        Cache directory; default :func:`xpid.cache.default_cache_dir`.
    use_cache
        ``False`` compiles without reading or writing the cache.
    on_build
        Called before a compile starts.

    Raises
    ------
    DataError
        If a data file is missing or malformed.
    """
    key = lexicon_cache_key(ontology, lang)

    def build() -> Lexicon:
        rules_name = f"lexicon_{lang.value}.tsv"
        triggers_name = f"triggers_{lang.value}.tsv"
        rules = parse_rules(_data_text(rules_name).splitlines(), source=rules_name)
        triggers = parse_triggers(_data_text(triggers_name).splitlines(), source=triggers_name)
        return build_lexicon(ontology, rules, triggers, lang=lang, key=key)

    directory = (default_cache_dir() if cache_dir is None else cache_dir) if use_cache else None
    return load_or_build(directory, "lexicon", key, build, Lexicon, on_build=on_build)
