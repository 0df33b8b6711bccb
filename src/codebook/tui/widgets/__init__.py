"""Widgets shared by the screens: the transcript, the code tree, the key bar."""
