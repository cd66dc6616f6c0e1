import Glibc
import JSON
import Logging
import Testing

@testable import Systemd

@Suite("the journald handler against a real systemd-journald", .serialized)
struct JournalTests {
    @Test("fields arrive as journald stores them: MESSAGE, PRIORITY, CODE_*, SYSLOG_IDENTIFIER, mapped metadata")
    func fields() throws {
        let journald = try JournaldFixture()
        let identifier = "systemd-tests-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        var logger = Logger(label: "ingest") { label in
            JournalLogHandler(label: label, identifier: identifier, journal: try! Journal.open())
        }
        logger.logLevel = .debug
        logger[metadataKey: "genius.session"] = "session-7"
        logger.error(
            "CAN bus off",
            metadata: GeniusMessageID.busOff.metadata.merging(
                ["can.interface": "can0", "can.id": "0x1A0", "vss.path": "Vehicle.Speed", "weird key!": "kept"]
            ) { first, _ in first }
        )
        logger.debug("second line\nwith a newline", metadata: ["genius.agent": "car-genius", "genius.intent": "range"])
        let entries = try journald.entries(identifier: identifier, atLeast: 2)
        try #require(entries.count == 2)
        let first = entries[0]
        #expect(first["MESSAGE"]?.string == "CAN bus off")
        #expect(first["PRIORITY"]?.string == "3")
        #expect(first["SYSLOG_IDENTIFIER"]?.string == identifier)
        #expect(first["LOGGER"]?.string == "ingest")
        #expect(first["CODE_FILE"]?.string?.hasSuffix("JournalTests.swift") == true)
        #expect(first["CODE_FUNC"]?.string == "fields()")
        #expect(Int(first["CODE_LINE"]?.string ?? "") ?? 0 > 0)
        #expect(first["MESSAGE_ID"]?.string == GeniusMessageID.busOff.id)
        #expect(first["CAN_INTERFACE"]?.string == "can0")
        #expect(first["CAN_ID"]?.string == "0x1A0")
        #expect(first["VSS_PATH"]?.string == "Vehicle.Speed")
        #expect(first["WEIRD_KEY"]?.string == "kept")
        #expect(first["GENIUS_SESSION"]?.string == "session-7")
        #expect(first["_PID"]?.string == String(getpid()))
        #expect(first["_TRANSPORT"]?.string == "journal")
        let second = entries[1]
        #expect(second["MESSAGE"]?.string == "second line\nwith a newline")
        #expect(second["PRIORITY"]?.string == "7")
        #expect(second["GENIUS_AGENT"]?.string == "car-genius")
        #expect(second["GENIUS_INTENT"]?.string == "range")
    }

    @Test("journalctl MESSAGE_ID= selects the catalogued event")
    func selectByMessageID() throws {
        let journald = try JournaldFixture()
        let identifier = "systemd-tests-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let journal = try Journal.open()
        try journal.send([("MESSAGE", "client refused"), ("SYSLOG_IDENTIFIER", identifier), ("MESSAGE_ID", GeniusMessageID.clientRefused.id)])
        try journal.send([("MESSAGE", "something else"), ("SYSLOG_IDENTIFIER", identifier)])
        _ = try journald.entries(identifier: identifier, atLeast: 2)
        let (status, output) = try run([
            "/usr/bin/journalctl", "--no-pager", "-o", "cat", "-t", identifier, "MESSAGE_ID=\(GeniusMessageID.clientRefused.id)",
        ])
        #expect(status == 0)
        #expect(output == "client refused\n")
    }
}
