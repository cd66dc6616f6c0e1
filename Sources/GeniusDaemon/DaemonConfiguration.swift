import CarGenius
public import FoundationEssentials
import JSON
import LLM
import Speech
import struct Varlink.VarlinkAddress

/// geniusd's settings: from the configuration file (JSON, format `cargenius.geniusd/1`, see docs/geniusd.md),
/// then the command line and the environment on top.
public struct DaemonConfiguration: Sendable, Equatable {
    /// The format marker a configuration file may carry.
    public static let formatMarker = "cargenius.geniusd/1"
    /// Where the API listens when nothing says otherwise.
    public static let defaultAddress = "unix:/run/geniusd/io.cargenius"
    /// The simulator's scenario when none is named.
    public static let defaultScenario = "demo-drive"

    /// Where frames come from.
    public enum Source: Sendable, Equatable {
        /// The demo car's simulator, real-time paced; `scenario` is a name in the vehicle's `scenarios/` or a path.
        case simulator(scenario: String)
        /// SocketCAN interfaces. `waitForInterfaces` starts even when one is missing (it is waited for).
        case socketCAN(interfaces: [String], restartAfterBusOff: Bool, waitForInterfaces: Bool)
        /// A `candump -L` log, re-timed to now; `speed` nil replays as fast as taken; `loop` starts over at the end.
        case replay(log: String, speed: Double?, loop: Bool)

        /// `simulator`, `socketcan` or `replay`.
        public var kind: String {
            switch self {
            case .simulator: "simulator"
            case .socketCAN: "socketcan"
            case .replay: "replay"
            }
        }
    }

    /// The LLM path (issue 15): an OpenAI-compatible server on this machine; off unless configured.
    public struct LLM: Sendable, Equatable {
        /// `http://127.0.0.1:PORT/v1` or `unix:PATH`; any other host is refused at load.
        public var endpoint: String
        public var model = "qwen2.5"
        /// `fallback` (only when the engine does not understand) or `always`.
        public var mode = "fallback"
        /// The whole LLM path of one turn, every tool round included.
        public var deadlineMilliseconds = 1500
        /// Completions per turn (the tool-call loop's bound).
        public var maxToolRounds = 4
        /// Failures in a row that open the circuit breaker, and how long it stays open.
        public var breakerThreshold = 3
        public var breakerCoolDownSeconds = 30.0

        public init(endpoint: String) { self.endpoint = endpoint }
    }

    /// One CAN network given directly instead of a vehicle manifest.
    public struct Network: Sendable, Equatable {
        public var interface: String?
        public var dbc: String
        public var mapping: String?

        public init(interface: String?, dbc: String, mapping: String?) {
            self.interface = interface
            self.dbc = dbc
            self.mapping = mapping
        }
    }

    /// Limits that keep one client from hurting the others.
    public struct Limits: Sendable, Equatable {
        /// Connections served at once; more are refused at accept with `io.cargenius.Bus.LimitReached`.
        public var connections = 256
        /// Connections one user may hold at once (root and geniusd's own user are not limited).
        public var connectionsPerUser = 64
        /// Seconds a connection may stay with no call in progress and no byte received; 0: never closed.
        public var idleTimeout = 300.0
        /// Seconds a message may take from its first byte to its end; 0: no limit.
        public var halfMessageTimeout = 10.0
        /// The largest message accepted, bytes. The largest useful call is a `Get` of every signal
        /// (about 60 bytes a path: 4,000 paths); a connection holds at most about three messages, decoded.
        public var messageSize = 256 << 10
        /// Seconds a write to a client may block before the client is dropped.
        public var sendTimeout = 5
        /// Dialogue sessions kept for `Ask`.
        public var sessions = 1000
        /// Seconds an unused session is kept.
        public var sessionIdle = 900.0
        /// The smallest `Subscribe` interval, seconds.
        public var subscribeInterval = 0.05

        public init() {}
    }

