"""The one exception family every layer raises for a problem the user can fix.

A message is raised as an English template with its values, the way gettext
keys messages by their English text::

    raise CodebookError("unknown code '{code}'", code=name)

``str(error)`` is the English line, as logs and tests read it; a face shows
``error.text(lang)``, which looks the template up in the Dutch table of
``codebook.domain.error_texts`` and fills in the same values. The services so
never need to know the reader's language, and a test can check statically that
every template raised has its Dutch line.
"""

from __future__ import annotations


class CodebookError(Exception):
    """A problem the user can fix: shown as one line, never as a traceback.

    Every service raises this (or a subclass) for bad input, so the CLI and the
    TUI can print ``error.text(lang)`` and know the project was left unchanged.
    A value that is itself a ``CodebookError`` (a file's problem inside "which
    file") is rendered in the same language.
    """

    def __init__(self, template: str, /, **values: object) -> None:
        super().__init__(template)
        self.template = template
        self.values = values

    def __str__(self) -> str:
        """The English line, filled in when shown: a phrase built to name a place in a
        message that is never raised (the REFI writer checks every name) costs nothing."""
        return _render(self.template, self.values, "en")

    def __reduce__(self) -> tuple[object, ...]:
        """Rebuilt from template and values whatever a subclass's ``__init__`` takes, so an
        error crosses from an import's worker process to the face that shows it whole."""
        return (_restore, (type(self), self.__dict__))

    def text(self, lang: str = "en") -> str:
        """The message in ``lang`` (English for a language or template without a translation)."""
        return _render(self.template, self.values, lang)


def _restore(kind: type[CodebookError], state: dict[str, object]) -> CodebookError:
    error = kind.__new__(kind)
    Exception.__init__(error, state["template"])
    error.__dict__.update(state)
    return error


def _render(template: str, values: dict[str, object], lang: str) -> str:
    if lang != "en":
        from codebook.domain.error_texts import translation

        template = translation(template, lang)
    if not values:
        return template
    shown = {k: v.text(lang) if isinstance(v, CodebookError) else v for k, v in values.items()}
    return template.format(**shown)


class ImportFailed(CodebookError):
    """A transcript could not be read; the message names the file."""


class CodebookFileError(CodebookError):
    """A codebook file (YAML or .qdc) is malformed; the message names file, line and column."""
