"""`alur digest`: the daily e-mail digest of each person's unread notifications (run it from cron)."""

from django.core.management.base import BaseCommand

from alur.dashboard.notifications import send_digests


class Command(BaseCommand):
    help = ("Kirim ringkasan harian pemberitahuan yang belum dibaca ke setiap pegawai yang beralamat surel dan "
            "tidak mematikan ringkasan. Jalankan sekali sehari dari cron.")

    def handle(self, *args, **options):
        self.stdout.write(f"{send_digests()} surel ringkasan dikirim.")
