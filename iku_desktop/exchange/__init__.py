"""Data in and out: file readers, column mapping, row validation and upsert (importer),
and later Excel templates/exports and district packages."""
