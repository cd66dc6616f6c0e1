"""The `geniusctl decode` contract, checked on the built binary (GENIUSCTL) as a user runs it."""

import json
import os
import struct
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GENIUSCTL = os.environ.get("GENIUSCTL", str(ROOT / ".build/release/geniusctl"))
VEHICLE = str(ROOT / "IntegrationTests/fixtures/vehicle.dbc")


def decode(*args, stdin=None):
    result = subprocess.run([GENIUSCTL, "decode", *args], input=stdin, capture_output=True, text=True, timeout=60)
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    return result, lines


def write_log(tmp_path, text):
    path = tmp_path / "drive.log"
    path.write_text(text)
    return str(path)


def test_one_json_object_per_known_frame_in_input_order(tmp_path):
    log = write_log(tmp_path, (
        "(1700000000.000137) vcan0 100#A502E2012C100080\n"
        "(1700000000.000200) vcan0 00000200#0205FEFFFFFF0000\n"
        "(1700000000.000300) vcan0 100#A502E2012C100080\n"))
    result, lines = decode("--dbc", VEHICLE, log)
    assert result.returncode == 0, result.stderr
    assert [line["id"] for line in lines] == [256, 512, 256]
    assert lines[0] == {
        "timestamp": 1700000000.000137, "interface": "vcan0", "id": 256, "message": "Powertrain",
        "signals": {"StateOfCharge": 67.7, "BatteryTemp": -70, "Range": 300, "Power": -83885920}}
    assert lines[1]["signals"] == {"Mode": 2, "FaultCount": 5, "Temperature": -2}


def test_timestamp_is_printed_exactly_as_logged(tmp_path):
    log = write_log(tmp_path, "(1700000000.000137) vcan0 100#A502E2012C100080\n")
    result = subprocess.run([GENIUSCTL, "decode", "--dbc", VEHICLE, log], capture_output=True, text=True)
    assert result.stdout.startswith('{"timestamp": 1700000000.000137, "interface": "vcan0", "id": 256, "message": "Powertrain", "signals": {')


def test_choices_prints_value_names(tmp_path):
    log = write_log(tmp_path, "(1.000000) vcan0 00000200#0205FEFFFFFF0000\n(1.000100) vcan0 100#A502FF012C100080\n")
    _, lines = decode("--dbc", VEHICLE, "--choices", log)
    assert lines[0]["signals"]["Mode"] == "Faults"
    assert lines[1]["signals"]["BatteryTemp"] == "SNA"
    _, plain = decode("--dbc", VEHICLE, log)
    assert plain[0]["signals"]["Mode"] == 2


def test_frames_that_cannot_be_decoded_carry_an_error(tmp_path):
    log = write_log(tmp_path, (
        "(1.000000) vcan0 100#A502E2\n"                 # shorter than the 8-byte message
        "(1.000100) vcan0 00000200#0705FEFFFFFF0000\n"  # multiplexer value 7 is not defined
        "(1.000200) vcan0 100#A502E2012C100080AABB\n"))  # longer than 8 bytes: a classic frame cannot be
    result, lines = decode("--dbc", VEHICLE, log)
    assert lines[0]["message"] == "Powertrain" and "signals" not in lines[0]
    assert "3 bytes" in lines[0]["error"] and "8" in lines[0]["error"]
    assert "7" in lines[1]["error"] and "Mode" in lines[1]["error"]
    assert f"{log}:3:" in result.stderr  # 10 bytes do not fit a classic frame: a malformed line


def test_can_fd_frames_and_excess_bytes(tmp_path):
    payload = struct.pack("<ddfI", 48.137154, 11.576124, 271.5, 0).hex().upper()
    log = write_log(tmp_path, f"(1.000000) vcan1 300##1{payload}\n(1.000100) vcan1 100##0A502E2012C100080AABBCCDD\n")
    result, lines = decode("--dbc", VEHICLE, log)
    assert result.returncode == 0, result.stderr
    assert lines[0]["signals"] == {"Latitude": 48.137154, "Longitude": 11.576124, "Heading": 271.5}
    assert lines[1]["signals"]["StateOfCharge"] == 67.7


def test_unknown_identifiers_are_skipped_and_counted(tmp_path):
    log = write_log(tmp_path, "(1.0) vcan0 7AA#00\n(1.1) vcan0 100#A502E2012C100080\n(1.2) vcan0 7AA#01\n(1.3) vcan0 12345678#00\n")
    result, lines = decode("--dbc", VEHICLE, log)
    assert len(lines) == 1
    assert "3 frames" in result.stderr and "7AA" in result.stderr and "12345678" in result.stderr


def test_malformed_lines_are_reported_with_their_number_and_skipped(tmp_path):
    log = write_log(tmp_path, "(1.0) vcan0 100#A502E2012C100080\nthis is not a frame\n(1.2) vcan0 100#zz\n(1.3) vcan0 100#A502E2012C100080\n")
    result, lines = decode("--dbc", VEHICLE, log)
    assert result.returncode == 0
    assert len(lines) == 2
    assert f"{log}:2:1: malformed candump line skipped" in result.stderr
    assert f"{log}:3:17: malformed candump line skipped: expected a hex digit in the payload" in result.stderr


def test_remote_and_error_frames_are_not_decoded(tmp_path):
    log = write_log(tmp_path, "(1.0) vcan0 100#R\n(1.1) vcan0 20000004#0004000000000000\n(1.2) vcan0 100#A502E2012C100080\n")
    result, lines = decode("--dbc", VEHICLE, log)
    assert len(lines) == 1
    assert "2 remote or error frames" in result.stderr


@pytest.mark.parametrize("args", [["-"], []])
def test_reads_standard_input(args):
    result, lines = decode("--dbc", VEHICLE, *args, stdin="(1.0) vcan0 100#A502E2012C100080\n")
    assert result.returncode == 0, result.stderr
    assert lines[0]["signals"]["Range"] == 300


def test_any_run_of_spaces_between_fields(tmp_path):
    log = write_log(tmp_path, "(1.000000)    vcan0\t\t100#A502E2012C100080\n")
    _, lines = decode("--dbc", VEHICLE, log)
    assert lines[0]["interface"] == "vcan0"


def test_several_dbc_files(tmp_path):
    other = tmp_path / "other.dbc"
    other.write_text('BO_ 1 Heartbeat: 1 ECU\n SG_ Alive : 0|8@1+ (1,0) [0|255] "" ECU\n')
    log = write_log(tmp_path, "(1.0) vcan0 001#2A\n(1.1) vcan0 100#A502E2012C100080\n")
    _, lines = decode("--dbc", VEHICLE, "--dbc", str(other), log)
    assert [line["message"] for line in lines] == ["Heartbeat", "Powertrain"]
    assert lines[0]["signals"] == {"Alive": 42}


def test_broken_dbc_is_a_located_error(tmp_path):
    broken = tmp_path / "broken.dbc"
    broken.write_text('BO_ 1 M: 8 A\n SG_ S : 0|8@1+ (1;0) [0|0] "" A\n')
    result, lines = decode("--dbc", str(broken), "/dev/null")
    assert result.returncode != 0 and lines == []
    assert f"{broken}:2:19: error: expected ','" in result.stderr


def test_missing_dbc_option_is_a_usage_error():
    result, _ = decode("/dev/null")
    assert result.returncode != 0
    assert "--dbc" in result.stderr
