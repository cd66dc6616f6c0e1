import JSON
public import CANBus
public import DBC
public import VSS

/// A vehicle's CAN networks compiled for ingest: for each message, the DBC codec's message and the
/// list of VSS slots its signals fill, with every name, unit and value table resolved ahead of time.
public struct VehicleMapping: Sendable {
    /// One DBC file with its mapping.
    public struct Network: Sendable {
        public var name: String
        public var codec: DBCCodec
        /// The interface the network's frames arrive on; `nil` accepts any interface.
        public var interface: String?
        /// The mapping's per-message options (checksum, counter), by message name; filled in when compiled.
        public internal(set) var messageOptions: [String: MessageOptions] = [:]
        public init(name: String, database: DBCDatabase, interface: String? = nil) {
            self.name = name
            self.codec = DBCCodec(database)
            self.interface = interface
        }
    }

    /// What the store knows about one mapped VSS path.
    public struct Slot: Sendable {
        public var path: String
        public var info: VSSSignalInfo
        /// How long after its last update the value counts as stale; `nil` for event messages (never stale).
        public var staleAfter: Duration?
        public var message: String
        public var frameID: CANIdentifier
        public var signals: [String]
        /// The smallest step the DBC can express, in the VSS unit (`nil` for tables, thresholds, products, formulas).
        public var resolution: Double?
        /// The network (index into `networks`) the path comes from.
        public var network: Int
        /// The mapping entry is marked `"unverified"`: its evidence is the DBC alone.
        public var isUnverified = false
        /// `MESSAGE.SIGNAL`, `+`-joined for combined signals: where the value comes from.
        public var source: String { signals.map { "\(message).\($0)" }.joined(separator: "+") }
    }

    public let networks: [Network]
    public let slots: [Slot]
    let messages: [CompiledMessage]
    let plan: IngestPlan
    let lookup: [UInt32: Int]
    let slotIndex: [String: Int]
    /// The largest signal count of any message: the decode buffer's capacity.
    let maxSignalCount: Int

    /// How many cycle times a message may be missing before its values are stale.
    public static let defaultStalenessCycles = 3

    /// Compiles mappings against their DBC files.
    ///
    /// - Parameters:
    ///   - networks: each DBC with the mapping document for it.
    ///   - stalenessCycles: a value is stale once its message has been missing for this many of its
    ///     cycle times (a multiplexed value: its message's cycle time × the number of multiplexer values).
    public init(_ networks: [(network: Network, mapping: MappingDocument)], stalenessCycles: Int = defaultStalenessCycles) throws(VehicleSignalsError)
    {
        var compiler = Compiler(stalenessCycles: stalenessCycles)
        for (index, entry) in networks.enumerated() {
            try compiler.add(entry.network, mapping: entry.mapping, networkIndex: index)
        }
        self.networks = networks.map { entry in
            var network = entry.network
            network.messageOptions = entry.mapping.messages
            return network
        }
        self.slots = compiler.slots
        self.messages = compiler.messages
        self.plan = IngestPlan(compiler.messages)
        var lookup: [UInt32: Int] = [:]
        for (index, message) in compiler.messages.enumerated() { lookup[Self.key(message.id)] = index }
        self.lookup = lookup
        var slotIndex: [String: Int] = [:]
        for (index, slot) in compiler.slots.enumerated() { slotIndex[slot.path] = index }
        self.slotIndex = slotIndex
        self.maxSignalCount = networks.map(\.network.codec.maxSignalCount).max() ?? 0
    }

    @inline(__always)
    static func key(_ id: CANIdentifier) -> UInt32 { id.value | (id.isExtended ? 0x8000_0000 : 0) }

    /// The slot number of a path, if the vehicle maps it.
    public func slot(for path: String) -> Int? { slotIndex[path] }
}

// MARK: - Compiled form

struct CompiledInput: Sendable {
    var signal: Int
    var factor: Double
    var offset: Double
    /// Unit conversion to the VSS unit (identity when none applies).
    var scale: Double
    var shift: Double
    var notAvailable: [Int64]
    var invalid: [Int64]
    /// The DBC's [min, max] widened by half a step; outside is invalid.
    var range: ClosedRange<Double>?
}

