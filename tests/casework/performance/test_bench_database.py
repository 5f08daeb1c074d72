"""``manage.py bench`` measures a copy of the seeded database, so runs do not drift."""

import pytest
from django.db import connection

from casework.demo.factories import OrganisationFactory
from casework.demo.scratch import copy_of_the_database, scratch_name, url_for
from casework.models import Organisation


def test_the_copy_is_named_after_the_seed_within_postgresqls_limit():
    assert scratch_name("rp_medium") == "rp_medium_run"
    assert len(scratch_name("x" * 80)) == 63
    assert scratch_name("x" * 80).endswith("_run")


def test_the_copys_address_keeps_everything_but_the_name():
    url = "postgres://u:p@127.0.0.1:5432/rp_medium?options=-c%20jit%3Don"
    assert url_for(url, "rp_medium_run") == (
        "postgres://u:p@127.0.0.1:5432/rp_medium_run?options=-c%20jit%3Don"
    )


def test_sqlite_is_measured_in_place(db):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with copy_of_the_database() as copy:
        assert copy is None


def test_a_run_writes_to_the_copy_and_the_seed_keeps_its_state(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: SQLite is measured in place")
    seed = connection.settings_dict["NAME"]
    OrganisationFactory(name="Seeded before the run")
    with copy_of_the_database() as copy:
        assert copy == scratch_name(seed)
        assert connection.settings_dict["NAME"] == copy
        assert Organisation.objects.filter(name="Seeded before the run").exists()
        OrganisationFactory(name="Written by the run")
    assert connection.settings_dict["NAME"] == seed
    assert not Organisation.objects.filter(name="Written by the run").exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [copy])
        assert cursor.fetchone() is None, "the copy is dropped after the run"
