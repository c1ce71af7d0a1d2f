from django.contrib import admin
from django.urls import include, path

# Uploaded files have no URL of their own in any profile: the runs views serve them after checking access.
urlpatterns = [
    path("admin/", admin.site.urls),
    path("akun/", include("alur.web.account_urls")),
    path("sop/", include("alur.sop.urls")),
    path("dasbor/", include("alur.dashboard.urls")),
    path("kinerja/", include("alur.kinerja.urls")),
    path("dokumen-sakip/", include("alur.documents.urls")),
    path("opd/<slug:code>/kelola/", include("alur.org.urls")),
    path("", include("alur.runs.urls")),
    path("", include("alur.web.urls")),
]
