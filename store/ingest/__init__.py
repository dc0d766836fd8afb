"""Files into the store: reading documents, running extraction, the one writer."""
