"""Lexicons: known names with their type, canonical form and aliases, read from TSV files.

Format (UTF-8, tab-separated, ``#`` starts a comment line)::

    id<TAB>type<TAB>name<TAB>aliases
    cips<TAB>institution<TAB>人民币跨境支付系统<TAB>CIPS|跨境银行间支付清算系统

``id`` (optional) is the IRI slug; ``aliases`` are ``|``-separated. A user
lexicon passed with ``--lexicon`` is read after the shipped one and wins.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from ..datafiles import data_lines, data_text
from .model import ENTITY_TYPES, EntityType, PlanError

SHIPPED = "data/lexicon.tsv"
# Places: the curated gazetteer, then the divisions tools/divisions.py generates from a
# published table of China's administrative divisions (same format).
GAZETTEER = ("data/gazetteer.tsv", "data/divisions.tsv")
# Kinds of place (the gazetteer's second column) left out of the gazetteer: none in plankg's
# builds; bench/ablation.py sets it to measure what a kind of place brings.
GAZETTEER_KINDS_LEFT_OUT: frozenset[str] = frozenset()
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class LexiconEntry:
    name: str
    type: EntityType
    aliases: tuple[str, ...] = ()
    id: str | None = None
    origin: str = ""  # file:line, for messages

    @property
    def surfaces(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass
class Lexicon:
    entries: dict[str, LexiconEntry] = field(default_factory=dict)  # canonical name -> entry
    by_surface: dict[str, LexiconEntry] = field(default_factory=dict)

    def add(self, entry: LexiconEntry) -> None:
        """Add ``entry``; it replaces an entry that has its name or one of its surfaces."""
        old = self.entries.get(entry.name) or self.by_surface.get(entry.name)
        if old is not None:
            self._remove(old)
        for surface in entry.surfaces:
            clash = self.by_surface.get(surface)
            if clash is not None and clash.name != entry.name:
                self._remove(clash)
        self.entries[entry.name] = entry
        for surface in entry.surfaces:
            self.by_surface[surface] = entry

    def _remove(self, entry: LexiconEntry) -> None:
        self.entries.pop(entry.name, None)
        for surface in entry.surfaces:
            if self.by_surface.get(surface) is entry:
                del self.by_surface[surface]

    def __len__(self) -> int:
        return len(self.entries)


def parse_lexicon(text: str, origin: str) -> list[LexiconEntry]:
    """Entries of one lexicon file; a malformed line raises PlanError naming file and line."""
    entries = []
    for number, line in data_lines(text):
        fields = line.split("\t")
        where = f"{origin}:{number}"
        if fields[:3] == ["id", "type", "name"]:
            continue
        entries.append(_entry(fields, where))
    return entries


def _entry(fields: list[str], where: str) -> LexiconEntry:
    if len(fields) not in (3, 4):
        raise PlanError(f"{where}: expected 4 tab-separated fields (id, type, name, aliases), got {len(fields)}")
    slug, kind, name = (f.strip() for f in fields[:3])
    aliases = tuple(a.strip() for a in fields[3].split("|") if a.strip()) if len(fields) == 4 else ()
    if kind not in ENTITY_TYPES:
        raise PlanError(f"{where}: unknown type {kind!r}; expected one of {', '.join(ENTITY_TYPES)}")
    if not name:
        raise PlanError(f"{where}: the name field is empty")
    if slug and not _SLUG.match(slug):
        raise PlanError(f"{where}: id {slug!r} must be lowercase letters, digits and hyphens")
    return LexiconEntry(name=name, type=kind, aliases=tuple(a for a in aliases if a != name),
                        id=slug or None, origin=where)


@lru_cache(maxsize=1)
def shipped_entries() -> tuple[LexiconEntry, ...]:
    resource = resources.files("plankg.extract").joinpath(SHIPPED)
    if not resource.is_file():
        return ()
    return tuple(parse_lexicon(data_text("plankg.extract", SHIPPED), f"plankg/extract/{SHIPPED}"))


@lru_cache(maxsize=1)
def gazetteer() -> tuple[tuple[LexiconEntry, ...], dict[str, str]]:
    """Places (provinces, cities, counties and districts, countries, regions, natural
    features, ports and airports) and their one-character abbreviations.

    The gazetteer is geography, not domain knowledge: it stays on when the shipped
    lexicon is switched off. Format: name, kind, aliases, abbrev (tab-separated).
    """
    entries, abbreviations = [], {}
    for row in _gazetteer_rows(GAZETTEER)[0]:
        if row.kind in GAZETTEER_KINDS_LEFT_OUT:
            continue
        entries.append(row.entry)
        abbreviations.update(dict.fromkeys(row.abbreviations, row.entry.name))
    return tuple(entries), abbreviations


def division_provinces() -> tuple[tuple[str, str], ...]:
    """Each division of the gazetteer and the province it lies in (黄山市, 安徽省; 延庆区, 北京市), read
    from the section headers the gazetteer files group divisions under. A name several divisions
    share is listed once, under one of them, and its header says so (鼓楼区×4): it is left out."""
    return _division_provinces(GAZETTEER)


class _GazetteerRow(NamedTuple):
    entry: LexiconEntry
    kind: str  # the gazetteer's second column (province, city, river …)
    abbreviations: list[str]  # its one-character abbreviations
    section: str  # the header of the section it stands in ("安徽省", "安徽省 黄山市"; "" before any)


_SECTION = "# --- "  # a gazetteer file's section header: # --- 安徽省 (cities), # --- 安徽省 黄山市 (counties)
_PROVINCE_KINDS = ("province", "municipality", "autonomous-region")
_SHARED_NAME = re.compile(r"([\u4e00-\u9fff]+)×[0-9]")  # a division's name the header says several share


@lru_cache(maxsize=4)
def _gazetteer_rows(paths: tuple[str, ...]) -> tuple[tuple[_GazetteerRow, ...], frozenset[str]]:
    """Every place line of the gazetteer files, each file read once, with the section it stands in;
    and the division names the files' headers say several divisions share (鼓楼区×4)."""
    rows: list[_GazetteerRow] = []
    shared: set[str] = set()
    for path in paths:
        text = data_text("plankg.extract", path)
        shared.update(m.group(1) for m in _SHARED_NAME.finditer(text))
        section = ""
        for number, line in enumerate(text.splitlines(), start=1):
            stripped = line.strip()
            if line.startswith(_SECTION):
                section = line[len(_SECTION):].strip()
            if not stripped or stripped.startswith("#"):
                continue
            fields = line.split("\t")
            if fields[0] == "name":
                continue
            name, aliases = fields[0].strip(), fields[2].split("|") if len(fields) > 2 else ()
            entry = LexiconEntry(name=name, type="place", origin=f"plankg/extract/{path}:{number}",
                                 aliases=tuple(a for a in aliases if a and a != name))
            rows.append(_GazetteerRow(entry, fields[1] if len(fields) > 1 else "",
                                      [a for a in (fields[3].split("|") if len(fields) > 3 else ()) if a], section))
    return tuple(rows), frozenset(shared)


