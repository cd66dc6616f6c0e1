// Ingest benchmark: decode + map + store of a simulated highway log, in-process.
//
// Prints `name value` lines:
//   ingest_frames_per_s     frames per second through SignalStore.ingest (decode, map, store), batches of 256
//   decode_frames_per_s     frames per second through the DBC codec alone (identifier lookup + decode)
//   ingest_vs_decode_only   ingest time / decode-only time over the same frames (goal: at most 1.5)
// Both loops run over the same frames, interleaved, best of 15 rounds, timed in thread CPU time: the machine is shared and noisy.
//
// Usage: ingest-bench [VEHICLE_JSON] [SECONDS] [ROUNDS]   (defaults: can-dbc/demo-ev/vehicle.json, 600, 15;
// more rounds make a profile of the two loops under `perf record`)

import CANBus
import DBC
import Simulator
import VehicleSignals

#if canImport(Glibc)
    import Glibc
#endif

let benchmarkOrigin = ContinuousClock.now

/// CPU time of this thread, so that other processes on the shared machine do not count.
func threadCPUTime() -> Double {
    #if canImport(Glibc)
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    #else
        let (seconds, attoseconds) = benchmarkOrigin.duration(to: ContinuousClock.now).components
        return Double(seconds) + Double(attoseconds) / 1e18
    #endif
}

struct BenchmarkFailure: Error {}

@main
struct IngestBench {
    static func main() throws {

        let arguments = CommandLine.arguments
        let vehiclePath = arguments.count > 1 ? arguments[1] : "can-dbc/demo-ev/vehicle.json"
        let duration = arguments.count > 2 ? Double(arguments[2]) ?? 600 : 600
        let rounds = arguments.count > 3 ? max(1, Int(arguments[3]) ?? 15) : 15

        let mapping: VehicleMapping
        let scenario: Scenario
        do {
            let definition = try VehicleDefinition.load(path: vehiclePath)
            mapping = try definition.compile()
            scenario = try Scenario.load(path: definition.directory + "/scenarios/highway.json")
        } catch {
            print("error \(error)")
            throw BenchmarkFailure()
        }

        var simulation = Simulation(mapping: mapping, scenario: scenario, start: CANTimestamp(nanoseconds: 1_767_225_600_000_000_000))
        var frames: [CANFrame] = []
        simulation.run(until: duration, into: &frames)
        let batchSize = 256
        let batches: [[CANFrame]] = stride(from: 0, to: frames.count, by: batchSize).map { Array(frames[$0..<min($0 + batchSize, frames.count)]) }

        let codecs = mapping.networks.map(\.codec)
        var buffers = codecs.map { $0.makeBuffer() }

        func decodeOnly() -> Int {
            var decoded = 0
            for batch in batches {
                for frame in batch {
                    for index in codecs.indices {
                        do {
                            if try codecs[index].decode(frame, into: &buffers[index]) != nil {
                                decoded += 1
                                break
                            }
                        } catch {
                            break
                        }
                    }
                }
            }
            return decoded
        }

        func ingest(_ store: SignalStore) -> Int {
            var mapped = 0
            for batch in batches { mapped += store.ingest(batch) }
            return mapped
        }

        func measure(_ body: () -> Int) -> (Double, Int) {
            let start = threadCPUTime()
            let count = body()
            return (threadCPUTime() - start, count)
        }

        var bestDecode = Double.infinity
        var bestIngest = Double.infinity
        var decodedCount = 0
        var mappedCount = 0
        for _ in 0..<rounds {
            let (decodeTime, decoded) = measure(decodeOnly)
            let store = SignalStore(mapping: mapping)
            let (ingestTime, mapped) = measure { ingest(store) }
            bestDecode = min(bestDecode, decodeTime)
            bestIngest = min(bestIngest, ingestTime)
            decodedCount = decoded
            mappedCount = mapped
        }
        guard decodedCount == frames.count, mappedCount == frames.count else {
            print("error decoded \(decodedCount), mapped \(mappedCount) of \(frames.count) frames")
            throw BenchmarkFailure()
        }
        print("ingest_frames \(frames.count)")
        print("ingest_frames_per_s \(Int(Double(frames.count) / bestIngest))")
        print("decode_frames_per_s \(Int(Double(frames.count) / bestDecode))")
        print("ingest_vs_decode_only \(Double(Int(bestIngest / bestDecode * 100)) / 100)")

    }
}
