"""The journal file: a TinyDB JSON file written atomically under an inter-process lock.

TinyDB lives only in this package.
"""
