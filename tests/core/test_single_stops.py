"""A sentence that ends with an abbreviated title prints one full stop (issue 18 item 22: "S.H..")."""

from alur.core.text import single_stops


def test_a_doubled_stop_after_a_title_becomes_one():
    assert single_stops("langkah 4 oleh Siti Aminah, S.H..") == "langkah 4 oleh Siti Aminah, S.H."
    assert single_stops("oleh Budi, M.Si.. Alur selesai.") == "oleh Budi, M.Si. Alur selesai."


def test_an_ellipsis_and_plain_sentences_stay():
    assert single_stops("Menunggu...") == "Menunggu..."
    assert single_stops("Alur selesai.") == "Alur selesai."
