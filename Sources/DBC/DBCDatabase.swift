public import CANBus

/// A parsed DBC file: the vehicle's messages, their signals, and the file's metadata.
///
/// Built by `DBCParser`; decode and encode frames with `DBCCodec`. Values are as written in the
/// file, with references resolved (comments, VAL_, SIG_VALTYPE_, attributes, SG_MUL_VAL_).
public struct DBCDatabase: Sendable {
    /// `VERSION "..."`.
    public var version: String?
    /// `BU_:` node names.
    public var nodes: [String] = []
    /// `BO_` messages, in file order (`VECTOR__INDEPENDENT_SIG_MSG` excluded, as CANdb++ and cantools do).
    public var messages: [DBCMessage] = []
    /// `VAL_TABLE_` named value tables.
    public var valueTables: [String: [DBCChoice]] = [:]
    /// `BA_DEF_`/`BA_DEF_REL_` attribute definitions by name, with `BA_DEF_DEF_` defaults filled in.
    public var attributeDefinitions: [String: DBCAttributeDefinition] = [:]
    /// `BA_` values set on the network itself (e.g. `BusType`, `DBName`).
    public var attributes: [String: DBCAttributeValue] = [:]
    /// `BA_` values set on nodes, by node name.
    public var nodeAttributes: [String: [String: DBCAttributeValue]] = [:]
    /// The network comment (`CM_ "..."`; several are concatenated, as CANdb++ does).
    public var comment: String?
    /// `CM_ BU_` node comments.
    public var nodeComments: [String: String] = [:]
    /// `EV_` environment variable names (kept, not interpreted).
    public var environmentVariables: [String] = []
    /// Things that are wrong but not fatal: overlapping signals, values outside min/max, dangling references.
    public var warnings: [DBCWarning] = []

    public init() {}

    /// `BA_ "BusType"`, e.g. `CAN` or `CAN FD`.
    public var busType: String? { attributes["BusType"]?.stringValue ?? attributeDefinitions["BusType"]?.defaultValue?.stringValue }

    /// The last message with this identifier (a later duplicate overrides, as in cantools).
    public func message(for id: CANIdentifier) -> DBCMessage? {
        messages.last { $0.id == id } ?? messages.last { $0.id.value == id.value }
    }

    public func message(named name: String) -> DBCMessage? { messages.first { $0.name == name } }
}

/// One `BO_` message.
public struct DBCMessage: Sendable {
    public var name: String
    public var id: CANIdentifier
    /// Payload length in bytes (the `BO_` DLC field; up to 64 for CAN FD).
    public var length: Int
    /// Transmitting nodes: the `BO_` sender plus `BO_TX_BU_` ones; empty for `Vector__XXX`.
    public var senders: [String]
    public var signals: [DBCSignal]
    public var comment: String?
    /// `BA_ ... BO_` values by attribute name (defaults are not copied in; see `attribute(_:in:)`).
    public var attributes: [String: DBCAttributeValue]
    /// `GenMsgCycleTime` in milliseconds (its default when not set); `nil` when 0 or undefined.
    public var cycleTime: Int?
    /// Whether `VFrameFormat` says CAN FD.
    public var isFD: Bool
    /// `SIG_GROUP_` groups of this message.
    public var signalGroups: [DBCSignalGroup]
    /// 1-based line of the `BO_` statement.
    public var line: Int

    public func signal(named name: String) -> DBCSignal? { signals.first { $0.name == name } }
}

/// Byte order of a signal: `@1` is Intel (little endian), `@0` Motorola (big endian).
public enum DBCByteOrder: Sendable, Hashable {
    case littleEndian
    case bigEndian
}

/// How the raw bits are read: an integer, or an IEEE float (`SIG_VALTYPE_` 1 or 2).
public enum DBCValueType: Sendable, Hashable {
    case integer
    case float
}

/// The multiplexing marker as written after the signal name.
public enum DBCMultiplexMarker: Sendable, Hashable {
    /// No marker: the signal is always present.
    case none
    /// `M`: this signal selects which multiplexed signals are present.
    case multiplexor
    /// `m3`: present when the multiplexor's value is 3.
    case multiplexed(Int64)
    /// `m3M`: present when its multiplexor is 3, and itself a multiplexor (extended multiplexing).
    case multiplexedMultiplexor(Int64)
}

