"""Whole projects exchanged as REFI-QDA (.qdpx) with NVivo, ATLAS.ti, MAXQDA, QualCoder.

A .qdpx is a zip of one project XML file (``project.qde``) and its sources.
Both directions go through one in-memory model (``model``), so exporting,
importing and the round-trip check compare like with like:

- ``gather``: the project, read through the services, as the model (stable GUIDs);
- ``writer``: the model as a schema-valid ``project.qde`` and ``sources/<guid>.txt``;
- ``archive`` and ``xml``: reading untrusted zips and XML safely;
- ``reader``: a .qdpx from any tool as the model, lenient where nothing is lost;
- ``offsets``: which counting a producer used, and its selections in our text;
- ``apply``: the model into a project, as one undoable action with a report;
- ``compare``: what differs between two models, item by item.
"""
