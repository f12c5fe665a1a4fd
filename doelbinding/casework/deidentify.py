"""The de-identified case summary of issue 6, item 8: a case discussed anonymously before identities are shared.

Seed 003's rule of thumb 8: when a less intrusive way will do, it must be taken, and an anonymous case discussion is
the first such way. `deidentify(persons, texts)` turns the texts of a case into a summary that a case conference can
read without learning who the household is:

1. every known identifier of the case's own persons (names in their Dutch writing variants, BSN, birth date, address,
   postcode, place of residence, phone numbers, e-mail addresses) is replaced by a placeholder ("[Persoon 1]",
   "[BSN]", ...), found by exact patterns built from the structured fields;
2. what deduce finds in the Dutch free text (other names, locations, institutions, phone numbers, e-mail addresses,
   dates, ages over 89, long numbers) is replaced as well.

The structured fields never reach the summary: per person it carries a placeholder, the role in the household and
an age band. Plain Python apart from `gettext` for the Dutch placeholders; the caller fills the dataclasses from the
case. What is replaced and the known limits are in docs/anonymous-case-discussion.md.
"""

from __future__ import annotations

import bisect
import fcntl
import os
import re
import tempfile
import threading
import unicodedata
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _
from rapidfuzz.distance import OSA

from doelbinding.core.bsn import is_bsn

# Surname prefixes (tussenvoegsels): never identifying on their own, so never replaced alone.
TUSSENVOEGSELS = frozenset(
    {
        "aan", "al", "bij", "d", "da", "dal", "das", "de", "del", "della", "den", "der", "des", "di", "do", "dos",
        "du", "el", "het", "in", "l", "la", "le", "les", "lo", "op", "onder", "over", "s", "t", "te", "ten", "ter",
        "tot", "uit", "uijt", "v", "van", "vd", "ver", "von", "vom", "voor", "zu", "zum", "zur",
    }
)  # fmt: skip

# Forms of address that stay in the text before a replaced name ("mevrouw [Persoon 1]").
_TITLE = re.compile(
    r"(?:(?:de\s+heer|mevrouw|mevr|mw|meneer|mijnheer|mnr|dhr|hr|heer|mr|dr|drs|ir|ing|prof|juf|juffrouw|meester)"
    r"(?![^\W\d_])\.?[\s,]*)+",
    re.IGNORECASE,
)

_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("januari", "january", "jan"),
    2: ("februari", "february", "feb", "febr"),
    3: ("maart", "march", "mrt", "mar", "mrch"),
    4: ("april", "apr"),
    5: ("mei", "may"),
    6: ("juni", "june", "jun"),
    7: ("juli", "july", "jul"),
    8: ("augustus", "august", "aug"),
    9: ("september", "sept", "sep"),
    10: ("oktober", "october", "okt", "oct"),
    11: ("november", "nov"),
    12: ("december", "dec"),
}
_ANY_MONTH = "|".join(sorted({name for names in _MONTHS.values() for name in names}, key=len, reverse=True))

# Diacritics a Dutch text may add or drop: "Zoë" and "Zoe", "Müller" and "Muller" match each other.
_VARIANTS = {
    "a": "aàáâäãå",
    "c": "cç",
    "e": "eèéêë",
    "i": "iìíîï",
    "n": "nñ",
    "o": "oòóôöõø",
    "u": "uùúûü",
    "y": "yýÿ",
}

_WORD = re.compile(r"[^\W\d_]+")
# What may stand between the words of one name: a space, a hyphen, an initial's dot, an apostrophe ("'t Hart").
_NAME_GAP = re.compile(r"[ \t\u00a0]*[.\-'’]?[ \t\u00a0]*\Z")
_NOT_LETTER_BEFORE = r"(?<![^\W\d_])"
_NOT_LETTER_AFTER = r"(?![^\W\d_])"
_DIGIT_SEPARATOR = r"[\s.\-]{0,2}"
_PHONE_SEPARATOR = r"[\s.\-/()]{0,3}"
_FUZZY_MIN_LENGTH = 5
# A word of a street or place this long is also found split by a space or hyphen ("Stations weg").
_SPLIT_MIN_LENGTH = 6
# Abbreviations whose dot does not end a sentence.
_ABBREVIATIONS = frozenset(
    {"br", "ca", "dhr", "dr", "drs", "fam", "hr", "ing", "ir", "jr", "mevr", "mr", "mw", "nr", "prof", "sr", "st", "zr"}
)
_AGE_KEPT_UP_TO = 89

# Priorities when detections overlap: e-mail addresses as a whole first (a name in one must not split it), then
# exact identifiers, then what deduce recognises by context.
_WHOLE = 4
_EXACT = 3
_CONTEXT = 1

