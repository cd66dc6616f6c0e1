"""A real car end to end: the Hyundai Kona Electric's community DBC files (can-dbc/kona-ev) and a recording of a
parked 2021 Kona (../shared/datasets/kona-ev, read in place), answered through
`geniusctl ask --vehicle MANIFEST --log LOG [--at S]` in the four locales.

The expected figures come from cantools decoding the same log with the same DBC (a copy with the `BS_:` line
cantools insists on), not from our own output: the odometer, the doors and the ignition switch as the log last
sent them before the moment asked, and which messages the log has at all (the VCU and the BMS sleep in this
recording, so range, charge and the 12 V battery must be answered as not available, without a number)."""

import json
import math
import os
import re
import subprocess
from pathlib import Path

import cantools
import pytest

ROOT = Path(__file__).resolve().parents[2]
GENIUSCTL = os.environ.get("GENIUSCTL", str(ROOT / ".build/release/geniusctl"))
MANIFEST = ROOT / "can-dbc/kona-ev/vehicle.json"
LOG = ROOT.parent / "shared/datasets/kona-ev/kona2021-parked-no-key.log"
MILE = 1609.344

UTTERANCES = {
    "en-US": {"range": "how far can I go", "charge": "how much charge do I have", "odometer": "what's the odometer reading",
              "doors": "are the doors closed", "lv": "how is the 12 volt battery", "power": "is the car on"},
    "en-GB": {"range": "what's my range", "charge": "what's the battery level", "odometer": "what's the mileage",
              "doors": "are the doors shut", "lv": "how's the twelve volt battery", "power": "is the ignition on"},
    "de-DE": {"range": "wie weit komme ich noch", "charge": "wie voll ist der akku", "odometer": "wie ist der kilometerstand",
              "doors": "sind alle türen zu", "lv": "wie ist die zwölf volt batterie", "power": "ist das auto an"},
    "zh-CN": {"range": "还能开多远", "charge": "电量还有多少", "odometer": "总里程是多少", "doors": "车门都关好了吗",
              "lv": "小电瓶怎么样", "power": "车上电了吗"},
}
NOT_AVAILABLE = {"en-US": "not available", "en-GB": "not available", "de-DE": "nicht verfügbar", "zh-CN": "不可用"}
DOOR_NAMES = {"en-US": ("driver", "passenger"), "en-GB": ("driver", "passenger"), "de-DE": ("fahrertür", "beifahrertür"),
              "zh-CN": ("主驾", "副驾")}
OPEN = {"en-US": "open", "en-GB": "open", "de-DE": "offen", "zh-CN": "开着"}
SWITCHED_OFF = {"en-US": "off", "en-GB": "off", "de-DE": "ausgeschaltet", "zh-CN": "下电"}


def half_up(x):
    return int(math.floor(x + 0.5))


def spoken_distance(km, locale):
    """A distance as each locale speaks it: miles with a comma in English, km with a dot in German, 公里 in Chinese."""
    if locale.startswith("en"):
        return f"{half_up(km * 1000 / MILE):,} mile"
    if locale == "de-DE":
        return f"{half_up(km):,}".replace(",", ".") + " km"
    return f"{half_up(km)}公里"


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """cantools' reading of the log: every can0 frame the P-CAN DBC knows, as (seconds after the first frame, message, signals)."""
    assert LOG.exists(), f"the Kona recording is missing: {LOG} (the datasets live in ../shared/datasets beside the checkout)"
    text = (ROOT / "can-dbc/kona-ev/pcan.dbc").read_text()
    fixed = tmp_path_factory.mktemp("dbc") / "pcan.dbc"
    fixed.write_text(text.replace("\nBO_ ", "\nBS_:\n\nBO_ ", 1))
    db = cantools.database.load_file(str(fixed))
    frames, first = [], None
    for line in LOG.read_text().splitlines():
        stamp, interface, frame = line.split()
        t = float(stamp.strip("()"))
        first = t if first is None else first
        ident, _, data = frame.partition("#")
        if interface != "can0":
            continue
        try:
            message = db.get_message_by_frame_id(int(ident, 16))
        except KeyError:
            continue
        frames.append((t - first, message.name, message.decode(bytes.fromhex(data), decode_choices=False)))
    assert len(frames) > 8000
    return frames


