"""Operating the archive: backups of the database and the uploaded files, and restoring them
(`manage.py backup`, `manage.py restore`; README, Backups)."""
