"""Language names in BibTeX files (babel and polyglossia names, biblatex keys) and BCP 47.

``langid``/``hyphenation`` hold a babel or polyglossia name (``ngerman``, ``british``);
``language`` holds the languages a work is in, as names, biblatex keys (``langgerman``,
``\\bibstring{langgerman}``) or codes. CSL's ``language`` wants a BCP 47 code.

The codes are the languages' own (``canadian`` is ``en-CA``, ``slovene`` ``sl-SI``), where
pandoc bends some towards the CSL locales that exist (``en-US``, ``sl-SL``): an item's
``language`` says what the work is in, it does not choose a locale file.
"""

from __future__ import annotations

import re

# babel names (biblatex's "Supported Languages" table) and the polyglossia names and
# variants files use, lower case -> BCP 47.
BABEL_CODES = {
    # English: biblatex reads "english" as American English.
    "english": "en-US",
    "american": "en-US",
    "usenglish": "en-US",
    "british": "en-GB",
    "ukenglish": "en-GB",
    "canadian": "en-CA",
    "australian": "en-AU",
    "newzealand": "en-NZ",
    # German: old and new orthography alike.
    "german": "de-DE",
    "ngerman": "de-DE",
    "germanb": "de-DE",
    "austrian": "de-AT",
    "naustrian": "de-AT",
    "swissgerman": "de-CH",
    "nswissgerman": "de-CH",
    "french": "fr-FR",
    "francais": "fr-FR",
    "frenchb": "fr-FR",
    "acadian": "fr-CA",
    "canadien": "fr-CA",
    "spanish": "es-ES",
    "mexican": "es-MX",
    "italian": "it-IT",
    "dutch": "nl-NL",
    "portuguese": "pt-PT",
    "portuges": "pt-PT",
    "brazil": "pt-BR",
    "brazilian": "pt-BR",
    "basque": "eu-ES",
    "bulgarian": "bg-BG",
    "catalan": "ca-ES",
    "croatian": "hr-HR",
    "czech": "cs-CZ",
    "danish": "da-DK",
    "estonian": "et-EE",
    "finnish": "fi-FI",
    "galician": "gl-ES",
    "greek": "el-GR",
    "polutonikogreek": "el-GR",
    "hungarian": "hu-HU",
    "magyar": "hu-HU",
    "icelandic": "is-IS",
    "latvian": "lv-LV",
    "lithuanian": "lt-LT",
    "marathi": "mr-IN",
    "norsk": "nb-NO",
    "norwegian": "nb-NO",
    "bokmal": "nb-NO",
    "nynorsk": "nn-NO",
    "polish": "pl-PL",
    "romanian": "ro-RO",
    "russian": "ru-RU",
    "serbian": "sr-Latn-RS",
    "serbianc": "sr-Cyrl-RS",
    "slovak": "sk-SK",
    "slovene": "sl-SI",
    "slovenian": "sl-SI",
    "swedish": "sv-SE",
    "turkish": "tr-TR",
    "ukrainian": "uk-UA",
    # Languages biblatex has no strings for, which babel and polyglossia know.
    "afrikaans": "af-ZA",
    "albanian": "sq-AL",
    "arabic": "ar",
    "armenian": "hy-AM",
    "belarusian": "be-BY",
    "bengali": "bn",
    "chinese": "zh",
    "esperanto": "eo",
    "farsi": "fa-IR",
    "persian": "fa-IR",
    "georgian": "ka-GE",
    "hebrew": "he-IL",
    "hindi": "hi-IN",
    "indonesian": "id-ID",
    "irish": "ga-IE",
    "japanese": "ja-JP",
    "korean": "ko-KR",
    "latin": "la",
    "macedonian": "mk-MK",
    "malay": "ms-MY",
    "mongolian": "mn-MN",
    "occitan": "oc-FR",
    "sanskrit": "sa",
    "scottish": "gd-GB",
    "tamil": "ta-IN",
    "thai": "th-TH",
    "urdu": "ur-PK",
    "vietnamese": "vi-VN",
    "welsh": "cy-GB",
}

