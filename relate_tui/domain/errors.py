"""The one error type for bad input typed by a person."""


class InputError(ValueError):
    """Input a person typed that we cannot use; the message is one line saying what was expected.

    The command line prints it on stderr and exits 2; the app shows it beside the field.
    """
