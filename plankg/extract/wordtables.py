"""Word tables that plankg consults, read from package data instead of being derived on every run.

The discovery rules ask jieba's dictionary how common a word is, which words are verbs or
common nouns, and where jieba would cut a short window of text; entity IRIs need the pinyin
of every name of the shipped lexicon and gazetteer. Deriving these on each run cost about
two seconds (jieba's dictionary loaded twice and its dict.txt parsed twice more, pypinyin
over thousands of names). ``tools/precompute_tables.py`` derives them once into
``data/precomputed/`` (rerun it after changing jieba's version, the lexicon, the gazetteer
or data/pinyin-phrases.tsv; a test checks that it gives the same bytes):

- ``jieba-words.marisa``: jieba's frequency table (``jieba.dt.FREQ``: every word of its
  dict.txt with its count, every prefix of a word with count 0) as a MARISA trie, mapped
  into memory in microseconds;
- ``jieba-verbs.tsv`` and ``jieba-nouns.txt``: the verbs and common nouns (see
  ``VERB_TAGS`` and ``NOUN_TAGS`` for which);
- ``pinyin-slugs.tsv``: the pinyin slug of every shipped lexicon and gazetteer name;
- ``tables.json``: what they were made from (versions, checksums) and jieba's total count.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import lru_cache, partial
from importlib import resources
from math import log
from pathlib import Path
from typing import Any, TypeVar

from ..datafiles import data_bytes, data_lines, data_text

PRECOMPUTED = "data/precomputed"
FILES = ("jieba-words.marisa", "jieba-verbs.tsv", "jieba-nouns.txt", "pinyin-slugs.tsv", "tables.json")
PHRASES = "data/pinyin-phrases.tsv"

#: jieba's tags of the words that end a name: verbs, adverbs, prepositions, conjunctions …
VERB_TAGS = ("v", "vd", "vi", "d", "ad", "p", "c")
VERB_LENGTHS = (2, 4)  # shortest, longest
VERB_MIN_FREQ = 20
#: … and of the common two-character nouns and abbreviations (同业, 中和)
NOUN_TAGS = ("n", "j", "nz", "ns", "nt")
NOUN_MIN_FREQ = 100


class WordFrequencies(Mapping[str, int]):
    """jieba's frequency table read from the trie: ``freq[word]`` is the word's count, 0 for a
    prefix of a word; words added (``freq[word] = n``, as ``jieba.Tokenizer.add_word`` does)
    stay in this object, so tables built on one trie do not see each other's words."""

    def __init__(self, trie: Any, total: int):
        self._trie = trie
        self._added: dict[str, int] = {}
        self.total = total
        # the trie's answers, remembered (a trie look-up costs several dict look-ups); bounded
        self._counts = Remembered(partial(_count, trie))

    def get(self, word: str, default: Any = None) -> Any:
        """The count of ``word`` (0 for a prefix), else ``default``."""
        if self._added:  # words added to this table (jieba's segmenter adds the lexicon's)
            added = self._added.get(word)
            if added is not None:
                return added
        found = self._counts[word]
        return default if found is None else found

    def __getitem__(self, word: str) -> int:
        found = self.get(word)
        if found is None:
            raise KeyError(word)
        return found

    def __setitem__(self, word: str, freq: int) -> None:
        self._added[word] = freq

    def __contains__(self, word: object) -> bool:
        return word in self._added or (isinstance(word, str) and self._counts[word] is not None)

    def __iter__(self) -> Iterator[str]:
        yield from self._added
        yield from (word for word in self._trie.iterkeys() if word not in self._added)

    def __len__(self) -> int:
        return len(self._trie) + sum(1 for word in self._added if word not in self._trie)


#: How many distinct words a ``WordFrequencies`` remembers the trie's answer for.
COUNTS_REMEMBERED = 1 << 16


Key = TypeVar("Key")
Value = TypeVar("Value")


class Bounded(dict[Key, Value]):
    """A memory of answers, forgotten all at once when it holds ``limit`` of them (``keep``)."""

    def __init__(self, limit: int):
        super().__init__()
        self._limit = limit

    def keep(self, key: Key, value: Value) -> None:
        """Remember ``value`` for ``key``, first forgetting everything when full."""
        if len(self) >= self._limit:
            self.clear()
        self[key] = value


