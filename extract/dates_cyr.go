package extract

import (
	"strings"
	"time"
)

// Ukrainian and Russian time expressions (see dates.go for the rules).
// They are matched on the sentence lowered with lowerCyr; months and
// weekdays in the cases dates take: "30 вересня", "у вересні", "у
// четвер", "в пятницу", "30 сентября 2022 года".

const (
	cyrMonths = `січ(?:ня|ні|ень)|лют(?:ого|ому|ий)|берез(?:ня|ні|ень)|квіт(?:ня|ні|ень)|трав(?:ня|ні|ень)|черв(?:ня|ні|ень)|лип(?:ня|ні|ень)|серп(?:ня|ні|ень)|верес(?:ня|ні|ень)|жовт(?:ня|ні|ень)|листопад(?:а|і)?|груд(?:ня|ні|ень)|` +
		`январ[яеь]|феврал[яеь]|март[аеь]?|апрел[яеь]|ма[йяе]|июн[яеь]|июл[яеь]|август[ае]?|сентябр[яеь]|октябр[яеь]|ноябр[яеь]|декабр[яеь]`
	cyrYear = `(?:,? (\d{4})(?: ?(?:року|роках|р\.|р|года|году|г\.|г))?)?`
	// Weekdays in the accusative a date takes ("у четвер", "в среду").
	cyrWeekdays = `понеділок|вівторок|середу|четвер|п['’ʼ` + "`" + `]?ятницю|суботу|неділю|понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье`
)

var digitStems = []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}

// weekdayStems and monthWordStems begin the weekday and month words
// (stems: a pattern is tried only where a word begins with one).
var (
	weekdayStems   = []string{"понеділ", "вівтор", "серед", "четвер", "п", "субот", "неділ", "вторник", "сред", "суббот", "воскрес"}
	monthWordStems = []string{"січ", "лют", "берез", "квіт", "трав", "черв", "лип", "серп", "верес", "жовт", "листопад", "груд",
		"январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр"}
)

// withWords is every prefix followed by every word stem.
func withWords(prefixes, words []string) []string {
	var out []string
	for _, p := range prefixes {
		for _, w := range words {
			out = append(out, p+w)
		}
	}
	return out
}

// withDigits is every prefix followed by a digit.
func withDigits(prefixes ...string) []string { return withWords(prefixes, digitStems) }