# ISO 639-2 codes files use (MARC records, Zotero exports) for languages BCP 47 writes with
# two letters: BCP 47 takes the shortest code.
_THREE_LETTER = {
    "eng": "en",
    "ger": "de",
    "deu": "de",
    "fre": "fr",
    "fra": "fr",
    "spa": "es",
    "ita": "it",
    "por": "pt",
    "rus": "ru",
    "dut": "nl",
    "nld": "nl",
    "jpn": "ja",
    "chi": "zh",
    "zho": "zh",
    "pol": "pl",
    "swe": "sv",
    "dan": "da",
    "nor": "no",
    "fin": "fi",
    "cze": "cs",
    "ces": "cs",
    "gre": "el",
    "ell": "el",
    "lat": "la",
    "ara": "ar",
    "heb": "he",
    "kor": "ko",
    "tur": "tr",
    "hun": "hu",
}

# langidopts = {variant=british} and friends (polyglossia's per-language options).
_VARIANTS = {
    ("en", "american"): "en-US",
    ("en", "us"): "en-US",
    ("en", "usmax"): "en-US",
    ("en", "british"): "en-GB",
    ("en", "uk"): "en-GB",
    ("en", "australian"): "en-AU",
    ("en", "newzealand"): "en-NZ",
    ("en", "canadian"): "en-CA",
    ("de", "austrian"): "de-AT",
    ("de", "swiss"): "de-CH",
    ("pt", "brazilian"): "pt-BR",
    ("pt", "brazil"): "pt-BR",
}
_VARIANT = re.compile(r"variant\s*=\s*([A-Za-z]+)", re.IGNORECASE)
# A BCP 47 tag as files write it: "en", "en-US", "en_us", "sr-Latn-RS".
_TAG = re.compile(r"([A-Za-z]{2,3})(?:[-_]([A-Za-z]{4}))?(?:[-_]([A-Za-z]{2}|\d{3}))?")
_KEY = re.compile(r"^\\bibstring\s*\{\s*(\w+)\s*\}$")

# The babel name a code is written back as: the first name above for it.
BABEL_NAMES: dict[str, str] = {}
for _name, _code in BABEL_CODES.items():
    BABEL_NAMES.setdefault(_code, _name)
# "english" means en-US to biblatex; "ngerman" is today's German spelling.
BABEL_NAMES["de-DE"] = "ngerman"


def language_code(text: str, options: str | None = None) -> str | None:
    """The BCP 47 code a ``langid``/``hyphenation``/``language`` value names; None if it
    names none (or several: ``english and german``).

    *options*: the entry's ``langidopts`` (``variant=british``).
    """
    value = text.strip()
    key = _KEY.match(value)
    if key:
        value = key.group(1)
    lowered = value.lower()
    if lowered.startswith("lang") and lowered[4:] in BABEL_CODES:
        lowered = lowered[4:]  # a localisation key: langgerman
    code = BABEL_CODES.get(lowered)
    if code is None:
        tag = _TAG.fullmatch(value)
        if tag is None or lowered in _NOT_TAGS:
            return None
        language, script, region = tag.groups()
        language = _THREE_LETTER.get(language.lower(), language)
        code = "-".join(
            p for p in (language.lower(), script and script.title(), region and region.upper()) if p
        )
    if options:
        variant = _VARIANT.search(options)
        if variant:
            code = _VARIANTS.get((code.split("-")[0], variant.group(1).lower()), code)
    return code


# Words that look like tags but are not languages (two or three letters).
_NOT_TAGS = frozenset({"and", "the", "und", "et", "n/a", "na", "non", "no", "yes", "unk"})


def babel_name(code: str) -> str:
    """The ``langid`` a BCP 47 code is written as (the code itself for a language babel
    does not know by another name)."""
    return BABEL_NAMES.get(code, code)


def lbx_language(code: str | None) -> str:
    """The biblatex language whose localisation strings an entry in *code* prints with."""
    if not code:
        return "english"
    name = BABEL_NAMES.get(code)
    if name is None:
        primary = code.split("-")[0].lower()
        name = next(
            (n for c, n in BABEL_NAMES.items() if c.split("-")[0].lower() == primary), "english"
        )
    return name
