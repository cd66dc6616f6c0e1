public import Speech

/// Travel Companion's sentences in en-US, en-GB, de-DE and zh-CN: headline first, short enough to speak.
public struct Phrasebook: Sendable {
    public let locale: GeniusLocale
    let numbers: NumberStyle

    public init(locale: GeniusLocale) {
        self.locale = locale
        numbers = NumberStyle(locale)
    }

    var lang: Language { locale.language }

    func pick(_ en: String, _ de: String, _ zh: String) -> String {
        switch lang {
        case .en: en
        case .de: de
        case .zh: zh
        }
    }

    // MARK: Words

    func cuisine(_ tag: String) -> String {
        switch lang {
        case .en: tag.prefix(1).uppercased() + tag.dropFirst()
        case .de: Cuisine.byTag[tag]?.de ?? tag
        case .zh: Cuisine.byTag[tag]?.zh ?? tag
        }
    }

    func categoryName(_ c: PlaceCategory?) -> String {
        switch c {
        case .restaurant: pick("restaurant", "Restaurant", "餐厅")
        case .cafe: pick("coffee place", "Café", "咖啡馆")
        case .parking: pick("parking", "Parkplatz", "停车场")
        case .charging: pick("charging station", "Ladestation", "充电站")
        case .fuel: pick("gas station", "Tankstelle", "加油站")
        case .grocery: pick("grocery store", "Supermarkt", "超市")
        case .hospital: pick("hospital", "Krankenhaus", "医院")
        case .shopping: pick("shopping center", "Einkaufszentrum", "商场")
        case .lodging: pick("hotel", "Hotel", "酒店")
        case .pharmacy: pick("pharmacy", "Apotheke", "药店")
        default: pick("place", "Ort", "地方")
        }
    }

    /// What a profile key is about, in words ("spicy food", "Pizza", "辣的").
    func keyName(_ key: String) -> String {
        if key.hasPrefix("cuisine:") { return cuisine(String(key.dropFirst(8))) }
        switch key {
        case "tag:spicy": return pick("spicy food", "scharfes Essen", "辣的")
        case "tag:meat": return pick("meat", "Fleisch", "肉")
        case "price:high": return pick("expensive places", "teure Lokale", "贵的地方")
        case "traffic:heavy": return pick("heavy traffic", "Stau", "堵车")
        default: return String(key.split(separator: ":").last ?? "")
        }
    }

    func distance(_ metres: Double) -> String {
        if locale.distanceUnit == .mile {
            let miles = metres / UnitMath.metresPerMile
            let text = numbers.format(miles, decimals: miles < 10 ? 1 : 0)
            return "\(text) \(text == "1.0" ? "mile" : "miles")"
        }
        let km = metres / 1000
        let text = numbers.format(km, decimals: km < 10 ? 1 : 0)
        return lang == .zh ? "\(text)公里" : "\(text) km"
    }

    func minutes(_ m: Double) -> String {
        let n = max(1, Int(m.rounded()))
        switch lang {
        case .en: return n == 1 ? "1 minute" : "\(n) minutes"
        case .de: return n == 1 ? "1 Minute" : "\(n) Minuten"
        case .zh: return "\(n)分钟"
        }
    }

    func stars(_ r: Double) -> String {
        let text = numbers.format(r, decimals: 1)
        return pick("\(text) stars", "\(text) Sterne", "\(text)分")
    }

    func clock(_ minute: Int) -> String {
        let h = minute / 60
        let m = minute % 60
        let mm = m < 10 ? "0\(m)" : "\(m)"
        return "\(h):\(mm)"
    }

    func trafficPhrase(_ e: TravelEstimate) -> String {
        switch (e.source, e.level) {
        case (.live, _): return pick("with current traffic", "bei aktuellem Verkehr", "按当前路况")
        case (_, .none): return pick("no traffic", "kein Stau", "不堵车")
        case (_, .moderate): return pick("moderate traffic", "mäßiger Verkehr", "有些拥堵")
        case (_, .heavy): return pick("heavy traffic on the way", "dichter Verkehr", "路上很堵")
        case (_, .blocked): return pick("a road block on the way", "eine Sperrung auf dem Weg", "路上有封路")
        }
    }

