import CANBus
public import DBC
public import VSS

/// A proposed VSS mapping for an unknown car (`geniusctl map suggest`): each DBC signal's name (English,
/// German and the abbreviations OEM DBCs use), unit, comment and value table matched against rules for the
/// paths the assistant answers from, and with a recording, the values it actually shows.
///
/// Reduced on purpose: the rules cover the assistant's topics (speed, odometer, range, state of charge, 12 V
/// and high-voltage battery, doors, seat belts, tyre pressures, fuel level, gear, ignition), not the whole VSS
/// catalogue.
public struct MappingSuggestion: Sendable {
    /// One proposed entry: the path, the signal it would read, how sure, and why.
    public struct Entry: Sendable {
        public var path: String
        public var database: Int
        public var message: String
        public var signal: String
        /// 0…1; at or above `activeConfidence` the entry is proposed active, below it for review.
        public var confidence: Double
        public var reason: String
        /// A value table for the mapping (`VAL_` name → VSS value), when the path needs one.
        public var values: [(name: String, value: SignalValue)]?
    }

    public static let activeConfidence = 0.7

    /// The best candidate per path, sorted by path.
    public var entries: [Entry]

    // MARK: - Names

    /// A signal name as lower-case tokens: `Veh_V_Actl` → veh, v, actl; `KBI_Kilometerstand` → kbi, kilometerstand;
    /// `DrvDoorSw` → drv, door, sw; `WHL_SPD_FL` → whl, spd, fl; `Voltage_12V` → voltage, 12, v.
    public static func tokens(_ name: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        let characters = Array(name)
        func flush() {
            if !current.isEmpty { tokens.append(current.lowercased()) }
            current = ""
        }
        for (index, character) in characters.enumerated() {
            if character == "_" || character == " " || character == "-" || character == "." {
                flush()
                continue
            }
            if let previous = current.last {
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                let boundary =
                    (previous.isLowercase && character.isUppercase) || (previous.isNumber != character.isNumber)
                    || (previous.isUppercase && character.isUppercase && (next?.isLowercase ?? false))
                if boundary { flush() }
            }
            current.append(character)
        }
        flush()
        return tokens
    }

    enum UnitClass { case speed, distance, percent, voltage, pressure, temperature, none, other }

    static func unitClass(_ unit: String) -> UnitClass {
        // Vector's unit names, as VW's DBCs use them: Unit_KiloMeterPerHour, Unit_KiloMeter, Unit_PerCent, Unit_Volt.
        var name = unit.lowercased().trimmingSpaces
        if name.hasPrefix("unit_") { name.removeFirst(5) }
        switch name {
        case "kilometerperhour", "kilometerprohour", "kilometerperhou": return .speed
        case "kilometer", "kilometre", "meter", "metre": return .distance
        case "percent": return .percent
        case "volt", "millivolt": return .voltage
        case "kilopascal", "bar", "millibar": return .pressure
        case "degreecelsius", "degreecelsiu": return .temperature
        default: break
        }
        switch name {
        case "": return .none
        case "km/h", "kph", "kmh", "mph", "km/hr": return .speed
        case "km", "mi", "miles", "mile", "m": return .distance
        case "%", "percent", "pct": return .percent
        case "v", "volt", "volts": return .voltage
        case "kpa", "bar", "psi", "mbar", "hpa": return .pressure
        case "degc", "°c", "c", "deg c", "deg": return .temperature
        default: return .other
        }
    }

