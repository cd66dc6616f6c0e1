"""geniusd as systemd runs it, proven on the host without systemd as PID 1.

- The notification sequence: geniusd started by a real `systemd-socket-activate` (the listening socket
  passed as fd 3, LISTEN_FDNAMES=varlink) with a NOTIFY_SOCKET this module owns and WATCHDOG_USEC set:
  READY=1, STATUS=, WATCHDOG=1, then RELOADING=1 (with MONOTONIC_USEC) after SIGHUP, READY=1, and
  STOPPING=1 after SIGTERM, in that order; a Varlink call over the activated socket is answered.
- The watchdog: with the ingest stalled on purpose (`--debug-stall-ingest-after`, docs/geniusd.md), the
  WATCHDOG=1 pings stop while the process lives on (so systemd would restart it).
- The journal: a real /lib/systemd/systemd-journald (started by the test unless one already answers on
  /run/systemd/journal/socket, under the flock the Swift SystemdTests use too); geniusd's stderr is a journal
  stream with JOURNAL_STREAM set as systemd sets it, so geniusd logs through sd_journal_sendv; its entries,
  read with `journalctl -o json`, carry SYSLOG_IDENTIFIER, PRIORITY, CODE_*, MESSAGE_ID (ready, client
  refused) and GENIUS_AGENT / GENIUS_INTENT / GENIUS_SESSION.
- The activated socket outlives geniusd: the test holds the listening socket as systemd does, passes it
  as fd 3 to two geniusd in turn; after the first stops (SIGTERM) the socket is still listening (no POLLHUP,
  which makes systemd fail the .socket unit) and the second serves a client that connected in between.
- The hardening figure: `systemd-analyze security --offline=true systemd/geniusd.service` is at most 1.5.

    GENIUSD=.build/release/geniusd .venv/bin/python -m pytest -q IntegrationTests/daemon/test_systemd_host.py
"""

import fcntl
import json
import os
import pathlib
import re
import select
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import uuid

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
GENIUSD = os.environ.get("GENIUSD") or str(REPO / ".build" / "release" / "geniusd")
SOCKET_ACTIVATE = shutil.which("systemd-socket-activate") or "/usr/bin/systemd-socket-activate"
JOURNALD = "/lib/systemd/systemd-journald"
JOURNAL_SOCKET = "/run/systemd/journal/socket"
JOURNAL_STDOUT = "/run/systemd/journal/stdout"
JOURNAL_LOCK = "/run/cargenius-journald-test.lock"
READY_ID = "42f8a5e339e647e68446dee83a1526f3"
REFUSED_ID = "294f2cbff5c84a4499b9eb4de33f27d2"
MAX_EXPOSURE = 1.5


def need_geniusd():
    if not os.access(GENIUSD, os.X_OK):
        pytest.fail(f"{GENIUSD} is missing: build it (swift build -c release) or set GENIUSD")


class NotifySocket:
    """The service manager's end of NOTIFY_SOCKET: a datagram socket this test owns."""

    def __init__(self, directory):
        self.path = os.path.join(directory, "notify")
        self.socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.socket.bind(self.path)
        self.messages = []  # (monotonic seconds, {name: value})

    def collect(self, seconds, until=None):
        """Receives for up to `seconds`; stops early once `until(fields)` is true for a new message."""
        deadline = time.monotonic() + seconds
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            self.socket.settimeout(left)
            try:
                data = self.socket.recv(4096)
            except socket.timeout:
                return None
            fields = dict(line.split("=", 1) for line in data.decode().split("\n") if "=" in line)
            self.messages.append((time.monotonic(), fields))
            if until and until(fields):
                return fields

    def close(self):
        self.socket.close()


