"""The pure domain: people, notes, promises, rhythms, dates and the next-touch queue.

Nothing here imports Textual or TinyDB; time always comes from an injected clock.
"""
