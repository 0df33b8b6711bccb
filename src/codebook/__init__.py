"""codebook: keyboard-first qualitative analysis of interview and focus-group transcripts."""

__version__ = "0.1.0"
