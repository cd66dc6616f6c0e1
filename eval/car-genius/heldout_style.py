#!/usr/bin/env python3
"""Writes eval/car-genius/heldout-style.jsonl: a second Car Genius evaluation set, written apart from the first.

It stands in for the held-out set nobody here sees: new phrasings written without looking at the first
set's, ASR slips and misheard words, numbers as words, follow-ups, stale and missing data, all four
locales and every topic, on a different car state (other values, so no answer of the first set fits).
It was written before the engine was run on it; the engine was then fixed through its lexicons and
data, never by adding these sentences. Expected facts come from this file's own formatting rules (the
ask contract: en-US miles/°F/psi, en-GB miles/°C/psi, de-DE km/°C/bar with a decimal comma, zh-CN
公里/°C/bar). Same format as cases.jsonl. Run: python3 eval/car-genius/heldout_style.py
"""
import copy
import json
import os

MILE = 1609.344
KPA_PER_PSI = 6.894757
LOCALES = ["en-US", "en-GB", "de-DE", "zh-CN"]

# A car on a cold morning, half charged, parked in the street.
BASE = {
    "Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed": 43,
    "Vehicle.Powertrain.Range": 201000,
    "Vehicle.Powertrain.TractionBattery.Charging.IsCharging": False,
    "Vehicle.Powertrain.TractionBattery.Charging.IsChargingCableConnected": False,
    "Vehicle.Powertrain.TractionBattery.Charging.ChargeLimit": 90,
    "Vehicle.Powertrain.TractionBattery.Temperature.Average": 19,
    "Vehicle.Chassis.Axle.Row1.Wheel.Left.Tire.Pressure": 229,
    "Vehicle.Chassis.Axle.Row1.Wheel.Right.Tire.Pressure": 232,
    "Vehicle.Chassis.Axle.Row2.Wheel.Left.Tire.Pressure": 226,
    "Vehicle.Chassis.Axle.Row2.Wheel.Right.Tire.Pressure": 234,
    "Vehicle.Chassis.Axle.Row1.Wheel.Left.Tire.Temperature": 14,
    "Vehicle.Chassis.Axle.Row1.Wheel.Right.Tire.Temperature": 15,
    "Vehicle.Chassis.Axle.Row2.Wheel.Left.Tire.Temperature": 13,
    "Vehicle.Chassis.Axle.Row2.Wheel.Right.Tire.Temperature": 16,
    "Vehicle.Cabin.Door.Row1.DriverSide.IsOpen": False,
    "Vehicle.Cabin.Door.Row1.PassengerSide.IsOpen": False,
    "Vehicle.Cabin.Door.Row2.DriverSide.IsOpen": False,
    "Vehicle.Cabin.Door.Row2.PassengerSide.IsOpen": False,
    "Vehicle.Cabin.Door.Row1.DriverSide.IsLocked": True,
    "Vehicle.Cabin.Door.Row1.PassengerSide.IsLocked": True,
    "Vehicle.Cabin.Door.Row2.DriverSide.IsLocked": True,
    "Vehicle.Cabin.Door.Row2.PassengerSide.IsLocked": True,
    "Vehicle.Cabin.Door.Row1.DriverSide.Window.IsOpen": False,
    "Vehicle.Cabin.Door.Row1.PassengerSide.Window.IsOpen": False,
    "Vehicle.Cabin.Door.Row2.DriverSide.Window.IsOpen": False,
    "Vehicle.Cabin.Door.Row2.PassengerSide.Window.IsOpen": False,
    "Vehicle.Body.Trunk.Rear.IsOpen": False,
    "Vehicle.Body.Trunk.Front.IsOpen": False,
    "Vehicle.Body.Hood.IsOpen": False,
    "Vehicle.Cabin.Sunroof.Position": 0,
    "Vehicle.Body.Lights.Beam.Low.IsOn": False,
    "Vehicle.Body.Lights.Beam.High.IsOn": False,
    "Vehicle.Body.Lights.Fog.Front.IsOn": False,
    "Vehicle.Body.Lights.Fog.Rear.IsOn": False,
    "Vehicle.Body.Lights.Hazard.IsSignaling": False,
    "Vehicle.Body.Lights.Parking.IsOn": False,
    "Vehicle.Exterior.AirTemperature": 7,
    "Vehicle.Cabin.HVAC.AmbientAirTemperature": 20,
    "Vehicle.Speed": 0,
    "Vehicle.IsMoving": False,
    "Vehicle.TraveledDistance": 15342,
    "Vehicle.TripMeterReading": 123,
    "Vehicle.Service.DistanceToService": 1450,
    "Vehicle.Service.TimeToService": 1728000,
    "Vehicle.Service.IsServiceDue": False,
    "Vehicle.Cabin.Telltale.Powertrain.IsOn": False,
    "Vehicle.Cabin.Telltale.TirePressure.IsOn": False,
    "Vehicle.Cabin.Telltale.BrakeFluid.IsOn": False,
    "Vehicle.Cabin.Telltale.Airbag.IsOn": False,
    "Vehicle.Cabin.Telltale.LowVoltageBattery.IsOn": False,
    "Vehicle.ADAS.ABS.IsError": False,
    "Vehicle.OBD.Status.IsMILOn": False,
    "Vehicle.OBD.DTCList": [],
    "Vehicle.LowVoltageBattery.CurrentVoltage": 12.3,
    "Vehicle.Chassis.ParkingBrake.IsEngaged": True,
    "Vehicle.Powertrain.Transmission.SelectedGear": 126,
    "Vehicle.Cabin.Seat.Row1.DriverSide.IsOccupied": True,
    "Vehicle.Cabin.Seat.Row1.DriverSide.IsBelted": True,
    "Vehicle.Cabin.Seat.Row1.PassengerSide.IsOccupied": False,
    "Vehicle.Cabin.Seat.Row1.PassengerSide.IsBelted": False,
    "Vehicle.Cabin.Seat.Row2.DriverSide.IsOccupied": False,
    "Vehicle.Cabin.Seat.Row2.DriverSide.IsBelted": False,
    "Vehicle.Cabin.Seat.Row2.Middle.IsOccupied": False,
    "Vehicle.Cabin.Seat.Row2.Middle.IsBelted": False,
    "Vehicle.Cabin.Seat.Row2.PassengerSide.IsOccupied": False,
    "Vehicle.Cabin.Seat.Row2.PassengerSide.IsBelted": False,
    "Vehicle.Body.Windshield.Front.WasherFluid.IsLevelLow": False,
}

MOVING = {"Vehicle.IsMoving": True, "Vehicle.Speed": 88, "Vehicle.Powertrain.Transmission.SelectedGear": 127,
          "Vehicle.Chassis.ParkingBrake.IsEngaged": False, "Vehicle.Body.Lights.Beam.Low.IsOn": True}
CHARGING = {"Vehicle.Powertrain.TractionBattery.Charging.IsCharging": True,
            "Vehicle.Powertrain.TractionBattery.Charging.IsChargingCableConnected": True,
            "Vehicle.Powertrain.TractionBattery.Charging.TimeToComplete": 5400}


# ---- Formatting (the ask contract), written for this file --------------------------------------

def lang(locale):
    return locale[:2]


def fmt(v, locale, decimals=0):
    if decimals:
        s = f"{round(v, decimals):.{decimals}f}"
        return s.replace(".", ",") if locale == "de-DE" else s
    n = int(round(v))
    s = str(abs(n))
    sep = {"en-US": ",", "en-GB": ",", "de-DE": ".", "zh-CN": ""}[locale]
    if sep and len(s) > 3:
        parts = []
        while s:
            parts.insert(0, s[-3:])
            s = s[:-3]
        s = sep.join(parts)
    return ("-" if n < 0 else "") + s


def km_or_miles(metres, locale):
    if lang(locale) == "en":
        return fmt(metres / MILE, locale) + " mile"
    return fmt(metres / 1000, locale) + (" km" if locale == "de-DE" else "公里")


def celsius(c, locale):
    if locale == "en-US":
        return fmt(c * 9 / 5 + 32, locale) + "°F"
    return fmt(c, locale) + (" °C" if locale == "de-DE" else "°C")


def percent(p, locale):
    return fmt(p, locale) + (" %" if locale == "de-DE" else "%")


def kpa(p, locale):
    if lang(locale) == "en":
        return fmt(p / KPA_PER_PSI, locale) + " psi"
    return fmt(p / 100, locale, 1) + " bar"


def w(locale, en, de, zh, gb=None):
    """A word per language (en-GB may differ)."""
    if locale == "en-GB" and gb is not None:
        return gb
    return {"en": en, "de": de, "zh": zh}[lang(locale)]


def hours_ago(h, locale):
    return w(locale, f"{h} hours ago", f"vor {h} Stunden", f"{h}小时前")


NOT_AVAILABLE = {"en": "not available|unavailable", "de": "nicht verfügbar", "zh": "无法获取|不可用"}

CASES = []


def state(set_=None, unset=()):
    s = copy.deepcopy(BASE)
    s.update(set_ or {})
    for k in unset:
        s.pop(k, None)
    return s


def t(say, intent=None, must=(), must_not=(), no_numbers=False):
    turn = {"say": say, "must": list(must), "must_not": list(must_not)}
    if intent:
        turn["intent"] = intent
    if no_numbers:
        turn["no_numbers"] = True
    return turn


def case(locale, topic, turns, set_=None, unset=(), tags=("heldout",)):
    n = len([c for c in CASES if c["locale"] == locale and c["topic"] == topic]) + 1
    CASES.append({"id": f"ho-{locale}-{topic}-{n}", "locale": locale, "topic": topic, "tags": list(tags),
                  "state": state(set_, unset), "turns": turns})


