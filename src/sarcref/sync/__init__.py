"""A library shared through a git repository: ``sarcref sync``.

The repository holds one file per record (``records/<key>.json``, see ``files``) and a
``sarcref.toml``. ``git`` (the executable, see ``git``) moves them; sarcref merges them
itself, per record and per field, against the last synced state (``merging``); ``engine``
runs the steps so that each can be interrupted and done again.
"""
