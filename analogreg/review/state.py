"""Review decisions in SQLite (``DIR/review.sqlite``): one row per finding_id, every action in a history table.

Legal staff review hundreds of clauses over days, sometimes several of them on one database. A decision must
never be lost, so every action runs in its own ``BEGIN IMMEDIATE`` transaction and is committed (WAL,
``synchronous=FULL``) before the caller updates anything on screen: a killed process loses nothing.

Decisions are keyed by ``finding_id``, which a re-scan reproduces for an unchanged finding; decisions whose id no
longer appears among the proposals are *orphans*: kept, and listed, never dropped. Each decision also keeps what
it was made on (the old wording and the proposed wording), so that a decision on a provision whose text has
changed since can be flagged instead of silently applied; only an action that decides the wording again records
them anew (a note or a category change does not).

Undo reverts the reviewer's own last action (one *batch*: a group action is one batch) from the history table,
and is itself recorded there; it refuses when someone else has changed the same finding since.

This module never imports Textual: ``export`` reads :func:`load_decisions`, the app uses :class:`ReviewStore`.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from analogreg.categories import Category
from analogreg.errors import InputError
from analogreg.records import Proposal

SCHEMA_VERSION = 1
DB_NAME = "review.sqlite"

Status = Literal["accepted", "rejected", "edited", "pending"]
Action = Literal["accept", "reject", "edit", "template", "categories", "note", "group", "undo"]

# Statuses that count as "reviewed" in the progress count; a note alone does not decide anything.
REVIEWED_STATUSES: frozenset[str] = frozenset({"accepted", "rejected", "edited"})
# What export takes once any decision exists.
EXPORTED_STATUSES: frozenset[str] = frozenset({"accepted", "edited"})
# Actions that leave the wording undecided: a note or a category change is no re-check of the text, so they keep
# what the decision was made on (old_text, proposed_text) and with it a CHECK AGAIN flag (stale_reason).
_KEEPS_WORDING_BASIS: frozenset[str] = frozenset({"note", "categories"})

Clock = Callable[[], datetime]


class Decision(BaseModel):
    """The current decision on one finding."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    finding_id: str
    status: Status = "pending"
    new_text: str | None = Field(
        default=None,
        description="the wording to enact when it differs from the proposal's: the reviewer's (edited) "
        "or that of another template (template set)",
    )
    categories: list[Category] | None = Field(default=None, description="set when the reviewer changed them")
    template: str | None = Field(default=None, description="set when the reviewer picked another template")
    note: str = ""
    reviewer: str
    decided_at: datetime
    # What the decision was made on: lets orphans be listed readably and a changed provision be detected.
    doc: str = ""
    law_title: str = ""
    label: str = ""
    old_text: str = ""
    proposed_text: str = Field(default="", description="the proposal's new_text when the decision was made")

    @property
    def reviewed(self) -> bool:
        return self.status in REVIEWED_STATUSES

    @property
    def exported(self) -> bool:
        return self.status in EXPORTED_STATUSES


class HistoryEntry(BaseModel):
    """One row of the audit trail: who did what to which finding, and the decision before and after."""

    model_config = ConfigDict(frozen=True)

    seq: int
    batch: int
    finding_id: str
    action: Action
    before: Decision | None
    after: Decision | None
    reviewer: str
    at: datetime
    undone_by: int | None = Field(default=None, description="the batch of the undo that reverted this entry")


class UndoConflict(Exception):
    """Undo would overwrite a later change to the same finding (by another reviewer or session)."""


class DecisionChanged(Exception):
    """The decision a group action would spread is no longer the one in force (changed since, here or elsewhere)."""


# What a group action copies or relies on: if any of these changed since the decision, it is not that decision.
_GROUP_FIELDS = ("status", "new_text", "template", "categories")


