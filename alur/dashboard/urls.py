from django.urls import path

from . import views

app_name = "dashboard"

urlpatterns = [
    path("", views.home, name="home"),
    path("kabupaten/", views.kabupaten, name="kabupaten"),
    path("pemberitahuan/", views.notifications, name="notifications"),
    path("opd/<slug:code>/", views.now, name="now"),
    path("opd/<slug:code>/sakip/", views.sakip_current, name="sakip_current"),
    path("opd/<slug:code>/sakip/<year:year>/", views.sakip, name="sakip"),
    path("opd/<slug:code>/sop/<int64:pk>/", views.realism, name="realism"),
    path("opd/<slug:code>/sop/<int64:pk>/usulan/", views.realism_apply, name="realism_apply"),
    path("opd/<slug:code>/sop/<int64:pk>/log.<str:fmt>", views.event_log, name="event_log"),
]
