"""Models of h5p."""
