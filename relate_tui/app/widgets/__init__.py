"""Widgets: they get data as attributes and report intent as messages; none of them
touches the journal."""
