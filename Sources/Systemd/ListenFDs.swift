import CSystemd

/// A listening socket passed by socket activation: its descriptor and its `FileDescriptorName=`.
///
/// The process owns the descriptor: close it when done (it is CLOEXEC, so children do not inherit it).
public struct ListenedSocket: Sendable, Equatable {
    /// The descriptor number (3, 4, ...).
    public let fileDescriptor: Int32
    /// The name from `LISTEN_FDNAMES` (the socket unit's `FileDescriptorName=`, or its unit name), or
    /// "unknown" when systemd passed no names, as sd_listen_fds_with_names(3) reports it.
    public let name: String

    public init(fileDescriptor: Int32, name: String) {
        self.fileDescriptor = fileDescriptor
        self.name = name
    }
}

/// The sockets passed by socket activation, as sd_listen_fds_with_names(3) reads them.
public enum ListenFDs {
    /// `SD_LISTEN_FDS_START`: the first passed descriptor.
    public static let firstDescriptor: Int32 = 3

    /// Takes the sockets `LISTEN_PID`/`LISTEN_FDS`/`LISTEN_FDNAMES` describe for this process: marks them
    /// close-on-exec and (by default) unsets the three variables, so a second call and child processes see
    /// none. Returns an empty array when nothing was passed or it was meant for another process.
    public static func take(unsetEnvironment: Bool = true) throws(SystemdError) -> [ListenedSocket] {
        let pid = ProcessEnvironment.value("LISTEN_PID")
        let count = ProcessEnvironment.value("LISTEN_FDS")
        let names = ProcessEnvironment.value("LISTEN_FDNAMES")
        if unsetEnvironment {
            ProcessEnvironment.unset("LISTEN_PID")
            ProcessEnvironment.unset("LISTEN_FDS")
            ProcessEnvironment.unset("LISTEN_FDNAMES")
        }
        let sockets = try parse(pid: pid, count: count, names: names, ownPID: currentProcessID())
        return try adopt(sockets)
    }

    /// The sockets the variables' values describe for the process `ownPID`, without touching descriptors.
    public static func parse(
        pid: String?, count: String?, names: String?, ownPID: Int32, firstDescriptor: Int32 = firstDescriptor
    ) throws(SystemdError) -> [ListenedSocket] {
        guard let pid, !pid.isEmpty else { return [] }
        guard let target = Int32(pid), target > 0 else { throw .invalidEnvironment(variable: "LISTEN_PID", value: pid) }
        guard target == ownPID else { return [] }
        guard let count, let number = Int32(count), number >= 0, number <= 4096 else {
            throw .invalidEnvironment(variable: "LISTEN_FDS", value: count ?? "")
        }
        var labels: [String] = []
        if let names, !names.isEmpty || number == 1 {
            labels = names.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard labels.count == Int(number) else { throw .invalidEnvironment(variable: "LISTEN_FDNAMES", value: names) }
        }
        return (0..<number).map { index in
            ListenedSocket(
                fileDescriptor: firstDescriptor + index,
                name: labels.isEmpty ? "unknown" : labels[Int(index)]
            )
        }
    }

    /// Checks each descriptor is open and marks it close-on-exec (`fcntl(F_SETFD, FD_CLOEXEC)`).
    ///
    /// If this throws, the caller still owns every descriptor in `sockets`.
    public static func adopt(_ sockets: [ListenedSocket]) throws(SystemdError) -> [ListenedSocket] {
        for socket in sockets {
            let code = csd_set_cloexec(socket.fileDescriptor)
            if code < 0 { throw .systemCall("fcntl(F_SETFD, FD_CLOEXEC)", target: "fd \(socket.fileDescriptor)", errno: -code) }
        }
        return sockets
    }
}

/// `getpid(2)`.
func currentProcessID() -> Int32 { csd_getpid() }
