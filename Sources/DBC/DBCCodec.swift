public import CANBus

/// Decodes and encodes frames with a DBC database, through a plan compiled once per message.
///
/// Each signal's plan holds its byte span, shift, mask and scaling; each message's multiplexing is a
/// tree of nodes chosen by value intervals. Decoding reads the payload in place and writes into a
/// caller-owned `DBCDecodedSignals`, so the steady state allocates nothing.
///
/// Semantics follow cantools (`decode_message(..., decode_choices=False, scaling=True)`): physical =
/// raw × factor + offset, two's complement for signed signals, IEEE floats for `SIG_VALTYPE_`; only
/// signals of the selected multiplexer branches are present; a payload shorter than the message, or a
/// multiplexer value the DBC does not define, is an error; bytes past the message length are ignored.
public struct DBCCodec: Sendable {
    /// One reference, so a codec is as cheap to pass around as a pointer.
    private let storage: CodecStorage

    public var database: DBCDatabase { storage.database }
    var plans: [MessagePlan] { storage.plans }
    private var tables: CodecTables { storage.tables }
    /// The most signals any message has: the capacity a `DBCDecodedSignals` needs.
    public var maxSignalCount: Int { storage.maxSignalCount }

    public init(_ database: DBCDatabase) {
        storage = CodecStorage(database)
    }

    /// The index in `database.messages` of the message with this identifier, if the DBC has one.
    ///
    /// An exact match (standard or extended) first; else the same number in the other format.
    /// A later duplicate identifier wins, as in cantools.
    @inline(__always)
    public func messageIndex(for id: CANIdentifier) -> Int? {
        tables.lookup(id)
    }

    /// A buffer big enough for any message of this database.
    public func makeBuffer() -> DBCDecodedSignals { DBCDecodedSignals(capacity: maxSignalCount) }

    /// Decodes `frame` if its identifier is known: returns the message index, or `nil` for an unknown identifier.
    @inline(__always)
    public func decode(_ frame: CANFrame, into output: inout DBCDecodedSignals) throws(DBCDecodeError) -> Int? {
        guard let index = tables.lookup(frame.id) else { return nil }
        try decode(frame, message: index, into: &output)
        return index
    }

    /// Decodes `frame` as message number `message` (an index into `database.messages`), whatever its identifier:
    /// for callers that resolved the message themselves.
    @inline(__always)
    public func decode(_ frame: CANFrame, message index: Int, into output: inout DBCDecodedSignals) throws(DBCDecodeError) {
        let info = tables.messages[index]
        guard frame.data.count >= info.length else { throw .frameTooShort(expected: info.length, actual: frame.data.count) }
        output.prepare(message: index, count: info.signalCount, clear: info.multiplexed)
        let tables = self.tables
        let failure = frame.data.withUnsafeStorage { bytes in
            output.withStorage { physical, raw, present in
                tables.decodeNode(info.rootNode, payload: bytes, physical: physical, raw: raw, present: present)
            }
        }
        if let failure { throw failure.error(names: plans[index].names) }
    }

    /// Decodes `frame` as message number `message` into caller-owned buffers of at least `maxSignalCount`
    /// entries each, indexed like the message's signals: for callers that keep their own flat storage, so
    /// the hot path touches no array (no uniqueness check, retain or release per frame).
    @inline(__always)
    public func decode(
        _ frame: CANFrame, message index: Int, physical: UnsafeMutablePointer<Double>, raw: UnsafeMutablePointer<UInt64>,
        present: UnsafeMutablePointer<Bool>
    ) throws(DBCDecodeError) {
        let info = tables.messages[index]
        guard frame.data.count >= info.length else { throw .frameTooShort(expected: info.length, actual: frame.data.count) }
        if info.multiplexed { present.update(repeating: false, count: info.signalCount) }
        let tables = self.tables
        let failure = frame.data.withUnsafeStorage { bytes in
            tables.decodeNode(info.rootNode, payload: bytes, physical: physical, raw: raw, present: present)
        }
        if let failure { throw failure.error(names: plans[index].names) }
    }

