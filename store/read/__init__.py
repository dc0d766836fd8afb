"""Reading the store back: the dashboard queries, their records, the export."""
