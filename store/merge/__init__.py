"""One happening, one event: matching reports, writing events, summaries, sanction history."""
