"""Exit 0 when the database server named by DATABASE_URL answers, 1 otherwise (`make test`).

The tests create their own database (test_NAME), so the named database need not exist yet.
"""

from __future__ import annotations

import os
import sys


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "layak.settings")
    # Django reads the settings module named above when it is imported and set up.
    import django
    from django.db import connection
    from django.db.utils import OperationalError

    django.setup()
    try:
        connection.ensure_connection()
    except OperationalError:
        try:
            with connection._nodb_cursor():  # the server's maintenance database, as tests use
                pass
        except OperationalError:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
