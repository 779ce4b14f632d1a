package extract

// Word classes for place finding in Ukrainian and Russian text. Lower
// case; matched against the word as written and against its lemmas.

// cyrStopwords are capitalised Ukrainian and Russian words that are never
// places on their own, though they (or a case of them) spell a village
// somewhere: sentence openers, common nouns, the words of formations and
// slogans («Сил оборони» → Sil, «Слава героям» → Slava), and the plural
// adjectives of a people or an army («Московські окупаційні війська»).
var cyrStopwords = toSet(`
сили сил силы силам силами сила оборони обороны слава героям героям україні україна украина україни украины
росія росії россия россии рф зсу всу зс рос укр
ворог ворога врагу противник противника окупанти окупантів оккупанты
бої бої бои бою бой боях бойові бойовики боевики
також також тобто тому тоді коли після перед через біля поблизу також але проте однак
так как также когда после перед через около возле вблизи однако но
за на в у з із до від по при під над про для без як що це цей ця ці
в на с со из от по при под над про для без как что это этот эта эти
сьогодні вчора завтра сегодня вчера завтра зранку вночі утром ночью
нині ныне зараз сейчас наразі тепер теперь усього всього всего загалом итого
день тиждень місяць рік неділя понеділок вівторок середа четвер пʼятниця пятница субота суббота
воскресенье понедельник вторник среда четверг
січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня
января февраля марта апреля мая июня июля августа сентября октября ноября декабря
генштаб генеральний генеральный штаб міноборони минобороны міністерство министерство
президент генерал полковник командувач командующий міністр министр речник представник
глава голова губернатор мер директор спікер
угруповання группировка группировки угруповань осув оту
напрямок направление фронт лінія линия
центр схід захід північ південь восток запад север юг
східний західний північний південний восточный западный северный южный
новини новости новина главное головне
путін путин зеленський зеленский
бахмутка
был была было были будет будут був була було були буде будуть
они оно она он мы вы их им ими вони вона він ми ви їх їм ними його її цей ця це ці той та те ті этот эта это эти тот та то те
украинские украинских украинским украинскими украинский украинского украинской украинскую украинская украинское
українські українських українським українськими український українського українській українську українська українське
российские российских российским российскими российский российского российской российскую российская российское
російські російських російським російськими російський російського російській російську російська російське
русские русских русский русского русской
московські московських московськими московские московских московскими
сіверського сіверському сіверський сіверськии северского северском северский северскому донця донца дінця донцю донцу
село селище місто город поселок посёлок район области область
бійці бійців бійцям бойцы бойцов бойцам воїни воїнів військові військових военные военных морпіхи морпіхів десантники штурмовики
підрозділи підрозділів подразделения подразделений війська військ войска войск армія армии армії захисники захисників росіяни россияне
ракети ракета ракет ракеты дрони дронів дроны дронов шахеди удари удар удары обстріли обстрелы вибухи взрывы артилерія артиллерия авіація авиация
`)

// adjectivePrefixes are the first words of many two-word names (Nova
// Kakhovka, Velyka Novosilka, Novaya Sorochina): alone, before another
// capitalised word they do not name, they are not a place ("Novaya" of
// "Novaya Sorochina" is not a village called Nova). Folded.
var adjectivePrefixes = toSet(`
nova novaia novii novi novoe novi novyi novyy novaya novaja novij velika velikaia velikii velikaya velyka velykyi
mala malaia malii malaya stara staraia starii staraya
verkhnia verkhnii verkhniaia nizhnia nizhnii nizhniaia nyzhnia nyzhnii
bilshaia bolshaia bolshoi bolshaya krasna krasnaia krasnii krasnaya krasnyi chervona chervonii chervone
zelena zelenii zelenyi zeleni sukha sukhii sukhyi bila bilii bilyi bila bila chorna chornii chornyi
`)

