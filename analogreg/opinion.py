"""The learned second opinion: a character n-gram model that reads a whole paragraph (項, with its items) and says
which of the eight categories it imposes, trained only on the project's hand-labelled paragraphs.

The rules stay the first reader: they explain every finding by its wording and drive the amendment templates.
The model only ADDS a category that no rule found in the paragraph, where its probability reaches the threshold of
``rules/opinion/opinion.yaml`` (and, for a category the card lists under ``needs``, where the paragraph's own text
holds one of its words); it never removes what a rule found. What it adds is reported in the finding's
``opinion`` field, has no matched wording, and goes to manual drafting (no template reads it).

Features are what the labels were made from: the 見出し, the paragraph's text and its items (each as
「一　text」 with its 細目 run on), as character 2–4-grams hashed into a fixed space (``hashed_counts``, numpy: no
vocabulary is stored, and scikit-learn is needed only to fit), weighted by a sublinear tf·idf and l2-normalised;
one logistic regression per category. The model is asked only about 本則 paragraphs whose text holds a word of
its gate (the words the labelled sets were drawn by) and that are no longer than the labelled ones were (6,000
characters).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, field_validator

from analogreg.categories import CATEGORIES, Category
from analogreg.model import Item, Paragraph
from analogreg.ruleset.yamlload import DataFileError, LoadProblem, load_yaml, validate

OPINION_DIR = "opinion"
CARD_FILE = "opinion.yaml"
WEIGHTS_FILE = "model.npz"
# Paragraphs longer than this were never labelled (technical standards with dozens of items): not asked.
MAX_CHARS = 6000


class OpinionExample(BaseModel):
    """A real paragraph and what the model must (or must not) add for it."""

    model_config = ConfigDict(extra="forbid")

    caption: str = ""
    text: str
    items: list[str] = Field(default_factory=list)
    adds: list[Category] = Field(default_factory=list, description="categories whose probability must pass")
    not_adds: list[Category] = Field(default_factory=list, description="categories whose probability must not")
    source: str = Field(description="where the text comes from (law and provision)")


class OpinionCard(BaseModel):
    """``rules/opinion/opinion.yaml``: what the model is, how sure it must be, where it is asked, its examples."""

    model_config = ConfigDict(extra="forbid")

    description: str
    threshold: float = Field(gt=0.0, lt=1.0)
    n_features: int = Field(gt=0)
    ngram_range: tuple[int, int]
    gate: str = Field(description="regex: the model is asked only about paragraphs where it matches")
    withheld: list[Category] = Field(
        default_factory=list,
        description="categories the model never adds: its additions of them on held-out sets were mostly wrong",
    )
    needs: dict[Category, str] = Field(
        default_factory=dict,
        description="category → regex: the model adds it only where the paragraph's own text or items (not its "
        "見出し) hold a match",
    )
    trained_on: str = Field(description="the labelled sets the weights were fitted on")
    examples: list[OpinionExample] = Field(min_length=1)

    @field_validator("n_features")
    @classmethod
    def _power_of_two(cls, value: int) -> int:
        if value & (value - 1):
            raise ValueError("n_features must be a power of two (the hash keeps its top bits)")
        return value

    @field_validator("gate")
    @classmethod
    def _is_regex(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"gate is not a regex: {exc}") from exc
        return value

    @field_validator("needs")
    @classmethod
    def _are_regexes(cls, value: dict[str, str]) -> dict[str, str]:
        for category, regex in value.items():
            try:
                re.compile(regex)
            except re.error as exc:
                raise ValueError(f"needs of {category} is not a regex: {exc}") from exc
        return value


@dataclass
class Opinion:
    """A loaded model: its card and its weights (idf, coefficients, intercepts)."""

    card: OpinionCard
    idf: np.ndarray  # (n_features,)
    coef: np.ndarray  # (categories, n_features), as fitted and stored
    intercept: np.ndarray  # (categories,)
    source: Path

    def __post_init__(self) -> None:
        self._gate = re.compile(self.card.gate)
        # (features, categories) in C order and float32 (16 MB a process): scipy's or numpy's product with a
        # transposed view would copy it on every call, which cost more than the rest of the model together.
        self._coef_t = np.ascontiguousarray(self.coef.T, dtype=np.float32)
        self.coef = self._coef_t.T  # the same numbers, no second copy
        self.idf = self.idf.astype(np.float32)
        self._withheld = frozenset(self.card.withheld)
        self._needs = {category: re.compile(regex) for category, regex in self.card.needs.items()}

    def asks(self, document: str) -> bool:
        """Whether the model is asked about this paragraph document at all."""
        return len(document) <= MAX_CHARS and self._gate.search(document) is not None

    def probabilities(self, documents: list[str]) -> np.ndarray:
        """(documents, categories) probabilities, categories in CATEGORIES order."""
        if not documents:
            return np.zeros((0, len(CATEGORIES)))
        row, col, count = hashed_ngrams(documents, self.card.n_features, self.card.ngram_range)
        # tf·idf as TfidfTransformer(sublinear_tf=True) computes it, l2-normalised per document, then the linear
        # scores; the (row, col) pairs come sorted by row, so each document's terms are one contiguous run.
        # np.take and the product in place: the same numbers as indexing and a new array, a third faster.
        weight = ((np.log(count) + 1.0) * np.take(self.idf, col)).astype(np.float32)
        norms = np.sqrt(np.bincount(row, weights=weight * weight, minlength=len(documents)))
        norms[norms == 0] = 1.0
        contributions = np.take(self._coef_t, col, axis=0)
        np.multiply(weight[:, None], contributions, out=contributions)
        scores = np.zeros((len(documents), len(CATEGORIES)))
        if len(row):
            starts = np.flatnonzero(np.r_[True, row[1:] != row[:-1]])
            scores[row[starts]] = np.add.reduceat(contributions, starts, axis=0)
        scores = scores / norms[:, None] + self.intercept
        return 1.0 / (1.0 + np.exp(-scores))

    def additions(self, documents: list[str], probs: np.ndarray | None = None) -> list[dict[str, float]]:
        """For each document: category → probability, for the categories at or over the threshold that the card
        does not withhold, and whose ``needs`` word (if any) the paragraph's text or items hold. ``probs``, when the
        caller has them already (``probabilities`` of the same documents), are not computed again."""
        if probs is None:
            probs = self.probabilities(documents)
        out: list[dict[str, float]] = []
        for document_text, row in zip(documents, probs, strict=True):
            added = {
                c: round(float(p), 3)
                for c, p in zip(CATEGORIES, row, strict=True)
                if p >= self.card.threshold and c not in self._withheld
            }
            out.append({c: p for c, p in added.items() if self.needs_met(c, document_text)})
        return out

    def needs_met(self, category: str, document_text: str) -> bool:
        """Whether the paragraph's text or items (not its 見出し) hold a word the card ``needs`` for the category."""
        pattern = self._needs.get(category)
        return pattern is None or pattern.search(_body(document_text)) is not None


