// ask-bench: in-process latency of CarGeniusEngine.ask over the evaluation set, and the engine's memory.
//
// Usage: ask-bench [CASES.jsonl] [--passes N]
// Prints `engine_ask_p50_ms`, `engine_ask_p99_ms`, `engine_ask_max_ms` (named apart from api-bench's `api_ask_p99_ms`,
// an Ask through geniusd), `ask_engine_memory_mb` (resident memory added by building the engine's tables and
// answering the whole set once) and `ask_rss_mb`. Run it as a release build (scripts/bench ask).
import CarGenius
import FoundationEssentials

func residentMegabytes() -> Double? {
    guard let data = try? Data(contentsOf: URL(filePath: "/proc/self/statm")),
        let text = String(data: data, encoding: .utf8)
    else { return nil }
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Double(fields[1]) else { return nil }
    return pages * 4096 / 1_048_576
}

var path = "eval/car-genius/cases.jsonl"
var passes = 20
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    if argument == "--passes", let n = arguments.next().flatMap({ Int($0) }) { passes = n } else { path = argument }
}

let data: Data
do {
    data = try Data(contentsOf: URL(filePath: path))
} catch {
    fatalError("ask-bench: cannot read \(path) (\(error)); run from the repository root or pass the cases file")
}
let cases = try EvaluationCase.load(jsonLines: data, source: path)

let rssBefore = residentMegabytes()
let engine = CarGeniusEngine()
var sink = 0
for c in cases {
    var session = Session()
    for turn in c.turns { sink &+= engine.ask(turn.say, locale: c.locale, session: &session, signals: c.state).text.utf8.count }
}
let rssAfter = residentMegabytes()

let clock = ContinuousClock()
var samples: [Double] = []
samples.reserveCapacity(passes * cases.count * 2)
for _ in 0..<passes {
    for c in cases {
        var session = Session()
        for turn in c.turns {
            let start = clock.now
            let answer = engine.ask(turn.say, locale: c.locale, session: &session, signals: c.state)
            let elapsed = clock.now - start
            sink &+= answer.values.count
            let (seconds, attoseconds) = elapsed.components
            samples.append(Double(seconds) * 1000 + Double(attoseconds) / 1e15)
        }
    }
}
samples.sort()
let sorted = samples
func percentile(_ p: Double) -> Double { sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)] }
func format(_ v: Double) -> String { String(Double(Int(v * 10_000)) / 10_000) }

print("engine_ask_samples \(samples.count)")
print("engine_ask_p50_ms \(format(percentile(0.50)))")
print("engine_ask_p99_ms \(format(percentile(0.99)))")
print("engine_ask_max_ms \(format(samples.last ?? 0))")
if let before = rssBefore, let after = rssAfter {
    print("ask_engine_memory_mb \(format(max(0, after - before)))")
}
if let rss = residentMegabytes() { print("ask_rss_mb \(format(rss))") }
if sink == 42 { print("") }  // keeps the work observable
