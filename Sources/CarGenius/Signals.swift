public import JSON
public import FoundationEssentials

/// Everything that can go wrong in this module, with what and where.
public enum CarGeniusError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A JSON document could not be parsed (`source` names the file or input).
    case invalidJSON(source: String, reason: String)
    /// A snapshot entry has a shape the snapshot format does not allow.
    case invalidSnapshotEntry(path: String, reason: String)
    /// A file could not be read.
    case unreadableFile(path: String, reason: String)
    /// A locale identifier that is not one of en-US, en-GB, de-DE, zh-CN.
    case unsupportedLocale(String)

    public var description: String {
        switch self {
        case .invalidJSON(let source, let reason): "\(source): not valid JSON (\(reason))"
        case .invalidSnapshotEntry(let path, let reason): "snapshot entry \(path): \(reason)"
        case .unreadableFile(let path, let reason): "\(path): cannot read (\(reason))"
        case .unsupportedLocale(let id): "locale \(id) is not supported (use en-US, en-GB, de-DE or zh-CN)"
        }
    }
}

/// A signal's value as VSS types it: a number, a string, a boolean or a list of strings.
public enum SignalValue: Equatable, Sendable {
    case number(Double)
    case string(String)
    case bool(Bool)
    case strings([String])

    public var number: Double? { if case .number(let d) = self { d } else { nil } }
    public var bool: Bool? {
        switch self {
        case .bool(let b): b
        case .number(let d): d != 0
        default: nil
        }
    }
    public var strings: [String]? {
        switch self {
        case .strings(let s): s
        case .string(let s): s.isEmpty ? [] : [s]
        default: nil
        }
    }

    public var json: JSONValue {
        switch self {
        case .number(let d): .number(d)
        case .string(let s): .string(s)
        case .bool(let b): .bool(b)
        case .strings(let s): .array(s.map { .string($0) })
        }
    }
}

/// Whether a reading can be used, and how far to trust it.
public enum SignalStatus: String, Equatable, Sendable {
    /// A current value.
    case available
    /// A value older than the signal's staleness limit: speak it with its age.
    case stale
    /// The vehicle has this signal but no value now (not yet received, invalid, or timed out).
    case unavailable
    /// The vehicle does not have this signal at all.
    case notProvided
}

/// One signal read for an answer: the value, its VSS unit and how old it is.
public struct SignalReading: Equatable, Sendable {
    /// The VSS path, e.g. `Vehicle.Powertrain.Range`.
    public var path: String
    /// `nil` unless `status` is `available` or `stale`.
    public var value: SignalValue?
    /// The VSS unit (`percent`, `m`, `kPa`, `celsius`, `km/h`, `km`, `s`, `V`), or `nil` for unitless signals.
    public var unit: String?
    /// Seconds since the value was last updated; 0 when the source does not know.
    public var age: Double
    public var status: SignalStatus

    public init(path: String, value: SignalValue?, unit: String?, age: Double, status: SignalStatus) {
        self.path = path
        self.value = value
        self.unit = unit
        self.age = age
        self.status = status
    }

    /// A reading with no value.
    public static func missing(_ path: String, _ status: SignalStatus = .unavailable) -> SignalReading {
        SignalReading(path: path, value: nil, unit: VSSCatalog.unit(of: path), age: 0, status: status)
    }

    /// True when the value may be spoken (possibly with its age).
    public var isUsable: Bool { value != nil && (status == .available || status == .stale) }

    /// The reading as the ask contract's `--json` lines carry it: path, value, unit, age, status.
    public var json: JSONValue {
        .object([
            "path": .string(path),
            "value": value?.json ?? .null,
            "unit": .string(unit ?? ""),
            "age": .number(age),
            "status": .string(status.rawValue),
        ])
    }
}

/// Reads signals by VSS path; the signal store and snapshots conform to it.
public protocol SignalReader {
    /// The latest reading of `path`; never throws: a missing signal is a reading with no value.
    func reading(_ path: String) -> SignalReading

    /// The path's recent numeric samples, oldest first: `age` in seconds before now, `value` in the path's VSS unit
    /// (the unit `reading(path).unit` gives). It may or may not end with the latest reading; consumers add that
    /// themselves when it is newer. Empty when the source keeps no history for the path (the default).
    func history(_ path: String) -> [(age: Double, value: Double)]
}

extension SignalReader {
    /// No history: sources that keep none need not implement it.
    public func history(_ path: String) -> [(age: Double, value: Double)] { [] }
}

