/// What went wrong talking to systemd, and where.
public enum SystemdError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A system call or libsystemd function failed: which one, on what (a path, a descriptor; empty when
    /// none applies), and its `errno`.
    case systemCall(String, target: String, errno: Int32)
    /// An environment variable systemd sets holds a value that cannot be used (the variable and the value).
    case invalidEnvironment(variable: String, value: String)
    /// libsystemd.so.0 (with `sd_journal_sendv`) could not be loaded, so nothing can be sent to journald.
    case journalUnavailable

    public var description: String {
        switch self {
        case .systemCall(let call, let target, let code):
            let place = target.isEmpty ? "" : " on \(target)"
            return "\(call) failed\(place): \(errnoName(code)) (errno \(code))"
        case .invalidEnvironment(let variable, let value):
            return "the environment variable \(variable) has an unusable value \"\(value)\""
        case .journalUnavailable:
            return "libsystemd.so.0 (sd_journal_sendv) cannot be loaded: install libsystemd0, or log to stderr"
        }
    }
}

/// The symbolic name of the errno values the systemd interfaces meet, for messages.
func errnoName(_ code: Int32) -> String {
    switch code {
    case 1: return "EPERM"
    case 2: return "ENOENT"
    case 4: return "EINTR"
    case 9: return "EBADF"
    case 11: return "EAGAIN"
    case 12: return "ENOMEM"
    case 13: return "EACCES"
    case 22: return "EINVAL"
    case 32: return "EPIPE"
    case 90: return "EMSGSIZE"
    case 97: return "EAFNOSUPPORT"
    case 105: return "ENOBUFS"
    case 111: return "ECONNREFUSED"
    default: return "error"
    }
}
