"""A person's rights over their record: a copy of it (subject access), corrections
(rectification), and how long it is kept (retention, with tombstones)."""
