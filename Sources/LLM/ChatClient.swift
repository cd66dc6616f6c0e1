import FoundationEssentials
import JSON
import Synchronization

/// Moves one HTTP request to the server and its response back, within a deadline (the platform adapter).
public protocol LLMTransport: Sendable {
    /// Sends `request` (the whole HTTP/1.1 message) and reads the response until it is complete or the peer closes.
    /// Throws `deadlineExceeded` when `deadline` passes first, `connectionFailed` when the socket fails.
    func exchange(_ request: [UInt8], endpoint: LLMEndpoint, deadline: ContinuousClock.Instant) throws(LLMError) -> HTTPResponse
    /// Blocks the calling thread for `duration` (the pause before a retry).
    func pause(_ duration: Duration)
}

/// Calls `chat/completions` on an OpenAI-compatible server, bounded by a deadline, with one retry and a circuit breaker.
///
/// Retries do not pile up: a call makes at most `maxAttempts` tries, one after another, only for transient failures
/// (connection refused or reset, HTTP 503 while the model loads), and only while the deadline leaves time. The breaker
/// is shared by every call of this client.
public final class ChatClient: Sendable {
    public let endpoint: LLMEndpoint
    let transport: any LLMTransport
    let breaker: Mutex<CircuitBreaker>
    public let maxAttempts: Int
    /// Pause before a retry.
    public let backoff: Duration

    public init(
        endpoint: LLMEndpoint, transport: any LLMTransport, breaker: CircuitBreaker = CircuitBreaker(), maxAttempts: Int = 2,
        backoff: Duration = .milliseconds(50)
    ) {
        self.endpoint = endpoint
        self.transport = transport
        self.breaker = Mutex(breaker)
        self.maxAttempts = max(1, maxAttempts)
        self.backoff = backoff
    }

    /// The breaker's state now.
    public var breakerState: CircuitBreaker.State { breaker.withLock { $0.state(at: .now) } }

    /// Sends `request` and returns the assistant's reply; streams when `request.stream` is set.
    public func complete(_ request: ChatRequest, deadline: ContinuousClock.Instant) throws(LLMError) -> ChatCompletion {
        let allowed = breaker.withLock { $0.allow(at: .now) }
        guard allowed else { throw .circuitOpen(failures: breaker.withLock { $0.consecutiveFailures }) }
        let message = HTTPWire.postRequest(
            path: endpoint.path("chat/completions"), host: endpoint.hostHeader, body: request.body, stream: request.stream)
        var attempt = 1
        while true {
            do {
                let response = try transport.exchange(message, endpoint: endpoint, deadline: deadline)
                let completion = try Self.completion(from: response)
                breaker.withLock { $0.recordSuccess() }
                return completion
            } catch {
                let timeLeft = deadline - .now
                if error.isTransient, attempt < maxAttempts, timeLeft > backoff * 2 {
                    attempt += 1
                    transport.pause(backoff)
                    continue
                }
                breaker.withLock { $0.recordFailure(at: .now) }
                throw error
            }
        }
    }

    /// The completion in an HTTP response: a JSON document or an event stream, whichever the server sent.
    public static func completion(from response: HTTPResponse) throws(LLMError) -> ChatCompletion {
        guard response.status == 200 else {
            var message = String(decoding: response.body.prefix(200), as: UTF8.self)
            if let parsed = try? JSONValue.parse(Data(response.body)), let error = parsed["error"] {
                message = ChatCompletion.errorMessage(error)
            }
            throw .httpStatus(response.status, message: message)
        }
        if response.isEventStream { return try ChatStreamAccumulator.parse(response.body) }
        return try ChatCompletion.parse(response.body)
    }
}
