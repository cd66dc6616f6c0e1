public import CANBus
import DBC
public import VSS

/// The mapping run backwards: VSS values → DBC signal values → frame payloads, with the DBC codec.
///
/// Used by the simulator. For each DBC signal, the first mapping entry that reads it alone (not a
/// product, threshold-derived duplicate or formula) decides its value; a path whose value is missing
/// is sent as the signal's "not available" raw value when the DBC defines one. Counters count up
/// per message and checksums are filled in as the mapping's message options say.
public struct MappingEncoder: Sendable {
    /// A message the encoder can build.
    public struct Message: Sendable, Hashable {
        public var name: String
        public var id: CANIdentifier
        public var isFD: Bool
        public var length: Int
        /// `GenMsgCycleTime` in milliseconds; `nil` for event messages.
        public var cycleTime: Int?
        /// The multiplexer values to rotate through, one per frame; empty when not multiplexed.
        public var multiplexerValues: [Int64]
        /// The VSS paths whose values the message carries.
        public var paths: [String]
    }

    struct SignalSource: Sendable {
        var signal: Int
        var path: String?
        var rule: CompiledRule?
        /// For a `sum`, which input of the rule this signal is.
        var inputPosition: Int
    }

    struct Plan: Sendable {
        var network: Int
        var messageIndex: Int
        var sources: [SignalSource]
        var counter: Int?
        var checksum: (signal: Int, byte: Int, algorithm: ChecksumAlgorithm)?
        var multiplexer: Int?
    }

    public let mapping: VehicleMapping
    public let messages: [Message]
    let plans: [Plan]
    var counters: [UInt64]

    public init(mapping: VehicleMapping) {
        self.mapping = mapping
        var messages: [Message] = []
        var plans: [Plan] = []
        for compiled in mapping.messages {
            let network = mapping.networks[compiled.network]
            let message = network.codec.database.messages[compiled.messageIndex]
            var sources: [SignalSource] = []
            for signalIndex in message.signals.indices {
                var source = SignalSource(signal: signalIndex, path: nil, rule: nil, inputPosition: 0)
                search: for rule in compiled.rules {
                    switch (rule.combine, rule.output) {
                    case (.single, .number), (.single, .table), (.sum, .number): break
                    case (.single, .threshold):
                        // A threshold decides the signal only when nothing else maps it.
                        if compiled.rules.contains(where: { other in
                            other.inputs.contains { $0.signal == signalIndex }
                                && {
                                    if case .threshold = other.output {
                                        return false
                                    } else {
                                        return other.combine == .single || other.combine == .sum
                                    }
                                }()
                        }) {
                            continue search
                        }
                    default: continue search
                    }
                    for (position, input) in rule.inputs.enumerated() where input.signal == signalIndex {
                        source = SignalSource(signal: signalIndex, path: mapping.slots[rule.slot].path, rule: rule, inputPosition: position)
                        break search
                    }
                }
                sources.append(source)
            }
            let options = network.messageOptions[message.name]
            var checksum: (Int, Int, ChecksumAlgorithm)?
            if let compiledChecksum = compiled.checksum, let name = options?.checksumSignal,
                let index = message.signals.firstIndex(where: { $0.name == name })
            {
                checksum = (index, compiledChecksum.byte, compiledChecksum.algorithm)
            }
            let counter = options?.counterSignal.flatMap { name in message.signals.firstIndex { $0.name == name } }
            let multiplexer = message.signals.firstIndex { $0.isMultiplexer }
            var values = Set<Int64>()
            if let multiplexer {
                for signal in message.signals where signal.multiplexerSignal == message.signals[multiplexer].name {
                    for range in signal.multiplexerValues ?? [] where range.count <= 256 { values.formUnion(range) }
                }
            }
            plans.append(
                Plan(
                    network: compiled.network, messageIndex: compiled.messageIndex, sources: sources, counter: counter, checksum: checksum,
                    multiplexer: multiplexer))
            messages.append(
                Message(
                    name: message.name, id: message.id, isFD: message.isFD, length: message.length, cycleTime: message.cycleTime,
                    multiplexerValues: values.sorted(), paths: compiled.rules.map { mapping.slots[$0.slot].path }))
        }
        self.messages = messages
        self.plans = plans
        self.counters = Array(repeating: 0, count: plans.count)
    }