def changed_since(then: Decision, now: Decision | None) -> str | None:
    """How the decision in force (``now``) differs from a decision as it was made (``then``), or None."""
    if now is None:
        return "it was withdrawn since"
    changed = [name for name in _GROUP_FIELDS if getattr(then, name) != getattr(now, name)]
    if not changed:
        return None
    return f"its {', '.join(changed).replace('new_text', 'wording')} changed since (by {now.reviewer})"


@dataclass(frozen=True)
class GroupOutcome:
    """What a group action did: the decisions written, and the members it left alone and why."""

    written: list[Decision]
    decided: list[str] = field(default_factory=list)  # already accepted, edited or rejected
    picked: list[str] = field(default_factory=list)  # another template picked, its wording not yet accepted


def effective_text(proposal: Proposal, decision: Decision | None) -> str:
    """The wording to enact for ``proposal`` under ``decision``: the reviewer's or template's, else the proposal's."""
    if decision is not None and decision.new_text is not None:
        return decision.new_text
    return proposal.new_text


def effective_categories(proposal: Proposal, decision: Decision | None) -> list[str]:
    if decision is not None and decision.categories is not None:
        return list(decision.categories)
    return list(proposal.categories)


def stale_reason(proposal: Proposal, decision: Decision) -> str | None:
    """Why a decision may no longer fit its proposal (same finding_id, different text), or None.

    A finding_id survives a change elsewhere in the provision, so an edited wording could be enacted over a
    text that is no longer the one the reviewer read: flag it for another look rather than apply it blindly.
    """
    if decision.old_text and decision.old_text != proposal.old_text:
        return "the provision's text has changed since this decision"
    if decision.status == "accepted" and decision.new_text is None and decision.proposed_text != proposal.new_text:
        return "the proposed wording has changed since it was accepted"
    return None


