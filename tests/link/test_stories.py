"""Stories: reports of one event across outlets (texts written for these tests)."""

from __future__ import annotations

from claimwatch.link.stories import find_stories
from claimwatch.link.talking_points import find_talking_points
from claimwatch.model import Document
from tests.records import document

FLOOD_A = (
    "Officials in the river province said on Sunday that floods had damaged 1,240 homes and 37.5 kilometres of roads.\n\n"
    "The governor told reporters the water level at the main dam reached a record height overnight.\n\n"
    "Rescue teams evacuated villagers from low-lying farms along the river banks by boat."
)
FLOOD_B = (
    "Floods in the river province have damaged 1,240 homes, the provincial governor announced on Sunday.\n\n"
    "About 37.5 kilometres of roads were washed away as the dam overflowed after days of heavy rain.\n\n"
    "Boats carried villagers from flooded farms to shelters in the provincial capital."
)
CHESS = (
    "A teenage player won the national chess championship after a tense final game on Saturday.\n\n"
    "She defeated the defending champion with a bold queen sacrifice in the endgame.\n\n"
    "The federation said the next tournament will be held in the mountain resort town in spring."
)
RECAP = (
    "The city orchestra opened its winter season with a programme of new symphonies by young composers.\n\n"
    "Critics praised the string section and the conductor for a confident and lively performance.\n\n"
    "The hall was full and the audience stood to applaud the final movement for several minutes.\n\n"
    "Weeks ago, floods in the river province damaged 1,240 homes and washed away 37.5 kilometres of roads "
    "after the dam overflowed, and boats carried villagers from flooded farms."
)


def docs() -> list[Document]:
    return [document("flood_a", FLOOD_A), document("flood_b", FLOOD_B), document("chess", CHESS)]


def test_same_event_grouped_whole_documents() -> None:
    stories = find_stories(docs())
    assert len(stories) == 1
    story = stories[0]
    assert story.docs == ("flood_a", "flood_b")
    for passage in story.passages:
        assert (passage.start, passage.end) == (0, len(FLOOD_A if passage.doc == "flood_a" else FLOOD_B))
    assert story.label


def test_unrelated_documents_are_not_grouped() -> None:
    other = document("chess2", CHESS.replace("teenage", "young").replace("Saturday", "Sunday"))
    unrelated = [document("flood_a", FLOOD_A), document("orchestra", RECAP.split("\n\nWeeks ago")[0])]
    assert find_stories(unrelated) == []
    assert [s.docs for s in find_stories([*unrelated, other, document("chess", CHESS)])] == [("chess", "chess2")]


def test_recap_passage_links_only_the_tail() -> None:
    stories = find_stories([document("flood_a", FLOOD_A), document("concert", RECAP)])
    assert len(stories) == 1
    passage = next(p for p in stories[0].passages if p.doc == "concert")
    assert RECAP[passage.start :].startswith("Weeks ago")
    assert passage.end == len(RECAP)


def test_talking_points_as_signal_do_not_break_grouping() -> None:
    documents = docs()
    stories = find_stories(documents, find_talking_points(documents))
    assert [s.docs for s in stories] == [("flood_a", "flood_b")]


# --- second round: month recaps, transliterated names, one shared figure, link_corpus -------------
MILL_A = (
    "Miller Reza Ghaffari told farmers at the valley cooperative on Tuesday that flour output had recovered.\n\n"
    "Ghaffari said the cooperative would reopen two stone mills that had stood idle since the drought.\n\n"
    "He added that wheat deliveries from the upper terraces had risen by 18 percent this season.\n\n"
    "The cooperative plans a harvest fair for members and their families in the autumn."
)
MILL_B = (
    "Reza Qaffari, head of the valley cooperative, says flour production has recovered.\n\n"
    "Qaffari spoke on Tuesday in the market square, where he promised growers two more grinding sites.\n\n"
    "Grain arriving from the upper terraces rose 18 percent, he told the crowd.\n\n"
    "Members asked about storage for the coming winter and the price of seed."
)
LIBRARY = (
    "The town library extended its opening hours for students preparing for spring examinations.\n\n"
    "Volunteers catalogued a donated collection of atlases and old maritime charts during the winter.\n\n"
    "Visits rose by 18 percent after the reading room was repainted and new lamps were installed.\n\n"
    "In March, Reza Ghaffari told farmers at the valley cooperative that two idle stone mills would "
    "reopen and that flour output had recovered after the drought, with wheat deliveries up."
)


def test_transliterated_names_and_one_shared_figure_link_a_story() -> None:
    # little shared wording: the name (Ghaffari/Qaffari) and the figure carry the link
    library = LIBRARY.split("\n\nIn March")[0]
    documents = [document("mill_a", MILL_A), document("mill_b", MILL_B), document("chess", CHESS),
                 document("flood_a", FLOOD_A), document("library", library)]
    stories = find_stories(documents)
    assert [s.docs for s in stories] == [("mill_a", "mill_b")]


def test_shared_figure_alone_does_not_link_unrelated_reports() -> None:
    head = LIBRARY.split("\n\nIn March")[0]
    assert find_stories([document("mill_a", MILL_A), document("library", head)]) == []


def test_month_recap_links_only_the_closing_passage() -> None:
    stories = find_stories([document("mill_a", MILL_A), document("library", LIBRARY)])
    assert len(stories) == 1
    passage = next(p for p in stories[0].passages if p.doc == "library")
    assert LIBRARY[passage.start :].startswith("In March,")


def test_link_corpus_returns_points_and_stories() -> None:
    from claimwatch.link.stories import link_corpus

    documents = docs()
    points, stories = link_corpus(documents)
    assert points == find_talking_points(documents)
    assert [s.docs for s in stories] == [("flood_a", "flood_b")]
