package extract

import (
	"regexp"
	"strings"

	"github.com/frontline-osint/frontline"
)

// Claims in Ukrainian and Russian, and the sides words stand for.
//
// The formulaic voices come first: Russia's Ministry of Defence
// ("освободили населённый пункт", "взяли под контроль", "продолжается
// зачистка", "отразили атаки"), the General Staff of Ukraine ("ворог
// здійснив N атак у районах населених пунктів", "відбили", "відійшли на
// більш вигідні рубежі"), DeepStateMap's notes ("Ворог просунувся біля",
// "окупував", "Сили Оборони зачистили", "відновили положення", "Триває
// зачистка") and Russian-appointed officials ("под контролем ВС России").
// Patterns match text lowered by lowerCyr; stems are the first letters of
// the words they may start at.

// sideWord is what a side word stands for: a side, or the speaker's side,
// or the side opposite the speaker.
const (
	ownSide      = "own"      // наші, ми, our: the speaker's side
	oppositeSide = "opposite" // ворог, противник, the enemy: the other side
)

// cyrSideCues are Ukrainian and Russian side words, and Ukraine's brigade
// types (mechanized, mountain assault, air assault, territorial defence).
// Names of armies and peoples are sides by themselves; "ворог",
// "противник" are the side opposite the speaker; "наші" the speaker's. The army groupings are
// Russian (Запад, Восток, Юг, Центр, Север, Днепр) or Ukrainian (Хортиця,
// Таврія, Одеса), also as "группа" ("усилий группы «Восток»"); a
// grouping's name alone ("«Восток»") is no side and no place.
var cyrSideCues = newCyrillicPattern(
	[]string{"окр", "отд", "омб", "ошб", "одш", "огш", "оае", "бри", "тан", "общ", "сою", "заг", "захв", "ваг", "ахм", "«ах", "«ва", "кад", "чвк", "айд", "«ай", "кра", "«кр", "рос", "рф", "вс ", "зс ", "мос", "рус", "раш", "збр", "нео", "оку", "окк", "орк", "кре", "пут", "гру", "угр", "укр", "укp", "всу", "зсу", "вфу", "сил", "бое", "нац", "вор", "вра", "про", "неп", "наш", "ми", "мы", "осу", "оу ", "киї", "кие", "зел", "сво", "хор", "«хо", "тав", "«та", "«за", "«во", "«юг", "«це", "«се", "«дн", "«юж", "юж", "зап", "вос", "цен", "сев", "дне", "«сх"},
	`(?:танков|общевойсков|загальновійськов)\pL* арм(?:ии|ия|ией|ії|ія|ією)|россиян\pL*|росіян\pL*|загарбник\pL*|захватчик\pL*|вагнер\pL*|вагнерівц\pL*|ахмат\pL*|кадыровц\pL*|кадирівц\pL*|чвк|`+
		`айдар\pL*|кракен\pL*|(?:вс |зс |збройн\pL* сил\pL* )?рф|вс россии|российск\pL*|россия|россии|россию|россией|росія|росії|росію|росією|російськ\pL*|росіян\pL*|россиян\pL*|москов\pL*|русск\pL*|рашист\pL*|оккупант\pL*|окупант\pL*|орк(?:и|ів|ам|ами|ов)?|кремл\pL*|путин\pL*|путін\pL*|`+
		`(?:группировк\pL*|групп(?:а|ы|у|ой|е)|угрупован\pL*|угрупуван\pL*) (?:войск |військ )?[«"“„]?(?:запад|восток|юг|центр|север|днепр|захід|схід|південь|північ|дніпро)\pL*|[«"“„]?(?:западн|восточн|южн|центральн|северн)\pL*[»"”]? группировк\pL*|`+
		`(?:осув|оу|оск|угрупован\pL*|угрупуван\pL*|группировк\pL*) (?:військ |войск )?[«"“„]?(?:хортиц\pL*|таврі\pL*|таври\pL*|одес\pL*)|`+
		`українськ\pL*|українц\pL*|україн\pL*|украинск\pL*|украинц\pL*|украин\pL*|всу|зсу|вфу|сили оборони|сил оборони|силам оборони|силами оборони|силы обороны украины|силы обороны|сил обороны|силам обороны|силами обороны|боевик\pL*|нацист\pL*|националист\pL*|укронацист\pL*|неонацист\pL*|киев\pL*|київ|києв\pL*|зеленск\pL*|зеленськ\pL*|`+
		`союзн\pL* (?:войск|сил)\pL*|ворог\pL*|ворож\pL*|противник\pL*|враг\pL*|враж\pL*|неприятел\pL*|`+
		`(?:окрем|отдельн)\pL* (?:механізован|механизированн|гірсько-штурмов|горно-штурмов|аеромобільн|аэромобильн)\pL* бригад\pL*|омбр|ошбр|одшбр|огшбр|оаембр|бригад\pL* (?:тероборони|теробороны|тро)|`+
		`наш\pL*|ми|мы`)

// cyrCueSide is the side of a Cyrillic side word, given the speaker's side.
func cyrCueSide(cue, speakerSide string) string {
	switch k := cyrCueKind(cue); k {
	case ownSide:
		if speakerSide == sideRussia || speakerSide == sideUkraine {
			return speakerSide
		}
		return ""
	case oppositeSide:
		return opposite(speakerSide)
	default:
		return k
	}
}