    // MARK: Suggestions

    /// The headline: "Lao Sichuan, 4.6 stars, 12 minutes with current traffic."
    public func headline(_ s: Suggestion, first: Bool) -> String {
        let name = s.place.name(for: lang.rawValue)
        var parts: [String] = [name]
        parts += facts(s, short: false)
        if lang == .zh { return parts.joined(separator: "，") + "。" }
        return parts.joined(separator: ", ") + "."
    }

    func facts(_ s: Suggestion, short: Bool) -> [String] {
        var parts: [String] = []
        if let r = s.place.rating { parts.append(stars(r)) }
        if let e = s.estimate {
            if s.place.rating == nil, !short { parts.append(distance(e.distance)) }
            let time = minutes(e.minutes)
            if short {
                parts.append(time)
            } else if e.source == .live {
                parts.append(lang == .zh ? "\(trafficPhrase(e))\(time)" : "\(time) \(trafficPhrase(e))")
            } else {
                parts.append(time)
                if e.level != .none || s.place.trafficNote != nil { parts.append(trafficPhrase(e)) }
            }
        } else if let p = s.place.pricePerPerson {
            parts.append(perPerson(p))
        }
        return parts
    }

    func alternatives(_ more: [Suggestion]) -> String {
        let items = more.map { s -> String in
            let f = facts(s, short: true)
            let name = s.place.name(for: lang.rawValue)
            if f.isEmpty { return name }
            return lang == .zh ? "\(name)（\(f.joined(separator: "，"))）" : "\(name) (\(f.joined(separator: ", ")))"
        }
        switch lang {
        case .en: return "Or " + items.joined(separator: " or ") + "."
        case .de: return "Oder " + items.joined(separator: " oder ") + "."
        case .zh: return "也可以选" + items.joined(separator: "或") + "。"
        }
    }

    /// Reasons for the screen, one short phrase each.
    public func reasons(_ s: Suggestion) -> [String] {
        s.reasons.map { reason in
            switch reason {
            case .rating(let r, let count):
                if let count {
                    return pick(
                        "\(stars(r)) from \(count) ratings", "\(stars(r)) aus \(count) Bewertungen",
                        "评分\(numbers.format(r, decimals: 1))（\(count)条评价）")
                }
                return pick(stars(r), stars(r), "评分\(numbers.format(r, decimals: 1))")
            case .travelTime(let m, let level, let source):
                let e = TravelEstimate(minutes: m, level: level, source: source, distance: 0)
                let traffic = source == .model && level == .none ? pick("expected traffic", "erwarteter Verkehr", "预计路况") : trafficPhrase(e)
                return lang == .zh ? "\(traffic)\(minutes(m))" : "\(minutes(m)), \(traffic)"
            case .distance(let d): return distance(d)
            case .openUntil(let minute): return pick("open until \(clock(minute))", "geöffnet bis \(clock(minute))", "营业到\(clock(minute))")
            case .cuisine(let c): return cuisine(c)
            case .dish(let d): return pick("serves \(d)", "hat \(d)", "有\(d)")
            case .pricePerPerson(let p):
                return perPerson(p)
            case .priceLevel(let l):
                return String(repeating: currencySymbol, count: max(1, l))
            case .evCharging: return pick("has EV charging", "mit Ladesäule", "有充电桩")
            case .reachable(let spare):
                return pick(
                    "\(distance(spare)) of range left after the trip", "nach der Fahrt noch \(distance(spare)) Reichweite",
                    "往返后剩余续航\(distance(spare))")
            case .liked(let key): return pick("you like \(keyName(key))", "du magst \(keyName(key))", "你喜欢\(keyName(key))")
            case .disliked(let key): return pick("but you avoid \(keyName(key))", "aber du meidest \(keyName(key))", "但你不喜欢\(keyName(key))")
            case .acceptedBefore: return pick("you went here before", "hier warst du schon", "你去过这家")
            case .declinedBefore: return pick("you turned it down before", "hattest du abgelehnt", "你之前拒绝过")
            case .chargerNearby(let m):
                return pick("charger \(walk(m)) away", "Ladesäule \(walk(m)) entfernt", "\(walk(m))外有充电桩")
            case .parking(let m):
                if m == 0 { return pick("own parking", "eigener Parkplatz", "自带停车场") }
                return pick("car park \(walk(m)) away", "Parkplatz \(walk(m)) entfernt", "\(walk(m))外有停车场")
            case .detour(let m):
                return m < 1
                    ? pick("right on your route", "direkt auf deiner Route", "就在路线上")
                    : pick("\(minutes(m)) detour", "\(minutes(m)) Umweg", "绕路\(minutes(m))")
            case .walkToDestination(let m):
                return pick("\(minutes(m)) on foot to your destination", "\(minutes(m)) zu Fuß zum Ziel", "步行\(minutes(m))到目的地")
            case .kidFriendly: return pick("kid-friendly", "kinderfreundlich", "适合带孩子")
            case .seats(let n): return pick("seats \(n)", "\(n) Plätze", "可坐\(n)人")
            case .hoursUnknown: return pick("opening hours unknown", "Öffnungszeiten unbekannt", "营业时间未知")
            case .meets(let met):
                let list = met.map(missingName).joined(separator: lang == .zh ? "、" : ", ")
                return pick("fits: \(list)", "passt: \(list)", "符合：\(list)")
            case .nearestFit(let missing):
                let list = missing.map(missingName).joined(separator: lang == .zh ? "、" : ", ")
                return pick("closest match (not: \(list))", "kommt am nächsten (nicht: \(list))", "最接近（不满足：\(list)）")
            }
        }
    }