def build():
    P = "Vehicle.Chassis.Axle."
    for L in LOCALES:
        soc, rng = percent(43, L), km_or_miles(201000, L)
        # Range and charge.
        case(L, "range_charge", [t(w(L, "so uh what's left in the battery", "sag mal wie voll ist der akku gerade",
                                       "那个电池现在还有百分之多少"), "battery_level", [soc])])
        case(L, "range_charge", [t(w(L, "how many more miles can this thing do", "wie viele kilometer schaff ich noch",
                                       "现在这个电还能开几公里"), "range", [rng])])
        case(L, "range_charge", [t(w(L, "whats the estimated range right now", "was zeigt die reichweite an",
                                       "续航显示多少"), "range", [rng])])
        case(L, "range_charge", [t(w(L, "will i get to the airport its about eighty miles",
                                       "reicht der akku für hundert kilometer", "我要开一百五十公里电够不够"),
                                     "can_reach", [w(L, "yes", "ja", "可以|够"), rng])], tags=("heldout", "numbers"))
        case(L, "range_charge", [t(w(L, "can i do a hundred and fifty miles without charging",
                                       "schaffe ich zweihundertfünfzig kilometer ohne laden", "能不能跑三百公里"),
                                     "can_reach", [w(L, "no", "nein", "不够|不能|无法"), rng])], tags=("heldout", "numbers"))
        case(L, "range_charge", [t(w(L, "hmm is my battery charge okay", "ähm wie ist der ladezustand", "嗯 电量还够吗"),
                                     "battery_level", [soc])], tags=("heldout", "asr"))
        # Charging.
        case(L, "charging", [t(w(L, "am i charging at the moment", "wird gerade geladen", "现在是不是在充电"),
                                 "charging_status", [w(L, "not charging", "lädt nicht|lädt gerade nicht", "没有")])])
        case(L, "charging", [t(w(L, "is the car taking a charge right now", "lädt mein auto", "车子充上电了吗"),
                                 "charging_status", [w(L, "charging", "lädt", "正在充电")],
                                 [w(L, "not charging", "lädt nicht", "没有")])], set_=CHARGING)
        case(L, "charging", [t(w(L, "how much time till the battery is full", "wann bin ich voll geladen",
                                 "大概还要充多久"), "charge_time",
                               [w(L, "1 hour", "1 Stunde", "1小时"), w(L, "30 minutes", "30 Minuten", "30分钟")])], set_=CHARGING)
        case(L, "charging", [t(w(L, "what percentage will it stop charging at", "bis wie viel prozent wird geladen",
                                 "充电会充到多少"), "charge_limit", [percent(90, L)])])
        # Tyres.
        case(L, "tyres", [t(w(L, "do my tires need air", "muss ich luft in die reifen machen", "轮胎要不要打气",
                              gb="do my tyres need air"), "tire_pressure", [kpa(226, L), kpa(234, L)])])
        case(L, "tyres", [t(w(L, "what's the psi on the front right", "wie viel druck hat der rechte vorderreifen",
                              "右前胎压多少"), "tire_pressure", [w(L, "front right", "vorne rechts", "右前"), kpa(232, L)])])
        case(L, "tyres", [t(w(L, "whats the tie pressure", "wie ist der reifen druck", "胎压怎么样啊"), "tire_pressure",
                            [kpa(226, L)])], tags=("heldout", "asr"))
        case(L, "tyres", [t(w(L, "the rear tires how much pressure", "luftdruck hinten", "后轮气压多少",
                              gb="the rear tyres how much pressure"), "tire_pressure", [kpa(226, L), kpa(234, L)])])
        case(L, "tyres", [t(w(L, "is one of my tires low", "hat ein reifen zu wenig luft", "有没有哪个轮胎气不足",
                              gb="is one of my tyres low"), "tire_pressure",
                            [w(L, "rear left", "hinten links", "左后"), kpa(170, L)])],
             set_={P + "Row2.Wheel.Left.Tire.Pressure": 170})
        case(L, "tyres", [t(w(L, "how warm are my tires", "wie heiß sind die reifen", "轮胎热不热",
                              gb="how warm are my tyres"), "tire_temperature", [celsius(13, L), celsius(16, L)])])
        case(L, "tyres", [t(w(L, "is the rear left tyre losing air", "verliert der reifen hinten links druck",
                              "左后轮是不是在掉气"), "tire_pressure",
                            [w(L, "rear left", "hinten links", "左后"), kpa(241, L), kpa(212, L)])],
             set_={P + "Row2.Wheel.Left.Tire.Pressure": {"value": 212, "age": 3,
                                                         "history": [[2700, 241], [1500, 229], [300, 215]]}})
        case(L, "tyres", [t(w(L, "what's the pressure in the front left tire", "wie ist der druck vorne links",
                              "左前轮胎压多少", gb="what's the pressure in the front left tyre"), "tire_pressure",
                            [kpa(229, L)]),
                          t(w(L, "and the right one", "und rechts", "右边的呢"), "tire_pressure",
                            [w(L, "front right", "vorne rechts", "右前"), kpa(232, L)])], tags=("heldout", "multi_turn"))
        case(L, "tyres", [t(w(L, "tire pressure front", "reifendruck vorne", "前轮胎压", gb="tyre pressure front"),
                            "tire_pressure", [kpa(229, L), kpa(232, L)]),
                          t(w(L, "what about the back", "und hinten", "那后面呢"), "tire_pressure",
                            [kpa(226, L), kpa(234, L)])], tags=("heldout", "multi_turn"))
        # Openings.
        case(L, "openings", [t(w(L, "did somebody leave a door open", "steht irgendwo eine tür offen", "是不是有门没关"),
                               "doors", [w(L, "rear right", "hinten rechts|hintere rechte", "右后"), w(L, "open", "offen", "开着")])],
             set_={"Vehicle.Cabin.Door.Row2.PassengerSide.IsOpen": True})
        case(L, "openings", [t(w(L, "all doors shut", "türen alle zu", "门都关了没"), "doors",
                               [w(L, "closed", "zu|geschlossen", "关")])])
        case(L, "openings", [t(w(L, "is my window down", "ist ein fenster runter", "车窗是不是开着"), "windows",
                               [w(L, "passenger|front right", "beifahrer|vorne rechts", "副驾|右前"), w(L, "open", "offen", "开")])],
             set_={"Vehicle.Cabin.Door.Row1.PassengerSide.Window.IsOpen": True})
        case(L, "openings", [t(w(L, "did i lock it", "hab ich abgesperrt", "锁车了没有"), "locks",
                               [w(L, "locked", "abgeschlossen|verriegelt", "锁")], [w(L, "unlocked", "nicht", "没有")])])
        case(L, "openings", [t(w(L, "is the car unlocked", "ist das auto offen", "车没锁吗"), "locks",
                               [w(L, "unlocked", "nicht verriegelt|nicht abgeschlossen|offen", "没有上锁|没有锁|没锁")])],
             set_={"Vehicle.Cabin.Door.Row1.DriverSide.IsLocked": False})
        case(L, "openings", [t(w(L, "is the back hatch open", "ist der kofferraumdeckel auf", "尾门开着吗",
                                 gb="is the boot lid open"), "trunk",
                               [w(L, "open", "offen", "开着")])], set_={"Vehicle.Body.Trunk.Rear.IsOpen": True})
        case(L, "openings", [t(w(L, "is the hood open", "ist die haube offen", "前机盖开着吗", gb="is the bonnet up"),
                               "hood", [w(L, "closed", "zu|geschlossen", "关")])])
        case(L, "openings", [t(w(L, "is the front trunk shut", "ist der vordere kofferraum zu", "前面的储物箱关了吗",
                                 gb="is the front boot shut"), "frunk", [w(L, "closed", "zu|geschlossen", "关")])])
        case(L, "openings", [t(w(L, "is the roof window open", "ist das glasdach auf", "天窗是开着的吗"), "sunroof",
                               [w(L, "open", "offen", "开"), percent(35, L)])], set_={"Vehicle.Cabin.Sunroof.Position": 35})
        # Lights.
        case(L, "lights", [t(w(L, "have i got my headlights on", "hab ich das licht eingeschaltet", "我开大灯了吗",
                               gb="are my dipped headlights on"), "lights",
                             [w(L, "headlight|low beam|dipped", "abblendlicht|licht", "灯"), w(L, " on", " an", "开")])],
             set_=MOVING)
        case(L, "lights", [t(w(L, "are the hazards on", "ist der warnblinker an", "双闪开了吗"), "lights",
                             [w(L, "off", "aus", "关|没有")])])
        # Temperatures.
        case(L, "temperatures", [t(w(L, "how chilly is it out", "wie viel grad hat es draußen", "外头冷不冷"),
                                   "outside_temperature", [celsius(7, L)])])
        case(L, "temperatures", [t(w(L, "whats the temp in the car", "wie warm ist es im innenraum", "车厢里温度多少"),
                                   "cabin_temperature", [celsius(20, L)])])
        case(L, "temperatures", [t(w(L, "is the battery warm enough", "wie ist die akkutemperatur", "电池温度正常吗"),
                                   "battery_temperature", [celsius(19, L)])])
        case(L, "temperatures", [t(w(L, "how cold was it outside", "wie kalt ist es draußen", "外面多少度"),
                                   "outside_temperature", [celsius(7, L), hours_ago(3, L)])],
             set_={"Vehicle.Exterior.AirTemperature": {"value": 7, "age": 10800}}, tags=("heldout", "stale"))
        # Driving.
        case(L, "driving", [t(w(L, "what speed are we doing", "mit wie viel km/h fahre ich", "现在开多少码"), "speed",
                              [w(L, "55 mph", "88", "88")])], set_=MOVING, tags=("heldout", "moving"))
        case(L, "driving", [t(w(L, "how many miles on the clock", "wie viel ist das auto schon gelaufen", "这车开了多少公里了"),
                              "odometer", [km_or_miles(15342000, L)])])
        case(L, "driving", [t(w(L, "how long was this trip", "wie lang war die fahrt bisher", "这次开了多远"), "trip",
                              [km_or_miles(123000, L)])])
        # Service.
        case(L, "service", [t(w(L, "when's the next inspection due", "wann muss das auto in die werkstatt", "什么时候该去保养了"),
                              "service", [km_or_miles(1450000, L), w(L, "20 days", "20 Tagen", "20天")])])
        # Warnings and codes.
        case(L, "warnings_codes", [t(w(L, "why is there a light on the dashboard", "was leuchtet da im cockpit",
                                       "仪表盘上亮了个灯是什么"), "warnings",
                                     [w(L, "tire pressure|tyre pressure", "reifendruck", "胎压")])],
             set_={"Vehicle.Cabin.Telltale.TirePressure.IsOn": True})
        case(L, "warnings_codes", [t(w(L, "is the check engine light on", "leuchtet die motorkontrollleuchte",
                                       "发动机故障灯亮了吗"), "warnings", [w(L, "check engine", "motorkontroll", "发动机")])],
             set_={"Vehicle.OBD.Status.IsMILOn": True})
        case(L, "warnings_codes", [t(w(L, "any error codes stored", "sind fehler gespeichert", "有没有存故障代码"),
                                     "fault_codes", ["P0128"])], set_={"Vehicle.OBD.DTCList": ["P0128"]})
        case(L, "warnings_codes", [t(w(L, "what does p zero one seven one mean", "was heißt fehler p0171",
                                       "P0171是什么故障"), "explain_code", [w(L, "lean", "mager", "稀")])],
             tags=("heldout", "numbers"))
        # 12 V battery, brake, gear, belts.
        case(L, "battery_12v", [t(w(L, "how is the little battery doing", "wie steht es um die bordnetzbatterie",
                                    "12伏电瓶怎么样"), "low_voltage_battery", [fmt(12.3, L, 1) + " V"])])
        case(L, "brake_gear", [t(w(L, "is the emergency brake set", "ist die parkbremse drin", "驻车制动开着吗",
                                   gb="is the handbrake on"), "parking_brake", [w(L, "on|engaged|set", "angezogen", "拉起")])])
        case(L, "brake_gear", [t(w(L, "are we in park", "steht der wählhebel auf p", "是不是在P挡"), "gear",
                                 [w(L, "park", " P", "P挡|驻车")])])
        case(L, "seat_belts", [t(w(L, "is my passenger buckled", "ist der beifahrer angeschnallt", "副驾系安全带了吗"),
                                 "seat_belts", [w(L, "passenger", "beifahrer", "副驾")])],
             set_={"Vehicle.Cabin.Seat.Row1.PassengerSide.IsOccupied": True})
        # Missing data.
        case(L, "range_charge", [t(w(L, "how far can i get", "wie weit komm ich", "能开多远"), "range",
                                   [NOT_AVAILABLE[lang(L)]], no_numbers=True)],
             unset=["Vehicle.Powertrain.Range"], tags=("heldout", "missing"))
        case(L, "temperatures", [t(w(L, "whats it like outside temperature wise", "außentemperatur", "室外气温"),
                                   "outside_temperature", [NOT_AVAILABLE[lang(L)]], no_numbers=True)],
             unset=["Vehicle.Exterior.AirTemperature"], tags=("heldout", "missing"))
        # Out of scope.
        for say in {"en": ["navigate to the nearest coffee shop", "whats the score of the game", "remind me to buy milk"],
                    "de": ["navigiere zur nächsten tankstelle", "wer hat das spiel gewonnen", "erinnere mich an milch"],
                    "zh": ["导航去最近的咖啡店", "今天股市怎么样", "提醒我买牛奶"]}[lang(L)]:
            case(L, "out_of_scope", [t(say, "out_of_scope", no_numbers=True)], tags=("heldout", "out_of_scope"))
    return CASES


