"""Persistence: peewee models, opening a database (pragmas, integrity), migrations."""
