/// Stops asking a failing server for a while, so a dead or wedged LLM costs nothing per turn.
///
/// Closed: every call goes through. After `threshold` failures in a row it opens for `coolDown`: calls are
/// refused at once. Then it half-opens: one call goes through; its success closes the breaker, its failure
/// opens it again for another `coolDown`.
public struct CircuitBreaker: Sendable {
    public let threshold: Int
    public let coolDown: Duration
    public private(set) var consecutiveFailures = 0
    var openUntil: ContinuousClock.Instant?
    var trialInFlight = false

    public init(threshold: Int = 3, coolDown: Duration = .seconds(30)) {
        self.threshold = max(1, threshold)
        self.coolDown = coolDown
    }

    public enum State: Equatable, Sendable { case closed, open, halfOpen }

    public func state(at now: ContinuousClock.Instant) -> State {
        guard let openUntil else { return .closed }
        return now < openUntil ? .open : .halfOpen
    }

    /// Whether a call may go to the server now; in the half-open state only one call at a time.
    public mutating func allow(at now: ContinuousClock.Instant) -> Bool {
        switch state(at: now) {
        case .closed: return true
        case .open: return false
        case .halfOpen:
            if trialInFlight { return false }
            trialInFlight = true
            return true
        }
    }

    public mutating func recordSuccess() {
        consecutiveFailures = 0
        openUntil = nil
        trialInFlight = false
    }

    public mutating func recordFailure(at now: ContinuousClock.Instant) {
        consecutiveFailures += 1
        trialInFlight = false
        if consecutiveFailures >= threshold { openUntil = now + coolDown }
    }
}