// personCues are words before a capitalised word that make it a
// person's name (генерал Залужний, командувач Сирський, бригада імені
// гетьмана Петра Дорошенка).
var personCues = toSet(`
генерал генерала генералом генерал-полковник генерал-лейтенант генерал-майор полковник полковника підполковник
командувач командувача командувачем командующий командующего головнокомандувач главнокомандующий
міністр міністра министр министра президент президента прем'єр премьер спікер спикер речник речника
представник представника представитель представителя голова глава губернатор губернатора мер мэр
пан пані господин журналіст журналист блогер аналітик аналитик експерт эксперт військовий военный словами словам
гетьман гетьмана гетьманом гетман гетмана імені имени
`)

// groupingCues are the words before a grouping's name in quotes
// (угруповання «Таврія», группировка «Запад»).
var groupingCues = toSet(`
угруповання угрупування угрупованням угрупуванням угрупованню угруповань
группировка группировки группировкой группировке группировок группировку
осув оту отг оск бригада бригади бригады корпус корпусу полк полку
grouping group groupings task force
`)

// riverCues are words that make a following name a river (на лівому
// березі Дніпра, через Дніпро, левобережье Днепра).
var riverCues = toSet(`
берег берегу березі берега берегом береги берегах лівобережжя правобережжя левобережье правобережье
лівобережжі правобережжі левобережья правобережья левобережье левобережьи форсувати форсували форсують форсуванні форсировать форсировали форсирования
річка річки річку річці река реки реку реке через
`)

// microCues make a following name a part of a town, not a settlement
// (мікрорайон Сонячний, микрорайон Южный, квартал, вулиця).
var microCues = toSet(`
мікрорайон мікрорайону мікрорайоні микрорайон микрорайона микрорайоне квартал кварталі квартале
вулиця вулиці вул улица улице ул проспект проспекті проспекте площа площі площадь
microdistrict neighborhood neighbourhood street avenue
`)

// cyrFirstNames are Ukrainian and Russian first names: a capitalised run
// that starts with one is a person's name (Володимир Запорожець,
// Владимир Рогов), and alone it is never a place (Volodymyr, a town).
var cyrFirstNames = toSet(`
володимир владимир олександр александр олексій алексей сергій сергей андрій андрей дмитро дмитрий
юрій юрий іван иван михайло михаил микола николай петро пётр петр павло павел віктор виктор валерій валерий
олег ігор игорь євген евгений денис максим вадим анатолій анатолий руслан геннадій геннадий костянтин константин
богдан тарас василь василий григорій григорий роман ярослав вячеслав віталій виталий станіслав станислав
леонід леонид борис федір федор степан артем артём антон кирило кирилл рамзан денис
олена елена ірина ирина ганна анна марія мария наталія наталья тетяна татьяна юлія юлия катерина екатерина
оксана світлана светлана людмила ольга вікторія виктория
`)

// surnameEndings make a capitalised Cyrillic word after a first name a
// surname whose other cases the text may use alone (Рогов, Рогова,
// Роговым).
var surnameCases = []string{"", "а", "у", "ым", "ом", "е", "им", "ові", "ої", "ій", "ого", "ому"}

// groupAfterWords after a Latin name make it a grouping or a unit
// ("Khortytsia Operational Strategic Group", "the Khortytsia group").
var groupAfterWords = toSet(`group grouping groupings operational operational-strategic task brigade battalion regiment`)

// quarterWords are the microCues that name a town's quarter, after which
// a city's name in an oblique case is the town (cityInCase).
var quarterWords = toSet(`мікрорайон мікрорайону мікрорайоні микрорайон микрорайона микрорайоне квартал кварталі квартале microdistrict neighborhood neighbourhood`)

// bodyAfterWords after a name make it a part of a town, a street, a party,
// a movement or a group of people named after a word or a place ("the
// Khimik microdistrict", "Lenina Street", "Svoboda party", "Vesna
// volunteers").
var bodyAfterWords = toSet(`microdistrict microdistricts neighborhood neighbourhood quarter party movement volunteers foundation fund charity unit units
street avenue boulevard lane мікрорайон микрорайон`)

