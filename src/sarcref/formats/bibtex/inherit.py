"""biblatex's data inheritance: ``xdata`` and ``crossref``, before entries are mapped.

``xdata`` is used up (the fields it names become the entry's own, and the field goes);
``crossref`` follows the default inheritance table of the biblatex manual (appendix
"Default Inheritance Setup"): every field a child lacks comes from its parent, except the
fields that never pass (``ids``, ``crossref``, ``related``...), and for the type pairs the
table names, titles change role (an ``@mvbook``'s ``title`` is a ``@book``'s
``maintitle``, a ``@book``'s ``title`` an ``@inbook``'s ``booktitle``, its ``author``
also the ``bookauthor``); ``shorttitle`` and the sorting and index titles do not pass
there. ``xdata`` copies the fields of ``@xdata`` entries as they are. ``xref`` inherits
nothing.

Two rules go beyond the table, both so that one field never joins another it was not
written for: a subtitle, title addon or short title is not inherited by an entry with a
title of its own, and fields that make one CSL variable together pass together or not at
all (an entry with any date field, ``date``, ``year``, ``month`` or ``day``, inherits
none of its parent's; one with an ``organization`` no ``publisher``; one with a
``number`` no ``issue``). Without the second, exporting a child and importing it again
would inherit twice what the export had already merged.

Chains of any length are walked without recursion; a cycle stops where it closes.
"""

from __future__ import annotations

import re

from .parse import BibEntry

# Fields that never pass from parent to child (first row of the table); sarcref adds
# xdata, which it has already used.
NOT_INHERITED = frozenset(
    """ids crossref xref xdata entryset entrysubtype execute label options presort related
    relatedoptions relatedstring relatedtype shorthand shorthandintro sortkey""".split()
)

# biber resolves these aliases before inheriting (biblatex manual, appendix "bibtex"
# source mappings): a child with ``journal`` has a ``journaltitle``.
FIELD_ALIASES = {
    "address": "location",
    "school": "institution",
    "annote": "annotation",
    "archiveprefix": "eprinttype",
    "journal": "journaltitle",
    "primaryclass": "eprintclass",
    "key": "sortkey",
    "pdf": "file",
    "hyphenation": "langid",
}
TYPE_ALIASES = {
    "conference": "inproceedings",
    "electronic": "online",
    "www": "online",
    "mastersthesis": "thesis",
    "phdthesis": "thesis",
    "techreport": "report",
}

_DROPPED = dict.fromkeys(("shorttitle", "sorttitle", "indextitle", "indexsorttitle"), "")
_AS_MAIN = {"title": "maintitle", "subtitle": "mainsubtitle", "titleaddon": "maintitleaddon"}
_AS_BOOK = {"title": "booktitle", "subtitle": "booksubtitle", "titleaddon": "booktitleaddon"}
_AS_JOURNAL = {"title": "journaltitle", "subtitle": "journalsubtitle"}

# (parent types, child types, field -> child fields ("" for none)): the table's rows.
_RULES: list[tuple[frozenset[str], frozenset[str], dict[str, tuple[str, ...]]]] = [
    (
        frozenset({"mvbook", "book"}),
        frozenset({"inbook", "bookinbook", "suppbook"}),
        {"author": ("author", "bookauthor")},
    ),
    (
        frozenset({"mvbook"}),
        frozenset({"book", "inbook", "bookinbook", "suppbook"}),
        {k: (v,) for k, v in {**_AS_MAIN, **_DROPPED}.items()},
    ),
    (
        frozenset({"mvcollection", "mvreference"}),
        frozenset({"collection", "reference", "incollection", "inreference", "suppcollection"}),
        {k: (v,) for k, v in {**_AS_MAIN, **_DROPPED}.items()},
    ),
    (
        frozenset({"mvproceedings"}),
        frozenset({"proceedings", "inproceedings"}),
        {k: (v,) for k, v in {**_AS_MAIN, **_DROPPED}.items()},
    ),
    (
        frozenset({"book"}),
        frozenset({"inbook", "bookinbook", "suppbook"}),
        {k: (v,) for k, v in {**_AS_BOOK, **_DROPPED}.items()},
    ),
    (
        frozenset({"collection", "reference"}),
        frozenset({"incollection", "inreference", "suppcollection"}),
        {k: (v,) for k, v in {**_AS_BOOK, **_DROPPED}.items()},
    ),
    (
        frozenset({"proceedings"}),
        frozenset({"inproceedings"}),
        {k: (v,) for k, v in {**_AS_BOOK, **_DROPPED}.items()},
    ),
    (
        frozenset({"periodical"}),
        frozenset({"article", "suppperiodical"}),
        {k: (v,) for k, v in {**_AS_JOURNAL, **_DROPPED}.items()},
    ),
]

