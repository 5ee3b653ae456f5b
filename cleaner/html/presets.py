"""What each preset means on the HTML path, in one table.

`balanced` runs trafilatura in its precision mode on our pruned tree: measured on both dev sets,
pruning plus trafilatura's precision mode beats pruning plus its default mode. `precision` also
applies every line rule, to longer blocks, and never retries with the (noisier) fallbacks; `recall`
lets trafilatura keep doubtful blocks and retries with its fallbacks on shorter bodies.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..options import Options

# URLs written as link text, and captions (the markup marks real captions; the text rule also
# catches prose that ends with a credit).
CONTENT_RULES = frozenset({"bare-url", "caption"})


@dataclass(frozen=True)
class Tuning:
    favor_precision: bool
    favor_recall: bool
    max_rule_words: int  # blocks up to this size are checked by the line rules
    retry_below_chars: int  # a body shorter than this is extracted again with fallbacks
    skip_rules: frozenset[str]  # line rules not applied to extracted blocks (their lines are usually content)


TUNINGS = {
    "precision": Tuning(True, False, max_rule_words=40, retry_below_chars=0, skip_rules=frozenset()),
    "balanced": Tuning(True, False, max_rule_words=25, retry_below_chars=500, skip_rules=CONTENT_RULES),
    "recall": Tuning(False, True, max_rule_words=15, retry_below_chars=1000, skip_rules=CONTENT_RULES),
}


def tuning(options: Options) -> Tuning:
    return TUNINGS[options.preset]
