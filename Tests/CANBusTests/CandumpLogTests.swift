import GeniusTestSupport
import Testing

@testable import CANBus

@Suite("candump -L format")
struct CandumpLogTests {
    struct LineCase: Sendable, CustomStringConvertible {
        var line: String
        var id: UInt32
        var extended: Bool
        var kind: CANFrameKind
        var bytes: [UInt8]
        var canonical: String
        var description: String { line }
    }

    static let lines: [LineCase] = [
        LineCase(
            line: "(1700000000.000137) vcan0 123#DEADBEEF", id: 0x123, extended: false, kind: .classic, bytes: [0xDE, 0xAD, 0xBE, 0xEF],
            canonical: "(1700000000.000137) vcan0 123#DEADBEEF"),
        LineCase(
            line: "(1700000000.000200)   can1    12345678#00", id: 0x1234_5678, extended: true, kind: .classic, bytes: [0],
            canonical: "(1700000000.000200) can1 12345678#00"),
        LineCase(
            line: "(1700000000.000300) vcan1 00000123#", id: 0x123, extended: true, kind: .classic, bytes: [],
            canonical: "(1700000000.000300) vcan1 00000123#"),
        LineCase(
            line: "(1700000000.000400) vcan1 7FF##1DEADBEEF00112233445566778899AABB", id: 0x7FF, extended: false, kind: .fd([.bitRateSwitch]),
            bytes: [0xDE, 0xAD, 0xBE, 0xEF, 0, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xAA, 0xBB],
            canonical: "(1700000000.000400) vcan1 7FF##1DEADBEEF00112233445566778899AABB"),
        LineCase(
            line: "(1700000000.000500) vcan0 123#R", id: 0x123, extended: false, kind: .remote, bytes: [],
            canonical: "(1700000000.000500) vcan0 123#R"),
        LineCase(
            line: "(1700000000.000600) vcan0 123#r4", id: 0x123, extended: false, kind: .remote, bytes: [],
            canonical: "(1700000000.000600) vcan0 123#R4"),
        LineCase(
            line: "(1700000000.000700) vcan0 20000004#0004000000000000", id: 4, extended: true, kind: .error, bytes: [0, 4, 0, 0, 0, 0, 0, 0],
            canonical: "(1700000000.000700) vcan0 20000004#0004000000000000"),
        LineCase(
            line: "(1700000000.000800) vcan0 123#de.ad.be.ef", id: 0x123, extended: false, kind: .classic, bytes: [0xDE, 0xAD, 0xBE, 0xEF],
            canonical: "(1700000000.000800) vcan0 123#DEADBEEF"),
        LineCase(
            line: "(1700000000.000900) vcan0 123#1122334455667788_C T", id: 0x123, extended: false, kind: .classic,
            bytes: [0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88], canonical: "(1700000000.000900) vcan0 123#1122334455667788"),
    ]

    @Test("parses every frame kind and formats it back as candump -L does", arguments: lines)
    func parse(_ testCase: LineCase) throws {
        let frame = try #require(try CandumpLog.parse(line: testCase.line))
        #expect(frame.id.value == testCase.id)
        #expect(frame.id.isExtended == testCase.extended)
        #expect(frame.kind == testCase.kind)
        #expect(Array(frame.data) == testCase.bytes)
        #expect(CandumpLog.format(frame) == testCase.canonical)
    }

    @Test("keeps the timestamp exactly, to the microsecond")
    func timestamp() throws {
        let frame = try #require(try CandumpLog.parse(line: "(1700000000.000137) vcan0 123#"))
        #expect(frame.timestamp.nanoseconds == 1_700_000_000_000_137_000)
        #expect(frame.interface == "vcan0")
        #expect(CANTimestamp(nanoseconds: 1_700_000_000_000_000_001).decimalString == "1700000000.000000001")
        // Logs carry microseconds, as candump writes them.
        let fine = CANFrame(
            id: CANIdentifier(standard: 1)!, data: CANPayload(), timestamp: CANTimestamp(nanoseconds: 1_700_000_000_123_456_789), interface: "vcan0")
        #expect(CandumpLog.format(fine) == "(1700000000.123456) vcan0 001#")
    }

    @Test("blank lines and comments are not frames")
    func notFrames() throws {
        #expect(try CandumpLog.parse(line: "") == nil)
        #expect(try CandumpLog.parse(line: "   ") == nil)
        #expect(try CandumpLog.parse(line: "# recorded on the test bench") == nil)
    }