// cyrCueKind: sideRussia, sideUkraine, ownSide, oppositeSide or "".
func cyrCueKind(cue string) string {
	has := func(subs ...string) bool {
		for _, s := range subs {
			if strings.Contains(cue, s) {
				return true
			}
		}
		return false
	}
	switch {
	case has(" арми", " армі") && has("танков", "общевойсков", "загальновійськов"):
		// "1-й танковой армии": Russia's armies (Ukraine's formations
		// are brigades and corps).
		return sideRussia
	case has("хортиц", "таврі", "таври", "одес"):
		return sideUkraine
	case has("бригад", "омбр", "ошбр", "одшбр", "огшбр", "оаембр"):
		// "Бойцы 67 отдельной механизированной бригады", "воїни
		// 93 ОМБр", "бригады ТрО": Ukraine's brigade types (Russia's
		// are motor-rifle, guards and parachute units).
		return sideUkraine
	case has("группировк", "групп", "угрупован", "угрупуван"):
		return sideRussia
	case has("ворог", "ворож", "противник", "враг", "враж", "неприятел"):
		return oppositeSide
	case strings.HasPrefix(cue, "наш") || cue == "ми" || cue == "мы":
		return ownSide
	case has("вагнер", "ахмат", "кадыровц", "кадирівц", "чвк", "загарбник", "захватчик", "союзн"):
		return sideRussia
	case has("айдар", "кракен"):
		return sideUkraine
	case has("украин", "україн", "всу", "зсу", "вфу", "оборон", "боевик", "нацист", "националист", "киев", "київ", "києв", "зеленск", "зеленськ"):
		return sideUkraine
	case has("рф", "росси", "росій", "росія", "росії", "росію", "росіян", "москов", "русск", "рашист", "оккупант", "окупант", "орк", "кремл", "путин", "путін", "западн", "восточн", "южн", "центральн", "северн"):
		return sideRussia
	}
	return ""
}

