"""The SOP as printed and as listed: the revision history never contradicts the identity block,
the office's logo is on every print, and the Tgl Efektif row appears where the source has one."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_history_of_a_paper_approved_sop_says_when_it_was_disahkan_and_when_entered(login, revision_named):
    iku = revision_named("IKU")  # a seed: disahkan 21 Januari 2019 on paper, loaded into Alur today
    assert iku.approved_before_alur
    content = login("staf").get(reverse("sop_detail", args=[iku.sop_id])).content.decode()
    (approved,) = re.findall(r'data-testid="history-approved">(.*?)</span>', content, re.S)
    (entered,) = re.findall(r'data-testid="history-entered">(.*?)</span>', content, re.S)
    identity_date = re.search(r"Tgl Pengesahan</th><td>([^<]+)</td>", content).group(1)
    assert identity_date in approved and "disahkan" in approved
    assert iku.data["disahkan_oleh"]["nama"] in approved
    assert entered.startswith("dimasukkan ke Alur") and str(iku.approved_at.year) in entered
    assert identity_date not in entered