def round2():
    """A second round, written after the first round's fixes and before the engine was run on it."""
    P = "Vehicle.Chassis.Axle."
    tags = ("heldout", "round2")
    for L in LOCALES:
        soc, rng = percent(43, L), km_or_miles(201000, L)
        case(L, "range_charge", [t(w(L, "yo what's my battery at", "akkustand", "电还剩几格"), "battery_level", [soc])],
             tags=tags)
        case(L, "range_charge", [t(w(L, "how much charge have i got left", "wie viel strom hab ich noch", "还有多少电量"),
                                   "battery_level", [soc])], tags=tags)
        case(L, "range_charge", [t(w(L, "how far will the battery get me", "wie weit reicht der akku noch", "电池还能撑多远"),
                                   "range", [rng])], tags=tags)
        case(L, "range_charge", [t(w(L, "um range", "äh reichweite", "续航"), "range", [rng])], tags=tags + ("asr",))
        case(L, "range_charge", [t(w(L, "i need to drive sixty miles is that ok", "ich muss noch fünfzig kilometer fahren geht das",
                                     "还要开八十公里没问题吧"), "can_reach", [w(L, "yes", "ja", "可以|够"), rng])],
             tags=tags + ("numbers",))
        case(L, "range_charge", [t(w(L, "could i drive two hundred miles on what's left", "komme ich dreihundert kilometer weit",
                                     "剩下的电能跑四百公里吗"), "can_reach", [w(L, "no", "nein", "不够|不能|无法"), rng])],
             tags=tags + ("numbers",))
        case(L, "charging", [t(w(L, "is the charger connected", "ist das ladekabel eingesteckt", "充电枪插好了吗"),
                               "charging_status", [w(L, "charging", "lädt", "充电")])], set_=CHARGING, tags=tags)
        case(L, "charging", [t(w(L, "when will charging be done", "wann ist das laden fertig", "充电什么时候结束"),
                               "charge_time", [w(L, "1 hour", "1 Stunde", "1小时"), w(L, "30 minutes", "30 Minuten", "30分钟")])],
             set_=CHARGING, tags=tags)
        case(L, "charging", [t(w(L, "what's the charge limit", "wie hoch ist das ladeziel", "充电上限设的多少"), "charge_limit",
                               [percent(90, L)])], tags=tags)
        case(L, "tyres", [t(w(L, "tire check", "reifen check", "检查一下轮胎", gb="tyre check"), "tire_pressure",
                            [kpa(226, L), kpa(234, L)])], tags=tags)
        case(L, "tyres", [t(w(L, "how much air in the back left", "wie viel luft hat hinten links", "左后轮气压是多少"),
                            "tire_pressure", [w(L, "rear left", "hinten links", "左后"), kpa(226, L)])], tags=tags)
        case(L, "tyres", [t(w(L, "are my tires properly inflated", "ist der reifendruck in ordnung", "胎压正常不正常",
                              gb="are my tyres properly inflated"), "tire_pressure", [kpa(226, L), kpa(234, L)])], tags=tags)
        case(L, "tyres", [t(w(L, "does the front right tire have a slow leak", "hat der reifen vorne rechts einen schleichenden plattfuß",
                              "右前轮是不是慢撒气", gb="does the front right tyre have a slow leak"), "tire_pressure",
                            [w(L, "front right", "vorne rechts", "右前"), kpa(232, L)])],
             set_={P + "Row1.Wheel.Right.Tire.Pressure": {"value": 232, "age": 4, "history": [[3000, 233]]}}, tags=tags)
        case(L, "tyres", [t(w(L, "tire temps", "reifentemperaturen", "四个轮胎温度", gb="tyre temps"), "tire_temperature",
                            [celsius(13, L), celsius(16, L)])], tags=tags)
        case(L, "openings", [t(w(L, "is anything open on the car", "ist am auto irgendwas offen", "车上有什么开着的吗"),
                               "open_check", [w(L, "trunk|boot", "kofferraum", "后备箱"), w(L, "open", "offen", "开")])],
             set_={"Vehicle.Body.Trunk.Rear.IsOpen": True}, tags=tags)
        case(L, "openings", [t(w(L, "are the doors open", "sind die türen offen", "车门开着吗"), "doors",
                               [w(L, "closed", "zu|geschlossen", "关")]),
                             t(w(L, "what about the windows", "und die fenster", "那车窗呢"), "windows",
                               [w(L, "closed", "zu|geschlossen", "关")])], tags=tags + ("multi_turn",))
        case(L, "openings", [t(w(L, "is the drivers door locked", "ist die fahrertür verriegelt", "主驾车门锁了吗"), "locks",
                               [w(L, "locked", "verriegelt|abgeschlossen", "锁")])], tags=tags)
        case(L, "openings", [t(w(L, "trunk open or closed", "kofferraum auf oder zu", "后备箱开没开", gb="boot open or closed"),
                               "trunk", [w(L, "closed", "zu|geschlossen", "关")])], tags=tags)
        case(L, "lights", [t(w(L, "are my high beams on", "ist das fernlicht an", "远光灯开着吗"), "lights",
                             [w(L, "off", "aus", "关|没")])], tags=tags)
        case(L, "temperatures", [t(w(L, "whats the weather like outside temperature", "wie viel grad sind es außen",
                                     "外面气温多少度"), "outside_temperature", [celsius(7, L)])], tags=tags)
        case(L, "temperatures", [t(w(L, "is it warm in the car", "ist es warm im auto", "车里热吗"), "cabin_temperature",
                                   [celsius(20, L)])], tags=tags)
        case(L, "temperatures", [t(w(L, "what's the temperature inside", "temperatur innen", "车内几度"), "cabin_temperature",
                                   [celsius(20, L), hours_ago(2, L)])],
             set_={"Vehicle.Cabin.HVAC.AmbientAirTemperature": {"value": 20, "age": 7200}}, tags=tags + ("stale",))
        case(L, "driving", [t(w(L, "how fast are we going right now", "wie schnell sind wir", "现在速度是多少"), "speed",
                              [w(L, "55 mph", "88", "88")])], set_=MOVING, tags=tags + ("moving",))
        case(L, "driving", [t(w(L, "total miles on the car", "gesamtkilometer", "总共开了多少公里"), "odometer",
                              [km_or_miles(15342000, L)])], tags=tags)
        case(L, "driving", [t(w(L, "how far have we gone since the last reset", "wie weit sind wir heute gefahren", "今天开了多少公里"),
                              "trip", [km_or_miles(123000, L)])], tags=tags)
        case(L, "service", [t(w(L, "does the car need servicing", "braucht das auto eine wartung", "车要保养了吗"), "service",
                              [km_or_miles(1450000, L)])], tags=tags)
        case(L, "warnings_codes", [t(w(L, "any lights on the dash i should worry about", "gibt es irgendwelche warnmeldungen",
                                       "有报警吗"), "warnings", [w(L, "no warning", "keine", "没有")], no_numbers=True)], tags=tags)
        case(L, "warnings_codes", [t(w(L, "what does code p three hundred mean", "was bedeutet p0300", "P0300什么意思"),
                                     "explain_code", [w(L, "misfire", "zündaussetzer", "失火")])], tags=tags + ("numbers",))
        case(L, "battery_12v", [t(w(L, "whats the voltage", "wie ist die spannung der batterie", "电瓶电压是多少"),
                                  "low_voltage_battery", [fmt(12.3, L, 1) + " V"])], tags=tags)
        case(L, "brake_gear", [t(w(L, "handbrake on", "handbremse an", "手刹"), "parking_brake",
                                 [w(L, "on|engaged|set", "angezogen", "拉起")])], tags=tags)
        case(L, "brake_gear", [t(w(L, "which gear is it in", "in welchem gang bin ich", "现在在几挡"), "gear",
                                 [w(L, "drive", " D", "D挡|前进")])], set_=MOVING, tags=tags + ("moving",))
        case(L, "seat_belts", [t(w(L, "has everyone got their seatbelt on", "sind alle gurte zu", "每个人都系好安全带了吗"),
                                 "seat_belts", [w(L, "buckled|fastened|wearing", "angeschnallt", "系好")])], tags=tags)
        case(L, "tyres", [t(w(L, "what's the pressure in the right rear", "druck hinten rechts", "右后胎压"), "tire_pressure",
                            [NOT_AVAILABLE[lang(L)]], no_numbers=True)],
             unset=[P + "Row2.Wheel.Right.Tire.Pressure"], tags=tags + ("missing",))
        for say in {"en": ["turn up the volume", "what's on my calendar today"],
                    "de": ["mach die musik lauter", "was steht heute in meinem kalender"],
                    "zh": ["把音量调大", "今天有什么日程"]}[lang(L)]:
            case(L, "out_of_scope", [t(say, "out_of_scope", no_numbers=True)], tags=tags + ("out_of_scope",))
    return CASES


