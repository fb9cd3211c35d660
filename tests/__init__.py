"""Layak's test suite: one package per area, imported with pytest's importlib mode, so helpers
are imported by their full name (`from tests.support.people import USERNAMES`)."""
