package extract_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
)

// TestEnglishTrackerClaims: the trackers' English, read as Extract reads
// it (no publisher's side). The sentences are DeepState's English notes of
// tuning versions (id % 3 != 0; the version id is given) and tuning press
// texts of ../shared/data/articles/press-2022-2025.
func TestEnglishTrackerClaims(t *testing.T) {
	type want = wantClaim
	ru, ua := frontline.SideRussia, frontline.SideUkraine
	cases := []struct {
		text string
		want []want // every claim, in order
	}{
		// 1711057103: a compass direction after the verb.
		{"The enemy advanced north of Tonenke.", []want{{"Tonenke", frontline.AssertAdvancedTowards, ru}}},
		// 1712695162: a capture, then a list of directions.
		{"The enemy captured Pervomaiske and advanced south of Novokalynove, east of Umanske, and south of Novomykhailivka.", []want{
			{"Pervomaiske", frontline.AssertCaptured, ru}, {"Novokalynove", frontline.AssertAdvancedTowards, ru},
			{"Umanske", frontline.AssertAdvancedTowards, ru}, {"Novomykhailivka", frontline.AssertAdvancedTowards, ru}}},
		// 1656022063: the passive, with the agent after "by".
		{"Metolkine is occupied by the Moscow occupiers.", []want{{"Metolkine", frontline.AssertCaptured, ru}}},
		// 1664889239: a passive list before the verb, with parentheses.
		{"Davydiv Brid (confirmation), Velyka and Mala Oleksandrivka, Starosillia (confirmation) and Novodmytrivka were liberated by ukrainian forces", []want{
			{"Davydiv Brid", frontline.AssertLiberated, ua}, {"Mala Oleksandrivka", frontline.AssertLiberated, ua},
			{"Starosillia", frontline.AssertLiberated, ua}, {"Novodmytrivka", frontline.AssertLiberated, ua}}},
		// 1663406480: a list whose items carry a parenthesis.
		{"The Armed Forces of Ukraine liberated Shchurove (confirmation ) and Dibrova (confirmation).", []want{
			{"Shchurove", frontline.AssertLiberated, ua}, {"Dibrova", frontline.AssertLiberated, ua}}},
		// 1713859211: positions regained south of a place.
		{"Ukrainian Defence Forces regained positions on south of Ivanivske.", []want{{"Ivanivske", frontline.AssertAdvancedTowards, ua}}},
		// 1676586421: "partial success".
		{"The enemy has captured Hryanykivka and has partial success in Paraskoviivka and Marinka.", []want{
			{"Hrianykivka", frontline.AssertCaptured, ru}, {"Paraskoviivka", frontline.AssertAdvancedTowards, ru}, {"Marinka", frontline.AssertAdvancedTowards, ru}}},
		// 1728251306: "completed the full occupation of".
		{"The enemy completed the full occupation of Krasnohorivka, and also advanced in Tsukuryno, near Hirnyk and Lyubymivka.", []want{
			{"Krasnohorivka", frontline.AssertCaptured, ru}, {"Tsukuryne", frontline.AssertAdvancedTowards, ru},
			{"Hirnyk", frontline.AssertAdvancedTowards, ru}, {"Liubymivka", frontline.AssertAdvancedTowards, ru}}},
		// 1669933036: "a little".
		{"The enemy advanced a little in Nevelske.", []want{{"Nevelske", frontline.AssertAdvancedTowards, ru}}},
		// 1676327597: an attack in a direction captures nothing.
		{"The enemy is attacking in the direction of Mala Tokmachka.", nil},
		// 1707424199: "in the area of" names an area; no capture.
		{"The enemy was pushed back in the area of Novomykhailivka.", nil},
		// Written for the test (the General Staff's English formula is
		// in no tuning text): attacks in the area of a place are
		// fighting for it, taking verbs do not reach through "in the area
		// of" or a direction.
		{"The enemy carried out 30 attacks in the area of Toretsk.", []want{{"Toretsk", frontline.AssertContested, ""}}},
		{"Russian forces captured positions in the area of Pokrovsk.", nil},
		// Press, Kyiv Post 2024-05-15: "gained control over"; an object
		// of its own ("a local meat processing plant") is no place.
		{"On the same, the Russian Defense Ministry announced that Russia had gained control over the settlement of Bugrovatka.", []want{{"Buhruvatka", frontline.AssertCaptured, ru}}},
		{"Reports from military channels in both countries indicate that Russian troops have partially entered Vovchansk and taken control of a local meat processing plant.", []want{{"Vovchansk", frontline.AssertAdvancedTowards, ru}}},
		{"In Vovchansk, authorities reported intense street-to-street fighting.", []want{{"Vovchansk", frontline.AssertContested, ""}}},
		// Press, Kyiv Independent 2025-09-13: "from X" is where they came
		// from; "X, an occupied village" is held by Russia.
		{"The Russians entered the pipeline from Lyman Pershyi, an occupied village eight kilometers from the frontline town of Kupiansk, to bypass the Oskil river, which separates the two settlements, according to Deep State.", []want{
			{"Lyman Pershyi", frontline.AssertUnderControl, ru}}},
		// Press, Euromaidan Press 2025-01-27: "south of Pokrovsk" is a
		// reference point, not what is under control.
		{"The town, located near the administrative borders of Zaporizhzhia and Dnipropetrovsk oblasts, was the last major settlement south of Pokrovsk in Donetsk Oblast under Ukrainian control.", nil},
	}
	for _, c := range cases {
		x, err := testExtractor(t).Extract(c.text, day("2024-05-10"))
		if err != nil {
			t.Fatal(err)
		}
		checkClaims(t, fmt.Sprintf("%q", c.text), c.text, x, c.want)
	}
}

