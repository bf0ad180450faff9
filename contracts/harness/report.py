"""Results of a contract run: a summary for CI logs and JUnit XML (stdlib xml.etree)."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

STATUSES = ("passed", "failed", "skipped")


@dataclass
class CaseResult:
    """One test of a suite: a schema operation, a schema check that failed, or a scenario."""

    suite: str  # "schema" | "behaviour"
    name: str
    status: str  # passed | failed | skipped
    operation: str = ""  # the provider's operationId that broke (or was tested)
    check: str = ""  # the schemathesis check, or the scenario
    message: str = ""
    curl: str = ""  # the failing request
    seconds: float = 0.0


@dataclass
class Report:
    provider: str
    base_url: str
    is_emulator: bool
    results: list[CaseResult] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)  # suite -> wall time

    @property
    def failed(self) -> list[CaseResult]:
        return [r for r in self.results if r.status == "failed"]

    def counts(self, suite: str | None = None) -> Counter:
        return Counter(r.status for r in self.results if suite is None or r.suite == suite)

    def summary(self) -> str:
        """Readable in a CI log: a line per suite, then each failure with its operation, check and
        request, then each skip with its reason."""
        kind = "emulator" if self.is_emulator else "real provider"
        lines = [f"contract run: {self.provider} at {self.base_url} ({kind})"]
        for suite in dict.fromkeys(r.suite for r in self.results):
            counts = self.counts(suite)
            took = f" in {self.seconds[suite]:.1f} s" if suite in self.seconds else ""
            lines.append(f"  {suite}: {counts['passed']} passed, {counts['failed']} failed, {counts['skipped']} skipped{took}")
        for result in self.failed:
            lines.append(f"FAILED [{result.suite}] operation {result.operation or '-'}, check {result.check or '-'}")
            lines += [f"    {line}" for line in result.message.splitlines() if line.strip()]
            if result.curl:
                lines += [f"    request: {line}" for line in result.curl.splitlines() if line.strip()]
        for result in self.results:
            if result.status == "skipped":
                lines.append(f"SKIPPED [{result.suite}] {result.name}: {result.message}")
        total = self.counts()
        lines.append(f"result: {'FAILED' if self.failed else 'OK'} ({total['passed']} passed, "
                     f"{total['failed']} failed, {total['skipped']} skipped)")
        return "\n".join(lines)

    def junit(self) -> ET.ElementTree:
        root = ET.Element("testsuites", name=f"contract {self.provider}")
        for suite in dict.fromkeys(r.suite for r in self.results):
            cases = [r for r in self.results if r.suite == suite]
            counts = Counter(r.status for r in cases)
            element = ET.SubElement(root, "testsuite", name=f"{self.provider}.{suite}", tests=str(len(cases)),
                                    failures=str(counts["failed"]), skipped=str(counts["skipped"]), errors="0",
                                    time=f"{self.seconds.get(suite, 0.0):.3f}")
            for result in cases:
                case = ET.SubElement(element, "testcase", classname=f"{self.provider}.{suite}", name=result.name,
                                     time=f"{result.seconds:.3f}")
                if result.status == "failed":
                    failure = ET.SubElement(case, "failure", message=f"{result.operation}: {result.check}"[:500],
                                            type=result.check or "failure")
                    failure.text = "\n".join(filter(None, [result.message, result.curl]))
                elif result.status == "skipped":
                    ET.SubElement(case, "skipped", message=result.message)
        return ET.ElementTree(root)

    def write_junit(self, path: str | Path) -> None:
        tree = self.junit()
        ET.indent(tree)
        tree.write(path, encoding="utf-8", xml_declaration=True)
