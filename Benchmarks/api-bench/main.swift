// The Varlink API benchmark behind scripts/bench api. Prints `name value` lines.
//
//   api-bench daemon GENIUSD [--clients N] [--rate HZ] [--ask-rate HZ] [--seconds S] [--rounds R]
//       Starts GENIUSD (the release geniusd) on the simulated vehicle with its socket in a temporary
//       directory and a NOTIFY_SOCKET this process owns (read for the daemon's life), and reports:
//         ready_ms, rss_idle_mb   exec → READY=1; VmRSS 3 s later
//         get_p50_ms, get_p99_ms, api_ask_p99_ms, api_p99_ms (the larger of the two p99s; api_ask_p99_ms is
//                                 named apart from ask-bench's engine_ask_p99_ms, the engine in-process)
//                                 Vehicle.Get / Assistant.Ask round trips over N connections at once (100),
//                                 each calling HZ times per second (20 for Get, 2 for Ask; open loop: a late
//                                 call is sent at once, never in a burst to catch up); the median of R rounds
//         echo_p99_ms             the Get load against a plain Unix-socket echo in this process answering
//                                 each NUL-terminated message with a reply of the same size, in each round
//         get_vs_echo_p99         get_p99_ms ÷ echo_p99_ms
//         get_cpu_us, ask_cpu_us  the daemon's CPU time per call (user + system, /proc/PID/stat)
//         get_calls_per_s         closed loop: every connection calls again as soon as it has its reply
//         rss_mb                  VmRSS after all that and 2 s of quiet
//       The daemon's log goes to a file in the temporary directory.
//   api-bench load ADDRESS get|ask [--clients N] [--rate HZ] [--seconds S]
//       The same load against a running service (ADDRESS is unix:PATH).
//   api-bench serve ADDRESS
//       An in-process Varlink server whose io.cargenius.Vehicle.Get answers fixed values: a way to
//       profile the Varlink server alone (perf record -p PID while `load` runs).
import Glibc
import Synchronization
import Varlink
import VarlinkSocket
import JSON

func fail(_ message: String) -> Never {
    let line = "api-bench: \(message)\n"
    _ = line.withCString { write(2, $0, strlen($0)) }
    exit(2)
}

func emit(_ name: String, _ value: String, _ note: String) {
    let line = "\(name) \(value) # \(note)\n"
    _ = line.withCString { write(1, $0, strlen($0)) }
}

func format(_ value: Double, _ digits: Int = 3) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    return "\(rounded)"
}

func nowNanoseconds() -> Int64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
}

// MARK: - Sockets

func unixAddress(_ path: String) -> (sockaddr_un, socklen_t) {
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let bytes = Array(path.utf8)
    guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { fail("socket path too long: \(path)") }
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
        for (index, byte) in bytes.enumerated() { raw[index] = byte }
    }
    return (address, socklen_t(MemoryLayout<sa_family_t>.size + bytes.count + 1))
}

func connectTo(_ path: String) -> Int32 {
    let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    guard fd >= 0 else { fail("socket: errno \(errno)") }
    var (address, length) = unixAddress(path)
    let result = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, length) }
    }
    guard result == 0 else { fail("connect \(path): \(String(cString: strerror(errno)))") }
    return fd
}

func setNonBlocking(_ fd: Int32) {
    _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
}

func writeAllBlocking(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
    var offset = 0
    while offset < bytes.count {
        let n = bytes.withUnsafeBytes { send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
        if n < 0 {
            if errno == EINTR { continue }
            if errno == EAGAIN {
                var entry = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                _ = poll(&entry, 1, 1000)
                continue
            }
            return false
        }
        offset += n
    }
    return true
}

/// One synchronous call on a fresh connection: the reply's bytes without the NUL.
func callOnce(_ path: String, _ request: [UInt8]) -> [UInt8] {
    let fd = connectTo(path)
    defer { close(fd) }
    guard writeAllBlocking(fd, request) else { fail("send to \(path) failed") }
    var reply: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while !reply.contains(0) {
        let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
        guard n > 0 else { fail("\(path) closed the connection before replying") }
        reply += chunk[0..<n]
    }
    return Array(reply[..<reply.firstIndex(of: 0)!])
}

// MARK: - The load

struct LoadResult {
    var latencies: [Int64]  // nanoseconds, after the warm-up

    func percentile(_ p: Double) -> Double {
        guard !latencies.isEmpty else { return .nan }
        let sorted = latencies.sorted()
        let index = min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)
        return Double(sorted[max(0, index)]) / 1e6
    }
}

