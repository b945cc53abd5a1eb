"""Training's pages, by part; `urls.py` maps them."""
