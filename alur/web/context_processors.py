from alur.org.policies import can_manage_office
from alur.org.selectors import employee_of

# The first path prefix that matches names the menu item to highlight.
SECTIONS = [
    ("/tugas/", "tugas"), ("/alur/", "alur"), ("/dokumen/", "alur"), ("/surat-masuk/", "surat"),
    ("/sop/", "sop"), ("/akun/", "akun"),
]


def navigation(request):
    """The signed-in employee, their office, what they may manage, and the current menu item."""
    user = getattr(request, "user", None)
    employee = employee_of(user)
    office = employee.office if employee else None
    return {
        "current_employee": employee,
        "current_office": office,
        "can_manage_current_office": bool(office and can_manage_office(user, office)),
        "nav_section": current_section(request.path),
    }


def current_section(path: str) -> str:
    if path == "/":
        return "beranda"
    if path.startswith("/opd/"):
        return "kelola" if "/kelola/" in path else "organisasi"
    return next((section for prefix, section in SECTIONS if path.startswith(prefix)), "")
