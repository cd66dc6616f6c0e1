import Testing
import Varlink
import JSON

/// SplitMix64: a small seeded generator, so a failure reproduces from its seed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct RandomizedTests {
    static func randomValue(depth: Int, using random: inout SplitMix64) -> JSONValue {
        let scalars: [Unicode.Scalar] = ["a", "\"", "\\", "\n", "\u{0}", "\u{1F}", "é", "汽", "🚗", "/", " "]
        func randomString() -> String {
            var string = ""
            for _ in 0..<Int.random(in: 0..<8, using: &random) { string.unicodeScalars.append(scalars.randomElement(using: &random)!) }
            return string
        }
        switch Int.random(in: 0..<(depth > 3 ? 5 : 8), using: &random) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &random))
        case 2: return .int(Int64.random(in: .min ... .max, using: &random))
        case 3: return .double(Double.random(in: -1e300...1e300, using: &random) * (Bool.random(using: &random) ? 1e-300 : 1))
        case 4: return .string(randomString())
        case 5, 6:
            return .array((0..<Int.random(in: 0..<5, using: &random)).map { _ in randomValue(depth: depth + 1, using: &random) })
        default:
            var members: [String: JSONValue] = [:]
            for _ in 0..<Int.random(in: 0..<5, using: &random) { members[randomString()] = randomValue(depth: depth + 1, using: &random) }
            return .object(members)
        }
    }

    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func serializeThenParseIsIdentity(seed: UInt64) throws {
        var random = SplitMix64(state: seed)
        for _ in 0..<500 {
            let value = Self.randomValue(depth: 0, using: &random)
            let bytes = value.bytes()
            #expect(!bytes.contains(0), "a serialized value must never contain NUL")
            #expect(try JSONParser.parse(bytes) == value, "seed \(seed): \(value)")
        }
    }

    /// Mutated and truncated calls give typed errors or a call, never a crash, through the same path
    /// the server uses (framer, parser, call model, parameter validation).
    @Test(arguments: [7, 8, 9] as [UInt64])
    func mutatedMessagesNeverCrash(seed: UInt64) throws {
        var random = SplitMix64(state: seed)
        let description = try InterfaceDescription(parsing: TestService.interfaceText)
        let echo = try #require(description.methods["Echo"])
        let base = VarlinkCall(
            method: "io.cargenius.Test.Echo",
            parameters: ["text": "héllo", "count": 3, "pairs": [["key": "k", "value": 1]], "extra": ["x": [1.5, nil]]],
            more: true
        ).encoded()
        var outcomes = (calls: 0, errors: 0)
        for _ in 0..<2000 {
            var bytes = base
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let index = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: bytes[index] = UInt8.random(in: 0...255, using: &random)
                case 1: bytes.remove(at: index)
                default: bytes.insert(UInt8.random(in: 0...255, using: &random), at: index)
                }
            }
            var framer = MessageFramer(maximumMessageSize: 256)
            framer.append(bytes)
            do {
                while let message = try framer.nextMessage() {
                    let call = try VarlinkCall(json: JSONParser.parse(message))
                    if call.method == "io.cargenius.Test.Echo" { try description.validate(parameters: call.parameters, of: echo) }
                    outcomes.calls += 1
                }
            } catch {
                outcomes.errors += 1
            }
        }
        // Both outcomes occur: the mutations are neither all harmless nor all fatal.
        #expect(outcomes.calls > 0 && outcomes.errors > 0)
    }
}
