"""docs/architecture.md's module graph is what scripts/architecture writes from Package.swift (it cannot drift)."""
import importlib.machinery
import importlib.util
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "architecture"


def load_script():
    loader = importlib.machinery.SourceFileLoader("architecture", str(SCRIPT))
    spec = importlib.util.spec_from_loader("architecture", loader)
    module = importlib.util.module_from_spec(spec)
    writes, sys.dont_write_bytecode = sys.dont_write_bytecode, True  # no scripts/__pycache__ beside the script
    try:
        loader.exec_module(module)
    finally:
        sys.dont_write_bytecode = writes
    return module


def test_committed_module_graph_is_what_package_swift_says():
    result = subprocess.run([sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, (
        f"scripts/architecture --check exited {result.returncode}:\n{result.stdout}\n{result.stderr}")


def test_layers_and_purposes_are_read_from_the_comments():
    architecture = load_script()
    text = '''
    targets: [
        // MARK: Core (portable): no kernel.
        // Frames.
        .target(name: "A"),
        // Decoding,
        // in two lines.
        .target(
            name: "B", dependencies: ["A"]),

        // MARK: Adapters: the kernel.
        // The daemon.
        .target(
            name: "D",
            dependencies: ["B", .target(name: "C", condition: .when(platforms: [.linux]))]
        ),
        .target(name: "C", dependencies: ["A"]),
    ]
    '''
    layers, found = architecture.read_layers(text, {"A", "B", "C", "D"})
    assert layers == [("Core (portable)", "no kernel."), ("Adapters", "the kernel.")]
    assert found == {"A": (0, "Frames.", 0), "B": (0, "Decoding, in two lines.", 1), "D": (1, "The daemon.", 2),
                     "C": (1, "", 3)}