def round3():
    """A third round, written after round 2's fixes and before the engine was run on it."""
    P = "Vehicle.Chassis.Axle."
    D = "Vehicle.Cabin.Door."
    tags = ("heldout", "round3")
    for L in LOCALES:
        soc, rng = percent(43, L), km_or_miles(201000, L)
        case(L, "range_charge", [t(w(L, "battery status", "batteriestatus", "电池状态"), "battery_level", [soc])], tags=tags)
        case(L, "range_charge", [t(w(L, "how low is my battery", "wie leer ist der akku", "电池快没电了吗"), "battery_level",
                                   [soc])], tags=tags)
        case(L, "range_charge", [t(w(L, "miles till empty", "kilometer bis leer", "还能跑多少公里"), "range", [rng])], tags=tags)
        case(L, "range_charge", [t(w(L, "whats the range", "reichweite", "续航里程"), "range", [rng, hours_ago(5, L)])],
             set_={"Vehicle.Powertrain.Range": {"value": 201000, "age": 18000}}, tags=tags + ("stale",))
        case(L, "range_charge", [t(w(L, "is ninety miles doable", "sind hundertfünfzig kilometer drin", "三百五十公里能到吗"),
                                   "can_reach", [w(L, "yes", "ja", "不够|不能|无法") if lang(L) != "zh" else "不够|不能|无法", rng])],
             tags=tags + ("numbers",))
        case(L, "range_charge", [t(w(L, "how much battery", "wie viel akku", "多少电"), "battery_level",
                                   [NOT_AVAILABLE[lang(L)]], no_numbers=True)],
             unset=["Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed",
                    "Vehicle.Powertrain.TractionBattery.StateOfCharge.Current"], tags=tags + ("missing",))
        case(L, "charging", [t(w(L, "is the cable plugged in", "steckt das kabel", "充电线插着吗"), "charging_status",
                               [w(L, "not|isn't|no", "nicht|kein", "没有")])], tags=tags)
        case(L, "charging", [t(w(L, "charging done yet", "fertig geladen", "充好了没"), "charge_time",
                               [w(L, "1 hour", "1 Stunde", "1小时")])], set_=CHARGING, tags=tags)
        case(L, "tyres", [t(w(L, "is the left front tire ok", "ist der linke vorderreifen ok", "左前轮胎没问题吧",
                              gb="is the left front tyre ok"), "tire_pressure", [w(L, "front left", "vorne links", "左前"), kpa(229, L)])],
             tags=tags)
        case(L, "tyres", [t(w(L, "any flat tires", "hab ich einen platten", "有没有爆胎", gb="any flat tyres"), "tire_pressure",
                            [kpa(226, L), kpa(234, L)])], tags=tags)
        case(L, "tyres", [t(w(L, "rear tire temperature", "temperatur der hinterreifen", "后轮胎温多少", gb="rear tyre temperature"),
                            "tire_temperature", [celsius(13, L), celsius(16, L)])], tags=tags)
        case(L, "tyres", [t(w(L, "tyre pressure warning why", "warum reifendruckwarnung", "胎压报警是怎么回事"), "tire_pressure",
                            [w(L, "rear right", "hinten rechts", "右后"), kpa(160, L)])],
             set_={P + "Row2.Wheel.Right.Tire.Pressure": 160, "Vehicle.Cabin.Telltale.TirePressure.IsOn": True}, tags=tags)
        case(L, "openings", [t(w(L, "which door is open", "welche tür ist offen", "哪个门开着"), "doors",
                               [w(L, "driver", "fahrer", "主驾|左前")])], set_={D + "Row1.DriverSide.IsOpen": True}, tags=tags)
        case(L, "openings", [t(w(L, "rear windows closed", "hintere fenster zu", "后车窗关了吗"), "windows",
                               [w(L, "closed", "zu|geschlossen", "关")])], tags=tags)
        case(L, "openings", [t(w(L, "is the car locked up", "ist die karre zugesperrt", "车子上锁了吗"), "locks",
                               [w(L, "locked", "verriegelt|abgeschlossen", "锁")])], tags=tags)
        case(L, "openings", [t(w(L, "are the doors locked", "sind die türen verriegelt", "车门锁了吗"), "locks",
                               [w(L, "locked", "verriegelt|abgeschlossen", "锁")]),
                             t(w(L, "and the windows", "und die fenster", "车窗呢"), "windows",
                               [w(L, "closed", "zu|geschlossen", "关")])], tags=tags + ("multi_turn",))
        case(L, "openings", [t(w(L, "is the sunroof shut", "schiebedach zu", "天窗关好没"), "sunroof",
                               [w(L, "closed", "zu|geschlossen", "关")])], tags=tags)
        case(L, "lights", [t(w(L, "fog lights on", "nebelscheinwerfer an", "雾灯开了吗"), "lights",
                             [w(L, "off", "aus", "关|没")])], tags=tags)
        case(L, "lights", [t(w(L, "did i leave the lights on", "hab ich das licht angelassen", "灯是不是没关"), "lights",
                             [w(L, "off", "aus", "关|没")])], tags=tags)
        case(L, "temperatures", [t(w(L, "what's the temperature", "welche temperatur", "温度多少"), "temperature_clarify",
                                   [], no_numbers=True),
                                 t(w(L, "outside", "draußen", "外面"), "outside_temperature", [celsius(7, L)])],
             tags=tags + ("multi_turn",))
        case(L, "temperatures", [t(w(L, "is it freezing outside", "friert es draußen", "外面结冰了吗"), "outside_temperature",
                                   [celsius(7, L)])], tags=tags)
        case(L, "driving", [t(w(L, "am i speeding", "fahre ich zu schnell", "我超速了吗"), "speed", [w(L, "55 mph", "88", "88")])],
             set_=MOVING, tags=tags + ("moving",))
        case(L, "driving", [t(w(L, "odometer reading", "tachostand", "里程数"), "odometer", [km_or_miles(15342000, L)])],
             tags=tags)
        case(L, "service", [t(w(L, "how long until service", "wie lange bis zur inspektion", "还有几天保养"), "service",
                              [w(L, "20 days", "20 Tagen", "20天")])], tags=tags)
        case(L, "warnings_codes", [t(w(L, "the brake light is on what do i do", "die bremswarnleuchte leuchtet was tun",
                                       "刹车警告灯亮了怎么办"), "warnings", [w(L, "brake", "brems", "制动|刹车")])],
             set_={"Vehicle.Cabin.Telltale.BrakeFluid.IsOn": True}, tags=tags)
        case(L, "warnings_codes", [t(w(L, "explain p zero four two zero", "erklär mir p null vier zwei null", "解释一下P零四二零"),
                                     "explain_code", [w(L, "catalyst|catalytic", "katalysator", "催化")])], tags=tags + ("numbers",))
        case(L, "battery_12v", [t(w(L, "is the twelve volt battery healthy", "ist die zwölf volt batterie in ordnung",
                                    "十二伏电池正常吗"), "low_voltage_battery", [fmt(12.3, L, 1) + " V"])], tags=tags + ("numbers",))
        case(L, "brake_gear", [t(w(L, "did i put it in park", "hab ich auf p gestellt", "挂P挡了吗"), "gear",
                                 [w(L, "park", " P", "P挡|驻车")])], tags=tags)
        case(L, "brake_gear", [t(w(L, "parking brake released", "ist die handbremse gelöst", "手刹放下了吗"), "parking_brake",
                                 [w(L, "on|engaged|set", "angezogen", "拉起")])], tags=tags)
        case(L, "seat_belts", [t(w(L, "seatbelt check", "gurtstatus", "安全带情况"), "seat_belts",
                                 [w(L, "passenger", "beifahrer", "副驾")])],
             set_={"Vehicle.Cabin.Seat.Row1.PassengerSide.IsOccupied": True}, tags=tags)
        for say in {"en": ["how do i change a flat tire", "whats a good restaurant nearby open now", "send a text to john"],
                    "de": ["wie wechsle ich einen reifen", "schreib eine nachricht an anna", "wie hoch ist der eiffelturm"],
                    "zh": ["怎么换轮胎", "给小王发个短信", "埃菲尔铁塔有多高"]}[lang(L)]:
            case(L, "out_of_scope", [t(say, "out_of_scope", no_numbers=True)], tags=tags + ("out_of_scope",))
    return CASES


def round4():
    """A fourth round (ASR-style wrappers, misheard words, code-switching, number words), written after
    round 3's fixes and before the engine was run on it."""
    P = "Vehicle.Chassis.Axle."
    tags = ("heldout", "round4")
    for L in LOCALES:
        soc, rng = percent(43, L), km_or_miles(201000, L)
        case(L, "range_charge", [t(w(L, "hey car genius could you please tell me how much battery i have left",
                                     "hallo car genius kannst du mir bitte sagen wie viel akku ich noch habe",
                                     "你好 请告诉我现在电池电量是多少"), "battery_level", [soc])], tags=tags)
        case(L, "range_charge", [t(w(L, "whats the batter e level", "wie ist der ladung stand", "电亮多少"), "battery_level", [soc])],
             tags=tags + ("asr",))
        case(L, "range_charge", [t(w(L, "what's my rains", "wie ist die reich weite", "续杭多少"), "range", [rng])],
             tags=tags + ("asr",))
        case(L, "range_charge", [t(w(L, "um so like how far can i actually drive before i need to charge again",
                                     "also ähm wie weit kann ich fahren bevor ich wieder laden muss",
                                     "那个 嗯 充电之前还能开多远"), "range", [rng])], tags=tags)
        case(L, "range_charge", [t(w(L, "i have to go two hundred and ten kilometers will the battery last",
                                     "ich muss zweihundertzehn kilometer fahren reicht der akku",
                                     "我要跑两百一十公里电够吗"), "can_reach", [w(L, "no", "nein", "不够|不能|无法")])],
             tags=tags + ("numbers",))
        case(L, "range_charge", [t(w(L, "can i get to my moms place its forty five miles",
                                     "schaffe ich es zu meiner mutter das sind fünfundvierzig kilometer",
                                     "去我妈家四十五公里能到吗"), "can_reach", [w(L, "yes", "ja", "可以|够")])],
             tags=tags + ("numbers",))
        case(L, "charging", [t(w(L, "is it still charging or did it stop", "lädt er noch oder hat er aufgehört",
                                 "还在充电还是已经停了"), "charging_status", [w(L, "not charging", "lädt nicht|lädt gerade nicht", "没有")])],
             tags=tags)
        case(L, "charging", [t(w(L, "how many minutes left on the charge", "wie viele minuten noch bis voll", "还有几分钟充满"),
                               "charge_time", [w(L, "1 hour", "1 Stunde", "1小时")])], set_=CHARGING, tags=tags)
        case(L, "tyres", [t(w(L, "uh the tire pressure is it okay", "der reifendruck passt der", "胎压还行吗",
                              gb="uh the tyre pressure is it okay"), "tire_pressure", [kpa(226, L), kpa(234, L)])], tags=tags)
        case(L, "tyres", [t(w(L, "check the tired pressure", "reifen druck prüfen", "检查胎亚"), "tire_pressure",
                            [kpa(226, L), kpa(234, L)])], tags=tags + ("asr",))
        case(L, "tyres", [t(w(L, "which tire is low", "welcher reifen hat zu wenig druck", "哪个轮胎气压低",
                              gb="which tyre is low"), "tire_pressure", [w(L, "front left", "vorne links", "左前"), kpa(175, L)])],
             set_={P + "Row1.Wheel.Left.Tire.Pressure": 175}, tags=tags)
        case(L, "tyres", [t(w(L, "has the pressure been dropping in any tire", "ist der druck in einem reifen gesunken",
                              "有没有哪个轮胎胎压在下降", gb="has the pressure been dropping in any tyre"), "tire_pressure",
                            [w(L, "no", "nein", "没有")])],
             set_={P + "Row1.Wheel.Left.Tire.Pressure": {"value": 229, "age": 2, "history": [[3400, 230]]},
                   P + "Row1.Wheel.Right.Tire.Pressure": {"value": 232, "age": 2, "history": [[3400, 232]]},
                   P + "Row2.Wheel.Left.Tire.Pressure": {"value": 226, "age": 2, "history": [[3400, 227]]},
                   P + "Row2.Wheel.Right.Tire.Pressure": {"value": 234, "age": 2, "history": [[3400, 233]]}}, tags=tags)
        case(L, "openings", [t(w(L, "the doors aren't open are they", "die türen sind doch zu oder", "车门应该都关了吧"), "doors",
                               [w(L, "closed", "zu|geschlossen", "关")])], tags=tags)
        case(L, "openings", [t(w(L, "is the rear left window open", "ist das fenster hinten links offen", "左后车窗开着吗"),
                               "windows", [w(L, "open", "offen", "开")])],
             set_={"Vehicle.Cabin.Door.Row2.DriverSide.Window.IsOpen": True}, tags=tags)
        case(L, "openings", [t(w(L, "did i forget to lock the car", "hab ich vergessen abzuschließen", "我是不是忘了锁车"), "locks",
                               [w(L, "locked", "verriegelt|abgeschlossen", "锁")])], tags=tags)
        case(L, "openings", [t(w(L, "trunk", "kofferraum", "后备箱"), "trunk", [w(L, "closed", "zu|geschlossen", "关")])],
             tags=tags)
        case(L, "openings", [t(w(L, "is the door open", "ist die tür offen", "车门开着吗"), "doors",
                               [w(L, "closed", "zu|geschlossen", "关")]),
                             t(w(L, "what about the trunk", "und der kofferraum", "那后备箱呢"), "trunk",
                               [w(L, "closed", "zu|geschlossen", "关")])], tags=tags + ("multi_turn",))
        case(L, "lights", [t(w(L, "headlights", "scheinwerfer", "大灯"), "lights", [w(L, "off", "aus", "关|没")])], tags=tags)
        case(L, "temperatures", [t(w(L, "how many degrees is it outside", "wie viel grad hat es außen", "外边几度"),
                                   "outside_temperature", [celsius(7, L)])], tags=tags)
        case(L, "temperatures", [t(w(L, "is the battery too cold", "ist der akku zu kalt", "电池是不是太冷了"), "battery_temperature",
                                   [celsius(19, L)])], tags=tags)
        case(L, "temperatures", [t(w(L, "inside temperature", "innenraumtemperatur", "车内温度"), "cabin_temperature",
                                   [NOT_AVAILABLE[lang(L)]], no_numbers=True)],
             unset=["Vehicle.Cabin.HVAC.AmbientAirTemperature"], tags=tags + ("missing",))
        case(L, "driving", [t(w(L, "what speed am i at", "welches tempo fahre ich", "车速"), "speed", [w(L, "55 mph", "88", "88")])],
             set_=MOVING, tags=tags + ("moving",))
        case(L, "driving", [t(w(L, "how many kilometers has the car done", "wie viele kilometer hat der wagen runter",
                                "这辆车总里程多少"), "odometer", [w(L, "15,342 km", "15.342 km", "15342公里")])], tags=tags)
        case(L, "driving", [t(w(L, "trip meter", "tageskilometerzähler", "小计里程"), "trip", [km_or_miles(123000, L)])], tags=tags)
        case(L, "service", [t(w(L, "is the car due for a service", "ist eine wartung fällig", "该保养了吗"), "service",
                              [w(L, "20 days", "20 Tagen", "20天")])], tags=tags)
        case(L, "warnings_codes", [t(w(L, "theres an orange light with an engine on it", "da leuchtet ein gelbes motorsymbol",
                                       "亮了一个发动机的黄灯"), "warnings", [w(L, "check engine", "motorkontroll", "发动机")])],
             set_={"Vehicle.OBD.Status.IsMILOn": True}, tags=tags)
        case(L, "warnings_codes", [t(w(L, "are there any dtcs", "gibt es dtcs", "有没有DTC"), "fault_codes", ["U0100"])],
             set_={"Vehicle.OBD.DTCList": ["U0100"]}, tags=tags)
        case(L, "battery_12v", [t(w(L, "is the 12v battery low", "ist die 12v batterie schwach", "12V电池电量低吗"),
                                  "low_voltage_battery", [fmt(11.7, L, 1) + " V"])],
             set_={"Vehicle.LowVoltageBattery.CurrentVoltage": 11.7}, tags=tags)
        case(L, "brake_gear", [t(w(L, "is the car in drive", "ist der wählhebel auf d", "现在是D挡吗"), "gear",
                                 [w(L, "park", " P", "P挡|驻车")])], tags=tags)
        case(L, "brake_gear", [t(w(L, "e brake", "feststellbremse", "电子手刹"), "parking_brake",
                                 [w(L, "on|engaged|set", "angezogen", "拉起")])], tags=tags)
        case(L, "seat_belts", [t(w(L, "is the driver wearing a seatbelt", "ist der fahrer angeschnallt", "司机系安全带了吗"),
                                 "seat_belts", [w(L, "buckled|fastened|wearing", "angeschnallt", "系")])], tags=tags)
        for say in {"en": ["what time is it in tokyo", "order a pizza", "how do i get to the train station"],
                    "de": ["wie spät ist es in tokio", "bestell mir eine pizza", "wie komme ich zum bahnhof"],
                    "zh": ["东京现在几点", "帮我订个披萨", "去火车站怎么走"]}[lang(L)]:
            case(L, "out_of_scope", [t(say, "out_of_scope", no_numbers=True)], tags=tags + ("out_of_scope",))
    return CASES