    var currencySymbol: String {
        switch locale {
        case .zhCN: "¥"
        case .deDE: "€"
        case .enGB: "£"
        default: "$"
        }
    }

    /// "$22 per person", "22 € pro Person", "人均22元".
    func perPerson(_ p: Double) -> String {
        let n = numbers.format(p)
        switch locale {
        case .zhCN: return "人均\(n)元"
        case .deDE: return "\(n) € pro Person"
        default: return "\(currencySymbol)\(n) per person"
        }
    }

    /// A short walk: "150 m", "0.3 miles" stays in metres below a kilometre for every locale but en-US.
    func walk(_ metres: Double) -> String {
        let m = Int((metres / 10).rounded()) * 10
        if locale == .enUS { return "\(max(1, Int((metres / 0.9144 / 10).rounded()) * 10)) yards" }
        return lang == .zh ? "\(m)米" : "\(m) m"
    }

    /// A constraint a suggestion does not meet, in a few words ("Sushi", "a charger", "no heavy traffic").
    func missingName(_ r: Relaxation) -> String {
        switch r {
        case .cuisine(let tags, _): return tags.map(cuisine).joined(separator: pick(" or ", " oder ", "或"))
        case .dish(let d): return d
        case .name(let n):
            if let b = TravelUnderstanding.brands.first(where: { $0 == n }) { return b.prefix(1).uppercased() + b.dropFirst() }
            return n
        case .price: return pick("your price", "dein Preisrahmen", "价格要求")
        case .traffic: return pick("free of heavy traffic", "ohne Stau", "不堵车")
        case .blocked: return pick("a clear road", "freie Straße", "道路畅通")
        case .charger: return pick("a charger", "Ladesäule", "充电桩")
        case .parking: return pick("parking", "Parkplatz", "停车位")
        case .distance: return pick("your distance", "deine Entfernung", "距离要求")
        case .time(let m): return pick("within \(minutes(m))", "innerhalb \(minutes(m))", "\(minutes(m))以内")
        case .onTheWay: return pick("on your way", "auf deinem Weg", "顺路")
        case .notCuisine(let tags):
            let names = tags.map(cuisine).joined(separator: pick(" or ", " oder ", "或"))
            return pick("not \(names)", "kein \(names)", "不要\(names)")
        case .party(let n): return pick("a table for \(n)", "Platz für \(n)", "\(n)人座")
        case .kids: return pick("kid-friendly", "kinderfreundlich", "适合孩子")
        case .need(let tag): return Self.needNames[tag].map { pick($0.0, $0.1, $0.2) } ?? tag
        case .notSpicy: return pick("not spicy", "nicht scharf", "不辣")
        case .fastCharger: return pick("a fast charger", "ein Schnelllader", "快充")
        case .rating(let m): return pick("\(stars(m)) or more", "ab \(stars(m))", "\(stars(m))以上")
        }
    }

