/// Everything that can go wrong on the LLM path, with what and where; every case ends in the engine's answer.
public enum LLMError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The endpoint string is not `http://127.0.0.1:PORT/v1` or `unix:PATH`.
    case invalidEndpoint(String, reason: String)
    /// The endpoint names a host that is not this machine: nothing leaves the car.
    case nonLoopbackEndpoint(String)
    /// Connecting, writing or reading failed (`call` names the system call, `reason` its errno text).
    case connectionFailed(endpoint: String, call: String, reason: String)
    /// The deadline passed before the server answered completely.
    case deadlineExceeded(milliseconds: Int)
    /// The circuit breaker is open after repeated failures; the server is not asked until it half-opens.
    case circuitOpen(failures: Int)
    /// The server answered with an HTTP status other than 200 (`message` is its error text, if any).
    case httpStatus(Int, message: String)
    /// The response is not HTTP, not JSON, or not a chat completion; `reason` says what was expected.
    case malformedResponse(String)
    /// The SSE stream ended before `[DONE]` or a finish reason.
    case truncatedStream(receivedEvents: Int)
    /// A tool call's `arguments` are not a JSON object.
    case invalidToolArguments(tool: String, reason: String)

    public var description: String {
        switch self {
        case .invalidEndpoint(let text, let reason): "LLM endpoint \(text): \(reason)"
        case .nonLoopbackEndpoint(let text):
            "LLM endpoint \(text) refused: only http://127.0.0.1:PORT/v1 (or localhost, [::1]) and unix:PATH are allowed; nothing leaves the car"
        case .connectionFailed(let endpoint, let call, let reason): "LLM endpoint \(endpoint): \(call): \(reason)"
        case .deadlineExceeded(let ms): "LLM server did not answer within the deadline (\(ms) ms)"
        case .circuitOpen(let failures): "LLM server skipped: circuit breaker open after \(failures) failures in a row"
        case .httpStatus(let status, let message): "LLM server answered HTTP \(status)\(message.isEmpty ? "" : ": \(message)")"
        case .malformedResponse(let reason): "LLM server's response is malformed: \(reason)"
        case .truncatedStream(let events): "LLM server's stream ended after \(events) events without [DONE] or a finish reason"
        case .invalidToolArguments(let tool, let reason): "tool call \(tool): arguments are not a JSON object (\(reason))"
        }
    }

    /// Whether another attempt may succeed: the connection failed or the server is still loading (HTTP 503).
    public var isTransient: Bool {
        switch self {
        case .connectionFailed: true
        case .httpStatus(let status, _): status == 503
        default: false
        }
    }
}
