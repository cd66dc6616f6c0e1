import CANBus
import GeniusTestSupport
import Testing

@testable import DBC

@Suite("DBC parser")
struct DBCParserTests {
    let database: DBCDatabase

    init() throws {
        database = try DBCParser.parse(text: try DBCFixtures.vehicle, file: "vehicle.dbc")
    }

    @Test("reads version, nodes, value tables and the network's attributes")
    func header() {
        #expect(database.version == "1.2")
        #expect(database.nodes == ["Gateway", "Cluster"])
        #expect(database.valueTables["OnOff"] == [DBCChoice(value: 0, name: "Off"), DBCChoice(value: 1, name: "On")])
        #expect(database.busType == "CAN FD")
        #expect(database.comment == "The demo network.")
        #expect(database.nodeComments["Gateway"] == "Central gateway")
        #expect(database.environmentVariables == ["EnvSpeed"])
        #expect(database.warnings.isEmpty, "unexpected warnings: \(database.warnings)")
    }

    @Test("reads messages: identifiers, lengths, senders, cycle times, CAN FD, comments, groups")
    func messages() throws {
        #expect(database.messages.map(\.name) == ["Powertrain", "Diagnostics", "Location", "Extended"])
        let powertrain = try #require(database.message(named: "Powertrain"))
        #expect(powertrain.id == CANIdentifier(standard: 0x100))
        #expect(powertrain.length == 8)
        #expect(powertrain.senders == ["Gateway", "Cluster"])
        #expect(powertrain.cycleTime == 100)
        #expect(powertrain.comment == "Powertrain status")
        #expect(powertrain.signalGroups == [DBCSignalGroup(name: "Battery", repetitions: 1, signalNames: ["StateOfCharge", "BatteryTemp"])])
        let diagnostics = try #require(database.message(named: "Diagnostics"))
        #expect(diagnostics.id == CANIdentifier(extended: 0x200))
        #expect(diagnostics.cycleTime == nil)
        let location = try #require(database.message(named: "Location"))
        #expect(location.isFD)
        #expect(location.length == 24)
        #expect(!powertrain.isFD)
    }

    @Test("reads signals: layout, scaling, range, unit, receivers, choices, value types, start values")
    func signals() throws {
        let powertrain = try #require(database.message(named: "Powertrain"))
        let soc = try #require(powertrain.signal(named: "StateOfCharge"))
        #expect((soc.startBit, soc.length, soc.byteOrder, soc.isSigned) == (0, 10, .littleEndian, false))
        #expect((soc.factor, soc.offset, soc.minimum, soc.maximum, soc.unit) == (0.1, 0, 0, 100, "%"))
        #expect(soc.comment == "Displayed state of charge")
        #expect(soc.receivers == ["Cluster"])
        let temperature = try #require(powertrain.signal(named: "BatteryTemp"))
        #expect(temperature.isSigned)
        #expect(temperature.receivers == ["Cluster", "Gateway"])
        #expect(temperature.choices == [DBCChoice(value: -1, name: "SNA")])
        #expect(temperature.initialRawValue == 60)
        let range = try #require(powertrain.signal(named: "Range"))
        #expect(range.byteOrder == .bigEndian)
        let power = try #require(powertrain.signal(named: "Power"))
        #expect(power.minimum == -83886080)
        let location = try #require(database.message(named: "Location"))
        #expect(location.signals.map(\.valueType) == [.float, .float, .float])
        let unbounded = try #require(location.signal(named: "Latitude"))
        #expect(unbounded.minimum == nil && unbounded.maximum == nil)
    }

    @Test("resolves simple multiplexing from M and mN markers")
    func simpleMultiplexing() throws {
        let diagnostics = try #require(database.message(named: "Diagnostics"))
        let mode = try #require(diagnostics.signal(named: "Mode"))
        #expect(mode.isMultiplexer)
        #expect(mode.multiplexerSignal == nil)
        let faults = try #require(diagnostics.signal(named: "FaultCount"))
        #expect(faults.multiplexerSignal == "Mode")
        #expect(faults.multiplexerValues == [2...2])
    }

    @Test("resolves extended multiplexing from SG_MUL_VAL_")
    func extendedMultiplexing() throws {
        let message = try #require(database.message(named: "Extended"))
        let subPage = try #require(message.signal(named: "SubPage"))
        #expect(subPage.isMultiplexer)
        #expect(subPage.multiplexerSignal == "Page")
        #expect(subPage.multiplexerValues == [1...1])
        let deep = try #require(message.signal(named: "Deep"))
        #expect(deep.multiplexerSignal == "SubPage")
        #expect(deep.multiplexerValues == [0...0, 3...5])
        #expect(message.signal(named: "Other")?.multiplexerSignal == nil)
    }

