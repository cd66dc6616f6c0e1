import CANBus
import VSS

/// The compiled mapping in flat, reference-free tables for the per-frame path: no retain, release or
/// allocation while a frame is mapped. Built once by `VehicleMapping`; immutable afterwards.
final class IngestPlan: @unchecked Sendable {
    struct Message {
        var network: Int32
        var messageIndex: Int32
        var checksumByte: Int32  // -1: none
        var interface: Int32  // index into interfaceNames; -1: any interface
        var length: Int32
        var ruleStart: Int32
        var ruleCount: Int32
    }

    struct Rule {
        var slot: Int32
        var inputStart: Int32
        var inputCount: Int32
        var combine: MappingCombine
        var kind: UInt8  // 0 number, 1 threshold, 2 table, 3 math
        var datatype: VSSDataType
        var threshold: Double
        var tableStart: Int32
        var tableCount: Int32
        var postScale: Double
        var postShift: Double
        var muxStart: Int32
        var muxCount: Int32
        var math: Int32
    }

    struct Input {
        var signal: Int32
        var factor: Double
        var offset: Double
        var scale: Double
        var shift: Double
        var low: Double
        var high: Double
        var notAvailableStart: Int32
        var notAvailableCount: Int32
        var invalidStart: Int32
        var invalidCount: Int32
    }

    let messages: UnsafeMutableBufferPointer<Message>
    let rules: UnsafeMutableBufferPointer<Rule>
    let inputs: UnsafeMutableBufferPointer<Input>
    let specials: UnsafeMutableBufferPointer<Int64>
    let tableRaw: UnsafeMutableBufferPointer<Int64>
    let tableValue: UnsafeMutableBufferPointer<Int32>
    let muxSignal: UnsafeMutableBufferPointer<Int32>
    let muxValue: UnsafeMutableBufferPointer<Int64>
    /// Table values, indexed by `tableValue`.
    let values: [SignalValue]
    /// Table values as the store keeps them (strings as indices into `strings`), parallel to `tableRaw`.
    let tableStored: UnsafeMutableBufferPointer<SignalStore.StoredValue>
    /// The string values of all tables; the store's string table starts with them.
    let strings: [String]
    let maths: [MathExpression]
    /// The checksum algorithm per message (meaningful where `checksumByte >= 0`).
    let checksums: UnsafeMutableBufferPointer<ChecksumAlgorithm>
    let interfaceNames: [String]
    /// Message number by standard identifier (2048 entries, -1: not mapped); extended ones use `extended`.
    let standard: UnsafeMutableBufferPointer<Int32>
    let extended: [UInt32: Int32]

    /// The message number for a frame identifier, if mapped.
    @inline(__always)
    func message(for id: CANIdentifier) -> Int? {
        if !id.isExtended {
            let index = standard[Int(id.value & 0x7FF)]
            return index >= 0 ? Int(index) : nil
        }
        return extended[id.value].map(Int.init)
    }

