import CSystemd

/// One assignment of the sd_notify(3) protocol.
public enum NotifyState: Sendable, Equatable {
    /// `READY=1`: start-up is finished and the service can serve (Type=notify units leave "activating").
    case ready
    /// `RELOADING=1` with `MONOTONIC_USEC=`, the CLOCK_MONOTONIC time of the reload's start in
    /// microseconds (systemd 253+ needs it for Type=notify-reload). Send `.ready` when the reload is done.
    case reloading(monotonicMicroseconds: UInt64)
    /// `STOPPING=1`: the service began shutting down.
    case stopping
    /// `STATUS=`: one line for `systemctl status` (newlines become spaces).
    case status(String)
    /// `WATCHDOG=1`: the keep-alive ping; send it at `WatchdogSettings.pingInterval`.
    case watchdog
    /// `WATCHDOG=trigger`: asks systemd to act as if the watchdog timed out.
    case watchdogTrigger
    /// `ERRNO=`: the errno-style reason of a failure, shown by `systemctl status`.
    case errno(Int32)
    /// `MAINPID=`: the process systemd should treat as the service's main process.
    case mainPID(Int32)
    /// `EXTEND_TIMEOUT_USEC=`: asks for more time to start, reload or stop (microseconds).
    case extendTimeout(microseconds: UInt64)

    /// `RELOADING=1` stamped with the current CLOCK_MONOTONIC time.
    public static func reloadingNow() -> NotifyState {
        .reloading(monotonicMicroseconds: csd_monotonic_usec())
    }

    /// The state's line(s) in the notification datagram.
    public var assignment: String {
        switch self {
        case .ready: return "READY=1"
        case .reloading(let microseconds): return "RELOADING=1\nMONOTONIC_USEC=\(microseconds)"
        case .stopping: return "STOPPING=1"
        case .status(let text):
            let line = text.map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : String($0) }.joined()
            return "STATUS=\(line)"
        case .watchdog: return "WATCHDOG=1"
        case .watchdogTrigger: return "WATCHDOG=trigger"
        case .errno(let code): return "ERRNO=\(code)"
        case .mainPID(let pid): return "MAINPID=\(pid)"
        case .extendTimeout(let microseconds): return "EXTEND_TIMEOUT_USEC=\(microseconds)"
        }
    }
}

/// Sends state notifications to the service manager over `NOTIFY_SOCKET`, like sd_notify(3).
///
/// Each notification is one datagram on a fresh AF_UNIX socket, so a notifier holds no descriptor and
/// can be shared freely. Abstract sockets (`@name`) are supported.
public struct SystemdNotifier: Sendable, Equatable {
    /// The socket's address as systemd gave it: an absolute path, or `@` and an abstract name.
    public let socketPath: String

    /// A notifier for an explicit socket address (an absolute path, or `@name` for an abstract socket).
    public init(socketPath: String) throws(SystemdError) {
        guard socketPath.hasPrefix("/") || socketPath.hasPrefix("@"), socketPath.utf8.count >= 2,
            socketPath.utf8.count < 108
        else { throw .invalidEnvironment(variable: "NOTIFY_SOCKET", value: socketPath) }
        self.socketPath = socketPath
    }

    /// The notifier `NOTIFY_SOCKET` names, or nil when it is unset or empty (not run by systemd: every
    /// notification is then simply not sent). Throws when the variable holds something that is not a
    /// Unix socket address (for example a `vsock:` address, which this notifier does not speak).
    ///
    /// - Parameter unsetEnvironment: removes `NOTIFY_SOCKET` so child processes do not inherit it.
    public static func fromEnvironment(unsetEnvironment: Bool = false) throws(SystemdError) -> SystemdNotifier? {
        guard let value = ProcessEnvironment.value("NOTIFY_SOCKET"), !value.isEmpty else { return nil }
        if unsetEnvironment { ProcessEnvironment.unset("NOTIFY_SOCKET") }
        return try SystemdNotifier(socketPath: value)
    }

    /// Sends the states in one datagram (systemd applies them together), like `sd_notify(0, "A=1\nB=2")`.
    public func notify(_ states: [NotifyState]) throws(SystemdError) {
        guard !states.isEmpty else { return }
        try send(states.map(\.assignment).joined(separator: "\n"))
    }

    /// Sends one state.
    public func notify(_ state: NotifyState) throws(SystemdError) {
        try notify([state])
    }

    /// Sends a raw notification text (newline-separated `NAME=value` assignments).
    public func send(_ message: String) throws(SystemdError) {
        var path = socketPath
        var text = message
        let code = path.withUTF8 { pathBytes in
            text.withUTF8 { messageBytes in
                pathBytes.withMemoryRebound(to: CChar.self) { pathChars in
                    messageBytes.withMemoryRebound(to: CChar.self) { messageChars in
                        csd_notify(pathChars.baseAddress, pathChars.count, messageChars.baseAddress, messageChars.count)
                    }
                }
            }
        }
        if code < 0 { throw .systemCall("sendto", target: socketPath, errno: -code) }
    }
}

extension Optional where Wrapped == SystemdNotifier {
    /// Sends the states when there is a notifier; does nothing when the service does not run under systemd.
    public func notify(_ states: NotifyState...) throws(SystemdError) {
        guard let notifier = self else { return }
        try notifier.notify(states)
    }
}
