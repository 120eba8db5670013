"""Every command's arguments and options, declared once.

Both ways of running a command line read these declarations: ``parsing`` (which serves
every command line that names a command) and ``typer_app`` (which draws ``--help`` and
answers shell completion). Nothing here imports Typer or rich.

A handler is named as ``"module:function"`` under ``sarcref.cli.commands`` and imported
only when its command runs.
"""

from __future__ import annotations

from typing import Any, Literal, NamedTuple

Kind = Literal["text", "int", "flag", "choice", "multi"]
# Integer options are bounded: a value outside is a usage error, never an overflow.
INT_MAX = 1_000_000_000


# NamedTuples, not dataclasses: every command line reads this module, and a dataclass costs
# about a millisecond of start-up to define.


class Option(NamedTuple):
    """``--name VALUE`` (or a flag). ``dest`` is the name the handler reads."""

    dest: str
    flags: tuple[str, ...]
    help: str
    kind: Kind = "text"
    default: Any = None
    choices: tuple[str, ...] = ()
    metavar: str | None = None
    minimum: int | None = None
    maximum: int = INT_MAX
    # The setting that supplies the default when the option is not given (see settings).
    setting: str | None = None
    required: bool = False
    completion: str | None = None  # "keys" or "styles"

    @property
    def long(self) -> str:
        return next(f for f in self.flags if f.startswith("--"))


class Argument(NamedTuple):
    dest: str
    metavar: str
    help: str
    many: bool = False
    required: bool = True
    completion: str | None = None


class Command(NamedTuple):
    name: str
    summary: str
    handler: str
    arguments: tuple[Argument, ...] = ()
    options: tuple[Option, ...] = ()
    description: str = ""
    example: str = ""
    # Words starting with "-" that are not options of the command are arguments: search's
    # exclusions (`-surgery`), tag's removals (`-old`). Options are matched whole, never as
    # a short option with its value attached, so `-surgery` is never `-s urgery`.
    dash_words: bool = False
    subcommands: tuple[Command, ...] = ()

    def option(self, flag: str) -> Option | None:
        for option in self.options:
            if flag in option.flags:
                return option
        return None

    def subcommand(self, name: str) -> Command | None:
        return next((c for c in self.subcommands if c.name == name), None)


class GlobalOption(NamedTuple):
    dest: str
    flags: tuple[str, ...]
    help: str
    takes_value: bool = False
    metavar: str | None = None


GLOBAL_OPTIONS = (
    GlobalOption(
        "library",
        ("--library",),
        "Library file to use (default: $SARCREF_LIBRARY, the `library` setting, else the "
        "user data folder).",
        takes_value=True,
        metavar="PATH",
    ),
    GlobalOption("debug", ("--debug",), "Show Python tracebacks instead of short messages."),
    GlobalOption("no_pager", ("--no-pager",), "Never send long output through a pager."),
)

# -- shared pieces ----------------------------------------------------------------------

LIST_FORMATS = ("table", "keys", "json", "tsv")
CITE_FORMATS = ("text", "html", "markdown", "rtf")
CITE_MODES = ("bibliography", "citation")
LIST_SORTS = ("added", "key", "year", "-year", "author", "title")
SEARCH_SORTS = ("relevance", *LIST_SORTS)
# formats.exporters.EXPORTERS (a test keeps them equal).
EXPORT_FORMATS = ("bibtex", "biblatex", "csl-json", "ris")
# formats.reading.FORMATS (a test keeps them equal; this module imports nothing of the core).
IMPORT_FORMATS = (
    "auto",
    "bibtex",
    "csl-json",
    "ris",
    "medline",
    "pubmed-xml",
    "endnote-xml",
    "wos",
    "csv",
)
ON_DUPLICATE = ("skip", "update", "keep-both")
SHOW_FORMATS = ("pretty", "json", "csl-json", "bibtex", "ris")
STYLES_FORMATS = ("table", "ids", "json")

KEYS_HELP = "Keys ('@key', 'a,b' and 'a; b' accepted); '-' reads them from stdin."


def _keys(help_text: str, *, required: bool = False) -> Argument:
    return Argument("keys", "KEY...", help_text, many=True, required=required, completion="keys")


