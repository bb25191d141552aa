"""Production settings pass `manage.py check --deploy` with the example environment values."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def example_environment() -> dict[str, str]:
    values = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            name, _, value = line.partition("=")
            values[name.strip()] = value.strip()
    return values


def test_env_example_names_every_variable_the_settings_read():
    import re

    names = set(example_environment())
    read = set()
    for path in (ROOT / "lms" / "settings").glob("*.py"):
        read |= set(re.findall(r"""env(?:_bool|_list)?\(\s*["']([A-Z_][A-Z0-9_]*)["']""", path.read_text()))
    assert read - names == set(), f"missing from .env.example: {sorted(read - names)}"


def test_check_deploy_passes_with_production_settings():
    env = {
        key: value
        for key, value in os.environ.items()
        if key in {"PATH", "HOME", "LANG", "VIRTUAL_ENV", "PYTHONPATH", "SYSTEMROOT"}
    }
    env.update(example_environment())
    env["DJANGO_SETTINGS_MODULE"] = "lms.settings.production"
    # The example secret is a placeholder: check --deploy must see a long, random one.
    env["SECRET_KEY"] = "k3Zp-" + "x9Q!v7Lr2#mT8wN4^bC6yH1@sD5gF0jK" * 2
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {key: value for key, value in os.environ.items() if key in {"PATH", "HOME", "LANG"}}
    env.update(example_environment())
    env.update({"DJANGO_SETTINGS_MODULE": "lms.settings.production", "SECRET_KEY": ""})
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
