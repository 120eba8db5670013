"""A command line read against the declarations of ``spec``: the one reading of ``argv``.

``parse`` returns the command to run with its values, or ``None`` when the line asks for
what Typer draws (help, no command at all, shell completion). Every option a command
declares, long or short, is an option wherever it stands; ``--`` ends the options; a word
that is not an option is an argument where the command takes dash words (search, tag) and
a usage error elsewhere. An option is matched whole (``--format``, ``--format=json``,
``-f``), never with a value glued to a short flag, so ``-surgery`` is never ``-s urgery``.
"""

from __future__ import annotations

from typing import Any

from ..errors import UsageError
from .spec import COMMANDS, GLOBAL_OPTIONS, Command, GlobalOption, Option, command

HELP_FLAGS = ("--help", "-h")


class CommandLineError(UsageError):
    """A usage error in a command line: exit 2, with a pointer to the command's help."""

    def __init__(self, message: str, command_path: str = "") -> None:
        where = f"sarcref {command_path}".strip()
        super().__init__(message, hint=f"Try '{where} --help' for help.")


class Invocation:
    """One parsed command line: the command, its values and the global options."""

    def __init__(self, command: Command, path: str, library: str | None = None) -> None:
        self.command = command
        self.path = path  # "cite", "config set"
        self.values: dict[str, Any] = {}
        self.given: set[str] = set()  # options the line gave (the rest: defaults, settings)
        self.library = library
        self.debug = False
        self.no_pager = False
        self.argv: list[str] = []  # the words of the line, for the journal

    def __getitem__(self, name: str) -> Any:
        return self.values[name]


def _global(flag: str) -> GlobalOption | None:
    name = flag.partition("=")[0]
    return next((g for g in GLOBAL_OPTIONS if name in g.flags), None)


def parse(argv: list[str]) -> Invocation | None:
    """The invocation *argv* asks for; None for help (Typer draws it); CommandLineError."""
    globals_: dict[str, Any] = {}
    words = iter(argv)
    found: Command | None = None
    for word in words:
        if word in HELP_FLAGS or word in ("--version", "-V"):
            return None
        option = _global(word)
        if option is not None:
            _read_global(option, word, words, globals_)
            continue
        if word.startswith("-"):
            return None  # Typer's own (--install-completion...) or its usage error
        found = command(word)
        if found is None:
            raise CommandLineError(_unknown_command(word))
        break
    if found is None:
        return None  # no command: the help
    rest = list(words)
    path = found.name
    if found.subcommands and rest and not rest[0].startswith("-"):
        sub = found.subcommand(rest[0])
        if sub is not None:
            found, path, rest = sub, f"{path} {sub.name}", rest[1:]
    if any(w in _help_flags(found) for w in _before_double_dash(rest)):
        return None
    invocation = Invocation(found, path)
    invocation.argv = list(argv)
    _read_command(found, path, rest, invocation, globals_)
    invocation.library = globals_.get("library")
    invocation.debug = bool(globals_.get("debug"))
    invocation.no_pager = bool(globals_.get("no_pager"))
    return invocation


def _help_flags(found: Command) -> tuple[str, ...]:
    # For commands whose words may start with "-", -h is a word (search: exclude "h").
    return ("--help",) if found.dash_words else HELP_FLAGS


def _before_double_dash(words: list[str]) -> list[str]:
    return words[: words.index("--")] if "--" in words else words


def _read_global(option: GlobalOption, word: str, words: Any, into: dict[str, Any]) -> None:
    name, equals, value = word.partition("=")
    if not option.takes_value:
        if equals:
            raise CommandLineError(f"option {name} takes no value")
        into[option.dest] = True
        return
    if not equals:
        following: str | None = next(words, None)
        if following is None:
            raise CommandLineError(f"option {name} needs a value ({option.metavar})")
        value = following
    into[option.dest] = value


def _unknown_command(word: str) -> str:
    import difflib

    names = [c.name for c in COMMANDS]
    close = difflib.get_close_matches(word, names, n=3)
    more = f"; did you mean {' or '.join(close)}?" if close else ""
    return f"no such command '{word}'{more}"