def _key(help_text: str = "The record's key.") -> Argument:
    return Argument("key", "KEY", help_text, completion="keys")


def _format(choices: tuple[str, ...], help_text: str, default: str | None = None) -> Option:
    return Option(
        "fmt", ("--format", "-f"), help_text, kind="choice", choices=choices, default=default
    )


def _cited_in() -> tuple[Option, Option]:
    return (
        Option(
            "cited_in",
            ("--cited-in",),
            "The records a manuscript cites (Markdown, Quarto, R Markdown, LaTeX, .aux, .bcf, "
            "Typst), in first-citation order; may be given more than once.",
            kind="multi",
            metavar="FILE",
            default=(),
        ),
        Option(
            "allow_missing",
            ("--allow-missing",),
            "With --cited-in: go on without the keys the library lacks (named on stderr).",
            kind="flag",
            default=False,
        ),
    )


def _output() -> Option:
    return Option(
        "output",
        ("--output", "-o"),
        "Write to FILE (atomically for a regular file), not standard output.",
        metavar="FILE",
    )


_LIST_FORMAT_HELP = "table (tab-separated when piped), keys (one a line), json or tsv (header)."

# -- the commands ---------------------------------------------------------------------------

SHOW = Command(
    "show",
    "Show records.",
    "show:run",
    arguments=(_keys("Keys of the records to show; '-' reads them from stdin."),),
    options=(
        *_cited_in(),
        _format(
            SHOW_FORMATS,
            "pretty: a readable summary; json: the stored record (CSL-JSON plus sarcref's "
            "fields); csl-json: plain CSL-JSON; bibtex; ris.",
            "pretty",
        ),
    ),
    example="sarcref show lerman2015local --format csl-json",
)

LIST = Command(
    "list",
    "List every record of the library.",
    "list_records:run",
    options=(
        Option(
            "sort",
            ("--sort", "-s"),
            "Order of the records.",
            kind="choice",
            choices=LIST_SORTS,
            default="added",
        ),
        _format(LIST_FORMATS, _LIST_FORMAT_HELP, "table"),
    ),
    example="sarcref list --sort -year --format keys",
)

SEARCH = Command(
    "search",
    "Search the library, best match first.",
    "search:run",
    arguments=(
        Argument(
            "query",
            "QUERY...",
            'Words (ANDed), "phrases", OR, -word or NOT word, word*, parentheses, and field '
            "filters: author: title: journal: keyword: abstract: tag: type: key: year:2015 "
            "year:2010..2015 year:..1999 year:2020..",
            many=True,
        ),
    ),
    options=(
        Option(
            "limit",
            ("--limit", "-n"),
            "Show at most N hits.",
            kind="int",
            metavar="N",
            minimum=1,
        ),
        Option(
            "sort",
            ("--sort", "-s"),
            "Order of the hits (default: best match first).",
            kind="choice",
            choices=SEARCH_SORTS,
            default="relevance",
        ),
        _format(LIST_FORMATS, _LIST_FORMAT_HELP, "table"),
    ),
    description='Exit code 1 and no output when nothing matches. Quote "phrases" and '
    "parentheses. A word starting with - that is not an option excludes that word; `--` "
    "ends the options.",
    example="sarcref search 'sarcoma \"local control\" -pediatric year:2010..' -f keys",
    dash_words=True,
)

CITE = Command(
    "cite",
    "Cite records in any CSL style.",
    "cite:run",
    arguments=(_keys("Keys to cite (default: all); '-' reads them from stdin."),),
    options=(
        Option(
            "style",
            ("--style", "-s"),
            "CSL style id, alias (apa, vancouver, ama, mla, chicago, harvard, ieee, nature) "
            "or path to a .csl file.",
            setting="style",
            completion="styles",
        ),
        Option(
            "mode",
            ("--mode", "-m"),
            "A bibliography, or one in-text citation cluster.",
            kind="choice",
            choices=CITE_MODES,
            default="bibliography",
        ),
        Option(
            "fmt",
            ("--format", "-f"),
            "Output format.",
            kind="choice",
            choices=CITE_FORMATS,
            setting="format",
        ),
        Option(
            "locale",
            ("--locale", "-l"),
            "Locale, e.g. en-GB (default: the style's).",
            setting="locale",
        ),
        Option(
            "input",
            ("--input", "-i"),
            "Cite records of a file, not of the library.",
            metavar="FILE",
        ),
        *_cited_in(),
        _output(),
    ),
    example="sarcref cite lerman2015local --style vancouver",
)

