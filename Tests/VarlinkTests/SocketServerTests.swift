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
        var template = Array("/tmp/varlink-test-XXXXXX".utf8CString)
        guard let directory = mkdtemp(&template) else { throw VarlinkSocketError.systemCall("mkdtemp", errno: errno, address: nil) }
        let folder = String(cString: directory)
        let address = VarlinkAddress(path: folder + "/io.cargenius")
        let server = try VarlinkSocketServer(
            service: service, address: address, maximumMessageSize: maximumMessageSize, sendTimeout: sendTimeout,
            authorize: authorize)
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
                    numbers.append(reply["n"]?.intValue ?? -1)
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
                    while let reply = try decoder.nextReply() { numbers.append(reply.parameters["n"]?.intValue ?? -1) }
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
                            for _ in 0..<20 { seen.append(try await client.call("io.cargenius.Hop.Next")["n"]?.intValue ?? -1) }
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
#endif
