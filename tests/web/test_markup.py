"""Markup in titles and abstracts from the services, as CSL-JSON rich text."""

from __future__ import annotations

from sarcref.web.markup import SMALL_CAPS, fix_mojibake, rich_text


def test_jats_and_html_inline_markup_become_csl_rich_text() -> None:
    assert rich_text("The <jats:italic>TP53</jats:italic> gene") == "The <i>TP53</i> gene"
    assert rich_text("CO<sub>2</sub> and m<sup>2</sup>") == "CO<sub>2</sub> and m<sup>2</sup>"
    assert rich_text("<b>Bold</b> <strong>too</strong>") == "<b>Bold</b> <b>too</b>"
    assert rich_text("<scp>Dna</scp> repair") == f"{SMALL_CAPS}Dna</span> repair"


def test_other_tags_go_and_their_text_stays() -> None:
    title = (
        "Dose <mml:math><mml:mi>x</mml:mi><mml:mo>+</mml:mo><mml:mn>1</mml:mn></mml:math>"
        ' <a href="u">here</a>'
    )
    assert rich_text(title) == "Dose x+1 here"


def test_entities_and_spaces_are_resolved() -> None:
    assert rich_text("Tom &amp; Jerry:\n   a   study") == "Tom & Jerry: a study"
    assert rich_text("<![CDATA[p < 0.05]]>") == "p < 0.05"


def test_an_abstract_keeps_its_paragraphs_and_section_labels() -> None:
    abstract = (
        "<jats:title>Abstract</jats:title>"
        "<jats:sec><jats:title>Background</jats:title><jats:p>One.</jats:p></jats:sec>"
        "<jats:sec><jats:title>Methods:</jats:title><jats:p>Two <jats:italic>in vivo</jats:italic>."
        "</jats:p><jats:p>Three.</jats:p></jats:sec>"
    )
    assert rich_text(abstract, abstract=True) == (
        "Background: One.\nMethods: Two <i>in vivo</i>.\nThree."
    )


def test_mojibake_is_repaired() -> None:
    assert fix_mojibake("Sarcoma \u00e2\u0080\u0093 a review") == "Sarcoma \u2013 a review"
    assert fix_mojibake("plain text") == "plain text"
    # Not repairable (a character beyond Latin-1 next to a C1 control): the control goes.
    assert fix_mojibake("\u2013\u0093x") == "\u2013x"
