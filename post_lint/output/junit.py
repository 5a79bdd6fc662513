"""JUnit XML, which GitLab, Jenkins, Azure Pipelines and most CI dashboards
read: one ``<testcase>`` per file, failing with one ``<failure>`` that lists
every finding in it as ``line:col: CODE message``. When the caller passes the
checked paths (the CLI does), clean files appear as passing test cases.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Sequence
from typing import IO

from ..diagnostics import Diagnostic
from ..lazyre import lazy
from .common import one_line, ordered_paths

#: Characters XML 1.0 cannot carry at all, not even escaped.
_NOT_XML = lazy("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def write(diagnostics: Sequence[Diagnostic], stream: IO[str], options) -> None:
    by_path: dict[str, list[Diagnostic]] = defaultdict(list)
    for d in diagnostics:
        by_path[d.path].append(d)
    paths = ordered_paths(diagnostics, getattr(options, "paths", None))
    failures = sum(1 for p in paths if by_path.get(p))
    counts = {"tests": str(len(paths)), "failures": str(failures), "errors": "0"}
    suites = ET.Element("testsuites", {"name": "post-lint", **counts})
    suite = ET.SubElement(suites, "testsuite", {"name": "post-lint", **counts, "skipped": "0"})
    for path in paths:
        case = ET.SubElement(
            suite,
            "testcase",
            {"name": xml_safe(path), "classname": "post-lint", "file": xml_safe(path)},
        )
        found = by_path.get(path)
        if not found:
            continue
        n = len(found)
        failure = ET.SubElement(
            case,
            "failure",
            {"message": f"{n} problem{'s' * (n != 1)}", "type": "post-lint"},
        )
        failure.text = xml_safe(
            "\n".join(f"{d.line}:{d.column}: {d.code} {one_line(d.message)}" for d in found)
        )
    ET.indent(suites)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(suites, encoding="unicode"))
    stream.write("\n")
