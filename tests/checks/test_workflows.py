"""The GitHub workflows are valid (checked offline against the schemas vendored in
check-jsonschema) and do what the editors' guide says they do."""

import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
GITHUB = ROOT / ".github"
CHECK_JSONSCHEMA = Path(sys.executable).with_name("check-jsonschema")


def validate(schema: str, *files: Path) -> subprocess.CompletedProcess:
    command = [str(CHECK_JSONSCHEMA), "--builtin-schema", schema, *map(str, files)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def test_the_workflows_and_the_setup_action_match_githubs_schemas():
    workflows = sorted((GITHUB / "workflows").glob("*.yml"))
    assert len(workflows) == 2
    result = validate("vendor.github-workflows", *workflows)
    assert result.returncode == 0, result.stdout + result.stderr
    result = validate("vendor.github-actions", GITHUB / "actions/setup/action.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_broken_workflow_is_caught_by_the_schema(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: pull_request\njobs:\n  check:\n    steps: []\n")  # no runs-on
    assert validate("vendor.github-workflows", broken).returncode == 1


def load(name: str) -> dict:
    # PyYAML reads the key `on` as True (YAML 1.1); GitHub reads it as "on".
    data = yaml.safe_load((GITHUB / "workflows" / name).read_text(encoding="utf-8"))
    return {("on" if key is True else key): value for key, value in data.items()}


def steps(job: dict) -> tuple[list[str], list[str]]:
    runs = [step.get("run", "") for step in job["steps"]]
    uses = [step.get("uses", "").split("@")[0] for step in job["steps"]]
    return runs, uses


def test_a_pull_request_is_tested_built_checked_with_annotations_and_attached():
    makefile = (ROOT / "Makefile").read_text()
    assert "$(PY) -m checks --settings $(CONFFILE) --output $(OUTPUTDIR) $(CHECKOPTS)" in makefile
    workflow = load("pull-request.yml")
    assert "pull_request" in workflow["on"]
    runs, uses = steps(workflow["jobs"]["check"])
    order = [
        next(i for i, run in enumerate(runs) if run == "make test"),
        # make check builds the site into output/, then checks it
        next(i for i, run in enumerate(runs) if run == 'make check CHECKOPTS="--format github"'),
        uses.index("actions/upload-artifact"),
    ]
    assert order == sorted(order)
    upload = workflow["jobs"]["check"]["steps"][order[-1]]
    assert upload["with"]["path"] == "output/"


def test_main_is_built_with_publishconf_and_deployed_to_pages():
    workflow = load("publish.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    runs, uses = steps(workflow["jobs"]["build"])
    assert "make publish" in runs  # the Makefile's publish target uses publishconf.py
    assert "PUBLISHCONF := publishconf.py" in (ROOT / "Makefile").read_text()
    assert "actions/upload-pages-artifact" in uses
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert steps(deploy)[1] == ["actions/deploy-pages"]