# Any e-mail address, in any case ("JAN.PIETERS@GMAIL.COM", "Info@Zorgmail.NL"): deduce finds lower case only.
_ANY_EMAIL = (
    r"(?<![\w.%+\-])[\w%+\-]+(?:\.[\w%+\-]+)*[ \t]?@[ \t]?[^\W_](?:[\w\-]*[^\W_])?"
    r"(?:\.[^\W_](?:[\w\-]*[^\W_])?)*\.[^\W\d_]{2,}(?![\w\-])"
)


@dataclass(frozen=True)
class KnownPerson:
    """One person of the case as the municipality knows them; every field may be empty.

    Only `role` and the age band derived from `birth_date` reach the summary; every other field is used to find and
    replace the person's identifiers in the texts.
    """

    given_names: str = ""  # all given names (voornamen), e.g. "Johanna Maria"
    call_name: str = ""  # roepnaam, when it is not one of the given names, e.g. "Annie"
    surname_prefix: str = ""  # tussenvoegsel, e.g. "van der"
    surname: str = ""  # e.g. "Vries" or a double name "Jansen-Bakker"
    bsn: str = ""
    birth_date: date | None = None
    street: str = ""
    house_number: str = ""  # with any addition: "12", "12a", "12-II"
    postcode: str = ""
    city: str = ""
    phone_numbers: tuple[str, ...] = ()
    email_addresses: tuple[str, ...] = ()
    role: str = ""  # role in the household, not identifying: "moeder", "kind", "partner"


# A part of a household's designation that is its postcode, with the place after it: "7591 AB Denekamp".
_DESIGNATED_POSTCODE = re.compile(r"(\d{4}\s*-?\s*[^\W\d_]{2})(?![^\W\d_])\s*(.*)", re.DOTALL)
# A part that is a street and house number, with anything after it: "Stationsweg 180", "Kerkstraat 12-II Denekamp".
_DESIGNATED_STREET = re.compile(
    r"(.*?[^\W\d_].*?)[\s,]+(?:nr\.?\s*|nummer\s+)?(\d+(?:\s*[-/]\s*[^\W_]{1,4}|\s?[^\W\d_]{1,2})?)(?![^\W_])"
    r"\s*(.*)",
    re.DOTALL | re.IGNORECASE,
)


def household_address(designation: str) -> dict[str, str]:
    """The address in a household's designation ("Gezin Jansen, Stationsweg 180, 1234 AB Voorbeeld"), as the
    `street`, `house_number`, `postcode` and `city` of a `KnownPerson`; what is not there stays empty.

    Households have no address fields; teams write the address into the designation, separated by commas. The place
    is the postcode's or, without one, the first part of words only after the street.
    """
    address = {"street": "", "house_number": "", "postcode": "", "city": ""}
    for part in re.split(r"[,;()\n]|\s[-–]\s", designation):
        if not address["street"] and (found := _DESIGNATED_STREET.fullmatch(part.strip())):
            address["street"], address["house_number"], part = found.groups()
        if not address["postcode"] and (found := _DESIGNATED_POSTCODE.fullmatch(part.strip())):
            address["postcode"], part = found.groups()
        # "Gezin Jansen" before the street is not a place; "Voorbeeld" after it is.
        placed = address["street"] or address["postcode"]
        if not address["city"] and placed and _WORD.search(part) and not re.search(r"\d", part):
            address["city"] = part.strip()
    return address


@dataclass(frozen=True)
class CaseText:
    """One free text of the case: its situation description or a file entry."""

    label: str
    text: str


@dataclass(frozen=True)
class SummaryPerson:
    """A person as the summary shows them: a placeholder and facts that do not identify."""

    placeholder: str
    role: str
    age_band: str


@dataclass(frozen=True)
class SummaryText:
    label: str
    text: str


@dataclass(frozen=True)
class Summary:
    """The de-identified case summary; it holds no structured field of any person."""

    persons: tuple[SummaryPerson, ...]
    texts: tuple[SummaryText, ...]
    # How often each placeholder was put in, so a reviewer sees what was taken out without seeing it.
    replacements: tuple[tuple[str, int], ...]
    # False when deduce did not check the free text: only the known identifiers were replaced.
    free_text_checked: bool

    def as_text(self) -> str:
        lines = [_("Gedepersonaliseerde casusbeschrijving voor anoniem casusoverleg"), "", _("Betrokkenen:")]
        for person in self.persons:
            facts = ", ".join(fact for fact in (person.role, person.age_band) if fact)
            lines.append(f"- {person.placeholder}: {facts}" if facts else f"- {person.placeholder}")
        for text in self.texts:
            lines += ["", f"{text.label}:", text.text] if text.label else ["", text.text]
        return "\n".join(lines)


