"""The public entry point of courses for other apps: services write, selectors read."""
