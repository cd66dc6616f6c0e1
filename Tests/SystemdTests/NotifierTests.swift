import Glibc
import Testing

@testable import Systemd

@Suite("sd_notify datagrams to a socket the test owns")
struct NotifierTests {
    @Test("states arrive as newline-separated assignments in one datagram", arguments: [false, true])
    func states(abstract: Bool) throws {
        let receiver = try NotifyReceiver(abstract: abstract)
        let notifier = try SystemdNotifier(socketPath: receiver.address)
        try notifier.notify([.ready, .status("serving 3 clients\nno errors")])
        #expect(receiver.receive() == "READY=1\nSTATUS=serving 3 clients no errors")
        try notifier.notify(.watchdog)
        #expect(receiver.receive() == "WATCHDOG=1")
        try notifier.notify(.stopping)
        #expect(receiver.receive() == "STOPPING=1")
    }

    @Test("RELOADING=1 carries the CLOCK_MONOTONIC time of the reload in microseconds")
    func reloading() throws {
        let receiver = try NotifyReceiver(abstract: true)
        let notifier = try SystemdNotifier(socketPath: receiver.address)
        var before = timespec()
        clock_gettime(CLOCK_MONOTONIC, &before)
        try notifier.notify(.reloadingNow())
        var after = timespec()
        clock_gettime(CLOCK_MONOTONIC, &after)
        let text = try #require(receiver.receive())
        let lines = text.split(separator: "\n")
        #expect(lines.first == "RELOADING=1")
        let stamp = try #require(lines.last.flatMap { UInt64($0.dropFirst("MONOTONIC_USEC=".count)) })
        let low = UInt64(before.tv_sec) * 1_000_000 + UInt64(before.tv_nsec) / 1000
        let high = UInt64(after.tv_sec) * 1_000_000 + UInt64(after.tv_nsec) / 1000
        #expect((low...high).contains(stamp))
    }

    @Test("a socket nobody listens on is an error naming the call, the path and errno")
    func missingSocket() throws {
        let notifier = try SystemdNotifier(socketPath: "/tmp/cargenius-no-such-notify-socket")
        #expect(throws: SystemdError.systemCall("sendto", target: "/tmp/cargenius-no-such-notify-socket", errno: ENOENT)) {
            try notifier.notify(.ready)
        }
    }

    @Test("addresses that are not Unix sockets are refused", arguments: ["relative/path", "vsock:2:1234", "@", ""])
    func badAddress(address: String) {
        #expect(throws: SystemdError.invalidEnvironment(variable: "NOTIFY_SOCKET", value: address)) {
            try SystemdNotifier(socketPath: address)
        }
    }

    @Test("adopting descriptors marks them close-on-exec; a closed one is an error")
    func adopt() throws {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        defer { close(fd) }
        #expect(fcntl(fd, F_GETFD) & FD_CLOEXEC == 0)
        let sockets = try ListenFDs.adopt([ListenedSocket(fileDescriptor: fd, name: "varlink")])
        #expect(sockets == [ListenedSocket(fileDescriptor: fd, name: "varlink")])
        #expect(fcntl(fd, F_GETFD) & FD_CLOEXEC == FD_CLOEXEC)
        let closed = dup(fd)
        close(closed)
        #expect(throws: SystemdError.systemCall("fcntl(F_SETFD, FD_CLOEXEC)", target: "fd \(closed)", errno: EBADF)) {
            try ListenFDs.adopt([ListenedSocket(fileDescriptor: closed, name: "x")])
        }
    }
}

/// The tests that set the process's environment run one at a time (no other test reads these variables).
@Suite("variables systemd sets, read from the real environment", .serialized)
struct EnvironmentTests {
    @Test("NOTIFY_SOCKET: nil when unset, a notifier when set, removed on request")
    func notifySocket() throws {
        unsetenv("NOTIFY_SOCKET")
        #expect(try SystemdNotifier.fromEnvironment() == nil)
        #expect(try Optional<SystemdNotifier>.none.notify(.ready) == ())
        let receiver = try NotifyReceiver(abstract: false)
        setenv("NOTIFY_SOCKET", receiver.address, 1)
        let notifier = try #require(try SystemdNotifier.fromEnvironment(unsetEnvironment: true))
        #expect(getenv("NOTIFY_SOCKET") == nil)
        let optional: SystemdNotifier? = notifier
        try optional.notify(.ready, .status("up"))
        #expect(receiver.receive() == "READY=1\nSTATUS=up")
    }

    @Test("WATCHDOG_USEC for this process, and for another")
    func watchdog() throws {
        setenv("WATCHDOG_USEC", "2000000", 1)
        setenv("WATCHDOG_PID", String(getpid()), 1)
        #expect(try WatchdogSettings.fromEnvironment()?.pingInterval == .seconds(1))
        setenv("WATCHDOG_PID", String(getpid() + 1), 1)
        #expect(try WatchdogSettings.fromEnvironment(unsetEnvironment: true) == nil)
        #expect(getenv("WATCHDOG_USEC") == nil && getenv("WATCHDOG_PID") == nil)
    }

    @Test("LISTEN_FDS meant for another process yields nothing and is unset")
    func listenForOther() throws {
        setenv("LISTEN_PID", String(getpid() + 1), 1)
        setenv("LISTEN_FDS", "1", 1)
        setenv("LISTEN_FDNAMES", "varlink", 1)
        #expect(try ListenFDs.take().isEmpty)
        #expect(getenv("LISTEN_PID") == nil && getenv("LISTEN_FDS") == nil && getenv("LISTEN_FDNAMES") == nil)
        #expect(try ListenFDs.take().isEmpty)
    }

    @Test("JOURNAL_STREAM naming stderr selects the journal; another stream or none selects stderr")
    func destination() throws {
        var status = stat()
        try #require(fstat(2, &status) == 0)
        setenv("JOURNAL_STREAM", "\(status.st_dev):\(status.st_ino)", 1)
        #expect(LoggingDestination.detect() == .journal)
        setenv("JOURNAL_STREAM", "\(status.st_dev):\(status.st_ino + 1)", 1)
        #expect(LoggingDestination.detect() == .stderr(priorityPrefix: false))
        unsetenv("JOURNAL_STREAM")
        #expect(LoggingDestination.detect() == .stderr(priorityPrefix: false))
    }
}
