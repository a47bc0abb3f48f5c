"""Reading raw files: encodings, byte-order marks, and refusing what is not text."""

from __future__ import annotations

import codecs
import random
from pathlib import Path

import pytest

from outline_corpus.errors import InputFileError, OutlineCorpusError
from outline_corpus.rawtext import decode_bytes, read_raw

REAL_RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
ZH_FILE = REAL_RAW / "outline-zh-xinhua.txt"


def zh_lines(n: int) -> str:
    """The first ``n`` non-blank lines of the real Chinese text, one per line."""
    lines = [line for line in ZH_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]
    return "\n".join(lines[:n]) + "\n"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def refused(path: Path) -> InputFileError:
    """The :class:`InputFileError` that reading ``path`` raises; it names the path."""
    with pytest.raises(InputFileError) as info:
        read_raw(path)
    err = info.value
    assert err.path == str(path)
    assert str(err).startswith(f"{path}: ")
    assert str(err) == f"{path}: {err.reason}"
    assert "\n" not in str(err)
    assert isinstance(err, OutlineCorpusError)
    return err


# -- text that is read ---------------------------------------------------------------------
def test_utf8_is_read_verbatim(tmp_path: Path) -> None:
    text = "一、形势背景\r\nFirst, the situation — “quoted”\u00a0end.\n"
    raw = read_raw(write(tmp_path, "a.txt", text.encode("utf-8")))
    assert raw.encoding == "utf-8"
    assert raw.text == text
    assert raw.path == str(tmp_path / "a.txt")


