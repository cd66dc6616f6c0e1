"""geniusd on D-Bus, called from the outside: a private dbus-daemon, then busctl, gdbus and dbus-fast (PyPI).

Starts a dbus-daemon of its own (a system-bus configuration in a temporary directory that includes the
repository's policy file, dbus/io.cargenius.Genius1.conf, verbatim), then the release geniusd
($GENIUSD, else .build/release/geniusd) on the simulated demo car with GENIUSD_DBUS pointing at that bus
and its Varlink socket in the same directory. Checks the served introspection against the checked-in XML,
both surfaces method by method, the same answers and errors over D-Bus and Varlink, a subscription's
signals (to its caller only, rate-limited, seen by busctl monitor), the policy (another uid refused, a member
of the allowed group admitted) and geniusd without a bus. Both processes are killed at teardown.

    .venv/bin/python -m pytest -q IntegrationTests/dbus/test_dbus_host.py      (as root: the policy tests use setpriv)
"""

import asyncio
import json
import os
import pathlib
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time

import pytest
import varlink
from dbus_fast import Message, MessageType, Variant
from dbus_fast.aio import MessageBus

REPO = pathlib.Path(__file__).resolve().parents[2]
GENIUSD = os.environ.get("GENIUSD") or str(REPO / ".build" / "release" / "geniusd")
POLICY = REPO / "dbus" / "io.cargenius.Genius1.conf"
XML = REPO / "dbus" / "io.cargenius.Genius1.xml"
NAME = "io.cargenius.Genius1"
PATH = "/io/cargenius/Genius1"
SPEED = "Vehicle.Speed"
RANGE = "Vehicle.Powertrain.Range"
# The group the allowed-member test stands in for geniusd (this host has no geniusd group): the policy file
# is included verbatim, and a copy with only the group name changed admits this group's members.
STAND_IN_GROUP = "users"

BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  <!-- Debian's system.conf default policy: method calls denied unless a service's policy allows them. -->
  <policy context="default">
    <allow user="*"/>
    <deny own="*"/>
    <deny send_type="method_call"/>
    <allow send_type="signal"/>
    <allow send_requested_reply="true" send_type="method_return"/>
    <allow send_requested_reply="true" send_type="error"/>
    <allow receive_type="method_call"/>
    <allow receive_type="method_return"/>
    <allow receive_type="error"/>
    <allow receive_type="signal"/>
    <allow send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.DBus"/>
    <allow send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.DBus.Introspectable"/>
    <allow send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.DBus.Properties"/>
    <allow send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.DBus.Monitoring"/>
  </policy>
  <include>{policy}</include>
  <include>{stand_in}</include>
