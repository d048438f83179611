"""The public data model: frozen attrs classes, validation at the edge, JSON round-trip."""

from __future__ import annotations

import json

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from quoteattr import Cue, Mention, Quote, Speaker
from quoteattr.model import KINDS, SPEAKER_KINDS


def _quote() -> Quote:
    return Quote(
        text="We will win,",
        start=1,
        end=13,
        speaker=Speaker(
            name="Jane Doe",
            mention=Mention("she", 20, 23),
            kind="person",
            id="e0",
            descriptions=("a senator",),
        ),
        cue=Cue(text="said", lemma="say", start=15, end=19),
        kind="direct",
        confidence=0.9,
        rule="syntactic_cue",
        paragraph=2,
        part=1,
        continues=0,
    )


def test_round_trip_through_json() -> None:
    q = _quote()
    assert Quote.from_dict(json.loads(json.dumps(q.to_dict()))) == q


def test_quote_is_frozen_and_slotted() -> None:
    q = _quote()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        q.text = "x"  # type: ignore[misc]
    assert not hasattr(q, "__dict__")


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"start": -1, "end": 2}, "start must be >= 0"),
        ({"start": 5, "end": 2}, "must not be before start"),
        ({"start": 0, "end": 2, "confidence": 1.5}, "confidence"),
        ({"start": 0, "end": 2, "kind": "quip"}, "kind"),
    ],
)
def test_validators_reject_bad_values(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Quote(text="hi", **kwargs)  # type: ignore[arg-type]


def test_speaker_kind_is_checked() -> None:
    with pytest.raises(ValueError):
        Speaker(name="x", kind="robot")  # type: ignore[arg-type]
    assert set(SPEAKER_KINDS) == {"person", "organization", "other", "unknown"}
    assert {"direct", "partial", "scare"} <= set(KINDS)


@given(
    text=st.text(max_size=30),
    start=st.integers(0, 1000),
    length=st.integers(0, 100),
    conf=st.floats(0, 1),
    name=st.one_of(st.none(), st.text(max_size=20)),
)
def test_any_quote_round_trips(
    text: str, start: int, length: int, conf: float, name: str | None
) -> None:
    speaker = Speaker(name=name, mention=Mention(name, 0, len(name))) if name is not None else None
    q = Quote(text=text, start=start, end=start + length, speaker=speaker, confidence=conf)
    assert Quote.from_dict(json.loads(json.dumps(q.to_dict()))) == q


# ---- the one from_dict, read off the fields


@pytest.mark.parametrize("cls", [Mention, Cue, Speaker, Quote])
def test_from_dict_fills_every_missing_field_with_its_default(cls: type) -> None:
    required = {f.name for f in attrs.fields(cls) if f.default is attrs.NOTHING}
    full = _quote()
    example = {
        Mention: full.speaker.mention,  # type: ignore[union-attr]
        Cue: full.cue,
        Speaker: full.speaker,
        Quote: full,
    }[cls]
    data = {k: v for k, v in example.to_dict().items() if k in required}
    built = cls.from_dict(data)
    assert built == cls(**data)  # every other field as the class defaults it
    for name in required:
        with pytest.raises(KeyError, match=name):
            cls.from_dict({k: v for k, v in data.items() if k != name})


def test_from_dict_rebuilds_nested_objects_and_tuples_from_json() -> None:
    data = json.loads(json.dumps(_quote().to_dict()))
    assert isinstance(data["speaker"]["descriptions"], list)
    q = Quote.from_dict(data)
    assert isinstance(q.speaker, Speaker) and isinstance(q.speaker.mention, Mention)
    assert isinstance(q.cue, Cue)
    assert q.speaker.descriptions == ("a senator",)
    assert Quote.from_dict({**data, "speaker": None, "cue": None}) == attrs.evolve(
        q, speaker=None, cue=None
    )


def test_from_dict_ignores_keys_that_are_not_fields_and_rejects_non_dicts() -> None:
    data = {"text": "he", "start": 0, "end": 2, "extra": 1}
    assert Mention.from_dict(data) == Mention("he", 0, 2)
    with pytest.raises(TypeError, match="expects a dict"):
        Mention.from_dict(["he", 0, 2])  # type: ignore[arg-type]


def test_speaker_key_is_the_id_else_the_name() -> None:
    assert Speaker("Ann Lee", id="e4").key == "e4"
    assert Speaker("Ann Lee").key == "name:Ann Lee"
