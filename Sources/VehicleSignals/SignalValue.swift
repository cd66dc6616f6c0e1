public import CANBus

/// A VSS value: what a path holds, in its VSS datatype and unit.
public enum SignalValue: Sendable, Hashable, CustomStringConvertible {
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)

    /// The value as a number (booleans are 0 and 1); `nil` for strings.
    public var doubleValue: Double? {
        switch self {
        case .bool(let value): value ? 1 : 0
        case .int(let value): Double(value)
        case .double(let value): value
        case .string: nil
        }
    }

    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var description: String {
        switch self {
        case .bool(let value): "\(value)"
        case .int(let value): "\(value)"
        case .double(let value): "\(value)"
        case .string(let value): value
        }
    }
}

/// How far a value can be trusted.
public enum Validity: String, Sendable, Hashable, Codable {
    /// Received recently enough: its message is arriving at its cycle time.
    case available
    /// The last value received, but its message has been missing for longer than the staleness rule allows.
    case stale
    /// The ECU says it does not know (a "signal not available" raw value), or nothing has arrived yet.
    case notAvailable
    /// Received but not believable: outside the DBC range, an undefined enumeration value, a bad checksum.
    case invalid
    /// This vehicle has no mapping for the path.
    case notProvided
}

/// Where a value came from.
public struct Provenance: Sendable, Hashable {
    /// The CAN interface the frame arrived on (`can0`).
    public var interface: String
    public var frameID: CANIdentifier
    /// The DBC message name.
    public var message: String
    /// The DBC signal names (several when the mapping combines signals).
    public var signals: [String]
    /// The raw value of the first signal (sign-extended for signed signals).
    public var rawValue: Int64

    public init(interface: String, frameID: CANIdentifier, message: String, signals: [String], rawValue: Int64) {
        self.interface = interface
        self.frameID = frameID
        self.message = message
        self.signals = signals
        self.rawValue = rawValue
    }
}

/// One path's state as read from the store.
public struct SignalReading: Sendable, Hashable {
    public var path: String
    /// The value; `nil` unless `validity` is `available` or `stale`.
    public var value: SignalValue?
    /// The VSS unit of `value`.
    public var unit: String?
    /// The kernel receive time of the frame that carried the value (or of the frame that made it invalid).
    public var receivedAt: CANTimestamp?
    /// How old the value was when read (read time − `receivedAt`).
    public var age: Duration?
    public var validity: Validity
    /// When the value went stale (receive time + the path's staleness timeout), if it is stale.
    public var staleSince: CANTimestamp?
    public var provenance: Provenance?
    /// Whether the value was restored from last-known values saved before a restart rather than received since.
    public var isRestored: Bool
    /// Whether VSS 4.2 or the project's overlay knows the path at all.
    public var isKnownPath: Bool

    public init(
        path: String, value: SignalValue? = nil, unit: String? = nil, receivedAt: CANTimestamp? = nil, age: Duration? = nil,
        validity: Validity, staleSince: CANTimestamp? = nil, provenance: Provenance? = nil, isRestored: Bool = false,
        isKnownPath: Bool = true
    ) {
        self.path = path
        self.value = value
        self.unit = unit
        self.receivedAt = receivedAt
        self.age = age
        self.validity = validity
        self.staleSince = staleSince
        self.provenance = provenance
        self.isRestored = isRestored
        self.isKnownPath = isKnownPath
    }
}

/// One stored point of a path's history.
public struct HistorySample: Sendable, Hashable {
    public var time: CANTimestamp
    public var value: SignalValue
}
