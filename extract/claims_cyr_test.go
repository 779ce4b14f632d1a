package extract_test

import (
	"fmt"
	"testing"

	"github.com/frontline-osint/frontline"
)

// TestCyrillicClaims: the formulaic voices of Russia's Ministry of
// Defence, the General Staff of Ukraine, DeepState's notes, Russian-
// appointed officials and the trackers' English give their claims with the
// side that follows the speaker; attacks and directions capture nothing.
func TestCyrillicClaims(t *testing.T) {
	type want = wantClaim
	cases := []struct {
		text      string
		publisher frontline.Side
		want      []want // every claim, in order
	}{
		// Russia's MoD: a liberation in its words is Russia's capture.
		{"Подразделения группировки войск «Восток» освободили город Гуляйполе Запорожской области.", "",
			[]want{{"Huliaipole", frontline.AssertCaptured, frontline.SideRussia}}},
		{"В результате активных действий подразделения группировки войск «Центр» освободили населённый пункт Дачное, сообщили в Минобороны России.", "",
			[]want{{"Dachne", frontline.AssertCaptured, frontline.SideRussia}}},
		{"Большая часть Красноармейска находится под контролем ВС России, заявил Пушилин.", "",
			[]want{{"Pokrovsk", frontline.AssertUnderControl, frontline.SideRussia}}},
		// Strikes "in the areas of" are attacks, not captures.
		{"Нанесли поражение живой силе и технике ВСУ в районах населённых пунктов Курахово, Дачное.", "",
			[]want{{"Kurakhove", frontline.AssertAttacked, ""}, {"Dachne", frontline.AssertAttacked, ""}}},
		// The General Staff: attacks are fighting, withdrawals favour the
		// side that stays.
		{"Ворог здійснив 37 атак у районах населених пунктів Покровськ, Мирноград.", "",
			[]want{{"Pokrovsk", frontline.AssertContested, ""}, {"Myrnohrad", frontline.AssertContested, ""}}},
		{"Сили оборони відійшли з Сіверська, повідомили в Генштабі ЗСУ.", "",
			[]want{{"Siversk", frontline.AssertWithdrawn, frontline.SideRussia}}},
		{"Наші вийшли з Кринок, написав Плетенчук.", "",
			[]want{{"Krynky", frontline.AssertWithdrawn, frontline.SideRussia}}},
		// A direction claims nothing.
		{"На Покровському напрямку ворог здійснив 37 атак.", "", nil},
		// Troops at work in a place hold it; troops that stay in it are
		// there (ground gained); nobody's troops claim nothing.
		{"Українські морські піхотинці і далі виконують завдання у Кринках.", "",
			[]want{{"Krynky", frontline.AssertUnderControl, frontline.SideUkraine}}},
		{"Russian troops remain in Kupiansk, Deep State said.", "",
			[]want{{"Kupiansk", frontline.AssertAdvancedTowards, frontline.SideRussia}}},
		{"Ukrainian troops still hold Siversk, the General Staff said.", "",
			[]want{{"Siversk", frontline.AssertUnderControl, frontline.SideUkraine}}},
		{"Жители остаются в Покровске.", "", nil},
		// Flags, troops pushed out, troops that left, entering in any
		// gender, and a Ukrainian sentence told by its words alone.
		{"Над Снігурівкою підняли український прапор.", "",
			[]want{{"Snihurivka", frontline.AssertUnderControl, frontline.SideUkraine}}},
		{"The Ukrainian flag was raised over Snihurivka.", "",
			[]want{{"Snihurivka", frontline.AssertUnderControl, frontline.SideUkraine}}},
		{"Ukrainian troops pushed Russian forces out of Snihurivka.", "",
			[]want{{"Snihurivka", frontline.AssertLiberated, frontline.SideUkraine}}},
		{"Ukrainian marines have left the village of Krynky.", "",
			[]want{{"Krynky", frontline.AssertWithdrawn, frontline.SideRussia}}},
		{"Russian troops have left 20 dead near Krynky.", "", nil},
		// "The settlement", "the town" of the next sentence: the place
		// named before; "the town of X" is X.
		{"Russia said it captured Niu-York. Russia's Defense Ministry said its troops had liberated the settlement.", "",
			[]want{{"Niu-York", frontline.AssertCaptured, frontline.SideRussia}, {"Niu-York", frontline.AssertCaptured, frontline.SideRussia}}},
		{"Russian forces captured Selydove. The town, which had 20,000 people, was taken by Russian forces on Monday.", "",
			[]want{{"Selydove", frontline.AssertCaptured, frontline.SideRussia}, {"Selydove", frontline.AssertCaptured, frontline.SideRussia}}},
		{"Армия России вошла в Нью-Йорк.", "",
			[]want{{"Niu-York", frontline.AssertAdvancedTowards, frontline.SideRussia}}},
		{"Ворог захопив частину Нью-Йорка.", "",
			[]want{{"Niu-York", frontline.AssertCaptured, frontline.SideRussia}}},
		// Holding the edge; a withdrawal named as a noun, its side
		// inside it; "вихід з оточення" is no withdrawal from a place.
		{"Українські військові тримають околиці Мар'їнки, заявив Залужний.", "",
			[]want{{"Marinka", frontline.AssertAtOutskirts, frontline.SideUkraine}}},
		{"Генштаб ЗСУ підтвердив вихід українських військ із Сіверська.", "",
			[]want{{"Siversk", frontline.AssertWithdrawn, frontline.SideRussia}}},
		{"Минобороны заявило о выходе подразделений ВСУ из Часова Яра.", "",
			[]want{{"Chasiv Yar", frontline.AssertWithdrawn, frontline.SideRussia}}},
		{"Генштаб ЗСУ підтвердив вихід з оточення під Покровськом.", "",
			[]want{{"Pokrovsk", frontline.AssertContested, ""}}},
		// Villages counted, then listed in the next sentence; a relative
		// clause's places are no items; "Donetsk, Lugansk and Kharkiv
		// regions" are oblasts.
		{"Russia's defence ministry said its forces had seized settlements in Ukraine's Donetsk, Lugansk and Kharkiv regions. They were Novohrodivka, which lies between the cities of Donetsk and Pokrovsk, Synkivka in the Kharkiv region and the small village of Kostyantynivka in Donetsk.", "",
			[]want{{"Novohrodivka", frontline.AssertCaptured, frontline.SideRussia}, {"Synkivka", frontline.AssertCaptured, frontline.SideRussia}, {"Kostiantynivka", frontline.AssertCaptured, frontline.SideRussia}}},
		{"Russia said its forces had captured two villages. Ukraine's army denied it.", "", nil},
		// A deed the speaker announces is his side's, the speaker a
		// pronoun for the one named in the sentence before.
		{"Про це повідомляє РБК-Україна. Російський диктатор Володимир Путін вкотре нафантазував «успіхи» своєї армії. Він прилюдно заявив про \"захоплення\" Сіверська.", "",
			[]want{{"Siversk", frontline.AssertCaptured, frontline.SideRussia}}},
		{"Генштаб повідомив про звільнення Андріївки.", "",
			[]want{{"Andriivka", frontline.AssertLiberated, frontline.SideUkraine}}},
		// Counterattacks towards named settlements are fighting for them;
		// positions taken near a place are ground gained towards it.
		{"Отражены четыре контратаки штурмовых групп ВСУ в направлении населенных пунктов Новогродовка и Цукурино.", "",
			[]want{{"Novohrodivka", frontline.AssertContested, ""}, {"Tsukuryne", frontline.AssertContested, ""}}},
		{"ВС РФ заняли более выгодные рубежи и позиции у Гродовки.", "",
			[]want{{"Hrodivka", frontline.AssertAdvancedTowards, frontline.SideRussia}}},
		// A river's bank is the place of the claim, not a town beyond it.
		{"Сили оборони відійшли з лівобережжя Дніпра біля Кринок.", "", nil},
		// A shorter alternative inside a word ("захват" of "захватить")
		// does not hide the one that ends it.
		{"Российские войска пытаются захватить Нью-Йорк.", "",
			[]want{{"Niu-York", frontline.AssertAdvancedTowards, frontline.SideRussia}}},
		// "как X, так и соседнюю Y": a list.
		{"Российские военные покинули как Андреевку, так и соседнюю Клещеевку.", "",
			[]want{{"Andriivka", frontline.AssertWithdrawn, frontline.SideUkraine}, {"Klishchiivka", frontline.AssertWithdrawn, frontline.SideUkraine}}},
		// "Андреевка наша" quoted, its speaker after the dash; a quoted
		// statement is no quoted unit name.
		{"«Андреевка наша», — написала Маляр.", "",
			[]want{{"Andriivka", frontline.AssertUnderControl, frontline.SideUkraine}}},
		// Territory held is no town named before it.
		{"Захисників евакуювали до Оленівки з подальшим поверненням на підконтрольну Україні територію.", "", nil},
		// A negated control whose place is "the city" named before.
		{"Бої тривають у Куп'янську. Жодного кварталу міста ворог не контролює, заявив Федоренко.", "",
			[]want{{"Kupiansk", frontline.AssertContested, ""}, {"Kupiansk", frontline.AssertDenied, frontline.SideUkraine}}},
		// DeepState: the enemy is Russia in the tracker's voice.
		{"Ворог просунувся поблизу Іванівки та Покровська.", frontline.SideUkraine,
			[]want{{"Ivanivka", frontline.AssertAdvancedTowards, frontline.SideRussia}, {"Pokrovsk", frontline.AssertAdvancedTowards, frontline.SideRussia}}},
		{"Сили Оборони зачистили Іванівку.", frontline.SideUkraine,
			[]want{{"Ivanivka", frontline.AssertLiberated, frontline.SideUkraine}}},
		{"Ворог окупував Українськ, а також просунувся біля Селидового.", frontline.SideUkraine,
			[]want{{"Ukrainsk", frontline.AssertCaptured, frontline.SideRussia}, {"Selydove", frontline.AssertAdvancedTowards, frontline.SideRussia}}},
		{"Сили оборони звільнили окуповане село Андріївка.", frontline.SideUkraine,
			[]want{{"Andriivka", frontline.AssertLiberated, frontline.SideUkraine}}},
		{"The enemy has advanced near Nove Shakhove.", frontline.SideUkraine,
			[]want{{"Nove Shakhove", frontline.AssertAdvancedTowards, frontline.SideRussia}}},
		{"Ukrainian Defense Forces cleared Ivanivka.", frontline.SideUkraine,
			[]want{{"Ivanivka", frontline.AssertLiberated, frontline.SideUkraine}}},
		// English that quotes no one and has no Russian official's words
		// is the trackers' voice (voice_en.go; TestEnglishVoice).
		{"The enemy has advanced near Nove Shakhove.", "",
			[]want{{"Nove Shakhove", frontline.AssertAdvancedTowards, frontline.SideRussia}}},
		// A Russian speaker's "противник" is Ukraine; with no speaker it is
		// no side.
		{"Противник отступил из Волчанска, сообщил Пушилин.", "",
			[]want{{"Vovchansk", frontline.AssertWithdrawn, frontline.SideRussia}}},
		{"Противник отступил из Волчанска.", "",
			[]want{{"Vovchansk", frontline.AssertWithdrawn, ""}}},
		// Gerasimov's West grouping is Russian.
		{"Units of the West grouping have liberated the city of Kupiansk, Russia's chief of general staff Valery Gerasimov said.", "",
			[]want{{"Kupiansk", frontline.AssertCaptured, frontline.SideRussia}}},
		// Attempts take nothing.
		{"Ворог намагається захопити Покровськ.", frontline.SideUkraine,
			[]want{{"Pokrovsk", frontline.AssertAdvancedTowards, frontline.SideRussia}}},
	}
	for _, c := range cases {
		x, err := testExtractor(t).ExtractAs(c.text, day("2025-01-10"), c.publisher)
		if err != nil {
			t.Fatal(err)
		}
		checkClaims(t, fmt.Sprintf("%q (publisher %q)", c.text, c.publisher), c.text, x, c.want)
	}
}

