public import CANBus

/// A VSS value: a number, a string, a boolean or a list of strings.
///
/// Numbers are `Double`s whatever the path's VSS datatype (the store keeps them so); the reading's
/// `datatype` says whether one is an integer.
public enum SignalValue: Sendable, Hashable, CustomStringConvertible {
    case bool(Bool)
    case number(Double)
    case string(String)
    case strings([String])

    /// The number; `nil` for booleans, strings and lists.
    public var number: Double? { if case .number(let d) = self { d } else { nil } }

    /// The value as a number, booleans as 0 and 1; `nil` for strings and lists.
    public var doubleValue: Double? {
        switch self {
        case .bool(let flag): flag ? 1 : 0
        case .number(let d): d
        default: nil
        }
    }

    /// The flag; a number is true when it is not 0.
    public var bool: Bool? {
        switch self {
        case .bool(let b): b
        case .number(let d): d != 0
        default: nil
        }
    }

    /// The list; a string is a list of one (none when empty).
    public var strings: [String]? {
        switch self {
        case .strings(let s): s
        case .string(let s): s.isEmpty ? [] : [s]
        default: nil
        }
    }

    public var description: String {
        switch self {
        case .bool(let value): "\(value)"
        case .number(let value): "\(value)"
        case .string(let value): value
        case .strings(let values): values.joined(separator: ",")
        }
    }
}

/// Whether a reading can be used, and how far to trust it.
public enum SignalStatus: String, Sendable, Hashable, Codable {
    /// Received recently enough: its message is arriving at its cycle time.
    case available
    /// The last value received, older than the path's staleness limit: speak it with its age.
    case stale
    /// The ECU says it does not know (a "signal not available" raw value), or nothing has arrived yet.
    case notAvailable
    /// Received but not believable: outside the DBC range, an undefined enumeration value, a bad checksum.
    case invalid
    /// The vehicle does not have this signal at all.
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

/// One path's state as read: the value, its VSS unit, how old it is, whether to trust it and where it came from.
///
/// The signal store produces readings; both agents and the API consume them.
public struct SignalReading: Sendable, Hashable {
    /// The VSS path, e.g. `Vehicle.Powertrain.Range`.
    public var path: String
    /// `nil` unless `status` is `available` or `stale`.
    public var value: SignalValue?
    /// The VSS unit (`percent`, `m`, `kPa`, `celsius`, `km/h`, ...), or `nil` for unitless signals.
    public var unit: String?
    /// Seconds since the value was received (read time − `receivedAt`, never negative); 0 when the source does not know.
    public var age: Double
    public var status: SignalStatus
    /// The path's VSS datatype, when the source knows it (the store does): whether a number is an integer.
    public var datatype: VSSDataType?
    /// The kernel receive time of the frame that carried the value (or of the frame that made it invalid).
    public var receivedAt: CANTimestamp?
    /// When the value went stale (receive time + the path's staleness timeout), if it is stale.
    public var staleSince: CANTimestamp?
    public var provenance: Provenance?
    /// Whether the value was restored from last-known values saved before a restart rather than received since.
    public var isRestored: Bool
    /// Whether VSS 4.2 or the project's overlay knows the path at all.
    public var isKnownPath: Bool

    public init(
        path: String, value: SignalValue? = nil, unit: String? = nil, age: Double = 0, status: SignalStatus,
        datatype: VSSDataType? = nil, receivedAt: CANTimestamp? = nil, staleSince: CANTimestamp? = nil,
        provenance: Provenance? = nil, isRestored: Bool = false, isKnownPath: Bool = true
    ) {
        self.path = path
        self.value = value
        self.unit = unit
        self.age = age
        self.status = status
        self.datatype = datatype
        self.receivedAt = receivedAt
        self.staleSince = staleSince
        self.provenance = provenance
        self.isRestored = isRestored
        self.isKnownPath = isKnownPath
    }

    /// A reading with no value, its unit from the catalogue.
    public static func missing(_ path: String, _ status: SignalStatus = .notAvailable) -> SignalReading {
        SignalReading(path: path, unit: VSSCatalog.unit(of: path), status: status)
    }

    /// True when the value may be spoken (possibly with its age).
    public var isUsable: Bool { value != nil && (status == .available || status == .stale) }
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

extension SignalValue: Codable {
    private enum CodingKeys: String, CodingKey { case bool, int, double, string, strings }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let value = try container.decodeIfPresent(Bool.self, forKey: .bool) {
            self = .bool(value)
        } else if let value = try container.decodeIfPresent(Int64.self, forKey: .int) {
            self = .number(Double(value))
        } else if let value = try container.decodeIfPresent(Double.self, forKey: .double) {
            self = .number(value)
        } else if let value = try container.decodeIfPresent([String].self, forKey: .strings) {
            self = .strings(value)
        } else {
            self = .string(try container.decode(String.self, forKey: .string))
        }
    }

    /// Whole numbers are written under `int`, others under `double`, as the store wrote them before numbers were one case.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .bool(let value): try container.encode(value, forKey: .bool)
        case .number(let value):
            if value == value.rounded(), abs(value) < 9.0e15 {
                try container.encode(Int64(value), forKey: .int)
            } else {
                try container.encode(value, forKey: .double)
            }
        case .string(let value): try container.encode(value, forKey: .string)
        case .strings(let values): try container.encode(values, forKey: .strings)
        }
    }
}