enum CompiledOutput: Sendable {
    case number(VSSDataType)
    case threshold(Double)
    case table([(raw: Int64, value: SignalValue)])
    case math(MathExpression, VSSDataType)
}

struct CompiledRule: Sendable {
    var slot: Int
    var inputs: [CompiledInput]
    var combine: MappingCombine
    var output: CompiledOutput
    /// For `product`: conversion of the product to the VSS unit.
    var postScale: Double
    var postShift: Double
    var multiplexer: [(signal: Int, value: Int64)]
}

struct CompiledMessage: Sendable {
    var network: Int
    var messageIndex: Int
    var id: CANIdentifier
    var name: String
    var interface: String?
    var length: Int
    var checksum: (byte: Int, algorithm: ChecksumAlgorithm)?
    var rules: [CompiledRule]
}

private let notAvailableNames: Set<String> = ["sna", "signalnotavailable", "notavailable", "n/a", "na", "unavailable", "not available"]
private let invalidNames: Set<String> = ["invalid", "error", "fault", "err", "init", "undefined"]

private struct Compiler {
    let stalenessCycles: Int
    var slots: [VehicleMapping.Slot] = []
    var messages: [CompiledMessage] = []
    var messageByID: [UInt32: Int] = [:]
    var pathOwner: [String: String] = [:]

    init(stalenessCycles: Int) { self.stalenessCycles = max(1, stalenessCycles) }