class Remembered(Bounded[str, Any]):
    """A look-up's answers kept in a plain dict: ``table[word]`` is one dict look-up once
    asked (no Python call: the rules ask hundreds of thousands of times per megabyte, mostly
    the same few thousand words); forgotten all at once past ``limit`` words."""

    def __init__(self, lookup: Callable[[str], Any], limit: int = COUNTS_REMEMBERED):
        super().__init__(limit)
        self._lookup = lookup

    def __missing__(self, word: str) -> Any:
        found = self._lookup(word)
        self.keep(word, found)
        return found


def _count(trie: Any, word: str) -> int | None:
    found = trie.get(word)
    return found[0][0] if found else None


def _count_or_zero(trie: Any, word: str) -> int:
    return _count(trie, word) or 0


def _added_or_count(added: dict[str, int], trie: Any, word: str) -> int | None:
    found = added.get(word)
    return _count(trie, word) if found is None else found


def _resource(name: str):
    return resources.files("plankg.extract").joinpath(f"{PRECOMPUTED}/{name}")


def _precomputed_text(name: str) -> str:
    return data_text("plankg.extract", f"{PRECOMPUTED}/{name}")


@lru_cache(maxsize=1)
def tables_info() -> dict[str, Any]:
    """What the tables were made from: ``jieba``, ``dict_sha256``, ``total``, ``pypinyin``,
    ``phrases_sha256``."""
    return json.loads(_precomputed_text("tables.json"))


@lru_cache(maxsize=1)
def _trie() -> Any:
    import marisa_trie

    trie = marisa_trie.RecordTrie("<I")
    with resources.as_file(_resource("jieba-words.marisa")) as path:
        trie.mmap(str(path))
    return trie


@lru_cache(maxsize=1)
def word_frequencies() -> WordFrequencies:
    """jieba's word counts as a mapping of ``jieba.dt.FREQ``'s shape (what the tables are checked
    against; the rules ask ``word_counts``, and each segmenter has a table of its own)."""
    return WordFrequencies(_trie(), tables_info()["total"])


@lru_cache(maxsize=1)
def word_counts() -> Remembered:
    """``word_counts()[word]``: jieba's count of ``word``, 0 for a prefix of a word or a word it
    does not know (what ``word_frequencies().get(word, 0)`` gives, faster)."""
    return Remembered(partial(_count_or_zero, _trie()))


@lru_cache(maxsize=1)
def verbs() -> dict[str, tuple[str, int]]:
    """Verbs, adverbs, prepositions and conjunctions of two to four characters from jieba's
    dictionary with their tag and count (``VERB_TAGS``, at least ``VERB_MIN_FREQ``)."""
    table = {}
    for _, line in data_lines(_precomputed_text("jieba-verbs.tsv")):
        word, tag, freq = line.split("\t")
        table[word] = (tag, int(freq))
    return table


@lru_cache(maxsize=1)
def nouns() -> frozenset[str]:
    """Common two-character nouns and abbreviations in jieba's dictionary (同业, 中和)."""
    text = _precomputed_text("jieba-nouns.txt")
    return frozenset(line for _, line in data_lines(text))


def segmenter(words: Iterable[str], freq: int):
    """A ``jieba.Tokenizer`` on the shipped word counts, with ``words`` added at count ``freq``
    (cut with ``HMM=False``: the hidden Markov model is not loaded)."""
    import jieba

    jieba.setLogLevel(60)
    tokenizer = jieba.Tokenizer()
    table = WordFrequencies(_trie(), tables_info()["total"])  # its own: add_word writes to it
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = table, table.total, True
    for word in words:
        tokenizer.add_word(word, freq=freq)
    return tokenizer


@lru_cache(maxsize=1)
def pos_tagger():
    """jieba's part-of-speech tagger (``jieba.posseg.POSTokenizer``) on the shipped word counts,
    one per process: its tag table is read from jieba's dict.txt, about half a second. Cut
    with ``HMM=False``; ``pos_tagger().tokenizer`` is its segmenter (``segmenter((), 0)``)."""
    from jieba.posseg import POSTokenizer

    return POSTokenizer(segmenter((), 0))