def deidentify(
    persons: Sequence[KnownPerson],
    texts: Sequence[CaseText],
    *,
    on: date | None = None,
    use_deduce: bool = True,
) -> Summary:
    """De-identify the case's texts; `on` is the date the age bands are computed for (today by default)."""
    on = on or date.today()
    engine = load_deduce() if use_deduce else None
    whitelist: Collection[str] = engine.lookup_structs["whitelist"] if engine is not None else frozenset()
    detectors = _person_detectors(persons, whitelist) + _generic_detectors()
    others: dict[str, str] = {}
    counts: Counter[str] = Counter()

    def resolve(placeholder: str) -> str:
        # Other persons are numbered in the order they appear in the summary, by the name deduce found.
        if not placeholder.startswith(_OTHER):
            return placeholder
        if placeholder not in others:
            others[placeholder] = _("[Andere persoon %(number)s]") % {"number": len(others) + 1}
        return others[placeholder]

    def scrub(value: str) -> str:
        value = unicodedata.normalize("NFC", value)
        spans = [span for detect in detectors for span in detect(value)]
        if engine is not None and value.strip():
            spans += _deduce_spans(engine, value)
        result, used = _replace(value, spans, resolve)
        counts.update(used)
        return result

    summary_texts = tuple(SummaryText(label=scrub(text.label), text=scrub(text.text)) for text in texts)
    summary_persons = tuple(
        SummaryPerson(
            placeholder=_person_placeholder([index]),
            role=scrub(person.role),
            age_band=age_band(person.birth_date, on) if person.birth_date else "",
        )
        for index, person in enumerate(persons)
    )
    return Summary(
        persons=summary_persons,
        texts=summary_texts,
        replacements=tuple(sorted(counts.items())),
        free_text_checked=engine is not None,
    )


def age_band(birth_date: date, on: date) -> str:
    """The age band shown instead of the birth date: the stages of youth care, then decades, then 90 and over."""
    age = on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))
    if age < 0:
        return ""
    for low, high in ((0, 3), (4, 11), (12, 17), (18, 22), (23, 29)):
        if age <= high:
            return _("%(low)s-%(high)s jaar") % {"low": low, "high": high}
    if age > _AGE_KEPT_UP_TO:
        return _("90 jaar of ouder")
    low = age - age % 10
    return _("%(low)s-%(high)s jaar") % {"low": low, "high": low + 9}


# -- deduce ----------------------------------------------------------------------------------------------------------

_deduce_lock = threading.Lock()
_deduce_instance: Any = None


def load_deduce() -> Any:
    """The one Deduce instance of this process, made on first use.

    Deduce loads its lookup tables from a cache in seconds; the first use after an install builds that cache, which
    takes a minute or two. A file lock keeps parallel processes (test workers, web workers) from building it at the
    same time and reading each other's half-written cache.
    """
    global _deduce_instance
    with _deduce_lock:
        if _deduce_instance is None:
            _deduce_instance = _make_deduce()
        return _deduce_instance


