"""Write plankg/extract/data/precomputed/: the word tables plankg reads instead of deriving them
on every run (see plankg/extract/wordtables.py).

    python tools/precompute_tables.py [--output DIR] [--check]

From the installed jieba's dict.txt: its frequency table (words and their prefixes, exactly as
``jieba.Tokenizer.gen_pfdict`` builds it) as a MARISA trie, its verbs and its common nouns;
with pypinyin and plankg/extract/data/pinyin-phrases.tsv: the pinyin slug of every name of
the shipped lexicon and gazetteer. The same inputs give byte-identical files. Rerun it after
upgrading jieba or pypinyin, or after editing lexicon.tsv, gazetteer.tsv, divisions.tsv or
pinyin-phrases.tsv, and commit the result; ``--check`` only says whether the files are current
(exit 1 if not).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "plankg" / "extract" / "data" / "precomputed"


def jieba_tables() -> dict[str, bytes]:
    """The trie, verbs and nouns files, and the facts about jieba for tables.json."""
    import jieba
    import marisa_trie

    from plankg.extract import wordtables as tables

    with jieba.get_dict_file() as handle:
        raw = handle.read()
    with jieba.get_dict_file() as handle:
        freq, total = jieba.Tokenizer().gen_pfdict(handle)
    trie = marisa_trie.RecordTrie("<I", ((word, (count,)) for word, count in sorted(freq.items())))
    verbs, nouns = [], []
    for line in raw.decode("utf-8").splitlines():
        word, count, tag = line.split()
        if tag in tables.VERB_TAGS and tables.VERB_LENGTHS[0] <= len(word) <= tables.VERB_LENGTHS[1] \
                and int(count) >= tables.VERB_MIN_FREQ:
            verbs.append(f"{word}\t{tag}\t{count}")
        if len(word) == 2 and tag in tables.NOUN_TAGS and int(count) >= tables.NOUN_MIN_FREQ:
            nouns.append(word)
    source = f"# from jieba {metadata.version('jieba')} dict.txt by tools/precompute_tables.py"
    return {
        "jieba-words.marisa": trie.tobytes(),
        "jieba-verbs.tsv": "\n".join([source, "# word\ttag\tcount", *sorted(set(verbs))]).encode() + b"\n",
        "jieba-nouns.txt": "\n".join([source, *sorted(set(nouns))]).encode() + b"\n",
        "info": json.dumps({"jieba": metadata.version("jieba"), "dict_sha256": hashlib.sha256(raw).hexdigest(),
                            "total": total}).encode(),
    }


def slug_table() -> bytes:
    """Every shipped lexicon and gazetteer name with its pinyin slug, sorted."""
    from plankg.extract.lexicon import load_lexicon
    from plankg.extract.wordtables import computed_slug

    names = sorted(load_lexicon((), shipped=True).entries)
    lines = ["# pinyin slugs of the shipped lexicon and gazetteer names, by tools/precompute_tables.py",
             *(f"{name}\t{computed_slug(name)}" for name in names)]
    return "\n".join(lines).encode("utf-8") + b"\n"


def tables() -> dict[str, bytes]:
    """File name -> bytes of every precomputed file."""
    from plankg.extract.wordtables import slug_sources

    files = jieba_tables()
    info = json.loads(files.pop("info")) | slug_sources()
    files["pinyin-slugs.tsv"] = slug_table()
    files["tables.json"] = json.dumps(info, indent=1, sort_keys=True).encode() + b"\n"
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=TARGET, help="Folder to write (default: the package's).")
    parser.add_argument("--check", action="store_true", help="Write nothing; exit 1 if a file is not current.")
    args = parser.parse_args()
    stale = []
    for name, data in tables().items():
        path = args.output / name
        if path.is_file() and path.read_bytes() == data:
            continue
        stale.append(name)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    verb = "stale" if args.check else "wrote"
    print(f"{verb}: {', '.join(stale)}" if stale else "all tables current")
    sys.exit(1 if args.check and stale else 0)


if __name__ == "__main__":
    main()
