"""The words the CLI prints, in English and Dutch, one module per command group.

Plain data: importing a module here must stay free, ``codebook --help`` loads
them. ``common.translated`` picks the language; a translator finds every
word in this folder.
"""