ICE_CAR = {"Vehicle.Powertrain.FuelSystem.RelativeLevel": 62, "Vehicle.Powertrain.FuelSystem.Range": 540000}


def round5():
    """A fifth round (fuel, positions, follow-ups, controls, moving), written after round 4's fixes and
    before the engine was run on it."""
    D = "Vehicle.Cabin.Door."
    tags = ("heldout", "round5")
    ice_unset = ["Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed", "Vehicle.Powertrain.Range",
                 "Vehicle.Powertrain.TractionBattery.Charging.IsCharging",
                 "Vehicle.Powertrain.TractionBattery.Charging.IsChargingCableConnected",
                 "Vehicle.Powertrain.TractionBattery.Charging.ChargeLimit",
                 "Vehicle.Powertrain.TractionBattery.Temperature.Average"]
    for L in LOCALES:
        rng = km_or_miles(201000, L)
        case(L, "range_charge", [t(w(L, "how much gas is in the tank", "wie voll ist der tank", "油箱还有多少油",
                                     gb="how much petrol is in the tank"), "fuel_level", [percent(62, L)])],
             set_=ICE_CAR, unset=ice_unset, tags=tags)
        case(L, "range_charge", [t(w(L, "how far can i go on this tank", "wie weit komme ich mit dem tank", "这箱油能跑多远"),
                                   None, [km_or_miles(540000, L)])], set_=ICE_CAR, unset=ice_unset, tags=tags)
        case(L, "range_charge", [t(w(L, "do i need to charge soon", "muss ich bald laden", "是不是该充电了"), None,
                                   [percent(43, L)])], tags=tags)
        case(L, "range_charge", [t(w(L, "is the battery more than half full", "ist der akku mehr als halb voll", "电量过半了吗"),
                                   "battery_level", [percent(43, L)])], tags=tags)
        case(L, "range_charge", [t(w(L, "can i make it to the coast thats a hundred and thirty miles",
                                     "komme ich bis an die küste das sind zweihundertfünfzig kilometer",
                                     "到海边两百五十公里电够不够"), "can_reach", [w(L, "no", "nein", "不够|不能|无法")])],
             tags=tags + ("numbers",))
        case(L, "range_charge", [t(w(L, "enough juice for twenty miles", "reicht es für zwanzig kilometer", "够跑二十公里吗"),
                                   "can_reach", [w(L, "yes", "ja", "可以|够")])], tags=tags + ("numbers",))
        case(L, "charging", [t(w(L, "what's the max charge set to", "welches ladelimit ist eingestellt", "最大充电量设置的是多少"),
                               "charge_limit", [percent(90, L)])], tags=tags)
        case(L, "charging", [t(w(L, "is it charging", "lädt es", "在充吗"), "charging_status", [w(L, "charging", "lädt", "充电")]),
                             t(w(L, "how long till it's done", "wie lange noch", "还要多久"), "charge_time",
                               [w(L, "1 hour", "1 Stunde", "1小时")])], set_=CHARGING, tags=tags + ("multi_turn",))
        case(L, "tyres", [t(w(L, "front left tyre pressure", "druck vorne links", "左前胎压", gb="front left tyre pressure"),
                            "tire_pressure", [kpa(229, L)]),
                          t(w(L, "rear", "hinten", "后面"), "tire_pressure", [kpa(226, L), kpa(234, L)])],
             tags=tags + ("multi_turn",))
        case(L, "tyres", [t(w(L, "passenger side rear tire", "reifen hinten auf der beifahrerseite", "副驾驶那侧后轮胎压",
                              gb="passenger side rear tyre"), "tire_pressure", [kpa(234, L)])], tags=tags)
        case(L, "openings", [t(w(L, "is the passenger door open", "ist die beifahrertür offen", "副驾车门开着吗"), "doors",
                               [w(L, "open", "offen", "开")])], set_={D + "Row1.PassengerSide.IsOpen": True}, tags=tags)
        case(L, "openings", [t(w(L, "are the back doors closed", "sind die hinteren türen zu", "后门都关了吗"), "doors",
                               [w(L, "closed", "zu|geschlossen", "关")])], tags=tags)
        case(L, "openings", [t(w(L, "is the driver window open", "ist das fahrerfenster offen", "主驾车窗开着吗"), "windows",
                               [w(L, "closed", "zu|geschlossen", "关")])], tags=tags)
        case(L, "openings", [t(w(L, "how far open is the sunroof", "wie weit ist das schiebedach offen", "天窗开了多少"), "sunroof",
                               [percent(60, L)])], set_={"Vehicle.Cabin.Sunroof.Position": 60}, tags=tags)
        case(L, "openings", [t(w(L, "open the windows", "mach die fenster auf", "把车窗打开"), "out_of_scope", [], no_numbers=True)],
             tags=tags + ("out_of_scope",))
        case(L, "openings", [t(w(L, "lock the doors please", "bitte verriegle die türen", "帮我锁车"), "out_of_scope", [],
                               no_numbers=True)], tags=tags + ("out_of_scope",))
        case(L, "openings", [t(w(L, "is a door open", "ist eine tür offen", "有门开着吗"), "doors",
                               [w(L, "rear left", "hinten links|hintere linke", "左后"), w(L, "open", "offen", "开")])],
             set_=dict(MOVING, **{D + "Row2.DriverSide.IsOpen": True}), tags=tags + ("moving",))
        case(L, "lights", [t(w(L, "are the parking lights on", "ist das standlicht an", "示廓灯开着吗"), "lights",
                             [w(L, "off", "aus", "关|没")])], tags=tags)
        case(L, "lights", [t(w(L, "high beams", "fernlicht", "远光"), "lights", [w(L, "off", "aus", "关|没")])], tags=tags)
        case(L, "temperatures", [t(w(L, "how hot is the battery pack", "wie heiß ist die batterie", "电池包温度"),
                                   "battery_temperature", [celsius(19, L)])], tags=tags)
        case(L, "temperatures", [t(w(L, "what's the outside air temperature", "wie ist die lufttemperatur draußen",
                                     "外面空气温度多少"), "outside_temperature", [celsius(7, L), hours_ago(4, L)])],
             set_={"Vehicle.Exterior.AirTemperature": {"value": 7, "age": 14400}}, tags=tags + ("stale",))
        case(L, "driving", [t(w(L, "how fast is the car going", "wie schnell fährt das auto", "车开得多快"), "speed",
                              [w(L, "55 mph", "88", "88")])], set_=MOVING, tags=tags + ("moving",))
        case(L, "driving", [t(w(L, "are we moving", "fahren wir", "车在动吗"), "speed", [w(L, "55 mph", "88", "88")])],
             set_=MOVING, tags=tags + ("moving",))
        case(L, "driving", [t(w(L, "what's the trip odometer", "wie viele kilometer seit dem letzten reset", "本次里程"),
                              "trip", [km_or_miles(123000, L)])], tags=tags)
        case(L, "service", [t(w(L, "how many miles until the next service", "wie viele kilometer bis zum nächsten service",
                                "还有多少公里保养"), "service", [km_or_miles(1450000, L)])], tags=tags)
        case(L, "warnings_codes", [t(w(L, "which warning lights are on", "welche warnleuchten leuchten", "哪些警告灯亮着"),
                                     "warnings", [w(L, "tire pressure|tyre pressure", "reifendruck", "胎压"),
                                                  w(L, "airbag", "airbag", "安全气囊")])],
             set_={"Vehicle.Cabin.Telltale.TirePressure.IsOn": True, "Vehicle.Cabin.Telltale.Airbag.IsOn": True}, tags=tags)
        case(L, "warnings_codes", [t(w(L, "what's the code mean", "was bedeutet der code", "这个故障码什么意思"), None,
                                     ["P0128"])], set_={"Vehicle.OBD.DTCList": ["P0128"]}, tags=tags)
        case(L, "battery_12v", [t(w(L, "12 volt", "bordbatterie", "蓄电池"), "low_voltage_battery", [fmt(12.3, L, 1) + " V"])],
             tags=tags)
        case(L, "brake_gear", [t(w(L, "is it in reverse", "ist der rückwärtsgang drin", "是倒挡吗"), "gear",
                                 [w(L, "park", " P", "P挡|驻车")])], tags=tags)
        case(L, "seat_belts", [t(w(L, "is anyone unbuckled", "ist jemand nicht angeschnallt", "有人没系安全带吗"), "seat_belts",
                                 [w(L, "passenger", "beifahrer", "副驾")])],
             set_={"Vehicle.Cabin.Seat.Row1.PassengerSide.IsOccupied": True}, tags=tags)
        for say in {"en": ["set the temperature to seventy two", "whats the news today"],
                    "de": ["stell die temperatur auf zweiundzwanzig grad", "was gibt es neues"],
                    "zh": ["把空调调到二十二度", "今天有什么新闻"]}[lang(L)]:
            case(L, "out_of_scope", [t(say, "out_of_scope", no_numbers=True)], tags=tags + ("out_of_scope",))
    return CASES