def varlink_call(path, method, parameters=None, timeout=10):
    """One Varlink call on a fresh connection; returns the reply object."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
        client.settimeout(timeout)
        client.connect(path)
        message = {"method": method}
        if parameters is not None:
            message["parameters"] = parameters
        client.sendall(json.dumps(message).encode() + b"\0")
        data = b""
        while not data.endswith(b"\0"):
            chunk = client.recv(65536)
            if not chunk:
                break
            data += chunk
    return json.loads(data.rstrip(b"\0"))


def wait_exit(process, seconds):
    try:
        return process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        return None


@pytest.fixture
def workdir():
    directory = tempfile.mkdtemp(prefix="geniusd-systemd-")
    os.chmod(directory, 0o755)
    yield directory
    shutil.rmtree(directory, ignore_errors=True)


def start_activated(directory, notify, extra_arguments=(), watchdog_usec=1_000_000):
    """geniusd under systemd-socket-activate; returns (process, socket path) once a first call answered."""
    path = os.path.join(directory, "io.cargenius")
    log = open(os.path.join(directory, "geniusd.log"), "wb")
    arguments = [
        SOCKET_ACTIVATE, "-l", path, "--fdname=varlink",
        "-E", f"NOTIFY_SOCKET={notify.path}",
        "-E", f"WATCHDOG_USEC={watchdog_usec}",
        "-E", f"STATE_DIRECTORY={directory}",
        "-E", f"RUNTIME_DIRECTORY={directory}",
        GENIUSD, "--address", "unix:" + os.path.join(directory, "not-used-when-activated"), *extra_arguments,
    ]
    process = subprocess.Popen(arguments, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while not os.path.exists(path):
        if process.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"systemd-socket-activate did not listen on {path}: {open(log.name).read()}")
        time.sleep(0.02)
    return process, path


def log_text(directory):
    return pathlib.Path(directory, "geniusd.log").read_text(errors="replace")


def test_notify_sequence_under_socket_activation(workdir):
    need_geniusd()
    notify = NotifySocket(workdir)
    process, path = start_activated(workdir, notify)
    try:
        # The first connection makes systemd-socket-activate exec geniusd with the socket as fd 3.
        reply = varlink_call(path, "org.varlink.service.GetInfo", {}, timeout=30)
        assert "io.cargenius.Vehicle" in reply["parameters"]["interfaces"], reply
        assert notify.collect(10, until=lambda f: "READY" in f) is not None, log_text(workdir)
        assert notify.collect(5, until=lambda f: "WATCHDOG" in f) is not None, "no WATCHDOG=1 within 5 s"
        # The passed socket is the one served: the bound fallback address was never created.
        assert not os.path.exists(os.path.join(workdir, "not-used-when-activated"))
        answer = varlink_call(path, "io.cargenius.Assistant.Ask", {"text": "how far can I go", "session": "s1"})
        assert answer["parameters"]["agent"] == "car-genius", answer
        process.send_signal(signal.SIGHUP)
        assert notify.collect(10, until=lambda f: "RELOADING" in f) is not None, log_text(workdir)
        assert notify.collect(10, until=lambda f: "READY" in f) is not None, log_text(workdir)
        # Clients are still served after the reload.
        assert varlink_call(path, "io.cargenius.Vehicle.Get", {"paths": ["Vehicle.Speed"]})["parameters"]["values"]
        notify.collect(1.5)
        process.send_signal(signal.SIGTERM)
        assert notify.collect(10, until=lambda f: "STOPPING" in f) is not None, log_text(workdir)
        assert wait_exit(process, 15) == 0, log_text(workdir)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        notify.close()

    def first(name, after=-1):
        for index, (_, fields) in enumerate(notify.messages):
            if index > after and name in fields:
                return index
        raise AssertionError(f"no {name} after message {after}: {notify.messages}")

    ready = first("READY")
    status = first("STATUS")
    watchdog = first("WATCHDOG", ready)
    reloading = first("RELOADING", watchdog)
    ready_again = first("READY", reloading)
    stopping = first("STOPPING", ready_again)
    assert ready <= status < reloading
    assert ready < watchdog < reloading < ready_again < stopping
    reload_fields = notify.messages[reloading][1]
    assert int(reload_fields["MONOTONIC_USEC"]) > 0
    assert notify.messages[ready][1]["READY"] == "1"
    # Pings keep coming between READY and STOPPING at about half of WATCHDOG_USEC (1 s).
    pings = [t for (t, fields) in notify.messages if fields.get("WATCHDOG") == "1"]
    assert len(pings) >= 3, notify.messages
    statuses = [fields["STATUS"] for (_, fields) in notify.messages if "STATUS" in fields]
    assert any(s.strip() for s in statuses), statuses


def test_no_watchdog_while_ingest_stalled(workdir):
    need_geniusd()
    notify = NotifySocket(workdir)
    stall_after = 2.0
    process, path = start_activated(workdir, notify, ["--debug-stall-ingest-after", str(stall_after)], watchdog_usec=1_000_000)
    try:
        varlink_call(path, "org.varlink.service.GetInfo", {}, timeout=30)
        ready = notify.collect(10, until=lambda f: "READY" in f)
        assert ready is not None, log_text(workdir)
        ready_at = time.monotonic()
        assert notify.collect(5, until=lambda f: "WATCHDOG" in f) is not None, "no WATCHDOG=1 before the stall"
        # The stall begins stall_after s after start; give geniusd its stall limit (2 s by default) to notice.
        notify.collect(stall_after + 4)
        quiet_from = time.monotonic()
        notify.collect(4)
        late = [t for (t, fields) in notify.messages if "WATCHDOG" in fields and t >= quiet_from]
        assert late == [], f"WATCHDOG=1 still arrived {len(late)} times with the ingest stalled"
        assert process.poll() is None, "geniusd exited instead of letting the watchdog act"
        early = [t for (t, fields) in notify.messages if "WATCHDOG" in fields]
        assert early and early[-1] - ready_at < stall_after + 4, early
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            wait_exit(process, 15)
        notify.close()


def start_with_socket(directory, listener, notify):
    """geniusd with `listener` passed as fd 3 (LISTEN_PID/LISTEN_FDS/LISTEN_FDNAMES as systemd sets them)."""
    log = open(os.path.join(directory, "geniusd.log"), "ab")
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("LISTEN_", "NOTIFY_", "WATCHDOG_", "JOURNAL_"))}
    environment.update(NOTIFY_SOCKET=notify.path, STATE_DIRECTORY=directory)
    fd = listener.fileno()
    script = f'export LISTEN_PID=$$ LISTEN_FDS=1 LISTEN_FDNAMES=varlink; exec "$@" 3<&{fd} {fd}<&-'
    unused = "unix:" + os.path.join(directory, "not-used-when-activated")
    return subprocess.Popen(
        ["/bin/bash", "-c", script, "bash", GENIUSD, "--address", unused],
        env=environment, pass_fds=(fd,), stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
    )


def test_activated_socket_outlives_the_service(workdir):
    need_geniusd()
    notify = NotifySocket(workdir)
    path = os.path.join(workdir, "io.cargenius")
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(16)
    first = start_with_socket(workdir, listener, notify)
    second = None
    try:
        assert notify.collect(30, until=lambda f: "READY" in f) is not None, log_text(workdir)
        assert "io.cargenius.Vehicle" in varlink_call(path, "org.varlink.service.GetInfo", {})["parameters"]["interfaces"]
        first.send_signal(signal.SIGTERM)
        assert wait_exit(first, 15) == 0, log_text(workdir)
        events = select.poll()
        events.register(listener, select.POLLIN | select.POLLHUP | select.POLLERR)
        assert events.poll(200) == [], "the listening socket was shut down by geniusd (systemd would fail the .socket unit)"
        # A client connects while no geniusd runs (systemd would start one now); the next geniusd answers it.
        waiting = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        waiting.settimeout(30)
        waiting.connect(path)
        waiting.sendall(b'{"method":"org.varlink.service.GetInfo","parameters":{}}\0')
        second = start_with_socket(workdir, listener, notify)
        data = b""
        while not data.endswith(b"\0"):
            chunk = waiting.recv(65536)
            assert chunk, "the connection queued between the two services was dropped"
            data += chunk
        waiting.close()
        assert "io.cargenius.Vehicle" in json.loads(data.rstrip(b"\0"))["parameters"]["interfaces"]
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.send_signal(signal.SIGTERM)
                wait_exit(process, 15)
        listener.close()
        notify.close()


class Journald:
    """A real systemd-journald on the standard socket (libsystemd always sends there), under a flock."""

    def __init__(self):
        self.lock = open(JOURNAL_LOCK, "w")
        fcntl.flock(self.lock, fcntl.LOCK_EX)
        self.process = None
        if not self.answers():
            if not os.access(JOURNALD, os.X_OK):
                pytest.fail(f"{JOURNALD} is missing (apt-get install systemd)")
            self.process = subprocess.Popen([JOURNALD], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            deadline = time.monotonic() + 10
            while not self.answers():
                if time.monotonic() > deadline or self.process.poll() is not None:
                    self.close()
                    pytest.fail("systemd-journald did not open /run/systemd/journal/socket")
                time.sleep(0.02)

    @staticmethod
    def answers():
        probe = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        try:
            probe.connect(JOURNAL_SOCKET)
            return os.path.exists(JOURNAL_STDOUT)
        except OSError:
            return False
        finally:
            probe.close()

    def stream(self, identifier):
        """A stdout stream connection, as systemd makes for StandardError=journal; returns (socket, JOURNAL_STREAM)."""
        stream = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        stream.connect(JOURNAL_STDOUT)
        stream.sendall(f"{identifier}\n\n6\n0\n0\n0\n0\n".encode())
        stream.shutdown(socket.SHUT_RD)
        status = os.fstat(stream.fileno())
        return stream, f"{status.st_dev}:{status.st_ino}"

    def entries(self, *matches, at_least=1, timeout=10):
        deadline = time.monotonic() + timeout
        while True:
            output = subprocess.run(
                ["journalctl", "--no-pager", "-o", "json", *matches], capture_output=True, text=True, timeout=30
            ).stdout
            entries = [json.loads(line) for line in output.splitlines() if line.strip()]
            if len(entries) >= at_least or time.monotonic() > deadline:
                return entries
            time.sleep(0.1)

    def close(self):
        if self.process is not None:
            self.process.terminate()
            wait_exit(self.process, 10)
        fcntl.flock(self.lock, fcntl.LOCK_UN)
        self.lock.close()


@pytest.fixture
def journald():
    daemon = Journald()
    yield daemon
    daemon.close()


def test_journal_fields(workdir, journald):
    need_geniusd()
    notify = NotifySocket(workdir)
    path = os.path.join(workdir, "io.cargenius")
    stream, journal_stream = journald.stream("geniusd")
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("LISTEN_", "NOTIFY_", "WATCHDOG_", "JOURNAL_"))}
    environment.update(NOTIFY_SOCKET=notify.path, JOURNAL_STREAM=journal_stream, STATE_DIRECTORY=workdir, RUNTIME_DIRECTORY=workdir)
    session = "journal-" + uuid.uuid4().hex[:8]
    process = subprocess.Popen(
        [GENIUSD, "--address", "unix:" + path, "--log-level", "debug"],
        env=environment, stdin=subprocess.DEVNULL, stdout=stream.fileno(), stderr=stream.fileno(),
    )
    stream.close()
    try:
        assert notify.collect(30, until=lambda f: "READY" in f) is not None, "geniusd did not become ready"
        answer = varlink_call(path, "io.cargenius.Assistant.Ask", {"text": "how far can I go", "session": session})
        assert answer["parameters"]["agent"] == "car-genius"
        # A refused peer: another uid (nobody), not in the geniusd group. The socket file is opened to all
        # first, so the peer reaches geniusd's own credential check (SO_PEERCRED) past the file mode.
        os.chmod(path, 0o666)
        refused = subprocess.run(
            ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/python3", "-c",
             "import socket,sys; s=socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); "
             "s.sendall(b'{\"method\":\"org.varlink.service.GetInfo\"}\\0'); print(s.recv(4096))", path],
            capture_output=True, text=True, timeout=30,
        )
        assert refused.returncode == 0, refused.stderr
        pid = str(process.pid)
        entries = journald.entries(f"_PID={pid}", f"GENIUS_SESSION={session}")
        assert entries, "the Ask entry did not reach the journal"
        asked = entries[0]
        assert asked["GENIUS_AGENT"] == "car-genius"
        assert asked["GENIUS_INTENT"], asked
        assert asked["SYSLOG_IDENTIFIER"] == "geniusd"
        assert asked["PRIORITY"] == "6"
        assert asked["_TRANSPORT"] == "journal", "the entry came through the stream, not sd_journal_sendv"
        assert asked["CODE_FILE"] and asked["CODE_FUNC"] and int(asked["CODE_LINE"]) > 0
        ready = journald.entries(f"_PID={pid}", f"MESSAGE_ID={READY_ID}")
        assert len(ready) == 1, ready
        refusals = journald.entries(f"_PID={pid}", f"MESSAGE_ID={REFUSED_ID}")
        assert refusals, "no client-refused entry for the other uid"
        every = journald.entries(f"_PID={pid}", at_least=3)
        assert all(e["_TRANSPORT"] == "journal" for e in every), {e["_TRANSPORT"] for e in every}
        for entry in every:
            for name in entry:
                assert re.fullmatch(r"_{0,2}[A-Z0-9_]+", name), name
    finally:
        process.send_signal(signal.SIGTERM)
        assert wait_exit(process, 15) == 0
        notify.close()


def test_security_exposure():
    systemd_analyze = shutil.which("systemd-analyze")
    if systemd_analyze is None:
        pytest.fail("systemd-analyze is missing (apt-get install systemd)")
    result = subprocess.run(
        [systemd_analyze, "security", "--offline=true", "--no-pager", str(REPO / "systemd" / "geniusd.service")],
        capture_output=True, text=True, timeout=60,
    )
    match = re.search(r"Overall exposure level for geniusd\.service: ([0-9.]+)", result.stdout)
    assert match, result.stdout + result.stderr
    exposure = float(match.group(1))
    print(f"systemd_exposure {exposure}")
    assert exposure <= MAX_EXPOSURE, result.stdout
