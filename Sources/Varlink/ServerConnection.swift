public import JSON
import Synchronization

/// The server side of one Varlink connection, independent of the transport: bytes in, bytes out.
///
/// Calls are answered strictly in order (Varlink allows pipelining; replies keep the call order). A
/// malformed message gets an `org.varlink.service.InvalidParameter` error naming the part at fault and
/// the connection goes on; a message over the size limit gets the same error, then the connection ends,
/// since the stream cannot be resynchronised.
///
/// The end of the input means "no more calls" (a half-close, as `socat` does): queued calls and `more`
/// streams are still answered. When the peer is gone for good, the transport cancels the task running
/// `serve`, which stops any stream (an endless `Subscribe` would otherwise run until a write fails).
public struct ServerConnection: Sendable {
    public let service: VarlinkService
    public let maximumMessageSize: Int
    /// The most calls read ahead of the one being answered; a peer that pipelines more is cut off with
    /// an error (`parameter: "message"`), so one connection cannot queue unbounded work.
    public let maximumQueuedCalls: Int

    public init(
        service: VarlinkService, maximumMessageSize: Int = MessageFramer.defaultMaximumMessageSize,
        maximumQueuedCalls: Int = 64
    ) {
        self.service = service
        self.maximumMessageSize = maximumMessageSize
        self.maximumQueuedCalls = maximumQueuedCalls
    }

    /// Why `serve` returned.
    public enum End: Sendable, Equatable {
        /// The input ended and every call was answered.
        case inputEnded
        /// The peer broke the framing (`messageTooLarge`) or queued too many calls.
        case protocolError(VarlinkError)
        /// `write` threw: the peer is gone.
        case writeFailed
        /// The task running `serve` was cancelled.
        case cancelled
    }

    /// Serves one connection: reads chunks from `input`, writes encoded replies with `write`.
    ///
    /// Returns when the input ends and all calls are answered, on a fatal protocol error (after sending
    /// its error reply), or when `write` throws. The caller closes the transport afterwards.
    public func serve<Input: AsyncSequence & Sendable>(
        input: Input, write: @escaping @Sendable ([UInt8]) async throws -> Void
    ) async -> End where Input.Element == [UInt8] {
        let queue = makeCallQueue()
        let maximumMessageSize = self.maximumMessageSize
        return await withTaskGroup(of: Void.self, returning: End.self) { group in
            group.addTask {
                defer { queue.finish() }
                var decoder = CallDecoder(maximumMessageSize: maximumMessageSize)
                do {
                    for try await chunk in input {
                        decoder.append(chunk)
                        while let incoming = decoder.next() {
                            guard queue.push(incoming) else { return }
                        }
                    }
                } catch {
                    // The transport failed: treat as the end of the input.
                }
            }
            let end = await serve(queue: queue, write: write)
            group.cancelAll()
            return end
        }
    }

    /// A queue for `serve(queue:write:)` with this connection's limit on queued calls.
    public func makeCallQueue() -> CallQueue { CallQueue(maximumQueuedCalls: maximumQueuedCalls) }

    /// Serves the calls a transport decodes itself (e.g. on its reader thread, with a `CallDecoder`) and
    /// pushes into `queue`: one task hop per call instead of two. Returns as `serve(input:write:)` does.
    public func serve(queue: CallQueue, write: @escaping @Sendable ([UInt8]) async throws -> Void) async -> End {
        var end = End.inputEnded
        processing: for await incoming in queue.messages {
            queue.taken()
            defer { queue.answered() }
            do {
                switch incoming {
                case .call(let call):
                    try await service.handle(call, send: { reply in try await write(reply.encoded()) })
                case .malformed(let error):
                    try await write(VarlinkService.errorReply(error).encoded())
                case .fatal(let error):
                    end = .protocolError(error)
                    try? await write(VarlinkService.errorReply(error).encoded())
                    break processing
                }
            } catch is CancellationError {
                end = .cancelled
                break processing
            } catch {
                end = .writeFailed
                break processing
            }
        }
        if Task.isCancelled, end == .inputEnded { end = .cancelled }
        queue.finish()
        return end
    }
}

