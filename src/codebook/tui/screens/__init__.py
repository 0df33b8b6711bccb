"""One module per screen: home, coding, codebook, help."""
