package inflect

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// adjEndings are the endings of a place adjective in any case and gender,
// longest first: Покровський, Покровського, Покровському, Покровським,
// Покровськім; Покровское, Покровского, Покровском, Покровская.
var adjEndings = []string{
	"ього", "ьому",
	"ого", "ому", "ими", "ої", "ою", "ую", "ая", "ое", "ые", "ий", "ый", "ій", "ой", "ім", "им", "ым", "ом",
	"а", "е", "у", "і",
}

// DirectionBases returns the place names a place adjective may be made
// from ("Покровський" → Покровськ; "Харківському" → Харків; "Попаснянський"
// → Попасна; "Купянское" → Купянск; "Торецького" → Торецьк), most likely
// first; nil when adj is not a Cyrillic adjective in -ськ-/-цьк-/-зьк-
// (-ск-/-цк-). The caller keeps the names the gazetteer knows.
func DirectionBases(adj string) []string {
	if !utf8.ValidString(adj) || !cyrillic(adj) || len(adj) > maxWordBytes {
		return nil
	}
	lower := strings.ToLower(adj)
	stem := ""
	for _, e := range adjEndings {
		if strings.HasSuffix(lower, e) {
			stem = lower[:len(lower)-len(e)]
			break
		}
	}
	if stem == "" {
		return nil
	}
	var bases []string
	switch {
	case strings.HasSuffix(stem, "ськ") || strings.HasSuffix(stem, "цьк") || strings.HasSuffix(stem, "зьк"):
	case strings.HasSuffix(stem, "ск") || strings.HasSuffix(stem, "цк") || strings.HasSuffix(stem, "зк"):
	default:
		return nil
	}
	// The town may end in -ськ itself (Покровськ, Торецьк, Купянск).
	bases = append(bases, stem)
	base := strings.TrimSuffix(strings.TrimSuffix(stem, "ськ"), "ск")
	if base != stem && utf8.RuneCountInString(base) >= minStem {
		bases = append(bases, base) // Харків-ськ-ий, Бахмут-ськ-ий, Лиман-ськ-ий
		switch {
		case strings.HasSuffix(base, "ян") || strings.HasSuffix(base, "ан"):
			// Попасн-янськ-ий → Попасна; Купʼянськ keeps its -ськ above.
			bases = append(bases, strings.TrimSuffix(strings.TrimSuffix(base, "ян"), "ан")+"а")
		case strings.HasSuffix(base, "ов") || strings.HasSuffix(base, "ев"):
			if alt, ok := closeSyllable(base); ok {
				bases = append(bases, alt) // Харков-ск-ое → Харків
			}
		}
		// Names in -е, -о, -а, -на (Сватове, Сватово → Сватівський,
		// Сватовский; Кремінна → Кремінський).
		if strings.HasSuffix(base, "ів") {
			bases = append(bases, strings.TrimSuffix(base, "ів")+"ове")
		}
		bases = append(bases, base+"е", base+"о", base+"а", base+"на", base+"ная", base+"не")
		// Names in -ка: Новопавлівка → Новопавлівський, Олександровка →
		// Александровский.
		bases = append(bases, base+"ка")
		// -поле → -пільський: Гуляйполе → Гуляйпільський; Russian keeps
		// the о: Гуляйполе → Гуляйпольский.
		if b, ok := strings.CutSuffix(base, "піль"); ok {
			bases = append(bases, b+"поле")
		}
		if b, ok := strings.CutSuffix(base, "поль"); ok {
			bases = append(bases, b+"поле")
		}
	}
	if strings.HasSuffix(stem, "зьк") || strings.HasSuffix(stem, "зк") {
		b := strings.TrimSuffix(strings.TrimSuffix(stem, "зьк"), "зк")
		bases = append(bases, b+"г", b+"жжя", b+"жье") // Запорізький ← Запоріжжя
	}
	orig := []rune(adj)
	upper := allUpper(adj)
	for i, b := range bases {
		bases[i] = recase(b, orig, upper)
	}
	return bases
}

// directionWords follow a place adjective to make "the X direction".
var directionWords = map[string]bool{
	"напрямок": true, "напрямку": true, "напрямі": true, "напрямком": true, "напрямки": true, "напрямках": true,
	"направление": true, "направления": true, "направлении": true, "направлению": true, "направлением": true, "направлениях": true,
	"напрямах": true, "ділянці": true, "ділянка": true, "ділянки": true, "участке": true, "участок": true, "участка": true,
	"фронт": true, "фронті": true, "фронте": true, "фронту": true,
	"direction": true, "directions": true, "axis": true, "axes": true, "front": true, "sector": true,
}

// IsDirectionWord reports whether w (any case) is a word such as
// "напрямок", "направления", "direction" or "axis" that makes the place
// before it a direction, not a place the sentence is about.
func IsDirectionWord(w string) bool {
	if len(w) > 40 || len(w) < 4 {
		return false
	}
	// Every direction word starts with d, D, a, A, f, F, s, S or a
	// Cyrillic letter: most words are rejected without lower-casing.
	switch w[0] {
	case 'd', 'D', 'a', 'A', 'f', 'F', 's', 'S':
	default:
		if w[0] < 0x80 {
			return false
		}
		// A Cyrillic one starts with н, д, у or ф: other words are
		// rejected before lower-casing them (a copy of each Cyrillic word
		// the name finder asked about).
		r, _ := utf8.DecodeRuneInString(w)
		switch unicode.ToLower(r) {
		case 'н', 'д', 'у', 'ф':
		default:
			return false
		}
	}
	l := strings.Map(unicode.ToLower, w)
	// Every case of напрямок/направление, even cut short ("напря…").
	return directionWords[l] || strings.HasPrefix(l, "напря") || strings.HasPrefix(l, "направлен")
}