// commonNounNames are common nouns that are also villages' names
// (Перемога, Прогрес, Свобода): opening a sentence before a lower-case
// word they are the noun (commonNounOpening).
var commonNounNames = toSet(`
перемога победа свобода надія надежда відродження возрождение дружба прогрес прогресс мир слава зоря заря
весна світанок рассвет єдність единство злагода согласие воля праця труд незалежність независимость
майбутнє будущее спокій покой щастя счастье радість радость промінь луч зірка звезда мрія мечта
victory progress hope freedom peace unity glory dawn spring friendship revival liberty
`)

// facilityWords after a name make it a building or a team named after
// the place or a word (the Kolos stadium, the Mir hotel), a firm, a
// pipeline or a weapon (the Druzhba pipeline, Obolon brewery, a
// Krasnopol guided shell).
var facilityWords = toSet(`stadium hotel lyceum gymnasium school hospital church cathedral monastery market mall cinema club team
pipeline brewery company band orchestra guided shell shells howitzer howitzers
стадіон стадион готель гостиница ліцей лицей школа лікарня больница`)

// districtWordsCyr after an adjective make it a raion or a city district
// (Петровского района), not a settlement.
var districtWordsCyr = toSet(`район района районе районі району районом районах районів
частина частини частині частину частиною часть части частью`)

// clauseWords after a sentence's first word keep it a place: adverbs of
// time and degree, prepositions and particles ("Веселе знову під
// обстрілом", "Мирне вже окуповане", "Нове під контролем").
var clauseWords = toSet(`
вже уже ще також теж знову снова досі досих поки пока повністю полностью частково частично майже почти нарешті наконец
сьогодні сегодня вчора вчера зараз сейчас наразі тепер теперь ніколи никогда не ні ни було было буде будет є есть
під под у в на з із зі с со біля возле около від от до для за через перед після после між между над поблизу
`)

// openingNouns are nouns in -ло, -то, -ро, -ли after an opening adjective,
// which verbEndings would take for verbs: "Зелене світло", "Веселе
// свято", "Широке коло".
var openingNouns = toSet(`світло свет свято коло село тепло число утро небо жители`)

// verbEndings: the endings of finite verbs, infinitives and short
// participles in Ukrainian and Russian ("окуповане", "освобождено").
var verbEndings = []string{"ли", "ла", "ло", "лась", "лось", "лася", "лося", "лись", "лися", "лся", "в", "л", "ть", "ться", "ся", "сь",
	"ет", "ит", "ют", "ут", "ат", "ят", "ють", "ять", "ає", "яє", "ює", "ує", "іє", "ено", "ано", "ято", "ито", "ене", "ане", "яне", "ите", "ена", "ана", "ен", "ан", "но", "то"}

// titleNouns in an apposition after a Latin name make it a person or a
// body ("Marchenko, a press officer", "Kryvbas, the football club").
var titleNouns = toSet(`officer spokesman spokeswoman spokesperson commander analyst expert governor minister lawmaker reporter journalist
general colonel soldier volunteer deputy mayor adviser advisor chief leader head blogger correspondent club team company`)

// clubCues before a name make it a sports club (FC Oleksandriya, ФК
// «Олександрія» is quoted already).
var clubCues = toSet(`fc фк фк«`)

// riverVerbs two words before a name make it a river (впадает в Днепр).
var riverVerbs = toSet(`впадает впадає впадающей впадає протекает протікає`)

// enSayVerbs after a single capitalised Latin word make it a speaker:
// "Zaluzhnyi said", "Maliar wrote".
var enSayVerbs = toSet(`said says told added stated noted wrote writes claimed announced reported denied denies confirmed confirms insisted stressed explained warned emphasized emphasised`)
