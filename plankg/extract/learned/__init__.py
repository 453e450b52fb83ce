"""The learned entity recogniser: a spaCy model trained on plankg's gold and users' corrections.

- ``annotations.py``: annotated texts, and the files they are read from and written to
  (doccano JSONL, Label Studio JSON);
- ``features.py``: ``plan_features``, what the model sees of each character besides itself;
- ``recogniser.py``: ``plan_ner`` (spaCy's entity recogniser) and loading a trained model;
- ``training.py``: ``plankg train`` (``config.cfg``, the shipped gold ``data/gold.jsonl``);
- ``combine.py``: the rules' mentions and the model's names together (rules win);
- ``annotate.py``: ``plankg annotate export``, plankg's spans as pre-annotations.

The model is off unless asked for (``plankg build --model shipped`` or ``--model DIR``); why,
with the figures, is in docs/quality-learned.md. This module imports nothing heavy: the command
line checks a model folder before spaCy loads.
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path

from ..model import PlanError

#: The name that stands for the model shipped inside the package.
SHIPPED_MODEL = "shipped"


def model_path(where: str | Path) -> Path:
    """The folder of a trained model: ``shipped`` is the packaged one."""
    if str(where) == SHIPPED_MODEL:
        return Path(str(resources.files("plankg.extract.learned").joinpath("model")))
    return Path(where)


def check_model_folder(where: str | Path) -> str:
    """``where`` as given, if it names a model folder written by ``plankg train``; else a PlanError."""
    path = model_path(where)
    if not path.is_dir():
        raise PlanError(f"{where}: no such model folder (train one with plankg train -o {where})")
    if not (path / "config.cfg").is_file() or not (path / "plan_ner").is_dir():
        raise PlanError(f"{where}: not a model folder written by plankg train (no config.cfg and plan_ner/)")
    return str(where)
