public import CANBus
public import JSON
public import Varlink
public import VehicleSignals
public import VSS

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

    /// The status of a reading: notAvailable and invalid are both `unavailable`.
    public init(_ status: SignalStatus) {
        switch status {
        case .available: self = .available
        case .stale: self = .stale
        case .notAvailable, .invalid: self = .unavailable
        case .notProvided: self = .unknown
        }
    }
}

extension SignalValue {
    /// The value as Varlink JSON: a number is an integer when `integer` says so, or (when `nil`) when it is whole;
    /// a list of strings is an array.
    public func varlinkJSON(integer: Bool?) -> JSONValue {
        switch self {
        case .number(let value):
            guard value.isFinite else { return .null }
            // Int64(exactly:) cannot trap: a value past Int64's range (a 64-bit signal near its maximum) or
            // with a fraction stays a double.
            let whole = value.rounded(.towardZero)
            if integer ?? (whole == value && abs(value) < 9.0e15), let exact = Int64(exactly: whole) { return .int(exact) }
            return .double(value)
        case .bool(let value): return .bool(value)
        case .string(let value): return .string(value)
        case .strings(let values): return .array(values.map { .string($0) })
        }
    }
}

extension SignalReading {
    /// The reading as an `io.cargenius.Vehicle` `Value`: path, status, and value, unit, age when there are some;
    /// numbers typed by the path's VSS datatype.
    public var vehicleValue: JSONValue {
        varlinkValue(status: ValueStatus(status), integer: datatype?.isInteger ?? false)
    }

    /// The reading as an `io.cargenius.Assistant` `Value`: whole numbers are integers; a value-less reading is `unavailable`.
    public var assistantValue: JSONValue {
        varlinkValue(status: isUsable || status == .notProvided ? ValueStatus(status) : .unavailable, integer: nil)
    }

    private func varlinkValue(status: ValueStatus, integer: Bool?) -> JSONValue {
        var members: [String: JSONValue] = ["path": .string(path), "status": .string(status.rawValue)]
        if let value { members["value"] = value.varlinkJSON(integer: integer) }
        if let unit { members["unit"] = .string(unit) }
        if value != nil { members["age"] = .double(age) }
        return .object(members)
    }
}

/// A `SignalStore` as the agents' `SignalReader`, every reading taken at one `now`.
///
/// Readings are the store's own; a path the store gives no unit takes the agents' catalogue unit.
/// `history` gives the store's samples (for trends such as a tyre losing pressure).
public struct StoreSignals: SignalReader, Sendable {
    public let store: SignalStore
    /// The read time for ages and staleness; `nil` reads the store's clock at each reading.
    public let now: CANTimestamp?

    public init(store: SignalStore, now: CANTimestamp? = nil) {
        self.store = store
        self.now = now
    }

    public func reading(_ path: String) -> SignalReading {
        var reading = store.read(path, now: now)
        if reading.unit == nil { reading.unit = VSSCatalog.unit(of: path) }
        return reading
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
}
