from pathlib import Path

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError

from alur.files.orphans import find_orphans


class Command(BaseCommand):
    help = "Berkas unggahan: `alur files orphans [--remove]` mencari berkas yang tidak dirujuk data mana pun."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        orphans = sub.add_parser("orphans", help="Daftar (dan hapus) berkas yang tidak dirujuk baris mana pun.")
        orphans.add_argument("--remove", action="store_true", help="Hapus berkas yatim yang ditemukan.")
        orphans.add_argument("--min-age", type=int, default=60, metavar="MENIT",
                             help="Lewati berkas yang lebih muda dari ini (transaksinya mungkin masih berjalan); "
                                  "bawaan 60 menit.")

    def handle(self, *args, action, remove=False, min_age=60, **options):
        if min_age < 0:
            raise CommandError("--min-age tidak boleh negatif.")
        root = Path(default_storage.location)
        for name in default_storage.recover():
            self.stdout.write(f"dihapus (transaksi proses yang mati): {name}")
        count = size = 0
        for orphan in find_orphans(root=root, min_age_seconds=min_age * 60):
            count += 1
            size += orphan.size
            if remove:
                default_storage.delete(orphan.name)
            self.stdout.write(f"{'dihapus' if remove else 'yatim'}: {orphan.name} ({orphan.size} bita)")
        verb = "dihapus" if remove else "ditemukan"
        self.stdout.write(f"{count} berkas yatim {verb} ({size / 1048576:.1f} MB) di {root}.")
        if count and not remove:
            raise CommandError(f"Ada {count} berkas yang tidak dirujuk data mana pun; hapus dengan --remove.")
