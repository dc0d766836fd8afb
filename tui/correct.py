"""Corrections from the keyboard: the dialogs, the log of corrections, the source of a quote.

Every correction runs in a thread worker on its own write connection (store.correct), so the
dashboard keeps answering while another process ingests; the views reload when it lands.
"""

from __future__ import annotations

import os
import sys
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from store.db.connect import connect
from tui.chrome import StatsBar, thaw_app
from tui.inputs import SafeInput
from tui.safe import safe

if TYPE_CHECKING:
    from store.correct import Correction, Corrections
    from store.read.records import EventDetail
    from tui.app import ThawApp

MARK = "✎"
T = TypeVar("T")


# -- dialogs --------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Field:
    name: str
    label: str
    value: str = ""
    hint: str = ""


NOTE = Field("note", "Note (why; optional)")


class AskScreen(ModalScreen[dict[str, str] | None]):
    """A small form: one box per field, then the note. Enter in the last box (or ctrl+s) saves,
    Esc cancels; Tab moves between boxes."""

    AUTO_FOCUS = "Input"    # the first box, not the scrolling body
    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+s", "save", "Save")]

    def __init__(self, title: str, fields: list[Field]) -> None:
        super().__init__(classes="correction-dialog")
        self.title_text, self.fields = title, [*fields, NOTE]

    def compose(self) -> ComposeResult:
        # One line a box (compact inputs) and a scrolling body: the form fits 80×24, and the
        # box with the focus is always in view.
        with VerticalScroll(classes="dialog", can_focus=False):
            yield Static(Content.styled(safe(self.title_text, one_line=True), "bold"))
            for f in self.fields:
                yield Static(Content.assemble((f.label, "bold"),
                                              (f"  {f.hint}" if f.hint else "", "$text-muted")))
                yield SafeInput(value=f.value, id=f"ask-{f.name}", compact=True)
            yield Static(Content.styled("Enter: next box, then save · Ctrl+S: save · Esc: cancel",
                                        "$text-muted"))

    @on(Input.Submitted)
    def _next(self, message: Input.Submitted) -> None:
        boxes = list(self.query(Input))
        at = boxes.index(message.input)
        if at + 1 < len(boxes):
            boxes[at + 1].focus()
        else:
            self.action_save()

    def action_save(self) -> None:
        self.dismiss({f.name: self.query_one(f"#ask-{f.name}", Input).value for f in self.fields})

    def action_cancel(self) -> None:
        self.dismiss(None)


