"""The Chinese method page's drafting table says what the English one says, from the same results."""

from __future__ import annotations

import re

import pytest

from eastwest.draft import agreement_zh
from eastwest.draft.agreement import FIELD_LABELS, TARGETS, agreement_markdown

pytestmark = pytest.mark.fast


def _result(share: float, missed: set[str] = frozenset(), unverbatim: int = 0) -> dict:
    return {
        "shares_percent": {key: share - (20 if key in missed else 0) for key in FIELD_LABELS},
        "targets_met": {key: key not in missed for key in TARGETS},
        "curated_facts_with_number": 120,
        "sources": 6,
        "proposals_not_verbatim": unverbatim,
    }


def _table(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("|")]


def test_the_chinese_table_has_the_english_rows_columns_and_figures():
    results = {"Seeds": _result(97.5), "Held-out": _result(91.25, missed={"unit", "scope"})}
    english = agreement_markdown(results, "2030-01-02")
    chinese = agreement_zh.agreement_markdown_zh(results, "2030-01-02")
    assert len(_table(english)) == len(_table(chinese))
    for en, zh in zip(_table(english), _table(chinese)):
        assert en.count("|") == zh.count("|")
        assert re.findall(r"\d+(?:\.\d+)?", en.split("|", 2)[2]) == re.findall(r"\d+(?:\.\d+)?", zh.split("|", 2)[2])
    assert chinese.startswith("2030年1月2日")
    assert f"达到表中{len(TARGETS) + 1}项目标中的{len(TARGETS) - 1}项" in chinese
    assert "单位" in chinese.splitlines()[-1] and "口径" in chinese.splitlines()[-1]
    assert not re.search(r"[A-Za-z]{4,}", chinese.replace("make bench", "").replace("python -m eastwest agreement", ""))


def test_a_field_or_set_without_a_chinese_name_is_an_error_naming_it(monkeypatch):
    with pytest.raises(KeyError, match="Another set"):
        agreement_zh.agreement_table_zh({"Another set": _result(90.0)})
    monkeypatch.setattr(agreement_zh, "FIELD_LABELS", {**FIELD_LABELS, "new_field": "new field"})
    with pytest.raises(KeyError, match="new_field"):
        agreement_zh.agreement_table_zh({"Seeds": _result(90.0)})
