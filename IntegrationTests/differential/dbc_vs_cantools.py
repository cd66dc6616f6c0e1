#!/usr/bin/env python3
"""Differential test: `geniusctl decode` against cantools 45.1.0 as the reference decoder.

For every DBC file in the given folders:
- if cantools loads it (strict=False): random frames for every message (several seeds; random payloads,
  payloads with each defined multiplexer value, short and long payloads) are decoded by both, and must agree:
  the same signals within 1e-9 relative, and an error here exactly where cantools raises DecodeError.
- if cantools rejects it: geniusctl must load it, or fail with an error naming file:line:column.

Frames whose decoded signals overlap each other are counted and left out of the comparison: cantools
reads overlapping signals sequentially (its bitstruct format has no negative padding), so it decodes them
from the wrong bits; we decode every signal from its own bits and warn about the overlap at load time.

Prints one line per file with a problem, a summary, and `dbc-diff: N passed, N failed` (files).
"""

import argparse
import glob
import json
import math
import os
import random
import re
import subprocess
import sys
import tempfile

import cantools
from cantools.database.errors import DecodeError

SEEDS = (1, 2, 3)
RANDOM_FRAMES_PER_SEED = 4


def bit_positions(signal):
    """Positions (byte*8 + bit) a signal occupies, independent of both implementations under test."""
    if signal.byte_order == "little_endian":
        return [signal.start + i for i in range(signal.length)]
    msb = 8 * (signal.start // 8) + (7 - signal.start % 8)
    out = []
    for i in range(signal.length):
        net = msb + i
        out.append(8 * (net // 8) + (7 - net % 8))
    return out


def set_raw(payload, signal, raw):
    """Write `raw` into the payload at the signal's bits (the LSB is the last bit in Motorola order)."""
    positions = bit_positions(signal)
    if signal.byte_order == "little_endian":
        ordered = positions  # bit i of the value at start + i
    else:
        ordered = list(reversed(positions))  # the last network bit is the value's bit 0
    for i, pos in enumerate(ordered):
        byte, bit = divmod(pos, 8)
        if byte >= len(payload):
            return
        if (raw >> i) & 1:
            payload[byte] |= 1 << bit
        else:
            payload[byte] &= ~(1 << bit) & 0xFF


def mux_values(message):
    """(signal, [raw values]) for each multiplexer, from cantools' own codec tree."""
    out = []

    def walk(node):
        for name, children in node["multiplexers"].items():
            signal = message.get_signal_by_name(name)
            raws = []
            for mux_id in sorted(children):
                scale = signal.conversion.scale or 1
                raw = int(round((mux_id - signal.conversion.offset) / scale))
                if signal.is_signed and raw < 0:
                    raw &= (1 << signal.length) - 1
                raws.append(raw)
            out.append((signal, raws))
            for child in children.values():
                walk(child)

    walk(message._codecs)
    return out


def frames_for(message, rng):
    length = message.length
    frames = []
    for _ in range(RANDOM_FRAMES_PER_SEED):
        frames.append(bytes(rng.getrandbits(8) for _ in range(length)))
    for signal, raws in mux_values(message):
        for raw in raws[:64]:
            payload = bytearray(rng.getrandbits(8) for _ in range(length))
            set_raw(payload, signal, raw)
            # Nested multiplexers: pick one of their defined values too, so deeper branches decode.
            for other, other_raws in mux_values(message):
                if other is not signal and other_raws:
                    set_raw(payload, other, rng.choice(other_raws))
            set_raw(payload, signal, raw)
            frames.append(bytes(payload))
    if length > 0:
        frames.append(bytes(rng.getrandbits(8) for _ in range(length - 1)))  # too short
    if length < 64:
        frames.append(bytes(rng.getrandbits(8) for _ in range(length + 1)) if length < 8 else bytes(rng.getrandbits(8) for _ in range(length)) + b"\xAA")
    return frames


def candump_line(index, message, payload):
    ident = f"{message.frame_id:08X}" if message.is_extended_frame else f"{message.frame_id:03X}"
    if len(payload) > 8:
        # A CAN FD frame carries a valid FD length; pad to one (cantools ignores the excess, as we do).
        for size in (12, 16, 20, 24, 32, 48, 64):
            if len(payload) <= size:
                payload = payload + bytes(size - len(payload))
                break
        return f"(1700000000.{index:06d}) vcan0 {ident}##0{payload.hex().upper()}", payload
    return f"(1700000000.{index:06d}) vcan0 {ident}#{payload.hex().upper()}", payload


def close(a, b):
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    a = float(a)
    b = float(b)
    if math.isnan(a) and math.isnan(b):
        return True
    if math.isinf(a) or math.isinf(b):
        return a == b
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b)) or abs(a - b) < 1e-300


def overlapping(message, names):
    seen = set()
    for name in names:
        positions = set(bit_positions(message.get_signal_by_name(name)))
        if seen & positions:
            return True
        seen |= positions
    return False


def run_file(path, geniusctl, stats, verbose):
    name = os.path.basename(path)
    try:
        db = cantools.database.load_file(path, database_format="dbc", strict=False)
    except Exception as error:  # noqa: BLE001 - any rejection counts
        result = subprocess.run([geniusctl, "decode", "--dbc", path, "/dev/null"], capture_output=True, text=True)
        if result.returncode == 0:
            stats["rejected_loaded"] += 1
            if verbose:
                print(f"{name}: cantools rejects ({str(error).splitlines()[0][:80]}); loads here")
            return True
        if re.search(re.escape(path) + r":\d+:\d+: error: ", result.stderr):
            stats["rejected_clear_error"] += 1
            print(f"{name}: cantools rejects; clear error here: {result.stderr.strip().splitlines()[-1][:160]}")
            return True
        print(f"FAIL {name}: cantools rejects, and geniusctl failed without a located error: {result.stderr.strip()[:300]}")
        return False

    stats["loaded"] += 1
    lines = []
    expected = []
    index = 0
    # cantools decodes by frame id with the last duplicate winning; so do we. Compare against what cantools resolves.
    for seed in SEEDS:
        rng = random.Random(f"{seed}:{name}")
        for message in db.messages:
            if message.name == "VECTOR__INDEPENDENT_SIG_MSG":
                continue
            for payload in frames_for(message, rng):
                index += 1
                line, sent = candump_line(index, message, payload)
                target = db.get_message_by_frame_id(message.frame_id, force_extended_id=message.is_extended_frame)
                try:
                    decoded = target.decode(sent, decode_choices=False, scaling=True)
                    outcome = ("signals", decoded)
                except DecodeError as error:
                    outcome = ("error", str(error))
                except (ValueError, OverflowError, TypeError) as error:
                    outcome = ("crash", str(error))
                lines.append(line)
                expected.append((target, outcome))

    with tempfile.NamedTemporaryFile("w", suffix=".log", delete=False) as log:
        log.write("\n".join(lines) + "\n")
        log_path = log.name
    try:
        result = subprocess.run([geniusctl, "decode", "--dbc", path, log_path], capture_output=True, text=True)
    finally:
        os.unlink(log_path)
    if result.returncode != 0:
        print(f"FAIL {name}: geniusctl exited {result.returncode}: {result.stderr.strip()[:300]}")
        return False
    outputs = [json.loads(line) for line in result.stdout.splitlines()]
    if len(outputs) != len(expected):
        print(f"FAIL {name}: {len(expected)} frames sent, {len(outputs)} decoded lines")
        return False

    failures = 0
    for (message, (kind, value)), ours in zip(expected, outputs):
        stats["frames"] += 1
        if kind == "crash":
            stats["reference_crash"] += 1
            continue
        if kind == "error":
            if "error" not in ours and value == "unpacking failed" and overlapping(message, ours["signals"].keys()):
                stats["overlap_excluded"] += 1
                stats.setdefault("overlap_messages", set()).add(f"{name}:{message.name}")
            elif "error" not in ours:
                failures += 1
                if failures <= 3:
                    print(f"FAIL {name} {message.name}: cantools error '{value}', ours decoded {ours.get('signals')}")
            else:
                stats["errors_agreed"] += 1
            continue
        if overlapping(message, value.keys()):
            stats["overlap_excluded"] += 1
            stats.setdefault("overlap_messages", set()).add(f"{name}:{message.name}")
            continue
        if "error" in ours:
            failures += 1
            if failures <= 3:
                print(f"FAIL {name} {message.name}: ours error '{ours['error']}', cantools decoded")
            continue
        mine = ours["signals"]
        if set(mine) != set(value) or not all(close(value[k], mine[k]) for k in value):
            failures += 1
            if failures <= 3:
                diff = {k: (value.get(k), mine.get(k)) for k in set(value) | set(mine) if not (k in value and k in mine and close(value[k], mine[k]))}
                print(f"FAIL {name} {message.name}: differs (cantools, ours): {dict(list(diff.items())[:4])}")
            continue
        stats["frames_agreed"] += 1
    stats["mismatches"] += failures
    return failures == 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--geniusctl", required=True)
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("folders", nargs="+")
    args = parser.parse_args()
    stats: dict = dict.fromkeys(
        ["loaded", "rejected_loaded", "rejected_clear_error", "frames", "frames_agreed", "errors_agreed",
         "overlap_excluded", "mismatches", "reference_crash"], 0)
    passed = failed = 0
    for folder in args.folders:
        for path in sorted(glob.glob(os.path.join(folder, "*.dbc"))):
            if run_file(path, args.geniusctl, stats, args.verbose):
                passed += 1
            else:
                failed += 1
    print(
        f"cantools loads {stats['loaded']} files: {stats['frames']} frames compared, {stats['frames_agreed']} decoded alike, "
        f"{stats['errors_agreed']} rejected by both, {stats['overlap_excluded']} left out (overlapping signals), "
        f"{stats['reference_crash']} crashed cantools, {stats['mismatches']} mismatches")
    print(
        f"cantools rejects {stats['rejected_loaded'] + stats['rejected_clear_error']} files: "
        f"{stats['rejected_loaded']} load here, {stats['rejected_clear_error']} fail here with a located error")
    overlap_messages = sorted(stats.get("overlap_messages", ()))
    print(f"{len(overlap_messages)} messages have overlapping signals: {' '.join(overlap_messages[:12])}{' ...' if len(overlap_messages) > 12 else ''}")
    print(f"dbc-diff: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
