"""Appending to the chain: the head read earlier in the act is moved by one UPDATE; a stale one
falls back to locking the row, so the chain never forks and never skips a position."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from alur.audit.models import Chain, Entry
from alur.audit.services import Head, record, record_many, verify_office
from alur.core.hashchain import GENESIS
from alur.org.models import Office

pytestmark = pytest.mark.django_db


def _head(office) -> Head:
    chain = Chain.objects.get(office=office)
    return Head(chain.length, chain.head_hash)


def test_the_head_seen_earlier_costs_two_statements(demo_office):
    with transaction.atomic():
        record(office=demo_office, kind="uji.pertama", data={"n": 0})
    seen = _head(demo_office)
    with transaction.atomic(), CaptureQueriesContext(connection) as captured:
        entries = record_many(office=demo_office, items=[("uji.a", {"n": 1}), ("uji.b", {"n": 2})], seen=seen)
    verbs = [q["sql"].split(" ")[0] for q in captured.captured_queries]
    assert [v for v in verbs if v not in ("SAVEPOINT", "RELEASE")] == ["UPDATE", "INSERT"]
    assert [e.position for e in entries] == [seen.length + 1, seen.length + 2]
    assert entries[0].prev_hash == seen.hash and _head(demo_office) == Head(seen.length + 2, entries[-1].hash)


def test_a_stale_head_is_not_forked_from(demo_office):
    with transaction.atomic():
        record(office=demo_office, kind="uji.pertama", data={"n": 0})
    stale = _head(demo_office)
    with transaction.atomic():
        other = record(office=demo_office, kind="uji.lain", data={"n": 1})  # another act appended meanwhile
    with transaction.atomic():
        mine = record_many(office=demo_office, items=[("uji.saya", {"n": 2})], seen=stale)[0]
    assert (mine.position, mine.prev_hash) == (other.position + 1, other.hash)
    assert Entry.objects.filter(office=demo_office, prev_hash=stale.hash).count() == 1  # one successor only
    result = verify_office(demo_office)
    assert result.broken is None and result.head_matches


def test_the_first_entry_of_an_office_creates_its_chain():
    # made without post_save, so no app's receiver (kinerja's settings) writes the chain's first entry
    office = Office.objects.bulk_create([Office(name="Dinas Uji", code="uji", short_code="UJI",
                                                government="Pemerintah Uji")])[0]
    with transaction.atomic():
        entries = record_many(office=office, items=[("uji.a", {"n": 1}), ("uji.b", {"n": 2})])
    assert [e.position for e in entries] == [1, 2] and entries[0].prev_hash == GENESIS
    assert _head(office) == Head(2, entries[-1].hash)
    assert verify_office(office).head_matches
