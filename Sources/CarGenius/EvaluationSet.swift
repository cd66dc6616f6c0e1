public import FoundationEssentials
import JSON
public import Speech

/// The evaluation set in `eval/car-genius/cases.jsonl`: conversations with a state and expected facts.
///
/// Used by the in-process evaluation test and the ask benchmark; `scripts/eval-car-genius` reads the
/// same file through the command-line contract.
public struct EvaluationCase: Sendable {
    public struct Turn: Sendable {
        public var say: String
        public var intent: String?
        /// Facts the answer must contain; `|` separates alternatives (case-insensitive).
        public var must: [String]
        public var mustNot: [String]
        public var noNumbers: Bool
    }

    public var id: String
    public var locale: GeniusLocale
    public var topic: String
    public var state: SnapshotSignals
    public var turns: [Turn]

    /// Parses the JSON-lines file; throws naming the line that is wrong.
    public static func load(jsonLines data: Data, source: String) throws(CarGeniusError) -> [EvaluationCase] {
        var cases: [EvaluationCase] = []
        let lines = data.split(separator: UInt8(ascii: "\n"))
        for (index, line) in lines.enumerated() where !line.isEmpty {
            let where_ = "\(source):\(index + 1)"
            guard case .object(let o) = try JSONValue.parse(Data(line), source: where_),
                case .string(let id)? = o["id"], case .string(let loc)? = o["locale"], case .string(let topic)? = o["topic"],
                let stateJSON = o["state"], case .array(let turnsJSON)? = o["turns"]
            else {
                throw .invalidJSON(source: where_, reason: "a case needs id, locale, topic, state and turns")
            }
            var turns: [Turn] = []
            for t in turnsJSON {
                guard case .object(let to) = t, case .string(let say)? = to["say"] else {
                    throw .invalidJSON(source: where_, reason: "a turn needs \"say\"")
                }
                func strings(_ key: String) -> [String] {
                    guard case .array(let a)? = to[key] else { return [] }
                    return a.compactMap { if case .string(let s) = $0 { s } else { nil } }
                }
                var intent: String? = nil
                if case .string(let i)? = to["intent"] { intent = i }
                let noNumbers = to["no_numbers"] == .bool(true)
                turns.append(Turn(say: say, intent: intent, must: strings("must"), mustNot: strings("must_not"), noNumbers: noNumbers))
            }
            let locale: GeniusLocale
            do throws(SpeechError) {
                locale = try GeniusLocale(identifier: loc)
            } catch {
                throw .invalidJSON(source: source, reason: error.description)
            }
            cases.append(
                EvaluationCase(
                    id: id, locale: locale, topic: topic,
                    state: try SnapshotSignals(json: stateJSON), turns: turns))
        }
        return cases
    }

    /// What is wrong with `answer` for `turn` (empty when it passes): intent, facts, numbers, grounding.
    public static func problems(_ turn: Turn, _ answer: Answer) -> [String] {
        var problems: [String] = []
        let text = answer.text.lowercased()
        if let intent = turn.intent, intent != answer.intent { problems.append("intent \(answer.intent) != \(intent)") }
        for fact in turn.must where !fact.lowercased().split(separator: "|").contains(where: { text.contains($0) }) {
            problems.append("missing '\(fact)'")
        }
        for fact in turn.mustNot where fact.lowercased().split(separator: "|").contains(where: { text.contains($0) }) {
            problems.append("contains '\(fact)'")
        }
        if turn.noNumbers, answer.text.contains(where: { $0.isASCII && $0.isNumber }) { problems.append("has a number") }
        let ungrounded = GroundingCheck.ungroundedNumbers(in: answer.text, values: answer.values, locale: answer.locale)
        if !ungrounded.isEmpty { problems.append("ungrounded \(ungrounded)") }
        return problems
    }
}
