"""The review database: each action committed at once, undo from history, orphans kept, schema versioned."""

from __future__ import annotations

import contextlib
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from review_support import FIXTURE, Clock

from analogreg.errors import InputError
from analogreg.records import Proposal
from analogreg.review.state import (
    _MIGRATIONS,
    SCHEMA_VERSION,
    DecisionChanged,
    ReviewStore,
    UndoConflict,
    effective_text,
    load_decisions,
    stale_reason,
)

PROPOSALS = FIXTURE / "amendments" / "proposals.jsonl"


def _proposals() -> list[Proposal]:
    return [Proposal.model_validate_json(line) for line in PROPOSALS.read_text(encoding="utf-8").splitlines()]


def _by_label(proposals: list[Proposal], title_part: str, label: str) -> Proposal:
    return next(p for p in proposals if title_part in p.law_title and p.label == label)


@pytest.fixture
def proposals() -> list[Proposal]:
    return _proposals()


@pytest.fixture
def store(tmp_path: Path):
    with ReviewStore(tmp_path / "review.sqlite", "tanaka", clock=Clock(timedelta(minutes=1))) as s:
        yield s


def _raw(db: Path, sql: str) -> list[tuple]:
    """Read with a separate connection: what another process (or a restart) would see."""
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_database_is_wal_and_versioned(store: ReviewStore) -> None:
    assert _raw(store.path, "PRAGMA journal_mode") == [("wal",)]
    assert _raw(store.path, "PRAGMA user_version") == [(SCHEMA_VERSION,)]


def test_accept_is_committed_before_returning(store: ReviewStore, proposals: list[Proposal]) -> None:
    p = proposals[0]
    decision = store.accept(p)
    # A second connection sees it at once: nothing waits for close() or a later commit.
    rows = _raw(store.path, "SELECT finding_id, status, reviewer, decided_at FROM decisions")
    assert rows == [(p.finding_id, "accepted", "tanaka", "2026-11-02T09:01:00+09:00")]
    assert decision.old_text == p.old_text and decision.proposed_text == p.new_text
    assert decision.label == p.label and decision.law_title == p.law_title


def test_reject_then_accept_keeps_one_row_and_full_history(store: ReviewStore, proposals: list[Proposal]) -> None:
    p = proposals[1]
    store.reject(p)
    store.accept(p)
    assert store.get(p.finding_id).status == "accepted"
    assert [h.action for h in store.history(p.finding_id)] == ["reject", "accept"]
    assert store.history(p.finding_id)[1].before.status == "rejected"


def test_edit_records_new_text_and_typing_the_proposal_back_is_an_accept(
    store: ReviewStore, proposals: list[Proposal]
) -> None:
    p = proposals[0]
    edited = p.new_text.replace("その他の方法", "その他の適切な方法")
    assert edited != p.new_text
    d = store.edit(p, edited)
    assert (d.status, d.new_text) == ("edited", edited)
    assert effective_text(p, d) == edited
    # Accept after an edit keeps the reviewer's wording: 'a' accepts what is shown.
    assert store.accept(p).status == "edited"
    d = store.edit(p, p.new_text)
    assert (d.status, d.new_text) == ("accepted", None)
    assert effective_text(p, d) == p.new_text


def test_template_pick_resets_to_pending_and_accept_keeps_its_wording(
    store: ReviewStore, proposals: list[Proposal]
) -> None:
    p = proposals[0]
    store.accept(p)
    other = p.old_text.replace("掲示し", "掲示し、又は電磁的方法により公表し")
    d = store.pick_template(p, "keiji_denjiteki", other)
    assert (d.status, d.template, d.new_text) == ("pending", "keiji_denjiteki", other)
    d = store.accept(p)
    assert (d.status, d.template, effective_text(p, d)) == ("accepted", "keiji_denjiteki", other)
    # Editing to exactly the picked template's wording is still an accept of that template.
    assert store.edit(p, other).status == "accepted"


