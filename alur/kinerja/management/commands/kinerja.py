"""alur kinerja: performance data from the command line (read-only exports)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from alur.org.models import Office


class Command(BaseCommand):
    help = "Data kinerja: ekspor tabel pengukuran kinerja atau matriks Renstra ke XLSX."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        pengukuran = sub.add_parser("export-pengukuran", help="Tabel pengukuran kinerja satu tahun ke XLSX.")
        pengukuran.add_argument("office", help="Kode OPD, mis. dpmptsp-tanjabbar.")
        pengukuran.add_argument("year", type=int)
        pengukuran.add_argument("-o", "--output", required=True)
        renstra = sub.add_parser("export-renstra", help="Matriks Renstra (indikator, kondisi awal, target) ke XLSX.")
        renstra.add_argument("office")
        renstra.add_argument("-o", "--output", required=True)

    def handle(self, *args, action, office, output, **options):
        from django.utils import timezone

        # lazy: a command loads the app's modules only when it runs
        from alur.kinerja import periods, selectors, spreadsheets

        found = Office.objects.filter(code=office).first()
        if found is None:
            raise CommandError(f"OPD dengan kode '{office}' tidak ada.")
        if action == "export-pengukuran":
            table = selectors.pengukuran(found, options["year"])
            if table.renstra is None:
                raise CommandError(f"OPD '{office}' tidak memiliki Renstra yang berlaku untuk tahun {options['year']}.")
            data = spreadsheets.pengukuran_workbook(table)
        else:
            # The plan in force this year (as the Renstra page opens), not a newer draft.
            renstra = periods.default_renstra(found, timezone.localdate().year)
            if renstra is None:
                raise CommandError(f"OPD '{office}' belum memiliki Renstra.")
            data = spreadsheets.renstra_workbook(renstra)
        Path(output).write_bytes(data)
        self.stdout.write(f"Ditulis: {output} ({len(data)} bita)")