/// Drives `clients` connections from one epoll thread: each sends `request(i)`, waits for the reply
/// (a NUL), then waits for its next slot (every 1/rate s). Latencies after `warmup` seconds are kept.
func runLoad(
    path: String, clients: Int, rate: Double, seconds: Double, warmup: Double = 0.5,
    request: (Int) -> [UInt8]
) -> LoadResult {
    let interval = Int64(1e9 / rate)
    var fds: [Int32] = []
    var requests: [[UInt8]] = []
    let start = nowNanoseconds()
    var nextSend: [Int64] = []
    var sentAt = [Int64](repeating: 0, count: clients)
    var waiting = [Bool](repeating: false, count: clients)
    var polled: [pollfd] = []
    for index in 0..<clients {
        let fd = connectTo(path)
        setNonBlocking(fd)
        fds.append(fd)
        polled.append(pollfd(fd: fd, events: Int16(POLLIN), revents: 0))
        requests.append(request(index))
        nextSend.append(start + interval * Int64(index) / Int64(clients))  // spread over one interval
    }
    defer { for fd in fds { close(fd) } }
    let end = start + Int64(seconds * 1e9)
    let keepFrom = start + Int64(warmup * 1e9)
    var latencies: [Int64] = []
    latencies.reserveCapacity(min(Int(min(rate, 1e6) * seconds) * clients, 4_000_000))
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    var now = nowNanoseconds()
    while now < end {
        var earliest = end
        for index in 0..<clients where !waiting[index] {
            if nextSend[index] <= now {
                sentAt[index] = now
                waiting[index] = true
                if !writeAllBlocking(fds[index], requests[index]) { fail("send failed on connection \(index)") }
                nextSend[index] = max(nextSend[index] + interval, now)
            } else {
                earliest = min(earliest, nextSend[index])
            }
        }
        let timeout = Int32(max(0, (earliest - now + 999_999) / 1_000_000))
        let count = polled.withUnsafeMutableBufferPointer { poll($0.baseAddress, nfds_t($0.count), timeout) }
        now = nowNanoseconds()
        guard count >= 0 else {
            if errno == EINTR { continue }
            fail("poll: errno \(errno)")
        }
        if count == 0 { continue }
        for index in 0..<clients where polled[index].revents != 0 {
            polled[index].revents = 0
            while true {
                let n = buffer.withUnsafeMutableBytes { read(fds[index], $0.baseAddress!, $0.count) }
                if n < 0, errno == EINTR { continue }
                if n < 0, errno == EAGAIN { break }
                if n <= 0 { fail("the service closed connection \(index)") }
                for position in 0..<n where buffer[position] == 0 {
                    guard waiting[index] else { fail("an unexpected reply on connection \(index)") }
                    waiting[index] = false
                    if sentAt[index] >= keepFrom { latencies.append(now - sentAt[index]) }
                }
                if n < buffer.count { break }
            }
        }
    }
    // Let the last replies arrive so a following load starts clean.
    for index in 0..<clients where waiting[index] {
        var entry = pollfd(fd: fds[index], events: Int16(POLLIN), revents: 0)
        _ = poll(&entry, 1, 2000)
    }
    return LoadResult(latencies: latencies)
}

// MARK: - The reference: a plain Unix-socket echo

/// Answers every NUL-terminated message on every connection with `reply` (one thread polling).
final class EchoServer: Sendable {
    let path: String
    let listener: Int32

