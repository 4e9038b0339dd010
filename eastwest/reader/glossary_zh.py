"""The Chinese edition's glossary, turned around: each term of the programme as a Chinese reader
knows it, with the English term the English book uses for it, so that a Chinese reader can follow
the English edition, a dataset column or a citation back to the same idea.

Kept here rather than as a YAML file under data/reference/: the files there are inputs the build
validates and records (a term there that nothing reads would be an input nobody checks), and this
table is wording, like eastwest.reader.wording_zh, read by the Chinese edition's pages when they
come. tests/test_wording_zh.py checks it against glossary.md: every English glossary term has its
line here, and each English term below is written as glossary.md words it."""

from __future__ import annotations

# Chinese term -> English term as glossary.md names it (in glossary.md's order).
GLOSSARY_ZH = {
    "东西部扶贫协作": "East–West poverty-alleviation cooperation",
    "对口帮扶": "counterpart assistance",
    "对口支援": "counterpart support",
    "援疆": "aid to Xinjiang",
    "援藏": "aid to Tibet or Tibetan areas",
    "南北挂钩": "south–north linkage",
    "携手奔小康": "hand in hand towards moderate prosperity",
    "建档立卡": 'registered ("file and card") poor',
    "挂职": "temporary posting of a cadre",
    "支教": "teaching assignments",
    "支医": "medical assignments",
    "支农": "agricultural-expert assignments",
    "劳务协作": "labour cooperation",
    "消费扶贫": "consumption-based poverty alleviation",
    "摘帽": "taking off the hat",
    "出列": "formal exit from the list of the poor",
    "脱贫": "lifted out of poverty",
    "深度贫困村": "deeply poor village",
    "深度贫困县": "deeply poor county",
    "贫困发生率": "poverty incidence",
    "致富带头人": "leaders in getting rich",
    "黔货出山": "Guizhou goods out of the mountains",
    "易地扶贫搬迁": "poverty-alleviation relocation",
}

# Terms the Chinese edition's labels use that glossary.md has no entry for, with the English word
# the English book's labels use for the same thing (eastwest.reader.wording THEME_LABELS and
# data/reference/vocabulary.yml): 结对 is the dataset's "pairing"; 消费帮扶 is the programme's name
# for 消费扶贫 from 2021 (the sources' word, and the Chinese theme label, is 消费扶贫).
GLOSSARY_ZH_EXTRA = {
    "结对": "pairing",
    "消费帮扶": "consumption-based help",
}
