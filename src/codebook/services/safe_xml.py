"""The one lxml parser configuration for XML from outside (.qdc codebooks, .qdpx projects).

Files from other tools and other people are read as hostile: no DTD is
loaded, no entity expanded, nothing fetched from the network, no huge text
node accepted. Callers also refuse any DOCTYPE outright, in their own words.
"""

from __future__ import annotations

from lxml import etree


def safe_parser(schema: etree.XMLSchema | None = None) -> etree.XMLParser:
    """A parser that never loads a DTD, expands an entity or touches the network; with a
    ``schema``, it validates while it parses."""
    return etree.XMLParser(
        schema=schema,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