    init(_ compiled: [CompiledMessage]) {
        var messages: [Message] = []
        var rules: [Rule] = []
        var inputs: [Input] = []
        var specials: [Int64] = []
        var tableRaw: [Int64] = []
        var tableValue: [Int32] = []
        var values: [SignalValue] = []
        var muxSignal: [Int32] = []
        var muxValue: [Int64] = []
        var maths: [MathExpression] = []
        var checksums: [ChecksumAlgorithm] = []
        var interfaceNames: [String] = []
        for message in compiled {
            var interface: Int32 = -1
            if let name = message.interface {
                if let index = interfaceNames.firstIndex(of: name) {
                    interface = Int32(index)
                } else {
                    interface = Int32(interfaceNames.count)
                    interfaceNames.append(name)
                }
            }
            messages.append(
                Message(
                    network: Int32(message.network), messageIndex: Int32(message.messageIndex),
                    checksumByte: Int32(message.checksum?.byte ?? -1), interface: interface, length: Int32(message.length),
                    ruleStart: Int32(rules.count), ruleCount: Int32(message.rules.count)))
            checksums.append(message.checksum?.algorithm ?? .sum8)
            for rule in message.rules {
                var flat = Rule(
                    slot: Int32(rule.slot), inputStart: Int32(inputs.count), inputCount: Int32(rule.inputs.count),
                    combine: rule.combine, kind: 0, datatype: .double, threshold: 0, tableStart: Int32(tableRaw.count),
                    tableCount: 0, postScale: rule.postScale, postShift: rule.postShift, muxStart: Int32(muxSignal.count),
                    muxCount: Int32(rule.multiplexer.count), math: -1)
                switch rule.output {
                case .number(let datatype):
                    flat.datatype = datatype
                case .threshold(let threshold):
                    flat.kind = 1
                    flat.threshold = threshold
                case .table(let entries):
                    flat.kind = 2
                    flat.tableCount = Int32(entries.count)
                    for entry in entries {
                        tableRaw.append(entry.raw)
                        tableValue.append(Int32(values.count))
                        values.append(entry.value)
                    }
                case .math(let expression, let datatype):
                    flat.kind = 3
                    flat.datatype = datatype
                    flat.math = Int32(maths.count)
                    maths.append(expression)
                }
                for condition in rule.multiplexer {
                    muxSignal.append(Int32(condition.signal))
                    muxValue.append(condition.value)
                }
                for input in rule.inputs {
                    let notAvailableStart = Int32(specials.count)
                    specials += input.notAvailable
                    let invalidStart = Int32(specials.count)
                    specials += input.invalid
                    inputs.append(
                        Input(
                            signal: Int32(input.signal), factor: input.factor, offset: input.offset, scale: input.scale,
                            shift: input.shift, low: input.range?.lowerBound ?? -.infinity, high: input.range?.upperBound ?? .infinity,
                            notAvailableStart: notAvailableStart, notAvailableCount: Int32(input.notAvailable.count),
                            invalidStart: invalidStart, invalidCount: Int32(input.invalid.count)))
                }
                rules.append(flat)
            }
        }
        func copy<T>(_ array: [T]) -> UnsafeMutableBufferPointer<T> {
            let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: max(1, array.count))
            _ = buffer.initialize(from: array)
            return UnsafeMutableBufferPointer(rebasing: buffer[0..<array.count])
        }
        self.messages = copy(messages)
        self.rules = copy(rules)
        self.inputs = copy(inputs)
        self.specials = copy(specials)
        self.tableRaw = copy(tableRaw)
        self.tableValue = copy(tableValue)
        self.muxSignal = copy(muxSignal)
        self.muxValue = copy(muxValue)
        self.values = values
        var strings: [String] = []
        var stored: [SignalStore.StoredValue] = []
        for index in tableValue {
            stored.append(SignalStore.StoredValue(values[Int(index)], strings: &strings))
        }
        self.tableStored = copy(stored)
        self.strings = strings
        self.maths = maths
        self.checksums = copy(checksums)
        self.interfaceNames = interfaceNames
        let table = UnsafeMutableBufferPointer<Int32>.allocate(capacity: 2048)
        table.initialize(repeating: -1)
        var extended: [UInt32: Int32] = [:]
        for (index, message) in compiled.enumerated() {
            if message.id.isExtended {
                extended[message.id.value] = Int32(index)
            } else {
                table[Int(message.id.value)] = Int32(index)
            }
        }
        self.standard = table
        self.extended = extended
    }

    deinit {
        for buffer in [
            UnsafeMutableRawPointer(messages.baseAddress), UnsafeMutableRawPointer(rules.baseAddress),
            UnsafeMutableRawPointer(inputs.baseAddress), UnsafeMutableRawPointer(specials.baseAddress),
            UnsafeMutableRawPointer(tableRaw.baseAddress), UnsafeMutableRawPointer(tableValue.baseAddress),
            UnsafeMutableRawPointer(muxSignal.baseAddress), UnsafeMutableRawPointer(muxValue.baseAddress),
            UnsafeMutableRawPointer(standard.baseAddress), UnsafeMutableRawPointer(tableStored.baseAddress),
            UnsafeMutableRawPointer(checksums.baseAddress),
        ] {
            buffer?.deallocate()
        }
    }
}
