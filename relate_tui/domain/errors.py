"""The one error type for bad input typed by a person, and how its messages quote the input."""


class InputError(ValueError):
    """Input a person typed that we cannot use; the message is one line saying what was expected.

    The command line prints it on stderr and exits 2; the app shows it beside the field.
    """


def shown(text: str) -> str:
    """Input echoed in an error message: on one line and not too long."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= 40 else flat[:39] + "…"
