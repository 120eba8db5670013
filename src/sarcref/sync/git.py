"""The ``git`` executable, as sync uses it: sarcref never reimplements git's transport.

sarcref works in a bare clone of its own (no work tree: commits are written with ``git
fast-import``, files read with ``git cat-file --batch``), so a killed git leaves nothing a
later sync has to clean but stale ``*.lock`` files, which ``clear_stale_locks`` removes
while the sync lock is held. Credentials are git's own (ssh agent, credential helper):
sarcref passes none and reads none.

Transport failures (no network, a host that does not answer, a missing mount) are
``TemporaryFailure`` (exit 75): nothing was lost, the next sync catches up.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataError, TemporaryFailure, UsageError

MINIMUM_VERSION = (2, 30)
ZERO = "0" * 40

# Up to this many paths are looked up by naming them to ``git ls-tree`` (which matches each
# file against each name); more, through one listing of the whole folder.
_PATHSPECS = 200
_NO_BRANCH = re.compile(r"couldn't find remote ref", re.IGNORECASE)
_REJECTED = re.compile(r"\[rejected\]|non-fast-forward|fetch first|stale info", re.IGNORECASE)


class GitFailed(DataError):
    """A local git command failed: the clone is damaged, or git misbehaves (exit 3)."""


def find_git() -> str:
    """The git executable; UsageError when there is none or it is older than 2.30."""
    found = shutil.which("git")
    if found is not None and found in _CHECKED:
        return found
    if found is None:
        raise UsageError(
            "sync needs git 2.30 or newer, and git was not found",
            hint="install git (https://git-scm.com); the rest of sarcref works without it",
        )
    done = subprocess.run(
        [found, "--version"], capture_output=True, text=True, env=_environment(), check=False
    )
    match = re.search(r"(\d+)\.(\d+)", done.stdout)
    version = (int(match.group(1)), int(match.group(2))) if match else (0, 0)
    if version < MINIMUM_VERSION:
        shown = done.stdout.strip() or "an unknown version"
        raise UsageError(
            f"sync needs git 2.30 or newer; this is {shown}",
            hint="upgrade git; the rest of sarcref works without it",
        )
    _CHECKED.add(found)
    return found


# Executables whose version was checked in this process.
_CHECKED: set[str] = set()


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env["LC_ALL"] = "C"  # messages to recognise, in English
    env["LANGUAGE"] = "C"
    env.pop("GIT_DIR", None)  # a variable meant for the user's own repository
    env.pop("GIT_WORK_TREE", None)
    env.pop("GIT_INDEX_FILE", None)
    if not (sys.stdin is not None and sys.stdin.isatty()):
        # No one to answer a password prompt: fail (and say so) instead of waiting.
        env["GIT_TERMINAL_PROMPT"] = "0"
    return env


@dataclass
class Entry:
    """One file of a commit's tree: its path and blob id."""

    path: str
    blob: str


