"""Table tests for :mod:`quoteattr.marks`: one case per quotation-mark phenomenon."""

from __future__ import annotations

import pytest

from quoteattr.marks import QuoteSpan, find_quotes, paragraph_bounds

Expected = list[tuple[str, int, bool]]

LEUPRECHT = (
    "“Even a small part of this money,” said on the re -infiltration, will be the lifestyle"
    " of a Canadian economy that is struggling under the weight of American definitions,"
    " “said Leuprecht."
)

CASES: list[tuple[str, str, Expected]] = [
    # -- double marks ------------------------------------------------------------------
    ("curly_double", "“We will win,” said Jane Doe.", [("We will win,", 0, True)]),
    ("straight_double", '"We will win," said Jane Doe.', [("We will win,", 0, True)]),
    ("two_quotes_one_paragraph", "“Yes,” he said. “No.”", [("Yes,", 0, True), ("No.", 0, True)]),
    ("same_char_closing_mark", "”We will win,” he said.", [("We will win,", 0, True)]),
    ("same_char_opening_mark", "“We will win,“ he said.", [("We will win,", 0, True)]),
    ("german_low_opening_mark", "„Wir gewinnen“, sagte er.", [("Wir gewinnen", 0, True)]),
    ("low_mark_is_no_closer", "Er sagte„ nein „Ja“, sagte er.", [("Ja", 0, True)]),
    ("german_low_single", "Er sagte ‚nein‘ dazu.", [("nein", 0, True)]),
    ("straight_after_dash", 'He said—"never"—and left.', [("never", 0, True)]),
    ("straight_after_bracket", 'The polls ("rigged") lost.', [("rigged", 0, True)]),
    ("straight_after_colon_no_space", 'He said:"Go home."', [("Go home.", 0, True)]),
    ("ptb_quotes", "``We will win , '' he said .", [("We will win ,", 0, True)]),
    ("white_space_inside_marks", "“  spaced out  ” he said", [("spaced out", 0, True)]),
    # -- single marks and apostrophes ----------------------------------------------------
    ("curly_single_headline", "Trump calls polls ‘rigged’", [("rigged", 0, True)]),
    ("straight_single_british", "He said 'no' to the deal.", [("no", 0, True)]),
    ("same_char_single", "’Rigged,’ he said.", [("Rigged,", 0, True)]),
    ("apostrophe_possessive", "Canada’s partnership with Europe’s defence", []),
    ("apostrophe_plural_possessive", "The players’ union and the horses' carrots", []),
    ("apostrophe_contractions", "We didn't say they won’t come", []),
    ("apostrophe_decade", "Back in the ’90s and the '80s and ‘70s", []),
    ("apostrophe_rock_n_roll", "rock ’n’ roll and rock 'n' roll", []),
    ("apostrophe_misencoded", "Donald Trump‘s administration", []),
    ("apostrophe_elisions", "Let ’em eat cake, ’tis said, 'cause I said", []),
    ("apostrophe_class_year", "The class of '99 met", []),
    ("elision_word_quoted", "He called it 'em' once", [("em", 0, True)]),
    (
        "apostrophes_inside_double",
        "“We’ve been in talks,” he said.",
        [("We’ve been in talks,", 0, True)],
    ),
    (
        "plural_possessive_inside_single",
        "‘The players’ union is strong,’ he said.",
        [("The players’ union is strong,", 0, True)],
    ),
    (
        "plural_possessive_closes_single",
        "He called them ‘the best friends’ and left.",
        [("the best friends", 0, True)],
    ),
    (
        "plural_possessive_after_closed_single",
        "Polls are ‘rigged’ and the players’ union agrees.",
        [("rigged", 0, True)],
    ),
    (
        "straight_plural_possessive_inside_single",
        "'The horses' carrots are gone,' he said.",
        [("The horses' carrots are gone,", 0, True)],
    ),
    # -- nesting -------------------------------------------------------------------------
    (
        "nested_single_in_double",
        "“He told me ‘never again’ today,” she said.",
        [("He told me ‘never again’ today,", 0, True), ("never again", 1, True)],
    ),
    (
        "nested_double_in_single",
        "‘He told me “never again” today,’ she said.",
        [("He told me “never again” today,", 0, True), ("never again", 1, True)],
    ),
    (
        "nested_at_end",
        "“He said ‘no.’” she said.",
        [("He said ‘no.’", 0, True), ("no.", 1, True)],
    ),
    (
        "nested_straight",
        "\"He said 'no' today,\" she said.",
        [("He said 'no' today,", 0, True), ("no", 1, True)],
    ),
    (
        "nested_three_deep",
        "“He said ‘she said “hi” to me’ today”",
        [
            ("He said ‘she said “hi” to me’ today", 0, True),
            ("she said “hi” to me", 1, True),
            ("hi", 2, True),
        ],
    ),
    (
        "nested_plural_possessive",
        "“He told ‘the players’ union’ so,” he said.",
        [("He told ‘the players’ union’ so,", 0, True), ("the players’ union", 1, True)],
    ),
    # -- guillemets ----------------------------------------------------------------------
    ("guillemets_french", "« Nous gagnerons », a-t-il dit.", [("Nous gagnerons", 0, True)]),
    ("guillemets_german", "»Wir gewinnen«, sagte er.", [("Wir gewinnen", 0, True)]),
    (
        "single_guillemets_nested",
        "« Il a dit ‹ non › hier »",
        [("Il a dit ‹ non › hier", 0, True), ("non", 1, True)],
    ),
    # -- the replacement character U+FFFD: a double mark only where no doubt is left -------
    (
        "replacement_marks",
        "\ufffdThe new term starts today.\ufffd",
        [("The new term starts today.", 0, True)],
    ),
    (
        "replacement_split_quotation",
        "\ufffdOne,\ufffd he said. \ufffdTwo.\ufffd",
        [("One,", 0, True), ("Two.", 0, True)],
    ),
    ("replacement_apostrophes", "We don\ufffdt know what Canada\ufffds plan is", []),
    ("replacement_dash_between_spaces", "Prices rose \ufffd and then fell.", []),
    ("replacement_closes_nothing_open", "The players\ufffd union met.", []),
    ("replacement_decade", "Back in the \ufffd90s it rained", []),
    ("replacement_between_punctuation", "Why?\ufffd. Yes.", []),
    (
        "replacement_inside_single",
        "‘He said \ufffdno\ufffd today,’ she said.",
        [("He said \ufffdno\ufffd today,", 0, True), ("no", 1, True)],
    ),
    (
        "replacement_unclosed",
        "\ufffdWe will carry on\nShe said so.",
        [("We will carry on", 0, False)],
    ),
    (
        "replacement_apostrophe_inside_quotation",
        "\ufffdWe didn\ufffdt lose,\ufffd he said.",
        [("We didn\ufffdt lose,", 0, True)],
    ),
    # -- unclosed, stray, measurements, empty ----------------------------------------------
    (
        "unclosed_ends_at_paragraph",
        "He said “we will fight on   \nNarration follows.",
        [("we will fight on", 0, False)],
    ),
    (
        "unclosed_inner_ends_at_outer_close",
        "“He said ‘no,” she said.",
        [("He said ‘no,", 0, True), ("no,", 1, False)],
    ),
    ("stray_closing_mark", "He said no” and left. “Yes,” she said.", [("Yes,", 0, True)]),
    (
        "stray_mark_stays_in_its_paragraph",
        "A stray ” mark.\nAnd “another\n‘Yes,’ she said.",
        [("another", 0, False), ("Yes,", 0, True)],
    ),
    (
        "stray_leuprecht",
        LEUPRECHT,
        [("Even a small part of this money,", 0, True), ("said Leuprecht.", 0, False)],
    ),
    # marks never pair back to front: “ does not close what ” opened, nor ‘ what ’ opened
    (
        "reversed_double_pair",
        "Ms.”enotthe according to“t",
        [("enotthe according to", 0, False), ("t", 0, False)],
    ),
    ("reversed_double_runs_on", "He said ”no“ twice.", [("no“ twice.", 0, False)]),
    (
        "reversed_double_reopen",
        "”One “two,” he said.",
        [("One", 0, False), ("two,", 0, True)],
    ),
    ("reversed_single_runs_on", "He said ’no‘ twice.", [("no‘ twice.", 0, False)]),
    # a paragraph opened by a mark and white space: a misused opening mark if a closing
    # mark of its family ends the quotation it opens, a stray mark otherwise
    (
        "misused_opening_mark",
        "Nurses are worried.\n” Teachers are leaving,” she added.",
        [("Teachers are leaving,", 0, True)],
    ),
    ("misused_opening_single", "’ We didn’t go,’ he said.", [("We didn’t go,", 0, True)]),
    (
        "stray_mark_closes_line_broken_quote",
        "“We will fight on\n” he said.",
        [("We will fight on", 0, False)],
    ),
    ("stray_mark_before_left_mark", "” he said, “we will win.”", [("we will win.", 0, True)]),
    ("stray_mark_before_plural_possessive", "’ The players’ union is strong.", []),
    ("right_marks_both_ends", "”Ja”, sade han.", [("Ja", 0, True)]),
    ("left_marks_both_ends", "“Yes“ he said.", [("Yes", 0, True)]),
    ("german_low_high", "„Ja“, sagte er.", [("Ja", 0, True)]),
    (
        "same_family_reopen",
        '"First "Second" he said',
        [("First", 0, False), ("Second", 0, True)],
    ),
    ("inch_marks", 'A 12" pizza for a 6\'2" player', []),
    ("inch_marks_dimensions", 'A 2"x4" board', []),
    ("feet_mark", "a 3' board and 4’ pole", []),
    ("digit_closes_open_quote", '"It was 2019" he said', [("It was 2019", 0, True)]),
    ("empty_quotes", 'He wrote "" and “ ” and ‘’ here.', []),
    # -- paragraphs ----------------------------------------------------------------------
    (
        "quote_never_crosses_paragraph",
        "He said “no\u2029more” today",
        [("no", 0, False)],
    ),
    (
        "multi_paragraph_parts",
        "“First part.\n\n“Second part.\r\n“Third,” he said.",
        [("First part.", 0, False), ("Second part.", 0, False), ("Third,", 0, True)],
    ),
    (
        "unclosed_then_narration",
        "“Part one.\nHe said so.",
        [("Part one.", 0, False)],
    ),
    # -- odd characters ------------------------------------------------------------------
    ("rtl_and_emoji", "“مرحبا 😀,” قال", [("مرحبا 😀,", 0, True)]),
    ("control_characters", "\x00“Hi\x00there” \ud800", [("Hi\x00there", 0, True)]),
]


