"""Correcting a coded transcript: a character diff, offsets carried through it, a plan, one action.

``diffing`` compares the old and the new text, ``remap`` moves offsets
through the comparison (pure functions), ``turns`` decides the turns of the
new text, ``plan`` puts together what an edit would change and ``apply``
makes it as one undoable action.
"""
