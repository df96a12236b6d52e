"""``pip install hsync-core`` works on its own from a built wheel."""

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: hsync's Claude Code plugin, shipped as package data (dot-directories included)
PLUGIN_FILES = [
    "hsync_core/integrations/claude/plugin/.claude-plugin/marketplace.json",
    "hsync_core/integrations/claude/plugin/hsync/.claude-plugin/plugin.json",
    "hsync_core/integrations/claude/plugin/hsync/hooks/hooks.json",
    *(
        f"hsync_core/integrations/claude/plugin/hsync/commands/{name}.md"
        for name in ("sync", "status", "diff", "check")
    ),
]


def build_wheel(source: Path, out: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(source)],
        check=True,
        capture_output=True,
        text=True,
    )
    return next(out.glob("*.whl"))


def test_core_wheel_installs_alone_and_runs(tmp_path):
    wheel = build_wheel(ROOT, tmp_path / "dist")
    assert wheel.name.startswith("hsync_core-")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert [f for f in PLUGIN_FILES if f not in names] == []
    target = tmp_path / "venv"
    venv.create(target, with_pip=True)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(HOME=str(tmp_path / "home"), HSYNC_HOME=str(tmp_path / "home/.hsync"))
    installed = subprocess.run(
        [str(target / "bin/pip"), "install", "--quiet", "--disable-pip-version-check", str(wheel)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert installed.returncode == 0, installed.stderr
    help_ = subprocess.run([str(target / "bin/hsync"), "--help"], capture_output=True, text=True, env=env)
    assert help_.returncode == 0 and "Configure Claude Code once" in help_.stdout
    targets = subprocess.run(
        [str(target / "bin/hsync"), "targets", "--json"], capture_output=True, text=True, env=env
    )
    assert targets.returncode == 0 and '"targets": []' in targets.stdout
    listing = subprocess.run(
        [
            str(target / "bin/python"),
            "-c",
            "import importlib.metadata as m; print(m.entry_points(group='pytest11'))",
        ],
        capture_output=True,
        text=True,
        env=env,
    )
    assert "hsync_core.testing" in listing.stdout
    # the installed package can install its Claude Code plugin from site-packages
    dry = subprocess.run(
        [str(target / "bin/hsync"), "integrate", "claude", "--dry-run"],
        capture_output=True,
        text=True,
        env={**env, "PATH": f"{target / 'bin'}{os.pathsep}{env.get('PATH', '')}"},
        cwd=tmp_path,
    )
    assert dry.returncode == 0, dry.stderr
    assert "site-packages/hsync_core/integrations/claude/plugin" in dry.stdout and dry.stderr == ""


def requirements(wheel: Path) -> list[str]:
    """The ``Requires-Dist`` lines of a wheel (without extras' requirements)."""
    with zipfile.ZipFile(wheel) as archive:
        metadata = archive.read(next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA")))
    found = []
    for line in metadata.decode().splitlines():
        if line.startswith("Requires-Dist:") and "extra ==" not in line:
            found.append(line.split(":", 1)[1].strip().split(";")[0].strip())
    return found


#: (adapter, the adapter it builds on, what each writes for a user command named "review")
BUILDS_ON = [
    ("kilo", "opencode", ".config/kilo/command/review.md", ".config/opencode/command/review.md"),
    ("qwen", "gemini", ".qwen/commands/review.md", ".gemini/commands/review.toml"),
]


@pytest.mark.parametrize(("adapter", "base", "written", "base_written"), BUILDS_ON)
def test_an_adapter_another_one_builds_on_stays_off_until_asked_for(
    tmp_path, adapter, base, written, base_written
):
    """``pip install hsync-core hsync-kilo`` also installs hsync-opencode (Kilo builds on its
    renderers); only Kilo syncs until the user names OpenCode in the config. Likewise Qwen and
    Gemini. From built wheels, in a fresh virtual environment."""
    dist = tmp_path / "dist"
    wheels = [
        build_wheel(source, dist / source.name)
        for source in (ROOT, ROOT / f"plugins/hsync-{base}", ROOT / f"plugins/hsync-{adapter}")
    ]
    target = tmp_path / "venv"
    venv.create(target, with_pip=True)
    home, project = tmp_path / "home", tmp_path / "project"
    (home / ".claude").mkdir(parents=True)
    (home / ".claude/commands").mkdir()
    (home / ".claude/commands/review.md").write_text("---\ndescription: Review.\n---\nReview it.\n")
    project.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env = {k: v for k, v in env.items() if not k.startswith(("KILO_", "OPENCODE_", "QWEN_", "GEMINI_"))}
    env.update(HOME=str(home), HSYNC_HOME=str(home / ".hsync"), XDG_CONFIG_HOME=str(home / ".config"))
    pip = [str(target / "bin/pip"), "install", "--quiet", "--disable-pip-version-check"]
    # the core with its dependencies from the index, then the adapter with the one it builds on
    # only from the wheels built here (an index must not supply a package of that name)
    third_party = [r for w in wheels[1:] for r in requirements(w) if not r.startswith("hsync-")]
    for args in (
        [str(wheels[0]), *third_party],
        ["--no-index", "--find-links", str(dist / f"hsync-{base}"), str(wheels[2])],
    ):
        installed = subprocess.run([*pip, *args], capture_output=True, text=True, env=env, check=False)
        assert installed.returncode == 0, installed.stderr

    def hsync(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(target / "bin/hsync"), "--project", str(project), *args],
            capture_output=True,
            text=True,
            env=env,
            cwd=project,
        )

    shown = hsync("targets")
    assert f"installed as a dependency of hsync-{adapter}" in shown.stdout, shown.stdout
    done = hsync("sync", "--scope", "user")
    assert done.returncode == 0, done.stdout + done.stderr
    assert (home / written).exists()
    assert not (home / base_written).exists()
    # named in the config, it syncs too
    (home / ".hsync/config.toml").write_text(f"[targets.{base}]\nenabled = true\n")
    assert hsync("sync", "--scope", "user").returncode == 0
    assert (home / base_written).exists()


PACKAGES = [ROOT, *sorted((ROOT / "plugins").glob("hsync-*"))]


def test_every_package_is_ready_for_the_index(tmp_path):
    """Built wheels and sdists pass ``twine check`` (the long description renders on the index),
    each long description is a user's page (install, the commands, links), not the development
    README, and each has a version, classifiers and project URLs; the changelog names the version."""
    dist = tmp_path / "dist"
    for source in PACKAGES:
        subprocess.run(
            [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(dist), str(source)],
            check=True,
            capture_output=True,
            text=True,
        )
    built = sorted(dist.iterdir())
    assert len(built) == 2 * len(PACKAGES)
    checked = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *map(str, built)], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    version = None
    for wheel in (w for w in built if w.suffix == ".whl"):
        with zipfile.ZipFile(wheel) as archive:
            raw = archive.read(next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA")))
        headers, _, description = raw.decode().partition("\n\n")
        assert "Description-Content-Type: text/markdown" in headers, wheel.name
        assert headers.count("Classifier:") >= 5 and headers.count("Project-URL:") >= 3, wheel.name
        version = next(line.split(": ", 1)[1] for line in headers.splitlines() if line.startswith("Version:"))
        assert "pip install" in description or "pipx install" in description, wheel.name
        assert "scripts/bootstrap" not in description and "scripts/test" not in description, wheel.name
        assert "](../" not in description and "](docs/" not in description, wheel.name  # links work there
    core = (ROOT / "README.pypi.md").read_text(encoding="utf-8")
    assert "hsync sync --dry-run" in core and "hsync install hsync-codex" in core
    assert f"## [{version}]" in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")


def test_pipx_install_then_hsync_install_an_adapter(tmp_path):
    """What a user does: ``pipx install hsync-core`` (a fresh environment with only the core
    wheel and its dependencies), then ``hsync install hsync-codex`` — here from a folder of built
    wheels (``--no-index --find-links``), so no index can supply a package of that name. Then
    ``hsync --version`` lists codex and ``hsync sync`` writes Codex's files."""
    dist = tmp_path / "dist"
    core = build_wheel(ROOT, dist / "core")
    codex_dir = dist / "codex"
    codex = build_wheel(ROOT / "plugins/hsync-codex", codex_dir)
    target = tmp_path / "venv"
    venv.create(target, with_pip=True)
    home = tmp_path / "home"
    (home / ".claude").mkdir(parents=True)
    (home / ".claude/CLAUDE.md").write_text("# Mine\n\nAlways run the tests.\n", encoding="utf-8")
    env = {
        k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "HSYNC_LOAD_PLUGINS")
    }
    env = {k: v for k, v in env.items() if not k.startswith("CODEX_")}
    env.update(HOME=str(home), HSYNC_HOME=str(home / ".hsync"))
    pip = [str(target / "bin/pip"), "install", "--quiet", "--disable-pip-version-check"]
    installed = subprocess.run([*pip, str(core)], capture_output=True, text=True, env=env)
    assert installed.returncode == 0, installed.stderr
    # the adapter's own dependencies go into the folder of wheels beside it, as a wheelhouse
    third_party = [r for r in requirements(codex) if not r.startswith("hsync-")]
    fetched = subprocess.run(
        [
            str(target / "bin/pip"),
            "download",
            "--quiet",
            "--only-binary=:all:",
            "--dest",
            str(codex_dir),
            *third_party,
        ],
        capture_output=True,
        text=True,
        env=env,
    )
    assert fetched.returncode == 0, fetched.stderr

    def hsync(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(target / "bin/hsync"), *args], capture_output=True, text=True, env=env, cwd=home
        )

    before = hsync("--version")
    assert before.returncode == 0 and "no adapters installed" in before.stdout
    added = hsync("install", "hsync-codex", "--no-index", "--find-links", str(codex_dir))
    assert added.returncode == 0, added.stdout + added.stderr
    after = hsync("--version")
    assert "codex" in after.stdout, after.stdout
    done = hsync("sync", "--scope", "user")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Always run the tests." in (home / ".codex/AGENTS.md").read_text(encoding="utf-8")
