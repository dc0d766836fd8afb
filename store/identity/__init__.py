"""Who is who: name normalising, the actor index and search, the gazetteer of known actors."""
