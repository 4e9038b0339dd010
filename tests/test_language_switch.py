"""Each page's counterpart in the other language (eastwest.sphinx_ext.language_switch): the
address from one book to the other, both ways, at every depth."""

from __future__ import annotations

import pytest

from eastwest.sphinx_ext.language_switch import has_page, page_address

pytestmark = pytest.mark.fast


@pytest.mark.parametrize(
    ("page", "to", "since", "address"),
    [
        ("index", "zh", "en", "zh/index.html"),
        ("chapters/03_labour", "zh", "en", "../zh/chapters/03_labour.html"),
        ("chapters/03_labour", "en", "zh", "../../chapters/03_labour.html"),
        ("index", "en", "zh", "../index.html"),
        ("chapters/03_labour", "en", "en", "03_labour.html"),
    ],
)
def test_a_page_links_its_counterpart_at_the_same_name_in_the_other_book(page, to, since, address):
    assert page_address(page, to, since) == address


def test_only_a_page_that_exists_in_the_other_book_is_linked(tmp_path):
    (tmp_path / "zh" / "chapters").mkdir(parents=True)
    (tmp_path / "zh" / "chapters" / "01_x.ipynb").write_text("{}", encoding="utf-8")
    (tmp_path / "method.md").write_text("# Method\n", encoding="utf-8")
    assert has_page(tmp_path, "zh", "chapters/01_x") and not has_page(tmp_path, "zh", "method")
    assert has_page(tmp_path, "en", "method") and not has_page(tmp_path, "en", "chapters/01_x")