def test_read_raw_accepts_str_path(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", b"hello\n")
    assert read_raw(str(path)).text == "hello\n"


def test_utf8_bom_is_dropped_so_offsets_index_the_text(tmp_path: Path) -> None:
    text = "一、形势背景\n质量是人类生产生活的重要保障。\n"
    raw = read_raw(write(tmp_path, "bom.txt", codecs.BOM_UTF8 + text.encode("utf-8")))
    assert raw.encoding == "utf-8-sig"
    assert raw.text == text
    assert not raw.text.startswith("\ufeff")
    assert raw.text[0:2] == "一、"
    assert raw.text.index("质量") == 7


def test_real_files_are_utf8() -> None:
    for path in sorted(REAL_RAW.glob("*.txt")):
        raw = read_raw(path)
        assert raw.encoding == "utf-8", path
        assert raw.text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("codec", ["gbk", "gb18030"])
def test_chinese_legacy_encoding_is_detected(tmp_path: Path, codec: str) -> None:
    text = zh_lines(6)
    data = text.encode(codec)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    raw = read_raw(write(tmp_path, f"{codec}.txt", data))
    assert raw.text == text
    assert raw.encoding == "gb18030"  # the superset of GBK that detection names


def test_whole_chinese_file_in_gbk_is_detected(tmp_path: Path) -> None:
    text = ZH_FILE.read_text(encoding="utf-8")
    raw = read_raw(write(tmp_path, "zh-gbk.txt", text.encode("gbk")))
    assert (raw.encoding, raw.text) == ("gb18030", text)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom_is_decoded(tmp_path: Path, codec: str) -> None:
    text = zh_lines(3) + "Outline for Building a Strong Quality Country\n"
    bom = {"utf-16": b"", "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}
    raw = read_raw(write(tmp_path, "u16.txt", bom[codec] + text.encode(codec)))
    assert raw.encoding == "utf-16"
    assert raw.text == text
    assert not raw.text.startswith("\ufeff")


def test_utf32_with_bom_is_decoded(tmp_path: Path) -> None:
    text = "二、总体要求\nGeneral requirements\n"
    raw = read_raw(write(tmp_path, "u32.txt", text.encode("utf-32")))
    assert (raw.encoding, raw.text) == ("utf-32", text)


def test_windows_1252_english_is_detected(tmp_path: Path) -> None:
    text = "“Quality first” — the Outline’s aim.\nThe country’s “brand” matters.\n" * 3
    raw = read_raw(write(tmp_path, "cp1252.txt", text.encode("cp1252")))
    assert (raw.encoding, raw.text) == ("cp1252", text)


def test_latin1_text_is_detected_not_misread_as_central_european(tmp_path: Path) -> None:
    text = "Le café est très bon. Ça va? Élève, garçon.\n" * 3
    raw = read_raw(write(tmp_path, "latin1.txt", text.encode("latin-1")))
    assert raw.text == text
    assert raw.encoding == "cp1252"


def test_decode_bytes_names_the_given_path() -> None:
    raw = decode_bytes(b"abc\n", "some/where.txt")
    assert (raw.path, raw.text, raw.encoding) == ("some/where.txt", "abc\n", "utf-8")


# -- empty -----------------------------------------------------------------------------------
@pytest.mark.parametrize("data", [
    b"",
    b"   \n\t\r\n  \n",
    codecs.BOM_UTF8,
    codecs.BOM_UTF8 + b" \n",
    " \n\u3000\n".encode("utf-16"),
    "\u00a0\u3000 \n".encode(),
], ids=["zero-bytes", "ascii-blanks", "utf8-bom-only", "utf8-bom-blank", "utf16-blank",
        "unicode-blanks"])
def test_empty_or_blank_file_is_refused(tmp_path: Path, data: bytes) -> None:
    err = refused(write(tmp_path, "empty.txt", data))
    assert err.reason == "empty file"


# -- binary ----------------------------------------------------------------------------------
def test_png_is_refused_as_binary(tmp_path: Path) -> None:
    rng = random.Random(1)
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rng.randrange(256) for _ in range(512))
    err = refused(write(tmp_path, "image.txt", data))
    assert err.reason == "binary file (contains NUL bytes), not text"
    assert "binary" in str(err)


def test_utf16_without_bom_is_refused_as_binary(tmp_path: Path) -> None:
    err = refused(write(tmp_path, "u16.txt", "plain English text\n".encode("utf-16-le")))
    assert err.reason == "binary file (contains NUL bytes), not text"


def test_control_characters_are_refused_as_binary(tmp_path: Path) -> None:
    data = b"\x1b[31mred\x1b[0m \x07\x08 terminal junk\x01\x02\n" * 5
    err = refused(write(tmp_path, "tty.txt", data))
    assert err.reason == "binary file (control characters), not text"


def test_delete_and_c1_controls_count_as_binary(tmp_path: Path) -> None:
    err = refused(write(tmp_path, "del.txt", ("abc\x7f\u0085\u009b" * 20).encode()))
    assert err.reason == "binary file (control characters), not text"


def test_a_few_controls_are_tolerated(tmp_path: Path) -> None:
    text = "x" * 200 + "\x0c\x0b" + "\n"  # form feed is allowed, one vertical tab in 203
    assert read_raw(write(tmp_path, "ff.txt", text.encode())).text == text


def test_bom_with_invalid_utf16_is_refused(tmp_path: Path) -> None:
    err = refused(write(tmp_path, "bad16.txt", codecs.BOM_UTF16_LE + b"\x00\xd8a"))
    assert err.reason == "not valid utf-16 despite its byte-order mark (byte 2)"


def test_bom_with_invalid_utf8_is_refused(tmp_path: Path) -> None:
    err = refused(write(tmp_path, "bad8.txt", codecs.BOM_UTF8 + b"abc \xff\xfe\n"))
    assert err.reason == "not valid utf-8 despite its byte-order mark (byte 7)"


def test_bom_with_invalid_utf32_is_refused(tmp_path: Path) -> None:
    data = codecs.BOM_UTF32_LE + b"a\x00\x00\x00" + b"\x00\x00\x11\x00"
    err = refused(write(tmp_path, "bad32.txt", data))
    assert err.reason == "not valid utf-32 despite its byte-order mark (byte 8)"


# -- undecodable -----------------------------------------------------------------------------
UNDETECTABLE = "encoding cannot be detected confidently; convert it to UTF-8"


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("size,low", [(8, 0x80), (16, 0x80), (24, 0x80), (64, 0x80),
                                      (400, 0x80), (400, 0x20), (2000, 0x20)])
def test_random_high_bytes_are_refused(tmp_path: Path, seed: int, size: int, low: int) -> None:
    rng = random.Random(seed * 1000 + size + low)
    data = bytes([0xFF]) + bytes(rng.randrange(low, 256) for _ in range(size - 1))
    err = refused(write(tmp_path, "noise.txt", data))
    assert err.reason == f"not UTF-8 (invalid byte at offset 0) and its {UNDETECTABLE}"


def test_short_chinese_legacy_text_is_not_guessed(tmp_path: Path) -> None:
    # Six Chinese characters (12 bytes) are too little evidence to trust a detection;
    # 一 is D2 BB in GBK, which happens to be valid UTF-8, so the first bad byte is 2.
    err = refused(write(tmp_path, "short.txt", "一、形势背景\n".encode("gbk")))
    assert err.reason == f"not UTF-8 (invalid byte at offset 2) and its {UNDETECTABLE}"


def test_undecodable_message_gives_first_bad_byte(tmp_path: Path) -> None:
    # 0x81, 0x8D, 0x8F are undefined in Windows-1252 and control characters in Latin-1.
    err = refused(write(tmp_path, "cut.txt", b"plain ascii then \x81\x8d\x8f\n"))
    assert err.reason == f"not UTF-8 (invalid byte at offset 17) and its {UNDETECTABLE}"


@pytest.mark.parametrize("name,valid", [("press-conference-2023-02-16-en.txt", 74),
                                        ("outline-en-b-brand-association.txt", 14)])
def test_damaged_utf8_is_refused_not_read_as_windows_1252(tmp_path: Path, name: str,
                                                          valid: int) -> None:
    data = bytearray((REAL_RAW / name).read_bytes())
    data[100] = 0xFF
    err = refused(write(tmp_path, name, bytes(data)))
    assert err.reason == (f"damaged UTF-8: 1 invalid byte sequence(s), the first at byte "
                          f"100, among {valid} valid non-ASCII characters")


def test_chinese_utf8_missing_a_byte_is_refused_as_damaged(tmp_path: Path) -> None:
    data = ZH_FILE.read_bytes()
    assert data[:5] == b"\n\n\xe4\xb8\xad"  # 中
    err = refused(write(tmp_path, "cut-zh.txt", data[:3] + data[4:]))
    assert err.reason == ("damaged UTF-8: 1 invalid byte sequence(s), the first at byte 2, "
                          "among 10429 valid non-ASCII characters")


# -- not a readable file ---------------------------------------------------------------------
def test_missing_file(tmp_path: Path) -> None:
    err = refused(tmp_path / "nope.txt")
    assert err.reason == "file not found"


def test_directory(tmp_path: Path) -> None:
    (tmp_path / "dir.txt").mkdir()
    err = refused(tmp_path / "dir.txt")
    assert err.reason == "is a directory, not a text file"


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "secret.txt", b"text\n")

    def denied(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", denied)
    err = refused(path)
    assert err.reason == "cannot be read (Permission denied)"
