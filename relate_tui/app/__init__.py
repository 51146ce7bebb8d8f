"""The Textual app: ``RelateApp``, its session, key table, screens and widgets.

Textual lives only in this package. It never imports ``relate_tui.cli``; the command line
opens it through ``app.launch``.
"""

from relate_tui.app.relate_app import RelateApp

__all__ = ["RelateApp"]
