"""`make book` never publishes a stale PDF: the printed PDF (`make book`) records the inputs of the
site it was printed from, and a site built from other inputs does not publish it (a reader would
take it for this edition); a site built from the same inputs does."""

import pytest

from eastwest.build import pdf


def _printed(root, inputs: str) -> None:
    (root / pdf.PRINTED.parent).mkdir(parents=True, exist_ok=True)
    (root / pdf.PRINTED).write_bytes(b"%PDF-1.7 printed")
    (root / pdf.PRINTED_FROM).write_text(inputs, encoding="utf-8")


@pytest.mark.fast
def test_a_pdf_printed_from_the_same_inputs_is_published(tmp_path):
    (tmp_path / "_build" / "html").mkdir(parents=True)
    _printed(tmp_path, "inputs-1")
    assert pdf.publish(tmp_path, "inputs-1")
    assert (tmp_path / pdf.SITE_COPY).read_bytes() == b"%PDF-1.7 printed"


@pytest.mark.fast
def test_a_pdf_printed_from_older_inputs_is_not_published(tmp_path, capsys):
    (tmp_path / "_build" / "html").mkdir(parents=True)
    _printed(tmp_path, "inputs-1")
    (tmp_path / pdf.SITE_COPY).write_bytes(b"%PDF-1.7 printed")  # left by an earlier build
    assert not pdf.publish(tmp_path, "inputs-2")
    assert not (tmp_path / pdf.SITE_COPY).exists()
    assert "make book" in capsys.readouterr().out


@pytest.mark.fast
def test_a_pdf_without_a_record_of_its_inputs_is_not_published(tmp_path):
    (tmp_path / "_build" / "html").mkdir(parents=True)
    _printed(tmp_path, "inputs-1")
    (tmp_path / pdf.PRINTED_FROM).unlink()
    assert not pdf.publish(tmp_path, "inputs-1")
    assert not (tmp_path / pdf.SITE_COPY).exists()