/// The VSS metadata this agent needs: units and staleness limits of the paths it reads.
public enum VSSCatalog {
    /// VSS unit of a leaf, or `nil` for booleans, strings and enumerations.
    public static func unit(of path: String) -> String? {
        if let u = units[path] { return u }
        if path.hasSuffix(".Tire.Pressure") { return "kPa" }
        if path.hasSuffix(".Tire.Temperature") { return "celsius" }
        if path.hasSuffix(".Window.Position") || path.hasSuffix("Sunroof.Position") { return "percent" }
        return nil
    }

    /// Seconds after which a value counts as stale: fast-changing signals are stale sooner.
    public static func staleAfter(_ path: String) -> Double {
        switch path {
        case "Vehicle.Speed", "Vehicle.IsMoving": 10
        default: 300
        }
    }

    /// The project's overlay for cluster warning lamps (VSS 4.2 has none): `Vehicle.Cabin.Telltale.<name>.IsOn`.
    public static func telltalePath(_ name: String) -> String { "Vehicle.Cabin.Telltale.\(name).IsOn" }

    /// Private branch: distance left on the navigation's active route (m); VSS 4.2 has none.
    public static let routeDistancePath = "Vehicle.Private.Navigation.RemainingDistance"

    /// Lamp names read from the overlay, most of them mapped from the demo car's cluster (can-dbc/demo-ev).
    public static let telltaleNames = [
        "Powertrain", "BrakeFluid", "TractionBatteryTemperature", "LowVoltageBattery", "OilPressure", "CoolantTemperature",
        "Airbag", "ABS", "ESC", "TCS", "TirePressure", "ParkingBrake", "SeatBelt", "LowFuel", "LowCharge", "WasherFluid",
        "DoorOpen", "Service",
    ]

    /// Standard VSS signals that mean the same as a lamp: the MIL is the powertrain lamp, ADAS errors their lamps.
    public static let lampEquivalents: [(path: String, lamp: String)] = [
        ("Vehicle.OBD.Status.IsMILOn", "Powertrain"), ("Vehicle.ADAS.ABS.IsError", "ABS"),
        ("Vehicle.ADAS.ESC.IsError", "ESC"), ("Vehicle.ADAS.TCS.IsError", "TCS"),
    ]

    static let units: [String: String] = [
        "Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed": "percent",
        "Vehicle.Powertrain.TractionBattery.StateOfCharge.Current": "percent",
        "Vehicle.Powertrain.Range": "m",
        "Vehicle.Powertrain.TractionBattery.Range": "m",
        "Vehicle.Powertrain.FuelSystem.RelativeLevel": "percent",
        "Vehicle.Powertrain.FuelSystem.Range": "m",
        "Vehicle.Powertrain.TractionBattery.Charging.TimeToComplete": "s",
        "Vehicle.Powertrain.TractionBattery.Charging.ChargeLimit": "percent",
        "Vehicle.Powertrain.TractionBattery.Temperature.Average": "celsius",
        "Vehicle.Exterior.AirTemperature": "celsius",
        "Vehicle.Cabin.HVAC.AmbientAirTemperature": "celsius",
        "Vehicle.Speed": "km/h",
        "Vehicle.TraveledDistance": "km",
        "Vehicle.TripMeterReading": "km",
        "Vehicle.Service.DistanceToService": "km",
        "Vehicle.Service.TimeToService": "s",
        "Vehicle.LowVoltageBattery.CurrentVoltage": "V",
        "Vehicle.Body.Windshield.Front.WasherFluid.Level": "percent",
        "Vehicle.Private.Navigation.RemainingDistance": "m",
    ]
}

/// A fixed set of readings loaded from a `--state` JSON file: no daemon, no store.
///
/// The file maps VSS paths to a value (number, string, boolean, list of strings) or to
/// `{"value": V, "age": SECONDS}`, optionally with `"history": [[AGE, VALUE], ...]` (earlier numeric samples,
/// age in seconds, value in the path's VSS unit, any order). A path that is absent (or `null`) is unavailable.
public struct SnapshotSignals: SignalReader, Sendable {
    public private(set) var entries: [String: (value: SignalValue, age: Double)]
    /// Earlier samples per path, oldest first.
    public private(set) var histories: [String: [(age: Double, value: Double)]] = [:]

