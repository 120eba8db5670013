"""The HTTP client of every web service: polite, spaced, retried, bounded and cached.

Built on the standard library's ``http.client``: sarcref makes simple GET requests one at a
time, and ``http.client`` gives what they need (one keep-alive connection per host, separate
connect and read timeouts) without a dependency or its import time; redirects, retries and
the spacing of requests are a few lines each here, and tested.

- Every request says who sends it: ``User-Agent: sarcref/VERSION (+URL; mailto:EMAIL)``.
- Requests of one service to one host are spaced to its published limit
  (``services.min_interval``; Crossref's ``x-rate-limit-*`` headers refine it).
- 429, 5xx and timeouts are tried again, after ``Retry-After`` when the service gives one: at
  most 3 tries and 30 s of waiting in all; then TemporaryFailure (exit 75).
- 404/410: NotFoundError. Other 4xx: DataError. No network: TemporaryFailure.
- Successful responses are cached (``cache.ResponseCache``); ``refresh=True`` skips reading it.

The clock and the sleep are parameters, so tests of the spacing and retries take no time.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode, urljoin, urlsplit

from .. import __version__
from ..errors import DataError, NotFoundError, TemporaryFailure
from .cache import DEFAULT_MAX_AGE, ResponseCache, default_folder
from .services import Service, min_interval

if TYPE_CHECKING:
    import http.client

PROJECT_URL = "https://github.com/sarcref/sarcref"
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 30.0
MAX_TRIES = 3
RETRY_BUDGET = 30.0  # seconds of waiting between tries, at most, for one request
MAX_REDIRECTS = 10
MAX_BODY = 32 * 1024 * 1024
REDIRECTS = frozenset({301, 302, 303, 307, 308})
RETRIED = frozenset({429, 500, 502, 503, 504})

_USE_ENV: Any = object()


@dataclass(frozen=True)
class Response:
    """A successful answer: the final URL (after redirects), its content type and body."""

    url: str
    content_type: str
    body: bytes
    from_cache: bool = False

    @property
    def media_type(self) -> str:
        return self.content_type.split(";", 1)[0].strip().lower()

    def text(self) -> str:
        charset = "utf-8"
        for parameter in self.content_type.split(";")[1:]:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "charset" and value.strip():
                charset = value.strip().strip('"')
        try:
            return self.body.decode(charset, errors="replace")
        except LookupError:
            return self.body.decode("utf-8", errors="replace")

    def json(self, service: str, what: str) -> Any:
        """The body read as JSON; DataError naming *service* and *what* was asked when it is not."""
        import json

        try:
            return json.loads(self.text())
        except ValueError:
            raise DataError(
                f"{service} answered something that is not JSON for {what} "
                f"({self.media_type or 'no content type'})"
            ) from None

    def looks_like_html(self) -> bool:
        head = self.body[:512].lstrip().lower()
        return self.media_type in ("text/html", "application/xhtml+xml") or head.startswith(
            (b"<!doctype html", b"<html")
        )


@dataclass
class _Limiter:
    """Spaces the starts of a group's requests at least *interval* seconds apart."""

    interval: float
    last: float | None = None
    from_headers: bool = False


@dataclass
class Stats:
    """What a client did: requests sent over the network, answers taken from the cache, and
    connections opened (a batch reuses one per host)."""

    requests: int = 0
    cached: int = 0
    connections: int = 0
    by_service: dict[str, int] = field(default_factory=dict)


