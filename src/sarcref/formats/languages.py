"""Languages as databases write them (``eng``, ``English``, ``ger``) to BCP 47 (``en``, ``de``).

MEDLINE and PubMed XML give three-letter codes: NLM uses the MARC / ISO 639-2 bibliographic
codes (``ger``, ``fre``, ``chi``, ``dut``), plus two codes MARC has since retired (``scc``
Serbian, ``scr`` Croatian), ``mul`` (several languages) and ``und`` (undetermined). Web of
Science, Scopus and Embase give English names (``English``, ``German``). BCP 47 takes the
two-letter ISO 639-1 code where one exists and the three-letter code otherwise, so the table
below lists every ISO 639-2 code that has a two-letter equivalent, with both its
bibliographic and terminological spellings, and its English name.
"""

from __future__ import annotations

import re
from functools import lru_cache

# ISO 639-2/B, ISO 639-1, English name(s) separated by "/"; a fourth column is the 639-2/T
# spelling where it differs from the bibliographic one.
_TABLE = """
aar aa Afar
abk ab Abkhazian
afr af Afrikaans
aka ak Akan
alb sq Albanian sqi
amh am Amharic
ara ar Arabic
arg an Aragonese
arm hy Armenian hye
asm as Assamese
ava av Avaric
ave ae Avestan
aym ay Aymara
aze az Azerbaijani
bak ba Bashkir
bam bm Bambara
baq eu Basque eus
bel be Belarusian/Byelorussian
ben bn Bengali/Bangla
bis bi Bislama
bos bs Bosnian
bre br Breton
bul bg Bulgarian
bur my Burmese mya
cat ca Catalan/Valencian
cha ch Chamorro
che ce Chechen
chi zh Chinese zho
chu cu Church Slavic/Old Church Slavonic
chv cv Chuvash
cor kw Cornish
cos co Corsican
cre cr Cree
cze cs Czech ces
dan da Danish
div dv Divehi/Dhivehi/Maldivian
dut nl Dutch/Flemish nld
dzo dz Dzongkha
eng en English
epo eo Esperanto
est et Estonian
ewe ee Ewe
fao fo Faroese
fij fj Fijian
fin fi Finnish
fre fr French fra
fry fy Western Frisian/Frisian
ful ff Fulah
geo ka Georgian kat
ger de German deu
gla gd Scottish Gaelic/Gaelic
gle ga Irish
glg gl Galician
glv gv Manx
gre el Greek/Modern Greek/Greek, Modern ell
grn gn Guarani
guj gu Gujarati
hat ht Haitian/Haitian Creole
hau ha Hausa
heb he Hebrew
her hz Herero
hin hi Hindi
hmo ho Hiri Motu
hrv hr Croatian
hun hu Hungarian
ibo ig Igbo
ice is Icelandic isl
ido io Ido
iii ii Sichuan Yi
iku iu Inuktitut
ile ie Interlingue
ina ia Interlingua
ind id Indonesian
ipk ik Inupiaq
ita it Italian
jav jv Javanese
jpn ja Japanese
kal kl Kalaallisut/Greenlandic
kan kn Kannada
kas ks Kashmiri
kau kr Kanuri
kaz kk Kazakh
khm km Khmer/Cambodian
kik ki Kikuyu
kin rw Kinyarwanda
kir ky Kirghiz/Kyrgyz
kom kv Komi
kon kg Kongo
kor ko Korean
kua kj Kuanyama
kur ku Kurdish
lao lo Lao
lat la Latin
lav lv Latvian
lim li Limburgish
lin ln Lingala
lit lt Lithuanian
ltz lb Luxembourgish
lub lu Luba-Katanga
lug lg Ganda
mac mk Macedonian mkd
mah mh Marshallese
mal ml Malayalam
mao mi Maori mri
mar mr Marathi
may ms Malay msa
mlg mg Malagasy
mlt mt Maltese
mon mn Mongolian
nau na Nauru
nav nv Navajo
nbl nr South Ndebele
nde nd North Ndebele
ndo ng Ndonga
nep ne Nepali
nno nn Norwegian Nynorsk/Nynorsk
nob nb Norwegian Bokmal/Norwegian Bokmål/Bokmal
nor no Norwegian
nya ny Chichewa/Nyanja
oci oc Occitan
oji oj Ojibwa
ori or Oriya
orm om Oromo
oss os Ossetian
pan pa Panjabi/Punjabi
per fa Persian/Farsi fas
pli pi Pali
pol pl Polish
por pt Portuguese
pus ps Pushto/Pashto
que qu Quechua
roh rm Romansh
rum ro Romanian/Moldavian ron
run rn Rundi
rus ru Russian
sag sg Sango
san sa Sanskrit
sin si Sinhala/Sinhalese
slo sk Slovak slk
slv sl Slovenian/Slovene
sme se Northern Sami
smo sm Samoan
sna sn Shona
snd sd Sindhi
som so Somali
sot st Southern Sotho
spa es Spanish/Castilian
srd sc Sardinian
srp sr Serbian
ssw ss Swati
sun su Sundanese
swa sw Swahili
swe sv Swedish
tah ty Tahitian
tam ta Tamil
tat tt Tatar
tel te Telugu
tgk tg Tajik
tgl tl Tagalog
tha th Thai
tib bo Tibetan bod
tir ti Tigrinya
ton to Tonga
tsn tn Tswana
tso ts Tsonga
tuk tk Turkmen
tur tr Turkish
twi tw Twi
uig ug Uighur/Uyghur
ukr uk Ukrainian
urd ur Urdu
uzb uz Uzbek
ven ve Venda
vie vi Vietnamese
vol vo Volapuk/Volapük
wel cy Welsh cym
wln wa Walloon
wol wo Wolof
xho xh Xhosa
yid yi Yiddish
yor yo Yoruba
zha za Zhuang
zul zu Zulu
"""

# Codes MEDLINE uses beyond the table: retired MARC codes, and the two special ones.
_EXTRA_CODES = {"scc": "sr", "scr": "hr", "mul": "mul", "und": "und"}
_EXTRA_NAMES = {
    "multiple languages": "mul",
    "multi-language": "mul",
    "undetermined": "und",
    "serbo-croatian": "sh",
}

_BCP47 = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str], frozenset[str]]:
    by_code: dict[str, str] = dict(_EXTRA_CODES)
    by_name: dict[str, str] = dict(_EXTRA_NAMES)
    two_letter: set[str] = set()
    for row in _TABLE.strip().splitlines():
        bibliographic, short, rest = row.split(" ", 2)
        names, _, terminological = rest.rpartition(" ")
        if not names or len(terminological) != 3 or not terminological.islower():
            names, terminological = rest, ""
        by_code[bibliographic] = short
        if terminological:
            by_code[terminological] = short
        two_letter.add(short)
        for name in names.split("/"):
            by_name[name.casefold()] = short
    return by_code, by_name, frozenset(two_letter)


def bcp47(value: str) -> str | None:
    """The BCP 47 tag of a language code or English name; None if it is neither.

    ``eng`` and ``English`` give ``en``, ``ger`` and ``deu`` give ``de``; a tag that is BCP 47
    already (``en``, ``en-US``, ``pt-BR``) is returned as it is.
    """
    text = value.strip()
    if not text:
        return None
    by_code, by_name, two_letter = _tables()
    lowered = text.casefold()
    if lowered in by_code:
        return by_code[lowered]
    if lowered in by_name:
        return by_name[lowered]
    if _BCP47.fullmatch(text):
        primary = lowered.split("-")[0]
        if primary in two_letter:
            return text
    return None
