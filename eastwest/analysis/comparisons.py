"""The comparisons the chapters draw, computed from data/facts.csv.

Every selection is by indicator and attributes (comparability class, status, scope, unit,
pairing, whether a fact is a component), never by a list of fact ids: a new source flows into
every comparison whose indicators it reports. Each chart lists the facts it drew.
"""

from __future__ import annotations

import pandas as pd

from eastwest.core.paths import PROJECT
from eastwest.dataset.attribution import unit_kind
from eastwest.reader import wording
from eastwest.reference.context import load_context


def pick(facts: pd.DataFrame, ids: list[str]) -> pd.DataFrame:
    """Rows for the given fact ids, in that order; a missing id is an error, not a gap."""
    indexed = facts.set_index("fact_id", drop=False)
    missing = [i for i in ids if i not in indexed.index]
    if missing:
        raise KeyError(f"fact id(s) not in data/facts.csv: {', '.join(missing)}")
    return indexed.loc[ids].reset_index(drop=True)


def flag_count(facts: pd.DataFrame, flag: str) -> int:
    return int(facts["flag_list"].map(lambda flags: flag in flags).sum())


def theme_facts(facts: pd.DataFrame, theme: str) -> pd.DataFrame:
    return facts[facts.theme == theme].sort_values(["source_id", "quote_start"]).reset_index(drop=True)


def source_year(sources: pd.DataFrame) -> pd.DataFrame:
    """Each source's date as a fractional year, and whether it is an estimate."""
    out = sources.copy()
    out["date_used"] = [p if s == "as_given" else e for p, s, e in zip(out.published, out.date_status, out.date_estimate)]
    out["estimated"] = out.date_status != "as_given"
    out["year_float"] = out["date_used"].map(year_float)
    return out


def year_float(text: str) -> float:
    start = text.split("/")[0]
    parts = [int(p) for p in start.split("-")]
    year, month = parts[0], (parts[1] if len(parts) > 1 else 7)
    return year + (month - 0.5) / 12


def row_labels(facts: pd.DataFrame) -> pd.Series:
    """A fact's row in a table of facts per pairing: its pairing's, group's or credited helper's
    label; every background fact in the one background row, whatever helper it names."""
    return facts["programme_label"].where(facts["programme"] != "", wording.BACKGROUND)


def evidence_matrix(facts: pd.DataFrame) -> pd.DataFrame:
    """Facts per programme pairing (rows, most documented first, background last) and theme."""
    facts = facts.assign(programme_label=row_labels(facts))
    table = facts.pivot_table(index="programme_label", columns="theme", values="fact_id", aggfunc="count", fill_value=0)
    table = table.reindex(columns=list(wording.THEME_LABELS), fill_value=0)
    order = [p for p in table.sum(axis=1).sort_values(ascending=False).index if p != wording.BACKGROUND]
    return table.loc[order + ([wording.BACKGROUND] if wording.BACKGROUND in table.index else [])]


def paired_facts(facts: pd.DataFrame) -> pd.DataFrame:
    """Facts that belong to one pairing (the rest is background about a province or the nation)."""
    return facts[facts.programme != ""]


# --- Selections by indicator and attributes ----------------------------------------------------

WHOLE_SCOPES = ("cumulative", "annual", "period_total")  # totals, not one event or a stock


def is_part(facts: pd.DataFrame) -> pd.Series:
    """Facts that are a component of another fact of the same source (flag part_of_total)."""
    return facts["flag_list"].map(lambda flags: "part_of_total" in flags)


def part_of_a_total_of_its_kind(facts: pd.DataFrame) -> pd.Series:
    """Components whose source also gives a whole figure of the same indicator for the same
    pairing: shown beside that total, the part would be counted twice. A component of a count of
    another kind (trainees who started a business, of all those trained) is its source's only
    figure of its own kind, and is not one of these."""
    parts = is_part(facts)
    wholes = set(map(tuple, facts.loc[~parts, ["source_id", "programme", "indicator"]].to_numpy()))
    keys = map(tuple, facts[["source_id", "programme", "indicator"]].to_numpy())
    return parts & pd.Series([key in wholes for key in keys], index=facts.index, dtype=bool)