class HttpClient:
    """GET requests to the web services. Use as a context manager (it keeps connections).

    *email*: the contact address sent in the User-Agent (default ``$SARCREF_EMAIL``; "" for
    none). *api_key*: NCBI's key (default ``$NCBI_API_KEY``). *cache*: a ResponseCache, None
    for no cache (default: the user cache folder, or ``$SARCREF_CACHE_DIR``). *refresh*: fetch
    even what the cache holds. *environ*: where base URLs are looked up.
    """

    def __init__(
        self,
        *,
        email: str | None = _USE_ENV,
        api_key: str | None = _USE_ENV,
        cache: ResponseCache | None = _USE_ENV,
        refresh: bool = False,
        connect_timeout: float = CONNECT_TIMEOUT,
        read_timeout: float = READ_TIMEOUT,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        self.environ = os.environ if environ is None else environ
        self.email = (self.environ.get("SARCREF_EMAIL") if email is _USE_ENV else email) or None
        if self.email:
            from ..settings import check_value

            check_value("email", self.email)  # it goes into a header: no line breaks
        self.api_key = (
            self.environ.get("NCBI_API_KEY") if api_key is _USE_ENV else api_key
        ) or None
        self.cache = ResponseCache(default_folder()) if cache is _USE_ENV else cache
        self.refresh = refresh
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self.clock = clock
        self.sleep = sleep
        self.stats = Stats()
        self._connections: dict[tuple[str, str, int], http.client.HTTPConnection] = {}
        self._limiters: dict[tuple[str, str], _Limiter] = {}
        self._ssl: Any = None

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        for connection in self._connections.values():
            connection.close()
        self._connections.clear()

    @property
    def user_agent(self) -> str:
        contact = f"; mailto:{self.email}" if self.email else ""
        return f"sarcref/{__version__} (+{PROJECT_URL}{contact})"

    def base_url(self, service: Service) -> str:
        return service.base_url(self.environ)

    # -- requests -------------------------------------------------------------------------

    def get(
        self,
        service: Service,
        url: str,
        *,
        what: str,
        params: Mapping[str, str] | None = None,
        private_params: Mapping[str, str | None] | None = None,
        accept: str | None = None,
        max_age: float = DEFAULT_MAX_AGE,
    ) -> Response:
        """GET *url* (with *params*) from *service*; *what* names the identifier in messages.

        *private_params* (contact address, API key) are sent but are not part of the cache
        key. A cached answer younger than *max_age* seconds is returned without a request.
        """
        public = f"{url}?{urlencode(params)}" if params else url
        request_key = f"GET {public}\nAccept: {accept or '*/*'}"
        if self.cache is not None and not self.refresh:
            cached = self.cache.get(request_key, max_age)
            if cached is not None:
                self.stats.cached += 1
                return Response(cached.url, cached.content_type, cached.body, from_cache=True)
        extra = {k: v for k, v in (private_params or {}).items() if v}
        full = f"{public}{'&' if '?' in public else '?'}{urlencode(extra)}" if extra else public
        headers = {
            "User-Agent": self.user_agent,
            "Accept": accept or "*/*",
            "Accept-Encoding": "gzip",
        }
        response = self._with_retries(service, full, headers, what)
        if self.cache is not None:
            self.cache.put(request_key, response.url, response.content_type, response.body)
        return response

    def _with_retries(
        self, service: Service, url: str, headers: dict[str, str], what: str
    ) -> Response:
        started = self.clock()
        tries = 0
        while True:
            tries += 1
            try:
                status, reason, answer_headers, body, final_url = self._follow(
                    service, url, headers, what
                )
            except _Retryable as problem:
                wait = float(tries)  # 1 s, then 2 s
                if tries >= MAX_TRIES or self.clock() - started + wait > RETRY_BUDGET:
                    raise TemporaryFailure(
                        f"{service.label} did not answer for {what}: {problem} "
                        f"({tries} {'try' if tries == 1 else 'tries'})",
                        hint="check the network connection and try again later; "
                        "nothing was written",
                    ) from None
                self.sleep(wait)
                continue
            if 200 <= status < 300:
                content_type = answer_headers.get("content-type", "")
                return Response(final_url, content_type, body)
            if status in (404, 410):
                raise NotFoundError(f"{service.label} does not know {what} (HTTP {status})")
            if status in RETRIED:
                wait = _retry_after(answer_headers.get("retry-after"), default=float(tries))
                if tries >= MAX_TRIES or self.clock() - started + wait > RETRY_BUDGET:
                    waited = (
                        f"; it asks to wait {wait:.0f} s" if "retry-after" in answer_headers else ""
                    )
                    raise TemporaryFailure(
                        f"{service.label} answered HTTP {status} {reason} for {what} "
                        f"({tries} {'try' if tries == 1 else 'tries'}{waited})",
                        hint="the service is busy or down: try again later; nothing was written",
                    )
                self.sleep(wait)
                continue
            if status == 406:
                raise DataError(
                    f"{service.label} cannot give {what} as the format sarcref asks for "
                    f"(HTTP 406 {reason})",
                    hint="its registration agency may not offer CSL-JSON",
                )
            raise DataError(
                f"{service.label} refused the request for {what}: HTTP {status} {reason}"
            )

    def _follow(
        self, service: Service, url: str, headers: dict[str, str], what: str
    ) -> tuple[int, str, dict[str, str], bytes, str]:
        for _ in range(MAX_REDIRECTS + 1):
            status, reason, answer_headers, body = self._once(service, url, headers, what)
            location = answer_headers.get("location")
            if status in REDIRECTS and location:
                try:
                    url = urljoin(url, location)
                except ValueError:
                    raise DataError(
                        f"{service.label} redirected the request for {what} to a malformed "
                        f"address: {location!r}"
                    ) from None
                continue
            return status, reason, answer_headers, body, url
        raise DataError(f"{service.label} redirected the request for {what} more than 10 times")

    # -- one request over a kept connection ----------------------------------------------

    def _once(
        self, service: Service, url: str, headers: dict[str, str], what: str
    ) -> tuple[int, str, dict[str, str], bytes]:
        import http.client
        import socket

        try:
            parts = urlsplit(url)
            port = parts.port  # raises for a port out of range
        except ValueError as error:
            raise DataError(f"{service.label}: cannot request '{url}' ({error})") from None
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise DataError(f"{service.label}: cannot request '{url}' (not an http(s) URL)")
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        self._space(service, parts.netloc)
        for attempt in (1, 2):
            connection, reused = self._connection(parts.scheme, parts.hostname, port)
            try:
                if connection.sock is None:
                    self._connect(connection)
                connection.request("GET", target, headers=headers)
                answer = connection.getresponse()
                body = answer.read(MAX_BODY + 1)
                status, reason = answer.status, answer.reason
                answer_headers = {k.lower(): v for k, v in answer.getheaders()}
            except socket.gaierror:
                self._drop(connection)
                raise TemporaryFailure(
                    f"cannot reach {service.label} ({parts.hostname}) for {what}: "
                    "the host name does not resolve",
                    hint="are you offline? nothing was written; try again when connected",
                ) from None
            except ConnectionRefusedError:
                self._drop(connection)
                raise TemporaryFailure(
                    f"cannot reach {service.label} ({parts.netloc}) for {what}: "
                    "the connection was refused",
                    hint="are you offline? nothing was written; try again later",
                ) from None
            except TimeoutError:
                self._drop(connection)
                raise _Retryable("timed out") from None
            except (http.client.HTTPException, ConnectionError, OSError) as error:
                self._drop(connection)
                if reused and attempt == 1:
                    continue  # the server closed an idle kept-alive connection: open anew
                raise _Retryable(_describe(error)) from None
            break
        self.stats.requests += 1
        self.stats.by_service[service.name] = self.stats.by_service.get(service.name, 0) + 1
        if len(body) > MAX_BODY:
            self._drop(connection)
            raise DataError(f"{service.label} answered more than 32 MB for {what}")
        if answer.will_close:
            self._drop(connection)
        self._learn_limits(service, parts.netloc, answer_headers)
        if answer_headers.get("content-encoding", "").lower() == "gzip":
            body = _gunzip(body, service, what)
        return status, reason, answer_headers, body

    def _connection(
        self, scheme: str, host: str, port: int | None
    ) -> tuple[http.client.HTTPConnection, bool]:
        import http.client

        key = (scheme, host, port or (443 if scheme == "https" else 80))
        connection = self._connections.get(key)
        if connection is not None:
            return connection, connection.sock is not None
        if scheme == "https":
            if self._ssl is None:
                import ssl

                self._ssl = ssl.create_default_context()
            connection = http.client.HTTPSConnection(host, key[2], context=self._ssl)
        else:
            connection = http.client.HTTPConnection(host, key[2])
        self._connections[key] = connection
        return connection, False

    def _connect(self, connection: http.client.HTTPConnection) -> None:
        # http.client has one timeout; connect with one, then read with the other.
        connection.timeout = self.connect_timeout
        connection.connect()
        self.stats.connections += 1
        if connection.sock is not None:
            connection.sock.settimeout(self.read_timeout)

    @staticmethod
    def _drop(connection: http.client.HTTPConnection) -> None:
        connection.close()

    # -- spacing --------------------------------------------------------------------------

    def _limiter(self, service: Service, host: str) -> _Limiter:
        # Per host within a service's group: doi.org and the registration agency it
        # redirects to (api.crossref.org, api.datacite.org) each keep their own pace.
        key = (service.group, host.lower())
        limiter = self._limiters.get(key)
        if limiter is None:
            interval = min_interval(service.group, email=self.email, api_key=self.api_key)
            limiter = self._limiters[key] = _Limiter(interval)
        return limiter

    def _space(self, service: Service, host: str) -> None:
        limiter = self._limiter(service, host)
        if limiter.last is not None:
            wait = limiter.interval - (self.clock() - limiter.last)
            if wait > 0:
                self.sleep(wait)
        limiter.last = self.clock()

    def _learn_limits(self, service: Service, host: str, headers: Mapping[str, str]) -> None:
        """Crossref publishes its current limit in every answer: ``x-rate-limit-limit: 50``
        and ``x-rate-limit-interval: 1s`` mean 50 requests a second."""
        limit = headers.get("x-rate-limit-limit")
        interval = headers.get("x-rate-limit-interval")
        if not limit or not interval:
            return
        try:
            count = int(limit.strip())
            seconds = float(interval.strip().rstrip("sS"))
        except ValueError:
            return
        if count > 0 and seconds > 0:
            limiter = self._limiter(service, host)
            limiter.interval = seconds / count
            limiter.from_headers = True

    def interval(self, service: Service, url: str | None = None) -> float:
        """The current spacing of *service*'s requests to the host of *url* (default: the
        service's base URL), in seconds."""
        return self._limiter(service, urlsplit(url or self.base_url(service)).netloc).interval


class _Retryable(Exception):
    """A failure worth another try (a timeout, a dropped connection)."""


def _describe(error: BaseException) -> str:
    text = str(error).strip()
    name = type(error).__name__
    return f"{name}: {text}" if text else name


def _retry_after(value: str | None, *, default: float) -> float:
    """Seconds to wait from a ``Retry-After`` header: a number of seconds or an HTTP date."""
    if not value:
        return default
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return default
    return max(0.0, when.timestamp() - time.time())


def _gunzip(body: bytes, service: Service, what: str) -> bytes:
    import zlib

    try:
        inflater = zlib.decompressobj(wbits=31)
        data = inflater.decompress(body, MAX_BODY + 1)
    except zlib.error:
        raise DataError(f"{service.label} sent a damaged compressed answer for {what}") from None
    if len(data) > MAX_BODY:
        raise DataError(f"{service.label} answered more than 32 MB for {what}")
    return data