// TestDenials: a denial is stored as a denial of the claim it names, with
// the side it favours, and never as the claim it denies.
func TestDenials(t *testing.T) {
	cases := []struct {
		text                       string
		place                      string
		deniedAssertion            string
		deniedSide, side           frontline.Side
		speakerSide                frontline.Side
		noOtherClaimAboutThisPlace bool
	}{
		{"Генштаб ЗСУ не підтвердив окупацію Селидового.", "Selydove", frontline.AssertCaptured, frontline.SideRussia, frontline.SideUkraine, frontline.SideUkraine, true},
		{"Trehubov denied the Russian fake about the capture of Kupiansk.", "Kupiansk", frontline.AssertCaptured, frontline.SideRussia, frontline.SideUkraine, frontline.SideUkraine, true},
		{"Statements about 70 per cent of Pokrovsk are untrue, Ukraine's military said.", "Pokrovsk", frontline.AssertUnderControl, frontline.SideRussia, frontline.SideUkraine, frontline.SideUkraine, true},
		{"Сіверськ не контролюється російськими окупантами, заявив Запорожець.", "Siversk", frontline.AssertUnderControl, frontline.SideRussia, frontline.SideUkraine, frontline.SideUkraine, true},
		{"Жодного кварталу міста Куп'янськ ворог не контролює, заявив Федоренко.", "Kupiansk", frontline.AssertUnderControl, frontline.SideRussia, frontline.SideUkraine, frontline.SideUkraine, true},
		{"Окупанти ще повністю не захопили Лисичанськ.", "Lysychansk", frontline.AssertCaptured, frontline.SideRussia, frontline.SideUkraine, "", true},
		{"Министерство обороны России опровергло захват Курахово украинскими войсками.", "Kurakhove", frontline.AssertLiberated, frontline.SideUkraine, frontline.SideRussia, frontline.SideRussia, true},
	}
	for _, c := range cases {
		x, err := testExtractor(t).Extract(c.text, day("2025-01-10"))
		if err != nil {
			t.Fatal(err)
		}
		var found bool
		for _, cl := range x.Claims {
			if cl.PlaceName != c.place {
				continue
			}
			if cl.Assertion != frontline.AssertDenied {
				// Beside the denial only the claim it names, as its
				// claimant made it, hedged (claims10).
				reported := cl.Side == c.deniedSide && len(cl.Hedges) > 0 && (cl.Assertion == c.deniedAssertion || cl.Assertion == frontline.AssertLiberated && c.deniedAssertion == frontline.AssertCaptured)
				if c.noOtherClaimAboutThisPlace && !reported {
					t.Errorf("%q: a claim %s %s beside the denial", c.text, cl.Assertion, cl.Side)
				}
				continue
			}
			found = true
			if cl.Denied == nil || cl.Denied.Assertion != c.deniedAssertion || cl.Denied.Side != c.deniedSide || cl.Side != c.side {
				t.Errorf("%q: denial %+v (side %s), want denied {%s %s}, side %s", c.text, cl.Denied, cl.Side, c.deniedAssertion, c.deniedSide, c.side)
			}
			if cl.SpeakerSide != c.speakerSide {
				t.Errorf("%q: speaker %q side %q, want %q", c.text, cl.Speaker, cl.SpeakerSide, c.speakerSide)
			}
		}
		if !found {
			t.Errorf("%q: no denial about %s: %+v", c.text, c.place, x.Claims)
		}
	}
}

