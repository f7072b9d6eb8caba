"""The files that wire authors' tools to sopdocs: schemas, VS Code, pre-commit, CI.

They are configuration, not code, so nothing else would notice when one of them goes stale:
a schema copy that drifts from the package, a hook naming a command that was renamed.
"""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Iterator
from typing import Any

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML
from sopdocs.adapters.cli import main
from sopdocs.reading.schema import SOP_SCHEMA, UNIT_SCHEMA, load_schema
from support import REPO


def read_yaml(relative: str) -> Any:
    # YAML 1.2, as GitHub and pre-commit read it: `on:` stays a key, not `True`.
    return YAML(typ="safe").load((REPO / relative).read_text(encoding="utf-8"))


def properties(schema: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every property schema at every depth, with a readable path."""
    if isinstance(schema, dict):
        for name, sub in schema.get("properties", {}).items():
            yield f"{path}.{name}", sub
        for key, value in schema.items():
            step = "" if key == "properties" else f"[{key}]"
            yield from properties(value, path + step)
    elif isinstance(schema, list):
        for item in schema:
            yield from properties(item, path)


@pytest.mark.parametrize("name", [SOP_SCHEMA, UNIT_SCHEMA])
def test_every_property_of_the_schema_has_a_title_and_a_description(name: str):
    found = list(properties(load_schema(name)))
    assert len(found) > 10
    assert [path for path, sub in found if not (sub.get("title") and sub.get("description"))] == []


@pytest.mark.parametrize(
    ("file", "args"), [("sop.schema.json", []), ("unit.schema.json", ["--unit"])]
)
def test_the_schema_files_for_editors_are_what_sopdocs_schema_prints(file: str, args: list[str]):
    printed = CliRunner().invoke(main, ["schema", *args]).output
    assert (REPO / file).read_text(encoding="utf-8") == printed, f"jalankan: sopdocs schema {args}"


def test_vs_code_validates_sop_and_unit_files_with_their_schemas():
    schemas = json.loads((REPO / ".vscode/settings.json").read_text(encoding="utf-8"))[
        "yaml.schemas"
    ]
    assert schemas == {
        "./sop.schema.json": ["sops/**/*.yaml", "sops/**/*.yml", "!sops/**/_unit.yaml"],
        "./unit.schema.json": ["sops/**/_unit.yaml"],
    }
    assert all((REPO / path).is_file() for path in schemas)


def _hooks() -> dict[str, dict[str, Any]]:
    return {hook["id"]: hook for hook in read_yaml(".pre-commit-hooks.yaml")}


def test_the_pre_commit_hooks_run_existing_commands():
    entries = {hook_id: shlex.split(hook["entry"]) for hook_id, hook in _hooks().items()}
    assert entries == {"sopdocs-check": ["sopdocs", "check"], "sopdocs-fmt": ["sopdocs", "fmt"]}
    assert {args[1] for args in entries.values()} <= set(main.commands)


def test_the_pre_commit_hooks_watch_sop_files_only():
    for hook in _hooks().values():
        pattern = re.compile(hook["files"])
        assert hook["language"] == "python"
        assert pattern.search("sops/dinas/a.yaml") and pattern.search("sops/b.yml")
        assert not pattern.search("docs/a.yaml") and not pattern.search("mkdocs.yml")


def test_check_looks_at_the_whole_catalogue_and_fmt_at_the_changed_files():
    hooks = _hooks()
    assert hooks["sopdocs-check"]["pass_filenames"] is False
    assert hooks["sopdocs-fmt"].get("pass_filenames", True) is True


def _workflow() -> dict[str, Any]:
    workflow: dict[str, Any] = read_yaml(".github/workflows/sop.yml")
    return workflow


def _runs(job: str) -> list[str]:
    return [step["run"] for step in _workflow()["jobs"][job]["steps"] if "run" in step]


def test_pull_requests_are_checked_with_annotations_and_fmt():
    workflow = _workflow()
    assert "pull_request" in workflow["on"]
    assert workflow["jobs"]["periksa"]["if"] == "github.event_name == 'pull_request'"
    runs = _runs("periksa")
    assert "sopdocs check --format github" in runs
    assert any(run.startswith("sopdocs fmt --check") for run in runs)


def test_every_sopdocs_command_in_the_workflow_exists():
    runs = [run for job in _workflow()["jobs"] for run in _runs(job)]
    commands = {shlex.split(run)[1] for run in runs if run.startswith("sopdocs ")}
    assert commands and commands <= set(main.commands)


def test_main_is_built_and_deployed_to_github_pages():
    workflow = _workflow()
    assert workflow["on"]["push"] == {"branches": ["main"]}
    build = workflow["jobs"]["bangun"]
    assert any(run.startswith("mkdocs build") for run in _runs("bangun"))
    assert any("graphviz" in run for run in _runs("bangun"))
    assert [step["uses"].split("@")[0] for step in build["steps"] if "uses" in step][-1] == (
        "actions/upload-pages-artifact"
    )
    deploy = workflow["jobs"]["terbitkan"]
    assert deploy["needs"] == "bangun"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["steps"][-1]["uses"].startswith("actions/deploy-pages@")


def test_pull_requests_get_one_review_comment_and_a_job_summary():
    job = _workflow()["jobs"]["tinjau"]
    assert job["if"] == "github.event_name == 'pull_request'"
    assert job["permissions"]["pull-requests"] == "write"
    checkout = next(
        step for step in job["steps"] if step.get("uses", "").startswith("actions/checkout")
    )
    assert checkout["with"]["fetch-depth"] == 0
    script = "\n".join(_runs("tinjau"))
    assert 'sopdocs diff "$BASE" HEAD --format markdown' in script
    assert "$GITHUB_STEP_SUMMARY" in script
    assert "<!-- sopdocs-diff -->" in script and "-X PATCH" in script


def test_the_site_is_built_from_the_full_history_so_pages_show_their_revisions():
    steps = _workflow()["jobs"]["bangun"]["steps"]
    checkout = next(step for step in steps if step.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0
