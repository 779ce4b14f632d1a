package extract

import (
	"testing"
	"time"
)

// TestResolveTimeLanguages: weekdays backwards from publication, explicit
// dates, windows and named events in English, Ukrainian and Russian
// (sentences written for the test).
func TestResolveTimeLanguages(t *testing.T) {
	fri := time.Date(2024, 10, 25, 9, 0, 0, 0, time.UTC) // a Friday
	cases := []struct {
		pub          time.Time
		s, want, phr string
	}{
		// Weekdays: the most recent such day on or before publication.
		{fri, "Russian troops captured the village on Thursday, the ministry said.", "2024-10-24", "Thursday"},
		{fri, "The ministry said on Friday its forces had taken the village on Thursday.", "2024-10-24", "Thursday"},
		{fri, "Russia's army said Friday its forces had captured three villages.", "2024-10-25", "Friday"},
		{fri, "Ukraine's army retook the hamlet last Friday.", "2024-10-18", "last Friday"},
		{fri, "У четвер окупанти захопили село, повідомили у Генштабі.", "2024-10-24", "У четвер"},
		{fri, "Ворог увійшов до села минулого четверга.", "2024-10-24", "минулого четверга"},
		{fri, "В пятницу российские войска освободили село.", "2024-10-25", "В пятницу"},
		{fri, "Во вторник противник атаковал позиции.", "2024-10-22", "Во вторник"},
		{fri, "У п’ятницю сили оборони відбили атаки.", "2024-10-25", "У п’ятницю"},
		// Yesterday, last night.
		{fri, "Вчора ворог просунувся поблизу села.", "2024-10-24", "Вчора"},
		{fri, "Минулої ночі росіяни обстріляли місто.", "2024-10-24", "Минулої ночі"},
		{fri, "Накануне Минобороны сообщило об освобождении села.", "2024-10-24", "Накануне"},
		{fri, "Вчера ВСУ отошли с позиций.", "2024-10-24", "Вчера"},
		{fri, "Позавчора ворог атакував.", "2024-10-23", "Позавчора"},
		{fri, "В ночь на четверг дроны атаковали город.", "2024-10-23/2024-10-24", "В ночь на четверг"},
		{fri, "Про це в ніч на 13 травня повідомив Генштаб.", "2024-05-12/2024-05-13", "в ніч на 13 травня"},
		// The opening weeks of the full-scale invasion, told later.
		{fri, "During the early days of the 2022 Russian invasion of Ukraine, Russian forces captured much of eastern Kharkiv Oblast.", "2022-02-24/2022-03-31", "early days of the 2022 Russian invasion"},
		{fri, "У перші дні повномасштабного вторгнення окупанти захопили місто.", "2022-02-24/2022-03-31", "перші дні повномасштабного вторгнення"},
		{fri, "В первые дни вторжения город был занят.", "2022-02-24/2022-03-31", "первые дни вторжения"},
		// Explicit dates.
		{fri, "30 вересня окупанти заявили про захоплення міста.", "2024-09-30", "30 вересня"},
		{fri, "30 сентября российские войска вошли в город.", "2024-09-30", "30 сентября"},
		{fri, "Місто звільнили 30 вересня 2022 року.", "2022-09-30", "30 вересня 2022 року"},
		{fri, "Город взят 1 октября 2022 года.", "2022-10-01", "1 октября 2022 года"},
		{fri, "Troops entered the town on Sept. 30.", "2024-09-30", "Sept. 30"},
		{fri, "Станом на 30.09.2022 місто було під контролем.", "2022-09-30", "30.09.2022"},
		{fri, "У вересні ворог просунувся на 5 км.", "2024-09-01/2024-09-30", "У вересні"},
		// Windows.
		{fri, "From Oct. 1 to Oct. 9, Ukraine retook 1,381 square kilometers.", "2024-10-01/2024-10-09", "From Oct. 1 to Oct. 9"},
		{time.Date(2022, 11, 10, 0, 0, 0, 0, time.UTC), "from Oct. 1 to Nov. 9 the army liberated 1,381 square kilometers", "2022-10-01/2022-11-09", "from Oct. 1 to Nov. 9"},
		{fri, "between 1 and 9 October the enemy advanced", "2024-10-01/2024-10-09", "between 1 and 9 October"},
		{fri, "З 1 по 9 жовтня ворог захопив 50 кв. км.", "2024-10-01/2024-10-09", "З 1 по 9 жовтня"},
		{fri, "С 1 сентября по 9 октября армия освободила 200 кв. км.", "2024-09-01/2024-10-09", "С 1 сентября по 9 октября"},
		{fri, "З 1 вересня сили оборони звільнили 40 кв. км.", "2024-09-01/2024-10-25", "1 вересня"},
		{fri, "Since Monday Russian forces have advanced 4 km.", "2024-10-21/2024-10-25", "Monday"},
		{fri, "since the beginning of the year Russia has taken 2,000 square kilometers", "2024-01-01/2024-10-25", "since the beginning of the year"},
		{fri, "З початку року ворог окупував 1,5 тис. км².", "2024-01-01/2024-10-25", "З початку року"},
		{fri, "С начала этого года армия освободила 100 населённых пунктов.", "2024-01-01/2024-10-25", "С начала этого года"},
		{fri, "За тиждень ворог просунувся на 3 км.", "2024-10-18/2024-10-25", "За тиждень"},
		{fri, "За неделю армия освободила 5 сёл.", "2024-10-18/2024-10-25", "За неделю"},
		{fri, "Over the past week the enemy gained 30 square km.", "2024-10-18/2024-10-25", "Over the past week"},
		{fri, "This month Russia took 400 square km.", "2024-10-01/2024-10-25", "This month"},
		{fri, "За минулу добу ворог здійснив 37 атак.", "2024-10-24/2024-10-25", "За минулу добу"},
		{fri, "За прошедшие сутки армия отразила 10 атак.", "2024-10-24/2024-10-25", "За прошедшие сутки"},
		{fri, "In the past 24 hours Russian forces gained 10 square km.", "2024-10-24/2024-10-25", "In the past 24 hours"},
		{fri, "На прошлой неделе ВСУ отошли.", "2024-10-14/2024-10-20", "На прошлой неделе"},
		// Named events, dated only where the date is on record.
		{time.Date(2023, 9, 18, 0, 0, 0, 0, time.UTC), "since the start of the summer counteroffensive Ukraine has liberated 400 square kilometers",
			"2023-06-04/2023-09-18", "since the start of the summer counteroffensive"},
		{time.Date(2023, 9, 18, 0, 0, 0, 0, time.UTC), "Всього з початку контрнаступу вдалося повернути 51 кв. км.", "2023-06-04/2023-09-18", "з початку контрнаступу"},
		{time.Date(2024, 9, 1, 0, 0, 0, 0, time.UTC), "since the start of the Kursk incursion Ukraine has taken 1,150 square km", "2024-08-06/2024-09-01", "since the start of the Kursk incursion"},
		{time.Date(2022, 9, 12, 0, 0, 0, 0, time.UTC), "since the beginning of the Kharkiv counteroffensive", "2022-09-06/2022-09-12", "since the beginning of the Kharkiv counteroffensive"},
		// An event Frontline cannot date: the publication day, the phrase kept.
		{time.Date(2022, 9, 12, 0, 0, 0, 0, time.UTC), "since the start of the operation the army took 300 square km", "2022-09-12", "since the start of the operation"},
		{fri, "nothing here may be dated", "", ""},
	}
	for _, c := range cases {
		s := lowerASCII(c.s)
		got, a, b, ok := resolveTime(s, wordStarts(s), c.pub, "")
		phr := ""
		if ok {
			phr = c.s[a:b]
		}
		if got != c.want || phr != c.phr || ok != (c.want != "") {
			t.Errorf("%q → %q %q (ok %v), want %q %q", c.s, got, phr, ok, c.want, c.phr)
		}
	}
}

func TestLowerCyr(t *testing.T) {
	in := "ВЧОРА Ґанок Їжак Єва Ірпінь ЁЛКА Москва ПРИВЕТ abc ABC ў"
	want := "вчора ґанок їжак єва ірпінь ёлка москва привет abc abc ў"
	if got := lowerCyr(in); got != want {
		t.Errorf("lowerCyr(%q) = %q, want %q", in, got, want)
	}
}

// FuzzResolveTime: any UTF-8 is read without a panic, and the phrase is a
// span of the sentence.
func FuzzResolveTime(f *testing.F) {
	for _, s := range []string{"з 1 по 9 листопада", "В ночь на 13 мая", "from Oct. 1 to Nov. 9", "30.09.2022", "31.02.2022", "с начала СВО",
		"з початку ", "since the start of the", "у п'ятницю", "1–9 листопада 2022 р.", "\xd0", "В ночь на 99 мая"} {
		f.Add(s)
	}
	pub := time.Date(2024, 10, 25, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		l := lowerASCII(s)
		_, a, b, ok := resolveTime(l, wordStarts(l), pub, "")
		if ok && (a < 0 || b > len(s) || a > b) {
			t.Fatalf("span %d-%d in %d bytes", a, b, len(s))
		}
	})
}
