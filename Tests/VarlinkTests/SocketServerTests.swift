import JSON
#if os(Linux)
    import Glibc
    import Synchronization
    import Testing
    import Varlink
    import VarlinkSocket

    /// A `VarlinkSocketServer` on a fresh socket in a temporary directory, run for the length of `body`.
    func withSocketServer<T>(
        service: VarlinkService, maximumMessageSize: Int = MessageFramer.defaultMaximumMessageSize,
        sendTimeout: Int = 5, authorize: @escaping @Sendable (PeerCredentials) -> Bool = { _ in true },
        _ body: (VarlinkAddress, VarlinkSocketServer) async throws -> T
    ) async throws -> T {
        var limits = VarlinkServerLimits()
        limits.maximumMessageSize = maximumMessageSize
        limits.sendTimeout = sendTimeout
        return try await withSocketServer(service: service, limits: limits, authorize: authorize, body)
    }

    /// The same with every limit given.
    func withSocketServer<T>(
        service: VarlinkService, limits: VarlinkServerLimits, authorize: @escaping @Sendable (PeerCredentials) -> Bool = { _ in true },
        onRefusal: @escaping @Sendable (ConnectionRefusal, PeerCredentials?) -> Void = { _, _ in },
        _ body: (VarlinkAddress, VarlinkSocketServer) async throws -> T
    ) async throws -> T {
        var template = Array("/tmp/varlink-test-XXXXXX".utf8CString)
        guard let directory = mkdtemp(&template) else { throw VarlinkSocketError.systemCall("mkdtemp", errno: errno, address: nil) }
        let folder = String(cString: directory)
        let address = VarlinkAddress(path: folder + "/io.cargenius")
        let server = try VarlinkSocketServer(service: service, address: address, limits: limits, authorize: authorize, onRefusal: onRefusal)
        let running = Task { try await server.run() }
        defer {
            running.cancel()
            unlink(address.path)
            rmdir(folder)
        }
        let result = try await body(address, server)
        running.cancel()
        try await running.value
        return result
    }

    @Suite struct SocketServerTests {
        @Test func swiftClientOverAUnixSocket() async throws {
            try await withSocketServer(service: TestService.make()) { address, _ in
                let client = VarlinkClient(transport: try UnixSocketTransport(connectingTo: address))
                let info = try await client.call("org.varlink.service.GetInfo")
                #expect(info["interfaces"] == ["io.cargenius.Test", "org.varlink.service"])
                #expect(try await client.call("io.cargenius.Test.Echo", ["text": "über", "ratio": 0.5]) == ["text": "über", "ratio": 0.5])
                var numbers: [Int64] = []
                try await client.stream("io.cargenius.Test.Count", ["to": 4]) { reply in
                    numbers.append(reply["n"]?.int ?? -1)
                    return true
                }
                #expect(numbers == [1, 2, 3, 4])
                await #expect(throws: VarlinkError.reply(name: "io.cargenius.Test.Failed", parameters: ["reason": "x", "code": 42])) {
                    try await client.call("io.cargenius.Test.Fail", ["reason": "x"])
                }
            }
        }

        @Test func manyConcurrentClients() async throws {
            try await withSocketServer(service: TestService.make()) { address, _ in
                try await withThrowingTaskGroup(of: Bool.self) { group in
                    for index in 0..<100 {
                        group.addTask {
                            let client = VarlinkClient(transport: try UnixSocketTransport(connectingTo: address))
                            let text = JSONValue.string("client \(index)")
                            return try await client.call("io.cargenius.Test.Echo", ["text": text]) == ["text": text]
                        }
                    }
                    var answered = 0
                    for try await correct in group where correct { answered += 1 }
                    #expect(answered == 100)
                }
            }
        }

        @Test func refusedPeerGetsPermissionDenied() async throws {
            let seen = Mutex<[PeerCredentials]>([])
            try await withSocketServer(
                service: TestService.make(),
                authorize: { peer in
                    seen.withLock { $0.append(peer) }
                    return false
                }
            ) { address, _ in
                let client = VarlinkClient(transport: try UnixSocketTransport(connectingTo: address))
                await #expect(throws: VarlinkError.permissionDenied) { try await client.call("org.varlink.service.GetInfo") }
                // The server closed the connection: the next call fails on send (EPIPE) or on receive.
                do {
                    _ = try await client.call("org.varlink.service.GetInfo")
                    Issue.record("a refused connection answered a second call")
                } catch let error as VarlinkError {
                    #expect(error == .connectionClosed)
                } catch let error as VarlinkSocketError {
                    #expect(error == .systemCall("send", errno: EPIPE, address: nil))
                }
            }
            let peers = seen.withLock { $0 }
            #expect(peers == [PeerCredentials(pid: getpid(), uid: getuid(), gid: getgid())])
        }

        @Test func oversizedRequestIsAnsweredThenClosed() async throws {
            try await withSocketServer(service: TestService.make(), maximumMessageSize: 1024) { address, _ in
                let transport = try UnixSocketTransport(connectingTo: address)
                try await transport.send(Array(repeating: UInt8(ascii: "x"), count: 4096))
                var decoder = ReplyDecoder()
                var replies: [VarlinkReply] = []
                while let chunk = try await transport.receive() {
                    decoder.append(chunk)
                    while let reply = try decoder.nextReply() { replies.append(reply) }
                }
                #expect(replies == [VarlinkReply(error: "org.varlink.service.InvalidParameter", parameters: ["parameter": "message"])])
            }
        }

        /// Polls `condition` every 10 ms for up to `seconds`.
        func eventually(within seconds: Int, _ condition: () -> Bool) async throws -> Bool {
            let deadline = ContinuousClock.now + .seconds(seconds)
            while ContinuousClock.now < deadline {
                if condition() { return true }
                try await Task.sleep(for: .milliseconds(10))
            }
            return condition()
        }

        @Test func halfClosedClientStillGetsItsStream() async throws {
            try await withSocketServer(service: TestService.make()) { address, _ in
                let transport = try UnixSocketTransport(connectingTo: address)
                try await transport.send(VarlinkCall(method: "io.cargenius.Test.Count", parameters: ["to": 20], more: true).encoded())
                await transport.finishSending()  // as `socat` does at the end of its input
                var decoder = ReplyDecoder()
                var numbers: [Int64] = []
                while let chunk = try await transport.receive() {
                    decoder.append(chunk)
                    while let reply = try decoder.nextReply() { numbers.append(reply.parameters["n"]?.int ?? -1) }
                }
                #expect(numbers == Array(1...20))
            }
        }

        @Test func streamIsCancelledWhenTheClientHangsUp() async throws {
            let notes = TestService.Notes()
            try await withSocketServer(service: TestService.make(notes: notes)) { address, server in
                let transport = try UnixSocketTransport(connectingTo: address)
                let client = VarlinkClient(transport: transport)
                var ticks = 0
                try await client.stream("io.cargenius.Test.Ticks") { _ in
                    ticks += 1
                    return ticks < 3
                }
                #expect(ticks == 3)
                await transport.close()
                #expect(try await eventually(within: 5) { notes.ticksCancelled.load(ordering: .relaxed) == 1 })
                #expect(try await eventually(within: 5) { server.connectionCount == 0 })
            }
        }

        @Test func clientThatStopsReadingIsDisconnectedWithoutBlockingOthers() async throws {
            // The send timeout leaves the check below time to see the stalled connection on a loaded machine
            // (with 1 s, a late first look could find it already cut).
            try await withSocketServer(service: TestService.make(), sendTimeout: 5) { address, server in
                // A raw socket that sends one call and never reads (UnixSocketTransport would read ahead).
                let stalled = try connectUnixSocket(address)
                defer { close(stalled) }
                let call = VarlinkCall(method: "io.cargenius.Test.Ticks", more: true).encoded()
                #expect(write(stalled, call, call.count) == call.count)
                // Ticks replies forever: the socket buffers fill and the server's send times out.
                #expect(try await eventually(within: 20) { server.connectionCount == 1 })
                for index in 0..<20 {
                    let client = VarlinkClient(transport: try UnixSocketTransport(connectingTo: address))
                    #expect(try await client.call("io.cargenius.Test.Echo", ["text": .string("\(index)")]) == ["text": .string("\(index)")])
                }
                #expect(try await eventually(within: 30) { server.connectionCount == 0 })
            }
        }

        @Test func stalledClientsHoldNoThreadOfThePool() async throws {
            // More stalled peers than the machine has cores: a write that blocked a pool thread until the
            // send timeout would hold up every other call for that long.
            try await withSocketServer(service: TestService.make(), sendTimeout: 30) { address, server in
                var stalled: [Int32] = []
                defer { for fd in stalled { close(fd) } }
                let call = VarlinkCall(method: "io.cargenius.Test.Ticks", more: true).encoded()
                for _ in 0..<6 {
                    let fd = try connectUnixSocket(address)
                    stalled.append(fd)
                    #expect(write(fd, call, call.count) == call.count)
                }
                #expect(try await eventually(within: 20) { server.connectionCount == 6 })
                // Ticks writes every millisecond: in a second each socket buffer is full.
                try await Task.sleep(for: .seconds(1))
                let start = ContinuousClock.now
                for index in 0..<20 {
                    let client = VarlinkClient(transport: try UnixSocketTransport(connectingTo: address))
                    #expect(try await client.call("io.cargenius.Test.Echo", ["text": .string("\(index)")]) == ["text": .string("\(index)")])
                }
                let elapsed = ContinuousClock.now - start
                #expect(elapsed < .seconds(5), "20 calls took \(elapsed) beside 6 stalled streams")
                #expect(server.connectionCount >= 6, "the stalled peers were cut before their send timeout")
            }
        }

        /// A handler that awaits work on another executor (an actor) comes back to its connection's thread.
        @Test func handlerHoppingToAnActorIsAnswered() async throws {
            actor Counter {
                var value: Int64 = 0
                func next() async throws -> Int64 {
                    try await Task.sleep(for: .milliseconds(1))
                    value += 1
                    return value
                }
            }
            let counter = Counter()
            var interface = try VarlinkInterface(
                description: """
                    interface io.cargenius.Hop
                    method Next() -> (n: int)
                    """)
            try interface.onReply("Next") { _ in ["n": .int(try await counter.next())] }
            let service = try VarlinkService(info: TestService.info, interfaces: [interface])
            try await withSocketServer(service: service) { address, _ in
                try await withThrowingTaskGroup(of: [Int64].self) { group in
                    for _ in 0..<10 {
                        group.addTask {
                            let client = VarlinkClient(transport: try UnixSocketTransport(connectingTo: address))
                            var seen: [Int64] = []
                            for _ in 0..<20 { seen.append(try await client.call("io.cargenius.Hop.Next")["n"]?.int ?? -1) }
                            return seen
                        }
                    }
                    var all: [Int64] = []
                    for try await seen in group { all += seen }
                    #expect(all.sorted() == Array(1...200))
                }
            }
        }

        @Test func freedMemoryIsReturnedOnceConnectionsAreGone() async throws {
            try await withSocketServer(service: TestService.make()) { address, server in
                for index in 0..<20 {
                    let client = VarlinkClient(transport: try UnixSocketTransport(connectingTo: address))
                    _ = try await client.call("io.cargenius.Test.Echo", ["text": .string(String(repeating: "x", count: 1000 * index))])
                }
                #expect(try await eventually(within: 10) { server.connectionCount == 0 })
                #expect(try await eventually(within: 10) { server.memoryTrimCount >= 1 })
            }
        }

        @Test func socketFileGetsTheRequestedMode() throws {
            var template = Array("/tmp/varlink-mode-XXXXXX".utf8CString)
            let folder = String(cString: try #require(mkdtemp(&template)))
            let address = VarlinkAddress(path: folder + "/io.cargenius")
            defer {
                unlink(address.path)
                rmdir(folder)
            }
            let fd = try listenUnixSocket(address, mode: 0o660)
            defer { close(fd) }
            var info = stat()
            #expect(stat(address.path, &info) == 0)
            #expect(info.st_mode & 0o777 == 0o660)
            #expect(info.st_mode & S_IFMT == S_IFSOCK)
            // A second listener on the same path replaces the stale file.
            let again = try listenUnixSocket(address)
            close(again)
        }

        @Test func connectingToAMissingSocketNamesThePath() {
            #expect(throws: VarlinkSocketError.systemCall("connect", errno: ENOENT, address: "unix:/nonexistent/varlink")) {
                try UnixSocketTransport(connectingTo: VarlinkAddress(path: "/nonexistent/varlink"))
            }
        }
    }

    /// Issue 16's limits: credentials at accept, connections in total and per user, idle and half-sent
    /// connections; each refusal counted and reported.
    @Suite struct ServerLimitTests {
        /// Reads whatever the server sends until it closes (or `seconds` pass); returns the replies and whether it closed.
        static func readUntilClosed(_ fd: Int32, seconds: Int = 10) -> (replies: [VarlinkReply], closed: Bool) {
            var timeout = timeval(tv_sec: seconds, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var decoder = ReplyDecoder()
            var replies: [VarlinkReply] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = read(fd, &buffer, buffer.count)
                if count == 0 { return (replies, true) }
                if count < 0 { return (replies, false) }
                decoder.append(buffer[0..<count])
                while let reply = try? decoder.nextReply() { replies.append(reply) }
            }
        }

        @Test func refusedPeersAreAnsweredAtAcceptAndHoldNoSlot() async throws {
            let refusing = Mutex(true)
            let reported = Mutex<[ConnectionRefusal]>([])
            var limits = VarlinkServerLimits()
            limits.maximumConnections = 2
            try await withSocketServer(
                service: TestService.make(), limits: limits, authorize: { _ in !refusing.withLock { $0 } },
                onRefusal: { reason, _ in reported.withLock { $0.append(reason) } }
            ) { address, server in
                // Ten refused peers that never send a byte: each is told at once and closed, none takes one of the two slots.
                var silent: [Int32] = []
                defer { for fd in silent { close(fd) } }
                for _ in 0..<10 { silent.append(try connectUnixSocket(address)) }
                for fd in silent {
                    let (replies, closed) = Self.readUntilClosed(fd)
                    #expect(replies == [VarlinkReply(error: "org.varlink.service.PermissionDenied")])
                    #expect(closed)
                }
                #expect(server.connectionCount == 0)
                refusing.withLock { $0 = false }
                for _ in 0..<2 {
                    let client = VarlinkClient(transport: try UnixSocketTransport(connectingTo: address))
                    #expect(try await client.call("io.cargenius.Test.Echo", ["text": "in"]) == ["text": "in"])
                }
                #expect(server.refusals == [.permission: 10])
                #expect(reported.withLock { $0 } == Array(repeating: .permission, count: 10))
            }
        }

        @Test func connectionsPerUserAndInTotalAreLimited() async throws {
            var limits = VarlinkServerLimits()
            limits.maximumConnections = 5
            limits.maximumConnectionsPerUser = 3
            limits.limitErrorName = "org.example.LimitReached"
            try await withSocketServer(service: TestService.make(), limits: limits) { address, server in
                var held: [VarlinkClient] = []
                for index in 0..<3 {
                    let client = VarlinkClient(transport: try UnixSocketTransport(connectingTo: address))
                    #expect(try await client.call("io.cargenius.Test.Echo", ["text": .string("\(index)")]) == ["text": .string("\(index)")])
                    held.append(client)
                }
                let fourth = try connectUnixSocket(address)
                defer { close(fourth) }
                let (replies, closed) = Self.readUntilClosed(fourth)
                #expect(replies == [VarlinkReply(error: "org.example.LimitReached", parameters: ["limit": "connectionsPerUser", "maximum": 3])])
                #expect(closed)
                #expect(server.connectionCount == 3)
                #expect(server.refusals == [.connectionsPerUser: 1])
                held.removeAll()  // their transports close: the slots are free again
                #expect(try await eventually(within: 10) { server.connectionCount == 0 })
                let again = VarlinkClient(transport: try UnixSocketTransport(connectingTo: address))
                #expect(try await again.call("io.cargenius.Test.Echo", ["text": "again"]) == ["text": "again"])
            }
            limits.unlimitedUserIDs = [getuid()]
            try await withSocketServer(service: TestService.make(), limits: limits) { address, server in
                var held: [VarlinkClient] = []
                for _ in 0..<5 {
                    let client = VarlinkClient(transport: try UnixSocketTransport(connectingTo: address))
                    _ = try await client.call("org.varlink.service.GetInfo")
                    held.append(client)
                }
                let sixth = try connectUnixSocket(address)
                defer { close(sixth) }
                #expect(
                    Self.readUntilClosed(sixth).replies == [
                        VarlinkReply(error: "org.example.LimitReached", parameters: ["limit": "connections", "maximum": 5])
                    ])
                #expect(server.refusals == [.connections: 1])
                #expect(held.count == 5)
            }
        }

        @Test func idleAndHalfSentConnectionsAreCutOff() async throws {
            var limits = VarlinkServerLimits()
            limits.idleTimeout = 0.5
            limits.halfMessageTimeout = 0.5
            try await withSocketServer(service: TestService.make(), limits: limits) { address, server in
                let start = ContinuousClock.now
                let idle = try connectUnixSocket(address)
                defer { close(idle) }
                let half = try connectUnixSocket(address)
                defer { close(half) }
                let partial = Array(#"{"method":"io.cargenius.Test.Echo","para"#.utf8)
                #expect(write(half, partial, partial.count) == partial.count)
                // A stream with nothing read from the client for longer than both timeouts is neither idle nor half-sent.
                let client = VarlinkClient(transport: try UnixSocketTransport(connectingTo: address))
                var ticks = 0
                // Timed from the stream's own start: on a loaded machine the first tick may come late, and the
                // stream must still run through both timeouts without being cut.
                let streamStart = ContinuousClock.now
                try await client.stream("io.cargenius.Test.Ticks") { _ in
                    ticks += 1
                    return ContinuousClock.now - streamStart < .milliseconds(1500)
                }
                #expect(ContinuousClock.now - streamStart >= .milliseconds(1500))
                #expect(Self.readUntilClosed(idle).closed)
                #expect(Self.readUntilClosed(half).closed)
                #expect(ContinuousClock.now - start < .seconds(12))
                #expect(ticks >= 2)  // the stream ran through both timeouts without being cut
                let fresh = VarlinkClient(transport: try UnixSocketTransport(connectingTo: address))
                #expect(try await fresh.call("io.cargenius.Test.Echo", ["text": "still here"]) == ["text": "still here"])
                #expect(server.refusals == [.idle: 1, .halfMessage: 1])
            }
        }

        /// Issue 16: stalled connections filled the server and well-behaved clients got no answer for two
        /// minutes. When full, the server closes the connection idle longest (for 2 s at least) to take a new one.
        @Test func aFullServerMakesRoomByClosingTheIdlestConnection() async throws {
            var limits = VarlinkServerLimits()
            limits.maximumConnections = 3
            try await withSocketServer(service: TestService.make(), limits: limits) { address, server in
                var stalled: [Int32] = []
                defer { for fd in stalled { close(fd) } }
                for _ in 0..<3 { stalled.append(try connectUnixSocket(address)) }
                #expect(try await eventually(within: 10) { server.connectionCount == 3 })
                try await Task.sleep(for: .milliseconds(2300))
                var clients: [VarlinkClient] = []  // held: each needs a place of its own
                for index in 0..<3 {
                    let client = VarlinkClient(transport: try UnixSocketTransport(connectingTo: address))
                    #expect(try await client.call("io.cargenius.Test.Echo", ["text": .string("\(index)")]) == ["text": .string("\(index)")])
                    clients.append(client)
                }
                #expect(clients.count == 3)
                // Each new client took the place of one stalled connection, which was closed.
                for fd in stalled { #expect(Self.readUntilClosed(fd, seconds: 5).closed) }
                #expect(server.refusals == [.evicted: 3])
            }
        }

        /// A peer that pipelines calls behind a stream it does not read is not read either once its queued
        /// calls hold more than a message's worth of bytes: its own writes block, the daemon holds about two
        /// messages, and the connection is not cut (before: up to 64 decoded calls, then cut off).
        @Test func pipelinedCallsAreReadOnlyAsFastAsTheyAreAnswered() async throws {
            var limits = VarlinkServerLimits()
            limits.maximumMessageSize = 4096
            limits.sendTimeout = 60
            try await withSocketServer(service: TestService.make(), limits: limits) { address, server in
                let fd = try connectUnixSocket(address)
                defer { close(fd) }
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
                let ticks = VarlinkCall(method: "io.cargenius.Test.Ticks", more: true).encoded()
                #expect(write(fd, ticks, ticks.count) == ticks.count)
                let echo = VarlinkCall(method: "io.cargenius.Test.Echo", parameters: ["text": .string(String(repeating: "e", count: 3000))]).encoded()
                var written = 0
                var blocked = false
                for _ in 0..<400 {  // 1.2 MB: more than any socket buffer
                    let count = write(fd, echo, echo.count)
                    if count < 0 {
                        if errno == EAGAIN {
                            blocked = true
                            break
                        }
                        Issue.record("write failed: errno \(errno)")
                        break
                    }
                    written += count
                }
                #expect(blocked, "the server read \(written) bytes of pipelined calls")
                try await Task.sleep(for: .milliseconds(300))
                // On a loaded machine the server may take the connection late; it must hold it, not cut it.
                #expect(try await eventually(within: 10) { server.connectionCount == 1 })
                #expect(server.refusals.isEmpty)
            }
        }

        /// Polls `condition` every 10 ms for up to `seconds`.
        func eventually(within seconds: Int, _ condition: () -> Bool) async throws -> Bool {
            let deadline = ContinuousClock.now + .seconds(seconds)
            while ContinuousClock.now < deadline {
                if condition() { return true }
                try await Task.sleep(for: .milliseconds(10))
            }
            return condition()
        }
    }
#endif
