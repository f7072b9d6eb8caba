"""Adapters: the MkDocs plugin and the ``sopdocs`` command, thin layers over the core.

Only this package may import MkDocs or click.
"""
