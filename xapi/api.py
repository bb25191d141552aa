"""The public entry point of xapi for other apps: services write, selectors read."""
