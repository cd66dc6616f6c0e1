import Testing

@testable import TravelCompanion

@Suite struct UnderstandingTests {
    @Test(arguments: [
        ("plan dinner for two tonight", PlaceCategory.restaurant),
        ("find a sichuan place nearby that isn't too expensive", .restaurant),
        ("wo kann ich in der nähe parken", .parking),
        ("找个评分高、不堵车的餐厅", .restaurant),
        ("the nearest gas station", .fuel),
        ("a coffee place with no traffic", .cafe),
        ("wo ist die nächste Ladestation", .charging),
        ("附近哪里可以充电", .charging),
        ("Where can I get groceries?", .grocery),
        ("what are some nearby hotels", .lodging),
        ("ich suche ein bayerisches Wirtshaus", .restaurant),
    ])
    func categories(utterance: String, category: PlaceCategory) {
        let r = TravelUnderstanding.parse(utterance)
        #expect(r.kind == .search, "\(utterance)")
        #expect(r.category == category, "\(utterance)")
    }

    @Test func qualifiers() {
        let a = TravelUnderstanding.parse("find a sichuan place nearby that isn't too expensive")
        #expect(a.cuisines == ["sichuan"])
        #expect(a.cheap)
        let b = TravelUnderstanding.parse("找个评分高、不堵车的餐厅")
        #expect(b.bestRated)
        #expect(b.leastTraffic)
        let c = TravelUnderstanding.parse("plan dinner for two tonight")
        #expect(c.partySize == 2)
        #expect(c.arrivalClock == 19 * 60)
        let d = TravelUnderstanding.parse("the nearest gas station")
        #expect(d.nearest)
        let e = TravelUnderstanding.parse("find me chinese restaurants within 3 miles of my current location")
        #expect(e.cuisines == ["chinese"])
        #expect(abs((e.maxDistance ?? 0) - 3 * 1609.344) < 1)
    }

    @Test(arguments: [
        ("人均消费100-150元，评分4.5分以上的餐馆", 100.0, 150.0, 4.5),
        ("人均消费500元到1000元，评分是5分的餐馆", 500, 1000, 5),
        ("人均消费在50至100元之间的餐馆，评分四点五分以上", 50, 100, 4.5),
    ])
    func chinesePricesAndRatings(utterance: String, low: Double, high: Double, rating: Double) {
        let r = TravelUnderstanding.parse(utterance)
        #expect(r.priceMin == low, "\(utterance)")
        #expect(r.priceMax == high, "\(utterance)")
        #expect(r.minRating == rating, "\(utterance)")
    }

    @Test func streetAddresses() {
        let a = TravelUnderstanding.parse("give me directions to 5677 southwest 4th street")
        #expect(a.category == .address && a.name == "5677 southwest 4th street")
        let b = TravelUnderstanding.parse("navigiere zur Augustenstraße 12")
        #expect(b.category == .address && b.name == "augustenstraße 12")
        #expect(TravelUnderstanding.parse("find 2 pizza places").category == .restaurant)
    }

    @Test func dialogueTurns() {
        #expect(TravelUnderstanding.parse("something cheaper").refinement == .cheaper)
        #expect(TravelUnderstanding.parse("näher").refinement == .closer)
        #expect(TravelUnderstanding.parse("换一家").refinement == .another)
        let second = TravelUnderstanding.parse("the second one")
        #expect(second.kind == .select && second.ordinal == 1)
        #expect(TravelUnderstanding.parse("第二个").ordinal == 1)
        #expect(TravelUnderstanding.parse("can I reach it with my battery?").kind == .reach)
        #expect(TravelUnderstanding.parse("let's go").kind == .accept)
        #expect(TravelUnderstanding.parse("not that one").kind == .decline)
        #expect(TravelUnderstanding.parse("what do you remember about me").kind == .recall)
        let forget = TravelUnderstanding.parse("forget everything")
        #expect(forget.kind == .forget && forget.forgetAll)
        #expect(TravelUnderstanding.parse("forget it").forgetAll == false)
    }

