import ArgumentParser
import CANBus

#if canImport(SocketCAN)
    import Glibc
    import SocketCAN
#endif

struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay a candump -L log onto a CAN interface at its recorded pace, as canplayer does.",
        discussion: """
            Every frame of the log is sent to --to IFACE, whatever interface the log names, in log order, \
            released at the logged pace divided by --speed (--fast: no waiting). Malformed lines are reported \
            with their line numbers and skipped. To answer from a log without a bus, use geniusctl ask --vehicle \
            MANIFEST --log LOG (in-process), or run geniusd --vehicle MANIFEST --replay LOG and ask it.
            """
    )

    @Argument(help: ArgumentHelp("The candump -L log; - reads standard input.", valueName: "LOG"))
    var log: String

    @Option(help: ArgumentHelp("Send the frames to this interface (vcan0, can1).", valueName: "IFACE"))
    var to: String?

    @Option(help: "Pace factor: 2 replays twice as fast as recorded.")
    var speed: Double = 1

    @Flag(help: "Send as fast as the interface takes the frames, ignoring the logged times.")
    var fast = false

    @Flag(name: .customLong("loop"), help: "Start again at the end of the log, until interrupted.")
    var loops = false

    @Flag(help: "Print a progress line to standard error every second (the default when it is a terminal).")
    var progress = false

    func validate() throws {
        guard speed > 0, speed.isFinite else { throw ValidationError("--speed must be a positive number") }
    }

    func run() async throws {
        guard let to else {
            standardError(
                """
                geniusctl replay: give --to IFACE (vcan0, can1) to send the log to a CAN interface. To answer from the log \
                instead: geniusctl ask --vehicle MANIFEST --log \(log) QUESTION (replayed in-process), or \
                geniusd --vehicle MANIFEST --replay \(log) and geniusctl ask QUESTION (the daemon's replay)
                """)
            throw ExitCode(69)  // as before this message changed (scripts may test for it)
        }
        #if canImport(SocketCAN)
            let bytes: [UInt8]
            do {
                bytes = try readWholeFile(log == "-" ? "/dev/stdin" : log)
            } catch {
                standardError("geniusctl replay: cannot read \(log): \(error)")
                throw ExitCode(66)  // EX_NOINPUT
            }
            let text = String(decoding: bytes, as: UTF8.self)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let socket: CANSocket
            do {
                socket = try CANSocket(interface: to, options: .sendOnly)
            } catch {
                standardError("geniusctl replay: \(error)")
                throw ExitCode(error == .canUnsupported ? 69 : 1)
            }
            // On a terminal the progress line rewrites itself; elsewhere (with --progress) it is one line a second.
            let terminal = isatty(2) == 1
            let showProgress = progress || terminal
            let started = ContinuousClock.now
            var lastProgress = started
            var sent = 0
            var batch: [CANFrame] = []
            repeat {
                var source = ReplaySource(lines: lines, speed: fast ? nil : speed)
                do {
                    while try await source.receive(into: &batch) {
                        for frame in batch { try socket.send(frame) }
                        sent += batch.count
                        if showProgress, ContinuousClock.now - lastProgress >= .seconds(1) {
                            lastProgress = .now
                            let line = "geniusctl replay: \(sent) frames sent to \(to)"
                            if terminal { writeProgress("\r\u{1B}[K" + line) } else { standardError(line) }
                        }
                    }
                } catch {
                    standardError("geniusctl replay: after \(sent) frames: \(error)")
                    throw ExitCode(1)
                }
                for problem in source.problems { standardError("geniusctl replay: \(log): skipped \(problem)") }
                if source.framesRead == 0 {
                    standardError("geniusctl replay: \(log) holds no frames")
                    throw ExitCode(65)  // EX_DATAERR
                }
            } while loops
            if showProgress {
                if terminal, lastProgress != started { writeProgress("\r\u{1B}[K") }
                standardError("geniusctl replay: \(sent) frames sent to \(to) in \(ContinuousClock.now - started)")
            }
        #else
            standardError("geniusctl replay: sending to an interface needs Linux (SocketCAN)")
            throw ExitCode(69)
        #endif
    }
}

#if canImport(SocketCAN)
    /// Writes to standard error without a newline (a progress line that the next one overwrites).
    private func writeProgress(_ text: String) {
        var text = text
        text.withUTF8 { bytes in _ = write(2, bytes.baseAddress, bytes.count) }
    }
#endif
