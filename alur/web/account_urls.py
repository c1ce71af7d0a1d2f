from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from alur.kit.forms import AlurPasswordChangeForm, LoginForm

urlpatterns = [
    path(
        "masuk/",
        auth_views.LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "kata-sandi/",
        auth_views.PasswordChangeView.as_view(
            form_class=AlurPasswordChangeForm, success_url=reverse_lazy("password_change_done")),
        name="password_change",
    ),
    path("kata-sandi/selesai/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
]
