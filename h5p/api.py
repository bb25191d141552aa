"""The public entry point of h5p for other apps: services write, selectors read."""
