"""A volume of one-page abstracts, the way English-language symposia print them: a title in
title case (one to three lines, filling the line), names written out, an affiliation, an
abstract, a 'Keywords' label alone with its terms below — no capitals, no initials."""

import textwrap

import pytest

from proceedings.importer.pipeline import parse_proceedings
from tests.builders import build_pdf

PROSE = [
    "This study examines how second language learners acquire spatial prepositions and how the",
    "image schemas of the first language shape their choices in the emotion and state domains.",
    "Participants completed an acceptability task, and their accuracy was compared across domains.",
    "The results show clear differences between the prepositions in both target domains studied.",
]
ABSTRACTS = [
    [
        "Analysis of Corpus-based Word Frequency Effect in Test-based Age-of-Acquisition Norm for",
        "Cantonese Vocabulary",
        "Jason Kan",
        "The Hong Kong Polytechnic University",
        "Abstract",
        *PROSE,
        "Keywords",
        "Corpus Analysis, Age of Acquisition, Cantonese Vocabulary",
    ],
    [
        "A Corpus-based Study on the Use Bias of Particles in the Written Language of Elderly",
        "Hearing-impaired Children",
        "Guanying Zhao, Haiying Li",
        "Ludong University",
        "Abstract",
        *PROSE,
        "Keywords",
        "Hearing-impaired Children; Written Language; Usage Bias",
    ],
    [
        "New Words Semantic Reasoning Based On Large Language Model",
        "Tingting Wang",
        "Minzu University of China",
        *PROSE,
        "Keywords",
        "New words; Semantic Reasoning",
    ],
]
TITLES = [
    "Analysis of Corpus-based Word Frequency Effect in Test-based Age-of-Acquisition Norm for "
    "Cantonese Vocabulary",
    "A Corpus-based Study on the Use Bias of Particles in the Written Language of Elderly "
    "Hearing-impaired Children",
    "New Words Semantic Reasoning Based On Large Language Model",
]


def fields(plan):
    return [
        (article.title, [person.name for person in article.authors], article.keywords.get("en"))
        for article in plan.articles
    ]


EXPECTED = [
    (TITLES[0], ["Jason Kan"], ["Corpus Analysis", "Age of Acquisition", "Cantonese Vocabulary"]),
    (
        TITLES[1],
        ["Guanying Zhao", "Haiying Li"],
        ["Hearing-impaired Children", "Written Language", "Usage Bias"],
    ),
    (TITLES[2], ["Tingting Wang"], ["New words", "Semantic Reasoning"]),
]


def test_a_text_dump_of_one_page_abstracts_splits_into_each_with_its_header():
    # pymupdf's text of each page, joined by a newline: an empty line between pages.
    text = "\n\n".join("\n".join(page) for page in ABSTRACTS)

    plan = parse_proceedings(text.encode(), filename="volume.txt")

    assert fields(plan) == EXPECTED
    assert [article.start_line for article in plan.articles] == [1, 13, 25]


@pytest.mark.parametrize("kind", ["pdf"])
def test_the_same_volume_as_a_pdf_splits_the_same(kind):
    plan = parse_proceedings(build_pdf(ABSTRACTS), filename=f"volume.{kind}")

    assert fields(plan) == EXPECTED
    # pages are the printed ones, and this PDF prints none
    assert [(article.first_page, article.last_page) for article in plan.articles] == [(None, None)] * 3


def test_keywords_printed_after_the_text_are_the_articles_keywords():
    page = [
        "Effectiveness of an Adapted Phonetic Training Paradigm for Second Language Learners",
        "Yingnan Li",
        "The Hong Kong Polytechnic University",
        "Introduction",
        *PROSE,
        "Methods",
        *PROSE,
        "Keywords",
        "Tone Perception; High Variability Phonetic Training,",
        "Non-optimal Conditions",
    ]

    (article,) = parse_proceedings("\n".join(page).encode(), filename="volume.txt").articles

    assert article.keywords == {
        "en": ["Tone Perception", "High Variability Phonetic Training", "Non-optimal Conditions"]
    }


def test_a_title_block_the_text_layer_gives_at_the_end_of_the_first_page_is_the_title():
    # A volume's dump: a one-page abstract, then a two-column paper (short lines) whose title
    # block the PDF's text layer holds after the first page's body.
    narrow = textwrap.wrap(" ".join(PROSE), 45)
    page = [
        *ABSTRACTS[0],
        "",
        "Abstract",
        *narrow,
        "1 Introduction",
        *narrow,
        "The Acceptability of Right Dislocation in Shandong",
        "Mandarin Speech",
        "",
        "Cui Yixin, Li Haiying",
        "Department of Chinese and Bilingual Studies, Ludong University",
        "",
        *narrow,
    ]

    _, article = parse_proceedings("\n".join(page).encode(), filename="volume.txt").articles

    assert (article.start_line, article.title, [person.name for person in article.authors]) == (
        len(ABSTRACTS[0]) + 2,
        "The Acceptability of Right Dislocation in Shandong Mandarin Speech",
        ["Cui Yixin", "Li Haiying"],
    )
