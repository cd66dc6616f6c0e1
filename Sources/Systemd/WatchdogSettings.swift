/// The service watchdog systemd asks for (`WatchdogSec=`), as sd_watchdog_enabled(3) reads it.
public struct WatchdogSettings: Sendable, Equatable {
    /// How long systemd waits for a `WATCHDOG=1` before it treats the service as hung (`WATCHDOG_USEC`).
    public let timeout: Duration

    /// How often to send `WATCHDOG=1`: half the timeout, as sd_watchdog_enabled(3) recommends.
    public var pingInterval: Duration { timeout / 2 }

    public init(timeout: Duration) {
        self.timeout = timeout
    }

    /// The watchdog from `WATCHDOG_USEC` and `WATCHDOG_PID`, or nil when it is off: unset, zero, or meant
    /// for another process (`WATCHDOG_PID` is not this one). Throws when a value is not a number.
    ///
    /// - Parameter unsetEnvironment: removes both variables so child processes do not inherit them.
    public static func fromEnvironment(unsetEnvironment: Bool = false) throws(SystemdError) -> WatchdogSettings? {
        let microseconds = ProcessEnvironment.value("WATCHDOG_USEC")
        let pid = ProcessEnvironment.value("WATCHDOG_PID")
        if unsetEnvironment {
            ProcessEnvironment.unset("WATCHDOG_USEC")
            ProcessEnvironment.unset("WATCHDOG_PID")
        }
        return try parse(microseconds: microseconds, pid: pid, ownPID: currentProcessID())
    }

    /// The watchdog the two variables' values describe for the process `ownPID` (nil when off).
    public static func parse(microseconds: String?, pid: String?, ownPID: Int32) throws(SystemdError) -> WatchdogSettings? {
        guard let microseconds, !microseconds.isEmpty else { return nil }
        guard let value = UInt64(microseconds) else {
            throw .invalidEnvironment(variable: "WATCHDOG_USEC", value: microseconds)
        }
        if let pid, !pid.isEmpty {
            guard let target = Int32(pid), target > 0 else { throw .invalidEnvironment(variable: "WATCHDOG_PID", value: pid) }
            guard target == ownPID else { return nil }
        }
        guard value > 0 else { return nil }
        return WatchdogSettings(timeout: .microseconds(value))
    }
}