    /// Where a name says a door, belt or wheel is; `nil` when it names none.
    enum Position: CaseIterable {
        case frontLeft, frontRight, rearLeft, rearRight, driver, passenger
        var seat: String {
            switch self {
            case .frontLeft, .driver: "Row1.DriverSide"
            case .frontRight, .passenger: "Row1.PassengerSide"
            case .rearLeft: "Row2.DriverSide"
            case .rearRight: "Row2.PassengerSide"
            }
        }
        var wheel: String? {
            switch self {
            case .frontLeft: "Row1.Wheel.Left"
            case .frontRight: "Row1.Wheel.Right"
            case .rearLeft: "Row2.Wheel.Left"
            case .rearRight: "Row2.Wheel.Right"
            case .driver, .passenger: nil
            }
        }
        var words: Set<String> {
            switch self {
            case .frontLeft: ["fl", "vl", "lf", "frontleft"]
            case .frontRight: ["fr", "vr", "rf", "frontright"]
            case .rearLeft: ["rl", "hl", "lr", "rearleft"]
            case .rearRight: ["rr", "hr", "rearright"]
            case .driver: ["drv", "driver", "fa", "fahrer", "dr"]
            case .passenger: ["pass", "passenger", "psngr", "ast", "bf", "beifahrer", "pas"]
            }
        }
        static func of(_ tokens: [String]) -> Position? {
            let joined = tokens.joined()
            for position in Position.allCases where tokens.contains(where: position.words.contains) { return position }
            if joined.contains("frontleft") || joined.contains("leftfront") { return .frontLeft }
            if joined.contains("frontright") || joined.contains("rightfront") { return .frontRight }
            if joined.contains("rearleft") || joined.contains("leftrear") { return .rearLeft }
            if joined.contains("rearright") || joined.contains("rightrear") { return .rearRight }
            return nil
        }
    }

    /// A rule: the words a name must hold (each group: any of), the words that rule it out, the unit it should have.
    struct Rule {
        var path: String
        var needs: [Set<String>]
        var excludes: Set<String> = []
        var units: Set<UnitClass>
        /// Physical range the signal's DBC range should fit (in the DBC unit, roughly).
        var expectedMaximum: ClosedRange<Double>? = nil
        var positional = false
        var values: ValueKind? = nil
    }

    enum ValueKind { case openClosed, belted, gear, ignition, onOff, locked }

    /// Words that make a signal a request, a limit, a prediction or a setting, not the car's state.
    static let notAState: Set<String> = [
        "rq", "req", "request", "lim", "limit", "pred", "prediction", "predicted", "target", "tgt", "set", "setpoint", "curv",
        "curvature", "offramp", "loc", "cmd", "command", "des", "desired", "offset", "err", "error", "max", "min", "threshold",
        "thresh", "calib", "cal", "config", "cfg", "soll", "sollwert", "lane", "view", "virtual", "das",
    ]

    static let vague: Set<String> = ["unk", "unknown", "maybe", "new", "incorrect", "guess", "tbc", "unconfirmed", "xxx"]