</busconfig>
"""


def unwrap(value):
    """A dbus-fast value without its Variants: dicts, lists and plain values."""
    if isinstance(value, Variant):
        return unwrap(value.value)
    if isinstance(value, dict):
        return {k: unwrap(v) for k, v in value.items()}
    if isinstance(value, list):
        return [unwrap(v) for v in value]
    return value


class Bus:
    """A private dbus-daemon with the repository's policy."""

    def __init__(self, directory):
        if shutil.which("dbus-daemon") is None:
            pytest.fail("dbus-daemon is missing: apt-get install dbus-daemon (scripts/test installs it)")
        self.socket = os.path.join(directory, "bus")
        self.address = "unix:path=" + self.socket
        stand_in = os.path.join(directory, "stand-in-group.conf")
        text = POLICY.read_text()
        assert 'group="geniusd"' in text
        pathlib.Path(stand_in).write_text(text.replace('group="geniusd"', f'group="{STAND_IN_GROUP}"'))
        config = os.path.join(directory, "bus.conf")
        pathlib.Path(config).write_text(BUS_CONFIG.format(socket=self.socket, policy=POLICY, stand_in=stand_in))
        self.log = open(os.path.join(directory, "dbus-daemon.log"), "wb")
        self.process = subprocess.Popen(
            ["dbus-daemon", "--config-file=" + config, "--nofork", "--nopidfile", "--print-address"],
            stdout=subprocess.PIPE, stderr=self.log,
        )
        line = self.process.stdout.readline().decode().strip()
        if not line.startswith("unix:path=" + self.socket):
            self.stop()
            pytest.fail(f"dbus-daemon did not start: {line!r} {pathlib.Path(self.log.name).read_text()}")
        os.chmod(self.socket, 0o666)
        os.chmod(directory, 0o755)

    def stop(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.log.close()


class Daemon:
    """geniusd on the demo car, on `bus_address`, with its Varlink socket in `directory`."""

    def __init__(self, directory, bus_address, name="geniusd", wait_for_signals=True):
        if not os.access(GENIUSD, os.X_OK):
            pytest.fail(f"{GENIUSD} is missing: build it (swift build -c release) or set GENIUSD")
        self.path = os.path.join(directory, name + ".varlink")
        self.address = "unix:" + self.path
        notify_path = os.path.join(directory, name + ".notify")
        notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        notify.bind(notify_path)
        environment = {k: v for k, v in os.environ.items() if not k.startswith(("LISTEN_", "NOTIFY_", "WATCHDOG_", "DBUS_"))}
        environment["NOTIFY_SOCKET"] = notify_path
        environment["GENIUSD_DBUS"] = bus_address
        self.log = open(os.path.join(directory, name + ".log"), "wb")
        self.process = subprocess.Popen(
            [GENIUSD, "--address", self.address, "--log-level", "info"], env=environment, stdout=self.log, stderr=subprocess.STDOUT
        )
        notify.settimeout(0.2)
        deadline = time.monotonic() + 30
        ready = False
        while time.monotonic() < deadline and not ready:
            if self.process.poll() is not None:
                pytest.fail(f"geniusd exited with {self.process.returncode} before READY=1: {self.output()}")
            try:
                ready = b"READY=1" in notify.recv(4096).split(b"\n")
            except socket.timeout:
                pass
        notify.close()
        if not ready:
            self.stop()
            pytest.fail("geniusd sent no READY=1 within 30 s: " + self.output())
        deadline = time.monotonic() + 15
        while wait_for_signals:
            with varlink.Client(address=self.address) as c, c.open("io.cargenius.Vehicle") as v:
                if [value["status"] for value in v.Get([RANGE, SPEED])["values"]] == ["available"] * 2:
                    break
            if time.monotonic() > deadline:
                self.stop()
                pytest.fail("the simulated signals are not available 15 s after READY")
            time.sleep(0.1)

    def output(self):
        self.log.flush()
        return pathlib.Path(self.log.name).read_text(errors="replace")

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


@pytest.fixture(scope="module")
def directory():
    path = tempfile.mkdtemp(prefix="geniusd-dbus-")
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="module")
def bus(directory):
    started = Bus(directory)
    yield started
    started.stop()


@pytest.fixture(scope="module")
def daemon(directory, bus):
    started = Daemon(directory, bus.address)
    yield started
    alive = started.process.poll() is None
    started.stop()
    assert alive, "geniusd died during the tests"
    assert started.process.returncode == 0, f"geniusd exited with {started.process.returncode} on SIGTERM"


def run(coroutine):
    return asyncio.run(asyncio.wait_for(coroutine, 60))


async def dbus_call(address, interface, member, parameters=None, signature="a{sv}"):
    """One call over dbus-fast; returns the reply Message (a method return or an error)."""
    connection = await MessageBus(bus_address=address).connect()
    try:
        body = [] if parameters is None else [parameters]
        return await connection.call(
            Message(destination=NAME, path=PATH, interface=interface, member=member, signature=signature if body else "", body=body)
        )
    finally:
        connection.disconnect()


def dbus(address, interface, member, **parameters):
    """The unwrapped reply of a successful call, with `parameters` as variants (lists of str as `as`)."""
    wrapped = {}
    for key, value in parameters.items():
        if isinstance(value, list):
            wrapped[key] = Variant("as", value)
        elif isinstance(value, bool):
            wrapped[key] = Variant("b", value)
        elif isinstance(value, int):
            wrapped[key] = Variant("x", value)
        elif isinstance(value, float):
            wrapped[key] = Variant("d", value)
        else:
            wrapped[key] = Variant("s", value)
    reply = run(dbus_call(address, interface, member, wrapped))
    assert reply.message_type == MessageType.METHOD_RETURN, f"{reply.error_name}: {reply.body}"
    assert reply.signature == "a{sv}"
    return unwrap(reply.body[0])


