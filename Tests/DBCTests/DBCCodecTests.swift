import CANBus
import GeniusTestSupport
import Testing

@testable import DBC

@Suite("DBC codec")
struct DBCCodecTests {
    let codec: DBCCodec

    init() throws {
        codec = DBCCodec(try DBCParser.parse(text: try DBCFixtures.vehicle, file: "vehicle.dbc"))
    }

    func frame(_ id: CANIdentifier, _ bytes: [UInt8], kind: CANFrameKind = .classic) -> CANFrame {
        CANFrame(id: id, kind: kind, data: CANPayload(bytes)!)
    }

    func values(_ decoded: DBCDecodedSignals, _ message: DBCMessage) -> [String: Double] {
        var out: [String: Double] = [:]
        for index in 0..<decoded.count where decoded.present[index] { out[message.signals[index].name] = decoded.physical[index] }
        return out
    }

    @Test("decodes Intel, Motorola, signed and scaled signals as cantools does")
    func decodeScalars() throws {
        var buffer = codec.makeBuffer()
        let index = try #require(
            try codec.decode(frame(CANIdentifier(standard: 0x100)!, [0xA5, 0x02, 0xE2, 0x01, 0x2C, 0x10, 0x00, 0x80]), into: &buffer))
        let got = values(buffer, codec.database.messages[index])
        // Reference values from cantools 45.1.0 decode_message(scaling=True, decode_choices=False).
        #expect(got["StateOfCharge"] == 67.7)
        #expect(got["BatteryTemp"] == -70)
        #expect(got["Range"] == 300)
        #expect(got["Power"] == -83_885_920)
        #expect(buffer.signedRaw(1) == -30)
    }

    @Test("decodes only the selected multiplexer branch, through nested multiplexors")
    func decodeMultiplexed() throws {
        var buffer = codec.makeBuffer()
        let diagnostics = CANIdentifier(extended: 0x200)!
        let index = try #require(try codec.decode(frame(diagnostics, [2, 5, 0xFE, 0xFF, 0xFF, 0xFF, 0, 0]), into: &buffer))
        #expect(values(buffer, codec.database.messages[index]) == ["Mode": 2, "FaultCount": 5, "Temperature": -2])
        // 3 names a VAL_ entry but selects no signals: valid, as in cantools.
        _ = try codec.decode(frame(diagnostics, [3, 5, 0xFE, 0xFF, 0xFF, 0xFF, 0, 0]), into: &buffer)
        #expect(values(buffer, codec.database.messages[index]) == ["Mode": 3])
        let extended = try #require(codec.messageIndex(for: CANIdentifier(standard: 0x400)!))
        _ = try codec.decode(frame(CANIdentifier(standard: 0x400)!, [0x31, 0x07, 0, 0, 0, 0, 0, 9]), into: &buffer)
        #expect(values(buffer, codec.database.messages[extended]) == ["Page": 1, "SubPage": 3, "Deep": 7, "Other": 9])
        // Page 2 selects nothing the DBC defines: an error, as cantools reports it.
        #expect(throws: DBCDecodeError.undefinedMultiplexerValue(signal: "Page", value: 2)) {
            try codec.decode(frame(CANIdentifier(standard: 0x400)!, [0x02, 0x07, 0, 0, 0, 0, 0, 9]), into: &buffer)
        }
    }

    @Test("rejects an undefined multiplexer value and a short frame, ignores excess bytes")
    func decodeErrors() throws {
        var buffer = codec.makeBuffer()
        #expect(throws: DBCDecodeError.undefinedMultiplexerValue(signal: "Mode", value: 7)) {
            try codec.decode(frame(CANIdentifier(extended: 0x200)!, [7, 0, 0, 0, 0, 0, 0, 0]), into: &buffer)
        }
        #expect(throws: DBCDecodeError.undefinedMultiplexerValue(signal: "SubPage", value: 2)) {
            try codec.decode(frame(CANIdentifier(standard: 0x400)!, [0x21, 0, 0, 0, 0, 0, 0, 0]), into: &buffer)
        }
        #expect(throws: DBCDecodeError.frameTooShort(expected: 8, actual: 7)) {
            try codec.decode(frame(CANIdentifier(standard: 0x100)!, [0, 0, 0, 0, 0, 0, 0]), into: &buffer)
        }
        let long = CANFrame(
            id: CANIdentifier(standard: 0x100)!, kind: .fd([]), data: CANPayload([0xA5, 0x02, 0xE2, 0x01, 0x2C, 0x10, 0x00, 0x80, 1, 2, 3, 4])!)
        #expect(try codec.decode(long, into: &buffer) != nil)
        #expect(buffer.physical[0] == 67.7)
        #expect(try codec.decode(frame(CANIdentifier(standard: 0x7FF)!, []), into: &buffer) == nil)
    }

    @Test("decodes IEEE float and double signals")
    func decodeFloats() throws {
        var bytes = [UInt8](repeating: 0, count: 24)
        withUnsafeBytes(of: (48.137154).bitPattern.littleEndian) { for (i, b) in $0.enumerated() { bytes[i] = b } }
        withUnsafeBytes(of: (11.576124).bitPattern.littleEndian) { for (i, b) in $0.enumerated() { bytes[8 + i] = b } }
        withUnsafeBytes(of: Float(271.5).bitPattern.littleEndian) { for (i, b) in $0.enumerated() { bytes[16 + i] = b } }
        var buffer = codec.makeBuffer()
        let index = try #require(try codec.decode(frame(CANIdentifier(standard: 0x300)!, bytes, kind: .fd([.bitRateSwitch])), into: &buffer))
        #expect(values(buffer, codec.database.messages[index]) == ["Latitude": 48.137154, "Longitude": 11.576124, "Heading": 271.5])
    }

    struct SignalKind: Sendable, CustomStringConvertible {
        var byteOrder: DBCByteOrder
        var signed: Bool
        var float: Bool
        var length: Int
        var start: Int
        var factor: Double
        var offset: Double
        var description: String {
            "\(byteOrder == .littleEndian ? "Intel" : "Motorola") \(float ? "float" : signed ? "signed" : "unsigned") \(length) bits at \(start) ×\(factor)+\(offset)"
        }
    }

    /// Every combination of byte order, signedness and length at awkward start bits, plus floats.
    static let kinds: [SignalKind] = {
        var kinds: [SignalKind] = []
        for order in [DBCByteOrder.littleEndian, .bigEndian] {
            for signed in [false, true] {
                for length in [1, 3, 7, 8, 9, 12, 16, 17, 24, 31, 32, 33, 48, 57, 63, 64] {
                    for start in [0, 3, 7, 13] {
                        // Motorola start bits name the most significant bit; keep the signal inside 64 bytes.
                        kinds.append(
                            SignalKind(
                                byteOrder: order, signed: signed, float: false, length: length, start: order == .bigEndian ? start + 8 : start,
                                factor: length > 52 ? 1 : 0.25, offset: signed ? -5 : 10))
                    }
                }
            }
            kinds.append(
                SignalKind(byteOrder: order, signed: true, float: true, length: 32, start: order == .bigEndian ? 7 : 0, factor: 1, offset: 0))
            kinds.append(
                SignalKind(byteOrder: order, signed: true, float: true, length: 64, start: order == .bigEndian ? 15 : 5, factor: 1, offset: 0))
        }
        return kinds
    }()

    @Test("encode then decode gives the value back within the signal's resolution", arguments: kinds)
    func roundTrip(_ kind: SignalKind) throws {
        let order = kind.byteOrder == .littleEndian ? "1" : "0"
        let sign = kind.signed ? "-" : "+"
        var text = "BO_ 1 M: 24 A\n SG_ S : \(kind.start)|\(kind.length)@\(order)\(sign) (\(kind.factor),\(kind.offset)) [0|0] \"\" A\n"
        if kind.float { text += "SIG_VALTYPE_ 1 S : \(kind.length == 32 ? 1 : 2);\n" }
        let codec = DBCCodec(try DBCParser.parse(text: text))
        let signal = codec.database.messages[0].signals[0]
        #expect(codec.database.warnings.isEmpty)
        var generator = SeededGenerator(seed: UInt64(kind.length * 1000 + kind.start))
        var buffer = codec.makeBuffer()
        for _ in 0..<50 {
            let value: Double
            if kind.float {
                value = Double(Float.random(in: -1e6...1e6, using: &generator))
            } else {
                let range = signal.rawRange
                let raw = (Double.random(in: 0...1, using: &generator) * (range.upperBound - range.lowerBound) + range.lowerBound).rounded()
                value = raw * kind.factor + kind.offset
            }
            let encoded = codec.encode(message: 0, value: { _ in value })
            #expect(encoded.clamped.isEmpty)
            try encoded.payload.withUnsafeBytes { try codec.decode($0, message: 0, into: &buffer) }
            #expect(buffer.present[0])
            // Raw values above 2^53 cannot be exact in a Double: compare relatively there.
            #expect(abs(buffer.physical[0] - value) <= max(kind.factor / 2, abs(value) * 1e-15), "\(value) came back as \(buffer.physical[0])")
            // Bits outside the signal stay zero.
            var others = encoded.payload
            DBCLayout.forEachBit(of: signal) { position in others[position / 8] &= ~(1 << UInt8(position % 8)) }
            #expect(others.allSatisfy { $0 == 0 })
        }
    }

    @Test("encoding rounds to the nearest raw value and reports clamping")
    func encodeClamping() throws {
        let index = try #require(codec.messageIndex(for: CANIdentifier(standard: 0x100)!))
        let soc = 0
        let rounded = codec.encode(message: index, value: { $0 == soc ? 42.06 : nil })
        var buffer = codec.makeBuffer()
        try rounded.payload.withUnsafeBytes { try codec.decode($0, message: index, into: &buffer) }
        #expect(abs(buffer.physical[soc] - 42.1) < 1e-9)
        #expect(rounded.clamped.isEmpty)
        let clamped = codec.encode(message: index, value: { $0 == soc ? 180 : nil })
        #expect(clamped.clamped == [soc])
        try clamped.payload.withUnsafeBytes { try codec.decode($0, message: index, into: &buffer) }
        #expect(buffer.physical[soc] == 100)
        // Unset signals take GenSigStartValue (BatteryTemp: raw 60 → 20 °C).
        #expect(buffer.physical[1] == 20)
    }

    @Test("encodes the multiplexer branch the values select")
    func encodeMultiplexed() throws {
        let index = try #require(codec.messageIndex(for: CANIdentifier(extended: 0x200)!))
        let message = codec.database.messages[index]
        let wanted: [String: Double] = ["Mode": 1, "Odometer": 123_456.7]
        let encoded = codec.encode(message: index, value: { wanted[message.signals[$0].name] })
        var buffer = codec.makeBuffer()
        try encoded.payload.withUnsafeBytes { try codec.decode($0, message: index, into: &buffer) }
        #expect(values(buffer, message).mapValues { ($0 * 10).rounded() / 10 } == wanted)
    }

    /// Found by the DBC fuzzer in CI: a multiplexor whose scaling (here its offset) makes its physical value
    /// larger than any Int64 trapped in `encode` (decoding already refused it as an invalid multiplexer value).
    @Test("a multiplexor value no integer holds selects no branch, in encoding as in decoding")
    func hugeMultiplexorValue() throws {
        let text = """
            BO_ 944 Tyres: 8 TPMS
             SG_ Index M : 0|2@1+ (1,1E19) [0|3] "" HU
             SG_ Pressure m0 : 8|8@1+ (2.5,0) [0|635] "kPa" HU
            """
        let codec = DBCCodec(try DBCParser.parse(text: text))
        let encoded = codec.encode(message: 0, value: { $0 == 0 ? 0 : 200 })
        #expect(encoded.payload.count == 8)
        var buffer = codec.makeBuffer()
        #expect(throws: DBCDecodeError.invalidMultiplexerValue(signal: "Index")) {
            try encoded.payload.withUnsafeBytes { try codec.decode($0, message: 0, into: &buffer) }
        }
    }

    @Test("looks up identifiers exactly first, then by number, and the last duplicate wins")
    func lookup() throws {
        let text = "BO_ 1 First: 8 A\nBO_ 1 Second: 8 A\nBO_ 2147483650 Ext: 8 A\n"
        let codec = DBCCodec(try DBCParser.parse(text: text))
        #expect(codec.messageIndex(for: CANIdentifier(standard: 1)!) == 1)
        #expect(codec.messageIndex(for: CANIdentifier(extended: 2)!) == 2)
        #expect(codec.messageIndex(for: CANIdentifier(standard: 2)!) == 2)
        #expect(codec.messageIndex(for: CANIdentifier(extended: 1)!) == 1)
        #expect(codec.messageIndex(for: CANIdentifier(standard: 3)!) == nil)
    }
}
