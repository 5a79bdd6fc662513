"""The import graph of post_lint, checked with grimp (a dev dependency).

No import cycle anywhere (issue 12: config -> rules -> frontmatter -> config
was one), and the shared vocabulary stays below the rules: ``text``,
``markers``, ``edits``, ``post`` and ``diagnostics`` import no rule module,
so any rule (and the server, the site index) can read them.
"""

from __future__ import annotations

import grimp
import pytest

PACKAGE = "post_lint"
SHARED = (
    "post_lint.text",
    "post_lint.markers",
    "post_lint.edits",
    "post_lint.post",
    "post_lint.diagnostics",
    "post_lint.globs",
)


@pytest.fixture(scope="module")
def graph():
    # Imports under ``if TYPE_CHECKING:`` never run, so they cannot close a cycle.
    return grimp.build_graph(PACKAGE, exclude_type_checking_imports=True, cache_dir=None)


def test_no_import_cycle(graph):
    cycles = set()
    for module in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            if imported.startswith(PACKAGE) and graph.chain_exists(
                importer=imported, imported=module
            ):
                chain = graph.find_shortest_chain(importer=imported, imported=module)
                cycles.add(" -> ".join((module, *chain)))
    assert sorted(cycles) == []


@pytest.mark.parametrize("module", SHARED)
def test_shared_vocabulary_imports_no_rule(graph, module):
    if module not in graph.modules:
        pytest.skip(f"{module} does not exist")
    assert not graph.chain_exists(importer=module, imported="post_lint.rules", as_packages=True)
    assert not graph.chain_exists(importer=module, imported="post_lint.config")