# A subtitle belongs to its title: field -> the title it completes.
_COMPLETES = {
    "subtitle": "title",
    "shorttitle": "title",
    "titleaddon": "title",
    "booksubtitle": "booktitle",
    "booktitleaddon": "booktitle",
    "mainsubtitle": "maintitle",
    "maintitleaddon": "maintitle",
    "journalsubtitle": "journaltitle",
    "journaltitleaddon": "journaltitle",
    "issuesubtitle": "issuetitle",
    "issuetitleaddon": "issuetitle",
}
# Fields that make one CSL variable together (canonical names): they pass together.
_TOGETHER = [
    frozenset({"date", "year", "month", "day"}),
    frozenset({"institution", "organization", "publisher", "howpublished"}),
    frozenset({"note", "addendum"}),
    frozenset({"volume", "part"}),
    frozenset({"number", "issue"}),
    frozenset({"langid", "langidopts"}),
    frozenset({"eprint", "eprinttype", "eprintclass"}),
    frozenset({"shortjournal", "journalabbreviation"}),
    frozenset({"journaltitle", "booktitle"}),  # a paper's container is one or the other
    frozenset({"editor", "editortype"}),
    frozenset({"editora", "editoratype"}),
    frozenset({"editorb", "editorbtype"}),
    frozenset({"editorc", "editorctype"}),
]
_KEY_LIST = re.compile(r"[\s,]+")


def key_list(value: str) -> list[str]:
    """The keys of a separated list field (``xdata``, ``related``, ``entryset``)."""
    return [k for k in _KEY_LIST.split(value.strip()) if k]


def target_fields(parent_type: str, child_type: str, name: str) -> tuple[str, ...]:
    """The child fields a parent's field *name* fills (none if it does not pass)."""
    if name in NOT_INHERITED:
        return ()
    parent = TYPE_ALIASES.get(parent_type, parent_type)
    child = TYPE_ALIASES.get(child_type, child_type)
    targets: list[str] = []
    matched = False
    for parents, children, fields in _RULES:
        if parent in parents and child in children and name in fields:
            matched = True
            targets += [t for t in fields[name] if t and t not in targets]
    return tuple(targets) if matched else (name,)


def _canonical(name: str) -> str:
    return FIELD_ALIASES.get(name, name)


def _take(child: BibEntry, parent: BibEntry, *, by_type: bool) -> None:
    """Fill in the fields *child* lacks from *parent* (no field is overwritten)."""
    own = {_canonical(n) for n in child.fields}
    titled = frozenset(own)  # the titles the child had before it inherited any
    closed = frozenset().union(*(group for group in _TOGETHER if not own.isdisjoint(group)))
    for name, value in parent.fields.items():
        names = target_fields(parent.entry_type, child.entry_type, name) if by_type else (name,)
        for target in names:
            canonical = _canonical(target)
            if canonical in own or canonical in closed:
                continue
            title = _COMPLETES.get(canonical)
            if title is not None and (title in titled or title in closed):
                continue  # a subtitle without its title
            child.fields[target] = value
            own.add(canonical)


def _resolve(entries: list[BibEntry], parents_of: dict[int, list[BibEntry]], by_type: bool) -> None:
    """Let every entry inherit from its parents, parents first, without recursion."""
    done: set[int] = set()
    for entry in entries:
        if id(entry) in done:
            continue
        # Walk up: a stack of entries whose parents must be done before them.
        stack: list[tuple[BibEntry, int]] = [(entry, 0)]
        on_stack = {id(entry)}
        while stack:
            current, index = stack[-1]
            parents = parents_of.get(id(current), [])
            if index < len(parents):
                stack[-1] = (current, index + 1)
                parent = parents[index]
                if id(parent) not in done and id(parent) not in on_stack:
                    stack.append((parent, 0))
                    on_stack.add(id(parent))
                continue
            stack.pop()
            on_stack.discard(id(current))
            for parent in parents:
                if id(parent) in done and parent is not current:
                    _take(current, parent, by_type=by_type)
            done.add(id(current))


def inherit(entries: list[BibEntry]) -> None:
    """Resolve ``xdata`` and then ``crossref`` in place, over the entries of one file."""
    by_key: dict[str, BibEntry] = {}
    for entry in entries:
        by_key.setdefault(entry.key.casefold(), entry)
    xdata: dict[int, list[BibEntry]] = {}
    crossref: dict[int, list[BibEntry]] = {}
    for entry in entries:
        keys = entry.fields.get("xdata")
        if keys:
            found = [by_key.get(k.casefold()) for k in key_list(keys)]
            xdata[id(entry)] = [p for p in found if p is not None and p.entry_type == "xdata"]
        target = entry.fields.get("crossref")
        parent = by_key.get(target.strip().casefold()) if target else None
        if parent is not None:
            crossref[id(entry)] = [parent]
    if xdata:
        _resolve(entries, xdata, by_type=False)
        for entry in entries:
            # Its data is the entry's own now; an @xdata entry is no record to point to.
            keys = entry.fields.get("xdata")
            if keys and len(xdata.get(id(entry), [])) == len(key_list(keys)):
                del entry.fields["xdata"]
    if crossref:
        _resolve(entries, crossref, by_type=True)