    public init(entries: [String: (value: SignalValue, age: Double)] = [:]) {
        self.entries = entries
    }

    /// Loads a snapshot from JSON text.
    public init(json data: Data, source: String = "state") throws(CarGeniusError) {
        try self.init(json: JSONValue.parse(data, source: source))
    }

    /// Loads a snapshot from the bytes of a JSON file.
    public init(jsonBytes bytes: [UInt8], source: String = "state") throws(CarGeniusError) {
        try self.init(json: Data(bytes), source: source)
    }

    /// Loads a snapshot from a parsed JSON object.
    public init(json: JSONValue) throws(CarGeniusError) {
        guard case .object(let members) = json else {
            throw .invalidSnapshotEntry(path: "(top level)", reason: "expected an object of VSS paths")
        }
        var entries: [String: (value: SignalValue, age: Double)] = [:]
        var histories: [String: [(age: Double, value: Double)]] = [:]
        for (path, raw) in members {
            var age = 0.0
            var valueJSON = raw
            if case .object(let inner) = raw {
                guard let v = inner["value"] else {
                    throw .invalidSnapshotEntry(path: path, reason: "an object entry needs a \"value\"")
                }
                valueJSON = v
                if let a = inner["age"] {
                    guard case .number(let seconds) = a, seconds >= 0 else {
                        throw .invalidSnapshotEntry(path: path, reason: "\"age\" must be a non-negative number of seconds")
                    }
                    age = seconds
                }
                if let h = inner["history"] {
                    histories[path] = try Self.parseHistory(h, path: path)
                }
            }
            let value: SignalValue
            switch valueJSON {
            case .null: continue
            case .number(let d): value = .number(d)
            case .bool(let b): value = .bool(b)
            case .string(let s): value = .string(s)
            case .array(let items):
                var strings: [String] = []
                for item in items {
                    guard case .string(let s) = item else {
                        throw .invalidSnapshotEntry(path: path, reason: "a list value must hold strings only")
                    }
                    strings.append(s)
                }
                value = .strings(strings)
            case .object:
                throw .invalidSnapshotEntry(path: path, reason: "a value cannot be an object")
            }
            entries[path] = (value, age)
        }
        self.entries = entries
        self.histories = histories.filter { entries[$0.key] != nil }
    }

    /// `[[AGE, VALUE], ...]` → samples oldest first.
    static func parseHistory(_ json: JSONValue, path: String) throws(CarGeniusError) -> [(age: Double, value: Double)] {
        guard case .array(let items) = json else {
            throw .invalidSnapshotEntry(path: path, reason: "\"history\" must be a list of [age, value] pairs")
        }
        var samples: [(age: Double, value: Double)] = []
        for item in items {
            guard case .array(let pair) = item, pair.count == 2, case .number(let age) = pair[0], case .number(let value) = pair[1],
                age >= 0, age.isFinite, value.isFinite
            else {
                throw .invalidSnapshotEntry(
                    path: path, reason: "each \"history\" item must be [age, value]: a non-negative age in seconds and a number")
            }
            samples.append((age, value))
        }
        return samples.sorted { $0.age > $1.age }
    }

    /// Sets the path's earlier samples (`age` in seconds, `value` in the path's VSS unit), in any order.
    public mutating func setHistory(_ path: String, _ samples: [(age: Double, value: Double)]) {
        histories[path] = samples.isEmpty ? nil : samples.sorted { $0.age > $1.age }
    }

    /// The earlier samples, then the current value as the newest sample when it is a number and younger than them.
    public func history(_ path: String) -> [(age: Double, value: Double)] {
        guard let entry = entries[path] else { return [] }
        var samples = histories[path] ?? []
        if case .number(let v) = entry.value, samples.last.map({ $0.age > entry.age }) ?? true {
            samples.append((entry.age, v))
        }
        return samples
    }

    /// Sets or replaces one entry (`age` in seconds).
    public mutating func set(_ path: String, _ value: SignalValue, age: Double = 0) {
        entries[path] = (value, age)
    }

    public mutating func remove(_ path: String) {
        entries[path] = nil
        histories[path] = nil
    }

    public func reading(_ path: String) -> SignalReading {
        guard let entry = entries[path] else { return .missing(path) }
        let status: SignalStatus = entry.age > VSSCatalog.staleAfter(path) ? .stale : .available
        return SignalReading(path: path, value: entry.value, unit: VSSCatalog.unit(of: path), age: entry.age, status: status)
    }
}
