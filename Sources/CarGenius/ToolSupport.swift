public import Speech
public import VSS

// What the LLM path's tools read from Car Genius: the intents the composer answers, an answer from an intent with its
// slots, what a warning lamp or trouble code means, and the figures check that also reads spelled-out numbers.

/// What a warning lamp or an OBD-II trouble code means, in the answer's language.
public struct WarningExplanation: Sendable, Equatable {
    /// The lamp's name in the telltale overlay (`ABS`), or the code (`P0420`).
    public var name: String
    public var label: String
    public var advice: String
    /// 3 = stop safely now, 2 = see a workshop soon, 1 = informational; `nil` for codes.
    public var severity: Int?
    /// The lamp's reading (`Vehicle.Cabin.Telltale.<name>.IsOn`), when it is a lamp.
    public var reading: SignalReading?
}

extension CarGeniusEngine {
    /// The intents `answer(intent:slots:locale:signals:)` composes an answer for.
    public static let answerableIntents: [String] = {
        var seen: [String] = []
        for pattern in IntentCatalog.patterns where !seen.contains(pattern.intent) && pattern.intent != "temperature_clarify" {
            seen.append(pattern.intent)
        }
        return seen
    }()

    /// Answers an intent parsed elsewhere (by the LLM), with slot words read as the driver's words would be:
    /// positions ("front left"), a trouble code ("P0420"), a distance ("120 km").
    public func answer(intent: String, slots: String, locale: GeniusLocale, signals: some SignalReader) -> Answer {
        let analysis = analyze(slots, language: locale.language)
        let positions = Set(analysis.hits.keys).intersection(Self.positionConcepts)
        var composer = Composer(locale: locale, analysis: analysis, positions: positions, signals: signals)
        return composer.answer(intent: intent, declineReason: nil)
    }

    /// The lamp (by overlay name or label, any case) or trouble code `name` explained; `nil` when neither.
    public func explainWarning(_ name: String, locale: GeniusLocale, signals: some SignalReader) -> WarningExplanation? {
        let language = locale.language
        let wanted = name.lowercased().filter { $0.isLetter || $0.isNumber }
        if let code = NumberWords.dtc(wanted) {
            return WarningExplanation(
                name: code, label: code, advice: WarningKnowledge.meaning(of: code, language: language), severity: nil, reading: nil)
        }
        for (lamp, info) in WarningKnowledge.lamps.sorted(by: { $0.key < $1.key }) {
            let labels = info.label.values.map { $0.lowercased().filter { $0.isLetter || $0.isNumber } }
            guard lamp.lowercased() == wanted || labels.contains(where: { !wanted.isEmpty && ($0 == wanted || $0.contains(wanted)) }) else {
                continue
            }
            return WarningExplanation(
                name: lamp, label: info.label[language] ?? lamp, advice: info.advice[language] ?? "", severity: info.severity,
                reading: signals.reading(VSSCatalog.telltalePath(lamp)))
        }
        return nil
    }
}

extension GroundingCheck {
    /// The figures in `text` that no value explains: numbers in digits (as `ungroundedNumbers`) and numbers spelled
    /// out in English, German or Chinese ("one hundred and twenty", "zweihundert", "三百五十"). Spelled "one" and
    /// "zero" count only inside larger numbers, since they are words too ("the front one").
    public static func ungroundedFigures(in text: String, values: [SignalReading], locale: GeniusLocale) -> [String] {
        var problems = ungroundedNumbers(in: text, values: values, locale: locale)
        let candidates = renderings(of: values)
        func grounded(_ n: Double) -> Bool { candidates.contains { abs(abs($0) - n) <= 0.5 + 1e-9 } }
        let lower = text.lowercased()
        var words: [String] = []
        var word = ""
        for ch in lower {
            if ch.isLetter, ch.isASCII || "äöüß".contains(ch) {
                word.append(ch)
            } else {
                if !word.isEmpty { words.append(word) }
                word = ""
            }
        }
        if !word.isEmpty { words.append(word) }
        for language in [Language.en, .de] {
            var codes: [String] = []
            for token in NumberWords.convert(words, language: language, codes: &codes) {
                guard let n = token.number, n >= 2, !grounded(n) else { continue }
                problems.append(token.text)
            }
        }
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            let run = NumberWords.chineseNumeralRun(chars, from: i)
            if run == 0 {
                i += 1
                continue
            }
            let numeral = Array(chars[i..<(i + run)])
            if let n = NumberWords.chineseNumber(numeral), n >= 2, !grounded(n) { problems.append(String(numeral)) }
            i += run
        }
        return problems
    }
}