/// One `VAL_` or `VAL_TABLE_` entry: a raw value and its name.
public struct DBCChoice: Sendable, Hashable {
    public var value: Int64
    public var name: String
    public init(value: Int64, name: String) {
        self.value = value
        self.name = name
    }
}

/// One `SG_` signal of a message.
public struct DBCSignal: Sendable {
    public var name: String
    /// The DBC start bit: the least significant bit for Intel, the most significant (in the sawtooth numbering) for Motorola.
    public var startBit: Int
    /// Length in bits, 1...64.
    public var length: Int
    public var byteOrder: DBCByteOrder
    public var isSigned: Bool
    public var valueType: DBCValueType
    public var factor: Double
    public var offset: Double
    /// `[min|max]`; both `nil` when the file says `[0|0]` (no range).
    public var minimum: Double?
    public var maximum: Double?
    public var unit: String
    public var receivers: [String]
    public var marker: DBCMultiplexMarker
    /// The multiplexor this signal depends on (resolved from `m`/`M` markers and `SG_MUL_VAL_`), `nil` if always present.
    public var multiplexerSignal: String?
    /// The multiplexor values under which this signal is present; `nil` if always present.
    public var multiplexerValues: [ClosedRange<Int64>]?
    /// Whether other signals are selected by this one's value.
    public var isMultiplexer: Bool
    /// `VAL_` value names, in file order.
    public var choices: [DBCChoice]
    public var comment: String?
    /// `BA_ ... SG_` values by attribute name.
    public var attributes: [String: DBCAttributeValue]
    /// `GenSigStartValue` as a raw value, when set.
    public var initialRawValue: Double?
    /// 1-based line of the `SG_` statement.
    public var line: Int

    /// The name of raw value `raw`, if `VAL_` gives one.
    public func choiceName(forRaw raw: Int64) -> String? {
        for choice in choices where choice.value == raw { return choice.name }
        return nil
    }

    /// The smallest and largest raw value the bits can hold.
    public var rawRange: ClosedRange<Double> {
        if valueType == .float { return -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude }
        if isSigned {
            let half = Double(sign: .plus, exponent: length - 1, significand: 1)
            return -half...(half - 1)
        }
        return 0...(Double(sign: .plus, exponent: length, significand: 1) - 1)
    }
}

/// `SIG_GROUP_ id name repetitions : signals ;`
public struct DBCSignalGroup: Sendable, Hashable {
    public var name: String
    public var repetitions: Int
    public var signalNames: [String]
}

/// A `BA_` value.
public enum DBCAttributeValue: Sendable, Hashable, CustomStringConvertible {
    case integer(Int64)
    case float(Double)
    case string(String)

    public var doubleValue: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .float(let value): value
        case .string(let text): Double(text)
        }
    }

    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    public var description: String {
        switch self {
        case .integer(let value): "\(value)"
        case .float(let value): "\(value)"
        case .string(let text): "\"\(text)\""
        }
    }
}

/// A `BA_DEF_` definition: which objects it applies to, its type and range, and its `BA_DEF_DEF_` default.
public struct DBCAttributeDefinition: Sendable, Hashable {
    public enum Object: String, Sendable, Hashable {
        case network = ""
        case node = "BU_"
        case message = "BO_"
        case signal = "SG_"
        case environmentVariable = "EV_"
        case nodeSignalRelation = "BU_SG_REL_"
        case nodeMessageRelation = "BU_BO_REL_"
        case nodeEnvironmentRelation = "BU_EV_REL_"
    }
    public enum Kind: Sendable, Hashable {
        case integer(minimum: Int64?, maximum: Int64?)
        case hex(minimum: Int64?, maximum: Int64?)
        case float(minimum: Double?, maximum: Double?)
        case string
        case enumeration([String])
    }
    public var name: String
    public var object: Object
    public var kind: Kind
    public var defaultValue: DBCAttributeValue?

    /// For an enumeration, the value's name (`BA_` gives enumerations as an index or as the name).
    public func enumerationName(_ value: DBCAttributeValue) -> String? {
        guard case .enumeration(let names) = kind else { return value.stringValue }
        switch value {
        case .string(let text): return text
        case .integer(let index): return names.indices.contains(Int(index)) ? names[Int(index)] : nil
        case .float(let index): return names.indices.contains(Int(index)) ? names[Int(index)] : nil
        }
    }
}

/// Something wrong with a DBC file that does not stop it from loading.
public struct DBCWarning: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String
    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }
    public var description: String { "\(file):\(line): warning: \(message)" }
}
