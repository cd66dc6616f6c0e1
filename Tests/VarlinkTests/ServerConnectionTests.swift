import Synchronization
import Testing
import Varlink
import JSON

/// Both ends of an in-memory byte stream: the test's client end and a served `ServerConnection`.
actor InMemoryTransport: VarlinkTransport {
    private let toServer: AsyncStream<[UInt8]>.Continuation
    private var fromServer: AsyncStream<[UInt8]>.AsyncIterator
    private let server: Task<ServerConnection.End, Never>

    init(_ connection: ServerConnection) {
        let (serverInput, toServer) = AsyncStream<[UInt8]>.makeStream()
        let (clientInput, fromServer) = AsyncStream<[UInt8]>.makeStream()
        self.toServer = toServer
        self.fromServer = clientInput.makeAsyncIterator()
        server = Task {
            let end = await connection.serve(input: serverInput) { bytes in fromServer.yield(bytes) }
            fromServer.finish()
            return end
        }
    }

    func send(_ bytes: [UInt8]) async throws { toServer.yield(bytes) }

    func receive() async throws -> [UInt8]? {
        var iterator = fromServer
        let chunk = await iterator.next(isolation: self)
        fromServer = iterator
        return chunk
    }

    /// Ends the client's output and waits for the server to finish.
    func finish() async -> ServerConnection.End {
        toServer.finish()
        return await server.value
    }

    /// Cancels the server task (the transport's way of saying the peer is gone) and waits for it.
    func cancel() async -> ServerConnection.End {
        server.cancel()
        return await server.value
    }

    /// Every reply the server writes until it ends the stream.
    func remainingReplies() async throws -> [VarlinkReply] {
        var decoder = ReplyDecoder()
        var replies: [VarlinkReply] = []
        while let chunk = try await receive() {
            decoder.append(chunk)
            while let reply = try decoder.nextReply() { replies.append(reply) }
        }
        return replies
    }
}

@Suite struct ServerConnectionTests {
    let notes = TestService.Notes()

    func connect(maximumMessageSize: Int = 4096) throws -> (VarlinkClient, InMemoryTransport) {
        let connection = ServerConnection(service: try TestService.make(notes: notes), maximumMessageSize: maximumMessageSize)
        let transport = InMemoryTransport(connection)
        return (VarlinkClient(transport: transport), transport)
    }

    @Test func getInfoListsEveryInterface() async throws {
        let (client, transport) = try connect()
        let info = try await client.call("org.varlink.service.GetInfo")
        #expect(info["vendor"] == "Car Genius")
        #expect(info["product"] == "varlink-tests")
        #expect(info["version"] == "1.0")
        #expect(info["url"] == "https://example.invalid/cargenius")
        #expect(info["interfaces"] == ["io.cargenius.Test", "org.varlink.service"])
        #expect(await transport.finish() == .inputEnded)
    }

