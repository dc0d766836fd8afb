"""An event's one-line summary, from its type and the names of its actors."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from store.merge.match import Resolved


def exercise_name(summary: str) -> str | None:
    """"Military exercise Zapad-2025 (…)" → "Zapad-2025"; None when the summary names none."""
    words = summary.split()
    named = len(words) > 2 and summary.startswith("Military exercise") and words[2][0] != "("
    return words[2] if named else None


def summarise(res: Resolved, event_type: str, count: int | None, place: str | None) -> str:
    r = res.report
    n = res.names

    def who(*roles: str) -> list[str]:
        return [n[a] for a, role in res.actors if role in roles and a in n]

    def join(names: list[str]) -> str:
        names = list(dict.fromkeys(names))
        if not names:
            return "unnamed"
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]

    if event_type == "visit":
        vis, hosts = who("visitor"), who("host")
        if not place:
            return f"Visit by {join(vis)}" + (f", hosted by {join(hosts)}" if hosts else "")
        s = f"{join(vis)} visits {place}"
        return s + (f", hosted by {join(hosts)}" if hosts else "")
    if event_type in ("meeting", "call"):
        parts = who("participant", "visitor", "host")
        label = "Meeting" if event_type == "meeting" else "Phone call"
        return f"{label}: {join(parts)}" + (f" in {place}" if place and event_type == "meeting" else "")
    if event_type == "letter":
        snd, rcp = who("sender"), who("recipient")
        return "Letter" + (f" from {join(snd)}" if snd else "") + (f" to {join(rcp)}" if rcp else "")
    if event_type in ("release", "arrest"):
        objs = who("released", "arrested")
        agents = who("releasing", "arresting")
        noun = "Release" if event_type == "release" else "Arrest"
        s = f"{noun} of {count} people" if count else f"{noun} of {join(objs)}"
        if count and objs:
            s += f", including {join(objs[:3])}"
        return s + (f" by {agents[0]}" if agents else "")
    if event_type.startswith("sanctions_"):
        verb = {"sanctions_imposed": "imposes", "sanctions_extended": "extends",
                "sanctions_proposed": "proposes", "sanctions_eased": "eases",
                "sanctions_lifted": "lifts"}[event_type]
        target = n.get(res.target_id or 0, "a target")
        return f"{r.authority} {verb} sanctions on {target}"
    if event_type == "embassy":
        owner = join(who("actor")) or "An"
        what = {"close": "operations suspended", "intent": "intention to reopen announced",
                "open": "reopened"}.get(r.polarity or "", "change")
        return f"{owner} embassy" + (f" in {place}" if place else "") + f": {what}"
    if event_type == "border":
        owner = join(who("actor")) or "A country"
        other = who("counterpart")
        verb = "closes" if r.polarity == "close" else "reopens"
        return f"{owner} {verb} its border" + (f" with {other[0]}" if other else "")
    if event_type == "exercise":
        parts = who("participant")
        return f"Military exercise {r.detail or ''}".rstrip() + (f" ({join(parts)})" if parts else "")
    if event_type == "appointment":
        return f"{join(who('appointee'))} appointed"
    if event_type == "statement":
        quote = (r.detail or "").replace("\n", " ")
        quote = quote if len(quote) <= 110 else quote[:107].rstrip() + "…"
        return f"{join(who('speaker'))}: “{quote}”"
    return event_type
