#!/usr/bin/env python3
"""Checks a constraint round's cases by hand-rule, apart from the engine: for every place the straight-line
distance from the car, a rough drive time (road = straight x 1.3 at 25/35/55/80 km/h by length, x1.4 moderate,
x2 heavy, x3 blocked, whichever of the standing note and the time of day is worse, plus a minute to park),
the arrival time, whether it is open at arrival with 30 minutes to spare, whether the range reaches it
(there and back with a 15 % reserve, or there with 10 % for a charger or fuel stop) and the detour off an
active route. It prints a table per case for a human to read against `why`; it does not rank.
Run: python3 eval/travel/check_round.py eval/travel/constraints-tc4.jsonl [id ...]"""
import json
import math
import re
import sys

DAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]


def km(lat1, lon1, lat2, lon2):
    r = 6371.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


def day_factor(day, minute, road_km):
    h = minute / 60
    weekday = DAYS.index(day) < 5
    if weekday and (7 <= h < 9 or 16 <= h < 19):
        return 1.4 if road_km < 1.5 else 2.0
    if 12 <= h < 14 or 19 <= h < 20 or (not weekday and 10 <= h < 19):
        return 1.4
    return 1.0


def minutes(straight, day, minute, note):
    road = straight * 1.3
    speed = 25 if road < 2 else 35 if road < 10 else 55 if road < 30 else 80
    f = max(day_factor(day, minute, road), {"none": 1, "moderate": 1.4, "heavy": 2, "blocked": 3}[note])
    return road / speed * 60 * f + 1


def expand_days(spec):
    out = []
    for part in spec.split(","):
        if "-" in part:
            a, b = part.split("-")
            i, j = DAYS.index(a), DAYS.index(b)
            out += [DAYS[k % 7] for k in range(i, (j if j >= i else j + 7) + 1)]
        else:
            out.append(part)
    return out


def spans(hours, day):
    """[(start, end)] minutes for `day`, spans past midnight continue past 1440; plus yesterday's overflow."""
    if hours.strip() == "24/7":
        return [(0, 2880)]
    table = {d: [] for d in DAYS}
    for rule in [r.strip() for r in hours.split(";") if r.strip()]:
        m = re.match(r"^([A-Za-z,\-]+)\s+(.*)$", rule)
        days, times = expand_days(m.group(1)), m.group(2).strip()
        for d in days:
            table[d] = []
            if times in ("off", "closed"):
                continue
            for s in times.split(","):
                a, b = s.strip().split("-")
                sa = int(a[:2]) * 60 + int(a[3:])
                sb = int(b[:2]) * 60 + int(b[3:])
                if sb <= sa:
                    sb += 1440
                table[d].append((sa, sb))
    prev = DAYS[(DAYS.index(day) - 1) % 7]
    return table[day] + [(a - 1440, b - 1440) for a, b in table[prev] if b > 1440]


def open_at(hours, day, minute):
    """'open' with 30 minutes to spare, 'closing' if open but closing within 30, else 'closed'."""
    for a, b in spans(hours, day):
        if a <= minute < b:
            return "open" if b - minute >= 30 else "closing"
    return "closed"


def check(c):
    s = c["state"]
    lat, lon = s["Vehicle.CurrentLocation.Latitude"], s["Vehicle.CurrentLocation.Longitude"]
    rng = s["Vehicle.Powertrain.Range"] / 1000
    day, hm = c["now"].split()
    day = day[:2]
    now = int(hm[:2]) * 60 + int(hm[3:])
    dest = None
    if "Vehicle.Cabin.Infotainment.Navigation.DestinationSet.Latitude" in s:
        dest = (s["Vehicle.Cabin.Infotainment.Navigation.DestinationSet.Latitude"],
                s["Vehicle.Cabin.Infotainment.Navigation.DestinationSet.Longitude"])
    print(f"== {c['id']} {c['now']} range {rng:.0f} km kinds {c['kinds']} expect {c['expect']}")
    print("   " + " / ".join(c["turns"]))
    for p in c["places"]:
        d = km(lat, lon, p["lat"], p["lon"])
        mins = minutes(d, day, now, p["traffic"])
        arr = now + mins
        st = open_at(p["hours"], day, arr)
        road = d * 1.3
        refuel = p["category"] in ("charging", "fuel") or p.get("ev_charging")
        reach = road <= rng - max(0.1 * rng, 0.5) if refuel else 2 * road <= rng - max(0.15 * rng, 2)
        det = ""
        if dest:
            direct = km(lat, lon, *dest)
            via = d + km(p["lat"], p["lon"], *dest)
            det = f" detour {via - direct:4.1f} km"
        flags = " ".join(f"{k}={p[k]}" for k in ("cuisine", "price_per_person", "price_level", "parking", "ev_charging", "seats", "tags")
                         if k in p)
        mark = "*" if p["id"] == c["expect"] else " "
        print(f" {mark}{p['id']} {p['name'][:28]:28} {p['category']:10} {p.get('rating', '-')!s:>4}/{p.get('rating_count', '-')!s:<5} "
              f"{d:5.1f} km {mins:5.1f} min arr {int(arr) // 60:02d}:{int(arr) % 60:02d} {st:7} {'reach' if reach else 'NO-REACH'} "
              f"{p['traffic']:8}{det} {flags}")
        if p["id"] == c["expect"]:
            assert st == "open", f"{c['id']}: expected place not open at arrival"
            assert reach, f"{c['id']}: expected place out of range"


def main():
    path, ids = sys.argv[1], set(sys.argv[2:])
    for line in open(path, encoding="utf-8"):
        c = json.loads(line)
        if not ids or c["id"] in ids:
            check(c)


if __name__ == "__main__":
    main()
