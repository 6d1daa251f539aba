"""Bytes to text: files and HTTP bodies alike.

Bytes are decoded as UTF-8 first and then by charset detection, so legacy
Windows-1252/Latin-1 files come out right; HTTP bodies also weigh the charset their
headers or markup declare (``decode_body``). Binary content is refused with a reason.
"""

from __future__ import annotations

import codecs
import re

# Share of control characters (other than tab/newline/CR/FF) above which decoded
# content is treated as binary rather than text.
_MAX_CONTROL_SHARE = 0.01

# Non-ASCII characters cp1252 text of English-language news is made of, besides
# Latin letters; and how dense they may be before another code page is likelier.
_CP1252_TYPOGRAPHIC = frozenset("\u2018\u2019\u201a\u201c\u201d\u201e\u2013\u2014\u2026\u2022\u20ac\u00a3\u00a5"
                                "\u00a9\u00ae\u2122\u00b0\u00a0\u00b7\u00bd\u00bc\u00be\u00a7\u00b1\u00d7\u2020\u2021")
_MAX_CP1252_SHARE = 0.1


class DecodeError(ValueError):
    """Bytes that are not usable text; the message is the user-facing reason."""


def decode_bytes(data: bytes) -> str:
    """Decode file bytes to text: UTF-8 (with or without BOM), then charset detection.

    Raises ``DecodeError`` for binary content (NUL bytes, control characters) or
    bytes that no encoding explains.
    """
    return decode_with_note(data)[0]


def decode_with_note(data: bytes) -> tuple[str, str | None]:
    """``decode_bytes`` and what the user should be told about it (None: nothing).

    Text that is UTF-8 but for a few invalid bytes is decoded as UTF-8 with those bytes
    replaced (U+FFFD), and the note says how many: a legacy code page would turn every
    valid multi-byte character of it into mojibake.
    """
    # UTF-16/32 legitimately contain NUL bytes, but only with a BOM do we trust it.
    for bom, codec in ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                       (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):  # fmt: skip
        if data.startswith(bom):
            try:
                return check_text(data.decode(codec)), None
            except UnicodeDecodeError as exc:
                raise DecodeError(f"not decodable as {codec} despite its byte-order mark") from exc
    if b"\x00" in data:
        hint = " (UTF-16 without a byte-order mark?)" if _looks_like_utf16(data) else ""
        raise DecodeError(f"binary content (contains NUL bytes), not text{hint}")
    try:
        return check_text(data.decode("utf-8-sig")), None
    except UnicodeDecodeError:
        pass
    mostly_utf8 = _mostly_utf8(data)
    if mostly_utf8 is not None:
        text, replaced = mostly_utf8
        return check_text(text), f"not valid UTF-8: {replaced} invalid byte(s) replaced by U+FFFD"
    return check_text(_detect_and_decode(data)), None


def _looks_like_utf16(data: bytes) -> bool:
    """Every other byte NUL: UTF-16 text of a Latin script, saved without a byte-order mark."""
    sample = data[:4000]
    return len(sample) >= 4 and (sample[1::2].count(0) > 0.8 * len(sample[1::2])
                                 or sample[0::2].count(0) > 0.8 * len(sample[0::2]))  # fmt: skip


def _mostly_utf8(data: bytes) -> tuple[str, int] | None:
    """The UTF-8 reading of bytes with a few invalid ones, and how many were replaced.

    Bytes of a legacy single-byte code page almost never form valid UTF-8 sequences;
    when valid multi-byte characters outnumber the invalid bytes, the text is UTF-8
    that was damaged (a truncated copy, one pasted Windows quote), not a legacy file.
    """
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd") - data.count("\ufffd".encode())
    valid = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    return (text, replaced) if 0 < replaced <= valid else None


def _looks_like_cp1252(data: bytes) -> str | None:
    """The cp1252 reading of mostly-ASCII bytes whose few other characters are typographic.

    Windows-1252 is by far the commonest legacy encoding of English news, but on a
    short text with a handful of curly quotes a statistical detector cannot tell it
    from DOS/Mac code pages. When cp1252 turns every non-ASCII byte into a curly
    quote, dash, currency sign or Latin-1 letter, and such bytes are rare (text in a
    Cyrillic or Greek code page is dense with them), cp1252 is the reading.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    others = [ch for ch in text if ord(ch) > 0x7F]
    if not others or len(others) > _MAX_CP1252_SHARE * len(text):
        return None
    if all(ch in _CP1252_TYPOGRAPHIC or ch.isalpha() and ord(ch) < 0x250 for ch in others):
        return text
    return None


def _detect_and_decode(data: bytes) -> str:
    """Decode non-UTF-8 bytes: cp1252 when it plainly fits, else what charset-normalizer finds."""
    from charset_normalizer import from_bytes

    cp1252 = _looks_like_cp1252(data)
    if cp1252 is not None:
        return cp1252

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise DecodeError("undecodable: not UTF-8 and no text encoding detected")
    encoding = best.encoding
    # Text written on Windows with curly quotes is cp1252; detectors sometimes name
    # a sibling single-byte code page. cp1252 is the better reading when it decodes
    # and the detected page would put C1 control characters where cp1252 has quotes.
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise DecodeError(f"undecodable: detected {encoding} but decoding failed") from exc
    if any("\x80" <= ch <= "\x9f" for ch in text):
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    return text


def check_text(text: str) -> str:
    """Reject decoded content that is mostly control characters (binary data)."""
    if not text:
        return text
    controls = sum(1 for ch in text if (ch < " " and ch not in "\t\n\r\f") or ch == "\x7f")
    if "\x00" in text or controls / len(text) > _MAX_CONTROL_SHARE:
        raise DecodeError("binary content (control characters), not text")
    return text


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
_CHARSET_PARAM = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)
# Labels browsers read as windows-1252 (the WHATWG Encoding standard): pages declaring
# them are cp1252 in practice, curly quotes included.
_AS_CP1252 = frozenset({"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii", "iso8859-1", "l1", "cp819"})


def declared_charset(body: bytes, content_type: str) -> str | None:
    """The charset the response header, an XML declaration or a meta tag names, if Python knows it."""
    candidates = []
    header = _CHARSET_PARAM.search(content_type or "")
    if header:
        candidates.append(header.group(1))
    head = body[:4096]
    for pattern in (_XML_ENCODING, _META_CHARSET):
        m = pattern.search(head)
        if m:
            candidates.append(m.group(1).decode("ascii", "replace"))
    for name in candidates:
        name = name.strip().lower()
        if name in _AS_CP1252:
            return "cp1252"
        try:
            return codecs.lookup(name).name
        except LookupError:
            continue
    return None


def decode_body(body: bytes, content_type: str = "") -> str:
    """A response body as text, whatever its declared charset says.

    UTF-8 that decodes cleanly is UTF-8 (a legacy-encoded page with non-ASCII bytes is
    almost never valid UTF-8, and servers often label UTF-8 pages Latin-1); otherwise
    the charset the header or the document declares, if the bytes decode in it;
    otherwise the detection local files get. Raises DecodeError for binary content.
    """
    declared = declared_charset(body, content_type)
    if declared and declared != "utf-8":
        try:
            body.decode("utf-8")
        except UnicodeDecodeError:
            try:
                return check_text(body.decode(declared))
            except UnicodeDecodeError:
                pass
    return decode_bytes(body)