    init(path: String, reply: [UInt8]) {
        self.path = path
        unlink(path)
        let listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        self.listener = listener
        var (address, length) = unixAddress(path)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) }
        }
        guard bound == 0, listen(listener, 256) == 0 else { fail("echo server: bind/listen \(path): errno \(errno)") }
        let thread = Thread {
            var polled = [pollfd(fd: listener, events: Int16(POLLIN), revents: 0)]
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                if poll(&polled, nfds_t(polled.count), -1) <= 0 { continue }
                var closed: Set<Int32> = []
                for slot in polled.indices where polled[slot].revents != 0 {
                    polled[slot].revents = 0
                    let fd = polled[slot].fd
                    if fd == listener {
                        let connection = accept(listener, nil, nil)
                        if connection < 0 { continue }
                        setNonBlocking(connection)
                        polled.append(pollfd(fd: connection, events: Int16(POLLIN), revents: 0))
                        continue
                    }
                    while true {
                        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
                        if n < 0, errno == EINTR { continue }
                        if n < 0, errno == EAGAIN { break }
                        if n <= 0 {
                            closed.insert(fd)
                            break
                        }
                        var out: [UInt8] = []
                        for position in 0..<n where buffer[position] == 0 { out += reply }
                        if !out.isEmpty, !writeAllBlocking(fd, out) { closed.insert(fd) }
                        if n < buffer.count { break }
                    }
                }
                if !closed.isEmpty {
                    for fd in closed { close(fd) }
                    polled.removeAll { closed.contains($0.fd) }
                }
            }
        }
        thread.start()
    }
}

/// A detached POSIX thread.
struct Thread {
    let body: @Sendable () -> Void
    init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    func start() {
        final class Box {
            let body: @Sendable () -> Void
            init(_ body: @escaping @Sendable () -> Void) { self.body = body }
        }
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        var thread = pthread_t()
        pthread_create(
            &thread, nil,
            { argument in
                Unmanaged<Box>.fromOpaque(argument!).takeRetainedValue().body()
                return nil
            }, box)
        pthread_detach(thread)
    }
}

// MARK: - Requests

let getPaths = [
    "Vehicle.Speed", "Vehicle.Powertrain.Range", "Vehicle.Powertrain.TractionBattery.StateOfCharge.Current",
    "Vehicle.Cabin.Door.Row1.DriverSide.IsOpen", "Vehicle.Chassis.Axle.Row1.Wheel.Left.Tire.Pressure",
]

func getRequest(_ index: Int) -> [UInt8] {
    VarlinkCall(method: "io.cargenius.Vehicle.Get", parameters: ["paths": .array(getPaths.map { .string($0) })]).encoded()
}

func askRequest(_ index: Int) -> [UInt8] {
    VarlinkCall(
        method: "io.cargenius.Assistant.Ask",
        parameters: ["text": "how far can i go", "locale": "en-US", "session": .string("bench-\(index)")]
    ).encoded()
}

/// Checks one reply is a success, not a Varlink error; returns its size.
func checkedReplySize(_ path: String, _ request: [UInt8], _ what: String) -> Int {
    let reply = callOnce(path, request)
    guard let json = try? JSONParser.parse(reply), let decoded = try? VarlinkReply(json: json) else {
        fail("\(what): the reply is not a Varlink reply: \(String(decoding: reply, as: UTF8.self))")
    }
    if let error = decoded.error { fail("\(what) failed: \(error) \(JSONValue.object(decoded.parameters))") }
    return reply.count + 1
}

// MARK: - The daemon

struct Daemon {
    let pid: pid_t
    let readyMilliseconds: Double
}

