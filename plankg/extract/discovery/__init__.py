"""Finding candidate names: the lexicon, head words, brackets, quotes, notes and lists.

Every rule reads the plain text and returns ``Candidate`` spans; choosing
between overlapping candidates and merging names is ``resolve``'s job.

The modules, by concept: ``rules`` (discovery.yaml's data, read once), ``candidate`` (what a
rule proposes), ``text`` (small text helpers, the word automaton),
``cuts`` (jieba's cuts around a name), ``words`` (the word tables compiled for a lexicon),
``heads`` (the head-word walk), ``quoted``, ``launched``, ``notes``, ``lines`` and ``natural``
(the other rules) and ``discoverer`` (all of them over a text).
"""
from __future__ import annotations

from .candidate import PRIORITY, Candidate, RuleName
from .discoverer import Discoverer
from .launched import launch_matches
from .rules import DiscoveryRules, Launch, discovery_rules

__all__ = ["PRIORITY", "Candidate", "Discoverer", "DiscoveryRules", "Launch", "RuleName", "discovery_rules",
           "launch_matches"]