def _check_offsets(text: str, span: QuoteSpan) -> None:
    assert 0 <= span.mark_start <= span.start <= span.end <= span.mark_end <= len(text)
    assert text.startswith(span.open_mark, span.mark_start)
    if span.close_mark is None:
        assert span.mark_end == span.end
    else:
        assert text[span.mark_end - len(span.close_mark) : span.mark_end] == span.close_mark


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_find_quotes(text: str, expected: Expected) -> None:
    spans = find_quotes(text)
    assert [(text[s.start : s.end], s.depth, s.closed) for s in spans] == expected
    for span in spans:
        _check_offsets(text, span)


def test_enough_cases() -> None:
    assert len(CASES) >= 35
    assert len({name for name, _, _ in CASES}) == len(CASES)


def test_multi_paragraph_continues() -> None:
    text = "He said: “First part.\n\n“Second part.\n“Third,” he said.\n“New quote.”"
    spans = find_quotes(text)
    assert [s.paragraph for s in spans] == [0, 1, 2, 3]
    assert [s.continues for s in spans] == [None, spans[0].start, spans[1].start, None]


def test_continuation_needs_same_family() -> None:
    spans = find_quotes("“First part.\n‘Other family.’")
    assert [s.continues for s in spans] == [None, None]


def test_misused_opening_mark_continues() -> None:
    text = "“First part.\n” Second part,” he said."
    spans = find_quotes(text)
    assert [text[s.start : s.end] for s in spans] == ["First part.", "Second part,"]
    assert spans[1].continues == spans[0].start


