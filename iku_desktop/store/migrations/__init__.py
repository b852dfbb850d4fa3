"""Numbered schema migrations. Each module ``mNNNN_name.py`` defines ``VERSION``, ``NAME``
and ``up(conn)``; the SQL in a migration is frozen once released — never edit a migration,
add a new one."""
