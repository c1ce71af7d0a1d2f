"""`alur`: the one command an operator uses; a thin wrapper over Django's management commands.

`alur sop validate PATH` and the like are ordinary management commands with sub-commands.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alur.settings.dev")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv if argv is None else argv)
    execute_from_command_line(["alur", *argv[1:]])


if __name__ == "__main__":
    main()