/// Starts geniusd with `--address unix:SOCKET` and NOTIFY_SOCKET on a datagram socket of ours; waits
/// for READY=1.
func startDaemon(
    _ executable: String, socket socketPath: String, notify notifyPath: String, stateDirectory: String, log logPath: String
) -> Daemon {
    unlink(notifyPath)
    let notify = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    var (address, length) = unixAddress(notifyPath)
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(notify, $0, length) }
    }
    guard bound == 0 else { fail("bind \(notifyPath): errno \(errno)") }
    // Read for the daemon's life: a full queue would block its later STATUS/WATCHDOG/STOPPING sends.
    let drained = Drain(notify)

    var environment: [String] = []
    var entry = environ
    while let pointer = entry.pointee {
        let text = String(cString: pointer)
        if !text.hasPrefix("NOTIFY_SOCKET="), !text.hasPrefix("LISTEN_"), !text.hasPrefix("WATCHDOG_") {
            environment.append(text)
        }
        entry += 1
    }
    environment.append("NOTIFY_SOCKET=\(notifyPath)")
    environment.append("STATE_DIRECTORY=\(stateDirectory)")  // last-known values go to the temporary directory
    var arguments = [executable, "--address", "unix:\(socketPath)"]
    if let extra = getenv("GENIUSD_ARGS") {
        arguments += String(cString: extra).split(separator: " ").map(String.init)
    }
    let argv = arguments.map { strdup($0) } + [nil]
    let envp = environment.map { strdup($0) } + [nil]
    defer {
        for pointer in argv { free(pointer) }
        for pointer in envp { free(pointer) }
    }
    // Its log goes to a file next to the socket, so the bench's output stays the figures.
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    var pid: pid_t = 0
    let start = nowNanoseconds()
    let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
    guard spawned == 0 else { fail("posix_spawn \(executable): \(String(cString: strerror(spawned)))") }
    var buffer = [UInt8](repeating: 0, count: 4096)
    let deadline = start + 30_000_000_000
    while nowNanoseconds() < deadline {
        var entry = pollfd(fd: notify, events: Int16(POLLIN), revents: 0)
        if poll(&entry, 1, 100) > 0 {
            let n = buffer.withUnsafeMutableBytes { recv(notify, $0.baseAddress!, $0.count, 0) }
            if n > 0 {
                let text = String(decoding: buffer[0..<n], as: UTF8.self)
                if text.split(separator: "\n").contains("READY=1") {
                    let ready = Double(nowNanoseconds() - start) / 1e6
                    drained.start()
                    return Daemon(pid: pid, readyMilliseconds: ready)
                }
            }
        }
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == pid {
            fail("\(executable) exited (status \(status)) before READY=1; its log: \(logPath)")
        }
    }
    kill(pid, SIGKILL)
    fail("\(executable) sent no READY=1 within 30 s")
}

/// Reads and drops every datagram on `fd` on its own thread, for good.
struct Drain {
    let fd: Int32
    init(_ fd: Int32) { self.fd = fd }
    func start() {
        let fd = self.fd
        Thread {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while buffer.withUnsafeMutableBytes({ recv(fd, $0.baseAddress!, $0.count, 0) }) >= 0 || errno == EINTR {}
        }.start()
    }
}

func residentMegabytes(_ pid: pid_t) -> Double {
    guard let file = fopen("/proc/\(pid)/status", "r") else { return .nan }
    defer { fclose(file) }
    var line = [CChar](repeating: 0, count: 512)
    while fgets(&line, Int32(line.count), file) != nil {
        let text = String(cString: line)
        if text.hasPrefix("VmRSS:") {
            let kilobytes = text.split(separator: " ").compactMap { Double($0) }.first ?? .nan
            return kilobytes / 1024
        }
    }
    return .nan
}

// MARK: - Main

struct Options {
    var clients = 100
    var rate = 20.0
    var askRate = 2.0
    var seconds = 4.0
    var rounds = 3
    var positional: [String] = []

    init(_ arguments: ArraySlice<String>) {
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--clients": clients = iterator.next().flatMap { Int($0) } ?? { fail("--clients needs a number") }()
            case "--rate": rate = iterator.next().flatMap { Double($0) } ?? { fail("--rate needs a number") }()
            case "--seconds": seconds = iterator.next().flatMap { Double($0) } ?? { fail("--seconds needs a number") }()
            case "--ask-rate": askRate = iterator.next().flatMap { Double($0) } ?? { fail("--ask-rate needs a number") }()
            case "--rounds": rounds = iterator.next().flatMap { Int($0) } ?? { fail("--rounds needs a number") }()
            default: positional.append(argument)
            }
        }
    }
}