    /// The file the settings came from (`nil`: none, built-in defaults).
    public var file: String?
    /// The Varlink address to bind when no socket is passed by socket activation.
    public var address: String = defaultAddress
    /// The socket file's mode when geniusd binds it itself.
    public var socketMode: UInt32 = 0o660
    /// Members of this group (and root, and geniusd's own user) may call the API; `nil`: root and own user only.
    public var group: String? = "geniusd"
    /// The default locale of answers and alerts.
    public var locale: String = "en-US"
    /// The D-Bus bus to serve the API on as well (docs/dbus.md): `system`, `user`, `off` or a D-Bus address
    /// (`unix:path=/run/dbus/system_bus_socket`). With no bus there, geniusd logs it and serves Varlink only.
    public var dbus: String = "system"
    /// The vehicle manifest; `nil` with no `networks`: the demo car (see `DemoVehicle`).
    public var vehicle: String?
    /// DBC and mapping files given one by one instead of `vehicle`.
    public var networks: [Network] = []
    /// Where frames come from; `nil`: SocketCAN on the networks' interfaces if they name any, else the simulator.
    public var source: Source?
    /// The last-known values file; `nil`: `$STATE_DIRECTORY/last-known-values.json` under systemd, else none.
    public var stateFile: String?
    /// Seconds between saves of the last-known values (only when something changed).
    public var saveInterval = 60.0
    public var limits = Limits()
    /// Seconds the ingest may spend on one batch before it counts as stalled (no more watchdog pings).
    public var ingestStallLimit = 2.0
    /// Testing aid: the ingest stops for good this many seconds after start (see docs/geniusd.md).
    public var debugStallIngestAfter: Double?
    /// trace, debug, info, notice, warning, error, critical.
    public var logLevel = "info"
    /// Travel Companion's places file; `nil`: the demo car's `places.json` when running the demo car, else off.
    public var places: String?
    /// Driver profiles (one JSON file); `nil`: `$STATE_DIRECTORY/profiles.json` under systemd, else kept in memory.
    public var profiles: String?
    /// The LLM path; `nil`: off (the default), the engine alone answers.
    public var llm: LLM?

    public init() {}

    /// The source in effect: the configured one, or the default the rules give.
    public var effectiveSource: Source {
        if let source { return source }
        let interfaces = networks.compactMap(\.interface)
        if !interfaces.isEmpty {
            return .socketCAN(interfaces: Self.unique(interfaces), restartAfterBusOff: false, waitForInterfaces: false)
        }
        return .simulator(scenario: Self.defaultScenario)
    }

    static func unique(_ names: [String]) -> [String] {
        var seen: Set<String> = []
        return names.filter { seen.insert($0).inserted }
    }

    // MARK: - Reading the file

    /// The configuration file to read, if any: `--config`, else `GENIUSD_CONFIG`, else `geniusd.json` in
    /// systemd's `$CONFIGURATION_DIRECTORY` when it exists. A `--config` file that is missing inside
    /// `$CONFIGURATION_DIRECTORY` counts as none (the unit names it; installing it is optional); any other
    /// missing file is an error when read.
    public static func file(option: String?, environment: [String: String], exists: (String) -> Bool) -> String? {
        let directory = environment["CONFIGURATION_DIRECTORY"]?.split(separator: ":").first.map(String.init)
        if let option {
            if let directory, option.hasPrefix(directory + "/"), !exists(option) { return nil }
            return option
        }
        if let named = environment["GENIUSD_CONFIG"], !named.isEmpty { return named }
        if let directory, exists(directory + "/geniusd.json") { return directory + "/geniusd.json" }
        return nil
    }

    /// Reads and validates a configuration file; relative paths in it are taken from the file's directory.
    public static func load(file path: String) throws(GeniusDaemonError) -> DaemonConfiguration {
        let data: Data
        do {
            data = try Data(contentsOf: URL(filePath: path))
        } catch {
            throw .configuration(file: path, key: "(file)", problem: readProblem(path))
        }
        return try parse(data, file: path)
    }

