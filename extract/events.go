package extract

import (
	"strings"
	"time"
)

// namedEvent is an event "since the start of" can name, with the day it
// began. The table is small on purpose: only events whose start is a
// matter of record, each with its source, and only for texts published
// while the name is unambiguous (until). "Since the start of the war" is
// not here: it means 2014 to some writers and 2022 to others.
type namedEvent struct {
	name  string
	start time.Time
	until time.Time // texts published after this do not mean this event
	// all of need (word prefixes, lower case) must occur in the phrase,
	// and one of any.
	need, any []string
	// source of the start date.
	source string
}

func ymd(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

var namedEvents = []namedEvent{
	{name: "the 2022 Kharkiv counteroffensive", start: ymd(2022, 9, 6), until: ymd(2023, 6, 3),
		need: []string{"kharkiv|харків|харьков"}, any: []string{"counteroffensive", "counter-offensive", "контрнаступ"},
		source: `Wikipedia, "2022 Kharkiv counteroffensive"; Radio Liberty via ostro.info/news/7981 (6 Sept 2022: "AFU launch counterattack on Balakliia")`},
	{name: "the 2022 Kherson counteroffensive", start: ymd(2022, 8, 29), until: ymd(2023, 6, 3),
		need: []string{"kherson|херсон"}, any: []string{"counteroffensive", "counter-offensive", "контрнаступ"},
		source: `Wikipedia, "2022 Kherson counteroffensive"; Operational Command South (Humeniuk), bykvu.com, 29 Aug 2022: "Ukrainian forces have begun counter-offensive in Kherson region"`},
	{name: "the 2023 Ukrainian counteroffensive", start: ymd(2023, 6, 4), until: ymd(2024, 6, 3),
		any:    []string{"counteroffensive", "counter-offensive", "контрнаступ"},
		source: `Wikipedia, "2023 Ukrainian counteroffensive"; The Week and the LA Times (5 June 2023): Russia said the counteroffensive began on 4 June with attacks in Donetsk oblast`},
	{name: "the 2024 Kursk incursion", start: ymd(2024, 8, 6), until: ymd(2026, 12, 31),
		need: []string{"kursk|курськ|курск|курщин"}, any: []string{"incursion", "offensive", "operation", "операц", "наступ", "вторгн", "вторжени", "контрнаступ"},
		source: `Wikipedia, "2024 Kursk offensive"; uawire.org, 6 Aug 2024 (the Kursk governor on the border breach that morning); Politico Europe, 8 Aug 2024`},
	{name: "Russia's full-scale invasion", start: ymd(2022, 2, 24), until: ymd(2100, 1, 1),
		any:    []string{"invasion", "full-scale", "вторгнен", "вторжени", "спецоперац", "специальной военной", "повномасштаб", "полномасштаб"},
		source: `Wikipedia, "Russian invasion of Ukraine": began 24 February 2022 (the LA Times, 5 June 2023: "the war that started Feb. 24, 2022")`},
}

// findEvent is the dated event a phrase names as of day, nil if none.
func findEvent(phrase string, day time.Time) *namedEvent {
	p := lowerCyr(phrase)
	for i := range namedEvents {
		ev := &namedEvents[i]
		if day.Before(ev.start) || day.After(ev.until) {
			continue
		}
		ok := true
		for _, n := range ev.need {
			found := false
			for _, alt := range strings.Split(n, "|") {
				found = found || strings.Contains(p, alt)
			}
			ok = ok && found
		}
		if !ok {
			continue
		}
		for _, a := range ev.any {
			if strings.Contains(p, a) {
				return ev
			}
		}
	}
	return nil
}

// eventWord reports whether w is one of the words an event is named by.
func eventWord(w string) bool {
	for i := range namedEvents {
		ev := &namedEvents[i]
		for _, a := range ev.any {
			if strings.Contains(w, a) {
				return true
			}
		}
		for _, n := range ev.need {
			for _, alt := range strings.Split(n, "|") {
				if strings.Contains(w, alt) {
					return true
				}
			}
		}
	}
	return false
}
