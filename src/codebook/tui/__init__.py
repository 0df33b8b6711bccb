"""The Textual user interface: screens and widgets over the services layer.

Nothing here talks SQL: every read and write goes through ``codebook.services``,
so anything the TUI can do a test can do without a screen. Imported lazily by
the CLI (``codebook tui``) so other commands never pay for Textual.
"""
