"""Accessibility (issue 18 item 25) below the browser: the form template's fieldsets, labels and date
hints; readable text on office-chosen colours; the flowchart's and charts' text alternatives; the one
date format of the pages."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django import forms
from django.template import Context, Template
from django.template.loader import render_to_string
from lxml import etree

from alur.core.contrast import contrast_ratio, text_colour_on
from alur.core.kinerja.scales import DEFAULT_CAPAIAN_SCALE
from alur.core.sop.model import Sop, Step, StepKind
from alur.documents.charts import alt_text, svg
from alur.documents.content import Chart
from alur.kit.forms import AlurForm, DateInput
from alur.sop.render.svg import flow_pages, flowchart_row_svgs, flowchart_svg_document, step_alt_text

SVG = "{http://www.w3.org/2000/svg}"


class SampleForm(AlurForm):
    units = forms.MultipleChoiceField(label="Bidang tujuan", choices=[("a", "Bidang A"), ("b", "Bidang B")],
                                      widget=forms.CheckboxSelectMultiple, help_text="Pilih satu atau lebih.")
    decision = forms.ChoiceField(label="Keputusan", choices=[("ya", "Ya"), ("tidak", "Tidak")],
                                 widget=forms.RadioSelect)
    due = forms.DateField(label="Batas waktu", widget=DateInput(), required=False)
    kind = forms.ChoiceField(label="Jenis", choices=[("x", "X")])


def rendered(form) -> etree._Element:
    return etree.fromstring(f"<div>{render_to_string('web/_form.html', {'form': form})}</div>", etree.HTMLParser())


def test_choice_groups_are_fieldsets_named_by_their_legend():
    html = rendered(SampleForm())
    for name, label in (("units", "Bidang tujuan"), ("decision", "Keputusan")):
        fieldset = html.find(f".//fieldset[@data-testid='choices-{name}']")
        assert fieldset is not None, name
        assert fieldset.find("legend").text.strip().startswith(label)
        assert len(fieldset.findall(".//input")) == 2
    units = html.find(".//fieldset[@data-testid='choices-units']")
    assert html.find(f".//*[@id='{units.get('aria-describedby')}']").text == "Pilih satu atau lebih."


def test_select_is_labelled_and_date_field_says_how_to_type_it():
    html = rendered(SampleForm())
    select = html.find(".//select")
    assert html.find(f".//label[@for='{select.get('id')}']").text.strip() == "Jenis *"
    due = html.find(".//input[@name='due']")
    assert due.get("type") == "date" and due.get("placeholder") == "hh/bb/tttt"
    hint = html.find(f".//*[@id='{due.get('aria-describedby')}']/span[@data-testid='date-hint']")
    assert "".join(hint.itertext()).strip() == "format hh/bb/tttt"
    assert hint.get("hidden") is not None  # shown by alur.js only where the browser has no date picker


def test_a_date_typed_as_the_hint_says_is_read_as_an_indonesian_date():
    form = SampleForm({"units": ["a"], "decision": "ya", "due": "04/01/2027", "kind": "x"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["due"] == date(2027, 1, 4)
    assert SampleForm({"due": "2027-01-04"}).fields["due"].clean("2027-01-04") == date(2027, 1, 4)  # the picker


def test_a_field_with_errors_is_marked_invalid():
    form = SampleForm({"units": ["a"], "decision": "ya", "due": "31/02/2027", "kind": "x"})
    assert not form.is_valid()
    assert rendered(form).find(".//input[@name='due']").get("aria-invalid") == "true"


def test_label_on_a_category_colour_is_always_readable():
    for row in DEFAULT_CAPAIAN_SCALE:
        assert contrast_ratio(row.text_colour, row.colour) >= 4.5, (row.label, row.colour, row.text_colour)
    assert text_colour_on("#e0b000") == "#212529"  # yellow "Sedang": dark text (white was 2.0:1)
    assert text_colour_on("#1b7a3a") == "#ffffff"
    assert text_colour_on("#fff") == "#212529"
    assert text_colour_on("hijau") == "#ffffff"  # not a hex colour: unknown, white as before
    assert round(contrast_ratio("#ffffff", "#000000"), 2) == 21.0


def sample_sop() -> Sop:
    return Sop(nomor="1", nama="Contoh", actors=("Kepala Dinas", "Sekretaris"), steps=(
        Step(no=1, kegiatan="Menerima surat", kind=StepKind.TERMINATOR, actors=("Sekretaris",)),
        Step(no=2, kegiatan="Memeriksa konsep", kind=StepKind.DECISION, actors=("Kepala Dinas",),
             next_yes=3, next_no=1),
        Step(no=3, kegiatan="Mengarsipkan", kind=StepKind.TERMINATOR, actors=("Sekretaris",)),
    ))


def test_each_flowchart_row_says_in_words_what_it_draws():
    sop = sample_sop()
    assert step_alt_text(sop, sop.steps[0]) == "Langkah 1, mulai/selesai, oleh Sekretaris; lalu ke langkah 2."
    assert step_alt_text(sop, sop.steps[1]) == ("Langkah 2, keputusan, oleh Kepala Dinas; bila ya ke langkah 3, "
                                                "bila tidak ke langkah 1.")
    assert step_alt_text(sop, sop.steps[2]).endswith("; alur selesai.")
    rows = flowchart_row_svgs(sop, flow_pages(sop)[0])
    roots = [etree.fromstring(row.encode()) for row in rows]
    assert [r.get("role") for r in roots] == ["img"] * 3
    assert roots[1].get("aria-label") == step_alt_text(sop, sop.steps[1])


def test_downloaded_flowchart_has_a_title_and_a_step_by_step_description():
    root = etree.fromstring(flowchart_svg_document(sample_sop()).encode())
    assert root.get("role") == "img" and root.get("aria-labelledby") == "sopfc-title sopfc-desc"
    assert root.find(f"{SVG}title").text == "Diagram Alir SOP Contoh"
    desc = root.find(f"{SVG}desc").text
    assert ("Langkah 2, keputusan, oleh Kepala Dinas; bila ya ke langkah 3, bila tidak ke langkah 1: "
            "Memeriksa konsep.") in desc


def test_document_chart_carries_its_figures_as_text():
    chart = Chart(caption="Capaian sasaran", labels=("S1.1", "S1.2"),
                  series=(("Target", (100.0, 100.0)), ("Realisasi", (98.4, None))))
    assert alt_text(chart) == "S1.1: Target 100 %, Realisasi 98,4 %; S1.2: Target 100 %, Realisasi tanpa data."
    root = etree.fromstring(svg(chart).encode())
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Capaian sasaran" and root.find(f"{SVG}desc").text == alt_text(chart)


def test_pages_write_dates_in_the_one_format(settings):
    settings.TIME_ZONE = "Asia/Jakarta"
    template = Template("{% load alur_tags %}{{ d|tanggal }} | {{ t|tanggal_jam }} | {{ t|tanggal }} | "
                        "{{ n|tanggal|default:'-' }}")
    moment = datetime(2027, 1, 3, 23, 5, tzinfo=ZoneInfo("UTC"))  # 4 Januari in Jakarta
    text = template.render(Context({"d": date(2027, 1, 4), "t": moment, "n": None}))
    assert text == "4 Januari 2027 | 4 Januari 2027 06.05 | 4 Januari 2027 | -"
