from django.core.management.base import BaseCommand, CommandError

from alur.runs.models import Run
from alur.runs.services import replayed_state


class Command(BaseCommand):
    help = "Alur SOP: `alur runs verify-replay` membangun ulang status setiap alur dari jejak audit."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        replay = sub.add_parser("verify-replay", help="Bandingkan status tersimpan dengan hasil putar ulang jejak.")
        replay.add_argument("ids", nargs="*", type=int, help="ID alur (bawaan: semua).")

    def handle(self, *args, action, ids=(), **options):
        runs = Run.objects.filter(pk__in=ids) if ids else Run.objects.all()
        bad = 0
        for run in runs.select_related("revision", "office").order_by("pk"):
            if replayed_state(run) != run.engine_state():
                bad += 1
                self.stderr.write(f"Alur #{run.pk} ({run.purpose}): status tersimpan berbeda dari hasil putar ulang.")
        self.stdout.write(f"{runs.count() - bad} alur cocok, {bad} berbeda.")
        if bad:
            raise CommandError("Ada alur yang statusnya tidak cocok dengan jejaknya.")