    /// Why `path` could not be read, in words (rather than Foundation's error dump).
    static func readProblem(_ path: String) -> String {
        var isDirectory = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return "no such file" }
        if isDirectory { return "is a directory" }
        return FileManager.default.isReadableFile(atPath: path) ? "cannot read it" : "permission denied"
    }

    /// Parses configuration JSON; `file` names it in errors and anchors relative paths.
    public static func parse(_ data: Data, file: String) throws(GeniusDaemonError) -> DaemonConfiguration {
        let root: JSONValue
        do {
            root = try JSONValue.parse(data)
        } catch {
            throw .configuration(file: file, key: "(file)", problem: syntaxProblem(data) ?? "not valid JSON")
        }
        var reader = Reader(file: file)
        var configuration = try reader.read(root)
        configuration.file = file
        try configuration.validate()
        return configuration
    }

    /// Where and why `data` is not JSON, as `not valid JSON at line L, column C: reason` (lines and
    /// columns from 1, columns in characters), from the JSON module's byte parser, which keeps the byte
    /// offset (JSONDecoder's error says only "The given data was not valid JSON"). `nil` when that parser
    /// takes the text.
    static func syntaxProblem(_ data: Data) -> String? {
        let bytes = [UInt8](data)
        do {
            _ = try JSONParser.parse(bytes, maximumDepth: 256)
            return nil
        } catch {
            let before = bytes[..<min(max(error.offset, 0), bytes.count)]
            let line = before.count(where: { $0 == 0x0A }) + 1
            let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
            let column = String(decoding: bytes[lineStart..<before.endIndex], as: UTF8.self).count + 1
            return "not valid JSON at line \(line), column \(column): \(error.reason)"
        }
    }

    /// Checks the combination of settings; errors name the key at fault.
    public func validate() throws(GeniusDaemonError) {
        let file = self.file ?? "(command line)"
        func fail(_ key: String, _ problem: String) -> GeniusDaemonError { .configuration(file: file, key: key, problem: problem) }
        do {
            _ = try VarlinkAddress(parsing: address)
        } catch {
            throw fail("address", "\"\(address)\" is not a Varlink address (unix:PATH or unix:@NAME)")
        }
        do {
            _ = try GeniusLocale(identifier: locale)
        } catch {
            throw fail("locale", "\"\(locale)\" is not supported (en-US, en-GB, de-DE, zh-CN)")
        }
        if vehicle != nil, !networks.isEmpty { throw fail("networks", "give either \"vehicle\" or \"networks\", not both") }
        if let group, group.isEmpty { throw fail("group", "must not be empty (leave it out for root only)") }
        if !Self.isDBusSetting(dbus) {
            throw fail("dbus", "\"\(dbus)\" is not a D-Bus bus: give system, user, off or an address such as unix:path=/run/dbus/system_bus_socket")
        }
        switch effectiveSource {
        case .socketCAN(let interfaces, _, _):
            if interfaces.isEmpty { throw fail("source.interfaces", "lists no CAN interface") }
            for name in interfaces where name.isEmpty || name.utf8.count > 15 || name.contains("/") {
                throw fail("source.interfaces", "\"\(name)\" is not an interface name (1 to 15 characters)")
            }
        case .replay(let log, let speed, _):
            if log.isEmpty { throw fail("source.log", "is empty") }
            if let speed, !(speed >= 0.001 && speed <= 1e6) { throw fail("source.speed", "must be between 0.001 and 1000000, not \(speed)") }
        case .simulator(let scenario):
            if scenario.isEmpty { throw fail("source.scenario", "is empty") }
        }
        // Upper bounds too: every duration here becomes a `Duration` or nanoseconds, which trap past 9.2e18.
        if !(saveInterval >= 1 && saveInterval <= 86_400) { throw fail("saveInterval", "must be between 1 and 86400 seconds") }
        if !(1...1_000_000).contains(limits.connections) { throw fail("limits.connections", "must be between 1 and 1000000") }
        if !(1...1_000_000).contains(limits.connectionsPerUser) {
            throw fail("limits.connectionsPerUser", "must be between 1 and 1000000")
        }
        if !(limits.idleTimeout >= 0 && limits.idleTimeout <= 86_400) {
            throw fail("limits.idleTimeout", "must be between 0 (never) and 86400 seconds")
        }
        if !(limits.halfMessageTimeout >= 0 && limits.halfMessageTimeout <= 3600) {
            throw fail("limits.halfMessageTimeout", "must be between 0 (none) and 3600 seconds")
        }
        if !(1024...(64 << 20)).contains(limits.messageSize) {
            throw fail("limits.messageSize", "must be between 1024 bytes and 64 MiB (67108864)")
        }
        if !(1...3600).contains(limits.sendTimeout) { throw fail("limits.sendTimeout", "must be between 1 and 3600 seconds") }
        if !(1...1_000_000).contains(limits.sessions) { throw fail("limits.sessions", "must be between 1 and 1000000") }
        if !(limits.sessionIdle > 0 && limits.sessionIdle <= 2_592_000) {
            throw fail("limits.sessionIdle", "must be more than 0 and at most 2592000 seconds (30 days)")
        }
        if !(limits.subscribeInterval >= 0.001 && limits.subscribeInterval <= 60) {
            throw fail("limits.subscribeInterval", "must be between 0.001 and 60 seconds")
        }
        if !(ingestStallLimit > 0 && ingestStallLimit <= 3600) { throw fail("watchdog.ingestStall", "must be more than 0 and at most 3600 seconds") }
        if let after = debugStallIngestAfter, !(after >= 0 && after <= 1e9) {
            throw fail("debug.stallIngestAfter", "must be between 0 and 1e9 seconds")
        }
        if let places, places.isEmpty { throw fail("travel.places", "is empty") }
        if let profiles, profiles.isEmpty { throw fail("travel.profiles", "is empty") }
        if let llm {
            do {
                _ = try LLMEndpoint(parsing: llm.endpoint)
            } catch {
                throw fail("llm.endpoint", "\(error)")
            }
            if llm.model.isEmpty || llm.model.count > 200 { throw fail("llm.model", "must be a name of 1 to 200 characters") }
            if ["fallback", "always"].firstIndex(of: llm.mode) == nil { throw fail("llm.mode", "\"\(llm.mode)\" is not fallback or always") }
            if !(1...600_000).contains(llm.deadlineMilliseconds) { throw fail("llm.deadlineMs", "must be between 1 and 600000 milliseconds") }
            if !(1...16).contains(llm.maxToolRounds) { throw fail("llm.maxToolRounds", "must be between 1 and 16") }
            if !(1...1000).contains(llm.breakerThreshold) { throw fail("llm.breaker.failures", "must be between 1 and 1000") }
            if !(llm.breakerCoolDownSeconds > 0 && llm.breakerCoolDownSeconds <= 86_400) {
                throw fail("llm.breaker.coolDown", "must be more than 0 and at most 86400 seconds")
            }
        }
        if Self.logLevels.firstIndex(of: logLevel) == nil {
            throw fail("logLevel", "\"\(logLevel)\" is not one of \(Self.logLevels.joined(separator: ", "))")
        }
    }

    /// The swift-log levels, as the `logLevel` key spells them.
    public static let logLevels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]

    /// Walks the JSON tree, naming every key it reads so that errors point at the place.
    struct Reader {
        let file: String
        let directory: String

        init(file: String) {
            self.file = file
            let parts = file.split(separator: "/", omittingEmptySubsequences: false).dropLast()
            let directory = parts.joined(separator: "/")
            self.directory = file.hasPrefix("/") && directory.isEmpty ? "/" : (directory.isEmpty ? "." : directory)
        }

        func fail(_ key: String, _ problem: String) -> GeniusDaemonError { .configuration(file: file, key: key, problem: problem) }

        func resolve(_ path: String) -> String { path.hasPrefix("/") ? path : directory + "/" + path }

        func object(_ value: JSONValue, _ key: String, allowed: Set<String>) throws(GeniusDaemonError) -> [String: JSONValue] {
            guard case .object(let members) = value else { throw fail(key, "must be an object") }
            for name in members.keys.sorted() where !allowed.contains(name) {
                throw fail(key == "(top level)" ? name : "\(key).\(name)", "unknown key (allowed: \(allowed.sorted().joined(separator: ", ")))")
            }
            return members
        }

        func string(_ value: JSONValue?, _ key: String) throws(GeniusDaemonError) -> String? {
            guard let value, value != .null else { return nil }
            guard case .string(let text) = value else { throw fail(key, "must be a string") }
            return text
        }

        func number(_ value: JSONValue?, _ key: String) throws(GeniusDaemonError) -> Double? {
            guard let value, value != .null else { return nil }
            guard let number = value.number else { throw fail(key, "must be a number") }
            return number
        }

        func integer(_ value: JSONValue?, _ key: String) throws(GeniusDaemonError) -> Int? {
            guard let number = try number(value, key) else { return nil }
            guard number.rounded() == number, abs(number) < 1e15 else { throw fail(key, "must be a whole number") }
            return Int(number)
        }

        func bool(_ value: JSONValue?, _ key: String) throws(GeniusDaemonError) -> Bool? {
            guard let value, value != .null else { return nil }
            guard case .bool(let flag) = value else { throw fail(key, "must be true or false") }
            return flag
        }

        func strings(_ value: JSONValue?, _ key: String) throws(GeniusDaemonError) -> [String]? {
            guard let value, value != .null else { return nil }
            guard case .array(let items) = value else { throw fail(key, "must be a list of strings") }
            var result: [String] = []
            for (index, item) in items.enumerated() {
                guard case .string(let text) = item else { throw fail("\(key)[\(index)]", "must be a string") }
                result.append(text)
            }
            return result
        }

        mutating func read(_ root: JSONValue) throws(GeniusDaemonError) -> DaemonConfiguration {
            let top = try object(
                root, "(top level)",
                allowed: [
                    "format", "address", "socketMode", "group", "locale", "dbus", "vehicle", "networks", "source", "stateFile",
                    "saveInterval", "limits", "watchdog", "debug", "logLevel", "travel", "llm",
                ])
            var configuration = DaemonConfiguration()
            if let format = try string(top["format"], "format"), format != DaemonConfiguration.formatMarker {
                throw fail("format", "must be \"\(DaemonConfiguration.formatMarker)\", not \"\(format)\"")
            }
            if let address = try string(top["address"], "address") { configuration.address = address }
            if let mode = top["socketMode"], mode != .null {
                configuration.socketMode = try socketMode(mode)
            }
            if let group = top["group"] {
                configuration.group = try string(group, "group")
            }
            if let locale = try string(top["locale"], "locale") { configuration.locale = locale }
            if let dbus = try string(top["dbus"], "dbus") { configuration.dbus = dbus }
            if let vehicle = try string(top["vehicle"], "vehicle") { configuration.vehicle = resolve(vehicle) }
            if let networks = top["networks"], networks != .null {
                guard case .array(let entries) = networks else { throw fail("networks", "must be a list of networks") }
                for (index, entry) in entries.enumerated() {
                    let key = "networks[\(index)]"
                    let members = try object(entry, key, allowed: ["interface", "dbc", "mapping"])
                    guard let dbc = try string(members["dbc"], "\(key).dbc") else { throw fail("\(key).dbc", "is required") }
                    configuration.networks.append(
                        Network(
                            interface: try string(members["interface"], "\(key).interface"), dbc: resolve(dbc),
                            mapping: try string(members["mapping"], "\(key).mapping").map(resolve)))
                }
            }
            if let source = top["source"], source != .null { configuration.source = try readSource(source) }
            if let state = try string(top["stateFile"], "stateFile") { configuration.stateFile = resolve(state) }
            if let interval = try number(top["saveInterval"], "saveInterval") { configuration.saveInterval = interval }
            if let limits = top["limits"], limits != .null {
                let members = try object(
                    limits, "limits",
                    allowed: [
                        "connections", "connectionsPerUser", "idleTimeout", "halfMessageTimeout", "messageSize", "sendTimeout", "sessions",
                        "sessionIdle", "subscribeInterval",
                    ])
                if let value = try integer(members["connections"], "limits.connections") { configuration.limits.connections = value }
                if let value = try integer(members["connectionsPerUser"], "limits.connectionsPerUser") {
                    configuration.limits.connectionsPerUser = value
                }
                if let value = try number(members["idleTimeout"], "limits.idleTimeout") { configuration.limits.idleTimeout = value }
                if let value = try number(members["halfMessageTimeout"], "limits.halfMessageTimeout") {
                    configuration.limits.halfMessageTimeout = value
                }
                if let value = try integer(members["messageSize"], "limits.messageSize") { configuration.limits.messageSize = value }
                if let value = try integer(members["sendTimeout"], "limits.sendTimeout") { configuration.limits.sendTimeout = value }
                if let value = try integer(members["sessions"], "limits.sessions") { configuration.limits.sessions = value }
                if let value = try number(members["sessionIdle"], "limits.sessionIdle") { configuration.limits.sessionIdle = value }
                if let value = try number(members["subscribeInterval"], "limits.subscribeInterval") {
                    configuration.limits.subscribeInterval = value
                }
            }
            if let watchdog = top["watchdog"], watchdog != .null {
                let members = try object(watchdog, "watchdog", allowed: ["ingestStall"])
                if let value = try number(members["ingestStall"], "watchdog.ingestStall") { configuration.ingestStallLimit = value }
            }
            if let debug = top["debug"], debug != .null {
                let members = try object(debug, "debug", allowed: ["stallIngestAfter"])
                configuration.debugStallIngestAfter = try number(members["stallIngestAfter"], "debug.stallIngestAfter")
            }
            if let level = try string(top["logLevel"], "logLevel") { configuration.logLevel = level }
            if let travel = top["travel"], travel != .null {
                let members = try object(travel, "travel", allowed: ["places", "profiles"])
                configuration.places = try string(members["places"], "travel.places").map(resolve)
                configuration.profiles = try string(members["profiles"], "travel.profiles").map(resolve)
            }
            if let llm = top["llm"], llm != .null {
                let members = try object(llm, "llm", allowed: ["endpoint", "model", "mode", "deadlineMs", "maxToolRounds", "breaker"])
                guard let endpoint = try string(members["endpoint"], "llm.endpoint") else {
                    throw fail("llm.endpoint", "is required (http://127.0.0.1:PORT/v1 or unix:PATH); leave \"llm\" out to turn the LLM path off")
                }
                var settings = DaemonConfiguration.LLM(endpoint: endpoint)
                if let model = try string(members["model"], "llm.model") { settings.model = model }
                if let mode = try string(members["mode"], "llm.mode") { settings.mode = mode }
                if let value = try integer(members["deadlineMs"], "llm.deadlineMs") { settings.deadlineMilliseconds = value }
                if let value = try integer(members["maxToolRounds"], "llm.maxToolRounds") { settings.maxToolRounds = value }
                if let breaker = members["breaker"], breaker != .null {
                    let entries = try object(breaker, "llm.breaker", allowed: ["failures", "coolDown"])
                    if let value = try integer(entries["failures"], "llm.breaker.failures") { settings.breakerThreshold = value }
                    if let value = try number(entries["coolDown"], "llm.breaker.coolDown") { settings.breakerCoolDownSeconds = value }
                }
                configuration.llm = settings
            }
            return configuration
        }

        func socketMode(_ value: JSONValue) throws(GeniusDaemonError) -> UInt32 {
            guard case .string(let text) = value, !text.isEmpty, text.count <= 4, text.allSatisfy({ ("0"..."7").contains($0) }),
                let mode = UInt32(text, radix: 8)
            else { throw fail("socketMode", "must be an octal string such as \"0660\"") }
            return mode
        }

        func readSource(_ value: JSONValue) throws(GeniusDaemonError) -> Source {
            guard case .object(let members) = value, let kindValue = members["kind"] else {
                throw fail("source", "must be an object with a \"kind\" (simulator, socketcan or replay)")
            }
            let kind = try string(kindValue, "source.kind")
            switch kind {
            case "simulator":
                let entries = try object(value, "source", allowed: ["kind", "scenario"])
                let scenario = try string(entries["scenario"], "source.scenario") ?? DaemonConfiguration.defaultScenario
                return .simulator(scenario: scenario.contains("/") ? resolve(scenario) : scenario)
            case "socketcan":
                let entries = try object(value, "source", allowed: ["kind", "interfaces", "restartAfterBusOff", "waitForInterfaces"])
                guard let interfaces = try strings(entries["interfaces"], "source.interfaces") else {
                    throw fail("source.interfaces", "is required for a socketcan source")
                }
                return .socketCAN(
                    interfaces: DaemonConfiguration.unique(interfaces),
                    restartAfterBusOff: try bool(entries["restartAfterBusOff"], "source.restartAfterBusOff") ?? false,
                    waitForInterfaces: try bool(entries["waitForInterfaces"], "source.waitForInterfaces") ?? false)
            case "replay":
                let entries = try object(value, "source", allowed: ["kind", "log", "speed", "loop"])
                guard let log = try string(entries["log"], "source.log") else { throw fail("source.log", "is required for a replay source") }
                // No "speed": real time; "speed": null: as fast as the ingest takes the frames.
                let speed = entries["speed"] == nil ? 1 : try number(entries["speed"], "source.speed")
                return .replay(
                    log: resolve(log), speed: speed,
                    loop: try bool(entries["loop"], "source.loop") ?? false)
            default:
                throw fail("source.kind", "must be simulator, socketcan or replay, not \"\(kind ?? "null")\"")
            }
        }
    }
}