def round6():
    """A sixth round (number forms, mixed languages, three-turn chains, stale and missing elsewhere),
    written after round 5's fixes and before the engine was run on it."""
    P = "Vehicle.Chassis.Axle."
    tags = ("heldout", "round6")
    for L in LOCALES:
        soc, rng = percent(43, L), km_or_miles(201000, L)
        case(L, "range_charge", [t(w(L, "can i make it three hundred km", "schaffe ich dreihundertfünfzig kilometer", "能跑三百五吗"),
                                   "can_reach", [w(L, "no", "nein", "不够|不能|无法"), w(L, "201 km", "201 km", "201公里")])],
             tags=tags + ("numbers",))
        case(L, "range_charge", [t(w(L, "is a hundred km ok", "vierzig kilometer gehen noch oder", "两百公里没问题吧"),
                                   "can_reach", [w(L, "yes", "ja", "可以|够")])], tags=tags + ("numbers",))
        case(L, "range_charge", [t(w(L, "whats the soc", "wie ist der soc", "soc多少"), "battery_level", [soc])], tags=tags)
        case(L, "range_charge", [t(w(L, "battery", "akku", "电池"), "battery_level", [soc])], tags=tags)
        case(L, "range_charge", [t(w(L, "how many miles of range", "wie ist die range", "range还有多少"), "range", [rng])],
             tags=tags)
        case(L, "range_charge", [t(w(L, "how much battery is left", "wie viel akku ist noch da", "电量还剩多少"), "battery_level",
                                   [soc, hours_ago(6, L)])],
             set_={"Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed": {"value": 43, "age": 21600}},
             tags=tags + ("stale",))
        case(L, "charging", [t(w(L, "time to full charge", "ladezeit bis voll", "充满时间"), "charge_time",
                               [w(L, "1 hour", "1 Stunde", "1小时")])], set_=CHARGING, tags=tags)
        case(L, "charging", [t(w(L, "is charging finished", "ist das laden fertig", "充电完成了吗"), None,
                               [w(L, "not charging|isn't charging", "lädt nicht|lädt gerade nicht", "没有")])], tags=tags)
        case(L, "tyres", [t(w(L, "tire pressure", "reifendruck", "胎压", gb="tyre pressure"), "tire_pressure", [kpa(226, L)]),
                          t(w(L, "and the temperature", "und die temperatur", "温度呢"), "tire_temperature", [celsius(13, L)]),
                          t(w(L, "just the front ones", "nur vorne", "只看前面"), "tire_temperature",
                            [celsius(14, L), celsius(15, L)])], tags=tags + ("multi_turn",))
        case(L, "tyres", [t(w(L, "left rear tyre", "hinten links reifen", "左后轮"), "tire_pressure", [kpa(226, L)])], tags=tags)
        case(L, "tyres", [t(w(L, "tire pressures all good", "reifendrücke alle gut", "胎压都正常吗", gb="tyre pressures all good"),
                            "tire_pressure", [kpa(229, L), NOT_AVAILABLE[lang(L)]])],
             unset=[P + "Row2.Wheel.Left.Tire.Pressure"], tags=tags + ("missing",))
        case(L, "openings", [t(w(L, "is every door shut and locked", "sind alle türen zu und verriegelt", "车门都关好锁好了吗"),
                               None, [w(L, "closed|locked", "zu|verriegelt|geschlossen", "关|锁")])], tags=tags)
        case(L, "openings", [t(w(L, "front passenger window", "beifahrerfenster", "副驾驶车窗"), "windows",
                               [w(L, "closed", "zu|geschlossen", "关")])], tags=tags)
        case(L, "openings", [t(w(L, "the boot is it open", "ist der kofferraum noch offen", "后备箱是不是还开着",
                                 gb="the boot is it open"), "trunk", [w(L, "open", "offen", "开着")])],
             set_={"Vehicle.Body.Trunk.Rear.IsOpen": True}, tags=tags)
        case(L, "openings", [t(w(L, "are the doors locked", "sind die türen zu", "车门关了吗"), None, []),
                             t(w(L, "what about the rear ones", "und die hinteren", "后面的呢"), None,
                               [w(L, "rear", "hinten|hinter", "后")])], tags=tags + ("multi_turn",))
        case(L, "lights", [t(w(L, "are the lights on", "ist das licht an", "灯开着吗"), "lights",
                             [w(L, "headlight|low beam|dipped", "abblendlicht|licht", "灯"), w(L, " on", " an", "开")])],
             set_=MOVING, tags=tags + ("moving",))
        case(L, "temperatures", [t(w(L, "how hot is it in here", "wie heiß ist es hier drin", "车里面多少度"),
                                   "cabin_temperature", [celsius(20, L)])], tags=tags)
        case(L, "temperatures", [t(w(L, "battery temp", "akkutemperatur", "电池温度"), "battery_temperature",
                                   [NOT_AVAILABLE[lang(L)]], no_numbers=True)],
             unset=["Vehicle.Powertrain.TractionBattery.Temperature.Average"], tags=tags + ("missing",))
        case(L, "driving", [t(w(L, "how fast", "wie schnell", "多快"), "speed", [w(L, "standing still|not moving|stopped|parked",
                                                                          "steht|stillstand", "停着|静止|没有行驶")],
                              no_numbers=True)], tags=tags)
        case(L, "driving", [t(w(L, "total mileage", "gesamtlaufleistung", "总里程"), "odometer", [km_or_miles(15342000, L)])],
             tags=tags)
        case(L, "service", [t(w(L, "next service", "nächster service", "下次保养"), "service",
                              [km_or_miles(1450000, L), w(L, "20 days", "20 Tagen", "20天")])], tags=tags)
        case(L, "warnings_codes", [t(w(L, "why is the airbag light on", "warum leuchtet die airbag leuchte", "安全气囊灯为什么亮"),
                                     "warnings", [w(L, "airbag", "airbag", "气囊")])],
             set_={"Vehicle.Cabin.Telltale.Airbag.IsOn": True}, tags=tags)
        case(L, "warnings_codes", [t(w(L, "what's p0217", "was ist p0217", "P0217是什么"), "explain_code",
                                     [w(L, "overheat", "überhitzt", "过热")])], tags=tags)
        case(L, "battery_12v", [t(w(L, "starter battery voltage", "spannung der starterbatterie", "启动电池电压"),
                                  "low_voltage_battery", [fmt(12.3, L, 1) + " V"])], tags=tags)
        case(L, "brake_gear", [t(w(L, "what gear", "welcher gang", "几挡"), "gear", [w(L, "drive", " D", "D挡|前进")])],
             set_=MOVING, tags=tags + ("moving",))
        case(L, "seat_belts", [t(w(L, "belts", "gurte", "安全带"), "seat_belts", [w(L, "buckled|fastened|wearing", "angeschnallt", "系")])],
             tags=tags)
        for say in {"en": ["play the next song", "how tall is mount everest"],
                    "de": ["spiel das nächste lied", "wie hoch ist der mount everest"],
                    "zh": ["播放下一首歌", "珠穆朗玛峰有多高"]}[lang(L)]:
            case(L, "out_of_scope", [t(say, "out_of_scope", no_numbers=True)], tags=tags + ("out_of_scope",))
    return CASES


