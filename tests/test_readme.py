"""The README's set-up commands are the ones CI runs."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Set-up: two commands", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```bash\n(.*?)```", section, re.S)
    return [next(line for line in b.splitlines() if not line.startswith("#")) for b in blocks]


def test_two_commands_and_ci_runs_the_test_command() -> None:
    main_job, tests = _commands()
    assert "outline-corpus build" in main_job
    assert "pytest" in tests
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert tests in ci.splitlines()


def test_every_knob_is_in_the_configuration_table() -> None:
    from outline_corpus.cli_options import knobs
    from outline_corpus.config import GROUPS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    for group in ("model", "semicolon", *GROUPS):
        for f, _ in knobs(group):
            shown = '""' if f.default == "" else f.default  # `` is no code span
            assert f"| `{group}` | `--{f.name.replace('_', '-')}` | `{shown}` |" in section
