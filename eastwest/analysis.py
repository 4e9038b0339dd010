"""The comparisons the chapters draw, computed from data/facts.csv.

Selections name fact ids explicitly where a chart compares particular facts, so a reader
(and the tests) can see exactly which sentences a chart rests on.
"""
from __future__ import annotations

import pandas as pd

from . import load
from .paths import PROJECT

def pick(facts: pd.DataFrame, ids: list[str]) -> pd.DataFrame:
    """Rows for the given fact ids, in that order; a missing id is an error, not a gap."""
    indexed = facts.set_index("fact_id", drop=False)
    missing = [i for i in ids if i not in indexed.index]
    if missing:
        raise KeyError(f"fact id(s) not in data/facts.csv: {', '.join(missing)}")
    return indexed.loc[ids].reset_index(drop=True)


def pick_labelled(facts: pd.DataFrame, selection: list[tuple[str, str]], column: str) -> pd.DataFrame:
    """Rows for a (fact id, label) selection, with the labels in `column`."""
    picked = pick(facts, [fact_id for fact_id, _ in selection])
    picked[column] = [label for _, label in selection]
    return picked


def flag_count(facts: pd.DataFrame, flag: str) -> int:
    return int(facts["flag_list"].map(lambda flags: flag in flags).sum())


def theme_facts(facts: pd.DataFrame, theme: str) -> pd.DataFrame:
    return facts[facts.theme == theme].sort_values(["source_id", "quote_start"]).reset_index(drop=True)


def source_year(sources: pd.DataFrame) -> pd.DataFrame:
    """Each source's date as a fractional year, and whether it is an estimate."""
    out = sources.copy()
    out["date_used"] = [p if s == "as_given" else e for p, s, e in zip(out.published, out.date_status, out.date_estimate)]
    out["estimated"] = out.date_status != "as_given"
    out["year_float"] = out["date_used"].map(_year_float)
    return out


def _year_float(text: str) -> float:
    start = text.split("/")[0]
    parts = [int(p) for p in start.split("-")]
    year, month = parts[0], (parts[1] if len(parts) > 1 else 7)
    return year + (month - 0.5) / 12


def evidence_matrix(facts: pd.DataFrame) -> pd.DataFrame:
    """Facts per programme pairing (rows, most documented first, background last) and theme."""
    table = facts.pivot_table(index="programme_label", columns="theme", values="fact_id", aggfunc="count", fill_value=0)
    table = table.reindex(columns=list(load.THEME_LABELS), fill_value=0)
    order = [p for p in table.sum(axis=1).sort_values(ascending=False).index if p != load.BACKGROUND]
    return table.loc[order + ([load.BACKGROUND] if load.BACKGROUND in table.index else [])]


# --- Industry -------------------------------------------------------------------------------

AID_FUNDS = [  # (funds fact, projects fact or None): fiscal aid for projects, by pairing and report
    ("002-aid-funds", "002-aid-projects"),
    ("000-industry-aid-funds", "000-industry-projects"),
    ("001-aid-funds", "001-aid-projects"),
    ("004-aid-funds-2016-2017", None),
    ("004-aid-funds-2018", "004-aid-projects-2018"),
    ("003-industry-projects-planned-funds", "003-industry-projects"),
]
ZJG_YANHE_TWO_DATES = [("002-aid-funds", "002-aid-projects"), ("000-industry-aid-funds", "000-industry-projects")]
QBJ_2017_SPLIT = [
    ("housing safety", "004-funds-2017-housing", "004-projects-2017-housing"),
    ("compulsory education", "004-funds-2017-education", "004-projects-2017-education"),
    ("basic medical care", "004-funds-2017-health", "004-projects-2017-health"),
    ("village infrastructure", "004-funds-2017-village-infrastructure", "004-projects-2017-village-infrastructure"),
    ("industrial development", "004-funds-2017-industry", "004-projects-2017-industry"),
    ("other", "004-funds-2017-other", "004-projects-2017-other"),
]
QBJ_2017_TOTAL_PROJECTS = "004-projects-2017-total"
INVESTMENT_VS_AID = [
    ("000-industry-aid-funds", "fiscal aid for projects"),
    ("000-investment-funds-in-place", "investment attracted, in place"),
    ("000-suyu-fair-investment", "investment signed at one promotion meeting"),
    ("001-aid-funds", "aid funds of all kinds secured"),
    ("001-cdb-loan-quota", "bank loan quota for the co-built park"),
]
DIVIDEND_SPLIT = ["001-dividend-share-poor", "001-dividend-share-collective", "001-dividend-share-reinvest"]