    static let broken: [(String, Int, String)] = [
        ("1700000000.000137 vcan0 123#00", 1, "expected '(' opening the timestamp"),
        ("(1700000000.000137 vcan0 123#00", 19, "expected ')' closing the timestamp"),
        ("(1700000000.000137) vcan0 1234#00", 27, "identifier must have 3 hex digits (standard) or 8 (extended), not 4"),
        ("(1700000000.000137) vcan0 800#00", 27, "standard identifier above 7FF"),
        ("(1700000000.000137) vcan0 123#0", 31, "odd number of hex digits in the payload"),
        ("(1700000000.000137) vcan0 123#0011223344556677889", 47, "payload longer than 8 bytes"),
        ("(1700000000.000137) vcan0 123##1001122334455667788", 51, "9 bytes is not a valid CAN FD length"),
        ("(1700000000.000137) vcan0 123#zz", 31, "expected a hex digit in the payload"),
        ("(1700000000.000137) vcan0", 26, "expected a frame after the interface name"),
        ("(1700000000.000137) vcan0 123#00 extra words", 34, "unexpected text after the frame"),
        ("(1700000000.000137) averyveryverylongname0 123#00", 21, "interface name longer than 15 bytes"),
        // Found by the fuzzer: seconds that overflow nanoseconds.
        ("(21095404082\t\t\t\t4", 2, "timestamp beyond the year 2262"),
        ("(0) \r\n\u{80} 123#00", 6, "interface name has a byte that is not visible ASCII"),
    ]

    @Test("a broken line says what is wrong and at which column", arguments: broken)
    func brokenLine(_ line: String, _ column: Int, _ reason: String) {
        #expect(throws: CandumpLog.ParseError(column: column, reason: reason)) { try CandumpLog.parse(line: line) }
    }

    @Test("a replay skips malformed lines, keeps their numbers, and delivers the rest in order")
    func replay() async throws {
        let log = [
            "(1.000000) vcan0 100#01",
            "garbage",
            "(1.000100) vcan0 101#02",
            "",
            "(1.000200) vcan0 102#0",
            "(1.000300) vcan0 103#04",
        ]
        var source = ReplaySource(lines: log, batchSize: 2)
        var batch: [CANFrame] = []
        var ids: [UInt32] = []
        while try await source.receive(into: &batch) { ids += batch.map(\.id.value) }
        #expect(ids == [0x100, 0x101, 0x103])
        #expect(source.problems.map(\.line) == [2, 5])
        #expect(source.framesRead == 3)
    }

    @Test("a paced replay keeps the log's timing")
    func pacedReplay() async throws {
        let log = ["(10.000000) vcan0 100#01", "(10.050000) vcan0 101#02", "(10.100000) vcan0 102#03"]
        var source = ReplaySource(lines: log, speed: 2)
        var batch: [CANFrame] = []
        let clock = ContinuousClock()
        let start = clock.now
        var count = 0
        while try await source.receive(into: &batch) { count += batch.count }
        let elapsed = clock.now - start
        #expect(count == 3)
        // 100 ms of log at double speed: at least 50 ms (an upper bound would make the test timing-dependent).
        #expect(elapsed >= .milliseconds(49))
    }

    @Test("payloads hold up to 64 bytes inline and compare by content")
    func payload() {
        #expect(CANPayload([UInt8](repeating: 1, count: 65)) == nil)
        var payload = CANPayload([1, 2, 3])!
        payload.resize(to: 5)
        #expect(Array(payload) == [1, 2, 3, 0, 0])
        #expect(payload == CANPayload([1, 2, 3, 0, 0])!)
        #expect(payload.hexString == "0102030000")
        #expect(CANFDLength.padded(9) == 12)
        #expect(CANFDLength.padded(65) == nil)
    }

    @Test("interface names are kept inline up to Linux's 15 bytes")
    func interfaceNames() {
        #expect(CANInterfaceName(validating: "vcan0")?.description == "vcan0")
        #expect(CANInterfaceName(validating: "a-name-of-16byte") == nil)
        #expect(CANInterfaceName(truncating: "a-name-of-16byte").description == "a-name-of-16byt")
        var frame = CANFrame(id: CANIdentifier(standard: 1)!, data: CANPayload())
        frame.interface = "can1"
        #expect(frame.interface == "can1")
    }
}
