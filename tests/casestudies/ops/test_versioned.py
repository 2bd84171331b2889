"""PerVersion: a value per database alias, rebuilt when the catalogue version token changes."""

from casestudies.ops.versioned import PerVersion


def test_value_is_built_once_per_token_and_alias():
    built = []
    held = PerVersion(lambda using, token: built.append((using, token)) or f"{using}:{token}")

    assert [held.get("default", 1), held.get("default", 1), held.get("replica", 1)] == [
        "default:1",
        "default:1",
        "replica:1",
    ]
    assert held.get("default", 2) == "default:2"
    assert built == [("default", 1), ("replica", 1), ("default", 2)]


def test_no_token_means_no_caching_and_forget_drops_everything():
    built = []
    held = PerVersion(lambda using, token: built.append(token) or len(built))

    held.get("default", None)
    held.get("default", None)
    held.get("default", 5)
    held.forget()
    held.get("default", 5)

    assert built == [None, None, 5, 5]