    @Test("keeps unknown attributes as data")
    func attributes() throws {
        let text = #"""
            BU_: A
            BO_ 1 M: 8 A
             SG_ S : 0|8@1+ (1,0) [0|0] "" A
            BA_DEF_ BO_ "GenMsgSendType" ENUM "Cyclic","Event";
            BA_DEF_ SG_ "SPN" INT 0 524287;
            BA_DEF_ BU_ "NodeLayer" HEX 0 255;
            BA_DEF_ "DBName" STRING ;
            BA_ "GenMsgSendType" BO_ 1 1;
            BA_ "SPN" SG_ 1 S 190;
            BA_ "NodeLayer" BU_ A 3;
            BA_ "DBName" "Body";
            """#
        let database = try DBCParser.parse(text: text)
        let message = try #require(database.messages.first)
        #expect(message.attributes["GenMsgSendType"] == .integer(1))
        #expect(database.attributeDefinitions["GenMsgSendType"]?.enumerationName(.integer(1)) == "Event")
        #expect(message.signals[0].attributes["SPN"] == .integer(190))
        #expect(database.nodeAttributes["A"]?["NodeLayer"] == .integer(3))
        #expect(database.attributes["DBName"] == .string("Body"))
    }

    @Test("reads Windows-1252 files as CANdb++ writes them")
    func windows1252() throws {
        var bytes = Array("BO_ 1 M: 8 A\n SG_ T : 0|8@1+ (1,0) [0|0] \"".utf8)
        bytes.append(0xB0)  // ° in Windows-1252
        bytes += Array("C\" A\nCM_ SG_ 1 T \"Temp".utf8)
        bytes.append(0xE9)  // é
        bytes += Array("rature\";\n".utf8)
        let database = try DBCParser.parse(bytes: bytes, file: "cp1252.dbc")
        #expect(database.messages[0].signals[0].unit == "°C")
        #expect(database.messages[0].signals[0].comment == "Température")
    }

    @Test("is lenient where real files are sloppy, and says so in warnings")
    func lenient() throws {
        let text = #"""
            BO_ 275972096 GM_Door: 8 XXX
             SG_ 2017_Name : 0|8@1+ (1,0) [0|0] "" XXX YYY
             SG_ Plain m : 8|8@1+ (1,0) [0|0] "" XXX
            CM_ 145 "a comment with no object";
            VAL_ 99 Ghost 1 "x" ;
            BA_ "Weird" BO_ 1 ;
            """#
        let database = try DBCParser.parse(text: text, file: "sloppy.dbc")
        let message = try #require(database.messages.first)
        #expect(message.id == CANIdentifier(extended: 275_972_096))
        #expect(message.signals.map(\.name) == ["2017_Name", "Plain"])
        #expect(message.signals[0].receivers == ["XXX", "YYY"])
        #expect(message.signals[1].multiplexerSignal == nil)
        let warnings = database.warnings.map(\.description)
        #expect(warnings.contains { $0.hasPrefix("sloppy.dbc:1: warning:") && $0.contains("read as extended") })
        #expect(warnings.contains { $0.hasPrefix("sloppy.dbc:4: warning: statement skipped") })
        #expect(warnings.contains { $0.hasPrefix("sloppy.dbc:5: warning: VAL_ for unknown signal Ghost") })
        #expect(warnings.contains { $0.hasPrefix("sloppy.dbc:6: warning: statement skipped") })
        #expect(throws: DBCError.self) { try DBCParser.parse(text: text, file: "sloppy.dbc", options: .init(strict: true)) }
    }

    @Test("reads a file whose NS_ list is not followed by BS_ (the Kona's pcan.dbc), with a warning")
    func missingBitTiming() throws {
        let header = "VERSION \"\"\n\nNS_ :\n  NS_DESC_\n  CM_\n\n"
        let body = "BO_ 127 UNK_07F: 8 XXX\n\nBO_ 1488 Odometer: 8 IGPM\n SG_ Odometer : 0|24@1+ (0.1,0) [0|800000] \"km\" XXX\n"
        let database = try DBCParser.parse(text: header + body, file: "pcan.dbc")
        #expect(database.messages.map(\.name) == ["UNK_07F", "Odometer"])
        #expect(database.messages[1].signals.map(\.name) == ["Odometer"])
        #expect(
            database.warnings.map(\.description) == [
                "pcan.dbc:3: warning: NS_ is not followed by a BS_: line (cantools rejects such a file); read on from BO_"
            ])
        // With the BS_ line, as cantools wants it, the same file reads without a warning.
        let fixed = try DBCParser.parse(text: header + "BS_:\n\n" + body, file: "pcan.dbc")
        #expect(fixed.messages.count == 2)
        #expect(fixed.warnings.isEmpty)
    }

    @Test("warns about overlapping signals and signals past the message end")
    func layoutWarnings() throws {
        let text = #"""
            BO_ 1 M: 2 A
             SG_ A : 0|8@1+ (1,0) [0|0] "" X
             SG_ B : 4|8@1+ (1,0) [0|0] "" X
             SG_ C : 15|16@0+ (1,0) [0|0] "" X
            """#
        let warnings = try DBCParser.parse(text: text, file: "layout.dbc").warnings.map(\.description)
        #expect(warnings.contains("layout.dbc:3: warning: signal M.B overlaps another signal"))
        #expect(warnings.contains("layout.dbc:4: warning: signal M.C reaches past the message's 2 bytes"))
    }

    struct BrokenCase: Sendable, CustomStringConvertible {
        var text: String
        var line: Int
        var column: Int
        var expected: String
        var description: String { "\(line):\(column) expected \(expected)" }
    }

    static let brokenCases: [BrokenCase] = [
        BrokenCase(
            text: "BO_ 1 M: 8 A\n SG_ S : 0|8@2+ (1,0) [0|0] \"\" A\n", line: 2, column: 14, expected: "the byte order, 0 (Motorola) or 1 (Intel)"),
        BrokenCase(text: "BO_ 1 M: 8 A\n SG_ S : 0|8@1* (1,0) [0|0] \"\" A\n", line: 2, column: 15, expected: "'+' (unsigned) or '-' (signed)"),
        BrokenCase(text: "BO_ 1 M: 8 A\n SG_ S : 0|8@1+ (1;0) [0|0] \"\" A\n", line: 2, column: 19, expected: "','"),
        BrokenCase(text: "BO_ 1 M: 8 A\n SG_ S : 0|8@1+ (1,0) [0|0] \"unit A\n", line: 2, column: 29, expected: "a closing '\"' for this string"),
        BrokenCase(text: "BO_ 1 M 8 A\n", line: 1, column: 9, expected: "':'"),
        BrokenCase(text: "BO_ x M: 8 A\n", line: 1, column: 5, expected: "a message identifier"),
        BrokenCase(
            text: "VERSION \"\"\n\nBO_ 1 M: 8 A\n SG_ S X : 0|8@1+ (1,0) [0|0] \"\" A\n", line: 4, column: 8,
            expected: "':' or a multiplexer marker (M, m<value>, m<value>M)"),
        BrokenCase(text: "BO_ 1 M: 8 A\n SG_ S : 0|8@1+ (1,0) [a|0] \"\" A\n", line: 2, column: 24, expected: "a number"),
        BrokenCase(text: "§", line: 1, column: 1, expected: "a DBC keyword (BO_, SG_, CM_, ...)"),
        BrokenCase(text: "BU_: A\nFANCY_NEW_THING_ 1 2 3;\n", line: 2, column: 1, expected: "a DBC keyword (BO_, SG_, CM_, ...)"),
    ]

    @Test("a broken file gives an error naming file, line, column and what was expected", arguments: brokenCases)
    func brokenFile(_ broken: BrokenCase) {
        #expect {
            try DBCParser.parse(text: broken.text, file: "broken.dbc")
        } throws: { error in
            guard let error = error as? DBCError, case .syntax(let expected, _) = error.kind else { return false }
            return error.file == "broken.dbc" && error.line == broken.line && error.column == broken.column && expected == broken.expected
        }
    }

    @Test("error messages read like a compiler's")
    func errorDescription() {
        let error = DBCError(file: "car.dbc", line: 12, column: 7, kind: .syntax(expected: "':'", found: "'8'"))
        #expect(error.description == "car.dbc:12:7: error: expected ':', found '8'")
        let invalid = DBCError(file: "car.dbc", line: 3, column: 20, kind: .invalid("signal S has length 65; it must be 1 to 64 bits"))
        #expect(invalid.description == "car.dbc:3:20: error: signal S has length 65; it must be 1 to 64 bits")
    }

    @Test("impossible signals are errors, not guesses")
    func invalidSignal() {
        #expect(throws: DBCError.self) { try DBCParser.parse(text: "BO_ 1 M: 8 A\n SG_ S : 0|65@1+ (1,0) [0|0] \"\" A\n") }
        #expect(throws: DBCError.self) { try DBCParser.parse(text: "BO_ 1 M: 65 A\n") }
    }

    @Test("a missing file is an error naming the file")
    func missingFile() {
        #expect {
            try DBCParser.load(path: "/nonexistent/car.dbc")
        } throws: { error in
            guard let error = error as? DBCError, case .unreadable = error.kind else { return false }
            return error.description.hasPrefix("/nonexistent/car.dbc: error: cannot read the file")
        }
    }
}
