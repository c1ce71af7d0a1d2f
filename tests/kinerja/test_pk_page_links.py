"""Issue 18 item 15: the PK page links its document (PDF, DOCX) and says where its anggaran comes
from (the pagu of the Anggaran page), explaining a "Jumlah 0"."""

from django.urls import reverse

from alur.kinerja import services
from alur.kinerja.models import BudgetLine, PerjanjianKinerja


def test_the_pk_page_links_its_pdf_and_names_the_source_of_its_money(client, kinerja_office, user_named):
    code = kinerja_office.code
    client.force_login(user_named("kadis"))
    page = client.get(reverse("kinerja:pk", args=[code, 2025])).content.decode()
    pdf = reverse("documents:preview", args=[code, "pk", 2025, "pdf"])
    assert f'href="{pdf}"' in page
    note = page.split('data-testid="pk-pagu-source">')[1].split("</p>")[0]
    assert reverse("kinerja:budget", args=[code, 2025]) in note and "ditandatangani" in note
    response = client.get(pdf)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_a_zero_total_is_explained_with_a_link_to_the_budget(client, kinerja_office, user_named):
    code = kinerja_office.code
    PerjanjianKinerja.objects.filter(office=kinerja_office, year=2026).delete()
    BudgetLine.objects.filter(program__renstra__office=kinerja_office, year=2026).delete()
    services.pk_create(user=user_named("kasubbag"), office=kinerja_office, year=2026, pihak_kedua_name="H. Anwar",
                       pihak_kedua_title="Bupati Tanjung Jabung Barat")
    client.force_login(user_named("kasubbag"))
    page = client.get(reverse("kinerja:pk", args=[code, 2026])).content.decode()
    note = page.split('data-testid="pk-pagu-source">')[1].split("</p>")[0]
    assert "Jumlah 0 karena pagu program tahun 2026 belum diisi" in note
    assert reverse("kinerja:budget", args=[code, 2026]) in note
