import CANBus
import FoundationEssentials
import GeniusAPI
import GeniusTestSupport
import Synchronization
import Varlink
import VehicleSignals

func readText(_ path: String) throws -> String {
    String(decoding: try Data(contentsOf: URL(filePath: path)), as: UTF8.self)
}

/// A clock the test moves: the store reads ages and staleness from it.
final class TestClock: Sendable {
    let nanoseconds = Atomic<Int64>(0)
    func set(_ time: CANTimestamp) { nanoseconds.store(time.nanoseconds, ordering: .relaxed) }
    var now: CANTimestamp { CANTimestamp(nanoseconds: nanoseconds.load(ordering: .relaxed)) }
}

/// The demo car's mapping, compiled once for all tests.
let demoMapping: VehicleMapping = {
    do {
        return try VehicleDefinition.load(path: repositoryRoot + "/can-dbc/demo-ev/vehicle.json").compile()
    } catch {
        fatalError("the demo vehicle does not load: \(error)")
    }
}()

/// The frames of `can-dbc/demo-ev/demo-drive.log` (30 s of the demo-drive scenario).
let demoDriveFrames: [CANFrame] = {
    do {
        let text = try readText(repositoryRoot + "/can-dbc/demo-ev/demo-drive.log")
        return try text.split(separator: "\n").compactMap { try CandumpLog.parse(line: $0) }
    } catch {
        fatalError("demo-drive.log does not parse: \(error)")
    }
}()

/// A store on the demo mapping whose clock the test controls, fed the demo drive up to `seconds`.
func demoStore(upTo seconds: Double = 30) -> (SignalStore, TestClock) {
    let clock = TestClock()
    let store = SignalStore(mapping: demoMapping, configuration: SignalStore.Configuration(clock: { clock.now }))
    let start = demoDriveFrames[0].timestamp.nanoseconds
    let frames = demoDriveFrames.filter { $0.timestamp.nanoseconds - start <= Int64(seconds * 1e9) }
    store.ingest(frames)
    clock.set(frames.last!.timestamp)
    return (store, clock)
}

/// A client and a server connection joined by in-memory byte streams: the Varlink module's own server
/// core and client, only the socket left out.
actor MemoryTransport: VarlinkTransport {
    private let toServer: AsyncStream<[UInt8]>.Continuation
    private var fromServer: AsyncStream<[UInt8]>.Iterator

    init(toServer: AsyncStream<[UInt8]>.Continuation, fromServer: AsyncStream<[UInt8]>) {
        self.toServer = toServer
        self.fromServer = fromServer.makeAsyncIterator()
    }

    func send(_ bytes: [UInt8]) async throws { toServer.yield(bytes) }

    func receive() async throws -> [UInt8]? {
        var iterator = fromServer
        let chunk = await iterator.next(isolation: self)
        fromServer = iterator
        return chunk
    }

    func finish() { toServer.finish() }
}

/// Runs `body` with a client connected to `service`; the connection ends with the body.
func withClient<T: Sendable>(
    _ service: VarlinkService, _ body: (VarlinkClient) async throws -> T
) async throws -> T {
    let (input, toServer) = AsyncStream<[UInt8]>.makeStream()
    let (output, fromServer) = AsyncStream<[UInt8]>.makeStream()
    let connection = ServerConnection(service: service)
    let serving = Task {
        _ = await connection.serve(input: input) { bytes in fromServer.yield(bytes) }
        fromServer.finish()
    }
    let transport = MemoryTransport(toServer: toServer, fromServer: output)
    defer {
        toServer.finish()
        serving.cancel()
    }
    return try await body(VarlinkClient(transport: transport))
}

/// A bus-status provider with fixed interfaces, standing in for the daemon's frame sources.
struct FixedBus: BusStatusProvider {
    var interfaces: [BusInterfaceStatus]
    func busStatus() -> [BusInterfaceStatus] { interfaces }
}
