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
from codebook.tui.modals.prompt import TextPrompt
from codebook.tui.screens.finding import FindInDocument
from codebook.tui.transcript_model import TranscriptModel, timecode_label
from codebook.tui.widgets.code_details import CodeDetails
from codebook.tui.widgets.code_tree import CodeTreeView
from codebook.tui.widgets.transcript import TranscriptView


class CodingView(FindInDocument):
    """The showing and moving half of ``CodingScreen``, which sets ``model`` and ``items``."""

    model: TranscriptModel | None
    items: list[CodeItem]

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
        here = view.cursor_offset
        selected = view.selected_range()
        # A selection is told by where it begins: its end is often the next turn's edge.
        parts = self._where(model, here if selected is None else selected[0])
        if selected is not None:
            words = model.words_in(*selected)
            parts.append(ctx.t("status_word" if words == 1 else "status_words", count=words))
        under = model.index.at(here)
        if under:
            if ctx.show_others:
                coders: dict[str, list[str]] = {}
                for span in under:
                    coders.setdefault(span.view.code_name, []).append(span.view.coder)
                codes = ", ".join(
                    f"{name} ({', '.join(dict.fromkeys(who))})" for name, who in coders.items()
                )
            else:
                codes = ", ".join(dict.fromkeys(s.view.code_name for s in under))
            parts.append(ctx.t("status_under_cursor", codes=codes))
            notes = [s.view.note for s in under if s.view.note]
            if notes:
                parts.append(ctx.t("status_memo", memo=notes[0].replace("\n", " ")[:60]))
        parts.append(ctx.t("others_shown" if ctx.show_others else "others_hidden"))
        self.query_one("#status", Static).update(escape(" · ".join(parts)), layout=False)

    def _where(self, model: TranscriptModel, offset: int) -> list[str]:
        """The turn, speaker and timecode at ``offset``: what a coder reads in the transcript."""
        position = model.turn_at(offset)
        if position is None:
            return []
        turn = model.turns[position]
        parts = [self.ctx.t("status_turn", number=position + 1, total=len(model.turns))]
        if turn.speaker:
            parts.append(turn.speaker)
        if turn.timecode is not None:
            parts.append(timecode_label(turn.timecode))
        return parts

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

    def action_go_to_turn(self) -> None:
        model = self.model
        if model is None or not model.turns:
            return
        count = len(model.turns)

        def answered(answer: str | None) -> None:
            if answer is not None:
                self.go_to_turn(answer)

        self.app.push_screen(TextPrompt(self.ctx.t("go_to_turn_title", count=count)), answered)

    def go_to_turn(self, answer: str) -> None:
        """Move to the start of turn ``answer``, numbered from 1 as the status line counts."""
        model = self.model
        if model is None:
            return
        count = len(model.turns)
        number = int(answer) if answer.isdecimal() else 0
        if not 1 <= number <= count:
            self.notify(self.ctx.t("no_such_turn", number=answer, count=count), severity="warning")
            return
        self.transcript.move_to(model.turns[number - 1].start)

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