def default_reviewer() -> str:
    """The OS user, for ``--reviewer`` left out."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no passwd entry (some containers)
        return "unknown"


def _now() -> datetime:
    return datetime.now().astimezone().replace(microsecond=0)


# --- schema -----------------------------------------------------------------------------------------------

_SCHEMA_V1 = """
CREATE TABLE decisions (
    finding_id    TEXT PRIMARY KEY,
    status        TEXT NOT NULL CHECK (status IN ('accepted', 'rejected', 'edited', 'pending')),
    new_text      TEXT,
    categories    TEXT,              -- JSON list, NULL when unchanged
    template      TEXT,
    note          TEXT NOT NULL DEFAULT '',
    reviewer      TEXT NOT NULL,
    decided_at    TEXT NOT NULL,     -- ISO 8601 with offset
    doc           TEXT NOT NULL DEFAULT '',
    law_title     TEXT NOT NULL DEFAULT '',
    label         TEXT NOT NULL DEFAULT '',
    old_text      TEXT NOT NULL DEFAULT '',
    proposed_text TEXT NOT NULL DEFAULT ''
);
CREATE TABLE history (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    batch      INTEGER NOT NULL,
    finding_id TEXT NOT NULL,
    action     TEXT NOT NULL,
    before     TEXT,                 -- Decision as JSON, NULL when there was none
    after      TEXT,
    reviewer   TEXT NOT NULL,
    at         TEXT NOT NULL,
    undone_by  INTEGER               -- batch of the undo that reverted this row
);
CREATE INDEX history_finding ON history (finding_id);
CREATE INDEX history_reviewer_batch ON history (reviewer, batch);
"""

# Migrations from version n-1 to n; a later release appends to this table and bumps SCHEMA_VERSION.
_MIGRATIONS: dict[int, str] = {1: _SCHEMA_V1}

_DECISION_COLUMNS = (
    "finding_id, status, new_text, categories, template, note, reviewer, decided_at, "
    "doc, law_title, label, old_text, proposed_text"
)


# Seconds an open waits for another process holding the database (a second `analogreg review`, a `run` reading
# the decisions), for each lock it needs: SQLite's busy timeout, and the retries of the switch to WAL below.
BUSY_WAIT = 10.0
_BUSY_CODES = (5, 6)  # SQLITE_BUSY, SQLITE_LOCKED (sqlite3 names them from Python 3.11 only)


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)  # Python 3.11+
    if code is not None:
        return code & 0xFF in _BUSY_CODES
    return "locked" in str(exc) or "busy" in str(exc)


def _use_wal(conn: sqlite3.Connection) -> str:
    """Switch to write-ahead logging, retrying while another connection holds the database; the mode in force.

    SQLite's busy timeout does not cover this switch: it reads the database first and then asks for the write
    lock from within that read, where SQLite answers "database is locked" at once instead of waiting (so two
    processes opening a new review.sqlite together made one of them fail). WAL is a property of the file: once
    one process has switched it, the others' switch is a read that takes no write lock.
    """
    deadline = time.monotonic() + BUSY_WAIT
    pause = 0.01
    while True:
        try:
            return str(conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]).lower()
        except sqlite3.OperationalError as exc:
            if not _is_busy(exc) or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.2)


def _connect(path: Path) -> sqlite3.Connection:
    # isolation_level=None: transactions are explicit (BEGIN IMMEDIATE … COMMIT), one per action.
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_WAIT)
    except sqlite3.Error as exc:
        raise InputError(str(path), f"cannot open the review database ({exc})") from exc
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_WAIT * 1000)}")
        mode = _use_wal(conn)
        if mode != "wal":
            raise InputError(str(path), f"cannot use write-ahead logging (journal mode {mode})")
        # FULL: a committed decision survives a power cut too, not only a killed process.
        conn.execute("PRAGMA synchronous = FULL")
        _migrate(conn, path)
    except sqlite3.OperationalError as exc:  # locked, read-only folder, disk full
        conn.close()
        raise InputError(str(path), f"cannot use the review database ({exc})") from exc
    except sqlite3.DatabaseError as exc:  # "file is not a database" and the like
        conn.close()
        raise InputError(str(path), f"not a review database ({exc})") from exc
    except InputError:
        conn.close()
        raise
    return conn


def _schema_version(conn: sqlite3.Connection, path: Path) -> int:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise InputError(
            str(path), f"made by a newer analogreg (schema {version}, this one reads up to {SCHEMA_VERSION})"
        )
    return version


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    if _schema_version(conn, path) == SCHEMA_VERSION:
        return  # the usual open: no write lock taken
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Read again under the write lock: another process opening the same folder (a second review, a run) may
        # have created or migrated the schema between the read above and this lock; doing it again would fail
        # ("table decisions already exists") or, for a later migration, apply it twice.
        version = _schema_version(conn, path)
        if version == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise InputError(str(path), "an SQLite database, but not one analogreg made")
        for target in range(version + 1, SCHEMA_VERSION + 1):
            for statement in _MIGRATIONS[target].split(";"):
                if statement.strip():
                    conn.execute(statement)
        if version != SCHEMA_VERSION:
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _row_to_decision(row: sqlite3.Row | tuple) -> Decision:
    (fid, status, new_text, categories, template, note, reviewer, at, doc, title, label, old, proposed) = row
    return Decision(
        finding_id=fid,
        status=status,
        new_text=new_text,
        categories=json.loads(categories) if categories is not None else None,
        template=template,
        note=note,
        reviewer=reviewer,
        decided_at=datetime.fromisoformat(at),
        doc=doc,
        law_title=title,
        label=label,
        old_text=old,
        proposed_text=proposed,
    )


def _decision_params(d: Decision) -> tuple:
    categories = json.dumps(d.categories, ensure_ascii=False) if d.categories is not None else None
    return (
        d.finding_id,
        d.status,
        d.new_text,
        categories,
        d.template,
        d.note,
        d.reviewer,
        d.decided_at.isoformat(),
        d.doc,
        d.law_title,
        d.label,
        d.old_text,
        d.proposed_text,
    )


def _dump(d: Decision | None) -> str | None:
    return d.model_dump_json() if d is not None else None


def _load(text: str | None) -> Decision | None:
    return Decision.model_validate_json(text) if text is not None else None


def load_decisions(db_path: Path | str) -> dict[str, Decision]:
    """Every decision in ``db_path`` by finding_id; empty when the file does not exist (nothing reviewed yet)."""
    path = Path(db_path)
    if not path.exists():
        return {}
    conn = _connect(path)
    try:
        rows = conn.execute(f"SELECT {_DECISION_COLUMNS} FROM decisions").fetchall()
    finally:
        conn.close()
    return {row[0]: _row_to_decision(row) for row in rows}


def kept_note(note: str) -> str:
    """A reviewer's note as stored: the ASCII blanks and line breaks around it dropped (an Enter pressed last), the
    full-width spaces kept (a 「　」 opening a paragraph, or after 第一条, is part of what was written); a note of
    blanks alone is no note."""
    kept = note.strip(" \t\r\n")
    return kept if kept.strip() else ""


class ReviewStore:
    """The review database of one output folder, as one reviewer uses it. Every method commits before returning."""

    def __init__(self, db_path: Path | str, reviewer: str | None = None, *, clock: Clock | None = None) -> None:
        self.path = Path(db_path)
        self.reviewer = reviewer or default_reviewer()
        self._clock = clock or _now
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(str(self.path.parent), f"cannot create the folder ({exc.strerror})") from exc
        self._conn = _connect(self.path)

    @classmethod
    def for_dir(cls, out_dir: Path | str, reviewer: str | None = None, *, clock: Clock | None = None) -> ReviewStore:
        return cls(Path(out_dir) / DB_NAME, reviewer, clock=clock)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> ReviewStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- reading -----------------------------------------------------------------------------------------

    def decisions(self) -> dict[str, Decision]:
        rows = self._conn.execute(f"SELECT {_DECISION_COLUMNS} FROM decisions").fetchall()
        return {row[0]: _row_to_decision(row) for row in rows}

    def data_version(self) -> int:
        """Changes whenever another connection (another reviewer, another window) commits to the database."""
        return self._conn.execute("PRAGMA data_version").fetchone()[0]

    def get(self, finding_id: str) -> Decision | None:
        row = self._conn.execute(
            f"SELECT {_DECISION_COLUMNS} FROM decisions WHERE finding_id = ?", (finding_id,)
        ).fetchone()
        return _row_to_decision(row) if row else None

    def history(self, finding_id: str | None = None) -> list[HistoryEntry]:
        """The audit trail, oldest first; of one finding when ``finding_id`` is given."""
        sql = "SELECT seq, batch, finding_id, action, before, after, reviewer, at, undone_by FROM history"
        params: tuple = ()
        if finding_id is not None:
            sql += " WHERE finding_id = ?"
            params = (finding_id,)
        return [
            HistoryEntry(
                seq=seq,
                batch=batch,
                finding_id=fid,
                action=action,
                before=_load(before),
                after=_load(after),
                reviewer=reviewer,
                at=datetime.fromisoformat(at),
                undone_by=undone_by,
            )
            for seq, batch, fid, action, before, after, reviewer, at, undone_by in self._conn.execute(
                sql + " ORDER BY seq", params
            )
        ]

    def orphans(self, current_ids: Iterable[str]) -> list[Decision]:
        """Decisions whose finding_id is not among ``current_ids`` (e.g. after a re-scan with changed rules)."""
        current = set(current_ids)
        return sorted(
            (d for fid, d in self.decisions().items() if fid not in current),
            key=lambda d: (d.doc, d.label, d.finding_id),
        )

    def last_decision(self) -> Decision | None:
        """This reviewer's most recent accept, reject or edit not undone (what ``g`` spreads), as it was decided.

        The history's ``after``, not the finding's current decision: that may have been changed since (another
        template, other categories, another reviewer's reject), and is then no decision this reviewer made.
        :meth:`apply_to_group` refuses such a decision.
        """
        row = self._conn.execute(
            "SELECT after FROM history WHERE reviewer = ? AND action IN ('accept', 'reject', 'edit') "
            "AND undone_by IS NULL ORDER BY seq DESC LIMIT 1",
            (self.reviewer,),
        ).fetchone()
        return _load(row[0]) if row else None

    # --- actions (each one transaction, committed before returning) ------------------------------------------

    def accept(self, proposal: Proposal) -> Decision:
        """Accept the wording shown: the proposal's, or the picked template's; an edited wording stays edited."""

        def update(before: Decision | None) -> dict:
            if before is not None and before.status == "edited":
                return {"status": "edited"}
            return {"status": "accepted"}

        return self._one("accept", proposal, update)

    def reject(self, proposal: Proposal) -> Decision:
        return self._one("reject", proposal, lambda before: {"status": "rejected"})

    def edit(self, proposal: Proposal, new_text: str) -> Decision:
        """Record the reviewer's own wording. The tool's wording typed back is an accept, not an edit."""

        def update(before: Decision | None) -> dict:
            if new_text == proposal.new_text:
                return {"status": "accepted", "new_text": None, "template": None}
            picked = before is not None and before.template is not None and before.status != "edited"
            if picked and new_text == before.new_text:  # the picked template's wording, unchanged
                return {"status": "accepted"}
            return {"status": "edited", "new_text": new_text}

        return self._one("edit", proposal, update)

    def pick_template(self, proposal: Proposal, template: str, new_text: str) -> Decision:
        """Use another template's wording. The status goes back to pending: the new wording must be read first."""
        same = template == proposal.template
        changes = {"template": None if same else template, "new_text": None if same else new_text}
        return self._one("template", proposal, lambda before: {"status": "pending", **changes})

    def set_categories(self, proposal: Proposal, categories: Sequence[Category]) -> Decision:
        if not categories:
            raise ValueError("a finding keeps at least one category; reject it if it is not an analog regulation")
        chosen = list(dict.fromkeys(categories))
        value = None if sorted(chosen) == sorted(proposal.categories) else chosen
        return self._one("categories", proposal, lambda before: {"categories": value})

    def set_note(self, proposal: Proposal, note: str) -> Decision:
        return self._one("note", proposal, lambda before: {"note": kept_note(note)})

    def apply_to_group(self, source: Decision, members: Iterable[Proposal]) -> GroupOutcome:
        """Give ``members`` the status (and changed categories) of ``source``, as one undoable batch.

        Only members still undecided (no decision, or pending) are changed: a group action never overwrites a
        decision someone has made on its own, nor a member whose reviewer picked another template (its wording
        is waiting to be read; accepting or rejecting it here would decide a text nobody looked at). An edited
        wording is specific to its provision and is not copied; the caller refuses ``g`` after an edit.

        Raises :class:`DecisionChanged` when ``source`` (as :meth:`last_decision` returned it) is no longer the
        decision in force on its finding: its status, wording, template or categories changed since.
        """
        if source.status not in ("accepted", "rejected"):
            raise ValueError(f"only an accept or a reject can be applied to a group, not {source.status!r}")
        changes: dict = {"status": source.status}
        if source.categories is not None:
            changes["categories"] = source.categories
        decided: list[str] = []
        picked: list[str] = []

        def update(before: Decision | None) -> dict | None:
            if before is not None and before.reviewed:
                decided.append(before.finding_id)
                return None
            if before is not None and before.template is not None:
                picked.append(before.finding_id)
                return None
            return changes

        def unchanged() -> None:  # read under the write lock: no one can change it between this and the writes
            reason = changed_since(source, self.get(source.finding_id))
            if reason is not None:
                raise DecisionChanged(reason)

        others = [m for m in members if m.finding_id != source.finding_id]
        written = self._transact("group", others, update, precheck=unchanged)
        return GroupOutcome(written=written, decided=decided, picked=picked)

    def undo(self) -> list[tuple[str, Decision | None]]:
        """Revert this reviewer's last batch; returns (finding_id, restored decision or None) per finding.

        Returns an empty list when there is nothing to undo. Raises :class:`UndoConflict` when a finding of that
        batch was changed since by someone else, rather than overwrite their decision.
        """
        with self._transaction():
            row = self._conn.execute(
                "SELECT max(batch) FROM history WHERE reviewer = ? AND action != 'undo' AND undone_by IS NULL",
                (self.reviewer,),
            ).fetchone()
            if row[0] is None:
                return []
            target = row[0]
            entries = self._conn.execute(
                "SELECT seq, finding_id, before, after FROM history WHERE batch = ? ORDER BY seq DESC", (target,)
            ).fetchall()
            undo_batch = self._next_batch()
            at = self._clock()
            restored: list[tuple[str, Decision | None]] = []
            for seq, fid, before_json, after_json in entries:
                current = self.get(fid)
                after = _load(after_json)
                if current != after:
                    who = current.reviewer if current else "someone"
                    raise UndoConflict(f"{fid} was changed since by {who}; undo would overwrite that change")
                before = _load(before_json)
                self._write(fid, before)
                self._conn.execute(
                    "INSERT INTO history (batch, finding_id, action, before, after, reviewer, at) "
                    "VALUES (?, ?, 'undo', ?, ?, ?, ?)",
                    (undo_batch, fid, after_json, before_json, self.reviewer, at.isoformat()),
                )
                self._conn.execute("UPDATE history SET undone_by = ? WHERE seq = ?", (undo_batch, seq))
                restored.append((fid, before))
            return restored

    # --- internals -------------------------------------------------------------------------------------------

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        # IMMEDIATE: take the write lock before reading "before", so two reviewers cannot interleave.
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    def _next_batch(self) -> int:
        return (self._conn.execute("SELECT max(batch) FROM history").fetchone()[0] or 0) + 1

    def _one(self, action: Action, proposal: Proposal, update: Callable[[Decision | None], dict]) -> Decision:
        return self._transact(action, [proposal], update)[0]

    def _transact(
        self,
        action: Action,
        proposals: Sequence[Proposal],
        update: Callable[[Decision | None], dict | None],
        precheck: Callable[[], None] | None = None,
    ) -> list[Decision]:
        written: list[Decision] = []
        with self._transaction():
            if precheck is not None:
                precheck()
            batch = self._next_batch()
            at = self._clock()
            for proposal in proposals:
                before = self.get(proposal.finding_id)
                changes = update(before)
                if changes is None:
                    continue
                base = before.model_dump() if before is not None else {"finding_id": proposal.finding_id}
                basis = {"old_text": proposal.old_text, "proposed_text": proposal.new_text}
                if before is not None and action in _KEEPS_WORDING_BASIS:
                    basis = {"old_text": before.old_text, "proposed_text": before.proposed_text}
                after = Decision(
                    **{
                        **base,
                        **changes,
                        "reviewer": self.reviewer,
                        "decided_at": at,
                        "doc": proposal.doc,
                        "law_title": proposal.law_title,
                        "label": proposal.label,
                        **basis,
                    }
                )
                self._write(proposal.finding_id, after)
                self._conn.execute(
                    "INSERT INTO history (batch, finding_id, action, before, after, reviewer, at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (batch, proposal.finding_id, action, _dump(before), _dump(after), self.reviewer, at.isoformat()),
                )
                written.append(after)
        return written

    def _write(self, finding_id: str, decision: Decision | None) -> None:
        if decision is None:
            self._conn.execute("DELETE FROM decisions WHERE finding_id = ?", (finding_id,))
            return
        self._conn.execute(
            f"INSERT OR REPLACE INTO decisions ({_DECISION_COLUMNS}) VALUES ({', '.join('?' * 13)})",
            _decision_params(decision),
        )