// TestEnglishDenials: English denial words store the claim they name as a
// denial (press, UAWire 2023-12-25, a tuning text).
func TestEnglishDenials(t *testing.T) {
	text := `Shtupun claims that to speak of the complete capture of Marinka would be "incorrect" as the town has been completely destroyed.`
	x, err := testExtractor(t).Extract(text, day("2023-12-25"))
	if err != nil {
		t.Fatal(err)
	}
	if len(x.Claims) != 1 {
		t.Fatalf("claims %+v", x.Claims)
	}
	c := x.Claims[0]
	if c.PlaceName != "Marinka" || c.Assertion != frontline.AssertDenied || c.Side != frontline.SideUkraine || c.Denied == nil || c.Denied.Side != frontline.SideRussia {
		t.Errorf("claim %+v (denied %+v)", c, c.Denied)
	}
	// "lies" places a village; it denies nothing (Kyiv Independent
	// 2024-08-06, a tuning text).
	text = "The front-line settlement of Niu-York lies just south of Toretsk, a town that has become one of the focal points of the Russian offensive in Donetsk Oblast."
	if x, err = testExtractor(t).Extract(text, day("2024-08-06")); err != nil {
		t.Fatal(err)
	}
	for _, c := range x.Claims {
		if c.Assertion == frontline.AssertDenied {
			t.Errorf("denial in %q: %+v", text, c)
		}
	}
}

// TestEnglishVoice: "the enemy" in English that names no speaker is read
// against the text's own voice (voice_en.go).
func TestEnglishVoice(t *testing.T) {
	cases := []struct {
		text string
		side frontline.Side // of the claim about the last sentence's place
	}{
		// DeepState 1684225694 (tuning): the trackers' voice.
		{"The enemy captured Masyutivka.", frontline.SideRussia},
		// A Ukrainian writer's word ("occupiers") makes the voice
		// Ukraine's even in a text that quotes someone (DeepState
		// 1661288707, tuning, with AFP's reporting verb after it).
		{"Muscovites are attacking the positions of Ukrainian defenders near Tavriyske, an official said. The enemy advanced near Novoselivka.", frontline.SideRussia},
		// AFP's "Lugansk" (press 2024-08-30, tuning) rules the trackers'
		// voice out: "the enemy" is then nobody.
		{"In a briefing published on its Telegram page, Russia's defence ministry said its forces had seized settlements in Ukraine's Donetsk, Lugansk and Kharkiv regions. The enemy advanced near Novoselivka.", ""},
		// Russia's officials' English ("the Kiev regime", "militants"):
		// the enemy is Ukraine. (Written for the test: the one such text
		// of the press set, TASS's, is held out.)
		{"The Kiev regime's militants suffered losses. The enemy advanced near Novoselivka.", frontline.SideUkraine},
	}
	for _, c := range cases {
		x, err := testExtractor(t).Extract(c.text, day("2024-05-10"))
		if err != nil {
			t.Fatal(err)
		}
		if len(x.Claims) == 0 {
			t.Errorf("%q: no claim", c.text)
			continue
		}
		if got := x.Claims[len(x.Claims)-1].Side; got != c.side {
			t.Errorf("%q: side %q, want %q", c.text, got, c.side)
		}
	}
}

