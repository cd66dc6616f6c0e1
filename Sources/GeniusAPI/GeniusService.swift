public import Assistant
import CANBus
public import CarGenius
public import Logging
public import Speech
import Synchronization
import VSS
public import Varlink
import VehicleSignals
public import JSON

/// The `io.cargenius.Vehicle`, `io.cargenius.Assistant` and `io.cargenius.Bus` interfaces, bound to the
/// signal store, the assistant router and the frame sources.
public struct GeniusService: Sendable {
    /// Tuning of the API.
    public struct Configuration: Sendable {
        /// The locale of `Ask` calls that name none, and of alert texts.
        public var locale: GeniusLocale
        /// `Subscribe` intervals below this (seconds) are raised to it, so a client cannot ask for a busy loop.
        public var minimumSubscribeInterval: Double
        /// The interval of a `Subscribe` that gives none, seconds.
        public var defaultSubscribeInterval: Double

        public init(locale: GeniusLocale = .enUS, minimumSubscribeInterval: Double = 0.05, defaultSubscribeInterval: Double = 0.1) {
            self.locale = locale
            self.minimumSubscribeInterval = minimumSubscribeInterval
            self.defaultSubscribeInterval = defaultSubscribeInterval
        }
    }

    public let configuration: Configuration
    public let store: CurrentStore
    public let assistant: Assistant
    /// The assistant with the LLM path, when geniusd has one configured; `Ask` then goes through it.
    public let llm: LLMAssistant?
    public let sessions: AskSessions
    public let alerts: AlertFeed
    public let bus: any BusStatusProvider
    /// The API server's figures in `Bus.Status` (attached by the daemon).
    public let apiServer = APIServerStatus()
    public let logger: Logger
    /// Calls answered since start (every method of the three interfaces): the API's progress figure.
    private let answered = CallCounter()

    public init(
        configuration: Configuration = Configuration(), store: CurrentStore, assistant: Assistant = Assistant(),
        llm: LLMAssistant? = nil, sessions: AskSessions = AskSessions(), alerts: AlertFeed, bus: any BusStatusProvider, logger: Logger
    ) {
        self.configuration = configuration
        self.store = store
        self.assistant = assistant
        self.llm = llm
        self.sessions = sessions
        self.alerts = alerts
        self.bus = bus
        self.logger = logger
    }

    /// Calls handled by the three interfaces since start.
    public var callsAnswered: Int { answered.value.load(ordering: .relaxed) }

    /// The Varlink service with the three interfaces, `extra` ones (`io.cargenius.Travel`) and `org.varlink.service`.
    public func makeVarlinkService(info: ServiceInfo, extra: [VarlinkInterface] = []) throws(VarlinkError) -> VarlinkService {
        let logger = self.logger
        return try VarlinkService(
            info: info, interfaces: [try vehicleInterface(), try assistantInterface(), try busInterface()] + extra,
            onUnexpectedError: { call, error in
                logger.error("method failed", metadata: ["varlink.method": "\(call.method)", "error": "\(error)"])
            })
    }

    // MARK: - io.cargenius.Vehicle

    func vehicleInterface() throws(VarlinkError) -> VarlinkInterface {
        var interface = try VarlinkInterface(description: InterfaceTexts.vehicle)
        try ParameterBounds.apply(to: &interface)
        let store = self.store
        let answered = self.answered
        let configuration = self.configuration
        let alerts = self.alerts
        try interface.onReply("Get") { call in
            answered.count()
            let paths = try Self.paths(call.parameters, store: store.store)
            return ["values": .array(store.store.read(paths).map(\.vehicleValue))]
        }
        try interface.onReply("List") { call in
            answered.count()
            return try Self.list(store.store.capabilities, branch: call.parameters["branch"]?.string)
        }
        try interface.on("Subscribe") { call in
            answered.count()
            let paths = try Self.paths(call.parameters, store: store.store)
            // The range (0 to a day, InvalidInterval when negative) was checked by ParameterBounds.
            let interval = call.parameters["interval"]?.number ?? configuration.defaultSubscribeInterval
            return .stream(Self.subscription(store: store, paths: paths, interval: max(interval, configuration.minimumSubscribeInterval)))
        }
        try interface.on("Alerts") { _ in
            answered.count()
            return .stream(Self.alertStream(alerts))
        }
        return interface
    }