// Cyrillic triggers. Each trigger's flags say how its side is found (see
// trigger).
var cyrTriggers = []trigger{
	// Liberated: the actor's side, else the speaker's ("освободили" in a
	// Russian MoD report is a claim for Russia).
	{assertion: frontline.AssertLiberated, speakerDefault: true, p: newCyrillicPattern(
		[]string{"осв", "зві", "пов", "зач", "від", "вос", "вер", "зав"},
		`(?:завершил\pL*|завершено|завершена|завершен|закінчил\pL*|закінчено|закончил\pL*|закончена|закончено) (?:зачистку|зачищення|зачистка|зачистки)|освобо(?:дил|жд)\pL*|звільн\pL*|зачищен[аоы]?|поверну\pL* під (?:свій |наш )?контроль|повернули|зачистили|зачищено|(?:відновили|відновити) (?:своє |свої )?(?:положення|позиції)(?: в| у)?|(?:повернули|відновили|восстановили|вернули) (?:собі )?контроль (?:над|за)|відновлено (?:положення|позиції)(?: в| у)?`)},
	// "их подразделения вернули Клещеевку": a settlement returned (the
	// place right after).
	{assertion: frontline.AssertLiberated, speakerDefault: true, afterOnly: true, adjacent: true, p: newCyrillicPattern(
		[]string{"вер", "пов"},
		`вернули|вернула|вернул|повернула|повернув`)},
	// Positions restored near a place: ground gained towards it.
	{assertion: frontline.AssertAdvancedTowards, speakerDefault: true, p: newCyrillicPattern(
		[]string{"від", "вос"},
		`(?:відновили|відновити|відновлено) (?:своє |свої )?(?:положення|позиції) (?:біля|поблизу|(?:північ|півден|схід|захід)\pL*ніше)|(?:восстановили|восстановлены|восстановлено) (?:свое |своё |свои )?(?:положение|позиции) (?:у|около|возле|вблизи|под|(?:север|юж|восточ|запад)нее)`)},
	// "выбили ВСУ с левого берега", "Ворога вибито": the one knocked out
	// lost the place.
	{assertion: frontline.AssertCaptured, objectLoses: true, p: newCyrillicPattern(
		[]string{"виб", "выб", "вит", "выт", "вид", "выд", "від", "отт", "отб"},
		`(?:вибил|вибит|выбил|выбит|витісн|вытесн|видавл|выдавл|выдавлив|відтісн|оттесн|відкинул|отбросил|відкинут|отброшен)\pL*`)},
	// Captured: the actor's side; the genitive after "под контроль"
	// names it when no actor is before ("перешёл под контроль
	// подразделений группировки «Восток»").
	{assertion: frontline.AssertCaptured, sideAfter: true, p: newCyrillicPattern(
		[]string{"взя", "пер", "зах", "овл", "уст", "вст", "зай", "зан", "ово"},
		`взял\pL* под (?:свой |полный |повний |наш )?контроль|взят\pL* під (?:свій |повний )?контроль|взят\pL* под (?:свой |полный )?контроль|взяли|взял[аои]?|взяття|взяттю|взяттям|взятие|взятия|взятии|взятием|взят[аоы]?|взятий|переш(?:ли|ел|ёл|ла|ло) под (?:полный |свой )?контроль|перейшл?\pL* під (?:повний )?контроль|переход\pL* под (?:полный )?контроль|захоп\pL*|захват(?:а|ом|е|у|ы)?|захвати\pL*|захвач\pL*|овладе\pL*|оволоді\pL*|установили (?:полный )?контроль|встановили (?:повний )?контроль|зайняли|зайнято|зайняв|зайняла|заняли|занял[аи]?|заняв|занят[аоы]?`)},
	// Control gained, and control "into" which a place passes (the
	// accusative: "переход Крынок … под контроль российских военных";
	// the instrumental "под контролем" is a state): a capture, its side
	// named after it or before.
	{assertion: frontline.AssertCaptured, sideAfter: true, p: newCyrillicPattern(
		[]string{"пол", "отр", "під", "под", "уда", "вда"},
		`(?:получи\pL*|получа\pL*|отрима\pL*|отриму\pL*|удалось получить|вдалося отримати) (?:полный |повний |полного |повного )?контроль(?: над| за)?|под контроль|під контроль`)},
	// Occupied: always Russia's doing in this war's usage.
	{assertion: frontline.AssertCaptured, fixedSide: sideRussia, p: newCyrillicPattern(
		[]string{"оку", "окк"},
		`окупува\pL*|окупован\pL*|окупац\pL*|оккупирова\pL*|оккупац\pL*`)},
	// Lost ("Втрачено Білогорівку"): the speaker's side lost it.
	{assertion: frontline.AssertCaptured, speakerLost: true, afterOnly: true, p: newCyrillicPattern(
		[]string{"втр", "пот"},
		`втрачено|втрачен[аі]|втратил[иа]?|втратив|потеряли|потерял[аои]?|потеряна|потерян[аоы]?`)},
	// "Генштаб визнав втрату Вугледара", "признал потерю Соледара": the
	// loss named as a noun, the place right after it (not "втрати
	// ворога", the enemy's casualties).
	{assertion: frontline.AssertCaptured, speakerLost: true, afterOnly: true, adjacent: true, p: newCyrillicPattern(
		[]string{"втр", "пот"},
		`втрат[аиуі]|втратою|потер[яиюе]|потерей`)},
	{assertion: frontline.AssertUnderControl, sideAfter: true, p: newCyrillicPattern(
		[]string{"під", "под", "кон", "утр", "уде", "ужд", "тр", "про"},
		`під (?:повним |нашим |своїм |повністю )?контролем|под (?:полным |нашим |своим |полностью )?контролем|підконтрольн\pL*|подконтрольн\pL*|контролю(?:ють|ює|вали|вав)|контролиру(?:ет|ют)|контролировал\pL*|утриму(?:ють|вати|вали|вав|вала|є)|удерживаю\pL*|удерживает|тримають оборону|(?:продолжа\pL*|продовжу\pL*) (?:удерживать|утримувати|контролировать|контролювати|тримати оборону|утримувати оборону|держать оборону|удерживать оборону)`)},
	// Troops at work in a place hold it: "морські піхотинці і далі
	// виконують завдання у Кринках", "утримують позиції в". Only with
	// a side named or voiced.
	{assertion: frontline.AssertUnderControl, afterOnly: true, needSide: true, p: newCyrillicPattern(
		[]string{"вик", "три", "утр", "уде", "дер"},
		`(?:виконують|виконували|выполняют|выполняли) (?:бойові |боевые )?(?:завдання|задачи) (?:у|в|во)|(?:тримають|утримують|удерживают|держат) (?:оборону|позиції|позиции) (?:у|в|во)`)},
	// Troops that stay are in the place: presence, which says they hold
	// it only when it was theirs ("остаются в Часовом Яре" of either
	// side): ground gained in it, the weaker claim.
	{assertion: frontline.AssertAdvancedTowards, afterOnly: true, needSide: true, p: newCyrillicPattern(
		[]string{"зал", "лиш", "оста", "пер", "нах", "зна"},
		`(?:залишаються|залишались|залишалися|лишаються|остаются|оставались|перебувають|находятся|знаходяться) (?:і далі |надалі |досі |до сих пор |по-прежнему |и дальше )?(?:у|в|во)`)},
	// "вдалося просунутися біля X", "намагаються закріпитися в X": the
	// infinitive, with its place right after it (an attempt is read as
	// fighting, a success as ground gained).
	{assertion: frontline.AssertAdvancedTowards, afterOnly: true, adjacent: true, p: newCyrillicPattern(
		[]string{"просунут", "закріп", "закреп"},
		`(?:просунутися|просунутись|закріпитися|закріпитись|закрепиться) (?:у|в|во|до|біля|поблизу|около|возле|(?:у|в) район(?:і|ах|е)|на околиц\pL*|на окраин\pL*)`)},
	// A foothold in a place is ground gained in it, not the place held
	// ("закрепились в", as "gained a foothold in").
	{assertion: frontline.AssertAdvancedTowards, afterOnly: true, p: newCyrillicPattern(
		[]string{"зак", "око"},
		`закріпил\pL* (?:у|в|на околиц\pL*)|закрепил\pL* (?:в|во|на окраин\pL*)|окопал\pL* (?:у|в|во|на околиц\pL*|на окраин\pL*)`)},
	// "Над Снігурівкою підняли український прапор": held by the side of
	// the flag (its adjective is read inside the trigger).
	{assertion: frontline.AssertUnderControl, p: newCyrillicPattern(
		[]string{"під", "підн", "вст", "под", "вод", "уст", "зам", "пов"},
		`(?:підняли|піднято|піднявся|встановили|встановлено|замайорів|замайорів|подняли|поднят|поднялся|водрузили|водружен|установили|установлен)\pL* (?:\pL+ )?(?:прапор|флаг|стяг)\pL*`)},
	// "контролюємо": the speaker's side holds it.
	{assertion: frontline.AssertUnderControl, speakerOwn: true, p: newCyrillicPattern(
		[]string{"кон", "утр", "уде"},
		`контролюємо|контролируем|утримуємо|удерживаем`)},
	{assertion: frontline.AssertContested, neutral: true, p: newCyrillicPattern(
		[]string{"зач", "про", "три", "іду", "йду", "иду", "вед", "точ", "бої", "бои", "бой", "бо"},
		`(?:продолжается |идёт |идет |ведётся |ведется |триває |тривала |продовжується )?(?:пошаговая |поэтапная )?зачистк\pL*|зачища(?:ют|ет|ють|є)|(?:тривають|ідуть|йдуть|ведуться|точаться|идут|ведутся|продолжаются|ведуть|ведут|веде|ведет|ведёт) (?:\pL+ )?(?:бої|бои|бій|бой)|бо[їи] (?:тривають|продовжуються|продолжаются|идут|ідуть|йдуть|точаться)|бої (?:за|в|у|на|біля|поблизу|в районі)|бои (?:за|в|у|на|около|возле)|бой (?:за|в|у)`)},
	// "тривають активні бойові дії", "идут боевые действия": fighting.
	{assertion: frontline.AssertContested, neutral: true, p: newCyrillicPattern(
		[]string{"три", "іду", "йду", "вед", "точ", "иду", "про"},
		`(?:тривають|ідуть|йдуть|ведуться|точаться|идут|ведутся|продолжаются|продовжуються|проводяться|проводятся) (?:\pL+ )?(?:бойові дії|боевые действия|пошуково-ударні дії|поисково-ударные действия|пошуково-штурмові дії|поисково-штурмовые действия|стабілізаційні дії|стабилизационные действия)`)},
	// Attacks "у районах населених пунктів", attacks repelled, assaults:
	// fighting for the place, no side (the labels' convention).
	{assertion: frontline.AssertContested, neutral: true, p: newCyrillicPattern(
		[]string{"отр", "атак", "ата", "від", "отб", "штурм", "шту", "нас", "кон"},
		`отраз\pL*|отраж\pL*|атак\pL*|атаку\pL*|атакова\pL*|відби\pL*|отбил\pL*|штурмов\pL* (?:дії|дій|діями|діях|действи\pL*)|штурм(?:ують|ує|ували|ував|увала|увати|ует|уют|уя|овали|овал|овала|овать|ами|ах|ом|ів|а|у|і|и)?|наступальн\pL* дії|наступальн\pL* дій|контратак\pL*`)},
	// Encirclement and blockade: fighting for the place.
	{assertion: frontline.AssertContested, neutral: true, p: newCyrillicPattern(
		[]string{"окр", "ото", "кот", "бло", "заб", "взя"},
		`окруж\pL*|оточ\pL*|котл(?:а|е|ом|у|ы|ах|ов|і|ів|и)?|кот[её]л|блокир\pL*|блоку\pL*|заблок\pL*|взяли в кільце|взяли в кольцо|взят\pL* в (?:кільце|кольцо)`)},
	// Strikes and shelling.
	{assertion: frontline.AssertAttacked, neutral: true, p: newCyrillicPattern(
		[]string{"нан", "обс", "уда"},
		`нанесли (?:огневое |комплексное )?поражение|нанесено поражение|обстріл\pL*|обстрел\pL*|удар\pL* по`)},
	{assertion: frontline.AssertWithdrawn, actorOpposes: true, p: newCyrillicPattern(
		[]string{"від", "вий", "зал", "пок", "отс", "ото", "отх", "выш", "вых", "оста", "отв", "выв", "вив", "бежа", "пер", "сме", "змі", "утр"},
		`утрачен\pL* позиции (?:в|у|во)|утратил\pL* позиции (?:в|у|во)|смен\pL* позиции|сменил\pL* позиции|змін\pL* позиці\pL*|відійшл\pL*|відійшов|відступ\pL*|відвели|відведен\pL*|виведен\pL*|вийшли (?:з|із)|вийшов (?:з|із)|залишили|покинул\pL*|покинули|отступ\pL*|отош(?:ли|ла|ел|ёл)|отход\pL*|вышли из|выведен\pL*|оставил\pL*|отвел[аи]?|відвела|відвів|бежал\pL*|перегруппир\pL*|передислоц\pL*`)},
	{assertion: frontline.AssertAdvancedTowards, sideAfter: true, p: newCyrillicPattern(
		[]string{"інф", "инф", "про", "нас", "має", "мают", "ма", "име", "досяг", "добил", "вкл", "зай", "заш", "зах", "уві", "вош", "при", "вор", "уві", "вде", "наблиз", "підійш", "подош", "вийшли на", "вышли на", "расшир", "розшир", "наближ", "приближ"},
		`просунул\pL*|просунув\pL*|просуван\pL*|просуваєт\pL*|просуваю\pL*|продвинул\pL*|продвига\pL*|продвижени\pL*|продвинут\pL*|наступа(?:є|ють|ет|ют|ли|в)|наступ(?:у|ом|а)? (?:на|в бік|в сторону)|наступлени[еяю] (?:на|в сторону)|ма(?:є|ють|ли|в|ла) (?:тактичний |тактичні |певний |певні |частковий |часткові )?успіх\pL*|інфільтр\pL* (?:в|у|до)|инфильтр\pL* (?:в|во)|име(?:ет|ют|ли|л|ла) (?:(?:тактическ|существенн|значительн|определённ|определенн|частичн|некотор|серьезн|серьёзн)\pL* )?успех\pL*|досяг\pL* (?:(?:тактичн|суттєв|значн|певн|частков)\pL* )?успіх\pL*|добил\pL* (?:(?:тактическ|существенн|значительн|определённ|определенн|частичн)\pL* )?успех\pL*|вклини\pL*|вклинил\pL*|зайшли (?:у|в|до)|зайш(?:ов|ла) (?:у|в|до)|заш(?:ли|ел|ёл|ла|ло) (?:в|на)|заход\pL* (?:в|у|до)|ворвал\pL* (?:в|во)|увірва\pL* (?:в|у|до)|вдерл\pL* (?:в|у|до)|просочил\pL* (?:в|у|до)|просочи\pL* (?:в|у|до)|проник\pL* (?:в|у|до)|увійш(?:ли|ла|ов) (?:у|в|до)|вош(?:ли|ла|ел|ёл|ло) (?:в|во)|прорвал\pL*|расширил\pL* зону (?:контроля|ответственности) в|розширил\pL* зону (?:контролю|відповідальності) в|наблизил\pL* до|наближа\pL* до|приближа\pL* к|наблизи\pL* до|підійшл\pL* до|підійшов до|подош(?:ли|ел|ёл|ла) к|приблизил\pL* к|вийшли на підступи до|вышли на подступы к`)},
	// "Продолжается зачистка городских окраин Гуляйполя": the speaker's
	// side is at the outskirts.
	{assertion: frontline.AssertAtOutskirts, speakerDefault: true, p: newCyrillicPattern(
		[]string{"зач"},
		`зачистк\pL* (?:[\pL-]+ )?(?:окраин|околиц)\pL*`)},
	// "ЗСУ тримають околиці Мар'їнки": the side that holds the edge.
	{assertion: frontline.AssertAtOutskirts, p: newCyrillicPattern(
		[]string{"три", "утр", "уде", "дер", "кон"},
		`(?:тримають|утримують|удерживают|держат|контролюють|контролируют) (?:[\pL-]+ )?(?:околиц|окраин)\pL*`)},
	// "підтвердив вихід українських військ із Сіверська": a withdrawal
	// named as a noun; the side inside it left (the place follows at
	// once).
	{assertion: frontline.AssertWithdrawn, actorOpposes: true, afterOnly: true, adjacent: true, p: newCyrillicPattern(
		[]string{"вих", "відх", "вых", "отх", "вивід", "виводу", "виведен", "відведен", "відвест", "вивест", "вывод", "отвод", "отвест", "вывест"},
		`(?:вихід|виходу|виході|відхід|відходу|відході|выход|выхода|выходе|отход|отхода|отходе|вивід|виводу|виведення|відведення|вывод|вывода|выводе|отвод|отвода|отводе|відвести|вивести|отвести|вывести) (?:[\pL-]+ ){0,3}?(?:з|із|зі|из|изо|с)`)},
	// "ВСУ вынуждены были покинуть Угледар", "змушені були залишити":
	// forced to leave is leaving.
	{assertion: frontline.AssertWithdrawn, actorOpposes: true, afterOnly: true, p: newCyrillicPattern(
		[]string{"вынужд", "змушен", "пришлось", "довелос", "наказ", "приказ"},
		`(?:вынужден\pL*|змушен\pL*|пришлось|довелося|(?:наказ|приказ)\pL*(?: про)?)(?: был\pL*| бул\pL*)? (?:покинуть|покинути|оставить|залишити|отступить|відступити|отойти|відійти|выйти из|вийти з|вийти із)`)},
	// Holding a place against attack: "продолжают оборонять Марьинку".
	{assertion: frontline.AssertUnderControl, afterOnly: true, needSide: true, p: newCyrillicPattern(
		[]string{"оборон"},
		`оборон(?:яют|яет|яли|ял|яла|ять|яти|яють|яє|яв)`)},
	{assertion: frontline.AssertAtOutskirts, p: newCyrillicPattern(
		[]string{"на ", "в ", "у ", "во "},
		`(?:на|в|у|во) (?:[\pL-]+ )?(?:околиц|окраин)\pL*|на (?:підступах до|подступах к)`)},
}