// TestClaimTraps: a person, a grouping and a river are never the place
// of a claim.
func TestClaimTraps(t *testing.T) {
	for _, text := range []string{
		"Подразделения группировки «Восток» продвинулись на 5 км.",
		"Угруповання «Таврія» відбило атаки.",
		"Ворог намагався форсувати річку Оскіл.",
		"Генерал Залужний заявив, що Сили оборони утримують позиції.",
		"Бійці 3-ї окремої штурмової бригади отримали нагороди.",
	} {
		x, err := testExtractor(t).Extract(text, day("2025-01-10"))
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range x.Claims {
			t.Errorf("%q: claim %s about %q (%s)", text, c.Assertion, c.Mention, c.PlaceName)
		}
	}
}

// FuzzExtractAs: any text, in any script, with either publisher's side:
// no panic, quotes are the text at their offsets, a denial names what it
// denies.
func FuzzExtractAs(f *testing.F) {
	for _, s := range []string{
		"Ворог просунувся біля Іванівки, в Глибокому, біля Ягідного та Вербового.",
		"Подразделения группировки войск «Восток» освободили Гуляйполе, сообщили в Минобороны России.",
		"Генштаб ЗСУ не підтвердив окупацію Селидового. — ГШ ЗСУ",
		"The enemy advanced near Nove Shakhove; Defense Forces restored positions near Ivanivka.",
		"ВОРОГ ОКУПУВАВ ПОКРОВСЬК «звільнення» Hryhorivkа не контролює",
	} {
		f.Add(s, true)
		f.Add(s, false)
	}
	e := testExtractor(f)
	f.Fuzz(func(t *testing.T, text string, ukrainian bool) {
		side := frontline.SideRussia
		if ukrainian {
			side = frontline.SideUkraine
		}
		x, err := e.ExtractAs(text, day("2025-01-10"), side)
		if err != nil {
			return // invalid UTF-8 is refused
		}
		for _, c := range x.Claims {
			if c.Start < 0 || c.End > len(text) || c.Start > c.End || text[c.Start:c.End] != c.Quote {
				t.Fatalf("claim quote %q at %d-%d", c.Quote, c.Start, c.End)
			}
			if (c.Assertion == frontline.AssertDenied) != (c.Denied != nil) {
				t.Fatalf("denial without what it denies: %+v", c)
			}
		}
	})
}