    /// Builds the payload of message number `message` (an index into `messages`).
    ///
    /// - Parameters:
    ///   - values: VSS values by path; a missing path is sent as "not available" where the DBC allows.
    ///   - signals: values by DBC signal name for signals no mapping entry decides (physical units).
    ///   - multiplexer: the multiplexer value for a multiplexed message.
    public mutating func encode(
        _ message: Int, values: [String: SignalValue], signals: [String: Double] = [:], multiplexer: Int64? = nil
    ) -> CANPayload {
        let plan = plans[message]
        let codec = mapping.networks[plan.network].codec
        let dbcMessage = codec.database.messages[plan.messageIndex]
        var physical = [Double?](repeating: nil, count: dbcMessage.signals.count)
        var rawBits: [(Int, UInt64)] = []
        for source in plan.sources {
            let signal = dbcMessage.signals[source.signal]
            if let extra = signals[signal.name] {
                physical[source.signal] = extra
                continue
            }
            guard let path = source.path, let rule = source.rule else { continue }
            let input = rule.inputs[source.inputPosition]
            guard let value = values[path] else {
                if let sna = input.notAvailable.first {
                    rawBits.append((source.signal, UInt64(bitPattern: sna)))
                }
                continue
            }
            switch rule.output {
            case .table(let entries):
                if let entry = entries.first(where: { $0.value == value }) {
                    rawBits.append((source.signal, UInt64(bitPattern: entry.raw)))
                }
            case .threshold(let threshold):
                let step = Swift.abs(signal.factor * input.factor)
                let stepped = value == .bool(true) ? threshold + step : Swift.min(threshold, signal.minimum ?? threshold)
                physical[source.signal] = (stepped - input.offset) / input.factor
            case .number:
                guard let number = value.doubleValue else { continue }
                physical[source.signal] = Self.inverse(number, rule: rule, position: source.inputPosition, signals: dbcMessage.signals)
            case .math:
                continue
            }
        }
        if let counter = plan.counter {
            let length = dbcMessage.signals[counter].length
            physical[counter] = Double(counters[message] % (UInt64(1) << UInt64(length)))
            counters[message] &+= 1
        }
        if let index = plan.multiplexer, let multiplexer {
            physical[index] = Double(multiplexer) * dbcMessage.signals[index].factor + dbcMessage.signals[index].offset
        }
        var payload = codec.encode(message: plan.messageIndex) { physical[$0] }.payload
        for (index, bits) in rawBits {
            // Only signals present under the chosen multiplexer value are written.
            let signal = dbcMessage.signals[index]
            if let ranges = signal.multiplexerValues {
                guard let multiplexer, ranges.contains(where: { $0.contains(multiplexer) }) else { continue }
            }
            Self.insert(bits, signal: signal, into: &payload)
        }
        if let checksum = plan.checksum {
            let sum = payload.withUnsafeBytes {
                checksum.algorithm.compute(payload: $0, checksumByte: checksum.byte, identifier: dbcMessage.id.value)
            }
            payload[checksum.byte] = sum
        }
        return payload
    }

    /// A whole frame of message number `message`.
    public mutating func frame(
        _ message: Int, values: [String: SignalValue], signals: [String: Double] = [:], multiplexer: Int64? = nil,
        at time: CANTimestamp, interface: String
    ) -> CANFrame {
        let payload = encode(message, values: values, signals: signals, multiplexer: multiplexer)
        let info = messages[message]
        return CANFrame(id: info.id, kind: info.isFD ? .fd([.bitRateSwitch]) : .classic, data: payload, timestamp: time, interface: interface)
    }

    /// The DBC physical value of input `position` that maps to VSS value `number`.
    static func inverse(_ number: Double, rule: CompiledRule, position: Int, signals: [DBCSignal]) -> Double {
        let input = rule.inputs[position]
        func physical(ofConverted converted: Double, _ input: CompiledInput) -> Double {
            ((converted - input.shift) / input.scale - input.offset) / input.factor
        }
        guard rule.combine == .sum else { return physical(ofConverted: number, input) }
        // Split a sum greedily: the input with the biggest unit takes whole units, the last the rest.
        let order = rule.inputs.indices.sorted { rule.inputs[$0].scale > rule.inputs[$1].scale }
        var remaining = number
        for (rank, index) in order.enumerated() {
            let candidate = rule.inputs[index]
            let step = Swift.abs(signals[candidate.signal].factor)
            var share = physical(ofConverted: remaining, candidate)
            if rank < order.count - 1 { share = (share / step).rounded(.down) * step }
            if index == position { return share }
            remaining -= (share * candidate.factor + candidate.offset) * candidate.scale + candidate.shift
        }
        return 0
    }

    /// Writes raw bits into the signal's place in the payload (Intel or Motorola order).
    static func insert(_ bits: UInt64, signal: DBCSignal, into payload: inout CANPayload) {
        var position = signal.startBit
        for bit in 0..<signal.length {
            let valueBit: Int
            if signal.byteOrder == .littleEndian {
                position = signal.startBit + bit
                valueBit = bit
            } else {
                valueBit = signal.length - 1 - bit
                if bit > 0 { position = position % 8 == 0 ? position + 15 : position - 1 }
            }
            let byte = position / 8
            guard byte < payload.count else { return }
            let mask = UInt8(1) << UInt8(position % 8)
            if bits >> UInt64(valueBit) & 1 == 1 { payload[byte] |= mask } else { payload[byte] &= ~mask }
        }
    }
}
