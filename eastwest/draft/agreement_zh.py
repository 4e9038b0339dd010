"""The drafting agreement's table for the Chinese method page (bench/draft_agreement_zh.md), from
the same results as the English one (agreement.agreement_markdown): the same rows, columns,
shares and verdict, in Chinese."""

from __future__ import annotations

from eastwest.draft.agreement import FIELD_LABELS, TARGETS, TWO_PEOPLE

FIELD_LABELS_ZH = {
    "recall": "人工标注的事实被找到的比例（召回率）",
    "precision": "草稿所提中确为事实的比例（精确率）",
    "value": "数值",
    "unit": "单位",
    "qualifier": "限定词",
    "status": "状态（已实现、计划等）",
    "scope": "口径（年度、累计等）",
    "theme": "主题",
    "indicator": "指标",
    "period": "时间",
    "east": "帮扶方",
    "west": "受援方",
}
SET_NAMES_ZH = {"Seeds": "种子资料", "Development": "开发集", "Held-out": "留出集", TWO_PEOPLE: "两人之间"}
NOT_VERBATIM_ZH = "引文非原文照录"


def _set_name(name: str) -> str:
    if name not in SET_NAMES_ZH:
        raise KeyError(f"article set {name!r} has no Chinese name in eastwest.draft.agreement_zh.SET_NAMES_ZH")
    return SET_NAMES_ZH[name]


def agreement_table_zh(results: dict[str, dict]) -> list[str]:
    """The rows of agreement.agreement_table, in Chinese."""
    missing = set(FIELD_LABELS) - set(FIELD_LABELS_ZH)
    if missing:
        raise KeyError(f"fields without a Chinese label in eastwest.draft.agreement_zh.FIELD_LABELS_ZH: {sorted(missing)}")
    lines = [
        "| 字段 | " + " | ".join(_set_name(n) for n in results) + " | 目标 |",
        "|---|" + "---|" * len(results) + "---|",
    ]
    for key in FIELD_LABELS:
        cells = [f"{r['shares_percent'][key]:.1f}%" for r in results.values()]
        target = TARGETS.get(key)
        lines.append(f"| {FIELD_LABELS_ZH[key]} | " + " | ".join(cells) + f" | {f'≥ {target:.0f}%' if target else '—'} |")
    lines.append(
        "| 含数字的事实（文章篇数） | "
        + " | ".join(f"{r['curated_facts_with_number']}（{r['sources']}篇）" for r in results.values())
        + " | |"
    )
    lines.append(f"| {NOT_VERBATIM_ZH} | " + " | ".join(str(r["proposals_not_verbatim"]) for r in results.values()) + " | 0 |")
    return lines


def agreement_markdown_zh(results: dict[str, dict], measured_on: str) -> str:
    """The Chinese method page's table and its account (`make bench` writes it beside the English)."""
    year, month, day = (int(part) for part in measured_on.split("-"))
    lines = [
        f"{year}年{month}月{day}日由 `make bench` 测得（`python -m eastwest agreement` 输出同一张表）。"
        "*种子资料*是本报告的资料，起草规则最初据此写成；*开发集*是本项目按这类文章的其他常见形式"
        "（政府通知、门户网站转载、一文报道多个结对、规划、繁体转载等）自行撰写的文章，规则在其上调整；"
        "*留出集*是以同样方式撰写、但规则从不据以调整的文章。每篇文章都从头起草，再与人工标注比较："
        "*召回率*指人工标注的含数字事实中，草稿在原文同一位置提出的比例；*精确率*指草稿所提中确为这类事实的比例；"
        "其余各字段指人工标注的事实中，草稿该字段正确的比例。目标是起草规则在并非据以写成的文章上必须达到的水平。"
        "*两人之间*一栏在第二位标注者独立（不看答案）标注过的开发集文章上，以同样方法比较其标注与标准答案，"
        "即两个细心的人能一致到什么程度。",
        "",
        *agreement_table_zh(results),
    ]
    held = results.get("Held-out")
    if held:
        met = {FIELD_LABELS_ZH[k]: ok for k, ok in held["targets_met"].items()}
        met[NOT_VERBATIM_ZH] = held["proposals_not_verbatim"] == 0
        missed = [label for label, ok in met.items() if not ok]
        lines += [
            "",
            f"在留出集文章上，草稿达到表中{len(met)}项目标中的{len(met) - len(missed)}项"
            + (f"；未达到的是：{'；'.join(missed)}。" if missed else "。"),
        ]
    return "\n".join(lines) + "\n"