// denials: words that deny a claim ("спростував", "не соответствует
// действительности", "не відповідають реальній ситуації", "untrue"). A claim trigger in the sentence names the
// claim denied.
var denialPattern = newWordPattern(
	[]string{"den", "fak", "unt", "did", "doe", "do ", "has", "not", "ref", "deb", "pre", "in ", "onl"},
	`in (?:their|its|his) (?:dreams|imagination)|only on paper|denied|denies|deny|denying|fake|fakes|untrue|did not confirm|does not confirm|has not confirmed|not confirmed|refuted|refutes|debunked|not true|premature|(?:does|do) not (?:correspond to|reflect) reality`)

var cyrDenialPattern = newCyrillicPattern(
	[]string{"спр", "не ", "нео", "неп", "фей", "бре", "опр", "лож", "ніб", "яко", "пре", "пер", "отр", "зап", "у с", "в с", "наф", "лиш", "тол"},
	`(?:у|в) (?:своїх|своих) (?:мріях|мечтах|снах|фантазіях|фантазиях)|нафантазува\pL*|нафантазирова\pL*|(?:лише|лиш|только) на (?:папері|бумаге)|спростува\pL*|спростову\pL*|не підтверди\pL*|не підтверджу\pL*|не підтвердж\pL*|неправда|неправдив\pL*|фейк\pL*|брехн\pL*|не відповіда\pL* (?:дійсності|реальн\pL*)|опроверг\pL*|опроверга\pL*|не подтверди\pL*|не подтвержда\pL*|не подтвержд\pL*|не соответству\pL* (?:действительности|реальн\pL*)|ложь|ложью|ложн\pL*|преждевременн\pL*|передчасн\pL*|отрица\pL*|заперечу\pL*|заперечи\pL*|заперечив|заперечил\pL*`)

