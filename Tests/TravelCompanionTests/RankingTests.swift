import CarGenius
import FoundationEssentials
import GeniusTestSupport
import Speech
import Testing

@testable import TravelCompanion

/// Ranking, range and the dialogue over a small Munich fixture written out here (no dataset needed).
@Suite struct RankingTests {
    static let fixture = """
        [
          {"id": "near-ok", "name": "Near OK", "category": "restaurant", "cuisine": "bavarian", "rating": 4.1, "rating_count": 900, "price_level": 2, "lat": 48.1380, "lon": 11.5770},
          {"id": "near-great", "name": "Near Great", "category": "restaurant", "cuisine": "sichuan, chinese", "rating": 4.7, "rating_count": 600, "price_level": 3, "lat": 48.1420, "lon": 11.5800, "tags": ["spicy"]},
          {"id": "few-votes", "name": "Few Votes", "category": "restaurant", "cuisine": "chinese", "rating": 5.0, "rating_count": 2, "price_level": 1, "lat": 48.1400, "lon": 11.5790},
          {"id": "far-best", "name": "Far Best", "category": "restaurant", "cuisine": "bavarian", "rating": 4.9, "rating_count": 800, "price_level": 2, "lat": 48.7370, "lon": 11.1830},
          {"id": "far-charging", "name": "Far Charging", "category": "restaurant", "cuisine": "bavarian", "rating": 4.9, "rating_count": 800, "price_level": 2, "lat": 47.4920, "lon": 11.0950, "ev_charging": true},
          {"id": "closed", "name": "Closed Tonight", "category": "restaurant", "cuisine": "chinese", "rating": 4.9, "rating_count": 500, "lat": 48.1390, "lon": 11.5760, "hours": "Mo-Su 11:00-15:00"},
          {"id": "park", "name": "Garage", "category": "parking", "lat": 48.1366, "lon": 11.5733, "traffic": "heavy"}
        ]
        """

    static func companion() throws -> TravelCompanion {
        TravelCompanion(store: PlaceStore(places: try PlaceImport.places(json: Data(fixture.utf8), source: "fixture")))
    }

    static func context(range: Double? = 400_000, minute: Int = 18 * 60) -> TravelContext {
        TravelContext(position: Coordinate(latitude: 48.1372, longitude: 11.5761), rangeMetres: range, now: LocalTime(weekday: 4, minute: minute))
    }

    func ask(_ utterances: [String], range: Double? = 400_000, profile: inout DriverProfile) throws -> TravelAnswer {
        let c = try Self.companion()
        var session = TravelSession()
        var last: TravelAnswer? = nil
        for u in utterances {
            last = c.ask(u, locale: .enUS, session: &session, profile: &profile, context: Self.context(range: range))
        }
        return try #require(last)
    }

    @Test func ratingIsWeightedByItsCount() throws {
        var profile = DriverProfile()
        let answer = try ask(["find a chinese restaurant"], profile: &profile)
        let names = answer.suggestions.map(\.place.name)
        // Five stars from two ratings rank below 4.7 from six hundred; the closed place is left out.
        #expect(names.first == "Near Great")
        #expect(names.firstIndex(of: "Few Votes")! > names.firstIndex(of: "Near Great")!)
        #expect(!names.contains("Closed Tonight"))
        #expect(Ranker.weightedRating(5.0, count: 2) < Ranker.weightedRating(4.7, count: 600))
    }

    @Test func everySuggestionCarriesReasons() throws {
        var profile = DriverProfile()
        let answer = try ask(["find a chinese restaurant"], profile: &profile)
        let top = try #require(answer.suggestions.first)
        #expect(top.reasons.contains(.rating(4.7, count: 600)))
        #expect(top.reasons.contains { if case .travelTime = $0 { true } else { false } })
        #expect(answer.text.hasPrefix("Near Great, 4.7 stars, "))
        let reasons = Phrasebook(locale: .deDE).reasons(top)
        #expect(reasons.contains("4,7 Sterne aus 600 Bewertungen"), "\(reasons)")
    }

    @Test func rangeDropsFarPlacesUnlessTheyCharge() throws {
        var profile = DriverProfile()
        let high = try ask(["find a bavarian restaurant"], range: 400_000, profile: &profile).suggestions.map(\.place.name)
        #expect(high.contains("Far Best") && high.contains("Far Charging"))
        let mid = try ask(["find a bavarian restaurant"], range: 150_000, profile: &profile)
        #expect(!mid.suggestions.map(\.place.name).contains("Far Best"))
        #expect(mid.suggestions.map(\.place.name).contains("Far Charging"))
        #expect(mid.text.contains("left out 1 place"), "\(mid.text)")
        let low = try ask(["find a bavarian restaurant"], range: 40_000, profile: &profile)
        #expect(low.suggestions.map(\.place.name) == ["Near OK"])
    }

    @Test func refinementAndSelection() throws {
        var profile = DriverProfile()
        let cheaper = try ask(["find a chinese restaurant", "something cheaper"], profile: &profile)
        #expect(cheaper.suggestions.first?.place.name == "Few Votes")
        let second = try ask(["find a chinese restaurant", "the second one"], profile: &profile)
        #expect(second.intent == "travel.select")
        #expect(second.suggestions.count == 1)
        let another = try ask(["find a chinese restaurant", "换一家"], profile: &profile)
        #expect(another.suggestions.first?.place.name != "Near Great")
    }

