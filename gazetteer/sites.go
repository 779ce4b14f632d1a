package gazetteer

import (
	"fmt"
	"slices"

	"github.com/frontline-osint/frontline"
)

// site is a watched place entered by hand: a nuclear power plant or a dam.
// The point is the one the cited public reference gives (see
// data/README.md); host is the codifier settlement the site belongs to, which
// gives it its oblast, raion and hromada. Build fails if the host code and
// name disagree with the codifier.
type site struct {
	slug, kind         string
	nameEN, nameUK     string
	nameRU             string
	lat, lon           float64
	hostCode, hostName string
	aliases            []string
}

// sites: Ukraine's five nuclear power plants and the dams of the Dnipro
// cascade and the Oskil reservoir. Points (WGS84) from the English or
// Ukrainian Wikipedia infobox of each (listed in data/README.md).
var sites = []site{
	{
		slug: "zaporizhzhia-npp", kind: "npp",
		nameEN: "Zaporizhzhia Nuclear Power Plant", nameUK: "Запорізька атомна електростанція", nameRU: "Запорожская атомная электростанция",
		lat: 47.5119, lon: 34.5858, hostCode: "UA23040110010044100", hostName: "Енергодар",
		aliases: []string{"Zaporizhzhia NPP", "Zaporizhia NPP", "Zaporozhye NPP", "Zaporizhzhia nuclear plant", "ZNPP", "ZAES", "ЗАЕС", "ЗАЭС", "Запорізька АЕС", "Запорожская АЭС"},
	},
	{
		slug: "rivne-npp", kind: "npp",
		nameEN: "Rivne Nuclear Power Plant", nameUK: "Рівненська атомна електростанція", nameRU: "Ровенская атомная электростанция",
		lat: 51.3278, lon: 25.8917, hostCode: "UA56020030010034121", hostName: "Вараш",
		aliases: []string{"Rivne NPP", "Rovno NPP", "RNPP", "RAES", "РАЕС", "РАЭС", "Рівненська АЕС", "Ровенская АЭС"},
	},
	{
		slug: "khmelnytskyi-npp", kind: "npp",
		nameEN: "Khmelnytskyi Nuclear Power Plant", nameUK: "Хмельницька атомна електростанція", nameRU: "Хмельницкая атомная электростанция",
		lat: 50.3014, lon: 26.6498, hostCode: "UA68060170010043609", hostName: "Нетішин",
		aliases: []string{"Khmelnytskyi NPP", "Khmelnitsky NPP", "KhNPP", "KhAES", "ХАЕС", "ХАЭС", "Хмельницька АЕС", "Хмельницкая АЭС"},
	},
	{
		slug: "south-ukraine-npp", kind: "npp",
		nameEN: "South Ukraine Nuclear Power Plant", nameUK: "Південноукраїнська атомна електростанція", nameRU: "Южно-Украинская атомная электростанция",
		lat: 47.8167, lon: 31.2167, hostCode: "UA48040250010045068", hostName: "Південноукраїнськ",
		aliases: []string{"South Ukraine NPP", "South Ukrainian NPP", "Pivdennoukrainsk NPP", "Yuzhnoukrainsk NPP", "SUNPP", "PAES", "ПАЕС", "ЮУАЕС", "ЮУАЭС", "Південноукраїнська АЕС", "Южноукраїнська АЕС", "Южно-Украинская АЭС"},
	},
	{
		slug: "chornobyl-npp", kind: "npp",
		nameEN: "Chornobyl Nuclear Power Plant", nameUK: "Чорнобильська атомна електростанція", nameRU: "Чернобыльская атомная электростанция",
		lat: 51.3896, lon: 30.0991, hostCode: "UA32000000010085013", hostName: "Прип’ять",
		aliases: []string{"Chornobyl NPP", "Chernobyl NPP", "Chernobyl Nuclear Power Plant", "ChNPP", "ChAES", "ЧАЕС", "ЧАЭС", "Чорнобильська АЕС", "Чернобыльская АЭС"},
	},
	{
		slug: "kakhovka-dam", kind: "dam",
		nameEN: "Kakhovka Dam", nameUK: "Каховська ГЕС", nameRU: "Каховская ГЭС",
		lat: 46.7761, lon: 33.3715, hostCode: "UA65060170010075325", hostName: "Нова Каховка",
		aliases: []string{"Kakhovka Hydroelectric Power Plant", "Kakhovka HPP", "Nova Kakhovka dam", "Kakhovka dam", "Каховська гребля", "Каховская плотина"},
	},
	{
		slug: "dnipro-hpp", kind: "hpp",
		nameEN: "Dnipro Hydroelectric Station", nameUK: "Дніпровська ГЕС", nameRU: "Днепровская ГЭС",
		lat: 47.8692, lon: 35.0869, hostCode: "UA23060070010069526", hostName: "Запоріжжя",
		aliases: []string{"DniproHES", "Dnipro HPP", "Dnieper Hydroelectric Station", "DneproGES", "Dnipro Dam", "ДніпроГЕС", "ДнепроГЭС"},
	},
	{
		slug: "kremenchuk-hpp", kind: "hpp",
		nameEN: "Kremenchuk Hydroelectric Power Plant", nameUK: "Кременчуцька ГЕС", nameRU: "Кременчугская ГЭС",
		lat: 49.0775, lon: 33.2506, hostCode: "UA35080170010073614", hostName: "Світловодськ",
		aliases: []string{"Kremenchuk HPP", "Kremenchug HPP", "Kremenchuk Dam"},
	},
	{
		slug: "kaniv-hpp", kind: "hpp",
		nameEN: "Kaniv Hydroelectric Power Plant", nameUK: "Канівська ГЕС", nameRU: "Каневская ГЭС",
		lat: 49.7665, lon: 31.4717, hostCode: "UA71080150010077910", hostName: "Канів",
		aliases: []string{"Kaniv HPP", "Kanev HPP", "Kaniv Dam"},
	},
	{
		slug: "kyiv-hpp", kind: "hpp",
		nameEN: "Kyiv Hydroelectric Power Plant", nameUK: "Київська ГЕС", nameRU: "Киевская ГЭС",
		lat: 50.5883, lon: 30.5123, hostCode: "UA32100010010059200", hostName: "Вишгород",
		aliases: []string{"Kyiv HPP", "Kiev HPP", "Kyiv Dam", "Vyshhorod dam"},
	},
	{
		slug: "middle-dnipro-hpp", kind: "hpp",
		nameEN: "Middle Dnipro Hydroelectric Power Plant", nameUK: "Середньодніпровська ГЕС", nameRU: "Среднеднепровская ГЭС",
		lat: 48.5480, lon: 34.5413, hostCode: "UA12040150010056523", hostName: "Кам’янське",
		aliases: []string{"Middle Dnipro HPP", "Middle Dnieper HPP", "Kamianske HPP", "Dniprodzerzhynsk HPP", "Кам'янська ГЕС", "Дніпродзержинська ГЕС", "Днепродзержинская ГЭС"},
	},
	{
		slug: "oskil-dam", kind: "dam",
		nameEN: "Oskil Dam", nameUK: "Оскільська ГЕС", nameRU: "Оскольская ГЭС",
		lat: 49.1769, lon: 37.4725, hostCode: "UA63040130010024034", hostName: "Оскіл",
		aliases: []string{"Oskil HPP", "Oskil reservoir dam", "Chervonyi Oskil dam", "Krasnooskolskaya dam", "Червонооскільська ГЕС", "Краснооскольская ГЭС", "Оскільська гребля"},
	},
}

