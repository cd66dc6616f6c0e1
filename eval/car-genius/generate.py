#!/usr/bin/env python3
"""Writes eval/car-genius/cases.jsonl: the Car Genius evaluation set.

Each case is one conversation: a locale, a vehicle state (a --state snapshot), and turns, each with
what the driver says and the facts the answer must contain and must not contain. Expected facts are
computed here from the state with this file's own unit conversions and number formatting, independent
of the Swift engine. Phrasings are hand-written per locale: paraphrases, fillers, ASR slips, numbers as
words, Chinese without spaces, follow-ups. Run: python3 eval/car-genius/generate.py
"""
import copy
import json
import os

MILE = 1609.344
KPA_PER_PSI = 6.894757

BASE = {
    "Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed": 78,
    "Vehicle.Powertrain.Range": 412000,
    "Vehicle.Powertrain.TractionBattery.Charging.IsCharging": False,
    "Vehicle.Powertrain.TractionBattery.Charging.IsChargingCableConnected": False,
    "Vehicle.Powertrain.TractionBattery.Charging.ChargeLimit": 80,
    "Vehicle.Powertrain.TractionBattery.Temperature.Average": 27,
    "Vehicle.Chassis.Axle.Row1.Wheel.Left.Tire.Pressure": 236,
    "Vehicle.Chassis.Axle.Row1.Wheel.Right.Tire.Pressure": 238,
    "Vehicle.Chassis.Axle.Row2.Wheel.Left.Tire.Pressure": 242,
    "Vehicle.Chassis.Axle.Row2.Wheel.Right.Tire.Pressure": 244,
    "Vehicle.Chassis.Axle.Row1.Wheel.Left.Tire.Temperature": 31,
    "Vehicle.Chassis.Axle.Row1.Wheel.Right.Tire.Temperature": 32,
    "Vehicle.Chassis.Axle.Row2.Wheel.Left.Tire.Temperature": 29,
    "Vehicle.Chassis.Axle.Row2.Wheel.Right.Tire.Temperature": 30,
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
    "Vehicle.Exterior.AirTemperature": 18,
    "Vehicle.Cabin.HVAC.AmbientAirTemperature": 22,
    "Vehicle.Speed": 0,
    "Vehicle.IsMoving": False,
    "Vehicle.TraveledDistance": 72760,
    "Vehicle.TripMeterReading": 48,
    "Vehicle.Service.DistanceToService": 8200,
    "Vehicle.Service.TimeToService": 3888000,
    "Vehicle.Service.IsServiceDue": False,
    "Vehicle.Cabin.Telltale.Powertrain.IsOn": False,
    "Vehicle.Cabin.Telltale.TirePressure.IsOn": False,
    "Vehicle.Cabin.Telltale.BrakeFluid.IsOn": False,
    "Vehicle.Cabin.Telltale.Airbag.IsOn": False,
    "Vehicle.Cabin.Telltale.LowVoltageBattery.IsOn": False,
    "Vehicle.ADAS.ABS.IsError": False,
    "Vehicle.OBD.Status.IsMILOn": False,
    "Vehicle.OBD.DTCList": [],
    "Vehicle.LowVoltageBattery.CurrentVoltage": 12.6,
    "Vehicle.Chassis.ParkingBrake.IsEngaged": True,
    "Vehicle.Powertrain.Transmission.SelectedGear": 126,
    "Vehicle.Cabin.Seat.Row1.DriverSide.IsOccupied": True,
    "Vehicle.Cabin.Seat.Row1.DriverSide.IsBelted": True,
    "Vehicle.Cabin.Seat.Row1.PassengerSide.IsOccupied": True,
    "Vehicle.Cabin.Seat.Row1.PassengerSide.IsBelted": True,
    "Vehicle.Cabin.Seat.Row2.DriverSide.IsOccupied": False,
    "Vehicle.Cabin.Seat.Row2.DriverSide.IsBelted": False,
    "Vehicle.Cabin.Seat.Row2.Middle.IsOccupied": False,
    "Vehicle.Cabin.Seat.Row2.Middle.IsBelted": False,
    "Vehicle.Cabin.Seat.Row2.PassengerSide.IsOccupied": False,
    "Vehicle.Cabin.Seat.Row2.PassengerSide.IsBelted": False,
    "Vehicle.Body.Windshield.Front.WasherFluid.IsLevelLow": False,
}

DRIVING = {"Vehicle.IsMoving": True, "Vehicle.Speed": 96, "Vehicle.Powertrain.Transmission.SelectedGear": 127,
           "Vehicle.Chassis.ParkingBrake.IsEngaged": False, "Vehicle.Body.Lights.Beam.Low.IsOn": True}
ICE = {"Vehicle.Powertrain.FuelSystem.RelativeLevel": 35, "Vehicle.Powertrain.FuelSystem.Range": 290000}

LOCALES = ["en-US", "en-GB", "de-DE", "zh-CN"]


# ---- Formatting, independent of the engine ----------------------------------------------------

def num(v, locale, decimals=0):
    v = round(v + 0.0, decimals)
    if decimals == 0:
        s = str(int(round(v)))
        neg = s.startswith("-")
        digits = s.lstrip("-")
        sep = {"en-US": ",", "en-GB": ",", "de-DE": ".", "zh-CN": ""}[locale]
        if sep and len(digits) >= 4:
            groups = []
            while digits:
                groups.insert(0, digits[-3:])
                digits = digits[:-3]
            digits = sep.join(groups)
        return ("-" if neg else "") + digits
    s = f"{v:.{decimals}f}"
    return s.replace(".", ",") if locale == "de-DE" else s


def dist(metres, locale):
    if locale.startswith("en"):
        return num(metres / MILE, locale) + " mile"
    return num(metres / 1000, locale) + (" km" if locale == "de-DE" else "公里")


def temp(c, locale):
    if locale == "en-US":
        return num(c * 9 / 5 + 32, locale) + "°F"
    return num(c, locale) + (" °C" if locale == "de-DE" else "°C")


def pct(v, locale):
    return num(v, locale) + (" %" if locale == "de-DE" else "%")