def test_categories_and_note_leave_status_alone(store: ReviewStore, proposals: list[Proposal]) -> None:
    p = proposals[0]
    store.accept(p)
    d = store.set_categories(p, ["往訪閲覧・縦覧", "書面掲示"])
    assert d.status == "accepted" and d.categories == ["往訪閲覧・縦覧", "書面掲示"]
    d = store.set_note(p, "  一般条例で対応できるか法規と協議  \n")
    assert d.note == "一般条例で対応できるか法規と協議" and d.status == "accepted"
    # A full-width space the reviewer typed is part of the note, at its start too; blanks alone are no note.
    assert (
        store.set_note(p, "\u3000第一条\u3000目的規定と併せて確認\n").note == "\u3000第一条\u3000目的規定と併せて確認"
    )
    assert store.set_note(p, " \u3000\n").note == ""
    # Choosing the proposal's own categories again clears the override.
    assert store.set_categories(p, list(reversed(p.categories))).categories is None
    with pytest.raises(ValueError):
        store.set_categories(p, [])


def test_note_alone_does_not_count_as_reviewed(store: ReviewStore, proposals: list[Proposal]) -> None:
    d = store.set_note(proposals[2], "要確認")
    assert d.status == "pending" and not d.reviewed and not d.exported


def test_undo_reverts_last_action_persistently(tmp_path: Path, proposals: list[Proposal]) -> None:
    db = tmp_path / "review.sqlite"
    p, q = proposals[0], proposals[1]
    with ReviewStore(db, "tanaka") as store:
        store.accept(p)
        store.reject(q)
        store.set_note(q, "罰則規定")
        assert store.undo() == [(q.finding_id, store.history(q.finding_id)[0].after)]
        assert store.get(q.finding_id).note == ""
    with ReviewStore(db, "tanaka") as store:
        # Undo goes on from the history after a restart.
        assert store.undo()[0][0] == q.finding_id
        assert store.get(q.finding_id) is None
        assert store.get(p.finding_id).status == "accepted"
        actions = [(h.action, h.undone_by is not None) for h in store.history()]
        assert actions == [
            ("accept", False),
            ("reject", True),
            ("note", True),
            ("undo", False),
            ("undo", False),
        ]
        store.undo()
        assert store.decisions() == {}
        assert store.undo() == []


def test_undo_is_per_reviewer_and_refuses_to_overwrite_a_later_change(
    tmp_path: Path, proposals: list[Proposal]
) -> None:
    db = tmp_path / "review.sqlite"
    p = proposals[0]
    with ReviewStore(db, "tanaka") as a, ReviewStore(db, "suzuki") as b:
        a.accept(p)
        b.reject(p)
        with pytest.raises(UndoConflict, match="suzuki"):
            a.undo()
        # Nothing was changed by the refused undo.
        assert load_decisions(db)[p.finding_id].status == "rejected"
        assert b.undo() == [(p.finding_id, load_decisions(db)[p.finding_id])]
        assert load_decisions(db)[p.finding_id].reviewer == "tanaka"


def test_group_applies_to_undecided_members_as_one_undo_step(store: ReviewStore, proposals: list[Proposal]) -> None:
    groups: dict[str, list[Proposal]] = {}
    for p in proposals:
        if p.group:
            groups.setdefault(p.group, []).append(p)
    members = next(g for g in groups.values() if len(g) >= 3)
    first, second, third = members[:3]
    store.reject(third)  # decided on its own: the group action must leave it alone
    source = store.reject(first)
    store.edit(first, first.new_text + "X")
    assert store.last_decision().status == "edited"
    with pytest.raises(ValueError):
        store.apply_to_group(store.last_decision(), members)
    store.undo()
    store.accept(first)
    outcome = store.apply_to_group(store.last_decision(), members)
    assert [d.finding_id for d in outcome.written] == [m.finding_id for m in members if m not in (first, third)]
    assert (outcome.decided, outcome.picked) == ([third.finding_id], [])
    assert store.get(second.finding_id).status == "accepted"
    assert store.get(third.finding_id).status == "rejected"
    assert {h.batch for h in store.history() if h.action == "group"} == {store.history()[-1].batch}
    store.undo()
    assert store.get(second.finding_id) is None
    assert store.get(first.finding_id).status == "accepted"
    assert source.status == "rejected"


