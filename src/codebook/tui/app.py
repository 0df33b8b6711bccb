"""The Textual application: screens, global keys, who is coding, and ``run_app``.

The app owns one ``AppContext`` (the open project, language, pins) that every
screen reads. On start it needs a coder: ``--coder``, else the remembered one,
else it asks once in a modal and remembers the answer in the user's config.
The project is opened and closed by whoever runs the app (``run_app``, a test).
"""

from __future__ import annotations

import gc
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

from codebook import config
from codebook.domain.codings import CodingView
from codebook.project import Project
from codebook.tui.context import AppContext
from codebook.tui.live import LiveUpdates
from codebook.tui.modals.coder import CoderPrompt
from codebook.tui.pins import Pins
from codebook.tui.screens.codebook import CodebookScreen
from codebook.tui.screens.coding import CodingScreen
from codebook.tui.screens.help import HelpScreen
from codebook.tui.screens.home import HomeScreen


def tune_garbage_collector() -> None:
    """Fewer, cheaper pauses of the cyclic garbage collector while the app runs.

    Everything loaded by now (modules, styles, the services) lives as long as
    the app, so it is frozen out of the collector's full scans. And a repaint
    allocates thousands of short-lived objects that reference counting frees
    anyway: with Python's default threshold (700) the collector ran every few
    milliseconds while opening a long transcript; 10,000 makes that rare.
    """
    gc.freeze()
    _gen0, gen1, gen2 = gc.get_threshold()
    gc.set_threshold(10_000, gen1, gen2)


class CodebookApp(App[None]):
    """Home is the bottom screen; coding and codebook screens are pushed over it."""

    TITLE = "codebook"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1,question_mark", "help", "help"),
        Binding("f2", "home", "documents"),
        Binding("f3", "codebook", "codebook"),
        Binding("f4", "quotes", "quotes", show=False),
        Binding("f5", "analysis", "analysis", show=False),
        Binding("f6", "agreement", "agreement", show=False),
        Binding("f7", "review", "review", show=False),
        Binding("f8", "surveys", "surveys", show=False),
        Binding("f9", "search", "search", show=False),
        Binding("f10", "suggestions", "suggestions", show=False),
        Binding("ctrl+e", "export", "export", show=False, priority=True),
        # priority: ctrl+q quits from anywhere, also while a text field or a prompt has the keys
        Binding("ctrl+q", "quit", "quit", priority=True),
    ]

    def __init__(self, project: Project, lang: str = "en", at: CodingView | None = None) -> None:
        super().__init__()
        self.ctx = AppContext(project=project, lang=lang)
        self.opening_at = at

    def on_mount(self) -> None:
        tune_garbage_collector()
        ctx = self.ctx
        ctx.pins = Pins.load(ctx.project.guid)
        self.push_screen(HomeScreen())
        if self.opening_at is not None:  # ``codebook tui --coding N``: Escape leads Home
            at = self.opening_at
            self.push_screen(CodingScreen(at.document_id, selection=(at.start, at.end)))
        LiveUpdates(self, ctx).start()
        name = ctx.project.coder or config.remembered_coder()
        if name:
            self.set_coder(name)
        else:
            self.push_screen(CoderPrompt(), self._coder_chosen)

    def _coder_chosen(self, name: str | None) -> None:
        if name:
            config.save(coder=name)
            self.set_coder(name)

    def set_coder(self, name: str) -> None:
        """Register (on first use) and select the coder; every write records this coder."""
        self.ctx.project.set_coder(name)

    # --- navigation between screens ------------------------------------------

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_home(self) -> None:
        while len(self.screen_stack) > 2 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()

    def action_codebook(self) -> None:
        if any(isinstance(s, CodebookScreen) for s in self.screen_stack):
            while not isinstance(self.screen, CodebookScreen):
                self.pop_screen()
            return
        self.push_screen(CodebookScreen())

    def action_quotes(self) -> None:
        from codebook.tui.screen_stack import bring_forward
        from codebook.tui.screens.retrieval import RetrievalScreen

        bring_forward(self, RetrievalScreen)

    def action_analysis(self) -> None:
        from codebook.tui.screen_stack import bring_forward
        from codebook.tui.screens.analysis import AnalysisScreen

        bring_forward(self, AnalysisScreen)

    def action_agreement(self) -> None:
        from codebook.tui.screen_stack import bring_forward
        from codebook.tui.screens.agreement import AgreementScreen

        bring_forward(self, AgreementScreen)

    def action_review(self) -> None:
        from codebook.tui.screen_stack import bring_forward
        from codebook.tui.screens.review import ReviewScreen

        bring_forward(self, ReviewScreen)

    def action_surveys(self) -> None:
        from codebook.tui.screen_stack import bring_forward
        from codebook.tui.screens.surveys import SurveyScreen

        bring_forward(self, SurveyScreen)

    def action_search(self) -> None:
        from codebook.tui.screen_stack import bring_forward
        from codebook.tui.screens.search import SearchScreen

        bring_forward(self, SearchScreen)

    def action_suggestions(self) -> None:
        from codebook.tui.screen_stack import bring_forward
        from codebook.tui.screens.suggestions import SuggestionScreen

        bring_forward(self, SuggestionScreen)

    def action_export(self) -> None:
        # Priority, or the focused field's own ctrl+e ("end of line") would take the key.
        from codebook.tui.modals.export import open_export

        open_export(self)


def run_app(project: Project, lang: str, at: CodingView | None = None) -> None:
    """Run the TUI on an open project until the user quits (the caller closes the project);
    with ``at``, on the coding screen with that coding selected."""
    CodebookApp(project, lang, at).run()
