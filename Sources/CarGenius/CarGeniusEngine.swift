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
    /// False when no intent pattern matched and the similarity fallback declined too: the engine did not understand
    /// (as opposed to a request it understood and declines, such as a command or the weather). The LLM path's cue.
    public var isUnderstood = true

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

extension Answer {
    /// One answer of two clauses for a turn that asked two questions: the first's intent, both's values.
    static func joining(_ first: Answer, _ second: Answer) -> Answer {
        let zh = first.locale == .zhCN
        var head = first.text
        if let last = head.last, ".。!！".contains(last) { head.removeLast() }
        var tail = second.text
        // English clauses go on in lower case; German only for words that are not nouns.
        let lowerable: Set<String> = [
            "The", "There", "It", "Its", "It's", "You", "Your", "No", "Yes", "All", "Der", "Die", "Das", "Es", "Du", "Ja", "Nein", "Im", "Alle",
            "Keine", "Kein",
        ]
        if !zh, let word = tail.split(separator: " ").first.map(String.init), lowerable.contains(word) {
            tail = tail.prefix(1).lowercased() + tail.dropFirst()
        }
        let text = head + (zh ? "；" : "; ") + tail
        var values = first.values
        for v in second.values where !values.contains(where: { $0.path == v.path }) { values.append(v) }
        return Answer(text: text, intent: first.intent, locale: first.locale, values: values)
    }
}

