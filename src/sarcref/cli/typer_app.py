"""The Typer application, assembled from the declarations of ``spec``.

It draws ``--help`` (rich on a terminal, plain when piped) and answers shell completion;
``entry`` hands it only those command lines. Its commands run the same handlers through
the same error sink as every other command line, so running a command through this app
(``typer.testing.CliRunner``) gives what the process gives.
"""

from __future__ import annotations

import inspect
import sys
from enum import Enum
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from .. import __version__
from .parsing import Invocation
from .plain import use_rich
from .spec import COMMANDS, GLOBAL_OPTIONS, Argument, Command, Option


def complete_keys(incomplete: str) -> list[str]:
    """Shell completion for KEY arguments: the library's keys that start with the text."""
    try:
        from ..library import Library
        from ..settings import Settings

        with Library(Settings().get("library")) as library:
            return [k for k in library.keys() if k.startswith(incomplete)][:500]
    except Exception:  # completion must never print a traceback into the shell
        return []


def complete_styles(incomplete: str) -> list[str]:
    from ..style_catalogue import ALIASES, all_ids

    return [s for s in [*ALIASES, *all_ids()] if s.startswith(incomplete)][:200]


_COMPLETIONS = {"keys": complete_keys, "styles": complete_styles}
_global_values: dict[str, Any] = {}


def _choice_type(option: Option) -> type[Enum]:
    return Enum(  # type: ignore[return-value]
        f"{option.dest}_choices", {c: c for c in option.choices}, type=str
    )


def _option_parameter(option: Option) -> inspect.Parameter:
    shown_default = option.default not in (None, (), False)
    info = typer.Option(
        *option.flags,
        help=option.help + (f" [setting: {option.setting}]" if option.setting else ""),
        metavar=option.metavar,
        show_default=shown_default,
        autocompletion=_COMPLETIONS.get(option.completion or ""),
    )
    default: Any = option.default
    if option.kind == "flag":
        annotation: Any = bool
        default = bool(option.default)
    elif option.kind == "int":
        annotation = int | None
        info.min = option.minimum
        info.max = option.maximum
    elif option.kind == "choice":
        enum = _choice_type(option)
        annotation = enum | None
        default = enum(option.default) if option.default is not None else None
    elif option.kind == "multi":
        annotation = list[str] | None
        default = None
    else:
        annotation = str | None
    if option.required:
        default = inspect.Parameter.empty
        annotation = annotation.__args__[0] if hasattr(annotation, "__args__") else annotation
    return inspect.Parameter(
        option.dest,
        inspect.Parameter.KEYWORD_ONLY,
        default=default,
        annotation=Annotated[annotation, info],
    )


def _argument_parameter(argument: Argument) -> inspect.Parameter:
    info = typer.Argument(
        metavar=argument.metavar,
        help=argument.help,
        show_default=False,
        autocompletion=_COMPLETIONS.get(argument.completion or ""),
    )
    annotation: Any = list[str] if argument.many else str
    default: Any = inspect.Parameter.empty
    if not argument.required:
        annotation = annotation | None
        default = None
    return inspect.Parameter(
        argument.dest,
        inspect.Parameter.KEYWORD_ONLY,
        default=default,
        annotation=Annotated[annotation, info],
    )


def _callback(command: Command, path: str) -> Any:
    def run(**values: Any) -> None:
        from .entry import execute

        invocation = Invocation(command, path, library=_global_values.get("library"))
        invocation.debug = bool(_global_values.get("debug"))
        invocation.no_pager = bool(_global_values.get("no_pager"))
        for option in command.options:
            value = values.get(option.dest)
            if isinstance(value, Enum):
                value = value.value
            if option.kind == "multi":
                value = list(value or [])
            if value is not None and value != option.default and option.kind != "multi":
                invocation.given.add(option.dest)
            elif option.kind == "multi" and value:
                invocation.given.add(option.dest)
            invocation.values[option.dest] = option.default if value is None else value
        for argument in command.arguments:
            invocation.values[argument.dest] = values.get(argument.dest)
        code = execute(invocation)
        if code:
            raise typer.Exit(code)

    parameters = [_argument_parameter(a) for a in command.arguments]
    parameters += [_option_parameter(o) for o in command.options]
    run.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    run.__annotations__ = {p.name: p.annotation for p in parameters}
    run.__doc__ = _help_text(command)
    run.__name__ = command.name
    return run


def _help_text(command: Command) -> str:
    parts = [command.summary]
    if command.description:
        parts.append(command.description)
    if command.example:
        parts.append(f"Example: {command.example}")
    return "\n\n".join(parts)


def _context(command: Command) -> dict[str, Any]:
    settings: dict[str, Any] = {}
    if command.dash_words:
        settings = {"ignore_unknown_options": True, "help_option_names": ["--help"]}
    return settings


def _add(app: typer.Typer, command: Command, path: str) -> None:
    if not command.subcommands:
        app.command(command.name, context_settings=_context(command), help=_help_text(command))(
            _callback(command, path)
        )
        return
    group = typer.Typer(
        cls=TyperGroup,
        invoke_without_command=True,
        help=_help_text(command),
        rich_markup_mode=app.rich_markup_mode,
    )
    main_run = _callback(command, path)

    def group_callback(ctx: typer.Context, **values: Any) -> None:
        if ctx.invoked_subcommand is None:
            main_run(**values)

    parameters = [
        inspect.Parameter("ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=typer.Context),
        *main_run.__signature__.parameters.values(),
    ]
    group_callback.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    group_callback.__annotations__ = {p.name: p.annotation for p in parameters}
    group.callback()(group_callback)
    for sub in command.subcommands:
        _add(group, sub, f"{path} {sub.name}")
    app.add_typer(group, name=command.name)


def _print_version(value: bool) -> None:
    if value:
        sys.stdout.write(f"sarcref {__version__}\n")
        raise typer.Exit()


def build() -> typer.Typer:
    app = typer.Typer(
        name="sarcref",
        help="A reference manager for the terminal: a local library, search, and citations "
        "in any CSL style.",
        epilog="Run `sarcref COMMAND --help` for a command's options. Exit codes: 0 success, "
        "1 nothing found, 2 usage error, 3 bad data, 75 a network service failed (try "
        "again), 130 interrupted.",
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        rich_markup_mode="rich" if use_rich(sys.stdout) and use_rich(sys.stderr) else None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )

    def main(**values: Any) -> None:
        _global_values.clear()
        _global_values.update(values)

    parameters = [
        inspect.Parameter(
            g.dest,
            inspect.Parameter.KEYWORD_ONLY,
            default=None if g.takes_value else False,
            annotation=Annotated[
                str | None if g.takes_value else bool,
                typer.Option(*g.flags, help=g.help, metavar=g.metavar, show_default=False),
            ],
        )
        for g in GLOBAL_OPTIONS
    ]
    parameters.append(
        inspect.Parameter(
            "version",
            inspect.Parameter.KEYWORD_ONLY,
            default=False,
            annotation=Annotated[
                bool,
                typer.Option(
                    "--version",
                    "-V",
                    callback=_print_version,
                    is_eager=True,
                    help="Print the version and exit.",
                ),
            ],
        )
    )
    main.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    main.__annotations__ = {p.name: p.annotation for p in parameters}
    app.callback()(main)
    for command in COMMANDS:
        _add(app, command, command.name)
    return app


app = build()
