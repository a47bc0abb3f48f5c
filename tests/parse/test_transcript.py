from collections import Counter

from outline_corpus.model import Document
from outline_corpus.parse.transcript import find_name, is_pinyin_name, read_speaker


def test_press_conference_turns(corpus: dict[str, Document]) -> None:
    doc = corpus["press-conference.en"]
    assert len(doc.turns) == 24
    assert Counter(t.kind for t in doc.turns) == {"question": 10, "answer": 10, "host": 3,
                                                  "statement": 1}
    assert [t.speaker for t in doc.turns if t.kind in ("answer", "statement")] == [
        "Tian Shihong", "Tian Shihong", "Huang Guoliang", "Gong Zhenzhi", "Bi Kaichun",
        "Tian Shihong", "Duan Yongsheng", "Huang Guoliang", "Gong Zhenzhi", "Duan Yongsheng",
        "Tian Shihong"]
    assert doc.turns[0].speaker == "Xing Huina"
    assert doc.turns[0].role == ("Deputy Director and Spokesperson of the News Bureau of the "
                                 "State Council Information Office")
    assert doc.turns[4].responds_to == "press-conference.en/turn-4"
    assert doc.turns[3].speaker == "Xinhua News Agency reporter"
    assert [f.kind for f in doc.front_matter] == ["headline"]
    assert doc.preamble[0].text.startswith("The State Council Information Office held a press")
    assert [f.text for f in doc.back_matter][1:] == ["Related Downloads", "Related News",
                                                     "undefined", "undefined"]
    assert any("eleven parts and thirty-two articles" in s.text for s in doc.turns[1].sentences)


def test_speaker_lines() -> None:
    assert is_pinyin_name("Bi", "Kaichun") and not is_pinyin_name("State", "Council")
    m = find_name("Director Bi Kaichun of the Science and Technology Department:")
    assert m is not None and (m.group(1), m.group(2)) == ("Bi", "Kaichun")
    sp = read_speaker("Gong Zhenzhi:", {"Gong Zhenzhi": "Person in charge"})
    assert (sp.name, sp.role, sp.kind) == ("Gong Zhenzhi", "Person in charge", "other")
    sp = read_speaker("The Paper reporter:", {})
    assert (sp.name, sp.role, sp.kind) == ("The Paper reporter", "reporter", "question")
