"""geniusctl's daemon commands against the real release geniusd: ask without --state (the ask contract's
plain and --json output, one session), chat from standard input, signals get/list/watch, bus, --json,
--address and GENIUS_ADDRESS, an unreachable daemon (exit 69 naming the address), a refused user (77).

    .venv/bin/python -m pytest -q IntegrationTests/daemon/test_api_geniusctl.py
"""

import json
import os
import pathlib
import subprocess

import pytest

from test_api_python import Daemon

REPO = pathlib.Path(__file__).resolve().parents[2]
GENIUSCTL = os.environ.get("GENIUSCTL") or str(REPO / ".build" / "release" / "geniusctl")
RANGE = "Vehicle.Powertrain.Range"
SPEED = "Vehicle.Speed"


@pytest.fixture(scope="module")
def daemon():
    if not os.access(GENIUSCTL, os.X_OK):
        pytest.fail(f"{GENIUSCTL} is missing: build it (swift build -c release) or set GENIUSCTL")
    started = Daemon()
    yield started
    alive = started.alive()
    started.stop()
    assert alive, "geniusd died during the tests"


def ctl(*arguments, stdin=None, env=None, timeout=30, user=None):
    environment = {k: v for k, v in os.environ.items() if k != "GENIUS_ADDRESS"}
    environment.update(env or {})
    command = [GENIUSCTL, *arguments]
    if user:
        command = ["setpriv", f"--reuid={user}", "--regid=nogroup", "--clear-groups", *command]
    return subprocess.run(command, input=stdin, capture_output=True, text=True, env=environment, timeout=timeout)


def test_ask_plain_answers_each_utterance_in_one_session(daemon):
    result = ctl("ask", "--address", daemon.address, "what is the tire pressure in the front", "and the rear ones")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert "front" in lines[0].lower() and "rear" in lines[1].lower(), lines


def test_ask_json_follows_the_contract(daemon):
    result = ctl("ask", "--json", "--address", daemon.address, "how far can i go", "what's the tyre pressure in the front", "and the rear ones")
    assert result.returncode == 0, result.stderr
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(answers) == 3
    for answer in answers:
        assert list(answer)[:4] == ["text", "intent", "locale", "values"]
        assert answer["locale"] == "en-US" and answer["agent"] == "car-genius"
        for value in answer["values"]:
            assert {"path", "value", "unit", "age"} <= set(value)
    assert answers[0]["intent"] == "range"
    assert any(v["path"] == RANGE for v in answers[0]["values"])
    # The follow-up needs the session: it refines the previous question to the rear axle.
    assert answers[2]["intent"] == answers[1]["intent"]
    assert all("Row2" in v["path"] for v in answers[2]["values"] if "Pressure" in v["path"])
    assert any("Row2" in v["path"] for v in answers[2]["values"])


def test_ask_locale(daemon):
    result = ctl("ask", "--json", "--locale", "de-DE", "--address", daemon.address, "wie weit komme ich")
    answer = json.loads(result.stdout)
    assert answer["locale"] == "de-DE" and "km" in answer["text"]


def test_genius_address_from_the_environment(daemon):
    result = ctl("ask", "how far can i go", env={"GENIUS_ADDRESS": daemon.address})
    assert result.returncode == 0 and result.stdout.strip(), result.stderr
    # --address wins over the environment.
    result = ctl("bus", "--address", daemon.address, env={"GENIUS_ADDRESS": "unix:/nonexistent/x"})
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("command", [["ask", "how far can i go"], ["chat"], ["signals", "get", SPEED], ["signals", "list"], ["signals", "watch", SPEED], ["bus"]])
def test_unreachable_daemon_exits_69_naming_the_address(command):
    result = ctl(*command, "--address", "unix:/nonexistent/geniusd.sock", stdin="how far can i go\n")
    assert result.returncode == 69
    assert "unix:/nonexistent/geniusd.sock" in result.stderr
    result = ctl(*command, stdin="", env={"GENIUS_ADDRESS": "unix:/nonexistent/env.sock"})
    assert result.returncode == 69 and "unix:/nonexistent/env.sock" in result.stderr


def test_default_address_is_named_when_unreachable():
    if os.path.exists("/run/geniusd/io.cargenius"):
        pytest.skip("a geniusd is running at the default address on this machine")
    result = ctl("bus")
    assert result.returncode == 69 and "unix:/run/geniusd/io.cargenius" in result.stderr