    static let needNames: [String: (String, String, String)] = [
        "vegetarian": ("vegetarian", "vegetarisch", "素食"), "vegan": ("vegan", "vegan", "纯素"),
        "gluten free": ("gluten-free", "glutenfrei", "无麸质"), "halal": ("halal", "halal", "清真"),
        "dog friendly": ("dog-friendly", "hundefreundlich", "可带狗"),
    ]

    /// No place meets every constraint: say which ones none meets, then offer the nearest fit as such.
    /// "No Seafood place is open; the closest match is The Golden Chippy (Fish and chips), 4.5 stars, 12 minutes."
    func nearestFit(_ s: Suggestion, missing: [Relaxation], request: TravelRequest) -> String {
        let name = s.place.name(for: lang.rawValue)
        var facts = facts(s, short: false)
        if missing.contains(where: { if case .cuisine = $0 { true } else { false } }), let c = s.place.cuisines.first {
            facts.insert(cuisine(c), at: 0)
        }
        let list = missing.map(missingName).joined(separator: pick(", ", ", ", "、"))
        let closedCuisine = missing.contains { if case .cuisine(_, let closed) = $0 { closed > 0 } else { false } }
        let what = categoryName(request.category ?? .restaurant)
        let head: String
        switch (missing.count == 1 ? missing[0] : nil, closedCuisine) {
        case (.cuisine?, true):
            head = pick("No \(list) place is open then", "Nichts mit \(list) hat dann geöffnet", "\(list)那时都不营业")
        case (.cuisine?, false):
            head = pick("I found no \(list) place nearby", "Ich finde nichts mit \(list) in der Nähe", "附近没有找到\(list)")
        case (.charger?, _):
            head = pick("No \(what) nearby has a charger", "Kein Ort dieser Art in der Nähe hat eine Ladesäule", "附近没有找到带充电桩的\(what)")
        case (.parking?, _):
            head = pick("No \(what) nearby has parking", "Nichts in der Nähe hat einen Parkplatz", "附近没有找到带停车位的\(what)")
        case (.traffic?, _), (.blocked?, _):
            head = pick(
                "There is heavy traffic or a road block on the way to every \(what) nearby",
                "Zu allem in der Nähe ist Stau oder eine Sperrung", "去附近的\(what)路上都很堵或有封路")
        case (.price?, _):
            head = pick("Nothing nearby fits your price", "In deinem Preisrahmen finde ich nichts", "附近没有找到符合价格要求的\(what)")
        default:
            head = pick(
                "I found no \(what) with everything you asked for (missing: \(list))",
                "Ich finde nichts, das alles erfüllt (es fehlt: \(list))", "没有找到完全符合的\(what)（不满足：\(list)）")
        }
        switch lang {
        case .en: return "\(head); the closest match is \(name), \(facts.joined(separator: ", "))."
        case .de: return "\(head); am nächsten kommt \(name), \(facts.joined(separator: ", "))."
        case .zh: return "\(head)；最接近的是\(name)，\(facts.joined(separator: "，"))。"
        }
    }

    /// "Lao Sichuan is 12 minutes away (4.2 km), with moderate traffic."
    func travelTime(_ p: Place, estimate e: TravelEstimate) -> String {
        let name = p.name(for: lang.rawValue)
        let traffic = e.level == .none && e.source == .model ? "" : trafficPhrase(e)
        switch lang {
        case .en: return "\(name) is \(minutes(e.minutes)) away (\(distance(e.distance)))\(traffic.isEmpty ? "" : ", \(traffic)")."
        case .de: return "Bis \(name) sind es \(minutes(e.minutes)) (\(distance(e.distance)))\(traffic.isEmpty ? "" : ", \(traffic)")."
        case .zh: return "到\(name)约\(minutes(e.minutes))（\(distance(e.distance))）\(traffic.isEmpty ? "" : "，\(traffic)")。"
        }
    }