def _body(document_text: str) -> str:
    """A paragraph document without its 見出し (see :func:`document`)."""
    return document_text.partition("｜")[2]


# Multipliers of the n-gram hash (odd 64-bit constants): a polynomial over the code points, then a multiplicative
# mix whose top bits pick the feature. numpy wraps uint64 arithmetic, which is what a hash wants.
_POLY = np.uint64(0x100000001B3)
_MIX = np.uint64(0x9E3779B97F4A7C15)


def hashed_ngrams(
    documents: list[str], n_features: int, ngram_range: tuple[int, int]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every character n-gram (n in ``ngram_range``) of each document, hashed to a feature: (document, feature,
    count) triples, unique and sorted by document then feature.

    Vectorised over the whole batch: the documents' code points in one array, the hash of the n-gram at each
    position built from shifted views, n-grams that would cross from one document into the next dropped. The same
    function feeds training and use, so the two cannot drift apart. ``n_features`` must be a power of two.
    """
    lengths = np.fromiter((len(d) for d in documents), dtype=np.int64, count=len(documents))
    points = np.frombuffer("".join(documents).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    owner = np.repeat(np.arange(len(documents), dtype=np.int64), lengths)
    bits = int(n_features).bit_length() - 1  # a key is (document << bits) | feature
    shift = np.uint64(64 - bits)
    # The keys' sort is most of this function's time: where they fit in 32 bits (a scan asks about one law's
    # paragraphs at a time, far fewer than 2**32 >> bits), this function takes 25–35% less with them sorted as uint32.
    key_type = np.uint32 if len(documents) << bits <= 1 << 32 else np.int64
    keys: list[np.ndarray] = []
    low, high = ngram_range
    for n in range(low, high + 1):
        count = len(points) - n + 1
        if count <= 0:
            continue
        h = np.full(count, np.uint64(n), dtype=np.uint64)
        for k in range(n):
            h *= _POLY
            h += points[k : k + count]
        inside = owner[:count] == owner[n - 1 : n - 1 + count]
        feature = ((h[inside] * _MIX) >> shift).astype(np.int64)
        keys.append(((owner[:count][inside] << bits) | feature).astype(key_type, copy=False))
    if not keys:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty.astype(np.float64)
    # np.unique(..., return_counts=True), without its copies: sort in place, count each run of equal keys.
    ordered = np.concatenate(keys)
    ordered.sort()
    first = np.empty(len(ordered), dtype=bool)
    first[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    starts = np.flatnonzero(first)
    unique = ordered[starts].astype(np.int64, copy=False)
    counts = np.diff(np.append(starts, len(ordered)))
    return unique >> bits, unique & (n_features - 1), counts.astype(np.float64)


def hashed_counts(documents: list[str], n_features: int, ngram_range: tuple[int, int]):
    """The same n-grams as a (documents, n_features) scipy CSR matrix of counts, for fitting."""
    from scipy import sparse

    row, col, count = hashed_ngrams(documents, n_features, ngram_range)
    return sparse.csr_matrix((count, (row, col)), shape=(len(documents), n_features))


def document(caption: str, text: str, items: list[str]) -> str:
    """The text the model reads for one paragraph: 見出し｜柱書｜items joined by ｜ (as it was trained)."""
    return caption + "｜" + text + "｜" + "｜".join(items)


def item_strings(items: list[Item]) -> list[str]:
    """A paragraph's items as the labelled records hold them: 「一　text」 with the 細目 texts run on after a space."""
    out: list[str] = []
    for item in items:
        parts = [item.text, *_subitem_texts(item.children)]
        out.append(f"{item.title}\u3000" + " ".join(p for p in parts if p))
    return out


def _subitem_texts(children: list[Item]) -> list[str]:
    texts: list[str] = []
    for child in children:
        texts.append(child.text)
        texts.extend(_subitem_texts(child.children))
    return texts


def paragraph_document(caption: str, paragraph: Paragraph) -> str:
    return document(caption, paragraph.text, item_strings(paragraph.items))


def _read_card(card_path: Path) -> tuple[OpinionCard | None, list[LoadProblem]]:
    data, problems = load_yaml(card_path)
    if problems:
        return None, problems
    model, problems = validate(OpinionCard, data, card_path)
    return (model if isinstance(model, OpinionCard) else None), problems


def load_card(rules_dir: Path) -> OpinionCard:
    """The card of ``rules_dir/opinion`` alone (for fitting new weights); DataFileError when it is bad."""
    card, problems = _read_card(rules_dir / OPINION_DIR / CARD_FILE)
    if problems or card is None:
        raise DataFileError(problems)
    return card


def load_opinion(rules_dir: Path) -> Opinion | None:
    """The model of ``rules_dir/opinion`` (None when the folder has none); DataFileError listing every problem of
    the card and the weights."""
    folder = rules_dir / OPINION_DIR
    card_path = folder / CARD_FILE
    if not card_path.is_file():
        return None
    card, problems = _read_card(card_path)
    weights_path = folder / WEIGHTS_FILE
    arrays: dict[str, np.ndarray] = {}
    try:
        with np.load(weights_path) as npz:
            arrays = {k: npz[k] for k in ("idf", "coef", "intercept")}
    except (OSError, KeyError, ValueError) as exc:
        problems.append(LoadProblem(str(weights_path), None, f"cannot read the model weights: {exc}"))
    if card is not None and arrays:
        expected = (len(CATEGORIES), card.n_features)
        if arrays["coef"].shape != expected or arrays["idf"].shape != (card.n_features,):
            problems.append(
                LoadProblem(str(weights_path), None, f"weights shaped {arrays['coef'].shape}, the card says {expected}")
            )
    if problems or card is None:
        raise DataFileError(problems)
    return Opinion(
        card=card,
        idf=arrays["idf"],
        coef=arrays["coef"],
        intercept=arrays["intercept"].astype(np.float64),
        source=folder,
    )


def example_failures(opinion: Opinion) -> list[str]:
    """Every card example the model gets wrong, one line each (``rules check`` and a test run them)."""
    docs = [document(e.caption, e.text, e.items) for e in opinion.card.examples]
    probs = opinion.probabilities(docs)
    additions = opinion.additions(docs, probs)
    failures: list[str] = []
    for example, doc, row, added in zip(opinion.card.examples, docs, probs, additions, strict=True):
        by_category = dict(zip(CATEGORIES, row, strict=True))
        for cat in example.adds:
            if cat in opinion.card.withheld:
                failures.append(f"{example.source}: {cat} is withheld, the model never adds it")
            elif by_category[cat] < opinion.card.threshold:
                failures.append(f"{example.source}: {cat} {by_category[cat]:.3f} < {opinion.card.threshold}")
            elif cat not in added:
                failures.append(f"{example.source}: {cat} lacks a word the card's needs asks for")
        for cat in example.not_adds:
            if cat in added:
                failures.append(f"{example.source}: {cat} {by_category[cat]:.3f} ≥ {opinion.card.threshold}")
        if example.adds and not opinion.asks(doc):
            failures.append(f"{example.source}: the gate does not let this paragraph through")
    return failures


# Weights smaller than this are dropped and the rest kept as float16: the file shrinks from 16 MB to a few, and on
# blind88–97 the additions at the threshold moved by two false alarms in 6,000 paragraphs.
PRUNE_BELOW = 0.05


def fit(documents: list[str], labels: list[set[str]], card: OpinionCard, c: float = 8.0):
    """Weights for ``card`` from labelled paragraph documents: (idf, coef, intercept).

    A category labelled borderline counts as absent: the model is to add only what the labellers were sure of.
    (Leaving such paragraphs out instead gave the same recall on blind88–97 with five times as many additions on
    borderline paragraphs: 96 against 20 in 6,000, each one a clause a reviewer would read for nothing.)"""
    from sklearn.feature_extraction.text import TfidfTransformer
    from sklearn.linear_model import LogisticRegression

    tfidf = TfidfTransformer(sublinear_tf=True)
    features = tfidf.fit_transform(hashed_counts(documents, card.n_features, card.ngram_range))
    coef = np.zeros((len(CATEGORIES), card.n_features), dtype=np.float32)
    intercept = np.zeros(len(CATEGORIES), dtype=np.float32)
    for i, cat in enumerate(CATEGORIES):
        target = np.array([cat in found for found in labels])
        model = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
        model.fit(features, target)
        coef[i] = model.coef_[0]
        intercept[i] = model.intercept_[0]
    coef[np.abs(coef) < PRUNE_BELOW] = 0.0
    return tfidf.idf_.astype(np.float32), coef.astype(np.float16), intercept
