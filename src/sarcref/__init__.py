"""sarcref: a command-line reference manager."""

__version__ = "0.1.0"