/// What a conversation remembers between turns, so "and the rear ones?" can refine the last question.
public struct Session: Sendable {
    var lastIntent: String?
    var lastTopic: [Concept: Double] = [:]
    var lastPositions: Set<Concept> = []
    /// The places the last answer singled out (the lowest tyre, the one low tyre), if it did.
    var lastNamed: Set<Concept>? = nil
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
        .front, .rear, .left, .right, .driverSide, .passengerSide, .middle, .besideMe,
        .lowBeam, .highBeam, .fogLight, .hazard, .parkingLight, .drl,
    ]
    static let rows: Set<Concept> = [.front, .rear, .middle]
    static let lampKinds: Set<Concept> = [.lowBeam, .highBeam, .fogLight, .hazard, .parkingLight, .drl]
    static let sides: Set<Concept> = [.left, .right, .driverSide, .passengerSide]
    static let dialogueConcepts: Set<Concept> = [
        .followUp, .question, .politeness, .status, .distanceGiven, .numberGiven, .codeGiven,
        .on, .off, .open, .closed, .low, .anything, .all, .car, .explain, .time, .otherSide, .diagonal, .highest, .lowest,
    ]
    /// Subjects that let the similarity fallback run: a part or a quantity of the car, not a verb of going
    /// ("go", "get to"), the weather's "hot" or a distance alone, which other requests share.
    static let fallbackTopics: Set<Concept> = Set(IntentCatalog.topicConcepts)
        .union([.lampShape, .total])
        .subtracting([.foreign, .phone, .home, .reach, .enough, .howFar, .trip])
    static let unitConcepts: Set<Concept> = [.unitKm, .unitMile, .unitPsi, .unitBar, .unitMetre, .unitCelsius, .unitFahrenheit, .unitMinute]
    /// Aspects of one slot: a follow-up that names one replaces the last topic's ("and in the cabin" after
    /// the outside temperature, "und die Temperaturen" after the tyre pressures, "车窗呢" after the doors).
    static let aspectSlots: [Set<Concept>] = [
        // Where a temperature is taken: "and the battery pack" after the tyres' temperatures is the pack's.
        [.outside, .cabin, .battery, .tyre], [.pressure, .temperature, .hot, .cold],
        [.door, .window, .trunk, .frunk, .hood, .sunroof, .lock],
    ]
    /// Intents whose answer is a quantity the driver may ask for in another unit ("say that in km/h").
    static let unitIntents: Set<String> = [
        "range", "speed", "odometer", "trip", "tire_pressure", "outside_temperature", "cabin_temperature",
        "battery_temperature", "tire_temperature", "service", "battery_level", "can_reach", "charge_time",
    ]

    /// Answers one utterance in a session; `signals` is read only for what the answer needs.
    ///
    /// The answer is in the language the driver spoke (`locale` when it is that language); two questions in
    /// one turn ("what's my charge and is the bonnet closed") get one answer of two clauses.
    public func ask(
        _ utterance: String, locale sessionLocale: GeniusLocale, session: inout Session,
        signals: some SignalReader
    ) -> Answer {
        let locale = SpokenLanguage.locale(of: utterance, session: sessionLocale)
        let utterance = SpokenLanguage.afterSelfCorrection(utterance, language: locale.language)
        if let parts = twoQuestions(utterance, language: locale.language, session: session) {
            let first = askOne(parts.0, locale: locale, session: &session, signals: signals)
            let second = askOne(parts.1, locale: locale, session: &session, signals: signals)
            return Answer.joining(first, second)
        }
        if let question = questionAfterRemark(utterance, language: locale.language, session: session) {
            return askOne(question, locale: locale, session: &session, signals: signals)
        }
        return askOne(utterance, locale: locale, session: &session, signals: signals)
    }

    /// Answers a question already understood, from its intent alone (`"range"`, `"battery_level"`, ...): the
    /// same grounded sentence `ask` would give, without words to read. Travel Companion asks for the range
    /// this way after "can I reach it?".
    public func answer(intent: String, locale: GeniusLocale, signals: some SignalReader) -> Answer {
        var composer = Composer(locale: locale, analysis: analyze("", language: locale.language), positions: [], signals: signals)
        return composer.answer(intent: intent, declineReason: nil)
    }

    /// What an utterance says, before the dialogue: concepts, numbers, codes and the lamps it points at.
    func analyze(_ utterance: String, language: Language) -> Analysis {
        var analysis = Normalizer.analyze(utterance, language: language)
        if let d = analysis.distance, d.value >= 10 {
            analysis.add(.numberGiven, 1)
            if d.unit != nil {
                analysis.add(.distanceGiven, 1)
                // A distance makes "make", "trip", "last" unambiguous.
                for c in [Concept.reach, .trip, .drive] where analysis.has(c) { analysis.hits[c] = 1 }
            }
        }
        if !analysis.codes.isEmpty { analysis.add(.codeGiven, 1) }
        // A lamp pointed at by its symbol, or by its part next to a lamp cue ("the battery light").
        let text = language == .zh ? utterance.lowercased() : analysis.words.joined(separator: " ")
        let cue =
            analysis.has(.warning) || analysis.has(.light) || analysis.has(.why) || analysis.has(.checkEngine)
            || (language == .zh && ["灯", "图标", "标志", "符号", "亮"].contains(where: { utterance.contains($0) }))
        let lamps = LampSymbols.lamps(in: text, language: language, cue: cue)
        if let best = lamps.first {
            analysis.lamps = lamps.filter { $0.weight == best.weight }.map(\.lamp)
            // A shape names its lamp; a part next to a cue only hints at it (a second clue must back it).
            analysis.add(.lampShape, best.weight >= 2 ? 1 : 0.6)
        }
        return analysis
    }

    /// Answers one question (one half of a two-question turn).
    func askOne(
        _ utterance: String, locale: GeniusLocale, session: inout Session, signals: some SignalReader
    ) -> Answer {
        let analysis = analyze(utterance, language: locale.language)
        var understood = understand(analysis, session: session)
        var options: (String, String)? = nil
        if understood.unmatched, !Self.fallbackTopics.isDisjoint(with: analysis.hits.keys) {
            // Wording the rules do not know, about a car topic they do know: the nearest example utterances
            // decide, ask back, or decline.
            let positions = Set(analysis.hits.keys).intersection(Self.positionConcepts)
            switch IntentExamples.shared.decide(utterance, language: locale.language) {
            case .answer(let intent):
                understood = Understanding(intent: intent, positions: positions, topic: [:])
            case .clarify(let a, let b):
                understood = Understanding(intent: "clarify", positions: positions, topic: [:])
                options = (a, b)
            case .decline:
                break
            }
        }
        if understood.positions.contains(.besideMe) {
            // The speaker drives: next to them is their own window or door, but the front passenger's seat.
            understood.positions.remove(.besideMe)
            understood.positions.formUnion(understood.intent == "seat_belts" ? [.front, .passengerSide] : [.front, .driverSide])
        }
        var composer = Composer(
            locale: locale, analysis: analysis, positions: understood.positions, signals: signals,
            trend: understood.topic[.falling] != nil)
        composer.previousIntent = session.lastIntent
        composer.options = options
        var answer = composer.answer(intent: understood.intent, declineReason: understood.declineReason)
        answer.isUnderstood = !(understood.unmatched && understood.intent == "out_of_scope")
        if understood.intent != "out_of_scope", understood.intent != "clarify" {
            session.lastIntent = understood.intent
            session.lastTopic = understood.topic
            session.lastPositions = understood.positions
            // The wheel the answer singled out ("the lowest is rear left") is what "the other one" points back to.
            session.lastNamed = composer.namedPositions
        }
        return answer
    }

    /// The two halves of a turn that asks two questions, or `nil`: each half must be a question of its own
    /// (not a follow-up of the other), of another intent, and the whole must not be one question of its own
    /// that covers both ("are the doors and windows closed" is one `open_check`).
    func twoQuestions(_ utterance: String, language: Language, session: Session) -> (String, String)? {
        let splits = SpokenLanguage.clauseSplits(utterance, language: language)
        guard !splits.isEmpty else { return nil }
        let whole = understand(analyze(utterance, language: language), session: session).intent
        for (left, right) in splits {
            // Each half may be loosely worded (a weak word is enough), and the second may lean on the first
            // ("how much charge has it got and how long till it's done").
            let a = understand(analyze(left, language: language), session: Session(), bar: 0.6)
            var context = Session()
            context.lastIntent = a.intent
            context.lastTopic = a.topic
            context.lastPositions = a.positions
            let b = understand(analyze(right, language: language), session: context, bar: 0.6)
            let declines: Set<String> = ["out_of_scope", "temperature_clarify", "help"]
            // A car question with a request for something else ("how far can I go and put on some music"): the
            // car question is answered first, then the other is declined. Both halves must be clear on their own.
            if let mixed = Self.mixedTurn(left, a, right, b, whole: whole, language: language, engine: self) { return mixed }
            guard !declines.contains(a.intent), !declines.contains(b.intent), a.intent != b.intent else { continue }
            // A half that names only a place ("and the rear right") refines the other half; it is not a question of its own.
            guard !b.topic.isEmpty, !a.topic.isEmpty else { continue }
            guard whole == a.intent || whole == b.intent || declines.contains(whole) else { continue }
            return (left, right)
        }
        return nil
    }

    /// The question of a turn that opens with a remark the rules do not know ("theres a ton of wind noise back
    /// there are the rear windows shut"): when the whole is not understood, the part from a question word on
    /// that is a clear car question of its own. `nil` otherwise.
    func questionAfterRemark(_ utterance: String, language: Language, session: Session) -> String? {
        let splits = SpokenLanguage.questionSplits(utterance, language: language, afterRemark: true)
        guard !splits.isEmpty else { return nil }
        let whole = understand(analyze(utterance, language: language), session: session)
        // Not understood, or declined for a word of the remark ("wind noise" reads as weather); never a command.
        guard whole.intent == "out_of_scope", whole.declineReason != "control" else { return nil }
        let starts = SpokenLanguage.questionStarts[language, default: []]
        for (left, right) in splits {
            // A remark asks nothing: a left side with a question word is a question (two questions, or a mixed turn).
            guard !left.split(separator: " ").contains(where: { starts.contains(String($0)) }) else { continue }
            let u = understand(analyze(right, language: language), session: session)
            if !["out_of_scope", "clarify", "temperature_clarify", "help"].contains(u.intent), !u.topic.isEmpty { return right }
        }
        return nil
    }

    /// The halves of a turn that asks about the car and for something out of scope, car half first; or nil.
    static func mixedTurn(
        _ left: String, _ a: Understanding, _ right: String, _ b: Understanding, whole: String, language: Language,
        engine: CarGeniusEngine
    ) -> (String, String)? {
        let declines: Set<String> = ["out_of_scope", "temperature_clarify", "help", "clarify"]
        func recognisedDecline(_ u: Understanding) -> Bool { u.intent == "out_of_scope" && u.declineReason != nil && !u.unmatched }
        func clearCarQuestion(_ half: String) -> Bool {
            let u = engine.understand(engine.analyze(half, language: language), session: Session())
            return !declines.contains(u.intent) && !u.topic.isEmpty
        }
        guard whole == "out_of_scope" || whole == a.intent || whole == b.intent else { return nil }
        if recognisedDecline(b), clearCarQuestion(left) { return (left, right) }
        if recognisedDecline(a), clearCarQuestion(right) { return (right, left) }
        return nil
    }

    struct Understanding {
        var intent: String
        var positions: Set<Concept>
        var topic: [Concept: Double]
        var declineReason: String? = nil
        /// No intent pattern matched at all (as opposed to a request recognised as out of scope).
        var unmatched = false
    }

    /// Intents whose answer may report a problem (a lamp, a low tyre, a stored code): after one, a question
    /// about going on ("can I make it to the next town", "kann ich so heimfahren", "能撑到下个镇子吗") asks for advice.
    static let problemIntents: Set<String> = [
        "warnings", "advice", "tire_pressure", "fault_codes", "explain_code", "low_voltage_battery", "washer_fluid", "overview",
    ]
    /// Words that make a going-on question one about the battery or a distance instead ("how far can I still go").
    static let notAdvice: Set<Concept> = [
        .howFar, .range, .soc, .battery, .fuel, .charging, .plug, .distanceGiven, .numberGiven, .unitKm, .unitMile, .trip, .odometer,
        .speed, .percent, .door, .window, .trunk, .frunk, .hood, .lock, .light, .seatbelt, .temperature,
    ]

    /// The intent and slots of an utterance, using the session for follow-ups.
    func understand(_ analysis: Analysis, session: Session, bar: Double = 0.9) -> Understanding {
        let ownPositions = Set(analysis.hits.keys).intersection(Self.positionConcepts)
        if let last = session.lastIntent, Self.problemIntents.contains(last),
            analysis.has(.reach) || analysis.has(.drive) || analysis.has(.enough),
            Set(analysis.hits.keys).isDisjoint(with: Self.notAdvice)
        {
            return Understanding(intent: "advice", positions: [], topic: [.advice: 1])
        }
        if analysis.isCommand {
            return Understanding(intent: "out_of_scope", positions: [], topic: [:], declineReason: "control")
        }
        // A lamp pointed at keeps its colour ("the red battery symbol") from reading as a request elsewhere.
        // So does a lamp coming on by its colour ("something's lit up red on the dash").
        let lampTalk = analysis.has(.lampShape) || (analysis.hits[.warning] ?? 0) >= 1
        if (analysis.has(.foreign) && !lampTalk) || analysis.has(.phone) || analysis.has(.home)
            || (analysis.has(.weatherTime) && !analysis.has(.charging) && !analysis.has(.range))
        {
            return Understanding(intent: "out_of_scope", positions: [], topic: [:], declineReason: "outOfScope")
        }
        var topic = analysis.hits
        for c in Self.positionConcepts.union(Self.dialogueConcepts) { topic[c] = nil }
        let own = Self.best(analysis.hits, bar: bar)
        // "Say that in kilometres", "in Meilen bitte", "换成英里呢": the last question in another unit.
        if let last = session.lastIntent, Self.unitIntents.contains(last),
            !Set(analysis.hits.keys).isDisjoint(with: Self.unitConcepts),
            Set(analysis.hits.keys).subtracting(Self.dialogueConcepts).subtracting(Self.unitConcepts)
                .subtracting(last.hasSuffix("temperature") ? [.speed, .howFar, .temperature] : [.speed, .howFar]).isEmpty
        {
            return Understanding(intent: last, positions: session.lastPositions, topic: session.lastTopic)
        }
        // "The one at the other end" after the frunk: the boot, and back.
        if analysis.has(.otherSide), let last = session.lastIntent, last == "frunk" || last == "trunk",
            Set(analysis.hits.keys).isDisjoint(with: [.door, .window, .tyre, .light, .seatbelt, .hood, .sunroof])
        {
            let other: Concept = last == "frunk" ? .trunk : .frunk
            return Understanding(intent: other == .trunk ? "trunk" : "frunk", positions: [], topic: [other: 1])
        }
        let refines =
            analysis.has(.followUp) || !ownPositions.isEmpty || analysis.has(.otherSide) || analysis.has(.diagonal)
            // "How's that one's temperature" after a tyre: a bare temperature is the last subject's.
            || (own?.intent == "temperature_clarify" && session.lastIntent != nil)
            || (own == nil && !topic.isEmpty && session.lastIntent == "temperature_clarify")
            // "Is it dropping?" after a question about a quantity: the same subject, over time.
            || (own == nil && analysis.has(.falling))
            // "How long till it's done?" after "is it charging": words that mean something only with the last topic.
            || (own == nil && !Set(analysis.hits.keys).subtracting([.question, .politeness, .followUp, .anything]).isEmpty)
        if let last = session.lastIntent, refines {
            // Follow-up: the new words plus the last topic ("and the rear ones?", "und hinten?", "那后面的呢").
            var merged = session.lastTopic
            for slot in Self.aspectSlots where !slot.isDisjoint(with: analysis.hits.keys) {
                for c in slot { merged[c] = nil }
            }
            for (c, w) in analysis.hits { merged[c] = max(merged[c] ?? 0, w) }
            // The lamp asked about last is part of the topic ("the rear fog light", then "and the front ones").
            for c in session.lastPositions.intersection(Self.lampKinds) where merged[c] == nil { merged[c] = 1 }
            // "And the battery pack" after the tyres' temperatures: a follow-up that only swaps one aspect keeps the rest.
            let newWords = Set(topic.keys)
            let swapsAspect =
                analysis.has(.followUp) && !newWords.isEmpty && Self.aspectSlots.contains { newWords.isSubset(of: $0) }
                && !Set(session.lastTopic.keys).isDisjoint(with: [.temperature, .hot, .cold])
            // A vague own reading ("the temperature?") yields to the refined topic; a clear new question does not.
            if let combined = Self.best(merged, bar: bar),
                own == nil || topic.isEmpty || swapsAspect || (own!.score < 1 && combined.score >= own!.score + 0.75)
            {
                var positions = ownPositions
                let samePlaces =
                    combined.intent == last
                    || (IntentCatalog.positional.contains(combined.intent) && IntentCatalog.positional.contains(last))
                if analysis.has(.diagonal), samePlaces {
                    // The corner across: the other row and the other side (the driver's corner when none was named).
                    let last = session.lastNamed ?? session.lastPositions
                    let from = last.isDisjoint(with: Self.rows) ? last.union([.front]) : last
                    let corner = from.isDisjoint(with: Self.sides) ? from.union([.driverSide]) : from
                    positions = Set(
                        corner.map {
                            [.front: .rear, .rear: .front, .left: .right, .right: .left, .driverSide: .passengerSide, .passengerSide: .driverSide][$0]
                                ?? $0
                        })
                } else if analysis.has(.otherSide), samePlaces {
                    positions = Self.mirrored(session.lastNamed ?? session.lastPositions)
                } else if positions.isEmpty, samePlaces {
                    positions = session.lastPositions
                } else if samePlaces, positions.isDisjoint(with: Self.lampKinds), !session.lastPositions.isDisjoint(with: Self.lampKinds) {
                    positions.formUnion(session.lastPositions.intersection(Self.lampKinds))
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
            return Understanding(intent: "out_of_scope", positions: [], topic: [:], declineReason: "outOfScope", unmatched: true)
        }
        return Understanding(intent: own.intent, positions: ownPositions, topic: topic)
    }

    /// The positions on the other side: left and right swapped, or front and rear when no side was named.
    static func mirrored(_ positions: Set<Concept>) -> Set<Concept> {
        let swaps: [Concept: Concept] =
            positions.isDisjoint(with: sides)
            ? [.front: .rear, .rear: .front]
            : [.left: .right, .right: .left, .driverSide: .passengerSide, .passengerSide: .driverSide]
        return Set(positions.map { swaps[$0] ?? $0 })
    }

    /// The best-scoring intent pattern for these concepts, if any is matched well enough.
    /// `bar` is the evidence each concept group needs (0.9; lower for one half of a two-question turn, whose other
    /// half and whole already say it is a question: "whats the trip at and whats the total").
    static func best(_ hits: [Concept: Double], bar: Double = 0.9) -> (intent: String, score: Double)? {
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
            guard evidence + 1e-9 >= bar * Double(pattern.needs.count) else { continue }
            let score = evidence + pattern.bias
            if best == nil || score > best!.score { best = (pattern.intent, score) }
        }
        return best
    }
}
