"""Parser for transcripts (press conferences): a headline, an introduction, then speaker
turns (speaker, role, kind: host, question, answer or statement) and page furniture."""

from __future__ import annotations

import re
from dataclasses import dataclass

from outline_corpus.errors import StructureError
from outline_corpus.model import Document, DocumentMeta, FrontMatter, Paragraph, Turn
from outline_corpus.parse.blocks import BlockReader, Line, scan_lines
from outline_corpus.parse.front import classify
from outline_corpus.parse.grammar import grammar_for
from outline_corpus.parse.locate import with_diagnostics
from outline_corpus.parse.noise import noise_issues
from outline_corpus.parse.progress import STRUCTURE, Tracker
from outline_corpus.parse.units import SentenceMaker

#: One syllable of Hanyu Pinyin (no tones), used to recognise Chinese personal names.
_SYLLABLE = (r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ueng|ang|eng|ing|ong|"
             r"uai|uan|iao|ian|ai|ei|ao|ou|an|en|er|in|un|ia|ie|iu|ua|uo|ui|ue|ve|a|o|e|i|u|v)")
_PINYIN_WORD = re.compile(rf"(?:{_SYLLABLE}){{1,2}}")
_NAME = re.compile(r"\b(?=([A-Z][a-z]+) ([A-Z][a-z]+)\b)")
_QUESTIONER = re.compile(r"\b(reporter|journalist|correspondent|记者)\b", re.IGNORECASE)
_HOST = re.compile(r"\b(spokesperson|spokesman|host|moderator|主持)", re.IGNORECASE)
#: A speaker line is at most this many words and ends with a colon.
SPEAKER_MAX_WORDS = 40


def is_pinyin_name(surname: str, given: str) -> bool:
    """Whether ``surname given`` reads as a Chinese name in Pinyin (``Tian Shihong``)."""
    return bool(re.fullmatch(_SYLLABLE, surname.lower())
                and _PINYIN_WORD.fullmatch(given.lower()))


def find_name(text: str) -> re.Match[str] | None:
    """The first Pinyin personal name in ``text``."""
    for m in _NAME.finditer(text):
        if is_pinyin_name(m.group(1), m.group(2)):
            return m
    return None


def _name_span(m: re.Match[str]) -> tuple[int, int]:
    return m.start(1), m.end(2)


def is_speaker_line(text: str) -> bool:
    body = text[:-1].strip()
    return (text[-1] in ":：" and bool(body) and len(body.split()) <= SPEAKER_MAX_WORDS
            and not re.search(r"[.!?。！？]\s", body))


@dataclass(frozen=True)
class Speaker:
    """Who speaks a turn, as read from the speaker line."""

    name: str
    role: str
    kind: str  # host, question or other


def read_speaker(text: str, roles: dict[str, str]) -> Speaker:
    """Speaker of a speaker line; ``roles`` maps names to roles seen in fuller lines."""
    body = text[:-1].strip()
    if _QUESTIONER.search(body):
        return Speaker(body, "reporter", "question")
    m = find_name(body)
    if m is None:
        return Speaker(body, "", "host" if _HOST.search(body) else "other")
    start, end = _name_span(m)
    name = body[start:end]
    role = re.sub(r"\s+", " ", body[:start] + body[end:]).strip(" ,;")
    role = role or roles.get(name, "")
    return Speaker(name, role, "host" if _HOST.search(role) else "other")


def parse_transcript(meta: DocumentMeta, raw: str, path: str, semicolon: bool = False, *,
                     tracker: Tracker | None = None) -> Document:
    """Parse a transcript, its progress told to ``tracker``. Raises
    :class:`StructureError` if it has no speaker lines."""
    g = grammar_for(meta.language)
    maker = SentenceMaker(raw, meta.language, g.joiner, semicolon, tracker)
    lines = scan_lines(raw)
    cut = BlockReader(raw, g).back_matter(lines)
    body, tail = lines[:cut], lines[cut:]
    marks = [k for k, line in enumerate(body) if is_speaker_line(line.text)]
    if not marks:
        raise StructureError(path, "no speaker lines (\"Name:\") found; not a transcript "
                                   "this parser recognises")
    if tracker is not None:
        tracker.reach(STRUCTURE)
    head = body[:marks[0]]
    n_front = 0
    while n_front < len(head) and classify(head[n_front].text, g) != "preface":
        n_front += 1
    front = [_block(maker, f"{meta.id}/front-{k}", k, line, classify(line.text, g))
             for k, line in enumerate(head[:n_front], 1)]
    back = [_block(maker, f"{meta.id}/back-{k}", k, line, "back-matter")
            for k, line in enumerate(tail, 1)]
    preamble = []
    n = 1
    for k, line in enumerate(head[n_front:], 1):
        para = maker.paragraph(((line.start, line.end),), f"{meta.id}/preamble", k, n)
        preamble.append(para)
        n += len(para.sentences)

    doc = Document(meta=meta, text=raw, front_matter=tuple(front), preamble=tuple(preamble),
                   turns=tuple(_turns(maker, meta.id, body, marks)), back_matter=tuple(back))
    return with_diagnostics(doc, noise_issues(doc, tracker))


def _turns(maker: SentenceMaker, doc_id: str, body: list[Line], marks: list[int]
           ) -> list[Turn]:
    """The turns of ``body`` whose speaker lines are at ``marks``; each answer names the
    question it responds to."""
    roles: dict[str, str] = {}
    for k in marks:
        sp = read_speaker(body[k].text, {})
        if sp.role and sp.name not in roles:
            roles[sp.name] = sp.role
    turns: list[Turn] = []
    question: str | None = None
    host: str | None = None
    for t, k in enumerate(marks, 1):
        label = body[k]
        end = marks[t] if t < len(marks) else len(body)
        sp = read_speaker(label.text, roles)
        prefix = f"{doc_id}/turn-{t}"
        paras: list[Paragraph] = []
        first = 1
        for p, line in enumerate(body[k + 1:end], 1):
            para = maker.paragraph(((line.start, line.end),), prefix, p, first)
            paras.append(para)
            first += len(para.sentences)
        if host is None and sp.kind == "host":
            host = sp.name
        responds = None
        if sp.kind == "question":
            kind, question = "question", prefix
        elif sp.kind == "host" or sp.name == host:
            kind, question = "host", None
        elif question is not None:
            kind, responds = "answer", question
        else:
            kind = "statement"
        last = paras[-1].end if paras else label.end
        turns.append(Turn(prefix, t, sp.name, sp.role, kind, (label.start, label.end),
                          label.start, last, tuple(paras),
                          tuple(s for para in paras for s in para.sentences), responds))
    return turns


def _block(maker: SentenceMaker, prefix: str, index: int, line: Line, kind: str) -> FrontMatter:
    span = ((line.start, line.end),)
    return FrontMatter(prefix, index, kind, line.text, span,
                       tuple(maker.sentences(span, prefix, 1)))
