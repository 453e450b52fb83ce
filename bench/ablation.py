"""Which knowledge and which rules move the figures: an ablation on the real gold documents.

usage: python bench/ablation.py [--corpus ../shared/corpus] [--out docs/ablation.md]

Scores every gold document (development and held-out sets, as in bench/quality.py) with the full
extractor, then with one piece switched off at a time, in this process:

- the shipped lexicon (central bodies, programmes, product types; the gazetteer stays),
- the county-level divisions table (data/divisions.tsv),
- quoted names as schemes (“多规合一”),
- schemes named after their launching verb (开展…专项行动),
- responsibility notes in the State Council's form (（A、B等按职责分工负责）),
- names defined by （以下简称…） with no other rule finding them,
- scheme heads that need a long specific modifier (资金, 试点, 工程 …),
- jieba's part-of-speech and cuts (its verbs as stop words, word edges around heads and stops),
- natural features in the gazetteer (rivers, lakes, seas, islands, mountains, landforms),
- smaller rivers and mountains read by how their names are written (discovery/natural.py).

Each switch replaces one rule's data with a pattern that never matches (or removes one data file)
and rebuilds the pipeline; nothing else changes.
"""
from __future__ import annotations

import argparse
import dataclasses
import functools
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import quality  # noqa: E402

from plankg import scoring  # noqa: E402
from plankg.extract import entities, lexicon  # noqa: E402
from plankg.extract.discovery import discoverer  # noqa: E402

NEVER = re.compile("(?!)")
ORIGINAL_RULES = discoverer.discovery_rules  # the rules the Discoverer reads
ORIGINAL_GAZETTEER = lexicon.GAZETTEER
NATURAL_FEATURES = frozenset({"river", "lake", "sea", "island", "mountain", "landform"})


def _rules_without(**changes):
    rules = ORIGINAL_RULES()
    return lambda: dataclasses.replace(rules, **changes)


SWITCHES = {
    "full": {},
    "no shipped lexicon": {"shipped_lexicon": False},
    "no county divisions": {"gazetteer": ("data/gazetteer.tsv",)},
    "no quoted schemes": {"rules": {"quoted_programme_max": 0}},
    "no launched names (schemes, systems, coordination bodies)": {"rules": {"launched": ()}},
    "no State Council notes": {"rules": {"duty_tail": NEVER}},
    "no defined-name phrases": {"rules": {"defined_alias": NEVER}},
    "no long scheme heads": {"rules": {"long_heads": dict.fromkeys(ORIGINAL_RULES().long_heads, 99)}},
    "no part-of-speech (jieba verbs and cuts)": {"part_of_speech": False},
    "no natural features": {"gazetteer_kinds_left_out": NATURAL_FEATURES},
    "no rivers and mountains by their own names": {"rules": {"natural_feature_head": NEVER}},
}


def configure(switch: dict) -> dict:
    """Set the process up for one switch; returns the options ``extract`` gets."""
    discoverer.discovery_rules = _rules_without(**switch.get("rules", {})) if "rules" in switch else ORIGINAL_RULES
    lexicon.GAZETTEER = switch.get("gazetteer", ORIGINAL_GAZETTEER)
    lexicon.GAZETTEER_KINDS_LEFT_OUT = switch.get("gazetteer_kinds_left_out", frozenset())
    for cached in (lexicon.gazetteer, lexicon.shipped_entries, entities.cached_discoverer):
        cached.cache_clear()
    return {"shipped_lexicon": switch.get("shipped_lexicon", True),
            "part_of_speech": switch.get("part_of_speech", True)}


def score(gold: list[Path], docs: Path, options: dict) -> dict[str, scoring.DocumentScore]:
    return {s.name: s for s in scoring.score_corpus(gold, docs, functools.partial(quality.build, **options))}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    ap.add_argument("--out", type=Path, default=REPO / "docs" / "ablation.md")
    args = ap.parse_args()
    gold = quality.gold_files(args.corpus)
    held_out = quality.held_out_names(quality.first_sight())
    lines = ["# Ablation: what moves the figures on real documents", "",
             "Written by `python bench/ablation.py`: micro recall / precision / task-link F1 with one",
             "piece switched off at a time (see the script's docstring).", "",
             "| configuration | dev recall | dev precision | dev link F1 "
             "| held-out recall | held-out precision | held-out link F1 |",
             "|---|---|---|---|---|---|---|"]
    for name, switch in SWITCHES.items():
        scores = score(gold, args.corpus / "docs", configure(switch))
        dev = scoring.averages([s for n, s in scores.items() if n not in held_out])
        held = scoring.averages([s for n, s in scores.items() if n in held_out])
        lines.append(f"| {name} | {dev.micro_recall:.3f} | {dev.micro_precision:.3f} | {dev.micro_link_f1:.3f} | "
                     f"{held.micro_recall:.3f} | {held.micro_precision:.3f} | {held.micro_link_f1:.3f} |")
        print(lines[-1], flush=True)
    configure({})
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