STYLES = Command(
    "styles",
    "List the CSL styles and their aliases.",
    "styles:run",
    arguments=(
        Argument(
            "query",
            "[QUERY]",
            "Words that the id, title or alias must hold.",
            required=False,
        ),
    ),
    options=(_format(STYLES_FORMATS, "table (tab-separated when piped), ids or json.", "table"),),
    example="sarcref styles lancet --format ids",
)

IMPORT = Command(
    "import",
    "Import references from files: all of them, or none.",
    "import_files:run",
    arguments=(Argument("files", "FILE...", "Files to import; '-' reads stdin.", many=True),),
    options=(
        _format(IMPORT_FORMATS, "Input format; auto looks at content and extension.", "auto"),
        Option(
            "on_duplicate",
            ("--on-duplicate",),
            "A record already in the library (same DOI, or same title, year and first "
            "author): skip it, update the library's record, or keep both.",
            kind="choice",
            choices=ON_DUPLICATE,
            default="skip",
        ),
        Option(
            "dry_run",
            ("--dry-run", "-n"),
            "Report what would happen; change nothing.",
            kind="flag",
            default=False,
        ),
        Option(
            "skip_invalid",
            ("--skip-invalid",),
            "Import the valid entries; list the malformed ones.",
            kind="flag",
            default=False,
        ),
        Option(
            "encoding",
            ("--encoding",),
            "The files' encoding (default: UTF-8, or UTF-16 with a BOM).",
            metavar="ENC",
        ),
        Option(
            "column_map",
            ("--map",),
            "CSV: which column holds which field, e.g. 'Title=title,Year=issued,DOI=DOI'.",
            metavar="COLUMN=FIELD,...",
        ),
    ),
    description="Reads BibTeX/BibLaTeX, RIS, CSL-JSON, MEDLINE/PubMed text and XML, EndNote "
    "XML, Web of Science and the CSV exports of Scopus, PubMed, Embase and Web of Science, "
    "told apart by their content. Duplicates are found against the library and within the "
    "import; each file's numbers (records, duplicates, added) are reported.",
    example="sarcref import pubmed.nbib scopus.csv --on-duplicate update",
)

EXPORT = Command(
    "export",
    "Export records as BibTeX, BibLaTeX, CSL-JSON or RIS.",
    "export:run",
    arguments=(_keys("Keys to export ('-' reads them from stdin); default: every record."),),
    options=(
        Option(
            "fmt",
            ("--format", "-f"),
            "Output format.",
            kind="choice",
            choices=EXPORT_FORMATS,
            required=True,
        ),
        Option(
            "query",
            ("--query", "-q"),
            "Export the records a search finds (the search query language).",
            metavar="QUERY",
        ),
        *_cited_in(),
        _output(),
        Option(
            "ascii",
            ("--ascii",),
            "BibTeX: write non-ASCII letters as LaTeX escapes.",
            kind="flag",
            default=False,
        ),
        Option(
            "watch",
            ("--watch",),
            "With --cited-in and --output: rewrite the file whenever the manuscript or the "
            "library changes, until Ctrl-C.",
            kind="flag",
            default=False,
        ),
    ),
    description="With --cited-in FILE --output OUT, the manuscript's bibliography file (with "
    "the crossref/xdata parents BibLaTeX needs) is rewritten only when its content changes.",
    example="sarcref export --format bibtex --output refs.bib",
)

EDIT = Command(
    "edit",
    "Change a record (or edit its JSON in $EDITOR).",
    "edit:run",
    description="Without --set, --unset or --from, the record opens as JSON in $VISUAL or "
    "$EDITOR; a change another command makes meanwhile is never overwritten (the edit is "
    "kept in a file named in the message).",
    arguments=(_key(),),
    options=(
        Option(
            "set_fields",
            ("--set", "-s"),
            'Set a CSL field. Names: "Family, Given and Family, Given"; dates: YYYY[-MM[-DD]].',
            kind="multi",
            metavar="FIELD=VALUE",
            default=(),
        ),
        Option(
            "unset",
            ("--unset", "-u"),
            "Remove a field.",
            kind="multi",
            metavar="FIELD",
            default=(),
        ),
        Option(
            "from_file",
            ("--from",),
            "Replace the record with the JSON in FILE (e.g. an edit kept after a conflict).",
            metavar="FILE",
        ),
    ),
    example='sarcref edit lerman2015local --set issued=2015-01 --set "author=Lerman, D. M."',
)

