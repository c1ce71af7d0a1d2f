"""One Indonesian number format in the documents (issue 18 item 6): thousands ".", decimals ",", at
most two decimals, in tables, paragraphs and chart labels."""

import re
from decimal import Decimal as D

from alur.documents.charts import svg
from alur.documents.content import Chart, Paragraph, number, percent, rupiah
from alur.documents.kinds import build

ENGLISH_DECIMAL = re.compile(r"(?<![\w.-])\d+\.\d{1,2}(?![\d.])")  # "98.4", "90.00" — never a thousands group
TOO_PRECISE = re.compile(r"\d,\d{3,}")  # "82,875": more than two decimals


def test_builders_round_to_the_precision_of_the_figure():
    assert number(D("82.875")) == "82,88" and number(D("93.3375")) == "93,34" and number(D("2300")) == "2.300"
    assert percent(D("71.25")) == "71,25%" and rupiah(D("2784000000.00")) == "2.784.000.000"


def test_chart_labels_are_indonesian_with_two_decimals():
    drawn = svg(Chart("Capaian", ("S1.1",), (("Capaian", (98.4,)),)))
    assert ">98,40<" in drawn and "98.4" not in drawn


def test_the_lkjip_prints_no_english_or_unrounded_figure(kinerja_office):
    doc = build("lkjip", kinerja_office, 2026)
    texts = [cell for table in doc.tables for row in (*table.rows, table.total or ()) for cell in row]
    texts += [block.text for block in doc.blocks if isinstance(block, Paragraph)]
    scale = next(t for t in texts if t.startswith("Kategori capaian"))
    assert "90.00" not in scale and "> 90" in scale
    for text in texts:
        assert not ENGLISH_DECIMAL.search(text), text
        assert not TOO_PRECISE.search(text), text
