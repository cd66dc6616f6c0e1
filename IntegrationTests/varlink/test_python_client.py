"""The Python `varlink` client (PyPI) as an outside caller of the Swift Varlink server.

Run by VarlinkTests (`swift test --filter VarlinkTests.PythonClientTests`), which starts a server with the
test interface io.cargenius.Test and the repository's interface files on a temporary socket and passes
its address in VARLINK_ADDRESS.
"""

import json
import os
import pathlib
import socket

import pytest
import varlink

ADDRESS = os.environ.get("VARLINK_ADDRESS")
if not ADDRESS:
    pytest.skip("needs a server: run by `swift test --filter VarlinkTests.PythonClientTests`", allow_module_level=True)

REPO = pathlib.Path(__file__).resolve().parents[2]
REPO_INTERFACES = ["io.cargenius.Assistant", "io.cargenius.Bus", "io.cargenius.Vehicle"]


@pytest.fixture
def client():
    with varlink.Client(address=ADDRESS) as c:
        yield c


@pytest.fixture
def test(client):
    with client.open("io.cargenius.Test") as connection:
        yield connection


def raw_exchange(payload: bytes, replies: int) -> list:
    """Sends raw bytes and reads `replies` NUL-terminated replies (or until the server closes)."""
    path = ADDRESS[len("unix:"):]
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.settimeout(10)
        s.connect(path)
        s.sendall(payload)
        buffer = b""
        out = []
        while len(out) < replies:
            chunk = s.recv(65536)
            if not chunk:
                break
            buffer += chunk
            while b"\0" in buffer:
                message, buffer = buffer.split(b"\0", 1)
                out.append(json.loads(message))
        return out


def test_get_info(client):
    with client.open("org.varlink.service") as service:
        info = service.GetInfo()
    assert info["vendor"] == "Car Genius"
    assert info["product"] == "varlink-tests"
    assert info["version"] == "1.0"
    assert info["url"] == "https://example.invalid/cargenius"
    assert info["interfaces"] == sorted(["io.cargenius.Test", "org.varlink.service"] + REPO_INTERFACES)


@pytest.mark.parametrize("name", REPO_INTERFACES)
def test_repository_interfaces_are_served_verbatim_and_parse(client, name):
    with client.open("org.varlink.service") as service:
        description = service.GetInterfaceDescription(name)["description"]
    assert description == (REPO / "varlink" / f"{name}.varlink").read_text()
    interface = varlink.Interface(description)  # the Python implementation's own IDL parser
    assert interface.name == name


def test_contract_methods_are_declared(client):
    vehicle = client.get_interface("io.cargenius.Vehicle")
    assert {"Get", "List", "Subscribe", "Alerts"} <= set(vehicle.members)
    assistant = client.get_interface("io.cargenius.Assistant")
    assert "Ask" in assistant.members
    # Declared but not served by this test server: MethodNotImplemented, not a hang or a crash.
    with client.open("io.cargenius.Vehicle") as connection:
        with pytest.raises(varlink.MethodNotImplemented) as raised:
            connection.Get(["Vehicle.Speed"])
    assert raised.value.parameters()["method"] == "io.cargenius.Vehicle.Get"


def test_unknown_interface(client):
    with pytest.raises(varlink.InterfaceNotFound):
        client.open("io.cargenius.Nothing")


def test_method_call_keeps_types(test):
    reply = test.Echo(text="héllo", count=3, ratio=2.5, flag=True, pairs=[{"key": "a", "value": 1}], extra={"x": [1, None]})
    assert reply == {"text": "héllo", "count": 3, "ratio": 2.5, "flag": True, "pairs": [{"key": "a", "value": 1}], "extra": {"x": [1, None]}}
    assert isinstance(reply["count"], int)
    assert isinstance(reply["ratio"], float)


def test_error_with_parameters(test):
    with pytest.raises(varlink.VarlinkError) as raised:
        test.Fail("on purpose")
    assert raised.value.error() == "io.cargenius.Test.Failed"
    assert raised.value.parameters() == {"reason": "on purpose", "code": 42}


def test_more_stream(test):
    assert [reply["n"] for reply in test.Count(5, _more=True)] == [1, 2, 3, 4, 5]
    # The same connection goes on after the stream.
    assert test.Echo(text="after")["text"] == "after"


def test_expected_more(test):
    with pytest.raises(varlink.VarlinkError) as raised:
        test.Count(3)
    assert raised.value.error() == "org.varlink.service.ExpectedMore"


def test_oneway(test):
    assert test.Record("one", _oneway=True) is None
    assert test.Record("two", _oneway=True) is None
    assert test.Notes()["notes"][-2:] == ["one", "two"]


def test_wrong_typed_parameter_is_invalid_parameter():
    replies = raw_exchange(b'{"method":"io.cargenius.Test.Echo","parameters":{"text":"x","count":"3"}}\0', 1)
    assert replies == [{"parameters": {"parameter": "count"}, "error": "org.varlink.service.InvalidParameter"}]


def test_garbage_and_truncated_requests_get_errors_and_the_connection_goes_on():
    payload = b"garbage\0" + b'{"method": "io.cargenius.Test.Echo", "param\0' + b'{"method":"io.cargenius.Test.Echo","parameters":{"text":"ok"}}\0'
    replies = raw_exchange(payload, 3)
    assert replies == [
        {"parameters": {"parameter": "message"}, "error": "org.varlink.service.InvalidParameter"},
        {"parameters": {"parameter": "message"}, "error": "org.varlink.service.InvalidParameter"},
        {"parameters": {"text": "ok"}},
    ]


def test_pipelined_calls_are_answered_in_order():
    calls = b"".join(
        json.dumps({"method": "io.cargenius.Test.Echo", "parameters": {"text": str(i)}}).encode() + b"\0" for i in range(50)
    )
    replies = raw_exchange(calls, 50)
    assert [r["parameters"]["text"] for r in replies] == [str(i) for i in range(50)]


def test_200_concurrent_clients():
    from concurrent.futures import ThreadPoolExecutor

    def one(i):
        with varlink.Client(address=ADDRESS) as c:
            with c.open("io.cargenius.Test") as connection:
                return connection.Echo(text=f"client {i}")["text"]

    with ThreadPoolExecutor(max_workers=200) as pool:
        answers = list(pool.map(one, range(200)))
    assert answers == [f"client {i}" for i in range(200)]
