"""Leave-one-document-out: rules alone against rules + a model that never saw the document.

    python bench/learned_loo.py [--documents STEM …] [--epochs N] [--set KEY=VALUE …]
                                [--thresholds 0.5 0.7 0.9] [--markdown FILE] [--json FILE]
    python bench/learned_loo.py --model shipped [--documents STEM …] …

For each real document of the shipped gold (``plankg/extract/learned/data/gold.jsonl``: the
corpus documents the extractor was developed on): a model is trained on the shipped gold
without that document, then the document is built twice — rules alone, and rules + that model — and both
graphs are scored against its gold by ``plankg.scoring`` (the corpus scorer's rules). The model
alone is scored too, as spans against the gold spans (exact boundaries and type).

``--model DIR`` trains nothing: it scores rules alone against rules + that model (``shipped``:
the packaged one) on the corpus documents with gold that the shipped gold does not hold (those
annotated after the extraction work: first sight for the rules and the model alike).

``--thresholds`` also scores rules + model with the model keeping only spans scored at least
each of these (the same trained models; the table shows the config's threshold).
``--folds K`` trains K models instead, each without one K-th of the documents (a cheaper view
for comparing settings); ``--set`` passes spaCy config overrides
(``--set components.plan_ner.model.hidden_width=32``). One thread, seed 0.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
GOLD_FOLDERS = (CORPUS / "gold", ROOT / "tests" / "gold" / "corpus")


@dataclass
class Row:
    """One held-out document: the corpus scores of rules alone and of rules + model."""

    document: str
    required: int
    rules_recall: float
    rules_precision: float
    rules_entities: int
    model_recall: float
    model_precision: float
    model_entities: int
    rules_link_f1: float
    model_link_f1: float
    span_tp: int  # the model alone: spans with the gold's boundaries and type
    span_predicted: int
    span_gold: int
    added: list[str]  # names the model added that the gold has
    wrong: list[str]  # names the model added that the gold does not have
    by_threshold: dict[str, tuple[float, float, int]]  # threshold -> (precision, recall, entities) with the model

    @property
    def rules_f1(self) -> float:
        return _f1(self.rules_precision, self.rules_recall)

    @property
    def model_f1(self) -> float:
        return _f1(self.model_precision, self.model_recall)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def gold_paths(stems: list[str] | None, trained_on: set[str], unseen: bool) -> list[Path]:
    """The corpus gold files of ``stems``, else of the documents the shipped gold holds
    (``trained_on``), or with ``unseen`` of those it does not hold."""
    paths = sorted(p for folder in GOLD_FOLDERS for p in folder.glob("*.json"))
    if not stems:
        paths = [p for p in paths if (f"corpus/{p.stem}" in trained_on) != unseen]
    else:
        paths = [p for p in paths if p.stem in stems]
        missing = set(stems) - {p.stem for p in paths}
        if missing:
            sys.exit(f"learned_loo: no corpus gold for {', '.join(sorted(missing))}")
    return paths


def score(path: Path, model: str | None, threshold: float | None = None):
    """The corpus score of the document of the gold file ``path``, and its extraction (with the
    model keeping spans scored at least ``threshold``, if given)."""
    from plankg import scoring
    from plankg.extract import extract
    from plankg.extract.pipeline import cached_pipeline
    from plankg.extract.read import read_document
    from plankg.graph import build_graph

    if model is not None and threshold is not None:
        cached_pipeline((), True, True, model).get_pipe("plan_ner").cfg["threshold"] = threshold
    gold = scoring.CorpusGold.load(path)
    extraction = extract(read_document(CORPUS / "docs" / gold.source), model=model)
    return scoring.score_graph(gold, build_graph(extraction), path.stem), extraction


def span_counts(model: str, document, threshold: float) -> tuple[int, int, int]:
    """The model alone against the gold spans of one document: (true positives, predicted, gold)."""
    from plankg.extract.learned.recogniser import load_recogniser

    recogniser = load_recogniser(model)
    recogniser.get_pipe("plan_ner").cfg["threshold"] = threshold
    doc = recogniser(document.text)
    predicted = {(e.start_char, e.end_char, e.label_.lower()) for e in doc.ents}
    gold = {(a.start, a.end, a.type) for a in document.annotations}
    return len(predicted & gold), len(predicted), len(gold)


def run(paths: list[Path], folds: int, epochs: int | None, overrides: dict, thresholds: list[float],
        log) -> list[Row]:
    from plankg.extract.learned.annotations import corpus_gold_text
    from plankg.extract.learned.training import describe_report, shipped_gold, train

    gold = shipped_gold()
    groups = [[p] for p in paths] if not folds else [paths[i::folds] for i in range(folds)]
    rows = []
    with tempfile.TemporaryDirectory(prefix="plankg-loo-") as work:
        for number, group in enumerate(groups, start=1):
            held = {f"corpus/{p.stem}" for p in group}
            model = str(Path(work) / f"model-{number}")
            report = train([d for d in gold if d.name not in held], model, epochs=epochs, overrides=overrides)
            log(f"[{number}/{len(groups)}] without {', '.join(sorted(held))}: {describe_report(report)}")
            for path in group:
                annotated = next((d for d in gold if d.name == f"corpus/{path.stem}"), None)
                rows.append(_row(path, model, annotated or corpus_gold_text(path, CORPUS / "docs"), thresholds))
                log(_line(rows[-1]))
    return rows


def run_given(paths: list[Path], model: str, thresholds: list[float], log) -> list[Row]:
    """Rules alone against rules + ``model`` (trained elsewhere) on each document."""
    from plankg.extract.learned import check_model_folder, model_path
    from plankg.extract.learned.annotations import corpus_gold_text

    model = str(model_path(check_model_folder(model)))
    rows = []
    for path in paths:
        rows.append(_row(path, model, corpus_gold_text(path, CORPUS / "docs"), thresholds))
        log(_line(rows[-1]))
    return rows


def _row(path: Path, model: str, annotated, thresholds: list[float]) -> Row:
    rules, _ = score(path, None)
    by_threshold = {}
    for threshold in thresholds:
        other, _ = score(path, model, threshold)
        by_threshold[str(threshold)] = (other.precision, other.recall, other.entities)
    configured = _configured_threshold(model)
    both, extraction = score(path, model, configured)
    names = {m.entity for m in extraction.mentions if m.rule == "model"}
    found = set(rules.false_positives)
    wrong = sorted(set(both.false_positives) - found)
    return Row(path.stem, rules.required, rules.recall, rules.precision, rules.entities, both.recall,
               both.precision, both.entities, rules.link_f1, both.link_f1, *span_counts(model, annotated, configured),
               added=sorted(names - set(wrong)), wrong=wrong, by_threshold=by_threshold)


def _configured_threshold(model: str) -> float:
    """The threshold in the model's config (the components' own may have been changed above)."""
    from spacy.util import load_config

    return float(load_config(Path(model) / "config.cfg", interpolate=False)["components"]["plan_ner"]["threshold"])


def _line(row: Row) -> str:
    return (f"  {row.document}: rules P {row.rules_precision:.3f} R {row.rules_recall:.3f} F1 {row.rules_f1:.3f}"
            f" | +model P {row.model_precision:.3f} R {row.model_recall:.3f} F1 {row.model_f1:.3f}"
            f" | model spans {row.span_tp}/{row.span_predicted}/{row.span_gold}")


def averages(rows: list[Row]) -> dict[str, float]:
    n = len(rows) or 1
    required = sum(r.required for r in rows)

    def micro(prefix: str) -> tuple[float, float]:
        entities = sum(getattr(r, f"{prefix}_entities") for r in rows)
        right = sum(getattr(r, f"{prefix}_precision") * getattr(r, f"{prefix}_entities") for r in rows)
        found = sum(getattr(r, f"{prefix}_recall") * r.required for r in rows)
        return (right / entities if entities else 0.0), (found / required if required else 1.0)

    result = {}
    for prefix in ("rules", "model"):
        p, r = micro(prefix)
        result[f"{prefix}_micro_precision"], result[f"{prefix}_micro_recall"] = p, r
        result[f"{prefix}_micro_f1"] = _f1(p, r)
        for measure in ("precision", "recall", "f1", "link_f1"):
            result[f"{prefix}_macro_{measure}"] = sum(getattr(r, f"{prefix}_{measure}") for r in rows) / n
    for threshold in rows[0].by_threshold if rows else ():
        entities = sum(r.by_threshold[threshold][2] for r in rows)
        p = sum(r.by_threshold[threshold][0] * r.by_threshold[threshold][2] for r in rows) / (entities or 1)
        r_ = sum(r.by_threshold[threshold][1] * r.required for r in rows) / (required or 1)
        result[f"threshold {threshold}"] = {"micro_precision": p, "micro_recall": r_, "micro_f1": _f1(p, r_),
                                            "macro_f1": sum(_f1(*r.by_threshold[threshold][:2]) for r in rows) / n}
    tp, predicted, gold = (sum(getattr(r, k) for r in rows) for k in ("span_tp", "span_predicted", "span_gold"))
    result["span_precision"] = tp / predicted if predicted else 0.0
    result["span_recall"] = tp / gold if gold else 0.0
    result["span_f1"] = _f1(result["span_precision"], result["span_recall"])
    return result


def markdown(rows: list[Row]) -> str:
    """The per-document table and the averages, as docs/quality-learned.md holds them."""
    lines = ["| document | rules P | rules R | rules F1 | +model P | +model R | +model F1 | ΔF1 "
             "| link F1 rules → +model |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in rows:
        lines.append(f"| {r.document} | {r.rules_precision:.3f} | {r.rules_recall:.3f} | {r.rules_f1:.3f} | "
                     f"{r.model_precision:.3f} | {r.model_recall:.3f} | {r.model_f1:.3f} | "
                     f"{r.model_f1 - r.rules_f1:+.3f} | {r.rules_link_f1:.3f} → {r.model_link_f1:.3f} |")
    a = averages(rows)
    for kind in ("micro", "macro"):
        lines.append(f"| **{kind}** | {a[f'rules_{kind}_precision']:.3f} | {a[f'rules_{kind}_recall']:.3f} | "
                     f"{a[f'rules_{kind}_f1']:.3f} | {a[f'model_{kind}_precision']:.3f} | "
                     f"{a[f'model_{kind}_recall']:.3f} | {a[f'model_{kind}_f1']:.3f} | "
                     f"{a[f'model_{kind}_f1'] - a[f'rules_{kind}_f1']:+.3f} | "
                     + (f"{a['rules_macro_link_f1']:.3f} → {a['model_macro_link_f1']:.3f} |"
                        if kind == "macro" else " |"))
    thresholds = [key for key in a if key.startswith("threshold ")]
    if thresholds:
        lines += ["", "| model threshold | micro P | micro R | micro F1 | macro F1 |", "|---|---:|---:|---:|---:|"]
        lines += [f"| {key.split()[1]} | {a[key]['micro_precision']:.3f} | {a[key]['micro_recall']:.3f} | "
                  f"{a[key]['micro_f1']:.3f} | {a[key]['macro_f1']:.3f} |" for key in thresholds]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", nargs="*", metavar="STEM", help="only these documents (default: all 21)")
    parser.add_argument("--folds", type=int, default=0, help="K groups of documents instead of one each")
    parser.add_argument("--model", default=None, help="score this model (no training) on the unseen documents")
    parser.add_argument("--epochs", type=int, default=None, help="training epochs (default: config.cfg's)")
    parser.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE",
                        help="a spaCy config override (value read as JSON where it parses)")
    parser.add_argument("--thresholds", type=float, nargs="*", default=[], help="also score at these thresholds")
    parser.add_argument("--markdown", type=Path, help="write the table here")
    parser.add_argument("--json", type=Path, help="write every row and the averages here")
    args = parser.parse_args()
    if not (CORPUS / "docs").is_dir():
        sys.exit(f"learned_loo: the real documents are not here ({CORPUS / 'docs'})")
    from plankg.extract.learned.training import limit_threads

    limit_threads(1)
    overrides = {}
    for item in args.overrides:
        key, _, value = item.partition("=")
        try:
            overrides[key] = json.loads(value)
        except ValueError:
            overrides[key] = value
    began = time.monotonic()
    from plankg.extract.learned.training import shipped_gold

    log = lambda message: print(message, file=sys.stderr, flush=True)  # noqa: E731
    paths = gold_paths(args.documents, {d.name for d in shipped_gold()}, unseen=args.model is not None)
    rows = (run_given(paths, args.model, args.thresholds, log) if args.model
            else run(paths, args.folds, args.epochs, overrides, args.thresholds, log))
    table = markdown(rows)
    print(table)
    print(f"{len(rows)} documents in {time.monotonic() - began:.0f} s", file=sys.stderr)
    if args.markdown:
        args.markdown.write_text(table, "utf-8")
    if args.json:
        args.json.write_text(json.dumps({"rows": [asdict(r) for r in rows], "averages": averages(rows),
                                         "overrides": overrides, "epochs": args.epochs},
                                        ensure_ascii=False, indent=1), "utf-8")


if __name__ == "__main__":
    main()
