"""Status, scope and period of drafted facts, read from time cues relative to the article's date.

Each case drafts one sentence written here, in memory (no project copy): the sentence is the whole
clean text of a made-up source of one pairing (zhangjiagang-yanhe, begun 2017-03).
"""

import pytest

from eastwest.core.paths import PROJECT
from eastwest.draft.propose import draft_document
from eastwest.draft.rules import Words, load_rules
from eastwest.reference.vocabulary import load_vocabulary
from eastwest.sources.cleaning import CleanResult
from eastwest.sources.provenance import SourceRecord

pytestmark = pytest.mark.fast


@pytest.fixture(scope="module")
def reader():
    vocab = load_vocabulary(PROJECT)
    rules, words = load_rules(PROJECT, vocab), Words(PROJECT.root)

    def read(text: str, published: str = "2021-10-15", pairings: tuple[str, ...] = ("zhangjiagang-yanhe",)) -> list[dict]:
        record = SourceRecord(
            source_id="990_timecues",
            sha256="0" * 64,
            title_zh=None,
            title_en="Test article",
            outlet="test",
            author=None,
            published=published,
            date_status="as_given",
            date_evidence="written for the tests",
            date_estimate=published,
            url=None,
            url_kind="none",
            genre="news_report",
            script="simplified",
            language="zh",
            pairings=list(pairings),
            reliability="test",
        )
        clean = CleanResult(record.source_id, text, [(1, line) for line in text.split("\n")])
        return draft_document(record, clean, vocab, rules, words, PROJECT)["facts"]

    return read


def fact(facts: list[dict], number: str) -> dict:
    found = [f for f in facts if f["number"] == number]
    assert len(found) == 1, [(f["number"], f["quote"]) for f in facts]
    return found[0]


def reading(f: dict) -> tuple[str, str, str]:
    return f["status"], f["scope"], str(f["period"])


# --- year to date: a flow over this year so far ---------------------------------------------------


@pytest.mark.parametrize(
    "sentence, number, period",
    [
        ("今年以来,张家港采购沿河农产品3200万元。", "3200万元", "2021-01/2021-10"),
        ("2021年以来,沿河新增转移就业300人。", "300人", "2021-01/2021-10"),
        ("今年1—9月,张家港采购沿河农产品3200万元。", "3200万元", "2021-01/2021-09"),
        ("2020年1至6月,张家港采购沿河农产品800万元。", "800万元", "2020-01/2020-06"),
        ("前三季度,沿河新增转移就业300人。", "300人", "2021-01/2021-09"),
        ("今年上半年,沿河新增转移就业300人。", "300人", "2021-01/2021-06"),
    ],
)
def test_year_to_date_is_a_period_total(reader, sentence, number, period):
    assert reading(fact(reader(sentence), number)) == ("achieved", "period_total", period)


def test_a_run_of_months_without_a_year_takes_the_article_year_or_the_one_before(reader):
    # a run ending after the article's month is last year's
    assert fact(reader("10至12月,沿河新增转移就业300人。", published="2021-03-01"), "300人")["period"] == "2020-10/2020-12"


def test_a_date_range_of_days_is_not_a_run_of_months(reader):
    f = fact(reader("11月15-17日,张家港采购沿河农产品800万元。"), "800万元")
    assert (f["scope"], f["period"]) == ("event", "2020-11-15/2020-11-17")


# --- running totals and the pairing's start ----------------------------------------------------------


def test_until_with_a_running_total_starts_with_the_pairing(reader):
    f = fact(reader("截至9月底,张家港累计选派120名干部到沿河挂职。"), "120名")
    assert reading(f) == ("achieved", "cumulative", "2017-03/2021-09")


def test_since_the_pairing_began_is_a_running_total_from_its_start(reader):
    f = fact(reader("对口帮扶沿河以来,张家港累计安排帮扶资金2.4亿元。"), "2.4亿元")
    assert reading(f) == ("achieved", "cumulative", "2017-03/2021-10")


def test_the_pairing_named_in_the_sentence_gives_the_start_when_the_source_covers_several(reader):
    several = ("zhangjiagang-yanhe", "zhangjiagang-gongliu")
    f = fact(reader("对口帮扶沿河以来,张家港累计安排帮扶资金2.4亿元。", pairings=several), "2.4亿元")
    assert f["period"] == "2017-03/2021-10"


# --- five-year plans, whole years ---------------------------------------------------------------------


