"""The layering rules of issue 11, checked on the sources as they are.

- A portable module (the core, the agents, the API, the protocols) imports no platform library (Glibc, Musl,
  Darwin, Foundation's full module) and no C module or Linux adapter: those live only in the adapters and
  executables.
- No two modules declare the same public top-level type name (one JSONValue, one SignalReading, ...).
- Package.swift declares every module under Sources/, so the lists below cannot silently miss a new one.
"""
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[2]
SOURCES = ROOT / "Sources"

# Adapters and executables: they may touch the platform. Everything else under Sources/ is portable.
ADAPTERS = {"SocketCAN", "CSocketCAN", "VarlinkSocket", "Systemd", "CSystemd", "DBusAPI", "CSDBus", "LLMSocket",
            "GeniusDaemon", "geniusd", "geniusctl", "GeniusTestSupport"}
PLATFORM = {"Glibc", "Musl", "Darwin", "SwiftGlibc", "Foundation", "FoundationNetworking"}
IMPORT = re.compile(r"^\s*(?:@\w+\s+)*(?:public |internal |package |private |fileprivate )?import\s+"
                    r"(?:(?:struct|enum|class|protocol|func|var|typealias)\s+)?([A-Za-z_][A-Za-z0-9_]*)", re.M)
PUBLIC_TYPE = re.compile(r"^public (?:final )?(?:indirect )?(?:struct|enum|class|actor|protocol|typealias) ([A-Za-z_][A-Za-z0-9_]*)",
                         re.M)


def modules():
    return sorted(p.name for p in SOURCES.iterdir() if p.is_dir())


def swift_files(module):
    return sorted((SOURCES / module).rglob("*.swift"))


def test_every_module_is_declared_in_the_package():
    package = (ROOT / "Package.swift").read_text()
    declared = set(re.findall(r'(?:target|executableTarget|systemLibrary)\(\s*name:\s*"([^"]+)"', package))
    missing = [m for m in modules() if m not in declared]
    assert not missing, f"Sources/ modules not in Package.swift: {missing}"


def test_portable_modules_import_no_platform_library_c_module_or_adapter():
    forbidden = PLATFORM | ADAPTERS
    found = []
    portable = [m for m in modules() if m not in ADAPTERS]
    assert {"JSON", "VSS", "Speech", "CarGenius", "TravelCompanion", "Varlink", "GeniusAPI"} <= set(portable)
    for module in portable:
        for path in swift_files(module):
            for name in IMPORT.findall(path.read_text()):
                if name in forbidden:
                    found.append(f"{path.relative_to(ROOT)} imports {name}")
    assert not found, "portable modules must not import these:\n" + "\n".join(found)


def test_no_two_modules_declare_the_same_public_type():
    owners = {}
    for module in modules():
        for path in swift_files(module):
            for name in PUBLIC_TYPE.findall(path.read_text()):
                owners.setdefault(name, set()).add(module)
    twice = {name: sorted(mods) for name, mods in owners.items() if len(mods) > 1}
    assert len(owners) > 100, "the scan found too few public types to be a real check"
    assert not twice, f"public types declared in more than one module: {twice}"
