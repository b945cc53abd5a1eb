"""How the tests themselves are laid out: shared helpers live in helper modules, never in
test modules, and pages are read with the one page reader (peerpath/tests/pages.py)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEST_MODULES = sorted((ROOT / "peerpath").rglob("test_*.py"))
# Names of the page reader's helpers, which no test module defines again.
PAGE_READERS = {"text", "page_text", "words", "visible_text", "markup"}


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def _imported(path: Path) -> set[str]:
    """The modules a file imports, relative imports resolved."""
    package = _module_name(path).rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
            name = node.module or ""
            found.add(f"{base}.{name}" if node.level else name)
    return found


def test_no_test_module_imports_another() -> None:
    offenders = {
        _module_name(path): sorted(
            name for name in _imported(path) if name.rsplit(".", 1)[-1].startswith("test_")
        )
        for path in TEST_MODULES
    }
    assert {module: names for module, names in offenders.items() if names} == {}


def test_the_check_resolves_relative_imports() -> None:
    path = ROOT / "peerpath" / "tests" / "system" / "test_onboarding.py"
    assert "peerpath.tests.system.helpers" in _imported(path)


def test_no_test_module_defines_its_own_page_reader() -> None:
    own = {
        _module_name(path): sorted(
            node.name
            for node in ast.parse(path.read_text()).body
            if isinstance(node, ast.FunctionDef) and node.name in PAGE_READERS
        )
        for path in TEST_MODULES
    }
    assert {module: names for module, names in own.items() if names} == {}
