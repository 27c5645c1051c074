"""Locations and citation labels rendered in the document's own style."""

import pytest

from analogreg.model import (
    Article,
    Item,
    Law,
    Location,
    Paragraph,
    Sentence,
    SupplProvision,
    citation_label,
    finalize,
    join_sentences,
)


@pytest.mark.parametrize(
    ("loc", "style", "single", "label"),
    [
        (
            Location(article="77_28", paragraph="2", item="1"),
            "kanji",
            False,
            "第七十七条の二十八第二項第一号",
        ),
        (Location(article="77_28", paragraph="2", item="1"), "arabic", False, "第77条の28第2項第1号"),
        (Location(article="3", paragraph="1", item="1"), "arabic", True, "第3条第1号"),
        (Location(article="3", paragraph="1"), "kanji", True, "第三条"),
        (
            Location(article="3", paragraph="1", item="2_2", subitems=("イ",)),
            "kanji",
            False,
            "第三条第一項第二号の二イ",
        ),
        (Location(part="suppl", article="2", paragraph="1"), "kanji", True, "附則第二条"),
        (Location(part="suppl", paragraph="3"), "arabic", False, "附則第3項"),
    ],
)
def test_citation_label(loc, style, single, label):
    assert citation_label(loc, style, single_paragraph=single) == label


def test_finalize_assigns_labels_and_omits_single_paragraph():
    law = Law(
        title="テスト条例",
        kind="条例",
        numbering="arabic",
        body=[
            Article(
                num="1",
                paragraphs=[
                    Paragraph(
                        num="1",
                        sentences=[Sentence(text="目的。")],
                        items=[Item(num="1", title="(1)", sentences=[Sentence(text="甲")])],
                    )
                ],
            ),
            Article(num="2", paragraphs=[Paragraph(num="1"), Paragraph(num="2", title="2")]),
        ],
        suppl=[
            SupplProvision(
                paragraphs=[Paragraph(num="1", sentences=[Sentence(text="この条例は、公布の日から施行する。")])]
            )
        ],
    )
    finalize(law)
    labels = [unit.label for unit in law.units()]
    assert labels == ["第1条", "第1条第1号", "第2条第1項", "第2条第2項", "附則"]


def test_join_sentences_separates_columns():
    sentences = [Sentence(text="掲示", column=1), Sentence(text="事業所に掲げること。", column=2)]
    assert join_sentences(sentences) == "掲示\u3000事業所に掲げること。"


def test_build_makes_the_same_node_as_validation():
    """The parsers' fast constructor: equal, dumped alike (field order too), defaults filled, copies independent."""
    from analogreg.model import build

    built = build(Item, num="2", title="二", sentences=[build(Sentence, text="甲", role="main", column=None)])
    validated = Item(num="2", title="二", sentences=[Sentence(text="甲")])
    assert built == validated
    assert list(built.model_dump()) == list(validated.model_dump())
    assert built.model_dump() == validated.model_dump()
    assert built.model_dump_json() == validated.model_dump_json()
    # Defaults from a factory are fresh lists, not shared between nodes.
    other = build(Item, num="3")
    other.children.append(built)
    assert build(Item, num="4").children == []
    assert built.model_fields_set == {"num", "title", "sentences"}
    # Assignment (finalize sets location and label) and copies behave as on a validated node.
    built.label = "第二号"
    assert built.model_copy(update={"num": "5"}).num == "5" and built.num == "2"
    with pytest.raises(TypeError, match="no field"):
        build(Item, num="1", caption="x")
    with pytest.raises(TypeError, match="missing required field num"):
        build(Item, title="一")


def test_finalize_locations_equal_validated_locations():
    law = Law(
        title="テスト規則",
        kind="規則",
        body=[
            Article(
                num="5", paragraphs=[Paragraph(num="1", items=[Item(num="1", children=[Item(num="1", title=" イ ")])])]
            )
        ],
        suppl=[
            SupplProvision(
                amend_law_num="平成十年規則第二号", articles=[Article(num="2", paragraphs=[Paragraph(num="1")])]
            )
        ],
    )
    finalize(law)
    units = list(law.units())
    assert [u.location for u in units] == [
        Location(article="5", paragraph="1"),
        Location(article="5", paragraph="1", item="1"),
        Location(article="5", paragraph="1", item="1", subitems=("イ",)),
        Location(part="suppl", suppl="平成十年規則第二号", article="2", paragraph="1"),
    ]
    assert [u.label for u in units] == ["第五条", "第五条第一号", "第五条第一号イ", "附則（平成十年規則第二号）第二条"]
    # Frozen and hashable as before: a Location can key a dict.
    assert len({u.location: u.label for u in units}) == 4
