package extract

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Dates and windows: the day or interval a sentence refers to, resolved
// against the publication time.
//
// Relative days resolve backwards, by the newsroom convention: "on
// Thursday" is the most recent Thursday on or before the day of
// publication ("captured on Thursday" in a Friday paper is the day before;
// "on Friday" in a Friday paper is that day). "Last Friday" (минулої
// п'ятниці, в прошлую пятницу) differs only on the day itself: in a
// Friday paper it is the Friday a week before. "Yesterday", "last night" and their Ukrainian
// and Russian forms (вчора, минулої ночі, вчера, накануне, прошлой ночью)
// are the day before publication; "в ночь на четверг" / "в ніч на 13
// травня" the night from the day before into the named day. A date with no
// year is in the publication's year, or the year before when its month is
// more than a month after the publication's ("December 30" read in
// January).
//
// Windows: "from Oct. 1 to Nov. 9", "з 1 по 9 листопада", "since
// Monday", "since the beginning of the year", "з початку року", "за
// минулу добу", "over the past week" give intervals ending on the last day
// stated or on the day of publication. "Since the start of <an event>"
// resolves through a small table of dated events (namedEvents); an event
// Frontline cannot date gives the publication day with the phrase kept, so
// that a number checked over that window says it has no start.
//
// A sentence may hold several times ("said on Friday that its forces had
// taken the village on Thursday"): the time the speech was made (right
// after a reporting verb, or right before one) gives way to any other.

const (
	weekdays = `monday|tuesday|wednesday|thursday|friday|saturday|sunday`
	months   = `january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec`
	// enDate is a day and month in either order (3 groups: month, day,
	// day, then month: 4).
	enDate = `(?:(` + months + `)\.? (\d{1,2})(?:st|nd|rd|th)?|(\d{1,2})(?:st|nd|rd|th)?(?: (?:of )?(` + months + `)\.?)?)`
)

// The time expressions resolveTime knows, in lower-case text: small
// patterns, each tried only at words that begin with one of its stems.
var (
	isoDatePattern = newWordPattern([]string{"#"}, `(\d{4})-(\d{2})-(\d{2})`)
	// numericDatePattern ("30.09.2022") is tried only where a number of
	// one or two digits is followed by a dot and a digit (numericDates): at
	// every number it would cost as much as all the others.
	numericDatePattern = newWordPattern([]string{"#"}, `(\d{1,2})\.(\d{1,2})\.(\d{4})`)
	monthDayPattern    = newWordPattern(monthStems, `(`+months+`)\.? (\d{1,2})(?:st|nd|rd|th)?(?:,? (\d{4}))?`)
	dayMonthPattern    = newWordPattern([]string{"#"}, `(\d{1,2})(?:st|nd|rd|th)? (?:of )?(`+months+`)\.?(?:,? (\d{4}))?`)
	// rangePattern: "from Oct. 1 to Nov. 9", "between 1 and 9 November",
	// "from October 1-9, 2022".
	rangePattern = newWordPattern(rangeStems(),
		`(?:from|between) `+enDate+`(?:,? (\d{4}))?(?: (?:to|and|until|till|through) |\s*[-–]\s*)`+enDate+`(?:,? (\d{4}))?`)
	weekdayPattern = newWordPattern([]string{"last", "this", "next", "mon", "tue", "wed", "thu", "fri", "sat", "sun"},
		`(?:(last|this|next) )?(`+weekdays+`)(?: (morning|afternoon|evening|night))?`)
	laterPattern = newWordPattern([]string{"a few", "hours", "later", "the same", "that day", "earlier that"},
		`a few hours later|hours later|later that day|the same day|that day|earlier that day`)
	periodPattern = newWordPattern([]string{"earlier this", "this", "last", "in recent", "recent", "the past", "the last", "over the", "in a", "in one", "in the", "over a", "over one"},
		`earlier this year|this year|last year|earlier this month|this month|last month|this week|last week|in recent days|recent days|in recent weeks|(?:the|over the) (?:past|last)(?: few| several)? (?:days|weeks)|(?:in|over) (?:a|one|the past|the last) week`)
	// pastPattern: "in the past 24 hours", "over the last month", "the
	// past 3 days" (its own small pattern: a long one costs at every "in
	// the").
	pastPattern = newWordPattern([]string{"in the past ", "in the last ", "over the past ", "over the last ", "during the past ", "during the last ", "the past ", "the last "},
		`(?:(?:in|over|during) )?the (?:past|last) (?:(24 hours|day|month)|(\d+|two|three|four|five|six|seven|ten) (days|weeks))`)
	todayPattern     = newWordPattern([]string{"today", "this morning", "tonight", "yesterday", "last night"}, `today|this morning|tonight|yesterday|last night`)
	monthPrepPattern = newWordPattern([]string{"last", "in", "since", "early", "late", "mid", "of"},
		`(?:last|in|since|early|late|mid|in early|in late|since early|since late|of) (`+months+`)`)
	daysPattern = newWordPattern([]string{"in", "over", "within"}, `(?:in|over|within) (\d+|two|three|four|five|six|seven|ten) days|(?:in|within) 24 hours`)
	// sinceStartPattern: "since the start of the summer counteroffensive",
	// "since the beginning of the year".
	sinceStartPattern = newWordPattern([]string{"since the ", "from the start", "from the beginning", "from the outset", "from the launch"},
		`(?:since|from) the (?:very )?(?:start|beginning|launch|outset) of (?:the |this |its |their |[a-z]+'s |[a-z]+’s )?((?:[a-z-]+ ){0,3}?)(year|month|week|war|invasion|counteroffensive|counter-offensive|offensive|incursion|operation)`)

	timeMatcher = newMatcher(isoDatePattern, monthDayPattern, dayMonthPattern, rangePattern, weekdayPattern, laterPattern,
		periodPattern, pastPattern, todayPattern, monthPrepPattern, daysPattern, sinceStartPattern)
)

