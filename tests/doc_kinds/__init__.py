"""Document kinds that exist only in tests: each registered for one test by a fixture
(`alur.documents.kinds.temporarily`), never in the installed apps."""