    @Test(arguments: [
        ("I don't eat spicy food", "tag:spicy", false),
        ("我不吃辣", "tag:spicy", false),
        ("ich mag keine Pizza", "cuisine:pizza", false),
        ("I love sushi", "cuisine:sushi", true),
        ("我喜欢川菜", "cuisine:sichuan", true),
        ("ich mag bayerisches Essen", "cuisine:bavarian", true),
    ])
    func statements(utterance: String, key: String, liked: Bool) {
        let r = TravelUnderstanding.parse(utterance)
        #expect(r.kind == .statement, "\(utterance)")
        #expect(r.preferences.contains { $0.key == key && $0.liked == liked }, "\(utterance): \(r.preferences)")
    }
}

@Suite struct OpeningHoursTests {
    @Test func crossWOZForms() throws {
        let a = try #require(OpeningHours(parsing: "周一至周日 11:00-14:00 17:00-21:00"))
        #expect(a.isOpen(weekday: 2, minute: 12 * 60))
        #expect(!a.isOpen(weekday: 2, minute: 15 * 60))
        #expect(a.minutesOpenLeft(weekday: 2, minute: 20 * 60) == 60)
        let b = try #require(OpeningHours(parsing: "周六,周日 10:00-22:00  周一至周五 11:00-14:00 17:00-21:00"))
        #expect(b.isOpen(weekday: 5, minute: 15 * 60))
        #expect(!b.isOpen(weekday: 1, minute: 15 * 60))
        let c = try #require(OpeningHours(parsing: "18:00-次日02:00"))
        #expect(c.isOpen(weekday: 0, minute: 23 * 60))
        #expect(c.isOpen(weekday: 1, minute: 60))
        #expect(c.minutesOpenLeft(weekday: 0, minute: 23 * 60) == 180)
        let d = try #require(OpeningHours(parsing: "周一至周日 全天"))
        #expect(d.isOpen(weekday: 6, minute: 3 * 60))
        let e = try #require(OpeningHours(parsing: "周一至周日 10:00-22:00  非营业时段 2018-02-15至2018-02-15 全天"))
        #expect(!e.isOpen(weekday: 3, minute: 23 * 60))
    }

    @Test func latinForms() throws {
        let a = try #require(OpeningHours(parsing: "Tu-Su 18:00-23:00"))
        #expect(!a.isOpen(weekday: 0, minute: 19 * 60))
        #expect(a.isOpen(weekday: 6, minute: 19 * 60))
        let b = try #require(OpeningHours(parsing: "Mo-Fr 11:00-22:00; Sa,Su 10:00-23:00"))
        #expect(b.isOpen(weekday: 5, minute: 10 * 60 + 30))
        #expect(!b.isOpen(weekday: 4, minute: 10 * 60 + 30))
        let c = try #require(OpeningHours(parsing: "daily 00:00-24:00"))
        #expect(c.isOpen(weekday: 3, minute: 0))
        #expect(OpeningHours(parsing: "by appointment") == nil)
    }
}

@Suite struct TrafficTests {
    @Test func liveFeedAgesOut() throws {
        var p = Place(id: "x", name: "X", category: .restaurant)
        p.latitude = 48.14
        p.longitude = 11.57
        var feed = TrafficFeed(maxAge: 600)
        try feed.update(placeID: "x", level: .heavy, minutes: 25, now: 1000)
        let fresh = TrafficModel.estimate(place: p, roadDistance: 3000, feed: feed, at: LocalTime(weekday: 6, minute: 600, seconds: 1300))
        #expect(fresh.source == .live && fresh.minutes == 25 && fresh.level == .heavy)
        let old = TrafficModel.estimate(place: p, roadDistance: 3000, feed: feed, at: LocalTime(weekday: 6, minute: 600, seconds: 1700))
        #expect(old.source == .model)
        try feed.update(area: Coordinate(latitude: 48.14, longitude: 11.57), radius: 500, level: .blocked, now: 1700)
        let area = TrafficModel.estimate(place: p, roadDistance: 3000, feed: feed, at: LocalTime(weekday: 6, minute: 600, seconds: 1800))
        #expect(area.source == .live && area.level == .blocked)
        #expect(throws: TravelError.self) { try feed.update(area: Coordinate(latitude: 0, longitude: 0), radius: -1, level: .none, now: 0) }
    }