class PickScreen(ModalScreen[str | None]):
    """Pick one of many by typing: `search(text)` gives (id, label) pairs. Enter picks."""

    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("down", "to_list", show=False)]

    def __init__(self, title: str, search: Callable[[str], list[tuple[str, str]]],
                 initial: str = "") -> None:
        super().__init__(classes="correction-dialog")
        self.title_text, self.search, self.initial = title, search, initial

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content.styled(safe(self.title_text, one_line=True), "bold"))
            yield SafeInput(value=self.initial, placeholder="type to search", id="pick-text",
                            compact=True)
            yield OptionList(id="pick-list")

    def on_mount(self) -> None:
        self._fill(self.initial)

    @on(Input.Changed, "#pick-text")
    def _changed(self, message: Input.Changed) -> None:
        self._fill(message.value)

    def _fill(self, text: str) -> None:
        options = self.query_one("#pick-list", OptionList)
        options.clear_options()
        found = self.search(text)
        options.add_options(Option(Content(safe(label, one_line=True)), id=key) for key, label in found)
        if not found:
            options.add_option(Option(Content.styled("Nothing matches.", "$text-muted"), disabled=True))
        else:
            options.highlighted = 0

    @on(Input.Submitted, "#pick-text")
    def _submitted(self) -> None:
        options = self.query_one("#pick-list", OptionList)
        if options.highlighted is not None:
            options.action_select()

    def action_to_list(self) -> None:
        self.query_one("#pick-list", OptionList).focus()

    @on(OptionList.OptionSelected, "#pick-list")
    def _picked(self, message: OptionList.OptionSelected) -> None:
        self.dismiss(message.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


# -- making a correction ----------------------------------------------------------------------------

def correct(screen: Screen[object], make: Callable[[Corrections], Correction | list[Correction]],
            then: Callable[[], None] | None = None) -> None:
    """Make a correction off the UI thread; say what was done (or why not), then refresh."""
    app = thaw_app(screen)

    def run() -> None:
        import sqlite3

        from store.correct import CorrectionError, Corrections
        from store.db.connect import StoreError

        try:
            conn = connect(app.db_path, write=True)
            try:
                made = make(Corrections(conn))
            finally:
                conn.close()
        except (CorrectionError, StoreError, sqlite3.Error) as exc:
            app.call_from_thread(app.notify, str(exc), title="Not corrected", severity="error")
            return
        done = made if isinstance(made, list) else [made]
        if done:
            text = "; ".join(c.describe() for c in done)
            app.call_from_thread(app.notify, f"{MARK} {safe(text, one_line=True)} (L: corrections)",
                                 title="Corrected", timeout=5)
        app.call_from_thread(app.refresh_store)
        if then is not None:
            app.call_from_thread(then)

    app.run_worker(run, thread=True, group="correct", exit_on_error=False)


def who_when_why(c: Correction) -> Content:
    """"✎ date 2024-07 → ~2024-01 · ana · 2026-11-29 10:02 · “court record”"."""
    when = c.created_at.replace("T", " ")[:16]
    parts: list[str | tuple[str, str]] = [(f"{MARK} ", "bold $text-warning"),
                                          safe(c.describe(), one_line=True),
                                          (f" · {safe(c.author or '?', one_line=True)} · {when}",
                                           "$text-muted")]
    if c.note:
        parts.append((f" · “{safe(c.note, one_line=True)}”", "italic"))
    return Content.assemble(*parts)


def ask_corrections(app: ThawApp, ask: Callable[[Corrections], T]) -> T:
    """A question to the corrections log, on a connection of its own (worker threads)."""
    from store.correct import Corrections

    conn = connect(app.db_path)
    try:
        return ask(Corrections(conn))
    finally:
        conn.close()


def event_search(app: ThawApp, exclude: int) -> Callable[[str], list[tuple[str, str]]]:
    from store.read.queries import Filters, date_label

    def search(text: str) -> list[tuple[str, str]]:
        rows = app.queries.timeline_page(0, 30, Filters(text=text or None))
        return [(str(r.id), f"{date_label(r.date, r.approximate)}  {r.type}  {r.summary}")
                for r in rows if r.id != exclude]
    return search


def actor_search(app: ThawApp, exclude: int | None = None) -> Callable[[str], list[tuple[str, str]]]:
    def search(text: str) -> list[tuple[str, str]]:
        if not text.strip():
            return []
        return [(str(h.actor_id), f"{h.name}  ({h.kind})") for h in app.queries.search_actors(text, 20)
                if h.actor_id != exclude]
    return search


# -- the log --------------------------------------------------------------------------------------

class CorrectionsScreen(Screen[None]):
    """Every correction, newest first; undo any one, redo an undone one."""

    AUTO_FOCUS = "#corrections"
    BINDINGS = [
        Binding("escape", "app.back", "Back"),
        Binding("u", "undo", "Undo"),
        Binding("r", "redo", "Redo"),
        Binding("slash", "filter", "Filter"),
    ]

    class _Loaded(Message):
        def __init__(self, log: list[Correction]) -> None:
            super().__init__()
            self.log = log

    def compose(self) -> ComposeResult:
        yield StatsBar()
        with Vertical(classes="detail"):
            yield Static(Content.styled("Corrections", "bold $text-accent"), classes="heading")
            yield SafeInput(placeholder="/ filter: a word of the change, note, author or state",
                            id="corrections-filter")
            yield OptionList(id="corrections")
        yield Footer()

    def on_mount(self) -> None:
        self._load()

    @on(Input.Changed, "#corrections-filter")
    def _filter_changed(self) -> None:
        self._load()

    @on(Input.Submitted, "#corrections-filter")
    def _filter_done(self) -> None:
        self.query_one("#corrections", OptionList).focus()

    def action_filter(self) -> None:
        self.query_one("#corrections-filter", Input).focus()

    @work(thread=True, exclusive=True)
    def _load(self) -> None:
        text = self.query_one("#corrections-filter", Input).value
        log = ask_corrections(thaw_app(self), lambda corrections: corrections.log(text=text))
        self.post_message(self._Loaded(log))

    @on(_Loaded)
    def _show(self, message: _Loaded) -> None:
        options = self.query_one("#corrections", OptionList)
        at = options.highlighted
        options.clear_options()
        for c in message.log:
            state = {"active": ("applied", "$text-success"), "undone": ("undone", "$text-muted"),
                     "orphaned": ("orphaned", "$text-error")}[c.state]
            lines: list[str | tuple[str, str] | Content] = [
                (f"#{c.id} ", "$text-muted"), (state[0].ljust(9), f"bold {state[1]}"), who_when_why(c)]
            if c.reason:
                lines += ["\n", (f"   {safe(c.reason, one_line=True)}", "$text-error")]
            options.add_option(Option(Content.assemble(*lines), id=str(c.id)))
        if not message.log:
            options.add_option(Option(Content.styled("No corrections yet: e, d, m … on an event, r on an"
                                                     " actor, c on a board cell.", "$text-muted"),
                                      disabled=True))
        else:
            options.highlighted = min(at or 0, len(message.log) - 1)
        if not self.query_one("#corrections-filter", Input).has_focus:
            options.focus()

    def _chosen(self) -> int | None:
        options = self.query_one("#corrections", OptionList)
        if options.highlighted is None:
            return None
        option = options.get_option_at_index(options.highlighted)
        return int(option.id) if option.id else None

    def action_undo(self) -> None:
        cid = self._chosen()
        if cid is not None:
            correct(self, lambda log: log.undo(cid), self._load)

    def action_redo(self) -> None:
        cid = self._chosen()
        if cid is not None:
            correct(self, lambda log: log.redo(cid), self._load)


# -- the source of a quote --------------------------------------------------------------------------

class SourceScreen(Screen[None]):
    """The whole stored document, the quoted sentence highlighted; b opens its URL."""

    BINDINGS = [Binding("escape", "app.back", "Back"), Binding("b", "browser", "Open in browser"),
                Binding("j", "scroll_down", show=False), Binding("k", "scroll_up", show=False)]

    def __init__(self, document_id: int, quote: str | None = None) -> None:
        super().__init__()
        self.document_id, self.quote = document_id, quote
        self.url: str | None = None

    def compose(self) -> ComposeResult:
        yield StatsBar()
        yield Static("", id="source-title", classes="heading")
        with VerticalScroll(id="source-body", classes="detail"):
            yield Static(Content.styled("Loading…", "$text-muted"), id="source-text")
        yield Footer()

    def on_mount(self) -> None:
        from store.read.documents import quote_span, stored_document

        conn = connect(thaw_app(self).db_path)
        try:
            doc = stored_document(conn, self.document_id)
        finally:
            conn.close()
        if doc is None:
            self.query_one("#source-text", Static).update("This document is no longer in the store.")
            return
        self.url = doc.url
        where = safe(doc.url or doc.path or "no URL: read from a file", one_line=True)
        self.query_one("#source-title", Static).update(Content.assemble(
            (safe(doc.title or "Untitled", one_line=True), "bold"), "\n",
            (" · ".join(safe(x, one_line=True) for x in (doc.source, doc.published) if x), "$text-muted"),
            "\n", (where, "underline" if doc.url else "$text-muted")))
        text = safe(doc.text)
        span = quote_span(text, safe(self.quote)) if self.quote else None
        body = Content(text)
        if span:
            body = body.stylize("bold reverse", *span)
        self.query_one("#source-text", Static).update(body)
        if span:
            # Lines before the sentence, at this width: scroll so it stands near the top.
            width = max(20, self.size.width - 4)
            before = sum(max(1, -(-len(line) // width)) for line in text[: span[0]].split("\n")) - 1
            self.call_after_refresh(self.query_one("#source-body").scroll_to, y=max(0, before - 2),
                                    animate=False)
        self.query_one("#source-body").focus()

    def action_scroll_down(self) -> None:
        self.query_one("#source-body", VerticalScroll).scroll_down(animate=False)

    def action_scroll_up(self) -> None:
        self.query_one("#source-body", VerticalScroll).scroll_up(animate=False)

    def action_browser(self) -> None:
        if not self.url:
            self.notify("This document has no URL: it was read from a file.", severity="warning")
            return
        shown = safe(self.url, one_line=True)
        if not self.url.lower().startswith(("http://", "https://")):
            self.notify(f"Not a web address, not opened: {shown}", severity="warning", timeout=10)
            return
        if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY")
                                                     or os.environ.get("WAYLAND_DISPLAY")):
            # Without a display, webbrowser would start a text browser in this very terminal.
            self.notify(f"No graphical display here; the URL is {shown}", severity="warning",
                        timeout=10)
            return
        try:
            opened = webbrowser.open(self.url)
        except webbrowser.Error:
            opened = False
        if opened:
            self.notify(f"Opened {safe(self.url, one_line=True)}")
        else:
            self.notify(f"No browser here; the URL is {safe(self.url, one_line=True)}",
                        severity="warning", timeout=10)


# -- on an event ------------------------------------------------------------------------------------

def _date_value(text: str) -> dict[str, object]:
    """"~2025-09" → approximate September 2025; "" → no date."""
    text = text.strip()
    return {"date": text.lstrip("~").strip() or None, "approximate": text.startswith("~")}


def _count_value(text: str) -> int | None | str:
    text = text.strip()
    return None if not text else int(text) if text.isdigit() else text


def _sources(detail: EventDetail) -> list[tuple[str, str]]:
    return [(str(n), f"{s.source or s.title or 'unknown source'}: {s.quote}")
            for n, s in enumerate(detail.sources)]


class EventCorrections(Screen[None]):
    """The correction keys of the event view (EventScreen builds on it): the screen sets
    `event_id` and `detail` (the EventDetail shown) and reloads on `reload()`."""

    CORRECTION_BINDINGS = [
        Binding("e", "edit", "Edit", tooltip="Correct the type, date, count, place or summary"),
        Binding("a", "add_actor", "Actor+", tooltip="Add an actor to this event"),
        Binding("r", "role", "Role", tooltip="Change or remove the highlighted actor's role"),
        Binding("d", "dismiss_event", "Dismiss", tooltip="Not an event: it leaves the timeline"),
        Binding("m", "merge", "Merge", tooltip="Merge another event into this one"),
        Binding("s", "split", "Split", tooltip="Split one source's report off into its own event"),
        Binding("o", "source", "Source", tooltip="Read the whole article a quote comes from"),
    ]
    event_id: int
    detail: EventDetail | None

    def reload(self) -> None:
        raise NotImplementedError

    def _ask(self, title: str, fields: list[Field], done: Callable[[dict[str, str]], None]) -> None:
        self.app.push_screen(AskScreen(title, fields),
                             lambda answer: done(answer) if answer is not None else None)

    def _pick(self, title: str, search: Callable[[str], list[tuple[str, str]]],
              done: Callable[[str], None]) -> None:
        self.app.push_screen(PickScreen(title, search),
                             lambda key: done(key) if key is not None else None)

    def _correct(self, make: Callable[[Corrections], Correction | list[Correction]],
                 then: Callable[[], None] | None = None) -> None:
        correct(self, make, then or self.reload)

    def action_edit(self) -> None:
        from store.read.queries import date_label

        e = self.detail
        if e is None:
            return
        now = {"type": e.type, "date": ("~" if e.approximate else "") + (e.date or ""),
               "count": "" if e.count is None else str(e.count),
               "place": e.place or "", "summary": e.summary}
        fields = [Field("type", "Type", now["type"], "release, visit, meeting, sanctions_lifted, …"),
                  Field("date", "Date", now["date"], "2025 · 2025-09 · 2025-09-11; ~ in front: approximate"),
                  Field("count", "Count", now["count"], "people; empty: unknown"),
                  Field("place", "Place", now["place"]), Field("summary", "Summary", now["summary"])]
        label = date_label(e.date, e.approximate)

        def done(answer: dict[str, str]) -> None:
            changed = {f: answer[f].strip() for f in now if answer[f].strip() != now[f]}
            if not changed:
                self.app.notify("Nothing changed.")
                return
            value = {"type": lambda v: v, "date": _date_value, "count": _count_value,
                     "place": lambda v: v or None, "summary": lambda v: v}
            event_id, note = self.event_id, answer["note"]
            self._correct(lambda log: [log.edit_event(event_id, f, value[f](v), note=note)
                                       for f, v in changed.items()])
        self._ask(f"Correct the event of {label}", fields, done)

    def action_add_actor(self) -> None:
        def picked(key: str) -> None:
            self._ask("Their part in this event", [Field("role", "Role", "participant",
                                                         "e.g. releasing, released, mediator, host")],
                      lambda a: self._correct(lambda log: log.set_role(
                          self.event_id, int(key), a["role"] or "participant", note=a["note"])))
        self._pick("Add an actor: search any spelling", actor_search(thaw_app(self)), picked)

    def action_role(self) -> None:
        actors = self.query_one("#event-actors", OptionList)
        if actors.highlighted is None or self.detail is None:
            self.app.notify("Highlight an actor first (Tab to the list).")
            return
        actor_id = int(actors.get_option_at_index(actors.highlighted).id)
        roles = [a.role for a in self.detail.actors if a.id == actor_id]
        self._ask("Role (empty: not part of this event)", [Field("role", "Role", ", ".join(roles))],
                  lambda a: self._correct(lambda log: log.set_role(
                      self.event_id, actor_id, a["role"].split(",")[0].strip() or None, note=a["note"])))

    def action_dismiss_event(self) -> None:
        def done(answer: dict[str, str]) -> None:
            app = self.app
            self._correct(lambda log: log.dismiss_event(self.event_id, note=answer["note"]),
                          then=app.action_back)
        self._ask("Not an event: it will leave the timeline (undo with L)", [], done)

    def action_merge(self) -> None:
        def picked(key: str) -> None:
            self._ask("Merge that event into this one", [],
                      lambda a: self._correct(lambda log: log.merge_events(
                          self.event_id, int(key), note=a["note"])))
        self._pick("Merge which event into this one? Search the timeline",
                   event_search(thaw_app(self), self.event_id), picked)

    def action_split(self) -> None:
        e = self.detail
        if e is None or len(e.sources) < 2:
            self.app.notify("One report only: nothing to split off.")
            return

        def picked(key: str) -> None:
            src = e.sources[int(key)]
            self._ask("Split this report off into its own event", [],
                      lambda a: self._correct(lambda log: log.split_report(
                          self.event_id, src.document_id, src.quote, note=a["note"])))
        self._pick("Which report is another happening?", choose_from(_sources(e)), picked)

    def action_source(self) -> None:
        e = self.detail
        if e is None or not e.sources:
            return
        def open_source(key: str) -> None:
            src = e.sources[int(key)]
            self.app.push_screen(SourceScreen(src.document_id, src.quote))
        if len(e.sources) == 1:
            open_source("0")
        else:
            self._pick("Read which source?", choose_from(_sources(e)), open_source)


def choose_from(items: list[tuple[str, str]]) -> Callable[[str], list[tuple[str, str]]]:
    return lambda text: [(k, v) for k, v in items if text.casefold() in v.casefold()]


# -- on an actor ------------------------------------------------------------------------------------

class ActorCorrections:
    """The correction keys of a profile (ActorProfileView): it says which actor is shown
    (`shown_actor`) and reloads on `reload_actor`."""

    CORRECTION_BINDINGS = [
        Binding("r", "rename", "Rename"),
        Binding("M", "merge_actor", "Merge", tooltip="Merge another actor into this one"),
        Binding("S", "split_spelling", "Split spelling", tooltip="A spelling that is someone else"),
        Binding("n", "not_actor", "Not an actor", tooltip="Page furniture, not a person or body"),
    ]

    def shown_actor(self) -> int | None:
        raise NotImplementedError

    def reload_actor(self) -> None:
        raise NotImplementedError

    def _with_actor(self, ask: Callable[[Screen[object], int], None]) -> None:
        actor_id = self.shown_actor()
        if actor_id is None:
            self.app.notify("Pick an actor first.")
        else:
            ask(self, actor_id)

    def _then_correct(self, screen: Screen[object], title: str, fields: list[Field],
                      make: Callable[[Corrections, dict[str, str]], Correction],
                      then: Callable[[], None] | None = None) -> None:
        def done(answer: dict[str, str] | None) -> None:
            if answer is not None:
                correct(screen, lambda log: make(log, answer), then or self.reload_actor)
        screen.app.push_screen(AskScreen(title, fields), done)

    def action_rename(self) -> None:
        def ask(screen: Screen[object], actor_id: int) -> None:
            name = thaw_app(screen).queries.actor_name(actor_id) or ""
            self._then_correct(screen, "Rename", [Field("name", "Name", name)],
                               lambda log, a: log.rename_actor(actor_id, a["name"], note=a["note"]))
        self._with_actor(ask)

    def action_merge_actor(self) -> None:
        def ask(screen: Screen[object], actor_id: int) -> None:
            def picked(key: str | None) -> None:
                if key is not None:
                    self._then_correct(
                        screen, "Merge: its spellings, mentions and roles move here", [],
                        lambda log, a: log.merge_actors(actor_id, int(key), note=a["note"]))
            screen.app.push_screen(PickScreen("Merge which actor into this one? Search any spelling",
                                              actor_search(thaw_app(screen), actor_id)), picked)
        self._with_actor(ask)

    def action_split_spelling(self) -> None:
        def ask(screen: Screen[object], actor_id: int) -> None:
            spellings = ask_corrections(thaw_app(screen), lambda log: log.spellings(actor_id))

            def picked(key: str | None) -> None:
                if key is not None:
                    spelling = spellings[int(key)]
                    self._then_correct(
                        screen, f"“{spelling}” is someone else", [],
                        lambda log, a: log.split_spelling(actor_id, spelling, note=a["note"]))
            choices = [(str(i), s) for i, s in enumerate(spellings)]
            screen.app.push_screen(PickScreen("Which spelling is another actor?", choose_from(choices)),
                                   picked)
        self._with_actor(ask)

    def action_not_actor(self) -> None:
        def ask(screen: Screen[object], actor_id: int) -> None:
            app = thaw_app(screen)
            pushed = len(app.screen_stack) > 1     # a profile over a pane: its screen goes too
            self._then_correct(screen, "Not an actor: it leaves every event and list", [],
                               lambda log, a: log.not_an_actor(actor_id, note=a["note"]),
                               app.action_back if pushed else None)
        self._with_actor(ask)


# -- on a board cell --------------------------------------------------------------------------------

def ask_sanction(screen: Screen[object], target_id: int, authority: str, status: str,
                 since: str | None, then: Callable[[], None]) -> None:
    from store.correct.kinds import STATUSES

    fields = [Field("status", "Status", status, " · ".join(STATUSES)),
              Field("since", "Since", since or "", "2025 · 2025-09 · 2025-09-11; empty: unknown"),
              Field("evidence", "Evidence (the sentence that says so; optional)")]

    def done(a: dict[str, str] | None) -> None:
        if a is None:
            return
        evidence = a["evidence"].strip()
        note = " — ".join(x for x in (a["note"].strip(), evidence and f"“{evidence}”") if x) or None
        status_now = a["status"].strip().replace(" ", "_")
        correct(screen, lambda log: log.set_sanction(target_id, authority, status_now,
                                                     a["since"].strip() or None, note=note), then)
    screen.app.push_screen(AskScreen(f"Board cell under {authority}", fields), done)
