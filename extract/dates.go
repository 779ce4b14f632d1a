package extract

import (
	"strconv"
	"strings"
	"time"
)

const (
	weekdays = `monday|tuesday|wednesday|thursday|friday|saturday|sunday`
	months   = `january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec`
)

// The time expressions resolveTime knows, in lower-case text: small
// patterns, each tried only at words that begin with one of its stems.
var (
	isoDatePattern  = newWordPattern([]string{"#"}, `(\d{4})-(\d{2})-(\d{2})`)
	monthDayPattern = newWordPattern(monthStems, `(`+months+`)\.? (\d{1,2})(?:st|nd|rd|th)?(?:,? (\d{4}))?`)
	dayMonthPattern = newWordPattern([]string{"#"}, `(\d{1,2})(?:st|nd|rd|th)? (?:of )?(`+months+`)\.?(?:,? (\d{4}))?`)
	weekdayPattern  = newWordPattern([]string{"last", "this", "next", "mon", "tue", "wed", "thu", "fri", "sat", "sun"},
		`(?:(last|this|next) )?(`+weekdays+`)(?: (morning|afternoon|evening|night))?`)
	laterPattern = newWordPattern([]string{"a few", "hours", "later", "the same", "that day", "earlier that"},
		`a few hours later|hours later|later that day|the same day|that day|earlier that day`)
	periodPattern = newWordPattern([]string{"earlier this", "this", "last", "in recent", "recent", "the past", "the last", "over the", "in a", "in one", "in the", "over a", "over one"},
		`earlier this year|this year|last year|earlier this month|this month|last month|this week|last week|in recent days|recent days|in recent weeks|(?:the|over the) (?:past|last)(?: few| several)? (?:days|weeks)|(?:in|over) (?:a|one|the past|the last) week`)
	todayPattern     = newWordPattern([]string{"today", "this morning", "tonight", "yesterday", "last night"}, `today|this morning|tonight|yesterday|last night`)
	monthPrepPattern = newWordPattern([]string{"last", "in", "since", "early", "late", "mid", "of"},
		`(?:last|in|since|early|late|mid|in early|in late|since early|since late|of) (`+months+`)`)
	daysPattern = newWordPattern([]string{"in", "over", "within"}, `(?:in|over|within) (\d+|two|three|four|five|six|seven|ten) days|(?:in|within) 24 hours`)

	timeMatcher = newMatcher(isoDatePattern, monthDayPattern, dayMonthPattern, weekdayPattern, laterPattern,
		periodPattern, todayPattern, monthPrepPattern, daysPattern)
)

var monthStems = []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}