    /// Issue 16: 30,000 areas made an Ask take 76 ms, and a latitude of 1e308 was kept.
    @Test func liveAreasAreBoundedAndMustBeCoordinates() throws {
        var feed = TrafficFeed(maxAge: 600, maxAreas: 3)
        for i in 0..<3 { try feed.update(area: Coordinate(latitude: 48 + Double(i) / 100, longitude: 11.5), radius: 100, level: .heavy, now: 0) }
        #expect(throws: TravelError.tooManyAreas(maximum: 3)) {
            try feed.update(area: Coordinate(latitude: 47, longitude: 11.5), radius: 100, level: .heavy, now: 10)
        }
        // A refresh of a known area is not a new one; once the old ones age out there is room again.
        try feed.update(area: Coordinate(latitude: 48, longitude: 11.5), radius: 100, level: .blocked, now: 200)
        try feed.update(area: Coordinate(latitude: 47, longitude: 11.5), radius: 100, level: .heavy, now: 700)
        #expect(feed.areas.count == 2)
        #expect(TrafficFeed().maxAreas == 256)
        for (lat, lon) in [(1e308, 0.0), (-90.5, 0), (0, 180.5), (0, -1e300)] {
            #expect(throws: TravelError.self) {
                try feed.update(area: Coordinate(latitude: lat, longitude: lon), radius: 100, level: .none, now: 700)
            }
        }
        #expect(throws: TravelError.self) { try feed.update(placeID: "x", level: .heavy, minutes: 1e308, now: 700) }
    }

    @Test func fallbackModelKnowsRushHour() {
        let p = Place(id: "y", name: "Y", category: .restaurant)
        let rush = TrafficModel.estimate(place: p, roadDistance: 8000, feed: TrafficFeed(), at: LocalTime(weekday: 1, minute: 17 * 60 + 30))
        let night = TrafficModel.estimate(place: p, roadDistance: 8000, feed: TrafficFeed(), at: LocalTime(weekday: 1, minute: 23 * 60))
        #expect(rush.level == .heavy && night.level == TrafficLevel.none)
        #expect(rush.minutes > night.minutes * 1.5)
        var noted = p
        noted.trafficNote = .blocked
        #expect(
            TrafficModel.estimate(place: noted, roadDistance: 8000, feed: TrafficFeed(), at: LocalTime(weekday: 1, minute: 23 * 60)).source == .note)
    }

    @Test func localTimeParsing() throws {
        let a = try #require(LocalTime(parsing: "Fri 19:30"))
        #expect(a.weekday == 4 && a.minute == 19 * 60 + 30)
        let b = try #require(LocalTime(parsing: "2026-11-25T08:05"))
        #expect(b.weekday == 2 && b.minute == 8 * 60 + 5)  // a Wednesday
        #expect(LocalTime(unixSeconds: 0, utcOffset: 3600).weekday == 3)  // 1970-01-01 was a Thursday
        #expect(a.adding(minutes: 300).weekday == 5)
        // Weekdays with a "t" in them are weekdays, not ISO date separators.
        #expect(LocalTime(parsing: "Tue 18:20")?.weekday == 1)
        #expect(LocalTime(parsing: "Thu 12:00")?.weekday == 3)
        #expect(LocalTime(parsing: "Sat 19:10")?.weekday == 5)
    }
}
