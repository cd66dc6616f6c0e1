import CarGenius
import JSON
import LLM
import Speech
import VSS

/// The tools the model may call, as JSON Schema, and the catalogue search behind `find_signals`.
enum LLMTools {
    static func names(travel: Bool) -> String {
        definitions(travel: travel).map(\.name).joined(separator: ", ")
    }

    static func definitions(travel: Bool) -> [ToolDefinition] {
        func object(_ properties: [String: JSONValue], required: [String]) -> JSONValue {
            .object(["type": .string("object"), "properties": .object(properties), "required": .array(required.map { .string($0) })])
        }
        let string: JSONValue = .object(["type": .string("string")])
        var tools = [
            ToolDefinition(
                name: "get_signals",
                description: "Read live vehicle signals by COVESA VSS path (e.g. Vehicle.Powertrain.Range in m, "
                    + "Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed in percent). Returns value, unit, age_s and status.",
                parameters: object(["paths": .object(["type": .string("array"), "items": string])], required: ["paths"])),
            ToolDefinition(
                name: "find_signals",
                description: "Search the car's signals by words (e.g. \"tyre pressure\", \"door open\", \"outside temperature\"); "
                    + "returns matching readings with value, unit, age_s and status.",
                parameters: object(["query": string], required: ["query"])),
            ToolDefinition(
                name: "explain_warning",
                description: "Explain a warning lamp (e.g. ABS, TirePressure, Powertrain) or an OBD-II trouble code (e.g. P0420): "
                    + "what it means, what to do, and whether the lamp is on.",
                parameters: object(["lamp": string], required: ["lamp"])),
            ToolDefinition(
                name: "answer",
                description: "Hand a car-status question to the car's own answer composer, which answers it from live data. "
                    + "intent is one of: \(CarGeniusEngine.answerableIntents.joined(separator: ", ")). "
                    + "slots: optional words such as \"front left\" or \"P0420\".",
                parameters: object(["intent": string, "slots": string], required: ["intent"])),
        ]
        if travel {
            tools.append(
                ToolDefinition(
                    name: "find_places",
                    description: "Find places near the car (restaurants, cafes, parking, chargers) with constraints in words: "
                        + "cuisine, price, open at arrival, charger, traffic. Returns ranked places with distance_m, minutes and rating.",
                    parameters: object(["query": string], required: ["query"])))
        }
        return tools
    }

    /// Words of a query mapped to the words of VSS paths.
    static let synonyms: [String: [String]] = [
        "tyre": ["tire"], "tyres": ["tire"], "tires": ["tire"], "charge": ["stateofcharge", "charging"], "battery": ["battery"],
        "soc": ["stateofcharge"], "range": ["range"], "temp": ["temperature"], "doors": ["door"], "windows": ["window"],
        "lights": ["light"], "lamp": ["telltale"], "lamps": ["telltale"], "warning": ["telltale"], "warnings": ["telltale"],
        "mileage": ["traveleddistance"], "odometer": ["traveleddistance"], "fuel": ["fuel"], "speed": ["speed"],
        "locked": ["islocked"], "lock": ["islocked"], "open": ["isopen"], "gear": ["gear"], "seatbelt": ["belt"],
        "boot": ["trunk"], "bonnet": ["hood"], "service": ["service"], "washer": ["washer"],
    ]

    /// The paths whose names match the query best, those with a value first (at most 10).
    static func findPaths(_ query: String, signals: some SignalReader) -> [String] {
        var words: [String] = []
        var word = ""
        for ch in query.lowercased() {
            if ch.isLetter || ch.isNumber {
                word.append(ch)
            } else {
                if word.count >= 3 { words.append(word) }
                word = ""
            }
        }
        if word.count >= 3 { words.append(word) }
        let terms = Set(words.flatMap { synonyms[$0] ?? [$0.hasSuffix("s") ? String($0.dropLast()) : $0] })
        guard !terms.isEmpty else { return [] }
        var paths = Array(VSSCatalog.vss42.keys) + VSSCatalog.telltaleNames.map(VSSCatalog.telltalePath)
        paths.append(VSSCatalog.routeDistancePath)
        var scored: [(path: String, score: Int, usable: Bool)] = []
        for path in Set(paths) {
            let lower = path.lowercased()
            let score = terms.filter { lower.contains($0) }.count
            guard score > 0 else { continue }
            scored.append((path, score, signals.reading(path).isUsable))
        }
        scored.sort { ($0.usable ? 1 : 0, $0.score, $1.path) > ($1.usable ? 1 : 0, $1.score, $0.path) }
        return scored.prefix(10).map(\.path)
    }
}

/// The system prompt, in the answer's language, and the clean-up of the model's text before it is checked.
enum LLMPrompt {
    static func system(locale: GeniusLocale, model: String) -> String {
        var text: String
        switch locale {
        case .deDE:
            text =
                "Du bist Car Genius, der Assistent dieses Autos. Antworte auf Deutsch, in ein oder zwei kurzen Sätzen für den Fahrer. "
                + "Lies die Werte des Autos mit den Werkzeugen. Nenne nie eine Zahl, eine Zeit oder einen Ort, den kein Werkzeug geliefert hat, "
                + "und rate nie. Fehlt ein Wert oder ist er veraltet, sag das. Wenn du es nicht weißt, sag \"Das kann ich nicht sagen\". "
                + "Einheiten: km, °C, bar."
        case .zhCN:
            text =
                "你是这辆车的助手 Car Genius。请用中文回答，一两句简短的话。用工具读取车辆的实时数值。"
                + "绝不说出工具没有返回的数字、时间或地点，绝不猜测。数值缺失或过时就如实说明。不知道就说\"我无法确定\"。单位：公里、摄氏度、千帕。"
        case .enGB:
            text = english + " Units: miles, °C, psi."
        case .enUS:
            text = english + " Units: miles, °F, psi."
        }
        if model.lowercased().contains("qwen3") { text += " /no_think" }
        return text
    }

    static let english =
        "You are Car Genius, the assistant of this car. Answer in English, in one or two short sentences for the driver. "
        + "Read the car's live values with the tools. Never state a number, a time or a place that no tool returned, and never guess. "
        + "If a value is missing or stale, say so. If you cannot tell, say \"I can't tell\"."

    /// The text to check and speak: a Qwen3 `<think>` block removed, whitespace trimmed.
    static func spokenText(_ raw: String) -> String {
        var text = raw
        while let open = text.firstRange(of: "<think>") {
            guard let close = text[open.upperBound...].firstRange(of: "</think>") else {
                text = String(text[..<open.lowerBound])
                break
            }
            text.removeSubrange(open.lowerBound..<close.upperBound)
        }
        return String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
