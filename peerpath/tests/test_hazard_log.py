"""The hazard log (docs/safety/hazard-log.toml) and the tests that prove its controls.

Tests cite a hazard with `@pytest.mark.hazard("H5")`. A controlled hazard needs at least
one such test; a test may cite only a hazard in the log.
"""

import ast
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LOG = ROOT / "docs" / "safety" / "hazard-log.toml"
STATUSES = {"controlled", "open", "transferred"}
FIELDS = {"name", "cause", "effect", "harm", "initial_rating", "controls", "residual_rating"}


def hazard_log() -> dict[str, dict[str, object]]:
    with LOG.open("rb") as file:
        return tomllib.load(file)


def cited_hazards() -> dict[str, list[str]]:
    """Hazard id → the tests that cite it, read from the test files' source."""
    cited: dict[str, list[str]] = {}
    for path in sorted((ROOT / "peerpath").rglob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if not isinstance(node, ast.FunctionDef):
                continue
            for decorator in node.decorator_list:
                if (
                    isinstance(decorator, ast.Call)
                    and isinstance(decorator.func, ast.Attribute)
                    and decorator.func.attr == "hazard"
                ):
                    for arg in decorator.args:
                        assert isinstance(arg, ast.Constant), f"{path}:{node.lineno}"
                        name = f"{path.relative_to(ROOT)}::{node.name}"
                        cited.setdefault(str(arg.value), []).append(name)
    return cited


def test_every_hazard_has_the_dcb0129_fields_and_a_known_status() -> None:
    for key, hazard in hazard_log().items():
        assert set(hazard) >= FIELDS, f"{key} lacks {FIELDS - set(hazard)}"
        assert hazard["status"] in STATUSES, key
        if hazard["status"] != "controlled":
            assert hazard.get("gap"), f"{key} is {hazard['status']}: say what is missing"


def test_every_controlled_hazard_has_a_test_that_proves_a_control() -> None:
    cited = cited_hazards()
    missing = [
        key
        for key, hazard in hazard_log().items()
        if hazard["status"] == "controlled" and not cited.get(key)
    ]
    assert missing == []


def test_tests_cite_only_hazards_in_the_log() -> None:
    unknown = {key: tests for key, tests in cited_hazards().items() if key not in hazard_log()}
    assert unknown == {}
