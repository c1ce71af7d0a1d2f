"""A step kind that exists only for the tests: registered by a fixture, never in INSTALLED_APPS."""
