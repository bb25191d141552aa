"""Models of search."""
