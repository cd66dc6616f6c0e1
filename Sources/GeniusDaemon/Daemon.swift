#if os(Linux)
    import Assistant
    import CANBus
    import CarGenius
    import DBusAPI
    import GeniusAPI
    import JSON
    import LLM
    import LLMSocket
    public import Logging
    import Speech
    import Synchronization
    public import Systemd
    import TravelCompanion
    import UnixSignals
    import Varlink
    import VarlinkSocket
    import VSS
    import VehicleSignals

    /// geniusd: acquires every resource that can fail, says READY=1, then ingests frames, serves the API,
    /// feeds the watchdog while both make progress, reloads on SIGHUP and stops cleanly on SIGTERM.
    public final class Daemon: Sendable {
        /// The version geniusd reports in `GetInfo`.
        public static let version = "0.1.0"

        /// Facts about the process, passed in so tests can give their own.
        public struct ProcessFacts: Sendable {
            public var executablePath: String?
            public var currentDirectory: String?
            public var environment: [String: String]

            public init(executablePath: String?, currentDirectory: String?, environment: [String: String]) {
                self.executablePath = executablePath
                self.currentDirectory = currentDirectory
                self.environment = environment
            }

            /// This process's facts.
            public static func current() -> ProcessFacts {
                ProcessFacts(
                    executablePath: Platform.executablePath(), currentDirectory: Platform.currentDirectory(),
                    environment: Platform.environment())
            }
        }

        let initial: DaemonConfiguration
        let reloadConfiguration: @Sendable () throws(GeniusDaemonError) -> DaemonConfiguration
        let notifier: SystemdNotifier?
        let watchdog: WatchdogSettings?
        let listeningDescriptor: Int32?
        let facts: ProcessFacts
        let logger: Logger
        /// Whether `run` traps SIGTERM, SIGINT and SIGHUP (they stay ignored by the process afterwards).
        let trapsSignals: Bool
        let started = ContinuousClock.now
        private let readyHandler: Mutex<(@Sendable (Ready) -> Void)?>
        private let notifyFailures = Mutex(RateLimiter(burst: 3, interval: .seconds(60)))
        private let commands: AsyncStream<Command>
        private let commandContinuation: AsyncStream<Command>.Continuation

        /// What the signals (or an embedding program) ask of a running daemon.
        enum Command: Sendable {
            case reload
            case stop(reason: String)
        }

        /// What the daemon acquired, reported once it is ready (for tests and embedding).
        public struct Ready: Sendable {
            /// The address it bound, or `nil` when serving a passed socket.
            public var address: String?
            /// The vehicle manifest it loaded (`nil` for networks from the configuration).
            public var vehicle: String?
            /// Nanoseconds from `Daemon.init` to READY=1.
            public var nanosecondsToReady: Int64
        }

        /// - Parameters:
        ///   - configuration: the validated configuration.
        ///   - reloadConfiguration: reads the configuration again (file and command line) for SIGHUP.
        ///   - notifier: `NOTIFY_SOCKET`'s notifier; `nil` when not run by a service manager.
        ///   - watchdog: `WATCHDOG_USEC`'s settings; `nil` for no watchdog.
        ///   - listeningDescriptor: a socket passed by socket activation (the daemon takes ownership).
        ///   - trapsSignals: SIGTERM/SIGINT stop and SIGHUP reloads; `false` for a daemon embedded in another
        ///     process (tests), which then uses `stop()` and `reload()`.
        public init(
            configuration: DaemonConfiguration,
            reloadConfiguration: @escaping @Sendable () throws(GeniusDaemonError) -> DaemonConfiguration,
            notifier: SystemdNotifier?, watchdog: WatchdogSettings?, listeningDescriptor: Int32?, facts: ProcessFacts,
            logger: Logger, trapsSignals: Bool = true
        ) {
            self.trapsSignals = trapsSignals
            self.initial = configuration
            self.reloadConfiguration = reloadConfiguration
            self.notifier = notifier
            self.watchdog = watchdog
            self.listeningDescriptor = listeningDescriptor
            self.facts = facts
            self.logger = logger
            self.readyHandler = Mutex(nil)
            (commands, commandContinuation) = AsyncStream.makeStream(of: Command.self)
        }

        /// Reloads configuration, vehicle and source, as SIGHUP does.
        public func reload() { commandContinuation.yield(.reload) }

        /// Stops gracefully, as SIGTERM does.
        public func stop() { commandContinuation.yield(.stop(reason: "stop requested")) }

        /// Calls `handler` once the daemon is ready (before `run` starts serving).
        public func onReady(_ handler: @escaping @Sendable (Ready) -> Void) {
            readyHandler.withLock { $0 = handler }
        }

        /// Nanoseconds since `init`, on the monotonic clock.
        func monotonic() -> Int64 { (ContinuousClock.now - started).wholeNanoseconds }

        func notify(_ states: [NotifyState]) {
            guard let notifier else { return }
            do {
                try notifier.notify(states)
            } catch {
                // A manager that does not read fills its queue: the notification is dropped, never waited for.
                if case .allow(let suppressed) = notifyFailures.withLock({ $0.admit() }) {
                    logger.warning("cannot notify the service manager", metadata: ["error": "\(error)", "genius.suppressed": "\(suppressed)"])
                }
            }
        }

        // MARK: - Loading the vehicle

        struct LoadedVehicle: Sendable {
            var mapping: VehicleMapping
            /// The manifest's directory (scenarios live under it), or the configuration's.
            var directory: String
            var manifest: String?
        }

        /// Loads the configured vehicle, or the demo car when none is configured.
        static func loadVehicle(_ configuration: DaemonConfiguration, facts: ProcessFacts) throws(GeniusDaemonError) -> LoadedVehicle {
            do {
                if !configuration.networks.isEmpty {
                    let directory =
                        configuration.file.map { file in
                            let parent = file.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
                            return parent.isEmpty ? "." : parent
                        } ?? "."
                    let definition = VehicleDefinition(
                        name: "configured",
                        networks: configuration.networks.map {
                            VehicleDefinition.NetworkEntry(dbc: $0.dbc, mapping: $0.mapping, interface: $0.interface)
                        }, directory: directory)
                    return LoadedVehicle(mapping: try definition.compile(), directory: directory, manifest: nil)
                }
                let path = try configuration.vehicle ?? demoVehicle(facts)
                guard Platform.fileExists(path) else { throw GeniusDaemonError.vehicle("\(path): no such file") }
                let definition = try VehicleDefinition.load(path: path)
                return LoadedVehicle(mapping: try definition.compile(), directory: definition.directory, manifest: path)
            } catch let error as VehicleSignalsError {
                throw .vehicle(error.description)
            } catch let error as GeniusDaemonError {
                throw error
            } catch {
                throw .vehicle("\(error)")
            }
        }

        /// Loads the configuration's vehicle (DBC and mapping files) and scenario without starting anything:
        /// `geniusd --check-config`. Returns the manifest used (`nil` for networks given in the configuration).
        public static func check(_ configuration: DaemonConfiguration, facts: ProcessFacts) throws(GeniusDaemonError) -> String? {
            let vehicle = try loadVehicle(configuration, facts: facts)
            if case .simulator = configuration.effectiveSource {
                _ = try OpenedSource.open(configuration.effectiveSource, mapping: vehicle.mapping, vehicleDirectory: vehicle.directory)
            }
            return vehicle.manifest
        }

        /// Travel Companion's service: the configured places (or the demo car's `places.json` when the demo car
        /// runs) and profiles; `nil` when there are no places (every question then goes to Car Genius).
        static func openTravel(
            _ configuration: DaemonConfiguration, vehicle: LoadedVehicle, warn: (String) -> Void = { _ in }
        ) throws(GeniusDaemonError) -> TravelService? {
            var path = configuration.places
            if path == nil, configuration.vehicle == nil, configuration.networks.isEmpty {
                let demo = vehicle.directory + "/places.json"
                if Platform.fileExists(demo) { path = demo }
            }
            guard let path else { return nil }
            do {
                let places = try PlaceImport.load(path: path)
                // Unreadable opening hours: the place stays, its hours count as unknown, and the log says which.
                for warning in PlaceImport.warnings(places, source: path) { warn(warning) }
                let store = PlaceStore(places: places)
                let profiles = try configuration.profiles.map { file throws(TravelError) in try ProfileStore(path: file) }
                return TravelService(store: store, profiles: profiles, clock: { LocalTime.current() })
            } catch {
                throw .travel("\(error)")
            }
        }

        /// The assistant with the LLM path when the configuration has an `llm` section (validated at load: loopback
        /// or a Unix socket only); `nil`: the engine alone answers.
        static func llmAssistant(_ configuration: DaemonConfiguration, travel: TravelService?) -> LLMAssistant? {
            guard let llm = configuration.llm, let endpoint = try? LLMEndpoint(parsing: llm.endpoint) else { return nil }
            let settings = LLMSettings(
                endpoint: endpoint, model: llm.model, mode: LLMMode(rawValue: llm.mode) ?? .fallback,
                deadline: .milliseconds(llm.deadlineMilliseconds), maxToolRounds: llm.maxToolRounds)
            let breaker = CircuitBreaker(
                threshold: llm.breakerThreshold, coolDown: .milliseconds(Int64((llm.breakerCoolDownSeconds * 1000).rounded())))
            return LLMAssistant(
                assistant: Assistant(travel: travel), client: ChatClient(endpoint: endpoint, transport: SocketTransport(), breaker: breaker),
                settings: settings)
        }

        static func demoVehicle(_ facts: ProcessFacts) throws(GeniusDaemonError) -> String {
            try DemoVehicle.locate(
                executable: facts.executablePath, currentDirectory: facts.currentDirectory,
                dataDirectory: facts.environment["GENIUSD_DATA_DIR"], exists: Platform.fileExists)
        }

        // MARK: - Running

        /// Runs until SIGTERM or SIGINT (or the task is cancelled).
        /// - Throws: `GeniusDaemonError` when a resource cannot be acquired; nothing has been announced then.
        public func run() async throws {
            var configuration = initial
            let vehicle = try Self.loadVehicle(configuration, facts: facts)
            let current = CurrentStore(SignalStore(mapping: vehicle.mapping))
            restoreLastKnownValues(configuration, into: current.store)
            let source = try OpenedSource.open(configuration.effectiveSource, mapping: vehicle.mapping, vehicleDirectory: vehicle.directory)
            current.store.ingest(source.preroll())
            let progress = IngestProgress()
            let status = SourceStatus(source: source, progress: progress)
            let locale = (try? GeniusLocale(identifier: configuration.locale)) ?? .enUS
            let alerts = AlertFeed(locale: locale)
            let travel = try Self.openTravel(configuration, vehicle: vehicle) { logger.warning("\($0)") }
            let service = GeniusService(
                configuration: GeniusService.Configuration(locale: locale, minimumSubscribeInterval: configuration.limits.subscribeInterval),
                store: current, assistant: Assistant(travel: travel), llm: Self.llmAssistant(configuration, travel: travel),
                sessions: AskSessions(
                    capacity: configuration.limits.sessions, idleLimit: .clampedSeconds(configuration.limits.sessionIdle, maximum: 2_592_000)),
                alerts: alerts, bus: status, logger: logger)
            let varlink = try service.makeVarlinkService(
                info: ServiceInfo(vendor: "Car Genius", product: "geniusd", version: Self.version, url: "https://example.invalid/cargenius"),
                extra: travel.map { [try TravelAPI(travel: $0).interface()] } ?? [])
            let (server, boundAddress) = try makeServer(varlink, configuration: configuration)
            service.apiServer.attach {
                (server.connectionCount, Dictionary(uniqueKeysWithValues: server.refusals.map { ($0.key.rawValue, $0.value) }))
            }
            let dbus = openDBus(varlink, configuration: configuration)
            // Trapped before READY=1, so a SIGTERM right after it is a graceful stop.
            let signals = trapsSignals ? await UnixSignalsSequence(trapping: .sigterm, .sigint, .sighup) : nil
            let switcher = SourceSwitch(source)

            notify([.ready, .status(statusLine(status: status, store: current.store, clients: 0))])
            let readyNanoseconds = monotonic()
            var readyMetadata = GeniusMessageID.daemonReady.metadata
            readyMetadata["genius.ready_ms"] = "\(readyNanoseconds / 1_000_000)"
            readyMetadata["genius.source"] = "\(source.names.joined(separator: ","))"
            if let boundAddress { readyMetadata["genius.address"] = "\(boundAddress)" }
            if let manifest = vehicle.manifest { readyMetadata["genius.vehicle"] = "\(manifest)" }
            logger.notice("ready", metadata: readyMetadata)
            readyHandler.withLock { $0 }?(Ready(address: boundAddress, vehicle: vehicle.manifest, nanosecondsToReady: readyNanoseconds))

            let serverRunning = RunningFlag()
            let startConfiguration = configuration
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    do {
                        try await server.run()
                    } catch {
                        self.logger.critical("the API server stopped", metadata: ["error": "\(error)"])
                    }
                    serverRunning.value.store(false, ordering: .relaxed)
                }
                if let dbus {
                    group.addTask { await dbus.run() }
                }
                group.addTask {
                    await self.ingest(
                        switcher: switcher, store: current, progress: progress, status: status, stallAfter: startConfiguration.debugStallIngestAfter)
                }
                group.addTask { await self.housekeeping(store: current, alerts: alerts, sessions: service.sessions, progress: progress) }
                group.addTask { await self.saveLastKnownValues(store: current, configuration: startConfiguration) }
                group.addTask {
                    await self.supervise(
                        progress: progress, status: status, store: current, server: server, varlink: varlink, serverRunning: serverRunning,
                        stallLimit: startConfiguration.ingestStallLimit, paced: { switcher.current.paced })
                }
                if let signals {
                    group.addTask {
                        for await signal in signals {
                            self.commandContinuation.yield(signal == .sighup ? .reload : .stop(reason: "\(signal)"))
                        }
                    }
                }
                commandLoop: for await command in commands {
                    switch command {
                    case .reload:
                        configuration = await reload(
                            from: configuration, store: current, switcher: switcher, status: status, vehicleDirectory: vehicle.directory)
                    case .stop(let reason):
                        logger.notice("stopping", metadata: ["genius.reason": "\(reason)"])
                        break commandLoop
                    }
                }
                notify([.stopping])
                group.cancelAll()
                switcher.current.stop()
            }
            saveFinal(current.store, configuration: configuration)
            // A socket geniusd bound itself goes with it; a passed one belongs to the service manager.
            if let boundAddress, let address = try? VarlinkAddress(parsing: boundAddress), !address.isAbstract {
                Platform.removeFile(address.path)
            }
            logger.notice("stopped")
        }

        /// The API on the configured D-Bus bus, or `nil` (logged) when it is off, absent or refuses the name:
        /// the D-Bus API is an addition, and Varlink serves without it.
        func openDBus(_ varlink: VarlinkService, configuration: DaemonConfiguration) -> DBusServer? {
            let bus: DBusBus
            do {
                guard let chosen = try DBusBus(setting: configuration.dbus) else {
                    logger.info("D-Bus API off: disabled by the configuration", metadata: ["genius.dbus": "off"])
                    return nil
                }
                bus = chosen
            } catch {
                logger.warning("D-Bus API off", metadata: ["error": "\(error)"])
                return nil
            }
            do {
                let server = try DBusServer(bus: bus, service: varlink, logger: logger)
                logger.notice(
                    "D-Bus API on",
                    metadata: ["genius.dbus": "\(bus)", "genius.dbus_name": "\(GeniusDBus.busName)", "genius.dbus_unique": "\(server.uniqueName)"])
                return server
            } catch {
                let level: Logger.Level = bus == .system && error == .connect(bus: "system", errno: 2) ? .info : .warning
                logger.log(level: level, "D-Bus API off: Varlink only", metadata: ["genius.dbus": "\(bus)", "error": "\(error)"])
                return nil
            }
        }

        /// Binds the configured address, or serves the passed socket.
        func makeServer(_ varlink: VarlinkService, configuration: DaemonConfiguration) throws(GeniusDaemonError) -> (VarlinkSocketServer, String?) {
            let policy = AccessPolicy(
                ownUserID: Platform.userID, groupID: configuration.group.flatMap(Platform.groupID(named:)),
                groupsOfUser: Platform.groups(ofUser:))
            if let group = configuration.group, policy.groupID == nil {
                logger.warning("the API group does not exist: only root and geniusd's own user may call", metadata: ["genius.group": "\(group)"])
            }
            let refusals = RefusalLog(logger: logger)
            let authorize: @Sendable (PeerCredentials) -> Bool = { peer in policy.allows(uid: peer.uid, gid: peer.gid) }
            let limits = configuration.limits
            var serverLimits = VarlinkServerLimits()
            serverLimits.maximumMessageSize = limits.messageSize
            serverLimits.maximumConnections = limits.connections
            serverLimits.maximumConnectionsPerUser = limits.connectionsPerUser
            serverLimits.unlimitedUserIDs = [0, Platform.userID]
            serverLimits.sendTimeout = limits.sendTimeout
            serverLimits.idleTimeout = limits.idleTimeout
            serverLimits.halfMessageTimeout = limits.halfMessageTimeout
            serverLimits.limitErrorName = "io.cargenius.Bus.LimitReached"
            let onRefusal: @Sendable (ConnectionRefusal, PeerCredentials?) -> Void = { reason, peer in refusals.record(reason, peer: peer) }
            if let descriptor = listeningDescriptor {
                return (
                    VarlinkSocketServer(
                        service: varlink, listeningDescriptor: descriptor, limits: serverLimits, authorize: authorize, onRefusal: onRefusal), nil
                )
            }
            let address: VarlinkAddress
            do {
                address = try VarlinkAddress(parsing: configuration.address)
            } catch {
                throw .listener(address: configuration.address, problem: "\(error)")
            }
            if !address.isAbstract { try Platform.makeParentDirectory(of: address.path, address: configuration.address) }
            do {
                let server = try VarlinkSocketServer(
                    service: varlink, address: address, mode: address.isAbstract ? nil : configuration.socketMode, limits: serverLimits,
                    authorize: authorize, onRefusal: onRefusal)
                return (server, address.description)
            } catch {
                throw .listener(address: configuration.address, problem: "\(error)")
            }
        }

        // MARK: - Ingest

        /// Reads the source into the current store until cancelled, switching sources on a reload.
        func ingest(switcher: SourceSwitch, store: CurrentStore, progress: IngestProgress, status: SourceStatus, stallAfter: Double?) async {
            var opened = switcher.current
            var frames = opened.makeFrames()
            var batch: [CANFrame] = []
            batch.reserveCapacity(1024)
            let stallDeadline = stallAfter.map { monotonic() + Int64($0 * 1e9) }
            var errors = RateLimiter(burst: 5, interval: .seconds(60))
            while !Task.isCancelled {
                progress.waiting(at: monotonic())
                var more = false
                do {
                    more = try await frames.receive(into: &batch)
                } catch {
                    if Task.isCancelled { break }
                    if case .allow(let suppressed) = errors.admit() {
                        logger.error("the frame source failed", metadata: ["error": "\(error)", "genius.suppressed": "\(suppressed)"])
                    }
                    try? await Task.sleep(for: .milliseconds(500))
                    continue
                }
                progress.processing(at: monotonic())
                if let next = switcher.takePending() {
                    opened = next
                    frames = next.makeFrames()
                    status.replace(next)
                    continue
                }
                if let stallDeadline, monotonic() >= stallDeadline {
                    logger.warning("ingest stalled on purpose (--debug-stall-ingest-after): no more watchdog pings")
                    while !Task.isCancelled { try? await Task.sleep(for: .seconds(3600)) }
                    break
                }
                guard more else {
                    if opened.loops {
                        frames = opened.makeFrames()
                        continue
                    }
                    if Task.isCancelled { break }
                    progress.ended(at: monotonic())
                    status.markEnded(true)
                    logger.notice("the frame source ended", metadata: ["genius.source": "\(opened.names.joined(separator: ","))"])
                    // Asleep until a reload queues another source: an ended replay costs no wake-ups.
                    while !Task.isCancelled, !switcher.hasPending { await switcher.queued.wait() }
                    continue
                }
                store.store.ingest(batch)
                progress.handled(frames: batch.count)
            }
        }

        // MARK: - Periodic work

        /// While frames come: staleness every 100 ms, alerts every 200 ms. When none come, values change only
        /// when one goes stale: the loop sleeps until the next can, and once all have, until frames come again
        /// (at most a minute, for session expiry). An ended replay or a parked car costs no wake-ups here.
        func housekeeping(store: CurrentStore, alerts: AlertFeed, sessions: AskSessions, progress: IngestProgress) async {
            var tick = 0
            var staleLog = RateLimiter(burst: 5, interval: .seconds(60))
            var knownStale: Set<String> = []
            var framesSeen = progress.frames
            var lastExpiry = monotonic()
            while !Task.isCancelled {
                let frames = progress.frames
                if frames != framesSeen {
                    framesSeen = frames
                    do {
                        try await Task.sleep(for: .milliseconds(100), tolerance: .milliseconds(20))
                    } catch {
                        break
                    }
                } else if let deadline = store.store.nextStalenessDeadline() {
                    let left = deadline.nanoseconds - store.store.configuration.clock().nanoseconds
                    // A little past the deadline, so the value is stale when looked at; woken early by frames.
                    await progress.activity.wait(
                        upTo: .nanoseconds(min(max(left, 0), 60_000_000_000) + 20_000_000), sleep: Platform.quietSleep(for:))
                } else {
                    await progress.activity.wait(upTo: .seconds(60), sleep: Platform.quietSleep(for:))
                }
                if Task.isCancelled { break }
                tick += 1
                let current = store.store
                let stale = current.checkStaleness()
                if stale > 0 {
                    // Which paths: only now, when some went stale (never per frame).
                    let stalePaths = Set(current.read(current.mapping.slots.map(\.path)).filter { $0.status == .stale }.map(\.path))
                    let newly = stalePaths.subtracting(knownStale).sorted()
                    knownStale = stalePaths
                    if !newly.isEmpty, case .allow(let suppressed) = staleLog.admit() {
                        var metadata = GeniusMessageID.signalStale.metadata
                        metadata["vss.path"] = "\(newly[0])"
                        metadata["genius.paths"] = "\(newly.prefix(20).joined(separator: " "))"
                        metadata["genius.count"] = "\(newly.count)"
                        if suppressed > 0 { metadata["genius.suppressed"] = "\(suppressed)" }
                        logger.notice("signals went stale", metadata: metadata)
                    }
                }
                // Every other tick while frames come; on every wake-up when idle (those are rare and mean a change).
                if tick % 2 == 0 || progress.frames == framesSeen {
                    for event in alerts.observe(current) {
                        var metadata: Logger.Metadata = ["genius.alert": "\(event.id)", "genius.active": "\(event.active)"]
                        if let path = event.path { metadata["vss.path"] = "\(path)" }
                        logger.notice(event.active ? "alert raised" : "alert cleared", metadata: metadata)
                    }
                }
                if monotonic() - lastExpiry >= 60_000_000_000 {
                    sessions.expire()
                    lastExpiry = monotonic()
                }
            }
        }

        /// Feeds the watchdog while the ingest and the API make progress, and keeps STATUS= current.
        func supervise(
            progress: IngestProgress, status: SourceStatus, store: CurrentStore, server: VarlinkSocketServer, varlink: VarlinkService,
            serverRunning: RunningFlag, stallLimit: Double, paced: @Sendable () -> Bool
        ) async {
            let interval = min(watchdog?.pingInterval ?? .seconds(1), .seconds(1))
            // With the source ended and no client, nothing can change but a reload or a call: the watchdog's
            // ping (half its interval) is the only timer needed, else a check every 10 s.
            let idleInterval = max(interval, watchdog?.pingInterval ?? .seconds(10))
            var warnings = RateLimiter(burst: 1, interval: .seconds(30))
            var lastStatistics = store.store.statistics
            var problems = RateLimiter(burst: 1, interval: .seconds(60))
            var lastLine = ""
            while !Task.isCancelled {
                let idle = progress.currentPhase == .ended && server.connectionCount == 0
                if idle {
                    await Platform.quietSleep(for: idleInterval)
                    if Task.isCancelled { break }
                } else {
                    do {
                        try await Task.sleep(for: interval, tolerance: .milliseconds(50))
                    } catch {
                        break
                    }
                }
                let now = monotonic()
                for event in status.sample(at: now) {
                    switch event {
                    case .lost(let interface, let link):
                        var metadata = GeniusMessageID.interfaceLost.metadata
                        metadata["can.interface"] = "\(interface)"
                        metadata["genius.link"] = "\(link)"
                        logger.error("CAN interface lost", metadata: metadata)
                    case .back(let interface):
                        logger.notice("CAN interface back", metadata: ["can.interface": "\(interface)"])
                    case .busOff(let interface, let count):
                        var metadata = GeniusMessageID.busOff.metadata
                        metadata["can.interface"] = "\(interface)"
                        metadata["genius.bus_off_count"] = "\(count)"
                        logger.error("CAN controller went bus-off", metadata: metadata)
                    }
                }
                let ingestHealthy = progress.isHealthy(
                    at: now, stallLimit: Int64(stallLimit * 1e9), quietLimit: paced() ? Int64(max(5, stallLimit) * 1e9) : nil)
                let answers = await Self.answersGetInfo(varlink)
                let apiHealthy = serverRunning.value.load(ordering: .relaxed) && answers
                let line = statusLine(status: status, store: store.store, clients: server.connectionCount)
                if watchdog != nil, ingestHealthy, apiHealthy {
                    notify([.watchdog, .status(line)])
                } else if line != lastLine {
                    notify([.status(line)])
                }
                lastLine = line
                if !(ingestHealthy && apiHealthy), case .allow = warnings.admit() {
                    logger.error(
                        "no progress: watchdog pings withheld",
                        metadata: ["genius.ingest_healthy": "\(ingestHealthy)", "genius.api_healthy": "\(apiHealthy)"])
                }
                // Per-frame problems, summarised (never logged per frame).
                let statistics = store.store.statistics
                let unknown = statistics.framesUnknown - lastStatistics.framesUnknown
                let decode = statistics.decodeErrors - lastStatistics.decodeErrors
                let checksum = statistics.checksumErrors - lastStatistics.checksumErrors
                if unknown + decode + checksum > 0, case .allow(let suppressed) = problems.admit() {
                    var metadata: Logger.Metadata = [
                        "genius.unknown_ids": "\(unknown)", "genius.decode_errors": "\(decode)", "genius.checksum_errors": "\(checksum)",
                    ]
                    if suppressed > 0 { metadata.merge(GeniusMessageID.problemsSuppressed.metadata) { $1 } }
                    logger.warning("frames that could not be used", metadata: metadata)
                    lastStatistics = statistics
                } else if unknown + decode + checksum == 0 {
                    lastStatistics = statistics
                }
            }
        }

        /// Whether the service answers `org.varlink.service.GetInfo` in-process.
        static func answersGetInfo(_ varlink: VarlinkService) async -> Bool {
            let answered = Mutex(false)
            do {
                try await varlink.handle(VarlinkCall(method: "org.varlink.service.GetInfo")) { reply in
                    answered.withLock { $0 = reply.error == nil }
                }
            } catch {
                return false
            }
            return answered.withLock { $0 }
        }

        func statusLine(status: SourceStatus, store: SignalStore, clients: Int) -> String {
            let paths = store.mapping.slots.map(\.path)
            let available = store.read(paths).filter { $0.status == .available }.count
            let rate = Int(status.framesPerSecond.rounded())
            return "\(rate) frames/s from \(status.label), \(available)/\(paths.count) signals available, \(clients) clients"
        }

        // MARK: - Last-known values

        func restoreLastKnownValues(_ configuration: DaemonConfiguration, into store: SignalStore) {
            guard let path = configuration.stateFile else { return }
            let orphans = InterruptedSaves.removeOrphans(nextTo: path)
            if !orphans.isEmpty {
                logger.notice(
                    "removed the temporary files of interrupted saves",
                    metadata: [
                        "genius.count": "\(orphans.count)", "genius.file": "\(path)", "genius.names": "\(orphans.prefix(10).joined(separator: " "))",
                    ])
            }
            do {
                let restored = try LastKnownValuesWriter(store: store, file: LastKnownValuesFile(path: path)).restore()
                logger.info("last-known values restored", metadata: ["genius.count": "\(restored)", "genius.file": "\(path)"])
            } catch {
                logger.warning("last-known values not restored", metadata: ["error": "\(error)"])
            }
        }

        func saveLastKnownValues(store: CurrentStore, configuration: DaemonConfiguration) async {
            guard configuration.stateFile != nil else { return }
            var saved: (store: ObjectIdentifier, version: UInt64)?
            while !Task.isCancelled {
                await Platform.quietSleep(for: .clampedSeconds(configuration.saveInterval))
                if Task.isCancelled { break }
                let current = store.store
                guard let path = configuration.stateFile else { continue }
                let previous = saved?.store == ObjectIdentifier(current) ? saved?.version : nil
                do {
                    let version = try LastKnownValuesWriter(store: current, file: LastKnownValuesFile(path: path)).saveIfChanged(since: previous)
                    saved = (ObjectIdentifier(current), version)
                } catch {
                    logger.warning("last-known values not saved", metadata: ["error": "\(error)"])
                }
            }
        }

        func saveFinal(_ store: SignalStore, configuration: DaemonConfiguration) {
            guard let path = configuration.stateFile else { return }
            do {
                try LastKnownValuesWriter(store: store, file: LastKnownValuesFile(path: path)).saveIfChanged(since: nil)
                logger.info("last-known values saved", metadata: ["genius.file": "\(path)"])
            } catch {
                logger.error("last-known values not saved", metadata: ["error": "\(error)"])
            }
        }

        // MARK: - Reload

        /// SIGHUP: configuration, vehicle and source again; the old ones stay when a new one is broken.
        func reload(
            from configuration: DaemonConfiguration, store: CurrentStore, switcher: SourceSwitch, status: SourceStatus,
            vehicleDirectory: String
        ) async -> DaemonConfiguration {
            notify([NotifyState.reloadingNow()])
            logger.notice("reloading")
            defer { notify([.ready, .status(statusLine(status: status, store: store.store, clients: 0))]) }
            do throws(GeniusDaemonError) {
                let next = try reloadConfiguration()
                let vehicle = try Self.loadVehicle(next, facts: facts)
                var source: OpenedSource?
                if next.effectiveSource != configuration.effectiveSource || next.vehicle != configuration.vehicle
                    || next.networks != configuration.networks
                {
                    source = try OpenedSource.open(next.effectiveSource, mapping: vehicle.mapping, vehicleDirectory: vehicle.directory)
                }
                let fresh = SignalStore(mapping: vehicle.mapping)
                fresh.restore(store.store.snapshot())
                store.replace(with: fresh)
                if let source { switcher.replace(with: source) }
                var unchanged: [String] = []
                if next.address != configuration.address { unchanged.append("address") }
                if next.group != configuration.group { unchanged.append("group") }
                if next.limits != configuration.limits { unchanged.append("limits") }
                if next.locale != configuration.locale { unchanged.append("locale") }
                if next.places != configuration.places || next.profiles != configuration.profiles { unchanged.append("travel") }
                var metadata: Logger.Metadata = ["genius.source": "\(next.effectiveSource.kind)"]
                if !unchanged.isEmpty { metadata["genius.needs_restart"] = "\(unchanged.joined(separator: ","))" }
                logger.notice("reloaded", metadata: metadata)
                var applied = next
                applied.address = configuration.address
                applied.group = configuration.group
                applied.limits = configuration.limits
                applied.locale = configuration.locale
                applied.places = configuration.places
                applied.profiles = configuration.profiles
                return applied
            } catch {
                var metadata = GeniusMessageID.reloadFailed.metadata
                metadata["error"] = "\(error)"
                logger.error("reload failed: the running configuration stays", metadata: metadata)
                return configuration
            }
        }
    }

    /// Logs each refusal or cut-off of an API client once per user and reason, then at most once a minute
    /// with the count suppressed meanwhile: a refused uid opening 300 connections is one warning, not 300.
    final class RefusalLog: Sendable {
        private struct Entry {
            var loggedAt: ContinuousClock.Instant
            var suppressed: Int
        }
        private let logger: Logger
        private let entries = Mutex<[String: Entry]>([:])

        init(logger: Logger) { self.logger = logger }

        func record(_ reason: ConnectionRefusal, peer: PeerCredentials?) {
            let key = "\(peer.map { String($0.uid) } ?? "?") \(reason.rawValue)"
            let now = ContinuousClock.now
            let suppressed = entries.withLock { entries -> Int? in
                if var entry = entries[key], now - entry.loggedAt < .seconds(60) {
                    entry.suppressed += 1
                    entries[key] = entry
                    return nil
                }
                if entries.count >= 1024 { entries.removeAll() }  // bounded: a flood of distinct uids forgets, never grows
                let suppressed = entries[key]?.suppressed ?? 0
                entries[key] = Entry(loggedAt: now, suppressed: 0)
                return suppressed
            }
            guard let suppressed else { return }
            var metadata = GeniusMessageID.clientRefused.metadata
            metadata["genius.refusal"] = "\(reason.rawValue)"
            if let peer {
                metadata["genius.peer_uid"] = "\(peer.uid)"
                metadata["genius.peer_gid"] = "\(peer.gid)"
                metadata["genius.peer_pid"] = "\(peer.pid)"
            }
            if suppressed > 0 { metadata["genius.suppressed"] = "\(suppressed)" }
            let message: Logger.Message =
                switch reason {
                case .permission: "client refused: not root and not in the API group"
                case .credentials: "client refused: its credentials could not be read"
                case .connections: "client refused: the connection limit is reached"
                case .connectionsPerUser: "client refused: its user's connection limit is reached"
                case .idle: "client cut off: idle too long"
                case .halfMessage: "client cut off: a message was not finished in time"
                case .slowReader: "client cut off: it stopped reading replies"
                case .evicted: "client cut off: idle while the server was full"
                }
            logger.warning(message, metadata: metadata)
        }
    }

    /// A flag shared between tasks.
    final class RunningFlag: Sendable {
        let value = Atomic<Bool>(true)
    }

    /// The source the ingest reads, and one waiting to replace it after a reload.
    final class SourceSwitch: Sendable {
        private let state: Mutex<(current: OpenedSource, pending: OpenedSource?)>

        init(_ source: OpenedSource) { state = Mutex((source, nil)) }

        var current: OpenedSource { state.withLock { $0.current } }
        var hasPending: Bool { state.withLock { $0.pending != nil } }
        /// Rung when a source is queued: an ingest whose source ended waits on it.
        let queued = Doorbell()

        /// Queues `source`; the ingest takes it after its current batch. The old source is stopped (which
        /// wakes an ingest waiting on a quiet bus).
        func replace(with source: OpenedSource) {
            let old = state.withLock { state -> OpenedSource in
                let old = state.pending ?? state.current
                state.pending = source
                return old
            }
            old.stop()
            queued.ring()
        }

        func takePending() -> OpenedSource? {
            state.withLock { state in
                guard let pending = state.pending else { return nil }
                state.current = pending
                state.pending = nil
                return pending
            }
        }
    }

    extension Duration {
        /// The whole duration in nanoseconds.
        var wholeNanoseconds: Int64 {
            let (seconds, attoseconds) = components
            return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
        }
    }
#endif
