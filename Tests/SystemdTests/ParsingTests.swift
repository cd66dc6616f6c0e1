import Logging
import Testing

@testable import Systemd

@Suite("Environment parsing, field names, the rate limiter")
struct ParsingTests {
    @Test(
        "metadata keys become journal field names journald keeps",
        arguments: [
            ("can.interface", "CAN_INTERFACE"), ("can.id", "CAN_ID"), ("vss.path", "VSS_PATH"),
            ("genius.session", "GENIUS_SESSION"), ("genius.agent", "GENIUS_AGENT"), ("genius.intent", "GENIUS_INTENT"),
            ("message.id", "MESSAGE_ID"), ("Vehicle.Speed", "VEHICLE_SPEED"), ("frames/s", "FRAMES_S"),
            ("a..b__c", "A_B_C"), ("über-größe", "BER_GRE"), ("_private", "META_PRIVATE"), ("2fast", "META_2FAST"),
            ("!!!", "META"), ("message", "META_MESSAGE"), ("priority", "META_PRIORITY"), ("trailing.", "TRAILING"),
        ]
    )
    func fieldNames(key: String, expected: String) {
        let name = JournalFieldName.from(metadataKey: key)
        #expect(name == expected)
        #expect(JournalFieldName.isValid(name))
    }

    @Test("a long key is cut to 64 characters and stays valid")
    func longKey() {
        let name = JournalFieldName.from(metadataKey: String(repeating: "segment.", count: 20))
        #expect(name.utf8.count <= 64)
        #expect(JournalFieldName.isValid(name))
        #expect(name.hasPrefix("SEGMENT_SEGMENT"))
    }

    @Test("isValid rejects what journald drops", arguments: ["", "_PID", "1X", "lower", "A.B", String(repeating: "A", count: 65)])
    func invalidNames(name: String) {
        #expect(!JournalFieldName.isValid(name))
    }