var monthStems = []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}

// rangeStems: "from" and "between" followed by a month or a digit, so that
// the pattern is not tried at every "from".
func rangeStems() []string {
	var out []string
	for _, w := range []string{"from ", "between "} {
		for _, m := range monthStems {
			out = append(out, w+m)
		}
		for _, d := range "0123456789" {
			out = append(out, w+string(d))
		}
	}
	return out
}

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
	if b.Before(a) {
		a, b = b, a
	}
	return a.Format(isoDay) + "/" + b.Format(isoDay)
}

// timeCand is one time expression of a sentence, resolved.
type timeCand struct {
	iso        string // date or interval; the publication day when unknown is set
	start, end int
	// unknown: a window whose start Frontline cannot date ("since the
	// start of the operation"); iso is then the publication day.
	unknown bool
}

func (c timeCand) isInterval() bool { return strings.Contains(c.iso, "/") }

// resolveTime finds the time a sentence s (lower case) refers to and
// resolves it against pub: the first time expression that is not the
// time of a statement, else the first. prev is the date a "later" phrase
// counts from. It returns the ISO date or interval, the phrase's offsets
// in s, and whether one was found.
func resolveTime(s string, starts []int, pub time.Time, prev string) (string, int, int, bool) {
	cs := timeCandidates(s, starts, pub, prev)
	if len(cs) == 0 {
		return "", 0, 0, false
	}
	c := pickTime(s, cs)
	return c.iso, c.start, c.end, true
}

// pickTime is the first candidate that is not the time of a statement,
// else the first.
func pickTime(s string, cs []timeCand) timeCand {
	if len(cs) == 1 {
		return cs[0]
	}
	for _, c := range cs {
		if !speechTime(s, c.start, c.end) {
			return c
		}
	}
	return cs[0]
}

// timeCandidates lists the time expressions of s in order, overlapping
// ones dropped (the earlier, then the longer, kept).
func timeCandidates(s string, starts []int, pub time.Time, prev string) []timeCand {
	day := time.Date(pub.Year(), pub.Month(), pub.Day(), 0, 0, 0, 0, time.UTC)
	var cs []timeCand
	for _, mt := range timeMatcher.find(s, starts, true) {
		if c, ok := resolveEnglish(s, mt, pub, day, prev); ok {
			cs = append(cs, c)
		}
	}
	for _, mt := range numericDates(s, starts) {
		if c, ok := resolveEnglish(s, mt, pub, day, prev); ok {
			cs = append(cs, c)
		}
	}
	if hasCyrillic(s) {
		cs = append(cs, cyrTimes(lowerCyr(s), starts, pub, day)...)
	}
	if c, ok := invasionOpening(s, pub); ok {
		cs = append(cs, c)
	}
	if len(cs) == 0 {
		return nil
	}
	// Leftmost first, the longer of two at one place first.
	for i := 1; i < len(cs); i++ {
		for j := i; j > 0 && (cs[j].start < cs[j-1].start || cs[j].start == cs[j-1].start && cs[j].end > cs[j-1].end); j-- {
			cs[j], cs[j-1] = cs[j-1], cs[j]
		}
	}
	out := cs[:1]
	for _, c := range cs[1:] {
		if c.start < out[len(out)-1].end {
			continue
		}
		out = append(out, c)
	}
	for i := range out {
		c := &out[i]
		if !c.isInterval() && !c.unknown && since(s, c.start) {
			if f, err := time.Parse(isoDay, c.iso); err == nil && !f.After(day) {
				c.iso = interval(f, day)
			}
		}
	}
	return out
}

