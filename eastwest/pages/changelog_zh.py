"""The Chinese edition history's entry for an edition (zh/CHANGELOG.md), computed from the same
changes as the English entry (eastwest.pages.changelog): the data part is never typed; the part on
the book is the notes given in Chinese (`edition cut --notes-zh`), or says that none were given."""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from eastwest.dataset import editions
from eastwest.reader.wording_zh import date_zh

CHANGELOG_ZH = "zh/CHANGELOG.md"
NO_NOTES_ZH = "本版未就报告本身写明更新说明。"


@lru_cache(maxsize=1)
def _indicator_labels() -> dict[str, str]:
    """Each indicator's Chinese name (data/reference/indicators.yml)."""
    from eastwest.reference.vocabulary import load_vocabulary

    return {key: indicator.label_zh for key, indicator in load_vocabulary().indicators.items()}


def _indicator(indicator: str) -> str:
    return _indicator_labels().get(indicator) or indicator


def _facts(n: int) -> str:
    return f"{n}条事实"


def _by_source(frame: pd.DataFrame, labels_zh: dict[str, str]) -> list[str]:
    return [
        f"- {labels_zh.get(source_id, label)}：{sum(n for _, n in counts)}条（"
        + "、".join(f"{_indicator(indicator)}{n}条" for indicator, n in counts)
        + "）"
        for source_id, label, counts in editions.by_source_and_indicator(frame)
    ]


def data_section_zh(changes: editions.Changes, after: pd.DataFrame, previous: str | None, labels_zh: dict[str, str]) -> str:
    """The entry's account of the data in Chinese; `labels_zh` names each source by its id."""
    n_sources = after.source_id.nunique()
    if previous is None:
        lines = [
            f"这是有记录的第一版：更早版本的事实没有保存下来，因此无法计算此前的变化。这一版来自{n_sources}篇资料的全部"
            f"{_facts(len(after))}都列为新增，按资料和指标分列；下一版的变化将对照这一版的记录计算。"
        ]
    else:
        lines = [
            f"来自{n_sources}篇资料的{_facts(len(after))}。自{previous}版以来：新增{len(changes.added)}条，"
            f"更正{len(changes.corrected)}条，删除{len(changes.removed)}条。"
        ]
    if changes.empty:
        lines += ["", "没有新增、更正或删除任何事实。"]
    if not changes.added.empty:
        lines += ["", f"**新增**（{_facts(len(changes.added))}）：", "", *_by_source(changes.added, labels_zh)]
    if changes.corrected:
        lines += ["", f"**更正**（{_facts(len(changes.corrected))}）：", ""]
        for c in changes.corrected:
            what = "；".join(f"{name}：{old or '（无）'} → {new or '（无）'}" for name, (old, new) in c.changes.items())
            lines.append(f"- {labels_zh.get(c.source_id, c.source)}，{_indicator(c.indicator)}：{what}（事实 {c.fact_id}）")
    if not changes.removed.empty:
        lines += ["", f"**删除**（{_facts(len(changes.removed))}）：", "", *_by_source(changes.removed, labels_zh)]
    return "\n".join(lines)


def entry_zh(
    version: str,
    date: str,
    notes_zh: str,
    changes: editions.Changes,
    after: pd.DataFrame,
    previous: str | None,
    labels_zh: dict[str, str],
) -> str:
    return (
        f"## {version}版，{date_zh(date)}\n\n### 报告\n\n{notes_zh.strip() or NO_NOTES_ZH}\n\n"
        f"### 数据\n\n{data_section_zh(changes, after, previous, labels_zh)}\n"
    )