def test_chat_reads_lines_until_exit(daemon):
    result = ctl("chat", "--address", daemon.address, stdin="how far can i go\n\n  \nis the driver door open\nexit\nhow far can i go\n")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2, lines
    assert "range" in lines[0].lower() or "mile" in lines[0].lower()
    assert "door" in lines[1].lower()


def test_chat_json_keeps_one_session_to_the_end_of_input(daemon):
    result = ctl("chat", "--json", "--address", daemon.address, stdin="what's the tire pressure in the front\nand the rear ones\n")
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(answers) == 2
    assert answers[1]["intent"] == answers[0]["intent"] == "tire_pressure"
    assert any("Row2" in v["path"] for v in answers[1]["values"])


def test_signals_get(daemon):
    result = ctl("signals", "get", "--address", daemon.address, RANGE, "Vehicle.Not.A.Signal")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(RANGE) and "available" in lines[0] and " m " in lines[0]
    assert lines[1].startswith("Vehicle.Not.A.Signal") and "unknown" in lines[1]
    reply = json.loads(ctl("signals", "get", "--json", "--address", daemon.address, RANGE, SPEED).stdout)
    assert [v["path"] for v in reply["values"]] == [RANGE, SPEED]
    assert all(v["status"] == "available" and isinstance(v["value"], (int, float)) for v in reply["values"])


def test_signals_list(daemon):
    result = ctl("signals", "list", "--address", daemon.address, "Vehicle.Cabin.Door")
    assert result.returncode == 0, result.stderr
    assert "Vehicle.Cabin.Door.Row1.DriverSide.IsOpen" in result.stdout
    assert "Vehicle.Speed" not in result.stdout
    reply = json.loads(ctl("signals", "list", "--json", "--address", daemon.address).stdout)
    paths = {s["path"] for b in reply["branches"] for s in b["signals"]}
    assert {RANGE, SPEED} <= paths
    result = ctl("signals", "list", "--address", daemon.address, "Vehicle.Hovercraft")
    assert result.returncode == 1
    assert "io.cargenius.Vehicle.UnknownBranch" in result.stderr and "Vehicle.Hovercraft" in result.stderr


def test_signals_watch_expands_globs_and_streams_lines(daemon):
    try:
        subprocess.run(
            [GENIUSCTL, "signals", "watch", "--address", daemon.address, "--interval", "0.1", SPEED, "Vehicle.Chassis.Axle.*.Tire.Pressure"],
            capture_output=True, text=True, timeout=3,
        )
        pytest.fail("watch ended by itself")
    except subprocess.TimeoutExpired as stopped:
        output = stopped.stdout.decode() if isinstance(stopped.stdout, bytes) else stopped.stdout
    lines = output.splitlines()
    paths = [line.split()[0] for line in lines]
    tires = {p for p in paths if p.endswith("Tire.Pressure")}
    assert len(tires) == 4, tires  # the glob matched every wheel
    assert paths.count(SPEED) >= 2, "no change of the speed streamed in 3 s"
    assert set(paths) <= tires | {SPEED}


def test_signals_watch_json(daemon):
    try:
        subprocess.run(
            [GENIUSCTL, "signals", "watch", "--json", "--address", daemon.address, "Vehicle.Powertrain"],
            capture_output=True, text=True, timeout=2,
        )
    except subprocess.TimeoutExpired as stopped:
        output = stopped.stdout.decode() if isinstance(stopped.stdout, bytes) else stopped.stdout
    first = json.loads(output.splitlines()[0])
    paths = {v["path"] for v in first["values"]}
    assert RANGE in paths and all(p.startswith("Vehicle.Powertrain.") for p in paths)


def test_bus(daemon):
    result = ctl("bus", "--address", daemon.address)
    assert result.returncode == 0, result.stderr
    header, row = result.stdout.splitlines()[:2]
    assert header.split()[:3] == ["INTERFACE", "KIND", "STATE"]
    assert row.split()[:2] == ["simulator", "simulator"]
    reply = json.loads(ctl("bus", "--json", "--address", daemon.address).stdout)
    assert reply["interfaces"][0]["kind"] == "simulator" and reply["interfaces"][0]["frames"] > 0


def test_refused_user_exits_77(daemon):
    if os.getuid() != 0:
        pytest.fail("runs geniusctl as nobody: run the tests as root")
    result = ctl("bus", "--address", daemon.address, user="nobody")
    assert result.returncode == 77, (result.returncode, result.stderr)
    assert "org.varlink.service.PermissionDenied" in result.stderr and daemon.address in result.stderr
