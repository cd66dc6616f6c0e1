"""D-Bus beside Varlink: Vehicle.Get and Assistant.Ask round trips with 100 clients, measured in the same run.

Starts a private dbus-daemon (the repository's policy included) and the release geniusd on the simulated
demo car connected to it, then, per round and transport, opens N client connections (Varlink: a Unix
socket each, JSON + NUL written and read by asyncio; D-Bus: a dbus-fast connection each) and has each call
at a steady rate (open loop) for S seconds. Both transports use the same Python client process, so the
ratio says what D-Bus (a hop through dbus-daemon, the marshalling) costs against Varlink; the absolute
figures include the Python client's own time (scripts/bench api measures Varlink with a Swift client).
Rounds alternate the transports; the median round is reported. Prints `name value # note` lines.

    .venv/bin/python Benchmarks/dbus-bench/bench.py [--geniusd PATH] [--clients 100] [--get-rate 5]
        [--ask-rate 1] [--seconds 4] [--rounds 3]
"""

import argparse
import asyncio
import json
import os
import pathlib
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

from dbus_fast import Message, MessageType, Variant
from dbus_fast.aio import MessageBus

REPO = pathlib.Path(__file__).resolve().parents[2]
NAME = "io.cargenius.Genius1"
PATH = "/io/cargenius/Genius1"
GET_PATHS = ["Vehicle.Speed", "Vehicle.Powertrain.Range", "Vehicle.Powertrain.TractionBattery.StateOfCharge.Current"]
BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  <limit name="max_completed_connections">1000</limit>
  <limit name="max_connections_per_user">1000</limit>
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
  </policy>
  <include>{policy}</include>