    /// Decodes a payload as message number `message` (an index into `database.messages`).
    public func decode(_ payload: UnsafeRawBufferPointer, message: Int, into output: inout DBCDecodedSignals) throws(DBCDecodeError) {
        let info = tables.messages[message]
        guard payload.count >= info.length else { throw .frameTooShort(expected: info.length, actual: payload.count) }
        output.prepare(message: message, count: info.signalCount, clear: info.multiplexed)
        // Give the extractor a full 64-byte window, so every signal is read with one unaligned load.
        var window: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
        let failure = withUnsafeMutableBytes(of: &window) { window in
            if let source = payload.baseAddress, payload.count > 0 {
                window.baseAddress!.copyMemory(from: source, byteCount: min(payload.count, 64))
            }
            let bytes = UnsafeRawBufferPointer(window)
            return output.withStorage { physical, raw, present in
                tables.decodeNode(info.rootNode, payload: bytes, physical: physical, raw: raw, present: present)
            }
        }
        if let failure { throw failure.error(names: plans[message].names) }
    }

    /// Encodes physical values into a payload of the message's length.
    ///
    /// - Parameter value: the physical value for a signal index, or `nil` to use its `GenSigStartValue`
    ///   (else raw 0). Only signals of the multiplexer branches the given values select are written.
    /// - Returns: the payload and the signals whose values were clamped to their range or rounded to a
    ///   representable raw value by more than half a step.
    public func encode(message: Int, value: (Int) -> Double?) -> DBCEncodeResult {
        let plan = plans[message]
        var payload = CANPayload(zeros: plan.length)
        var clamped: [Int] = []
        var physical = [Double](repeating: 0, count: plan.signals.count)
        encodeNode(0, plan: plan, value: value, payload: &payload, physical: &physical, clamped: &clamped)
        return DBCEncodeResult(payload: payload, clamped: clamped)
    }

    private func encodeNode(
        _ nodeIndex: Int, plan: MessagePlan, value: (Int) -> Double?, payload: inout CANPayload, physical: inout [Double], clamped: inout [Int]
    ) {
        let node = plan.nodes[nodeIndex]
        let message = database.messages[plan.messageIndex]
        for signalIndex in node.signals {
            let signal = message.signals[signalIndex]
            let given = value(signalIndex) ?? (signal.initialRawValue.map { $0 * signal.factor + signal.offset } ?? signal.offset)
            let (raw, wasClamped) = Self.raw(for: given, signal: signal)
            if wasClamped { clamped.append(signalIndex) }
            let signalPlan = plan.signals[signalIndex]
            physical[signalIndex] = signalPlan.physical(signalPlan.signExtended(raw))
            signalPlan.insert(raw, into: &payload, length: plan.length)
        }
        for selector in node.selectors {
            let number = physical[selector.signal]
            // As in decoding: a multiplexor whose physical value no Int64 holds (a huge factor) selects nothing.
            guard number.isFinite, number > -9.2e18, number < 9.2e18,
                let child = selector.child(for: Int64(number.rounded(.towardZero)))
            else { continue }
            encodeNode(child, plan: plan, value: value, payload: &payload, physical: &physical, clamped: &clamped)
        }
    }

    /// The raw bits for a physical value: rounded to the nearest step, clamped to [min, max] and to what the bits hold.
    static func raw(for physical: Double, signal: DBCSignal) -> (bits: UInt64, clamped: Bool) {
        var value = physical
        var clamped = false
        if let minimum = signal.minimum, let maximum = signal.maximum, minimum <= maximum {
            if value < minimum { value = minimum; clamped = true }
            if value > maximum { value = maximum; clamped = true }
        }
        if signal.valueType == .float {
            let raw = signal.factor == 0 ? 0 : (value - signal.offset) / signal.factor
            return signal.length == 32 ? (UInt64(Float(raw).bitPattern), clamped) : (raw.bitPattern, clamped)
        }
        var raw = signal.factor == 0 ? 0 : ((value - signal.offset) / signal.factor).rounded()
        if !raw.isFinite { raw = 0; clamped = true }
        let range = signal.rawRange
        if raw < range.lowerBound { raw = range.lowerBound; clamped = true }
        if raw > range.upperBound { raw = range.upperBound; clamped = true }
        let mask: UInt64 = signal.length == 64 ? .max : (1 << UInt64(signal.length)) - 1
        if signal.isSigned {
            let integer = raw >= 9.223372036854775807e18 ? Int64.max : Int64(raw)
            return (UInt64(bitPattern: integer) & mask, clamped)
        }
        let integer = raw >= 1.8446744073709551615e19 ? UInt64.max : UInt64(raw)
        return (integer & mask, clamped)
    }
}