/// What the command line and the environment change on top of the file.
public struct DaemonOverrides: Sendable, Equatable {
    public var address: String?
    /// `--dbus`: the D-Bus bus (`system`, `user`, `off` or an address).
    public var dbus: String?
    public var group: String?
    public var locale: String?
    public var vehicle: String?
    /// SocketCAN interfaces: the source becomes SocketCAN on these.
    public var interfaces: [String] = []
    /// A replay log: the source becomes this replay.
    public var replay: String?
    public var replaySpeed: Double?
    public var replayLoop = false
    /// A scenario: the source becomes the simulator with it.
    public var scenario: String?
    public var stateFile: String?
    public var debugStallIngestAfter: Double?
    public var logLevel: String?
    public var places: String?
    public var profiles: String?

    public init() {}
}

extension DaemonConfiguration {
    /// The configuration with the command line (`overrides`) and the environment (`GENIUS_ADDRESS`) on top.
    ///
    /// The address is taken from, in order: `--address`, `GENIUS_ADDRESS`, the file, the default.
    public func applying(_ overrides: DaemonOverrides, environment: [String: String]) throws(GeniusDaemonError) -> DaemonConfiguration {
        var result = self
        if let address = environment["GENIUS_ADDRESS"], !address.isEmpty { result.address = address }
        if let address = overrides.address { result.address = address }
        if let dbus = environment["GENIUSD_DBUS"], !dbus.isEmpty { result.dbus = dbus }
        if let dbus = overrides.dbus { result.dbus = dbus }
        if let group = overrides.group { result.group = group }
        if let locale = overrides.locale { result.locale = locale }
        if let vehicle = overrides.vehicle {
            result.vehicle = vehicle
            result.networks = []
        }
        var sources = 0
        if !overrides.interfaces.isEmpty {
            sources += 1
            result.source = .socketCAN(interfaces: Self.unique(overrides.interfaces), restartAfterBusOff: false, waitForInterfaces: false)
        }
        if let log = overrides.replay {
            sources += 1
            result.source = .replay(log: log, speed: overrides.replaySpeed, loop: overrides.replayLoop)
        } else if overrides.replaySpeed != nil || overrides.replayLoop {
            throw .option(name: "--replay-speed/--replay-loop", problem: "need --replay LOG")
        }
        if let scenario = overrides.scenario {
            sources += 1
            result.source = .simulator(scenario: scenario)
        }
        if sources > 1 { throw .option(name: "--interface/--replay/--scenario", problem: "choose one source") }
        if let state = overrides.stateFile { result.stateFile = state }
        if let after = overrides.debugStallIngestAfter { result.debugStallIngestAfter = after }
        if let level = overrides.logLevel { result.logLevel = level }
        if let places = overrides.places { result.places = places }
        if let profiles = overrides.profiles { result.profiles = profiles }
        if let directory = environment["STATE_DIRECTORY"]?.split(separator: ":").first {
            if result.stateFile == nil { result.stateFile = "\(directory)/last-known-values.json" }
            if result.profiles == nil { result.profiles = "\(directory)/profiles.json" }
        }
        do {
            try result.validate()
        } catch .configuration(let file, let key, let problem) where file == "(command line)" || overrides.touches(key) {
            throw .option(name: DaemonOverrides.optionName(for: key), problem: problem)
        }
        return result
    }
}