    func noneFound(_ r: TravelRequest, result: RankingResult, context: TravelContext) -> String {
        var text: String
        switch r.category {
        case .home: text = pick("I have no home address stored.", "Ich habe keine Heimadresse gespeichert.", "没有保存家的地址。")
        case .friend: text = pick("I have no friend's address stored.", "Ich habe keine Adresse von Freunden gespeichert.", "没有保存朋友的地址。")
        default:
            let what = categoryName(r.category ?? .restaurant)
            text = pick("I found no \(what) that fits.", "Dazu finde ich nichts Passendes (\(what)).", "没有找到合适的\(what)。")
        }
        if result.unreachable > 0 {
            text += " " + rangeLimited(result.unreachable, context: context)
        } else if result.closed > 0 {
            text += " " + pick("\(result.closed) are closed then.", "\(result.closed) haben dann geschlossen.", "有\(result.closed)家那时不营业。")
        }
        return text
    }

    func rangeLimited(_ count: Int, context: TravelContext) -> String {
        let range = context.rangeMetres.map(distance) ?? "?"
        return pick(
            "I left out \(count) \(count == 1 ? "place" : "places") your range of \(range) cannot reach and return from with a safe reserve.",
            "\(count) \(count == 1 ? "Ort habe ich" : "Orte habe ich") weggelassen: mit \(range) Reichweite kommst du nicht sicher hin und zurück.",
            "有\(count)个地方超出了当前续航\(range)（需留安全余量往返），已排除。")
    }

    func thenTop(_ s: Suggestion) -> String {
        pick("Now my top pick is ", "Jetzt empfehle ich ", "现在首选") + headline(s, first: true)
    }

    // MARK: Dialogue

    var nothingToPick: String {
        pick("Which place do you mean? Ask me for one first.", "Welchen Ort meinst du? Frag mich zuerst nach einem.", "你指的是哪家？先让我帮你找一下。")
    }
    func nothingBetter(_ current: Place?) -> String {
        guard let current else { return pick("Nothing else fits.", "Sonst passt nichts.", "没有其他合适的了。") }
        let name = current.name(for: lang.rawValue)
        return pick(
            "Nothing else fits that; \(name) is still the best match.", "Da passt nichts anderes; \(name) bleibt die beste Wahl.",
            "没有更合适的了，\(name)仍是最佳选择。")
    }

    var noPosition: String {
        pick("The car's position is not available, so by rating only: ", "Die Position des Autos fehlt, daher nur nach Bewertung: ", "暂无车辆位置，仅按评分推荐：")
    }

    var nothingToRefine: String { pick("What should I look for?", "Wonach soll ich suchen?", "要我帮你找什么？") }
    func onlyHave(_ n: Int) -> String { pick("I only suggested \(n).", "Ich habe nur \(n) vorgeschlagen.", "我只推荐了\(n)家。") }

    func accepted(_ p: Place) -> String {
        let name = p.name(for: lang.rawValue)
        return pick("Good choice: setting directions to \(name).", "Gute Wahl: ich navigiere zu \(name).", "好的，正在导航到\(name)。")
    }

    func noted(_ prefs: [(key: String, liked: Bool)]) -> String {
        let likes = prefs.filter(\.liked).map { keyName($0.key) }
        let dislikes = prefs.filter { !$0.liked }.map { keyName($0.key) }
        var parts: [String] = []
        if !likes.isEmpty {
            parts.append(
                pick(
                    "you like \(likes.joined(separator: " and "))", "du magst \(likes.joined(separator: " und "))",
                    "你喜欢\(likes.joined(separator: "和"))"))
        }
        if !dislikes.isEmpty {
            parts.append(
                pick(
                    "you avoid \(dislikes.joined(separator: " and "))", "du meidest \(dislikes.joined(separator: " und "))",
                    "你不吃\(dislikes.joined(separator: "和"))"))
        }
        if parts.isEmpty { return pick("Noted.", "Notiert.", "记下了。") }
        return pick("Noted: \(parts.joined(separator: "; ")).", "Gemerkt: \(parts.joined(separator: "; ")).", "记住了：\(parts.joined(separator: "；"))。")
    }