var (
	// "30 вересня", "30-го сентября 2022 года"
	cyrDatePattern = newUniPattern(digitStems,
		`(\d{1,2})(?:-?(?:го|е|а))? (`+cyrMonths+`)`+cyrYear)
	// "з 1 по 9 листопада", "с 1 сентября по 9 ноября", "1–9 листопада"
	cyrRangePattern = newUniPattern(append(withDigits("з ", "із ", "зі ", "с ", "со ", "від ", "от "), digitStems...),
		`(?:(?:з|із|зі|с|со|від|от) )?(\d{1,2})(?: (`+cyrMonths+`)`+cyrYear+`)? ?(?:по|до|-|–) ?(\d{1,2}) (`+cyrMonths+`)`+cyrYear)
	// "у четвер", "минулого четверга", "в прошлую пятницу"
	cyrWeekdayPattern = newUniPattern(append(withWords([]string{"у ", "в ", "во "}, weekdayStems), "минул", "прошл"),
		`(?:(?:у|в|во) )?(минулий|минулу|минулого|минулої|прошлый|прошлую|прошлое)? ?(`+cyrWeekdays+`|четверга|понеділка|вівторка|середи|п['’ʼ]?ятниці|суботи|неділі)`)
	// "в ночь на четверг", "у ніч на 13 травня", "в ночь на 13 мая"
	cyrNightPattern = newUniPattern([]string{"в ніч", "у ніч", "в ночь", "у ночь"},
		`(?:в|у) (?:ночь|ніч) (?:на|проти|с \p{L}+ на|з \p{L}+ на) (?:(`+cyrWeekdays+`|четверга|понеділка|вівторка|середи|п['’ʼ]?ятниці|суботи|неділі|середу)|(\d{1,2}) (`+cyrMonths+`))`)
	// "у вересні", "в сентябре"
	cyrMonthPattern = newUniPattern(withWords([]string{"у ", "в ", "во "}, monthWordStems), `(?:у|в|во) (`+cyrMonths+`)`)
	// "з початку року", "с начала контрнаступления", "от начала СВО"
	cyrSincePattern = newUniPattern(withWords([]string{"з ", "із ", "зі ", "с ", "со ", "від ", "от "}, []string{"почат", "начал", "самого", "момент"}),
		`(?:з|із|зі|с|со|від|от) (?:самого )?(?:початку|начала|моменту|момента) (\p{L}[\p{L}'’-]*(?: \p{L}[\p{L}'’-]*){0,3})`)
	cyrRelPattern = newUniPattern([]string{"сьогодні", "сегодня", "вчора", "учора", "вчера", "позавчора", "позавчера", "напередодні", "накануне",
		"минул", "минувш", "прошл", "цієї", "этой", "цього", "протягом", "в течение", "вночі", "уночі", "ночью",
		"за минул", "за останн", "за попередн", "за добу", "за тижд", "за місяц", "за прошедш", "за последн", "за минувш", "за истекш", "за сутки", "за недел", "за месяц",
		"на минул", "на прошл", "на цьому", "на этой", "у минул", "в минул", "в прошл", "у цьому", "в цьому", "в этом"},
		`сьогодні(?: вночі)?|сегодня(?: ночью)?|вчора|учора|вчера|позавчора|позавчера|напередодні|накануне|`+
			`вночі|уночі|ночью|минулої ночі|цієї ночі|прошлой ночью|минувшей ночью|этой ночью|`+
			`(?:за|протягом) (?:минулу |останню |попередню )?(?:добу|доби)|минулої доби|за (?:прошедшие |последние |минувшие |истекшие )?сутки|в течение (?:прошедших |последних )?суток|минувших суток|`+
			`(?:за|протягом) (?:минулий |останній |попередній )?(?:тиждень|тижня)|за (?:прошедшую |последнюю |минувшую )?неделю|в течение (?:прошедшей |последней )?недели|`+
			`минулого тижня|на минулому тижні|на прошлой неделе|цього тижня|на цьому тижні|на этой неделе|`+
			`(?:за|протягом) (?:минулий |останній )?(?:місяць|місяця)|за (?:прошедший |последний |минувший )?месяц|в течение (?:прошедшего |последнего )?месяца|`+
			`минулого місяця|у минулому місяці|в минулому місяці|в прошлом месяце|цього місяця|у цьому місяці|в этом месяце|`+
			`цього року|у цьому році|в цьому році|в этом году|минулого року|у минулому році|в минулому році|в прошлом году`)

	cyrTimeMatcher = newUniMatcher(cyrDatePattern, cyrRangePattern, cyrWeekdayPattern, cyrNightPattern, cyrMonthPattern, cyrSincePattern, cyrRelPattern)
)

// cyrMonth is the month a Ukrainian or Russian month word names (0 if
// none).
func cyrMonth(w string) time.Month {
	for _, p := range [...]struct {
		prefix string
		m      time.Month
	}{{"січ", 1}, {"лют", 2}, {"берез", 3}, {"квіт", 4}, {"трав", 5}, {"черв", 6}, {"лип", 7}, {"серп", 8}, {"верес", 9}, {"жовт", 10}, {"листопад", 11}, {"груд", 12},
		{"январ", 1}, {"феврал", 2}, {"март", 3}, {"апрел", 4}, {"ма", 5}, {"июн", 6}, {"июл", 7}, {"август", 8}, {"сентябр", 9}, {"октябр", 10}, {"ноябр", 11}, {"декабр", 12}} {
		if strings.HasPrefix(w, p.prefix) {
			return p.m
		}
	}
	return 0
}

// cyrWeekday is the weekday a Ukrainian or Russian weekday word names.
func cyrWeekday(w string) (time.Weekday, bool) {
	for _, p := range [...]struct {
		prefix string
		d      time.Weekday
	}{{"понеділ", 1}, {"понедельник", 1}, {"вівтор", 2}, {"вторник", 2}, {"серед", 3}, {"сред", 3}, {"четвер", 4},
		{"п", 5}, {"субот", 6}, {"суббот", 6}, {"неділ", 0}, {"воскресень", 0}} {
		if strings.HasPrefix(w, p.prefix) {
			return p.d, true
		}
	}
	return 0, false
}

