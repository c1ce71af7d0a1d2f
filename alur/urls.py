from django.contrib import admin
from django.urls import include, path

from alur.org import urls as org_urls
from alur.workdays import urls as workdays_urls

# Uploaded files have no URL of their own in any profile: the runs views serve them after checking access.
urlpatterns = [
    path("admin/", admin.site.urls),
    path("akun/", include("alur.web.account_urls")),
    path("sop/", include("alur.sop.urls")),
    path("dasbor/", include("alur.dashboard.urls")),
    path("kinerja/", include("alur.kinerja.urls")),
    path("dokumen-sakip/", include("alur.documents.urls")),
    # org and workdays share one prefix and the "org" namespace (org does not import workdays).
    path("opd/<slug:code>/kelola/", include((org_urls.urlpatterns + workdays_urls.urlpatterns, org_urls.app_name))),
    path("", include("alur.runs.urls")),
    path("", include("alur.web.urls")),
]
