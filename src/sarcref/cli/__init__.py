"""The command-line interface: a thin layer over the sarcref core.

``spec`` declares every command once; ``parsing`` reads command lines against it and
``entry`` runs them (``commands/``, one module a command) through the one error sink of
``exits``; ``typer_app`` builds the Typer application from the same declarations for help
and shell completion. Importing this package imports nothing else.
"""