    @Test("journal fields: priority from the level, code location, flattened metadata")
    func entryFields() {
        let fields = JournalLogHandler.fields(
            message: "bus off", level: .error,
            metadata: ["can.interface": "can0", "limits": ["max": "3", "min": "1"], "ids": [.string("0x1"), .string("0x2")]],
            identifier: "geniusd", label: "ingest", file: "Ingest.swift", function: "run()", line: 42
        )
        let byName = Dictionary(fields.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        #expect(byName["MESSAGE"] == "bus off")
        #expect(byName["PRIORITY"] == "3")
        #expect(byName["SYSLOG_IDENTIFIER"] == "geniusd")
        #expect(byName["CODE_FILE"] == "Ingest.swift")
        #expect(byName["CODE_LINE"] == "42")
        #expect(byName["CODE_FUNC"] == "run()")
        #expect(byName["CAN_INTERFACE"] == "can0")
        #expect(byName["LIMITS_MAX"] == "3")
        #expect(byName["LIMITS_MIN"] == "1")
        #expect(byName["IDS"] == "0x1,0x2")
        #expect(fields.allSatisfy { JournalFieldName.isValid($0.name) })
    }

    @Test(
        "syslog priorities",
        arguments: [
            (Logger.Level.trace, 7), (.debug, 7), (.info, 6), (.notice, 5), (.warning, 4), (.error, 3), (.critical, 2),
        ]
    )
    func priorities(level: Logger.Level, priority: Int) {
        #expect(level.syslogPriority == priority)
    }

    @Test("stderr lines: prefix, sorted metadata, no embedded newlines")
    func stderrLine() {
        let line = StderrLogHandler.line(
            message: "two\nlines", level: .warning, metadata: ["vss.path": "Vehicle.Speed", "can.id": "0x123"],
            identifier: "geniusd", priorityPrefix: true
        )
        #expect(line == "<4>geniusd: warning: two lines can.id=0x123 vss.path=Vehicle.Speed")
    }

    @Test("WATCHDOG_USEC and WATCHDOG_PID")
    func watchdog() throws {
        #expect(try WatchdogSettings.parse(microseconds: nil, pid: nil, ownPID: 10) == nil)
        #expect(try WatchdogSettings.parse(microseconds: "0", pid: nil, ownPID: 10) == nil)
        let settings = try #require(try WatchdogSettings.parse(microseconds: "3000000", pid: "10", ownPID: 10))
        #expect(settings.timeout == .seconds(3))
        #expect(settings.pingInterval == .milliseconds(1500))
        #expect(try WatchdogSettings.parse(microseconds: "3000000", pid: "11", ownPID: 10) == nil)
        #expect(try WatchdogSettings.parse(microseconds: "3000000", pid: nil, ownPID: 10)?.timeout == .seconds(3))
        #expect(throws: SystemdError.invalidEnvironment(variable: "WATCHDOG_USEC", value: "3s")) {
            try WatchdogSettings.parse(microseconds: "3s", pid: nil, ownPID: 10)
        }
        #expect(throws: SystemdError.invalidEnvironment(variable: "WATCHDOG_PID", value: "x")) {
            try WatchdogSettings.parse(microseconds: "1", pid: "x", ownPID: 10)
        }
    }

    @Test("LISTEN_PID, LISTEN_FDS and LISTEN_FDNAMES")
    func listenVariables() throws {
        #expect(try ListenFDs.parse(pid: nil, count: "1", names: nil, ownPID: 5).isEmpty)
        #expect(try ListenFDs.parse(pid: "6", count: "1", names: nil, ownPID: 5).isEmpty)
        #expect(
            try ListenFDs.parse(pid: "5", count: "2", names: "varlink:metrics", ownPID: 5) == [
                ListenedSocket(fileDescriptor: 3, name: "varlink"), ListenedSocket(fileDescriptor: 4, name: "metrics"),
            ])
        #expect(try ListenFDs.parse(pid: "5", count: "1", names: nil, ownPID: 5) == [ListenedSocket(fileDescriptor: 3, name: "unknown")])
        #expect(throws: SystemdError.invalidEnvironment(variable: "LISTEN_FDNAMES", value: "a:b:c")) {
            try ListenFDs.parse(pid: "5", count: "2", names: "a:b:c", ownPID: 5)
        }
        #expect(throws: SystemdError.invalidEnvironment(variable: "LISTEN_FDS", value: "many")) {
            try ListenFDs.parse(pid: "5", count: "many", names: nil, ownPID: 5)
        }
    }

    @Test("JOURNAL_STREAM is compared with stderr's device and inode")
    func journalStream() {
        #expect(LoggingDestination.stderrIsJournal(journalStream: "8:1234", stderr: (8, 1234)))
        #expect(!LoggingDestination.stderrIsJournal(journalStream: "8:1234", stderr: (8, 1235)))
        #expect(!LoggingDestination.stderrIsJournal(journalStream: nil, stderr: (8, 1234)))
        #expect(!LoggingDestination.stderrIsJournal(journalStream: "garbage", stderr: (8, 1234)))
    }

    @Test("notification texts")
    func assignments() {
        #expect(NotifyState.reloading(monotonicMicroseconds: 12).assignment == "RELOADING=1\nMONOTONIC_USEC=12")
        #expect(NotifyState.status("a\nb").assignment == "STATUS=a b")
        #expect(NotifyState.errno(5).assignment == "ERRNO=5")
        #expect(NotifyState.mainPID(77).assignment == "MAINPID=77")
    }

    @Test("the rate limiter lets a burst through per interval and reports what it held back")
    func rateLimiter() {
        var limiter = RateLimiter(burst: 3, interval: .seconds(1))
        let start = ContinuousClock.now
        let first = (0..<10).map { limiter.admit(at: start + .milliseconds($0)) }
        #expect(first == [.allow(suppressed: 0), .allow(suppressed: 0), .allow(suppressed: 0)] + Array(repeating: .suppress, count: 7))
        #expect(limiter.pendingSuppressed == 7)
        #expect(limiter.admit(at: start + .milliseconds(1000)) == .allow(suppressed: 7))
        #expect(limiter.admit(at: start + .milliseconds(1001)) == .allow(suppressed: 0))
        #expect(limiter.pendingSuppressed == 0)
    }

    @Test("message ids are 128-bit, lower-case hex, distinct")
    func messageIDs() {
        let ids = GeniusMessageID.allCases.map(\.id)
        #expect(Set(ids).count == ids.count)
        for id in ids {
            #expect(id.utf8.count == 32)
            #expect(id.allSatisfy { $0.isHexDigit && !$0.isUppercase })
        }
    }
}
