import JSON
public import Speech
public import VSS

/// A spoken answer and the data behind it.
public struct Answer: Equatable, Sendable {
    /// What to speak, in the request's language.
    public var text: String
    /// The intent understood (`out_of_scope` for requests the agent declines).
    public var intent: String
    public var locale: GeniusLocale
    /// Every signal value the answer used; each number in `text` comes from one of them.
    public var values: [SignalReading]

    public init(text: String, intent: String, locale: GeniusLocale, values: [SignalReading]) {
        self.text = text
        self.intent = intent
        self.locale = locale
        self.values = values
    }

    /// The `--json` line of the ask contract: text, intent, locale, values (path, value, unit, age).
    public var jsonLine: String {
        let values = values.map(\.json)
        return JSONValue.orderedObject([
            ("text", .string(text)), ("intent", .string(intent)), ("locale", .string(locale.rawValue)), ("values", .array(values)),
        ])
    }
}

/// What a conversation remembers between turns, so "and the rear ones?" can refine the last question.
public struct Session: Sendable {
    var lastIntent: String?
    var lastTopic: [Concept: Double] = [:]
    var lastPositions: Set<Concept> = []
    public init() {}
    /// The intent of the previous turn, if any.
    public var previousIntent: String? { lastIntent }
}

/// The Car Genius agent: understands a car-status question and answers it from signals, never inventing a value.
public struct CarGeniusEngine: Sendable {
    public init() {
        _ = Lexicon.english.phrases.count
        _ = Lexicon.german.phrases.count
        _ = Lexicon.chinese.phrases.count
    }

    static let positionConcepts: Set<Concept> = [
        .front, .rear, .left, .right, .driverSide, .passengerSide, .middle,
        .lowBeam, .highBeam, .fogLight, .hazard, .parkingLight, .drl,
    ]
    static let rows: Set<Concept> = [.front, .rear, .middle]
    static let sides: Set<Concept> = [.left, .right, .driverSide, .passengerSide]
    static let dialogueConcepts: Set<Concept> = [
        .followUp, .question, .politeness, .status, .distanceGiven, .numberGiven, .codeGiven,
        .on, .off, .open, .closed, .low, .anything, .all, .car, .explain, .time,
    ]

    /// Answers one utterance in a session; `signals` is read only for what the answer needs.
    public func ask(
        _ utterance: String, locale: GeniusLocale, session: inout Session,
        signals: some SignalReader
    ) -> Answer {
        var analysis = Normalizer.analyze(utterance, language: locale.language)
        if let d = analysis.distance, d.value >= 10 {
            analysis.add(.numberGiven, 1)
            if d.unit != nil {
                analysis.add(.distanceGiven, 1)
                // A distance makes "make", "trip", "last" unambiguous.
                for c in [Concept.reach, .trip, .drive] where analysis.has(c) { analysis.hits[c] = 1 }
            }
        }
        if !analysis.codes.isEmpty { analysis.add(.codeGiven, 1) }
        let understood = understand(analysis, session: session)
        var composer = Composer(
            locale: locale, analysis: analysis, positions: understood.positions, signals: signals,
            trend: understood.topic[.falling] != nil)
        let answer = composer.answer(intent: understood.intent, declineReason: understood.declineReason)
        if understood.intent != "out_of_scope" {
            session.lastIntent = understood.intent
            session.lastTopic = understood.topic
            session.lastPositions = understood.positions
        }
        return answer
    }

    struct Understanding {
        var intent: String
        var positions: Set<Concept>
        var topic: [Concept: Double]
        var declineReason: String? = nil
    }

    /// The intent and slots of an utterance, using the session for follow-ups.
    func understand(_ analysis: Analysis, session: Session) -> Understanding {
        let ownPositions = Set(analysis.hits.keys).intersection(Self.positionConcepts)
        if analysis.isCommand {
            return Understanding(intent: "out_of_scope", positions: [], topic: [:], declineReason: "control")
        }
        if analysis.has(.foreign) || analysis.has(.phone) || analysis.has(.home)
            || (analysis.has(.weatherTime) && !analysis.has(.charging) && !analysis.has(.range))
        {
            return Understanding(intent: "out_of_scope", positions: [], topic: [:], declineReason: "outOfScope")
        }
        var topic = analysis.hits
        for c in Self.positionConcepts.union(Self.dialogueConcepts) { topic[c] = nil }
        let own = Self.best(analysis.hits)
        let refines =
            analysis.has(.followUp) || !ownPositions.isEmpty
            || (own == nil && !topic.isEmpty && session.lastIntent == "temperature_clarify")
            // "Is it dropping?" after a question about a quantity: the same subject, over time.
            || (own == nil && analysis.has(.falling))
            // "How long till it's done?" after "is it charging": words that mean something only with the last topic.
            || (own == nil && !Set(analysis.hits.keys).subtracting([.question, .politeness, .followUp, .anything]).isEmpty)
        if let last = session.lastIntent, refines {
            // Follow-up: the new words plus the last topic ("and the rear ones?", "und hinten?", "那后面的呢").
            var merged = session.lastTopic
            for (c, w) in analysis.hits { merged[c] = max(merged[c] ?? 0, w) }
            // A vague own reading ("the temperature?") yields to the refined topic; a clear new question does not.
            if let combined = Self.best(merged),
                own == nil || topic.isEmpty || (own!.score < 1 && combined.score >= own!.score + 0.75)
            {
                var positions = ownPositions
                let samePlaces =
                    combined.intent == last
                    || (IntentCatalog.positional.contains(combined.intent) && IntentCatalog.positional.contains(last))
                if positions.isEmpty, samePlaces {
                    positions = session.lastPositions
                } else if samePlaces, positions.isDisjoint(with: Self.rows), !positions.isDisjoint(with: Self.sides) {
                    // "And the right one?" after the front left: the front right.
                    positions.formUnion(session.lastPositions.intersection(Self.rows))
                }
                var mergedTopic = merged
                for c in Self.positionConcepts.union(Self.dialogueConcepts) { mergedTopic[c] = nil }
                return Understanding(intent: combined.intent, positions: positions, topic: mergedTopic)
            }
        }
        guard let own else {
            return Understanding(intent: "out_of_scope", positions: [], topic: [:], declineReason: "outOfScope")
        }
        return Understanding(intent: own.intent, positions: ownPositions, topic: topic)
    }

    /// The best-scoring intent pattern for these concepts, if any is matched well enough.
    static func best(_ hits: [Concept: Double]) -> (intent: String, score: Double)? {
        var best: (intent: String, score: Double)? = nil
        for pattern in IntentCatalog.patterns {
            if pattern.blocks.contains(where: { hits[$0] != nil }) { continue }
            var evidence = 0.0
            var matched = true
            for group in pattern.needs {
                let w = group.reduce(0.0) { max($0, hits[$1] ?? 0) }
                if w == 0 { matched = false; break }
                evidence += w
            }
            guard matched else { continue }
            for (c, b) in pattern.boosts { evidence += b * (hits[c] ?? 0) }
            // A tolerance, so that a weak word plus its boost (0.6 + 0.3) reaches the bar despite rounding.
            guard evidence + 1e-9 >= 0.9 * Double(pattern.needs.count) else { continue }
            let score = evidence + pattern.bias
            if best == nil || score > best!.score { best = (pattern.intent, score) }
        }
        return best
    }
}
