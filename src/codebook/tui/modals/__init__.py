"""Small modal dialogs: coder prompt, code palette, choosers, memo editor, previews."""
