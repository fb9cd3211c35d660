"""What every test area shares: the demo's people (`people`) and the fixtures that sign them
in (`fixtures`, registered for the whole suite by tests/conftest.py)."""