    mutating func add(_ network: VehicleMapping.Network, mapping: MappingDocument, networkIndex: Int) throws(VehicleSignalsError) {
        let database = network.codec.database
        let file = mapping.file
        for rule in mapping.rules {
            let label = rule.path
            func fail(_ problem: String) -> VehicleSignalsError { .mapping(file: file, path: label, problem: problem) }

            guard let info = mapping.declaredSignals[rule.path] ?? VSSCatalog.info(rule.path) else {
                throw fail("not a VSS 4.2 path Car Genius knows (check the spelling, or add it to the overlay)")
            }
            if let owner = pathOwner[rule.path] {
                throw fail("mapped twice (first by \(owner))")
            }

            // Find the message: by name, or the one holding the first signal.
            let messageIndex: Int
            if let name = rule.message {
                guard let index = database.messages.firstIndex(where: { $0.name == name }) else {
                    throw fail("DBC \(network.name) has no message \(name)")
                }
                messageIndex = index
            } else {
                let holders = database.messages.indices.filter { database.messages[$0].signal(named: rule.inputs[0].signal) != nil }
                guard let first = holders.first else { throw fail("DBC \(network.name) has no signal \(rule.inputs[0].signal)") }
                guard holders.count == 1 else {
                    throw fail(
                        "signal \(rule.inputs[0].signal) is in several messages (\(holders.map { database.messages[$0].name }.joined(separator: ", "))); name the \"message\""
                    )
                }
                messageIndex = first
            }
            let message = database.messages[messageIndex]

            var inputs: [CompiledInput] = []
            for (position, input) in rule.inputs.enumerated() {
                guard let signalIndex = message.signals.firstIndex(where: { $0.name == input.signal }) else {
                    throw fail("message \(message.name) has no signal \(input.signal) (combined signals must share a message)")
                }
                let signal = message.signals[signalIndex]
                var notAvailable: [Int64] = []
                var invalid: [Int64] = []
                for choice in signal.choices {
                    let name = choice.name.lowercased()
                    if notAvailableNames.contains(name) { notAvailable.append(choice.value) }
                    if invalidNames.contains(name) { invalid.append(choice.value) }
                }
                if case .string(let text)? = signal.attributes["GenSigSNA"], let raw = Self.parseRaw(text, signal: signal) {
                    if !notAvailable.contains(raw) { notAvailable.append(raw) }
                }
                if position == 0 {
                    notAvailable += rule.notAvailableRaw
                    invalid += rule.invalidRaw
                }
                var scale = 1.0
                var shift = 0.0
                let sourceUnit = input.unit ?? (rule.combine == .single ? rule.unit : nil) ?? signal.unit
                if rule.convertsUnits, rule.combine != .product, case .linear = rule.transform, let target = info.unit,
                    !sourceUnit.isEmpty
                {
                    guard let conversion = Units.conversion(from: sourceUnit, to: target) else {
                        throw fail("cannot convert \(signal.name)'s unit \"\(sourceUnit)\" to the VSS unit \"\(target)\"")
                    }
                    (scale, shift) = conversion
                }
                var range: ClosedRange<Double>?
                if let minimum = signal.minimum, let maximum = signal.maximum, minimum < maximum {
                    let half = Swift.abs(signal.factor) / 2
                    range = (minimum - half)...(maximum + half)
                }
                inputs.append(
                    CompiledInput(
                        signal: signalIndex, factor: input.factor, offset: input.offset, scale: scale, shift: shift,
                        notAvailable: notAvailable, invalid: invalid, range: range))
            }

            var postScale = 1.0
            var postShift = 0.0
            if rule.combine == .product, rule.convertsUnits, let target = info.unit {
                guard let unit = rule.unit else { throw fail("a product needs \"unit\": the unit of the product") }
                guard let conversion = Units.conversion(from: unit, to: target) else {
                    throw fail("cannot convert the product's unit \"\(unit)\" to the VSS unit \"\(target)\"")
                }
                (postScale, postShift) = conversion
            }

            let output: CompiledOutput
            switch rule.transform {
            case .linear:
                if info.datatype == .string {
                    throw fail("a string path needs a \"values\" table")
                }
                output = .number(info.datatype)
            case .greaterThan(let threshold):
                guard info.datatype == .boolean else { throw fail("\"greaterThan\" gives a boolean, but the path is \(info.datatype.rawValue)") }
                output = .threshold(threshold)
            case .math(let formula):
                do {
                    output = .math(try MathExpression(formula), info.datatype)
                } catch {
                    throw fail("math \"\(formula)\": \(error)")
                }
            case .values(let table):
                let signal = message.signals[inputs[0].signal]
                var entries: [(raw: Int64, value: SignalValue)] = []
                for (key, json) in table {
                    let raws: [Int64]
                    switch key {
                    case .raw(let raw): raws = [raw]
                    case .bool(let flag): raws = [flag ? 1 : 0]
                    case .name(let name):
                        let matching = signal.choices.filter { $0.name == name }.map(\.value)
                        guard !matching.isEmpty else {
                            let known = signal.choices.map(\.name).joined(separator: ", ")
                            throw fail("\(signal.name) has no value named \"\(name)\" (its VAL_ names: \(known.isEmpty ? "none" : known))")
                        }
                        raws = matching
                    }
                    let value = try Self.convert(json, to: info, fail: fail)
                    for raw in raws { entries.append((raw, value)) }
                }
                entries.sort { $0.raw < $1.raw }
                output = .table(entries)
            }

            var conditions: [(signal: Int, value: Int64)] = []
            for condition in rule.multiplexer {
                let muxIndex: Int?
                if let name = condition.signal {
                    muxIndex = message.signals.firstIndex { $0.name == name }
                    guard muxIndex != nil else { throw fail("message \(message.name) has no multiplexer signal \(name)") }
                } else {
                    muxIndex = message.signals.firstIndex { $0.isMultiplexer }
                    guard muxIndex != nil else { throw fail("message \(message.name) is not multiplexed") }
                }
                // A signal the DBC multiplexes must be selected by this value, else the rule can never fire.
                let signal = message.signals[inputs[0].signal]
                if signal.multiplexerSignal == message.signals[muxIndex!].name, let ranges = signal.multiplexerValues,
                    !ranges.contains(where: { $0.contains(condition.value) })
                {
                    throw fail("\(signal.name) is not present when \(message.signals[muxIndex!].name) is \(condition.value)")
                }
                conditions.append((muxIndex!, condition.value))
            }

            // Staleness: a multiplexed value comes once per round of multiplexer values.
            var staleAfter: Duration?
            if let cycle = mapping.messages[message.name]?.cycleTime ?? message.cycleTime, cycle > 0 {
                var rounds = 1
                let first = message.signals[inputs[0].signal]
                if let muxName = first.multiplexerSignal ?? (conditions.isEmpty ? nil : message.signals[conditions[0].signal].name),
                    let mux = message.signal(named: muxName)
                {
                    var values = Set<Int64>()
                    for signal in message.signals where signal.multiplexerSignal == mux.name {
                        for range in signal.multiplexerValues ?? [] where range.count <= 256 { values.formUnion(range) }
                    }
                    rounds = max(1, values.count)
                }
                staleAfter = .milliseconds(cycle * rounds * stalenessCycles)
            }

            var resolution: Double?
            if case .number = output, rule.combine == .single || rule.combine == .sum {
                resolution = inputs.map { Swift.abs(message.signals[$0.signal].factor * $0.factor * $0.scale) }.min()
            }
            let slot = slots.count
            slots.append(
                VehicleMapping.Slot(
                    path: rule.path, info: info, staleAfter: staleAfter, message: message.name, frameID: message.id,
                    signals: rule.inputs.map(\.signal), resolution: resolution, network: networkIndex, isUnverified: rule.isUnverified))
            pathOwner[rule.path] = "\(file) \(rule.origin)"

            let compiled = CompiledRule(
                slot: slot, inputs: inputs, combine: rule.combine, output: output, postScale: postScale, postShift: postShift,
                multiplexer: conditions)
            let key = VehicleMapping.key(message.id)
            if let existing = messageByID[key] {
                guard messages[existing].network == networkIndex else {
                    throw fail("frame id \(message.id) is also mapped from another DBC (\(messages[existing].name))")
                }
                messages[existing].rules.append(compiled)
            } else {
                var checksum: (byte: Int, algorithm: ChecksumAlgorithm)?
                if let options = mapping.messages[message.name], let name = options.checksumSignal, let algorithm = options.checksumAlgorithm {
                    guard let signal = message.signal(named: name) else { throw fail("message \(message.name) has no checksum signal \(name)") }
                    let aligned = signal.length == 8 && (signal.byteOrder == .littleEndian ? signal.startBit % 8 == 0 : signal.startBit % 8 == 7)
                    guard aligned else { throw fail("checksum signal \(name) must be one whole byte") }
                    checksum = (signal.startBit / 8, algorithm)
                }
                messageByID[key] = messages.count
                messages.append(
                    CompiledMessage(
                        network: networkIndex, messageIndex: messageIndex, id: message.id, name: message.name,
                        interface: network.interface, length: message.length, checksum: checksum, rules: [compiled]))
            }
        }
        // Message options naming messages that do not exist are mistakes too.
        for name in mapping.messages.keys where database.message(named: name) == nil {
            throw .mapping(file: file, path: "messages.\(name)", problem: "DBC \(network.name) has no message \(name)")
        }
    }

