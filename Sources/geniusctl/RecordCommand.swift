import ArgumentParser
import CANBus

#if canImport(SocketCAN)
    import Dispatch
    import Glibc
    import SocketCAN
#endif

struct RecordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Record CAN interfaces as a candump -L log (readable by canplayer, cantools, python-can).",
        discussion: """
            Prints one `(seconds.micros) IFACE ID#DATA` line per frame with the kernel's receive time, \
            until --count frames or --duration seconds, or SIGINT/SIGTERM. At the end, a summary per \
            interface goes to standard error: frames, error frames, frames the kernel dropped, bus state.
            """
    )

    @Argument(help: ArgumentHelp("The interfaces to record (can0, vcan1, ...).", valueName: "IFACE"))
    var interfaces: [String]

    @Option(name: [.short, .long], help: ArgumentHelp("Write the log to FILE instead of standard output.", valueName: "FILE"))
    var output: String?

    @Option(help: "Stop after this many frames.")
    var count: Int?

    @Option(help: "Stop after this many seconds.")
    var duration: Double?

    @Flag(help: "Record error frames too (as candump's #FFFFFFFF error filter does).")
    var errors = false

    @Option(help: "Socket receive buffer in bytes.")
    var receiveBuffer: Int = 8 << 20

    func validate() throws {
        guard !interfaces.isEmpty else { throw ValidationError("name at least one interface to record") }
        if let count, count < 1 { throw ValidationError("--count must be at least 1") }
        if let duration, !(duration > 0) { throw ValidationError("--duration must be positive") }
    }

    func run() async throws {
        #if canImport(SocketCAN)
            let options = CANSocketOptions(filter: .all, errorFrames: errors, receiveBufferBytes: receiveBuffer)
            let source: SocketCANSource
            do {
                source = try SocketCANSource(SocketCANConfiguration(interfaces: interfaces, socket: options))
            } catch {
                standardError("geniusctl record: \(error)")
                throw ExitCode(error == .canUnsupported ? 69 : 1)
            }
            var sink = LogSink()
            if let output {
                do {
                    try sink.open(output)
                } catch {
                    standardError("geniusctl record: cannot write \(output): \(error)")
                    throw ExitCode(73)  // EX_CANTCREAT
                }
            }
            // SIGINT, SIGTERM and the --duration timer stop the source; receive then returns false.
            signal(SIGINT, SIG_IGN)
            signal(SIGTERM, SIG_IGN)
            let signals = [SIGINT, SIGTERM].map { number in
                let signalSource = DispatchSource.makeSignalSource(signal: number, queue: .global())
                signalSource.setEventHandler { source.stop() }
                signalSource.resume()
                return signalSource
            }
            defer { for signalSource in signals { signalSource.cancel() } }
            let timer = duration.map { seconds in
                Task {
                    try await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
                    source.stop()
                }
            }
            var recorded = 0
            var batch: [CANFrame] = []
            var text = ""
            do {
                while count.map({ recorded < $0 }) ?? true, try await source.receive(into: &batch) {
                    text.removeAll(keepingCapacity: true)
                    for var frame in batch {
                        if let count, recorded >= count { break }
                        // candump -L prints microseconds, and canplayer reads the fraction as microseconds.
                        frame.timestamp.nanoseconds -= frame.timestamp.nanoseconds % 1000
                        text += CandumpLog.format(frame)
                        text += "\n"
                        recorded += 1
                    }
                    sink.write(text)
                }
            } catch {
                standardError("geniusctl record: \(error)")
            }
            timer?.cancel()
            source.stop()
            sink.close()
            for health in source.health() {
                standardError(
                    "geniusctl record: \(health.interface): \(health.framesReceived) frames, \(health.errorFrames) error frames, "
                        + "\(health.kernelDrops) dropped by the kernel, link \(health.link.rawValue), bus \(health.bus.state.rawValue)")
            }
        #else
            standardError("geniusctl record: SocketCAN needs Linux")
            throw ExitCode(69)
        #endif
    }
}

#if canImport(SocketCAN)
    /// Standard output, or a file opened with `open`; writes whole batches of lines.
    struct LogSink {
        private var descriptor: Int32 = 1

        mutating func open(_ path: String) throws(SocketCANError) {
            let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw .systemCall("open(\(path))", interface: "", errno: errno) }
            descriptor = fd
        }

        func write(_ text: String) {
            var text = text
            text.withUTF8 { bytes in
                var offset = 0
                while offset < bytes.count {
                    let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        return
                    }
                    offset += written
                }
            }
        }

        func close() {
            if descriptor != 1 { _ = Glibc.close(descriptor) }
        }
    }
#endif
