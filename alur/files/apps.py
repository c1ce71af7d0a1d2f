from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FilesConfig(AppConfig):
    name = "alur.files"
    label = "files"
    verbose_name = _("Berkas unggahan")

    def ready(self):
        import atexit

        from django.core.signals import request_finished

        # in ready(): the app registry is loaded
        from .pending import discard_on_request_finished, discard_rolled_back

        # Files of a request's rolled-back transactions go when the request ends; a command's at exit.
        request_finished.connect(discard_on_request_finished, dispatch_uid="alur.files.discard")
        atexit.register(discard_rolled_back)
