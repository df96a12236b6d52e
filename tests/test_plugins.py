"""Plugin loading: isolated failures, conflicts, allow/deny lists, tracing."""

from hsync_core import hookimpl
from hsync_core.models import TargetInfo
from hsync_core.plugins import DEFAULT_PLUGINS, make_plugin_manager


class Adapter:
    def __init__(self, name):
        self.__name__ = f"adapter_{name}_{id(self)}"
        self.name = name

    @hookimpl
    def register_targets(self):
        return [TargetInfo(name=self.name, kinds=("rules",), locations={"user": "~/.x"})]


def test_no_manager_at_import_and_a_fresh_one_per_call():
    first = make_plugin_manager(load_entrypoints=False)
    second = make_plugin_manager(load_entrypoints=False)
    assert first.pm is not second.pm
    assert [first.pm.get_plugin(n) is not None for n in DEFAULT_PLUGINS] == [True, True]


def test_targets_are_collected_and_conflicts_reported():
    plugins = make_plugin_manager(load_entrypoints=False, plugins=[Adapter("a"), Adapter("b"), Adapter("b")])
    assert set(plugins.targets) == {"a", "b"}
    assert list(plugins.conflicts()) == ["b"]
    assert any("claimed by" in p.error for p in plugins.problems)


def test_register_targets_that_raises_is_a_problem_not_a_crash():
    class Bad:
        @hookimpl
        def register_targets(self):
            raise ValueError("oops")

    plugins = make_plugin_manager(load_entrypoints=False, plugins=[Bad(), Adapter("ok")])
    assert "ok" in plugins.targets and "oops" in plugins.problems[0].error


def test_empty_allow_list_loads_no_adapter():
    plugins = make_plugin_manager(environ={"HSYNC_LOAD_PLUGINS": ""})
    assert plugins.targets == {}


class _Dist:
    def __init__(self, name: str, requires: list[str], requested: bool):
        self.name, self.requires, self._requested = name, requires, requested

    def read_text(self, filename: str) -> str | None:
        return "" if filename == "REQUESTED" and self._requested else None


class _EntryPoint:
    def __init__(self, dist: _Dist):
        self.dist = dist


def test_an_adapter_installed_only_as_another_adapters_dependency_is_optional():
    from hsync_core.plugins import dependency_only_targets

    opencode = _Dist("hsync-opencode", ["hsync-core>=0.1", "attrs"], requested=False)
    kilo = _Dist("hsync_kilo", ["hsync-core>=0.1", "hsync-opencode>=0.1.0", "pyyaml; extra == 'x'"], True)
    found = dependency_only_targets({"opencode": _EntryPoint(opencode), "kilo": _EntryPoint(kilo)})
    assert found == {"opencode": "hsync_kilo"}
    opencode_asked_for = _Dist("hsync-opencode", [], requested=True)
    eps = {"opencode": _EntryPoint(opencode_asked_for), "kilo": _EntryPoint(kilo)}
    assert dependency_only_targets(eps) == {}


def test_config_names_a_dependency_only_target_to_switch_it_on():
    from hsync_core.config import Config, TargetConfig

    installed = ["kilo", "opencode"]
    assert Config().enabled_targets(installed, {"opencode": "hsync-kilo"}) == ["kilo"]
    assert Config(targets=["opencode"]).enabled_targets(installed, {"opencode": "hsync-kilo"}) == ["opencode"]
    on = Config(target_options={"opencode": TargetConfig(enabled=True)})
    assert on.enabled_targets(installed, {"opencode": "hsync-kilo"}) == installed
    off = Config(target_options={"kilo": TargetConfig(enabled=False)})
    assert off.enabled_targets(installed) == ["opencode"]


def test_adapter_version_names_the_installed_package_of_a_target():
    plugins = make_plugin_manager()
    assert "codex" in plugins.target_names
    assert plugins.adapter_version("codex") == (
        plugins.targets["codex"].package,
        plugins.targets["codex"].version,
    )
    assert plugins.adapter_version("codex")[0] == "hsync-codex" and plugins.adapter_version("codex")[1]
    assert plugins.adapter_version("no-such-target") == (None, None)