TAG = Command(
    "tag",
    "Add and remove tags; without changes, print them.",
    "tag:run",
    arguments=(
        _key(),
        Argument(
            "changes",
            "[+TAG|-TAG]...",
            "+TAG adds a tag, -TAG removes one; none: print the tags.",
            many=True,
            required=False,
        ),
    ),
    example="sarcref tag lerman2015local +sarcoma +review -unread",
    dash_words=True,
)

RM = Command(
    "rm",
    "Remove records (all or none).",
    "rm:run",
    arguments=(_keys("Keys to remove; '-' reads them from stdin.", required=True),),
    options=(
        Option(
            "yes",
            ("--yes", "-y"),
            "Do not ask for confirmation.",
            kind="flag",
            default=False,
        ),
    ),
    description="Asks first on a terminal; without a terminal it needs --yes.",
    example="sarcref rm lerman2015local --yes",
)

RENAME = Command(
    "rename",
    "Change a record's key.",
    "rename:run",
    arguments=(_key("The record's key now."), Argument("new", "NEW", "Its new key.")),
    description="Tags and history stay with the record; prints OLD -> NEW.",
    example="sarcref rename lerman2015local lerman2015",
)

CONFIG = Command(
    "config",
    "Show the settings and where each comes from.",
    "config:show",
    options=(_format(("table", "json"), "table (tab-separated when piped) or json.", "table"),),
    description="Settings live in config.toml in the user config folder ($SARCREF_CONFIG "
    "points elsewhere). Command-line options win over environment variables, which win "
    "over the file.",
    example="sarcref config set style vancouver",
    subcommands=(
        Command(
            "set",
            "Set a setting in the settings file.",
            "config:set_value",
            arguments=(
                Argument("name", "NAME", "style, locale, format, key-format, library or email."),
                Argument("value", "VALUE", "Its value."),
            ),
            example="sarcref config set style vancouver",
        ),
        Command(
            "unset",
            "Remove a setting from the settings file.",
            "config:unset_value",
            arguments=(Argument("name", "NAME", "The setting to remove."),),
            example="sarcref config unset style",
        ),
    ),
)

KEYS = Command(
    "keys",
    "Print the keys a manuscript cites, in order.",
    "keys:run",
    arguments=(
        Argument(
            "files",
            "FILE...",
            "Markdown/Quarto/R Markdown (.md .qmd .Rmd), LaTeX (.tex, following \\input), "
            ".aux, .bcf or Typst (.typ) files.",
            many=True,
        ),
    ),
    options=(
        _format(
            ("keys", "json"),
            "keys (one a line) or json (key, file, line, column, in_library).",
            "keys",
        ),
        Option(
            "via_pandoc",
            ("--via-pandoc",),
            "Ask pandoc for the citations of a Markdown document (its reading is the reference).",
            kind="flag",
            default=False,
        ),
    ),
    example="sarcref keys paper.md | sarcref cite - --style vancouver",
)

ADD = Command(
    "add",
    "Add records by DOI, PMID, PMCID, arXiv id or ISBN.",
    "add:run",
    arguments=(
        Argument(
            "identifiers",
            "ID...",
            "10.1097/..., doi:10..., https://doi.org/..., pmid:25490690, pmcid:PMC1234567, "
            "arxiv:2101.00001, 2101.00001v2, an ISBN; '-' reads them from stdin, one a line.",
            many=True,
        ),
    ),
    options=(
        Option(
            "dry_run",
            ("--dry-run", "-n"),
            "Fetch and report; change nothing.",
            kind="flag",
            default=False,
        ),
        Option(
            "on_duplicate",
            ("--on-duplicate",),
            "A work already in the library: skip it, update the library's record, or keep both.",
            kind="choice",
            choices=ON_DUPLICATE,
            default="skip",
        ),
        _format(
            ("text", "keys", "json"), "text (added KEY), keys (the key alone) or json.", "text"
        ),
        Option(
            "refresh",
            ("--refresh",),
            "Ask the services even when the cache (30 days) has the answer.",
            kind="flag",
            default=False,
        ),
    ),
    description="Answers are cached, so adding again works offline. Exit 75 when a service "
    "cannot be reached (nothing is written); 1 when a service does not know an identifier "
    "(the others are added).",
    example="sarcref add 10.1097/MOP.0000000000000172 pmid:25490690",
)

