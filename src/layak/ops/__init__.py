"""Operations: backup and restore (T9) and personal-data duties (T12): export, retention, breach.

No models of its own: it reads and writes the other apps' tables, the file storage and the
database through its vendor's own tools.
"""
