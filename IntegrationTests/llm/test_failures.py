"""Failure injection: a scripted server misbehaves one way per test, and every turn must end in the engine's own
answer or a decline, within the deadline; the one well-behaved script shows a grounded LLM answer getting through.

geniusctl ask --state FILE --llm ENDPOINT [--llm-mode always] --json: the reply's `source` says who produced the text."""
import json
import os
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from conftest import GENIUSCTL, ROOT, ask, free_port
from fake_server import FakeLLM
from grounding import invented_figures

CASE = json.loads((ROOT / "eval/car-genius/heldout-style.jsonl").read_text().splitlines()[0])
STATE = CASE["state"]
QUESTION = "how far can I go"


@pytest.fixture(scope="module")
def state_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("llm") / "state.json"
    path.write_text(json.dumps(STATE))
    return str(path)


@pytest.fixture(scope="module")
def engine_reply(state_file):
    replies, _, _ = ask("--state", state_file, "--json", QUESTION)
    return replies[0]


def fake(behaviour, **kw):
    server = FakeLLM(behaviour, **kw)
    return server


def test_grounded_answer_is_spoken(state_file):
    server = fake("grounded")
    try:
        replies, err, _ = ask("--state", state_file, "--llm", server.endpoint, "--llm-mode", "always", "--json", QUESTION)
    finally:
        server.close()
    reply = replies[0]
    assert reply["source"] == "llm", err
    assert reply["text"] == "You can drive about 201 km."
    assert [v["path"] for v in reply["values"]] == ["Vehicle.Powertrain.Range"]
    assert invented_figures(reply, STATE) == []
    # What was sent: tools with JSON Schema, the tool result of the live store, a streamed request.
    first, second = server.requests
    assert first["stream"] is True
    assert {t["function"]["name"] for t in first["tools"]} == {"get_signals", "find_signals", "explain_warning", "answer"}
    tool_message = [m for m in second["messages"] if m["role"] == "tool"][0]
    assert json.loads(tool_message["content"])[0] == {"path": "Vehicle.Powertrain.Range", "value": 201000, "unit": "m",
                                                      "age_s": 0, "status": "available"}


def test_unix_socket_endpoint(state_file):
    folder = tempfile.mkdtemp(prefix="llm-")
    server = fake("grounded", unix_path=os.path.join(folder, "llm.sock"))
    try:
        replies, err, _ = ask("--state", state_file, "--llm", server.endpoint, "--llm-mode", "always", "--json", QUESTION)
    finally:
        server.close()
        os.unlink(os.path.join(folder, "llm.sock"))
        os.rmdir(folder)
    assert replies[0]["source"] == "llm", err
    assert replies[0]["text"] == "You can drive about 201 km."


def test_answer_tool_hands_back_to_the_composer(state_file):
    server = fake("answer_tool")
    try:
        replies, err, _ = ask("--state", state_file, "--llm", server.endpoint, "--llm-mode", "always", "--json", QUESTION)
    finally:
        server.close()
    reply = replies[0]
    assert reply["source"] == "llm", err
    assert reply["intent"] == "tire_pressure"
    assert [v["path"] for v in reply["values"]] == ["Vehicle.Chassis.Axle.Row1.Wheel.Left.Tire.Pressure"], reply
    assert invented_figures(reply, STATE) == []
    assert len(server.requests) == 1, "answer() ends the turn"


# behaviour, expected source, at most this many requests reach the server
FAILURES = [
    ("invented", "llm-rejected", 2),
    ("truncated", "engine", 1),
    ("bad_arguments", "llm-rejected", 2),
    ("unknown_tool", "llm-rejected", 2),
    ("loop", "llm-rejected", 4),
    ("garbage", "engine", 1),
    ("loading", "engine", 2),
]


@pytest.mark.parametrize("behaviour,source,requests", FAILURES, ids=[f[0] for f in FAILURES])
def test_failure_ends_in_the_engine_answer(state_file, engine_reply, behaviour, source, requests):
    server = fake(behaviour)
    try:
        replies, err, seconds = ask("--state", state_file, "--llm", server.endpoint, "--llm-mode", "always", "--json", QUESTION)
    finally:
        server.close()
    reply = replies[0]
    assert reply["source"] == source, err
    assert {k: reply[k] for k in ("text", "intent", "locale", "values")} == engine_reply, "the engine's answer, unchanged"
    assert "geniusctl ask: llm: " in err, "the reason is said on stderr"
    assert len(server.requests) <= requests
    assert seconds < 1.5 + 1.0


def test_slow_server_falls_back_within_the_default_deadline(state_file, engine_reply):
    server = fake("slow")
    try:
        replies, err, seconds = ask("--state", state_file, "--llm", server.endpoint, "--llm-mode", "always", "--json", QUESTION)
    finally:
        server.close()
    assert replies[0]["source"] == "engine"
    assert replies[0]["text"] == engine_reply["text"]
    assert "1500 ms" in err
    print(f"fallback after a slow server: {seconds * 1000:.0f} ms (deadline 1500 ms)")
    assert 1.4 < seconds < 1.5 + 0.8


def test_server_down_falls_back_at_once(state_file, engine_reply):
    endpoint = f"http://127.0.0.1:{free_port()}/v1"  # nobody listens there
    replies, err, seconds = ask("--state", state_file, "--llm", endpoint, "--llm-mode", "always", "--json", QUESTION)
    assert replies[0]["source"] == "engine"
    assert replies[0]["text"] == engine_reply["text"]
    assert "connect" in err and "refused" in err.lower()
    assert seconds < 1.0


def test_fallback_mode_consults_the_llm_only_when_the_engine_did_not_understand(state_file):
    server = fake("grounded")
    try:
        replies, err, _ = ask("--state", state_file, "--llm", server.endpoint, "--json", QUESTION, "blorp the frobnicator")
    finally:
        server.close()
    understood, not_understood = replies
    assert understood["source"] == "engine"
    assert not_understood["source"] == "llm"
    assert not_understood["intent"] == "open_question"
    assert len(server.requests) == 2, "one turn of the LLM path: a tool round and the answer"


def test_without_llm_the_json_has_no_source(state_file, engine_reply):
    assert "source" not in engine_reply


@pytest.mark.parametrize("endpoint", ["http://10.1.2.3:8080/v1", "http://api.example.com:443/v1", "https://127.0.0.1:8080/v1"])
def test_non_loopback_endpoints_are_refused(state_file, endpoint):
    done = subprocess.run([GENIUSCTL, "ask", "--state", state_file, "--llm", endpoint, QUESTION], capture_output=True, text=True)
    assert done.returncode == 64
    assert endpoint in done.stderr
    assert "127.0.0.1" in done.stderr


@pytest.mark.parametrize("args,message", [
    (["--llm-mode", "always"], "need --llm"),
    (["--llm", "http://127.0.0.1:1/v1", "--llm-mode", "sometimes"], "expected fallback or always"),
    (["--llm", "http://127.0.0.1:1/v1", "--llm-deadline-ms", "0"], "--llm-deadline-ms 0"),
])
def test_bad_llm_options_are_usage_errors(state_file, args, message):
    done = subprocess.run([GENIUSCTL, "ask", "--state", state_file, *args, QUESTION], capture_output=True, text=True)
    assert done.returncode == 64
    assert message in done.stderr


def test_llm_needs_an_offline_source():
    done = subprocess.run([GENIUSCTL, "ask", "--llm", "http://127.0.0.1:1/v1", QUESTION], capture_output=True, text=True)
    assert done.returncode == 64
    assert "--state or --vehicle --log" in done.stderr