UPDATE = Command(
    "update",
    "Fetch records again; show or apply the changes.",
    "update:run",
    description="Shows what a fresh fetch by the record's DOI, PMID, arXiv id or ISBN would "
    "change, field by field; --apply writes it in one transaction.",
    arguments=(_keys("Keys of the records to refresh; '-' reads them from stdin.", required=True),),
    options=(
        Option(
            "apply",
            ("--apply",),
            "Write the changes (one transaction).",
            kind="flag",
            default=False,
        ),
        Option(
            "force",
            ("--force",),
            "Take the service's value even for fields edited by hand.",
            kind="flag",
            default=False,
        ),
        _format(("text", "json"), "text (the changes field by field) or json.", "text"),
    ),
    example="sarcref update lerman2015local --apply",
)

CHECK = Command(
    "check",
    "Check records for gaps, bad DOIs and retractions.",
    "check:run",
    arguments=(_keys("Keys to check (default: all); '-' reads them from stdin."),),
    options=(
        Option(
            "style",
            ("--style", "-s"),
            "The style whose printed variables the records must have.",
            setting="style",
            completion="styles",
        ),
        Option(
            "online",
            ("--online",),
            "Also ask Crossref about retractions, corrections and expressions of concern.",
            kind="flag",
            default=False,
        ),
        *_cited_in(),
        _format(("table", "json"), "table (tab-separated when piped) or json.", "table"),
    ),
    description="Reports what the style prints but the records lack (author, title, year, "
    "journal, volume or pages), malformed DOIs, raw LaTeX and duplicates; with --online, "
    "retractions, corrections and expressions of concern (Crossref, with Retraction Watch's "
    "data). Exit 0 when nothing is reported, 1 when anything is (a CI job can gate a "
    "manuscript on it), 75 when Crossref cannot be reached.",
    example="sarcref check --style vancouver --online",
)

DUPLICATES = Command(
    "duplicates",
    "List the groups of records that are one work.",
    "duplicates:run",
    options=(
        _format(
            ("table", "json", "tsv"),
            "table (tab-separated when piped: group, key, reason, year, authors, title), "
            "json or tsv (with a header).",
            "table",
        ),
    ),
    description="A record is a duplicate of another when they share a DOI, PMID or PMCID, "
    "or their normalised titles match and their years (+-1) and first authors or journals "
    "agree. Exit 1 when there are none. `sarcref merge` merges a group.",
    example="sarcref duplicates --format tsv",
)

MERGE = Command(
    "merge",
    "Merge duplicates; merged keys stay as aliases.",
    "merge:run",
    arguments=(
        _key("The record to keep."),
        Argument(
            "others",
            "OTHER...",
            "Records to merge into it ('-' reads keys from stdin).",
            many=True,
            completion="keys",
        ),
    ),
    description="One transaction. Fields combine: the kept record's, then the others' where "
    "it has none; every identifier (DOI, PMID, PMCID, ISBN...) of both; the longer "
    "abstract; the fuller author names; tags and sources of both. `cite OTHER` still works "
    "and says which key it is now.",
    example="sarcref merge lerman2015local lerman2015",
)

COMMANDS: tuple[Command, ...] = (
    SHOW,
    LIST,
    SEARCH,
    CITE,
    STYLES,
    IMPORT,
    EXPORT,
    EDIT,
    TAG,
    RM,
    RENAME,
    KEYS,
    ADD,
    UPDATE,
    CHECK,
    DUPLICATES,
    MERGE,
    CONFIG,
)


# -- history, undo, restore, sync (issue 17) ----------------------------------------------

