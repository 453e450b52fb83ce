"""The precomputed word tables (plankg/extract/wordtables.py, tools/precompute_tables.py):
regenerating them gives the same bytes, they hold what jieba's own dictionary holds, and
graphs built with them are the graphs built with jieba's dictionary loaded at run time."""
from __future__ import annotations

import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from rdflib.compare import isomorphic

from plankg.extract import wordtables

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "plankg" / "extract" / wordtables.PRECOMPUTED
FIXTURES = sorted(p.relative_to(ROOT / "tests" / "fixtures").as_posix()
                  for p in (ROOT / "tests" / "fixtures").rglob("*") if p.suffix in (".txt", ".html", ".md")
                  and p.name != "README.md")


def test_regenerating_the_tables_gives_the_same_bytes(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "precompute_tables.py"), "--output", str(tmp_path)],
                            check=False, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    for name in wordtables.FILES:
        assert (tmp_path / name).read_bytes() == (SHIPPED / name).read_bytes(), \
            f"{name} is stale: run python tools/precompute_tables.py and commit the result"


def test_word_counts_are_jiebas():
    import jieba

    with jieba.get_dict_file() as handle:
        freq, total = jieba.Tokenizer().gen_pfdict(handle)
    table = wordtables.word_frequencies()
    assert table.total == total
    assert len(table) == len(freq)
    assert all(table.get(word) == count for word, count in freq.items())
    assert table.get("上海") > 0 and table.get("上") >= 0 and table.get("上海海上") is None


def test_added_words_stay_in_their_segmenter():
    one = wordtables.segmenter(["上海金"], 10)
    two = wordtables.segmenter([], 10)
    assert "上海金" in one.FREQ and "上海金" not in two.FREQ and "上海金" not in wordtables.word_frequencies()
    assert list(two.cut("上海金融中心", HMM=False)) == ["上海", "金融中心"]


def test_a_slug_is_computed_when_not_shipped():
    assert wordtables.pinyin_slug("上海证券交易所") == wordtables.computed_slug("上海证券交易所")
    assert wordtables.pinyin_slug("虚构的名字") == "xu-gou-de-ming-zi"


# -- the graphs are the same as with jieba's dictionary loaded at run time (the code before the
# -- tables, kept here as the reference)

def _runtime_counts() -> defaultdict[str, int]:
    """jieba's counts as the rules read them (0 for a word it does not know)."""
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    return defaultdict(int, jieba.dt.FREQ)


def _runtime_words(keep) -> dict:
    import jieba

    found = {}
    with jieba.get_dict_file() as handle:
        for raw in handle:
            word, freq, tag = raw.decode("utf-8").split()
            if keep(word, int(freq), tag):
                found[word] = (tag, int(freq))
    return found


def _runtime_segmenter(self):
    import jieba

    if self._jieba is None:
        self._jieba = jieba.Tokenizer()
        self._jieba.initialize()
        for surface in self.lexicon.by_surface:
            if not surface.isascii():
                self._jieba.add_word(surface, freq=10)
    return self._jieba


def _graphs(names):
    from plankg.extract import extract
    from plankg.extract.entities import cached_discoverer
    from plankg.extract.read import read_bundled, read_document
    from plankg.graph import build_graph

    cached_discoverer.cache_clear()
    documents = [read_bundled() if name == "bundled" else read_document(ROOT / "tests" / "fixtures" / name)
                 for name in names]
    return [build_graph(extract(document)) for document in documents]


def test_graphs_are_those_built_with_jiebas_dictionary_at_run_time(monkeypatch):
    from plankg.extract.discovery import cuts

    names = ["bundled", *FIXTURES]
    with_tables = _graphs(names)
    verbs = _runtime_words(lambda w, f, t: t in ("v", "vd", "vi", "d", "ad", "p", "c") and 2 <= len(w) <= 4
                           and f >= 20)
    nouns = frozenset(_runtime_words(lambda w, f, t: len(w) == 2 and t in ("n", "j", "nz", "ns", "nt") and f >= 100))
    assert verbs == wordtables.verbs() and nouns == wordtables.nouns()
    counts = _runtime_counts()
    monkeypatch.setattr(wordtables, "word_counts", lambda: counts)
    monkeypatch.setattr(wordtables, "verbs", lambda: verbs)
    monkeypatch.setattr(wordtables, "nouns", lambda: nouns)
    monkeypatch.setattr(cuts.Cuts, "segmenter", _runtime_segmenter)
    try:
        at_run_time = _graphs(names)
    finally:
        from plankg.extract.entities import cached_discoverer

        cached_discoverer.cache_clear()
    for name, ours, theirs in zip(names, with_tables, at_run_time):
        assert len(ours) > 50, name
        assert isomorphic(ours, theirs), name


def test_slugs_computed_once_are_remembered_for_the_next_run(tmp_path):
    """Names the shipped table lacks (the bundled plan's discovered entities) are computed with
    pypinyin once; the next build takes them from the cache directory and imports no pypinyin.
    A damaged memory file is no memory: the graph stays the same."""
    env = {**os.environ, "PLANKG_CACHE_DIR": str(tmp_path / "cache")}

    def build(output: str) -> set[str]:
        result = subprocess.run([sys.executable, "-X", "importtime", "-m", "plankg", "build", "-o", output],
                                cwd=tmp_path, env=env, check=False, capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, result.stderr[-2000:]
        return {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in result.stderr.splitlines()
                if line.startswith("import time:")}

    assert "pypinyin" in build("first.ttl")
    memory = list((tmp_path / "cache").glob("pinyin-slugs-*.tsv"))
    assert len(memory) == 1 and memory[0].read_text("utf-8").count("\n") >= 10
    assert "pypinyin" not in build("second.ttl")
    memory[0].write_bytes(b"\xff\xfe broken")
    assert "pypinyin" in build("third.ttl")
    first = (tmp_path / "first.ttl").read_bytes()
    assert first == (tmp_path / "second.ttl").read_bytes() == (tmp_path / "third.ttl").read_bytes()


def test_the_word_segmenter_cuts_as_jieba_does():
    """plankg's segmenter (no jieba import) against jieba's Tokenizer on the same counts and
    lexicon words: windows of the bundled plan and the fixtures, mixed scripts and spaces."""
    from plankg.extract.entities import cached_discoverer
    from plankg.extract.read import read_bundled, read_document

    words = [s for s in cached_discoverer().lexicon.by_surface if not s.isascii()]
    ours, jiebas = wordtables.WordSegmenter(words, 10), wordtables.segmenter(words, 10)
    assert ours.total == jiebas.total
    texts = [read_bundled().text, *(read_document(ROOT / "tests" / "fixtures" / name).text for name in FIXTURES),
             "ABC 123 a1b2 上海证券交易所\r\n 金融中心  x-y.z_%#&+ 中文English混合 ９０％ 。，"]
    windows = [text[i:i + n] for text in texts for i in range(0, len(text), 7) for n in (4, 9, 24)]
    assert len(windows) > 5000
    differ = [w for w in windows if list(ours.cut(w, HMM=False)) != list(jiebas.cut(w, HMM=False))]
    assert not differ, differ[:5]