def round7():
    """A seventh round (statements and complaints, short fragments, fillers, misheard words), written after
    round 6's fixes and before the engine was run on it."""
    P = "Vehicle.Chassis.Axle."
    D = "Vehicle.Cabin.Door."
    tags = ("heldout", "round7")
    for L in LOCALES:
        soc, rng = percent(43, L), km_or_miles(201000, L)
        case(L, "range_charge", [t(w(L, "i think my battery is getting low", "ich glaube mein akku wird leer", "感觉电快没了"),
                                   "battery_level", [soc])], tags=tags)
        case(L, "range_charge", [t(w(L, "er what's the er charge", "äh wie ist äh die ladung", "呃 电量呢"), "battery_level", [soc])],
             tags=tags + ("asr",))
        case(L, "range_charge", [t(w(L, "remaining miles", "verbleibende kilometer", "剩余公里数"), "range", [rng])], tags=tags)
        case(L, "range_charge", [t(w(L, "enough range to get home thirty miles", "reicht die reichweite nach hause dreißig kilometer",
                                     "回家三十公里续航够吗"), "can_reach", [w(L, "yes", "ja", "可以|够")])], tags=tags + ("numbers",))
        case(L, "charging", [t(w(L, "the car isn't charging why", "warum lädt das auto nicht", "为什么车没在充电"), "charging_status",
                               [w(L, "not", "nicht", "没有")])], tags=tags)
        case(L, "charging", [t(w(L, "charge level limit", "ladegrenze", "充电上限"), "charge_limit", [percent(90, L)])], tags=tags)
        case(L, "tyres", [t(w(L, "my tire light came on", "die reifendruckkontrolle meldet sich", "胎压灯亮了"), None,
                            [w(L, "rear right", "hinten rechts", "右后")])],
             set_={P + "Row2.Wheel.Right.Tire.Pressure": 165, "Vehicle.Cabin.Telltale.TirePressure.IsOn": True}, tags=tags)
        case(L, "tyres", [t(w(L, "front tires psi", "vorderreifen druck", "前胎气压"), "tire_pressure", [kpa(229, L), kpa(232, L)])],
             tags=tags)
        case(L, "tyres", [t(w(L, "the car feels like it's pulling is a tire low", "das auto zieht zur seite ist ein reifen platt",
                              "车有点跑偏 是不是哪个轮胎没气了"), "tire_pressure", [w(L, "front right", "vorne rechts", "右前"), kpa(150, L)])],
             set_={P + "Row1.Wheel.Right.Tire.Pressure": 150}, tags=tags)
        case(L, "tyres", [t(w(L, "tire temperature rear right", "reifentemperatur hinten rechts", "右后胎温"), "tire_temperature",
                            [celsius(16, L)])], tags=tags)
        case(L, "openings", [t(w(L, "i hear a door open warning", "da piept es wegen einer tür", "提示有门没关"), "doors",
                               [w(L, "rear left", "hinten links|hintere linke", "左后")])],
             set_={D + "Row2.DriverSide.IsOpen": True}, tags=tags)
        case(L, "openings", [t(w(L, "windows", "fenster", "车窗"), "windows", [w(L, "closed", "zu|geschlossen", "关")])], tags=tags)
        case(L, "openings", [t(w(L, "is my car secure", "ist mein auto sicher abgeschlossen", "车锁好了没"), "locks",
                               [w(L, "locked", "verriegelt|abgeschlossen", "锁")])], tags=tags)
        case(L, "openings", [t(w(L, "did i close the frunk", "hab ich den frunk zugemacht", "前备箱我关了吗"), "frunk",
                               [w(L, "open", "offen", "开")])], set_={"Vehicle.Body.Trunk.Front.IsOpen": True}, tags=tags)
        case(L, "lights", [t(w(L, "hazard lights", "warnblinkanlage", "双闪"), "lights", [w(L, "off", "aus", "关|没")])], tags=tags)
        case(L, "temperatures", [t(w(L, "it's cold in here what's the temperature", "mir ist kalt wie warm ist es im auto",
                                     "车里好冷 现在几度"), "cabin_temperature", [celsius(20, L)])], tags=tags)
        case(L, "temperatures", [t(w(L, "outside temp in celsius", "außentemperatur in grad", "外面温度是多少摄氏度"),
                                   "outside_temperature", [w(L, "45°F|7", "7 °C", "7°C")])], tags=tags)
        case(L, "driving", [t(w(L, "speed", "tempo", "速度"), "speed", [w(L, "55 mph", "88", "88")])], set_=MOVING,
             tags=tags + ("moving",))
        case(L, "driving", [t(w(L, "how old is the car in miles", "wie viele kilometer ist das auto schon gefahren",
                                "这车一共跑了多少"), "odometer", [km_or_miles(15342000, L)])], tags=tags)
        case(L, "service", [t(w(L, "the service light is on", "die serviceanzeige ist an", "保养提示亮了"), None,
                              [w(L, "service", "service|wartung|inspektion", "保养")])],
             set_={"Vehicle.Service.IsServiceDue": True, "Vehicle.Service.DistanceToService": 0,
                   "Vehicle.Service.TimeToService": 0, "Vehicle.Cabin.Telltale.Service.IsOn": True}, tags=tags)
        case(L, "warnings_codes", [t(w(L, "the dashboard is showing a warning", "im display ist eine warnung", "仪表上有个警告"),
                                     "warnings", [w(L, "oil", "öl", "机油")])],
             set_={"Vehicle.Cabin.Telltale.OilPressure.IsOn": True}, tags=tags)
        case(L, "warnings_codes", [t(w(L, "read the trouble codes", "fehlercodes auslesen", "读取故障码"), "fault_codes",
                                     [w(L, "no stored|no fault|none", "keine", "没有")], no_numbers=True)], tags=tags)
        case(L, "battery_12v", [t(w(L, "will the car start is the small battery ok", "springt das auto an ist die kleine batterie ok",
                                    "小电瓶有电吗"), "low_voltage_battery", [fmt(12.3, L, 1) + " V"])], tags=tags)
        case(L, "brake_gear", [t(w(L, "handbrake", "handbremse", "手刹状态"), "parking_brake", [w(L, "on|engaged|set", "angezogen", "拉起")])],
             tags=tags)
        case(L, "seat_belts", [t(w(L, "why is the seatbelt chime going", "warum piept der gurt", "安全带为什么一直响"), "seat_belts",
                                 [w(L, "passenger", "beifahrer", "副驾")])],
             set_={"Vehicle.Cabin.Seat.Row1.PassengerSide.IsOccupied": True}, tags=tags)
        for say in {"en": ["what's the best way to save battery", "who makes this car"],
                    "de": ["wie spare ich am besten strom", "wer hat dieses auto gebaut"],
                    "zh": ["怎么开最省电", "这车是哪个厂的"]}[lang(L)]:
            case(L, "out_of_scope", [t(say, "out_of_scope", no_numbers=True)], tags=tags + ("out_of_scope",))
    return CASES


def round8():
    """An eighth round (overview, help, washer fluid, follow-ups per topic, fuel car in all locales), written
    after round 7's fixes and before the engine was run on it."""
    D = "Vehicle.Cabin.Door."
    tags = ("heldout", "round8")
    ice_unset = ["Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed", "Vehicle.Powertrain.Range",
                 "Vehicle.Powertrain.TractionBattery.Charging.IsCharging",
                 "Vehicle.Powertrain.TractionBattery.Charging.IsChargingCableConnected",
                 "Vehicle.Powertrain.TractionBattery.Charging.ChargeLimit",
                 "Vehicle.Powertrain.TractionBattery.Temperature.Average"]
    for L in LOCALES:
        soc = percent(43, L)
        case(L, "range_charge", [t(w(L, "how's the car doing", "wie geht es dem auto", "车况怎么样"), "overview", [soc])], tags=tags)
        case(L, "range_charge", [t(w(L, "give me a quick status report", "kurzer statusbericht bitte", "给我一个车辆状态汇报"), "overview",
                                   [soc])], tags=tags)
        case(L, "range_charge", [t(w(L, "what can you do", "was kannst du", "你能做什么"), "help", [], no_numbers=True)], tags=tags)
        case(L, "range_charge", [t(w(L, "fuel level", "tankinhalt", "油量"), "fuel_level", [percent(62, L)])],
             set_=ICE_CAR, unset=ice_unset, tags=tags)
        case(L, "range_charge", [t(w(L, "is the tank nearly empty", "ist der tank fast leer", "油快没了吗"), "fuel_level",
                                   [percent(62, L)])], set_=ICE_CAR, unset=ice_unset, tags=tags)
        case(L, "openings", [t(w(L, "washer fluid", "wischwasser", "玻璃水"), "washer_fluid", [w(L, "fine|ok|enough", "in ordnung|genug|ok", "正常|充足|够")])],
             tags=tags)
        case(L, "openings", [t(w(L, "do i need to top up the windshield washer", "muss ich scheibenwischwasser nachfüllen",
                                 "要不要加玻璃水", gb="do i need to top up the screenwash"), "washer_fluid",
                               [w(L, "low", "nachfüllen|niedrig|wenig", "不足|低|加")])],
             set_={"Vehicle.Body.Windshield.Front.WasherFluid.IsLevelLow": True}, tags=tags)
        case(L, "openings", [t(w(L, "front doors open", "vordertüren offen", "前门开着吗"), "doors", [w(L, "closed", "zu|geschlossen", "关")]),
                             t(w(L, "and the back", "und hinten", "后门呢"), "doors",
                               [w(L, "rear right", "hinten rechts|hintere rechte", "右后"), w(L, "open", "offen", "开")])],
             set_={D + "Row2.PassengerSide.IsOpen": True}, tags=tags + ("multi_turn",))
        case(L, "openings", [t(w(L, "are the windows up", "sind die fenster oben", "车窗升上去了吗"), "windows",
                               [w(L, "closed", "zu|geschlossen", "关")])], tags=tags)
        case(L, "openings", [t(w(L, "which doors are unlocked", "welche türen sind offen", "哪个门没锁"), "locks",
                               [w(L, "driver", "fahrer", "主驾|左前")])], set_={D + "Row1.DriverSide.IsLocked": False}, tags=tags)
        case(L, "openings", [t(w(L, "bonnet", "motorhaube", "引擎盖"), "hood", [w(L, "closed", "zu|geschlossen", "关")])], tags=tags)
        case(L, "seat_belts", [t(w(L, "front seat belts", "gurte vorne", "前排安全带"), "seat_belts",
                                 [w(L, "passenger", "beifahrer", "副驾")]),
                               t(w(L, "and in the back", "und hinten", "后排呢"), "seat_belts",
                                 [w(L, "rear left", "hinten links", "后排左|左后")])],
             set_={"Vehicle.Cabin.Seat.Row1.PassengerSide.IsOccupied": True,
                   "Vehicle.Cabin.Seat.Row2.DriverSide.IsOccupied": True}, tags=tags + ("multi_turn",))
        case(L, "lights", [t(w(L, "are the fog lights on", "sind die nebelscheinwerfer an", "雾灯开着吗"), "lights",
                             [w(L, "fog", "nebel", "雾灯"), w(L, " on", " an", "开")])],
             set_={"Vehicle.Body.Lights.Fog.Front.IsOn": True}, tags=tags)
        case(L, "temperatures", [t(w(L, "cabin temp", "kabinentemperatur", "车厢温度"), "cabin_temperature", [celsius(20, L)]),
                                 t(w(L, "and outside", "und draußen", "外面呢"), "outside_temperature", [celsius(7, L)])],
             tags=tags + ("multi_turn",))
        case(L, "charging", [t(w(L, "how long to charge", "wie lange dauert das laden", "充电要多久"), "charge_time",
                               [w(L, "not charging|isn't charging", "lädt nicht|lädt gerade nicht", "没有在充电|没在充电")])], tags=tags)
        case(L, "charging", [t(w(L, "charge limit", "ladelimit", "充电限制"), "charge_limit", [NOT_AVAILABLE[lang(L)]], no_numbers=True)],
             unset=["Vehicle.Powertrain.TractionBattery.Charging.ChargeLimit"], tags=tags + ("missing",))
        case(L, "tyres", [t(w(L, "tire pressures", "reifendrücke", "各轮胎压", gb="tyre pressures"), "tire_pressure",
                            [kpa(226, L), hours_ago(3, L)])],
             set_={"Vehicle.Chassis.Axle.Row2.Wheel.Left.Tire.Pressure": {"value": 226, "age": 10800}}, tags=tags + ("stale",))
        case(L, "driving", [t(w(L, "how far today", "wie weit heute", "今天跑了多远"), "trip", [km_or_miles(123000, L)])], tags=tags)
        case(L, "warnings_codes", [t(w(L, "everything ok with the car", "ist alles in ordnung mit dem auto", "车一切正常吗"), None,
                                     [soc])], tags=tags)
        case(L, "warnings_codes", [t(w(L, "what does code u zero one two one mean", "was bedeutet u null eins zwei eins",
                                       "U0121是什么意思"), "explain_code", [w(L, "abs", "abs", "ABS")])], tags=tags + ("numbers",))
        case(L, "brake_gear", [t(w(L, "gear", "gang", "挡位"), "gear", [w(L, "park", " P", "P挡|驻车")])], tags=tags)
        case(L, "battery_12v", [t(w(L, "battery voltage", "batteriespannung", "电池电压"), "low_voltage_battery",
                                  [fmt(12.3, L, 1) + " V"])], tags=tags)
        for say in {"en": ["good morning", "thank you"], "de": ["guten morgen", "danke"], "zh": ["早上好", "谢谢"]}[lang(L)]:
            case(L, "out_of_scope", [t(say, None, no_numbers=True)], tags=tags + ("out_of_scope",))
    return CASES


