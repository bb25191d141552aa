"""Models of instructors."""