    @Test func getInterfaceDescriptionServesTheText() async throws {
        let (client, _) = try connect()
        let reply = try await client.call("org.varlink.service.GetInterfaceDescription", ["interface": "io.cargenius.Test"])
        #expect(reply["description"]?.string == TestService.interfaceText)
        let own = try await client.call("org.varlink.service.GetInterfaceDescription", ["interface": "org.varlink.service"])
        #expect(own["description"]?.string == VarlinkService.serviceInterfaceText)
        await #expect(throws: VarlinkError.interfaceNotFound("io.cargenius.Nothing")) {
            try await client.call("org.varlink.service.GetInterfaceDescription", ["interface": "io.cargenius.Nothing"])
        }
    }

    @Test func echoKeepsNumberKinds() async throws {
        let (client, _) = try connect()
        let parameters: [String: JSONValue] = [
            "text": "héllo\u{0}", "count": 3, "ratio": 2.0, "flag": false,
            "pairs": [["key": "a", "value": -1]], "extra": ["nested": [1, 1.5, nil]],
        ]
        #expect(try await client.call("io.cargenius.Test.Echo", parameters) == parameters)
    }

    @Test(arguments: [
        ("io.cargenius.Nothing.Echo", [:] as [String: JSONValue], VarlinkError.interfaceNotFound("io.cargenius.Nothing")),
        ("io.cargenius.Test.Nothing", [:], VarlinkError.methodNotFound("io.cargenius.Test.Nothing")),
        ("io.cargenius.Test.Unimplemented", [:], VarlinkError.methodNotImplemented("io.cargenius.Test.Unimplemented")),
        ("io.cargenius.Test.Echo", [:], VarlinkError.invalidParameter("text")),
        ("io.cargenius.Test.Echo", ["text": "x", "count": "3"], VarlinkError.invalidParameter("count")),
        ("io.cargenius.Test.Count", ["to": 3], VarlinkError.expectedMore),
        (
            "io.cargenius.Test.Fail", ["reason": "on purpose"],
            VarlinkError.reply(name: "io.cargenius.Test.Failed", parameters: ["reason": "on purpose", "code": 42])
        ),
        (
            "io.cargenius.Test.Crash", [:],
            VarlinkError.reply(name: "org.varlink.service.InternalError", parameters: ["method": "io.cargenius.Test.Crash"])
        ),
    ])
    func errorReplies(method: String, parameters: [String: JSONValue], error: VarlinkError) async throws {
        let (client, _) = try connect()
        await #expect(throws: error) { try await client.call(method, parameters) }
        // The connection goes on after an error.
        #expect(try await client.call("io.cargenius.Test.Echo", ["text": "after"]) == ["text": "after"])
    }

    @Test func moreStreamsRepliesWithContinues() async throws {
        let (client, transport) = try connect()
        try await transport.send(VarlinkCall(method: "io.cargenius.Test.Count", parameters: ["to": 3], more: true).encoded())
        var decoder = ReplyDecoder()
        var replies: [VarlinkReply] = []
        while replies.count < 3, let chunk = try await transport.receive() {
            decoder.append(chunk)
            while let reply = try decoder.nextReply() { replies.append(reply) }
        }
        #expect(
            replies == [
                VarlinkReply(parameters: ["n": 1], continues: true), VarlinkReply(parameters: ["n": 2], continues: true),
                VarlinkReply(parameters: ["n": 3], continues: false),
            ])
        var seen: [Int64] = []
        try await client.stream("io.cargenius.Test.Count", ["to": 5]) { reply in
            seen.append(reply["n"]?.int ?? -1)
            return true
        }
        #expect(seen == [1, 2, 3, 4, 5])
        // A method that answers once is fine with more: one reply, without continues.
        try await client.stream("io.cargenius.Test.Echo", ["text": "once"]) { reply in
            seen.append(reply["text"] == "once" ? 100 : -1)
            return true
        }
        #expect(seen.last == 100)
    }

    @Test func onewayCallsRunWithoutReplyAndRepliesKeepCallOrder() async throws {
        let (_, transport) = try connect()
        var pipelined: [UInt8] = []
        pipelined += VarlinkCall(method: "io.cargenius.Test.Record", parameters: ["note": "first"], oneway: true).encoded()
        pipelined += VarlinkCall(method: "io.cargenius.Test.Echo", parameters: ["text": "a"]).encoded()
        pipelined += VarlinkCall(method: "io.cargenius.Test.Record", parameters: ["note": "second"], oneway: true).encoded()
        pipelined += VarlinkCall(method: "io.cargenius.Test.Fail", parameters: ["reason": "b"], oneway: true).encoded()
        pipelined += VarlinkCall(method: "io.cargenius.Test.Notes").encoded()
        try await transport.send(pipelined)
        #expect(await transport.finish() == .inputEnded)
        let replies = try await transport.remainingReplies()
        #expect(replies == [VarlinkReply(parameters: ["text": "a"]), VarlinkReply(parameters: ["notes": ["first", "second"]])])
    }

    @Test func malformedMessagesGetErrorsAndTheConnectionGoesOn() async throws {
        let (_, transport) = try connect()
        var bytes: [UInt8] = []
        for text in ["{not json", "[1]", #"{"method":"nodot"}"#, #"{"method":"a.B","parameters":3}"#] {
            bytes += Array(text.utf8) + [0]
        }
        bytes += VarlinkCall(method: "io.cargenius.Test.Echo", parameters: ["text": "still here"]).encoded()
        try await transport.send(bytes)
        #expect(await transport.finish() == .inputEnded)
        let replies = try await transport.remainingReplies()
        let invalid = { (parameter: JSONValue) in
            VarlinkReply(error: "org.varlink.service.InvalidParameter", parameters: ["parameter": parameter])
        }
        #expect(
            replies == [
                invalid("message"), invalid("message"), invalid("method"), invalid("parameters"),
                VarlinkReply(parameters: ["text": "still here"]),
            ])
    }

    @Test func oversizedMessageGetsAnErrorAndEndsTheConnection() async throws {
        let (_, transport) = try connect(maximumMessageSize: 100)
        var bytes = VarlinkCall(method: "io.cargenius.Test.Echo", parameters: ["text": "before"]).encoded()
        bytes += Array(repeating: UInt8(ascii: " "), count: 101)
        try await transport.send(bytes)
        let replies = try await transport.remainingReplies()
        #expect(
            replies == [
                VarlinkReply(parameters: ["text": "before"]),
                VarlinkReply(error: "org.varlink.service.InvalidParameter", parameters: ["parameter": "message"]),
            ])
        #expect(await transport.finish() == .protocolError(.messageTooLarge(limit: 100)))
    }

    @Test func streamsAreAnsweredAfterTheInputEnds() async throws {
        let (_, transport) = try connect()
        try await transport.send(VarlinkCall(method: "io.cargenius.Test.Count", parameters: ["to": 3], more: true).encoded())
        #expect(await transport.finish() == .inputEnded)
        #expect(try await transport.remainingReplies().map { $0.parameters["n"] } == [1, 2, 3])
    }

    @Test func endlessStreamStopsWhenServingIsCancelled() async throws {
        let (_, transport) = try connect()
        try await transport.send(VarlinkCall(method: "io.cargenius.Test.Ticks", more: true).encoded())
        var decoder = ReplyDecoder()
        var ticks = 0
        while ticks < 5, let chunk = try await transport.receive() {
            decoder.append(chunk)
            while let reply = try decoder.nextReply() {
                #expect(reply.continues)
                ticks += 1
            }
        }
        #expect(await transport.cancel() == .cancelled)
        #expect(notes.ticksCancelled.load(ordering: .relaxed) == 1)
    }

    @Test func writeFailureEndsTheConnection() async throws {
        struct Gone: Error {}
        let connection = ServerConnection(service: try TestService.make())
        let (input, continuation) = AsyncStream<[UInt8]>.makeStream()
        continuation.yield(VarlinkCall(method: "io.cargenius.Test.Ticks", more: true).encoded())
        let end = await connection.serve(input: input) { _ in throw Gone() }
        #expect(end == .writeFailed)
        continuation.finish()
    }

    @Test func registrationIsChecked() throws {
        var interface = try VarlinkInterface(description: TestService.interfaceText)
        #expect(throws: VarlinkError.invalidRegistration(reason: "interface io.cargenius.Test declares no method Echoo")) {
            try interface.onReply("Echoo") { _ in [:] }
        }
        let info = ServiceInfo(vendor: "v", product: "p", version: "1", url: "u")
        #expect(throws: VarlinkError.invalidRegistration(reason: "interface io.cargenius.Test registered twice")) {
            try VarlinkService(info: info, interfaces: [interface, interface])
        }
        let service = try VarlinkService(info: info, interfaces: [interface])
        #expect(throws: VarlinkError.invalidRegistration(reason: "interface org.varlink.service registered twice")) {
            try VarlinkService(info: info, interfaces: [VarlinkInterface(description: VarlinkService.serviceInterfaceText)])
        }
        #expect(service.interfaceNames == ["io.cargenius.Test", "org.varlink.service"])
    }
}