def round9():
    """A ninth round (units the driver names, percentages, short commands-as-questions, more follow-ups),
    written after round 8's fixes and before the engine was run on it."""
    P = "Vehicle.Chassis.Axle."
    tags = ("heldout", "round9")
    for L in LOCALES:
        soc = percent(43, L)
        case(L, "range_charge", [t(w(L, "what percent is the battery at", "wie viel prozent hat die batterie noch", "电池还有百分之多少"),
                                   "battery_level", [soc])], tags=tags)
        case(L, "range_charge", [t(w(L, "range in kilometers", "reichweite in meilen", "续航多少英里"), "range",
                                   [w(L, "201 km", "125 Meilen|125 mi", "125英里")])], tags=tags)
        case(L, "range_charge", [t(w(L, "how many km can i still drive", "wie viele meilen komme ich noch", "还能开多少英里"), "range",
                                   [w(L, "201 km", "125 Meilen|125 mi", "125英里")])], tags=tags)
        case(L, "range_charge", [t(w(L, "i'm at forty three percent right", "ich hab dreiundvierzig prozent oder", "是百分之四十三吗"),
                                   "battery_level", [soc])], tags=tags + ("numbers",))
        case(L, "range_charge", [t(w(L, "will i make it to work and back its twenty five miles each way",
                                     "schaffe ich hin und zurück je vierzig kilometer", "来回各四十公里够吗"), "can_reach",
                                   [w(L, "yes", "ja", "可以|够")])], tags=tags + ("numbers",))
        case(L, "charging", [t(w(L, "plugged in", "eingesteckt", "插着充电枪吗"), "charging_status",
                               [w(L, "not|isn't", "nicht|kein", "没")])], tags=tags)
        case(L, "charging", [t(w(L, "is the battery full", "ist der akku voll", "电充满了吗"), None, [soc])], tags=tags)
        case(L, "tyres", [t(w(L, "what's the tire pressure in bar", "reifendruck in psi", "胎压多少psi", gb="what's the tyre pressure in bar"),
                            "tire_pressure", [w(L, "2.3 bar", "33 psi|34 psi", "33 psi|34 psi")])], tags=tags)
        case(L, "tyres", [t(w(L, "how are the back tires", "wie sind die hinterreifen", "后轮怎么样", gb="how are the back tyres"),
                            "tire_pressure", [kpa(226, L), kpa(234, L)])], tags=tags)
        case(L, "tyres", [t(w(L, "tire pressure on the driver's side", "reifendruck auf der fahrerseite", "主驾驶一侧的胎压",
                              gb="tyre pressure on the driver's side"), "tire_pressure", [kpa(229, L), kpa(226, L)])], tags=tags)
        case(L, "openings", [t(w(L, "is the trunk closed", "ist der kofferraum zu", "后备箱关了吗"), "trunk",
                               [w(L, "closed", "zu|geschlossen", "关")]),
                             t(w(L, "and the hood", "und die motorhaube", "引擎盖呢", gb="and the bonnet"), "hood",
                               [w(L, "closed", "zu|geschlossen", "关")])], tags=tags + ("multi_turn",))
        case(L, "openings", [t(w(L, "are all the windows shut", "sind alle fenster geschlossen", "所有车窗都关了吗"), "windows",
                               [w(L, "rear right", "hinten rechts|hintere rechte", "右后")])],
             set_={"Vehicle.Cabin.Door.Row2.PassengerSide.Window.IsOpen": True}, tags=tags)
        case(L, "lights", [t(w(L, "are my lights off", "ist das licht aus", "灯关了吗"), "lights", [w(L, "off", "aus", "关")])],
             tags=tags)
        case(L, "temperatures", [t(w(L, "what's the temperature in fahrenheit", "wie warm ist es draußen in celsius",
                                     "外面温度多少摄氏度"), None, [w(L, "45°F", "7 °C", "7°C")])], tags=tags)
        case(L, "temperatures", [t(w(L, "is it hot in the car", "ist es heiß im wagen", "车里热不热"), "cabin_temperature",
                                   [celsius(20, L)])], tags=tags)
        case(L, "driving", [t(w(L, "mph", "km/h", "时速"), "speed", [w(L, "55 mph", "88", "88")])], set_=MOVING, tags=tags + ("moving",))
        case(L, "driving", [t(w(L, "odometer in kilometers", "kilometerstand in meilen", "总里程多少英里"), "odometer",
                              [w(L, "15,342 km", "9.533 Meilen|9.533 mi", "9533英里")])], tags=tags)
        case(L, "service", [t(w(L, "maintenance due", "wartung fällig", "保养到期了吗"), "service", [w(L, "20 days", "20 Tagen", "20天")])],
             tags=tags)
        case(L, "warnings_codes", [t(w(L, "why is the abs light on", "warum leuchtet abs", "ABS灯为什么亮了"), "warnings",
                                     [w(L, "abs", "abs", "ABS|防抱死")])], set_={"Vehicle.ADAS.ABS.IsError": True}, tags=tags)
        case(L, "battery_12v", [t(w(L, "low voltage battery", "niedervoltbatterie", "低压蓄电池"), "low_voltage_battery",
                                  [fmt(12.3, L, 1) + " V"])], tags=tags)
        case(L, "brake_gear", [t(w(L, "is the parking brake off", "ist die handbremse los", "手刹松了吗"), "parking_brake",
                                 [w(L, "off|released", "gelöst|los", "松开|放下")])], set_=MOVING, tags=tags + ("moving",))
        case(L, "seat_belts", [t(w(L, "is the rear passenger buckled", "ist hinten jemand angeschnallt", "后排乘客系好安全带了吗"),
                                 "seat_belts", [w(L, "rear", "hinten", "后排")])],
             set_={"Vehicle.Cabin.Seat.Row2.PassengerSide.IsOccupied": True, "Vehicle.Cabin.Seat.Row2.PassengerSide.IsBelted": True},
             tags=tags)
        for say in {"en": ["open the sunroof", "whats the speed limit here"],
                    "de": ["öffne das schiebedach", "wie schnell darf ich hier fahren"],
                    "zh": ["打开天窗", "这里限速多少"]}[lang(L)]:
            case(L, "out_of_scope", [t(say, "out_of_scope", no_numbers=True)], tags=tags + ("out_of_scope",))
    return CASES


def round10():
    """A tenth round (mixed topics in everyday wording), written after round 9's fixes and before the engine
    was run on it."""
    P = "Vehicle.Chassis.Axle."
    D = "Vehicle.Cabin.Door."
    tags = ("heldout", "round10")
    for L in LOCALES:
        soc, rng = percent(43, L), km_or_miles(201000, L)
        case(L, "range_charge", [t(w(L, "am i low on battery", "ist der akku fast leer", "电量低吗"), "battery_level", [soc])], tags=tags)
        case(L, "range_charge", [t(w(L, "how much further can we go", "wie viel weiter kommen wir", "还能再开多远"), "range", [rng])],
             tags=tags)
        case(L, "range_charge", [t(w(L, "do i have enough charge for a hundred and twenty miles",
                                     "reicht die ladung für hundertachtzig kilometer", "电够跑一百八十公里吗"), "can_reach",
                                   [w(L, "yes", "ja", "可以|够")])], tags=tags + ("numbers",))
        case(L, "charging", [t(w(L, "is the charging cable connected", "ist das ladekabel dran", "充电线连着吗"), "charging_status",
                               [w(L, "charging", "lädt", "充电")])], set_=CHARGING, tags=tags)
        case(L, "charging", [t(w(L, "when will it be at ninety percent", "wann ist er bei neunzig prozent", "什么时候充到百分之九十"),
                               "charge_time", [w(L, "1 hour", "1 Stunde", "1小时")])], set_=CHARGING, tags=tags + ("numbers",))
        case(L, "tyres", [t(w(L, "whats the air pressure on the rear right", "luftdruck hinten rechts", "右后轮气压"), "tire_pressure",
                            [kpa(234, L)])], tags=tags)
        case(L, "tyres", [t(w(L, "are any tires underinflated", "ist ein reifen zu schwach aufgepumpt", "有没有轮胎气不足",
                              gb="are any tyres underinflated"), "tire_pressure", [w(L, "rear left", "hinten links", "左后"), kpa(168, L)])],
             set_={P + "Row2.Wheel.Left.Tire.Pressure": 168}, tags=tags)
        case(L, "tyres", [t(w(L, "how warm is the front left tire", "wie warm ist der reifen vorne links", "左前轮胎温度",
                              gb="how warm is the front left tyre"), "tire_temperature", [celsius(14, L)])], tags=tags)
        case(L, "openings", [t(w(L, "is the back door on the right open", "ist die hintere tür rechts offen", "右后门开着吗"), "doors",
                               [w(L, "open", "offen", "开")])], set_={D + "Row2.PassengerSide.IsOpen": True}, tags=tags)
        case(L, "openings", [t(w(L, "did i leave any windows open", "hab ich ein fenster offen gelassen", "我是不是有车窗没关"),
                               "windows", [w(L, "closed", "zu|geschlossen", "关")])], tags=tags)
        case(L, "openings", [t(w(L, "is the car unlocked right now", "ist das auto gerade entriegelt", "车现在是解锁状态吗"), "locks",
                               [w(L, "locked", "verriegelt|abgeschlossen", "锁")])], tags=tags)
        case(L, "lights", [t(w(L, "are the low beams on", "ist das abblendlicht an", "近光灯开了吗"), "lights",
                             [w(L, "off", "aus", "关|没")])], tags=tags)
        case(L, "temperatures", [t(w(L, "how cold is it in the car", "wie kalt ist es im auto", "车内冷吗"), "cabin_temperature",
                                   [celsius(20, L)])], tags=tags)
        case(L, "temperatures", [t(w(L, "outside temperature please", "außentemperatur bitte", "请告诉我室外温度"), "outside_temperature",
                                   [celsius(7, L)])], tags=tags)
        case(L, "driving", [t(w(L, "current speed please", "aktuelle geschwindigkeit", "当前车速"), "speed",
                              [w(L, "55 mph", "88", "88")])], set_=MOVING, tags=tags + ("moving",))
        case(L, "service", [t(w(L, "service interval", "serviceintervall", "保养间隔"), "service", [km_or_miles(1450000, L)])], tags=tags)
        case(L, "warnings_codes", [t(w(L, "any warning messages", "irgendwelche fehlermeldungen", "有什么报警信息吗"), None,
                                     [w(L, "no warning|no fault|none", "keine", "没有")], no_numbers=True)], tags=tags)
        case(L, "battery_12v", [t(w(L, "how many volts", "wie viel volt", "多少伏"), "low_voltage_battery", [fmt(12.3, L, 1) + " V"])],
             tags=tags)
        case(L, "brake_gear", [t(w(L, "what position is the gear selector in", "wo steht der schalthebel", "档杆在哪个挡位"), "gear",
                                 [w(L, "park", " P", "P挡|驻车")])], tags=tags)
        case(L, "seat_belts", [t(w(L, "seat belt status", "gurtstatus bitte", "安全带状态"), "seat_belts",
                                 [w(L, "buckled|fastened|wearing", "angeschnallt", "系")])], tags=tags)
        for say in {"en": ["set navigation to home", "how do i pair my phone"],
                    "de": ["navigiere nach hause", "wie verbinde ich mein handy"],
                    "zh": ["导航回家", "怎么连接手机蓝牙"]}[lang(L)]:
            case(L, "out_of_scope", [t(say, "out_of_scope", no_numbers=True)], tags=tags + ("out_of_scope",))
    return CASES


def main():
    build()
    round2()
    round3()
    round4()
    round5()
    round6()
    round7()
    round8()
    round9()
    cases = round10()
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "heldout-style.jsonl")
    with open(path, "w", encoding="utf-8") as f:
        for c in cases:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
    turns = sum(len(c["turns"]) for c in cases)
    print(f"{len(cases)} conversations, {turns} utterances -> {path}")


if __name__ == "__main__":
    main()