class WordSegmenter:
    """jieba's ``Tokenizer.cut(text, HMM=False)`` on the shipped word counts with ``words``
    added at count ``freq`` (as ``segmenter`` makes it), without importing jieba: its import
    loads pkg_resources and its hidden Markov model's tables, a seventh of a second that a
    build spends for a few thousand cuts of short windows. The same cuts (a test compares
    them with jieba's): text split into blocks of Han characters, letters and digits, and
    the rest; a block cut along the most probable path of its word graph, single Latin
    letters and digits run together; the rest one character (or line break) at a time."""

    def __init__(self, words: Iterable[str], freq: int):
        trie = _trie()
        self.total = tables_info()["total"]
        added: dict[str, int] = {}
        for word in words:  # as jieba's add_word: the word, its prefixes, and the total
            added[word] = freq
            self.total += freq
            for end in range(1, len(word)):
                prefix = word[:end]
                if prefix not in added and prefix not in trie:
                    added[prefix] = 0
        # count, 0 for a prefix, None for neither (the trie asked directly: remembered here)
        self._counts = Remembered(partial(_added_or_count, added, trie))

    def cut(self, text: str, HMM: bool = False) -> Iterator[str]:  # HMM: jieba's keyword
        """The words of ``text``, in order (``HMM`` must be False: there is no model here)."""
        if HMM:
            raise ValueError("WordSegmenter cuts without the hidden Markov model (HMM=False)")
        for block in _JIEBA_BLOCK.split(text):
            if _JIEBA_BLOCK.fullmatch(block):
                yield from self._cut_block(block)
            else:
                for piece in _JIEBA_SKIP.split(block):
                    yield from ([piece] if _JIEBA_SKIP.fullmatch(piece) else piece)

    def _cut_block(self, block: str) -> Iterator[str]:
        route = self._route(block)
        start, letters = 0, ""
        while start < len(block):
            end = route[start] + 1
            word = block[start:end]
            if len(word) == 1 and _JIEBA_LATIN.match(word):
                letters += word
            else:
                if letters:
                    yield letters
                    letters = ""
                yield word
            start = end
        if letters:
            yield letters

    def _route(self, block: str) -> list[int]:
        """The last index of the word starting at each position on the most probable path
        (jieba's ``get_DAG`` and ``calc``: log counts, ties to the longer word)."""
        log_total = log(self.total)
        best: list[tuple[float, int]] = [(0.0, 0)] * (len(block) + 1)
        for start in range(len(block) - 1, -1, -1):
            top = (-float("inf"), -1)  # a plain loop: cheaper than max() over a generator
            for end, count in self._words_at(block, start) or [(start, 1)]:  # no word: the character, count 1
                option = (log(count) - log_total + best[end + 1][0], end)
                if option > top:
                    top = option
            best[start] = top
        return [end for _, end in best[:-1]]

    def _words_at(self, block: str, start: int) -> list[tuple[int, int]]:
        """(last index, count) of the words starting at ``start`` (jieba's DAG: walk on while
        the piece is a word or a prefix of one)."""
        counts, words, end = self._counts, [], start
        while end < len(block):
            count = counts[block[start:end + 1]]
            if count is None:
                break
            if count:
                words.append((end, count))
            end += 1
        return words


_JIEBA_BLOCK = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)")  # jieba's re_han_default
_JIEBA_SKIP = re.compile(r"(\r\n|\s)")  # jieba's re_skip_default
_JIEBA_LATIN = re.compile("[a-zA-Z0-9]")  # jieba's re_eng


# -------------------------------------------------------------------------- pinyin slugs


def pinyin_slug(name: str) -> str:
    """A name's IRI slug: its pinyin syllables joined by hyphens (``shang-hai``), with the
    readings of data/pinyin-phrases.tsv; ``x-`` and a SHA-1 prefix when it has no letters.
    Taken from the shipped table, else from the slugs earlier runs computed (``SlugMemory``),
    else computed with pypinyin (and remembered)."""
    cached = _shipped_slugs().get(name)
    if cached is not None:
        return cached
    memory = _slug_memory()
    slug = memory.get(name)
    if slug is None:
        slug = computed_slug(name)
        memory.remember(name, slug)
    return slug