def select(
    facts: pd.DataFrame,
    *,
    indicators=None,
    comparability=None,
    status=None,
    scope=None,
    unit=None,
    parts: bool | str | None = False,
) -> pd.DataFrame:
    """Facts chosen by their attributes; `parts` False drops components, True keeps only them,
    None keeps both, "own_kind" keeps a component only where its source gives no whole figure of
    its indicator (part_of_a_total_of_its_kind). Ordered by pairing, then report date, then source order."""
    mask = pd.Series(True, index=facts.index)
    for column, wanted in (
        ("indicator", indicators),
        ("comparability", comparability),
        ("status", status),
        ("scope", scope),
        ("unit", unit),
    ):
        if wanted is not None:
            mask &= facts[column].isin([wanted] if isinstance(wanted, str) else list(wanted))
    if parts == "own_kind":
        mask &= ~part_of_a_total_of_its_kind(facts)
    elif parts is not None:
        mask &= is_part(facts) == parts
    chosen = facts[mask].copy()
    chosen["report_date"] = chosen["period"].map(report_date)
    return chosen.sort_values(["programme_label", "report_date", "source_id", "quote_start"], kind="stable").reset_index(
        drop=True
    )


def report_date(period: str) -> str:
    """The date a figure runs to: '2017-03/2021-02' -> '2021-02'; '2016/2017' -> '2017'; '2018' -> '2018'."""
    start, _, end = period.partition("/")
    return end or start


_MATCH_KEYS = ["source_id", "programme", "period", "scope", "status", "breakdown"]


def _attach(left: pd.DataFrame, right: pd.DataFrame, prefix: str) -> pd.DataFrame:
    """Attach to each left fact the one right fact with the same source, pairing, period, scope,
    status and breakdown (value and id under `prefix`); none or several leave it empty."""
    unique = right.drop_duplicates(_MATCH_KEYS, keep=False)[[*_MATCH_KEYS, "fact_id", "value"]]
    unique = unique.rename(columns={"fact_id": f"{prefix}_fact_id", "value": prefix})
    return left.merge(unique, on=_MATCH_KEYS, how="left")


def with_partners(table: pd.DataFrame, facts: pd.DataFrame, partner_columns: list[str]) -> pd.DataFrame:
    """The drawn facts plus the partner facts attached to them (for captions and data downloads)."""
    ids = list(table["fact_id"]) + [i for c in partner_columns for i in table[c].dropna()]
    return select(facts[facts.fact_id.isin(ids)], parts=None)


# --- Industry ----------------------------------------------------------------------------------


# Words by which a source says its funds went "mainly" to the projects it counts (主要用于,
# 重点支持): the funds may have paid for other projects too, so funds per project is an upper bound.
MAINLY_WORDS = ("主要", "重点")


def says_mainly(quote: str) -> bool:
    return any(word in quote for word in MAINLY_WORDS)


def aid_funds(facts: pd.DataFrame) -> pd.DataFrame:
    """Aid money per pairing and report (totals, not components or single events), with the
    project count the same sentence or report gives for the same period, where there is one;
    `per_project_at_most` where the source says the funds went mainly to those projects."""
    funds = select(facts, comparability="aid_money", scope=WHOLE_SCOPES)
    projects = select(facts, indicators="aid_projects", scope=WHOLE_SCOPES)
    table = _attach(funds, projects, "projects")
    table["funds_per_project"] = table["value"] / table["projects"]
    project_quotes = table["projects_fact_id"].map(projects.set_index("fact_id")["quote"]).fillna("")
    table["per_project_at_most"] = [
        bool(p == p) and (says_mainly(q) or says_mainly(f)) for p, q, f in zip(table["projects"], project_quotes, table["quote"])
    ]
    return table