def test_plural_possessive_kept_open_for_continuation() -> None:
    text = "‘The players’ union is big.\n‘And strong,’ he said."
    spans = find_quotes(text)
    assert [text[s.start : s.end] for s in spans] == ["The players’ union is big.", "And strong,"]
    assert spans[1].continues == spans[0].start


def test_marks_offsets() -> None:
    text = "He said “ hi ” and ‘bye’ then “open  "
    spans = find_quotes(text)
    assert [(s.mark_start, s.mark_end) for s in spans] == [(8, 14), (19, 24), (30, 35)]
    assert [s.open_mark for s in spans] == ["“", "‘", "“"]
    assert [s.close_mark for s in spans] == ["”", "’", None]


def test_paragraph_bounds() -> None:
    text = "  One \n\n \t\r\nTwo\r\nThree\u2028Four\x0bFive\x85Six\x1cSeven  "
    bounds = paragraph_bounds(text)
    assert [text[a:b] for a, b in bounds] == [
        "One",
        "Two",
        "Three",
        "Four",
        "Five",
        "Six",
        "Seven",
    ]
    assert paragraph_bounds("") == []
    assert paragraph_bounds(" \n\t ") == []


def test_paragraph_index_skips_blank_lines() -> None:
    spans = find_quotes("Intro.\n\n\n“A,” he said.\n \n‘B’")
    assert [s.paragraph for s in spans] == [1, 2]
