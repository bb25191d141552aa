"""The public entry point of monitoring for other apps: services write, selectors read."""
