import JSON
#if os(Linux)
    import FoundationEssentials
    import GeniusDaemon
    import Glibc
    import Logging
    import Synchronization
    import Systemd
    import Testing
    import Varlink
    import VarlinkSocket

    /// A datagram socket standing in for systemd's `NOTIFY_SOCKET`: it records every notification with
    /// the time it arrived.
    final class NotifySocket: Sendable {
        let path: String
        let fd: Int32
        let received = Mutex<[(time: ContinuousClock.Instant, text: String)]>([])

        init(path: String) throws {
            self.path = path
            fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else { throw VarlinkSocketError.systemCall("socket", errno: errno, address: path) }
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &address.sun_path) { raw in
                for (index, byte) in path.utf8.enumerated() { raw[index] = byte }
            }
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
            guard bound == 0 else { throw VarlinkSocketError.systemCall("bind", errno: errno, address: path) }
        }

        deinit {
            close(fd)
            unlink(path)
        }

        /// Reads what has arrived.
        func drain() {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = recv(fd, &buffer, buffer.count, 0)
                guard count > 0 else { return }
                let text = String(decoding: buffer[0..<count], as: UTF8.self)
                received.withLock { $0.append((ContinuousClock.now, text)) }
            }
        }

        /// Waits until a notification contains `assignment`; returns when it arrived.
        @discardableResult
        func wait(for assignment: String, after: ContinuousClock.Instant? = nil, timeout: Duration = .seconds(20)) async throws
            -> ContinuousClock.Instant
        {
            let deadline = ContinuousClock.now + timeout
            while ContinuousClock.now < deadline {
                drain()
                let found = received.withLock { entries in
                    entries.first { entry in
                        entry.text.split(separator: "\n").contains { $0 == assignment } && (after.map { entry.time > $0 } ?? true)
                    }?.time
                }
                if let found { return found }
                try await Task.sleep(for: .milliseconds(10))
            }
            throw VarlinkError.connectionClosed
        }

        /// Every notification so far, in order.
        var texts: [String] {
            drain()
            return received.withLock { $0.map(\.text) }
        }

        /// The arrival times of notifications containing `assignment`.
        func times(of assignment: String) -> [ContinuousClock.Instant] {
            drain()
            return received.withLock { entries in
                entries.filter { $0.text.split(separator: "\n").contains { $0 == assignment } }.map(\.time)
            }
        }
    }

    func temporaryDirectory() throws -> String {
        var template = Array("/tmp/geniusd-test-XXXXXX".utf8CString)
        guard let directory = mkdtemp(&template) else { throw VarlinkSocketError.systemCall("mkdtemp", errno: errno, address: nil) }
        return String(cString: directory)
    }

    func removeTree(_ path: String) {
        guard let directory = opendir(path) else { return }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { unlink(path + "/" + name) }
        }
        closedir(directory)
        rmdir(path)
    }

    /// Runs a program to its end (off the concurrency pool's threads) and returns its standard output.
    func runChild(_ arguments: [String]) async throws -> String {
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else { throw VarlinkSocketError.systemCall("pipe", errno: errno, address: nil) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 1)
        posix_spawn_file_actions_addclose(&actions, pipeEnds[0])
        var pid: pid_t = 0
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let spawned = posix_spawn(&pid, arguments[0], &actions, nil, argv, environ)
        close(pipeEnds[1])
        guard spawned == 0 else {
            close(pipeEnds[0])
            throw VarlinkSocketError.systemCall("posix_spawn", errno: spawned, address: nil)
        }
        let descriptor = pipeEnds[0]
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            let count = read(descriptor, &buffer, buffer.count)
            if count > 0 {
                output += buffer[0..<count]
            } else if count == 0 {
                break
            } else {
                try await Task.sleep(for: .milliseconds(10))
            }
        }
        close(descriptor)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        return String(decoding: output, as: UTF8.self)
    }

    let quietLogger = Logger(label: "geniusd-test", factory: { _ in SwiftLogNoOpLogHandler() })

    /// A daemon on the replayed demo drive, serving on a socket in a fresh directory, notifying a socket the test owns.
    struct RunningDaemon {
        let directory: String
        let daemon: Daemon
        let notify: NotifySocket
        let task: Task<Void, any Error>
        /// Reads the notify socket every 10 ms, so that arrival times are true.
        let listening: Task<Void, Never>
        var address: VarlinkAddress { VarlinkAddress(path: directory + "/io.cargenius") }

        static func start(
            configure: (inout DaemonConfiguration) -> Void = { _ in }, watchdog: Duration? = .seconds(1),
            reload: (@Sendable (String) throws(GeniusDaemonError) -> DaemonConfiguration)? = nil
        ) async throws -> RunningDaemon {
            let directory = try temporaryDirectory()
            let notify = try NotifySocket(path: directory + "/notify")
            var configuration = DaemonConfiguration()
            configuration.address = "unix:" + directory + "/io.cargenius"
            configuration.source = .replay(log: repositoryRoot + "/can-dbc/demo-ev/demo-drive.log", speed: 2, loop: true)
            configuration.vehicle = repositoryRoot + "/can-dbc/demo-ev/vehicle.json"
            configuration.stateFile = directory + "/last-known-values.json"
            configure(&configuration)
            let initial = configuration
            let daemon = Daemon(
                configuration: configuration,
                reloadConfiguration: { () throws(GeniusDaemonError) in try reload?(directory) ?? initial },
                notifier: try SystemdNotifier(socketPath: notify.path), watchdog: watchdog.map(WatchdogSettings.init(timeout:)),
                listeningDescriptor: nil,
                facts: Daemon.ProcessFacts(executablePath: nil, currentDirectory: repositoryRoot, environment: [:]),
                logger: quietLogger, trapsSignals: false)
            let listening = Task {
                while !Task.isCancelled {
                    notify.drain()
                    try? await Task.sleep(for: .milliseconds(10))
                }
            }
            let task = Task { try await daemon.run() }
            try await notify.wait(for: "READY=1")
            return RunningDaemon(directory: directory, daemon: daemon, notify: notify, task: task, listening: listening)
        }

        func client() throws -> VarlinkClient { VarlinkClient(transport: try UnixSocketTransport(connectingTo: address)) }

        /// Stops the daemon as SIGTERM does and waits for it; `removeTree(directory)` afterwards cleans up.
        func stop() async throws {
            daemon.stop()
            try await task.value
            notify.drain()
            listening.cancel()
        }
    }

    @Suite(.serialized) struct DaemonTests {
        @Test func servesTheAPIFeedsTheWatchdogAndSavesValuesOnStop() async throws {
            let running = try await RunningDaemon.start()
            let ready = try await running.notify.wait(for: "READY=1")
            // The socket is there with the configured mode, and the API answers.
            var status = stat()
            #expect(stat(running.address.path, &status) == 0)
            #expect(status.st_mode & 0o777 == 0o660)
            let client = try running.client()
            try await Task.sleep(for: .milliseconds(300))
            let got = try await client.call("io.cargenius.Vehicle.Get", ["paths": ["Vehicle.Speed", "Vehicle.Nope"]])
            #expect(got["values"]?.array?.first?["status"] == "available")
            #expect(got["values"]?.array?.last?["status"] == "unknown")
            let answer = try await client.call("io.cargenius.Assistant.Ask", ["text": "what is the tyre pressure", "session": "t"])
            #expect(answer["agent"] == "car-genius")
            #expect(answer["intent"] == "tire_pressure")
            let bus = try await client.call("io.cargenius.Bus.Status")
            #expect(bus["interfaces"]?.array?.first?["kind"] == "replay")
            #expect(bus["interfaces"]?.array?.first?["state"] == "up")
            // Pings come at half the watchdog timeout; STATUS says frames/s, signals and clients.
            #expect(try await running.notify.wait(for: "WATCHDOG=1", after: ready) > ready)
            let connected = ContinuousClock.now
            try await running.notify.wait(for: "WATCHDOG=1", after: connected)
            let statusLine = running.notify.texts.last { $0.contains("STATUS=") && $0.contains("signals available") }
            #expect(statusLine?.contains("1 clients") == true, "\(statusLine ?? "no STATUS")")
            try await running.stop()
            let texts = running.notify.texts
            #expect(texts.contains { $0.contains("STOPPING=1") })
            #expect(access(running.address.path, F_OK) != 0)  // the socket it bound went with it
            // Stopping saved the last-known values.
            let saved = try Data(contentsOf: URL(filePath: running.directory + "/last-known-values.json"))
            #expect(String(decoding: saved, as: UTF8.self).contains("Vehicle.Speed"))
            removeTree(running.directory)
        }

        @Test func aStalledIngestStopsTheWatchdogPings() async throws {
            let running = try await RunningDaemon.start(configure: { configuration in
                configuration.debugStallIngestAfter = 1
                configuration.ingestStallLimit = 0.5
            })
            let ready = try await running.notify.wait(for: "READY=1")
            try await Task.sleep(for: .seconds(4))
            let pings = running.notify.times(of: "WATCHDOG=1").map { $0 - ready }
            let statuses = running.notify.texts.filter { $0.contains("STATUS=") }.count
            // Pings while the ingest runs, none once it has been stuck longer than the stall limit (1 s + 0.5 s).
            #expect(!pings.isEmpty)
            #expect(pings.allSatisfy { $0 < .milliseconds(2200) }, "\(pings)")
            // The supervisor itself is alive: STATUS keeps coming.
            #expect(statuses >= 4)
            // The API still answers while the ingest is stuck.
            let client = try running.client()
            let info = try await client.call("org.varlink.service.GetInfo")
            #expect(info["product"] == "geniusd")
            try await running.stop()
            removeTree(running.directory)
        }

        @Test func reloadKeepsClientsAndTheOldConfigurationWhenTheNewOneIsBroken() async throws {
            let next = Mutex<String?>(nil)
            let running = try await RunningDaemon.start(
                configure: { $0.source = .simulator(scenario: "demo-drive") }, watchdog: nil,
                reload: { directory throws(GeniusDaemonError) in
                    var configuration = try DaemonConfiguration.parse(Data((next.withLock { $0 } ?? "{}").utf8), file: directory + "/geniusd.json")
                    configuration.address = "unix:" + directory + "/io.cargenius"
                    configuration.vehicle = repositoryRoot + "/can-dbc/demo-ev/vehicle.json"
                    return configuration
                })
            let client = try running.client()
            // The simulator's first second was ingested before READY=1: the first question has values.
            let first = try await client.call("io.cargenius.Vehicle.Get", ["paths": ["Vehicle.Powertrain.Range"]])
            #expect(first["values"]?.array?.first?["status"] == "available")
            #expect(try await client.call("io.cargenius.Bus.Status")["interfaces"]?.array?.first?["kind"] == "simulator")
            // A broken file: RELOADING=1, then READY=1, and everything stays as it was.
            next.withLock { $0 = #"{"source": {"kind": "replay", "log": "/nonexistent/drive.log"}}"# }
            var before = ContinuousClock.now
            running.daemon.reload()
            let reloading = try await running.notify.wait(for: "RELOADING=1", after: before)
            try await running.notify.wait(for: "READY=1", after: reloading)
            #expect(try await client.call("io.cargenius.Bus.Status")["interfaces"]?.array?.first?["kind"] == "simulator")
            // A good one: the source changes under the same connection.
            next.withLock {
                $0 = "{\"source\": {\"kind\": \"replay\", \"log\": \"\(repositoryRoot)/can-dbc/demo-ev/demo-drive.log\", \"loop\": true}}"
            }
            before = ContinuousClock.now
            running.daemon.reload()
            let second = try await running.notify.wait(for: "RELOADING=1", after: before)
            try await running.notify.wait(for: "READY=1", after: second)
            try await Task.sleep(for: .milliseconds(300))
            let bus = try await client.call("io.cargenius.Bus.Status")
            #expect(bus["interfaces"]?.array?.first?["kind"] == "replay")
            let got = try await client.call("io.cargenius.Vehicle.Get", ["paths": ["Vehicle.Speed"]])
            #expect(got["values"]?.array?.first?["status"] == "available")
            try await running.stop()
            removeTree(running.directory)
        }

        /// Another user (nobody, not in the group) connects: it gets PermissionDenied; root is served.
        @Test(.enabled(if: getuid() == 0 && access("/usr/bin/setpriv", X_OK) == 0 && access("/usr/bin/python3", X_OK) == 0))
        func aPeerOutsideTheGroupIsRefused() async throws {
            let running = try await RunningDaemon.start(configure: { $0.socketMode = 0o666 }, watchdog: nil)
            chmod(running.directory, 0o755)
            let script = """
                import socket, sys
                s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1])
                s.sendall(b'{"method":"io.cargenius.Vehicle.Get","parameters":{"paths":["Vehicle.Speed"]}}\\0')
                data = b""
                while not data.endswith(b"\\0"):
                    chunk = s.recv(4096)
                    if not chunk: break
                    data += chunk
                print(data.rstrip(b"\\0").decode())
                """
            let output = try await runChild(
                ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/python3", "-c", script, running.address.path])
            #expect(output.contains("org.varlink.service.PermissionDenied"), "\(output)")
            let client = try running.client()
            #expect(try await client.call("org.varlink.service.GetInfo")["product"] == "geniusd")
            try await running.stop()
            removeTree(running.directory)
        }

        /// With no vehicle configured, the demo car runs with its places: Travel Companion answers and
        /// io.cargenius.Travel is served.
        @Test func theDemoCarComesWithTravelCompanion() async throws {
            let running = try await RunningDaemon.start(
                configure: { configuration in
                    configuration.vehicle = nil
                    configuration.source = nil
                }, watchdog: nil)
            let client = try running.client()
            let info = try await client.call("org.varlink.service.GetInfo")
            #expect(info["interfaces"]?.array?.contains("io.cargenius.Travel") == true)
            let status = try await client.call("io.cargenius.Travel.Status")
            #expect((status["places"]?.int ?? 0) > 0)
            let answer = try await client.call("io.cargenius.Assistant.Ask", ["text": "find me a pizza place nearby", "session": "trip"])
            #expect(answer["agent"] == "travel-companion", "\(answer)")
            try await running.stop()
            removeTree(running.directory)
        }

        @Test func aBrokenVehicleStopsTheStartBeforeReady() async throws {
            let directory = try temporaryDirectory()
            defer { removeTree(directory) }
            var configuration = DaemonConfiguration()
            configuration.address = "unix:" + directory + "/io.cargenius"
            configuration.vehicle = directory + "/missing.json"
            let fixed = configuration
            let daemon = Daemon(
                configuration: fixed, reloadConfiguration: { fixed }, notifier: nil, watchdog: nil, listeningDescriptor: nil,
                facts: Daemon.ProcessFacts(executablePath: nil, currentDirectory: nil, environment: [:]), logger: quietLogger, trapsSignals: false)
            await #expect(throws: GeniusDaemonError.self) { try await daemon.run() }
            #expect(access(directory + "/io.cargenius", F_OK) != 0)
        }
    }
#endif
