import Speech
import FoundationEssentials

// The fallback for wording the lexicons do not know: the utterance is compared with example utterances of
// every intent (Resources/intent-examples.json, embedded in the binary) by the cosine of TF-IDF vectors of
// words and character trigrams (en, de) or characters and character pairs (zh). Trigrams make it robust to
// ASR slips and inflections ("tyre"/"tyres"/"tire"); function words (what the lexicon knows as fillers,
// question or politeness words) are left out, so "what does X mean" is not near "what does this light mean".
// Examples of requests to decline (`out_of_scope`) keep it from answering what is not a car-status question.
// It runs only where the rules found no intent but the utterance names a car topic (see CarGeniusEngine).

/// What the fallback decided for one utterance.
enum FallbackDecision: Equatable {
    /// One intent is near enough and clearly ahead.
    case answer(String)
    /// Two intents are near and close together: ask which one.
    case clarify(String, String)
    /// Nothing near, or the nearest examples are requests to decline.
    case decline
}

struct IntentExamples: Sendable {
    /// The nearest intent answers when its score is at least this and `lead` times the runner-up's.
    static let answerThreshold = 0.18
    static let lead = 1.5
    /// Two car intents both at least this and closer than `lead` are asked back.
    static let clarifyThreshold = 0.25

    private struct Index: Sendable {
        var features: [String: Int] = [:]
        var idf: [Double] = []
        /// Feature id → (example, weight) of the normalised example vectors.
        var postings: [[(example: Int, weight: Double)]] = []
        var intents: [String] = []
    }

    private let indexes: [Language: Index]

    static let shared = IntentExamples(json: PackageResources.intent_examples_json)

    init(json: [UInt8]) {
        struct File: Decodable { var intents: [String: [String: [String]]] }
        // The file is part of the binary and checked by a test; an unreadable one leaves the fallback empty.
        let file = (try? JSONDecoder().decode(File.self, from: Data(json))) ?? File(intents: [:])
        var indexes: [Language: Index] = [:]
        for language in [Language.en, .de, .zh] {
            var index = Index()
            var documents: [[String: Double]] = []
            for (intent, byLanguage) in file.intents.sorted(by: { $0.key < $1.key }) {
                for example in byLanguage[language.rawValue, default: []] {
                    index.intents.append(intent)
                    documents.append(Self.termCounts(example, language: language))
                }
            }
            var df: [String: Int] = [:]
            for d in documents { for t in d.keys { df[t, default: 0] += 1 } }
            for (t, _) in df.sorted(by: { $0.key < $1.key }) { index.features[t] = index.features.count }
            index.idf = Array(repeating: 0, count: index.features.count)
            // Inverse document frequency as a square root (no logarithm in the portable standard library).
            for (t, n) in df { index.idf[index.features[t]!] = (Double(documents.count + 1) / Double(n + 1)).squareRoot() }
            index.postings = Array(repeating: [], count: index.features.count)
            for (e, d) in documents.enumerated() {
                let v = d.map { (index.features[$0.key]!, $0.value * index.idf[index.features[$0.key]!]) }
                let norm = v.reduce(0) { $0 + $1.1 * $1.1 }.squareRoot()
                guard norm > 0 else { continue }
                for (f, w) in v { index.postings[f].append((e, w / norm)) }
            }
            indexes[language] = index
        }
        self.indexes = indexes
    }

    /// Every intent with examples in `language`, each once.
    func intents(_ language: Language) -> Set<String> { Set(indexes[language]?.intents ?? []) }

    /// Intents by their nearest examples: each intent's score is the mean of its two best cosines.
    func rank(_ utterance: String, language: Language) -> [(intent: String, score: Double)] {
        guard let index = indexes[language] else { return [] }
        let counts = Self.termCounts(utterance, language: language)
        var query: [(Int, Double)] = []
        for (t, c) in counts { if let f = index.features[t] { query.append((f, c * index.idf[f])) } }
        // Unknown terms still count in the query's length, so an utterance of mostly unknown words scores low.
        var norm2 = query.reduce(0) { $0 + $1.1 * $1.1 }
        let unknown = counts.filter { index.features[$0.key] == nil }
        if let maxIDF = index.idf.max() { norm2 += unknown.reduce(0) { $0 + ($1.value * maxIDF) * ($1.value * maxIDF) } }
        guard norm2 > 0 else { return [] }
        let norm = norm2.squareRoot()
        var scores = [Double](repeating: 0, count: index.intents.count)
        for (f, w) in query { for p in index.postings[f] { scores[p.example] += w / norm * p.weight } }
        var best: [String: (Double, Double)] = [:]
        for (e, s) in scores.enumerated() where s > 0 {
            var top = best[index.intents[e]] ?? (0, 0)
            if s > top.0 { top = (s, top.0) } else if s > top.1 { top.1 = s }
            best[index.intents[e]] = top
        }
        return best.map { (intent: $0.key, score: ($0.value.0 + $0.value.1) / 2) }
            .sorted { $0.score != $1.score ? $0.score > $1.score : $0.intent < $1.intent }
    }

    func decide(_ utterance: String, language: Language) -> FallbackDecision {
        let ranked = rank(utterance, language: language)
        guard let top = ranked.first, top.intent != "out_of_scope", top.score >= Self.answerThreshold else { return .decline }
        let runnerUp = ranked.dropFirst().first
        if top.score >= Self.answerThreshold, (runnerUp?.score ?? 0) * Self.lead <= top.score {
            return .answer(top.intent)
        }
        if let second = runnerUp, second.intent != "out_of_scope", top.score >= Self.clarifyThreshold, second.score >= Self.clarifyThreshold {
            return .clarify(top.intent, second.intent)
        }
        return .decline
    }

    /// Words that carry no topic: lexicon entries that are fillers, question words or politeness only.
    static let functionWords: [Language: Set<String>] = {
        var out: [Language: Set<String>] = [:]
        let empty: Set<Concept> = [.question, .politeness, .followUp]
        for language in [Language.en, .de, .zh] {
            out[language] = Set(Lexicon.forLanguage(language).phrases.filter { Set($0.value).isSubset(of: empty) }.keys)
        }
        return out
    }()
    /// Chinese function words, longest first, to blank out of the text before taking characters.
    static let functionWordsByLength: [String] = (functionWords[.zh] ?? []).sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }

    /// Term counts: words and `#word#` trigrams (en, de), or characters and character pairs (zh).
    static func termCounts(_ text: String, language: Language) -> [String: Double] {
        var counts: [String: Double] = [:]
        let function = functionWords[language] ?? []
        if language == .zh {
            var text = text.lowercased()
            for word in functionWordsByLength where text.contains(word) { text = text.replacing(word, with: " ") }
            let chars = Array(text.filter { !$0.isWhitespace && !$0.isPunctuation })
            for (i, c) in chars.enumerated() {
                counts["1" + String(c), default: 0] += 1
                if i + 1 < chars.count { counts["2" + String(chars[i...(i + 1)]), default: 0] += 1 }
            }
            return counts
        }
        for word in Normalizer.words(of: text, language: language) where !function.contains(word) {
            counts["w" + word, default: 0] += 1
            let padded = Array("#" + word + "#")
            if padded.count >= 3 {
                for i in 0...(padded.count - 3) { counts["3" + String(padded[i..<(i + 3)]), default: 0] += 0.5 }
            }
        }
        return counts
    }
}