func socketPath(_ address: String) -> String {
    guard address.hasPrefix("unix:") else { fail("\(address): not unix:PATH") }
    return String(address.dropFirst(5))
}

func report(_ name: String, _ result: LoadResult, _ options: Options, _ what: String) -> Double {
    let p99 = result.percentile(0.99)
    emit(
        "\(name)_p50_ms", format(result.percentile(0.5)), "\(what), \(result.latencies.count) calls")
    emit(
        "\(name)_p99_ms", format(p99),
        "\(what), \(options.clients) connections × \(Int(options.rate))/s for \(Int(options.seconds)) s")
    return p99
}

/// The daemon's CPU time so far (user + system), in microseconds.
func cpuMicroseconds(_ pid: pid_t) -> Double {
    guard let file = fopen("/proc/\(pid)/stat", "r") else { return .nan }
    defer { fclose(file) }
    var line = [CChar](repeating: 0, count: 1024)
    guard fgets(&line, Int32(line.count), file) != nil else { return .nan }
    let text = String(cString: line)
    // Fields after the command (which may hold spaces) start after the last ')'.
    guard let close = text.lastIndex(of: ")") else { return .nan }
    let fields = text[text.index(after: close)...].split(separator: " ")
    guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return .nan }
    return (user + system) * 1e6 / Double(sysconf(Int32(_SC_CLK_TCK)))
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.isEmpty ? .nan : sorted[sorted.count / 2]
}

func runDaemonBenchmark(_ executable: String, _ options: Options) {
    let directory = String(cString: mkdtemp(strdup("/tmp/api-bench.XXXXXX")))
    let socket = directory + "/io.cargenius"
    let log = directory + "/geniusd.log"
    let daemon = startDaemon(
        executable, socket: socket, notify: directory + "/notify", stateDirectory: directory, log: log)
    defer {
        kill(daemon.pid, SIGTERM)
        var status: Int32 = 0
        waitpid(daemon.pid, &status, 0)
        for name in ["io.cargenius", "notify", "echo", "geniusd.log", "last-known-values.json"] {
            unlink(directory + "/" + name)
        }
        rmdir(directory)
    }
    emit("ready_ms", format(daemon.readyMilliseconds, 1), "exec → READY=1 on the simulated vehicle; goal <= 150")
    sleep(3)
    emit("rss_idle_mb", format(residentMegabytes(daemon.pid), 1), "geniusd VmRSS 3 s after READY, no client yet")
    let getSize = checkedReplySize(socket, getRequest(0), "Vehicle.Get")
    _ = checkedReplySize(socket, askRequest(0), "Assistant.Ask")
    let echo = EchoServer(path: directory + "/echo", reply: [UInt8](repeating: 0x20, count: getSize - 1) + [0])

    // Rounds of get, ask and echo in turn; each figure is the median over the rounds (other work on the
    // machine comes and goes).
    var get: [Double] = []
    var ask: [Double] = []
    var echoes: [Double] = []
    var getMedian: [Double] = []
    var getCPU: [Double] = []
    var askCPU: [Double] = []
    let seconds = options.seconds
    for _ in 0..<options.rounds {
        var before = cpuMicroseconds(daemon.pid)
        let getResult = runLoad(
            path: socket, clients: options.clients, rate: options.rate, seconds: seconds, warmup: 0.3, request: getRequest)
        getCPU.append((cpuMicroseconds(daemon.pid) - before) / Double(getResult.latencies.count))
        get.append(getResult.percentile(0.99))
        getMedian.append(getResult.percentile(0.5))
        before = cpuMicroseconds(daemon.pid)
        let askResult = runLoad(
            path: socket, clients: options.clients, rate: options.askRate, seconds: seconds, warmup: 0.3,
            request: askRequest)
        askCPU.append((cpuMicroseconds(daemon.pid) - before) / Double(askResult.latencies.count))
        ask.append(askResult.percentile(0.99))
        let echoResult = runLoad(
            path: echo.path, clients: options.clients, rate: options.rate, seconds: seconds, warmup: 0.3,
            request: getRequest)
        echoes.append(echoResult.percentile(0.99))
    }
    let load = "\(options.clients) connections at once"
    let rounds = "median of \(options.rounds) rounds of \(Int(seconds)) s"
    emit("get_p50_ms", format(median(getMedian)), "Vehicle.Get of \(getPaths.count) paths, \(load) × \(Int(options.rate))/s; \(rounds)")
    emit("get_p99_ms", format(median(get)), "the same")
    emit("api_ask_p99_ms", format(median(ask)), "Assistant.Ask \"how far can i go\", \(load) × \(Int(options.askRate))/s; \(rounds)")
    emit("echo_p99_ms", format(median(echoes)), "plain Unix-socket echo in the bench, \(getSize)-byte replies, the Get load")
    emit("api_p99_ms", format(max(median(get), median(ask))), "the larger of get_p99_ms and api_ask_p99_ms; goal <= 2")
    emit("get_vs_echo_p99", format(median(get) / median(echoes), 2), "get_p99_ms ÷ echo_p99_ms (same load, same rounds)")
    emit("get_cpu_us", format(median(getCPU), 1), "geniusd CPU time (user + system) per Vehicle.Get call")
    emit("ask_cpu_us", format(median(askCPU), 1), "geniusd CPU time per Assistant.Ask call")

    let capacity = runLoad(
        path: socket, clients: options.clients, rate: 1e9, seconds: 3, warmup: 0.5, request: getRequest)
    emit(
        "get_calls_per_s", format(Double(capacity.latencies.count) / 2.5, 0),
        "closed loop: \(options.clients) connections each calling again at once; p99 \(format(capacity.percentile(0.99))) ms")

    sleep(2)
    emit("rss_mb", format(residentMegabytes(daemon.pid), 1), "geniusd VmRSS after the load and 2 s of quiet; goal <= 30")
}