def computed_slug(name: str) -> str:
    """``pinyin_slug`` computed with pypinyin, never from the precomputed table."""
    from pypinyin import lazy_pinyin

    _load_phrases()
    syllables = lazy_pinyin(name, errors="default")
    slug = "-".join(s.strip().lower() for s in syllables if s.strip())
    slug = re.sub(r"[^a-z0-9]+", "-", slug).strip("-")
    return slug or "x-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:6]


def slug_sources() -> dict[str, str]:
    """What the slugs depend on: pypinyin's version and the checksum of the phrase readings."""
    from importlib import metadata

    phrases = data_bytes("plankg.extract", PHRASES)
    return {"pypinyin": metadata.version("pypinyin"), "phrases_sha256": hashlib.sha256(phrases).hexdigest()}


@lru_cache(maxsize=1)
def _shipped_slugs() -> dict[str, str]:
    """The precomputed slugs, or none when pypinyin or the phrase readings changed since."""
    info = tables_info()
    if any(info.get(key) != value for key, value in slug_sources().items()):
        return {}
    slugs = {}
    for _, line in data_lines(_precomputed_text("pinyin-slugs.tsv")):
        name, slug = line.split("\t")
        slugs[name] = slug
    return slugs


class SlugMemory:
    """Slugs computed with pypinyin by earlier runs, in plankg's cache directory
    (``pinyin-slugs-{digest}.tsv``: a ``name<TAB>slug`` line each, appended as they are
    computed), so that building a document again does not import pypinyin (a quarter of a
    second) for the names the shipped table lacks. Only speed depends on it: a missing,
    unreadable or unwritable file is an empty memory, and the digest (of ``slug_sources``)
    names a new file when pypinyin or the phrase readings change. Concurrent builds append
    whole lines (one ``O_APPEND`` write each); past ``LIMIT`` bytes nothing is added."""

    LIMIT = 8 * 2**20

    def __init__(self, path: Path | None):
        self.path = path
        self.slugs: dict[str, str] = {}
        try:
            text = path.read_text("utf-8", errors="replace") if path is not None else ""
        except OSError:
            text = ""
        for line in text.splitlines():
            name, tab, slug = line.partition("\t")
            if tab and slug:
                self.slugs[name] = slug

    def get(self, name: str) -> str | None:
        """The slug an earlier run computed for ``name``."""
        return self.slugs.get(name)

    def remember(self, name: str, slug: str) -> None:
        """Keep ``name``'s slug for later runs (names with a tab or a line break are not kept)."""
        self.slugs[name] = slug
        if self.path is None or any(ch in name for ch in "\t\r\n"):
            return
        try:
            if self.path.exists() and self.path.stat().st_size > self.LIMIT:
                return
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            try:
                os.write(handle, f"{name}\t{slug}\n".encode())
            finally:
                os.close(handle)
        except OSError:
            return


@lru_cache(maxsize=1)
def _slug_memory() -> SlugMemory:
    from ..caching import cache_dir

    sources = "\0".join(f"{key}={value}" for key, value in sorted(slug_sources().items()))
    digest = hashlib.sha256(sources.encode()).hexdigest()[:16]
    return SlugMemory(cache_dir() / f"pinyin-slugs-{digest}.tsv")


@lru_cache(maxsize=1)
def _load_phrases() -> None:
    from pypinyin import load_phrases_dict

    phrases = {}
    for _, line in data_lines(data_text("plankg.extract", PHRASES)):
        phrase, reading = line.split("\t")
        phrases[phrase] = [[s] for s in reading.split()]
    load_phrases_dict(phrases)


def lengths_by(words: Iterable[str], part: Callable[[str], str] = lambda word: word[0]) -> dict[str, tuple[int, ...]]:
    """A part of a word (by default its first character; its last two, …) -> the lengths of
    the words with that part, longest first: a position in a text is checked only for the
    lengths a word that has the part there can have (thousands of place names and verbs)."""
    lengths: dict[str, set[int]] = {}
    for word in words:
        lengths.setdefault(part(word), set()).add(len(word))
    return {key: tuple(sorted(n, reverse=True)) for key, n in lengths.items()}
