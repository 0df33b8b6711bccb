"""The Textual application: screens, global keys, who is coding, and ``run_app``.

The app owns one ``AppContext`` (store, coder, language, pins) that every
screen reads. On start it needs a coder: ``--coder``, else the remembered one,
else it asks once in a modal and remembers the answer in the user's config.
"""

from __future__ import annotations

import gc
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

from codebook import config
from codebook.db.engine import Store
from codebook.services.project import coder_id, meta
from codebook.tui.context import AppContext
from codebook.tui.modals.coder import CoderPrompt
from codebook.tui.pins import Pins
from codebook.tui.screens.codebook import CodebookScreen
from codebook.tui.screens.help import HelpScreen
from codebook.tui.screens.home import HomeScreen


class CodebookApp(App[None]):
    """Home is the bottom screen; coding and codebook screens are pushed over it."""

    TITLE = "codebook"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1,question_mark", "help", "help"),
        Binding("f2", "home", "documents"),
        Binding("f3", "codebook", "codebook"),
        Binding("ctrl+q", "quit", "quit"),
    ]

    def __init__(self, store: Store, coder: str | None = None, lang: str = "en") -> None:
        super().__init__()
        self.ctx = AppContext(store=store, lang=lang)
        self._coder_argument = coder

    def on_mount(self) -> None:
        # Everything loaded so far (modules, styles, the services) lives as long as
        # the app: keep it out of the collector's full scans, which otherwise grow
        # with every import and show up as pauses while coding.
        gc.freeze()
        ctx = self.ctx
        with ctx.store.read() as session:
            ctx.project_guid = meta(session, "guid")
            ctx.project_name = meta(session, "name")
        ctx.pins = Pins.load(ctx.project_guid)
        self.push_screen(HomeScreen())
        name = self._coder_argument or config.remembered_coder()
        if name:
            self.set_coder(name)
        else:
            self.push_screen(CoderPrompt(), self._coder_chosen)

    def _coder_chosen(self, name: str | None) -> None:
        if name:
            config.save(coder=name)
            self.set_coder(name)

    def set_coder(self, name: str) -> None:
        """Register (on first use) and select the coder; every write records this id."""
        with self.ctx.store.write() as session:
            self.ctx.coder_id = coder_id(session, name)
        self.ctx.coder = name.strip()

    # --- navigation between screens ------------------------------------------

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_home(self) -> None:
        while len(self.screen_stack) > 2 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()

    def action_codebook(self) -> None:
        if any(isinstance(s, CodebookScreen) for s in self.screen_stack):
            while not isinstance(self.screen, CodebookScreen):
                self.pop_screen()
            return
        self.push_screen(CodebookScreen())


def run_app(location: str, coder: str | None, lang: str) -> None:
    """Open the project at ``location`` (file or URL) and run the TUI until the user quits."""
    from codebook.services.project import open_project

    store = open_project(location)
    try:
        CodebookApp(store, coder, lang).run()
    finally:
        store.close()
