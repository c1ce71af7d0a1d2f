"""The kit: what every app's pages and files are built from (forms with the text rule, pagination,
the 400 helper, spreadsheet and CSV exports, read-only admin, path converters, SVG in DOCX).

A plain package, not a Django app: it depends only on alur.core and Django, so every floor above it
may import it (docs/architecture.md). The site shell that uses it stays in alur.web, on top."""
