"""Training's forms, by part."""
