// German lexicon (lower case, ß written as ss, numbers as digits). Compounds that are not listed are
// split into listed parts by the normaliser ("reifendruckwarnung" = reifen + druck + warnung).

extension Lexicon {
    static let germanEntries: KeyValuePairs<String, [Concept]> = [
        // Fillers and politeness
        "äh": [], "ähm": [], "öh": [], "öhm": [], "hm": [], "hmm": [], "also": [], "na": [], "ja": [], "halt": [], "mal": [],
        "eigentlich": [], "denn": [], "bitte": [.politeness], "kannst du": [.politeness], "könntest du": [.politeness],
        "sag mir": [], "sag mal": [], "weisst du": [], "zeig mir": [], "ich möchte wissen": [], "hey": [], "hallo": [],
        "der": [], "die": [], "das": [], "den": [], "dem": [], "des": [], "ein": [], "eine": [], "einen": [], "mein": [],
        "meine": [], "meinen": [], "meinem": [], "unser": [], "unsere": [], "ist": [.question], "sind": [.question],
        "wie": [.question], "was": [.question], "welche": [.question], "welcher": [.question], "welches": [.question],
        "wo": [.question], "gibt es": [.question], "hat": [], "habe": [], "haben": [], "ich": [], "wir": [], "es": [],
        "noch": [], "gerade": [], "jetzt": [], "aktuell": [], "aktuelle": [], "momentan": [], "im moment": [], "zu": [],
        "mit": [], "von": [], "für": [], "bei": [], "im": [], "in": [], "am": [], "an": [.on], "sich": [], "mir": [],
        "wagen": [.car], "auto": [.car], "fahrzeug": [.car], "karre": [.car], "status": [.status], "zustand": [.status],
        "alles ok": [.status, .car], "statusbericht": [.status, .car], "überblick": [.status, .car], "wie geht es dem auto": [.status, .car],
        "alles in ordnung": [.status, .car], "in ordnung": [.status], "okay": [.status], "gut": [.status],

        // Range, reaching, fuel
        "reichweite": [.range], "restreichweite": [.range], "wie weit": [.howFar], "wie viele kilometer noch": [.howFar],
        "wie viel weiter": [.howFar], "komme": [.drive], "komm": [.drive], "kommen": [.drive], "fahren": [.drive],
        "fahre": [.drive], "schaffe": [.reach], "schaffe ich": [.reach, .question], "ankommen": [.reach], "komme ich noch an": [.reach, .question],
        "schaffen wir": [.reach, .question],
        "komme ich": [.drive, .question], "kommen wir": [.drive, .question], "reicht das": [.enough, .question], "schaffen": [.reach],
        "schaff": [.reach], "schafft": [.reach],
        "erreiche": [.reach], "erreichen": [.reach], "bis nach": [.reach], "nach hause": [.reach], "ziel": [.reach], "zum ziel": [.reach],
        "bis zum ziel": [.reach], "reiseziel": [.reach], "heim": [.reach], "zuhause": [], "daheim": [],
        "reicht": [.enough], "reichen": [.enough],
        "genug": [.enough], "ausreichend": [.enough],
        "tank": [.fuel], "tankinhalt": [.fuel], "sprit": [.fuel], "benzin": [.fuel], "diesel": [.fuel], "kraftstoff": [.fuel],
        "tankfüllung": [.fuel], "füllstand": [.fuel],

        // Battery and charging
        "akku": [.battery], "batterie": [.battery], "hochvoltbatterie": [.battery], "antriebsbatterie": [.battery],
        "ladestand": [.soc], "akkustand": [.soc, .battery], "batteriestand": [.soc, .battery], "ladezustand": [.soc],
        "ladung": [.soc], "strom": [.soc], "saft": [.soc], "energie": [.soc], "akkuladung": [.soc, .battery], "prozent": [.percent], "%": [.percent],
        "geladen": [.charging, .soc], "wird geladen": [.charging], "wird gerade geladen": [.charging],
        "wird er geladen": [.charging], "wird es geladen": [.charging],
        "voll": [.full], "vollgeladen": [.full, .soc], "voll geladen": [.full, .soc], "aufgeladen": [.full, .soc],
        "lädt": [.charging], "laden": [.charging], "lade": [.charging], "ladevorgang": [.charging], "wird geladen": [.charging],
        "lädt er": [.charging], "lädt das auto": [.charging], "ladekabel": [.plug, .charging], "kabel": [.plug],
        "eingesteckt": [.plug, .charging], "angeschlossen": [.plug, .charging], "stecker": [.plug],
        "wie lange": [.time], "wann": [.time], "dauer": [.time], "dauert": [.time], "ladezeit": [.time, .charging],
        "restladezeit": [.time, .charging], "bis": [.time], "zeit": [.time], "fertig": [.full],
        "ladelimit": [.limit, .charging], "bis wie viel prozent": [.limit, .percent], "bis auf wie viel": [.limit],
        "ladegrenze": [.limit, .charging], "limit": [.limit], "grenze": [.limit],
        "ladeziel": [.limit, .charging], "maximal": [.limit], "eingestellt": [.limit],

        // Tyres
        "reifen": [.tyre], "reifens": [.tyre], "pneu": [.tyre], "pneus": [.tyre], "rad": [.tyre], "räder": [.tyre],
        "druck": [.pressure], "drücke": [.pressure], "luft": [.pressure], "luftdruck": [.pressure], "bar": [.pressure],
        "reifendruck": [.tyre, .pressure], "reifendrücke": [.tyre, .pressure], "reifenluftdruck": [.tyre, .pressure],
        "platt": [.low, .tyre], "platten": [.low, .tyre], "plattfuss": [.low, .tyre], "niedrig": [.low], "zu wenig": [.low],
        "verliert": [.low, .falling], "verlieren": [.low, .falling], "undicht": [.low, .falling], "schwach": [.low],
        "verloren": [.falling], "verlust": [.falling], "druckverlust": [.pressure, .falling, .low], "sinkt": [.falling],
        "gesunken": [.falling], "fällt": [.falling], "gefallen": [.falling], "nimmt ab": [.falling], "abgenommen": [.falling],
        "geht runter": [.falling], "runtergegangen": [.falling], "lässt nach": [.falling], "nachgelassen": [.falling],
        "weniger geworden": [.falling], "immer weniger": [.falling], "luft raus": [.low, .falling, .pressure],

        // Temperature
        "temperatur": [.temperature], "temperaturen": [.temperature], "grad": [.temperature], "wie warm": [.temperature, .hot],
        "wie kalt": [.temperature, .cold], "warm": [.hot], "kalt": [.cold], "heiss": [.hot], "wie heiss": [.temperature, .hot],
        "draussen": [.outside], "aussen": [.outside], "ausserhalb": [.outside], "aussentemperatur": [.outside, .temperature],
        "innen": [.cabin], "drinnen": [.cabin], "innenraum": [.cabin], "im auto": [.cabin], "im wagen": [.cabin],
        "innentemperatur": [.cabin, .temperature], "innenraumtemperatur": [.cabin, .temperature], "kabine": [.cabin],

        // Openings and locks
        "tür": [.door], "türen": [.door], "tuer": [.door], "tueren": [.door],
        "fenster": [.window], "scheibe": [.window], "scheiben": [.window], "seitenscheibe": [.window],
        "kofferraum": [.trunk], "heckklappe": [.trunk], "klappe": [.trunk], "gepäckraum": [.trunk], "hinterer kofferraum": [.trunk],
        "kofferraumdeckel": [.trunk], "heckdeckel": [.trunk], "deckel": [],
        "auto offen": [.car, .lock, .unlock], "wagen offen": [.car, .lock, .unlock], "auto zu": [.car, .lock],
        "wagen zu": [.car, .lock],
        "frunk": [.frunk], "vorderer kofferraum": [.frunk], "frontkofferraum": [.frunk], "vorderkofferraum": [.frunk],
        "motorhaube": [.hood], "haube": [.hood], "fronthaube": [.hood],
        "schiebedach": [.sunroof], "panoramadach": [.sunroof], "sonnendach": [.sunroof], "dach": [.sunroof], "glasdach": [.sunroof],
        "abgeschlossen": [.lock], "verschlossen": [.lock], "verriegelt": [.lock], "zugesperrt": [.lock], "abgesperrt": [.lock],
        "zu gesperrt": [.lock], "gesichert": [.lock], "zentralverriegelung": [.lock], "schloss": [.lock],
        "entriegelt": [.lock, .unlock], "aufgeschlossen": [.lock, .unlock], "unverschlossen": [.lock, .unlock],
        "offen": [.open], "auf": [.open], "geöffnet": [.open], "geoeffnet": [.open], "zu": [.closed], "geschlossen": [.closed],
        "etwas": [.anything], "irgendwas": [.anything], "irgendetwas": [.anything], "irgendein": [.anything],
        "irgendeine": [.anything], "noch was": [.anything], "alle": [.all], "alles": [.anything], "beide": [.all], "jede": [.all],

        // Lights
        "licht": [.light], "lichter": [.light], "beleuchtung": [.light], "lampe": [.light], "lampen": [.light],
        "scheinwerfer": [.light, .lowBeam], "abblendlicht": [.light, .lowBeam], "fahrlicht": [.light, .lowBeam],
        "fernlicht": [.light, .highBeam], "aufblendlicht": [.light, .highBeam],
        "nebelscheinwerfer": [.light, .fogLight], "nebellicht": [.light, .fogLight], "nebelleuchte": [.light, .fogLight],
        "nebelschlussleuchte": [.light, .fogLight], "nebel": [.fogLight],
        "warnblinker": [.light, .hazard], "warnblinkanlage": [.light, .hazard], "warnblinklicht": [.light, .hazard],
        "standlicht": [.light, .parkingLight], "parklicht": [.light, .parkingLight], "tagfahrlicht": [.light, .drl],
        "eingeschaltet": [.on], "ein": [.on], "aus": [.off], "ausgeschaltet": [.off], "brennt": [.on], "leuchtet": [.on],

        // Driving
        "geschwindigkeit": [.speed], "km h": [.speed], "kmh": [.speed], "stundenkilometer": [.speed],
        "auf dem": [], "auf der": [], "auf den": [], "auf die": [], "auf das": [], "auf wie viel": [.limit], "tempo": [.speed],
        "wie schnell": [.speed], "schnell": [.speed],
        "kilometerstand": [.odometer], "tachostand": [.odometer], "gesamtkilometer": [.odometer], "laufleistung": [.odometer],
        "kilometerzähler": [.odometer], "gefahren insgesamt": [.odometer], "insgesamt": [.odometer], "tacho": [.odometer],
        "fahrt": [.trip], "tageskilometer": [.trip], "tageszähler": [.trip], "heute": [], "strecke": [.trip],
        "diese fahrt": [.trip], "bisher": [.trip], "seit dem start": [.trip], "seit abfahrt": [.trip], "gefahren": [.trip],
        "fährt": [.moving], "bewegt": [.moving],

        // Service, warnings, codes
        "service": [.service], "wartung": [.service], "inspektion": [.service], "werkstatt": [.service],
        "ölwechsel": [.service], "fällig": [.service], "kundendienst": [.service], "serviceintervall": [.service],
        "warnmeldung": [.warning], "warnmeldungen": [.warning], "warnhinweis": [.warning], "warnhinweise": [.warning],
        "meldung": [.warning], "meldungen": [.warning],
        "warnung": [.warning], "warnungen": [.warning], "warnleuchte": [.warning], "warnleuchten": [.warning],
        "warnlampe": [.warning], "leuchte": [.warning], "leuchten": [.warning], "anzeige": [.warning], "kontrollleuchte": [.warning],
        "kontrolleuchte": [.warning], "symbol": [.warning],
        "armaturenbrett": [.warning], "cockpit": [.warning], "display": [.warning], "problem": [.problem], "probleme": [.problem],
        "störung": [.problem], "störungen": [.problem], "fehler": [.problem], "defekt": [.problem], "stimmt nicht": [.problem],
        "nicht in ordnung": [.problem], "stimmt was nicht": [.problem], "kaputt": [.problem],
        "motorkontrollleuchte": [.warning, .checkEngine], "motorleuchte": [.warning, .checkEngine], "motorwarnleuchte": [.warning, .checkEngine],
        "motor": [],
        "fehlercode": [.faultCode], "fehlercodes": [.faultCode], "code": [.faultCode], "codes": [.faultCode],
        "fehlerspeicher": [.faultCode], "fehler gespeichert": [.faultCode], "gespeicherte fehler": [.faultCode],
        "fehler im speicher": [.faultCode], "fehler hinterlegt": [.faultCode], "gelaufen": [.odometer], "laufleistung": [.odometer],
        "obd": [.faultCode], "diagnose": [.faultCode],
        "bedeutet": [.explain], "bedeutung": [.explain], "heisst": [.explain], "was tun": [.explain], "was soll ich tun": [.explain],

        // 12 V battery, brake, gear, belts, washer
        "12 volt": [.lowVoltage], "12 v": [.lowVoltage], "starterbatterie": [.lowVoltage, .battery], "bordnetz": [.lowVoltage],
        "bordnetzbatterie": [.lowVoltage, .battery], "autobatterie": [.lowVoltage, .battery], "spannung": [.lowVoltage],
        "volt": [.lowVoltage], "12 volt batterie": [.lowVoltage, .battery],
        "handbremse": [.parkingBrake], "feststellbremse": [.parkingBrake], "parkbremse": [.parkingBrake], "bremse": [.parkingBrake],
        "angezogen": [.on], "gelöst": [.off],
        "gang": [.gear], "gänge": [.gear], "getriebe": [.gear], "fahrstufe": [.gear], "wählhebel": [.gear], "eingelegt": [.gear], "in p": [.gear],
        "auf p": [.gear], "in d": [.gear], "auf d": [.gear],
        "parkstellung": [.gear], "in r": [.gear],
        "gurt": [.seatbelt], "gurte": [.seatbelt], "sicherheitsgurt": [.seatbelt], "sicherheitsgurte": [.seatbelt],
        "angeschnallt": [.seatbelt], "angegurtet": [.seatbelt], "anschnallen": [.seatbelt],
        "wischwasser": [.washer], "scheibenwischwasser": [.washer], "waschwasser": [.washer], "scheibenwaschwasser": [.washer],
        "wischwasserstand": [.washer],

        // Positions
        "vorne": [.front], "vorn": [.front], "vordere": [.front], "vorderen": [.front], "vorderer": [.front], "vorder": [.front],
        "hinten": [.rear], "hintere": [.rear], "hinteren": [.rear], "hinterer": [.rear], "hinter": [.rear], "fond": [.rear],
        "links": [.left], "linke": [.left], "linken": [.left], "linker": [.left], "rechts": [.right], "rechte": [.right],
        "rechten": [.right], "rechter": [.right], "fahrer": [.driverSide], "fahrerseite": [.driverSide], "fahrers": [.driverSide],
        "beifahrer": [.passengerSide], "beifahrerseite": [.passengerSide], "mitte": [.middle], "mittlere": [.middle],
        "vorderreifen": [.front, .tyre], "hinterreifen": [.rear, .tyre], "vorderräder": [.front, .tyre], "hinterräder": [.rear, .tyre],
        "rücksitz": [.rear], "rückbank": [.rear],

        // Units
        "km": [.unitKm], "kilometer": [.unitKm], "kilometern": [.unitKm], "meilen": [.unitMile], "meile": [.unitMile],
        "meter": [.unitMetre],

        // Dialogue
        "und": [.followUp], "und was ist mit": [.followUp], "was ist mit": [.followUp], "wie ist es mit": [.followUp],
        "und wie": [.followUp], "auch": [.followUp], "dann": [.followUp],
        "was kannst du": [.help], "hilfe": [.help], "was kann ich fragen": [.help],

        // Control verbs
        "öffne": [.commandVerb], "öffnen": [.commandVerb], "mach": [.commandVerb], "mache": [.commandVerb], "machen": [.commandVerb],
        "schliess": [.commandVerb], "schliesse": [.commandVerb], "schliessen": [.commandVerb], "schalte": [.commandVerb],
        "schalten": [.commandVerb], "einschalten": [.commandVerb], "ausschalten": [.commandVerb], "anmachen": [.commandVerb],
        "ausmachen": [.commandVerb], "sperre": [.commandVerb], "sperren": [.commandVerb], "abschliessen": [.commandVerb],
        "aufschliessen": [.commandVerb], "entriegeln": [.commandVerb], "verriegeln": [.commandVerb], "stell": [.commandVerb],
        "stelle": [.commandVerb], "stellen": [.commandVerb], "starte": [.commandVerb], "starten": [.commandVerb],
        "spiel": [.commandVerb, .foreign], "spiele": [.commandVerb, .foreign], "spielen": [.commandVerb, .foreign],
        "ruf": [.commandVerb, .foreign], "rufe": [.commandVerb, .foreign], "anrufen": [.commandVerb, .foreign],
        "navigiere": [.commandVerb, .foreign], "navigieren": [.commandVerb, .foreign], "dimme": [.commandVerb],
        "erhöhe": [.commandVerb], "senke": [.commandVerb], "aktiviere": [.commandVerb], "deaktiviere": [.commandVerb],

        // Other domains
        "wetter": [.foreign], "vorhersage": [.foreign], "regen": [.foreign], "regnet": [.foreign], "schnee": [.foreign],
        "sonnig": [.foreign], "morgen": [.weatherTime], "übermorgen": [.weatherTime], "wochenende": [.weatherTime],
        "musik": [.foreign], "lied": [.foreign], "song": [.foreign], "radio": [.foreign], "witz": [.foreign],
        "nachrichten": [.foreign], "email": [.foreign], "e-mail": [.foreign], "mail": [.foreign], "kalender": [.foreign],
        "termin": [.foreign], "termine": [.foreign], "wecker": [.foreign], "timer": [.foreign], "erinnerung": [.foreign],
        "rezept": [.foreign], "flug": [.foreign], "flüge": [.foreign], "zug": [.foreign], "taxi": [.foreign],
        "restaurant": [.foreign], "aktie": [.foreign], "aktien": [.foreign], "uhrzeit": [.foreign], "wie spät": [.foreign],
        "handy": [.phone], "telefon": [.phone], "smartphone": [.phone], "laptop": [.phone],
        "wohnung": [.home], "zimmer": [.home], "küche": [.home], "wohnzimmer": [.home], "schlafzimmer": [.home], "haus": [.home],
        "lautstärke": [.foreign], "farbe": [.foreign], "klimaanlage": [.foreign], "klima": [.foreign], "heizung": [.foreign],
        "verbrauch": [.foreign], "scheibenwischer": [.foreign], "profil": [.foreign], "profiltiefe": [.foreign], "wie wechsle": [.foreign],
    ]
}
