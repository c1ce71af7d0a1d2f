"""Demo runs, so that a first look at Alur shows work in progress: a letter from the Bupati with a
RENJA run halfway through, and an IKU run started by hand waiting for the Kepala Dinas."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from alur.org.models import Office
from alur.runs.models import Run
from alur.runs.services import letter_register, run_start
from alur.sop.models import SopRevision

from .simulate import drive


def draft_pdf(title: str) -> bytes:
    """A readable one-page PDF standing in for an office draft."""
    from weasyprint import HTML

    html = (f"<h1 style='font-family:sans-serif'>{title}</h1>"
            "<p style='font-family:sans-serif'>Dokumen contoh yang dibuat oleh <code>alur demo</code>.</p>")
    return HTML(string=html).write_pdf()


def load_demo_runs(office: Office) -> int:
    """Idempotent: does nothing once the office has any run."""
    if Run.objects.filter(office=office).exists():
        return 0
    admin = get_user_model().objects.get(username="admin")
    approved = SopRevision.objects.filter(sop__office=office, status=SopRevision.Status.APPROVED)
    renja, iku = approved.get(nama__icontains="RENJA"), approved.get(nama__icontains="IKU")
    now = timezone.now()
    today = timezone.localdate(now)
    letter = letter_register(
        office=office, user=admin, nomor_surat=f"050/112/BAPPEDA/{today.year}", tanggal_surat=today - timedelta(days=3),
        asal="Bupati Tanjung Jabung Barat (melalui Bappeda)", perihal=f"Penyusunan Renja Tahun {today.year + 1}",
        sifat="segera", received_on=today - timedelta(days=2),
    )
    run = run_start(revision=renja, user=admin, letter=letter, year=today.year + 1, now=now - timedelta(hours=5))
    drive(run, start=now - timedelta(hours=5), step_minutes=20, max_transitions=6,
          pdf=draft_pdf(f"Bahan Renja Tahun {today.year + 1}"))
    run_start(revision=iku, user=admin, purpose=f"Reviu IKU Tahun {today.year + 1}", year=today.year + 1)
    return 2
