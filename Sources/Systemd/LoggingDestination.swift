public import Logging
import CSystemd

/// Where the daemon's log goes: straight to journald with fields, or lines on stderr.
public enum LoggingDestination: Sendable, Equatable {
    /// `sd_journal_sendv`, with structured fields.
    case journal
    /// One line per entry on stderr; with `priorityPrefix`, lines start with `<N>`.
    case stderr(priorityPrefix: Bool)

    /// `.journal` when stderr is connected to journald (`JOURNAL_STREAM` names stderr's device and inode,
    /// as systemd sets it for `StandardError=journal`; the check sd_journal_stream_fd(3) documents) and
    /// libsystemd can be loaded; otherwise `.stderr`, with the `<N>` prefix when stderr goes to the
    /// journal but libsystemd is missing.
    public static func detect() -> LoggingDestination {
        let stream = ProcessEnvironment.value("JOURNAL_STREAM")
        var device: UInt64 = 0
        var inode: UInt64 = 0
        let stderrIdentity: (UInt64, UInt64)? = csd_device_inode(2, &device, &inode) == 0 ? (device, inode) : nil
        let connected = stderrIsJournal(journalStream: stream, stderr: stderrIdentity)
        if connected && csd_journal_available() == 1 { return .journal }
        return .stderr(priorityPrefix: connected)
    }

    /// Whether a `JOURNAL_STREAM` value ("device:inode", decimal) names the stream stderr is.
    public static func stderrIsJournal(journalStream: String?, stderr: (device: UInt64, inode: UInt64)?) -> Bool {
        guard let journalStream, let stderr else { return false }
        let parts = journalStream.split(separator: ":")
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else { return false }
        return device == stderr.device && inode == stderr.inode
    }

    /// A factory for `LoggingSystem.bootstrap`: every logger gets a handler for this destination, with
    /// `SYSLOG_IDENTIFIER` `identifier` and the given level. Falls back to stderr when the journal
    /// cannot be opened.
    public func handlerFactory(identifier: String, logLevel: Logger.Level = .info) -> @Sendable (String) -> any LogHandler {
        switch self {
        case .journal:
            if let journal = try? Journal.open() {
                return { label in
                    var handler = JournalLogHandler(label: label, identifier: identifier, journal: journal)
                    handler.logLevel = logLevel
                    return handler
                }
            }
            return LoggingDestination.stderr(priorityPrefix: false).handlerFactory(identifier: identifier, logLevel: logLevel)
        case .stderr(let prefix):
            return { label in
                var handler = StderrLogHandler(label: label, identifier: identifier, priorityPrefix: prefix)
                handler.logLevel = logLevel
                return handler
            }
        }
    }
}