    /// `0x3FF` or `1023` as a raw value of `signal` (sign-extended for signed signals).
    static func parseRaw(_ text: String, signal: DBCSignal) -> Int64? {
        let trimmed = String(text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
        let bits: UInt64?
        if trimmed.hasPrefix("0x") || trimmed.hasPrefix("0X") {
            bits = UInt64(trimmed.dropFirst(2), radix: 16)
        } else if let number = Int64(trimmed) {
            return number
        } else {
            bits = nil
        }
        guard let bits else { return nil }
        if signal.isSigned, signal.length < 64, bits & (1 << UInt64(signal.length - 1)) != 0 {
            return Int64(bitPattern: bits | ~((1 << UInt64(signal.length)) - 1))
        }
        return Int64(bitPattern: bits)
    }

    static func convert(_ json: JSONValue, to info: VSSSignalInfo, fail: (String) -> VehicleSignalsError) throws(VehicleSignalsError) -> SignalValue {
        switch (info.datatype, json, json.number) {
        case (.boolean, .bool(let flag), _): return .bool(flag)
        case (.boolean, _, let number?) where number == 0 || number == 1: return .bool(number == 1)
        case (.string, .string(let text), _):
            if !info.allowed.isEmpty, !info.allowed.contains(text) {
                throw fail("\"\(text)\" is not an allowed value (allowed: \(info.allowed.joined(separator: ", ")))")
            }
            return .string(text)
        case (let type, _, let number?) where type.isInteger:
            guard number == number.rounded(), type.integerRange?.contains(number) ?? true else {
                throw fail("\(number) does not fit the path's datatype \(type.rawValue)")
            }
            return .number(number)
        case (.float, _, let number?), (.double, _, let number?): return .number(number)
        default: throw fail("value \(json) does not suit the path's datatype \(info.datatype.rawValue)")
        }
    }
}
