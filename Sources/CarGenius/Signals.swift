public import FoundationEssentials
public import JSON
public import VSS

/// Everything that can go wrong in this module, with what and where.
public enum CarGeniusError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A JSON document could not be parsed (`source` names the file or input).
    case invalidJSON(source: String, reason: String)
    /// A snapshot entry has a shape the snapshot format does not allow.
    case invalidSnapshotEntry(path: String, reason: String)
    /// A file could not be read.
    case unreadableFile(path: String, reason: String)
    /// A data file embedded in the binary (Resources/) has a bad entry: `entry` names it ("lamps.ABS.label").
    case invalidResource(file: String, entry: String, reason: String)

    public var description: String {
        switch self {
        case .invalidJSON(let source, let reason): "\(source): not valid JSON (\(reason))"
        case .invalidSnapshotEntry(let path, let reason): "snapshot entry \(path): \(reason)"
        case .unreadableFile(let path, let reason): "\(path): cannot read (\(reason))"
        case .invalidResource(let file, let entry, let reason): "\(file): \(entry): \(reason)"
        }
    }
}

extension SignalValue {
    /// The value as the ask contract's JSON: a number, a string, a boolean or a list of strings.
    public var json: JSONValue {
        switch self {
        case .number(let d): .double(d)
        case .string(let s): .string(s)
        case .bool(let b): .bool(b)
        case .strings(let s): .array(s.map { .string($0) })
        }
    }
}

extension SignalReading {
    /// The status word of the ask contract: `available`, `stale`, `unavailable` (no value now) or `notProvided`.
    public var spokenStatus: String {
        switch status {
        case .notProvided: "notProvided"
        case .available, .stale: value == nil ? "unavailable" : status.rawValue
        case .notAvailable, .invalid: "unavailable"
        }
    }

    /// The reading as the ask contract's `--json` lines carry it: path, value, unit, age, status.
    public var json: JSONValue {
        .object([
            "path": .string(path),
            "value": value?.json ?? .null,
            "unit": .string(unit ?? ""),
            "age": .double(age),
            "status": .string(spokenStatus),
        ])
    }
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
                    guard let seconds = a.number, seconds >= 0 else {
                        throw .invalidSnapshotEntry(path: path, reason: "\"age\" must be a non-negative number of seconds")
                    }
                    age = seconds
                }
                if let h = inner["history"] {
                    histories[path] = try Self.parseHistory(h, path: path)
                }
            }
            let value: SignalValue
            switch (valueJSON, valueJSON.number) {
            case (.null, _): continue
            case (_, let d?): value = .number(d)
            case (.bool(let b), _): value = .bool(b)
            case (.string(let s), _): value = .string(s)
            case (.array(let items), _):
                var strings: [String] = []
                for item in items {
                    guard case .string(let s) = item else {
                        throw .invalidSnapshotEntry(path: path, reason: "a list value must hold strings only")
                    }
                    strings.append(s)
                }
                value = .strings(strings)
            default:
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
            guard case .array(let pair) = item, pair.count == 2, let age = pair[0].number, let value = pair[1].number,
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
