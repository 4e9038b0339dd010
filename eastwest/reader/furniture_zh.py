"""The Chinese edition's site furniture: what every page of the Chinese book says besides its
content (the footer's links, the 404 page, the language switch). The English words are in
eastwest.reader.wording; files published once, at the English site's root (the PDF, CITATION.cff,
the licences), are linked from the Chinese pages there."""

from __future__ import annotations

# (address, text): addresses starting with "/" are the English site's root files; others are pages
# of the Chinese book itself.
SITE_FURNITURE_ZH = (
    ("/report.pdf", "报告全文PDF（A4，英文版）"),
    ("index.html#cite-this-report", "引用方式"),
    ("/CITATION.cff", "CITATION.cff"),
    ("/LICENSE", "代码许可（MIT）"),
    ("/LICENSE.md", "数据许可（CC BY 4.0）"),
    ("CHANGELOG.html", "各版更新"),
)
NOT_FOUND_TITLE_ZH = "页面不存在"
NOT_FOUND_BODY_ZH = (
    "<p>本报告没有这个地址的页面，它可能在新版中已经移动。"
    '<a href="{home}">请从报告首页重新开始</a>，首页的搜索框可以找到任何页面。</p>'
)
# The language switch in each page's header, named in the language it leads to.
SWITCH_TEXT = {"en": "English", "zh": "中文"}
SWITCH_TITLE = {"en": "Read this page in English", "zh": "阅读本页中文版"}