    /// The `paths` of a `Get` or `Subscribe`: at most as many as the vehicle has signals (each at least once),
    /// so a reply stays about the size of the vehicle, not of what a client sends.
    /// - Throws: `io.cargenius.Vehicle.TooManyPaths` with the count given and the maximum.
    static func paths(_ parameters: [String: JSONValue], store: SignalStore) throws(VarlinkError) -> [String] {
        let given = parameters["paths"]?.array ?? []
        let maximum = max(1, store.mapping.slots.count)
        guard given.count <= maximum else {
            throw .reply(
                name: "io.cargenius.Vehicle.TooManyPaths", parameters: ["given": .int(Int64(given.count)), "maximum": .int(Int64(maximum))])
        }
        return given.compactMap(\.string)
    }

    /// The `List` reply: the provided signals grouped by their parent branch, optionally under `branch`.
    static func list(_ signals: [VSSSignalInfo], branch: String?) throws(VarlinkError) -> [String: JSONValue] {
        var selected = signals
        if let branch {
            selected = signals.filter { $0.path.hasPrefix(branch + ".") || $0.path == branch }
            guard !selected.isEmpty else {
                throw .reply(name: "io.cargenius.Vehicle.UnknownBranch", parameters: ["branch": .string(branch)])
            }
        }
        var byBranch: [String: [JSONValue]] = [:]
        for info in selected {
            let parent = info.path.split(separator: ".").dropLast().joined(separator: ".")
            var signal: [String: JSONValue] = ["path": .string(info.path), "datatype": .string(info.datatype.rawValue)]
            if let unit = info.unit { signal["unit"] = .string(unit) }
            byBranch[parent, default: []].append(.object(signal))
        }
        let branches = byBranch.keys.sorted().map { name -> JSONValue in
            .object(["name": .string(name), "signals": .array(byBranch[name] ?? [])])
        }
        return ["branches": .array(branches)]
    }

    /// Current values first, then the paths whose value or status changed, checked every `interval` seconds.
    static func subscription(store: CurrentStore, paths: [String], interval: Double) -> AsyncThrowingStream<VarlinkReply, any Error> {
        let sent = Mutex<[String: (value: SignalValue?, status: SignalStatus)]?>(nil)
        return AsyncThrowingStream {
            let first = sent.withLock { $0 == nil }
            if !first { try await Task.sleep(for: .clampedSeconds(interval)) }
            while true {
                let readings = store.store.read(paths)
                let changed = sent.withLock { sent -> [SignalReading] in
                    var last = sent ?? [:]
                    var changed: [SignalReading] = []
                    for reading in readings {
                        let previous = last[reading.path]
                        if first || previous?.value != reading.value || previous?.status != reading.status {
                            changed.append(reading)
                            last[reading.path] = (reading.value, reading.status)
                        }
                    }
                    sent = last
                    return changed
                }
                if first || !changed.isEmpty {
                    return VarlinkReply(parameters: ["values": .array(changed.map(\.vehicleValue))], continues: true)
                }
                try await Task.sleep(for: .clampedSeconds(interval))
            }
        }
    }

    /// The active alerts first (one reply, possibly empty), then each alert as it is raised or cleared.
    static func alertStream(_ feed: AlertFeed) -> AsyncThrowingStream<VarlinkReply, any Error> {
        let (stream, continuation) = AsyncThrowingStream.makeStream(
            of: VarlinkReply.self, throwing: (any Error).self, bufferingPolicy: .bufferingNewest(feed.bufferSize))
        let id = feed.subscribe { events, initial in
            let now = Int64(SignalStore.wallClock().nanoseconds)
            if initial {
                continuation.yield(VarlinkReply(parameters: ["alerts": .array(events.map { alertValue($0, now: now) })], continues: true))
            } else {
                for event in events {
                    continuation.yield(VarlinkReply(parameters: ["alerts": .array([alertValue(event, now: now)])], continues: true))
                }
            }
        }
        continuation.onTermination = { _ in feed.unsubscribe(id) }
        return stream
    }