def pressure(kpa, locale):
    if locale.startswith("en"):
        return num(kpa / KPA_PER_PSI, locale) + " psi"
    return num(kpa / 100, locale, 1) + " bar"


def speed(kmh, locale):
    if locale.startswith("en"):
        return num(kmh * 1000 / MILE, locale) + " mph"
    return num(kmh, locale)


def volts(v, locale):
    return num(v, locale, 1) + " V"


def ago(seconds, locale):
    h = round(seconds / 3600)
    return {"en-US": f"{h} hours ago", "en-GB": f"{h} hours ago", "de-DE": f"vor {h} Stunden", "zh-CN": f"{h}小时前"}[locale]


UNAVAILABLE = {"en": "not available", "de": "nicht verfügbar", "zh": "无法获取"}
DECLINE = {"en": "sorry|can't|only help", "de": "tut mir leid|nicht helfen|nicht bedienen", "zh": "抱歉|帮不上|不能"}


def lang(locale):
    return locale[:2]


def pick(locale, en, de, zh, gb=None):
    if locale == "en-GB" and gb is not None:
        return gb
    return {"en": en, "de": de, "zh": zh}[lang(locale)]


# ---- Case construction -------------------------------------------------------------------------

CASES = []


def state_with(set_=None, unset=()):
    s = copy.deepcopy(BASE)
    for k, v in (set_ or {}).items():
        s[k] = v
    for k in unset:
        s.pop(k, None)
    return s


def add(locale, topic, turns, set_=None, unset=(), tags=()):
    case_id = f"{locale}-{topic}-{len([c for c in CASES if c['locale'] == locale and c['topic'] == topic]) + 1}"
    CASES.append({"id": case_id, "locale": locale, "topic": topic, "tags": list(tags),
                  "state": state_with(set_, unset), "turns": turns})


def turn(say, intent=None, must=(), must_not=(), no_numbers=False):
    t = {"say": say, "must": list(must), "must_not": list(must_not)}
    if intent:
        t["intent"] = intent
    if no_numbers:
        t["no_numbers"] = True
    return t


def phr(table, locale):
    return table[locale] if locale in table else table[lang(locale)]


