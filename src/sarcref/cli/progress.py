"""A progress bar for long commands, and report lines on standard error.

The bar appears only on a terminal, and only once the command has run for a second:
short commands and piped output get nothing extra.
"""

from __future__ import annotations

import sys
import threading
from types import TracebackType
from typing import TYPE_CHECKING, Any

from . import output

if TYPE_CHECKING:
    from rich.progress import Progress


class DelayedProgress:
    """A ``(phase, done, total)`` callback that draws a rich bar after *delay* seconds."""

    def __init__(self, delay: float = 1.0) -> None:
        self.enabled = output.use_rich(sys.stderr)
        self.phase, self.done, self.total = "starting", 0, 0
        self.bar: Progress | None = None
        self.task: Any = None
        self.lock = threading.Lock()
        self.timer = threading.Timer(delay, self._show)
        self.timer.daemon = True

    def __enter__(self) -> DelayedProgress:
        if self.enabled:
            self.timer.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.timer.cancel()
        with self.lock:
            if self.bar is not None:
                self.bar.stop()
                self.bar = None
            self.enabled = False

    def __call__(self, phase: str, done: int, total: int) -> None:
        with self.lock:
            self.phase, self.done, self.total = phase, done, total
            if self.bar is not None:
                self.bar.update(self.task, description=phase, completed=done, total=total or None)

    def _show(self) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        with self.lock:
            if not self.enabled:
                return
            self.bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                console=output.console(stderr=True),
                transient=True,
            )
            self.task = self.bar.add_task(self.phase, completed=self.done, total=self.total or None)
            self.bar.start()


def report(text: str) -> None:
    """One line for the user on standard error, printed as it is (no markup)."""
    if output.use_rich(sys.stderr):
        from rich.markup import escape

        output.console(stderr=True).print(escape(text))
    else:
        sys.stderr.write(text + "\n")
