import FoundationEssentials
import GeniusDaemon
import GeniusTestSupport
import Testing

@Suite struct ConfigurationTests {
    static func parse(_ text: String, file: String = "/etc/geniusd/geniusd.json") throws(GeniusDaemonError) -> DaemonConfiguration {
        try DaemonConfiguration.parse(Data(text.utf8), file: file)
    }

    @Test func anEmptyFileGivesTheDefaults() throws {
        let configuration = try Self.parse("{}")
        #expect(configuration.address == "unix:/run/geniusd/io.cargenius")
        #expect(configuration.socketMode == 0o660)
        #expect(configuration.group == "geniusd")
        #expect(configuration.dbus == "system")
        #expect(configuration.effectiveSource == .simulator(scenario: "demo-drive"))
        #expect(configuration.limits == DaemonConfiguration.Limits())
    }

    @Test func theDocumentedExampleParses() throws {
        let configuration = try DaemonConfiguration.load(file: repositoryRoot + "/systemd/geniusd.json")
        #expect(configuration.file == repositoryRoot + "/systemd/geniusd.json")
        try configuration.validate()
    }

    @Test func everyKeyIsRead() throws {
        let configuration = try Self.parse(
            """
            {"format": "cargenius.geniusd/1", "address": "unix:@genius-test", "socketMode": "0600", "group": "cockpit",
             "locale": "de-DE", "dbus": "unix:path=/run/test-bus", "networks": [{"interface": "can0", "dbc": "pt.dbc", "mapping": "/abs/pt.vss.json"}],
             "source": {"kind": "replay", "log": "drive.log", "speed": 2, "loop": true},
             "stateFile": "state/lkv.json", "saveInterval": 30,
             "limits": {"connections": 16, "messageSize": 65536, "sendTimeout": 2, "sessions": 50, "sessionIdle": 120, "subscribeInterval": 0.2,
                        "connectionsPerUser": 4, "idleTimeout": 30, "halfMessageTimeout": 2.5},
             "watchdog": {"ingestStall": 1.5}, "debug": {"stallIngestAfter": 4}, "logLevel": "debug",
             "travel": {"places": "places.json", "profiles": "/var/lib/geniusd/profiles.json"}}
            """)
        #expect(configuration.address == "unix:@genius-test")
        #expect(configuration.socketMode == 0o600)
        #expect(configuration.group == "cockpit")
        #expect(configuration.locale == "de-DE")
        #expect(configuration.dbus == "unix:path=/run/test-bus")
        #expect(configuration.networks == [.init(interface: "can0", dbc: "/etc/geniusd/pt.dbc", mapping: "/abs/pt.vss.json")])
        #expect(configuration.source == .replay(log: "/etc/geniusd/drive.log", speed: 2, loop: true))
        #expect(configuration.stateFile == "/etc/geniusd/state/lkv.json")
        #expect(configuration.saveInterval == 30)
        #expect(configuration.limits.connections == 16)
        #expect(configuration.limits.messageSize == 65536)
        #expect(configuration.limits.sendTimeout == 2)
        #expect(configuration.limits.sessions == 50)
        #expect(configuration.limits.sessionIdle == 120)
        #expect(configuration.limits.subscribeInterval == 0.2)
        #expect(configuration.limits.connectionsPerUser == 4)
        #expect(configuration.limits.idleTimeout == 30)
        #expect(configuration.limits.halfMessageTimeout == 2.5)
        #expect(configuration.ingestStallLimit == 1.5)
        #expect(configuration.debugStallIngestAfter == 4)
        #expect(configuration.logLevel == "debug")
        #expect(configuration.places == "/etc/geniusd/places.json")
        #expect(configuration.profiles == "/var/lib/geniusd/profiles.json")
    }