def repeated_reports(facts: pd.DataFrame) -> pd.DataFrame:
    """Cumulative achieved aid of one indicator reported for the same pairing at more than one date."""
    table = aid_funds(facts)
    table = table[(table.scope == "cumulative") & (table.status == "achieved") & (table.programme != "")]
    dates = table.groupby(["programme", "indicator"])["report_date"].transform("nunique")
    return table[dates > 1].reset_index(drop=True)


def aid_split(facts: pd.DataFrame) -> pd.DataFrame:
    """The richest breakdown of aid funds by purpose: components of one source, pairing and period
    (at least three), with each component's projects and the report's own stated project total."""
    parts = select(facts, indicators="fiscal_aid_funds", parts=True)
    parts = parts[parts.breakdown != ""]
    groups = parts.groupby(["source_id", "programme", "period", "scope"]).size()
    groups = groups[groups >= 3]
    if groups.empty:
        return parts.iloc[0:0].assign(
            projects=pd.Series(dtype=float),
            projects_fact_id=pd.Series(dtype=str),
            stated_projects=pd.Series(dtype=float),
            stated_projects_fact_id=pd.Series(dtype=str),
        )
    source_id, programme, period, scope = groups.sort_values(ascending=False, kind="stable").index[0]
    chosen = parts[
        (parts.source_id == source_id) & (parts.programme == programme) & (parts.period == period) & (parts.scope == scope)
    ]
    table = _attach(chosen, select(facts, indicators="aid_projects", parts=True), "projects")
    stated = select(facts, indicators="aid_projects")
    stated = stated[
        (stated.source_id == source_id) & (stated.programme == programme) & (stated.period == period) & (stated.scope == scope)
    ]
    table["stated_projects"] = stated["value"].iloc[0] if len(stated) == 1 else float("nan")
    table["stated_projects_fact_id"] = stated["fact_id"].iloc[0] if len(stated) == 1 else None
    return table.sort_values("value", ascending=False, kind="stable").reset_index(drop=True)


def money_compared(facts: pd.DataFrame) -> pd.DataFrame:
    """For pairings that report both, aid money next to firms' and lenders' money (achieved, not components)."""
    aid = select(facts, comparability="aid_money", status="achieved", unit="yuan", scope=WHOLE_SCOPES)
    firms = select(facts, comparability="enterprise_money", status="achieved", unit="yuan")
    money = pd.concat([aid, firms], ignore_index=True)
    both = money.groupby("programme")["comparability"].transform("nunique") == 2
    chosen = money[both & (money.programme != "")]
    return chosen.sort_values(["programme_label", "comparability", "report_date"], kind="stable").reset_index(drop=True)


# --- Talent ------------------------------------------------------------------------------------


def talent_flows(facts: pd.DataFrame) -> pd.DataFrame:
    """People moving between the sides within one pairing (cadres and professionals, counted as
    people, achieved); person-times and quotas are counted differently and kept off this axis."""
    flows = select(facts, comparability=["cadres_moved", "professionals_moved"], status="achieved", unit="person")
    return flows[flows.programme != ""].reset_index(drop=True)


def quotas(facts: pd.DataFrame, comparability="professionals_moved") -> pd.DataFrame:
    """What a pairing is meant to send each year: quotas, never counts of what happened."""
    return select(facts, comparability=comparability, status="quota")


TRAINEE_INDICATORS = ["cadres_trained", "trainees_person_times", "local_people_trained"]


def training(facts: pd.DataFrame) -> pd.DataFrame:
    """Training classes with the people trained in them (same source, pairing, period and breakdown)."""
    classes = select(facts, indicators="training_classes", status="achieved")
    trainees = select(facts, indicators=TRAINEE_INDICATORS, status="achieved")
    table = _attach(classes, trainees, "people")
    table = table[table.people.notna()].reset_index(drop=True)
    people = trainees.set_index("fact_id")
    table["people_unit"] = table["people_fact_id"].map(people["unit"])
    table["people_qualifier"] = table["people_fact_id"].map(people["qualifier"])
    table["people_description"] = table["people_fact_id"].map(people["description"])
    table["people_indicator_label"] = table["people_fact_id"].map(people["indicator_label"])
    table["per_class"] = table["people"] / table["value"]
    return table


