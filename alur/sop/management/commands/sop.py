"""`alur sop …`: check SOP files, import SOPs, render the official document, export BPMN, list SOPs."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from alur.core.sop.importer import ImportResult, import_docx, import_text
from alur.core.sop.validate import ERROR
from alur.core.sop.yaml_format import load_sop_file
from alur.org.models import Office
from alur.sop import services
from alur.sop.models import Sop, SopRevision
from alur.sop.render import render_sop
from alur.sop.selectors import office_header, working_day_of

FORMATS = ("pdf", "docx", "svg", "html")


class Command(BaseCommand):
    help = (
        "Pustaka SOP: `alur sop validate BERKAS…`, `alur sop import BERKAS`, `alur sop render ID -o BERKAS`, "
        "`alur sop export-bpmn ID -o BERKAS.bpmn`, `alur sop list`."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="PERINTAH")

        validate = sub.add_parser("validate", help="Periksa berkas SOP YAML; gagal bila ada kesalahan.")
        validate.add_argument("paths", nargs="+", metavar="BERKAS", help="Berkas .yaml SOP.")

        imp = sub.add_parser("import", help="Impor SOP dari teks (.txt), Word (.docx) atau YAML (.yaml).")
        imp.add_argument("path", metavar="BERKAS")
        imp.add_argument("--json", action="store_true", help="Cetak hasil baca sebagai JSON; tidak menyimpan.")
        imp.add_argument("--office", metavar="KODE", help="Kode OPD tujuan (bawaan: satu-satunya OPD).")

        render = sub.add_parser("render", help="Cetak dokumen resmi SOP (PDF, DOCX, SVG diagram alir, HTML).")
        render.add_argument("ref", metavar="ID", help="ID atau kode (slug) SOP.")
        render.add_argument("--format", choices=FORMATS, default=None, help="Bawaan: dari akhiran berkas.")
        render.add_argument("-o", "--output", required=True, metavar="BERKAS")
        render.add_argument("--steps-per-page", type=int, default=10, metavar="N")
        render.add_argument("--revision", type=int, metavar="N", help="Nomor revisi (bawaan: yang berlaku).")
        render.add_argument("--office", metavar="KODE")

        bpmn = sub.add_parser("export-bpmn", help="Ekspor alur SOP sebagai BPMN 2.0.")
        bpmn.add_argument("ref", metavar="ID")
        bpmn.add_argument("-o", "--output", required=True, metavar="BERKAS")
        bpmn.add_argument("--revision", type=int, metavar="N")
        bpmn.add_argument("--office", metavar="KODE")

        listing = sub.add_parser("list", help="Daftar SOP.")
        listing.add_argument("--office", metavar="KODE")

    def handle(self, *args, action, **options):
        handler = {
            "validate": self.validate,
            "import": self.import_,
            "render": self.render,
            "export-bpmn": self.export_bpmn,
            "list": self.list,
        }[action]
        handler(**options)

    # -- validate ------------------------------------------------------------------------------

    def validate(self, paths, **_options):
        errors = warnings = bad_files = 0
        for path in paths:
            _sop, issues = load_sop_file(path)
            file_errors = sum(1 for issue in issues if issue.severity == ERROR)
            for issue in issues:
                (self.stderr if issue.severity == ERROR else self.stdout).write(str(issue))
            errors += file_errors
            warnings += len(issues) - file_errors
            bad_files += bool(file_errors)
            if not file_errors:
                self.stdout.write(f"{path}: sah" + (f" ({len(issues)} peringatan)" if issues else "") + ".")
        self.stdout.write(
            f"{len(paths)} berkas diperiksa: {errors} kesalahan, {warnings} peringatan; "
            f"{len(paths) - bad_files} sah, {bad_files} ditolak."
        )
        if errors:
            raise CommandError(f"{bad_files} berkas SOP mengandung kesalahan.")

    # -- import --------------------------------------------------------------------------------

    def import_(self, path, json=False, office=None, **_options):  # noqa: A002 - the option's name
        result = self._read(path)
        if json:
            self.stdout.write(_json_dumps(result.sops))
            for note in result.warnings:
                self.stderr.write(_warning_line(path, note))
            return
        target = _office(office)
        for note in result.warnings:
            self.stdout.write(_warning_line(path, note))
        if not result.sops:
            raise CommandError(f"Tidak ada SOP yang terbaca dari {path}.")
        stored, skipped = 0, 0
        for data in result.sops:
            label = f"{data.get('nomor') or '-'} {data.get('nama') or ''}".strip()
            for note in data.get("warnings", []):
                self.stdout.write(_warning_line(path, note))
            try:
                revision = services.sop_import_by_operator(office=target, data=data, source=path)
            except ValidationError as error:
                skipped += 1
                self.stderr.write(f"SOP {label} tidak disimpan:")
                for message in error.messages:
                    self.stderr.write(f"  {message}")
            else:
                stored += 1
                self.stdout.write(
                    f"SOP {label}: disimpan sebagai draf (ID {revision.sop_id}, kode {revision.sop.slug}, "
                    f"{len(data.get('steps') or [])} langkah; pelaksana setiap langkah perlu dikonfirmasi)."
                )
        self.stdout.write(f"{stored} SOP disimpan sebagai draf di {target.name}, {skipped} dilewati.")
        if skipped:
            raise CommandError(f"{skipped} SOP tidak disimpan karena mengandung kesalahan.")

    def _read(self, path: str) -> ImportResult:
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"Berkas {path} tidak ditemukan.")
        suffix = file.suffix.lower()
        try:
            if suffix == ".docx":
                return import_docx(str(file), filename=path)
            if suffix in (".yaml", ".yml"):
                return _read_yaml(file, path)
            raw = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Berkas {path} tidak dapat dibaca: {error.strerror or error}.") from error
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
        return import_text(text, filename=path)

    # -- render / export -----------------------------------------------------------------------

    def render(self, ref, output, format=None, steps_per_page=10, revision=None, office=None, **_options):  # noqa: A002
        fmt = format or Path(output).suffix.lower().lstrip(".")
        if fmt not in FORMATS:
            raise CommandError(f"Format '{fmt}' tidak dikenal; pilih salah satu: {', '.join(FORMATS)}.")
        if steps_per_page < 1:
            raise CommandError("--steps-per-page harus paling sedikit 1.")
        rev = _revision(ref, revision, office)
        content = render_sop(rev.as_core(), office_header(rev.sop.office), fmt, steps_per_page=steps_per_page,
                             working_day=working_day_of(rev.sop.office))
        _write(output, content)
        self.stdout.write(f"{rev.nama} (revisi {rev.number}) ditulis ke {output}.")

    def export_bpmn(self, ref, output, revision=None, office=None, **_options):
        rev = _revision(ref, revision, office)
        _write(output, render_sop(rev.as_core(), office_header(rev.sop.office), "bpmn"))
        self.stdout.write(f"{rev.nama} (revisi {rev.number}) diekspor ke {output}.")

    # -- list ----------------------------------------------------------------------------------

    def list(self, office=None, **_options):
        sops = Sop.objects.select_related("office").prefetch_related("revisions").order_by("office__code", "pk")
        if office:
            sops = sops.filter(office=_office(office))
        rows = []
        for sop in sops:
            rev = sop.current_revision()
            if rev is None:
                continue
            status = "disahkan" if rev.status == SopRevision.Status.APPROVED else "draf"
            draft = sop.draft() if status == "disahkan" else None
            note = f" (+ draf revisi {draft.number})" if draft else ""
            rows.append((str(sop.pk), sop.slug, rev.nomor, rev.nama, str(rev.number), status + note))
        if not rows:
            self.stdout.write("Belum ada SOP.")
            return
        head = ("ID", "KODE", "NOMOR", "NAMA", "REVISI", "STATUS")
        widths = [max(len(row[i]) for row in [head, *rows]) for i in range(len(head))]
        for row in [head, *rows]:
            self.stdout.write("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())


def _json_dumps(sops: list[dict]) -> str:
    return json.dumps(sops, ensure_ascii=False, indent=2)


def _warning_line(path: str, note: dict) -> str:
    where = f"{path}:{note.get('line')}" if note.get("line") else path
    field = f"{note['field']}: " if note.get("field") else ""
    return f"{where}: peringatan: {field}{note.get('message', '')}"


def _read_yaml(file: Path, path: str) -> ImportResult:
    """A curated YAML file, shaped like one importer result (its issues as warnings/errors)."""
    sop, issues = load_sop_file(file)
    notes = [{"line": i.line, "field": i.field, "message": i.message} for i in issues if i.severity != ERROR]
    errors = [str(i) for i in issues if i.severity == ERROR]
    if errors:
        raise CommandError("Berkas SOP mengandung kesalahan:\n" + "\n".join(errors))
    data = sop.to_dict()
    data["warnings"] = notes
    return ImportResult(sops=[data], filename=path)


def _office(code: str | None) -> Office:
    if code:
        office = Office.objects.filter(code=code).first()
        if office is None:
            known = ", ".join(Office.objects.values_list("code", flat=True)) or "-"
            raise CommandError(f"OPD dengan kode '{code}' tidak ada (yang ada: {known}).")
        return office
    offices = list(Office.objects.all()[:2])
    if len(offices) == 1:
        return offices[0]
    if not offices:
        raise CommandError("Belum ada OPD; jalankan `alur demo` atau buat OPD lebih dulu.")
    raise CommandError("Ada lebih dari satu OPD; sebutkan dengan --office KODE.")


def _revision(ref: str, number: int | None, office: str | None) -> SopRevision:
    sops = Sop.objects.all()
    if office:
        sops = sops.filter(office=_office(office))
    matches = list(sops.filter(pk=int(ref))) if ref.isdigit() else []
    if not matches:
        matches = list(sops.filter(slug=ref))
    if not matches:
        raise CommandError(f"SOP '{ref}' tidak ditemukan (lihat `alur sop list`).")
    if len(matches) > 1:
        raise CommandError(f"Kode '{ref}' dipakai di beberapa OPD; sebutkan dengan --office KODE.")
    sop = matches[0]
    if number is not None:
        revision = sop.revisions.filter(number=number).first()
        if revision is None:
            raise CommandError(f"SOP '{ref}' tidak memiliki revisi {number}.")
        return revision
    revision = sop.current_revision()
    if revision is None:
        raise CommandError(f"SOP '{ref}' belum memiliki revisi.")
    return revision


def _write(output: str, content: bytes | str) -> None:
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        Path(output).write_bytes(data)
    except OSError as error:
        raise CommandError(f"Berkas {output} tidak dapat ditulis: {error.strerror or error}.") from error
