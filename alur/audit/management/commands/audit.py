from django.core.management.base import BaseCommand, CommandError

from alur.audit import anchors, records, restore
from alur.audit.models import Entry
from alur.audit.offices import office_model
from alur.audit.services import verify_office
from alur.audit.verification import record_checks


class Command(BaseCommand):
    help = ("Jejak audit: `alur audit verify` memeriksa rantai hash, jangkar dan data setiap OPD; "
            "`alur audit anchor` menulis jangkar harian kepala rantai; `check-restore` dan `record-restore` "
            "untuk salinan yang dipulihkan dari cadangan (lihat docs/operations.md).")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser("verify", help="Periksa rantai hash, jangkar terakhir, dan setiap data terhadap "
                                               "jejak yang mencatatnya; sebutkan yang pertama berbeda.")
        verify.add_argument("--office", help="Kode OPD (bawaan: semua OPD).")
        verify.add_argument("--no-files", action="store_true", help="Jangan hitung ulang SHA-256 isi berkas.")
        verify.add_argument("--chain-only", action="store_true", help="Hanya rantai hash dan jangkar.")
        sub.add_parser("anchor", help="Tulis jangkar bertanda tangan (HMAC) kepala rantai setiap OPD ke "
                                      "ALUR_ANCHOR_DIR (dan kirim ke ALUR_ANCHOR_EMAIL). Jalankan harian dari cron.")
        check = sub.add_parser("check-restore", help="Periksa salinan yang dipulihkan dari cadangan: jangkar terbaru "
                                                     "yang masih dicapai setiap rantai, entri yang hilang sejak "
                                                     "jangkar sesudahnya, rantai dan data.")
        check.add_argument("--office", help="Kode OPD (bawaan: semua OPD).")
        check.add_argument("--no-files", action="store_true", help="Jangan hitung ulang SHA-256 isi berkas.")
        note = sub.add_parser("record-restore", help="Catat di jejak setiap OPD bahwa basis data dipulihkan dari "
                                                     "cadangan (jangkar yang dicapai dan entri yang hilang).")
        note.add_argument("--reason", required=True, help="Alasan pemulihan (mis. 'disk rusak 7 Des, cadangan "
                                                          "6 Des 23.00').")
        note.add_argument("--office", help="Kode OPD (bawaan: semua OPD).")
        base = sub.add_parser("baseline", help="Catat di jejak data yang belum tercatat (sekali, setelah "
                                               "memperbarui dari versi Alur yang belum mencatat data).")
        base.add_argument("--reason", required=True, help="Alasan pencatatan.")
        base.add_argument("--office", help="Kode OPD (bawaan: semua OPD).")

    def handle(self, *args, action, **options):
        if action == "anchor":
            self._anchor()
        elif action == "check-restore":
            self._check_restore(office=options.get("office"), files=not options.get("no_files"))
        elif action == "record-restore":
            self._record_restore(office=options.get("office"), reason=options["reason"])
        elif action == "baseline":
            self._baseline(office=options.get("office"), reason=options["reason"])
        else:
            self._verify(office=options.get("office"), files=not options.get("no_files"),
                         records=not options.get("chain_only"))

    def _anchor(self):
        written = anchors.take()
        for anchor in written:
            self.stdout.write(f"[{anchor.office}] {anchor.length} entri, kepala {anchor.head[:16]}… ({anchor.date})")
        self.stdout.write(f"{len(written)} jangkar ditulis ke {anchors.anchor_dir() / anchors.ANCHOR_FILE}.")

    def _offices(self, office):
        all_offices = office_model().objects
        offices = all_offices.filter(code=office) if office else all_offices.order_by("code")
        if office and not offices:
            raise CommandError(f"OPD dengan kode '{office}' tidak ditemukan.")
        return offices

    def _verify(self, *, office, files, records):
        offices = self._offices(office)
        taken, invalid = anchors.all_anchors()
        failed = False
        for line in invalid:
            failed = True
            self.stderr.write(f"JANGKAR RUSAK: {line}.")
        checks = record_checks() if records else []
        for each in offices:
            bad = self._chain(each, *restore.anchor_to_check(each, taken.get(each.code, [])))
            for check in checks:
                for problem in check(each, files=files):
                    bad = True
                    self.stderr.write(f"BERBEDA {problem}")
            failed |= bad
        if not office:
            for code in sorted(set(taken) - set(offices.values_list("code", flat=True))):
                failed = True
                self.stderr.write(f"[{code}] RUSAK: OPD ini dijangkarkan tetapi tidak ada lagi di basis data.")
        if failed:
            raise CommandError("Jejak audit tidak utuh.")

    def _chain(self, office, anchor, excused: int = 0) -> bool:
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
        if excused:
            anchored += f" ({excused} jangkar hilang karena pemulihan cadangan yang tercatat di jejak)"
        self.stdout.write(f"[{office.code}] utuh: {result.entries} entri{anchored}.")
        return False

    def _check_restore(self, *, office, files):
        taken, invalid = anchors.all_anchors()
        failed = False
        for line in invalid:
            failed = True
            self.stderr.write(f"JANGKAR RUSAK: {line}.")
        for each in self._offices(office):
            result = verify_office(each)
            if result.broken or not result.head_matches:
                failed = True
                self.stderr.write(f"[{each.code}] RUSAK: rantai hash salinan ini tidak utuh; jalankan "
                                  "`alur audit verify` untuk rinciannya.")
                continue
            state = restore.state_of(each, taken.get(each.code, []))
            if state.reached is None and state.lost:
                failed = True
                self.stderr.write(f"[{each.code}] RUSAK: rantai ({state.length} entri) tidak mencapai jangkar mana "
                                  "pun; salinan ini bukan dari instalasi ini atau rantainya ditulis ulang.")
            elif state.reached is None:
                self.stdout.write(f"[{each.code}] rantai utuh: {state.length} entri, belum pernah dijangkarkan.")
            else:
                self.stdout.write(f"[{each.code}] rantai utuh: {state.length} entri; mencapai jangkar "
                                  f"{state.reached.date} ({state.reached.length} entri).")
            if state.lost:
                last = state.lost[-1]
                self.stdout.write(f"[{each.code}] PERHATIAN: {len(state.lost)} jangkar sesudahnya tidak tercapai "
                                  f"(terakhir {last.date}, {last.length} entri); {state.missing} entri yang sudah "
                                  "dijangkarkan hilang. Jika pemulihan ini memang disengaja, catat dengan "
                                  "`alur audit record-restore --reason \"…\"`.")
            for check in record_checks():
                for problem in check(each, files=files):
                    failed = True
                    self.stderr.write(f"BERBEDA {problem}")
        if failed:
            raise CommandError("Salinan yang dipulihkan tidak utuh.")
        self.stdout.write("Rantai dan data salinan ini utuh.")

    def _record_restore(self, *, office, reason):
        if not reason.strip():
            raise CommandError("Alasan pemulihan (--reason) wajib diisi.")
        taken, _invalid = anchors.all_anchors()
        for each in self._offices(office):
            try:
                entry = restore.record_restore(each, taken.get(each.code, []), reason=reason.strip())
            except restore.NotARestore as error:
                raise CommandError(str(error)) from error
            if entry is None:
                self.stdout.write(f"[{each.code}] tidak ada jangkar yang hilang; tidak ada yang dicatat.")
            else:
                self.stdout.write(f"[{each.code}] pemulihan dicatat pada entri #{entry.position}: "
                                  f"{entry.data['entri_hilang']} entri hilang sejak jangkar "
                                  f"{(entry.data['jangkar'] or {}).get('date', '-')}.")
        self.stdout.write("Ambil jangkar baru sekarang: `alur audit anchor`.")

    def _baseline(self, *, office, reason):
        if not reason.strip():
            raise CommandError("Alasan (--reason) wajib diisi.")
        for each in self._offices(office):
            count = records.baseline(each, reason=reason.strip())
            self.stdout.write(f"[{each.code}] {count} data dicatat di jejak.")
