"""plankg.datafiles: the one way plankg's data files are read."""
from __future__ import annotations

from plankg.datafiles import data_lines


def test_data_lines_skip_blank_and_comment_lines_and_keep_their_numbers():
    text = "# source: ours\n甲\t1\n\n   \n  # an indented comment\n\t乙\t2\n#\n丙\n"
    assert list(data_lines(text)) == [(2, "甲\t1"), (6, "\t乙\t2"), (8, "丙")]


def test_no_generic_word_is_a_name_of_the_lexicon():
    """generic.txt's rule: a category word there is never a lexicon name or alias (the lexicon
    would find it, the generic list would deny it)."""
    from plankg.extract.discovery.rules import discovery_rules
    from plankg.extract.lexicon import load_lexicon

    lexicon = load_lexicon((), shipped=True)
    assert sorted(discovery_rules().generic_names & set(lexicon.by_surface)) == []


def test_no_lexicon_name_starts_with_a_quotation_mark():
    """The guide: a name never starts with a quotation mark. A scheme written “X”行动 is named X
    (the quoted rule finds it); a lexicon form “X”行动 would swallow the kind words after it."""
    from plankg.extract.lexicon import load_lexicon

    lexicon = load_lexicon((), shipped=True)
    assert sorted(s for s in lexicon.by_surface if s.startswith(("“", "‘", "\""))) == []
