"""Questionnaires beside the interviews: reading, storing, testing and drawing their items.

``reading`` turns a CSV or XLSX export into a checked ``ParsedSurvey`` (its
sheets through ``spreadsheet``, answers matched to the scales of
``scales``) without touching storage; ``storage`` stores it as one undoable
action, counts the answers per group and links items to themes; ``split``
decides with a test whether a figure is split per group; ``figures`` draws
them.
"""
