"""Exit 0 when the database named by DATABASE_URL answers, 1 otherwise (used by `make test`)."""

from __future__ import annotations

import os
import sys


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "layak.settings")
    import django
    from django.db import connection
    from django.db.utils import OperationalError

    django.setup()
    try:
        connection.ensure_connection()
    except OperationalError:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