# Paraphrases per intent and language (en covers en-US and en-GB unless a locale key is given).
P = {
    "battery_level": {
        "en": ["uh how much battery do i have", "whats my state of charge", "battery percentage please",
               "how charged is the car", "um how much juice is left in the battery", "what's the charge level"],
        "de": ["äh wie viel akku hab ich noch", "wie ist der ladestand", "wie voll ist die batterie",
               "wie viel prozent hat der akku", "ladezustand bitte"],
        "zh": ["嗯还有多少电", "电量多少", "现在电池还剩多少", "剩余电量是多少", "那个电量还有多少啊"],
    },
    "range": {
        "en": ["how far can i go", "what's my range", "how many miles do i have left", "uh how much range is left",
               "how far can we drive on this charge", "whats the remaining range"],
        "de": ["wie weit komme ich noch", "wie ist die reichweite", "wie viele kilometer reichweite habe ich",
               "restreichweite bitte", "äh wie weit kann ich noch fahren"],
        "zh": ["还能跑多远", "续航还有多少", "剩余续航里程", "还能开多少公里", "嗯那个续航多少"],
    },
    "charging_status": {
        "en": ["is the car charging", "is it charging right now", "are we plugged in and charging", "charging status"],
        "de": ["lädt das auto gerade", "wird der akku geladen", "lädt er", "wie ist der ladestatus"],
        "zh": ["在充电吗", "车在充电吗", "现在有没有在充电", "充电状态怎么样"],
    },
    "charge_time": {
        "en": ["how long until it's fully charged", "when will the battery be full", "how much longer to finish charging",
               "how long till full"],
        "de": ["wie lange dauert das laden noch", "wann ist der akku voll", "wie lange bis voll geladen"],
        "zh": ["还要多久充满", "什么时候能充满电", "充满还需要多长时间"],
    },
    "charge_limit": {
        "en": ["what is the charge limit set to", "what's my max charge", "charging limit"],
        "de": ["wie hoch ist das ladelimit", "auf wie viel prozent ist die ladegrenze eingestellt"],
        "zh": ["充电上限是多少", "充电限制设置的多少"],
    },
    "tire_pressure_all": {
        "en-US": ["what's the tire pressure", "check my tires", "how are the tires", "tire pressures please",
                  "uh is the air pressure in my tires ok", "whats the tier pressure"],
        "en-GB": ["what's the tyre pressure", "are my tyres ok", "tyre pressures please", "how much air is in the tyres"],
        "de": ["wie ist der reifendruck", "reifendruck bitte", "haben die reifen genug luft", "äh wie sind die reifen"],
        "zh": ["胎压多少", "轮胎气压正常吗", "看一下胎压", "四个轮胎胎压怎么样", "台压多少"],
    },
    "tire_temperature": {
        "en": ["how hot are the tires", "what's the tire temperature", "tyre temps please"],
        "de": ["wie warm sind die reifen", "reifentemperatur bitte"],
        "zh": ["胎温多少", "轮胎温度是多少"],
    },
    "doors": {
        "en": ["are the doors closed", "is any door open", "are all the doors shut", "uh did i leave a door open"],
        "de": ["sind alle türen zu", "ist eine tür offen", "sind die türen geschlossen"],
        "zh": ["车门都关好了吗", "有没有车门开着", "门关了吗"],
    },
    "windows": {
        "en": ["are the windows closed", "is a window open", "did i leave the windows down"],
        "de": ["sind die fenster zu", "ist ein fenster offen"],
        "zh": ["车窗关了吗", "窗户都关好了吗"],
    },
    "trunk": {
        "en-US": ["is the trunk open", "did i close the trunk", "is the tailgate shut"],
        "en-GB": ["is the boot open", "did i close the boot"],
        "de": ["ist der kofferraum offen", "ist die heckklappe zu"],
        "zh": ["后备箱关了吗", "后备箱开着吗"],
    },
    "frunk": {"en": ["is the frunk open", "is the front trunk closed"], "de": ["ist der frunk offen"],
              "zh": ["前备箱关好了吗"]},
    "hood": {"en-US": ["is the hood closed"], "en-GB": ["is the bonnet closed"], "de": ["ist die motorhaube zu"],
             "zh": ["引擎盖关好了吗"]},
    "locks": {"en": ["is the car locked", "did i lock the car", "are the doors locked"],
              "de": ["ist das auto abgeschlossen", "hab ich das auto zugesperrt"],
              "zh": ["车锁了吗", "车门锁好了吗"]},
    "sunroof": {"en": ["is the sunroof open", "is the moonroof closed"], "de": ["ist das schiebedach offen"],
                "zh": ["天窗关了吗"]},
    "lights": {"en": ["are my headlights on", "are the lights on", "are the low beams on"],
               "de": ["ist das licht an", "sind die scheinwerfer an"], "zh": ["大灯开着吗", "车灯开了吗"]},
    "outside_temperature": {
        "en": ["what's the temperature outside", "how cold is it outside", "uh how warm is it out there",
               "outside temp"],
        "de": ["wie warm ist es draußen", "wie ist die außentemperatur", "wie kalt ist es draussen"],
        "zh": ["外面多少度", "车外温度多少", "室外温度是多少"],
    },
    "cabin_temperature": {
        "en": ["how warm is it inside the car", "what's the cabin temperature", "temperature in here"],
        "de": ["wie warm ist es im auto", "innentemperatur bitte"],
        "zh": ["车内温度多少", "车里多少度"],
    },
    "battery_temperature": {
        "en": ["what's the battery temperature", "how hot is the battery"],
        "de": ["wie warm ist der akku", "welche temperatur hat die batterie"],
        "zh": ["电池温度多少"],
    },
    "speed": {"en": ["how fast am i going", "what's my speed", "current speed"],
              "de": ["wie schnell fahre ich", "wie ist meine geschwindigkeit"], "zh": ["现在车速多少", "我开多快"]},
    "odometer": {"en": ["what's the mileage", "what does the odometer say", "how many miles are on the car"],
                 "de": ["wie ist der kilometerstand", "wie viele kilometer hat das auto insgesamt"],
                 "zh": ["总里程多少", "里程表显示多少"]},
    "trip": {"en": ["how far have i driven on this trip", "trip distance", "how far did we drive today"],
             "de": ["wie weit bin ich auf dieser fahrt gefahren", "tageskilometer bitte"],
             "zh": ["本次行程开了多少公里", "这趟跑了多少"]},
    "service": {"en": ["when is my next service", "when is the car due for maintenance", "uh when do i need an oil change"],
                "de": ["wann ist die nächste inspektion", "wann ist der service fällig", "wann muss ich zur wartung"],
                "zh": ["什么时候保养", "下次保养还有多久", "距离保养还有多少公里"]},
    "warnings": {"en": ["are there any warning lights on", "any warnings on the dash", "is anything wrong with the car"],
                 "de": ["leuchtet eine warnleuchte", "gibt es warnungen", "ist irgendwas mit dem auto nicht in ordnung"],
                 "zh": ["有没有故障灯", "仪表盘有警告吗", "车有没有什么问题"]},
    "fault_codes": {"en": ["are there any fault codes", "read me the error codes", "any stored trouble codes"],
                    "de": ["gibt es fehlercodes", "was steht im fehlerspeicher"],
                    "zh": ["有故障码吗", "读一下故障代码"]},
    "low_voltage_battery": {"en": ["how's the 12 volt battery", "what's the voltage of the twelve volt battery",
                                   "is the starter battery ok"],
                            "de": ["wie ist die starterbatterie", "wie viel volt hat die 12 volt batterie"],
                            "zh": ["小电瓶电压多少", "低压电池正常吗"]},
    "parking_brake": {"en": ["is the parking brake on", "is the handbrake engaged", "did i set the e brake"],
                      "de": ["ist die handbremse angezogen", "ist die feststellbremse an"],
                      "zh": ["手刹拉了吗", "手刹拉起来了吗"]},
    "gear": {"en": ["what gear am i in", "is the car in park"], "de": ["welcher gang ist drin", "in welcher fahrstufe bin ich"],
             "zh": ["现在是什么挡", "挂的几档"]},
    "seat_belts": {"en": ["is everyone buckled up", "are the seat belts fastened"],
                   "de": ["sind alle angeschnallt", "haben alle den gurt an"], "zh": ["安全带都系好了吗", "大家都系安全带了吗"]},
}

OUT_OF_SCOPE = {
    "en": ["play some jazz", "tell me a joke", "what's the weather tomorrow", "book a flight to boston",
           "set an alarm for seven am", "call mom", "what's the capital of france", "turn off the lights in the kitchen",
           "open the trunk", "how many miles is it from chicago to denver"],
    "de": ["spiel musik", "erzähl mir einen witz", "wie wird das wetter morgen", "ruf meine mutter an",
           "stell einen wecker auf sieben uhr", "öffne den kofferraum", "wie spät ist es"],
    "zh": ["播放音乐", "讲个笑话", "明天天气怎么样", "打开后备箱", "帮我订一张去北京的机票", "定一个七点的闹钟"],
}