    static let rules: [Rule] = [
        Rule(
            path: "Vehicle.Speed",
            needs: [["speed", "spd", "v", "vehspd", "geschwindigkeit", "vehiclespeed", "vspd", "vehicle", "veh", "kmh"]],
            excludes: [
                "whl", "wheel", "rad", "motor", "mot", "rpm", "fan", "wiper", "set", "target", "limit", "max", "min", "desired", "cruise",
                "acc", "lim", "steer", "steering", "engine", "eng", "pump", "yaw", "accel", "req", "request", "avg", "average", "display",
            ],
            units: [.speed, .none], expectedMaximum: 150...700),
        Rule(
            path: "Vehicle.TraveledDistance",
            needs: [["odometer", "odo", "kilometerstand", "mileage", "totaldistance", "odometr", "km", "gesamtkm", "kmstand"]],
            excludes: ["trip", "range", "reichweite", "service", "since", "reset"], units: [.distance, .none], expectedMaximum: 99_999...99_999_999),
        Rule(
            path: "Vehicle.Powertrain.Range",
            needs: [["range", "reichweite", "dte", "remaining", "distancetoempty", "rest"]],
            excludes: ["temp", "rpm", "additional", "climate", "torque", "current", "volt"], units: [.distance, .none],
            expectedMaximum: 250...5000),
        Rule(
            path: "Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed",
            needs: [["soc", "stateofcharge", "ladezustand", "charge"], ["disp", "display", "displayed", "anzeige", "ui", "hmi"]],
            excludes: ["limit", "target", "max", "min", "lim"], units: [.percent, .none], expectedMaximum: 99...130),
        Rule(
            path: "Vehicle.Powertrain.TractionBattery.StateOfCharge.Current",
            needs: [["soc", "stateofcharge", "ladezustand"]],
            excludes: ["limit", "target", "max", "min", "lim", "disp", "display", "12v", "lv", "aux", "fraction", "bat"],
            units: [.percent, .none], expectedMaximum: 99...130),
        Rule(
            path: "Vehicle.LowVoltageBattery.CurrentVoltage",
            needs: [["voltage", "volt", "u", "v", "spannung"], ["12", "12v", "lv", "aux", "bat", "batt", "battery", "bordnetz", "kl30", "b"]],
            excludes: ["hv", "pack", "cell", "traction", "max", "min", "req", "target", "sof", "charger"], units: [.voltage],
            expectedMaximum: 15...40),
        Rule(
            path: "Vehicle.Powertrain.TractionBattery.CurrentVoltage",
            needs: [["voltage", "volt", "u", "v", "vbatt", "spannung"], ["hv", "pack", "batt", "battery", "traction", "bms", "akku"]],
            excludes: ["cell", "max", "min", "12", "lv", "aux", "req", "target", "limit", "charger", "obc", "dc", "link"], units: [.voltage],
            expectedMaximum: 200...1500),
        Rule(
            path: "Vehicle.Powertrain.FuelSystem.RelativeLevel",
            needs: [
                ["fuel", "tank", "kraftstoff", "kraftstofffuellstand", "tankinhalt"],
                ["level", "lvl", "fill", "fuellstand", "füllstand", "percent", "pct", "inhalt"],
            ],
            units: [.percent, .none], expectedMaximum: 99...130),
        Rule(
            path: "Vehicle.Cabin.Door.{seat}.IsOpen",
            needs: [["door", "dr", "tuer", "tür", "doors", "tuerkontakt", "dooropen", "dooraj", "ajar"]],
            excludes: ["lock", "locked", "unlock", "window", "mirror", "handle", "key", "trunk", "hood", "fuel", "charge", "tailgate", "req", "cmd"],
            units: [.none], positional: true, values: .openClosed),
        Rule(
            path: "Vehicle.Cabin.Seat.{seat}.IsBelted",
            needs: [["belt", "seatbelt", "gurt", "gurtschloss", "buckle", "buckled"]],
            excludes: ["ind", "lamp", "warn", "warning", "chime", "reminder", "tension"], units: [.none], positional: true, values: .belted),
        Rule(
            path: "Vehicle.Chassis.Axle.{wheel}.Tire.Pressure",
            needs: [["tire", "tyre", "tpms", "reifen", "tirepress", "tirepressure", "rdk"], ["press", "pressure", "druck", "pres", "prs"]],
            excludes: ["temp", "warn", "target", "nominal", "status", "low", "placard"], units: [.pressure, .none], positional: true),
        Rule(
            path: "Vehicle.Powertrain.Transmission.SelectedGear",
            needs: [["gear", "prndl", "gang", "shifter", "gearlever", "selector", "prnd", "wahlhebel", "gearshift", "gearposition"]],
            excludes: ["ratio", "request", "req", "target", "recommend", "shift", "button"], units: [.none], values: .gear),
        Rule(
            path: "Vehicle.Chassis.Axle.{wheel}.Speed",
            needs: [["whl", "wheel", "rad", "wheelspeed", "whlspd", "radgeschw"], ["spd", "speed", "v", "geschw", "geschwindigkeit"]],
            excludes: ["pulse", "pul", "cnt", "count", "sum", "qualifier", "quality", "q", "dir", "direction", "valid"], units: [.speed],
            expectedMaximum: 150...700, positional: true),
        Rule(
            path: "Vehicle.Powertrain.TractionBattery.Charging.IsChargingCableLocked",
            needs: [
                ["chargeport", "port", "plug", "inlet", "cable", "stecker", "chargeportlocked", "charging", "charge"],
                ["lock", "locked", "verriegelt", "lck"],
            ],
            excludes: ["req", "cmd", "setting", "unlock"], units: [.none], values: .locked),
        Rule(
            path: "Vehicle.Powertrain.TractionBattery.Charging.IsChargingCableConnected",
            needs: [
                ["charger", "plug", "cable", "evse", "stecker", "plugged", "connector"],
                ["detected", "connected", "present", "plugged", "det", "conn", "gesteckt"],
            ],
            excludes: ["req", "cmd", "lock"], units: [.none], values: .onOff),
        Rule(
            path: "Vehicle.Powertrain.TractionBattery.IsPowerConnected",
            needs: [["contactor", "contactors", "relay", "schuetz", "hvrelay", "mainrelay"], ["closed", "close", "on", "geschlossen"]],
            excludes: ["precharge", "pre", "fast", "dc", "charge", "req", "cmd", "fault", "weld", "welded"], units: [.none], values: .onOff),
        Rule(
            path: "Vehicle.LowVoltageSystemState",
            needs: [["ignition", "ign", "kl15", "klemme15", "zuendung", "zündung", "terminal", "ignitionsw"]],
            excludes: ["lock", "key", "req", "request", "count", "time", "1", "2", "3"], units: [.none], values: .ignition),
    ]

