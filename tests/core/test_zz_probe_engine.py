import pytest
import alur.core.engine as eng
import tests.core.test_engine_properties as P

@pytest.mark.parametrize("name", ["_require_open", "_opening_still_open"])
def test_mutant_caught(monkeypatch, name):
    monkeypatch.setattr(eng, name, (lambda *a: None) if name == "_require_open" else (lambda *a: False))
    P.test_generated_sop_invariants()
