"""relate: a terminal relationship journal kept in one local JSON file."""

__version__ = "0.1.0"
