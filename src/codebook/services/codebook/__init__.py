"""The codebook family: codes, revisions and their log and history, and codebook files.

- ``codes``: the code tree as stored, addressing codes by path or name, creating codes;
- ``revisions``: rename, redefine, recolour, move, retire, unretire, and their shared steps;
- ``merge_split``: merging and splitting codes, each planned before it is made;
- ``log``: the version counter and the append-only revision log with snapshots;
- ``history``: the history and the diff between two versions, read from the log;
- ``exchange``: a whole codebook into a project (planned first) and out to a file;
- ``yaml_format`` and ``qdc_format``: the two file formats.
"""