    /// Words that make a signal a cluster lamp, warning or indicator.
    static let lampWords: Set<String> = [
        "lamp", "lmp", "warn", "warning", "ind", "indicator", "tt", "telltale", "light", "lt", "warnlampe", "kontrollleuchte",
        "wl", "tell", "mil",
    ]

    /// Warning lamps: the subject words of each, for `Vehicle.Cabin.Telltale.<Name>.IsOn` (the overlay) or VSS's MIL.
    static let lampRules: [Rule] = [
        ("Vehicle.OBD.Status.IsMILOn", ["mil", "checkengine", "malfunction", "motorkontrolle", "mkl"] as Set<String>),
        ("Vehicle.Cabin.Telltale.ABS.IsOn", ["abs"]),
        ("Vehicle.Cabin.Telltale.ESC.IsOn", ["esc", "esp", "vsc", "dsc", "stability"]),
        ("Vehicle.Cabin.Telltale.TirePressure.IsOn", ["tpms", "tire", "tyre", "reifen", "rdk", "rdc"]),
        ("Vehicle.Cabin.Telltale.Airbag.IsOn", ["airbag", "srs", "ab"]),
        ("Vehicle.Cabin.Telltale.SeatBelt.IsOn", ["belt", "seatbelt", "gurt"]),
        ("Vehicle.Cabin.Telltale.BrakeFluid.IsOn", ["brakefluid", "bremsfluessigkeit", "fluid"]),
        ("Vehicle.Cabin.Telltale.LowVoltageBattery.IsOn", ["battery", "batt", "bat", "charging", "alternator", "lade"]),
    ].map { path, subject in
        // Exterior lights (a brake lamp is the stop light, not the brake warning) are not cluster lamps.
        Rule(
            path: path, needs: [subject, lampWords],
            excludes: [
                "req", "cmd", "test", "fault", "cnt", "count", "brake", "brk", "stop", "turn", "head", "fog", "beam", "reverse", "backup",
                "tail", "hazard", "interior", "dome", "door", "position", "side",
            ], units: [.none], values: .onOff)
    }

    // MARK: - Suggesting

    /// Suggests a mapping for `databases`; with `lines` (a `candump -L` log) the values each signal shows weigh in.
    public init(databases: [DBCDatabase], lines: (any Sequence<Substring>)? = nil) {
        var observed: [String: Observation] = [:]
        if let lines { observed = Self.observe(databases: databases, lines: lines) }
        var best: [String: Entry] = [:]
        for (databaseIndex, database) in databases.enumerated() {
            for message in database.messages {
                for signal in message.signals where !signal.isMultiplexer {
                    for candidate in Self.candidates(signal: signal, message: message, database: databaseIndex) {
                        var entry = candidate
                        if let seen = observed["\(databaseIndex)|\(message.name)|\(signal.name)"] {
                            Self.weigh(&entry, seen)
                        } else if lines != nil {
                            entry.confidence -= 0.05
                            entry.reason += "; not in the log"
                        }
                        entry.confidence = max(0, min(1, (entry.confidence * 100).rounded() / 100))
                        if let current = best[entry.path], current.confidence >= entry.confidence { continue }
                        best[entry.path] = entry
                    }
                }
            }
        }
        entries = best.values.sorted { $0.path < $1.path }
    }