extension DaemonConfiguration {
    /// Whether `setting` names a bus: `system`, `user` (or `session`), `off`, or a D-Bus address (`KIND:key=value`).
    static func isDBusSetting(_ setting: String) -> Bool {
        if ["system", "user", "session", "off"].contains(setting) { return true }
        guard let colon = setting.firstIndex(of: ":"), colon != setting.startIndex else { return false }
        return setting[setting.index(after: colon)...].contains("=")
    }
}

extension DaemonOverrides {
    /// Whether the override set the setting `key` names (so an error there is the option's fault).
    func touches(_ key: String) -> Bool {
        switch key {
        case "address": address != nil
        case "dbus": dbus != nil
        case "group": group != nil
        case "locale": locale != nil
        case "source.interfaces": !interfaces.isEmpty
        case "source.log", "source.speed": replay != nil
        case "source.scenario": scenario != nil
        case "debug.stallIngestAfter": debugStallIngestAfter != nil
        case "logLevel": logLevel != nil
        default: false
        }
    }

    static func optionName(for key: String) -> String {
        switch key {
        case "source.interfaces": "--interface"
        case "source.log": "--replay"
        case "source.speed": "--replay-speed"
        case "source.scenario": "--scenario"
        case "debug.stallIngestAfter": "--debug-stall-ingest-after"
        case "logLevel": "--log-level"
        default: "--" + key
        }
    }
}