def test_a_five_year_plan_names_its_years(reader):
    f = fact(reader("“十三五”期间,张家港投入帮扶资金2.4亿元。"), "2.4亿元")
    assert (f["scope"], f["period"]) == ("period_total", "2016/2020")
    f = fact(reader("“十三五”以来,张家港投入帮扶资金2.4亿元。"), "2.4亿元")
    assert (f["scope"], f["period"]) == ("cumulative", "2016/2021-10")


def test_the_whole_year_is_the_year_last_named_or_the_year_so_far(reader):
    f = fact(reader("2020年,沿河经济平稳增长,全年采购农产品800万元。"), "800万元")
    assert (f["scope"], f["period"]) == ("annual", "2020")
    f = fact(reader("全年采购沿河农产品800万元。", published="2021-12-30"), "800万元")
    assert (f["scope"], f["period"]) == ("annual", "2021") and "period_inferred" in f["flags"]
    # before December, 全年 (like 今年) is the year so far
    f = fact(reader("全年采购沿河农产品800万元。"), "800万元")
    assert (f["scope"], f["period"]) == ("period_total", "2021-01/2021-10")


# --- up to a date: running total, the year so far, or a count at the date --------------------------


def test_until_a_date_of_this_year_without_a_running_total_is_the_year_so_far(reader):
    f = fact(reader("截至9月底,张家港已拨付帮扶资金8300万元。"), "8300万元")
    assert reading(f) == ("achieved", "period_total", "2021-01/2021-09")


def test_a_year_on_year_comparison_makes_a_running_total_the_year_so_far(reader):
    f = fact(reader("截至9月底,张家港累计帮助沿河1.2万人实现就业,比去年同期增长两成。"), "1.2万人")
    assert reading(f) == ("achieved", "period_total", "2021-01/2021-09")


def test_the_base_of_a_comparison_is_not_the_period(reader):
    f = fact(reader("今年以来,张家港采购沿河农产品5.7亿元,是去年的2.3倍。"), "2.3倍")
    assert f["period"] == "2021-01/2021-10"


def test_a_run_of_months_the_article_names_dates_its_figures(reader):
    text = "张家港2021年1—9月东西部协作工作情况\n今年以来,张家港采购沿河农产品3200万元。"
    assert fact(reader(text), "3200万元")["period"] == "2021-01/2021-09"


def test_a_share_of_a_whole_is_a_stock(reader):
    f = fact(reader("截至今年6月底,园区累计吸纳就业1.5万人,其中少数民族员工占九成以上。"), "九成以上")
    assert (f["scope"], f["period"]) == ("stock", "2021-06")


def test_a_count_reached_is_a_stock_at_the_date_of_the_figures(reader):
    text = "今年以来,张家港帮扶沿河成效明显。\n利用协作资金援建的帮扶车间吸纳当地群众就业480人。"
    f = fact(reader(text), "480人")
    assert (f["scope"], f["period"]) == ("stock", "2021-10")


def test_things_set_up_are_a_stock_and_things_added_a_flow(reader):
    text = "今年以来,张家港帮扶沿河成效明显。\n张家港在区内设立沿河农产品专柜36个,新增销售网点16个。"
    facts = reader(text)
    assert (fact(facts, "36个")["scope"], fact(facts, "36个")["period"]) == ("stock", "2021-10")
    assert fact(facts, "16个")["scope"] == "period_total"


# --- years back, ends of years, occasions, the year a review is about --------------------------------


def test_years_back_run_from_that_many_years_before_the_article(reader):
    f = fact(reader("五年来,张家港累计投入帮扶资金2.4亿元。"), "2.4亿元")
    assert (f["scope"], f["period"]) == ("cumulative", "2016/2021-10")


def test_the_end_of_last_year_is_its_december(reader):
    f = fact(reader("沿河贫困人口从2016年的4.6万人减少到去年底的1.1万人。"), "1.1万人")
    assert f["period"] == "2020-12"


def test_figures_announced_at_an_occasion_are_an_event_dated_by_the_last_day_named(reader):
    text = "4月11日,张家港与沿河举行东西部扶贫协作推进会。\n签约仪式上,双方现场签约项目12个。"
    f = fact(reader(text), "12个")
    assert (f["scope"], f["period"]) == ("event", "2021-04-11")


def test_the_year_a_review_makes_its_subject_frames_the_figures_after_it(reader):
    text = "2021年是脱贫攻坚成果巩固之年。\n产业合作落地生根。张家港引导57家企业赴沿河投资兴业。"
    f = fact(reader(text, published="2021-12-30"), "57家")
    assert (f["scope"], f["period"]) == ("annual", "2021")


