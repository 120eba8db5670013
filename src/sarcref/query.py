"""The search query language: text -> tokens -> a syntax tree -> SQL for SQLite FTS5.

Grammar (``OR`` binds tighter than the implicit ``AND``, so ``sarcoma bone OR soft``
means sarcoma AND (bone OR soft); ``-`` and ``NOT`` bind tightest)::

    query    := and_expr
    and_expr := or_expr ( ["AND"] or_expr )*
    or_expr  := unary ( "OR" unary )*
    unary    := ("-" | "NOT") unary | primary
    primary  := "(" and_expr ")" | FIELD ":" ( "(" and_expr ")" | term ) | term
    term     := WORD ["*"] | '"' PHRASE '"' ["*"]

Fields: ``author title journal keyword abstract`` search those parts of the text;
``tag type key`` match a whole value (``*`` at the end: a prefix), ``year`` takes ``2015``,
``2010..2015``, ``..1999`` or ``2020..``. A field before a parenthesis applies to every
value inside it. ``OR``, ``AND`` and ``NOT`` are operators only in capitals. A query holds at
most 500 terms and 100 levels of parentheses and NOTs.

User text never reaches SQL: values go in as bound parameters, and the FTS5 expression is
built from folded words (letters and digits only), each one quoted.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from .errors import UsageError
from .folding import fold, run_together, words

TEXT_FIELDS = ("title", "author", "journal", "keyword", "abstract")
VALUE_FIELDS = ("tag", "type", "key")
FIELDS = (*TEXT_FIELDS, *VALUE_FIELDS, "year")

_QUOTES = '"\u201c\u201d\u201e'  # " “ ” „
_FIELD = re.compile(r"([A-Za-z]+):(?=\S)")
_EMPTY_FIELD = re.compile(r"([A-Za-z]+):(?=\s|\Z)")
MAX_DEPTH = 100
MAX_TERMS = 500
_YEAR = re.compile(r"(\d{1,4})?(?:(\.\.)(\d{1,4})?)?\Z")


class QuerySyntaxError(UsageError):
    """A malformed query; the hint shows the query with a caret under *position*."""

    def __init__(self, problem: str, text: str, position: int, *, advice: str = "") -> None:
        pointer = f"  {text}\n  {' ' * position}^"
        super().__init__(
            f"{problem} (column {position + 1} of the query)",
            hint=f"{pointer}\n{advice}" if advice else pointer,
        )
        self.problem = problem
        self.position = position


# -- the syntax tree ------------------------------------------------------------------------
# NamedTuples, not dataclasses: a frozen dataclass costs about 1 ms of start-up each.


def _same_node(self: tuple[object, ...], other: object) -> bool:
    """Tuple equality that also compares the kind: And((a, b)) is not Or((a, b))."""
    return type(self) is type(other) and tuple.__eq__(self, other)


def _other_node(self: tuple[object, ...], other: object) -> bool:
    return not _same_node(self, other)


class Term(NamedTuple):
    """Words to find in the text, in this order (a phrase when more than one)."""

    words: tuple[str, ...]
    field: str | None = None  # one of TEXT_FIELDS, or None for any of them
    prefix: bool = False  # the last word is a prefix
    compound: bool = False  # written as one word (covid-19): also try it run together


class Value(NamedTuple):
    """A whole tag, type or key (or a prefix of one)."""

    field: str
    value: str
    prefix: bool = False


class Years(NamedTuple):
    """Years from *low* to *high*, both included; None is open."""

    low: int | None
    high: int | None


class Not(NamedTuple):
    child: Node


class And(NamedTuple):
    children: tuple[Node, ...]


class Or(NamedTuple):
    children: tuple[Node, ...]


for _kind in (Term, Value, Years, Not, And, Or):
    _kind.__eq__ = _same_node  # type: ignore[method-assign]
    _kind.__ne__ = _other_node  # type: ignore[method-assign,assignment]
    _kind.__hash__ = tuple.__hash__  # type: ignore[method-assign]

Node = Term | Value | Years | Not | And | Or


# -- tokens -----------------------------------------------------------------------------------


class Token(NamedTuple):
    kind: str  # ( ) OR AND NOT - FIELD WORD PHRASE
    text: str
    position: int
    prefix: bool = False


def tokenize(text: str) -> list[Token]:
    """Cut the query into tokens; QuerySyntaxError at the first thing that is not one."""
    tokens = []
    terms = 0
    for token in _tokens(text):
        terms += token.kind in ("WORD", "PHRASE")
        if terms > MAX_TERMS:  # SQLite bounds the depth of an expression (1000)
            raise QuerySyntaxError(
                f"more than {MAX_TERMS} words, phrases and values", text, token.position
            )
        tokens.append(token)
    return tokens


def _tokens(text: str) -> Iterator[Token]:
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char.isspace():
            i += 1
        elif char in "()":
            yield Token(char, char, i)
            i += 1
        elif char in _QUOTES:
            # Any double quote closes a phrase: "...", “...”, „...“ (German) all work.
            closes = [p for p in (text.find(q, i + 1) for q in _QUOTES) if p >= 0]
            close = min(closes, default=-1)
            if close < 0:
                raise QuerySyntaxError(
                    "unclosed quote", text, i, advice='end the phrase with a closing "'
                )
            prefix = text.startswith("*", close + 1)
            yield Token("PHRASE", text[i + 1 : close], i, prefix)
            i = close + 1 + prefix
        elif char == "-" and text.startswith("--", i) and i + 2 < n and not text[i + 2].isspace():
            end = _word_end(text, i)
            raise QuerySyntaxError(
                f"'{text[i:end]}' is not an option of search",
                text,
                i,
                advice="its options are --limit, --sort and --format; "
                "a single - excludes a word: -word",
            )
        elif char == "-" and i + 1 < n and not text[i + 1].isspace() and text[i + 1] not in "-)":
            yield Token("-", char, i)
            i += 1
        else:
            match = _FIELD.match(text, i)
            if match:
                yield Token("FIELD", match.group(1), i)
                i = match.end()
                continue
            empty = _EMPTY_FIELD.match(text, i)
            if empty and empty.group(1).lower() in FIELDS:
                raise QuerySyntaxError(
                    f"{empty.group(1).lower()}: needs a value",
                    text,
                    i,
                    advice=f"write the value right after the colon: {empty.group(1).lower()}:...",
                )
            end = _word_end(text, i)
            yield _word(text, i, end)
            i = end


def _word_end(text: str, start: int) -> int:
    end = start
    while end < len(text) and not text[end].isspace() and text[end] not in "()" + _QUOTES:
        end += 1
    return max(end, start + 1)


def _word(text: str, start: int, end: int) -> Token:
    word = text[start:end]
    if word in ("OR", "AND", "NOT"):
        return Token(word, word, start)
    star = word.find("*")
    if 0 <= star < len(word) - 1:
        raise QuerySyntaxError(
            "a * may only end a word (it marks a prefix: sarc*)", text, start + star
        )
    return Token("WORD", word.removesuffix("*"), start, word.endswith("*"))


# -- parsing ----------------------------------------------------------------------------------


def parse(text: str) -> Node:
    """The syntax tree of *text*; QuerySyntaxError (a UsageError, exit 2) when malformed."""
    parser = _Parser(text, tokenize(text))
    node = parser.and_expr(None)
    if parser.peek() is not None:
        token = parser.peek()
        assert token is not None
        raise QuerySyntaxError("unmatched )", text, token.position, advice="remove it or add (")
    if node is None:
        raise QuerySyntaxError(
            "nothing to search for", text, 0, advice="give a word, a phrase or a field filter"
        )
    return node


class _Parser:
    def __init__(self, text: str, tokens: list[Token]) -> None:
        self.text = text
        self.tokens = tokens
        self.index = 0
        self.depth = 0  # of parentheses and NOTs: the parser recurses into them

    def peek(self) -> Token | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def take(self) -> Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def error(self, problem: str, position: int | None = None, advice: str = "") -> Exception:
        if position is None:
            token = self.peek()
            position = token.position if token else len(self.text)
        return QuerySyntaxError(problem, self.text, position, advice=advice)

    # Each rule returns None for a part with nothing to search for (punctuation alone),
    # which its caller drops: "Lerman & Randall" is the query Lerman Randall.

    def and_expr(self, context: str | None) -> Node | None:
        parts: list[Node] = []
        while True:
            token = self.peek()
            if token is None or token.kind == ")":
                break
            if token.kind == "AND":
                if not parts:
                    raise self.error("AND needs something before it", advice="remove the AND")
                self.take()
                if self.peek_kind() in (None, ")", "OR", "AND"):
                    raise self.error("AND needs something after it", token.position)
                continue
            part = self.or_expr(context)
            if part is not None:
                parts.append(part)
        return _join(And, parts)

    def peek_kind(self) -> str | None:
        token = self.peek()
        return token.kind if token else None

    def or_expr(self, context: str | None) -> Node | None:
        if self.peek_kind() == "OR":
            raise self.error("OR needs something before it", advice="remove the OR")
        parts = [self.unary(context)]
        while self.peek_kind() == "OR":
            operator = self.take()
            if self.peek_kind() in (None, ")", "OR", "AND"):
                raise self.error("OR needs something after it", operator.position)
            parts.append(self.unary(context))
        return _join(Or, [p for p in parts if p is not None])

    def unary(self, context: str | None) -> Node | None:
        token = self.peek()
        if token is None or token.kind not in ("-", "NOT", "("):
            return self.primary(context)
        # Parentheses and NOTs recurse: bound the depth before Python's stack does.
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.error(f"more than {MAX_DEPTH} nested parentheses or NOTs", token.position)
        try:
            if token.kind == "(":
                return self.primary(context)
            self.take()
            if self.peek_kind() in (None, ")", "OR", "AND"):
                raise self.error(
                    f"{token.text} needs something to exclude after it", token.position
                )
            child = self.unary(context)
            if isinstance(child, Not):  # NOT NOT x is x (and SQL need not nest it)
                return child.child
            return Not(child) if child is not None else None
        finally:
            self.depth -= 1

    def primary(self, context: str | None) -> Node | None:
        token = self.take()
        if token.kind == "(":
            node = self.and_expr(context)
            if self.peek_kind() != ")":
                raise self.error("unclosed (", token.position, advice="add a ) to close it")
            self.take()
            return node
        if token.kind == "FIELD":
            return self.field_value(token, context)
        if token.kind in ("WORD", "PHRASE"):
            return self.value(token, context)
        # Not reached: every caller checks the token first.
        raise self.error(f"unexpected {token.text}", token.position)

    def field_value(self, token: Token, context: str | None) -> Node | None:
        name = token.text.lower()
        if name not in FIELDS:
            raise self.error(
                f"unknown field '{token.text}'",
                token.position,
                advice=_field_advice(token.text),
            )
        if context is not None:
            raise self.error(f"{name}: inside {context}:(...)", token.position)
        value = self.peek()
        if value is not None and value.kind in ("OR", "AND", "NOT"):  # title:OR is a word
            value = self.tokens[self.index] = value._replace(kind="WORD")
        if value is None or value.kind not in ("(", "WORD", "PHRASE"):
            raise self.error(f"{name}: needs a value", token.position)
        if value.kind == "(":
            return self.primary(name)
        return self.value(self.take(), name)

    def value(self, token: Token, context: str | None) -> Node | None:
        if context == "year":
            return self.years(token)
        if context in VALUE_FIELDS:
            assert context is not None
            return self.whole_value(token, context)
        found = tuple(words(token.text))
        if not found:
            if token.prefix:
                raise self.error("a prefix needs a letter or digit before the *", token.position)
            return None
        compound = token.kind == "WORD" or not any(c.isspace() for c in token.text)
        return Term(found, context, token.prefix, compound and len(found) > 1)

    def years(self, token: Token) -> Years:
        match = _YEAR.match(token.text)
        low, dots, high = match.groups() if match and token.kind == "WORD" else (None, None, None)
        if not match or token.prefix or (low is None and high is None):
            raise self.error(
                f"'{token.text}' is not a year or a range of years",
                token.position,
                advice="write year:2015, year:2010..2015, year:..1999 or year:2020..",
            )
        first = int(low) if low else None
        last = int(high) if high else None
        if not dots:
            last = first
        if first is not None and last is not None and first > last:
            raise self.error(
                f"the range {token.text} runs backwards",
                token.position,
                advice=f"write year:{last}..{first}",
            )
        return Years(first, last)

    def whole_value(self, token: Token, name: str) -> Value:
        value = token.text.strip()
        if not value:
            raise self.error(f"{name}: needs a value", token.position)
        if name == "type":
            value = value.lower()
            _check_type(value, token.prefix, self, token.position)
        return Value(name, value, token.prefix)


def _join(kind: type[And] | type[Or], parts: list[Node]) -> Node | None:
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    flat: list[Node] = []
    for part in parts:  # a AND (b AND c) is a AND b AND c
        flat.extend(part.children if isinstance(part, kind) else [part])
    # a OR a is a: a repeated term would make SQLite rank every hit once per repetition.
    unique = tuple(dict.fromkeys(flat))
    return unique[0] if len(unique) == 1 else kind(unique)


def _field_advice(name: str) -> str:
    import difflib

    close = difflib.get_close_matches(name.lower(), FIELDS, n=1)
    guess = f"did you mean {close[0]}:? " if close else ""
    return f"{guess}fields: {', '.join(FIELDS)}; to search for text with a colon, quote it"


def _check_type(value: str, prefix: bool, parser: _Parser, position: int) -> None:
    from .records import CSL_TYPES

    if any(t.startswith(value) for t in CSL_TYPES) if prefix else value in CSL_TYPES:
        return
    import difflib

    close = difflib.get_close_matches(value, sorted(CSL_TYPES), n=3)
    advice = f"did you mean {', '.join(close)}?" if close else "see the CSL item types"
    raise parser.error(f"unknown type '{value}'", position, advice=advice)


# -- compiling to SQL ---------------------------------------------------------------------------

# The records_fts columns a query may name (the first, key, is stored but not searched).
FTS_COLUMNS = ("key", "title", "author", "journal", "keyword", "abstract", "tag")


class Compiled(NamedTuple):
    """A query as SQL: *match* ranks (FTS5), *where* filters the records ``r``."""

    match: str | None
    where: str
    params: tuple[object, ...]


def compile_query(node: Node) -> Compiled:
    """The FTS5 MATCH expression for the ranked part of *node*, and SQL for the rest.

    The conjuncts that FTS5 can express become one MATCH expression (ranked by bm25); an
    exclusion joins it as ``NOT``. Years, tags, types and keys, and any OR that mixes them
    with words, become a WHERE condition in which a text part is a rowid subquery.
    """
    conjuncts = node.children if isinstance(node, And) else (node,)
    included: list[str] = []
    excluded: list[tuple[Node, str]] = []
    rest: list[Node] = []
    for part in conjuncts:
        expression = fts_expression(part.child if isinstance(part, Not) else part)
        if expression is None:
            rest.append(part)
        elif isinstance(part, Not):
            excluded.append((part, expression))
        else:
            included.append(expression)
    match = None
    if included:  # FTS5's NOT is binary: it needs something to subtract from
        match = " AND ".join(included) + "".join(f" NOT {e}" for _, e in excluded)
    else:
        rest += [part for part, _ in excluded]
    params: list[object] = []
    where = " AND ".join(_sql(part, params) for part in rest) or "1"
    return Compiled(match, where, tuple(params))


def fts_expression(node: Node) -> str | None:
    """*node* as an FTS5 expression, or None when FTS5 alone cannot express it."""
    if isinstance(node, Term):
        return _term_expression(node)
    if isinstance(node, Or):
        parts = [fts_expression(c) for c in node.children]
        if any(p is None for p in parts):
            return None
        return "(" + " OR ".join(p for p in parts if p) + ")"
    if isinstance(node, And):
        included: list[str] = []
        excluded: list[str] = []
        for child in node.children:
            inner = fts_expression(child.child if isinstance(child, Not) else child)
            if inner is None:
                return None
            (excluded if isinstance(child, Not) else included).append(inner)
        if not included:
            return None
        return "(" + " AND ".join(included) + ")" + "".join(f" NOT {e}" for e in excluded)
    return None


def _term_expression(term: Term) -> str:
    column = f"{term.field} : " if term.field else ""
    star = " *" if term.prefix else ""
    phrase = f"{column}{_quote(' '.join(term.words))}{star}"
    if not term.compound:
        return phrase
    joined = f"{column}{_quote(run_together(' '.join(term.words)))}{star}"
    return f"({phrase} OR {joined})"


def _quote(text: str) -> str:
    """An FTS5 string: everything inside double quotes is text, a quote is doubled."""
    return '"' + text.replace('"', '""') + '"'


_FTS_ROWS = "r.id IN (SELECT rowid FROM records_fts WHERE records_fts MATCH ?)"


def _sql(node: Node, params: list[object]) -> str:
    expression = fts_expression(node)
    if expression is not None:
        params.append(expression)
        return _FTS_ROWS
    if isinstance(node, Not):
        return f"NOT ({_sql(node.child, params)})"
    if isinstance(node, (And, Or)):
        joiner = " AND " if isinstance(node, And) else " OR "
        return "(" + joiner.join(_sql(c, params) for c in node.children) + ")"
    if isinstance(node, Years):
        return _years_sql(node, params)
    if isinstance(node, Value):
        return _value_sql(node, params)
    raise AssertionError(f"cannot compile {node!r}")  # every Term is an FTS expression


def _years_sql(node: Years, params: list[object]) -> str:
    if node.low is not None and node.low == node.high:
        params.append(node.low)
        return "r.year = ?"
    conditions = []
    if node.low is not None:
        params.append(node.low)
        conditions.append("r.year >= ?")
    if node.high is not None:
        params.append(node.high)
        conditions.append("r.year <= ?")
    return "(" + " AND ".join(conditions) + ")"


def _value_sql(node: Value, params: list[object]) -> str:
    if node.field == "type":  # CSL types are lower-case, and so is the parsed value
        if node.prefix:
            params += [node.value, node.value + _LAST]
            return "(r.type >= ? AND r.type < ?)"
        params.append(node.value)
        return "r.type = ?"
    column = "r.key" if node.field == "key" else "t.tag"
    if node.prefix:  # a range, so that the NOCASE index serves it
        params += [node.value, node.value + _LAST]
        test = f"({column} >= ? COLLATE NOCASE AND {column} < ? COLLATE NOCASE)"
    else:
        params.append(node.value)
        test = f"{column} = ? COLLATE NOCASE"
    if node.field == "tag":
        return f"r.id IN (SELECT t.record_id FROM tags t WHERE {test})"
    return test


# Sorts after every string that starts with the same prefix (the last Unicode code point).
_LAST = "\U0010ffff"


# -- what to highlight --------------------------------------------------------------------------


def positive_terms(node: Node) -> list[Term]:
    """The text terms a hit matched (not those under a NOT): what to highlight."""
    if isinstance(node, Term):
        return [node]
    if isinstance(node, (And, Or)):
        return [t for c in node.children for t in positive_terms(c)]
    return []


__all__ = [
    "FIELDS",
    "And",
    "Compiled",
    "Node",
    "Not",
    "Or",
    "QuerySyntaxError",
    "Term",
    "Value",
    "Years",
    "compile_query",
    "fold",
    "parse",
    "positive_terms",
    "tokenize",
]
