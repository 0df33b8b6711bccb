"""Retrieving coded segments ("quotes") by a boolean code query, within filters.

The query language itself (``"A" AND ("B" OR "C")``, NEAR, NOT) and the
``Quote`` values are in the domain (``codebook.domain.queries`` and
``codebook.domain.quotes``); this package runs a query against a project:

- ``lookups``: document attributes, and attribute and coder filters turned
  into document and coder ids;
- ``evaluation``: fetching codings (with the turn each starts in) and
  combining them by AND, OR, NOT and NEAR; ``fetch_codings`` for analysis;
- ``quotes``: turning segments into ``Quote`` values with text and context:
  ``retrieve``, ``quotes_of_code``, ``all_quotes``.

Import from those modules: nothing is re-exported here, so the package can
be imported without loading all of it.
"""
