#!/usr/bin/env python3
"""The reference side of scripts/bench: cantools 45.1.0, in-process, on the same inputs as genius-bench.

  cantools_bench.py frames OUT DBC...   writes a candump -L log with random frames for every message
  cantools_bench.py decode LOG DBC...   frames/s decoding every frame of LOG with decode_message (~1 s)
  cantools_bench.py load DBC [REPEAT]   fastest of REPEAT runs of cantools.database.load_file(strict=False), seconds
"""
import random
import sys
import time

import cantools


def load(paths):
    return [cantools.database.load_file(p, database_format="dbc", strict=False) for p in paths]


def main():
    command = sys.argv[1]
    if command == "frames":
        out, paths = sys.argv[2], sys.argv[3:]
        rng = random.Random(7)
        lines = []
        t = 0
        for db in load(paths):
            for _ in range(4):
                for m in db.messages:
                    ident = f"{m.frame_id:08X}" if m.is_extended_frame else f"{m.frame_id:03X}"
                    data = bytes(rng.getrandbits(8) for _ in range(m.length))
                    t += 1
                    sep = "##0" if m.length > 8 else "#"
                    lines.append(f"(1700000000.{t:06d}) vcan0 {ident}{sep}{data.hex().upper()}")
        with open(out, "w") as f:
            f.write("\n".join(lines) + "\n")
    elif command == "decode":
        log, paths = sys.argv[2], sys.argv[3:]
        dbs = load(paths)
        frames = []
        for line in open(log):
            _, _, frame = line.split()
            ident, _, data = frame.partition("#")
            data = data[2:] if data.startswith("#") else data
            frame_id = int(ident, 16)
            for db in dbs:
                try:
                    msg = db.get_message_by_frame_id(frame_id, force_extended_id=len(ident) == 8)
                except KeyError:
                    continue
                frames.append((msg, bytes.fromhex(data)))
                break
        decoded = 0
        start = time.perf_counter()
        while True:
            for msg, data in frames:
                try:
                    msg.decode(data, decode_choices=False, scaling=True)
                except cantools.database.DecodeError:
                    pass
                decoded += 1
            elapsed = time.perf_counter() - start
            if elapsed >= 1.0:
                break
        print(f"decode_frames_per_s {decoded / elapsed}")
    elif command == "load":
        path = sys.argv[2]
        repeat = int(sys.argv[3]) if len(sys.argv) > 3 else 3
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            cantools.database.load_file(path, database_format="dbc", strict=False)
            times.append(time.perf_counter() - start)
        # The fastest run, as genius-bench reports: on a shared machine, interference only ever adds time.
        print(f"load_seconds {min(times)}")
    else:
        sys.exit(f"unknown command {command}")


if __name__ == "__main__":
    main()