    @Test func theLLMPathIsOffByDefaultAndReadWhenConfigured() throws {
        #expect(try Self.parse("{}").llm == nil)
        let configuration = try Self.parse(
            #"{"llm": {"endpoint": "http://127.0.0.1:8080/v1", "model": "qwen3-1.7b", "mode": "always", "deadlineMs": 2500, "maxToolRounds": 3, "breaker": {"failures": 5, "coolDown": 10}}}"#
        )
        var expected = DaemonConfiguration.LLM(endpoint: "http://127.0.0.1:8080/v1")
        expected.model = "qwen3-1.7b"
        expected.mode = "always"
        expected.deadlineMilliseconds = 2500
        expected.maxToolRounds = 3
        expected.breakerThreshold = 5
        expected.breakerCoolDownSeconds = 10
        #expect(configuration.llm == expected)
    }

    @Test func aNonLoopbackLLMEndpointIsRefusedSayingWhy() {
        #expect {
            try Self.parse(#"{"llm": {"endpoint": "http://192.168.1.20:8080/v1"}}"#)
        } throws: { error in
            guard case .configuration(_, "llm.endpoint", let problem) = error as? GeniusDaemonError else { return false }
            return problem.contains("refused") && problem.contains("nothing leaves the car")
        }
    }

    @Test func networksWithInterfacesMeanSocketCAN() throws {
        let configuration = try Self.parse(
            #"{"networks": [{"interface": "can0", "dbc": "a.dbc"}, {"interface": "can1", "dbc": "b.dbc"}, {"interface": "can0", "dbc": "c.dbc"}]}"#)
        #expect(configuration.effectiveSource == .socketCAN(interfaces: ["can0", "can1"], restartAfterBusOff: false, waitForInterfaces: false))
    }

    /// Each broken file is refused with the key at fault.
    @Test(arguments: [
        (#"[1]"#, "(top level)"),
        (#"{"adress": "unix:/x"}"#, "adress"),
        (#"{"format": "cargenius.geniusd/2"}"#, "format"),
        (#"{"address": "tcp:1.2.3.4:80"}"#, "address"),
        (#"{"address": 5}"#, "address"),
        (#"{"socketMode": "0999"}"#, "socketMode"),
        (#"{"socketMode": 660}"#, "socketMode"),
        (#"{"group": ""}"#, "group"),
        (#"{"locale": "fr-FR"}"#, "locale"),
        (#"{"dbus": "systembus"}"#, "dbus"),
        (#"{"dbus": "unix:/run/dbus/system_bus_socket"}"#, "dbus"),
        (#"{"dbus": true}"#, "dbus"),
        (#"{"vehicle": "v.json", "networks": [{"dbc": "a.dbc"}]}"#, "networks"),
        (#"{"networks": [{"mapping": "a.vss.json"}]}"#, "networks[0].dbc"),
        (#"{"networks": [{"dbc": "a.dbc", "bus": "can0"}]}"#, "networks[0].bus"),
        (#"{"networks": {"dbc": "a.dbc"}}"#, "networks"),
        (#"{"source": "simulator"}"#, "source"),
        (#"{"source": {"kind": "bluetooth"}}"#, "source.kind"),
        (#"{"source": {"kind": "socketcan"}}"#, "source.interfaces"),
        (#"{"source": {"kind": "socketcan", "interfaces": []}}"#, "source.interfaces"),
        (#"{"source": {"kind": "socketcan", "interfaces": ["averyveryverylongname0"]}}"#, "source.interfaces"),
        (#"{"source": {"kind": "socketcan", "interfaces": ["can0", 1]}}"#, "source.interfaces[1]"),
        (#"{"source": {"kind": "replay"}}"#, "source.log"),
        (#"{"source": {"kind": "replay", "log": "a.log", "speed": 0}}"#, "source.speed"),
        (#"{"source": {"kind": "replay", "log": "a.log", "loop": "yes"}}"#, "source.loop"),
        (#"{"source": {"kind": "simulator", "scenario": "x", "speed": 2}}"#, "source.speed"),
        (#"{"saveInterval": 0.5}"#, "saveInterval"),
        // Upper bounds: each of these becomes a Duration or nanoseconds, which trap past 9.2e18.
        (#"{"saveInterval": 1e19}"#, "saveInterval"),
        (#"{"limits": {"sessionIdle": 1e308}}"#, "limits.sessionIdle"),
        (#"{"limits": {"sendTimeout": 100000}}"#, "limits.sendTimeout"),
        (#"{"limits": {"connectionsPerUser": 0}}"#, "limits.connectionsPerUser"),
        (#"{"limits": {"idleTimeout": -1}}"#, "limits.idleTimeout"),
        (#"{"limits": {"idleTimeout": 1e19}}"#, "limits.idleTimeout"),
        (#"{"limits": {"halfMessageTimeout": 1e19}}"#, "limits.halfMessageTimeout"),
        (#"{"limits": {"messageSize": 1e12}}"#, "limits.messageSize"),
        (#"{"limits": {"connections": 1e14}}"#, "limits.connections"),
        (#"{"limits": {"sessions": 1e14}}"#, "limits.sessions"),
        (#"{"limits": {"subscribeInterval": 1e19}}"#, "limits.subscribeInterval"),
        (#"{"watchdog": {"ingestStall": 1e19}}"#, "watchdog.ingestStall"),
        (#"{"debug": {"stallIngestAfter": 1e300}}"#, "debug.stallIngestAfter"),
        (#"{"source": {"kind": "replay", "log": "a.log", "speed": 1e-300}}"#, "source.speed"),
        (#"{"source": {"kind": "replay", "log": "a.log", "speed": 1e300}}"#, "source.speed"),
        (#"{"limits": {"connections": 0}}"#, "limits.connections"),
        (#"{"limits": {"connections": 2.5}}"#, "limits.connections"),
        (#"{"limits": {"messageSize": 10}}"#, "limits.messageSize"),
        (#"{"limits": {"subscribeInterval": 0}}"#, "limits.subscribeInterval"),
        (#"{"limits": {"backlog": 5}}"#, "limits.backlog"),
        (#"{"watchdog": {"ingestStall": -1}}"#, "watchdog.ingestStall"),
        (#"{"debug": {"stallIngestAfter": -3}}"#, "debug.stallIngestAfter"),
        (#"{"logLevel": "verbose"}"#, "logLevel"),
        (#"{"travel": {"places": 3}}"#, "travel.places"),
        (#"{"travel": {"places": "p.json", "history": "h.json"}}"#, "travel.history"),
        (#"{"llm": {"endpoint": "http://10.0.0.7:8080/v1"}}"#, "llm.endpoint"),
        (#"{"llm": {"endpoint": "https://127.0.0.1:8080/v1"}}"#, "llm.endpoint"),
        (#"{"llm": {"model": "qwen2.5"}}"#, "llm.endpoint"),
        (#"{"llm": {"endpoint": "unix:/run/llm/llm.sock", "mode": "sometimes"}}"#, "llm.mode"),
        (#"{"llm": {"endpoint": "unix:/run/llm/llm.sock", "deadlineMs": 0}}"#, "llm.deadlineMs"),
        (#"{"llm": {"endpoint": "unix:/run/llm/llm.sock", "maxToolRounds": 100}}"#, "llm.maxToolRounds"),
        (#"{"llm": {"endpoint": "unix:/run/llm/llm.sock", "breaker": {"coolDown": -1}}}"#, "llm.breaker.coolDown"),
        (#"{"llm": {"endpoint": "unix:/run/llm/llm.sock", "temperature": 0.7}}"#, "llm.temperature"),
    ])
    func brokenFilesNameTheKey(text: String, key: String) {
        do {
            _ = try Self.parse(text)
            Issue.record("\(text) was accepted")
        } catch {
            guard case .configuration(let file, let named, let problem) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(file == "/etc/geniusd/geniusd.json")
            #expect(named == key, "\(problem)")
            #expect(!problem.isEmpty)
        }
    }

    @Test func notJSONIsReportedForTheFile() {
        #expect(throws: GeniusDaemonError.self) { try Self.parse("{\"address\": ") }
        do {
            _ = try Self.parse("{\"address\": ")
        } catch {
            #expect(error.description.hasPrefix("/etc/geniusd/geniusd.json: (file): not valid JSON"))
        }
    }

    /// Issue 16: invalid JSON was reported as "The given data was not valid JSON", with no place.
    @Test(arguments: [
        ("{\n  \"address\": \"unix:/tmp/x.sock\",\n  \"locale\": \"en-US\"\n  \"logLevel\": \"info\"\n}\n", 4, 3, "expected ',' or '}' in object"),
        ("{\n  \"address\": \n", 3, 1, "unexpected end of input, expected a value"),
        ("{\"locale\": \"de-DE\", \"grüße\": [1 2]}", 1, 33, "expected ',' or ']' in array"),
        ("{\n\t\"address\": \"a\u{01}b\"}", 2, 15, "unescaped control character in string"),
    ])
    func notJSONIsReportedWithLineAndColumn(text: String, line: Int, column: Int, reason: String) {
        #expect(
            throws: GeniusDaemonError.configuration(
                file: "/etc/geniusd/geniusd.json", key: "(file)", problem: "not valid JSON at line \(line), column \(column): \(reason)")
        ) {
            try Self.parse(text)
        }
    }

    @Test func aMissingFileIsSaidSo() {
        #expect(throws: GeniusDaemonError.configuration(file: "/nonexistent/geniusd.json", key: "(file)", problem: "no such file")) {
            try DaemonConfiguration.load(file: "/nonexistent/geniusd.json")
        }
    }

    @Test func theCommandLineAndTheEnvironmentOverrideTheFile() throws {
        let file = try Self.parse(#"{"address": "unix:/run/file.sock", "locale": "de-DE"}"#)
        var overrides = DaemonOverrides()
        #expect(try file.applying(overrides, environment: [:]).address == "unix:/run/file.sock")
        #expect(try file.applying(overrides, environment: ["GENIUS_ADDRESS": "unix:/run/env.sock"]).address == "unix:/run/env.sock")
        overrides.address = "unix:/run/option.sock"
        overrides.locale = "zh-CN"
        let applied = try file.applying(overrides, environment: ["GENIUS_ADDRESS": "unix:/run/env.sock"])
        #expect(applied.address == "unix:/run/option.sock")
        #expect(applied.locale == "zh-CN")
    }

    /// The D-Bus bus: `--dbus`, then `GENIUSD_DBUS`, then the file, then `system`; a bad one names where it came from.
    @Test func theDBusBusComesFromOptionEnvironmentFile() throws {
        let file = try Self.parse(#"{"dbus": "off"}"#)
        var overrides = DaemonOverrides()
        #expect(try file.applying(overrides, environment: [:]).dbus == "off")
        #expect(try file.applying(overrides, environment: ["GENIUSD_DBUS": "user"]).dbus == "user")
        overrides.dbus = "unix:path=/tmp/bus"
        #expect(try file.applying(overrides, environment: ["GENIUSD_DBUS": "user"]).dbus == "unix:path=/tmp/bus")
        overrides.dbus = "tcp"
        #expect(throws: GeniusDaemonError.self) { try file.applying(overrides, environment: [:]) }
        do {
            _ = try file.applying(overrides, environment: [:])
        } catch {
            #expect("\(error)".contains("--dbus"))
            #expect("\(error)".contains("system, user, off"))
        }
    }

    @Test func sourceOptionsReplaceTheConfiguredSource() throws {
        let file = try Self.parse(#"{"source": {"kind": "simulator", "scenario": "highway"}}"#)
        var overrides = DaemonOverrides()
        overrides.interfaces = ["vcan0", "vcan0", "vcan1"]
        #expect(
            try file.applying(overrides, environment: [:]).effectiveSource
                == .socketCAN(interfaces: ["vcan0", "vcan1"], restartAfterBusOff: false, waitForInterfaces: false))
        overrides.replay = "drive.log"
        #expect(throws: GeniusDaemonError.option(name: "--interface/--replay/--scenario", problem: "choose one source")) {
            try file.applying(overrides, environment: [:])
        }
        var bad = DaemonOverrides()
        bad.locale = "xx"
        #expect(throws: GeniusDaemonError.option(name: "--locale", problem: "\"xx\" is not supported (en-US, en-GB, de-DE, zh-CN)")) {
            try file.applying(bad, environment: [:])
        }
    }

    @Test func theStateDirectoryGivesTheLastKnownValuesFile() throws {
        let applied = try DaemonConfiguration().applying(DaemonOverrides(), environment: ["STATE_DIRECTORY": "/var/lib/geniusd"])
        #expect(applied.stateFile == "/var/lib/geniusd/last-known-values.json")
        #expect(applied.profiles == "/var/lib/geniusd/profiles.json")
        #expect(try DaemonConfiguration().applying(DaemonOverrides(), environment: [:]).stateFile == nil)
    }
}

@Suite struct DemoVehicleTests {
    @Test func searchOrder() {
        let paths = DemoVehicle.candidates(
            executable: "/src/car/.build/x86_64-unknown-linux-gnu/release/geniusd", currentDirectory: "/home/me",
            dataDirectory: "/opt/genius")
        #expect(
            paths == [
                "/opt/genius/demo-ev/vehicle.json",
                "/src/car/.build/x86_64-unknown-linux-gnu/share/cargenius/demo-ev/vehicle.json",
                "/src/car/.build/x86_64-unknown-linux-gnu/release/can-dbc/demo-ev/vehicle.json",
                "/src/car/.build/x86_64-unknown-linux-gnu/can-dbc/demo-ev/vehicle.json",
                "/src/car/.build/can-dbc/demo-ev/vehicle.json",
                "/src/car/can-dbc/demo-ev/vehicle.json",
                "/src/can-dbc/demo-ev/vehicle.json",
                "/can-dbc/demo-ev/vehicle.json",
                "/usr/local/share/cargenius/demo-ev/vehicle.json",
                "/usr/share/cargenius/demo-ev/vehicle.json",
                "/home/me/can-dbc/demo-ev/vehicle.json",
            ])
        let installed = DemoVehicle.candidates(executable: "/usr/bin/geniusd", currentDirectory: nil, dataDirectory: nil)
        #expect(installed.first == "/usr/share/cargenius/demo-ev/vehicle.json")
    }

    @Test func theFirstExistingCandidateWins() throws {
        let found = try DemoVehicle.locate(
            executable: "/src/car/.build/release/geniusd", currentDirectory: "/", dataDirectory: nil,
            exists: { $0 == "/src/car/can-dbc/demo-ev/vehicle.json" || $0 == "/usr/share/cargenius/demo-ev/vehicle.json" })
        #expect(found == "/src/car/can-dbc/demo-ev/vehicle.json")
        #expect(throws: GeniusDaemonError.self) {
            try DemoVehicle.locate(executable: nil, currentDirectory: nil, dataDirectory: nil, exists: { _ in false })
        }
    }
}

@Suite struct ProgressTests {
    @Test func aQuietLiveBusIsHealthyAStuckBatchIsNot() {
        let progress = IngestProgress()
        let second: Int64 = 1_000_000_000
        progress.waiting(at: 0)
        #expect(progress.isHealthy(at: 3600 * second, stallLimit: 2 * second, quietLimit: nil))
        #expect(!progress.isHealthy(at: 6 * second, stallLimit: 2 * second, quietLimit: 5 * second))
        progress.processing(at: 10 * second)
        #expect(progress.isHealthy(at: 11 * second, stallLimit: 2 * second, quietLimit: nil))
        #expect(!progress.isHealthy(at: 13 * second, stallLimit: 2 * second, quietLimit: nil))
        progress.ended(at: 14 * second)
        #expect(progress.isHealthy(at: 3600 * second, stallLimit: 2 * second, quietLimit: 5 * second))
    }

    /// What lets idle work sleep: a ring is never lost, a wait with a limit ends at it, cancelling ends a wait.
    @Test func doorbell() async {
        let bell = Doorbell()
        bell.ring()
        await bell.wait()  // rung before: returns at once
        let clock = ContinuousClock()
        let start = clock.now
        await bell.wait(upTo: .milliseconds(50))
        #expect(clock.now - start >= .milliseconds(50))
        let waiter = Task { await bell.wait() }
        try? await Task.sleep(for: .milliseconds(20))
        bell.ring()
        await waiter.value
        let cancelled = Task { await bell.wait() }
        cancelled.cancel()
        await cancelled.value
        // The quiet sleep (a thread in poll) ends at its time and on cancellation.
        let quiet = clock.now
        await Platform.quietSleep(for: .milliseconds(30))
        #expect(clock.now - quiet >= .milliseconds(30))
        let long = Task { await Platform.quietSleep(for: .seconds(600)) }
        long.cancel()
        await long.value
    }

    @Test func frameRateOverTheWindow() {
        var rate = FrameRate(window: 5_000_000_000)
        #expect(rate.perSecond == 0)
        for second in 0...10 { rate.record(total: second * 100, at: Int64(second) * 1_000_000_000) }
        #expect(rate.perSecond == 100)
        rate.record(total: 1000, at: 11_000_000_000)  // no frames in the last second
        #expect(rate.perSecond < 100 && rate.perSecond > 50)
    }
}

@Suite struct AccessPolicyTests {
    @Test(arguments: [
        (UInt32(0), UInt32(0), true),  // root
        (1000, 1000, true),  // the daemon's own user
        (1001, 990, true),  // primary group is the API group
        (1002, 1002, true),  // supplementary member
        (1003, 1003, false),  // stranger
    ])
    func whoMayCall(uid: UInt32, gid: UInt32, allowed: Bool) {
        let policy = AccessPolicy(ownUserID: 1000, groupID: 990, groupsOfUser: { $0 == 1002 ? [1002, 990] : [$0] })
        #expect(policy.allows(uid: uid, gid: gid) == allowed)
    }

    @Test func withoutAGroupOnlyRootAndOwnUser() {
        let policy = AccessPolicy(ownUserID: 1000, groupID: nil, groupsOfUser: { _ in [990] })
        #expect(policy.allows(uid: 0, gid: 0))
        #expect(policy.allows(uid: 1000, gid: 1000))
        #expect(!policy.allows(uid: 1002, gid: 990))
    }
}

/// The repository's root (GeniusTestSupport's), for this file and DaemonTests.swift.
let repositoryRoot = GeniusTestSupport.repositoryRoot

@Suite struct ConfigurationFileTests {
    @Test func whichFileIsRead() {
        let directory = ["CONFIGURATION_DIRECTORY": "/etc/geniusd"]
        let none: (String) -> Bool = { _ in false }
        let all: (String) -> Bool = { _ in true }
        #expect(DaemonConfiguration.file(option: "/tmp/g.json", environment: directory, exists: none) == "/tmp/g.json")
        #expect(DaemonConfiguration.file(option: "/etc/geniusd/geniusd.json", environment: directory, exists: none) == nil)
        #expect(DaemonConfiguration.file(option: "/etc/geniusd/geniusd.json", environment: directory, exists: all) == "/etc/geniusd/geniusd.json")
        #expect(DaemonConfiguration.file(option: nil, environment: ["GENIUSD_CONFIG": "/a.json"], exists: none) == "/a.json")
        #expect(DaemonConfiguration.file(option: nil, environment: directory, exists: all) == "/etc/geniusd/geniusd.json")
        #expect(DaemonConfiguration.file(option: nil, environment: directory, exists: none) == nil)
        #expect(DaemonConfiguration.file(option: nil, environment: [:], exists: all) == nil)
    }
}

#if os(Linux)
    /// Issue 16: a missing DBC file (at start or on a reload, which loads the vehicle the same way) printed
    /// a raw `CocoaError(code: ... 260, userInfo: ...)`; the message now names the file and says what is wrong.
    @Suite struct VehicleFileErrorTests {
        @Test func aMissingDBCFileIsNamedInWords() throws {
            let file = "/nonexistent-\(UInt32.random(in: 0...UInt32.max))/geniusd.json"
            let configuration = try DaemonConfiguration.parse(
                Data(#"{"networks": [{"dbc": "missing.dbc"}], "source": {"kind": "simulator"}}"#.utf8), file: file)
            let facts = Daemon.ProcessFacts(executablePath: nil, currentDirectory: nil, environment: [:])
            #expect(throws: GeniusDaemonError.self) { try Daemon.check(configuration, facts: facts) }
            do {
                _ = try Daemon.check(configuration, facts: facts)
            } catch {
                let directory = file.split(separator: "/").dropLast().joined(separator: "/")
                #expect(error.description == "vehicle: /\(directory)/missing.dbc: error: cannot read the file: no such file")
                #expect(error.exitCode == 78)
            }
        }
    }
#endif
