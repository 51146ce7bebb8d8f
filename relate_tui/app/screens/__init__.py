"""Screens: each owns a part of the interface and turns widget messages into journal calls."""
