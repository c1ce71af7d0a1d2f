from django.core.management.base import BaseCommand, CommandError

from alur.audit import anchors
from alur.audit.models import Entry
from alur.audit.services import verify_office
from alur.audit.verification import record_checks
from alur.org.models import Office


class Command(BaseCommand):
    help = ("Jejak audit: `alur audit verify` memeriksa rantai hash, jangkar dan data setiap OPD; "
            "`alur audit anchor` menulis jangkar harian kepala rantai.")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser("verify", help="Periksa rantai hash, jangkar terakhir, dan setiap data terhadap "
                                               "jejak yang mencatatnya; sebutkan yang pertama berbeda.")
        verify.add_argument("--office", help="Kode OPD (bawaan: semua OPD).")
        verify.add_argument("--no-files", action="store_true", help="Jangan hitung ulang SHA-256 isi berkas.")
        verify.add_argument("--chain-only", action="store_true", help="Hanya rantai hash dan jangkar.")
        sub.add_parser("anchor", help="Tulis jangkar bertanda tangan (HMAC) kepala rantai setiap OPD ke "
                                      "ALUR_ANCHOR_DIR (dan kirim ke ALUR_ANCHOR_EMAIL). Jalankan harian dari cron.")

    def handle(self, *args, action, **options):
        if action == "anchor":
            self._anchor()
        else:
            self._verify(office=options.get("office"), files=not options.get("no_files"),
                         records=not options.get("chain_only"))

    def _anchor(self):
        written = anchors.take()
        for anchor in written:
            self.stdout.write(f"[{anchor.office}] {anchor.length} entri, kepala {anchor.head[:16]}… ({anchor.date})")
        self.stdout.write(f"{len(written)} jangkar ditulis ke {anchors.anchor_dir() / anchors.ANCHOR_FILE}.")

    def _verify(self, *, office, files, records):
        offices = Office.objects.filter(code=office) if office else Office.objects.order_by("code")
        if office and not offices:
            raise CommandError(f"OPD dengan kode '{office}' tidak ditemukan.")
        latest, invalid = anchors.latest_anchors()
        failed = False
        for line in invalid:
            failed = True
            self.stderr.write(f"JANGKAR RUSAK: {line}.")
        checks = record_checks() if records else []
        for each in offices:
            bad = self._chain(each, latest.get(each.code))
            for check in checks:
                for problem in check(each, files=files):
                    bad = True
                    self.stderr.write(f"BERBEDA {problem}")
            failed |= bad
        if not office:
            for code in sorted(set(latest) - set(offices.values_list("code", flat=True))):
                failed = True
                self.stderr.write(f"[{code}] RUSAK: OPD ini dijangkarkan tetapi tidak ada lagi di basis data.")
        if failed:
            raise CommandError("Jejak audit tidak utuh.")

    def _chain(self, office, anchor) -> bool:
        """Write what is wrong with the office's chain; True when something is."""
        result = verify_office(office)
        if result.broken:
            entry = Entry.objects.get(pk=result.broken.entry_id)
            self.stderr.write(
                f"[{office.code}] RUSAK pada entri #{entry.position} (id {entry.pk}, {entry.kind}, "
                f"{entry.at:%Y-%m-%d %H:%M:%S}): {result.broken.reason}."
            )
            return True
        if not result.head_matches:
            self.stderr.write(f"[{office.code}] RUSAK: entri terakhir tidak cocok dengan kepala rantai "
                              "(entri terakhir dihapus?).")
            return True
        reason = anchors.check_office(office, anchor)
        if reason:
            self.stderr.write(f"[{office.code}] RUSAK: {reason}.")
            return True
        anchored = f", jangkar {anchor.date} cocok" if anchor else ", belum dijangkarkan"
        self.stdout.write(f"[{office.code}] utuh: {result.entries} entri{anchored}.")
        return False
