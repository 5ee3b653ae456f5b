"""Scorers for the two dev sets in ../shared/bench (definitions in each set's SOURCE.md)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter:
    tokens = _TOKEN.findall(text or "")
    if not tokens:
        return Counter()
    if len(tokens) < n:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


@dataclass
class PageScore:
    precision: float | None  # None when the prediction has no shingle
    recall: float | None  # None when the truth has no shingle
    f1: float


def score_page(predicted: str, truth: str) -> PageScore:
    """Shingle precision/recall for one page (scrapinghub's definition)."""
    pred, true = shingles(predicted), shingles(truth)
    tp = sum((pred & true).values())
    fp = sum((pred - true).values())
    fn = sum((true - pred).values())
    total = tp + fp + fn
    if total == 0:
        return PageScore(1.0 if pred else None, 1.0 if true else None, 1.0)
    tp, fp, fn = tp / total, fp / total, fn / total
    precision = (tp / (tp + fp) if tp + fp else 1.0) if pred else None
    recall = (tp / (tp + fn) if tp + fn else 1.0) if true else None
    p, r = precision or 0.0, recall or 0.0
    return PageScore(precision, recall, 2 * p * r / (p + r) if p + r else 0.0)


def corpus_scores(pages: list[PageScore]) -> tuple[float, float, float]:
    """Mean precision over pages with output, mean recall over pages with truth, F1 of the two."""
    ps = [p.precision for p in pages if p.precision is not None]
    rs = [p.recall for p in pages if p.recall is not None]
    precision = sum(ps) / len(ps) if ps else 0.0
    recall = sum(rs) / len(rs) if rs else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").lower().split())


def snippet_counts(output: str, with_: list[str], without: list[str]) -> tuple[int, int, int, int]:
    """(with found, with total, without found, without total) for trafilatura-eval."""
    folded = fold(output)
    found = sum(fold(s) in folded for s in with_)
    leaked = sum(fold(s) in folded for s in without)
    return found, len(with_), leaked, len(without)


def snippet_f1(counts: list[tuple[int, int, int, int]]) -> dict[str, float]:
    tp = sum(c[0] for c in counts)
    fn = sum(c[1] - c[0] for c in counts)
    fp = sum(c[2] for c in counts)
    with_total = sum(c[1] for c in counts)
    without_total = sum(c[3] for c in counts)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return {
        "with%": 100 * tp / with_total if with_total else 0.0,
        "w/o ok%": 100 * (1 - fp / without_total) if without_total else 100.0,
        "precision": precision, "recall": recall,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
    }