// negatedControl: "не контролюють", "не контролируется", "не мають
// контролю в селі": a denial of control by the side named before or after.
var negatedControl = newCyrillicPattern(
	[]string{"не "},
	`не (?:контролю\pL*|контролиру\pL*|утримує|удерживает|ма(?:є|ють) контролю|име(?:ет|ют) контроля)`)

// cyrReporting are reporting verbs and phrases in Ukrainian and Russian.
var cyrReporting = newCyrillicPattern(
	[]string{"зая", "пов", "ска", "роз", "нап", "зазн", "наго", "поі", "за ", "як ", "йде", "іде", "соо", "отм", "рас", "дол", "по ", "как", "под", "уто", "гов", "пиш", "пис", "заяв", "кон", "кaж", "каж", "визна", "призна", "подтв", "підтв", "оголо", "объяв", "высту", "висту", "поздр", "приві", "отв", "відп", "ств", "утв", "дод", "доб"},
	`заяви\pL*|заявля\pL*|повідоми\pL*|повідомля\pL*|сказа\pL*|розповіл\pL*|розповів|написа\pL*|пише|зазначи\pL*|зазнача\pL*|наголоси\pL*|поінформува\pL*|за даними|за словами|як повідомляє|як повідомили|йдеться|ідеться|сообщи\pL*|сообща\pL*|отметил\pL*|рассказал\pL*|доложил\pL*|по данным|по словам|как сообщ\pL*|подчеркнул\pL*|уточнил\pL*|говорится|пишет|констатува\pL*|кажуть|каже|визна(?:в|ла|ли|ють|є)|призна(?:л|ла|ли|ет|ют)|подтверди(?:л|ла|ли)|подтвержда(?:ет|ют)|підтверди(?:в|ла|ли)|підтверджу(?:є|ють)|оголоси(?:в|ла|ли)|объяви(?:л|ла|ли)|по (?:его|её|ее|их) словам|за (?:його|її|їхніми|їх) словами|выступи(?:л|ла)|виступи(?:в|ла)|поздрави(?:л|ла|ли)|поздравля(?:ет|ют)|привіта(?:в|ла|ли)|вітає|ответи(?:л|ла|ли)|відповіл(?:а|и)?|відповів|стверджу(?:є|ють|вав|вала|вали)|утвержда(?:ет|ют|л|ла|ли)|дода(?:в|ла|ли|є|ють)|добави(?:л|ла|ли)|добавля(?:ет|ют)`)

