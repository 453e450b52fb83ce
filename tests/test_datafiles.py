"""plankg.datafiles: the one way plankg's data files are read."""
from __future__ import annotations

from plankg.datafiles import data_lines


def test_data_lines_skip_blank_and_comment_lines_and_keep_their_numbers():
    text = "# source: ours\n甲\t1\n\n   \n  # an indented comment\n\t乙\t2\n#\n丙\n"
    assert list(data_lines(text)) == [(2, "甲\t1"), (6, "\t乙\t2"), (8, "丙")]