/// What `DBCCodec.encode` produced.
public struct DBCEncodeResult: Sendable, Equatable {
    public var payload: CANPayload
    /// Indices of signals whose value did not fit and was clamped.
    public var clamped: [Int]
}

/// Decoded values of one message, indexed like the message's `signals`. Owned and reused by the caller.
public struct DBCDecodedSignals: Sendable {
    /// The message index these values belong to.
    public private(set) var message: Int = -1
    /// How many signals the message has (the valid prefix of the arrays).
    public private(set) var count: Int = 0
    /// Physical values (raw × factor + offset); valid where `present`.
    public private(set) var physical: [Double]
    /// Raw values: the sign-extended integer for signed signals, the bits for unsigned and float ones.
    public private(set) var raw: [UInt64]
    /// Whether each signal was in the frame (multiplexed signals of other branches are not).
    public private(set) var present: [Bool]

    public init(capacity: Int) {
        physical = [Double](repeating: 0, count: max(1, capacity))
        raw = [UInt64](repeating: 0, count: max(1, capacity))
        present = [Bool](repeating: false, count: max(1, capacity))
    }

    /// Makes room for `count` signals; `clear` resets the presence flags (needed when not every signal is written).
    @inline(__always)
    mutating func prepare(message: Int, count: Int, clear: Bool) {
        if count > present.count {
            physical += [Double](repeating: 0, count: count - physical.count)
            raw += [UInt64](repeating: 0, count: count - raw.count)
            present += [Bool](repeating: false, count: count - present.count)
        }
        self.message = message
        self.count = count
        if clear {
            present.withUnsafeMutableBufferPointer { present in
                present.baseAddress!.update(repeating: false, count: count)
            }
        }
    }

    @inline(__always)
    mutating func withStorage<R>(
        _ body: (UnsafeMutablePointer<Double>, UnsafeMutablePointer<UInt64>, UnsafeMutablePointer<Bool>) -> R
    ) -> R {
        physical.withUnsafeMutableBufferPointer { physical in
            raw.withUnsafeMutableBufferPointer { raw in
                present.withUnsafeMutableBufferPointer { present in
                    body(physical.baseAddress!, raw.baseAddress!, present.baseAddress!)
                }
            }
        }
    }

    /// The raw value of a signed signal as a signed integer.
    public func signedRaw(_ index: Int) -> Int64 { Int64(bitPattern: raw[index]) }
}

// MARK: - Plans

struct SignalPlan: Sendable {
    var firstByte: Int
    /// Bytes spanned, 1...9.
    var byteCount: Int
    var shift: UInt64
    var mask: UInt64
    var length: Int
    var bigEndian: Bool
    var signed: Bool
    var float: Bool
    var factor: Double
    var offset: Double
    /// Whether the signal lies within the message length; a signal that does not cannot be decoded.
    var fits: Bool

    init(_ signal: DBCSignal, messageLength: Int) {
        length = signal.length
        mask = signal.length == 64 ? .max : (1 << UInt64(signal.length)) - 1
        signed = signal.isSigned && signal.valueType == .integer
        float = signal.valueType == .float
        factor = signal.factor
        offset = signal.offset
        switch signal.byteOrder {
        case .littleEndian:
            bigEndian = false
            firstByte = signal.startBit / 8
            let lastByte = (signal.startBit + signal.length - 1) / 8
            byteCount = lastByte - firstByte + 1
            shift = UInt64(signal.startBit % 8)
        case .bigEndian:
            bigEndian = true
            let msb = 8 * (signal.startBit / 8) + (7 - signal.startBit % 8)
            let end = msb + signal.length - 1
            firstByte = msb / 8
            byteCount = end / 8 - firstByte + 1
            shift = UInt64(7 - end % 8)
        }
        fits = firstByte + byteCount <= messageLength
    }

