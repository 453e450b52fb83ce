"""Training the learned recogniser: the shipped gold, a user's corrections, one model folder.

``train`` runs spaCy's own machinery on ``config.cfg`` (``init_nlp``, the config's batcher,
optimizer and epochs, ``Language.update`` with ``plan_features`` as an annotating component)
in a short loop of its own: no development set is needed, because the model kept is the one
after the last epoch (with the optimizer's parameter averages), not the best on a held-out
part; so a fixed seed, one thread and the same data give the same model, byte for byte.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..model import PlanError
from .annotations import AnnotatedText, doccano_line, read_doccano

CONFIG = "config.cfg"
GOLD = "data/gold.jsonl"
_THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")


@dataclass(frozen=True)
class TrainingReport:
    """What a training run read and how long it took."""

    documents: int
    characters: int
    names: int
    epochs: int
    seconds: float
    losses: tuple[float, ...]  # the recogniser's loss after each epoch


def shipped_gold() -> list[AnnotatedText]:
    """The gold plankg ships (``data/gold.jsonl``, written by tools/learned_gold.py)."""
    return read_doccano(Path(str(resources.files("plankg.extract.learned").joinpath(GOLD))))


def config_path() -> Path:
    """The spaCy training config in the package."""
    return Path(str(resources.files("plankg.extract.learned").joinpath(CONFIG)))


def limit_threads(threads: int) -> None:
    """Ask the numeric libraries for at most ``threads`` threads (before numpy is first imported)."""
    for variable in _THREAD_VARIABLES:
        os.environ[variable] = str(threads)


def train(documents: Iterable[AnnotatedText], output: str | Path, *, seed: int = 0, epochs: int | None = None,
          overrides: dict | None = None, progress: Callable[[str], None] | None = None) -> TrainingReport:
    """Train a model on ``documents`` into the folder ``output`` (replaced whole, or left as it
    was if training fails). ``overrides`` are spaCy config overrides (``{"components.plan_ner.
    model.hidden_width": 32}``)."""
    from spacy.training.initialize import init_nlp
    from spacy.util import fix_random_seed, load_config

    from . import recogniser  # noqa: F401  (registers the components and the reader)
    from .features import PlanFeatures

    documents = list(documents)
    if not any(d.annotations for d in documents):
        raise PlanError("no annotated names to learn from")
    began = time.monotonic()
    output = _writable(Path(output))
    with tempfile.TemporaryDirectory(prefix="plankg-train-") as work:
        data = Path(work) / "train.jsonl"
        data.write_text("".join(doccano_line(d) + "\n" for d in documents), "utf-8")
        settings = {"paths.train": str(data), "paths.dev": str(data), "system.seed": seed, **(overrides or {})}
        if epochs is not None:
            settings["training.max_epochs"] = epochs
        config = load_config(config_path(), overrides=settings, interpolate=False)
        fix_random_seed(seed)
        nlp = init_nlp(config)
        features = nlp.get_pipe("plan_features")
        if isinstance(features, PlanFeatures):
            features.remember = True  # the same sentences come back every epoch
        losses, optimizer = _update(nlp, progress)
        _describe(nlp, documents, seed)
        staged = Path(work) / "model"
        with nlp.use_params(optimizer.averages):
            nlp.to_disk(staged, exclude=["vocab"])
        _forget_paths(staged / "config.cfg")
        _replace(staged, output)
    return TrainingReport(documents=len(documents), characters=sum(len(d.text) for d in documents),
                          names=sum(len(d.annotations) for d in documents), epochs=len(losses),
                          seconds=time.monotonic() - began, losses=tuple(losses))


def _update(nlp, progress: Callable[[str], None] | None):
    """The training loop of ``spacy train`` without its evaluations: every epoch of the config's
    batches, one update each. Returns the loss of each epoch and the optimizer."""
    from spacy.schemas import ConfigSchemaTraining
    from spacy.training.loop import create_train_batches
    from spacy.util import registry, resolve_dot_names

    config = nlp.config.interpolate()
    settings = registry.resolve(config["training"], schema=ConfigSchemaTraining)
    (corpus,) = resolve_dot_names(config, [settings["train_corpus"]])
    optimizer = settings["optimizer"]
    losses: dict[str, float] = {}
    per_epoch: list[float] = []
    last_epoch = 0
    for epoch, batch in create_train_batches(nlp, corpus, settings["batcher"], settings["max_epochs"]):
        if epoch != last_epoch:
            per_epoch.append(losses.pop("plan_ner", 0.0))
            if progress:
                progress(f"epoch {last_epoch + 1}: loss {per_epoch[-1]:.1f}")
            last_epoch = epoch
        nlp.update(batch, drop=settings["dropout"], sgd=optimizer, losses=losses,
                   annotates=settings["annotating_components"])
        optimizer.step_schedules()
    per_epoch.append(losses.pop("plan_ner", 0.0))
    if progress:
        progress(f"epoch {last_epoch + 1}: loss {per_epoch[-1]:.1f}")
    return per_epoch, optimizer


def _forget_paths(config: Path) -> None:
    """The written config without the training data's temporary paths (not part of the model)."""
    from spacy.util import load_config

    written = load_config(config, interpolate=False)
    written["paths"].update({"train": None, "dev": None})
    written.to_disk(config)


def _describe(nlp, documents: list[AnnotatedText], seed: int) -> None:
    """The model's meta.json: what it is and what it learnt from (no dates: the same training
    writes the same bytes)."""
    from ... import __version__

    nlp.meta.clear()
    nlp.meta.update({
        "lang": "zh", "name": "plankg_recogniser", "version": __version__,
        "description": "plankg's learned entity recogniser (plan_features + plan_ner), trained by plankg train",
        "plankg": {"seed": seed, "documents": len(documents), "characters": sum(len(d.text) for d in documents),
                   "names": sum(len(d.annotations) for d in documents),
                   "labels": sorted({a.type for d in documents for a in d.annotations})},
    })


def _writable(output: Path) -> Path:
    """``output``, if training may write a model there: a new or empty folder, or a model folder."""
    if output.exists() and not (output.is_dir() and (not any(output.iterdir()) or (output / "config.cfg").is_file())):
        raise PlanError(f"{output}: exists and is not a model folder; give a new or empty folder")
    return output


def _replace(staged: Path, output: Path) -> None:
    """Copy the written model beside ``output``, then rename it into place: ``output`` is the
    old model or the new one, whole."""
    output.parent.mkdir(parents=True, exist_ok=True)
    fresh, old = (output.with_name(f".{output.name}.{part}") for part in ("new", "old"))
    for leftover in (fresh, old):
        shutil.rmtree(leftover, ignore_errors=True)
    shutil.copytree(staged, fresh)
    if output.exists():
        output.rename(old)
    fresh.rename(output)
    shutil.rmtree(old, ignore_errors=True)


def describe_report(report: TrainingReport) -> str:
    """One line about a training run."""
    documents = f"{report.documents} document" + ("s" if report.documents != 1 else "")
    return (f"trained on {documents} ({report.characters:,} characters, {report.names:,} names), "
            f"{report.epochs} epochs in {report.seconds:.0f} s")
