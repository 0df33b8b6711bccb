"""What the coding screen shows and how to move around it, apart from what it writes.

The title, pin and status bars, the code details beside the tree, jumping
between codings and uncoded turns, pins and showing other coders' codings:
none of these writes to the project, so they live here, and ``coding``
keeps loading and every write (apply, remove, memo, correct a turn, undo).
"""

from __future__ import annotations

from rich.markup import escape
from textual import on
from textual.widgets import Static, Tree

from codebook.domain.codebook import CodeItem
from codebook.tui import colors
from codebook.tui.coding_index import Span
from codebook.tui.screens.base import ProjectScreen
from codebook.tui.transcript_model import TranscriptModel
from codebook.tui.widgets.code_details import CodeDetails
from codebook.tui.widgets.code_tree import CodeTreeView
from codebook.tui.widgets.transcript import TranscriptView


class CodingView(ProjectScreen):
    """The showing and moving half of ``CodingScreen``, which sets ``model`` and ``items``."""

    model: TranscriptModel | None
    items: list[CodeItem]

    @property
    def transcript(self) -> TranscriptView:
        return self.query_one("#transcript", TranscriptView)

    @property
    def code_tree(self) -> CodeTreeView:
        return self.query_one("#tree", CodeTreeView)

    # --- the bars ----------------------------------------------------------------

    def _pin_slots(self) -> dict[str, int]:
        return {guid: slot for slot, guid in enumerate(self.ctx.pins.slots) if guid}

    def _item_by_guid(self, guid: str) -> CodeItem | None:
        return next((i for i in self.items if i.guid == guid), None)

    def _show_pins(self) -> None:
        parts = []
        for slot, guid in enumerate(self.ctx.pins.slots):
            item = self._item_by_guid(guid) if guid else None
            if item is not None and not item.retired:
                parts.append(f"[b]{slot + 1}[/b] {colors.swatch(item.color)} {escape(item.name)}")
        text = "   ".join(parts) if parts else f"[dim]{escape(self.ctx.t('no_pins'))}[/dim]"
        self.query_one("#pins", Static).update(text, layout=False)

    def _show_title(self) -> None:
        model = self.model
        if model is None:
            return
        coded, total = model.coded_share()
        self.query_one("#title", Static).update(
            escape(
                self.ctx.t(
                    "coding_title",
                    document=model.name,
                    coder=self.ctx.coder or "?",
                    coded=coded,
                    turns=total,
                )
            ),
            layout=False,
        )

    def _show_status(self) -> None:
        model = self.model
        if model is None:
            return
        ctx = self.ctx
        view = self.transcript
        parts: list[str] = []
        selected = view.selected_range()
        if selected is not None:
            parts.append(ctx.t("status_selection", start=selected[0], end=selected[1]))
        else:
            parts.append(ctx.t("status_cursor", offset=view.cursor_offset))
        under = model.index.at(view.cursor_offset)
        if under:
            names = ", ".join(dict.fromkeys(s.view.code_name for s in under))
            parts.append(ctx.t("status_under_cursor", codes=names))
            notes = [s.view.note for s in under if s.view.note]
            if notes:
                parts.append(ctx.t("status_memo", memo=notes[0].replace("\n", " ")[:60]))
        parts.append(ctx.t("others_shown" if ctx.show_others else "others_hidden"))
        self.query_one("#status", Static).update(escape(" · ".join(parts)), layout=False)

    @on(TranscriptView.SelectionChanged)
    def _selection_changed(self) -> None:
        self._show_status()

    @on(Tree.NodeHighlighted)
    def _code_highlighted(self) -> None:
        self.query_one(CodeDetails).show_code(self.code_tree.highlighted_item)

    # --- jumping -----------------------------------------------------------------

    def _jump(self, span: Span | None, missing: str) -> None:
        if span is None:
            self.notify(self.ctx.t(missing))
            return
        self.transcript.move_to(span.start)

    def action_next_coding(self, forward: bool) -> None:
        model = self.model
        if model is None:
            return
        here = self.transcript.cursor_offset
        index = model.index
        self._jump(index.next_after(here) if forward else index.previous_before(here), "no_more")

    def action_next_of_code(self, forward: bool) -> None:
        model = self.model
        code = self.code_tree.highlighted_code
        if model is None or code is None:
            return
        here = self.transcript.cursor_offset
        index = model.index
        span = index.next_after(here, code) if forward else index.previous_before(here, code)
        self._jump(span, "no_more_of_code")

    def action_next_uncoded(self) -> None:
        model = self.model
        if model is None:
            return
        found = model.next_uncoded_turn(self.transcript.cursor_offset)
        if found is None:
            self.notify(self.ctx.t("no_uncoded_turn"))
            return
        self.transcript.move_to(found[0])

    # --- pins and others ---------------------------------------------------------

    def action_toggle_pin(self) -> None:
        item = self.code_tree.highlighted_item
        if item is None:
            return
        pins = self.ctx.pins
        slot = pins.toggle(item.guid)
        pins.save()
        self.code_tree.set_pins(self._pin_slots())
        self._show_pins()
        if slot is None:
            self.notify(self.ctx.t("unpinned", code=item.name))
        else:
            self.notify(self.ctx.t("pinned", code=item.name, number=slot + 1))

    def action_toggle_others(self) -> None:
        model = self.model
        ctx = self.ctx
        if model is None:
            return
        ctx.show_others = not ctx.show_others
        model.set_show_others(ctx.show_others)
        self.transcript.redraw()
        self._show_title()
        self._show_status()
        self.notify(ctx.t("others_shown" if ctx.show_others else "others_hidden"))