    /// The signal's bits from the payload, sign-extended when signed. The payload must hold the span.
    @inline(__always)
    func extract(_ payload: UnsafeRawBufferPointer) -> UInt64 {
        // Fast path: one unaligned 8-byte load when the window fits the payload.
        if byteCount <= 8, firstByte + 8 <= payload.count {
            let word = payload.loadUnaligned(fromByteOffset: firstByte, as: UInt64.self)
            if bigEndian {
                return signExtended((UInt64(bigEndian: word) >> (shift + 8 * UInt64(8 - byteCount))) & mask)
            }
            return signExtended((UInt64(littleEndian: word) >> shift) & mask)
        }
        var value: UInt64 = 0
        if bigEndian {
            if byteCount <= 8 {
                for index in firstByte..<(firstByte + byteCount) { value = value << 8 | UInt64(payload[index]) }
                value >>= shift
            } else {
                for index in (firstByte + 1)..<(firstByte + 9) { value = value << 8 | UInt64(payload[index]) }
                value >>= shift
                value |= UInt64(payload[firstByte]) << (64 - shift)
            }
        } else {
            let count = min(byteCount, 8)
            for index in 0..<count { value |= UInt64(payload[firstByte + index]) << (8 * UInt64(index)) }
            value >>= shift
            if byteCount == 9 { value |= UInt64(payload[firstByte + 8]) << (64 - shift) }
        }
        return signExtended(value & mask)
    }

    /// `bits` (masked to the length) with the sign bit copied upwards when the signal is signed.
    @inline(__always)
    func signExtended(_ bits: UInt64) -> UInt64 {
        if signed, length < 64, bits & (1 << UInt64(length - 1)) != 0 { return bits | ~mask }
        return bits
    }

    @inline(__always)
    func physical(_ bits: UInt64) -> Double {
        if float {
            let number = length == 32 ? Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits))) : Double(bitPattern: bits)
            return number * factor + offset
        }
        // Below 64 bits an unsigned raw value is a non-negative Int64: convert it in one instruction.
        let number = signed || length < 64 ? Double(Int64(bitPattern: bits)) : Double(bits)
        return number * factor + offset
    }

    /// Writes `raw` (already masked to the length) into the payload.
    func insert(_ raw: UInt64, into payload: inout CANPayload, length messageLength: Int) {
        guard fits else { return }
        for bit in 0..<length {
            let set = (raw >> UInt64(bit)) & 1 == 1
            let position: Int
            if bigEndian {
                // Bit `bit` of the value counts from the least significant end, which is the last in network order.
                let lsbNetwork = (firstByte + byteCount) * 8 - 1 - Int(shift)
                let network = lsbNetwork - bit
                position = 8 * (network / 8) + (7 - network % 8)
            } else {
                position = firstByte * 8 + Int(shift) + bit
            }
            let byte = position / 8
            let mask = UInt8(1) << UInt8(position % 8)
            if set { payload[byte] |= mask } else { payload[byte] &= ~mask }
        }
    }
}

struct Selector: Sendable {
    /// The multiplexor signal's index.
    var signal: Int
    /// Sorted, disjoint value intervals and the node each selects.
    var lower: [Int64]
    var upper: [Int64]
    var nodes: [Int]

    @inline(__always)
    func child(for value: Int64) -> Int? {
        var low = 0
        var high = lower.count - 1
        while low <= high {
            let middle = (low + high) / 2
            if value < lower[middle] {
                high = middle - 1
            } else if value > upper[middle] {
                low = middle + 1
            } else {
                return nodes[middle]
            }
        }
        return nil
    }
}

struct Node: Sendable {
    var signals: [Int]
    var selectors: [Selector]
}

struct MessagePlan: Sendable {
    var messageIndex: Int = 0
    var length: Int
    var signals: [SignalPlan]
    var names: [String]
    /// `nodes[0]` is the root: the signals always present.
    var nodes: [Node]

    init(_ message: DBCMessage) {
        length = message.length
        signals = message.signals.map { SignalPlan($0, messageLength: message.length) }
        names = message.signals.map(\.name)
        nodes = []
        var builder = TreeBuilder(message: message)
        builder.build(parent: nil, value: nil)
        nodes = builder.nodes
    }
}

/// Builds the multiplexing tree as cantools does: a node holds the signals whose multiplexor is the
/// parent and whose values include the selecting one; each multiplexor in it selects children by value,
/// over the values its dependants name plus the values its `VAL_` table names.
private struct TreeBuilder {
    let message: DBCMessage
    var nodes: [Node] = []
    let byParent: [String: [Int]]
    let roots: [Int]