// numericDates finds "30.09.2022" at the word starts of s.
func numericDates(s string, starts []int) []match {
	var out []match
	for _, i := range starts {
		j := i
		for j < len(s) && j < i+3 && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j == i || j-i > 2 || j+1 >= len(s) || s[j] != '.' || s[j+1] < '0' || s[j+1] > '9' {
			continue
		}
		loc := numericDatePattern.re.FindStringSubmatchIndex(s[i:min(len(s), i+window)])
		if loc == nil || cut(s, i+loc[1]) {
			continue
		}
		for k := range loc {
			if loc[k] >= 0 {
				loc[k] += i
			}
		}
		out = append(out, match{numericDatePattern, loc[0], loc[1], loc})
	}
	return out
}

// resolveEnglish resolves one English match.
func resolveEnglish(s string, mt match, pub, day time.Time, prev string) (timeCand, bool) {
	m := mt.groups
	g := func(k int) string {
		if 2*k+1 >= len(m) || m[2*k] < 0 {
			return ""
		}
		return s[m[2*k]:m[2*k+1]]
	}
	c := timeCand{start: m[0], end: m[1]}
	ok := func(iso string) (timeCand, bool) { c.iso = iso; return c, true }
	switch mt.p {
	case isoDatePattern, numericDatePattern:
		y, mo, d := g(1), g(2), g(3)
		if mt.p == numericDatePattern {
			y, d = g(3), g(1)
		}
		t, good := makeDate(y, mo, d)
		if !good {
			return c, false
		}
		return ok(t.Format(isoDay))
	case monthDayPattern, dayMonthPattern:
		mon, ds, ys := g(1), g(2), g(3)
		if mt.p == dayMonthPattern {
			mon, ds = g(2), g(1)
		}
		t, good := dayOfMonth(pub, monthNum[mon], ds, ys)
		if !good {
			return c, false
		}
		return ok(t.Format(isoDay))
	case rangePattern:
		m1, d1, m2, d2 := g(1), g(2), g(6), g(7)
		if d1 == "" {
			m1, d1 = g(4), g(3)
		}
		if d2 == "" {
			m2, d2 = g(9), g(8)
		}
		y1, y2 := g(5), g(10)
		if m2 == "" {
			m2 = m1
		}
		if m1 == "" {
			m1 = m2
		}
		if m1 == "" {
			return c, false // "from 10 to 20 kilometres"
		}
		if y1 == "" {
			y1 = y2
		}
		return rangeCand(c, pub, monthNum[m1], d1, y1, monthNum[m2], d2, y2)
	case weekdayPattern:
		back := weekdayBack(day, weekdayNum[g(2)], g(1) == "last")
		if g(1) == "next" {
			back = -((int(weekdayNum[g(2)]) - int(day.Weekday()) + 7) % 7)
			if back == 0 {
				back = -7
			}
		}
		return ok(day.AddDate(0, 0, -back).Format(isoDay))
	case laterPattern:
		if prev != "" {
			return ok(prev)
		}
		return ok(day.Format(isoDay))
	case periodPattern:
		p := s[m[0]:m[1]]
		switch {
		case strings.Contains(p, "last year"):
			return ok(lastYear(day))
		case strings.Contains(p, "year"):
			return ok(interval(time.Date(day.Year(), 1, 1, 0, 0, 0, 0, time.UTC), day))
		case strings.Contains(p, "last month"):
			return ok(lastMonth(day))
		case strings.Contains(p, "month"):
			return ok(interval(time.Date(day.Year(), day.Month(), 1, 0, 0, 0, 0, time.UTC), day))
		case p == "last week":
			return ok(lastWeek(day))
		case p == "this week":
			return ok(interval(monday(day), day))
		case strings.Contains(p, "weeks"):
			return ok(interval(day.AddDate(0, 0, -21), day))
		default: // recent days, the past week
			return ok(interval(day.AddDate(0, 0, -7), day))
		}
	case pastPattern:
		switch g(1) {
		case "month":
			return ok(interval(day.AddDate(0, -1, 0), day))
		case "":
			n, err := strconv.Atoi(g(2))
			if err != nil {
				n = smallNum[g(2)]
			}
			if g(3) == "weeks" {
				n *= 7
			}
			if n <= 0 || n > 366 {
				return c, false
			}
			return ok(interval(day.AddDate(0, 0, -n), day))
		}
		return ok(interval(day.AddDate(0, 0, -1), day)) // the past day, 24 hours
	case todayPattern:
		if p := s[m[0]:m[1]]; p == "yesterday" || p == "last night" {
			return ok(day.AddDate(0, 0, -1).Format(isoDay))
		}
		return ok(day.Format(isoDay))
	case monthPrepPattern:
		mon := monthNum[g(1)]
		y := day.Year()
		if mon > day.Month() || strings.HasPrefix(s[m[0]:], "last ") && mon == day.Month() {
			y--
		}
		first := time.Date(y, mon, 1, 0, 0, 0, 0, time.UTC)
		last := first.AddDate(0, 1, -1)
		if last.After(day) || strings.HasPrefix(s[m[0]:], "since") {
			last = day
		}
		return ok(interval(first, last))
	case daysPattern:
		if g(1) == "" { // in 24 hours
			return ok(interval(day.AddDate(0, 0, -1), day))
		}
		n, err := strconv.Atoi(g(1))
		if err != nil {
			n = smallNum[g(1)]
		}
		if n <= 0 || n > 366 {
			return c, false
		}
		return ok(interval(day.AddDate(0, 0, -n), day))
	case sinceStartPattern:
		return sinceStart(c, s[m[0]:m[1]], g(2), day)
	}
	return c, false
}

