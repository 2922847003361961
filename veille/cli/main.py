"""Entry point of the `veille` command.

Each command lives in its own module of this package and only parses options,
calls a library function and reports. Library exceptions are turned into messages
here, once.

Exit codes:
  0  success
  1  finished, but some inputs were skipped (each one reported on stderr)
  2  usage error (bad option or argument)
  3  fatal error (nothing could be done: settings, model, database)
"""

from __future__ import annotations

import importlib
import os
import sys

import click

from veille.errors import VeilleError

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, EXIT_FATAL = 0, 1, 2, 3

# Modules of veille.cli that each define `commands: list[click.Command]`.
COMMAND_MODULES = [
    "extract",
    "batch",
    "evaluate",
    "show",
    "store_commands",
    "query_commands",
    "moves_commands",
    "corrections_commands",
    "watch_commands",
    "merge_commands",
    "entities",
    "dates",
    "train",
    "explain",
]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="veille")
def cli() -> None:
    """veille: French business news in, facts with evidence out."""


for _name in COMMAND_MODULES:
    for _command in importlib.import_module(f"veille.cli.{_name}").commands:
        cli.add_command(_command)


def main() -> None:
    try:
        # Commands return their exit code; click hands it back in this mode.
        code = cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(EXIT_FATAL)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_USAGE)
    except VeilleError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_FATAL)
    except SystemExit:
        raise
    except BrokenPipeError:
        sys.exit(EXIT_OK)
    except OSError as exc:  # an output file that cannot be written, a full disk…
        where = f" {exc.filename}" if exc.filename else ""
        click.echo(f"Error: cannot use{where}: {exc.strerror or exc}", err=True)
        sys.exit(EXIT_FATAL)
    except Exception as exc:  # noqa: BLE001 - the edge: a bug, said plainly
        if os.environ.get("VEILLE_DEBUG"):
            raise
        click.echo(
            f"Error: unexpected {type(exc).__name__}: {exc}\n"
            "This is a bug in veille; run again with VEILLE_DEBUG=1 for the traceback.",
            err=True,
        )
        sys.exit(EXIT_FATAL)
    sys.exit(code if isinstance(code, int) else EXIT_OK)
