"""The store itself: the schema and its migrations, opening a connection, the doctor."""
