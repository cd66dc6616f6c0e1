import LLM
import Synchronization
import Testing

@Suite("LLM circuit breaker and retries")
struct BreakerTests {
    @Test("opens after the threshold, refuses while open, lets one trial through when half-open")
    func states() {
        var breaker = CircuitBreaker(threshold: 2, coolDown: .seconds(10))
        let t0 = ContinuousClock.now
        let first = breaker.allow(at: t0)
        #expect(first)
        breaker.recordFailure(at: t0)
        #expect(breaker.state(at: t0) == .closed)
        breaker.recordFailure(at: t0)
        #expect(breaker.state(at: t0) == .open)
        let whileOpen = breaker.allow(at: t0 + .seconds(9))
        #expect(!whileOpen)
        #expect(breaker.state(at: t0 + .seconds(10)) == .halfOpen)
        let trial = breaker.allow(at: t0 + .seconds(10))
        let second = breaker.allow(at: t0 + .seconds(10))
        #expect(trial)
        #expect(!second, "only one trial at a time")
        breaker.recordFailure(at: t0 + .seconds(11))
        #expect(breaker.state(at: t0 + .seconds(20)) == .open)
        let again = breaker.allow(at: t0 + .seconds(21))
        #expect(again)
        breaker.recordSuccess()
        #expect(breaker.state(at: t0 + .seconds(21)) == .closed)
        #expect(breaker.consecutiveFailures == 0)
    }

    /// A transport that fails or answers as scripted and counts its calls.
    final class ScriptedTransport: LLMTransport {
        let script: Mutex<[Result<HTTPResponse, LLMError>]>
        let calls = Atomic<Int>(0)
        init(_ script: [Result<HTTPResponse, LLMError>]) { self.script = Mutex(script) }
        func exchange(_ request: [UInt8], endpoint: LLMEndpoint, deadline: ContinuousClock.Instant) throws(LLMError) -> HTTPResponse {
            calls.add(1, ordering: .relaxed)
            let next = script.withLock {
                $0.isEmpty ? .failure(.connectionFailed(endpoint: "x", call: "connect", reason: "refused")) : $0.removeFirst()
            }
            return try next.get()
        }
        func pause(_ duration: Duration) {}
    }

    static let ok = HTTPResponse(
        status: 200, headers: ["content-type": "application/json"], body: Array(#"{"choices":[{"message":{"content":"hi"}}]}"#.utf8))
    static let refused = LLMError.connectionFailed(endpoint: "x", call: "connect", reason: "refused")

    @Test("a transient failure is retried once; a garbage answer is not retried")
    func retries() throws {
        let endpoint = try LLMEndpoint(parsing: "http://127.0.0.1:1/v1")
        let flaky = ScriptedTransport([.failure(Self.refused), .success(Self.ok)])
        let client = ChatClient(endpoint: endpoint, transport: flaky)
        let request = ChatRequest(model: "m", messages: [.user("x")])
        #expect(try client.complete(request, deadline: .now + .seconds(5)).content == "hi")
        #expect(flaky.calls.load(ordering: .relaxed) == 2)

        let garbage = ScriptedTransport([.success(HTTPResponse(status: 200, headers: [:], body: Array("nope".utf8)))])
        let client2 = ChatClient(endpoint: endpoint, transport: garbage)
        #expect(throws: LLMError.self) { try client2.complete(request, deadline: .now + .seconds(5)) }
        #expect(garbage.calls.load(ordering: .relaxed) == 1)
    }

    @Test("retries do not pile up: at most maxAttempts tries per call, none without time left, none while the breaker is open")
    func noPileUp() throws {
        let endpoint = try LLMEndpoint(parsing: "http://127.0.0.1:1/v1")
        let dead = ScriptedTransport([])
        let client = ChatClient(endpoint: endpoint, transport: dead, breaker: CircuitBreaker(threshold: 2, coolDown: .seconds(60)))
        let request = ChatRequest(model: "m", messages: [.user("x")])
        #expect(throws: Self.refused) { try client.complete(request, deadline: .now + .seconds(5)) }
        #expect(dead.calls.load(ordering: .relaxed) == 2)
        #expect(throws: Self.refused) { try client.complete(request, deadline: .now + .milliseconds(1)) }
        #expect(dead.calls.load(ordering: .relaxed) == 3, "no retry when the deadline leaves no time")
        #expect(client.breakerState == .open)
        #expect(throws: LLMError.circuitOpen(failures: 2)) { try client.complete(request, deadline: .now + .seconds(5)) }
        #expect(dead.calls.load(ordering: .relaxed) == 3, "an open breaker asks nobody")
    }
}
