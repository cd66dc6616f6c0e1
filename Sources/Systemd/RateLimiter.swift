/// Lets at most `burst` events through per `interval`, and counts the ones it holds back, like
/// journald's `RateLimitIntervalSec=`/`RateLimitBurst=`. For per-frame problems (an undecodable frame,
/// an out-of-range value) that could otherwise flood the journal at thousands per second.
///
/// A value type with no lock: keep one per problem kind in the one task that meets the problem (the
/// ingest loop), and log only when `admit` says so. It takes the time as a parameter, so it costs no
/// clock read when the caller already has one and tests drive it with their own instants. Portable
/// (no Glibc), so it could move to a portable module unchanged.
public struct RateLimiter: Sendable {
    /// What to do with one event.
    public enum Verdict: Sendable, Equatable {
        /// Log it; `suppressed` events were held back since the last one let through (say so in the entry).
        case allow(suppressed: Int)
        /// Drop it: the burst for this interval is used up.
        case suppress
    }

    public let burst: Int
    public let interval: Duration
    private var windowStart: ContinuousClock.Instant?
    private var admitted = 0
    private var held = 0

    /// - Parameters: burst: events allowed per interval (at least 1); interval: the window's length.
    public init(burst: Int, interval: Duration) {
        precondition(burst >= 1 && interval > .zero, "RateLimiter needs burst >= 1 and a positive interval")
        self.burst = burst
        self.interval = interval
    }

    /// The total number of events suppressed so far that no `allow` has reported yet.
    public var pendingSuppressed: Int { held }

    /// Decides about one event happening at `now`.
    public mutating func admit(at now: ContinuousClock.Instant = .now) -> Verdict {
        if let start = windowStart, now - start < interval {
            if admitted < burst {
                admitted += 1
                return report()
            }
            held += 1
            return .suppress
        }
        windowStart = now
        admitted = 1
        return report()
    }

    private mutating func report() -> Verdict {
        defer { held = 0 }
        return .allow(suppressed: held)
    }
}
