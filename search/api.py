"""The public entry point of search for other apps: services write, selectors read."""