// sitePlaces turns the site table into places attached to their host
// settlements' oblast, raion and hromada.
func (b *builder) sitePlaces() ([]frontline.Place, error) {
	out := make([]frontline.Place, 0, len(sites))
	seen := map[string]bool{}
	for _, st := range sites {
		id := "site:" + st.slug
		if seen[id] {
			return nil, fmt.Errorf("gazetteer: duplicate site %s", id)
		}
		seen[id] = true
		hi, ok := b.byCode[st.hostCode]
		if !ok || b.settlements[hi].nameUK != st.hostName {
			return nil, fmt.Errorf("gazetteer: site %s: host %s %q is not in the codifier", id, st.hostCode, st.hostName)
		}
		h := &b.settlements[hi]
		o := oblasts[h.oblast]
		p := frontline.Place{
			ID: id, Kind: st.kind, Name: st.nameEN, NameUK: st.nameUK, NameRU: st.nameRU,
			Oblast: o.Name, OblastISO: o.ISO,
			Raion: b.raionName[h.raion], Hromada: b.hromadaName[h.hromada],
			Lon: st.lon, Lat: st.lat, PointSource: "site",
		}
		p.Names = placeNames(p.NameUK, p.NameRU, "")
		for _, a := range append([]string{st.nameEN}, st.aliases...) {
			if !slices.Contains(p.Names, a) {
				p.Names = append(p.Names, a)
			}
		}
		out = append(out, p)
	}
	return out, nil
}