// sinceStart resolves "since the start of <what>": the year, month or
// week so far, or a dated event; else a window with an unknown start.
func sinceStart(c timeCand, phrase, what string, day time.Time) (timeCand, bool) {
	switch what {
	case "year", "року", "года", "году":
		c.iso = interval(time.Date(day.Year(), 1, 1, 0, 0, 0, 0, time.UTC), day)
	case "month", "місяця", "месяца":
		c.iso = interval(time.Date(day.Year(), day.Month(), 1, 0, 0, 0, 0, time.UTC), day)
	case "week", "тижня", "недели":
		c.iso = interval(monday(day), day)
	default:
		if ev := findEvent(phrase, day); ev != nil {
			c.iso = interval(ev.start, day)
		} else {
			c.iso, c.unknown = day.Format(isoDay), true
		}
	}
	return c, true
}

// rangeCand is the interval from one day to another; a missing year is
// the first's, or the publication's.
func rangeCand(c timeCand, pub time.Time, m1 time.Month, d1, y1 string, m2 time.Month, d2, y2 string) (timeCand, bool) {
	if y2 == "" {
		y2 = y1
	}
	b, ok2 := dayOfMonth(pub, m2, d2, y2)
	if !ok2 {
		return c, false
	}
	if y1 == "" {
		y1 = strconv.Itoa(b.Year())
	}
	a, ok1 := dayOfMonth(pub, m1, d1, y1)
	if !ok1 {
		return c, false
	}
	if a.After(b) {
		if y1 == y2 || y1 == strconv.Itoa(b.Year()) {
			a = a.AddDate(-1, 0, 0) // "from 20 December to 5 January"
		}
		if a.After(b) {
			return c, false
		}
	}
	c.iso = interval(a, b)
	return c, true
}

// makeDate builds a date from year, month and day numbers as written.
func makeDate(ys, ms, ds string) (time.Time, bool) {
	y, err1 := strconv.Atoi(ys)
	mo, err2 := strconv.Atoi(ms)
	d, err3 := strconv.Atoi(ds)
	if err1 != nil || err2 != nil || err3 != nil || mo < 1 || mo > 12 || d < 1 || d > 31 || y < 1900 || y > 2200 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return time.Time{}, false // 31 September
	}
	return t, true
}

// dayOfMonth is day ds of month mon, in year ys or, when it is empty, in
// the publication's year (the year before when the month is more than a
// month after the publication's).
func dayOfMonth(pub time.Time, mon time.Month, ds, ys string) (time.Time, bool) {
	if mon < 1 || mon > 12 {
		return time.Time{}, false
	}
	y := pub.Year()
	if ys != "" {
		var err error
		if y, err = strconv.Atoi(ys); err != nil {
			return time.Time{}, false
		}
	} else if mon > pub.Month()+1 {
		y-- // "December 30" read in January
	}
	return makeDate(strconv.Itoa(y), strconv.Itoa(int(mon)), ds)
}

