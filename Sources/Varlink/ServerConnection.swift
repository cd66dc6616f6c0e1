import Synchronization

/// The server side of one Varlink connection, independent of the transport: bytes in, bytes out.
///
/// Calls are answered strictly in order (Varlink allows pipelining; replies keep the call order). A
/// malformed message gets an `org.varlink.service.InvalidParameter` error naming the part at fault and
/// the connection goes on; a message over the size limit gets the same error, then the connection ends,
/// since the stream cannot be resynchronised. When the input ends, queued calls are still answered but a
/// running `more` stream is cancelled (its peer is gone).
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
        let inputEnd = EndSignal()
        let queued = QueueCount()
        let maximumMessageSize = self.maximumMessageSize
        let maximumQueuedCalls = self.maximumQueuedCalls

        return await withTaskGroup(of: Void.self, returning: End.self) { group in
            group.addTask {
                defer {
                    continuation.finish()
                    inputEnd.end()
                }
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
                        if call.more && !call.oneway {
                            try await raceAgainstEnd(inputEnd) {
                                try await service.handle(call, send: { reply in try await write(reply.encoded()) })
                            }
                        } else {
                            try await service.handle(call, send: { reply in try await write(reply.encoded()) })
                        }
                    case .malformed(let error):
                        try await write(VarlinkService.errorReply(error).encoded())
                    case .fatal(let error):
                        end = .protocolError(error)
                        try? await write(VarlinkService.errorReply(error).encoded())
                        break processing
                    }
                } catch is CancellationError {
                    if Task.isCancelled { break processing }
                    // The input ended during a `more` stream: that call is over, go on with queued ones.
                } catch {
                    end = .writeFailed
                    break processing
                }
            }
            group.cancelAll()
            return end
        }
    }

    /// Runs `body`, cancelling it when `signal` ends first; throws `CancellationError` then.
    private func raceAgainstEnd(
        _ signal: EndSignal, _ body: @escaping @Sendable () async throws -> Void
    ) async throws {
        try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                try await body()
                return true
            }
            group.addTask {
                await signal.wait()
                return false
            }
            let finished = try await group.next() ?? false
            group.cancelAll()
            if !finished { throw CancellationError() }
        }
    }
}

/// The number of calls read but not yet answered on one connection.
final class QueueCount: Sendable {
    let value = Atomic<Int>(0)
}

/// A one-shot signal tasks can wait for; waiting is cancellable.
final class EndSignal: Sendable {
    private struct State {
        var ended = false
        var nextID = 0
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
    }

    private let state = Mutex(State())

    func end() {
        let waiters = state.withLock { state in
            state.ended = true
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    func wait() async {
        let id = state.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state in
                    if state.ended || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { state in state.waiters.removeValue(forKey: id) }
            waiter?.resume()
        }
    }
}
