"""geniusd with the LLM path from its configuration file: the `llm` section (off by default), Assistant.Ask replies
with `source`, and a non-loopback endpoint refused at load naming the key. A scripted server stands in for the model
(IntegrationTests/llm/fake_server.py); the real model is exercised through geniusctl ask in test_smollm2.py."""
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from conftest import GENIUSCTL, ROOT
from fake_server import FakeLLM

GENIUSD = os.environ.get("GENIUSD") or str(ROOT / ".build" / "release" / "geniusd")


class ConfiguredDaemon:
    def __init__(self, config):
        if not os.access(GENIUSD, os.X_OK):
            pytest.fail(f"{GENIUSD} is missing: build it (swift build -c release) or set GENIUSD")
        self.directory = tempfile.mkdtemp(prefix="geniusd-llm-")
        self.address = "unix:" + os.path.join(self.directory, "io.cargenius")
        self.config = os.path.join(self.directory, "geniusd.json")
        Path(self.config).write_text(json.dumps(config))
        environment = {k: v for k, v in os.environ.items() if not k.startswith(("LISTEN_", "NOTIFY_", "WATCHDOG_"))}
        environment["STATE_DIRECTORY"] = self.directory
        self.log = open(os.path.join(self.directory, "geniusd.log"), "wb")
        self.process = subprocess.Popen([GENIUSD, "--config", self.config, "--address", self.address], env=environment,
                                        stdout=self.log, stderr=subprocess.STDOUT)

    def wait_until_answering(self):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"geniusd exited with {self.process.returncode}: {self.output()}")
            done = subprocess.run([GENIUSCTL, "signals", "get", "Vehicle.Powertrain.Range", "--address", self.address, "--json"],
                                  capture_output=True, text=True)
            if done.returncode == 0 and '"available"' in done.stdout:
                return
            time.sleep(0.2)
        pytest.fail("geniusd did not answer with the range within 30 s: " + self.output())

    def output(self):
        self.log.flush()
        return Path(self.log.name).read_text(errors="replace")[-3000:]

    def stop(self):
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()
        shutil.rmtree(self.directory, ignore_errors=True)


def test_geniusd_speaks_a_grounded_llm_answer_and_says_its_source():
    fake = FakeLLM("grounded")
    daemon = ConfiguredDaemon({"llm": {"endpoint": fake.endpoint, "mode": "always", "deadlineMs": 3000}})
    try:
        daemon.wait_until_answering()
        done = subprocess.run([GENIUSCTL, "ask", "--address", daemon.address, "--json", "how far can I go"],
                              capture_output=True, text=True, timeout=30)
        assert done.returncode == 0, done.stderr
        reply = json.loads(done.stdout)
        assert reply["source"] == "llm", daemon.output()
        match = re.fullmatch(r"You can drive about (\d+) km\.", reply["text"])
        assert match, reply
        range_values = [v for v in reply["values"] if v["path"] == "Vehicle.Powertrain.Range"]
        assert range_values and round(range_values[0]["value"] / 1000) == int(match.group(1))
    finally:
        daemon.stop()
        fake.close()


def test_geniusd_without_llm_has_no_source():
    daemon = ConfiguredDaemon({})
    try:
        daemon.wait_until_answering()
        done = subprocess.run([GENIUSCTL, "ask", "--address", daemon.address, "--json", "how far can I go"],
                              capture_output=True, text=True, timeout=30)
        assert done.returncode == 0, done.stderr
        assert "source" not in json.loads(done.stdout)
    finally:
        daemon.stop()


def test_geniusd_refuses_a_non_loopback_llm_endpoint_at_load():
    daemon = ConfiguredDaemon({"llm": {"endpoint": "http://192.168.1.20:8080/v1"}})
    try:
        daemon.process.wait(timeout=30)
        assert daemon.process.returncode != 0
        output = daemon.output()
        assert "llm.endpoint" in output and "192.168.1.20" in output and "nothing leaves the car" in output, output
    finally:
        daemon.stop()
