"""The SQL that `sai-etl migrate` installs, shipped as package data: `sql/` (idempotent
functions, views, grants) and `migrations/` (yoyo). In the repository both are symbolic links to
the top-level folders, so an editable install reads the checkout and a wheel carries copies."""