def test_group_spreads_the_last_decision_as_made_and_refuses_one_changed_since(
    tmp_path: Path, proposals: list[Proposal]
) -> None:
    db = tmp_path / "review.sqlite"
    first = _by_label(proposals, "郵便法", "第六十九条")
    members = [p for p in proposals if p.group == first.group]
    assert len(members) == 3
    with ReviewStore(db, "tanaka") as tanaka, ReviewStore(db, "suzuki") as suzuki:
        tanaka.accept(first)
        suzuki.reject(first)  # another reviewer, at the same time, on the same finding
        last = tanaka.last_decision()
        assert (last.status, last.reviewer) == ("accepted", "tanaka")  # what tanaka decided, not suzuki's reject
        with pytest.raises(DecisionChanged, match=r"its status changed since \(by suzuki\)"):
            tanaka.apply_to_group(last, members)
        assert set(load_decisions(db)) == {first.finding_id}  # nothing spread

        suzuki.undo()
        assert tanaka.apply_to_group(tanaka.last_decision(), members).written

        tanaka.undo()
        tanaka.set_categories(first, ["書面掲示", "往訪閲覧・縦覧"])
        with pytest.raises(DecisionChanged, match="its categories changed since"):
            tanaka.apply_to_group(tanaka.last_decision(), members)
        # A note changes nothing g spreads.
        tanaka.set_categories(first, ["書面掲示"])
        tanaka.set_note(first, "同種の掲示義務をまとめて判断")
        assert len(tanaka.apply_to_group(tanaka.last_decision(), members).written) == 2


def test_orphans_are_listed_not_dropped(tmp_path: Path, proposals: list[Proposal]) -> None:
    db = tmp_path / "review.sqlite"
    with ReviewStore(db, "tanaka") as store:
        for p in proposals[:3]:
            store.accept(p)
    # A re-scan with changed rules: the first finding is gone, a new one appeared.
    current = [p.finding_id for p in proposals[1:]]
    with ReviewStore(db, "tanaka") as store:
        orphans = store.orphans(current)
        assert [o.finding_id for o in orphans] == [proposals[0].finding_id]
        assert orphans[0].label == proposals[0].label and orphans[0].status == "accepted"
        assert len(store.decisions()) == 3


def test_stale_reason_flags_changed_text(store: ReviewStore, proposals: list[Proposal]) -> None:
    p = proposals[0]
    d = store.accept(p)
    assert stale_reason(p, d) is None
    changed_wording = p.model_copy(update={"new_text": p.new_text.replace("公表", "公開")})
    assert "proposed wording" in stale_reason(changed_wording, d)
    changed_text = p.model_copy(update={"old_text": p.old_text + "。"})
    assert "text has changed" in stale_reason(changed_text, d)
    # An edited wording does not depend on the tool's proposal, only on the old text.
    e = store.edit(p, p.new_text + "X")
    assert stale_reason(changed_wording, e) is None


def test_note_and_categories_keep_a_stale_decision_flagged(store: ReviewStore, proposals: list[Proposal]) -> None:
    """Only deciding the wording again clears CHECK AGAIN: a note or a category change is not a re-check."""
    p = _by_label(proposals, "郵便法", "第六十九条")
    store.accept(p)
    # A re-scan after the source was amended: the same finding, the provision now reads otherwise.
    changed = p.model_copy(update={"old_text": p.old_text.replace("会社は", "会社は、遅滞なく")})
    assert changed.old_text != p.old_text
    flagged = "the provision's text has changed since this decision"
    assert stale_reason(changed, store.get(p.finding_id)) == flagged

    d = store.set_note(changed, "改正後の条文で要確認")
    assert d.note == "改正後の条文で要確認"
    assert d.old_text == p.old_text  # what the decision was made on, not what the note was written beside
    assert stale_reason(changed, d) == flagged
    d = store.set_categories(changed, ["書面掲示", "往訪閲覧・縦覧"])
    assert stale_reason(changed, d) == flagged
    assert stale_reason(changed, load_decisions(store.path)[p.finding_id]) == flagged

    # Accepting the wording again is the re-check: now it is made on the current text.
    d = store.accept(changed)
    assert d.old_text == changed.old_text and stale_reason(changed, d) is None
    assert d.note == "改正後の条文で要確認" and d.categories == ["書面掲示", "往訪閲覧・縦覧"]


def test_a_note_on_a_new_finding_records_what_it_was_written_on(store: ReviewStore, proposals: list[Proposal]) -> None:
    p = proposals[2]
    d = store.set_note(p, "要確認")
    assert (d.old_text, d.proposed_text) == (p.old_text, p.new_text)


def test_load_decisions_of_missing_database_is_empty(tmp_path: Path) -> None:
    assert load_decisions(tmp_path / "none.sqlite") == {}
    assert not (tmp_path / "none.sqlite").exists()