    func recall(_ profile: DriverProfile) -> String {
        if profile.isEmpty {
            return pick("I don't remember anything about you yet.", "Ich habe mir noch nichts über dich gemerkt.", "我还没有记住关于你的任何事。")
        }
        var items: [String] = []
        for s in profile.statements {
            items.append(
                s.liked
                    ? pick("you like \(keyName(s.key))", "du magst \(keyName(s.key))", "你喜欢\(keyName(s.key))")
                    : pick("you avoid \(keyName(s.key))", "du meidest \(keyName(s.key))", "你不吃\(keyName(s.key))"))
        }
        let accepted = profile.feedback.filter { $0.key.hasPrefix("place:") && $0.value > 0 }.count
        let declined = profile.feedback.filter { $0.key.hasPrefix("place:") && $0.value < 0 }.count
        if accepted > 0 {
            items.append(
                pick("\(accepted) \(accepted == 1 ? "place" : "places") you chose", "\(accepted) Orte, die du gewählt hast", "你选过的\(accepted)个地方"))
        }
        if declined > 0 {
            items.append(
                pick(
                    "\(declined) \(declined == 1 ? "place" : "places") you turned down", "\(declined) Orte, die du abgelehnt hast",
                    "你拒绝过的\(declined)个地方"))
        }
        return pick(
            "I remember: \(items.joined(separator: "; ")). Say \"forget it\" to delete it.",
            "Ich weiß: \(items.joined(separator: "; ")). Sag „vergiss das“, um es zu löschen.",
            "我记得：\(items.joined(separator: "；"))。说“忘掉”即可删除。")
    }

    var forgotAll: String { pick("Done: I have forgotten everything about you.", "Erledigt: ich habe alles über dich vergessen.", "好的，关于你的记录已全部删除。") }
    var nothingToForget: String { pick("There is nothing to forget.", "Da gibt es nichts zu vergessen.", "没有需要删除的记录。") }
    func forgot(_ key: String) -> String {
        pick("Forgotten: \(keyName(key)).", "Vergessen: \(keyName(key)).", "已忘掉：\(keyName(key))。")
    }

    // MARK: Range

    func distanceUnknown(_ p: Place) -> String {
        pick("I don't know how far \(p.name) is.", "Ich weiß nicht, wie weit \(p.name) entfernt ist.", "我不知道\(p.name)有多远。")
    }

    func rangeUnknown(_ p: Place, distance d: Double) -> String {
        pick(
            "\(p.name) is \(distance(d)) away, but the range is not available right now.",
            "\(p.name) ist \(distance(d)) entfernt, aber die Reichweite ist gerade nicht verfügbar.",
            "\(p.name)距离\(distance(d))，但目前无法获取续航。")
    }

    func reach(_ p: Place, distance d: Double, trip: Double, range: Double, ok: Bool, tight: Bool) -> String {
        let name = p.name(for: lang.rawValue)
        let way =
            p.evCharging
            ? pick("\(distance(trip)) there, and it has charging", "\(distance(trip)) hin, dort kannst du laden", "单程\(distance(trip))，那里可以充电")
            : pick("\(distance(trip)) there and back", "\(distance(trip)) hin und zurück", "往返\(distance(trip))")
        if ok {
            return pick(
                "Yes: \(name) is \(way); with \(distance(range)) of range you keep \(distance(range - trip)).",
                "Ja: \(name) ist \(way); bei \(distance(range)) Reichweite bleiben \(distance(range - trip)).",
                "可以：到\(name)\(way)，当前续航\(distance(range))，回来还剩\(distance(range - trip))。")
        }
        if tight {
            return pick(
                "Only just: \(name) is \(way) and your range is \(distance(range)), below the safe reserve. Charge first.",
                "Knapp: \(name) ist \(way), die Reichweite beträgt \(distance(range)), zu wenig Reserve. Lade vorher.",
                "很勉强：到\(name)\(way)，续航只有\(distance(range))，余量不足，建议先充电。")
        }
        return pick(
            "No: \(name) is \(way), more than your range of \(distance(range)). Charge first.",
            "Nein: \(name) ist \(way), mehr als deine Reichweite von \(distance(range)). Lade vorher.",
            "不行：到\(name)\(way)，超过了当前续航\(distance(range))，请先充电。")
    }
}