    static func candidates(signal: DBCSignal, message: DBCMessage, database: Int) -> [Entry] {
        let nameTokens = tokens(signal.name)
        let messageTokens = tokens(message.name)
        let all = nameTokens + messageTokens
        let unit = unitClass(signal.unit)
        var found: [Entry] = []
        for rule in rules + lampRules {
            // The signal's own name must meet the first need; further needs may be met by the message's name.
            guard let first = rule.needs.first, nameTokens.contains(where: first.contains) || first.contains(nameTokens.joined()) else { continue }
            guard rule.needs.dropFirst().allSatisfy({ group in all.contains(where: group.contains) }) else { continue }
            guard !nameTokens.contains(where: rule.excludes.contains), !nameTokens.contains(where: notAState.contains) else { continue }
            guard rule.units.contains(unit) else { continue }
            var reasons = ["name \(signal.name) (\(nameTokens.joined(separator: " ")))"]
            var confidence = 0.5
            if unit != .none {
                confidence += 0.25
                reasons.append("unit \"\(signal.unit)\"")
            } else {
                reasons.append("no unit")
            }
            // Single-letter or generic words alone are weak evidence.
            let strong = nameTokens.filter { first.contains($0) && $0.count > 2 }
            if strong.isEmpty {
                confidence -= 0.15
            }
            if nameTokens.contains(where: ["actl", "actual", "ist", "signal", "digital", "angezeigte", "disp", "dsply"].contains) {
                confidence += 0.05
                reasons.append("an actual or displayed value")
            }
            if let range = rule.expectedMaximum, let maximum = signal.maximum, maximum > 0 {
                if range.contains(maximum) {
                    confidence += 0.1
                    reasons.append("range up to \(MappingCheck.format(maximum))")
                } else {
                    confidence -= 0.25
                    reasons.append("range up to \(MappingCheck.format(maximum)) is unusual")
                }
            }
            if let comment = signal.comment?.lowercased(), rule.needs[0].contains(where: { $0.count > 3 && comment.contains($0) }) {
                confidence += 0.05
                reasons.append("comment")
            }
            if nameTokens.contains(where: vague.contains) || (signal.comment?.lowercased()).map({ c in vague.contains { c.contains($0) } }) == true
                || message.name.lowercased().contains("incorrect")
            {
                confidence -= 0.3
                reasons.append("named or described as unsure")
            }
            var path = rule.path
            if rule.positional {
                guard let position = Position.of(nameTokens) ?? Position.of(messageTokens) else { continue }
                if path.contains("{wheel}") {
                    guard let wheel = position.wheel else { continue }
                    path = path.replacing("{wheel}", with: wheel)
                } else {
                    path = path.replacing("{seat}", with: position.seat)
                }
                reasons.append("position \(position)")
            }
            var values: [(name: String, value: SignalValue)]?
            if let kind = rule.values {
                if let table = valueTable(kind, signal: signal) {
                    values = table.values
                    if table.named {
                        confidence += 0.2
                        reasons.append("value table \(signal.choices.map(\.name).joined(separator: "/"))")
                    } else {
                        reasons.append("one bit")
                    }
                } else {
                    if kind == .gear || kind == .ignition { continue }
                    confidence -= 0.2
                    reasons.append("\(signal.length) bits, no value table")
                    continue
                }
            }
            guard VSSCatalog.info(path) != nil else { continue }
            found.append(
                Entry(
                    path: path, database: database, message: message.name, signal: signal.name, confidence: confidence,
                    reason: reasons.joined(separator: ", "), values: values))
        }
        return found
    }

    /// The value table a path needs, from the signal's `VAL_` names (or, for one bit, 0 and 1).
    static func valueTable(_ kind: ValueKind, signal: DBCSignal) -> (values: [(name: String, value: SignalValue)], named: Bool)? {
        func lower(_ name: String) -> String { name.lowercased() }
        var table: [(name: String, value: SignalValue)] = []
        for choice in signal.choices {
            let name = lower(choice.name)
            let value: SignalValue?
            switch kind {
            case .openClosed:
                value =
                    ["open", "opened", "ajar", "offen", "geoeffnet", "geöffnet"].contains(where: name.contains)
                    ? .bool(true) : ["closed", "close", "shut", "zu", "geschlossen"].contains(where: name.contains) ? .bool(false) : nil
            case .belted:
                value =
                    name.contains("not") || name.contains("unbuckled") || name.contains("unfastened") || name.contains("nicht")
                    ? .bool(false)
                    : ["present", "buckled", "fastened", "latched", "belted", "gesteckt", "on"].contains(where: name.contains) ? .bool(true) : nil
            case .gear:
                switch name {
                case "p", "park", "parking": value = .number(126)
                case "r", "reverse", "rueckwaerts": value = .number(-1)
                case "n", "neutral": value = .number(0)
                case "d", "drive", "b": value = .number(127)
                default: value = nil
                }
            case .onOff, .locked:
                let yes =
                    kind == .locked
                    ? ["locked", "lock", "verriegelt"]
                    : ["on", "active", "lit", "closed", "detected", "connected", "present", "true", "yes", "an", "ein"]
                let no = kind == .locked ? ["unlocked", "unlock", "entriegelt"] : ["off", "inactive", "open", "not", "false", "no", "aus"]
                value =
                    no.contains(name) || no.contains(where: { name.hasPrefix($0 + "_") || name.hasPrefix($0 + " ") })
                    ? .bool(false)
                    : yes.contains(name) ? .bool(true) : nil
            case .ignition:
                switch name {
                case "off", "aus": value = .string("OFF")
                case "acc", "accessory": value = .string("ACC")
                case "on", "ign", "ignition", "run", "ein": value = .string("ON")
                case "start", "starting", "crank", "cranking": value = .string("START")
                case "lock", "locked": value = .string("LOCK")
                default: value = nil
                }
            }
            if let value { table.append((choice.name, value)) }
        }
        let enough: Bool
        switch kind {
        case .openClosed, .belted, .onOff, .locked: enough = Set(table.map { $0.value.bool ?? false }).count == 2
        case .gear: enough = table.count >= 3
        case .ignition: enough = table.count >= 2
        }
        if enough { return (table, true) }
        if signal.choices.isEmpty, signal.length == 1, kind != .gear, kind != .ignition {
            return ([("0", .bool(false)), ("1", .bool(true))], false)
        }
        return nil
    }

