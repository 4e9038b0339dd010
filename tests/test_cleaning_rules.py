"""The furniture rules of data/reference/cleaning_rules.yml on short snippets written for these
tests: each rule removes its variants, and body sentences that merely look like furniture stay."""

import re
import time
from pathlib import Path

import pytest

from eastwest.core.errors import DataError
from eastwest.sources.cleaning import clean_raw, rule_reason_zh
from eastwest.sources.line_rules import figures, load_rules, words_pattern

pytestmark = pytest.mark.fast

BODY = "仓山区累计投入财政帮扶资金3200万元，实施帮扶项目46个，带动1800余人转移就业。"

FURNITURE = [
    ("spam_keywords", "亚洲_国产_精品_一区_二区"),
    ("no_chinese_text", "d9efda15 2021-02-27 /a/20210227/x.shtml"),
    ("font_size_buttons", "字号变大| 字号变小"),
    ("byline_dateline", "2020年12月18日 09:30 | 来源：临洮县融媒体中心"),
    ("credit_line", "（来源：甘肃日报）"),
    ("credit_line", "（责任编辑：王芳）"),
    ("credit_line", "【责任编辑：周明】"),
    ("journal_issue", "群众 2019年3期"),
    ("site_promotion", "下载某某新闻APP客户端"),
    ("breadcrumb", "首页 > 新闻中心 > 正文"),
    ("disclaimer_and_comments", "本内容不代表本网观点和政治立场"),
    ("site_name", "临洮县人民政府"),
    ("site_name", "临洮县人民政府网"),
    ("site_name", "定西市乡村振兴局"),
    ("site_name", "定西市人民政府　政府信息公开"),
    ("breadcrumb_location", "当前位置：首页 > 新闻中心"),
    ("breadcrumb_location", "您现在的位置：首页>>工作动态>>东西部协作"),
    ("breadcrumb_location", "【当前位置】：网站首页 / 扶贫协作"),
    ("breadcrumb_path", "首页>>新闻中心>>东西部扶贫协作"),
    ("breadcrumb_path", "首页 » 要闻 » 正文"),
    ("breadcrumb_path", "首页＞政务公开＞部门动态"),
    ("breadcrumb_path", "新闻中心>>扶贫协作"),
    ("breadcrumb_path", "网站首页>政务动态>部门动态"),
    ("disclosure_header", "索引号：11410000/2020-00123 主题分类：扶贫 发布机构：市扶贫办 生成日期：2020-05-06"),
    ("disclosure_header", "发文日期：2020年05月06日 文号：临政办〔2020〕12号 公开方式：主动公开"),
    ("disclosure_header", "[索引号] 000014349/2020-00123"),
    ("disclosure_header", "公开方式 主动公开"),
    ("dateline_source", "2020年12月18日 来源：市扶贫办"),
    ("dateline_source", "2020-12-18 09:30 【字体：大 中 小】"),
    ("page_metadata", "发布时间：2020-12-18 信息来源：县政府办 浏览次数：1024"),
    ("page_metadata", "来源：临洮发布公众号"),
    ("page_metadata", "热门搜索：扶贫协作 劳务协作 消费帮扶"),
    ("share_buttons", "分享到：微信 微博 QQ空间"),
    ("share_buttons", "分享到 | 微信 | 新浪微博 | QQ好友"),
    ("share_buttons", "微信 微博 QQ空间"),
    ("page_tools", "【打印本页】【关闭窗口】"),
    ("page_tools", "【字体：大 中 小】【打印】【关闭】"),
    ("page_tools", "字号：大 中 小"),
    ("page_tools", "字号：T | T"),
    ("page_tools", "字号：大 中 小 分享到：微信 微博 QQ空间"),
    ("page_tools", "[ 收藏 ] [ 打印 ] [ 关闭 ] [ 返回顶部 ]"),
    ("accessibility_toolbar", "无障碍 长者模式"),
    ("accessibility_toolbar", "无障碍浏览 | 读屏 | 放大镜 | 大字幕 | 退出服务"),
    ("accessibility_toolbar", "简体 | 繁体 | 手机版"),
    ("accessibility_toolbar", "无障碍浏览 | 长者模式 | 繁體 | 网站地图"),
    ("wechat_furniture", "点击上方蓝字关注我们"),
    ("wechat_furniture", "点击上方“临洮发布”关注我们"),
    ("wechat_furniture", "长按识别二维码关注我们"),
    ("wechat_furniture", "扫一扫在手机打开当前页"),
    ("wechat_furniture", "阅读原文"),
    ("wechat_furniture", "点击“阅读原文”查看更多"),
    ("wechat_furniture", "喜欢就设为星标吧！"),
    ("wechat_furniture", "原创 小林 临洮发布 2020-12-18"),
    ("read_counter", "阅读 10万+ 在看 128"),
    ("read_counter", "阅读：2356"),
    ("read_counter", "在看 12"),
    ("staff_credits", "编辑：张三 审核：李四 校对：王五"),
    ("staff_credits", "来源丨临洮县融媒体中心"),
    ("staff_credits", "文/张三 图/李四"),
    ("staff_credits", "（记者 张三 通讯员 李四）"),
    ("staff_credits", "终审：王五"),
    ("related_heading", "相关新闻"),
    ("related_heading", "【相关链接】"),
    ("related_heading", "延伸阅读："),
    ("media_placeholder", "[图片]"),
    ("media_placeholder", "【视频】"),
    ("media_placeholder", "▶ 视频时长 03:15 点击播放"),
    ("previous_next", "上一篇：仓山区召开协作工作会"),
    ("previous_next", "下一篇：没有了"),
    ("site_footer", "主办单位：临洮县人民政府办公室 承办单位：县融媒体中心"),
    ("site_footer", "网站标识码：6211240001 陇ICP备12000123号-1 甘公网安备62112402000123号"),
    ("site_footer", "版权所有：临洮县人民政府"),
    ("site_footer", "技术支持：某某网络科技公司"),
    ("photo_caption", "图为临洮县百合种植基地现场。"),
    ("photo_caption", "图片来源：临洮县融媒体中心"),
    ("photo_caption", "（新华社记者 张三 摄）"),
    ("photo_caption", "▲ 劳务协作专列出发现场"),
    ("summary_repeating_body", "【内容提要】四年来仓山区累计投入帮扶资金3200万元，实施帮扶项目46个。"),
    ("summary_repeating_body", "摘要：仓山区帮助1800余人转移到福建就业。"),
    ("summary_repeating_body", "导读：两地协作由“输血”向“造血”转变。"),
]

