import pytest
from django.urls import reverse

from alur.web.context_processors import current_section

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path,section", [
    ("/", "beranda"), ("/tugas/3/", "tugas"), ("/alur/", "alur"), ("/surat-masuk/baru/", "surat"),
    ("/sop/1/", "sop"), ("/opd/x/", "organisasi"), ("/opd/x/kelola/pegawai/", "kelola"), ("/akun/kata-sandi/", "akun"),
])
def test_current_section(path, section):
    assert current_section(path) == section


def test_current_menu_item_is_marked(login, demo_office):
    body = login("staf").get(reverse("home")).content.decode()
    assert f'class="nav-link active" aria-current="page" href="{reverse("home")}"' in body
    assert body.count('aria-current="page"') == 1


def test_superusers_get_the_system_admin_link_only(login, demo_office, client, django_user_model):
    assert reverse("admin:index") not in login("admin").get(reverse("home")).content.decode()
    client.force_login(django_user_model.objects.create_superuser("root", password="x-very-secret-1"))
    assert reverse("admin:index") in client.get(reverse("home")).content.decode()