/// One message a peer sent, decoded.
public enum IncomingMessage: Sendable, Equatable {
    case call(VarlinkCall)
    /// Not a valid call; answered with this error, and the connection goes on.
    case malformed(VarlinkError)
    /// The framing broke (too large) or the peer queued too much: answered, then the connection ends.
    case fatal(VarlinkError)
}

/// Splits a server's incoming bytes into calls: framing plus JSON decoding, incrementally.
public struct CallDecoder: Sendable {
    private var framer: MessageFramer
    private var failed = false

    public init(maximumMessageSize: Int = MessageFramer.defaultMaximumMessageSize) {
        framer = MessageFramer(maximumMessageSize: maximumMessageSize)
    }

    public mutating func append(_ bytes: some Sequence<UInt8>) { framer.append(bytes) }

    /// Bytes received that do not yet form a complete message (a half-sent message, when not zero).
    public var pendingByteCount: Int { framer.pendingByteCount }

    /// The size of the message `next()` returned last, bytes (for `CallQueue.push(_:bytes:)`).
    public private(set) var lastMessageByteCount = 0

    /// The next message, or `nil` when more bytes are needed (and forever after a `.fatal`).
    public mutating func next() -> IncomingMessage? {
        if failed { return nil }
        let message: [UInt8]
        do throws(VarlinkError) {
            guard let next = try framer.nextMessage() else { return nil }
            message = next
            lastMessageByteCount = next.count
        } catch {
            failed = true
            return .fatal(error)
        }
        do throws(VarlinkError) {
            return .call(try VarlinkCall(json: try JSONParser.parseMessage(message)))
        } catch {
            return .malformed(error)
        }
    }
}

/// The calls read from one connection and not yet answered, bounded: a transport pushes, `serve` takes.
public final class CallQueue: Sendable {
    /// The queued messages, for the one task that serves them.
    public let messages: AsyncStream<IncomingMessage>
    private let continuation: AsyncStream<IncomingMessage>.Continuation
    private let count = Atomic<Int>(0)
    /// Calls taken and not yet answered (0 or 1: calls are answered in order; a `more` stream counts until it ends).
    private let answering = Atomic<Int>(0)
    /// The message bytes of the calls queued and not yet taken (as `push(_:bytes:)` was told).
    private let bytes = Atomic<Int>(0)
    /// Sizes of the queued messages, in order, so `taken` knows what to subtract.
    private let sizes = Mutex<[Int]>([])
    public let maximumQueuedCalls: Int

    public init(maximumQueuedCalls: Int) {
        (messages, continuation) = AsyncStream<IncomingMessage>.makeStream()
        self.maximumQueuedCalls = maximumQueuedCalls
    }

    /// Queues a message. Returns `false` when the reader should stop: the message was fatal, more than
    /// `maximumQueuedCalls` are waiting (a fatal error is queued instead), or serving has ended.
    public func push(_ message: IncomingMessage, bytes size: Int = 0) -> Bool {
        if size > 0 {
            bytes.add(size, ordering: .relaxed)
        }
        sizes.withLock { $0.append(size) }
        if count.add(1, ordering: .relaxed).newValue > maximumQueuedCalls {
            continuation.yield(.fatal(.invalidMessage(reason: "more than \(maximumQueuedCalls) calls queued")))
            continuation.finish()
            return false
        }
        if case .terminated = continuation.yield(message) { return false }
        if case .fatal = message {
            continuation.finish()
            return false
        }
        return true
    }

    /// No more messages: the input ended.
    public func finish() { continuation.finish() }

    func taken() {
        answering.add(1, ordering: .relaxed)
        let size = sizes.withLock { $0.isEmpty ? 0 : $0.removeFirst() }
        if size > 0 { bytes.subtract(size, ordering: .relaxed) }
        count.subtract(1, ordering: .relaxed)
    }

    /// The message bytes queued and not yet taken: a transport stops reading while it is over its limit.
    public var queuedBytes: Int { bytes.load(ordering: .relaxed) }

    func answered() { answering.subtract(1, ordering: .relaxed) }

    /// No call is queued or being answered (no stream either): what an idle timeout measures.
    public var isIdle: Bool { count.load(ordering: .relaxed) <= 0 && answering.load(ordering: .relaxed) <= 0 }
}
