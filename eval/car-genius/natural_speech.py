#!/usr/bin/env python3
"""Writes eval/car-genius/natural-speech.jsonl: the natural-speech rounds of issue 12.

Each round is written, committed, and only then run through the engine; the first run's figures are
frozen in eval/car-genius/first-runs.json (scripts/eval-car-genius --record-first-run) and reported next
to the current ones, because the first run is the honest figure for unseen speech. Misses are fixed
only by general means (a slot, a rule, a fallback, a word class), never by adding a round's sentences.

Every case carries the round (`ns1`, `ns2`, ...) and one kind from issue 12 as tags:
  colloquial       indirect and colloquial questions ("how far has this thing gone in total")
  symbol           a warning lamp described by its symbol, not its name
  reference        questions that point back or pick among items ("which tyre is worst")
  aspect_followup  a follow-up that changes an aspect of the last topic ("and in the cabin")
  unit_followup    a follow-up that changes the unit ("say that in km/h")
  two_questions    two questions in one turn; both halves must be answered
  advice           "so what now" after a warning or a low tyre: what to do, not the status again
  implied_warning  the warning question answered from what implies a warning (a low flag, a fault code)
  language_switch  a question in another language than the session's: answered in the language used
Written as speech recognisers output: lower case, no punctuation, fillers, slips.
Same format as cases.jsonl. Run: python3 eval/car-genius/natural_speech.py
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from heldout_style import (BASE, CHARGING, KPA_PER_PSI, LOCALES, MILE, MOVING, NOT_AVAILABLE, celsius, fmt,  # noqa: E402
                           km_or_miles, kpa, lang, percent, state, t, w)

CASES = []
P = "Vehicle.Chassis.Axle."
D = "Vehicle.Cabin.Door."
TT = "Vehicle.Cabin.Telltale."


def case(locale, topic, kind, rnd, turns, set_=None, unset=()):
    n = len([c for c in CASES if c["locale"] == locale and c["topic"] == topic]) + 1
    CASES.append({"id": f"ns-{locale}-{topic}-{n}", "locale": locale, "topic": topic, "tags": ["natural", rnd, kind],
                  "state": state(set_, unset), "turns": turns})


def ns1():
    """Round 1: one or two of every kind per locale, on the heldout-style car (43 %, 201 km, cold morning)."""
    r = "ns1"
    for L in LOCALES:
        soc, rng = percent(43, L), km_or_miles(201000, L)
        # Colloquial and indirect.
        case(L, "driving", "colloquial", r, [t(w(L, "how far has this thing gone in total", "wie viel hat die karre schon runter",
                                                  "这车一共跑了多少了"), "odometer", [km_or_miles(15342000, L)])])
        case(L, "charging", "colloquial", r, [t(w(L, "uh is the plug still in", "hängt der stecker noch dran", "枪还插着吗"),
                                                "charging_status", [w(L, "charging|plugged|connected", "lädt|angesteckt|verbunden",
                                                                      "充电|插")])], set_=CHARGING)
        case(L, "warnings_codes", "colloquial", r, [t(w(L, "am i in trouble here", "hab ich ein problem mit dem auto",
                                                          "车是不是出毛病了"), "warnings",
                                                        [w(L, "tire pressure|tyre pressure|rear left", "reifendruck|hinten links",
                                                           "胎压|左后")])],
             set_={TT + "TirePressure.IsOn": True, P + "Row2.Wheel.Left.Tire.Pressure": 165})
        case(L, "range_charge", "colloquial", r, [t(w(L, "is there enough juice left to get anywhere", "ist noch saft drin",
                                                        "还有多少电啊"), "battery_level", [soc])])
        # A lamp by its symbol.
        case(L, "warnings_codes", "symbol", r, [t(w(L, "theres a little engine shaped light on", "da leuchtet so ein motor symbol",
                                                      "仪表上有个发动机形状的灯亮了"), "warnings",
                                                    [w(L, "check engine|engine", "motor", "发动机")])],
             set_={TT + "Powertrain.IsOn": True, "Vehicle.OBD.Status.IsMILOn": True})
        case(L, "warnings_codes", "symbol", r, [t(w(L, "whats the exclamation mark in a horseshoe thing",
                                                      "was bedeutet das ausrufezeichen in dem hufeisen",
                                                      "那个马蹄形里面一个感叹号的灯是什么"), "warnings",
                                                    [w(L, "tire pressure|tyre pressure", "reifendruck", "胎压")])],
             set_={TT + "TirePressure.IsOn": True})
        case(L, "warnings_codes", "symbol", r, [t(w(L, "what's the red battery symbol mean", "warum ist das batteriesymbol rot",
                                                      "电瓶图标的灯亮了什么意思"), "warnings",
                                                    [w(L, "battery", "batterie|ladekontroll", "蓄电池|电瓶")])],
             set_={TT + "LowVoltageBattery.IsOn": True})
        # References.
        case(L, "tyres", "reference", r, [t(w(L, "which tire is the worst", "welcher reifen ist am schlechtesten",
                                              "哪个轮胎最差", gb="which tyre is the worst"), "tire_pressure",
                                            [w(L, "rear left", "hinten links", "左后"), kpa(190, L)])],
             set_={P + "Row2.Wheel.Left.Tire.Pressure": 190})
        case(L, "tyres", "reference", r, [t(w(L, "front left tire pressure", "reifendruck vorne links", "左前轮胎压",
                                              gb="front left tyre pressure"), "tire_pressure", [kpa(229, L)]),
                                          t(w(L, "and the one on the other side", "und der auf der anderen seite", "另一边那个呢"),
                                            "tire_pressure", [w(L, "front right", "vorne rechts", "右前"), kpa(232, L)])])
        # Aspect follow-ups.
        case(L, "temperatures", "aspect_followup", r, [t(w(L, "how cold is it outside", "wie kalt ist es draußen", "外面多冷"),
                                                         "outside_temperature", [celsius(7, L)]),
                                                       t(w(L, "what about in the cabin", "und im innenraum", "里面呢"),
                                                         "cabin_temperature", [celsius(20, L)])])
        case(L, "tyres", "aspect_followup", r, [t(w(L, "how are the tire pressures", "wie ist der reifendruck", "胎压怎么样",
                                                    gb="how are the tyre pressures"), "tire_pressure", [kpa(226, L)]),
                                                  t(w(L, "and the temperatures", "und die temperaturen", "温度呢"), "tire_temperature",
                                                    [celsius(13, L)])])
        case(L, "openings", "aspect_followup", r, [t(w(L, "are the doors shut", "sind die türen zu", "门都关了吗"), "doors",
                                                     [w(L, "closed", "zu|geschlossen", "关")]),
                                                   t(w(L, "what about the windows", "und die fenster", "车窗呢"), "windows",
                                                     [w(L, "open", "offen", "开")])],
             set_={D + "Row1.DriverSide.Window.IsOpen": True})
        # Unit follow-ups.
        case(L, "driving", "unit_followup", r, [t(w(L, "how fast am i going", "wie schnell fahre ich", "我现在开多快"), "speed",
                                                  [w(L, "55", "88", "88")]),
                                                t(w(L, "say that in kilometers per hour", "und in meilen pro stunde", "换成英里呢"),
                                                  "speed", [w(L, "88", "55", "55")])], set_=MOVING)
        case(L, "range_charge", "unit_followup", r, [t(w(L, "whats my range", "wie ist die reichweite", "续航多少"), "range", [rng]),
                                                     t(w(L, "in kilometers please", "in meilen bitte", "用英里说"), "range",
                                                       [w(L, "201", "125", "125")])])
        # Two questions in one turn.
        case(L, "range_charge", "two_questions", r, [t(w(L, "whats my charge and is the hood closed", "wie voll ist der akku und ist die haube zu",
                                                         "电量多少 前机盖关了吗", gb="whats my charge and is the bonnet closed"),
                                                       "battery_level", [soc, w(L, "hood|bonnet", "haube", "机盖|引擎盖")])])
        case(L, "openings", "two_questions", r, [t(w(L, "are the doors locked and how warm is it inside",
                                                     "sind die türen verriegelt und wie warm ist es drinnen",
                                                     "车门锁了吗 车里多少度"), "locks",
                                                   [w(L, "locked", "verriegelt|abgeschlossen", "锁"), celsius(20, L)])])
        # Advice.
        case(L, "tyres", "advice", r, [t(w(L, "is one of my tires low", "ist ein reifen platt", "有轮胎气不足吗",
                                           gb="is one of my tyres low"), "tire_pressure", [w(L, "rear right", "hinten rechts", "右后")]),
                                         t(w(L, "so what should i do now", "und was soll ich jetzt machen", "那我该怎么办"), "advice",
                                           [w(L, "pump|inflate|air|check|fill", "aufpump|luft|prüfen|füll", "充气|打气|检查")])],
             set_={P + "Row2.Wheel.Right.Tire.Pressure": 160, TT + "TirePressure.IsOn": True})
        case(L, "warnings_codes", "advice", r, [t(w(L, "why is the brake light on", "warum leuchtet die bremswarnleuchte", "刹车警告灯为什么亮了"),
                                                  "warnings", [w(L, "brake", "brems", "制动|刹车")]),
                                                t(w(L, "can i keep going like this", "kann ich so weiterfahren", "还能继续开吗"), "advice",
                                                  [w(L, "stop", "anhalten", "停车")])],
             set_={TT + "BrakeFluid.IsOn": True})
        # Warnings from what the car has.
        case(L, "warnings_codes", "implied_warning", r, [t(w(L, "why is there a light on", "warum leuchtet da was", "为什么有个灯亮着"),
                                                           "warnings", [w(L, "washer", "wischwasser|waschwasser|scheibenwasch", "玻璃水|清洗液")])],
             set_={"Vehicle.Body.Windshield.Front.WasherFluid.IsLevelLow": True})
        case(L, "warnings_codes", "implied_warning", r, [t(w(L, "check engine light is on what is it", "die motorkontrollleuchte ist an was hat er",
                                                             "发动机灯亮了 是什么问题"), "warnings", ["P0420"])],
             set_={"Vehicle.OBD.Status.IsMILOn": True, "Vehicle.OBD.DTCList": ["P0420"]})
        # Switching language mid-session.
        other = {"en": ("还能开多远", km_or_miles(201000, "zh-CN")), "de": ("how much battery is left", percent(43, "en-US")),
                 "zh": ("wie weit komme ich noch", km_or_miles(201000, "de-DE"))}[lang(L)]
        case(L, "range_charge", "language_switch", r, [t(other[0], None, [other[1]])])


def ns2():
    """Round 2: written after ns1's fixes and before the engine ran on it; other states (moving, charging,
    a low tyre, lamps), other wordings of every kind."""
    r = "ns2"
    for L in LOCALES:
        soc, rng = percent(43, L), km_or_miles(201000, L)
        # Colloquial and indirect.
        case(L, "range_charge", "colloquial", r, [t(w(L, "think ill make it home on what ive got its like thirty miles",
                                                      "komm ich mit dem was drin ist noch heim sind so fünfzig kilometer",
                                                      "剩下的电够我回家吗 大概五十公里"), "can_reach",
                                                    [w(L, "yes", "ja", "可以|够")])])
        case(L, "tyres", "colloquial", r, [t(w(L, "do the tires look alright to you", "passt das mit den reifen",
                                               "轮胎有没有问题", gb="do the tyres look alright to you"), "tire_pressure",
                                             [kpa(226, L)])])
        case(L, "openings", "colloquial", r, [t(w(L, "did i leave the back open", "hab ich hinten den kofferraum aufgelassen",
                                                  "后备箱是不是没关"), "trunk", [w(L, "open", "offen|auf", "开")])],
             set_={"Vehicle.Body.Trunk.Rear.IsOpen": True})
        case(L, "battery_12v", "colloquial", r, [t(w(L, "is the little twelve volt one ok", "wie fit ist die kleine batterie",
                                                     "小电瓶还行吗"), "low_voltage_battery", [fmt(12.3, L, 1) + " V"])])
        # Symbols.
        case(L, "warnings_codes", "symbol", r, [t(w(L, "theres a thermometer thing glowing red", "da ist so ein thermometer rot",
                                                      "有个温度计一样的灯亮了"), "warnings",
                                                    [w(L, "temperature|overheat", "temperatur|überhitzt", "水温|过热")])],
             set_={TT + "CoolantTemperature.IsOn": True})
        case(L, "warnings_codes", "symbol", r, [t(w(L, "the little spanner is showing", "da ist ein schraubenschlüssel im display",
                                                      "仪表上出现了一个扳手"), "warnings",
                                                    [w(L, "service", "service", "保养")])],
             set_={TT + "Service.IsOn": True})
        case(L, "warnings_codes", "symbol", r, [t(w(L, "whats the orange guy with the ball in front of him",
                                                      "was ist das männchen mit dem kreis davor", "一个小人前面有个圆的灯是什么"),
                                                    "warnings", [w(L, "airbag", "airbag", "气囊")])],
             set_={TT + "Airbag.IsOn": True})
        # References.
        case(L, "tyres", "reference", r, [t(w(L, "which one is lowest", "welcher hat am wenigsten luft", "哪个轮胎气最少"),
                                            "tire_pressure", [w(L, "rear left", "hinten links", "左后")])],
             set_={P + "Row2.Wheel.Left.Tire.Pressure": 180})
        case(L, "openings", "reference", r, [t(w(L, "is the drivers door open", "ist die fahrertür offen", "主驾车门开着吗"), "doors",
                                               [w(L, "closed", "zu|geschlossen", "关")]),
                                             t(w(L, "and the one behind it", "und die dahinter", "那后面那个呢"), "doors",
                                               [w(L, "open", "offen", "开")])],
             set_={D + "Row2.DriverSide.IsOpen": True})
        # Aspect follow-ups.
        case(L, "temperatures", "aspect_followup", r, [t(w(L, "hows the temperature in here", "wie warm ist es im auto", "车里多少度"),
                                                         "cabin_temperature", [celsius(20, L)]),
                                                       t(w(L, "and out there", "und draußen", "外面呢"), "outside_temperature",
                                                         [celsius(7, L)])])
        case(L, "range_charge", "aspect_followup", r, [t(w(L, "hows the battery", "wie voll ist die batterie", "电池还有多少"),
                                                         "battery_level", [soc]),
                                                       t(w(L, "and how warm is it", "und wie warm ist sie", "温度呢"),
                                                         "battery_temperature", [celsius(19, L)])])
        # Unit follow-ups.
        case(L, "tyres", "unit_followup", r, [t(w(L, "front right tire pressure", "reifendruck vorne rechts", "右前胎压",
                                                  gb="front right tyre pressure"), "tire_pressure", [kpa(232, L)]),
                                                t(w(L, "whats that in bar", "und in psi", "换算成psi是多少"), "tire_pressure",
                                                  [w(L, "2.3 bar", "34 psi", "34 psi")])])
        case(L, "driving", "unit_followup", r, [t(w(L, "how many miles have we done on this trip", "wie weit sind wir heute gefahren",
                                                    "这趟开了多远"), "trip", [km_or_miles(123000, L)]),
                                                  t(w(L, "in kilometres", "in meilen", "换成英里"), "trip",
                                                    [w(L, "123 km", "76 Meilen", "76英里")])])
        # Two questions.
        case(L, "charging", "two_questions", r, [t(w(L, "is it charging and when will it be done", "lädt er und wann ist er voll",
                                                     "在充电吗 还要多久充满"), "charging_status",
                                                   [w(L, "charging", "lädt", "充电"), w(L, "30 minutes", "30 Minuten", "30分钟")])],
             set_=CHARGING)
        case(L, "openings", "two_questions", r, [t(w(L, "is the sunroof shut and are the lights off",
                                                     "ist das schiebedach zu und ist das licht aus", "天窗关了吗 还有灯关了没"),
                                                   "sunroof", [w(L, "closed", "geschlossen|zu", "关"), w(L, "off", "aus", "关")])])
        # Advice.
        case(L, "warnings_codes", "advice", r, [t(w(L, "whats that light", "was leuchtet da", "那个灯是什么"), "warnings",
                                                  [w(L, "oil", "öl", "机油")]),
                                                t(w(L, "is that serious", "ist das schlimm", "严重吗"), "advice",
                                                  [w(L, "stop", "anhalten", "停车")])],
             set_={TT + "OilPressure.IsOn": True})
        case(L, "tyres", "advice", r, [t(w(L, "my tire pressure light is on is it safe to keep driving",
                                           "reifendruckwarnung ist an kann ich weiterfahren", "胎压灯亮了还能继续开吗",
                                           gb="my tyre pressure light is on is it safe to keep driving"), None,
                                         [w(L, "rear right", "hinten rechts", "右后")])],
             set_={P + "Row2.Wheel.Right.Tire.Pressure": 165, TT + "TirePressure.IsOn": True})
        # Implied warnings.
        case(L, "warnings_codes", "implied_warning", r, [t(w(L, "anything i should know about", "gibt es irgendwelche warnungen",
                                                             "车有什么警告吗"), "warnings",
                                                           [w(L, "service", "service", "保养")])],
             set_={"Vehicle.Service.IsServiceDue": True})
        case(L, "warnings_codes", "implied_warning", r, [t(w(L, "is something wrong with the car", "stimmt was mit dem auto nicht",
                                                             "车子有什么毛病吗"), "warnings", ["P0171"])],
             set_={"Vehicle.OBD.DTCList": ["P0171"]})
        # Language switches.
        other = {"en": ("wie viel prozent hat der akku", percent(43, "de-DE")), "de": ("车门都锁了吗", "锁"),
                 "zh": ("are the doors locked", "locked")}[lang(L)]
        case(L, "openings", "language_switch", r, [t(other[0], None, [other[1]])])


def ns3():
    """Round 3: written after ns2's fixes and before the engine ran on it; heavier fillers and slips, more
    indirect wording, follow-ups two turns deep."""
    r = "ns3"
    for L in LOCALES:
        soc, rng = percent(43, L), km_or_miles(201000, L)
        # Colloquial and indirect.
        case(L, "range_charge", "colloquial", r, [t(w(L, "um so like how much farther before im stranded",
                                                      "ähm wie lange reicht der strom noch so kilometermäßig",
                                                      "呃 这电还能撑多少公里"), "range", [rng])])
        case(L, "charging", "colloquial", r, [t(w(L, "is she juicing up or what", "zieht er grad strom", "在充着没"),
                                                "charging_status", [w(L, "charging", "lädt", "充电")],
                                                [w(L, "not charging", "lädt nicht", "没有在充")])], set_=CHARGING)
        case(L, "openings", "colloquial", r, [t(w(L, "is the car all buttoned up", "ist die kiste dicht", "车都关好锁好了吗"),
                                                None, [w(L, "locked|closed", "verriegelt|zu|geschlossen|abgeschlossen", "锁|关")])])
        case(L, "temperatures", "colloquial", r, [t(w(L, "is it freezing out there or what", "ist es draußen arschkalt",
                                                      "外头冻不冻"), "outside_temperature", [celsius(7, L)])])
        # Symbols.
        case(L, "warnings_codes", "symbol", r, [t(w(L, "theres a yellow light like a car with wiggly lines behind it",
                                                      "da ist ein auto mit schlangenlinien an", "有个车后面带弯弯曲曲线的灯"),
                                                    "warnings", [w(L, "stability", "esp", "稳定")])],
             set_={"Vehicle.ADAS.ESC.IsError": True})
        case(L, "warnings_codes", "symbol", r, [t(w(L, "what does the little oil can light mean", "was heißt die ölkanne",
                                                      "那个油壶一样的灯是啥意思"), "warnings",
                                                    [w(L, "oil", "öl", "机油")])],
             set_={TT + "OilPressure.IsOn": True})
        # References.
        case(L, "tyres", "reference", r, [t(w(L, "rear right tire pressure", "reifendruck hinten rechts", "右后胎压",
                                              gb="rear right tyre pressure"), "tire_pressure", [kpa(234, L)]),
                                          t(w(L, "and the opposite one", "und gegenüber", "对面那个呢"), "tire_pressure",
                                            [w(L, "rear left", "hinten links", "左后"), kpa(226, L)]),
                                          t(w(L, "and the front ones", "und vorne", "前面两个呢"), "tire_pressure",
                                            [kpa(229, L), kpa(232, L)])])
        case(L, "openings", "reference", r, [t(w(L, "is the passenger window open", "ist das beifahrerfenster offen",
                                                 "副驾车窗开着吗"), "windows", [w(L, "open", "offen", "开")]),
                                             t(w(L, "what about the one behind", "und das dahinter", "后面那个呢"), "windows",
                                               [w(L, "closed", "zu|geschlossen", "关")])],
             set_={D + "Row1.PassengerSide.Window.IsOpen": True})
        # Aspect follow-ups.
        case(L, "tyres", "aspect_followup", r, [t(w(L, "how hot are the tires", "wie warm sind die reifen", "轮胎温度多少",
                                                    gb="how hot are the tyres"), "tire_temperature", [celsius(13, L)]),
                                                  t(w(L, "and the pressure", "und der druck", "气压呢"), "tire_pressure",
                                                    [kpa(226, L)])])
        case(L, "openings", "aspect_followup", r, [t(w(L, "are all the windows up", "sind alle fenster zu", "车窗都关了吗"),
                                                     "windows", [w(L, "closed", "zu|geschlossen", "关")]),
                                                   t(w(L, "and the boot", "und der kofferraum", "后备箱呢", gb="and the boot"),
                                                     "trunk", [w(L, "closed", "zu|geschlossen", "关")])])
        # Unit follow-ups.
        case(L, "temperatures", "unit_followup", r, [t(w(L, "whats the outside temp", "wie warm ist es draußen", "外面几度"),
                                                       "outside_temperature", [celsius(7, L)]),
                                                     t(w(L, "in celsius please", "und in fahrenheit", "华氏度是多少"),
                                                       "outside_temperature",
                                                       [w(L, "7", "45", "45")])])
        # Two questions.
        case(L, "range_charge", "two_questions", r, [t(w(L, "how far can i go and are the tires ok",
                                                         "wie weit komme ich und sind die reifen ok", "能跑多远 轮胎怎么样",
                                                         gb="how far can i go and are the tyres ok"), "range",
                                                       [rng, kpa(226, L)])])
        case(L, "openings", "two_questions", r, [t(w(L, "uh is the trunk closed and also the hood",
                                                     "ist der kofferraum zu und die motorhaube auch", "后备箱关了吗 还有引擎盖",
                                                     gb="uh is the boot closed and also the bonnet"), "trunk",
                                                   [w(L, "trunk|boot", "kofferraum", "后备箱"), w(L, "hood|bonnet", "haube", "机盖|引擎盖")])])
        # Advice.
        case(L, "battery_12v", "advice", r, [t(w(L, "my battery light came on what do i do", "batterieleuchte ist an was mach ich",
                                                 "电瓶灯亮了怎么办"), None,
                                               [w(L, "workshop", "werkstatt", "维修")])],
             set_={TT + "LowVoltageBattery.IsOn": True})
        case(L, "warnings_codes", "advice", r, [t(w(L, "anything wrong with the car", "ist was mit dem auto", "车有问题吗"),
                                                  "warnings", [w(L, "no warning", "keine", "没有")]),
                                                t(w(L, "so im good to go", "also kann ich fahren", "那就可以开了吧"), "advice",
                                                  [w(L, "keep driving|good to", "weiterfahren", "继续开")])])
        # Implied warnings.
        case(L, "warnings_codes", "implied_warning", r, [t(w(L, "whats the warning about", "was ist das für eine warnung",
                                                             "这是什么警告"), "warnings",
                                                           [w(L, "washer", "wischwasser", "玻璃水")])],
             set_={"Vehicle.Body.Windshield.Front.WasherFluid.IsLevelLow": True})
        case(L, "warnings_codes", "implied_warning", r, [t(w(L, "why is the engine light on", "warum leuchtet die motorleuchte",
                                                             "发动机灯为什么亮"), "warnings", ["P0301"])],
             set_={TT + "Powertrain.IsOn": True, "Vehicle.OBD.DTCList": ["P0301"]})
        # Language switches.
        other = {"en": ("ist der kofferraum zu", "zu|geschlossen"), "de": ("后备箱关了吗", "关"),
                 "zh": ("is the boot shut", "closed")}[lang(L)]
        case(L, "openings", "language_switch", r, [t(other[0], "trunk", [other[1]])])


def ns4():
    """Round 4: written after ns3's fixes and before the engine ran on it; symbols not yet described (a
    windscreen with a spray, a circle with brackets, a thermometer in waves), picks by superlative and by
    position, aspect and unit switches on other topics, regional and spoken wording, restarts."""
    r = "ns4"
    for L in LOCALES:
        soc, rng = percent(43, L), km_or_miles(201000, L)
        # Colloquial and indirect.
        case(L, "driving", "colloquial", r, [t(w(L, "so how many miles has this old thing racked up", "wie viele kilometer hat die kiste jetzt aufm buckel",
                                                  "这老伙计到现在一共跑了多少路了", gb="whats she done mileage wise all in"),
                                                "odometer", [km_or_miles(15342000, L)])])
        case(L, "charging", "colloquial", r, [t(w(L, "ugh how much longer am i gonna be sitting here at the charger",
                                                  "wie lang muss ich hier noch rumstehen bis der voll ist", "还得在这儿干等多久才能充满",
                                                  gb="how much longer am i stuck here waiting for it to fill up"), "charge_time",
                                                [w(L, "1 hour", "1 Stunde", "1小时"), w(L, "30 minutes", "30 Minuten", "30分钟")])],
             set_=CHARGING)
        case(L, "lights", "colloquial", r, [t(w(L, "did i uh did i leave my headlights burning", "brennt da noch irgendwo licht am auto",
                                                "那个 大灯还亮着没有", gb="have i gone and left me lights on"), "lights",
                                              [w(L, "off", "aus", "关|没")])])
        # Symbols.
        case(L, "warnings_codes", "symbol", r, [t(w(L, "theres a light thats like a windshield with a little fountain spraying on it",
                                                      "was ist das symbol mit der scheibe und dem springbrunnen drauf",
                                                      "有个像挡风玻璃在喷水的图标亮了",
                                                      gb="whats the symbol thats a windscreen with a spray coming up"), "warnings",
                                                    [w(L, "washer", "wischwasser|waschwasser|scheibenwasch", "玻璃水|清洗液")])],
             set_={"Vehicle.Body.Windshield.Front.WasherFluid.IsLevelLow": True})
        case(L, "warnings_codes", "symbol", r, [t(w(L, "whats the circle with the exclamation point and the brackets on either side",
                                                      "ähm ein ausrufezeichen im kreis mit so klammern links und rechts was is das",
                                                      "圆圈里一个感叹号 两边还有括号 那是啥灯",
                                                      gb="the one with a circle and an exclamation mark and like little brackets round it"),
                                                    "warnings", [w(L, "brake", "brems", "制动|刹车")])],
             set_={TT + "BrakeFluid.IsOn": True})
        case(L, "warnings_codes", "symbol", r, [t(w(L, "um theres a red thermometer sitting in like wavy water",
                                                      "da ist ein thermometer in wellen rot angegangen", "一个温度计泡在波浪里的红灯亮了",
                                                      gb="theres a thermometer in some waves lit up red"), "warnings",
                                                    [w(L, "temperature|overheat|coolant", "temperatur|überhitz|kühl", "水温|过热|冷却")])],
             set_={TT + "CoolantTemperature.IsOn": True})
        # References.
        case(L, "tyres", "reference", r, [t(w(L, "out of all four which tires the softest", "welcher von den vier reifen ist am schlappsten",
                                              "四个轮胎里头哪个气最不足", gb="which tyres the flattest out of the four"), "tire_pressure",
                                            [w(L, "front right", "vorne rechts", "右前"), kpa(185, L)])],
             set_={P + "Row1.Wheel.Right.Tire.Pressure": 185})
        case(L, "tyres", "reference", r, [t(w(L, "which tires running the warmest right now", "welcher reifen ist grad am wärmsten",
                                              "哪个轮胎温度最高", gb="which tyre is running hottest"), "tire_temperature",
                                            [w(L, "rear right", "hinten rechts", "右后"), celsius(16, L)])])
        case(L, "openings", "reference", r, [t(w(L, "the back window on the drivers side is that one down",
                                                 "ist das fenster hinten auf der fahrerseite unten", "主驾后面那扇窗开着没",
                                                 gb="is the rear window behind me open"), "windows",
                                               [w(L, "closed", "zu|geschlossen", "关")]),
                                             t(w(L, "okay and the one in front of it", "und das davor", "那它前面那个呢",
                                                 gb="right and the one ahead of it"), "windows",
                                               [w(L, "open", "offen|unten", "开")])],
             set_={D + "Row1.DriverSide.Window.IsOpen": True})
        # Aspect follow-ups.
        case(L, "range_charge", "aspect_followup", r, [t(w(L, "uh what percent am i sitting at", "auf wie viel prozent steh ich grad",
                                                           "电量掉到几成了", gb="whats the battery on percentage wise"),
                                                         "battery_level", [soc]),
                                                       t(w(L, "and how far will that take me", "und wie weit langt das",
                                                           "那这点电够跑多远", gb="and how many miles is that good for"), "range", [rng])])
        case(L, "driving", "aspect_followup", r, [t(w(L, "whats the grand total mileage on this", "was hat er insgesamt auf der uhr",
                                                      "这车从买来到现在跑了多少", gb="how many miles has it done in its life"),
                                                    "odometer", [km_or_miles(15342000, L)]),
                                                  t(w(L, "and just since this morning", "und nur die fahrt heute", "那今天这一趟呢",
                                                      gb="and todays trip"), "trip", [km_or_miles(123000, L)])])
        case(L, "openings", "aspect_followup", r, [t(w(L, "did the windows all get rolled up", "sind die scheiben alle oben",
                                                       "窗户都摇上了没", gb="windows all wound up are they"), "windows",
                                                     [w(L, "closed", "zu|geschlossen", "关")]),
                                                   t(w(L, "what about the roof", "und das dach", "天窗那个呢", gb="and the sunroof"),
                                                     "sunroof", [w(L, "open", "offen", "开"), percent(40, L)])],
             set_={"Vehicle.Cabin.Sunroof.Position": 40})
        # Unit follow-ups.
        case(L, "driving", "unit_followup", r, [t(w(L, "whats the speedo reading right now", "was zeigt der tacho gerade",
                                                    "我这会儿开多快了", gb="what am i doing on the speedo"), "speed",
                                                  [w(L, "55", "88", "88")]),
                                                t(w(L, "how much is that in kilometers an hour", "wie viel wär das in mph",
                                                    "按英制算是多少", gb="and in kph"), "speed", [w(L, "88", "55", "55")])],
             set_=MOVING)
        case(L, "temperatures", "unit_followup", r, [t(w(L, "how toasty is it in here", "wie warm ist es hier drinnen grad",
                                                         "车里这会儿几度", gb="how warm have we got it in the cabin"),
                                                       "cabin_temperature", [celsius(20, L)]),
                                                     t(w(L, "what would that be in celsius", "und was wär das in fahrenheit",
                                                         "华氏的话是多少", gb="whats that in old money fahrenheit"),
                                                       "cabin_temperature", [w(L, "20", "68", "68", gb="68")])])
        # Two questions in one turn.
        case(L, "tyres", "two_questions", r, [t(w(L, "hows the tire pressure and did i shut the the trunk",
                                                  "passt der luftdruck und hab ich den kofferraum zugemacht", "轮胎气够不够 还有后备箱我关了没",
                                                  gb="tyres alright and did i shut the boot properly"), "tire_pressure",
                                                [kpa(226, L), w(L, "open", "offen|auf", "开")])],
             set_={"Vehicle.Body.Trunk.Rear.IsOpen": True})
        case(L, "temperatures", "two_questions", r, [t(w(L, "how many degrees out there and uh whats the pack temp",
                                                         "ähm draußen wie viel grad und der akku wie warm is der", "室外多冷 还有电池多少度",
                                                         gb="bit nippy out how cold is it and hows the battery temp"),
                                                       "outside_temperature", [celsius(7, L), celsius(19, L)])])
        case(L, "brake_gear", "two_questions", r, [t(w(L, "uh its in park right and the parking brake is on",
                                                       "steht er auf p und ist die handbremse gezogen", "挂的是P挡吧 手刹也拉上了吧",
                                                       gb="is it in park and have i got the handbrake on"), "gear",
                                                     [w(L, "park", " P", "P挡|驻车"), w(L, "on|engaged|set", "angezogen|gezogen", "拉起|拉上")])])
        # Advice.
        case(L, "warnings_codes", "advice", r, [t(w(L, "hang on something red just came on whats that",
                                                      "moment da ist grad was rotes angegangen was ist das", "诶 刚亮了个红灯 是啥",
                                                      gb="hang on summats just come on red whats that"), "warnings",
                                                    [w(L, "temperature|overheat|coolant", "temperatur|überhitz|kühl", "水温|过热|冷却")]),
                                                  t(w(L, "do i need to pull over", "muss ich rechts ran", "要不要靠边停",
                                                      gb="should i pull in"), "advice",
                                                    [w(L, "stop|pull over", "anhalten|halten|abstellen", "停车|停下|靠边")])],
             set_=dict(MOVING, **{TT + "CoolantTemperature.IsOn": True}))
        case(L, "tyres", "advice", r, [t(w(L, "is there a tire going soft", "ist bei einem reifen die luft raus", "是不是有个胎瘪了",
                                           gb="have i got a tyre going down"), "tire_pressure",
                                         [w(L, "front left", "vorne links", "左前")]),
                                       t(w(L, "right so what do i do about it", "okay und jetzt", "那现在咋整",
                                           gb="right so whats the plan then"), "advice",
                                         [w(L, "pump|inflate|air|check|fill", "aufpump|luft|prüfen|füll", "充气|打气|检查")])],
             set_={P + "Row1.Wheel.Left.Tire.Pressure": 170, TT + "TirePressure.IsOn": True})
        case(L, "warnings_codes", "advice", r, [t(w(L, "theres an airbag warning whats up with that", "airbag leuchte brennt was heißt das",
                                                      "气囊灯一直亮着是咋回事", gb="the airbag lights come on whats that about"),
                                                    "warnings", [w(L, "airbag", "airbag", "气囊")]),
                                                  t(w(L, "is it okay if i just ignore it", "kann ich das einfach ignorieren", "不管它行不行",
                                                      gb="can i just leave it"), "advice",
                                                    [w(L, "workshop|garage|dealer|service|checked", "werkstatt|prüfen", "维修|检查|4S店")])],
             set_={TT + "Airbag.IsOn": True})
        # Warnings from what the car has.
        case(L, "warnings_codes", "implied_warning", r, [t(w(L, "something keeps flagging on the dash whats going on",
                                                             "da meldet sich irgendwas im display was ist los", "仪表上好像报了个什么 是咋回事",
                                                             gb="theres something flagging up on the dash whats that about"),
                                                           "warnings", ["P0442"])],
             set_={"Vehicle.OBD.DTCList": ["P0442"]})
        case(L, "warnings_codes", "implied_warning", r, [t(w(L, "how come ive got a yellow light on", "wieso leuchtet da was gelbes",
                                                             "怎么有个黄灯亮着", gb="why have i got a little amber light on"),
                                                           "warnings", [w(L, "washer", "wischwasser|waschwasser|scheibenwasch", "玻璃水|清洗液")])],
             set_={"Vehicle.Body.Windshield.Front.WasherFluid.IsLevelLow": True})
        case(L, "warnings_codes", "implied_warning", r, [t(w(L, "the car keeps nagging me about something what does it want",
                                                             "das auto meckert wegen irgendwas was will es", "车一直在提醒什么东西 是啥",
                                                             gb="its been pestering me about something whats it want"),
                                                           "warnings", [w(L, "service", "service|wartung|inspektion", "保养")])],
             set_={"Vehicle.Service.IsServiceDue": True})
        # Switching language mid-session.
        for say, intent, fact in {
                "en-US": [("后面两个胎气压多少", "tire_pressure", kpa(226, "zh-CN")),
                          ("wie viel strom ist noch im akku", "battery_level", percent(43, "de-DE"))],
                "en-GB": [("咱们这趟出来跑了多远了", "trip", km_or_miles(123000, "zh-CN")),
                          ("was hat der wagen eigentlich schon für nen kilometerstand", "odometer", km_or_miles(15342000, "de-DE"))],
                "de-DE": [("how many miles can i still do", "range", km_or_miles(201000, "en-US")),
                          ("车里头暖和不 多少度", "cabin_temperature", celsius(20, "zh-CN"))],
                "zh-CN": [("whats the mileage on this car", "odometer", km_or_miles(15342000, "en-US")),
                          ("sind die reifen okay", "tire_pressure", kpa(226, "de-DE"))]}[L]:
            case(L, {"tire_pressure": "tyres", "battery_level": "range_charge", "range": "range_charge", "trip": "driving",
                     "odometer": "driving", "cabin_temperature": "temperatures"}[intent], "language_switch", r,
                 [t(say, intent, [fact])])


def ns5():
    """Round 5: written apart from the engine (no engine sources, tests or phrase lists read) and committed
    before it ran on it; new wordings of every kind, a few states not used before (ABS fault, a weak 12 V
    battery, a rear door open, a soft tyre, other fault codes)."""
    r = "ns5"
    odo_other = 15342000 / 1609.344  # odometer in the unit a follow-up asks for
    for L in LOCALES:
        soc, rng = percent(43, L), km_or_miles(201000, L)
        service = [km_or_miles(1450000, L), w(L, "20 days", "20 Tagen", "20天")]
        # Colloquial and indirect.
        case(L, "range_charge", "colloquial", r, [t(w(L, "so how many more miles have i got in the tank so to speak",
                                                      "wie viele kilometer hab ich noch im akku sozusagen", "这点电还够我溜达多远",
                                                      gb="how far will she go before she conks out"), "range", [rng])])
        case(L, "service", "colloquial", r, [t(w(L, "when does this thing wanna go see the mechanic again",
                                                 "wann will die kiste wieder zum onkel doktor in die werkstatt",
                                                 "这车啥时候又该送去伺候伺候了", gb="whens it next due in at the garage then"),
                                               "service", service)])
        case(L, "seat_belts", "colloquial", r, [t(w(L, "is my buddy up front strapped in or what", "hat der kumpel neben mir den gurt um",
                                                    "旁边那位安全带扣上没", gb="has me mate in the front got his belt on"),
                                                  "seat_belts", [w(L, "passenger", "beifahrer", "副驾"),
                                                                 w(L, "not|unbuckled|unfastened", "nicht", "没|未")])],
             set_={"Vehicle.Cabin.Seat.Row1.PassengerSide.IsOccupied": True})
        case(L, "battery_12v", "colloquial", r, [t(w(L, "hows the uh the starter battery holding up", "wie gehts eigentlich der starterbatterie",
                                                      "那个 启动电瓶电压正常不", gb="hows the little battery under the bonnet doing"),
                                                    "low_voltage_battery", [fmt(12.3, L, 1) + " V"])])
        case(L, "charging", "colloquial", r, [t(w(L, "is it still slurping up electrons or what", "nuckelt der noch am kabel",
                                                  "还在吃电没", gb="is it still supping away at the charger"), "charging_status",
                                                [w(L, "charging", "lädt", "充电")])], set_=CHARGING)
        case(L, "brake_gear", "colloquial", r, [t(w(L, "did i leave it in drive or is it sitting in park", "hab ich den auf p oder steht der noch auf d",
                                                    "档位是挂在P上还是还在D上", gb="have i left it in drive or is it in park"), "gear",
                                                  [w(L, "park", " P", "P挡|驻车")])])
        # Lamps by their symbol.
        case(L, "warnings_codes", "symbol", r, [t(w(L, "theres an amber circle with like abs written in it", "da steht abs in so nem gelben kreis",
                                                      "仪表上有个圈里面写着ABS的黄灯", gb="theres an orange ring with the letters abs in it"),
                                                    "warnings", [w(L, "ABS|anti-lock", "ABS", "ABS|防抱死")])],
             set_={"Vehicle.ADAS.ABS.IsError": True})
        case(L, "warnings_codes", "symbol", r, [t(w(L, "um theres a red rectangle with a plus and a minus on it", "da leuchtet so ein kasten mit plus und minus",
                                                      "有个方块上面带加号减号的红灯亮了", gb="theres a little red box with a plus and minus lit up"),
                                                    "warnings", [w(L, "battery", "batterie|ladekontroll", "蓄电池|电瓶")])],
             set_={TT + "LowVoltageBattery.IsOn": True})
        case(L, "warnings_codes", "symbol", r, [t(w(L, "whats the yellow light that kinda looks like a submarine", "was ist das gelbe u boot symbol da",
                                                      "有个像潜水艇一样的黄灯是啥", gb="theres an amber thing shaped like a submarine whats that"),
                                                    "warnings", [w(L, "check engine|engine", "motor", "发动机")])],
             set_={TT + "Powertrain.IsOn": True, "Vehicle.OBD.Status.IsMILOn": True})
        # References.
        case(L, "tyres", "reference", r, [t(w(L, "which corner has the most air in it", "welcher reifen hat am meisten druck drauf",
                                              "四个轮子哪个气打得最足", gb="which tyres pumped up the hardest"), "tire_pressure",
                                            [w(L, "rear right", "hinten rechts", "右后"), kpa(234, L)])])
        case(L, "openings", "reference", r, [t(w(L, "is the door behind the passenger seat shut", "ist die tür hinter dem beifahrer zu",
                                                 "副驾后面那个门关严了没"), "doors", [w(L, "open", "offen|auf", "开")]),
                                             t(w(L, "and the one across from it", "und die gegenüber", "那它对过那个呢",
                                                 gb="and the one opposite"), "doors", [w(L, "closed", "zu|geschlossen", "关")])],
             set_={D + "Row2.PassengerSide.IsOpen": True})
        case(L, "tyres", "reference", r, [t(w(L, "which tire is running the coolest", "welcher reifen ist grad am kältesten",
                                              "哪个轮胎温度最低", gb="which tyres the coldest at the moment"), "tire_temperature",
                                            [w(L, "rear left", "hinten links", "左后"), celsius(13, L)])])
        # Aspect follow-ups.
        case(L, "charging", "aspect_followup", r, [t(w(L, "wheres the battery at now", "wo steht der akku grad", "现在充到多少了",
                                                       gb="wheres the battery up to"), "battery_level", [soc]),
                                                     t(w(L, "and when will it be topped off", "und wann ist er randvoll", "那啥时候能充满",
                                                         gb="and whens it going to be full"), "charge_time",
                                                       [w(L, "1 hour", "1 Stunde", "1小时"), w(L, "30 minutes", "30 Minuten", "30分钟")])],
             set_=CHARGING)
        case(L, "openings", "aspect_followup", r, [t(w(L, "is the hood latched properly", "ist die motorhaube richtig eingerastet",
                                                       "引擎盖扣严实了没", gb="is the bonnet latched properly"), "hood",
                                                     [w(L, "closed", "zu|geschlossen", "关")]),
                                                   t(w(L, "okay and the back hatch", "und die heckklappe", "那后尾门呢",
                                                       gb="okay and the boot lid"), "trunk", [w(L, "closed", "zu|geschlossen", "关")])])
        case(L, "driving", "aspect_followup", r, [t(w(L, "how fast we cruising right now", "was fahr ich grad für ein tempo",
                                                      "咱们现在时速多少", gb="what are we doing speed wise"), "speed",
                                                    [w(L, "55", "88", "88")]),
                                                  t(w(L, "and whats the trip counter say", "und was steht auf dem tageszähler",
                                                      "那小计里程显示多少", gb="and whats on the trip meter"), "trip",
                                                    [km_or_miles(123000, L)])], set_=MOVING)
        # Unit follow-ups.
        case(L, "tyres", "unit_followup", r, [t(w(L, "whats the back left tire sitting at", "was hat der hintere linke reifen",
                                                  "左后轮胎压现在多少", gb="whats the back left tyre at"), "tire_pressure", [kpa(226, L)]),
                                                t(w(L, "can you gimme that in kilopascals", "kannst du das in psi sagen", "换算成psi呢",
                                                    gb="and whats that in bar"), "tire_pressure",
                                                  [w(L, "226", "33 psi", "33 psi", gb="2.3 bar")])])
        case(L, "driving", "unit_followup", r, [t(w(L, "how many miles does the odometer show", "was zeigt der gesamtkilometerzähler",
                                                    "总里程表上是多少", gb="whats the total on the clock"), "odometer",
                                                  [km_or_miles(15342000, L)]),
                                                t(w(L, "and in kilometers", "und in meilen", "换成英里是多少", gb="and in kilometres"),
                                                  "odometer", [w(L, "15,342", fmt(odo_other, L), fmt(odo_other, L))])])
        case(L, "temperatures", "unit_followup", r, [t(w(L, "how warm is the battery pack right now", "wie warm ist der akku gerade",
                                                         "动力电池现在多少度", gb="how warms the battery pack"),
                                                       "battery_temperature", [celsius(19, L)]),
                                                     t(w(L, "and in celsius", "sag mir das mal in fahrenheit", "华氏度呢", gb="and in fahrenheit"),
                                                       "battery_temperature", [w(L, "19", "66", "66", gb="66")])])
        # Two questions in one turn.
        case(L, "temperatures", "two_questions", r, [t(w(L, "whats it like outside temperature wise and is the sunroof closed",
                                                         "wie kalt ist es draußen und ist das schiebedach zu", "外面温度多少 天窗关好了没",
                                                         gb="hows it outside temperature wise and is the sunroof shut"),
                                                       "outside_temperature", [celsius(7, L), w(L, "closed|shut", "zu|geschlossen", "关")])])
        case(L, "brake_gear", "two_questions", r, [t(w(L, "is the parking brake set and uh are all the doors closed",
                                                       "ist die handbremse drin und sind alle türen zu", "手刹拉了没 车门都关了吗",
                                                       gb="is the handbrake on and are all the doors shut"), "parking_brake",
                                                     [w(L, "on|engaged|set", "angezogen|gezogen", "拉起|拉上"),
                                                      w(L, "closed|shut", "zu|geschlossen", "关")])])
        case(L, "range_charge", "two_questions", r, [t(w(L, "how much charge have i got and when is the next service",
                                                         "wie viel akku hab ich noch und wann ist die nächste inspektion",
                                                         "还剩多少电 下次保养是什么时候", gb="hows the charge looking and whens the next service"),
                                                       "battery_level", [soc, km_or_miles(1450000, L)])])
        # Advice.
        case(L, "warnings_codes", "advice", r, [t(w(L, "how come the abs light just came on", "warum ist die abs leuchte an", "ABS灯怎么亮了"),
                                                  "warnings", [w(L, "ABS|anti-lock", "ABS", "ABS|防抱死")]),
                                                t(w(L, "is it still safe to brake normally", "kann ich trotzdem normal bremsen",
                                                    "那刹车还能正常踩吗"), "advice",
                                                  [w(L, "workshop|garage|dealer|service|checked", "werkstatt|prüfen", "维修|检查|4S店")])],
             set_={"Vehicle.ADAS.ABS.IsError": True})
        case(L, "battery_12v", "advice", r, [t(w(L, "its been slow to wake up lately is the small battery okay",
                                                 "der springt in letzter zeit so zäh an ist die kleine batterie ok",
                                                 "最近上电有点慢 小电瓶是不是不行了", gb="its been sluggish starting lately is the twelve volt alright"),
                                               "low_voltage_battery", [fmt(11.6, L, 1) + " V"]),
                                             t(w(L, "should i be worried about that", "muss ich mir da sorgen machen", "要紧吗",
                                                 gb="should i be bothered about that"), "advice",
                                               [w(L, "workshop|garage|charge|replace|check", "werkstatt|laden|tauschen|prüfen",
                                                  "维修|充电|更换|检查")])],
             set_={"Vehicle.LowVoltageBattery.CurrentVoltage": 11.6})
        case(L, "tyres", "advice", r, [t(w(L, "feels like its pulling to one side is a tire low", "der zieht so nach einer seite ist ein reifen platt",
                                           "车老往一边跑 是不是有个胎没气了", gb="its pulling a bit to one side is a tyre low"),
                                         "tire_pressure", [w(L, "rear left", "hinten links", "左后")]),
                                       t(w(L, "can i still make it to a gas station like that", "komm ich damit noch bis zur tanke",
                                           "这样还能开到加油站吗", gb="can i get to a petrol station on it"), "advice",
                                         [w(L, "pump|inflate|air|check|fill|slow", "aufpump|luft|prüfen|füll|langsam", "充气|打气|检查|慢")])],
             set_={P + "Row2.Wheel.Left.Tire.Pressure": 150, TT + "TirePressure.IsOn": True})
        # Warnings from what the car has.
        case(L, "warnings_codes", "implied_warning", r, [t(w(L, "is the car trying to tell me something", "will mir das auto irgendwas sagen",
                                                             "车是不是在跟我报什么问题", gb="is the car trying to tell me something or what"),
                                                           "warnings", ["P0300"])],
             set_={"Vehicle.OBD.DTCList": ["P0300"]})
        case(L, "warnings_codes", "implied_warning", r, [t(w(L, "theres some reminder thing popping up whats that about",
                                                             "da ploppt so ne erinnerung auf was will der",
                                                             "屏幕上老弹个提醒 是啥事", gb="theres a reminder keeps popping up whats that for"),
                                                           "warnings", [w(L, "service", "service|wartung|inspektion", "保养")])],
             set_={"Vehicle.Service.IsServiceDue": True})
        # Switching language mid-session.
        for say, intent, fact in {
                "en-US": [("外面现在零上几度", "outside_temperature", celsius(7, "zh-CN")),
                          ("ist der kofferraum eigentlich zu", "trunk", "zu|geschlossen")],
                "en-GB": [("电池温度现在多少", "battery_temperature", celsius(19, "zh-CN")),
                          ("sind alle fenster oben", "windows", "zu|geschlossen")],
                "de-DE": [("whats the pressure in the front left tire", "tire_pressure", kpa(229, "en-US")),
                          ("手刹拉上了没", "parking_brake", "拉起|拉上")],
                "zh-CN": [("is the trunk shut", "trunk", "closed"),
                          ("reicht der akku noch für hundert kilometer", "can_reach", "ja")]}[L]:
            case(L, {"outside_temperature": "temperatures", "battery_temperature": "temperatures", "trunk": "openings",
                     "windows": "openings", "tire_pressure": "tyres", "parking_brake": "brake_gear", "can_reach": "range_charge"}[intent],
                 "language_switch", r, [t(say, intent, [fact])])


def ns6():
    """Round 6: written apart from the engine (no engine sources, tests, phrase lists or engine history read) and
    committed before it ran on it; new wordings of every kind: headlight glare, an unbelted rear passenger,
    lamps described by other likenesses (a genie lamp, a pot with a bang, a car skidding), picks among the back
    or front pair, the thermostat fault P0128, restarts and hedges."""
    r = "ns6"
    for L in LOCALES:
        soc, rng = percent(43, L), km_or_miles(201000, L)
        en = lang(L) == "en"
        # Colloquial and indirect.
        case(L, "range_charge", "colloquial", r, [t(w(L, "be straight with me how many miles can i squeeze outta this before im walking",
                                                      "mal ehrlich wie weit schaff ichs noch bevor ich schieben muss",
                                                      "说实话 这点电还能让我跑多远才趴窝",
                                                      gb="honestly how far can i push her before im hoofing it"), "range", [rng])])
        case(L, "range_charge", "colloquial", r, [t(w(L, "hows my charge looking ballpark", "wie viel saft is so ungefähr noch drin in prozent",
                                                      "电池大概还剩百分之多少 估个数就行", gb="roughly how much charge have we got left in her"),
                                                    "battery_level", [soc])])
        case(L, "lights", "colloquial", r, [t(w(L, "wait am i blinding everybody with my brights right now",
                                                "sag mal blend ich grad alle mit dem fernlicht", "我是不是开着远光呢 别晃着对面",
                                                gb="have i got me full beams on dazzling everyone"), "lights",
                                              [w(L, "high beam|on", "fernlicht|an|ein", "远光|开")])],
             set_=dict(MOVING, **{"Vehicle.Body.Lights.Beam.High.IsOn": True}))
        case(L, "seat_belts", "colloquial", r, [t(w(L, "is the kiddo in the back actually buckled in or is he just pretending",
                                                    "hat sich der kleine hinten wirklich angeschnallt oder tut er nur so",
                                                    "后排那小家伙安全带真系上了还是装的", gb="has the little one in the back actually got his belt done up"),
                                                  "seat_belts", [w(L, "not|unbuckled|unfastened", "nicht", "没|未")])],
             set_={"Vehicle.Cabin.Seat.Row2.PassengerSide.IsOccupied": True})
        case(L, "service", "colloquial", r, [t(w(L, "so uh how long can i put off the next checkup on this thing",
                                                 "wie lang kann ich die nächste inspektion noch vor mir herschieben",
                                                 "下回保养还能拖多久", gb="how long till it wants its next once over at the garage"),
                                               "service", [km_or_miles(1450000, L), w(L, "20 days", "20 Tagen", "20天")])])
        # Lamps by their symbol.
        case(L, "warnings_codes", "symbol", r, [t(w(L, "theres a red light that looks like a genie lamp dripping",
                                                      "da leuchtet so ne rote wunderlampe mit nem tropfen dran",
                                                      "有个红灯像阿拉丁神灯在滴东西", gb="theres a red thing like aladdins lamp with a drip coming off it"),
                                                    "warnings", [w(L, "oil", "öl", "机油")])],
             set_={TT + "OilPressure.IsOn": True})
        case(L, "warnings_codes", "symbol", r, [t(w(L, "um the dash has this yellow thing kinda like a little pot with an exclamation point in it",
                                                      "im display is so n gelber topf mit nem ausrufezeichen drin",
                                                      "仪表上有个黄色的像小锅一样的东西 里面有个感叹号",
                                                      gb="theres an amber sort of pan shape with an exclamation mark inside"), "warnings",
                                                    [w(L, "tire pressure|tyre pressure", "reifendruck", "胎压")])],
             set_={TT + "TirePressure.IsOn": True})
        case(L, "warnings_codes", "symbol", r, [t(w(L, "theres one thats like a car fishtailing with skid marks under it",
                                                      "da ist so n auto das schleudert mit bremsspuren drunter",
                                                      "有个车在打滑 下面还有车轮印的灯", gb="theres a car sliding about with skid marks behind it lit up"),
                                                    "warnings", [w(L, "stability", "esp", "稳定")])],
             set_={"Vehicle.ADAS.ESC.IsError": True})
        # References.
        case(L, "tyres", "reference", r, [t(w(L, "are the front two even or is one lower", "haben die vorderen beiden gleich viel luft",
                                              "前面俩轮胎气一样不", gb="are the front pair matched or is one down a bit"),
                                            "tire_pressure", [kpa(229, L), kpa(232, L)])])
        case(L, "tyres", "reference", r, [t(w(L, "of the back ones which has less air", "von den hinteren welcher hat weniger druck",
                                              "后面两个轮胎哪个气少点", gb="out of the back pair which ones softer"), "tire_pressure",
                                            [w(L, "rear left", "hinten links", "左后"), kpa(226, L)])])
        case(L, "openings", "reference", r, [t(w(L, "is the window right next to me cracked open", "ist mein fenster hier links offen",
                                                 "我这边车窗开着没", gb="is my window open the one next to me"), "windows",
                                               [w(L, "closed", "zu|geschlossen", "关")]),
                                             t(w(L, "hm and the one right behind me", "und das direkt hinter mir", "那我身后那扇呢",
                                                 gb="and the one just behind me"), "windows", [w(L, "open", "offen|unten", "开")])],
             set_={D + "Row2.DriverSide.Window.IsOpen": True})
        # Aspect follow-ups.
        case(L, "temperatures", "aspect_followup", r, [t(w(L, "is the battery pack warm enough right now", "hat der akku grad ne gute temperatur",
                                                           "电池现在温度正常吗", gb="is the battery nicely warmed up"),
                                                         "battery_temperature", [celsius(19, L)]),
                                                       t(w(L, "and up here where im sitting", "und hier vorne bei mir", "那我坐的这块儿呢",
                                                           gb="and in here with me"), "cabin_temperature", [celsius(20, L)])])
        case(L, "range_charge", "aspect_followup", r, [t(w(L, "how far can i get on whats left", "wie weit reicht der rest noch",
                                                           "剩下的电能跑多远", gb="how far will the rest get me"), "range", [rng]),
                                                       t(w(L, "and whats that in percent", "und wie viel prozent sind das",
                                                           "那是百分之多少", gb="and what percentage is that"), "battery_level", [soc])])
        case(L, "tyres", "aspect_followup", r, [t(w(L, "how warm is the front left tire", "wie warm ist der reifen vorne links",
                                                    "左前轮胎多少度", gb="how warm is the front left tyre"), "tire_temperature",
                                                  [celsius(14, L)]),
                                                t(w(L, "ok and how much air is in that one", "und wie viel druck hat der",
                                                    "那它气压多少"), "tire_pressure", [kpa(229, L)])])
        # Unit follow-ups.
        case(L, "range_charge", "unit_followup", r, [t(w(L, "whats the range showing", "was zeigt die reichweite an", "续航显示还有多少",
                                                         gb="whats the range saying"), "range", [rng]),
                                                       t(w(L, "hmm gimme that in kilometers", "und das in meilen bitte", "按英里算呢",
                                                           gb="go on then in kilometres"), "range",
                                                         [fmt(201, L) if en else fmt(201000 / MILE, L)])])
        case(L, "tyres", "unit_followup", r, [t(w(L, "whats the front left tire at", "wie viel hat vorne links", "左前胎压多少",
                                                  gb="whats the front left tyre at"), "tire_pressure", [kpa(229, L)]),
                                                t(w(L, "and what is that in bar", "und wie viel psi wären das", "换成psi呢",
                                                    gb="and in bar please"), "tire_pressure",
                                                  [fmt(229 / 100, L, 1) + " bar" if en else fmt(229 / KPA_PER_PSI, L) + " psi"])])
        # Two questions in one turn.
        case(L, "openings", "two_questions", r, [t(w(L, "did the hood get closed all the way and uh hows it outside temperature",
                                                     "is die motorhaube richtig zu und äh wie kalt ist es draußen",
                                                     "引擎盖盖好了没 外面冷不冷多少度", gb="is the bonnet shut properly and how cold is it outside"),
                                                   "hood", [w(L, "closed|shut", "zu|geschlossen", "关"), celsius(7, L)])])
        case(L, "range_charge", "two_questions", r, [t(w(L, "whats the battery percent and are all the windows up",
                                                         "wie viel prozent hat der akku und sind die fenster alle oben",
                                                         "还有百分之几的电 窗户都关上了吗", gb="whats the battery on and are the windows all up"),
                                                       "battery_level", [soc, w(L, "closed|up", "zu|geschlossen|oben", "关")])])
        # Advice.
        case(L, "warnings_codes", "advice", r, [t(w(L, "uh oh somethings lit up red on the dash what is it", "oh oh da ist was rotes an was ist das",
                                                      "哎呀仪表上亮了个红的 是啥", gb="oh heck somethings come on red what is it"),
                                                    "warnings", [w(L, "oil", "öl", "机油")]),
                                                  t(w(L, "think i can make it to the next town", "schaff ich das noch bis zum nächsten ort",
                                                      "能撑到下个镇子吗", gb="reckon ill make the next town"), "advice",
                                                    [w(L, "stop", "anhalten|halten|abstellen", "停车|停下")])],
             set_=dict(MOVING, **{TT + "OilPressure.IsOn": True}))
        case(L, "tyres", "advice", r, [t(w(L, "is one of the tires looking a bit deflated", "hat einer der reifen zu wenig luft",
                                           "是不是有个胎有点亏气", gb="is one of the tyres looking a bit sad"), "tire_pressure",
                                         [w(L, "front right", "vorne rechts", "右前")]),
                                       t(w(L, "can i just drive home on it or what", "kann ich so noch heimfahren", "就这样开回家行不行",
                                           gb="can i just drive home on it"), "advice",
                                         [w(L, "pump|inflate|air|check|fill|slow", "aufpump|luft|prüfen|füll|langsam", "充气|打气|检查|慢")])],
             set_={P + "Row1.Wheel.Right.Tire.Pressure": 160, TT + "TirePressure.IsOn": True})
        # Warnings from what the car has.
        case(L, "warnings_codes", "implied_warning", r, [t(w(L, "is everything alright under the hood or what",
                                                             "is unter der haube alles in ordnung", "发动机那块儿一切正常吗",
                                                             gb="is everything alright under the bonnet"), "warnings", ["P0128"])],
             set_={"Vehicle.OBD.DTCList": ["P0128"]})
        case(L, "warnings_codes", "implied_warning", r, [t(w(L, "the car just dinged at me what was that about", "das auto hat grad gebimmelt was war das",
                                                             "车刚才叮了一声 是提醒啥", gb="it just pinged at me what was that"), "warnings",
                                                           [w(L, "washer", "wischwasser|waschwasser|scheibenwasch", "玻璃水|清洗液")])],
             set_={"Vehicle.Body.Windshield.Front.WasherFluid.IsLevelLow": True})
        # Switching language mid-session.
        say, intent, fact = {"en-US": ("左后轮胎温度多少", "tire_temperature", celsius(13, "zh-CN")),
                             "en-GB": ("wie viel prozent akku hab ich noch", "battery_level", percent(43, "de-DE")),
                             "de-DE": ("车里现在多少度", "cabin_temperature", celsius(20, "zh-CN")),
                             "zh-CN": ("how many miles till the next service", "service", km_or_miles(1450000, "en-US"))}[L]
        case(L, {"tire_temperature": "tyres", "battery_level": "range_charge", "cabin_temperature": "temperatures",
                 "service": "service"}[intent], "language_switch", r, [t(say, intent, [fact])])


def ns7():
    """Round 7: 24 conversations per locale; the 12 V battery (stale), gear, charge limit, trip counter, rear seat belts,
    speed, symbols not asked before (skidding car, thermometer in waves, spanner), frunk, fog lights, tyre temperatures
    after a drive, washer fluid flag, a stored code with no lamp, service due, hazard lights and the sunroof."""
    r = "ns7"
    for L in LOCALES:
        # Wheel names as any locale may say them.
        rl = w(L, "rear left|left rear|back left", "hinten links|links hinten|hinterer linker|hinteren linken|linker hinter|linke hinter",
               "左后|后左")
        rr = w(L, "rear right|right rear|back right", "hinten rechts|rechts hinten|hinterer rechter|hinteren rechten|rechter hinter|rechte hinter",
               "右后|后右")
        fr = w(L, "front right|right front", "vorne rechts|rechts vorne|vorderer rechter|vorderen rechten|rechter vorder|rechte vorder",
               "右前|前右")
        closed = w(L, "closed|shut", "geschlossen|ist zu|sind zu", "关着|关好|关上|关闭|已关")
        is_open = w(L, "open", "offen|geöffnet", "开着|打开|开了|没关|未关")
        off = w(L, "off|not on|isn't on", "aus|nicht an|nicht eingeschaltet", "关|没开|没有开|未开")
        on = w(L, " on|lit", "an|eingeschaltet|leuchte", "开着|亮|开启|打开")
        not_belted = w(L, "not|unbuckled|unfastened|isn't", "nicht", "没|未")

        # ---- Colloquial and indirect (6).
        case(L, "battery_12v", "colloquial", r, [t(w(L, "hey uh hows the twelve volt battery doing",
                                                     "ähm wie schauts mit der zwölf volt batterie aus is die noch fit",
                                                     "嗯那个小电瓶还有劲吧电压多少",
                                                     gb="is me twelve volt battery alright or is it going flat"),
                                                   "low_voltage_battery",
                                                   [fmt(11.9, L, 1),
                                                    w(L, "5 hours|5 hrs|five hours", "5 stunden|fünf stunden|5 std",
                                                      "5小时|五小时|5个小时|五个小时")])],
             set_={"Vehicle.LowVoltageBattery.CurrentVoltage": {"value": 11.9, "age": 18000}})
        case(L, "brake_gear", "colloquial", r, [t(w(L, "wait did i even put it in park",
                                                    "hab ich jetzt eigentlich auf p gestellt oder nicht",
                                                    "我刚才挂p挡了没有啊",
                                                    gb="hang on have i left it in park or not"), "gear",
                                                  [w(L, "park", "park| p | p.|p-stufe|p-stellung",
                                                     "驻车|p挡|p档|p 挡|p 档|停车挡|停车档|p位")])])
        case(L, "driving", "colloquial", r, [t(w(L, "how many miles we done on this trip so far",
                                                 "wie viel hab ich denn jetzt auf dem tageszähler drauf",
                                                 "这一趟开了多少公里了",
                                                 gb="how far have we come since i last reset the trip"), "trip",
                                               [km_or_miles(58000, L)])],
             set_={"Vehicle.TripMeterReading": 58})
        case(L, "charging", "colloquial", r, [t(w(L, "whats it set to stop charging at again",
                                                  "bis wie viel prozent lädt der eigentlich hoch",
                                                  "嗯充电上限我设的是多少来着",
                                                  gb="what have i got the charge limit set to"), "charge_limit",
                                                [percent(80, L)])],
             set_={"Vehicle.Powertrain.TractionBattery.Charging.ChargeLimit": 80})
        case(L, "seat_belts", "colloquial", r, [t(w(L, "are the kids in the back buckled up",
                                                    "sind die kinder hinten alle angeschnallt",
                                                    "后排俩孩子安全带都系好了没",
                                                    gb="have the kids in the back got their seatbelts on"), "seat_belts",
                                                  [not_belted])],
             set_={"Vehicle.Cabin.Seat.Row2.DriverSide.IsOccupied": True, "Vehicle.Cabin.Seat.Row2.DriverSide.IsBelted": True,
                   "Vehicle.Cabin.Seat.Row2.PassengerSide.IsOccupied": True,
                   "Vehicle.Cabin.Seat.Row2.PassengerSide.IsBelted": False})
        case(L, "driving", "colloquial", r, [t(w(L, "how fast am i actually going right now", "wie schnell fahr ich grad eigentlich",
                                                 "我现在车速多少啊", gb="what speed am i doing at the mo"), "speed",
                                               [w(L, fmt(88 * 1000 / MILE, L), fmt(88, L), fmt(88, L))])],
             set_=MOVING)

        # ---- A lamp by its symbol (3).
        case(L, "warnings_codes", "symbol", r, [t(w(L, "theres a yellow light of a car with squiggly lines behind it",
                                                    "da is so ein gelbes auto mit schlangenlinien dahinter an",
                                                    "仪表盘上有个车后面拖着两道弯弯曲曲的线的灯亮了",
                                                    gb="there's an orange light like a car skidding with wiggly lines"),
                                                  "warnings",
                                                  [w(L, "stability|esc|traction|skid", "esp|stabilit|schleuder|esc",
                                                     "稳定|esp|esc|防侧滑|侧滑")])],
             set_={"Vehicle.ADAS.ESC.IsError": True})
        case(L, "warnings_codes", "symbol", r, [t(w(L, "um theres a red thermometer thing sitting in some waves",
                                                    "da leuchtet so ein rotes thermometer mit wellen drunter",
                                                    "有个红色的灯像温度计泡在水里那样是什么",
                                                    gb="what's the red light that looks like a thermometer in water"),
                                                  "warnings",
                                                  [w(L, "coolant|temperature|overheat", "kühl|temperatur|überhitz",
                                                     "冷却|水温|温度")])],
             set_={TT + "CoolantTemperature.IsOn": True})
        case(L, "warnings_codes", "symbol", r, [t(w(L, "a little wrench light just came on",
                                                    "da is grad so ein schraubenschlüssel im display aufgetaucht",
                                                    "仪表上出现了一个扳手的图标",
                                                    gb="there's a spanner symbol come up on the dash"), "warnings",
                                                  [w(L, "service|maintenance", "service|wartung|inspektion", "保养|维护|服务")])],
             set_={TT + "Service.IsOn": True, "Vehicle.Service.IsServiceDue": True, "Vehicle.Service.DistanceToService": 0,
                   "Vehicle.Service.TimeToService": 0})

        # ---- References (3).
        case(L, "tyres", "reference", r, [
            t(w(L, "one of the tires looks kinda flat which one is it", "einer von den reifen sieht platt aus welcher is das",
                "有个轮胎看着有点瘪是哪个", gb="one of me tyres looks a bit soft which one is it"), "tire_pressure",
              [rl, kpa(180, L)]),
            t(w(L, "and the other one in the back", "und der andere hinten", "那另外一个后轮呢",
                gb="what about the other back one"), "tire_pressure", [rr, kpa(234, L)])],
             set_={P + "Row2.Wheel.Left.Tire.Pressure": 180})
        case(L, "openings", "reference", r, [
            t(w(L, "feels drafty in here is one of the windows down", "irgendwie ziehts is da ein fenster offen",
                "怎么有风啊是不是哪个窗户没关", gb="there's a draught is one of the windows open"), "windows",
              [w(L, "rear|back", "hinten|hinter|fond", "后")]),
            t(w(L, "and the door on that side is that shut", "und die tür auf der seite is die richtig zu", "那边那个门关好了吗",
                gb="and the door on that side is that shut properly"), "doors", [closed])],
             set_={D + "Row2.PassengerSide.Window.IsOpen": True})
        hot = {P + "Row1.Wheel.Left.Tire.Temperature": 24, P + "Row1.Wheel.Right.Tire.Temperature": 27,
               P + "Row2.Wheel.Left.Tire.Temperature": 22, P + "Row2.Wheel.Right.Tire.Temperature": 25}
        case(L, "tyres", "reference", r, [
            t(w(L, "which tire is running the hottest", "welcher reifen is grad am wärmsten", "哪个轮胎温度最高",
                gb="which tyre's the warmest after that motorway run"), "tire_temperature", [fr, celsius(27, L)]),
            t(w(L, "and the coolest one", "und welcher am kältesten", "那最低的是哪个", gb="and which one's coolest"),
              "tire_temperature", [rl, celsius(22, L)])],
             set_=hot)

        # ---- A follow-up that changes the aspect (2).
        case(L, "openings", "aspect_followup", r, [
            t(w(L, "did i close the trunk", "is der kofferraum zu", "后备箱关了吗", gb="is the boot shut"), "trunk", [closed]),
            t(w(L, "what about the front one", "und der vordere", "那前面那个呢", gb="and the front boot"), "frunk", [is_open])],
             set_={"Vehicle.Body.Trunk.Front.IsOpen": True})
        case(L, "lights", "aspect_followup", r, [
            t(w(L, "is my rear fog light on", "is die nebelschlussleuchte an", "后雾灯开着没", gb="have i left the rear fog on"),
              "lights", [off]),
            t(w(L, "and the front ones", "und die vorderen", "那前雾灯呢", gb="and the fronts"), "lights", [on])],
             set_={**MOVING, "Vehicle.Body.Lights.Fog.Front.IsOn": True})

        # ---- A follow-up that changes the unit (2).
        trip_other = {"en": [fmt(347, L), "km|kilomet"], "de": [fmt(347000 / MILE, L), "meile|mile"],
                      "zh": [fmt(347000 / MILE, L), "英里"]}[lang(L)]
        case(L, "driving", "unit_followup", r, [
            t(w(L, "whats the trip odometer at", "wie viel steht auf dem tageskilometerzähler", "这次行程跑了多远",
                gb="what's the trip counter saying"), "trip", [km_or_miles(347000, L)]),
            t(w(L, "can you give me that in kilometers", "und in meilen bitte", "换成英里是多少", gb="and in kilometres"),
              "trip", trip_other)],
             set_={"Vehicle.TripMeterReading": 347})
        cabin_other = ([fmt(23, L), "°c|celsius"] if L == "en-US" else
                       [fmt(23 * 9 / 5 + 32, L), w(L, "°f|fahrenheit", "°f|fahrenheit", "°f|华氏|fahrenheit")])
        case(L, "temperatures", "unit_followup", r, [
            t(w(L, "how warm is it inside the car", "wie warm is es drinnen", "车里现在多少度", gb="how warm's it in here"),
              "cabin_temperature", [celsius(23, L)]),
            t(w(L, "whats that in celsius", "und in fahrenheit", "华氏度是多少", gb="and in fahrenheit"),
              "cabin_temperature", cabin_other)],
             set_={"Vehicle.Cabin.HVAC.AmbientAirTemperature": 23})

        # ---- Two questions in one turn (3).
        case(L, "openings", "two_questions", r, [
            t(w(L, "is the car locked and is the hood closed", "is das auto abgeschlossen und die motorhaube zu",
                "车锁了没有引擎盖关好了吗", gb="is it all locked up and is the bonnet down"), "locks",
              [w(L, "unlocked|not locked", "entriegelt|nicht verriegelt|nicht abgeschlossen|nicht zugesperrt|aufgeschlossen",
                 "没锁|未锁|解锁|未上锁|没有锁"),
               w(L, "hood", "motorhaube|haube", "引擎盖|机盖|前舱盖|发动机盖", gb="bonnet|hood")])],
             set_={D + "Row1.DriverSide.IsLocked": False})
        case(L, "charging", "two_questions", r, [
            t(w(L, "whats the battery at and how long till its full", "wie voll is der akku und wie lang dauerts noch bis er voll is",
                "现在充到多少了还要充多久", gb="how much charge has it got and how long till it's done"), "battery_level",
              [percent(43, L),
               w(L, "30 min|1.5 h|90 min|hour and a half|h 30|1:30", "30 min|1,5 st|90 min|eineinhalb|anderthalb|h 30|1:30",
                 "30分|1.5小时|90分|一个半小时|个半小时|1:30")])],
             set_=CHARGING)
        case(L, "driving", "two_questions", r, [
            t(w(L, "um whats the trip at and whats the total mileage",
                "was steht auf dem tageszähler und wie viel hat er insgesamt runter", "这趟跑了多少总里程又是多少",
                gb="what's the trip say and what's on the clock overall"), "trip",
              [km_or_miles(123000, L), km_or_miles(15342000, L)])])

        # ---- Advice after a warning or a due service (2).
        case(L, "warnings_codes", "advice", r, [
            t(w(L, "theres a red warning thing on the dash what is it", "da leuchtet was rotes im tacho was is das",
                "仪表盘亮了个红灯是啥", gb="there's a red light come on what's that about"), "warnings",
              [w(L, "brake", "brems", "制动|刹车")]),
            t(w(L, "ok so can i keep driving or should i pull over", "und was mach ich jetzt", "那我现在该怎么办",
                gb="right so what do i do now"), "advice",
              [w(L, "stop|pull over|don't drive|do not drive|check|workshop|garage|mechanic|service",
                 "anhalten|halten|werkstatt|prüfen|nicht weiter", "停车|靠边|检查|维修|不要继续")])],
             set_={TT + "BrakeFluid.IsOn": True})
        case(L, "service", "advice", r, [
            t(w(L, "is it due for a service", "muss der bald zur inspektion", "是不是该保养了", gb="is she due a service yet"),
              "service", [w(L, "due|overdue", "fällig|überfällig", "到期|该保养|需要保养|到了")]),
            t(w(L, "alright what should i do about that", "okay und was soll ich da machen", "那怎么弄", gb="ok what do i need to do"),
              "advice", [w(L, "book|appointment|workshop|garage|dealer|service cent|schedule",
                           "termin|werkstatt|vereinbaren|händler", "预约|4s|维修|保养")])],
             set_={"Vehicle.Service.IsServiceDue": True, "Vehicle.Service.DistanceToService": 0,
                   "Vehicle.Service.TimeToService": 0})

        # ---- The warning question answered from what implies a warning (2).
        case(L, "warnings_codes", "implied_warning", r, [
            t(w(L, "is anything wrong with the car", "is irgendwas nicht in ordnung mit dem auto", "车有没有什么毛病",
                gb="is anything up with the car at all"), "warnings", ["P0171"])],
             set_={"Vehicle.OBD.DTCList": ["P0171"]})
        case(L, "warnings_codes", "implied_warning", r, [
            t(w(L, "um any warnings i should know about", "meckert das auto grad über irgendwas", "车现在有没有报什么问题",
                gb="is the car moaning about anything"), "warnings",
              [w(L, "washer|wiper fluid|windshield fluid", "wisch|scheibenwasch", "玻璃水|洗涤|雨刮水",
                 gb="washer|screenwash|screen wash|windscreen")])],
             set_={"Vehicle.Body.Windshield.Front.WasherFluid.IsLevelLow": True})

        # ---- A question in another language than the session's (1).
        if L == "en-US":
            case(L, "battery_12v", "language_switch", r, [
                t("wie viel volt hat die kleine batterie gerade", "low_voltage_battery", [fmt(12.3, "de-DE", 1), "batterie|spannung"])])
        elif L == "en-GB":
            case(L, "charging", "language_switch", r, [t("充电上限设的多少", "charge_limit", [percent(90, "zh-CN"), "充电|上限"])])
        elif L == "de-DE":
            case(L, "openings", "language_switch", r, [t("hey is the sunroof open", "sunroof", ["open"])],
                 set_={"Vehicle.Cabin.Sunroof.Position": 30})
        else:
            case(L, "lights", "language_switch", r, [t("are the hazard lights on", "lights", ["hazard", " on|flashing|blinking"])],
                 set_={"Vehicle.Body.Lights.Hazard.IsSignaling": True})


def ns8():
    """Round 8: 24 conversations per locale, written apart from the engine (no engine sources, tests or phrase lists
    read, engine not run) and before it ran on it; a low battery and short range, reverse gear, a frost morning, a fast
    motorway speed, a nearer service, an open frunk and passenger door, lamps by other likenesses (a battery with two
    knobs, a u with teeth, a teapot), a stored code P0507 with no lamp, an ABS flag, out-of-scope asks to decline."""
    r = "ns8"
    for L in LOCALES:
        en = lang(L) == "en"
        rng = km_or_miles(201000, L)
        fl = w(L, "front left|left front", "vorne links|links vorne|vorderer linker|vorderen linken|linker vorder|linke vorder",
               "左前|前左")
        rl = w(L, "rear left|left rear|back left", "hinten links|links hinten|hinterer linker|hinteren linken|linker hinter|linke hinter",
               "左后|后左")
        closed = w(L, "closed|shut", "geschlossen|ist zu|sind zu", "关着|关好|关上|关闭|已关")
        is_open = w(L, "open", "offen|geöffnet", "开着|打开|开了|没关|未关")
        off = w(L, "off|not on|isn't on", "aus|nicht an|nicht eingeschaltet", "关|没开|没有开|未开")
        on = w(L, " on|lit", "an|eingeschaltet|leuchte", "开着|亮|开启|打开")
        not_belted = w(L, "not|unbuckled|unfastened|isn't", "nicht", "没|未")
        locked = w(L, "locked", "verriegelt|abgeschlossen|zugesperrt|versperrt", "锁")
        engaged = w(L, "on|engaged|set|applied", "angezogen|gezogen|aktiv|eingelegt", "拉起|拉上|已拉|启用|生效")

        # ---- Colloquial and indirect (5).
        case(L, "range_charge", "colloquial", r, [t(w(L, "um real quick how many more miles before i gotta plug in",
                                                      "ähm wie viel kilometer gehen sich noch aus bevor ich an die steckdose muss",
                                                      "嗯 还能开几公里就得找桩了",
                                                      gb="how many miles have i got before i need to stick it on charge"),
                                                    "range", [km_or_miles(87000, L)])],
             set_={"Vehicle.Powertrain.Range": 87000, "Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed": 17})
        case(L, "range_charge", "colloquial", r, [t(w(L, "uh hows the charge holding up im getting kinda nervous",
                                                      "wie viel prozent sind noch im akku mir wird schon ganz mulmig",
                                                      "那个 电还剩几成啊我心里有点慌",
                                                      gb="how much charge is left im getting a bit twitchy here"),
                                                    "battery_level", [percent(17, L)])],
             set_={"Vehicle.Powertrain.Range": 87000, "Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed": 17})
        case(L, "brake_gear", "colloquial", r, [t(w(L, "oh shoot am i still in reverse", "moment bin ich noch im rückwärtsgang drin",
                                                    "哎我是不是还挂着倒挡呢", gb="oh blimey have i still got it in reverse"), "gear",
                                                  [w(L, "reverse", "rückwärts| r | r.|r-stufe|r-stellung",
                                                     "倒挡|倒档|倒车挡|r挡|r档|R挡|R档|r 挡|R 挡")])],
             set_={"Vehicle.Powertrain.Transmission.SelectedGear": -1, "Vehicle.Chassis.ParkingBrake.IsEngaged": False})
        case(L, "seat_belts", "colloquial", r, [t(w(L, "is whoevers riding shotgun wearing their belt",
                                                    "hat sich die person neben mir überhaupt angegurtet",
                                                    "副驾坐的那位系没系安全带啊",
                                                    gb="is the passenger belted in or not"), "seat_belts",
                                                  [w(L, "passenger|front", "beifahrer|vorne", "副驾|前排"), not_belted])],
             set_={"Vehicle.Cabin.Seat.Row1.PassengerSide.IsOccupied": True})
        case(L, "out_of_scope", "colloquial", r, [t(w(L, "hey can you find me a decent taco place around here",
                                                      "such mir mal nen bäcker hier in der nähe", "附近有没有好吃的火锅店",
                                                      gb="can you find us a chippy nearby"), None, [], no_numbers=True)])

        # ---- A lamp by its symbol or colour (3).
        case(L, "warnings_codes", "symbol", r, [t(w(L, "theres a red light like a little box with two knobs sticking up on top",
                                                    "da is so ein rotes kästchen mit zwei knubbeln oben dran an",
                                                    "有个红灯像个小盒子上面冒俩小疙瘩",
                                                    gb="there's a red light like a little car battery with two terminals on top"),
                                                  "warnings", [w(L, "battery|charging system|12", "batterie|ladekontroll|12",
                                                                 "蓄电池|电瓶|12")])],
             set_={TT + "LowVoltageBattery.IsOn": True})
        case(L, "warnings_codes", "symbol", r, [t(w(L, "um theres a yellow u shape with like teeth on the bottom and a bang in the middle",
                                                    "ähm so ein gelbes u mit zacken unten und nem ausrufezeichen in der mitte",
                                                    "仪表上有个黄色的U形 底下带锯齿 中间一个感叹号",
                                                    gb="there's an amber u shape with a jagged bottom and an exclamation mark in it"),
                                                  "warnings", [w(L, "tire pressure|tyre pressure|tire|tyre", "reifendruck|reifen",
                                                                 "胎压|轮胎", gb="tyre pressure|tire pressure|tyre|tire")])],
             set_={TT + "TirePressure.IsOn": True, P + "Row1.Wheel.Right.Tire.Pressure": 170})
        case(L, "warnings_codes", "symbol", r, [t(w(L, "whats the red teapot thing with a drop coming out the spout",
                                                    "was ist die rote gießkanne mit dem tropfen vorne",
                                                    "一个红色的像茶壶还往外滴东西的灯是啥",
                                                    gb="what's the red kettle looking thing with a drip off the end"),
                                                  "warnings", [w(L, "oil", "öl", "机油")])],
             set_={TT + "OilPressure.IsOn": True})

        # ---- References (3).
        case(L, "tyres", "reference", r, [
            t(w(L, "which wheel needs some air", "an welchem rad fehlt luft", "哪个轱辘缺气了", gb="which wheel wants a bit of air"),
              "tire_pressure", [fl, kpa(175, L)]),
            t(w(L, "and uh the one right behind it", "und der direkt dahinter", "那它后头那个呢", gb="and the one behind that"),
              "tire_pressure", [rl, kpa(226, L)]),
            t(w(L, "hows that ones temperature", "und wie warm is der", "那个轮胎温度呢", gb="and how warm's that one"),
              "tire_temperature", [celsius(13, L)])],
             set_={P + "Row1.Wheel.Left.Tire.Pressure": 175, TT + "TirePressure.IsOn": True})
        case(L, "openings", "reference", r, [
            t(w(L, "is there a door that didnt close right", "is irgendne tür nicht richtig zu", "哪个门没关严实",
                gb="is one of the doors not shut properly"), "doors",
              [w(L, "passenger|front right|right front", "beifahrer|vorne rechts|rechts vorne", "副驾|右前")]),
            t(w(L, "and the windows on that side", "und die fenster auf der seite", "那边的车窗呢",
                gb="and the windows down that side"), "windows", [w(L, "rear|back", "hinten|hinter|fond", "后")])],
             set_={D + "Row1.PassengerSide.IsOpen": True, D + "Row2.PassengerSide.Window.IsOpen": True})
        case(L, "openings", "reference", r, [
            t(w(L, "is the frunk shut", "is der vordere kofferraum zu", "前备箱关了没", gb="is the front boot shut"), "frunk",
              [is_open]),
            t(w(L, "and the lid at the other end", "und die klappe am anderen ende", "那另一头的盖子呢",
                gb="and the one at the other end"), "trunk", [closed])],
             set_={"Vehicle.Body.Trunk.Front.IsOpen": True})

        # ---- A follow-up that changes the aspect (3).
        case(L, "charging", "aspect_followup", r, [
            t(w(L, "so hows the charging coming along", "wie läufts mit dem laden", "充电进行得咋样了",
                gb="how's the charging getting on"), "charging_status", [w(L, "charging", "lädt|lade", "充电|在充")]),
            t(w(L, "and whats it gonna stop at", "und bis wie viel geht er hoch", "那充到多少会停",
                gb="and where will it stop at"), "charge_limit", [percent(85, L)]),
            t(w(L, "is the pack getting warm", "wird der akku dabei warm", "电池温度高不高", gb="is the pack warming up much"),
              "battery_temperature", [celsius(27, L)])],
             set_=dict(CHARGING, **{"Vehicle.Powertrain.TractionBattery.Charging.ChargeLimit": 85,
                                    "Vehicle.Powertrain.TractionBattery.Temperature.Average": 27}))
        case(L, "lights", "aspect_followup", r, [
            t(w(L, "are my low beams even on", "hab ich überhaupt abblendlicht an", "近光灯开着没", gb="have i got me dipped beams on"),
              "lights", [on]),
            t(w(L, "and the hazards", "und die warnblinker", "双闪呢", gb="and the hazards"), "lights", [off])],
             set_=MOVING)
        case(L, "service", "aspect_followup", r, [
            t(w(L, "how long till the next tune up thing", "wann muss er das nächste mal zum kundendienst", "离下次保养还有多少公里",
                gb="how long have i got before it needs servicing"), "service",
              [km_or_miles(3200000, L), w(L, "45 days", "45 Tagen|45 Tage", "45天")]),
            t(w(L, "and how many miles has it done altogether", "und wie viel hat er insgesamt gelaufen", "那总共跑了多少了",
                gb="and what's it done in total"), "odometer", [km_or_miles(15342000, L)])],
             set_={"Vehicle.Service.DistanceToService": 3200, "Vehicle.Service.TimeToService": 3888000})

        # ---- A follow-up that changes the unit (2).
        case(L, "temperatures", "unit_followup", r, [
            t(w(L, "is it below freezing out there", "hats draußen minusgrade", "外面零下了没", gb="is it below zero outside"),
              "outside_temperature", [celsius(-4, L)]),
            t(w(L, "uh in celsius", "sag das mal in fahrenheit", "换成华氏呢", gb="in fahrenheit for me nan"),
              "outside_temperature",
              ["-4", "°c|celsius"] if L == "en-US" else
              [fmt(-4 * 9 / 5 + 32, L), w(L, "°f|fahrenheit", "°f|fahrenheit", "°f|华氏|fahrenheit")])],
             set_={"Vehicle.Exterior.AirTemperature": -4})
        case(L, "driving", "unit_followup", r, [
            t(w(L, "uh whats my current speed", "mit wie viel sachen bin ich grad unterwegs", "嗯 现在时速多少了",
                gb="how quick am i going at the minute"), "speed", [fmt(112000 / MILE, L) if en else fmt(112, L)]),
            t(w(L, "and in k m h", "und umgerechnet in mph", "那换成英里每小时呢", gb="whats that in kilometres an hour"),
              "speed", [fmt(112, L) if en else fmt(112000 / MILE, L)])],
             set_=dict(MOVING, **{"Vehicle.Speed": 112}))

        # ---- Two questions in one turn (3).
        case(L, "brake_gear", "two_questions", r, [
            t(w(L, "is the e brake on and did i lock up", "is die feststellbremse drin und hab ich zugesperrt",
                "电子手刹拉了吗 车锁了没", gb="is the handbrake on and have i locked it"), "parking_brake", [engaged, locked])])
        case(L, "openings", "two_questions", r, [
            t(w(L, "is the sunroof cracked open and am i low on washer fluid",
                "is das schiebedach einen spalt offen und is noch wischwasser drin", "天窗是不是开了条缝 玻璃水还够吗",
                gb="is the sunroof open a crack and am i low on screenwash"), "sunroof",
              [is_open, w(L, "washer|wiper fluid|windshield fluid", "wisch|scheibenwasch|waschwasser", "玻璃水|洗涤|雨刮水",
                          gb="washer|screenwash|screen wash|windscreen")])],
             set_={"Vehicle.Cabin.Sunroof.Position": 15, "Vehicle.Body.Windshield.Front.WasherFluid.IsLevelLow": True})
        case(L, "range_charge", "two_questions", r, [
            t(w(L, "how far can i go and um put on some music", "wie weit komm ich noch und mach mal musik an",
                "还能跑多远 顺便放首歌", gb="how far can i get and stick some music on"), "range", [rng])])

        # ---- Advice (2).
        case(L, "battery_12v", "advice", r, [
            t(w(L, "is my twelve volt battery on its last legs", "pfeift die zwölf volt batterie aus dem letzten loch",
                "那个12伏的电瓶是不是快不行了", gb="is the twelve volt on its way out"), "low_voltage_battery",
              [fmt(11.4, L, 1)]),
            t(w(L, "ok what do i do about it", "und was mach ich jetzt damit", "那得咋办", gb="so what do i do about that then"),
              "advice", [w(L, "workshop|garage|charge|replace|check", "werkstatt|laden|tauschen|prüfen", "维修|充电|更换|检查")])],
             set_={"Vehicle.LowVoltageBattery.CurrentVoltage": 11.4})
        case(L, "warnings_codes", "advice", r, [
            t(w(L, "uh the check engine lights lit up whats it about", "die motorleuchte is angegangen was hat er denn",
                "发动机故障灯亮了 咋回事", gb="the engine management light's on what's up"), "warnings",
              [w(L, "engine|P0455", "motor|P0455", "发动机|P0455")]),
            t(w(L, "can i still drive to work on it", "kann ich damit noch in die arbeit fahren", "还能开去上班吗",
                gb="can i still get to work on it"), "advice",
              [w(L, "workshop|garage|dealer|service|check|mechanic", "werkstatt|prüfen", "维修|检查|4S店")])],
             set_={TT + "Powertrain.IsOn": True, "Vehicle.OBD.Status.IsMILOn": True, "Vehicle.OBD.DTCList": ["P0455"]})

        # ---- Warnings from what the car has (2).
        case(L, "warnings_codes", "implied_warning", r, [
            t(w(L, "does the car have any complaints right now", "hat der wagen grad irgendwelche wehwehchen", "车有没有哪儿不舒服",
                gb="any gremlins i should know about"), "warnings", ["P0507"])],
             set_={"Vehicle.OBD.DTCList": ["P0507"]})
        case(L, "warnings_codes", "implied_warning", r, [
            t(w(L, "it beeped and something amber came on whats going on", "der hat gepiept und was gelbes is an was is los",
                "刚滴了一声还亮了个黄灯 怎么了", gb="it's just beeped and an orange light's come on what's that"), "warnings",
              [w(L, "ABS|anti-lock|antilock", "ABS", "ABS|防抱死")])],
             set_={"Vehicle.ADAS.ABS.IsError": True})

        # ---- A question in another language than the session's (1).
        say, intent, fact, topic, st = {
            "en-US": ("wie viele kilometer hat er eigentlich insgesamt drauf", "odometer", km_or_miles(15342000, "de-DE"),
                      "driving", None),
            "en-GB": ("后备箱是不是开着", "trunk", "开", "openings", {"Vehicle.Body.Trunk.Rear.IsOpen": True}),
            "de-DE": ("uh are the headlights on", "lights", " on|lit", "lights", MOVING),
            "zh-CN": ("how warm is it in the cabin right now", "cabin_temperature", celsius(20, "en-US"), "temperatures", None)}[L]
        case(L, topic, "language_switch", r, [t(say, intent, [fact])], set_=st)


def ns9():
    """Round 9: 24 conversations per locale, written apart from the engine (no engine sources, tests, docs, benchmarks or
    phrase lists read, engine not run) and before it ran on it; new situations: a hot summer afternoon (roasting cabin,
    warm pack, hot tyres after a motorway stretch, a coolant lamp in the heat, a request to turn the air conditioning up
    to decline), a nearly full battery at a fast charger (92 %, 12 minutes left, a warm pack), a rear door ajar while
    driving, the hood/bonnet left up, front fog lights on a foggy morning, windows half down as rain starts, a slow
    puncture on one wheel (pressure history falling, no lamp yet), a service overdue by 850 km, a stored code with the
    lamp lit (P0562), a stored network code (U0100) and a stability fault with no lamp, a child in the rear middle seat
    unbelted, one rear door left unlocked, lamps by new likenesses (a gravy boat, a lollipop in the waves, a toaster),
    regional wording (knackered, motor, bonnet, boot; Bavarian and Austrian; 口语), slips and self-corrections."""
    r = "ns9"
    hot = {"Vehicle.Exterior.AirTemperature": 34, "Vehicle.Cabin.HVAC.AmbientAirTemperature": 41,
           "Vehicle.Powertrain.TractionBattery.Temperature.Average": 38}
    fast = dict(CHARGING, **{"Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed": 92,
                             "Vehicle.Powertrain.Range": 368000,
                             "Vehicle.Powertrain.TractionBattery.Charging.TimeToComplete": 720,
                             "Vehicle.Powertrain.TractionBattery.Charging.ChargeLimit": 100,
                             "Vehicle.Powertrain.TractionBattery.Temperature.Average": 41})
    puncture = {P + "Row2.Wheel.Left.Tire.Pressure": {"value": 207, "age": 3,
                                                      "history": [[5400, 229], [3600, 221], [1800, 213]]}}
    overdue = {"Vehicle.Service.IsServiceDue": True, "Vehicle.Service.DistanceToService": -850,
               "Vehicle.Service.TimeToService": -864000, TT + "Service.IsOn": True}
    child = {"Vehicle.Cabin.Seat.Row2.Middle.IsOccupied": True, "Vehicle.Cabin.Seat.Row2.Middle.IsBelted": False}
    for L in LOCALES:
        en = lang(L) == "en"
        rl = w(L, "rear left|left rear|back left", "hinten links|links hinten|hinterer linker|hinteren linken|linker hinter|linke hinter",
               "左后|后左")
        rr = w(L, "rear right|right rear|back right|rear passenger|passenger side rear|passenger-side rear|behind the passenger",
               "hinten rechts|rechts hinten|hintere rechte|hinteren rechten|hinterer rechter|rechte hinter|rechten hinter|"
               "beifahrerseite hinten|hinter dem beifahrer|hintere beifahrer",
               "右后|后右|副驾后")
        fr_win = w(L, "front passenger|passenger window|passenger's window|passenger side front|front right|right front",
                   "beifahrer|vorne rechts|rechts vorne|vorderes rechtes|vordere rechte|rechtes vorder|rechte vorder", "副驾|右前|前右")
        rl_win = w(L, "rear left|left rear|back left|rear driver|driver side rear|driver's side rear|behind the driver|behind you",
                   "hinten links|links hinten|hinteres linkes|hintere linke|linkes hinter|linke hinter|fahrerseite hinten|hinter dem fahrer|hinter dir",
                   "左后|后左|主驾后|驾驶员后|司机后")
        closed = w(L, "closed|shut", "geschlossen|ist zu|sind zu", "关着|关好|关上|关闭|已关")
        is_open = w(L, "open| up|raised", "offen|geöffnet|nicht geschlossen|nicht zu", "开着|打开|开了|没关|未关|没盖|开启")
        on = w(L, " on|lit", "an|eingeschaltet|leuchte", "开着|亮|开启|打开")
        not_belted = w(L, "not|unbuckled|unfastened|isn't", "nicht", "没|未")
        middle = w(L, "middle|center|centre", "mitte|mittler", "中间|中部")
        locked = w(L, "locked", "verriegelt|abgeschlossen|zugesperrt|versperrt", "锁")
        unlocked = w(L, "unlocked|not locked|isn't locked", "entriegelt|nicht verriegelt|nicht abgeschlossen|nicht zugesperrt|"
                     "nicht versperrt|offen|aufgesperrt", "没锁|未锁|解锁|未上锁|没有锁|没上锁")
        charging = w(L, "charging", "lädt|lade", "充电|在充")
        twelve_min = w(L, "12 min|twelve min", "12 min|zwölf min", "12分|十二分")
        overdue_w = w(L, "overdue|past due|over due|ago|passed|exceeded", "überfällig|überschritten|überzogen|drüber|seit",
                      "超过|逾期|过了|超期|已过|超出")

        # ---- Colloquial and indirect (5).
        case(L, "temperatures", "colloquial", r, [t(w(L, "man its like an oven in here whats it actually reading inside",
                                                      "heast des is a hitz do herin wie warm hats im auto eigentlich",
                                                      "呃 车里跟蒸笼似的 里头现在到底多少度啊",
                                                      gb="cor its absolutely roasting in here how hot is it inside"),
                                                    "cabin_temperature", [celsius(41, L)])],
             set_=hot)
        case(L, "openings", "colloquial", r, [t(w(L, "i wonder if i left the hood up after i topped off the washer fluid",
                                                  "ob i die motorhaube offen glassen hab nachm wischwasser nachfüllen",
                                                  "那个 我刚加完玻璃水 引擎盖是不是就没盖上啊",
                                                  gb="i wonder if ive left the bonnet up after doing the screenwash"),
                                                "hood", [is_open])],
             set_={"Vehicle.Body.Hood.IsOpen": True})
        case(L, "range_charge", "colloquial", r, [t(w(L, "um are we almost topped up yet or what",
                                                      "ähm samma bald voll oder dauerts no",
                                                      "就是 这电快充满了没有啊",
                                                      gb="are we nearly full yet or not"),
                                                    "battery_level", [percent(92, L)])],
             set_=fast)
        case(L, "seat_belts", "colloquial", r, [t(w(L, "uh is the kid in the middle seat back there actually strapped in",
                                                    "is da bua hinten in da mitten überhaupt angschnallt",
                                                    "呃 后排中间那个小孩 安全带到底扣上没",
                                                    gb="has the nipper in the middle at the back got his belt on"),
                                                  "seat_belts", [middle, not_belted])],
             set_=child)
        case(L, "out_of_scope", "colloquial", r, [t(w(L, "ugh just crank the ac all the way up would ya",
                                                      "mach amal die klimaanlage auf volle pulle bitte",
                                                      "那个 把空调给我开到最大",
                                                      gb="just whack the air con up full blast would you"), None, [], no_numbers=True)],
             set_=hot)

        # ---- A lamp by its symbol (3), likenesses not used before.
        case(L, "warnings_codes", "symbol", r, [t(w(L, "theres a red thing like a gravy boat with a drip coming off the end",
                                                    "da leuchtet so a rote sauciere mit am tropfen vorn dran",
                                                    "呃 有个红灯 就像个酱油壶在往下滴",
                                                    gb="there's a red light like a gravy boat dribbling off the end"),
                                                  "warnings", [w(L, "oil", "öl", "机油")])],
             set_={TT + "OilPressure.IsOn": True})
        case(L, "warnings_codes", "symbol", r, [t(w(L, "um a red light came on like a lollipop stuck in some waves",
                                                    "ähm jetzt is so a rotes ding an wie a lutscher im wasser mit wellen",
                                                    "仪表上亮了个红的 像根棒棒糖插在水里 底下还有波浪",
                                                    gb="a red light's come on like a lolly stood in the sea"),
                                                  "warnings", [w(L, "coolant|temperature|overheat", "kühl|temperatur|überhitz",
                                                                 "冷却|水温|温度|过热")])],
             set_={**hot, **MOVING, TT + "CoolantTemperature.IsOn": True})
        case(L, "warnings_codes", "symbol", r, [t(w(L, "theres an orange thing kinda looks like a toaster with little pipes sticking out",
                                                    "da is so a gelbes teil wie a toaster mit stummeln dran was is des",
                                                    "有个黄色的灯 就是像个烤面包机 上面还有几根管子 那是啥",
                                                    gb="there's an amber light like a little old telly with bits sticking out the top"),
                                                  "warnings", [w(L, "engine|powertrain", "motor|antrieb", "发动机|动力")])],
             set_={TT + "Powertrain.IsOn": True, "Vehicle.OBD.Status.IsMILOn": True})

        # ---- References (3).
        case(L, "openings", "reference", r, [
            t(w(L, "uh its starting to rain which windows have i got down", "jetzt fangts zum regnen an welche fenster san no offen",
                "呃 下雨了 哪几个窗户还开着呢", gb="its starting to chuck it down which windows are open"), "windows",
              [fr_win, rl_win]),
            t(w(L, "and mine the one right next to me", "und meins do neben mir", "那我旁边这个呢", gb="and mine"), "windows",
              [closed])],
             set_={D + "Row1.PassengerSide.Window.IsOpen": True, D + "Row2.DriverSide.Window.IsOpen": True,
                   "Vehicle.Exterior.AirTemperature": 12})
        case(L, "tyres", "reference", r, [
            t(w(L, "i think one of my tires has a slow leak which one is it", "i glaub a reifen verliert langsam luft welcher is des",
                "我感觉有个胎在慢慢漏气 是哪个啊", gb="i reckon ive got a slow puncture which tyre is it"), "tire_pressure",
              [rl, kpa(207, L)]),
            t(w(L, "and the one in front of it no wait the one across from it", "und der davor na moment der gegenüber",
                "那它前面那个 不对 对面那个呢", gb="and the one in front no hang on the one opposite"), "tire_pressure",
              [w(L, "rear right|right rear|back right", "hinten rechts|rechts hinten|hinterer rechter|hinteren rechten|rechter hinter|rechte hinter",
                 "右后|后右"), kpa(234, L)])],
             set_=puncture)
        case(L, "openings", "reference", r, [
            t(w(L, "i hit lock but one of the back doors didnt lock which one", "i hab zugsperrt aber a hintere tür is ned versperrt welche",
                "我按了锁车 后面有个门好像没锁上 是哪个", gb="i pressed lock but one of the back doors hasnt locked which one"),
              "locks", [rr, unlocked]),
            t(w(L, "and the two up front", "und die zwei vorn", "那前面俩呢", gb="and the front two"), "locks", [locked])],
             set_={D + "Row2.PassengerSide.IsLocked": False})

        # ---- A follow-up that changes the aspect (3).
        case(L, "temperatures", "aspect_followup", r, [
            t(w(L, "how hot is it out there its gotta be ninety something", "wie heiß is draußen grad des san doch sicher über dreißig",
                "外头现在多少度 得有三十好几了吧", gb="how hot is it out there must be thirty odd"), "outside_temperature",
              [celsius(34, L)]),
            t(w(L, "is the battery cooking in this heat", "und der akku kocht der ned bei der hitz", "那电池不会热坏了吧 电池多少度",
                gb="and is the battery cooking in this"), "battery_temperature", [celsius(38, L)])],
             set_=hot)
        case(L, "charging", "aspect_followup", r, [
            t(w(L, "is it still charging or has it slowed right down", "lädt er no oder is er scho ganz langsam",
                "还在充着吗 是不是变慢了", gb="is it still charging or has it gone all slow"), "charging_status", [charging]),
            t(w(L, "and hows the pack temperature", "und wie warm is der akku", "那电池温度咋样",
                gb="and how warm's the pack got"), "battery_temperature", [celsius(41, L)])],
             set_=fast)
        tyres_hot = {P + "Row1.Wheel.Left.Tire.Temperature": 41, P + "Row1.Wheel.Right.Tire.Temperature": 43,
                     P + "Row2.Wheel.Left.Tire.Temperature": 39, P + "Row2.Wheel.Right.Tire.Temperature": 40,
                     P + "Row1.Wheel.Left.Tire.Pressure": 248, P + "Row1.Wheel.Right.Tire.Pressure": 251,
                     P + "Row2.Wheel.Left.Tire.Pressure": 244, P + "Row2.Wheel.Right.Tire.Pressure": 246}
        case(L, "tyres", "aspect_followup", r, [
            t(w(L, "how hot did the tires get on that stretch", "wie heiß san die reifen nach der autobahn",
                "刚跑完高速 轮胎温度多少了", gb="how hot have the tyres got after that run down the motorway"), "tire_temperature",
              [celsius(39, L), celsius(43, L)]),
            t(w(L, "and um the pressures", "und äh der druck", "呃 那胎压呢", gb="and the pressures"), "tire_pressure",
              [kpa(244, L), kpa(251, L)])],
             set_=dict(hot, **tyres_hot))

        # ---- A follow-up that changes the unit (2).
        case(L, "range_charge", "unit_followup", r, [
            t(w(L, "so whats the range looking like now", "was sagt die reichweite jetzt", "现在续航显示多少了",
                gb="what's the range saying now"), "range", [km_or_miles(368000, L)]),
            t(w(L, "and in kilometers", "und des in meilen", "换成英里呢", gb="and in kilometres"), "range",
              [fmt(368, L), "km|kilomet"] if en else [fmt(368000 / MILE, L), w(L, "", "meile|mile", "英里")])],
             set_=fast)
        case(L, "service", "unit_followup", r, [
            t(w(L, "um how overdue is the service now", "wie weit bin i mit dem service scho drüber",
                "呃 保养超了多少公里了", gb="how far over the service am i now"), "service",
              [overdue_w, km_or_miles(850000, L)]),
            t(w(L, "say that in kilometers", "wie viel meilen wärn des", "用英里说呢", gb="say that in kilometres"), "service",
              [fmt(850, L), "km|kilomet"] if en else [fmt(850000 / MILE, L), w(L, "", "meile|mile", "英里")])],
             set_=overdue)

        # ---- Two questions in one turn (3).
        case(L, "range_charge", "two_questions", r, [
            t(w(L, "how far can i go right now and how many more minutes on this thing",
                "wie weit kumm i jetzt und wie lang dauerts no an der säule", "现在能跑多远 还得等几分钟",
                gb="how far can i get on whats in it now and how many more minutes on this charger"), "range",
              [km_or_miles(368000, L), twelve_min])],
             set_=fast)
        case(L, "lights", "two_questions", r, [
            t(w(L, "are the uh front fogs on and how cold is it out", "san die nebelscheinwerfer an und wie kalt is draußen",
                "前雾灯开了没 外面多少度", gb="have i got the front fogs on and how cold is it outside"), "lights",
              [on, celsius(4, L)])],
             set_={**MOVING, "Vehicle.Body.Lights.Fog.Front.IsOn": True, "Vehicle.Exterior.AirTemperature": 4})
        case(L, "openings", "two_questions", r, [
            t(w(L, "is the frunk closed and whats the back left tire reading", "is der vordere kofferraum zu und was hat hinten links",
                "前备箱关了没 左后胎压多少", gb="is the front boot shut and whats the back left tyre on"), "frunk",
              [closed, kpa(207, L)])],
             set_=puncture)

        # ---- Advice (2).
        case(L, "openings", "advice", r, [
            t(w(L, "somethings chiming at me is one of the doors not shut", "da bimmelt was is a tür ned richtig zu",
                "呃 一直在叮叮响 是不是有个门没关好", gb="something keeps dinging is one of the doors not shut"), "doors",
              [rr]),
            t(w(L, "im on the highway what should i do", "i bin auf da autobahn was soll i jetzt machen",
                "我在高速上呢 该咋办", gb="im on the motorway what do i do"), "advice",
              [w(L, "stop|pull over|safe|close|shut", "anhalten|halten|rechts ran|parkplatz|schließen|zumachen|sicher",
                 "停车|靠边|关好|关上|安全")])],
             set_={**MOVING, "Vehicle.Speed": 110, D + "Row2.PassengerSide.IsOpen": True})
        case(L, "warnings_codes", "advice", r, [
            t(w(L, "ugh the engine lights on again what is it saying this time", "jetzt is die motorleuchte scho wieder an was hat die kiste",
                "咋又亮发动机灯了 这回报的啥", gb="the engine light's on again on this knackered motor what's it saying"),
              "warnings", ["P0562"]),
            t(w(L, "is that something i can sort out myself or does it need a shop", "kann i des selber richten oder muss i in die werkstatt",
                "这个我自己能弄吗 还是得去修理厂", gb="can i sort that myself or does it need a garage"), "advice",
              [w(L, "workshop|garage|shop|dealer|check|mechanic|battery|12", "werkstatt|prüfen|batterie|12",
                 "维修|检查|4S|电瓶|蓄电池|12")])],
             set_={TT + "Powertrain.IsOn": True, "Vehicle.OBD.Status.IsMILOn": True, "Vehicle.OBD.DTCList": ["P0562"],
                   "Vehicle.LowVoltageBattery.CurrentVoltage": 11.8})

        # ---- The warning question answered from what implies a warning (2).
        case(L, "warnings_codes", "implied_warning", r, [
            t(w(L, "the back end felt kinda loose there did the car flag anything", "des heck war grad so schwammig hat die schüssel was gmeldet",
                "刚才车屁股有点飘 车有没有报啥", gb="the back felt a bit squirrelly there has the car flagged anything"),
              "warnings", [w(L, "stability|esc|traction|skid", "esp|stabilit|schleuder|esc", "稳定|esp|esc|防侧滑|侧滑")])],
             set_={"Vehicle.ADAS.ESC.IsError": True})
        case(L, "warnings_codes", "implied_warning", r, [
            t(w(L, "the screen went black for a sec did it log something", "der bildschirm war grad kurz schwarz hat er was gspeichert",
                "屏幕刚黑了一下 是不是记了个啥故障", gb="the screen went blank for a second has it logged anything"),
              "warnings", ["U0100"])],
             set_={"Vehicle.OBD.DTCList": ["U0100"]})

        # ---- A question in another language than the session's (1).
        say, intent, fact, topic, st = {
            "en-US": ("wie heiß is es grad im auto drin", "cabin_temperature", celsius(41, "de-DE"), "temperatures", hot),
            "en-GB": ("引擎盖是不是没关好", "hood", "开|没关|未关|没盖", "openings", {"Vehicle.Body.Hood.IsOpen": True}),
            "de-DE": ("uh how long till its done charging", "charge_time", "12 min|twelve min", "charging", fast),
            "zh-CN": ("sind hinten alle angeschnallt", "seat_belts", "nicht", "seat_belts", child)}[L]
        facts = [fact, "mitte|mittler"] if L == "zh-CN" else [fact]
        case(L, topic, "language_switch", r, [t(say, intent, facts)], set_=st)


def ns10():
    """Round 10: 25 conversations per locale, written apart from the engine (no engine sources, tests, docs, scripts or
    phrase lists read, engine not run) and committed before it ran on it; new situations: a trip to grandma's on a short
    range, an overnight wall-box charge (6 h 40 min to the limit), parking lights left on, a dog waiting in a warm car,
    lamps by new likenesses (a seated figure with a balloon, a circle wearing earmuffs, a flowerpot with a bang), two soft
    tyres and the worse of them, a door unlocked diagonally across from the driver, one child belted and one not, wind
    noise from an open front window, the 12 V battery then 'the big one', tyres and pack warm after mountain roads, a car
    wash in neutral with the parking brake off, a tyre temperature and a charge time in other units, two questions with no
    'and' between them (bonnet and range, charge limit and cable, frost and speed), a stability fault on ice, a nearly
    empty battery, stored codes with no lamp (C0035, P0AA6), follow-ups in another language; regional wording (Midwest
    'ope', Scottish 'wee', Yorkshire 'owt', Bavarian, Austrian, Swabian, Swiss, Berlin forms; 东北/北方口语) and
    self-corrections (no wait, äh nee, 不对)."""
    r = "ns10"
    low = {"Vehicle.Powertrain.Range": 87000, "Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed": 17}
    overnight = dict(CHARGING, **{"Vehicle.Powertrain.TractionBattery.Charging.TimeToComplete": 24000,
                                  "Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed": 31,
                                  "Vehicle.Powertrain.Range": 145000,
                                  "Vehicle.Powertrain.TractionBattery.Charging.ChargeLimit": 80})
    mountain = {P + "Row1.Wheel.Left.Tire.Temperature": 31, P + "Row1.Wheel.Right.Tire.Temperature": 33,
                P + "Row2.Wheel.Left.Tire.Temperature": 30, P + "Row2.Wheel.Right.Tire.Temperature": 32,
                "Vehicle.Powertrain.TractionBattery.Temperature.Average": 29}
    for L in LOCALES:
        en = lang(L) == "en"
        rng = km_or_miles(201000, L)
        rl = w(L, "rear left|left rear|back left", "hinten links|links hinten|hinterer linker|hinteren linken|linker hinter|linke hinter",
               "左后|后左")
        fr = w(L, "front right|right front", "vorne rechts|rechts vorne|vorderer rechter|vorderen rechten|rechter vorder|rechte vorder",
               "右前|前右")
        closed = w(L, "closed|shut", "geschlossen|ist zu|sind zu", "关着|关好|关上|关闭|已关")
        is_open = w(L, "open| up|raised|not latched", "offen|geöffnet|nicht geschlossen|nicht zu", "开着|打开|开了|没关|未关|没盖|开启")
        on = w(L, " on|lit", " an|eingeschaltet|leuchte|brennt", "开着|亮|开启|打开")
        locked = w(L, "locked", "verriegelt|abgeschlossen|zugesperrt|versperrt", "锁")
        unlocked = w(L, "unlocked|not locked|isn't locked", "entriegelt|nicht verriegelt|nicht abgeschlossen|nicht zugesperrt|"
                     "nicht versperrt|offen|aufgesperrt", "没锁|未锁|解锁|未上锁|没有锁|没上锁")
        belted = w(L, "buckled|belted|fastened|wearing", "angeschnallt|angegurtet", "系好|系上|系了|已系")
        not_belted = w(L, "not|unbuckled|unfastened|isn't", "nicht", "没|未")
        released = w(L, "not|off|released|isn't", "nicht|gelöst|gelockert|aus|offen", "没|未|松开|放下|松了")
        neutral = w(L, "neutral", "neutral|leerlauf| n |n-stellung|n-stufe", "空挡|空档|N挡|N档|n挡|n档|N 挡|n 挡")
        plugged = w(L, "plugged|connected|charging", "angesteckt|eingesteckt|verbunden|angeschlossen|lädt", "插|连接|充电|在充")
        charge = w(L, "charg", "lad|strom|säule", "充电|充电桩|补电|充")
        careful = w(L, "careful|slow|gentl|caution|workshop|garage|dealer|check|mechanic",
                    "vorsichtig|langsam|behutsam|werkstatt|prüfen", "小心|慢|谨慎|维修|检查|4S")
        stability = w(L, "stability|esc|traction|skid", "esp|stabilit|schleuder|esc", "稳定|esp|esc|防侧滑|侧滑")
        no_reach = w(L, "no|not|won't|wont|can't|cannot|short", "nein|nicht|knapp|zu wenig", "不够|不行|到不了|够不到|不能|没法|不足")
        speed = fmt(88 * 1000 / MILE, L) if en else fmt(88, L)

        # ---- Colloquial and indirect (4).
        case(L, "range_charge", "colloquial", r, [t(w(L, "uh think well actually make it out to grandmas on this its like seventy miles",
                                                      "langt des no bis zur oma nunter des sin so hundertzwanzig kilometer",
                                                      "呃 这点电能撑到姥姥家不 差不多一百二十公里",
                                                      gb="are we gonna get to me nans on whats left its a good seventy mile"),
                                                    "can_reach", [km_or_miles(87000, L), no_reach])],
             set_=low)
        case(L, "charging", "colloquial", r, [t(w(L, "so how long is this thing gonna be hooked up to the wall box tonight",
                                                  "ick will ins bett wie lange braucht die kiste denn noch bis se voll is",
                                                  "今晚这得充到啥时候啊 还要几个钟头",
                                                  gb="how long does it want on the charger tonight before its done then"),
                                                "charge_time",
                                                [w(L, "6 h|6 hours|6 hrs|six hours|6:40", "6 std|6 stunden|sechs stunden|6 h|6:40",
                                                   "6小时|六小时|6个小时|六个小时|6:40"), "40"])],
             set_=overnight)
        case(L, "lights", "colloquial", r, [t(w(L, "wait did i leave the little parking lights on again",
                                                "mei hob i etz wieder s standlicht brenna lassn",
                                                "我是不是又把小灯忘关了",
                                                gb="are me sidelights still on i think i left em"), "lights", [on])],
             set_={"Vehicle.Body.Lights.Parking.IsOn": True})
        case(L, "temperatures", "colloquial", r, [t(w(L, "the dogs waiting in the car is it getting too hot in there for him",
                                                      "der hund wartet im auto wirds dem do drin ned z heiß",
                                                      "狗还在车里等着呢 里头会不会太热了",
                                                      gb="the dogs sat in the car is it getting too warm in there for him"),
                                                    "cabin_temperature", [celsius(31, L)])],
             set_={"Vehicle.Cabin.HVAC.AmbientAirTemperature": 31, "Vehicle.Exterior.AirTemperature": 24})

        # ---- A lamp by its symbol (3), likenesses not used before.
        case(L, "warnings_codes", "symbol", r, [t(w(L, "theres a red light thats like somebody sitting in a chair with a big bubble blowing up in their face",
                                                    "da is so a rots manderl im sitz und vor dem geht a großer ballon auf",
                                                    "有个红灯 一个小人坐那儿 脸跟前鼓起来一个大泡泡",
                                                    gb="theres a red one like a little fella sat down with a balloon going off in his face"),
                                                  "warnings", [w(L, "airbag", "airbag", "气囊")])],
             set_={TT + "Airbag.IsOn": True})
        case(L, "warnings_codes", "symbol", r, [t(w(L, "um what does the red circle mean the one with like headphones no wait earmuffs and an exclamation point",
                                                    "was is der rote kreis mit so ohrenschützern links und rechts und nem ausrufezeichen drin",
                                                    "那个红圈 两边跟戴了耳罩似的 中间一个感叹号 啥意思",
                                                    gb="whats the red circle with like earmuffs either side and an exclamation mark in it"),
                                                  "warnings", [w(L, "brake", "brems", "制动|刹车")])],
             set_={TT + "BrakeFluid.IsOn": True})
        case(L, "warnings_codes", "symbol", r, [t(w(L, "theres an amber thing like a flower pot from the side with an exclamation point in it",
                                                    "do leucht so a gelber blumentopf mit am ausrufezeichen drin",
                                                    "有个黄灯跟个花盆似的 里头插了个感叹号",
                                                    gb="ive got an orange light like a flowerpot with an exclamation mark stuck in it"),
                                                  "warnings", [w(L, "tire pressure|tyre pressure|tire|tyre", "reifendruck|reifen",
                                                                 "胎压|轮胎", gb="tyre pressure|tire pressure|tyre|tire")])],
             set_={TT + "TirePressure.IsOn": True, P + "Row2.Wheel.Right.Tire.Pressure": 170})

        # ---- References (4).
        case(L, "tyres", "reference", r, [
            t(w(L, "a couple of the tires look kinda low which ones", "a paar reifen schaun a bissl schlapp aus welche san des",
                "好像有俩胎气不太足 是哪俩啊", gb="a couple of me tyres are looking a bit flat which two"), "tire_pressure", [rl, fr]),
            t(w(L, "ok out of those two which ones worse", "und welcher von de zwoa is schlimmer", "那这俩里头哪个更瘪",
                gb="and which of them two is worse"), "tire_pressure", [rl, kpa(172, L)])],
             set_={P + "Row2.Wheel.Left.Tire.Pressure": 172, P + "Row1.Wheel.Right.Tire.Pressure": 190, TT + "TirePressure.IsOn": True})
        case(L, "openings", "reference", r, [
            t(w(L, "um is the door on my side locked", "is bei mir die tür zugsperrt", "我这边车门锁上没", gb="is my side locked"),
              "locks", [locked]),
            t(w(L, "and the one diagonally across from me", "und die schräg gegenüber", "那斜对角那个呢",
                gb="and the one diagonally opposite"), "locks", [unlocked])],
             set_={D + "Row2.PassengerSide.IsLocked": False})
        case(L, "seat_belts", "reference", r, [
            t(w(L, "is the kid behind me buckled in", "is der kloane hinter mir angschnallt", "我后头那娃安全带系上没",
                gb="has the wee one behind me got her belt on"), "seat_belts", [belted]),
            t(w(L, "ok and the other kid", "und da andere", "那另一个呢", gb="and the other one"), "seat_belts", [not_belted])],
             set_={"Vehicle.Cabin.Seat.Row2.DriverSide.IsOccupied": True, "Vehicle.Cabin.Seat.Row2.DriverSide.IsBelted": True,
                   "Vehicle.Cabin.Seat.Row2.PassengerSide.IsOccupied": True,
                   "Vehicle.Cabin.Seat.Row2.PassengerSide.IsBelted": False})
        case(L, "openings", "reference", r, [
            t(w(L, "theres a ton of wind noise back there are the rear windows shut", "des rauscht so arg sind hinten die fenster zu",
                "后头风噪好大 后窗都关上了没", gb="theres loads of wind noise are the back windows shut"), "windows", [closed]),
            t(w(L, "what about up front", "und vorn bei uns", "那前排的呢", gb="and what about them at the front"), "windows", [w(L, "open| down", "offen|geöffnet|unten", "开着|打开|开了|没关|未关")])],
             set_=dict(MOVING, **{"Vehicle.Speed": 120, D + "Row1.PassengerSide.Window.IsOpen": True}))

        # ---- A follow-up that changes the aspect (3).
        case(L, "battery_12v", "aspect_followup", r, [
            t(w(L, "whats the accessory battery reading", "was hat die bordnetzbatterie grad für a spannung", "小电瓶现在几伏",
                gb="whats the voltage on the twelve volt battery"), "low_voltage_battery", [fmt(12.3, L, 1)]),
            t(w(L, "and the big one i mean the main battery", "und der große äh nee der hochvoltakku", "那大电池 我是说动力电池呢",
                gb="and the main battery"), "battery_level", [percent(43, L)])])
        case(L, "temperatures", "aspect_followup", r, [
            t(w(L, "after all that mountain driving how hot did the tires get", "nach dem ganzen passfahren wie warm san die reifen",
                "刚跑完盘山路 轮胎热到多少度了", gb="after all them hairpins how warm have the tyres got"), "tire_temperature",
              [celsius(30, L), celsius(33, L)]),
            t(w(L, "and the battery pack itself", "und da akku", "那电池包呢", gb="and the battery"), "battery_temperature",
              [celsius(29, L)])],
             set_=mountain)
        case(L, "brake_gear", "aspect_followup", r, [
            t(w(L, "pulling into the car wash now is it in neutral", "jetzt gohts i d waschstrass isch er im leerlauf",
                "要进洗车机了 现在是空挡吧", gb="going into the car wash is it in neutral"), "gear", [neutral]),
            t(w(L, "and the parking brake is off right", "und d handbremse isch glöst oder", "手刹也松开了吧",
                gb="and the handbrakes off yeah"), "parking_brake", [released])],
             set_={"Vehicle.Powertrain.Transmission.SelectedGear": 0, "Vehicle.Chassis.ParkingBrake.IsEngaged": False})

        # ---- A follow-up that changes the unit (2).
        case(L, "tyres", "unit_followup", r, [
            t(w(L, "how hot is the front left no wait the front right tire", "wie warm is der reifen vorne links äh nee vorne rechts",
                "左前 不对 右前轮胎多少度", gb="hows the front left sorry front right tyre temperature"), "tire_temperature",
              [celsius(33, L)]),
            t(w(L, "give me that in celsius for my buddy from canada", "des hätt i gern in fahrenheit", "用华氏度说一下",
                gb="and whats that in fahrenheit for the american lad"), "tire_temperature",
              [fmt(33, L), "°c|celsius"] if L == "en-US" else
              [fmt(33 * 9 / 5 + 32, L), w(L, "°f|fahrenheit", "°f|fahrenheit", "°f|华氏|fahrenheit")])],
             set_=mountain)
        case(L, "charging", "unit_followup", r, [
            t(w(L, "how much longer on the charger", "wie lang lädt er no", "还得充多长时间", gb="how long is left on the charge then"),
              "charge_time", [w(L, "1 h|1 hour|1 hr|one hour|1:15|75 min", "1 std|1 stunde|eine stunde|1 h|1:15|75 min",
                                "1小时|一小时|1个小时|一个小时|1:15|75分"), "15|75"]),
            t(w(L, "how many minutes is that", "wie viel minuten san des", "合多少分钟", gb="in minutes please"), "charge_time",
              [w(L, "75 min", "75 min", "75分|75 分")])],
             set_=dict(CHARGING, **{"Vehicle.Powertrain.TractionBattery.Charging.TimeToComplete": 4500,
                                    "Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed": 68}))

        # ---- Two questions in one turn, with no 'and' between them (3).
        case(L, "openings", "two_questions", r, [
            t(w(L, "is the hood latched all the way how many miles we got", "is d motorhaub richtig zua wia weit kimm i no",
                "机盖扣严实了没 还能跑多少公里", gb="is the bonnet shut proper like how far will she go"), "hood", [is_open, rng])],
             set_={"Vehicle.Body.Hood.IsOpen": True})
        case(L, "charging", "two_questions", r, [
            t(w(L, "whats the charge limit at is it actually plugged in", "auf wie viel is des ladelimit gsetzt hängt er überhaupt am kabel",
                "充电上限设的多少 枪插好了没", gb="whats the limit set to is the cable in properly"), "charge_limit",
              [percent(80, L), plugged])],
             set_=dict(CHARGING, **{"Vehicle.Powertrain.TractionBattery.Charging.ChargeLimit": 80}))
        case(L, "temperatures", "two_questions", r, [
            t(w(L, "is it below freezing out there how fast am i going", "hats draußen scho minus wie schnell fahr i grad",
                "外头上冻了没 现在车速多少", gb="is it frosty out there what speed am i doing"), "outside_temperature",
              [celsius(1, L), speed])],
             set_=dict(MOVING, **{"Vehicle.Exterior.AirTemperature": 1}))

        # ---- Advice (2).
        case(L, "warnings_codes", "advice", r, [
            t(w(L, "whoa whats the yellow light that just popped up", "hoppla was is jetzt des gelbe licht do", "诶 刚亮的那个黄灯是啥",
                gb="hang about whats that amber light thats just come on"), "warnings", [stability]),
            t(w(L, "its pretty icy out here am i ok to keep driving", "bei dem glatteis kann i do no weiterfahrn",
                "路面都结冰了 还能接着开吗", gb="its like an ice rink out here am i alright to carry on"), "advice", [careful])],
             set_=dict(MOVING, **{"Vehicle.ADAS.ESC.IsError": True, "Vehicle.Speed": 60, "Vehicle.Exterior.AirTemperature": -2}))
        case(L, "range_charge", "advice", r, [
            t(w(L, "the range number looks scary low how much battery is actually left",
                "die anzeige schaut ganz schön mau aus wie viel prozent hab i no", "电量看着吓人 到底还剩百分之几",
                gb="the gauge looks proper low whats the battery on"), "battery_level", [percent(6, L)]),
            t(w(L, "ok so what do i uh what should i do", "ja und wie tu i jetzt am gscheitesten", "那我咋整啊", gb="right what do you reckon i do then"),
              "advice", [charge])],
             set_=dict(MOVING, **{"Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed": 6,
                                  "Vehicle.Powertrain.Range": 19000}))

        # ---- The warning question answered from a stored code with no lamp (2).
        case(L, "warnings_codes", "implied_warning", r, [
            t(w(L, "is this car gonna let me down on the road trip tomorrow", "lasst mi de karre morgen auf da langen fahrt im stich",
                "明天跑长途 这车不会掉链子吧", gb="is this car going to let me down on the drive up north tomorrow is there owt wrong"),
              "warnings", ["C0035"])],
             set_={"Vehicle.OBD.DTCList": ["C0035"]})
        case(L, "warnings_codes", "implied_warning", r, [
            t(w(L, "the mechanic wants to know if its got any codes stored", "der mechaniker will wissen ob fehler gspeichert san",
                "修车师傅问车里有没有存故障码", gb="the garage asked if theres any fault codes on it"), "warnings", ["P0AA6"])],
             set_={"Vehicle.OBD.DTCList": ["P0AA6"]})

        # ---- Another language than the session's: a follow-up in it (2 turns) and a lone question in a third (1).
        first, second, topic, st = {
            "en-US": (t("so how many miles are on this thing total", "odometer", [km_or_miles(15342000, L)]),
                      t("und der tageszähler", "trip", [km_or_miles(123000, "de-DE")]), "driving", None),
            "en-GB": (t("have i left the sunroof open a crack", "sunroof", [is_open]),
                      t("那后尾箱关着没", "trunk", ["关着|关好|关上|关闭|已关"]), "openings", {"Vehicle.Cabin.Sunroof.Position": 20}),
            "de-DE": (t("wie weit komm i no mit dem was drin is", "range", [rng]),
                      t("and how many percent is that then", "battery_level", [percent(43, "en-US")]), "range_charge", None),
            "zh-CN": (t("呃 四个胎压都正常吗", "tire_pressure", [kpa(226, L)]),
                      t("und die reifentemperatur", "tire_temperature", [celsius(13, "de-DE"), celsius(16, "de-DE")]),
                      "tyres", None)}[L]
        case(L, topic, "language_switch", r, [first, second], set_=st)
        say, intent, fact, topic, st = {
            "en-US": ("副驾驶车门是不是没关好", "doors", "开着|打开|开了|没关|未关", "openings", {D + "Row1.PassengerSide.IsOpen": True}),
            "en-GB": ("hab ich den frunk vorne offen gelassen", "frunk", "offen|geöffnet|nicht geschlossen|nicht zu", "openings",
                      {"Vehicle.Body.Trunk.Front.IsOpen": True}),
            "de-DE": ("还有几天该去做保养了", "service", "20天|20 天", "service", None),
            "zh-CN": ("is the cable still plugged in", "charging_status", "plugged|connected", "charging",
                      {"Vehicle.Powertrain.TractionBattery.Charging.IsChargingCableConnected": True})}[L]
        case(L, topic, "language_switch", r, [t(say, intent, [fact])], set_=st)


ROUNDS = [ns1, ns2, ns3, ns4, ns5, ns6, ns7, ns8, ns9, ns10]


def main():
    for rnd in ROUNDS:
        rnd()
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "natural-speech.jsonl")
    with open(path, "w", encoding="utf-8") as f:
        for c in CASES:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
    turns = sum(len(c["turns"]) for c in CASES)
    print(f"{len(CASES)} conversations, {turns} utterances -> {path}")


if __name__ == "__main__":
    main()