// cyrKnownSpeakers: speakers who appear in Ukrainian and Russian text,
// with their sides. Matched as lower-case stems in the speaker phrase or,
// failing a phrase, the sentence with a reporting verb; the first match
// wins, so the Russian General Staff comes before the Ukrainian one.
var cyrKnownSpeakers = []knownSpeaker{
	{[]string{"генштаб вс рф", "генштаба вс рф", "генерального штаба вс рф", "генштабу зс рф", "герасимов"}, "General Staff of the Russian Armed Forces", sideRussia},
	{[]string{"минобороны россии", "минобороны рф", "министерство обороны росс", "министерства обороны росс", "министерство обороны рф", "міноборони рф", "міноборони росії", "военном ведомстве", "военное ведомство", "российское военное ведомство", "конашенков", "шойгу", "белоусов", "минобороны"}, "Ministry of Defence of the Russian Federation", sideRussia},
	{[]string{"пушилин", "пушилін", "сальдо", "балицк", "балицьк", "рогов", "пасечник", "пасічник", "кадыров", "кадиров"}, "Russian-appointed officials", sideRussia},
	{[]string{"греков", "гордеев", "путин", "путін", "песков", "пєсков", "лавров", "захаров", "медведев", "лихачев", "лихачёв", "солодчук", "коц", "апти алаудинов", "алаудинов", "марочко", "кимаковск", "басурин", "гладков", "хинштейн", "богомаз", "военкор", "военный корреспондент", "рыбар", "два майора", "пригожин", "z-блогер", "z-канал", "z-военкор", "z-воєнкор", "z-пабл"}, "", sideRussia},
	{[]string{"гш зсу", "генштаб", "генеральн штаб", "генеральний штаб", "генерального штабу", "залужн", "сирськ", "сырск", "мотузяник"}, "General Staff of the Armed Forces of Ukraine", sideUkraine},
	{[]string{"deepstate", "дипстейт"}, "DeepState", sideUkraine},
	{[]string{"маляр", "трегубов", "волошин", "гуменюк", "братчук", "лиховий", "саржан", "жорін", "жорин", "сил оборони", "силах оборони", "ласійчук", "ласийчук", "запорожець", "запорожец", "федоренко", "плетенчук", "гайдай", "зеленськ", "зеленск", "сили оборони", "осув", "хортиц", "таврі", "7 корпус", "7-го корпус", "зсу", "всу", "міноборони україни", "минобороны украины", "українськ", "украинск",
		// Ukraine's structures and spokesmen by title: operational
		// commands, regional military administrations (ОВА), the Joint
		// Forces' group, assault units' abbreviations.
		"ок «південь»", "ок \"південь\"", "ок південь", "ок «схід»", "ок \"схід\"", "ок «юг»", "ок \"юг\"", "оперативне командування", "оперативного командування", "оперативное командование", "оперативного командования",
		"обласної військової адміністрації", "обласна військова адміністрація", "областной военной администрации", "ова", "угруповання об'єднаних сил", "угруповання об’єднаних сил", "угрупування об'єднаних сил", "угрупування об’єднаних сил", "группировки объединенных сил",
		"ошб", "омбр", "ошбр", "одшбр", "синєгубов", "синегубов", "янушевич", "філашкін", "филашкин", "малашко", "мисягін", "мысягин", "манько", "череват", "євлаш", "евлаш"}, "", sideUkraine},
	{[]string{"российск", "росси", "рф"}, "", sideRussia},
}

// cyrSpeakerSide is the side of a Cyrillic speaker phrase.
func cyrSpeakerSide(phrase string) (string, string) {
	l := lowerCyr(phrase)
	// "Генштаб ЗС РФ", "начальник Генштабу Збройних сил Росії": Russia's
	// General Staff, not Ukraine's.
	if russianGeneralStaff(l) {
		return sideRussia, "General Staff of the Russian Armed Forces"
	}
	// "подтвердили в Минобороны и Объединенном пресс-центре Сил
	// обороны": a ministry of defence named without its country and
	// joined to a Ukrainian body is Ukraine's.
	if ministryOfUkraine(l) {
		return sideUkraine, ""
	}
	// The first known speaker one of whose words begins a word of l
	// (firstWordPrefix), in one walk over l (prefilter.go).
	if k := cyrSpeakerIndex().first(l); k >= 0 {
		return cyrKnownSpeakers[k].side, cyrKnownSpeakers[k].name
	}
	return "", ""
}

// russianGeneralStaff reports whether lower-case l names Russia's General
// Staff: a Russian word right before "Генштаб" or within the four words
// after it ("начальник російського Генштабу", "Генштаб ЗС РФ",
// "Генштабу Збройних сил Росії"). A Russian word elsewhere in the phrase
// is no qualifier: "Як йдеться у фейсбуці Генштабу, Сили оборони …
// зупинили просування російських загарбників" is Ukraine's.
func russianGeneralStaff(l string) bool {
	for _, g := range []string{"генштаб", "генеральн"} {
		for off := 0; ; {
			i := strings.Index(l[off:], g)
			if i < 0 {
				break
			}
			i += off
			before := strings.Fields(l[max(0, i-30):i])
			if len(before) > 0 && firstWordPrefix(before[len(before)-1], "росі", "росси", "российск", "російськ") == 0 {
				return true
			}
			after := strings.Fields(l[i:])
			if len(after) > 5 {
				after = after[:5]
			}
			if firstWordPrefix(strings.Join(after, " "), "рф", "росі", "росси", "российск", "російськ") >= 0 {
				return true
			}
			off = i + len(g)
		}
	}
	return false
}

// ministryOfUkraine reports whether lower-case l names a ministry of
// defence ("Минобороны") with no country, followed within eight words by
// a Ukrainian body ("и Объединенном пресс-центре Сил обороны"): Ukraine's.
func ministryOfUkraine(l string) bool {
	for _, m := range []string{"минобороны", "міноборони"} {
		i := firstWordPrefix(l, m)
		if i < 0 {
			continue
		}
		rest := fields(l[i:])
		if len(rest) > 1 && firstWordPrefix(rest[1], "росс", "рф", "росі", "україн", "украин") == 0 {
			return false
		}
		if len(rest) > 9 {
			rest = rest[:9]
		}
		return firstWordPrefix(strings.Join(rest, " "), "сил оборони", "сил обороны", "сили оборони", "силы обороны", "зсу") >= 0
	}
	return false
}

// firstWordPrefix is the first offset in l where one of ps starts a word,
// or -1.
func firstWordPrefix(l string, ps ...string) int {
	best := -1
	for _, p := range ps {
		for off := 0; ; {
			i := strings.Index(l[off:], p)
			if i < 0 {
				break
			}
			i += off
			if i == 0 || !isLetterAt(l, prevRuneStart(l, i)) {
				if best < 0 || i < best {
					best = i
				}
				break
			}
			off = i + 1
		}
	}
	return best
}

// prevRuneStart is the offset of the rune before offset i (i > 0).
func prevRuneStart(s string, i int) int {
	j := i - 1
	for j > 0 && s[j]&0xC0 == 0x80 {
		j--
	}
	return j
}

