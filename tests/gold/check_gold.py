"""Check the discovery gold files against their fixture documents.

Not a pytest module (no test_ prefix): run ``python tests/gold/check_gold.py``.
It splits each fixture into paragraphs and units by its numbering, finds every
surface form listed in any gold file leftmost-longest (no overlaps, so a name
nested in a longer entity name is not a mention), and compares the tasks/columns
naming each entity with the gold. It also flags surfaces that never occur,
standalone occurrences of another document's entities that this gold lacks,
以下简称 definitions and Latin acronyms missing from the aliases.
Exit status 1 on any mismatch.
"""
from __future__ import annotations

import html
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
GOLD_DIR = Path(__file__).resolve().parent

CN_DIGITS = {"零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
PART = re.compile(r"^([一二三四五六七八九十]+)、")
SECTION = re.compile(r"^（([一二三四五六七八九十]+)）")
TASK = re.compile(r"^(\d+)．")
COLUMN = re.compile(r"^专栏(\d+)[：:]")


def cn_int(s: str) -> int:
    if s == "十":
        return 10
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (CN_DIGITS[tens] if tens else 1) * 10 + (CN_DIGITS[ones] if ones else 0)
    return CN_DIGITS[s]


def paragraphs(path: Path) -> list[str]:
    raw = path.read_text(encoding="utf-8-sig")
    if path.suffix == ".html":
        start = raw.index('id="UCAP-CONTENT"')
        body = raw[raw.index(">", start) + 1: raw.index("</td>", start)]
        chunks = re.split(r"</p\s*>", body)
        chunks = [html.unescape(re.sub(r"<[^>]+>", "", c)) for c in chunks]
    else:
        chunks = re.split(r"\n|　　", raw)
    out = []
    for c in chunks:
        c = c.replace("\xa0", " ").strip(" \t\r\n　")
        if c:
            out.append(c)
    return out


def units(paras: list[str]) -> list[tuple[str, int | None, str]]:
    """(kind, number, text) per paragraph; kind in part/section/task/column/other."""
    has_arabic = any(TASK.match(p) for p in paras)
    out = []
    part_title = ""
    in_column = None
    for p in paras:
        if m := PART.match(p):
            part_title, in_column = p, None
            out.append(("part", cn_int(m.group(1)), p))
        elif m := SECTION.match(p):
            in_column = None
            is_task = not has_arabic and "总体要求" not in part_title
            out.append(("task" if is_task else "section", cn_int(m.group(1)), p))
        elif m := TASK.match(p):
            in_column = None
            out.append(("task", int(m.group(1)), p))
        elif m := COLUMN.match(p):
            in_column = int(m.group(1))
            out.append(("column", in_column, p))
        elif in_column is not None:
            out.append(("column", in_column, p))
        else:
            out.append(("other", None, p))
    return out


def find_all(text: str, surfaces: list[str]) -> list[tuple[int, int, str]]:
    """Leftmost-longest, non-overlapping matches."""
    by_first: dict[str, list[str]] = {}
    for s in sorted(set(surfaces), key=len, reverse=True):
        by_first.setdefault(s[0], []).append(s)
    i, out = 0, []
    while i < len(text):
        for s in by_first.get(text[i], ()):
            if text.startswith(s, i):
                out.append((i, i + len(s), s))
                i += len(s)
                break
        else:
            i += 1
    return out


def main() -> int:
    golds = {p: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(GOLD_DIR.glob("*.yaml"))}
    foreign: dict[str, str] = {}
    for g in golds.values():
        for e in g["entities"]:
            for s in [e["name"], *e["aliases"]]:
                foreign[s] = e["name"]
    bad = 0
    for gpath, gold in golds.items():
        doc = ROOT / gold["document"]
        paras = paragraphs(doc)
        us = units(paras)
        full = "\n".join(paras)
        print(f"== {gpath.name}: {len(paras)} paragraphs, tasks "
              f"{[n for k, n, _ in us if k == 'task']}, columns "
              f"{sorted({n for k, n, _ in us if k == 'column'})}")
        own: dict[str, str] = {}
        for e in gold["entities"]:
            for s in [e["name"], *e["aliases"]]:
                if s in own and own[s] != e["name"]:
                    print(f"  ERROR surface {s} claimed by {own[s]} and {e['name']}"); bad += 1
                own[s] = e["name"]
        surfaces = list(foreign)  # every known surface, so foreign nesting is respected too
        got_tasks: dict[str, set[int]] = {}
        got_cols: dict[str, set[int]] = {}
        count: dict[str, int] = {}
        used: set[str] = set()
        for kind, num, text in us:
            for _, _, s in find_all(text, surfaces):
                if s not in own:
                    print(f"  WARN unannotated standalone {s} ({foreign[s]}) in {kind} {num}: {text[:30]}…")
                    bad += 1
                    continue
                name = own[s]
                used.add(s)
                count[name] = count.get(name, 0) + 1
                if kind == "task":
                    got_tasks.setdefault(name, set()).add(num)
                elif kind == "column":
                    got_cols.setdefault(name, set()).add(num)
        for e in gold["entities"]:
            n = e["name"]
            gt, gc = sorted(got_tasks.get(n, ())), sorted(got_cols.get(n, ()))
            if gt != sorted(e["tasks"]) or gc != sorted(e["columns"]):
                print(f"  MISMATCH {n}: gold tasks {e['tasks']} cols {e['columns']} / found {gt} {gc}"); bad += 1
            if not count.get(n):
                print(f"  ERROR {n} never occurs standalone"); bad += 1
            for s in [n, *e["aliases"]]:
                if s not in used:
                    note = "canonical name absent (allowed)" if s == n else "ERROR alias never matched"
                    print(f"  {note}: {s}")
                    bad += s != n
        for m in re.finditer(r"以下简称([^）)]+)[）)]", full):
            if m.group(1) not in own:
                print(f"  ERROR 以下简称{m.group(1)} not an alias"); bad += 1
        for m in re.finditer(r"[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)*", full):
            if m.group(0) not in own:
                print(f"  ERROR acronym {m.group(0)} not an alias"); bad += 1
        by_type: dict[str, int] = {}
        for e in gold["entities"]:
            by_type[e["type"]] = by_type.get(e["type"], 0) + 1
        print(f"  {len(gold['entities'])} entities {by_type}; {sum(count.values())} mentions; "
              f"{len(full)} chars, {len(full.encode())} bytes of text")
    print("OK" if not bad else f"{bad} problem(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
