"""Text to reports: the seed lexicon, sentences, mentions, dates, events and sanctions."""
