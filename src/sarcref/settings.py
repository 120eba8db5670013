"""Settings a user sets once: a TOML file, environment variables, built-in defaults.

The file is ``config.toml`` in the user config folder (``$SARCREF_CONFIG`` names another),
flat ``name = "value"`` lines. For each setting a command-line option wins over its
environment variable, which wins over the file, which wins over the default. The file is
read only when a command asks for a setting, and not at all when it does not exist.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import DataError, UsageError

CONFIG_ENV = "SARCREF_CONFIG"
CONFIG_FILENAME = "config.toml"


def _check_style(value: str) -> str:
    from .style_catalogue import resolve

    resolve(value)
    return value


def _check_locale(value: str) -> str:
    from .locale_catalogue import check_locale

    return check_locale(value)


def _check_format(value: str) -> str:
    formats = ("text", "html", "markdown", "rtf")
    if value not in formats:
        raise UsageError(f"unknown format '{value}'; choose from {', '.join(formats)}")
    return value


def _check_key_format(value: str) -> str:
    from .keys import KeyFormat

    KeyFormat(value)  # raises UsageError pointing at the mistake
    return value


def _check_email(value: str) -> str:
    local, at, domain = value.partition("@")
    if not (local and at and "." in domain) or not value.isprintable() or " " in value:
        raise UsageError(f"{value!r} is not an e-mail address")
    return value


def _check_path(value: str) -> str:
    if not value.strip():
        raise UsageError("the library path is empty")
    return value


@dataclass(frozen=True)
class Setting:
    name: str
    env: str
    default: str | None
    help: str
    check: Callable[[str], str]


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in (
        Setting("style", "SARCREF_STYLE", "apa", "default style of `cite`", _check_style),
        Setting(
            "locale",
            "SARCREF_LOCALE",
            None,
            "default locale of `cite` (none: the style's own)",
            _check_locale,
        ),
        Setting("format", "SARCREF_FORMAT", "text", "default format of `cite`", _check_format),
        Setting(
            "key-format",
            "SARCREF_KEY_FORMAT",
            "{auth}{year}{title}",
            "the formula of generated keys",
            _check_key_format,
        ),
        Setting(
            "library",
            "SARCREF_LIBRARY",
            None,
            "the library file (none: the user data folder)",
            _check_path,
        ),
        Setting(
            "email",
            "SARCREF_EMAIL",
            None,
            "contact e-mail sent to Crossref and NCBI with identifier lookups",
            _check_email,
        ),
    )
}


def config_path(environ: Mapping[str, str] | None = None) -> Path:
    """The settings file: ``$SARCREF_CONFIG``, else ``config.toml`` in the user config folder."""
    env = os.environ if environ is None else environ
    if env.get(CONFIG_ENV):
        return Path(env[CONFIG_ENV]).expanduser()
    from .paths import user_folder

    return user_folder("config") / CONFIG_FILENAME


@dataclass(frozen=True)
class Value:
    name: str
    value: str | None
    source: str  # "environment (SARCREF_STYLE)", "file PATH", "default"


class Settings:
    """The settings in effect. ``warnings`` names what the file holds that sarcref ignores."""

    def __init__(self, path: Path | None = None, environ: Mapping[str, str] | None = None) -> None:
        self.environ = os.environ if environ is None else environ
        self.path = path or config_path(self.environ)
        self._file: dict[str, str] | None = None
        self.warnings: list[str] = []

    def file_values(self) -> dict[str, str]:
        """What the settings file says (empty when there is none)."""
        if self._file is None:
            self._file = _read_file(self.path, self.warnings)
        return self._file

    def get(self, name: str) -> str | None:
        return self.lookup(name).value

    def lookup(self, name: str) -> Value:
        setting = SETTINGS[name]
        from_env = self.environ.get(setting.env)
        if from_env:
            return Value(name, from_env, f"environment ({setting.env})")
        in_file = self.file_values().get(name)
        if in_file is not None:
            return Value(name, in_file, f"file {self.path}")
        return Value(name, setting.default, "default")

    def checked(self, name: str) -> str | None:
        """The value of setting *name*, checked as ``config set`` checks it; UsageError naming
        where it came from. For values that go out unchanged (the e-mail in a header)."""
        found = self.lookup(name)
        if found.value is None:
            return None
        try:
            return SETTINGS[name].check(found.value)
        except UsageError as error:
            raise UsageError(f"the setting {name} ({found.source}): {error.message}") from None

    def all(self) -> list[Value]:
        return [self.lookup(name) for name in SETTINGS]


def _read_file(path: Path, warnings: list[str]) -> dict[str, str]:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return {}
    except IsADirectoryError:
        raise DataError(f"the settings file {path} is a directory") from None
    except OSError as error:
        raise DataError(f"cannot read the settings file {path}: {error.strerror}") from None
    parsed = _parse_toml(data, path)
    values: dict[str, str] = {}
    for name, value in parsed.items():
        if name not in SETTINGS:
            import difflib

            close = difflib.get_close_matches(name, list(SETTINGS), n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            warnings.append(f"{path}: unknown setting '{name}' is ignored{hint}")
            continue
        if not isinstance(value, str):
            raise DataError(
                f"{path}: setting '{name}' must be a string in quotes, not {value!r}",
                hint=f'write it as {name} = "..."',
            )
        values[name] = value
    return values


def _parse_toml(data: bytes, path: Path) -> dict[str, Any]:
    import sys

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]
    try:
        text = data.decode("utf-8")
        parsed: dict[str, Any] = tomllib.loads(text)
        return parsed
    except UnicodeDecodeError as error:
        at = data.count(b"\n", 0, error.start) + 1
        raise DataError(f"{path}:{at}: the settings file is not UTF-8") from None
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        line = getattr(error, "lineno", None) or _line_in(message)
        where = f"{path}:{line}" if line else str(path)
        raise DataError(
            f"{where}: the settings file is not valid TOML: {message}",
            hint='each setting is one line: name = "value"',
        ) from None


def _line_in(message: str) -> int | None:
    import re

    found = re.search(r"line (\d+)", message)
    return int(found.group(1)) if found else None


def check_value(name: str, value: str) -> str:
    """*value* checked for setting *name*; UsageError naming what is wrong."""
    setting = SETTINGS.get(name)
    if setting is None:
        import difflib

        close = difflib.get_close_matches(name, list(SETTINGS), n=1)
        raise UsageError(
            f"unknown setting '{name}'",
            hint=(f"did you mean {close[0]}? " if close else "")
            + "settings: "
            + ", ".join(SETTINGS),
        )
    return setting.check(value)


def set_value(name: str, value: str, path: Path | None = None) -> Path:
    """Write ``name = value`` into the settings file (atomically); returns the file."""
    value = check_value(name, value)
    settings = Settings(path)
    values = dict(settings.file_values())
    values[name] = value
    _write(settings.path, values)
    return settings.path


def unset_value(name: str, path: Path | None = None) -> tuple[Path, bool]:
    """Remove *name* from the settings file; (the file, whether it was there)."""
    if name not in SETTINGS:
        check_value(name, "")  # raises the unknown-setting error
    settings = Settings(path)
    values = dict(settings.file_values())
    present = values.pop(name, None) is not None
    if present:
        _write(settings.path, values)
    return settings.path, present


def _write(path: Path, values: dict[str, str]) -> None:
    from .files import write_atomic

    lines = ["# sarcref settings: `sarcref config` shows them, `sarcref config set` edits them.\n"]
    lines += [f"{name} = {_toml_string(value)}\n" for name, value in values.items()]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DataError(f"cannot create the folder {path.parent}: {error.strerror}") from None
    write_atomic(path, "".join(lines))


def _toml_string(value: str) -> str:
    escaped = []
    for char in value:
        if char in '"\\':
            escaped.append("\\" + char)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            escaped.append(f"\\u{ord(char):04x}")
        else:
            escaped.append(char)
    return '"' + "".join(escaped) + '"'
