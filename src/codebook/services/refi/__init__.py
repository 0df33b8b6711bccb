"""Whole projects exchanged as REFI-QDA (.qdpx) with NVivo, ATLAS.ti, MAXQDA, QualCoder.

A .qdpx is a zip of one project XML file (``project.qde``) and its sources.
Both directions go through one in-memory model (``model``), so exporting,
importing and the round-trip check compare like with like:

- ``gather``: the project, read through the services, as the model (stable GUIDs);
- ``writer``: the model as a schema-valid ``project.qde`` and ``sources/<guid>.txt``;
- ``exporting``: gather, write and (with a check) read back and compare;
- ``archive``, ``xml`` and ``slips``: reading untrusted zips and XML safely, and
  forgiving the harmless slips of real tools with a warning;
- ``reader`` and ``elements``: a .qdpx from any tool as the model, lenient where
  nothing is lost;
- ``offsets``: which counting a producer used, and its selections in our text;
- ``prepare``: the CPU-heavy half of an import, before the project is written;
- ``apply`` and ``graft``: the model into a project, as one undoable action with
  a report, adding to a project being coded only what it lacks;
- ``compare`` and ``check``: what differs between a project and a file, item by item.
"""
