"""The public entry point of instructors for other apps: services write, selectors read."""