    init(message: DBCMessage) {
        self.message = message
        var byParent: [String: [Int]] = [:]
        var roots: [Int] = []
        for (index, signal) in message.signals.enumerated() {
            if let parent = signal.multiplexerSignal { byParent[parent, default: []].append(index) } else { roots.append(index) }
        }
        self.byParent = byParent
        self.roots = roots
    }

    @discardableResult
    mutating func build(parent: String?, value: Int64?) -> Int {
        let index = nodes.count
        nodes.append(Node(signals: [], selectors: []))
        let candidates = parent.map { byParent[$0] ?? [] } ?? roots
        var members: [Int] = []
        for candidate in candidates {
            if let value {
                guard let ranges = message.signals[candidate].multiplexerValues, ranges.contains(where: { $0.contains(value) }) else { continue }
            }
            members.append(candidate)
        }
        var selectors: [Selector] = []
        for member in members where message.signals[member].isMultiplexer {
            // A multiplexor that selects nothing (no dependants, no VAL_) constrains nothing either.
            let selector = selector(for: member)
            if !selector.nodes.isEmpty { selectors.append(selector) }
        }
        nodes[index] = Node(signals: members, selectors: selectors)
        return index
    }

    mutating func selector(for signalIndex: Int) -> Selector {
        let signal = message.signals[signalIndex]
        let children = byParent[signal.name] ?? []
        var ranges: [ClosedRange<Int64>] = []
        for child in children { ranges += message.signals[child].multiplexerValues ?? [] }
        ranges += signal.choices.map { $0.value...$0.value }
        // Cut the value line into intervals over which the set of covering ranges is constant.
        var points = Set<Int64>()
        for range in ranges {
            points.insert(range.lowerBound)
            if range.upperBound < Int64.max { points.insert(range.upperBound + 1) }
        }
        let sorted = points.sorted()
        var selector = Selector(signal: signalIndex, lower: [], upper: [], nodes: [])
        for (position, start) in sorted.enumerated() {
            guard ranges.contains(where: { $0.contains(start) }) else { continue }
            let end = position + 1 < sorted.count ? sorted[position + 1] - 1 : Int64.max
            let child = build(parent: signal.name, value: start)
            selector.lower.append(start)
            selector.upper.append(end)
            selector.nodes.append(child)
        }
        return selector
    }
}

// MARK: - Flat tables for the hot path

final class CodecStorage: Sendable {
    let database: DBCDatabase
    let plans: [MessagePlan]
    let tables: CodecTables
    let maxSignalCount: Int

    init(_ database: DBCDatabase) {
        self.database = database
        var plans: [MessagePlan] = []
        for (index, message) in database.messages.enumerated() {
            var plan = MessagePlan(message)
            plan.messageIndex = index
            plans.append(plan)
        }
        self.plans = plans
        self.tables = CodecTables(plans: plans, messages: database.messages)
        self.maxSignalCount = database.messages.map(\.signals.count).max() ?? 0
    }
}

/// Why a node failed to decode, by signal index (names are looked up only when it happens).
struct NodeFailure {
    enum Reason { case outside, undefined(Int64), invalid }
    var signal: Int
    var reason: Reason

    func error(names: [String]) -> DBCDecodeError {
        switch reason {
        case .outside: .signalOutsideMessage(signal: names[signal])
        case .undefined(let value): .undefinedMultiplexerValue(signal: names[signal], value: value)
        case .invalid: .invalidMultiplexerValue(signal: names[signal])
        }
    }
}

/// One signal's extraction, packed into 32 bytes: an 8-byte load at `firstByte`, an optional byte swap,
/// a shift and a mask, a sign extension by shifting up and back, then raw × factor + offset.
struct HotSignal {
    var mask: UInt64
    var factor: Double
    var offset: Double
    var firstByte: UInt8
    /// Right shift of the loaded word (after the byte swap for Motorola signals).
    var shift: UInt8
    /// 64 − length for signed signals, 0 otherwise.
    var signShift: UInt8
    /// bit 0: Motorola (swap bytes); bit 1: float32; bit 2: float64; bit 3: unsigned 64-bit; bit 4: needs the slow path.
    var flags: UInt8

