"""The main review screen: filters, the findings table, the provision in context and the proposal; all actions.

Each deciding key goes to the session (which commits to SQLite) before anything on screen changes; a database
error is shown and changes nothing. Slow work (parsing a source for the context, re-drafting a reviewer's
wording) runs in thread workers, so holding down an arrow over thousands of rows never freezes the screen.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Select, Static

from analogreg.categories import CATEGORIES
from analogreg.review.cells import table_safe
from analogreg.review.data import STATUS_FILTERS, Filters, documents, filter_ids, next_unreviewed
from analogreg.review.engine import alternatives, redraft
from analogreg.review.session import ActionRefused
from analogreg.review.state import UndoConflict, effective_categories
from analogreg.review.widgets.detail import ContextPane, ProposalPane, render_context, render_proposal
from analogreg.review.widgets.dialogs import CategoriesDialog, NoteDialog, SearchDialog, TemplateDialog
from analogreg.review.widgets.findings_table import FindingsTable, row_cells

# Seconds between two looks for decisions other reviewers committed (one PRAGMA data_version each).
OTHERS_POLL = 2.0

STATUS_LABELS = {"unreviewed": "Unreviewed", "accepted": "Accepted", "edited": "Edited", "rejected": "Rejected"}


class MainScreen(Screen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "accept", "Accept", id="accept", tooltip="Accept the wording shown"),
        Binding("r", "reject", "Reject", id="reject", tooltip="Leave this provision as it is"),
        Binding("e", "edit", "Edit", id="edit", tooltip="Edit the new wording; 改め文 recomputed as you type"),
        Binding("t", "template", "Template", id="template", tooltip="Pick another amendment template"),
        Binding("c", "categories", "Categories", id="categories", tooltip="Change the categories"),
        Binding("n", "note", "Note", id="note", tooltip="Add or change the note"),
        Binding("g", "group", "Group", id="group", tooltip="Apply the last accept/reject to its whole group"),
        Binding("u", "undo", "Undo", id="undo", tooltip="Undo your last action"),
        Binding("space", "next_unreviewed", "Next", id="next", tooltip="Jump to the next unreviewed finding"),
        Binding("slash", "search", "Search", id="search", tooltip="Search titles, labels, texts, notes"),
        Binding("o", "orphans", "Orphans", id="orphans", tooltip="Decisions whose finding is gone"),
        Binding("q", "app.quit", "Quit", id="quit", tooltip="Quit (every decision is already saved)"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.filters = Filters()
        self.order: list[str] = []

    @property
    def session(self):
        return self.app.session  # type: ignore[attr-defined]

    # --- layout --------------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="topbar"):
            yield Static(id="title")
            yield Static(id="progress")
        with Horizontal(id="filters"):
            yield Select([(c, c) for c in CATEGORIES], prompt="All categories", id="filter-category", compact=True)
            yield Select(
                [(STATUS_LABELS[s], s) for s in STATUS_FILTERS], prompt="All statuses", id="filter-status", compact=True
            )
            yield Select(self._document_options(), prompt="All ordinances", id="filter-doc", compact=True)
            yield Static(id="search-label")
        yield FindingsTable(self.cells, id="findings")
        with Horizontal(id="detail"):
            yield ContextPane(id="context")
            yield ProposalPane(id="proposal")
        yield Footer()

    def _document_options(self) -> list[tuple[str, str]]:
        """One option per document; its path is added where two documents share a title (two versions of a law)."""
        docs = documents(self.session.proposals)
        count = Counter(title for title, _ in docs)
        return [(table_safe(title if count[title] == 1 else f"{title} ({doc})"), doc) for title, doc in docs]

    def on_mount(self) -> None:
        s = self.session
        self.query_one("#title", Static).update(
            Text.assemble(("analogreg review", "bold"), f"  {s.out_dir}  reviewer: {s.reviewer}")
        )
        # The detail follows the cursor in the same call as the key, not through a posted message: a message is
        # handled after Textual's next frame, which would draw the new row with the previous finding's detail
        # and then wait one or two more frame periods (17-33 ms) before drawing the right one.
        self.watch(self.table, "cursor_row", self._cursor_moved, init=False)
        self.refill()
        self.table.focus()
        orphans = s.orphans()
        if orphans:
            self.notify(
                f"{len(orphans)} decision(s) belong to findings no longer proposed (press o to list them).",
                severity="warning",
                timeout=8,
            )
        self.redraft_pending()
        self.set_interval(OTHERS_POLL, self.poll_others)

    def poll_others(self) -> None:
        """Show what other reviewers decided meanwhile (their commits to the same review.sqlite)."""
        try:
            changed = self.session.others_changes()
        except Exception as exc:  # sqlite3.Error, OSError: say so, keep going
            self.notify(f"Cannot read others' decisions: {exc}", severity="warning")
            return
        if changed:
            self.redraw(changed)

    @property
    def table(self) -> FindingsTable:
        return self.query_one(FindingsTable)

    # --- rows ---------------------------------------------------------------------------------------------

    def cells(self, fid: str):
        s = self.session
        return row_cells(s.by_id[fid], s.decisions.get(fid), s.verified(fid), s.group_size(fid))

    def refill(self) -> None:
        s = self.session
        keep = self.table.current_key
        self.order = filter_ids(s.proposals, s.decisions, self.filters)
        self.table.fill(self.order, keep=keep)
        self.update_progress()
        if not self.order:
            self.show_current()  # no row to highlight: say so

    def update_progress(self) -> None:
        done, total = self.session.progress()
        shown = f"   showing {len(self.order)}" if self.filters.active else ""
        orphans = len(self.session.orphans())
        lost = (f"   {orphans} orphaned (o)", "bold yellow") if orphans else ""
        self.query_one("#progress", Static).update(Text.assemble((f"{done} / {total} reviewed", "bold"), shown, lost))
        query = self.filters.query
        self.query_one("#search-label", Static).update(f"search: {query}" if query else "")

    def redraw(self, fids: list[str]) -> None:
        """After an action: redraw the rows of ``fids``, the progress and the detail (rows stay where they are)."""
        for fid in fids:
            self.table.update_row(fid)
        self.update_progress()
        self.show_current(keep_scroll=True)
        self.redraft_pending(fids)

    # --- detail -------------------------------------------------------------------------------------------

    def show_current(self, keep_scroll: bool = False) -> None:
        fid = self.table.current_key
        if fid is None:
            self.query_one(ProposalPane).show(Text("No finding matches the filters.", style="dim"))
            self.query_one(ContextPane).show(Text(""))
            return
        s = self.session
        p = s.by_id[fid]
        content = render_proposal(
            p,
            s.decisions.get(fid),
            s.draft_for(fid),
            self.app.explainer,  # type: ignore[attr-defined]
            s.store.history(fid),
            s.group_size(fid),
        )
        self.query_one(ProposalPane).show(content, keep_scroll=keep_scroll)
        if not keep_scroll:
            ctx = self.app.context_loader.cached_context(p)  # type: ignore[attr-defined]
            if ctx is not None:
                self.query_one(ContextPane).show(render_context(ctx))
            else:  # parsing a source can take a while: off the UI thread
                self.query_one(ContextPane).show(Text(f"reading {p.doc} ...", style="dim"))
                self.load_context(fid)

    @work(thread=True, exclusive=True, group="context")
    def load_context(self, fid: str) -> None:
        p = self.session.by_id[fid]
        content = render_context(self.app.context_loader.context(p))  # type: ignore[attr-defined]
        self.app.call_from_thread(self._context_ready, fid, content)

    def _context_ready(self, fid: str, content: Text) -> None:
        if self.table.current_key == fid:
            self.query_one(ContextPane).show(content)
        self.app.settle_heap()  # type: ignore[attr-defined]  # the newly parsed law is long-lived: see there

    def redraft_pending(self, fids: list[str] | None = None) -> None:
        """Recompute 改め文 and verification of reviewer/template wordings not yet checked in this session."""
        s = self.session
        todo = []
        for fid in fids if fids is not None else list(s.decisions):
            if fid in s.by_id and s.changes(fid) and s.verified(fid) is None:
                todo.append((fid, s.text_of(fid)))
        if todo:
            self.redraft_worker(todo)

    @work(thread=True, group="redraft")
    def redraft_worker(self, todo: list[tuple[str, str]]) -> None:
        for fid, text in todo:
            result = redraft(self.session.by_id[fid], text)
            self.app.call_from_thread(self._redraft_ready, fid, text, result)

    def _redraft_ready(self, fid: str, text: str, result) -> None:
        s = self.session
        s.drafts[(fid, text)] = result
        if s.text_of(fid) == text:
            self.table.update_row(fid)
            if self.table.current_key == fid:
                self.show_current(keep_scroll=True)

    def _cursor_moved(self) -> None:
        self.show_current()

    # --- filters ------------------------------------------------------------------------------------------

    @on(Select.Changed)
    def _filter_changed(self, event: Select.Changed) -> None:
        value = None if event.select.is_blank() else str(event.value)
        key = {"filter-category": "category", "filter-status": "status", "filter-doc": "doc"}[event.select.id or ""]
        self.filters = Filters(**{**self.filters.__dict__, key: value})
        self.refill()

    def action_search(self) -> None:
        def done(query: str | None) -> None:
            if query is None:
                return
            self.filters = Filters(**{**self.filters.__dict__, "query": query})
            self.refill()
            self.table.focus()

        self.app.push_screen(SearchDialog(self.filters.query), done)

    # --- actions ------------------------------------------------------------------------------------------

    def _current(self):
        fid = self.table.current_key
        if fid is None:
            self.notify("No finding selected.", severity="warning")
        return fid

    def _record(self, action, *args) -> list[str] | None:
        """Run a session action (which commits); on any database problem, say so and change nothing on screen."""
        try:
            changed = action(*args)
        except ActionRefused as exc:
            self.notify(str(exc), severity="warning")
            return None
        except UndoConflict as exc:
            self.notify(f"Undo refused: {exc}", severity="error", timeout=10)
            return None
        except (sqlite3.Error, OSError) as exc:
            self.notify(f"NOT SAVED: {exc}", severity="error", timeout=15)
            return None
        self.redraw(changed)
        return changed

    def action_accept(self) -> None:
        if (fid := self._current()) is not None and self._record(self.session.accept, fid) is not None:
            self._warn_unverified(fid)

    def action_reject(self) -> None:
        if (fid := self._current()) is not None:
            self._record(self.session.reject, fid)

    def action_undo(self) -> None:
        changed = self._record(self.session.undo)
        if changed:
            self.table.select_key(changed[0])  # the detail follows the cursor (_cursor_moved)
            self.notify(f"Undone ({len(changed)} finding(s)).")

    def action_group(self) -> None:
        try:
            changed, summary = self.session.apply_last_to_group()
        except ActionRefused as exc:
            self.notify(str(exc), severity="warning")
            return
        except (sqlite3.Error, OSError) as exc:
            self.notify(f"NOT SAVED: {exc}", severity="error", timeout=15)
            return
        self.redraw(changed)
        self.notify(summary)

    def action_next_unreviewed(self) -> None:
        fid = next_unreviewed(self.order, self.session.decisions, self.table.current_key)
        if fid is None:
            self.notify("Every finding shown is reviewed.")
            return
        self.table.select_key(fid)

    def action_note(self) -> None:
        if (fid := self._current()) is None:
            return
        p = self.session.by_id[fid]
        decision = self.session.decisions.get(fid)

        def done(note: str | None) -> None:
            if note is not None:
                self._record(self.session.set_note, fid, note)

        self.app.push_screen(NoteDialog(f"{p.law_title} {p.label}", decision.note if decision else ""), done)

    def action_categories(self) -> None:
        if (fid := self._current()) is None:
            return
        p = self.session.by_id[fid]
        current = effective_categories(p, self.session.decisions.get(fid))

        def done(categories: list[str] | None) -> None:
            if categories is not None:
                self._record(self.session.set_categories, fid, categories)

        self.app.push_screen(CategoriesDialog(f"{p.law_title} {p.label}", current), done)

    def action_edit(self) -> None:
        if (fid := self._current()) is None:
            return
        from analogreg.review.screens.edit import EditScreen

        p = self.session.by_id[fid]

        def done(result) -> None:
            if result is None:
                return
            text, draft = result
            if draft is not None:  # computed while typing: no need to draft it again
                self.session.drafts[(fid, text)] = draft
            if self._record(self.session.edit, fid, text) is not None:
                self._warn_unverified(fid)

        self.app.push_screen(EditScreen(p, self.session.text_of(fid)), done)

    def _warn_unverified(self, fid: str) -> None:
        if self.session.changes(fid) and self.session.verified(fid) is False:
            self.notify(
                "Recorded, but the 改め文 of this wording is NOT verified: check it or draft it by hand.",
                severity="warning",
                timeout=8,
            )

    def action_template(self) -> None:
        if (fid := self._current()) is not None:
            self.find_templates(fid)

    @work(thread=True, exclusive=True, group="templates")
    def find_templates(self, fid: str) -> None:
        p = self.session.by_id[fid]
        law = self.app.context_loader.law_for(p)  # type: ignore[attr-defined]
        categories = effective_categories(p, self.session.decisions.get(fid))
        app = self.app
        options, problem = alternatives(p, app.settings, law, categories, app.templates_dir)  # type: ignore[attr-defined]
        self.app.call_from_thread(self._templates_ready, fid, options, problem)

    def _templates_ready(self, fid: str, options, problem: str) -> None:
        if not options:
            self.notify(problem, severity="warning")
            return
        p = self.session.by_id[fid]
        decision = self.session.decisions.get(fid)
        current = decision.template if decision is not None and decision.template else p.template

        def done(choice) -> None:
            if choice is not None:
                self._record(self.session.pick_template, fid, choice.template, choice.new_text)

        self.app.push_screen(TemplateDialog(f"{p.law_title} {p.label}", p.old_text, options, current), done)

    def action_orphans(self) -> None:
        from analogreg.review.screens.orphans import OrphanScreen

        self.app.push_screen(OrphanScreen(self.session.orphans()))