var monthNum = map[string]time.Month{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
	"june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
	"october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}

var weekdayNum = map[string]time.Weekday{
	"sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
}

var smallNum = map[string]int{"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "ten": 10}

const isoDay = "2006-01-02"

func interval(a, b time.Time) string {
	if a.Format(isoDay) == b.Format(isoDay) {
		return a.Format(isoDay)
	}
	return a.Format(isoDay) + "/" + b.Format(isoDay)
}

// resolveTime finds the first time expression in sentence s (lower case)
// and resolves it against pub. prev is the date a "later" phrase counts
// from. It returns the ISO date or interval, the phrase's offsets in s,
// and whether one was found.
func resolveTime(s string, starts []int, pub time.Time, prev string) (string, int, int, bool) {
	day := time.Date(pub.Year(), pub.Month(), pub.Day(), 0, 0, 0, 0, time.UTC)
	for _, mt := range timeMatcher.find(s, starts, true) {
		m := mt.groups
		g := func(k int) string {
			if 2*k+1 >= len(m) || m[2*k] < 0 {
				return ""
			}
			return s[m[2*k]:m[2*k+1]]
		}
		switch mt.p {
		case isoDatePattern:
			y, _ := strconv.Atoi(g(1))
			mo, _ := strconv.Atoi(g(2))
			d, _ := strconv.Atoi(g(3))
			if mo < 1 || mo > 12 || d < 1 || d > 31 {
				continue
			}
			return time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC).Format(isoDay), m[0], m[1], true
		case monthDayPattern, dayMonthPattern:
			mon, ds, ys := g(1), g(2), g(3)
			if mt.p == dayMonthPattern {
				mon, ds = g(2), g(1)
			}
			d, _ := strconv.Atoi(ds)
			if d < 1 || d > 31 {
				continue
			}
			y := pub.Year()
			if ys != "" {
				y, _ = strconv.Atoi(ys)
			} else if monthNum[mon] > pub.Month()+1 {
				y-- // "December 30" read in January
			}
			return time.Date(y, monthNum[mon], d, 0, 0, 0, 0, time.UTC).Format(isoDay), m[0], m[1], true
		case weekdayPattern:
			wd := weekdayNum[g(2)]
			back := (int(day.Weekday()) - int(wd) + 7) % 7
			switch g(1) {
			case "last":
				if back == 0 {
					back = 7
				}
			case "next":
				back = -((int(wd) - int(day.Weekday()) + 7) % 7)
				if back == 0 {
					back = -7
				}
			}
			return day.AddDate(0, 0, -back).Format(isoDay), m[0], m[1], true
		case laterPattern:
			if prev != "" {
				return prev, m[0], m[1], true
			}
			return day.Format(isoDay), m[0], m[1], true
		case periodPattern:
			p := s[m[0]:m[1]]
			switch {
			case strings.Contains(p, "last year"):
				return interval(time.Date(pub.Year()-1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(pub.Year()-1, 12, 31, 0, 0, 0, 0, time.UTC)), m[0], m[1], true
			case strings.Contains(p, "year"):
				return interval(time.Date(pub.Year(), 1, 1, 0, 0, 0, 0, time.UTC), day), m[0], m[1], true
			case strings.Contains(p, "last month"):
				first := time.Date(pub.Year(), pub.Month(), 1, 0, 0, 0, 0, time.UTC)
				return interval(first.AddDate(0, -1, 0), first.AddDate(0, 0, -1)), m[0], m[1], true
			case strings.Contains(p, "month"):
				return interval(time.Date(pub.Year(), pub.Month(), 1, 0, 0, 0, 0, time.UTC), day), m[0], m[1], true
			case p == "last week":
				monday := day.AddDate(0, 0, -((int(day.Weekday()) + 6) % 7))
				return interval(monday.AddDate(0, 0, -7), monday.AddDate(0, 0, -1)), m[0], m[1], true
			case p == "this week":
				monday := day.AddDate(0, 0, -((int(day.Weekday()) + 6) % 7))
				return interval(monday, day), m[0], m[1], true
			case strings.Contains(p, "weeks"):
				return interval(day.AddDate(0, 0, -21), day), m[0], m[1], true
			default: // recent days, the past week
				return interval(day.AddDate(0, 0, -7), day), m[0], m[1], true
			}
		case todayPattern:
			if p := s[m[0]:m[1]]; p == "yesterday" || p == "last night" {
				return day.AddDate(0, 0, -1).Format(isoDay), m[0], m[1], true
			}
			return day.Format(isoDay), m[0], m[1], true
		case monthPrepPattern:
			mon := monthNum[g(1)]
			y := pub.Year()
			if mon > pub.Month() || strings.HasPrefix(s[m[0]:], "last ") && mon == pub.Month() {
				y--
			}
			first := time.Date(y, mon, 1, 0, 0, 0, 0, time.UTC)
			last := first.AddDate(0, 1, -1)
			if last.After(day) {
				last = day
			}
			return interval(first, last), m[0], m[1], true
		case daysPattern:
			if g(1) == "" { // in 24 hours
				return interval(day.AddDate(0, 0, -1), day), m[0], m[1], true
			}
			n, err := strconv.Atoi(g(1))
			if err != nil {
				n = smallNum[g(1)]
			}
			if n <= 0 || n > 366 {
				continue
			}
			return interval(day.AddDate(0, 0, -n), day), m[0], m[1], true
		}
	}
	return "", 0, 0, false
}