BODY_LOOKALIKES = [
    "分享到户的收益让每户贫困户年均增收2000元。",
    "分享到户",
    "分享经验是两地干部交流的重要方式。",
    "展板上的图片展示了两地协作四年来的变化。",
    "图片展示了两地协作四年来的变化。",
    "来源于百合产业的收入占全村收入的六成。",
    "来源于当地特色产业",
    "编辑部的记者深入村寨采访。",
    "阅读量最大的是扶贫车间的报道。",
    "阅读10本书是支教老师给孩子们布置的暑期任务。",
    "关注我们的扶贫车间，就是关注群众的就业。",
    "点对点关注困难群众的就业需求。",
    "扫描二维码即可了解产品溯源信息。",
    "扫一扫二维码，临洮百合就能送上福州市民的餐桌。",
    "首页是两地协作的成果展示。",
    "主办方介绍，展销会共签约2650万元。",
    "记者：请问两地协作下一步的重点是什么？",
    "上一篇章已经翻过，两地协作翻开新的一页。",
    "标题党不可取，协作要实打实。",
    "有效性是帮扶资金使用的第一要求。",
    "文化交流活动连续举办三届。",
    "无障碍设施改造覆盖了全部安置点。",
    "大力发展百合产业",
    "版权意识在电商带货中越来越重要。",
    "产值增长>5%的企业有12家。",
    "仓山区—临洮县产业合作园区",
    "核心提示作用的是两地的产业合作。",
    "打印机、电脑等办公设备已送到村委会。",
]


def _clean(*lines: str):
    return clean_raw("\n".join(lines) + "\n", "snippet", Path("snippet.txt"))


def _removed(line: str) -> str | None:
    result = _clean(line, "", BODY)
    return next((r.rule for r in result.removed if r.line == 1), None)


RULES = {rule.id: rule for rule in load_rules()[0]}


@pytest.mark.parametrize(("rule_id", "line"), FURNITURE)
def test_each_rule_removes_its_furniture(rule_id, line):
    assert RULES[rule_id].match(line), f"{rule_id} does not match {line!r}"
    assert _removed(line) is not None, f"{line!r} survived cleaning"


@pytest.mark.parametrize("line", BODY_LOOKALIKES)
def test_a_body_sentence_that_looks_like_furniture_is_kept(line):
    assert _removed(line) is None
    assert line in _clean(line, "", BODY).text


def test_every_rule_has_a_furniture_snippet_here():
    untested = set(RULES) - {rule_id for rule_id, _ in FURNITURE}
    assert not untested, f"write a furniture snippet for: {sorted(untested)}"


def test_a_long_line_is_never_short_furniture():
    long_line = "分享到：" + BODY * 3
    assert RULES["share_buttons"].pattern.search(long_line) and RULES["share_buttons"].max_chars
    assert _removed(long_line) is None


