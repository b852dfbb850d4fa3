"""Use cases: the only door the window and the command line use. Services return plain
data (results, reports of what changed), never widgets."""
