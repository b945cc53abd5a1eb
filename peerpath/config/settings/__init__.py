"""Settings modules: base, local (make run), test (pytest), production."""
