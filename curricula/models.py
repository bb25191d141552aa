"""Models of curricula."""