def facts(intent, locale, s):
    """The facts an answer must hold for this state: (must, must_not, no_numbers)."""
    L = lang(locale)
    g = s.get
    if intent == "battery_level":
        return [pct(g("Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed"), locale)], [], False
    if intent == "range":
        return [dist(g("Vehicle.Powertrain.Range"), locale)], [], False
    if intent == "charging_status":
        if g("Vehicle.Powertrain.TractionBattery.Charging.IsCharging"):
            return [pick(locale, "charging", "lädt", "正在充电")], [pick(locale, "not charging", "lädt nicht", "没有")], False
        return [pick(locale, "not charging", "lädt nicht|lädt gerade nicht", "没有在充电")], [], False
    if intent == "charge_time":
        t = g("Vehicle.Powertrain.TractionBattery.Charging.TimeToComplete")
        h, m = divmod(round(t / 60), 60)
        return [pick(locale, f"{h} hour", f"{h} Stunde", f"{h}小时"), pick(locale, f"{m} minutes", f"{m} Minuten", f"{m}分钟")], [], False
    if intent == "charge_limit":
        return [pct(g("Vehicle.Powertrain.TractionBattery.Charging.ChargeLimit"), locale)], [], False
    if intent == "tire_pressure_all":
        ps = [g(f"Vehicle.Chassis.Axle.{r}.Wheel.{w}.Tire.Pressure") for r in ("Row1", "Row2") for w in ("Left", "Right")]
        return [pressure(min(ps), locale), pressure(max(ps), locale)], [], False
    if intent == "tire_temperature":
        ts = [g(f"Vehicle.Chassis.Axle.{r}.Wheel.{w}.Tire.Temperature") for r in ("Row1", "Row2") for w in ("Left", "Right")]
        return [temp(min(ts), locale), temp(max(ts), locale)], [], False
    if intent in ("doors", "windows"):
        leaf = "IsOpen" if intent == "doors" else "Window.IsOpen"
        open_ = [p for p in ("Row1.DriverSide", "Row1.PassengerSide", "Row2.DriverSide", "Row2.PassengerSide")
                 if g(f"Vehicle.Cabin.Door.{p}.{leaf}")]
        if not open_:
            return [pick(locale, "closed", "zu", "关")], [pick(locale, "open", "offen", "开着")], False
        labels = {"Row2.DriverSide": pick(locale, "rear left", "hinten links|hintere linke", "左后"),
                  "Row1.DriverSide": pick(locale, "driver", "fahrer", "主驾"),
                  "Row1.PassengerSide": pick(locale, "passenger", "beifahrer", "副驾"),
                  "Row2.PassengerSide": pick(locale, "rear right", "hinten rechts|hintere rechte", "右后")}
        return [labels[p] for p in open_] + [pick(locale, "open", "offen", "开着")], [], False
    if intent in ("trunk", "frunk", "hood"):
        path = {"trunk": "Vehicle.Body.Trunk.Rear.IsOpen", "frunk": "Vehicle.Body.Trunk.Front.IsOpen",
                "hood": "Vehicle.Body.Hood.IsOpen"}[intent]
        word = {"trunk": pick(locale, "trunk", "kofferraum", "后备箱", gb="boot"),
                "frunk": pick(locale, "frunk", "kofferraum", "前备箱", gb="front boot"),
                "hood": pick(locale, "hood", "motorhaube", "引擎盖", gb="bonnet")}[intent]
        if g(path):
            return [word, pick(locale, "open", "offen", "开着")], [], False
        return [word, pick(locale, "closed", "zu", "关着")], [pick(locale, " open", "offen", "开着")], False
    if intent == "locks":
        unlocked = [p for p in ("Row1.DriverSide", "Row1.PassengerSide", "Row2.DriverSide", "Row2.PassengerSide")
                    if not g(f"Vehicle.Cabin.Door.{p}.IsLocked")]
        if not unlocked:
            return [pick(locale, "locked", "abgeschlossen|verriegelt", "锁好")], [pick(locale, "unlocked", "nicht", "没有")], False
        return [pick(locale, "unlocked", "nicht verriegelt|nicht abgeschlossen", "没有上锁|没有锁")], [], False
    if intent == "sunroof":
        p = g("Vehicle.Cabin.Sunroof.Position")
        if p == 0:
            return [pick(locale, "closed", "zu", "关着")], [], False
        return [pick(locale, "open", "offen", "开着"), pct(p, locale)], [], False
    if intent == "lights":
        if g("Vehicle.Body.Lights.Beam.Low.IsOn"):
            return [pick(locale, "headlights are on", "abblendlicht ist an", "近光灯开着")], [], False
        return [pick(locale, "off", "aus", "关着")], [], False
    if intent == "outside_temperature":
        return [temp(g("Vehicle.Exterior.AirTemperature"), locale)], [], False
    if intent == "cabin_temperature":
        return [temp(g("Vehicle.Cabin.HVAC.AmbientAirTemperature"), locale)], [], False
    if intent == "battery_temperature":
        return [temp(g("Vehicle.Powertrain.TractionBattery.Temperature.Average"), locale)], [], False
    if intent == "speed":
        v = g("Vehicle.Speed")
        if v == 0:
            return [pick(locale, "standing still", "steht", "停着")], [], True
        return [speed(v, locale)], [], False
    if intent == "odometer":
        return [dist(g("Vehicle.TraveledDistance") * 1000, locale)], [], False
    if intent == "trip":
        return [dist(g("Vehicle.TripMeterReading") * 1000, locale)], [], False
    if intent == "service":
        days = round(g("Vehicle.Service.TimeToService") / 86400)
        return [dist(g("Vehicle.Service.DistanceToService") * 1000, locale),
                pick(locale, f"{days} days", f"{days} Tagen", f"{days}天")], [], False
    if intent == "warnings":
        active = [k.split(".")[3] for k, v in s.items() if k.startswith("Vehicle.Cabin.Telltale.") and v is True]
        if not active and not g("Vehicle.OBD.Status.IsMILOn"):
            return [pick(locale, "no warning", "keine warnleuchte", "没有警告灯")], [], True
        names = {"Powertrain": pick(locale, "check engine", "motorkontrollleuchte", "发动机故障灯"),
                 "TirePressure": pick(locale, "tire pressure|tyre pressure", "reifendruck", "胎压"),
                 "BrakeFluid": pick(locale, "brake", "brems", "制动"),
                 "OilPressure": pick(locale, "oil pressure", "öldruck", "机油压力")}
        must = [names[a] for a in active]
        if g("Vehicle.OBD.Status.IsMILOn") and "Powertrain" not in active:
            must.append(names["Powertrain"])
        return must, [], False
    if intent == "fault_codes":
        codes = g("Vehicle.OBD.DTCList") or []
        if not codes:
            return [pick(locale, "no stored fault codes", "keine fehlercodes", "没有存储的故障码")], [], True
        return codes, [], False
    if intent == "low_voltage_battery":
        return [volts(g("Vehicle.LowVoltageBattery.CurrentVoltage"), locale)], [], False
    if intent == "parking_brake":
        if g("Vehicle.Chassis.ParkingBrake.IsEngaged"):
            return [pick(locale, "on", "angezogen", "拉起")], [pick(locale, " off", "gelöst", "松开")], False
        return [pick(locale, "off", "gelöst", "松开")], [], False
    if intent == "gear":
        gear = g("Vehicle.Powertrain.Transmission.SelectedGear")
        return [{126: pick(locale, "park", " P", "P挡"), 127: pick(locale, "drive", " D", "D挡"),
                 -1: pick(locale, "reverse", "rückwärts", "倒挡")}[gear]], [], True
    if intent == "seat_belts":
        unbelted = [p for p in ("Row1.DriverSide", "Row1.PassengerSide", "Row2.DriverSide", "Row2.Middle", "Row2.PassengerSide")
                    if g(f"Vehicle.Cabin.Seat.{p}.IsOccupied") and not g(f"Vehicle.Cabin.Seat.{p}.IsBelted")]
        if not unbelted:
            return [pick(locale, "everyone is buckled", "alle sind angeschnallt", "都系好")], [], True
        labels = {"Row1.PassengerSide": pick(locale, "front passenger", "beifahrer", "副驾"),
                  "Row2.DriverSide": pick(locale, "rear left", "hinten links", "后排左侧"),
                  "Row1.DriverSide": pick(locale, "driver", "fahrer", "主驾")}
        return [labels[p] for p in unbelted] + [pick(locale, "buckled", "nicht angeschnallt", "没有系")], [], True
    raise KeyError(intent)