def test_a_month_in_a_plan_is_the_coming_one(reader):
    f = fact(reader("力争12月底前资金拨付率达到100%。", published="2021-11-06"), "100%")
    assert (f["status"], f["period"]) == ("target", "2021-12")


# --- a review published early in a year; state at a date; one act; quotas -----------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "全年张家港向沿河拨付帮扶资金3000万元。",
        "年内张家港向沿河拨付帮扶资金3000万元。",
        "今年张家港向沿河拨付帮扶资金3000万元。",
    ],
)
def test_a_review_of_january_sums_up_the_year_before(reader, sentence):
    f = fact(reader(sentence, published="2022-01-20"), "3000万元")
    assert (f["scope"], f["period"]) == ("annual", "2021")
    # the same words in an autumn report are the year so far, never the article's own month
    f = fact(reader(sentence, published="2022-10-20"), "3000万元")
    assert (f["scope"], f["period"]) == ("period_total", "2022-01/2022-10")


def test_the_end_of_december_in_a_january_review_dates_its_stocks(reader):
    text = "一、项目建设\n截至12月底,沿河已竣工帮扶项目15个,其余4个正在施工。"
    facts = reader(text, published="2022-01-20")
    assert (fact(facts, "15个")["scope"], fact(facts, "15个")["period"]) == ("stock", "2021-12")
    assert (fact(facts, "4个")["scope"], fact(facts, "4个")["period"]) == ("stock", "2021-12")


def test_a_month_counted_up_to_dates_its_own_paragraph_not_the_next(reader):
    # data/annotations/README.md: the as-of month is the one the paragraph (or a heading) names,
    # else the article's month
    text = "截至9月底,今年沿河新增转移就业3100人,今年以来举办培训班8期。\n今年以来,张家港为沿河举办招聘会12场。"
    facts = reader(text, published="2021-10-08")
    assert fact(facts, "8期")["period"] == "2021-01/2021-09"
    assert fact(facts, "12场")["period"] == "2021-01/2021-10"


def test_a_plan_named_as_what_a_year_begins_is_not_a_span(reader):
    text = "2021年是“十四五”开局之年。\n张家港邀请游客3000人次到沿河旅游。"
    f = fact(reader(text, published="2022-01-20"), "3000人次")
    assert (f["scope"], f["period"]) == ("annual", "2021")


def test_a_plan_word_inside_a_longer_word_is_not_a_plan(reader):
    f = fact(reader("今年张家港安排沿河计划内帮扶资金3000万元。", published="2021-12-28"), "3000万元")
    assert f["status"] == "achieved"
    assert fact(reader("张家港计划安排帮扶资金3000万元。"), "3000万元")["status"] == "planned"


def test_a_running_total_outweighs_things_set_up_but_additions_are_a_flow(reader):
    text = "截至2021年9月底,张家港累计设立沿河农产品专柜120个、专区8个,今年新增专柜30个。"
    facts = reader(text, published="2021-10-15")
    assert fact(facts, "120个")["scope"] == "cumulative" and fact(facts, "8个")["scope"] == "cumulative"
    assert fact(facts, "30个")["scope"] != "stock"


def test_people_in_post_and_in_work_are_a_stock(reader):
    facts = reader("今年以来,张家港第三批援沿河干部共15名,在张家港稳定就业的沿河籍务工人员有2100人。")
    assert (fact(facts, "15名")["scope"], fact(facts, "15名")["period"]) == ("stock", "2021-10")
    assert fact(facts, "2100人")["scope"] == "stock"


def test_an_act_of_one_occasion_is_an_event_of_the_article(reader):
    text = "10月12日,张家港代表团赴沿河考察。\n在两地联席会议上,双方签署合作协议4份。张家港向沿河捐赠帮扶资金500万元。会上,一家企业拟投资1.2亿元。"
    facts = reader(text)
    assert (fact(facts, "4份")["scope"], fact(facts, "4份")["period"]) == ("event", "2021-10")
    assert (fact(facts, "500万元")["scope"], fact(facts, "500万元")["period"]) == ("event", "2021-10")
    assert (fact(facts, "1.2亿元")["status"], fact(facts, "1.2亿元")["period"]) == ("planned", "2021-10")
    # a running total of gifts is not one act
    assert fact(reader("张家港累计向沿河捐赠帮扶资金500万元。"), "500万元")["scope"] == "cumulative"


def test_a_sum_per_person_is_recurring(reader):
    f = fact(reader("今年以来,对在张家港稳定就业的沿河籍务工人员,每人发放交通补助600元。"), "600元")
    assert f["scope"] == "recurring"


