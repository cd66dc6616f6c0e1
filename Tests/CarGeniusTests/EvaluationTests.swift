import FoundationEssentials
import Testing
import CarGenius

/// Runs the whole evaluation set in-process (the script runs it through `geniusctl ask`).
@Suite struct EvaluationTests {
    static var casesURL: URL {
        URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appending(path: "eval/car-genius/cases.jsonl")
    }

    @Test func accuracyAndGroundingOverTheEvaluationSet() throws {
        let cases = try EvaluationCase.load(jsonLines: Data(contentsOf: Self.casesURL), source: "cases.jsonl")
        #expect(cases.count >= 300)
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