func main() async {
    let arguments = Array(CommandLine.arguments.dropFirst())
    guard let mode = arguments.first else {
        fail("usage: api-bench daemon GENIUSD | load unix:PATH get|ask | serve unix:PATH  [--clients N --rate HZ --seconds S]")
    }
    let options = Options(arguments.dropFirst())
    switch mode {
    case "daemon":
        guard let executable = options.positional.first else { fail("daemon needs the geniusd executable") }
        runDaemonBenchmark(executable, options)
    case "load":
        guard options.positional.count == 2 else { fail("load needs unix:PATH and get or ask") }
        let path = socketPath(options.positional[0])
        let request = options.positional[1] == "ask" ? askRequest : getRequest
        _ = checkedReplySize(path, request(0), options.positional[1])
        let result = runLoad(
            path: path, clients: options.clients, rate: options.rate, seconds: options.seconds, request: request)
        _ = report(options.positional[1], result, options, "against \(options.positional[0])")
    case "serve":
        guard let address = options.positional.first else { fail("serve needs unix:PATH") }
        await serve(address)
    default:
        fail("unknown mode \(mode)")
    }
}

/// A Varlink server with the repository's Vehicle interface whose Get answers fixed values.
func serve(_ address: String) async {
    let description = """
        interface io.cargenius.Vehicle
        type Value (path: string, status: string, value: ?object, unit: ?string, age: ?float)
        method Get(paths: []string) -> (values: []Value)
        """
    do {
        var vehicle = try VarlinkInterface(description: description)
        try vehicle.onReply("Get") { call in
            let paths = call.parameters["paths"]?.array ?? []
            return [
                "values": .array(
                    paths.map { path in
                        .object(["path": path, "status": "available", "value": 42.5, "unit": "km", "age": 0.25])
                    })
            ]
        }
        let service = try VarlinkService(
            info: ServiceInfo(vendor: "Car Genius", product: "api-bench", version: "1", url: "https://example.invalid"),
            interfaces: [vehicle])
        let server = try VarlinkSocketServer(service: service, address: VarlinkAddress(parsing: address))
        try await server.run()
    } catch {
        fail("serve: \(error)")
    }
}

await main()
