import Speech
import Testing

@testable import CarGenius

@Suite struct CodeKnowledgeTests {
    /// An explained code's meaning is spoken without listed values, so it must hold no digit (the grounding check reads digits).
    @Test func meaningsHoldNoDigitsAndExistInEveryLanguage() {
        for (code, meanings) in WarningKnowledge.codes {
            for language in [Language.en, .de, .zh] {
                let text = meanings[language]
                #expect(text != nil, "\(code) has no \(language) meaning")
                #expect(text?.contains(where: { $0.isASCII && $0.isNumber }) == false, "\(code): \(text ?? "")")
            }
        }
    }

    @Test(arguments: [
        (GeniusLocale.enUS, "what does code p zero one three five mean", "oxygen sensor heater"),
        (.enGB, "what does p0217 mean", "overheating"),
        (.deDE, "was bedeutet p null eins drei fünf", "Lambdasonde"),
        (.zhCN, "P零一三五是什么意思", "氧传感器"),
    ])
    func genericCodesAreExplainedByTheirStandardMeaning(_ locale: GeniusLocale, _ utterance: String, _ fact: String) {
        let answer = ask([utterance], locale)[0]
        #expect(answer.intent == "explain_code")
        #expect(answer.text.contains(fact), "\(answer.text)")
        #expect(GroundingCheck.ungroundedNumbers(in: answer.text, values: answer.values, locale: locale).isEmpty, "\(answer.text)")
    }
}
