"""Models of xapi."""
