import pytest

from alur.core.errors import ValidationError
from alur.core.nip import normalize_nip, parse_nip, validate_nip


def test_valid_nip_with_spaces_is_normalised():
    assert validate_nip("19700930 199703 1 003") == "197009301997031003"
    nip = parse_nip("197009301997031003")
    assert nip.lahir.isoformat() == "1970-09-30"
    assert (nip.pengangkatan_tahun, nip.pengangkatan_bulan, nip.jenis_kelamin) == (1997, 3, 1)
    assert nip.formatted() == "19700930 199703 1 003"


@pytest.mark.parametrize(
    ("value", "code", "fragment"),
    [
        ("19700980 199703 1 003", "nip_birth_date", "tanggal lahir 19700980 tidak valid"),
        ("19700230 199703 1 003", "nip_birth_date", "tanggal lahir 19700230"),
        ("1970093019970310", "nip_length", "18 digit"),
        ("19700930199703100A", "nip_digits", "angka"),
        ("197009301997131003", "nip_appointment", "199713"),
        ("197009301997001003", "nip_appointment", "199700"),
        ("197009301986031003", "nip_appointment_age", "1986"),
        ("197009301997033003", "nip_sex", "jenis kelamin 3"),
        ("", "nip_required", "wajib"),
    ],
)
def test_invalid_nip_names_the_wrong_part(value, code, fragment):
    with pytest.raises(ValidationError) as info:
        validate_nip(value)
    assert info.value.code == code
    assert fragment.lower() in info.value.message.lower()


def test_appointment_exactly_at_seventeen_is_allowed():
    assert validate_nip("198001012003011001") == "198001012003011001"
    with pytest.raises(ValidationError):
        validate_nip("198001011996121001")


def test_normalize_removes_spaces_and_dots():
    assert normalize_nip(" 19700930.199703 1 003 ") == "197009301997031003"