// cyrTimes resolves the Ukrainian and Russian time expressions of s
// (lowered with lowerCyr).
func cyrTimes(s string, starts []int, pub, day time.Time) []timeCand {
	var out []timeCand
	for _, mt := range cyrTimeMatcher.find(s, starts) {
		g := func(k int) string { return mt.group(s, k) }
		c := timeCand{start: mt.start, end: mt.end}
		add := func(iso string) {
			c.iso = iso
			out = append(out, c)
		}
		switch mt.p {
		case cyrDatePattern:
			if t, ok := dayOfMonth(pub, cyrMonth(g(3)), g(2), g(4)); ok {
				add(t.Format(isoDay))
			}
		case cyrRangePattern:
			// groups: 2 day1, 3 month1, 4 year1, 5 day2, 6 month2, 7 year2
			m1, m2 := cyrMonth(g(3)), cyrMonth(g(6))
			if m1 == 0 {
				m1 = m2
			}
			if r, ok := rangeCand(c, pub, m1, g(2), g(4), m2, g(5), g(7)); ok {
				out = append(out, r)
			}
		case cyrWeekdayPattern:
			wd, ok := cyrWeekday(g(3))
			if !ok {
				continue
			}
			add(day.AddDate(0, 0, -weekdayBack(day, wd, g(2) != "")).Format(isoDay))
		case cyrNightPattern:
			var to time.Time
			if g(2) != "" {
				wd, ok := cyrWeekday(g(2))
				if !ok {
					continue
				}
				to = day.AddDate(0, 0, -weekdayBack(day, wd, false))
			} else {
				t, ok := dayOfMonth(pub, cyrMonth(g(4)), g(3), "")
				if !ok {
					continue
				}
				to = t
			}
			add(interval(to.AddDate(0, 0, -1), to))
		case cyrMonthPattern:
			mon := cyrMonth(g(2))
			y := day.Year()
			if mon > day.Month() {
				y--
			}
			first := time.Date(y, mon, 1, 0, 0, 0, 0, time.UTC)
			last := first.AddDate(0, 1, -1)
			if last.After(day) {
				last = day
			}
			add(interval(first, last))
		case cyrSincePattern:
			// The first word that names a span ("року", "месяца") ends
			// the phrase; else the words may name an event.
			what, off, evEnd := "", mt.groups[4], -1
			for i, w := range strings.Split(g(2), " ") {
				off += len(w)
				if k := cyrSpanWord(w); k != "" {
					what, c.end = k, off
					break
				}
				if eventWord(w) || i == 0 && evEnd < 0 {
					evEnd = off
				}
				off++
			}
			if what == "" && evEnd > 0 {
				c.end = evEnd
			}
			if r, ok := sinceStart(c, s[c.start:c.end], what, day); ok {
				out = append(out, r)
			}
		case cyrRelPattern:
			add(cyrRelative(s[mt.start:mt.end], day))
		}
	}
	return out
}

// cyrSpanWord: "year", "month" or "week" for a word naming one ("року",
// "года", "місяця", "недели"), else "".
func cyrSpanWord(w string) string {
	switch {
	case strings.HasPrefix(w, "рок") || strings.HasPrefix(w, "год"):
		return "year"
	case strings.HasPrefix(w, "місяц") || strings.HasPrefix(w, "месяц"):
		return "month"
	case strings.HasPrefix(w, "тижн") || strings.HasPrefix(w, "недел"):
		return "week"
	}
	return ""
}

// cyrRelative resolves a relative day or period.
func cyrRelative(p string, day time.Time) string {
	has := func(subs ...string) bool {
		for _, x := range subs {
			if strings.Contains(p, x) {
				return true
			}
		}
		return false
	}
	switch {
	case has("позавч"):
		return day.AddDate(0, 0, -2).Format(isoDay)
	case has("вчора", "учора", "вчера", "напередодні", "накануне", "ноч", "ночі"):
		if has("сьогодні", "сегодня") {
			return interval(day.AddDate(0, 0, -1), day)
		}
		return day.AddDate(0, 0, -1).Format(isoDay)
	case has("сьогодні", "сегодня"):
		return day.Format(isoDay)
	case has("доб", "сут"):
		return interval(day.AddDate(0, 0, -1), day)
	case has("минулого тижня", "минулому тижні", "прошлой неделе"):
		return lastWeek(day)
	case has("цього тижня", "цьому тижні", "этой неделе"):
		return interval(monday(day), day)
	case has("тижд", "тижн", "недел"):
		return interval(day.AddDate(0, 0, -7), day)
	case has("минулого місяця", "минулому місяці", "прошлом месяце"):
		return lastMonth(day)
	case has("цього місяця", "цьому місяці", "этом месяце"):
		return interval(time.Date(day.Year(), day.Month(), 1, 0, 0, 0, 0, time.UTC), day)
	case has("місяц", "месяц"):
		return interval(day.AddDate(0, -1, 0), day)
	case has("минулого року", "минулому році", "прошлом году"):
		return lastYear(day)
	default: // this year
		return interval(time.Date(day.Year(), 1, 1, 0, 0, 0, 0, time.UTC), day)
	}
}