    static func alertValue(_ event: AlertEvent, now: Int64) -> JSONValue {
        var members: [String: JSONValue] = [
            "id": .string(event.id), "severity": .string(event.severity), "text": .string(event.text), "active": .bool(event.active),
            "age": .double(max(0, Double(now - event.raisedAt.nanoseconds) / 1e9)),
        ]
        if let path = event.path { members["path"] = .string(path) }
        return .object(members)
    }

    // MARK: - io.cargenius.Assistant

    func assistantInterface() throws(VarlinkError) -> VarlinkInterface {
        var interface = try VarlinkInterface(description: InterfaceTexts.assistant)
        let service = self
        try interface.onReply("Ask") { call in
            service.answered.count()
            return try service.ask(
                text: call.parameters["text"]?.string ?? "", locale: call.parameters["locale"]?.string,
                session: call.parameters["session"]?.string)
        }
        return interface
    }

    /// The longest question accepted, in UTF-8 bytes (a spoken question is a few hundred at most).
    public static let maximumTextBytes = 4096
    /// The longest session name accepted, in UTF-8 bytes (sessions are kept, so their names are bounded).
    public static let maximumSessionBytes = 256

    /// Answers one `Ask`: the reply's parameters, or a Varlink error for an empty text or an unknown locale
    /// (`InvalidParameter` for a text or session name over its limit).
    public func ask(text: String, locale: String?, session id: String?) throws(VarlinkError) -> [String: JSONValue] {
        guard text.utf8.count <= Self.maximumTextBytes else { throw .invalidParameter("text") }
        if let id, id.utf8.count > Self.maximumSessionBytes { throw .invalidParameter("session") }
        guard text.contains(where: { !$0.isWhitespace }) else {
            throw .reply(name: "io.cargenius.Assistant.EmptyText", parameters: [:])
        }
        var genius = configuration.locale
        if let locale {
            do {
                genius = try GeniusLocale(identifier: locale)
            } catch {
                throw .reply(name: "io.cargenius.Assistant.UnsupportedLocale", parameters: ["locale": .string(locale)])
            }
        }
        var session = id.map(sessions.session) ?? AssistantSession()
        let signals = StoreSignals(store: store.store)
        let reply =
            llm?.ask(text, locale: genius, session: &session, signals: signals)
            ?? assistant.ask(text, locale: genius, session: &session, signals: signals)
        if let id { sessions.store(session, as: id) }
        var metadata: Logger.Metadata = ["genius.agent": "\(reply.agent.rawValue)", "genius.intent": "\(reply.intent)"]
        if let id { metadata["genius.session"] = "\(id)" }
        if let source = reply.source { metadata["genius.source"] = "\(source.rawValue)" }
        if let problem = reply.llmProblem { metadata["llm.problem"] = "\(problem)" }
        logger.info("question answered", metadata: metadata)
        var parameters: [String: JSONValue] = [
            "text": .string(reply.text), "agent": .string(reply.agent.rawValue), "intent": .string(reply.intent),
            "values": .array(reply.values.map(\.assistantValue)),
        ]
        if reply.agent == .travelCompanion { parameters["places"] = .array(reply.places.map(\.varlinkValue)) }
        if let source = reply.source { parameters["source"] = .string(source.rawValue) }
        return parameters
    }

    // MARK: - io.cargenius.Bus

    func busInterface() throws(VarlinkError) -> VarlinkInterface {
        var interface = try VarlinkInterface(description: InterfaceTexts.bus)
        let bus = self.bus
        let answered = self.answered
        let apiServer = self.apiServer
        try interface.onReply("Status") { _ in
            answered.count()
            var reply: [String: JSONValue] = ["interfaces": .array(bus.busStatus().map(\.varlinkValue))]
            if let server = apiServer.varlinkValue { reply["server"] = server }
            return reply
        }
        return interface
    }
}

/// A counter shared by the handlers.
final class CallCounter: Sendable {
    let value = Atomic<Int>(0)
    func count() { value.add(1, ordering: .relaxed) }
}
