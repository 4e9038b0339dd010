"""How a source is named on every Chinese page and chart: its outlet (or, for an outlet its record
names only in English, its kind of article) and its date of writing."""

from __future__ import annotations

import re

from eastwest.reader.wording_zh import DATE_NOT_GIVEN_ZH, date_zh, span_text_zh

# A source's genre (data/sources.csv `genre`) as a Chinese reader names it.
GENRE_ZH = {
    "news_report": "新闻报道",
    "news_feature": "新闻报道",
    "repost": "转载",
    "signed_article_by_official": "干部署名文章",
    "wechat_post": "微信公众号文章",
}
# The Chinese name an outlet field begins with: '荔枝网 (Litchi News, …)' -> '荔枝网', '《群众》 (…)' -> '《群众》'.
_OUTLET_LEAD = re.compile(r"^([^\s(（,;]+)")
_HAN = re.compile(r"[\u3400-\u9fff]")


def outlet_zh(outlet: str) -> str:
    """The outlet's Chinese name where its record begins with one ('荔枝网'); '' for an outlet
    the record names only in English (see `outlet_label_zh`)."""
    lead = _OUTLET_LEAD.match(str(outlet or ""))
    return lead.group(1) if lead and _HAN.search(lead.group(1)) else ""


def outlet_label_zh(outlet: str, genre: str = "") -> str:
    """The outlet as every Chinese page names it: its Chinese name; for an outlet the record names
    only in English, the kind of article and that its publisher is not known (never a translation):
    '微信公众号文章（发布者不详）'."""
    return outlet_zh(outlet) or f"{GENRE_ZH.get(str(genre), '资料')}（发布者不详）"


def source_date_zh(source) -> str:
    """'2021年2月27日'; an estimated date '约2019年11—12月（推断）'; '未注明日期'. A repost's date is not
    the source's: its estimated date of writing names it, as the English label does."""
    if source["published"] and source["date_status"] == "as_given":
        return date_zh(str(source["published"]))
    if source.get("date_estimate"):
        return f"约{span_text_zh(str(source['date_estimate']))}（推断）"
    return DATE_NOT_GIVEN_ZH


def source_label_zh(source) -> str:
    """A source's one name on every Chinese page and chart, outlet and date: '荔枝网，2021年2月27日';
    '微信公众号文章（发布者不详），约2017年8月（推断）'; a name two sources would share ends with its
    number ('（1）')."""
    suffix = re.sub(r"\((\d+)\)", r"（\1）", str(source.get("label_suffix") or "").strip())
    return f"{outlet_label_zh(str(source['outlet']), str(source.get('genre') or ''))}，{source_date_zh(source)}{suffix}"
