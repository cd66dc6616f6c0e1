// The ingest side of scripts/bench vm, run inside the CAN VM: reads a flood from a CAN interface with
// the SocketCAN frame source (kernel filters from the DBC files' identifiers) and decodes every frame
// with the DBC codec, as the daemon does. Prints `name value` lines.
//
//   socketcan-bench ingest IFACE COUNT DBC...
//
// Prints `ready` once the socket is bound; stops after COUNT frames, or 3 s after the last frame.
// Reports frames, decoded, cpu_ns (process user + system time from `ready` to the end, every
// thread), kernel_drops (SO_RXQ_OVFL), batches, checksum (so the decode is not optimized away), and
// with scripts/vm/countmalloc.c preloaded, allocations (malloc calls while frames flowed).
// BENCH_NO_DECODE=1 skips the decode; BENCH_DELAY_MS and BENCH_RECEIVE_BATCH set the source's
// batchingDelay and receiveBatch.
import CANBus
import DBC
import Glibc
import SocketCAN
import Synchronization

func fail(_ message: String) -> Never {
    let line = "socketcan-bench: \(message)\n"
    _ = line.withCString { write(2, $0, strlen($0)) }
    exit(2)
}

func cpuNanoseconds() -> Int64 {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return (Int64(usage.ru_utime.tv_sec) + Int64(usage.ru_stime.tv_sec)) * 1_000_000_000
        + (Int64(usage.ru_utime.tv_usec) + Int64(usage.ru_stime.tv_usec)) * 1_000
}

func main() async {
    let arguments = Array(CommandLine.arguments.dropFirst())
    guard arguments.count >= 4, arguments[0] == "ingest", let expected = Int(arguments[2]) else {
        fail("usage: socketcan-bench ingest IFACE COUNT DBC...")
    }
    let interface = arguments[1]
    var codecs: [DBCCodec] = []
    for path in arguments.dropFirst(3) {
        do { codecs.append(DBCCodec(try DBCParser.load(path: path))) } catch { fail("\(path): \(error)") }
    }
    var identifiers = Set<CANIdentifier>()
    for codec in codecs {
        for message in codec.database.messages { identifiers.insert(message.id) }
    }

    let source: SocketCANSource
    do {
        let options = CANSocketOptions(filter: .identifiers(identifiers), errorFrames: true)
        var configuration = SocketCANConfiguration(interfaces: [interface], socket: options)
        if let batch = getenv("BENCH_RECEIVE_BATCH").flatMap({ Int(String(cString: $0)) }) {
            configuration.receiveBatch = batch
        }
        if let delay = getenv("BENCH_DELAY_MS").flatMap({ Int(String(cString: $0)) }) {
            configuration.batchingDelay = .milliseconds(delay)
        }
        source = try SocketCANSource(configuration)
    } catch {
        fail("\(error)")
    }
    print("ready")
    fflush(nil)

    // Stops the source 3 s after the last frame (frames lost before the socket never come).
    let progress = Atomic<Int>(0)
    let watchdog = Task {
        var last = -1
        var idle = 0
        while !Task.isCancelled {
            try await Task.sleep(for: .milliseconds(500))
            let now = progress.load(ordering: .relaxed)
            if now > 0, now == last { idle += 1 } else { idle = 0 }
            last = now
            if idle >= 6 { source.stop() }
        }
    }

    // With scripts/vm/countmalloc.c preloaded, the allocations made while frames flow are counted too.
    typealias Counter = @convention(c) () -> Int
    let counter = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "cg_malloc_count").map { unsafeBitCast($0, to: Counter.self) }
    let startAllocations = counter?() ?? 0
    let start = cpuNanoseconds()
    var buffers = codecs.map { $0.makeBuffer() }
    var batch: [CANFrame] = []
    var frames = 0
    var decoded = 0
    var checksum = 0.0
    var batches = 0
    let decode = getenv("BENCH_NO_DECODE") == nil
    do {
        while frames < expected, try await source.receive(into: &batch) {
            batches += 1
            for frame in batch where decode && frame.kind != .error {
                for index in codecs.indices {
                    if (try? codecs[index].decode(frame, into: &buffers[index])) ?? nil != nil {
                        decoded += 1
                        checksum += buffers[index].physical[0]
                        break
                    }
                }
            }
            frames += batch.count
            progress.store(frames, ordering: .relaxed)
        }
    } catch {
        fail("\(error)")
    }
    let cpu = cpuNanoseconds() - start
    let allocations = (counter?() ?? 0) - startAllocations
    watchdog.cancel()
    let health = source.health()[0]
    let stalls = source.consumerStallCount()
    source.stop()
    print("frames \(frames)")
    print("decoded \(decoded)")
    print("batches \(batches)")
    print("cpu_ns \(cpu)")
    print("kernel_drops \(health.kernelDrops)")
    print("consumer_stalls \(stalls)")
    print("checksum \(checksum)")
    if counter != nil { print("allocations \(allocations)") }
}

await main()
