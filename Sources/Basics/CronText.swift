/// A five-field cron schedule in words, for the schedules people write most: `30 1 * * *` →
/// `daily at 01:30`, `0 6 * * 1` → `Mondays at 06:00`, `*/15 * * * *` → `every 15 minutes`.
/// Anything else, or anything that is not a cron expression, is returned as written.
extension Messages {
    /// A five-field cron schedule in the language (`cron.*` messages).
    public func cron(_ expression: String) -> String {
        let fields = expression.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard fields.count == 5 else { return expression }
        let (minute, hour, day, month, weekday) = (fields[0], fields[1], fields[2], fields[3], fields[4])
        func number(_ field: String, _ range: ClosedRange<Int>) -> Int? {
            guard let n = Int(field), range.contains(n) else { return nil }
            return n
        }
        func step(_ field: String) -> Int? {
            guard field.hasPrefix("*/"), let n = Int(field.dropFirst(2)), n > 0 else { return nil }
            return n
        }
        let weekdays = list("cron.dayNames")
        guard month == "*" else { return expression }
        if let every = step(minute), hour == "*", day == "*", weekday == "*" { return plural("cron.everyMinutes", every) }
        guard let m = number(minute, 0...59) else { return expression }
        if hour == "*", day == "*", weekday == "*" { return m == 0 ? self["cron.hourly"] : self("cron.hourlyAt", ["minute": CivilTime.pad(m, 2)]) }
        if let every = step(hour), day == "*", weekday == "*" { return plural("cron.everyHours", every, ["minute": CivilTime.pad(m, 2)]) }
        guard let h = number(hour, 0...23) else { return expression }
        let time = "\(CivilTime.pad(h, 2)):\(CivilTime.pad(m, 2))"
        switch (day, weekday) {
        case ("*", "*"): return self("cron.daily", ["time": time])
        case ("*", "1-5"): return self("cron.workdays", ["time": time])
        case ("*", "0,6"), ("*", "6,0"): return self("cron.weekends", ["time": time])
        case ("*", _):
            guard let w = number(weekday, 0...7) else { return expression }
            guard weekdays.count == 7 else { return expression }
            return self("cron.weekly", ["day": weekdays[w % 7], "time": time])
        case (_, "*"):
            guard let d = number(day, 1...31) else { return expression }
            return self("cron.monthly", ["day": String(d), "time": time])
        default: return expression
        }
    }
}