    // MARK: - What a recording shows

    struct Observation {
        var frames = 0
        var minimum = Double.infinity
        var maximum = -Double.infinity
        var falls = 0
        var changes = 0
        var last: Double?
    }

    static func observe(databases: [DBCDatabase], lines: any Sequence<Substring>) -> [String: Observation] {
        let codecs = databases.map { DBCCodec($0) }
        var buffers = codecs.map { $0.makeBuffer() }
        var observed: [String: Observation] = [:]
        for line in lines {
            guard let frame = (try? CandumpLog.parse(line: line)) ?? nil else { continue }
            for (index, codec) in codecs.enumerated() {
                guard let messageIndex = codec.messageIndex(for: frame.id) else { continue }
                guard (try? codec.decode(frame, message: messageIndex, into: &buffers[index])) != nil else { break }
                let message = codec.database.messages[messageIndex]
                for (signalIndex, signal) in message.signals.enumerated() where buffers[index].present[signalIndex] {
                    let value = buffers[index].physical[signalIndex]
                    let key = "\(index)|\(message.name)|\(signal.name)"
                    var seen = observed[key, default: Observation()]
                    seen.frames += 1
                    seen.minimum = min(seen.minimum, value)
                    seen.maximum = max(seen.maximum, value)
                    if let last = seen.last {
                        if value < last { seen.falls += 1 }
                        if value != last { seen.changes += 1 }
                    }
                    seen.last = value
                    observed[key] = seen
                }
                break
            }
        }
        return observed
    }

    static func weigh(_ entry: inout Entry, _ seen: Observation) {
        let range = "\(MappingCheck.format(seen.minimum)) to \(MappingCheck.format(seen.maximum))"
        switch entry.path {
        case "Vehicle.TraveledDistance":
            if seen.falls == 0, seen.maximum > 0 {
                entry.confidence += 0.1
                entry.reason += "; the log: never falls, \(range)"
            } else {
                entry.confidence -= 0.3
                entry.reason += "; the log: falls \(seen.falls) times"
            }
        case "Vehicle.Speed":
            if seen.maximum > 300 {
                entry.confidence -= 0.3
                entry.reason += "; the log: \(range), too fast for a car"
            } else {
                entry.confidence += seen.changes > 0 ? 0.1 : 0
                entry.reason += "; the log: \(range)\(seen.changes > 0 ? ", moves" : ", constant")"
            }
        default:
            if entry.path.contains("StateOfCharge") || entry.path.hasSuffix("RelativeLevel"), seen.maximum > 100 {
                entry.confidence -= 0.3
                entry.reason += "; the log: \(range), over 100 %"
            } else if entry.path.contains(".IsOpen") || entry.path.contains(".IsBelted"), seen.frames >= 20, seen.changes * 4 > seen.frames {
                entry.confidence -= 0.3
                entry.reason += "; the log: flips \(seen.changes) times in \(seen.frames) frames"
            } else {
                entry.reason += "; the log: \(range) in \(seen.frames) frames"
            }
        }
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
