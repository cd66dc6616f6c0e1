import ArgumentParser
import GeniusDaemon
import Logging
import Systemd

/// `geniusd`: the Car Genius daemon. Wiring only: options, logging, systemd, then `Daemon.run()`.
@main
struct GeniusD: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "geniusd",
        abstract: "The Car Genius daemon: CAN signals as VSS, and the io.cargenius.* Varlink API.",
        discussion: """
            With no configuration and no options it runs on the simulated demo car and listens on \
            unix:/run/geniusd/io.cargenius. See docs/geniusd.md for the configuration file and the search \
            order of the demo car.
            """
    )

    @Option(name: .long, help: "The configuration file (JSON, docs/geniusd.md). Also GENIUSD_CONFIG, or geniusd.json in $CONFIGURATION_DIRECTORY.")
    var config: String?

    @Option(name: .long, help: "Where to listen when no socket is passed: unix:PATH or unix:@NAME. Also GENIUS_ADDRESS.")
    var address: String?

    @Option(
        name: .long,
        help: "The D-Bus bus to serve the API on as well: system (default), user, off, or an address (unix:path=...). Also GENIUSD_DBUS."
    )
    var dbus: String?

    @Option(name: .long, help: "The group whose members may call the API (root and geniusd's own user always may).")
    var group: String?

    @Option(name: .long, help: "The default locale of answers: en-US, en-GB, de-DE, zh-CN.")
    var locale: String?

    @Option(name: .long, help: "The vehicle manifest (vehicle.json); default: the demo car.")
    var vehicle: String?

    @Option(name: .long, help: "Read this SocketCAN interface (repeat for several).")
    var interface: [String] = []

    @Option(name: .long, help: "Replay this candump -L log instead of a bus.")
    var replay: String?

    @Option(name: .long, help: "Replay pace: 1 is real time.")
    var replaySpeed: Double?

    @Flag(name: .long, help: "Start the replay over when it ends.")
    var replayLoop = false

    @Option(name: .long, help: "Run the simulator with this scenario (a name from the vehicle's scenarios/, or a path).")
    var scenario: String?

    @Option(name: .long, help: "The last-known values file (default: $STATE_DIRECTORY/last-known-values.json).")
    var stateFile: String?

    @Option(name: .long, help: "Travel Companion's places file (default: the demo car's places.json with the demo car).")
    var places: String?

    @Option(name: .long, help: "The driver profiles file (default: $STATE_DIRECTORY/profiles.json, else in memory).")
    var profiles: String?

    @Option(name: .long, help: "Testing: stop the ingest for good after this many seconds (the watchdog then stops).")
    var debugStallIngestAfter: Double?

    @Option(name: .long, help: "trace, debug, info, notice, warning, error, critical.")
    var logLevel: String?

    @Flag(name: .long, help: "Check the configuration and the vehicle files, then exit.")
    var checkConfig = false

    var overrides: DaemonOverrides {
        var overrides = DaemonOverrides()
        overrides.address = address
        overrides.dbus = dbus
        overrides.group = group
        overrides.locale = locale
        overrides.vehicle = vehicle
        overrides.interfaces = interface
        overrides.replay = replay
        overrides.replaySpeed = replay != nil ? (replaySpeed ?? 1) : replaySpeed
        overrides.replayLoop = replayLoop
        overrides.scenario = scenario
        overrides.stateFile = stateFile
        overrides.debugStallIngestAfter = debugStallIngestAfter
        overrides.logLevel = logLevel
        overrides.places = places
        overrides.profiles = profiles
        return overrides
    }

    func run() async throws {
        let facts = Daemon.ProcessFacts.current()
        let file = DaemonConfiguration.file(option: config, environment: facts.environment, exists: Platform.fileExists)
        let overrides = self.overrides
        let load: @Sendable () throws(GeniusDaemonError) -> DaemonConfiguration = {
            let base = try file.map(DaemonConfiguration.load(file:)) ?? DaemonConfiguration()
            return try base.applying(overrides, environment: facts.environment)
        }
        let loaded = Result { () throws(GeniusDaemonError) in try load() }
        let level = (try? loaded.get()).flatMap { Logger.Level(rawValue: $0.logLevel) } ?? .info
        let destination = LoggingDestination.detect()
        LoggingSystem.bootstrap(destination.handlerFactory(identifier: "geniusd", logLevel: level))
        let logger = Logger(label: "geniusd")

        let configuration: DaemonConfiguration
        switch loaded {
        case .success(let value): configuration = value
        case .failure(let error):
            logger.critical("configuration error: \(error)")
            throw ExitCode(78)  // EX_CONFIG
        }
        if checkConfig {
            do {
                _ = try Daemon.check(configuration, facts: facts)
            } catch {
                logger.critical("configuration error: \(error)")
                throw ExitCode(78)
            }
            return
        }
        do {
            let notifier = try SystemdNotifier.fromEnvironment(unsetEnvironment: true)
            let watchdog = try WatchdogSettings.fromEnvironment(unsetEnvironment: true)
            let sockets = try ListenFDs.take()
            let daemon = Daemon(
                configuration: configuration, reloadConfiguration: load, notifier: notifier, watchdog: watchdog,
                listeningDescriptor: sockets.first?.fileDescriptor, facts: facts, logger: logger)
            try await daemon.run()
        } catch let error as GeniusDaemonError {
            logger.critical("cannot start: \(error)")
            throw ExitCode(error.exitCode)
        } catch {
            logger.critical("cannot start: \(error)")
            throw ExitCode(1)
        }
    }
}