def test_a_site_name_goes_only_above_the_article():
    result = _clean("临洮县人民政府", BODY, "临洮县人民政府")
    assert [r.line for r in result.removed] == [1]
    assert result.text.endswith("\n\n临洮县人民政府\n"), "a name signing the article is kept"


def test_a_bare_label_takes_its_value_on_the_next_line_only():
    result = _clean("索引号", "11410000/2020-00123", "发布机构", "临洮县人民政府办公室", "", "一、产业合作", BODY)
    assert [r.line for r in result.removed] == [1, 2, 3, 4]
    assert result.text.startswith("一、产业合作")


def test_a_bare_label_does_not_take_a_body_paragraph():
    result = _clean("文号", BODY)
    assert [r.line for r in result.removed] == [1]
    assert BODY in result.text


def test_a_summary_repeating_the_body_goes_and_one_with_a_new_figure_stays():
    repeating = "【内容提要】仓山区累计投入帮扶资金3200万元。"
    new_figure = "【内容提要】仓山区累计投入帮扶资金4100万元。"
    assert repeating not in _clean(repeating, BODY).text
    kept = _clean(new_figure, BODY)
    assert new_figure in kept.text
    assert [(k.rule, k.new_figures) for k in kept.kept_marked] == [("summary_repeating_body", ["4100万"])]


def test_a_marker_alone_marks_the_summary_on_the_next_line():
    result = _clean("【摘要】", "仓山区帮助1,800余人转移就业。", BODY)
    assert [r.rule for r in result.removed] == ["summary_repeating_body"] * 2
    unmarked = _clean("仓山区帮助1800余人转移就业。", BODY)
    assert not unmarked.removed, "an unmarked paragraph is never removed, even when it repeats the body"


def test_a_caption_without_figures_is_furniture_and_one_with_a_new_figure_is_kept():
    assert "图为" not in _clean("图为临洮县劳务协作专列发车现场。", BODY).text
    caption = "图为仓山区援建的扶贫车间，可容纳120人就业。"
    assert caption in _clean(caption, BODY).text


def test_a_related_list_goes_on_across_a_date_line():
    result = _clean(BODY, "相关新闻", "仓山区召开协作工作会", "2020-12-18", "临洮百合走上福州餐桌")
    assert result.text == BODY + "\n"
    assert {r.rule for r in result.removed} == {"related_heading", "no_chinese_text"}


def test_figures_are_compared_as_numbers_with_their_unit():
    assert figures("投入3,200万元，增长1.25%，３６个，共12。") == {"3200万", "1.25%", "36个", "12"}
    assert not figures("3200万元") & figures("320万元")
    assert not figures("46个项目") & figures("46人")


def test_words_pattern_matches_only_lines_made_of_its_words():
    import re

    pattern = re.compile(words_pattern(["打印", "关闭"]))
    assert pattern.search("【打印】 | 【关闭】") and not pattern.search("打印机已关闭")


def test_hostile_lines_are_handled_quickly():
    hostile = [
        "(.*)+[" * 40,
        "大 " * 400 + "X",
        "首页>" * 300 + "。",
        "_a" * 3000 + "。",
        "分享 微信 " * 300 + "X",
        "\\1(?P<x>" + "a" * 500,
    ]
    start = time.perf_counter()
    for line in hostile:
        _clean(line, BODY)
    assert time.perf_counter() - start < 2.0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("line_rules:\n  - {id: a, reason: r, pattern: '(['}\nheadline_max_chars: 40\n", "rule 'a': pattern is not a valid"),
        ("line_rules:\n  - {id: a, reason: r, pattren: x}\nheadline_max_chars: 40\n", "needs `id`, `reason`"),
        ("line_rules:\n  - {id: a, reason: r, pattern: x, max_char: 3}\nheadline_max_chars: 40\n", "unknown field"),
        ("line_rules:\n  - {id: a, reason: r, words: []}\nheadline_max_chars: 40\n", "words must be a list"),
    ],
)
def test_a_bad_rule_file_names_the_file_and_rule(tmp_path, text, message):
    path = tmp_path / "rules.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match=message) as caught:
        load_rules(path)
    assert str(path) in str(caught.value)


def test_every_rule_says_in_chinese_what_it_removes():
    """The Chinese data and source pages name each rule by its reason_zh (the English reason stands
    in for a rule not yet given one, so an analyst's new rule never stops the build)."""
    rules, _ = load_rules()
    missing = [r.id for r in rules if not re.search(r"[\u4e00-\u9fff]", r.reason_zh)]
    assert not missing, f"data/reference/cleaning_rules.yml: rules without a Chinese reason_zh: {missing}"
    assert rule_reason_zh(rules[0].id) == rules[0].reason_zh
    assert rule_reason_zh("no_such_rule") == "no_such_rule"