// TestEnglishInvertedSpeaker: "…, said Defense Ministry spokesman X" names
// the speaker after the verb (DeepState 1654266031, a tuning note).
func TestEnglishInvertedSpeaker(t *testing.T) {
	text := "In the Severodonetsk direction, Ukrainian troops forced the Russian occupiers to withdraw from the villages of Metolkine and Belogorivka, said Defense Ministry spokesman Oleksandr Motuzyanyk."
	x, err := testExtractor(t).Extract(text, day("2022-06-03"))
	if err != nil {
		t.Fatal(err)
	}
	if len(x.Claims) != 2 {
		t.Fatalf("claims %+v", x.Claims)
	}
	for _, c := range x.Claims {
		if c.Speaker != "Defense Ministry spokesman Oleksandr Motuzyanyk" || c.Assertion != frontline.AssertWithdrawn || c.Side != frontline.SideUkraine {
			t.Errorf("claim %s: %s %s, speaker %q", c.PlaceName, c.Assertion, c.Side, c.Speaker)
		}
	}
}

// TestWikipediaBackground: an encyclopedia's sentence read once, its
// background dated to the invasion's opening weeks, and "early May" the
// month, not a hedge (2022-10-16 Wikipedia, Battle of Balakliia; a
// press-2022-09 text, not in the labelled press set).
func TestWikipediaBackground(t *testing.T) {
	e := testExtractor(t)
	pub := time.Date(2022, 10, 16, 12, 0, 0, 0, time.UTC)
	x, err := e.Extract("The Battle of Balakliia was the first battle of the Ukrainian Kharkiv counteroffensive that began on September 6, 2022.\n\n"+
		"During the early days of the 2022 Russian invasion of Ukraine, Russian forces captured much of eastern Kharkiv Oblast, including the towns of Kupiansk, Shevchenkove, and Balakliia.\n\n"+
		"In early April, Russian forces captured Izium, and Ukrainian forces successfully defended Kharkiv by early May.", pub)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for _, c := range x.Claims {
		k := c.PlaceName + " " + c.Assertion + " " + c.RefersTo
		seen[k]++
		if seen[k] > 1 {
			t.Errorf("claim read twice: %s %q", k, c.Quote)
		}
		if c.Assertion == "captured" && c.PlaceName != "Izium" && c.RefersTo != "2022-02-24/2022-03-31" {
			t.Errorf("%s captured dated %s, want the invasion's opening weeks", c.PlaceName, c.RefersTo)
		}
		if c.PlaceName == "Izium" && len(c.Hedges) > 0 {
			t.Errorf("Izium hedged %v: 'early May' is the month", c.Hedges)
		}
	}
	if len(x.Claims) < 4 {
		t.Errorf("%d claims", len(x.Claims))
	}
}