// weekdayBack is how many days before day the named weekday fell: the
// most recent on or before it, or with last the one before that.
func weekdayBack(day time.Time, wd time.Weekday, last bool) int {
	back := (int(day.Weekday()) - int(wd) + 7) % 7
	if last && back == 0 {
		back = 7
	}
	return back
}

func monday(day time.Time) time.Time {
	return day.AddDate(0, 0, -((int(day.Weekday()) + 6) % 7))
}

func lastWeek(day time.Time) string {
	m := monday(day)
	return interval(m.AddDate(0, 0, -7), m.AddDate(0, 0, -1))
}

func lastMonth(day time.Time) string {
	first := time.Date(day.Year(), day.Month(), 1, 0, 0, 0, 0, time.UTC)
	return interval(first.AddDate(0, -1, 0), first.AddDate(0, 0, -1))
}

func lastYear(day time.Time) string {
	return interval(time.Date(day.Year()-1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(day.Year()-1, 12, 31, 0, 0, 0, 0, time.UTC))
}

// reportingWords are the verbs whose time is the time of a statement, not
// of what it reports ("said Friday", "заявив у п'ятницю", "сообщили в
// четверг").
var reportingWords = toSet(`said says told announced reported stated claimed added wrote declared confirmed denied acknowledged
заявив заявила заявили заявляє повідомив повідомила повідомили повідомляє сказав сказала сказали поінформував поінформувала поінформували написав написала зазначив зазначила підтвердив підтвердила уточнив уточнила розповів розповіла
заявил заявила заявили заявляет сообщил сообщила сообщили сообщает сказал сказала сказали написал написала отметил отметила уточнил уточнила подтвердил подтвердила рассказал рассказала доложил доложили`)

// speechTime reports whether the time at s[a:b] is when something was
// said: a reporting verb right before it (with "on", "в", "у" between) or
// right after it.
func speechTime(s string, a, b int) bool {
	before := strings.TrimRight(s[max(0, a-40):a], " ,")
	for _, prep := range []string{" on", " в", " у", " во"} {
		before = strings.TrimSuffix(before, prep)
	}
	if i := strings.LastIndexByte(before, ' '); i >= 0 {
		before = before[i+1:]
	}
	if reportingWords[lowerWord(before)] {
		return true
	}
	after := strings.TrimLeft(s[b:min(len(s), b+40)], " ,")
	if i := strings.IndexAny(after, " ,.;:"); i >= 0 {
		after = after[:i]
	}
	return reportingWords[lowerWord(after)]
}

// lowerWord is w lowered with lowerCyr when it has Cyrillic letters (s is
// already lower in ASCII).
func lowerWord(w string) string {
	if hasCyrillic(w) {
		return lowerCyr(w)
	}
	return w
}

// since reports whether the time at s[a:] follows "since", "з", "с",
// "від", "починаючи з": a window from then to publication.
func since(s string, a int) bool {
	before := strings.TrimRight(s[max(0, a-24):a], " ")
	if i := strings.LastIndexByte(before, ' '); i >= 0 {
		before = before[i+1:]
	}
	switch lowerWord(before) {
	case "since", "з", "із", "зі", "с", "со", "від":
		return true
	}
	return false
}

// invasionOpeningRe finds "the early days of the (2022, full-scale)
// invasion" and its Ukrainian and Russian forms: background that a text
// written later tells, not news of its publication day.
var invasionOpeningRe = regexp.MustCompile(`(?:(?:early|first|opening) (?:days|weeks|months|stage|phase)|(?:start|beginning|outset)) of (?:the |its |russia(?:'s|’s) )?(?:2022 )?(?:russian )?(?:full-scale )?invasion|(?:перші|перших|первые|первых) (?:дні|днів|тижні|тижнів|дни|дней|недели|недель|місяці|місяців|месяцы|месяцев) (?:повномасштабного |полномасштабного |російського |российского )?(?:вторгнення|вторжения)`)

// invasionOpening is the first weeks of Russia's full-scale invasion (24
// February to 31 March 2022) when s speaks of them and the text was
// published after them.
func invasionOpening(s string, pub time.Time) (timeCand, bool) {
	if !strings.Contains(s, "invasion") && !strings.Contains(s, "вторг") && !strings.Contains(s, "вторж") {
		return timeCand{}, false
	}
	loc := invasionOpeningRe.FindStringIndex(s)
	if loc == nil || !pub.After(time.Date(2022, 3, 31, 0, 0, 0, 0, time.UTC)) {
		return timeCand{}, false
	}
	return timeCand{iso: "2022-02-24/2022-03-31", start: loc[0], end: loc[1]}, true
}
