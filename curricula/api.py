"""The public entry point of curricula for other apps: services write, selectors read."""