def test_bad_databases_are_one_line_errors(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(InputError, match="not a review database") as err:
        ReviewStore(junk)
    assert str(err.value).startswith(str(junk))

    foreign = tmp_path / "foreign.sqlite"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(InputError, match="not one analogreg made"):
        load_decisions(foreign)

    newer = tmp_path / "newer.sqlite"
    ReviewStore(newer).close()
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(InputError, match="newer analogreg"):
        ReviewStore(newer)


def test_unusable_places_are_one_line_errors(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with pytest.raises(InputError, match="cannot create the folder"):
        ReviewStore(blocker / "amendments" / "review.sqlite")
    with pytest.raises(InputError, match="cannot open the review database"):
        ReviewStore(tmp_path)  # a folder where the database file should be


# --- two processes on one review.sqlite -----------------------------------------------------------------------

# Another process holding the database's write lock until told to go on (a line on its stdin). It prints
# "locked" once it holds the lock, then does ``then`` (Python code with ``conn``) and commits.
_HOLDER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
{before}
conn.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
sys.stdin.readline()
{then}
conn.execute("COMMIT")
print("done", flush=True)
"""


@contextlib.contextmanager
def _holder(db: Path, before: str = "", then: str = "") -> Iterator[subprocess.Popen]:
    code = _HOLDER.format(before=before, then=then)
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline() == "locked\n"
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)


def _go_on(proc: subprocess.Popen) -> None:
    assert proc.stdin is not None
    proc.stdin.write("go\n")
    proc.stdin.flush()


def test_opening_waits_while_another_process_is_switching_a_new_database_to_wal(tmp_path: Path) -> None:
    """The switch to WAL is the one lock SQLite's busy timeout does not wait for: it must be retried."""
    db = tmp_path / "review.sqlite"
    db.touch()  # a new store, still in rollback-journal mode, as the first process to open it finds it
    # The other process holds the write lock, as it does for the moment it switches the file to WAL.
    with _holder(db) as other:
        started = time.monotonic()
        threading.Timer(0.5, _go_on, (other,)).start()
        with ReviewStore(db, "tanaka") as store:
            waited = time.monotonic() - started
            assert store.decisions() == {}
        assert other.stdout is not None and other.stdout.readline() == "done\n"
    assert waited >= 0.4  # it waited for the other process instead of failing with "database is locked"
    assert _raw(db, "PRAGMA journal_mode") == [("wal",)]
    assert _raw(db, "PRAGMA user_version") == [(SCHEMA_VERSION,)]


def test_migration_rereads_the_schema_version_under_the_write_lock(
    tmp_path: Path, proposals: list[Proposal], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two processes open a new review.sqlite together: the second must not create the schema again."""
    db = tmp_path / "review.sqlite"
    # The other process creates the schema (analogreg's own, as a second `analogreg review` would) under the
    # write lock, and commits only once this one has read version 0 and is asking for the lock.
    schema = "\n".join(
        f"conn.execute({statement.strip()!r})" for statement in _MIGRATIONS[1].split(";") if statement.strip()
    )
    create = f"{schema}\nconn.execute('PRAGMA user_version = {SCHEMA_VERSION}')"
    with _holder(db, before="conn.execute('PRAGMA journal_mode = WAL')", then=create) as other:
        asking = threading.Event()
        connect = sqlite3.connect

        def traced(*args, **kwargs):  # this process's connection, seen statement by statement
            conn = connect(*args, **kwargs)
            conn.set_trace_callback(lambda sql: sql == "BEGIN IMMEDIATE" and asking.set())
            return conn

        monkeypatch.setattr(sqlite3, "connect", traced)
        releaser = threading.Thread(target=lambda: asking.wait(30) and _go_on(other))
        releaser.start()
        with ReviewStore(db, "tanaka") as store:
            monkeypatch.undo()
            releaser.join()
            assert asking.is_set()  # it did read version 0 before the other process committed
            store.accept(proposals[0])
        assert other.stdout is not None and other.stdout.readline() == "done\n"
    assert _raw(db, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert [fid for (fid,) in _raw(db, "SELECT finding_id FROM decisions")] == [proposals[0].finding_id]


def test_reviewer_defaults_to_os_user(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("USER", "sato")
    monkeypatch.setenv("LOGNAME", "sato")
    with ReviewStore(tmp_path / "r.sqlite") as store:
        assert store.reviewer == "sato"