class Git:
    """git commands run in one bare repository (sarcref's clone)."""

    def __init__(self, directory: Path, *, keep_fds: Sequence[int] = ()) -> None:
        self.directory = directory
        self.executable = find_git()
        # The sync lock's descriptor: a git that outlives a killed sarcref still holds it.
        self.keep_fds = tuple(keep_fds) if os.name == "posix" else ()
        self.env = _environment()

    def run(
        self, *args: str, input: bytes | None = None, check: bool = True
    ) -> subprocess.CompletedProcess[bytes]:
        command = [
            self.executable,
            "--git-dir",
            str(self.directory),
            # The user's hooks and background maintenance are for their own repositories.
            "-c",
            f"core.hooksPath={self.directory / 'no-hooks'}",
            "-c",
            "gc.autoDetach=false",
            *args,
        ]
        done = subprocess.run(
            command,
            input=input,
            capture_output=True,
            env=self.env,
            pass_fds=self.keep_fds,
            check=False,
        )
        if check and done.returncode != 0:
            raise GitFailed(
                f"git {next(a for a in args if not a.startswith('-'))} failed in sarcref's "
                f"clone {self.directory}: {_message(done)}",
                hint="sync again; if it fails again, remove that folder (sarcref makes it anew)",
            )
        return done

    def text(self, *args: str) -> str:
        return self.run(*args).stdout.decode("utf-8", "replace").strip()

    # -- setting up ---------------------------------------------------------------------

    def init(self, remote: str) -> None:
        """Make the bare clone if it is not there, its ``origin`` *remote* (for people who
        look into it: sarcref itself fetches from and pushes to the address it keeps)."""
        if (self.directory / "HEAD").exists():
            if self.run("config", "--get", "remote.origin.url", check=False).stdout.strip() == (
                remote.encode("utf-8", "surrogateescape")
            ):
                return
        else:
            self.directory.mkdir(parents=True, exist_ok=True)
            done = subprocess.run(
                [self.executable, "init", "--bare", "--quiet", str(self.directory)],
                capture_output=True,
                env=self.env,
                check=False,
            )
            if done.returncode != 0:
                raise GitFailed(f"cannot make sarcref's clone {self.directory}: {_message(done)}")
        self.run("config", "remote.origin.url", remote)

    def clear_stale_locks(self) -> None:
        """Remove ``*.lock`` files a killed git left (call only while holding the sync lock,
        which every git sarcref started holds too: no live git of ours owns them)."""
        for path in [self.directory / "packed-refs.lock", self.directory / "config.lock"]:
            path.unlink(missing_ok=True)
        refs = self.directory / "refs"
        if refs.is_dir():
            for path in refs.rglob("*.lock"):
                path.unlink(missing_ok=True)

    # -- the network --------------------------------------------------------------------

    def fetch(self, branch: str, remote: str) -> str | None:
        """Fetch *branch* of origin; its commit, or None when the remote has no such branch
        (an empty repository). TemporaryFailure when the remote cannot be reached."""
        tracking = f"refs/remotes/origin/{branch}"
        done = self.run(
            "fetch",
            "--quiet",
            "--no-tags",
            "--no-write-fetch-head",
            remote,
            f"+refs/heads/{branch}:{tracking}",
            check=False,
        )
        if done.returncode != 0:
            message = _message(done)
            if _NO_BRANCH.search(message):
                return None
            raise _unreachable(remote, message)
        return self.text("rev-parse", "--verify", "--quiet", f"{tracking}^{{commit}}")

    def push(self, commit: str, branch: str, remote: str) -> bool:
        """Push *commit* as *branch*; False when the remote moved meanwhile (fetch and
        merge again). TemporaryFailure when the remote cannot be reached; DataError when it
        refuses the push for another reason (a protected branch, a hook)."""
        done = self.run("push", "--porcelain", remote, f"{commit}:refs/heads/{branch}", check=False)
        if done.returncode == 0:
            return True
        message = _message(done)
        if _REJECTED.search(message):
            return False
        if "remote rejected" in message:
            raise DataError(
                f"{remote} refused the push: {message}",
                hint="the branch may be protected; sync to a branch you may push to",
            )
        raise _unreachable(remote, message)

    # -- reading ------------------------------------------------------------------------

    def has_commit(self, commit: str) -> bool:
        return self.run("cat-file", "-e", f"{commit}^{{commit}}", check=False).returncode == 0

    def tree(self, commit: str, folder: str) -> list[Entry]:
        """Every file under *folder* in *commit*."""
        out = self.run("ls-tree", "-r", "-z", "--full-tree", commit, "--", folder).stdout
        entries = []
        for item in out.split(b"\0"):
            if not item:
                continue
            head, _, path = item.partition(b"\t")
            entries.append(Entry(path.decode("utf-8", "surrogateescape"), head.split()[2].decode()))
        return entries

    def blobs(self, commit: str, folder: str, paths: Sequence[str]) -> dict[str, str]:
        """{path: blob id} of those of *paths* (under *folder*) that *commit* holds."""
        if len(paths) > _PATHSPECS:
            wanted = set(paths)
            return {e.path: e.blob for e in self.tree(commit, folder) if e.path in wanted}
        if not paths:
            return {}
        out = self.run(
            "--literal-pathspecs", "ls-tree", "-r", "-z", "--full-tree", commit, "--", *paths
        ).stdout
        found = {}
        for item in out.split(b"\0"):
            if item:
                head, _, path = item.partition(b"\t")
                found[path.decode("utf-8", "surrogateescape")] = head.split()[2].decode()
        return found

    def changed(self, old: str, new: str, folder: str) -> list[str]:
        """The paths under *folder* that differ between two commits."""
        out = self.run(
            "diff-tree", "-r", "-z", "--no-renames", "--name-only", old, new, "--", folder
        ).stdout
        return [p.decode("utf-8", "surrogateescape") for p in out.split(b"\0") if p]

    def read(self, names: Iterable[str]) -> list[bytes | None]:
        """The content of each object name (``commit:path`` or a blob id), None for those
        that do not exist; one ``git cat-file --batch`` for all."""
        wanted = list(names)
        if not wanted:
            return []
        request = "".join(f"{name}\n" for name in wanted).encode("utf-8", "surrogateescape")
        out = self.run("cat-file", "--batch", input=request).stdout
        found: list[bytes | None] = []
        position = 0
        for _ in wanted:
            end = out.index(b"\n", position)
            header = out[position:end].split()
            position = end + 1
            if len(header) < 3 or header[-1] == b"missing" or header[1] == b"missing":
                found.append(None)
                continue
            length = int(header[2])
            found.append(out[position : position + length])
            position += length + 1
        return found

    # -- writing ------------------------------------------------------------------------

    def commit(
        self,
        ref: str,
        parent: str | None,
        message: str,
        files: dict[str, bytes | None],
        identity: tuple[str, str],
    ) -> str:
        """A commit on *parent* (None: a first commit) with *files* written (bytes) or
        removed (None), made with one ``git fast-import``; its id. Only objects are
        written and *ref* moved: a kill leaves at worst an unused temporary pack."""
        import time

        name, email = identity
        stamp = f"{int(time.time())} +0000"
        text = message.encode("utf-8")
        stream = [
            f"reset {ref}\n".encode(),
            f"commit {ref}\n".encode(),
            f"author {name} <{email}> {stamp}\n".encode(),
            f"committer {name} <{email}> {stamp}\n".encode(),
            f"data {len(text)}\n".encode() + text + b"\n",
        ]
        if parent is not None:
            stream.append(f"from {parent}\n".encode())
        for path in sorted(files):
            data = files[path]
            quoted = _quote(path)
            if data is None:
                stream.append(f"D {quoted}\n".encode())
            else:
                stream.append(f"M 100644 inline {quoted}\n".encode())
                stream.append(f"data {len(data)}\n".encode() + data + b"\n")
        stream.append(b"done\n")
        self.run("fast-import", "--quiet", "--force", "--done", input=b"".join(stream))
        return self.text("rev-parse", "--verify", f"{ref}^{{commit}}")

    def tree_id(self, commit: str) -> str:
        return self.text("rev-parse", "--verify", f"{commit}^{{tree}}")

    def identity(self) -> tuple[str, str]:
        """The author of sync commits: the user's git identity, else user@host."""
        found = dict.fromkeys(("user.name", "user.email"), "")
        out = self.run("config", "--get-regexp", r"^user\.(name|email)$", check=False).stdout
        for line in out.decode("utf-8", "replace").splitlines():
            name, _, value = line.partition(" ")
            found[name.lower()] = value.strip()
        name, email = _plain(found["user.name"]), _plain(found["user.email"])
        if not name or not email:
            import getpass
            import socket

            user = _plain(getpass.getuser()) or "sarcref"
            name = name or user
            email = email or f"{user}@{_plain(socket.gethostname()) or 'localhost'}"
        return name, email


def _plain(text: str) -> str:
    """Text safe inside a commit's author line."""
    return re.sub(r"[<>\n\r\0]", "", text).strip()


def _quote(path: str) -> str:
    # Record paths are ASCII without spaces (see files.file_name); quoted all the same.
    if re.fullmatch(r"[A-Za-z0-9%._/\-]+", path):
        return path
    return '"' + path.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _message(done: subprocess.CompletedProcess[bytes]) -> str:
    text = (done.stderr or b"").decode("utf-8", "replace") + (done.stdout or b"").decode(
        "utf-8", "replace"
    )
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return "; ".join(lines[-4:]) or f"exit status {done.returncode}"


def _unreachable(remote: str, message: str) -> TemporaryFailure:
    return TemporaryFailure(
        f"cannot reach {remote}: {message}",
        hint="nothing was lost: your changes stay in the library and the next "
        "`sarcref sync` sends them",
    )
