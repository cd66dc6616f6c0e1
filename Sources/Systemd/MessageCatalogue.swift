public import Logging

/// The catalogued events of geniusd, each with a 128-bit journal `MESSAGE_ID` (32 lower-case hex
/// digits, as `systemd-id128 new` prints them). `journalctl MESSAGE_ID=...` selects one kind of event
/// across boots; `journalctl -x` shows its explanation from systemd/geniusd.catalog. docs/systemd.md
/// lists them. The ids never change once released.
public enum GeniusMessageID: String, Sendable, CaseIterable {
    /// A CAN controller went bus-off (too many transmit errors); the interface stops until restarted.
    case busOff = "853af2a361c24d418e6cec2b778494a3"
    /// A CAN interface disappeared or went down (unplugged, `ip link set down`).
    case interfaceLost = "f3a22d038b844d6ca5720a7d685032bd"
    /// A signal stopped arriving and its value became stale.
    case signalStale = "307d7b2a58344aa38139ea82114249ab"
    /// A client was refused on the API socket (its credentials, or a limit).
    case clientRefused = "294f2cbff5c84a4499b9eb4de33f27d2"
    /// The daemon finished start-up and serves (sent with READY=1).
    case daemonReady = "42f8a5e339e647e68446dee83a1526f3"
    /// A reload (SIGHUP) failed; the previous configuration stays in use.
    case reloadFailed = "a72717d3b54345ae9e2b147a2987e8ee"
    /// Repeated per-frame problems were suppressed by the rate limiter; the entry says how many.
    case problemsSuppressed = "c9bab1aa020a43608e083fc4adf6e23f"

    /// The id as journald stores it.
    public var id: String { rawValue }

    /// `["message.id": id]`, to merge into a log call's metadata (the journal handler writes it as `MESSAGE_ID`).
    public var metadata: Logger.Metadata { ["message.id": .string(rawValue)] }
}