// TestWikipediaNarrativeDates: an encyclopedia's sentence with no date of
// its own is dated at the time its paragraph tells, not at the page's day
// (issue 12: with the Wikipedia pages of ../shared/data/articles/press-2022-09
// added, Balakliia read contested from 2022-10-16, the revision's day, by
// Russian claims of September and of the occupation).
func TestWikipediaNarrativeDates(t *testing.T) {
	pub := time.Date(2022, 10, 16, 12, 0, 0, 0, time.UTC)
	for _, f := range []string{"2022-10-16-wikipedia-battle-of-balakliia-rev2022-10.txt", "2022-10-16-wikipedia-2022-ukrainian-kharkiv-counteroffensive-rev2022-10.txt"} {
		text := readArticle(t, "press-2022-09/"+f)
		x, err := testExtractor(t).Extract(text, pub)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, c := range x.Claims {
			if c.PlaceName != "Balakliia" && c.PlaceName != "Verbivka" {
				continue
			}
			n++
			if c.RefersTo == "2022-10-16" && c.Side == frontline.SideRussia {
				t.Errorf("%s: %s %s %s dated at the page's day: %q", f, c.PlaceName, c.Assertion, c.Side, c.Quote)
			}
		}
		if n == 0 {
			t.Errorf("%s: no claims about Balakliia", f)
		}
	}
	// A scene-setting clause, an image's caption, a battle's name and
	// a fall with no taker claim nothing dated at the page's day.
	for _, text := range []string{
		"As Ukrainian forces entered the towns of Balakliia and Izium, they found numerous places where civilians were held.",
		"![UA flag in liberated Balakliia 01](https://wikipedia.org/wiki/Special:Redirect/file/UA_flag_(01).png?)",
		"The **Battle of Izium** was a military engagement between Russia and Ukraine.",
		"Russian forces advanced. The New York Times said \"the fall of the city of Izium is the most devastating blow to Russia\".",
	} {
		x, err := testExtractor(t).Extract(text, pub)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range x.Claims {
			if c.Assertion != frontline.AssertCaptured || c.Side != "" {
				t.Errorf("%q: claim %s %s %s", text, c.PlaceName, c.Assertion, c.Side)
			}
		}
	}
	// News of the last days keeps its day: "on Thursday" is within a week.
	x, err := testExtractor(t).Extract("Russian forces captured Kupiansk on Thursday, the ministry said. Ukrainian troops still hold Siversk.", time.Date(2024, 10, 25, 12, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range x.Claims {
		if c.PlaceName == "Siversk" && c.RefersTo != "2024-10-25" {
			t.Errorf("Siversk dated %s, want the day of publication", c.RefersTo)
		}
	}
	// A paragraph that tells March goes on in March; a new line does not.
	x, err = testExtractor(t).Extract("Balakliia was captured on March 3, 2022. Russian forces held Balakliia.\nUkrainian troops still hold Izium.", pub)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range x.Claims {
		want := "2022-03-03"
		if c.PlaceName == "Izium" {
			want = "2022-10-16"
		}
		if c.RefersTo != want {
			t.Errorf("%s %s dated %s, want %s", c.PlaceName, c.Assertion, c.RefersTo, want)
		}
	}
}

// TestEnglishHeadlines: the present tense of headlines ("Ukraine's army
// takes control of Snihurivka", "Russians break into Kupiansk") is read as
// the past tense is; "it is clear" clears nothing.
func TestEnglishHeadlines(t *testing.T) {
	for _, c := range []struct {
		text, place, assertion string
		side                   frontline.Side
	}{
		{"Ukraine's army takes control of Snihurivka.", "Snihurivka", frontline.AssertLiberated, frontline.SideUkraine},
		{"Ukraine retakes Kherson.", "Kherson", frontline.AssertLiberated, frontline.SideUkraine},
		{"Russians break into Kupiansk via gas pipeline, watchdog says.", "Kupiansk", frontline.AssertAdvancedTowards, frontline.SideRussia},
		{"Russian forces enter Vovchansk.", "Vovchansk", frontline.AssertAdvancedTowards, frontline.SideRussia},
		{"Russia occupies Avdiivka.", "Avdiivka", frontline.AssertCaptured, frontline.SideRussia},
		{"Russian troops close in on Pokrovsk.", "Pokrovsk", frontline.AssertAdvancedTowards, frontline.SideRussia},
		{"Ukrainian marines evacuate Krynky bridgehead.", "Krynky", frontline.AssertWithdrawn, frontline.SideRussia},
		{"Ukraine evacuates children from Pokrovsk.", "", "", ""},
		{"It is clear Pokrovsk is under threat.", "", "", ""},
	} {
		x, err := testExtractor(t).Extract(c.text, day("2024-10-25"))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		ok := c.place == ""
		for _, cl := range x.Claims {
			got = append(got, cl.PlaceName+" "+cl.Assertion+" "+string(cl.Side))
			if cl.PlaceName == c.place && cl.Assertion == c.assertion && cl.Side == c.side {
				ok = true
			}
		}
		if !ok || c.place == "" && len(got) > 0 {
			t.Errorf("%q: claims %v, want %s %s %s", c.text, got, c.place, c.assertion, c.side)
		}
	}
}

// TestSpeakerAfterSaid: after "X, spokesperson for …, said" the name that
// opens the clause said is not the speaker.
func TestSpeakerAfterSaid(t *testing.T) {
	x, err := testExtractor(t).Extract("Voloshyn, spokesperson for the Southern Defense Forces, said Huliaipole is not under Russian control.", day("2025-12-28"))
	if err != nil {
		t.Fatal(err)
	}
	if len(x.Claims) == 0 {
		t.Fatal("no claim")
	}
	for _, c := range x.Claims {
		if c.Speaker != "Voloshyn" || c.Side != frontline.SideUkraine {
			t.Errorf("claim %s %s %s, speaker %q", c.PlaceName, c.Assertion, c.Side, c.Speaker)
		}
	}
}