// phraseCueSide is the side a speaker phrase names with a side word of
// its own: "речник угруповання «Схід»" (a Russian grouping), "командир
// українського батальйону". Relative words do not count.
func phraseCueSide(phrase string) string {
	l := lowerCyr(phrase)
	for _, m := range sentenceMatcher.find(l, wordStarts(l), false) {
		if m.p != cyrSideCues && m.p != sideCuePattern {
			continue
		}
		c := l[m.start:m.end]
		if relativeCue(c) {
			continue
		}
		if s := cueSide(c, ""); s != "" {
			return s
		}
	}
	return ""
}

// textLen is the length of s in bytes, a Cyrillic letter counted once:
// the reach of a trigger is the same in every script.
func textLen(s string) int {
	n := len(s)
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == 0xD0 || c == 0xD1 || c == 0xD2 {
			n--
		}
	}
	return n
}

// cyrJoiners join a list of places: "X, Y та Z", "X и Y".
var cyrJoiners = toSet(`та і й и , ,та ,і ,и`)

func init() {
	for _, j := range []string{", та", ", і", ", и", ", а також", "а також", "а также", ", а также", "та в", "та у", "і в", "и в", ", в", ", у", "та біля", ", біля", "та поблизу", ", поблизу"} {
		cyrJoiners[j] = true
	}
}

// cyrGapStops end the reach of any trigger: a relative clause, a new
// clause ("після", "после"), a direction ("у напрямку", "в направлении":
// towards the place, not at it).
var cyrGapStops = []string{" що ", " что ", " який", " которы", " після ", " после ", " у напрямку", " в напрямку", " в направлении", " на напрямку", " на направлении", " з боку", " со стороны", "«", "»",
	// A river's bank is the place of the claim, not a town beyond it
	// ("на лівобережжі Дніпра біля Кринок").
	"лівобережж", "правобережж", "левобережь", "правобережь", " берег", " річк", " реки", " реку", " річку"}

// cyrTakingStops end the reach of a taking verb: the place is a reference
// point ("біля", "в районі", "севернее").
var cyrTakingStops = []string{" біля ", " поблизу ", " неподалік ", " около ", " возле ", " под ", " в районі", " у районі", " в районе", " районах", " північніше", " південніше", " східніше", " західніше", " севернее", " южнее", " восточнее", " западнее", " км від ", " км от ", " берег"}

// cyrReferencePoint: the text before a place makes it a reference point
// ("біля X", "в районе X").
func cyrReferencePoint(pre string) bool {
	for _, p := range []string{"біля ", "поблизу ", "около ", "возле ", "под ", "районі ", "районе ", "від ", "от ", "з ", "із ", "из "} {
		if strings.HasSuffix(pre, " "+p) {
			return true
		}
	}
	return false
}

// negatedBefore reports whether the words right before a trigger at ts
// negate it: "не захопили", "ще повністю не захопили", "has not been
// taken".
func negatedBefore(lower string, ts int) bool {
	var buf [4]string
	ws := wordsBefore(lower, ts, 60, buf[:])
	for k := len(ws) - 1; k >= 0 && k >= len(ws)-4; k-- {
		switch strings.Trim(ws[k], ",") {
		case "не", "ні", "not", "never", "нет", "ніколи", "никогда", "cannot", "can't", "can’t", "unable":
			return true
		case "може", "можуть", "может", "могут", "зможе", "зможуть", "сможет", "смогут", "можливості", "можливість", "возможности", "возможность", "має", "мають", "имеет", "имеют", "змозі", "состоянии", "в", "спроможний", "спроможні", "способен", "способны", "can", "could", "able", "to", "be":
			// "ворог не може захопити", "не має можливості захопити",
			// "не в состоянии захватить", "could not capture", "is not
			// able to capture": a taking its actor cannot make good.
			continue
		case "повністю", "полностью", "ще", "еще", "ещё", "вже", "уже", "fully", "yet", "been", "have", "has", "had", "was", "were", "is", "are",
			// "не находится под оккупацией", "не перебуває під окупацією".
			"под", "під", "находится", "находятся", "перебуває", "перебувають", "знаходиться", "знаходяться",
			"зміг", "змогли", "змогла", "зуміли", "зумів", "вдалося", "вдалось", "удалось", "смогли", "смог", "сумели", "сумел", "було", "было", "був", "был", "була", "была":
			continue
		}
		return false
	}
	return false
}

// ukrainianText reports whether lower-case text is Ukrainian: it has two
// or more of the letters і ї є ґ, which Russian lacks, or one of them and
// none of ы э ъ ё, which Ukrainian lacks.
func ukrainianText(lower string) bool {
	uk, ru := 0, 0
	for i := 0; i+1 < len(lower); i++ {
		c, d := lower[i], lower[i+1]
		switch {
		case c == 0xD1 && (d == 0x96 || d == 0x97 || d == 0x94) || c == 0xD2 && d == 0x91:
			if uk++; uk >= 2 {
				return true // two say Ukrainian, whatever follows
			}
			i++
		case c == 0xD1 && (d == 0x8B || d == 0x8D || d == 0x8A || d == 0x91):
			ru++
			i++
		}
	}
	if uk == 0 && ru == 0 {
		// No letter tells: a word only Ukrainian has ("Ворог захопив
		// частину Нью-Йорка"; Russian writes "враг", "оккупант").
		for _, w := range ukrainianOnlyWords {
			if firstWordPrefix(lower, w) >= 0 {
				return true
			}
		}
	}
	return uk >= 2 || uk == 1 && ru == 0
}

// ukrainianOnlyWords are word starts that Russian text does not have.
var ukrainianOnlyWords = []string{"ворог", "ворож", "окупант", "окупув", "окупова", "загарбник", "що ", "також", "зокрема", "поблизу", "сили оборони"}

