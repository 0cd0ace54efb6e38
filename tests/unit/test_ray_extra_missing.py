"""Without the `ray` extra, the Ray options say how to get it in one line, never a traceback."""

import subprocess
import sys

import pytest

from index.settings import REPO_ROOT

# Hiding an installed package is the only way to see this on a machine that has Ray:
# a None entry in sys.modules makes `import ray` raise ImportError.
RUN_WITHOUT_RAY = "import sys; sys.modules['ray'] = None; from service.cli import main; " + (
    "sys.exit(main(sys.argv[1:]))"
)


@pytest.mark.parametrize(
    "argv",
    [
        ["build", "--executor", "ray", "--quiet"],
        ["build", "--executor", "ray", "--ray-address", "127.0.0.1:6379"],
        ["serve", "--replicas", "2", "--port", "1"],
    ],
)
def test_ray_options_without_the_extra_fail_with_one_line_naming_it(argv, tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", RUN_WITHOUT_RAY, *argv, "--index", str(tmp_path)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert lines == ["error: Ray is not installed: pip install -e .[ray]"]
    assert "Traceback" not in done.stderr + done.stdout
    assert not (tmp_path / "CURRENT").exists()
