public import CANBus
public import CarGenius
public import Varlink
public import VehicleSignals

/// The `status` strings of a Varlink `Value`, as the interface files document them.
public enum ValueStatus: String, Sendable, CaseIterable {
    /// Received within its staleness timeout.
    case available
    /// The last value received, older than its staleness timeout (or restored from before a restart).
    case stale
    /// A signal of this vehicle with no value now: never received, "not available" from the ECU, or invalid.
    case unavailable
    /// Not a signal of this vehicle.
    case unknown

    /// The status of a store reading: notAvailable and invalid are both `unavailable`.
    public init(_ validity: Validity) {
        switch validity {
        case .available: self = .available
        case .stale: self = .stale
        case .notAvailable, .invalid: self = .unavailable
        case .notProvided: self = .unknown
        }
    }

    /// The status of an agent's reading.
    public init(_ status: SignalStatus) {
        switch status {
        case .available: self = .available
        case .stale: self = .stale
        case .unavailable: self = .unavailable
        case .notProvided: self = .unknown
        }
    }
}

extension VehicleSignals.SignalValue {
    /// The value as Varlink JSON: integers stay integers.
    public var varlinkJSON: Varlink.JSONValue {
        switch self {
        case .bool(let value): .bool(value)
        case .int(let value): .int(value)
        case .double(let value): value.isFinite ? .double(value) : .null
        case .string(let value): .string(value)
        }
    }
}

extension CarGenius.SignalValue {
    /// The value as Varlink JSON (a list of strings is an array).
    public var varlinkJSON: Varlink.JSONValue {
        switch self {
        case .number(let value):
            if value.isFinite, value.rounded() == value, abs(value) < 9.0e15 { return .int(Int64(value)) }
            return value.isFinite ? .double(value) : .null
        case .bool(let value): return .bool(value)
        case .string(let value): return .string(value)
        case .strings(let values): return .array(values.map { .string($0) })
        }
    }
}

extension Duration {
    /// The duration in seconds, as a floating-point number.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

extension VehicleSignals.SignalReading {
    /// The reading as an `io.cargenius.Vehicle` `Value`: path, status, and value, unit, age when there are some.
    public var varlinkValue: Varlink.JSONValue {
        var members: [String: Varlink.JSONValue] = [
            "path": .string(path), "status": .string(ValueStatus(validity).rawValue),
        ]
        if let value { members["value"] = value.varlinkJSON }
        if let unit { members["unit"] = .string(unit) }
        if value != nil, let age { members["age"] = .double(max(0, age.seconds)) }
        return .object(members)
    }
}

extension CarGenius.SignalReading {
    /// The reading as an `io.cargenius.Assistant` `Value`.
    public var varlinkValue: Varlink.JSONValue {
        var members: [String: Varlink.JSONValue] = [
            "path": .string(path), "status": .string(ValueStatus(status).rawValue),
        ]
        if let value { members["value"] = value.varlinkJSON }
        if let unit { members["unit"] = .string(unit) }
        if value != nil { members["age"] = .double(max(0, age)) }
        return .object(members)
    }
}

/// A `SignalStore` seen through Car Genius's `SignalReader`, every reading taken at one `now`.
///
/// Validity maps as: available → available, stale → stale, notAvailable and invalid → unavailable,
/// notProvided → notProvided. Integers and doubles become numbers; the age is in seconds (0 when none).
/// `history` gives the store's samples (for trends such as a tyre losing pressure).
public struct StoreSignals: SignalReader, Sendable {
    public let store: SignalStore
    /// The read time for ages and staleness; `nil` reads the store's clock at each reading.
    public let now: CANTimestamp?

    public init(store: SignalStore, now: CANTimestamp? = nil) {
        self.store = store
        self.now = now
    }

    public func reading(_ path: String) -> CarGenius.SignalReading {
        Self.convert(store.read(path, now: now))
    }

    /// The store's history of `path` (at most one sample per history interval), oldest first: ages in
    /// seconds before `now`, numeric values (booleans as 0 and 1; strings left out).
    public func history(_ path: String) -> [(age: Double, value: Double)] {
        let now = (self.now ?? store.configuration.clock()).nanoseconds
        return store.history(path).compactMap { sample in
            guard let value = sample.value.doubleValue else { return nil }
            return (age: max(0, Double(now - sample.time.nanoseconds) / 1e9), value: value)
        }
    }

    /// One store reading as the agents see it.
    public static func convert(_ reading: VehicleSignals.SignalReading) -> CarGenius.SignalReading {
        let status: SignalStatus
        switch reading.validity {
        case .available: status = .available
        case .stale: status = .stale
        case .notAvailable, .invalid: status = .unavailable
        case .notProvided: status = .notProvided
        }
        var value: CarGenius.SignalValue?
        if status == .available || status == .stale {
            switch reading.value {
            case .bool(let flag): value = .bool(flag)
            case .int(let number): value = .number(Double(number))
            case .double(let number): value = .number(number)
            case .string(let text): value = .string(text)
            case nil: value = nil
            }
        }
        return CarGenius.SignalReading(
            path: reading.path, value: value, unit: reading.unit ?? CarGenius.VSSCatalog.unit(of: reading.path),
            age: max(0, reading.age?.seconds ?? 0), status: value == nil && status != .notProvided ? .unavailable : status)
    }
}
