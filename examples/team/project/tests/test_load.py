from pipeline.load import load


def test_load_counts_rows():
    assert load([{"id": 1}]) == 1