INTENT_OF = {"tire_pressure_all": "tire_pressure"}
TOPIC_OF = {
    "battery_level": "range_charge", "range": "range_charge", "charging_status": "charging", "charge_time": "charging",
    "charge_limit": "charging", "tire_pressure_all": "tyres", "tire_temperature": "tyres", "doors": "openings",
    "windows": "openings", "trunk": "openings", "frunk": "openings", "hood": "openings", "locks": "openings",
    "sunroof": "openings", "lights": "lights", "outside_temperature": "temperatures", "cabin_temperature": "temperatures",
    "battery_temperature": "temperatures", "speed": "driving", "odometer": "driving", "trip": "driving",
    "service": "service", "warnings": "warnings_codes", "fault_codes": "warnings_codes",
    "low_voltage_battery": "battery_12v", "parking_brake": "brake_gear", "gear": "brake_gear", "seat_belts": "seat_belts",
}

# State variations per intent, cycled over the paraphrases so answers are not all the same.
VARIANTS = {
    "charging_status": [{"Vehicle.Powertrain.TractionBattery.Charging.IsCharging": True,
                         "Vehicle.Powertrain.TractionBattery.Charging.IsChargingCableConnected": True,
                         "Vehicle.Powertrain.TractionBattery.Charging.TimeToComplete": 4800}, {}],
    "charge_time": [{"Vehicle.Powertrain.TractionBattery.Charging.IsCharging": True,
                     "Vehicle.Powertrain.TractionBattery.Charging.TimeToComplete": 4800},
                    {"Vehicle.Powertrain.TractionBattery.Charging.IsCharging": True,
                     "Vehicle.Powertrain.TractionBattery.Charging.TimeToComplete": 8100}],
    "doors": [{}, {"Vehicle.Cabin.Door.Row2.DriverSide.IsOpen": True}],
    "windows": [{"Vehicle.Cabin.Door.Row1.PassengerSide.Window.IsOpen": True}, {}],
    "trunk": [{"Vehicle.Body.Trunk.Rear.IsOpen": True}, {}],
    "frunk": [{}, {"Vehicle.Body.Trunk.Front.IsOpen": True}],
    "locks": [{}, {"Vehicle.Cabin.Door.Row1.DriverSide.IsLocked": False, "Vehicle.Cabin.Door.Row1.PassengerSide.IsLocked": False,
                   "Vehicle.Cabin.Door.Row2.DriverSide.IsLocked": False, "Vehicle.Cabin.Door.Row2.PassengerSide.IsLocked": False}],
    "sunroof": [{"Vehicle.Cabin.Sunroof.Position": 40}, {}],
    "lights": [DRIVING, {}],
    "speed": [DRIVING, {}],
    "warnings": [{"Vehicle.Cabin.Telltale.TirePressure.IsOn": True}, {},
                 {"Vehicle.OBD.Status.IsMILOn": True}],
    "fault_codes": [{"Vehicle.OBD.DTCList": ["P0420"]}, {}, {"Vehicle.OBD.DTCList": ["P0301", "U0100"]}],
    "parking_brake": [{}, {"Vehicle.Chassis.ParkingBrake.IsEngaged": False}],
    "gear": [{}, DRIVING],
    "seat_belts": [{}, {"Vehicle.Cabin.Seat.Row1.PassengerSide.IsBelted": False}],
    "low_voltage_battery": [{}, {"Vehicle.LowVoltageBattery.CurrentVoltage": 11.8}],
}


