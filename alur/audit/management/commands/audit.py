from django.core.management.base import BaseCommand, CommandError

from alur.audit.models import Entry
from alur.audit.services import verify_office
from alur.org.models import Office


class Command(BaseCommand):
    help = "Jejak audit: `alur audit verify` memeriksa rantai hash setiap OPD."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser("verify", help="Periksa rantai hash dan sebutkan entri pertama yang diubah.")
        verify.add_argument("--office", help="Kode OPD (bawaan: semua OPD).")

    def handle(self, *args, action, office=None, **options):
        offices = Office.objects.filter(code=office) if office else Office.objects.all()
        if office and not offices:
            raise CommandError(f"OPD dengan kode '{office}' tidak ditemukan.")
        failed = False
        for each in offices:
            result = verify_office(each)
            if result.broken:
                failed = True
                entry = Entry.objects.get(pk=result.broken.entry_id)
                self.stderr.write(
                    f"[{each.code}] RUSAK pada entri #{entry.position} (id {entry.pk}, {entry.kind}, "
                    f"{entry.at:%Y-%m-%d %H:%M:%S}): {result.broken.reason}."
                )
            elif not result.head_matches:
                failed = True
                self.stderr.write(f"[{each.code}] RUSAK: entri terakhir tidak cocok dengan kepala rantai "
                                  "(entri terakhir dihapus?).")
            else:
                self.stdout.write(f"[{each.code}] utuh: {result.entries} entri.")
        if failed:
            raise CommandError("Jejak audit tidak utuh.")