def _make_deduce() -> Any:
    import deduce

    lookup_path = Path(deduce.__file__).parent / "data" / "lookup"
    cache_path = lookup_path
    if not os.access(lookup_path, os.W_OK):
        # A read-only install keeps its cache in a place this process may write.
        cache_path = Path(tempfile.gettempdir()) / "doelbinding-deduce"
    with open(Path(tempfile.gettempdir()) / "doelbinding-deduce.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            return deduce.Deduce(cache_path=cache_path)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _deduce_placeholders() -> dict[str, str]:
    return {
        "locatie": _("[Locatie]"),
        "zorginstelling": _("[Instelling]"),
        "ziekenhuis": _("[Instelling]"),
        "instelling": _("[Instelling]"),
        "datum": _("[Datum]"),
        "leeftijd": _("[Leeftijd]"),
        "bsn": _("[BSN]"),
        "id": _("[Nummer]"),
        "telefoonnummer": _("[Telefoonnummer]"),
        "emailadres": _("[E-mail]"),
        "url": _("[Webadres]"),
    }


# What deduce recognises by its form rather than by context wins over a name found inside it (an unknown e-mail
# address that holds a person's name becomes "[E-mail]").
_DEDUCE_EXACT_TAGS = frozenset({"bsn", "id", "telefoonnummer", "emailadres", "url"})
# Marks a name deduce found until it is known whether it makes it into the summary and gets its number.
_OTHER = "\x00"


def _deduce_spans(engine: Any, text: str) -> list[_Span]:
    placeholders = _deduce_placeholders()
    spans = []
    for annotation in engine.deidentify(text).annotations:
        tag = annotation.tag
        start, end = annotation.start_char, annotation.end_char
        if tag == "leeftijd" and all(int(age) <= _AGE_KEPT_UP_TO for age in re.findall(r"\d+", annotation.text)):
            continue
        if tag in placeholders:
            placeholder = placeholders[tag]
        elif tag == "pseudo_name":
            continue
        else:
            # Names, in deduce's many tags ("persoon", "voornaam+achternaam", ...): the form of address stays.
            title = _TITLE.match(annotation.text)
            if title:
                start += title.end()
            name = " ".join(_WORD.findall(text[start:end]))
            if not name or _only_connectors(name):
                continue
            placeholder = _OTHER + _key(name)
        kind = "other" if placeholder.startswith(_OTHER) else ""
        spans.append(_Span(start, end, placeholder, _EXACT if tag in _DEDUCE_EXACT_TAGS else _CONTEXT, kind))
    return spans


# -- replacing -------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    placeholder: str
    priority: int
    kind: str = ""  # "name" for a name of the case's persons, "other" for a name deduce found
    owners: frozenset[int] = frozenset()  # the persons a name can be


Detector = Callable[[str], list[_Span]]


def _replace(text: str, spans: list[_Span], resolve: Callable[[str], str]) -> tuple[str, Counter[str]]:
    """Replace the spans: the higher priority, then the longer, wins; what another span leaves uncovered stays
    replaced, so that every character any detector found is gone."""
    # What is taken so far: disjoint, in text order, its starts and ends kept apart for bisecting.
    taken: list[_Span] = []
    starts: list[int] = []
    ends: list[int] = []
    order = sorted(
        enumerate(_attribute(spans)), key=lambda item: (-item[1].priority, item[1].start - item[1].end, item[0])
    )
    for _index, span in order:
        first, last = bisect.bisect_right(ends, span.start), bisect.bisect_left(starts, span.end)
        for start, end in _uncovered(span.start, span.end, taken[first:last]):
            if (start, end) != (span.start, span.end):
                start, end = _trim(text, start, end)
                if start >= end or not _meaningful(text[start:end]):
                    continue
            at = bisect.bisect_left(starts, start)
            taken.insert(at, _Span(start, end, span.placeholder, span.priority))
            starts.insert(at, start)
            ends.insert(at, end)
    pieces: list[str] = []
    used: Counter[str] = Counter()
    position = 0
    previous = ""
    for span in taken:
        between = text[position : span.start]
        placeholder = resolve(span.placeholder)
        # One placeholder for what was found in parts ("Jan Pieter" as two given names, "Dorpsstraat 5a" twice).
        if placeholder == previous and re.fullmatch(r"[ \t\-]*", between):
            position = span.end
            continue
        pieces += [between, placeholder]
        used[placeholder] += 1
        position = span.end
        previous = placeholder
    pieces.append(text[position:])
    return "".join(pieces), used


def _attribute(spans: list[_Span]) -> list[_Span]:
    """A name deduce found that holds names of the case's persons is one of theirs: "Kevin Ahmed de Vries" is
    Kevin when only "Kevin de Vries" is known, and so is its "de Vries"."""
    attributed = list(spans)
    # The names of the case's persons come from one detector: disjoint and in text order.
    names = [index for index, span in enumerate(spans) if span.kind == "name"]
    starts = [spans[index].start for index in names]
    ends = [spans[index].end for index in names]
    for position, other in enumerate(spans):
        if other.kind != "other":
            continue
        inside = names[bisect.bisect_right(ends, other.start) : bisect.bisect_left(starts, other.end)]
        if not inside:
            continue
        persons = frozenset.intersection(*(attributed[index].owners for index in inside))
        if not persons:
            persons = attributed[inside[0]].owners
        placeholder = _person_placeholder(persons)
        for index in inside:
            if persons <= attributed[index].owners:
                attributed[index] = replace(attributed[index], placeholder=placeholder, owners=persons)
        attributed[position] = replace(other, placeholder=placeholder, kind="name", owners=persons)
    return attributed


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """What is left of a span cut by another, without the spaces, punctuation and form of address at its edges."""
    while start < end and not text[start].isalnum():
        start += 1
    title = _TITLE.match(text, start, end)
    if title:
        start = title.end()
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return start, end


def _uncovered(start: int, end: int, overlapping: list[_Span]) -> list[tuple[int, int]]:
    """The pieces of start..end outside the overlapping spans, which are disjoint and in text order."""
    pieces = []
    for other in overlapping:
        if start < other.start:
            pieces.append((start, other.start))
        start = max(start, other.end)
    if start < end:
        pieces.append((start, end))
    return pieces


def _meaningful(piece: str) -> bool:
    """Whether a piece left over from an overlap still says something: not just spaces, punctuation, a form of
    address, a tussenvoegsel or an initial."""
    if not any(character.isalnum() for character in piece):
        return False
    if any(character.isdigit() for character in piece):
        return True
    rest = _TITLE.sub(" ", piece)
    return not _only_connectors(rest)


def _only_connectors(words: str) -> bool:
    return all(_key(word) in TUSSENVOEGSELS or len(word) == 1 for word in _WORD.findall(words))


# -- the persons' identifiers ----------------------------------------------------------------------------------------


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(character for character in decomposed if not unicodedata.combining(character))


def _key(word: str) -> str:
    """A word as names are compared: case, diacritics and the ij/y spelling do not count."""
    return _fold(word).replace("y", "ij")


def _person_placeholder(owners: Iterable[int]) -> str:
    numbers = [str(index + 1) for index in sorted(set(owners))]
    if len(numbers) == 1:
        return _("[Persoon %(number)s]") % {"number": numbers[0]}
    # A surname shared by several persons ("mevrouw De Vries") names one of them, not known which.
    return _("[Persoon %(numbers)s of %(last)s]") % {"numbers": ", ".join(numbers[:-1]), "last": numbers[-1]}


def _person_detectors(persons: Sequence[KnownPerson], whitelist: Collection[str]) -> list[Detector]:
    detectors: list[Detector] = [_NameDetector(persons, whitelist)]
    patterns: list[tuple[str, str]] = []
    emails: list[str] = []
    for person in persons:
        patterns += [(pattern, _("[BSN]")) for pattern in _bsn_patterns(person.bsn)]
        patterns += [(pattern, _("[Telefoonnummer]")) for pattern in _phone_patterns(person.phone_numbers)]
        emails += [_email_pattern(email) for email in person.email_addresses if email.strip()]
        patterns += [(pattern, _("[Geboortedatum]")) for pattern in _date_patterns(person.birth_date)]
        patterns += [(pattern, _("[Adres]")) for pattern in _street_patterns(person.street, person.house_number)]
        patterns += [(pattern, _("[Postcode]")) for pattern in _postcode_patterns(person.postcode)]
        if _WORD.search(person.city):
            patterns.append((_NOT_LETTER_BEFORE + _spaced(person.city) + _NOT_LETTER_AFTER, _("[Woonplaats]")))
    detectors += [_regex_detector(pattern, placeholder) for pattern, placeholder in patterns]
    detectors += [_regex_detector(pattern, _("[E-mail]"), priority=_WHOLE) for pattern in emails]
    return detectors


def _generic_detectors() -> list[Detector]:
    """Identifiers of anyone, in forms deduce misses: an e-mail address in any case (taken whole, before a name in
    it), a bank account number (IBAN), a BSN written with separators (held to the elfproef), a Dutch phone number
    written with spaces, and a date with a month name (so that "5 jan 2024" is a date before "Jan" is a given
    name)."""
    bsn = r"(?<![\d.])\d(?:[\s.\-]?\d){8}(?![\d])"
    phone = r"(?<![\d+])(?:(?:\+|00)\s?31[\s\-]?(?:\(0\)[\s\-]?)?|\(?0)\d(?:[\s\-)]{0,2}\d){8}(?!\d)"
    month_date = (
        rf"(?<!\d)(?:0?[1-9]|[12]\d|3[01])(?:e|ste|de)?[\s\-.]*(?:{_ANY_MONTH}){_NOT_LETTER_AFTER}\.?"
        r"(?:[\s\-.,]*(?:\d{4}|['’`]\d{2})(?!\d))?"
    )
    iban = r"(?<![^\W_])(?-i:[A-Z]{2}\d{2}[ ]?[A-Z0-9]{4}(?:[ ]?\d{4}){2,6}(?:[ ]?\d{1,3})?)(?![^\W_])"
    return [
        _regex_detector(_ANY_EMAIL, _("[E-mail]"), priority=_WHOLE),
        _regex_detector(iban, _("[IBAN]")),
        _regex_detector(bsn, _("[BSN]"), accept=lambda found: is_bsn(re.sub(r"\D", "", found))),
        _regex_detector(phone, _("[Telefoonnummer]")),
        _regex_detector(month_date, _("[Datum]")),
    ]


def _regex_detector(
    pattern: str, placeholder: str, accept: Callable[[str], bool] | None = None, *, priority: int = _EXACT
) -> Detector:
    compiled = re.compile(pattern, re.IGNORECASE)

    def detect(text: str) -> list[_Span]:
        return [
            _Span(match.start(), match.end(), placeholder, priority)
            for match in compiled.finditer(text)
            if accept is None or accept(match.group())
        ]

    return detect


def _bsn_patterns(bsn: str) -> list[str]:
    digits = re.sub(r"\D", "", bsn)
    if not digits:
        return []
    body = _DIGIT_SEPARATOR.join(digits.lstrip("0") or digits)
    zeros = len(digits) - len(digits.lstrip("0"))
    # A BSN with leading zeros is also written without them.
    leading = f"(?:0{_DIGIT_SEPARATOR}){{0,{zeros}}}" if zeros and digits.lstrip("0") else ""
    return [rf"(?<!\d){leading}{body}(?!\d)"]


def _phone_patterns(numbers: Iterable[str]) -> list[str]:
    patterns = []
    for number in numbers:
        digits = re.sub(r"\D", "", number)
        if len(digits) < 5:
            continue
        international = number.strip().startswith("+") or digits.startswith("00")
        digits = digits[2:] if digits.startswith("00") else digits
        if international and not digits.startswith("31"):
            patterns.append(rf"(?<![\d+])(?:(?:\+|00)\s?)?{_PHONE_SEPARATOR.join(digits)}(?!\d)")
            continue
        if international:
            digits = digits[2:]
        national = digits.lstrip("0")  # without the trunk 0: "6 12345678"; "+31 (0)6" also loses its 0
        prefix = (
            rf"(?:(?:\+|00){_DIGIT_SEPARATOR}31{_DIGIT_SEPARATOR}(?:\(?\s?0\s?\)?{_DIGIT_SEPARATOR})?"
            rf"|(?:\(\s?)?0{_PHONE_SEPARATOR})?"
        )
        patterns.append(rf"(?<![\d+]){prefix}{_PHONE_SEPARATOR.join(national)}(?!\d)")
    return patterns


def _email_pattern(email: str) -> str:
    """The address in any case (the caller's flag), with or without spaces around its "@" and dots."""
    local, at, domain = email.strip().rpartition("@")
    parts = [r"\s?\.\s?".join(re.escape(part) for part in half.split(".")) for half in (local, domain)]
    body = r"\s?@\s?".join(parts) if at else re.escape(email.strip())
    return rf"(?<![\w.+\-]){body}(?![\w\-])"


def _date_patterns(birth_date: date | None) -> list[str]:
    if birth_date is None:
        return []
    day, month, year = birth_date.day, birth_date.month, birth_date.year
    d = f"0?{day}" if day < 10 else str(day)
    m = f"0?{month}" if month < 10 else str(month)
    y = rf"(?:{year}|['’`]?{year % 100:02d})"
    separator = r"(?:\s*[-/.]\s*|\s+)"
    months = "|".join(_MONTHS[month])
    return [
        rf"(?<!\d){d}{separator}{m}{separator}{y}(?!\d)",
        rf"(?<!\d){year}{separator}{m}{separator}{d}(?!\d)",
        rf"(?<!\d){day:02d}{month:02d}{year}(?!\d)",
        rf"(?<!\d){year}{month:02d}{day:02d}(?!\d)",
        # "3 april 1980", "3e apr. '80", and "3 april" alone: the birthday without its year still points to one.
        rf"(?<!\d){d}(?:e|ste|de)?[\s\-.]*(?:{months}){_NOT_LETTER_AFTER}\.?(?:[\s\-.,]*{y}(?!\d))?",
        rf"{_NOT_LETTER_BEFORE}(?:{months}){_NOT_LETTER_AFTER}\.?\s*{d}(?:e|ste|de)?,?\s*{y}(?!\d)",
    ]


def _street_patterns(street: str, house_number: str) -> list[str]:
    """The street with or without its house number, and the house number after "nummer" or "nr." without it."""
    found = re.match(r"\s*(\d+)\s*(.*)", house_number)
    number = ""
    if found:
        digits, addition = found.groups()
        addition = re.sub(r"^[\s\-/]+", "", addition)
        tail = (
            rf"(?:[\s\-/]*{_loose(addition)}{_NOT_LETTER_AFTER})?" if addition else rf"(?:-?[a-z]{_NOT_LETTER_AFTER})?"
        )
        number = rf"{digits}(?!\d){tail}"
    if not _WORD.search(street):
        return [rf"{_NOT_LETTER_BEFORE}(?:huis)?(?:nummer|nr\.?)\s*{number}"] if number else []
    names = [_spaced(street)]
    if _key(street).endswith("straat"):
        names.append(_spaced(street.rstrip()[: -len("straat")]) + r"[ \t\-]?str(?:\.|" + _NOT_LETTER_AFTER + ")")
    street_pattern = f"{_NOT_LETTER_BEFORE}(?:{'|'.join(names)})"
    if not number:
        return [street_pattern]
    return [
        street_pattern + rf"(?:[\s,]*(?:nr\.?\s*|nummer\s+)?{number})?",
        rf"{_NOT_LETTER_BEFORE}(?:huis)?(?:nummer|nr\.?)\s*{number}",
    ]


def _postcode_patterns(postcode: str) -> list[str]:
    found = re.fullmatch(r"\s*(\d{4})\s*-?\s*([A-Za-z]{2})\s*", postcode)
    if found:
        return [rf"(?<!\d){found[1]}[\s\-]*{found[2]}{_NOT_LETTER_AFTER}"]
    return [rf"(?<![\w]){_loose(postcode)}(?![\w])"] if postcode.strip() else []


def _loose(phrase: str) -> str:
    """A pattern for a phrase as people write it: any case (the caller's flag), diacritics or not, and spaces,
    hyphens, dots and apostrophes between its parts as they come."""
    parts = []
    for run in re.findall(r"[^\W_]+|[\W_]+", phrase.strip()):
        if run[0].isalnum():
            parts.append("".join(_letter(character) for character in run))
        else:
            parts.append(r"[\s.\-'’]*")
    return "".join(parts)


def _spaced(phrase: str) -> str:
    """Like `_loose`, and a long word also split by a space or hyphen anywhere ("Stations weg", "Olden-zaal")."""
    parts = []
    for run in re.findall(r"[^\W_]+|[\W_]+", phrase.strip()):
        if run[0].isalnum():
            gap = r"[ \t\-]?" if len(run) >= _SPLIT_MIN_LENGTH else ""
            parts.append(gap.join(_letter(character) for character in run))
        else:
            parts.append(r"[\s.\-'’]*")
    return "".join(parts)


def _letter(character: str) -> str:
    base = _fold(character)[:1]
    variants = _VARIANTS.get(base)
    return f"[{variants}]" if variants and character.isalpha() else re.escape(character)


class _NameDetector:
    """Finds the persons' names word by word, so that every writing of a name is caught: all given names or one,
    the call name, initials, with and without the tussenvoegsel, surname first or last, in any case, and with one
    typo in a capitalised name of five letters or more."""

    def __init__(self, persons: Sequence[KnownPerson], whitelist: Collection[str]) -> None:
        self.owners: dict[str, set[int]] = {}
        self.prefixes: dict[int, set[tuple[str, ...]]] = {}
        self.initials: dict[int, set[str]] = {}
        self.whitelist = whitelist
        for index, person in enumerate(persons):
            surname = [_key(word) for word in _WORD.findall(person.surname)]
            prefix = [_key(word) for word in _WORD.findall(person.surname_prefix)]
            # A prefix written into the surname field ("van der Vries") counts as the prefix.
            while surname and surname[0] in TUSSENVOEGSELS and len(surname) > 1:
                prefix.append(surname.pop(0))
            self.prefixes[index] = _prefix_forms(tuple(prefix))
            given = [_fold(word) for word in _WORD.findall(person.given_names)]
            call = [_fold(word) for word in _WORD.findall(person.call_name)]
            self.initials[index] = {"".join(word[0] for word in given), "".join(word[0] for word in call)} - {""}
            parts = [_key(word) for word in _WORD.findall(f"{person.given_names} {person.call_name}")]
            parts += [word for word in surname if word not in TUSSENVOEGSELS]
            # Written together: "devries", "vanderberg".
            if prefix and surname:
                parts.append("".join(prefix) + "".join(surname))
            for part in parts:
                if len(part) >= 2:
                    self.owners.setdefault(part, set()).add(index)
        self.fuzzy = [(part, owners) for part, owners in self.owners.items() if len(part) >= _FUZZY_MIN_LENGTH]

    def _owners_of(self, text: str, word: re.Match[str]) -> set[int] | None:
        key = _key(word.group())
        if key in self.owners:
            return self.owners[key]
        # The Dutch genitive and family plural: "Kevins fiets", "de Jansens".
        if key.endswith("s") and len(key) > 3 and key[:-1] in self.owners:
            return self.owners[key[:-1]]
        if (
            len(key) >= _FUZZY_MIN_LENGTH
            and word.group()[0].isupper()
            and word.group().lower() not in self.whitelist
            and not _starts_sentence(text, word.start())
        ):
            for part, owners in self.fuzzy:
                if abs(len(part) - len(key)) <= 1 and OSA.distance(part, key, score_cutoff=1) <= 1:
                    return owners
        return None

    def __call__(self, text: str) -> list[_Span]:
        if not self.owners:
            return []
        words = list(_WORD.finditer(text))
        owners = [self._owners_of(text, word) for word in words]
        spans = []
        index = floor = 0
        while index < len(words):
            if owners[index] is None:
                index += 1
                continue
            first = last = index
            found = [owners[index]]
            while (following := self._next_name(text, words, owners, last)) is not None:
                last = following
                found.append(owners[following])
            common = set.intersection(*[set(group or ()) for group in found])
            mention = common or set().union(*[group or () for group in found])
            start, initials = self._absorb_left(text, words, owners, first, floor, mention)
            end, tail_initials, mention = self._inverted_tail(text, words, owners, last, mention)
            mention = self._by_initials(initials + tail_initials, mention)
            placeholder = _person_placeholder(mention)
            spans.append(_Span(start, words[end].end(), placeholder, _EXACT, "name", frozenset(mention)))
            index = floor = end + 1
        return spans

    def _by_initials(self, initials: str, mention: set[int]) -> set[int]:
        """The persons of a mention whose given names these initials are ("J.M. de Vries" is Johanna Maria)."""
        if not initials:
            return mention
        matching = {
            person for person in mention if any(form.startswith(initials.lower()) for form in self.initials[person])
        }
        return matching or mention

    def _inverted_tail(
        self, text: str, words: list[re.Match[str]], owners: list[set[int] | None], last: int, mention: set[int]
    ) -> tuple[int, str, set[int]]:
        """The surname first: "Vries, J.M. de" or "Vries, Johanna de". Returns the last word of the name, the
        initials it has and the persons it can be."""
        position = last + 1
        if position >= len(words) or not re.fullmatch(r"\s*,\s*", text[words[last].end() : words[position].start()]):
            return last, "", mention
        end, initials, persons = last, "", set(mention)
        while position < len(words) and (position == last + 1 or _joins(text, words[position - 1], words[position])):
            word, group = words[position].group(), owners[position]
            if group is not None and persons & group:
                persons &= group
            elif _is_initial(word):
                initials += word
            else:
                break
            end = position
            position += 1
        chain: list[str] = []
        prefixed = False
        while (
            end > last
            and position < len(words)
            and _joins(text, words[position - 1], words[position])
            and _key(words[position].group()) in TUSSENVOEGSELS
        ):
            chain.append(_key(words[position].group()))
            if any(tuple(chain) in self.prefixes[person] for person in persons):
                end, prefixed = position, True
            position += 1
        # Only initials or a trailing tussenvoegsel tell this form from a list ("mevrouw De Vries, Kevin en oma").
        if not (initials or prefixed):
            return last, "", mention
        return end, initials, persons

    def _next_name(self, text: str, words: list[re.Match[str]], owners: list[set[int] | None], last: int) -> int | None:
        """The next word that continues this name, across a tussenvoegsel of that person or initials."""
        between: list[str] = []
        position = last + 1
        while position < len(words) and _joins(text, words[position - 1], words[position]):
            group = owners[position]
            if group is not None:
                initials = 0
                while initials < len(between) and _is_initial(between[initials]):
                    initials += 1
                prefix = tuple(_key(word) for word in between[initials:])
                if not prefix or any(prefix in self.prefixes[person] for person in group):
                    return position
                return None
            word = words[position].group()
            if not (_key(word) in TUSSENVOEGSELS or _is_initial(word)):
                return None
            between.append(word)
            position += 1
        return None

    def _absorb_left(
        self,
        text: str,
        words: list[re.Match[str]],
        owners: list[set[int] | None],
        first: int,
        floor: int,
        mention: set[int],
    ) -> tuple[int, str]:
        """Where the name starts, before its person's tussenvoegsel and any initials ("J.P. van der Vries") but not
        in the name before it, and the initials."""
        start_word = first
        chain: list[int] = []
        position = first - 1
        while (
            position >= floor
            and owners[position] is None
            and _key(words[position].group()) in TUSSENVOEGSELS
            and _joins(text, words[position], words[position + 1])
        ):
            chain.insert(0, position)
            position -= 1
        for offset in range(len(chain)):
            form = tuple(_key(words[word].group()) for word in chain[offset:])
            if any(form in self.prefixes[person] for person in mention):
                start_word = chain[offset]
                break
        position = start_word - 1
        initials = ""
        while (
            position >= floor
            and _is_initial(words[position].group())
            and _joins(text, words[position], words[position + 1])
        ):
            initials = words[position].group() + initials
            start_word = position
            position -= 1
        start = words[start_word].start()
        if start > 0 and text[start - 1] in "'’" and _key(words[start_word].group()) in {"t", "s"}:
            start -= 1
        return start, initials


def _is_initial(word: str) -> bool:
    return len(word) == 1 and word.isupper()


def _joins(text: str, left: re.Match[str], right: re.Match[str]) -> bool:
    """Whether two words can be parts of one name: a dot between them only after an initial ("J. de Vries")."""
    gap = text[left.end() : right.start()]
    return bool(_NAME_GAP.match(gap)) and ("." not in gap or len(left.group()) == 1)


def _starts_sentence(text: str, start: int) -> bool:
    """Whether a word begins a sentence, where ordinary words are capitalised too; not after "mw." or "J."."""
    position = start
    while position > 0 and text[position - 1] in " \t\u00a0\"'“‘(":
        position -= 1
    if position == 0 or text[position - 1] in "!?:;\n":
        return True
    if text[position - 1] != ".":
        return False
    word_start = position - 1
    while word_start > 0 and text[word_start - 1].isalpha():
        word_start -= 1
    word = text[word_start : position - 1]
    return not (len(word) == 1 or _key(word) in _ABBREVIATIONS)


def _prefix_forms(prefix: tuple[str, ...]) -> set[tuple[str, ...]]:
    """The ways a tussenvoegsel is written: in full, and "v.d." or "vd" for "van de(r/n)", "v." for "van"."""
    if not prefix:
        return set()
    forms = {prefix}
    if prefix[0] == "van":
        forms.add(("v", *prefix[1:]))
        if len(prefix) == 2 and prefix[1] in {"de", "der", "den"}:
            forms |= {("v", "d"), ("vd",)}
    return forms