@lru_cache(maxsize=4)
def _division_provinces(paths: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    rows, shared = _gazetteer_rows(paths)
    provinces = {row.entry.name for row in rows if row.kind in _PROVINCE_KINDS}
    return tuple((row.entry.name, province) for row in rows
                 if (province := (row.section.split() or [""])[0]) in provinces and row.entry.name not in shared)


def read_lexicon_file(path: str | Path) -> list[LexiconEntry]:
    path = Path(path)
    try:
        text = path.read_text("utf-8-sig")
    except FileNotFoundError:
        raise PlanError(f"{path}: lexicon file not found") from None
    except IsADirectoryError:
        raise PlanError(f"{path}: is a directory, not a lexicon file") from None
    except UnicodeDecodeError as err:
        raise PlanError(f"{path}: lexicon is not UTF-8 ({err.reason} at byte {err.start})") from None
    return parse_lexicon(text, str(path))


def load_lexicon(user_files: tuple[str, ...] = (), *, shipped: bool = True) -> Lexicon:
    """Gazetteer, then the shipped lexicon (unless ``shipped`` is false), then user files: later wins."""
    lexicon = Lexicon()
    for entry in gazetteer()[0]:
        lexicon.add(entry)
    if shipped:
        for entry in shipped_entries():
            lexicon.add(entry)
    for path in user_files:
        for entry in read_lexicon_file(path):
            lexicon.add(entry)
    return lexicon
