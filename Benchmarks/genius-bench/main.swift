// Measures this codebase's side of the benchmarks that scripts/bench compares against references.
// Each figure is printed as `name value` on its own line.
//
//   genius-bench decode LOG DBC...    frames/s decoding every frame of LOG (in-process, repeated ~1 s)
//   genius-bench load DBC [REPEAT]    fastest of REPEAT runs, seconds to parse and compile DBC
import CANBus
import DBC
import FoundationEssentials

func now() -> Double {
    let instant = ContinuousClock.now
    let components = instant.duration(to: startInstant).components
    return -(Double(components.seconds) + Double(components.attoseconds) / 1e18)
}
let startInstant = ContinuousClock.now

func fail(_ message: String) -> Never {
    fatalError("genius-bench: \(message)")
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard let command = arguments.first else { fail("usage: genius-bench decode LOG DBC... | load DBC [REPEAT]") }

switch command {
case "decode":
    guard arguments.count >= 3 else { fail("usage: genius-bench decode LOG DBC...") }
    var codecs: [DBCCodec] = []
    for path in arguments.dropFirst(2) {
        do { codecs.append(DBCCodec(try DBCParser.load(path: path))) } catch { fail("\(error)") }
    }
    var frames: [CANFrame] = []
    var source = ReplaySource(lines: readLines(arguments[1]))
    var batch: [CANFrame] = []
    while try await source.receive(into: &batch) { frames += batch }
    guard !frames.isEmpty else { fail("no frames in \(arguments[1])") }
    // Resolve each frame's codec once, as a frame source with kernel filters would.
    // Frames routed per codec, as a frame source with one socket per bus delivers them.
    var routed = [[CANFrame]](repeating: [], count: codecs.count)
    for frame in frames {
        if let which = codecs.firstIndex(where: { $0.messageIndex(for: frame.id) != nil }) { routed[which].append(frame) }
    }
    var decoded = 0
    var errors = 0
    var checksum = 0.0
    let start = now()
    var elapsed = 0.0
    repeat {
        for (which, codec) in codecs.enumerated() {
            var buffer = codec.makeBuffer()
            routed[which].withUnsafeBufferPointer { batch in
                for index in batch.indices {
                    do {
                        _ = try codec.decode(batch[index], into: &buffer)
                        checksum += buffer.physical[0]
                    } catch {
                        errors += 1
                    }
                }
                decoded += batch.count
            }
        }
        elapsed = now() - start
    } while elapsed < 1.0
    print("decode_frames_per_s \(Double(decoded) / elapsed)")
    print("decode_error_share \(Double(errors) / Double(decoded))")
    if checksum.isNaN { print("decode_checksum nan") }
case "load":
    guard arguments.count >= 2 else { fail("usage: genius-bench load DBC [REPEAT]") }
    let repeats = arguments.count > 2 ? Int(arguments[2]) ?? 10 : 10
    var times: [Double] = []
    var messages = 0
    // Keep every result alive, so the timing is of loading, not of freeing the previous one.
    var loaded: [DBCCodec] = []
    for _ in 0..<repeats {
        let start = now()
        do {
            let codec = DBCCodec(try DBCParser.load(path: arguments[1]))
            messages = codec.database.messages.count
            loaded.append(codec)
        } catch { fail("\(error)") }
        times.append(now() - start)
    }
    // The fastest run: on a shared machine, interference only ever adds time.
    print("load_seconds \(times.min()!)")
    print("load_messages \(messages)")
default:
    fail("unknown command \(command)")
}

func readLines(_ path: String) -> [Substring] {
    guard let data = try? Data(contentsOf: URL(fileURLWithPath: path)) else { fail("cannot read \(path)") }
    return String(decoding: data, as: UTF8.self).split(separator: "\n")
}