    init(_ plan: SignalPlan) {
        mask = plan.mask
        factor = plan.factor
        offset = plan.offset
        firstByte = UInt8(plan.firstByte)
        let fast = plan.byteCount <= 8 && plan.firstByte + 8 <= CANPayload.capacity
        shift = UInt8(truncatingIfNeeded: plan.bigEndian ? Int(plan.shift) + 8 * (8 - plan.byteCount) : Int(plan.shift))
        signShift = plan.signed && plan.length < 64 ? UInt8(64 - plan.length) : 0
        var flags: UInt8 = plan.bigEndian ? 1 : 0
        if plan.float { flags |= plan.length == 32 ? 2 : 4 }
        if !plan.signed && !plan.float && plan.length == 64 { flags |= 8 }
        if !fast { flags |= 16 }
        self.flags = flags
    }

    @inline(__always)
    func bits(_ payload: UnsafeRawBufferPointer) -> UInt64 {
        var word = payload.loadUnaligned(fromByteOffset: Int(firstByte), as: UInt64.self)
        if flags & 1 != 0 { word = word.byteSwapped }
        let value = (word &>> UInt64(shift)) & mask
        return UInt64(bitPattern: Int64(bitPattern: value &<< UInt64(signShift)) &>> Int64(signShift))
    }

    @inline(__always)
    func physical(_ bits: UInt64) -> Double {
        if flags & 14 == 0 { return Double(Int64(bitPattern: bits)) * factor + offset }
        if flags & 2 != 0 { return Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits))) * factor + offset }
        if flags & 4 != 0 { return Double(bitPattern: bits) * factor + offset }
        return Double(bits) * factor + offset
    }
}

/// Every message's plan in flat, reference-free buffers, so decoding touches no reference counts.
final class CodecTables: @unchecked Sendable {
    struct MessageInfo {
        var length: Int
        var signalCount: Int
        var rootNode: Int
        /// Whether some signals depend on a multiplexor; if not, every signal is present in every frame.
        var multiplexed: Bool
    }
    struct NodeInfo {
        /// Whether every member lies within the message; if not, decoding this node fails.
        var allFit: Bool
        var signalBase: Int  // into `signals` (this message's first signal)
        var membersStart: Int  // into `members`
        var membersCount: Int
        var selectorsStart: Int
        var selectorsCount: Int
    }
    struct SelectorInfo {
        var signal: Int  // message-local index
        var intervalsStart: Int
        var intervalsCount: Int
    }
    struct Interval {
        var lower: Int64
        var upper: Int64
        var node: Int
    }

    let messages: UnsafeMutableBufferPointer<MessageInfo>
    let signals: UnsafeMutableBufferPointer<SignalPlan>
    let hot: UnsafeMutableBufferPointer<HotSignal>
    let nodes: UnsafeMutableBufferPointer<NodeInfo>
    /// Node members, message-local signal indices, all fitting; `outside` flags those that do not fit.
    let members: UnsafeMutableBufferPointer<Int32>
    let selectors: UnsafeMutableBufferPointer<SelectorInfo>
    let intervals: UnsafeMutableBufferPointer<Interval>
    /// Standard identifiers → message index + 1 (0: none), exact matches.
    let standard: UnsafeMutableBufferPointer<Int32>
    let extended: [UInt32: Int]
    let extendedByValue: [UInt32: Int]

