"""One module per command: each reads its values from a Session and calls the core."""