def dbus_error(address, interface, member, parameters, signature="a{sv}"):
    reply = run(dbus_call(address, interface, member, parameters, signature))
    assert reply.message_type == MessageType.ERROR, f"expected an error, got {reply.body}"
    return reply.error_name, reply.body[0] if reply.body else ""


def varlink_call(daemon, method, **parameters):
    """One Varlink call (raw JSON over the socket): the reply's parameters, or ("error", name, parameters)."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.settimeout(10)
        s.connect(daemon.path)
        s.sendall(json.dumps({"method": method, "parameters": parameters}).encode() + b"\0")
        buffer = b""
        while b"\0" not in buffer:
            chunk = s.recv(65536)
            assert chunk, "geniusd closed the Varlink connection"
            buffer += chunk
    reply = json.loads(buffer.split(b"\0")[0])
    if "error" in reply:
        return ("error", reply["error"], reply.get("parameters", {}))
    return reply.get("parameters", {})


# MARK: - Introspection and the two surfaces


def test_busctl_introspection_is_the_checked_in_xml(daemon, bus):
    result = subprocess.run(
        ["busctl", "--address=" + bus.address, "call", "--json=short", NAME, PATH, "org.freedesktop.DBus.Introspectable", "Introspect"],
        capture_output=True, text=True, timeout=30,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["data"][0] == XML.read_text()


def test_busctl_introspect_lists_the_members(daemon, bus):
    result = subprocess.run(
        ["busctl", "--address=" + bus.address, "introspect", "--no-pager", NAME, PATH, "io.cargenius.Vehicle"],
        capture_output=True, text=True, timeout=30,
    )
    assert result.returncode == 0, result.stderr
    rows = {tuple(line.split()[:4]) for line in result.stdout.splitlines()[1:] if line.startswith(".")}
    assert rows == {
        (".Alerts", "method", "a{sv}", "a{sv}"), (".Get", "method", "a{sv}", "a{sv}"), (".List", "method", "a{sv}", "a{sv}"),
        (".Subscribe", "method", "a{sv}", "a{sv}"), (".Alerts", "signal", "a{sv}", "-"), (".SignalsChanged", "signal", "a{sv}", "-"),
    }


def test_both_surfaces_have_the_same_methods(daemon, bus):
    """Varlink's GetInfo and interface descriptions against dbus-fast's introspection, method by method."""
    info = varlink_call(daemon, "org.varlink.service.GetInfo")
    interfaces = [name for name in info["interfaces"] if name != "org.varlink.service"]
    assert sorted(interfaces) == ["io.cargenius.Assistant", "io.cargenius.Bus", "io.cargenius.Travel", "io.cargenius.Vehicle"]

    async def introspect():
        connection = await MessageBus(bus_address=bus.address).connect()
        try:
            return await connection.introspect(NAME, PATH)
        finally:
            connection.disconnect()

    node = run(introspect())
    on_dbus = {i.name: i for i in node.interfaces}
    for name in interfaces:
        text = varlink_call(daemon, "org.varlink.service.GetInterfaceDescription", interface=name)["description"]
        varlink_methods = set(re.findall(r"^method (\w+)\(", text, re.MULTILINE))
        assert varlink_methods, name
        dbus_methods = {m.name for m in on_dbus[name].methods}
        assert dbus_methods == varlink_methods, name
        for method in on_dbus[name].methods:
            assert [a.signature for a in method.in_args] == ["a{sv}"]
            assert [a.signature for a in method.out_args] == ["a{sv}"]
    assert set(on_dbus) == set(interfaces) | {"org.freedesktop.DBus.Peer", "org.freedesktop.DBus.Introspectable"}
    assert {s.name for s in on_dbus["io.cargenius.Vehicle"].signals} == {"SignalsChanged", "Alerts"}


# MARK: - The same answers


def test_list_is_the_same_over_both(daemon, bus):
    assert dbus(bus.address, "io.cargenius.Vehicle", "List") == varlink_call(daemon, "io.cargenius.Vehicle.List")
    branch = "Vehicle.Powertrain"
    over_dbus = dbus(bus.address, "io.cargenius.Vehicle", "List", branch=branch)
    assert over_dbus == varlink_call(daemon, "io.cargenius.Vehicle.List", branch=branch)
    assert all(b["name"].startswith(branch) for b in over_dbus["branches"])


def test_get_is_the_same_over_both(daemon, bus):
    paths = [SPEED, RANGE, "Vehicle.Nope"]
    over_dbus = dbus(bus.address, "io.cargenius.Vehicle", "Get", paths=paths)["values"]
    over_varlink = varlink_call(daemon, "io.cargenius.Vehicle.Get", paths=paths)["values"]
    assert [v["path"] for v in over_dbus] == paths
    strip = lambda values: [{k: v for k, v in value.items() if k not in ("age", "value")} for value in values]
    assert strip(over_dbus) == strip(over_varlink)
    assert over_dbus[1]["value"] == over_varlink[1]["value"]  # the range changes once a second at most
    assert over_dbus[2] == {"path": "Vehicle.Nope", "status": "unknown"}


def test_busctl_call_get(daemon, bus):
    result = subprocess.run(
        ["busctl", "--address=" + bus.address, "call", "--json=short", NAME, PATH, "io.cargenius.Vehicle", "Get", "a{sv}", "1", "paths",
         "as", "1", SPEED],
        capture_output=True, text=True, timeout=30,
    )
    assert result.returncode == 0, result.stderr
    reply = json.loads(result.stdout)
    assert reply["type"] == "a{sv}"
    value = reply["data"][0]["values"]["data"][0]["data"]
    assert value["path"]["data"] == SPEED and value["status"]["data"] == "available" and value["unit"]["data"] == "km/h"


@pytest.mark.parametrize("question,agent,intent", [("how fast am I going", "car-genius", "speed"), ("Wie weit komme ich noch?", "car-genius", None)])
def test_ask_is_the_same_over_both(daemon, bus, question, agent, intent):
    over_dbus = dbus(bus.address, "io.cargenius.Assistant", "Ask", text=question, locale="de-DE" if "Wie" in question else "en-US")
    over_varlink = varlink_call(daemon, "io.cargenius.Assistant.Ask", text=question, locale="de-DE" if "Wie" in question else "en-US")
    assert over_dbus["agent"] == over_varlink["agent"] == agent
    assert over_dbus["intent"] == over_varlink["intent"]
    if intent:
        assert over_dbus["intent"] == intent
    assert [v["path"] for v in over_dbus["values"]] == [v["path"] for v in over_varlink["values"]]
    assert over_dbus["text"]


def test_gdbus_ask(daemon, bus):
    result = subprocess.run(
        ["gdbus", "call", "--address", bus.address, "--dest", NAME, "--object-path", PATH, "--method", "io.cargenius.Assistant.Ask",
         "{'text': <'how fast am I going'>, 'session': <'gdbus'>}"],
        capture_output=True, text=True, timeout=30,
    )
    assert result.returncode == 0, result.stderr
    assert "'agent': <'car-genius'>" in result.stdout and "'intent': <'speed'>" in result.stdout, result.stdout
    assert re.search(r"'text': <(\"[^\"]+\"|'[^']+')>", result.stdout), result.stdout


def test_status_and_travel_over_both(daemon, bus):
    over_dbus = dbus(bus.address, "io.cargenius.Bus", "Status")
    over_varlink = varlink_call(daemon, "io.cargenius.Bus.Status")
    assert [i["name"] for i in over_dbus["interfaces"]] == [i["name"] for i in over_varlink["interfaces"]] == ["simulator"]
    assert dbus(bus.address, "io.cargenius.Travel", "Status") == varlink_call(daemon, "io.cargenius.Travel.Status")
    # A call with no arguments at all is the same as an empty a{sv}.
    reply = run(dbus_call(bus.address, "io.cargenius.Travel", "Status"))
    assert reply.message_type == MessageType.METHOD_RETURN and unwrap(reply.body[0])["places"] > 0


# MARK: - Errors


def test_varlink_errors_are_dbus_errors_of_the_same_name(daemon, bus):
    cases = [
        ("io.cargenius.Vehicle", "List", {"branch": Variant("s", "Vehicle.Nope")}, {"branch": "Vehicle.Nope"}),
        ("io.cargenius.Assistant", "Ask", {"text": Variant("s", "   ")}, {"text": "   "}),
        ("io.cargenius.Assistant", "Ask", {"text": Variant("s", "hi"), "locale": Variant("s", "xx-YY")}, {"text": "hi", "locale": "xx-YY"}),
        ("io.cargenius.Vehicle", "Get", {"paths": Variant("as", ["Vehicle.Speed"] * 5000)}, {"paths": ["Vehicle.Speed"] * 5000}),
        ("io.cargenius.Vehicle", "Get", {"paths": Variant("ax", [1])}, {"paths": [1]}),
        ("io.cargenius.Vehicle", "Get", {"paths": Variant("as", []), "nope": Variant("b", True)}, {"paths": [], "nope": True}),
        ("io.cargenius.Vehicle", "Subscribe", {"paths": Variant("as", [SPEED]), "interval": Variant("d", -1.0)}, {"paths": [SPEED], "interval": -1.0}),
    ]
    names = []
    for interface, member, dbus_parameters, varlink_parameters in cases:
        name, message = dbus_error(bus.address, interface, member, dbus_parameters)
        _, varlink_name, varlink_error = varlink_call(daemon, f"{interface}.{member}", **varlink_parameters)
        assert name == varlink_name
        assert json.loads(message) == varlink_error, (name, message)
        names.append(name)
    assert names == [
        "io.cargenius.Vehicle.UnknownBranch", "io.cargenius.Assistant.EmptyText", "io.cargenius.Assistant.UnsupportedLocale",
        "io.cargenius.Vehicle.TooManyPaths", "org.varlink.service.InvalidParameter", "org.varlink.service.InvalidParameter",
        "io.cargenius.Vehicle.InvalidInterval",
    ]


def test_dbus_shape_errors_say_what_and_where(daemon, bus):
    name, message = dbus_error(bus.address, "io.cargenius.Vehicle", "Get", "Vehicle.Speed", signature="s")
    assert name == "org.freedesktop.DBus.Error.InvalidArgs"
    assert "io.cargenius.Vehicle.Get" in message and "'s'" in message and "a{sv}" in message
    name, message = dbus_error(bus.address, "io.cargenius.Vehicle", "Nope", {})
    assert name == "org.freedesktop.DBus.Error.UnknownMethod" and "Nope" in message
    name, message = dbus_error(bus.address, "io.cargenius.Nope", "Get", {})
    assert name == "org.freedesktop.DBus.Error.UnknownInterface" and "io.cargenius.Nope" in message
    name, message = dbus_error(bus.address, "org.varlink.service", "GetInfo", {})
    assert name == "org.freedesktop.DBus.Error.UnknownInterface"
    name, message = dbus_error(bus.address, "io.cargenius.Vehicle", "Get", {"paths": Variant("t", 2**64 - 1)})
    assert name == "org.freedesktop.DBus.Error.InvalidArgs" and "parameters.paths" in message and "2^63" in message


# MARK: - Streams as signals


def test_subscribe_signals_go_to_the_caller_only_and_are_rate_limited(daemon, bus):
    async def scenario():
        subscriber = await MessageBus(bus_address=bus.address).connect()
        bystander = await MessageBus(bus_address=bus.address).connect()
        received, seen_by_bystander = [], []

        def on_message(message):
            if message.message_type == MessageType.SIGNAL and message.member == "SignalsChanged":
                received.append((time.monotonic(), message))

        def on_bystander(message):
            if message.message_type == MessageType.SIGNAL and message.interface == "io.cargenius.Vehicle":
                seen_by_bystander.append(message)

        subscriber.add_message_handler(on_message)
        bystander.add_message_handler(on_bystander)
        # The bystander asks for every io.cargenius signal: unicast ones still must not reach it.
        await bystander.call(Message(destination="org.freedesktop.DBus", path="/org/freedesktop/DBus", interface="org.freedesktop.DBus",
                                     member="AddMatch", signature="s", body=["type='signal',interface='io.cargenius.Vehicle'"]))
        reply = await subscriber.call(Message(destination=NAME, path=PATH, interface="io.cargenius.Vehicle", member="Subscribe",
                                              signature="a{sv}", body=[{"paths": Variant("as", [SPEED]), "interval": Variant("d", 0.2)}]))
        assert reply.message_type == MessageType.METHOD_RETURN, reply.body
        first = unwrap(reply.body[0])["values"]
        assert [v["path"] for v in first] == [SPEED] and first[0]["status"] == "available"
        await asyncio.sleep(3)
        subscriber.disconnect()
        bystander.disconnect()
        return received, seen_by_bystander

    received, seen_by_bystander = run(scenario())
    assert len(received) >= 5, f"{len(received)} SignalsChanged in 3 s"  # the simulated speed changes every frame
    assert len(received) <= 3 / 0.2 + 2, f"{len(received)} SignalsChanged in 3 s at interval 0.2"
    for _, message in received:
        assert message.path == PATH and message.interface == "io.cargenius.Vehicle" and message.signature == "a{sv}"
        values = unwrap(message.body[0])["values"]
        assert [v["path"] for v in values] == [SPEED]
    # Arrival gaps are not checked: on a loaded machine two signals sent 0.2 s apart may arrive together.
    assert seen_by_bystander == []


def test_a_connection_may_hold_64_streams(daemon, bus):
    async def scenario():
        connection = await MessageBus(bus_address=bus.address).connect()
        try:
            replies = []
            for _ in range(65):
                replies.append(await connection.call(Message(
                    destination=NAME, path=PATH, interface="io.cargenius.Vehicle", member="Alerts", signature="a{sv}", body=[{}])))
            return replies
        finally:
            connection.disconnect()

    replies = run(scenario())
    assert all(r.message_type == MessageType.METHOD_RETURN for r in replies[:64])
    assert replies[64].message_type == MessageType.ERROR and replies[64].error_name == "io.cargenius.Bus.LimitReached"
    assert json.loads(replies[64].body[0]) == {"limit": "subscriptionsPerClient", "maximum": 64}
    # The connection has gone, and its streams with it: a new connection may open streams again.
    assert dbus(bus.address, "io.cargenius.Vehicle", "Alerts")["alerts"] is not None


def test_alerts_first_reply_lists_the_active_alerts(daemon, bus):
    over_dbus = dbus(bus.address, "io.cargenius.Vehicle", "Alerts")
    assert over_dbus["alerts"], "the demo drive raises alerts"
    assert {"id", "severity", "text", "active", "age"} <= set(over_dbus["alerts"][0])


def test_busctl_monitor_sees_the_signals(daemon, bus):
    monitor = subprocess.Popen(
        ["busctl", "--address=" + bus.address, "monitor", "--json=short", NAME], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        time.sleep(1)

        async def subscribe_for_a_while():
            connection = await MessageBus(bus_address=bus.address).connect()
            reply = await connection.call(Message(destination=NAME, path=PATH, interface="io.cargenius.Vehicle", member="Subscribe",
                                                  signature="a{sv}", body=[{"paths": Variant("as", [SPEED]), "interval": Variant("d", 0.1)}]))
            assert reply.message_type == MessageType.METHOD_RETURN, reply.body
            await asyncio.sleep(1.5)
            connection.disconnect()

        run(subscribe_for_a_while())
        time.sleep(1)
    finally:
        monitor.send_signal(signal.SIGINT)
        try:
            output, errors = monitor.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            monitor.kill()
            output, errors = monitor.communicate()
    messages = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    members = [(m.get("type"), m.get("member")) for m in messages]
    assert ("method_call", "Subscribe") in members, (members, errors)
    assert any(m.get("type") == "method_return" for m in messages), members
    assert members.count(("signal", "SignalsChanged")) >= 3, members


# MARK: - Policy and buses


def run_as(uid, gid, groups, *command):
    assert os.getuid() == 0, "the policy tests switch users with setpriv: run them as root"
    groups_option = ["--groups=" + ",".join(groups)] if groups else ["--clear-groups"]
    return subprocess.run(["setpriv", f"--reuid={uid}", f"--regid={gid}", *groups_option, *command], capture_output=True, text=True,
                          timeout=30)


def test_another_uid_is_refused_by_the_policy(daemon, bus):
    result = run_as("nobody", "nogroup", [], "gdbus", "call", "--address", bus.address, "--dest", NAME, "--object-path", PATH,
                    "--method", "io.cargenius.Vehicle.Get", "{'paths': <['Vehicle.Speed']>}")
    assert result.returncode != 0
    assert "org.freedesktop.DBus.Error.AccessDenied" in result.stderr, result.stderr


def test_a_member_of_the_allowed_group_may_call(daemon, bus):
    result = run_as("nobody", "nogroup", [STAND_IN_GROUP], "gdbus", "call", "--address", bus.address, "--dest", NAME, "--object-path",
                    PATH, "--method", "io.cargenius.Vehicle.Get", "{'paths': <['Vehicle.Speed']>}")
    assert result.returncode == 0, result.stderr
    assert "'path': <'Vehicle.Speed'>" in result.stdout


def test_another_uid_may_not_own_the_name(daemon, bus):
    # The name is taken by geniusd; the policy check comes first, so any other uid is denied, not queued.
    result = run_as("nobody", "nogroup", [], "gdbus", "call", "--address", bus.address, "--dest", "org.freedesktop.DBus", "--object-path",
                    "/org/freedesktop/DBus", "--method", "org.freedesktop.DBus.RequestName", NAME, "4")
    assert result.returncode != 0 and "org.freedesktop.DBus.Error.AccessDenied" in result.stderr, result.stderr


def test_second_geniusd_serves_varlink_without_the_name(directory, daemon, bus):
    second = Daemon(directory, bus.address, name="second", wait_for_signals=False)
    try:
        assert "D-Bus API off" in second.output() and "owned by another connection" in second.output()
        assert varlink_call(second, "io.cargenius.Bus.Status")["interfaces"][0]["name"] == "simulator"
        assert dbus(bus.address, "io.cargenius.Bus", "Status")  # the first one still owns the name
    finally:
        second.stop()
    assert second.process.returncode == 0


def test_geniusd_without_a_bus_serves_varlink(directory):
    lonely = Daemon(directory, "unix:path=" + os.path.join(directory, "no-bus-here"), name="lonely", wait_for_signals=False)
    try:
        log = lonely.output()
        assert "D-Bus API off: Varlink only" in log and "no bus at this address" in log, log
        assert varlink_call(lonely, "io.cargenius.Bus.Status")["interfaces"]
    finally:
        lonely.stop()
    assert lonely.process.returncode == 0


def test_dbus_stops_with_geniusd(directory, bus):
    """SIGTERM: the name is released (callers see NameOwnerChanged), and a new geniusd takes it again."""
    # The module's daemon owns the name; this one, on its own bus, shows the release.
    own = Bus(tempfile.mkdtemp(prefix="geniusd-dbus-own-", dir=directory))
    try:
        first = Daemon(directory, own.address, name="first", wait_for_signals=False)
        assert dbus(own.address, "io.cargenius.Bus", "Status")

        async def watch():
            connection = await MessageBus(bus_address=own.address).connect()
            released = asyncio.get_running_loop().create_future()

            def on_message(message):
                if message.member == "NameOwnerChanged" and message.body[0] == NAME and message.body[2] == "" and not released.done():
                    released.set_result(True)

            connection.add_message_handler(on_message)
            await connection.call(Message(destination="org.freedesktop.DBus", path="/org/freedesktop/DBus", interface="org.freedesktop.DBus",
                                          member="AddMatch", signature="s", body=[f"type='signal',member='NameOwnerChanged',arg0='{NAME}'"]))
            first.process.send_signal(signal.SIGTERM)
            await asyncio.wait_for(released, 15)
            connection.disconnect()

        run(watch())
        first.process.wait(timeout=15)
        assert first.process.returncode == 0
        first.stop()
        again = Daemon(directory, own.address, name="again", wait_for_signals=False)
        try:
            assert "D-Bus API on" in again.output()
            assert dbus(own.address, "io.cargenius.Bus", "Status")
        finally:
            again.stop()
    finally:
        own.stop()