# --- status ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, number, status",
    [
        ("力争帮助沿河销售农产品超6亿元。", "超6亿元", "target"),
        ("今年预计将实现789户贫困户脱贫。", "789户", "expected"),
        ("下半年,张家港计划完成投资9.8亿元。", "9.8亿元", "planned"),
        ("张家港正在准备项目前期工作,已引进项目近10个。", "近10个", "achieved"),
        ("援建的厂房正在准备验收,引进了东部企业近10个。", "近10个", "achieved"),
        ("两年前的11月24日,一场火灾将11户村民的房屋烧毁。", "11户", "achieved"),
        ("明年将新建8个扶贫车间。", "8个", "planned"),
    ],
)
def test_status_cues_in_context(reader, sentence, number, status):
    assert fact(reader(sentence), number)["status"] == status


# --- lists, fairs, names and shares (rules of 2026-12-02, from a county table, a TV transcript, a
# village story and a hospital team's report written for the project) ------------------------------


def test_a_list_takes_period_and_kind_from_the_line_that_introduces_it(reader, monkeypatch):
    # the rules alone: the learned fallback (eastwest.draft.learned) may guess a bare 资金's kind
    monkeypatch.setattr("eastwest.draft.propose.learned_indicator", lambda *args: None)
    text = "现将各乡镇今年1—9月到位帮扶资金和开工项目情况列示如下：\n甲镇：资金850万元，项目11个；\n乙镇：资金620万元，项目9个。"
    facts = reader(text)
    funds, projects = fact(facts, "850万元"), fact(facts, "9个")
    assert (funds["indicator"], funds["scope"], funds["period"]) == ("fiscal_aid_funds", "period_total", "2021-01/2021-09")
    assert (projects["indicator"], projects["period"]) == ("aid_projects", "2021-01/2021-09")
    # the same lines with no introducing line above them carry neither
    alone = fact(reader("甲镇：资金850万元，项目11个；"), "850万元")
    assert alone["indicator"] != "fiscal_aid_funds"


def test_a_share_of_the_plan_done_is_achieved(reader):
    f = fact(reader("截至9月底，张家港今年已拨付帮扶资金3000万元，完成年度计划的86.3%。"), "86.3%")
    assert f["status"] == "achieved"
    assert fact(reader("张家港计划明年拨付帮扶资金3000万元。"), "3000万元")["status"] == "planned"


def test_a_year_in_a_fairs_name_is_not_its_period_and_the_fair_last_dated_gives_the_days(reader):
    text = (
        "今年以来，张家港采购沿河农产品3200万元。\n"
        "10月8日至10日，2021年沿河农特产品（张家港）展销会举行。来自沿河的40家企业参展。\n"
        "三天展销会，现场销售额达120万元。"
    )
    facts = reader(text)
    for number in ("40家", "120万元"):
        assert (fact(facts, number)["scope"], fact(facts, number)["period"]) == ("event", "2021-10-08/2021-10-10")


def test_a_month_that_dates_another_clause_does_not_date_a_count_held(reader):
    f = fact(reader("加工厂今年4月投产，吸纳本村村民就业28人。"), "28人")
    assert (f["indicator"], f["scope"], f["period"]) == ("local_employment", "stock", "2021-10")


def test_money_a_firm_puts_in_is_a_donation(reader):
    f = fact(reader("结对以来，张家港一家集团公司先后到沿河走访，投入帮扶资金52万元。"), "52万元")
    assert f["indicator"] == "donations"
    assert fact(reader("张家港市财政投入帮扶资金52万元。"), "52万元")["indicator"] == "fiscal_aid_funds"


def test_a_running_total_since_an_event_the_paragraph_dates(reader):
    text = "2018年5月，首批医疗队进驻沿河县人民医院。自首批队员进驻以来，张家港累计选派医疗专家86名。"
    f = fact(reader(text, published="2021-12-20"), "86名")
    assert (f["scope"], f["period"]) == ("cumulative", "2018-05/2021-12")


def test_a_year_end_report_that_counts_up_to_a_month_is_not_the_whole_year(reader):
    f = fact(reader("截至今年11月底，医疗队累计带教本地医务人员380名，今年新结对64名。", published="2021-12-20"), "64名")
    assert (f["scope"], f["period"]) == ("period_total", "2021-01/2021-11")


def test_a_pairing_the_reference_does_not_define_is_an_error_naming_it(reader):
    from eastwest.core.errors import DataError

    with pytest.raises(DataError, match="lists pairing 'zhangjiagang-nowhere'"):
        reader("张家港向沿河拨付帮扶资金500万元。", pairings=("zhangjiagang-yanhe", "zhangjiagang-nowhere"))
