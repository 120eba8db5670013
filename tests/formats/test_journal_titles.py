"""Journal titles in sentence case (NLM) or capitals (Web of Science), in title case."""

from __future__ import annotations

import pytest

from sarcref.formats.journal_titles import journal_title


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("Current opinion in pediatrics", "Current Opinion in Pediatrics"),
        ("CURRENT OPINION IN PEDIATRICS", "Current Opinion in Pediatrics"),
        ("BMJ (Clinical research ed.)", "BMJ (Clinical Research Ed.)"),
        ("PLoS medicine", "PLoS Medicine"),
        ("The New England journal of medicine", "The New England Journal of Medicine"),
        ("Methods (San Diego, Calif.)", "Methods (San Diego, Calif.)"),
        ("JAMA", "JAMA"),
        ("Nature", "Nature"),
    ],
)
def test_journal_titles(stored: str, shown: str) -> None:
    assert journal_title(stored) == shown
