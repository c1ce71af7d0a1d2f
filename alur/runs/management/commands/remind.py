from datetime import timedelta

from django.core.management.base import BaseCommand

from alur.runs.reminders import send_reminders


class Command(BaseCommand):
    help = "Kirim surel pengingat kepada pemegang tugas yang segera jatuh tempo atau terlambat (untuk cron)."

    def add_arguments(self, parser):
        parser.add_argument("--jam", type=float, default=4.0, help="Ambang 'segera jatuh tempo' dalam jam (bawaan 4).")

    def handle(self, *args, jam, **options):
        sent = send_reminders(within=timedelta(hours=jam))
        self.stdout.write(f"{sent} surel pengingat dikirim.")
