import Glibc

/// The process environment, read and changed the way sd_listen_fds(3) and sd_notify(3) do.
enum ProcessEnvironment {
    /// `getenv(3)`; nil when unset.
    static func value(_ name: String) -> String? {
        guard let pointer = getenv(name) else { return nil }
        return String(cString: pointer)
    }

    /// `unsetenv(3)`, so child processes do not inherit what was meant for this one.
    static func unset(_ name: String) {
        _ = unsetenv(name)
    }
}
