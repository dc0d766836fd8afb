"""ctrl+p: jump to any actor or event, switch pane (themes come from Textual's own commands)."""

from __future__ import annotations

import asyncio
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from store.read.queries import Filters, date_label, iso_prefix
from tui.chrome import PANES, thaw_app
from tui.safe import safe
from tui.timeline import type_label


class ThawCommands(Provider):
    """Panes by name; actors through the one actor search; events through full-text search."""

    async def discover(self) -> Hits:
        app = thaw_app(self.screen)
        for mode, key, label in PANES:
            yield DiscoveryHit(f"Go to {label}", partial(app.switch_pane, mode),
                               help=f"Pane {key}")
        yield DiscoveryHit("Jump to a date…", app.jump_to_date,
                           help="Type a date here (2025-09-11), or press : in the timeline")

    async def search(self, query: str) -> Hits:
        app = thaw_app(self.screen)
        matcher = self.matcher(query)
        for mode, key, label in PANES:
            name = f"Go to {label}"
            if score := matcher.match(name):
                yield Hit(score, matcher.highlight(name), partial(app.switch_pane, mode),
                          help=f"Pane {key}")
        if day := iso_prefix(query):
            yield Hit(1.0, Content(f"Jump to {day} in the timeline"),
                      partial(app.jump_to_date, day), help="The first event on or after it")
        if len(query.strip()) < 2:
            return
        q = app.queries
        # Never matcher.highlight() store text: it parses markup. Content(...) is literal.
        hits = await asyncio.to_thread(q.search_actors, query, 8)
        for rank, hit in enumerate(hits):
            name = safe(hit.name, one_line=True)
            yield Hit(0.9 - rank * 0.01, Content.assemble(("Actor ", "$text-muted"), name),
                      partial(app.open_actor, hit.actor_id), text=f"Actor {name}",
                      help=Content(safe(f"{hit.kind} · matched {hit.matched}", one_line=True)))
        rows = await asyncio.to_thread(q.timeline_page, 0, 8, Filters(text=query))
        for rank, row in enumerate(rows):
            summary = safe(row.summary, one_line=True)
            yield Hit(0.5 - rank * 0.01,
                      Content.assemble(("Event ", "$text-muted"),
                                       (date_label(row.date, row.approximate) + " ", "$text-secondary"),
                                       summary),
                      partial(app.open_event, row.id), text=f"Event {summary}",
                      help=Content(type_label(row.type)))