// attemptBefore reports whether the words right before a taking trigger
// make it an attempt or an aim, not a deed: "намагається захопити",
// "пытаются взять", "хоче оточити", "щоб звільнити".
func attemptBefore(lower string, ts int) bool {
	var buf [4]string
	ws := wordsBefore(lower, ts, 60, buf[:])
	for k := len(ws) - 1; k >= 0 && k >= len(ws)-4; k-- {
		w := strings.Trim(ws[k], ",«»\"")
		if w == "the" || w == "a" || w == "to" || w == "its" || w == "their" {
			continue
		}
		if strings.HasPrefix(w, "complet") {
			// "to complete the capture" is an aim; "completed the
			// capture", "the complete capture", "completely
			// liberated" are deeds.
			if k > 0 && ws[k-1] == "to" {
				return true
			}
			continue
		}
		for _, p := range []string{"attempt", "try", "tried", "trying", "effort", "seek", "sought", "aim", "plan", "prioriti", "want", "goal", "bid", "hop", "намага", "пробу", "спроб", "пыта", "попыт", "хоч", "хоті", "хоте", "хотя", "планує", "планиру", "прагн", "стрем", "щоб", "чтобы", "аби", "мета", "цель", "метою", "целью", "завдан", "задач", "заверша", "завершу"} {
			if strings.HasPrefix(w, p) {
				return true
			}
		}
	}
	return false
}

// managedBefore reports whether the verb at ts follows a word of success
// ("вдалося", "удалось", "managed to", "were able to"): the infinitive
// after it is a deed done.
func managedBefore(lower string, ts int) bool {
	pre := strings.TrimRight(lower[max(0, ts-40):ts], " ")
	for _, w := range []string{"вдалося", "вдалось", "удалось", "удалося", "змогли", "смогли", "зуміли", "сумели", "managed to", "were able to", "was able to", "succeeded in"} {
		if strings.HasSuffix(pre, w) {
			return true
		}
	}
	return false
}

// infinitive reports whether a Ukrainian or Russian trigger word is an
// infinitive or a present (ongoing) form: "захопити", "освободить",
// "звільняють" take nothing yet.
func infinitive(trigger string) bool {
	w := trigger
	if i := strings.IndexByte(w, ' '); i >= 0 {
		w = w[:i]
	}
	if w == "" || w[0] < 0x80 {
		return false
	}
	for _, suf := range []string{"ти", "ть", "тись", "ться", "тися"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// stateAdjective: "окуповане село", "оккупированного города", "occupied
// village": words that describe the state of a place after another
// trigger ("звільнили окуповане село X" liberated X; it is no capture).
func stateAdjective(w string) bool {
	return strings.HasPrefix(w, "окупован") || strings.HasPrefix(w, "оккупирован") || w == "occupied"
}

// retakenTrigger is "відбили" with a settlement as its object: retaken.
var retakenTrigger = &trigger{assertion: frontline.AssertLiberated, speakerDefault: true, afterOnly: true, adjacent: true, p: &wordPattern{cyrillic: true}}

// retaken reports whether a Cyrillic fighting trigger "відбили",
// "отбили" at [ts, te) has a settlement right after it ("ЗСУ відбили
// Роботине"), which makes it a retaking, not an attack repelled.
func retaken(si *sentenceInfo, t *trigger, ts, te int) (*trigger, bool) {
	if !t.neutral || !t.p.cyrillic {
		return nil, false
	}
	switch si.lower[ts:te] {
	case "відбили", "відбив", "відбила", "отбили", "отбил", "отбила":
	default:
		return nil, false
	}
	for _, m := range si.mentions {
		if ms := m.Start - si.start; ms == te+1 && m.Kind == frontline.MentionSettlement {
			return retakenTrigger, true
		}
	}
	return nil, false
}

// acrossContrast drops the places before a Cyrillic trigger that lie
// before a contrast clause it opens: "Ворог намагався прорватися до
// Мирнограда, але був відкинутий" — the verb after ", але" does not
// reach back to the place of the clause before.
func acrossContrast(si *sentenceInfo, ts int, places []frontline.Mention) []frontline.Mention {
	out := places[:0]
	for _, m := range places {
		if me := m.End - si.start; me <= ts && hasCyrillic(si.lower[me:ts]) {
			gap := si.lower[me:ts]
			if strings.Contains(gap, ", але ") || strings.Contains(gap, ", но ") || strings.Contains(gap, ", однак") || strings.Contains(gap, ", проте ") {
				continue
			}
		}
		out = append(out, m)
	}
	return out
}

// directionObject is the settlement named right after a direction word
// following an advance at te ("просунувся на 2 км у напрямку
// Покровська", "продвинулись в направлении Курахово").
func (si *sentenceInfo) directionObject(te int) (frontline.Mention, bool) {
	rest := si.lower[te:min(len(si.lower), te+60)]
	for _, d := range []string{" у напрямку ", " в напрямку ", " в направлении ", " в сторону ", " в бік ", " у бік "} {
		i := strings.Index(rest, d)
		if i < 0 || strings.ContainsAny(rest[:i], ",.;«»") {
			continue
		}
		at := te + i + len(d)
		for _, m := range si.mentions {
			if m.Start-si.start == at && m.Kind == frontline.MentionSettlement {
				return m, true
			}
		}
	}
	return frontline.Mention{}, false
}

// cyrLocatingClause opens a clause after a list item that locates it
// (", розташовані біля річки Вовча", ", расположенное в 10 км от",
// ", що за 15 км від", ", которое находится"): not the next item.
var cyrLocatingClause = regexp.MustCompile(`^\s*,\s*(?:розташован\pL*|расположен\pL*|що (?:за|біля|поблизу|неподалік|розташован\pL*|знаход\pL*)|что (?:в|возле|рядом|под|расположен\pL*|находи\pL*)|(?:яке|який|яка|які|которое|который|которая|которые) (?:розташован\pL*|знаход\pL*|расположен\pL*|находи\pL*))\s`)

// negatedAfterInfinitive reports whether a negated verb of ability follows
// the infinitive trigger ending at te in its clause: "окупувати цей
// населений пункт зараз не може", "захватить село не могут".
func negatedAfterInfinitive(lower string, te int) bool {
	rest := lower[te:min(len(lower), te+80)]
	if i := strings.IndexAny(rest, ",.;:»\""); i >= 0 {
		rest = rest[:i]
	}
	for _, w := range []string{" не може", " не можуть", " не может", " не могут", " не зможе", " не зможуть", " не сможет", " не смогут"} {
		if strings.Contains(rest, w) {
			return true
		}
	}
	return false
}