    init(plans: [MessagePlan], messages messageList: [DBCMessage]) {
        var messageInfos: [MessageInfo] = []
        var signalPlans: [SignalPlan] = []
        var nodeInfos: [NodeInfo] = []
        var memberList: [Int32] = []
        var selectorInfos: [SelectorInfo] = []
        var intervalList: [Interval] = []
        for plan in plans {
            let signalBase = signalPlans.count
            signalPlans += plan.signals
            let nodeBase = nodeInfos.count
            messageInfos.append(
                MessageInfo(
                    length: plan.length, signalCount: plan.signals.count, rootNode: nodeBase,
                    multiplexed: plan.nodes.count > 1 || plan.nodes[0].signals.count != plan.signals.count))
            for node in plan.nodes {
                let membersStart = memberList.count
                memberList += node.signals.map { Int32($0) }
                let selectorsStart = selectorInfos.count
                for selector in node.selectors {
                    let start = intervalList.count
                    for position in selector.nodes.indices {
                        intervalList.append(
                            Interval(lower: selector.lower[position], upper: selector.upper[position], node: nodeBase + selector.nodes[position]))
                    }
                    selectorInfos.append(SelectorInfo(signal: selector.signal, intervalsStart: start, intervalsCount: selector.nodes.count))
                }
                nodeInfos.append(
                    NodeInfo(
                        allFit: node.signals.allSatisfy { plan.signals[$0].fits }, signalBase: signalBase, membersStart: membersStart,
                        membersCount: node.signals.count,
                        selectorsStart: selectorsStart, selectorsCount: node.selectors.count))
            }
        }
        func copy<T>(_ array: [T]) -> UnsafeMutableBufferPointer<T> {
            let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: max(1, array.count))
            _ = buffer.initialize(from: array)
            return UnsafeMutableBufferPointer(rebasing: buffer[0..<array.count])
        }
        messages = copy(messageInfos)
        signals = copy(signalPlans)
        hot = copy(signalPlans.map(HotSignal.init))
        nodes = copy(nodeInfos)
        members = copy(memberList)
        selectors = copy(selectorInfos)
        intervals = copy(intervalList)
        var standardTable = [Int32](repeating: 0, count: 0x800)
        var extendedTable: [UInt32: Int] = [:]
        var byValue: [UInt32: Int] = [:]
        for (index, message) in messageList.enumerated() {
            if message.id.isExtended { extendedTable[message.id.value] = index } else { standardTable[Int(message.id.value)] = Int32(index + 1) }
            byValue[message.id.value] = index
        }
        standard = copy(standardTable)
        extended = extendedTable
        extendedByValue = byValue
    }

    deinit {
        for buffer in [
            UnsafeMutableRawPointer(messages.baseAddress), UnsafeMutableRawPointer(signals.baseAddress), UnsafeMutableRawPointer(hot.baseAddress),
            UnsafeMutableRawPointer(nodes.baseAddress), UnsafeMutableRawPointer(members.baseAddress),
            UnsafeMutableRawPointer(selectors.baseAddress), UnsafeMutableRawPointer(intervals.baseAddress),
            UnsafeMutableRawPointer(standard.baseAddress),
        ] {
            buffer?.deallocate()
        }
    }

    @inline(__always)
    func lookup(_ id: CANIdentifier) -> Int? {
        if !id.isExtended {
            let entry = standard[Int(id.value)]
            if entry != 0 { return Int(entry) - 1 }
        } else if let index = extended[id.value] {
            return index
        }
        return extendedByValue[id.value]
    }

    /// Decodes one node and the branches its multiplexors select. `payload` holds 64 readable bytes.
    func decodeNode(
        _ nodeIndex: Int, payload: UnsafeRawBufferPointer, physical: UnsafeMutablePointer<Double>,
        raw: UnsafeMutablePointer<UInt64>, present: UnsafeMutablePointer<Bool>
    ) -> NodeFailure? {
        let node = nodes[nodeIndex]
        let base = node.signalBase
        if !node.allFit {
            for position in node.membersStart..<(node.membersStart + node.membersCount) where !signals[base + Int(members[position])].fits {
                return NodeFailure(signal: Int(members[position]), reason: .outside)
            }
        }
        for position in node.membersStart..<(node.membersStart &+ node.membersCount) {
            let local = Int(members[position])
            let signal = hot[base &+ local]
            let bits = signal.flags & 16 == 0 ? signal.bits(payload) : signals[base &+ local].extract(payload)
            raw[local] = bits
            physical[local] = signal.physical(bits)
            present[local] = true
        }
        for position in node.selectorsStart..<(node.selectorsStart + node.selectorsCount) {
            let selector = selectors[position]
            let number = physical[selector.signal]
            guard number.isFinite, number > -9.2e18, number < 9.2e18 else { return NodeFailure(signal: selector.signal, reason: .invalid) }
            let value = Int64(number.rounded(.towardZero))
            var low = selector.intervalsStart
            var high = selector.intervalsStart + selector.intervalsCount - 1
            var child = -1
            while low <= high {
                let middle = (low + high) / 2
                let interval = intervals[middle]
                if value < interval.lower {
                    high = middle - 1
                } else if value > interval.upper {
                    low = middle + 1
                } else {
                    child = interval.node
                    break
                }
            }
            guard child >= 0 else { return NodeFailure(signal: selector.signal, reason: .undefined(value)) }
            if let failure = decodeNode(child, payload: payload, physical: physical, raw: raw, present: present) { return failure }
        }
        return nil
    }
}