def build():
    for intent, table in P.items():
        for locale in LOCALES:
            phrases = phr(table, locale)
            variants = VARIANTS.get(intent, [{}])
            for i, say in enumerate(phrases):
                st = variants[i % len(variants)]
                s = state_with(st)
                must, must_not, no_num = facts(intent, locale, s)
                add(locale, TOPIC_OF[intent], [turn(say, INTENT_OF.get(intent, intent), must, must_not, no_num)], st,
                    tags=["paraphrase"])

    # Tyres: one low wheel, one wheel asked, an axle.
    low = {"Vehicle.Chassis.Axle.Row2.Wheel.Left.Tire.Pressure": 168}
    for locale in LOCALES:
        say = pick(locale, "is any tire low", "hat ein reifen zu wenig luft", "有轮胎缺气吗", gb="is a tyre going flat")
        add(locale, "tyres", [turn(say, "tire_pressure", [pick(locale, "rear left", "hinten links", "左后"), pressure(168, locale)])], low)
        say = pick(locale, "whats the pressure in the front left tyre", "wie viel druck hat der reifen vorne links",
                   "左前轮胎压多少")
        other = [pressure(244, locale)] if pressure(244, locale) != pressure(236, locale) else []
        add(locale, "tyres", [turn(say, "tire_pressure", [pressure(236, locale)], other)])
        say = pick(locale, "uh check the presure on the back tires", "wie ist der druck der hinterreifen", "后轮胎压怎么样")
        other = [pressure(236, locale)] if pressure(236, locale) not in (pressure(242, locale), pressure(244, locale)) else []
        add(locale, "tyres", [turn(say, "tire_pressure", [pressure(242, locale), pressure(244, locale)], other)],
            tags=["asr"])

    # Can I make it: numbers as words and digits, yes and no.
    reach = {
        "en-US": [("can i make it three hundred miles", False), ("can i make it 100 miles", True),
                  ("is my charge enough for two hundred and fifty miles", True), ("can we drive four hundred miles", False)],
        "en-GB": [("will I make it a hundred and twenty miles", True), ("can I do three hundred miles on this charge", False)],
        "de-DE": [("schaffe ich noch dreihundertfünfzig kilometer", True), ("reicht der akku für fünfhundert kilometer", False),
                  ("schaffe ich 200 km", True), ("komme ich noch vierhundertfünfzig kilometer weit", False)],
        "zh-CN": [("能开三百五十公里吗", True), ("电量够跑五百公里吗", False), ("还能跑两百公里吗", True),
                  ("够不够开一千公里", False)],
    }
    for locale, items in reach.items():
        for say, yes in items:
            must = [pick(locale, "yes", "ja", "可以") if yes else pick(locale, "no", "nein", "不够"), dist(412000, locale)]
            add(locale, "range_charge", [turn(say, "can_reach", must)], tags=["numbers"])
    # A distance in the other unit is answered in that unit.
    other_unit = {"en-US": ("can i make it three hundred and fifty kilometres", "412 km"),
                  "de-DE": ("reicht es für zweihundert meilen", "256 Meilen"), "zh-CN": ("能跑两百英里吗", "256英里")}
    for locale, (say, fact) in other_unit.items():
        add(locale, "range_charge", [turn(say, "can_reach", [pick(locale, "yes", "ja", "可以"), fact])], tags=["numbers"])

    # "Can I make it?" with no distance said: the active route's remaining distance (private navigation leaf).
    route = {
        "en-US": [("can i make it", 500000, False), ("will we get there on this charge", 300000, True)],
        "en-GB": [("is my charge enough to get there", 500000, False)],
        "de-DE": [("schaffe ich das", 300000, True), ("reicht der akku bis zum ziel", 500000, False)],
        "zh-CN": [("能开到吗", 500000, False), ("电够不够开到目的地", 300000, True)],
    }
    for locale, items in route.items():
        for say, metres, yes in items:
            must = [pick(locale, "yes", "ja", "可以") if yes else pick(locale, "no", "nein", "不够"), dist(412000, locale)]
            add(locale, "range_charge", [turn(say, "can_reach", must)], {"Vehicle.Private.Navigation.RemainingDistance": metres},
                tags=["paraphrase"])

    # Fuel car.
    for locale in LOCALES:
        say = pick(locale, "how much gas is left", "wie voll ist der tank", "油量还有多少", gb="how much petrol is left")
        add(locale, "range_charge", [turn(say, "fuel_level", [pct(35, locale)])], ICE,
            unset=["Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed"])

    # Stale values: spoken with their age.
    stale = [
        ("battery_level", "Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed", 78, 10800),
        ("outside_temperature", "Vehicle.Exterior.AirTemperature", 18, 7200),
        ("range", "Vehicle.Powertrain.Range", 412000, 14400),
    ]
    for intent, path, value, age in stale:
        for locale in LOCALES:
            st = {path: {"value": value, "age": age}}
            say = phr(P[intent], locale)[1]
            must, _, _ = facts(intent, locale, state_with({path: value}))
            add(locale, TOPIC_OF[intent], [turn(say, intent, must + [ago(age, locale)])], st, tags=["stale"])

    # Missing values: said unavailable, with no number.
    missing = [("range", "Vehicle.Powertrain.Range"), ("outside_temperature", "Vehicle.Exterior.AirTemperature"),
               ("tire_pressure_all", None), ("service", None), ("low_voltage_battery", "Vehicle.LowVoltageBattery.CurrentVoltage"),
               ("odometer", "Vehicle.TraveledDistance")]
    for intent, path in missing:
        for locale in LOCALES:
            if path is None and intent == "tire_pressure_all":
                unset = [k for k in BASE if k.endswith("Tire.Pressure")]
            elif path is None:
                unset = [k for k in BASE if k.startswith("Vehicle.Service.")]
            else:
                unset = [path]
            say = phr(P[intent], locale)[0]
            add(locale, TOPIC_OF[intent], [turn(say, INTENT_OF.get(intent, intent), [UNAVAILABLE[lang(locale)]], [], True)],
                unset=unset, tags=["missing"])

    # Partly missing: the wheels without a reading are said to be unavailable, the others given.
    for locale in LOCALES:
        say = pick(locale, "how are the rear tires", "wie ist der reifendruck hinten", "后轮胎压多少", gb="how are the rear tyres")
        must = [pressure(242, locale), pick(locale, "rear right", "hinten rechts", "右后"), UNAVAILABLE[lang(locale)]]
        add(locale, "tyres", [turn(say, "tire_pressure", must)], unset=["Vehicle.Chassis.Axle.Row2.Wheel.Right.Tire.Pressure"],
            tags=["missing"])

    # Multi-turn: the session remembers the topic.
    mt = {
        "en-US": [
            [("what's the tire pressure in the front", "tire_pressure", [pressure(236, "en-US"), pressure(238, "en-US")]),
             ("and the rear ones", "tire_pressure", [pressure(242, "en-US"), pressure(244, "en-US")])],
            [("is the driver door open", "doors", ["closed"]), ("what about the rear left", "doors", ["rear left", "open"])],
            [("what's the temperature", "temperature_clarify", ["outside or inside"]), ("outside", "outside_temperature", [temp(18, "en-US")])],
            [("how's the front left tire", "tire_pressure", [pressure(236, "en-US")]),
             ("and what about the temperature", "tire_temperature", [temp(31, "en-US")])],
            [("how's the front left tire", "tire_pressure", [pressure(236, "en-US")]),
             ("and the right one", "tire_pressure", [pressure(238, "en-US")]),
             ("what about the back", "tire_pressure", [pressure(242, "en-US"), pressure(244, "en-US")])],
            [("is the driver's door locked", "locks", ["locked"]), ("and the passenger's", "locks", ["passenger", "locked"]),
             ("what about the windows", "windows", ["closed"])],
            [("what's my range", "range", [dist(412000, "en-US")]), ("how about the battery", "battery_level", [pct(78, "en-US")])],
        ],
        "en-GB": [
            [("what's the pressure in the front tyres", "tire_pressure", [pressure(236, "en-GB")]),
             ("and the back ones", "tire_pressure", [pressure(244, "en-GB")])],
            [("are the windows shut", "windows", ["closed"]), ("and the boot", "trunk", ["boot", "closed"])],
        ],
        "de-DE": [
            [("wie ist der reifendruck vorne", "tire_pressure", [pressure(236, "de-DE")]),
             ("und hinten?", "tire_pressure", [pressure(244, "de-DE")])],
            [("ist die fahrertür offen", "doors", ["zu"]), ("und hinten links", "doors", ["hinten links|hintere linke", "offen"])],
            [("wie ist der reifendruck vorne links", "tire_pressure", ["vorne links"]), ("und rechts", "tire_pressure", ["vorne rechts"]),
             ("und die temperatur", "tire_temperature", [temp(32, "de-DE")])],
            [("wie ist die temperatur", "temperature_clarify", ["draußen oder im auto"]), ("draußen", "outside_temperature", [temp(18, "de-DE")])],
        ],
        "zh-CN": [
            [("前面的胎压多少", "tire_pressure", [pressure(236, "zh-CN")]), ("那后面的呢", "tire_pressure", [pressure(244, "zh-CN")])],
            [("左前轮胎压多少", "tire_pressure", ["左前"]), ("右边的呢", "tire_pressure", ["右前"]), ("那温度呢", "tire_temperature", [temp(32, "zh-CN")])],
            [("主驾车门锁了吗", "locks", ["上锁"]), ("副驾呢", "locks", ["副驾"]), ("那车窗呢", "windows", ["关好"])],
            [("主驾车门关了吗", "doors", ["关"]), ("那左后呢", "doors", ["左后", "开着"])],
            [("温度多少", "temperature_clarify", ["车外"]), ("车外的", "outside_temperature", [temp(18, "zh-CN")])],
        ],
    }
    for locale, convs in mt.items():
        for conv in convs:
            st = {"Vehicle.Cabin.Door.Row2.DriverSide.IsOpen": True} if any(t[1] == "doors" for t in conv) else {}
            add(locale, "multi_turn", [turn(s, i, m) for s, i, m in conv], st, tags=["multi_turn"])

    # While moving: one sentence only, the headline value first.
    for locale in LOCALES:
        st = dict(DRIVING)
        st["Vehicle.Cabin.Telltale.Powertrain.IsOn"] = True
        st["Vehicle.Cabin.Telltale.TirePressure.IsOn"] = True
        say = phr(P["warnings"], locale)[0]
        add(locale, "warnings_codes", [turn(say, "warnings", [pick(locale, "check engine", "motorkontrollleuchte", "发动机故障灯")])],
            st, tags=["moving"])

    # Explaining codes the driver reads out.
    explain = {"en-US": "what does p zero four two zero mean", "en-GB": "what does code p0171 mean",
               "de-DE": "was bedeutet der fehlercode p0420", "zh-CN": "故障码P0300是什么意思"}
    meaning = {"en-US": "catalytic converter", "en-GB": "lean", "de-DE": "katalysator", "zh-CN": "失火"}
    for locale in LOCALES:
        add(locale, "warnings_codes", [turn(explain[locale], "explain_code", [meaning[locale]])], tags=["numbers"])

    # Second-round paraphrases (written as probes after the first tuning round), on a car driving or parked.
    drive_state = dict(DRIVING)
    drive_state.update({"Vehicle.Cabin.Door.Row2.PassengerSide.Window.IsOpen": True,
                        "Vehicle.Chassis.Axle.Row1.Wheel.Right.Tire.Pressure": 175})
    fresh = {
        "en-US": [("battery_level", "yo whats my battery at"), ("range", "how much further can i go before i need to charge"),
                  ("tire_low", "which tire is low"), ("tire_low", "what's the psi on my tires"),
                  ("windows", "are any windows open"), ("outside_temperature", "what's the outside air temp"),
                  ("speed", "what speed am i doing"), ("odometer", "how many miles on the odometer"),
                  ("trip", "how far have i gone this trip"), ("service", "is it time for an oil change"),
                  ("low_voltage_battery", "whats the status of my car battery"), ("parking_brake", "is my emergency brake off"),
                  ("gear", "what gear"), ("range", "uh uh um the uh range"), ("battery_level", "How much charge is left in the battery?"),
                  ("windows", "is my back window open")],
        "en-GB": [("battery_level", "how much charge have i got"), ("tire_low", "have i got a flat tyre"),
                  ("outside_temperature", "is it chilly outside"), ("odometer", "what's the mileage on the car"),
                  ("speed", "how fast are we going"), ("windows", "have i left a window open")],
        "de-DE": [("battery_level", "hey wie voll ist die batterie"), ("range", "wie viel reichweite bleibt mir"),
                  ("tire_low", "welcher reifen hat zu wenig luft"), ("tire_low", "wie ist der luftdruck in den reifen"),
                  ("windows", "welche fenster sind auf"), ("outside_temperature", "wie ist die temperatur draussen"),
                  ("speed", "wie schnell fahre ich gerade"), ("trip", "wie viele kilometer bin ich heute gefahren"),
                  ("service", "wann ist der nächste ölwechsel"), ("parking_brake", "ist die handbremse gelöst"),
                  ("gear", "welcher gang ist eingelegt"), ("range", "äh ähm reichweite"), ("battery_level", "Wie viel Prozent hat der Akku?"),
                  ("battery_level", "wie viel strom hab ich noch")],
        "zh-CN": [("battery_level", "电池还有百分之多少"), ("battery_level", "现在剩多少电"), ("tire_low", "哪个轮胎气压低"),
                  ("windows", "有车窗没关吗"), ("windows", "哪个窗户开着"), ("outside_temperature", "外面温度怎么样"),
                  ("speed", "现在时速多少"), ("odometer", "里程表多少公里了"), ("trip", "这次开了多远"),
                  ("service", "下次保养是什么时候"), ("parking_brake", "手刹松了吗"), ("gear", "现在在什么挡位"),
                  ("range", "呃嗯续航"), ("battery_temperature", "电池温度高不高"), ("low_voltage_battery", "蓄电池电压正常吗")],
    }
    fresh["de-DE"] += [("battery_level", "ähm sag mal wie viel saft hat die karre noch"), ("range", "wie weit kommen wir noch mit der ladung"),
                       ("tire_low", "ist bei den reifen alles ok"), ("locks", "ist das auto zugesperrt"),
                       ("lights", "brennt das licht noch"), ("cabin_temperature", "was hat es im auto für eine temperatur"),
                       ("speed", "mit wie viel km/h fahre ich"), ("odometer", "wie viel kilometer hat das auto auf dem tacho"),
                       ("seat_belts", "haben sich alle angeschnallt"), ("charging_status", "lädt der wagen gerade")]
    fresh["zh-CN"] += [("battery_level", "嗯那个电还剩百分之几"), ("range", "还能开多少公里啊"), ("tire_low", "右前轮是不是漏气了"),
                       ("tire_low", "四个轮胎的气压分别是多少"), ("lights", "大灯关了没"), ("speed", "现在开多少码"),
                       ("odometer", "车总共跑了多少公里"), ("fault_codes", "有故障码吗"), ("charging_status", "正在充电吗"),
                       ("seat_belts", "后排的人系安全带了吗")]
    fresh["en-US"] += [("tire_low", "tire pressure on the drivers side"), ("lights", "did i leave my lights on"),
                       ("cabin_temperature", "is it hot in here"), ("trip", "how many miles have i driven today"),
                       ("gear", "am i in reverse"), ("range", "how far can i get")]
    for locale, items in fresh.items():
        for intent, say in items:
            st = drive_state
            if (locale, say) == ("zh-CN", "后排的人系安全带了吗"):
                add(locale, "seat_belts", [turn(say, "seat_belts", ["没有人坐"], [], True)], st, tags=["paraphrase", "fresh"])
                continue
            if (locale, say) == ("en-US", "tire pressure on the drivers side"):
                add(locale, "tyres", [turn(say, "tire_pressure", [pressure(236, locale), pressure(242, locale)])], st,
                    tags=["paraphrase", "fresh"])
                continue
            if intent == "tire_low":
                must = [pick(locale, "front right", "vorne rechts", "右前"), pressure(175, locale)]
                add(locale, "tyres", [turn(say, "tire_pressure", must)], st, tags=["paraphrase", "fresh"])
                continue
            must, must_not, no_num = facts(intent, locale, state_with(st))
            add(locale, TOPIC_OF[intent], [turn(say, intent, must, must_not, no_num)], st, tags=["paraphrase", "fresh"])
    fresh_reach = {"en-US": [("will i have enough battery to get home its about forty miles", True),
                             ("do i have enough range for a hundred and fifty mile drive", True)],
                   "de-DE": [("komme ich damit noch nach hause das sind etwa sechzig kilometer", True)],
                   "zh-CN": [("这点电能开回家吗大概六十公里", True), ("续航够不够跑一百五十公里", True)]}
    for locale, items in fresh_reach.items():
        for say, yes in items:
            add(locale, "range_charge", [turn(say, "can_reach", [pick(locale, "yes", "ja", "可以"), dist(412000, locale)])],
                tags=["numbers", "fresh"])
    fresh_oos = {"en-US": ["turn on the heated seats", "set temperature to seventy two", "navigate to the nearest gas station",
                           "find a charging station", "how's traffic", "how's the weather outside"],
                 "de-DE": ["mach die fenster zu", "navigiere nach hause", "wo ist die nächste ladestation", "wie ist der verkehr"],
                 "zh-CN": ["帮我把车窗关上", "导航回家", "附近有没有充电站", "路况怎么样"]}
    for locale, items in fresh_oos.items():
        for say in items:
            add(locale, "out_of_scope", [turn(say, "out_of_scope", [DECLINE[lang(locale)]], [], True)], tags=["out_of_scope", "fresh"])

    # "How's the car?": an overview, what needs attention first.
    overview = {"en-US": "hows my car doing", "en-GB": "give me a status report", "de-DE": "ist mit dem auto alles in ordnung",
                "zh-CN": "车况怎么样"}
    for locale, say in overview.items():
        st = {"Vehicle.Cabin.Telltale.OilPressure.IsOn": True}
        add(locale, "warnings_codes", [turn(say, "overview", [pick(locale, "oil pressure", "öldruck", "机油压力"),
                                                             pct(78, locale)])], st, tags=["paraphrase"])
        add(locale, "range_charge", [turn(say, "overview", [pct(78, locale), dist(412000, locale)])], tags=["paraphrase"])

    # English words inside German and Chinese requests (code-switching).
    for locale, say, intent in [("de-DE", "wie ist die range", "range"), ("de-DE", "wie ist der tire pressure", "tire_pressure_all"),
                                ("zh-CN", "range多少", "range"), ("zh-CN", "battery还有多少", "battery_level"),
                                ("zh-CN", "tire pressure怎么样", "tire_pressure_all")]:
        must, must_not, no_num = facts(intent, locale, state_with())
        add(locale, TOPIC_OF[intent], [turn(say, INTENT_OF.get(intent, intent), must, must_not, no_num)], tags=["asr"])

    # Out of scope, written here (the SLURP set is added by the script at run time).
    for locale in LOCALES:
        for say in phr(OUT_OF_SCOPE, locale):
            add(locale, "out_of_scope", [turn(say, "out_of_scope", [DECLINE[lang(locale)]], [], True)], tags=["out_of_scope"])


if __name__ == "__main__":
    build()
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "cases.jsonl"), "w", encoding="utf-8") as f:
        for c in CASES:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
    turns = sum(len(c["turns"]) for c in CASES)
    print(f"{len(CASES)} conversations, {turns} utterances")
