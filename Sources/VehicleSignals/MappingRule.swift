public import JSON
public import VSS

/// One DBC→VSS mapping entry, as read from a mapping file (ours or KUKSA's), before it meets the DBC.
public struct MappingRule: Sendable, Hashable {
    /// The VSS path the rule writes.
    public var path: String
    /// The DBC message, when the signal name alone is ambiguous or for clarity.
    public var message: String?
    /// The DBC signals read; one unless `combine` joins several.
    public var inputs: [MappingInput]
    public var combine: MappingCombine
    public var transform: MappingTransform
    /// The unit of the value before conversion to the VSS unit, overriding the DBC's unit string (for
    /// `product`, the unit of the product).
    public var unit: String?
    /// Whether to convert from the DBC (or `unit`) unit to the VSS unit; KUKSA mappings convert in their math.
    public var convertsUnits: Bool
    /// Conditions on multiplexer signals: the rule applies only to frames where all hold.
    public var multiplexer: [MultiplexerCondition]
    /// Raw values (of the first input) meaning "signal not available", besides the DBC's `SNA` value names.
    public var notAvailableRaw: [Int64]
    /// Raw values (of the first input) that are invalid, besides the DBC's `Fault`/`Error`/`Invalid` names.
    public var invalidRaw: [Int64]
    /// Where the rule came from, for error messages: `signals[3]`.
    public var origin: String
    /// The entry rests on the DBC alone (`"unverified": true`): nothing in a recording confirms it.
    public var isUnverified: Bool = false

    public init(
        path: String, message: String? = nil, inputs: [MappingInput], combine: MappingCombine = .single,
        transform: MappingTransform = .linear, unit: String? = nil, convertsUnits: Bool = true,
        multiplexer: [MultiplexerCondition] = [], notAvailableRaw: [Int64] = [], invalidRaw: [Int64] = [], origin: String = ""
    ) {
        self.path = path
        self.message = message
        self.inputs = inputs
        self.combine = combine
        self.transform = transform
        self.unit = unit
        self.convertsUnits = convertsUnits
        self.multiplexer = multiplexer
        self.notAvailableRaw = notAvailableRaw
        self.invalidRaw = invalidRaw
        self.origin = origin
    }
}

/// One DBC signal a rule reads, with a linear step applied to its physical value (`x × factor + offset`).
public struct MappingInput: Sendable, Hashable {
    public var signal: String
    public var factor: Double
    public var offset: Double
    /// The unit of this input, overriding the DBC's unit string.
    public var unit: String?

    public init(signal: String, factor: Double = 1, offset: Double = 0, unit: String? = nil) {
        self.signal = signal
        self.factor = factor
        self.offset = offset
        self.unit = unit
    }
}

/// How several inputs become one value.
public enum MappingCombine: String, Sendable, Hashable {
    /// One input.
    case single
    /// The inputs, each converted to the VSS unit, added (hours + minutes → seconds).
    case sum
    /// The inputs multiplied (volts × amperes → watts); the rule's `unit` names the product's unit.
    case product
    /// The smallest or largest input, each converted to the VSS unit.
    case min, max
    /// True when any (all) inputs are non-zero.
    case any, all
}

/// How the (combined, linear-stepped) value becomes the VSS value.
public enum MappingTransform: Sendable, Hashable {
    /// Unit conversion only.
    case linear
    /// A value table: DBC value name or raw value → VSS value. Unlisted raw values are invalid
    /// (or not available when the DBC names them SNA).
    case values([MappingValueKey: JSONValue])
    /// True when the value is above the threshold.
    case greaterThan(Double)
    /// A formula in `x` (KUKSA's `transform.math`).
    case math(String)
}

/// A key of a value table: a DBC `VAL_` name, a raw number, or a boolean (KUKSA's `from: true`).
public enum MappingValueKey: Sendable, Hashable {
    case name(String)
    case raw(Int64)
    case bool(Bool)
}

/// "Apply only when multiplexer `signal` has `value`"; `signal` `nil` means the message's multiplexor.
public struct MultiplexerCondition: Sendable, Hashable {
    public var signal: String?
    public var value: Int64
    public init(signal: String?, value: Int64) {
        self.signal = signal
        self.value = value
    }
}

/// Per-message options of a mapping file: the checksum to verify and the counter.
public struct MessageOptions: Sendable, Hashable {
    public var checksumSignal: String?
    public var checksumAlgorithm: ChecksumAlgorithm?
    public var counterSignal: String?
    /// The message's cycle time in milliseconds, for DBC files without `GenMsgCycleTime` (it wins over the DBC's).
    public var cycleTime: Int?
    public init(
        checksumSignal: String? = nil, checksumAlgorithm: ChecksumAlgorithm? = nil, counterSignal: String? = nil, cycleTime: Int? = nil
    ) {
        self.checksumSignal = checksumSignal
        self.checksumAlgorithm = checksumAlgorithm
        self.counterSignal = counterSignal
        self.cycleTime = cycleTime
    }
}

/// Checksum algorithms a mapping can ask the store to verify.
public enum ChecksumAlgorithm: String, Sendable, Hashable, CaseIterable {
    /// (sum of the payload bytes other than the checksum byte + identifier low byte + identifier high byte) mod 256.
    case sum8

    /// The checksum of `payload` whose checksum byte is at `checksumByte`.
    public func compute(payload: UnsafeRawBufferPointer, checksumByte: Int, identifier: UInt32) -> UInt8 {
        var sum = UInt32(identifier & 0xFF) &+ UInt32((identifier >> 8) & 0xFF)
        for index in 0..<payload.count where index != checksumByte { sum &+= UInt32(payload[index]) }
        return UInt8(truncatingIfNeeded: sum)
    }
}

/// A whole mapping file: its rules and message options.
public struct MappingDocument: Sendable {
    /// The file name used in error messages.
    public var file: String
    /// The DBC file the mapping is for, if the file says.
    public var dbc: String?
    public var rules: [MappingRule]
    public var messages: [String: MessageOptions]
    /// VSS metadata the file itself declares (KUKSA files carry datatype and unit per leaf).
    public var declaredSignals: [String: VSSSignalInfo]

    public init(
        file: String, dbc: String? = nil, rules: [MappingRule], messages: [String: MessageOptions] = [:],
        declaredSignals: [String: VSSSignalInfo] = [:]
    ) {
        self.file = file
        self.dbc = dbc
        self.rules = rules
        self.messages = messages
        self.declaredSignals = declaredSignals
    }
}

/// Which side of the car the driver sits on; picks what `{left}` and `{right}` mean in mapping paths.
public enum DriveSide: String, Sendable, Hashable, Codable {
    /// Left-hand drive: the driver sits on the left (`{left}` = `DriverSide`).
    case left
    /// Right-hand drive: the driver sits on the right (`{left}` = `PassengerSide`).
    case right

    var variables: [String: String] {
        switch self {
        case .left: ["left": "DriverSide", "right": "PassengerSide"]
        case .right: ["left": "PassengerSide", "right": "DriverSide"]
        }
    }
}
