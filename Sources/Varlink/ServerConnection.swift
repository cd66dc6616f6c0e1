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

    private enum Event: Sendable {
        case call(VarlinkCall)
        case malformed(VarlinkError)
        case fatal(VarlinkError)
    }

    /// Serves one connection: reads chunks from `input`, writes encoded replies with `write`.
    ///
    /// Returns when the input ends and all calls are answered, on a fatal protocol error (after sending
    /// its error reply), or when `write` throws. The caller closes the transport afterwards.
    public func serve<Input: AsyncSequence & Sendable>(
        input: Input, write: @escaping @Sendable ([UInt8]) async throws -> Void
    ) async -> End where Input.Element == [UInt8] {
        let (events, continuation) = AsyncStream<Event>.makeStream()
        let queued = QueueCount()
        let maximumMessageSize = self.maximumMessageSize
        let maximumQueuedCalls = self.maximumQueuedCalls

        return await withTaskGroup(of: Void.self, returning: End.self) { group in
            group.addTask {
                defer { continuation.finish() }
                var framer = MessageFramer(maximumMessageSize: maximumMessageSize)
                do {
                    for try await chunk in input {
                        framer.append(chunk)
                        while true {
                            let message: [UInt8]
                            do throws(VarlinkError) {
                                guard let next = try framer.nextMessage() else { break }
                                message = next
                            } catch {
                                continuation.yield(.fatal(error))
                                return
                            }
                            if queued.value.add(1, ordering: .relaxed).newValue > maximumQueuedCalls {
                                continuation.yield(.fatal(.invalidMessage(reason: "more than \(maximumQueuedCalls) calls queued")))
                                return
                            }
                            do throws(VarlinkError) {
                                let call = try VarlinkCall(json: try JSONParser.parse(message))
                                continuation.yield(.call(call))
                            } catch {
                                continuation.yield(.malformed(error))
                            }
                        }
                    }
                } catch {
                    // The transport failed: treat as the end of the input.
                }
            }

            var end = End.inputEnded
            processing: for await event in events {
                queued.value.subtract(1, ordering: .relaxed)
                do {
                    switch event {
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
            group.cancelAll()
            return end
        }
    }
}

/// The number of calls read but not yet answered on one connection.
final class QueueCount: Sendable {
    let value = Atomic<Int>(0)
}