def _read_command(
    found: Command, path: str, words: list[str], into: Invocation, globals_: dict[str, Any]
) -> None:
    positional: list[str] = []
    values: dict[str, Any] = {}
    stream = iter(words)
    for word in stream:
        if word == "--":
            positional.extend(stream)
            break
        if word == "-" or not word.startswith("-"):
            positional.append(word)
            continue
        name, equals, value = word.partition("=")
        option = found.option(name) if (equals == "" or name.startswith("--")) else None
        if option is None:
            global_option = _global(word)
            if global_option is not None:  # `sarcref list --library x`: accepted here too
                _read_global(global_option, word, stream, globals_)
                continue
            if found.dash_words and not word.startswith("--"):
                positional.append(word)
                continue
            raise CommandLineError(_unknown_option(found, word), path)
        if option.kind == "flag":
            if equals:
                raise CommandLineError(f"option {name} takes no value", path)
            values[option.dest] = True
        else:
            if not equals:
                given = next(stream, None)
                if given is None:
                    raise CommandLineError(f"option {name} needs a value", path)
                value = given
            _store(option, name, value, values, path)
        into.given.add(option.dest)
    for option in found.options:
        if option.dest not in values:
            if option.required:
                raise CommandLineError(f"missing option {option.long}", path)
            values[option.dest] = list(option.default) if option.kind == "multi" else option.default
    _read_arguments(found, path, positional, values)
    into.values = values


def _unknown_option(found: Command, word: str) -> str:
    import difflib

    flags = [f for o in found.options for f in o.flags if f.startswith("--")]
    close = difflib.get_close_matches(word.partition("=")[0], flags, n=1)
    more = f"; did you mean {close[0]}?" if close else ""
    return f"no such option: {word}{more}"


def _store(option: Option, name: str, value: str, values: dict[str, Any], path: str) -> None:
    if option.kind == "choice":
        if value not in option.choices:
            listed = ", ".join(option.choices)
            raise CommandLineError(f"{name}: '{value}' is not one of {listed}", path)
        values[option.dest] = value
    elif option.kind == "int":
        values[option.dest] = _integer(option, name, value, path)
    elif option.kind == "multi":
        values.setdefault(option.dest, []).append(value)
    else:
        values[option.dest] = value


def _integer(option: Option, name: str, value: str, path: str) -> int:
    text = value.strip()
    digits = text[1:] if text[:1] in "+-" else text
    if not (digits.isdigit() and digits.isascii()):
        raise CommandLineError(f"{name}: '{value}' is not a whole number", path)
    low = option.minimum if option.minimum is not None else -option.maximum
    number = (
        int(text) if len(digits) <= 18 else (option.maximum + 1) * (-1 if text[0] == "-" else 1)
    )
    if not low <= number <= option.maximum:
        raise CommandLineError(
            f"{name}: {text} is out of range (from {low} to {option.maximum})", path
        )
    return number


def _read_arguments(found: Command, path: str, words: list[str], values: dict[str, Any]) -> None:
    remaining = list(words)
    for index, argument in enumerate(found.arguments):
        later = found.arguments[index + 1 :]
        if argument.many:
            # A list takes what the single arguments after it leave.
            keep = sum(1 for a in later if not a.many)
            taken, remaining = (
                (remaining[: len(remaining) - keep], remaining[len(remaining) - keep :])
                if keep
                else (remaining, [])
            )
            if argument.required and not taken:
                raise CommandLineError(f"missing argument {argument.metavar}", path)
            values[argument.dest] = taken
            continue
        if not remaining:
            if argument.required:
                raise CommandLineError(f"missing argument {argument.metavar}", path)
            values[argument.dest] = None
            continue
        values[argument.dest] = remaining.pop(0)
    if remaining:
        listed = " ".join(remaining)
        raise CommandLineError(f"unexpected extra argument(s): {listed}", path)
