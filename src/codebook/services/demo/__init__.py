"""The demo project: built from the transcripts, codebook and codings shipped in the repository."""

from codebook.services.demo.build import DEMO_CODER, build_demo, main

__all__ = ["DEMO_CODER", "build_demo", "main"]