def last(frames, message, signal, at=None):
    values = [s[signal] for t, name, s in frames if name == message and (at is None or t <= at)]
    return values[-1] if values else None


def ask(locale, *utterances, at=None, log=LOG, as_json=False):
    args = [GENIUSCTL, "ask", "--vehicle", str(MANIFEST), "--log", str(log), "--locale", locale]
    if at is not None:
        args += ["--at", str(at)]
    if as_json:
        args.append("--json")
    result = subprocess.run(args + list(utterances), capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == len(utterances)
    return [json.loads(line) for line in lines] if as_json else lines


@pytest.mark.parametrize("locale", list(UTTERANCES))
def test_the_recording_answers_with_its_figures(locale, reference):
    asked = UTTERANCES[locale]
    keys = list(asked)
    answers = dict(zip(keys, ask(locale, *asked.values(), as_json=True)))
    for key, answer in answers.items():
        assert answer["locale"] == locale and answer["text"], (key, answer)

    # The odometer, as the last Odometer frame says.
    km = last(reference, "Odometer", "Odometer")
    assert km == pytest.approx(14452.5)
    odometer = answers["odometer"]
    assert odometer["intent"] == "odometer"
    assert spoken_distance(km, locale) in odometer["text"], odometer["text"]
    assert [(v["path"], v["value"], v["status"]) for v in odometer["values"]] == [("Vehicle.TraveledDistance", km, "available")]

    # The doors, as BodyState last said: each door named with its state.
    driver_open = last(reference, "BodyState", "DrvDoorSw") == 1
    passenger_open = last(reference, "BodyState", "PassDoorSw") == 1
    doors = answers["doors"]
    assert doors["intent"] == "doors"
    values = {v["path"]: v["value"] for v in doors["values"]}
    assert values == {"Vehicle.Cabin.Door.Row1.DriverSide.IsOpen": driver_open, "Vehicle.Cabin.Door.Row1.PassengerSide.IsOpen": passenger_open}
    text = doors["text"].lower()
    driver, passenger = DOOR_NAMES[locale]
    assert driver_open and passenger_open  # what this recording ends with
    assert driver in text and passenger in text and OPEN[locale] in text, doors["text"]
    # The rear doors are not on this bus: never "all doors".
    assert not re.search(r"\ball\b|alle|所有|都", text), doors["text"]

    # The ignition switch, as BodyState last said (0 = Off in its VAL_ table).
    assert last(reference, "BodyState", "IgnitionSw") == 0
    power = answers["power"]
    assert power["intent"] == "power_state"
    assert SWITCHED_OFF[locale] in power["text"].lower(), power["text"]
    assert [(v["path"], v["value"]) for v in power["values"]] == [("Vehicle.LowVoltageSystemState", "OFF")]

    # The VCU (range) and BMS (charge, 12 V) sleep: none of their frames are in the log, so no number may be said.
    for message in ("VCU_200", "BMS_542", "BatteryCharging"):
        assert not any(name == message for _, name, _ in reference), message
    for key, intent in (("range", "range"), ("charge", "battery_level"), ("lv", "low_voltage_battery")):
        answer = answers[key]
        assert answer["intent"] == intent, answer
        assert NOT_AVAILABLE[locale] in answer["text"], answer["text"]
        assert not re.search(r"\d", answer["text"].replace("12", "").replace("zwölf", "")), answer["text"]
        assert answer["values"] == []


@pytest.mark.parametrize("locale", ["en-US", "de-DE", "zh-CN"])
def test_at_a_moment_of_the_recording(locale, reference):
    # 15 s after the first frame the driver's door was closed (it opened again later); the passenger door was not.
    assert last(reference, "BodyState", "DrvDoorSw", at=15) == 0
    assert last(reference, "BodyState", "PassDoorSw", at=15) == 1
    [answer] = ask(locale, UTTERANCES[locale]["doors"], at=15, as_json=True)
    values = {v["path"]: (v["value"], v["status"]) for v in answer["values"]}
    assert values == {
        "Vehicle.Cabin.Door.Row1.DriverSide.IsOpen": (False, "available"),
        "Vehicle.Cabin.Door.Row1.PassengerSide.IsOpen": (True, "available"),
    }
    driver, passenger = DOOR_NAMES[locale]
    text = answer["text"].lower()
    assert passenger in text and OPEN[locale] in text and driver not in text.replace(passenger, ""), answer["text"]
    # Ages are measured from the moment asked, in log time: the last BodyState frame before 15 s.
    body = [t for t, name, _ in reference if name == "BodyState" and t <= 15]
    assert all(v["age"] == pytest.approx(15 - body[-1], abs=2e-3) for v in answer["values"]), (answer, 15 - body[-1])


def test_a_message_that_stops_is_stale_with_its_age_in_log_time(reference, tmp_path):
    # The same recording, with the body computer (BodyState, 0x541) falling silent 20 s in.
    lines = LOG.read_text().splitlines()
    first = float(lines[0].split()[0].strip("()"))
    quiet = [l for l in lines if not (l.split()[2].startswith("541#") and float(l.split()[0].strip("()")) - first > 20)]
    log = tmp_path / "quiet.log"
    log.write_text("\n".join(quiet) + "\n")
    end = max(float(l.split()[0].strip("()")) for l in quiet) - first
    silent_for = end - max(t for t, name, _ in reference if name == "BodyState" and t <= 20)
    assert silent_for > 7
    doors, power, odometer = ask("en-US", "are the doors closed", "is the car on", "what's the odometer reading", log=log, as_json=True)
    for answer in (doors, power):
        assert answer["values"] and all(v["status"] == "stale" for v in answer["values"]), answer
        assert all(v["age"] == pytest.approx(silent_for, abs=2e-3) for v in answer["values"]), (answer, silent_for)
        assert f"as of {half_up(silent_for)} seconds ago" in answer["text"], answer["text"]
    # The odometer kept coming: fresh.
    assert odometer["values"][0]["status"] == "available"
    [german] = ask("de-DE", "ist das auto an", log=log)
    assert f"vor {half_up(silent_for)} Sekunden" in german


def test_not_available_raw_values_are_not_spoken(reference, tmp_path):
    """A waking VCU sends range 0 and a BMS 0xFF for its state of charge; then real values follow."""
    text = (ROOT / "can-dbc/kona-ev/pcan.dbc").read_text().replace("\nBO_ ", "\nBS_:\n\nBO_ ", 1)
    db = cantools.database.load_string(text)
    vcu, bms = db.get_message_by_name("VCU_200"), db.get_message_by_name("BMS_542")
    waking = ["(1000.000000) can0 200#0000000000000000", "(1000.000000) can0 542#FF00000000000000"]
    awake = waking + ["(1000.500000) can0 200#00809D0000000000", "(1000.500000) can0 542#8F00000000000000"]
    assert vcu.decode(bytes.fromhex("0000000000000000"))["Range"] == 0
    assert bms.decode(bytes.fromhex("FF00000000000000"))["SocDisp"] == 127.5  # beyond 100 %: not a charge
    log = tmp_path / "waking.log"
    log.write_text("\n".join(waking) + "\n")
    for answer in ask("en-US", "how far can I go", "how much charge do I have", log=log):
        assert "not available" in answer and not re.search(r"\d", answer), answer
    log.write_text("\n".join(awake) + "\n")
    decoded = vcu.decode(bytes.fromhex("00809D0000000000"))
    km = decoded["Range"] + decoded["RangeLSB"]
    soc = bms.decode(bytes.fromhex("8F00000000000000"))["SocDisp"]
    rng, charge = ask("en-US", "how far can I go", "how much charge do I have", log=log)
    assert spoken_distance(km, "en-US") in rng, rng
    assert f"{half_up(soc)}%" in charge, charge  # whole percent, as the cluster shows it


def test_bad_input_is_a_clear_error(tmp_path):
    empty = tmp_path / "empty.log"
    empty.write_text("# nothing\n")
    result = subprocess.run([GENIUSCTL, "ask", "--vehicle", str(MANIFEST), "--log", str(empty), "is the car on"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 65 and f"{empty}: holds no frames" in result.stderr, result.stderr
    result = subprocess.run([GENIUSCTL, "ask", "--vehicle", str(MANIFEST), "--log", str(LOG), "--at", "99", "is the car on"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 65 and "the log ends 27.695 s after its first frame; cannot read it at 99 s" in result.stderr, result.stderr
    result = subprocess.run([GENIUSCTL, "ask", "--log", str(LOG), "is the car on"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 64 and "--log and --vehicle go together" in result.stderr, result.stderr
    # A log whose bus is named otherwise than the manifest's: answered as not available, and said why on stderr.
    renamed = tmp_path / "renamed.log"
    renamed.write_text(LOG.read_text().replace(" can0 ", " vcan3 ").replace(" can1 ", " vcan3 "))
    result = subprocess.run([GENIUSCTL, "ask", "--vehicle", str(MANIFEST), "--log", str(renamed), "what's the odometer reading"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "not available" in result.stdout
    assert "no frame of the log was mapped to a VSS path; the manifest takes its networks from can0, can1, the log's frames are on vcan3" in result.stderr
    missing = tmp_path / "nope.log"
    result = subprocess.run([GENIUSCTL, "ask", "--vehicle", str(MANIFEST), "--log", str(missing), "is the car on"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 66 and str(missing) in result.stderr, result.stderr


def test_replay_without_an_interface_points_to_ask_log():
    result = subprocess.run([GENIUSCTL, "replay", str(LOG)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 69
    assert "not available yet" not in result.stderr
    assert "geniusctl ask --vehicle MANIFEST --log" in result.stderr and "geniusd --vehicle MANIFEST --replay" in result.stderr


def test_map_check_reports_coverage_and_what_looks_wrong(tmp_path):
    result = subprocess.run([GENIUSCTL, "map", "check", str(MANIFEST), "--log", str(LOG), "--json"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["frames"] == sum(1 for line in LOG.read_text().splitlines() if line.strip())
    assert report["topics"]["odometer"] == ["Vehicle.TraveledDistance"] and report["topics"]["tyres"] == []
    assert report["problems"] == []
    odometer = next(s for s in report["signals"] if s["path"] == "Vehicle.TraveledDistance")
    assert (odometer["frames"], odometer["min"], odometer["max"]) == (28, 14452.5, 14452.5)
    # A door that flips every frame is more likely a wrong bit than a door: exit status 1, and said so.
    flipping = tmp_path / "flip.log"
    flipping.write_text("".join(f"({1000 + i / 10:.6f}) can0 541#000{i % 2}2200C8080000\n" for i in range(40)))
    result = subprocess.run([GENIUSCTL, "map", "check", str(MANIFEST), "--log", str(flipping)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "Vehicle.Cabin.Door.Row1.DriverSide.IsOpen: flips 39 times in 40 frames" in result.stdout, result.stdout


def test_map_suggest_writes_a_mapping_that_loads_and_agrees_with_the_hand_mapping(tmp_path):
    result = subprocess.run([GENIUSCTL, "map", "suggest", "--dbc", str(ROOT / "can-dbc/kona-ev/pcan.dbc"), "--log", str(LOG)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    proposal = json.loads(result.stdout)
    assert proposal["format"] == "cargenius.vss-mapping/1" and proposal["dbc"] == "pcan.dbc"
    assert all(e["confidence"] >= 0.7 for e in proposal["signals"]) and all(e["confidence"] < 0.7 for e in proposal["review"])
    assert all(e["reason"] for e in proposal["signals"] + proposal["review"])
    active = {e["path"]: e["signal"] for e in proposal["signals"]}
    # The odometer's evidence includes the recording: it never falls.
    odometer = next(e for e in proposal["signals"] if e["path"] == "Vehicle.TraveledDistance")
    assert odometer["signal"] == "Odometer" and "never falls" in odometer["reason"]
    hand = {e["path"]: e.get("signal") for e in json.loads((ROOT / "can-dbc/kona-ev/pcan.vss.json").read_text())["signals"] if "path" in e}
    assert all(hand.get(path) in (signal, None) for path, signal in active.items()), active
    # The proposal is a mapping file the daemon loads as it is.
    (tmp_path / "pcan.dbc").write_text((ROOT / "can-dbc/kona-ev/pcan.dbc").read_text())
    (tmp_path / "suggested.vss.json").write_text(result.stdout)
    (tmp_path / "vehicle.json").write_text(json.dumps(
        {"format": "cargenius.vehicle/1", "name": "suggested", "networks": [{"dbc": "pcan.dbc", "mapping": "suggested.vss.json"}]}))
    check = subprocess.run([GENIUSCTL, "map", "check", str(tmp_path / "vehicle.json"), "--log", str(LOG), "--json"],
                           capture_output=True, text=True, timeout=60)
    assert check.returncode == 0, check.stderr + check.stdout
    assert json.loads(check.stdout)["paths"] == len(active)