HISTORY = Command(
    "history",
    "List the changes to the library, newest first.",
    "history:run",
    arguments=(
        Argument(
            "key",
            "[KEY]",
            "Only the changes that touched this record (under this key before or after).",
            required=False,
            completion="keys",
        ),
    ),
    options=(
        Option(
            "limit",
            ("--limit", "-n"),
            "Show at most N changes.",
            kind="int",
            metavar="N",
            minimum=1,
            default=20,
        ),
        _format(("table", "json"), "table (plain lines when piped) or json.", "table"),
        Option(
            "prune",
            ("--prune",),
            "Drop the changes older than BEFORE: a date (2024-01-31) or days (90d). Changes "
            "a sync has not sent yet are kept.",
            metavar="BEFORE",
        ),
    ),
    description="Every command that changes records leaves one numbered change: the command "
    "line, the time, and each record's state before and after, shown field by field for an "
    "edit. `sarcref undo N` reverts one; `sarcref restore KEY` brings back a removed record.",
    example="sarcref history lerman2015local --limit 5",
)

UNDO = Command(
    "undo",
    "Revert the last change (or change N).",
    "undo:run",
    arguments=(
        Argument(
            "change",
            "[CHANGE]",
            "The number of the change to revert (default: the last one).",
            required=False,
        ),
    ),
    options=(
        Option(
            "force",
            ("--force",),
            "Revert even when later changes touched the same records (they are overwritten).",
            kind="flag",
            default=False,
        ),
    ),
    description="CHANGE is a number `sarcref history` shows. Records go back as they were "
    "before the change: fields, tags, key and times. The undo is itself a change, so it can be "
    "undone. Refused, naming the records, when a later change touched them, unless --force.",
    example="sarcref undo 12",
)

RESTORE = Command(
    "restore",
    "Bring back a removed record, with its tags.",
    "restore:run",
    arguments=(_key("The key the record had when it was removed."),),
    description="Exit 2 when the key is taken now; exit 1 when the journal holds no removed "
    "record under it (never removed, or its change pruned).",
    example="sarcref restore lerman2015local",
)

SYNC = Command(
    "sync",
    "Share the library through a git repository.",
    "sync:run",
    options=(_format(("text", "json"), "text (a line per note) or json.", "text"),),
    description="Sends this library's changes since the last sync as one commit listing the "
    "commands, and takes the others'. Merged per record and field "
    "against the last sync: edits to different fields both land; a field changed on both "
    "sides keeps this library's value and is a conflict (exit 1 until `sync resolve`). "
    "Exit 75 when the remote cannot be reached: nothing is lost, the next sync catches up. "
    "Needs git 2.30 or newer.",
    example="sarcref sync",
    subcommands=(
        Command(
            "init",
            "Connect the library to a git repository.",
            "sync:init",
            arguments=(Argument("remote", "REMOTE", "The repository: a URL or a path."),),
            options=(
                Option(
                    "branch",
                    ("--branch", "-b"),
                    "The branch that holds the shared library.",
                    default="main",
                ),
            ),
            description="REMOTE: a URL or a path to a bare repository. An empty repository "
            "gets the library on the first `sarcref sync`; "
            "one another library shares is merged with this one, removing nothing. sarcref "
            "works in its own clone in the user data folder; credentials are git's own.",
            example="sarcref sync init git@example.org:lab/references.git",
        ),
        Command(
            "resolve",
            "Settle a record's sync conflicts.",
            "sync:resolve",
            arguments=(_key("The record in conflict."),),
            options=(
                Option(
                    "take",
                    ("--take",),
                    "mine (keep this library's values), theirs (take the other side's), or "
                    "FIELD=VALUE for one field (repeatable).",
                    kind="multi",
                    metavar="mine|theirs|FIELD=VALUE",
                    default=(),
                    required=True,
                ),
            ),
            example="sarcref sync resolve doe2020 --take theirs",
        ),
        Command(
            "status",
            "Show the remote, unsent changes and conflicts.",
            "sync:show_status",
            options=(_format(("text", "json"), "text or json.", "text"),),
            example="sarcref sync status",
        ),
    ),
)

COMMANDS = (*COMMANDS, HISTORY, UNDO, RESTORE, SYNC)


def command(name: str) -> Command | None:
    return next((c for c in COMMANDS if c.name == name), None)
