"""The Document module's own helpers."""

import dataclasses

import pytest

from cleaner.document import REMOVAL_FIELDS, Removal, new_removal


@pytest.mark.parametrize("args, kwargs", [
    (("Skip to main content", "navigation", "skip-link"), {"line": 1}),
    (("© 2024 Example", "footer", "copyright"), {"path": "/html/body/footer"}),
    (("", "boilerplate", "no-body"), {}),
])
def test_new_removal_makes_the_object_the_constructor_makes(args: tuple, kwargs: dict) -> None:
    made, built = new_removal(*args, **kwargs), Removal(*args, **kwargs)
    assert made == built and hash(made) == hash(built) and repr(made) == repr(built)
    assert dataclasses.asdict(made) == dataclasses.asdict(built)
    assert tuple(vars(made)) == REMOVAL_FIELDS  # every field, in field order
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.reason = "other"  # type: ignore[misc]
