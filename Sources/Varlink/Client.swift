public import JSON

/// A byte stream to a Varlink peer, as the client sees it. Implemented by socket adapters and by tests.
public protocol VarlinkTransport: Sendable {
    /// Writes all of `bytes`.
    func send(_ bytes: [UInt8]) async throws
    /// The next chunk of bytes, or `nil` at the end of the stream.
    func receive() async throws -> [UInt8]?
}

/// Decodes a client's incoming byte stream into replies.
public struct ReplyDecoder: Sendable {
    private var framer: MessageFramer

    public init(maximumMessageSize: Int = MessageFramer.defaultMaximumMessageSize) {
        framer = MessageFramer(maximumMessageSize: maximumMessageSize)
    }

    public mutating func append(_ bytes: some Sequence<UInt8>) { framer.append(bytes) }

    /// The next complete reply, or `nil` when more bytes are needed.
    public mutating func nextReply() throws(VarlinkError) -> VarlinkReply? {
        guard let message = try framer.nextMessage() else { return nil }
        return try VarlinkReply(json: try JSONParser.parseMessage(message))
    }
}

/// The client side of one Varlink connection: one call at a time, over any transport.
public actor VarlinkClient {
    private let transport: any VarlinkTransport
    private var decoder: ReplyDecoder

    public init(transport: any VarlinkTransport, maximumMessageSize: Int = MessageFramer.defaultMaximumMessageSize) {
        self.transport = transport
        self.decoder = ReplyDecoder(maximumMessageSize: maximumMessageSize)
    }

    /// Calls `method` and returns the reply's parameters.
    /// - Throws: `VarlinkError.reply` for an error reply, `.connectionClosed` if the peer hangs up first.
    public func call(_ method: String, _ parameters: [String: JSONValue] = [:]) async throws -> [String: JSONValue] {
        try await transport.send(VarlinkCall(method: method, parameters: parameters).encoded())
        return try await nextReply().checked().parameters
    }

    /// Sends a `oneway` call: no reply comes.
    public func send(oneway method: String, _ parameters: [String: JSONValue] = [:]) async throws {
        try await transport.send(VarlinkCall(method: method, parameters: parameters, oneway: true).encoded())
    }

    /// Calls `method` with `more: true` and hands each reply's parameters to `body` until the last one.
    /// `body` returns `false` to stop early; the connection is then mid-stream and must be closed.
    public func stream(
        _ method: String, _ parameters: [String: JSONValue] = [:],
        _ body: ([String: JSONValue]) async throws -> Bool
    ) async throws {
        try await transport.send(VarlinkCall(method: method, parameters: parameters, more: true).encoded())
        while true {
            let reply = try await nextReply().checked()
            guard try await body(reply.parameters), reply.continues else { return }
        }
    }

    private func nextReply() async throws -> VarlinkReply {
        while true {
            if let reply = try decoder.nextReply() { return reply }
            guard let chunk = try await transport.receive() else { throw VarlinkError.connectionClosed }
            decoder.append(chunk)
        }
    }
}
