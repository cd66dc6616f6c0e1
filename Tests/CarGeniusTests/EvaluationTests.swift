import FoundationEssentials
import GeniusTestSupport
import Testing
import CarGenius

/// Runs the whole evaluation set in-process (the script runs it through `geniusctl ask`).
@Suite struct EvaluationTests {
    static func url(_ name: String) -> URL {
        URL(filePath: repositoryRoot).appending(path: "eval/car-genius/" + name)
    }

    /// The development set and the second set written apart from it (heldout-style.jsonl).
    @Test(arguments: [("cases.jsonl", 300), ("heldout-style.jsonl", 150)])
    func accuracyAndGroundingOverTheEvaluationSet(_ name: String, _ atLeast: Int) throws {
        let cases = try EvaluationCase.load(jsonLines: Data(contentsOf: Self.url(name)), source: name)
        #expect(cases.count >= atLeast)
        let engine = CarGeniusEngine()
        var passed = 0, total = 0, ungrounded: [String] = []
        for c in cases {
            var session = Session()
            for turn in c.turns {
                let answer = engine.ask(turn.say, locale: c.locale, session: &session, signals: c.state)
                let problems = EvaluationCase.problems(turn, answer)
                total += 1
                if problems.isEmpty { passed += 1 }
                if problems.contains(where: { $0.hasPrefix("ungrounded") }) { ungrounded.append("\(c.id): \(answer.text)") }
            }
        }
        #expect(Double(passed) / Double(total) >= 0.9, "accuracy \(passed)/\(total)")
        #expect(ungrounded.isEmpty, "\(ungrounded)")
    }
}