# --- Labour ------------------------------------------------------------------------------------


def job_fair_stages(facts: pd.DataFrame, vocabulary: pd.DataFrame) -> pd.DataFrame:
    """The most complete job fair in the corpus: its stages (people only, in the vocabulary's
    order), as one source reports one event."""
    stages = select(facts, comparability="job_fair", unit="person", scope="event")
    if stages.empty:
        return stages
    sizes = stages.groupby(["source_id", "programme", "period"]).size().sort_values(ascending=False, kind="stable")
    source_id, programme, period = sizes.index[0]
    event = stages[(stages.source_id == source_id) & (stages.programme == programme) & (stages.period == period)].copy()
    order = {indicator: position for position, indicator in enumerate(vocabulary["indicator"])}
    event["stage_order"] = event["indicator"].map(order)
    return event.sort_values("stage_order", kind="stable").reset_index(drop=True)


def job_fair_context(facts: pd.DataFrame, event: pd.DataFrame) -> pd.DataFrame:
    """The same fair's other counts (employers, positions): not people, so not on the people axis."""
    if event.empty:
        return event
    first = event.iloc[0]
    others = select(facts, comparability="job_fair", scope="event")
    return others[
        (others.source_id == first.source_id)
        & (others.programme == first.programme)
        & (others.period == first.period)
        & (others.unit != "person")
    ].reset_index(drop=True)


def theme_share_by_source(facts: pd.DataFrame, theme: str) -> pd.DataFrame:
    """Per source: all its facts, and how many fall in one theme."""
    return facts.groupby("source_id").agg(total=("fact_id", "count"), in_theme=("theme", lambda t: int((t == theme).sum())))


# --- Consumption -------------------------------------------------------------------------------


def sales(facts: pd.DataFrame) -> pd.DataFrame:
    """Purchases and sales of the receiving side's products, realised or expected, not components."""
    return select(facts, comparability="sales_money")


STATUSES = ["achieved", "planned", "expected", "target", "quota"]


def status_by_pairing(facts: pd.DataFrame) -> pd.DataFrame:
    """Facts per programme pairing (most first) and status; only statuses that occur."""
    facts = facts.assign(programme_label=row_labels(facts))
    table = facts.pivot_table(index="programme_label", columns="status", values="fact_id", aggfunc="count", fill_value=0)
    table = table.reindex(columns=[c for c in STATUSES if c in table.columns])
    return table.loc[table.sum(axis=1).sort_values(ascending=False).index]


# --- Synthesis --------------------------------------------------------------------------------

CAVEAT_FLAGS = {
    "period_inferred": "period inferred from the article date",
    "year_missing_in_source": "year lost in the surviving copy",
    "number_missing_in_source": "number lost in the surviving copy",
    "claim_unverified": "self-declared 'first' claim",
}
NOT_ACHIEVED = "not achieved (planned, forecast, target or quota)"


def caveats_by_source(facts: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for sid, group in facts.groupby("source_id"):
        row = {"source_id": sid, "facts": len(group)}
        for flag in CAVEAT_FLAGS:
            row[flag] = flag_count(group, flag)
        row["not_achieved"] = int((group.status != "achieved").sum())  # quotas included, unlike the 'planned' flag
        row["qualified"] = int((group.qualifier != "exact").sum())
        rows.append(row)
    table = pd.DataFrame(rows)
    meta = sources.set_index("source_id")
    table["genre"] = table.source_id.map(meta["genre"])
    return table


def context_figures(paths=PROJECT) -> pd.DataFrame:
    """Outside figures that frame the chapters (never mixed into facts.csv), checked as the build checks them."""
    return load_context(paths)


def profiled_pairings(facts: pd.DataFrame) -> set[str]:
    """The pairings that get a profile page: those with a fact of their own, or with a figure shown
    beside their own (a group's they belong to, a helper's credited beside them)."""
    own = {p for p in facts["programme"] if unit_kind(p) == "pairing"}
    return own | {p for shown in facts["shown_on"] for p in shown.split(";") if p}
