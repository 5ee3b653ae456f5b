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


# wceb gold-text sets: runs of word characters, but every CJK character is a token of its own.
_CJK = ("\u1100-\u11ff\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3040-\u30ff\u3100-\u318f\u31a0-\u31bf"
        "\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\U00020000-\U0003134f")
_WCEB_TOKEN = re.compile(rf"[{_CJK}]|(?:(?![{_CJK}])\w)+")


def wceb_tokens(text: str) -> Counter:
    """Lower-cased token multiset of wceb's SOURCE.md."""
    return Counter(_WCEB_TOKEN.findall((text or "").lower()))


def token_page(predicted: str, gold: str) -> tuple[float, float, float]:
    """(P, R, F1) of one page over token multisets; an empty output scores 0."""
    out, true = wceb_tokens(predicted), wceb_tokens(gold)
    common = sum((out & true).values())
    if not out or not true or not common:
        return 0.0, 0.0, 0.0
    precision, recall = common / sum(out.values()), common / sum(true.values())
    return precision, recall, 2 * precision * recall / (precision + recall)