</busconfig>
"""


def fail(message):
    print(f"dbus-bench: {message}", file=sys.stderr)
    sys.exit(1)


def start(geniusd, directory):
    bus_socket = os.path.join(directory, "bus")
    config = os.path.join(directory, "bus.conf")
    pathlib.Path(config).write_text(BUS_CONFIG.format(socket=bus_socket, policy=REPO / "dbus" / "io.cargenius.Genius1.conf"))
    bus = subprocess.Popen(["dbus-daemon", "--config-file=" + config, "--nofork", "--nopidfile", "--print-address"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    address = bus.stdout.readline().decode().strip()
    if not address.startswith("unix:path="):
        fail(f"dbus-daemon did not start: {address!r}")
    varlink_path = os.path.join(directory, "varlink")
    notify_path = os.path.join(directory, "notify")
    notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    notify.bind(notify_path)
    notify.settimeout(30)
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("LISTEN_", "NOTIFY_", "WATCHDOG_", "DBUS_"))}
    environment.update(NOTIFY_SOCKET=notify_path, GENIUSD_DBUS=address)
    daemon = subprocess.Popen([geniusd, "--address", "unix:" + varlink_path, "--log-level", "warning"], env=environment,
                              stdout=subprocess.DEVNULL, stderr=open(os.path.join(directory, "geniusd.log"), "wb"))
    while b"READY=1" not in notify.recv(4096):
        pass
    notify.close()
    time.sleep(2)  # the simulated car's slower messages
    return bus, daemon, address, varlink_path


class VarlinkClient:
    def __init__(self, path):
        self.path = path

    async def open(self):
        self.reader, self.writer = await asyncio.open_unix_connection(self.path)

    async def call(self, method, parameters):
        self.writer.write(json.dumps({"method": method, "parameters": parameters}).encode() + b"\0")
        reply = await self.reader.readuntil(b"\0")
        if b'"error"' in reply[:200]:
            fail(f"{method}: {reply[:200]!r}")

    async def close(self):
        self.writer.close()


class DBusClient:
    def __init__(self, address):
        self.address = address

    async def open(self):
        self.bus = await MessageBus(bus_address=self.address).connect()

    async def call(self, method, parameters):
        interface, member = method.rsplit(".", 1)
        body = {k: Variant("as", v) if isinstance(v, list) else Variant("s", v) for k, v in parameters.items()}
        reply = await self.bus.call(Message(destination=NAME, path=PATH, interface=interface, member=member, signature="a{sv}", body=[body]))
        if reply.message_type != MessageType.METHOD_RETURN:
            fail(f"{method}: {reply.error_name} {reply.body}")

    async def close(self):
        self.bus.disconnect()


async def load(make, clients, rate, seconds, method, parameters_of, warmup=0.5):
    """Open loop: each client calls every 1/rate s (a late call goes at once); returns latencies in ms."""
    connections = [make() for _ in range(clients)]
    await asyncio.gather(*(c.open() for c in connections))
    latencies = []
    begin = time.monotonic()
    end = begin + warmup + seconds

    async def run(index, client):
        next_at = begin + (index / clients) / rate
        while True:
            now = time.monotonic()
            if next_at > now:
                await asyncio.sleep(next_at - now)
            if time.monotonic() >= end:
                return
            sent = time.monotonic()
            await client.call(method, parameters_of(index))
            if sent >= begin + warmup:
                latencies.append((time.monotonic() - sent) * 1000)
            next_at += 1 / rate

    await asyncio.gather(*(run(i, c) for i, c in enumerate(connections)))
    await asyncio.gather(*(c.close() for c in connections))
    return latencies


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(len(ordered) * p + 0.999999) - 1))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--geniusd", default=str(REPO / ".build" / "release" / "geniusd"))
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--get-rate", type=float, default=5)
    parser.add_argument("--ask-rate", type=float, default=1)
    parser.add_argument("--seconds", type=float, default=4)
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()
    if not os.access(options.geniusd, os.X_OK):
        fail(f"{options.geniusd} is missing: swift build -c release --product geniusd")
    if shutil.which("dbus-daemon") is None:
        fail("dbus-daemon is missing: apt-get install dbus-daemon")
    directory = tempfile.mkdtemp(prefix="dbus-bench-")
    bus, daemon, address, varlink_path = start(options.geniusd, directory)
    try:
        kinds = {
            "get": ("io.cargenius.Vehicle.Get", options.get_rate, lambda i: {"paths": GET_PATHS}),
            "ask": ("io.cargenius.Assistant.Ask", options.ask_rate,
                    lambda i: {"text": "how far can i go", "locale": "en-US", "session": f"bench-{i}"}),
        }
        transports = {"varlink": lambda: VarlinkClient(varlink_path), "dbus": lambda: DBusClient(address)}
        results = {}
        for round_index in range(options.rounds):
            for kind, (method, rate, parameters_of) in kinds.items():
                order = list(transports.items()) if round_index % 2 == 0 else list(reversed(transports.items()))
                for transport, make in order:
                    latencies = asyncio.run(load(make, options.clients, rate, options.seconds, method, parameters_of))
                    results.setdefault((transport, kind), []).append(latencies)
        if daemon.poll() is not None:
            fail(f"geniusd exited with {daemon.returncode} during the load")
        load_note = {"get": f"{options.clients} clients x {options.get_rate:g}/s", "ask": f"{options.clients} clients x {options.ask_rate:g}/s"}
        p99, p50 = {}, {}
        for (transport, kind), rounds in sorted(results.items()):
            # The round with the median p99.
            chosen = sorted(rounds, key=lambda l: percentile(l, 0.99))[len(rounds) // 2]
            p99[(transport, kind)] = percentile(chosen, 0.99)
            p50[(transport, kind)] = statistics.median(chosen)
            note = f"{transport} {kind}, {load_note[kind]}, {options.seconds:g} s, median of {len(rounds)} rounds, {len(chosen)} calls; Python client"
            print(f"{transport}_{kind}_p50_ms {p50[(transport, kind)]:.3f} # {note}")
            print(f"{transport}_{kind}_p99_ms {p99[(transport, kind)]:.3f} # {note}")
        for kind in kinds:
            print(f"dbus_vs_varlink_{kind}_p50 {p50[('dbus', kind)] / p50[('varlink', kind)]:.2f} # the same run")
            print(f"dbus_vs_varlink_{kind}_p99 {p99[('dbus', kind)] / p99[('varlink', kind)]:.2f} # the same run")
    finally:
        daemon.send_signal(signal.SIGTERM)
        try:
            daemon.wait(timeout=15)
        except subprocess.TimeoutExpired:
            daemon.kill()
        bus.kill()
        bus.wait()
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