def aid_funds(facts: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for funds_id, projects_id in AID_FUNDS:
        f = pick(facts, [funds_id]).iloc[0]
        projects = pick(facts, [projects_id]).iloc[0]["value"] if projects_id else float("nan")
        rows.append({
            "fact_id": funds_id, "pairing": f["pairing"], "source_id": f["source_id"], "period": f["period"],
            "scope": f["scope"], "status": f["status"], "qualifier": f["qualifier"], "funds_yuan": f["value"], "projects": projects,
            "funds_per_project": f["value"] / projects if projects == projects and projects else float("nan"),
        })
    return pd.DataFrame(rows)


def zjg_yanhe_two_dates(facts: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for funds_id, projects_id in ZJG_YANHE_TWO_DATES:
        f, p = pick(facts, [funds_id, projects_id]).itertuples(index=False)
        rows.append({"report": f.period.split("/")[-1], "source_id": f.source_id, "funds_yuan": f.value,
                     "projects": p.value, "funds_per_project": f.value / p.value, "fact_ids": [funds_id, projects_id]})
    return pd.DataFrame(rows)


def qbj_2017_split(facts: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for label, funds_id, projects_id in QBJ_2017_SPLIT:
        f, p = pick(facts, [funds_id, projects_id]).itertuples(index=False)
        rows.append({"category": label, "funds_yuan": f.value, "projects": p.value})
    return pd.DataFrame(rows)


# --- Talent ---------------------------------------------------------------------------------

TALENT_FLOWS = [  # (fact id, direction, what)
    ("000-yanhe-cadres-seconded-to-yanhe", "east → west", "cadres seconded"),
    ("000-yanhe-cadres-seconded-to-zhangjiagang", "west → east", "cadres seconded"),
    ("000-yanhe-professionals-sent", "east → west", "professionals sent (person-times)"),
    ("000-yanhe-cadres-trained", "west → east", "cadres trained in the east"),
    ("000-yanhe-professionals-trained", "west → east", "professionals trained (person-times)"),
    ("002-cadres-seconded-west", "east → west", "cadres seconded"),
    ("002-cadres-seconded-east", "west → east", "cadres seconded"),
    ("002-cadre-training-people", "east → west", "young cadres on training visits"),
    ("002-cadre-onsite-people", "west → east", "cadres trained in the east"),
    ("002-zjg-cadre-person-times", "east → west", "cadre study visits (person-times)"),
    ("002-yanhe-cadre-person-times", "west → east", "cadre study visits (person-times)"),
    ("002-teachers-to-yanhe", "east → west", "teachers"),
    ("002-educators-to-zjg", "west → east", "teachers"),
    ("004-teachers-sent-2017", "east → west", "teachers"),
    ("004-cadres-seconded-to-qingbaijiang", "west → east", "cadres seconded"),
    ("004-professionals-study-tour", "west → east", "professionals on study tours"),
    ("004-medical-staff-exchanged", "both ways", "medical staff exchanged"),
]
TRAINING = [  # (classes fact, people fact, short label)
    ("000-yanhe-cadre-training-classes", "000-yanhe-cadres-trained", "Yanhe cadres trained in Zhangjiagang"),
    ("000-yanhe-professional-training-classes", "000-yanhe-professionals-trained", "Yanhe professionals trained"),
    ("002-cadre-training-classes", "002-cadre-training-people", "Zhangjiagang young cadres' visits to Yanhe"),
    ("002-cadre-onsite-classes", "002-cadre-onsite-people", "Yanhe cadres' on-site training in the east"),
    ("004-young-cadre-classes", "004-young-cadre-trainees", "Jiulong young-cadre classes"),
    ("004-mentoring-trainings", "004-mentoring-trainees", "Jiulong publicity, organisation and admin trainings"),
]
KUNSHAN_QUOTAS = ["001-quota-teachers", "001-quota-doctors", "001-quota-agri-experts", "001-quota-tech-talent",
                  "001-quota-entrepreneurs", "001-quota-social-workers"]


def talent_flows(facts: pd.DataFrame) -> pd.DataFrame:
    picked = pick_labelled(facts, [(i, w) for i, _, w in TALENT_FLOWS], "what")
    picked["direction"] = [d for _, d, _ in TALENT_FLOWS]
    return picked


def training(facts: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for classes_id, people_id, label in TRAINING:
        c, p = pick(facts, [classes_id, people_id]).itertuples(index=False)
        rows.append({"label": label, "pairing": c.pairing, "description": p.description, "period": c.period, "scope": c.scope,
                     "classes": c.value, "people": p.value, "people_unit": p.unit, "qualifier": p.qualifier,
                     "per_class": p.value / c.value, "fact_ids": [classes_id, people_id]})
    return pd.DataFrame(rows)


# --- Labour ---------------------------------------------------------------------------------

JOB_FAIR_FUNNEL = [
    ("004-jobfair-2017-positions", "positions offered"),
    ("004-jobfair-2017-jobseekers", "job seekers attending"),
    ("004-jobfair-2017-registered", "registered on site"),
    ("004-jobfair-2017-intentions", "initial job intentions"),
    ("004-jobfair-2017-employed", "found work in Qingbaijiang (as reported)"),
]
PEOPLE_PLACED = [
    ("002-labour-placed", "registered poor placed in stable jobs in the east"),
    ("004-jobfair-2016-intentions", "job intentions at the 2016 fair in Jiulong"),
    ("004-jobfair-2016-poor-households", "…of them from registered poor households"),
    ("004-farmers-local-employment", "local farmers helped into work or business"),
    ("004-jobfair-2017-employed", "employed in Qingbaijiang after the 2017 fair"),
]


def job_fair_funnel(facts: pd.DataFrame) -> pd.DataFrame:
    return pick_labelled(facts, JOB_FAIR_FUNNEL, "stage")


def theme_share_by_source(facts: pd.DataFrame, theme: str) -> pd.DataFrame:
    """Per source: all its facts, and how many fall in one theme."""
    return facts.groupby("source_id").agg(total=("fact_id", "count"), in_theme=("theme", lambda t: int((t == theme).sum())))


# --- Consumption ------------------------------------------------------------------------------

SALES = [
    ("000-gongliu-farm-products-purchased", "Gongliu farm products bought by Zhangjiagang, 2020"),
    ("000-gongliu-sales-brought", "Gongliu sales brought about by Zhangjiagang, 2020"),
    ("004-lanshou-expected-sales", "Lanshou spring water: expected annual sales"),
    ("004-ruixiang-expected-sales", "Ruixiang products (incl. Lanshou) on one platform: expected annual sales"),
]
ECOMMERCE_PLAN = ["004-ecommerce-county-centre-planned", "004-cold-chain-centre-planned",
                  "004-township-ecommerce-stations-planned", "004-village-ecommerce-points-planned"]


def sales(facts: pd.DataFrame) -> pd.DataFrame:
    return pick_labelled(facts, SALES, "what")


STATUSES = ["achieved", "planned", "expected", "target", "quota"]


def status_by_pairing(facts: pd.DataFrame) -> pd.DataFrame:
    """Facts per programme pairing (most first) and status; only statuses that occur."""
    table = facts.pivot_table(index="programme_label", columns="status", values="fact_id", aggfunc="count", fill_value=0)
    table = table.reindex(columns=[c for c in STATUSES if c in table.columns])
    return table.loc[table.sum(axis=1).sort_values(ascending=False).index]


# --- Synthesis --------------------------------------------------------------------------------

CAVEAT_FLAGS = {
    "period_inferred": "period inferred from the article date",
    "year_missing_in_source": "year stripped by the repost",
    "number_missing_in_source": "number lost by the repost",
    "planned": "planned, expected or target",
    "claim_unverified": "self-declared 'first' claim",
}


def caveats_by_source(facts: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for sid, group in facts.groupby("source_id"):
        row = {"source_id": sid, "facts": len(group)}
        for flag in CAVEAT_FLAGS:
            row[flag] = flag_count(group, flag)
        row["qualified"] = int((group.qualifier != "exact").sum())
        rows.append(row)
    table = pd.DataFrame(rows)
    meta = sources.set_index("source_id")
    table["genre"] = table.source_id.map(meta["genre"])
    return table


def context_figures(paths=PROJECT) -> pd.DataFrame:
    """Outside figures that frame the chapters (never mixed into facts.csv)."""
    frame = pd.read_csv(paths.reference / "national_context.csv", dtype=str, keep_default_na=False)
    frame["value"] = pd.to_numeric(frame["value"])
    return frame