    @Test func statementsAndFeedbackShiftTheRanking() throws {
        var profile = DriverProfile()
        _ = try ask(["I don't eat spicy food"], profile: &profile)
        let after = try ask(["find a chinese restaurant"], profile: &profile)
        #expect(after.suggestions.first?.place.name == "Few Votes")
        #expect(after.suggestions.last?.reasons.contains(.disliked("tag:spicy")) == true)
        var fresh = DriverProfile()
        _ = try ask(["find a chinese restaurant", "not that one"], profile: &fresh)
        #expect(fresh.feedback["place:near-great"] == -1)
        let next = try ask(["find a chinese restaurant"], profile: &fresh)
        #expect(next.suggestions.first?.place.name == "Few Votes")
        #expect(next.suggestions.last?.reasons.contains(.declinedBefore) == true)
    }

    @Test func recallAndForget() throws {
        var profile = DriverProfile()
        _ = try ask(["I love pizza", "I don't eat spicy food"], profile: &profile)
        #expect(profile.statements.count == 2)
        let recall = try ask(["what do you remember about me"], profile: &profile)
        #expect(recall.text.contains("pizza") || recall.text.contains("Pizza"))
        _ = try ask(["forget it"], profile: &profile)  // not after a recall: only the latest
        #expect(profile.statements.map(\.key) == ["cuisine:pizza"])
        _ = try ask(["what do you remember about me", "forget it"], profile: &profile)
        #expect(profile.isEmpty)
    }

    @Test func placesWithDistanceOnlyRankByTravelTime() throws {
        let kvret = """
            {"items": [
              {"poi": "Valero", "poi_type": "gas station", "address": "200 Alester Ave", "distance": "2 miles", "traffic_info": "road block nearby"},
              {"poi": "Chevron", "poi_type": "gas station", "address": "783 Arcadia Pl", "distance": "3 miles", "traffic_info": "no traffic"},
              {"poi": "Dominos", "poi_type": "pizza restaurant", "address": "776 Arastradero Rd", "distance": "1 miles", "traffic_info": "heavy traffic"}
            ], "column_names": ["poi"]}
            """
        let store = PlaceStore(places: try PlaceImport.places(json: Data(kvret.utf8), source: "kvret"))
        let c = TravelCompanion(store: store)
        var session = TravelSession()
        var profile = DriverProfile()
        let ctx = TravelContext(now: LocalTime(weekday: 2, minute: 14 * 60))
        let gas = c.ask("find a gas station with no traffic", locale: .enUS, session: &session, profile: &profile, context: ctx)
        // Asked to avoid traffic: the one behind a road block is ruled out while another fits.
        #expect(gas.suggestions.map(\.place.name) == ["Chevron"])
        let nearest = c.ask("the nearest gas station", locale: .enUS, session: &session, profile: &profile, context: ctx)
        // The nearest is behind a road block: the nearest one that can be reached comes first.
        #expect(nearest.suggestions.first?.place.name == "Chevron")
        let pizza = c.ask("Find pizza.", locale: .enUS, session: &session, profile: &profile, context: ctx)
        #expect(pizza.suggestions.map(\.place.name) == ["Dominos"])
        #expect(store.place(id: "kvret:Dominos")?.cuisines == ["pizza"])
    }
}

@Suite struct ImportTests {
    @Test func ourFormatReportsWhatAndWhere() {
        #expect(throws: TravelError.invalidPlace(source: "f.json", index: 1, reason: "\"name\" must be a non-empty string")) {
            try PlaceImport.places(json: Data(#"[{"name": "A", "category": "cafe"}, {"category": "cafe"}]"#.utf8), source: "f.json")
        }
        #expect(throws: TravelError.self) {
            try PlaceImport.places(json: Data(#"[{"name": "A", "traffic": "sometimes"}]"#.utf8), source: "f.json")
        }
        #expect(throws: TravelError.self) {
            try PlaceImport.places(json: Data(#"[{"name": "A", "lat": 48.1}]"#.utf8), source: "f.json")
        }
    }

    @Test func crossWOZRows() throws {
        let row = #"""
            [["老四川(王府井店)", {"领域": "餐馆", "名称": "老四川(王府井店)", "地址": "王府井大街1号", "营业时间": "周一至周日 11:00-14:00 17:00-21:00", "推荐菜": ["水煮鱼", "麻婆豆腐"], "人均消费": 85, "评分": 4.6}]]
            """#
        let places = try PlaceImport.places(json: Data(row.utf8), source: "db")
        let p = try #require(places.first)
        #expect(p.category == .restaurant && p.pricePerPerson == 85 && p.rating == 4.6)
        #expect(p.cuisines.contains("sichuan") && p.tags.contains("spicy"))
        #expect(p.hours?.isOpen(weekday: 0, minute: 18 * 60) == true)
        #expect(p.effectivePriceLevel == 2)
    }

    @Test func demoPlacesLoadAndAreMarkedDemo() throws {
        let file = repositoryRoot + "/can-dbc/demo-ev/places.json"
        let text = try String(decoding: Data(contentsOf: URL(filePath: file)), as: UTF8.self)
        #expect(text.contains("\"demo\": true"))
        let places = try PlaceImport.load(path: file)
        #expect(places.count >= 20)
        #expect(Set(places.map(\.category)).isSuperset(of: [.restaurant, .cafe, .parking, .charging, .fuel]))
    }
}
