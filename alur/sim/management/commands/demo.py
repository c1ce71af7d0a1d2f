from django.core.management.base import BaseCommand, CommandError

from alur.kinerja.demo import load_demo_kinerja
from alur.org.demo import DEMO_PASSWORD, PEOPLE, DemoDataRefused, load_demo_office
from alur.sim.runs_demo import load_demo_runs
from alur.sop.demo import load_demo_sops


class Command(BaseCommand):
    help = "Muat (atau lengkapi) OPD demo DPMPTSP Kab. Tanjung Jabung Barat beserta SOP-nya."

    def add_arguments(self, parser):
        parser.add_argument("--quiet-logins", action="store_true", help="Jangan cetak daftar akun demo.")

    def handle(self, *args, quiet_logins=False, **options):
        try:
            office, created = load_demo_office()
        except DemoDataRefused as refused:
            raise CommandError(str(refused)) from None
        created += self._load_extensions(office)
        if created:
            self.stdout.write(self.style.SUCCESS(f"OPD demo '{office.name}' dimuat ({created} data baru)."))
        else:
            self.stdout.write(f"OPD demo '{office.name}' sudah lengkap; tidak ada yang diubah.")
        if not quiet_logins:
            self.stdout.write(f"\nAkun demo (kata sandi sama untuk semua: {DEMO_PASSWORD}):")
            for person in PEOPLE:
                self.stdout.write(f"  {person.username:<14} {person.position_name}")

    def _load_extensions(self, office) -> int:
        """Other areas (SOP library, runs, kinerja) add their demo data through their own loaders."""
        return load_demo_sops(office) + load_demo_runs(office) + load_demo_kinerja(office)
