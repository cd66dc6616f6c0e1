public import Assistant
import Synchronization

/// The dialogue sessions of `Assistant.Ask`, by the caller's session string, with an idle expiry and a cap.
///
/// A session unused for `idleLimit` is forgotten; when `capacity` sessions exist, the least recently
/// used goes first. Two concurrent calls on one session each see the state as it was when they took
/// it; the later one to finish is kept.
public final class AskSessions: Sendable {
    public let capacity: Int
    public let idleLimit: Duration
    private let clock: @Sendable () -> ContinuousClock.Instant
    private let entries = Mutex<[String: Entry]>([:])

    struct Entry {
        var session: AssistantSession
        var lastUsed: ContinuousClock.Instant
    }

    public init(
        capacity: Int = 1000, idleLimit: Duration = .seconds(900),
        clock: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) {
        self.capacity = max(1, capacity)
        self.idleLimit = idleLimit
        self.clock = clock
    }

    /// The session named `id` (a fresh one when unknown or expired).
    public func session(_ id: String) -> AssistantSession {
        let now = clock()
        return entries.withLock { entries in
            guard let entry = entries[id] else { return AssistantSession() }
            if now - entry.lastUsed > idleLimit {
                entries[id] = nil
                return AssistantSession()
            }
            return entry.session
        }
    }

    /// Keeps `session` under `id`, expiring idle sessions and evicting the least recently used over the cap.
    public func store(_ session: AssistantSession, as id: String) {
        let now = clock()
        entries.withLock { entries in
            entries[id] = Entry(session: session, lastUsed: now)
            if entries.count > capacity {
                entries = entries.filter { now - $0.value.lastUsed <= idleLimit }
            }
            while entries.count > capacity {
                guard let oldest = entries.min(by: { $0.value.lastUsed < $1.value.lastUsed })?.key else { break }
                entries[oldest] = nil
            }
        }
    }

    /// How many sessions are kept now.
    public var count: Int { entries.withLock { $0.count } }

    /// Forgets sessions idle longer than `idleLimit`; returns how many went.
    @discardableResult
    public func expire() -> Int {
        let now = clock()
        return entries.withLock { entries in
            let before = entries.count
            entries = entries.filter { now - $0.value.lastUsed <= idleLimit }
            return before - entries.count
        }
    }
}
