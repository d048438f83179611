"""quoteattr.dask: a bag of texts mapped partition-wise on a local Dask cluster."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

import quoteattr

pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")

import dask.bag as db  # noqa: E402

from quoteattr.dask import extract_bag, extract_partition, get_extractor  # noqa: E402

TEXTS = [
    "“We will win,” said Jane Doe.",
    "Nothing quoted.",
    "Prime Minister Mark Carney arrived.\n“We are ready,” Carney said.",
    "“Prices will fall,” Anna Berg told reporters.",
    "",
]


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=False,
            dashboard_address=None,
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


def _expected(extractor: quoteattr.QuoteExtractor) -> list[list[dict[str, Any]]]:
    return [[q.to_dict() for q in quotes] for quotes in extractor.pipe(TEXTS)]


def test_bag_of_texts_on_a_local_cluster(client: Any, extractor: quoteattr.QuoteExtractor) -> None:
    bag = db.from_sequence(TEXTS, npartitions=2)
    records = extract_bag(bag).compute()
    assert [r["id"] for r in records] == [None] * len(TEXTS)
    assert [r["quotes"] for r in records] == _expected(extractor)


def test_bag_of_id_text_pairs_keeps_ids(client: Any, extractor: quoteattr.QuoteExtractor) -> None:
    bag = db.from_sequence([(f"doc{i}", t) for i, t in enumerate(TEXTS)], npartitions=3)
    records = extract_bag(bag, include_scare=True).compute()
    assert [r["id"] for r in records] == [f"doc{i}" for i in range(len(TEXTS))]
    assert records[0]["quotes"][0]["speaker"]["name"] == "Jane Doe"
    quote = quoteattr.Quote.from_dict(records[2]["quotes"][0])
    assert quote.speaker is not None and quote.speaker.name == "Mark Carney"


def test_partial_speaker_indexes_reduce_on_a_local_cluster(
    client: Any, extractor: quoteattr.QuoteExtractor
) -> None:
    texts = [*TEXTS, "“Not yet,” Carney said.", "“Soon,” said Jane Doe."]
    pairs = [(f"doc{i}", t) for i, t in enumerate(texts)]
    records = extract_bag(db.from_sequence(pairs, npartitions=3))
    index = records.reduction(
        quoteattr.SpeakerIndex.from_records, quoteattr.SpeakerIndex.combine
    ).compute()
    whole = quoteattr.SpeakerIndex()
    for quotes, doc_id in extractor.pipe(((t, i) for i, t in pairs), as_tuples=True):
        whole.add(doc_id, quotes)
    assert index.speakers() == whole.speakers()
    assert [(s.name, s.quotes, s.articles) for s in index][:2] == [
        ("Jane Doe", 2, 2),
        ("Mark Carney", 2, 2),
    ]


def test_pipeline_is_loaded_once_per_process_and_settings() -> None:
    assert get_extractor() is get_extractor()
    assert get_extractor(include_scare=True) is not get_extractor()
    assert get_extractor().nlp is get_extractor(include_scare=True).nlp


def test_partition_function_rejects_other_records() -> None:
    with pytest.raises(TypeError, match="id, text"):
        extract_partition([42])
    assert extract_partition(iter(["No quotes."])) == [{"id": None, "quotes": []}]


def test_settings_are_the_extractors_and_are_checked_before_anything_runs() -> None:
    bag = db.from_sequence(["“Hi,” said Bob Smith."], npartitions=1)
    with pytest.raises(ValueError, match="name_similarity"):
        extract_bag(bag, name_similarity=2.0)
    with pytest.raises(TypeError):
        extract_bag(bag, no_such_setting=True)
    [record] = extract_bag(bag, include_indirect=True).compute(scheduler="synchronous")
    assert [q["speaker"]["name"] for q in record["quotes"]] == ["Bob Smith"]
