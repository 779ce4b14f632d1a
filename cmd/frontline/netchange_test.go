package main

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/frontline-osint/frontline"
)

// `frontline change` names its net figure as the API and the map do
// (frontline.NetChangeName), and prints net_km2.ukraine, the later day's
// Ukrainian-held area minus the earlier day's: not Ukraine's gains minus
// Russia's, which differ.
func TestChangeNetNamedAndDefined(t *testing.T) {
	db := changeDB(t)
	var res frontline.ChangeResult
	if err := json.Unmarshal([]byte(mustRun(t, db, "change", "--layer", "deepstate", "--from", "2022-09-06", "--to", "2022-09-13", "--json")), &res); err != nil {
		t.Fatal(err)
	}
	var in, out, toUA, toRU float64
	for _, tr := range res.Transitions {
		if tr.From == tr.To {
			continue
		}
		if tr.To == frontline.StatusUkraine {
			in += tr.AreaKm2
			toUA += tr.AreaKm2
		}
		if tr.From == frontline.StatusUkraine {
			out += tr.AreaKm2
		}
		if tr.To == frontline.StatusRussia {
			toRU += tr.AreaKm2
		}
	}
	net := res.NetKm2[frontline.StatusUkraine]
	if d := net - (in - out); d > 0.01 || d < -0.01 {
		t.Errorf("net_km2.ukraine %.2f; inflow minus outflow %.2f", net, in-out)
	}
	if d := net - (toUA - toRU); d > -1 && d < 1 {
		t.Logf("gains minus gains %.1f equals the net %.1f on this window: the test does not tell them apart", toUA-toRU, net)
	}
	human := mustRun(t, db, "change", "--layer", "deepstate", "--from", "2022-09-06", "--to", "2022-09-13")
	line := ""
	for _, l := range strings.Split(human, "\n") {
		if strings.HasPrefix(l, frontline.NetChangeName) {
			line = l
		}
	}
	if line == "" {
		t.Fatalf("no line starting %q in:\n%s", frontline.NetChangeName, human)
	}
	m := regexp.MustCompile(`ukraine ([+−-]?[0-9,.]+) km²`).FindStringSubmatch(line)
	if m == nil {
		t.Fatalf("no Ukrainian figure in %q", line)
	}
	v, err := strconv.ParseFloat(strings.NewReplacer(",", "", "−", "-", "+", "").Replace(m[1]), 64)
	if err != nil || fmt.Sprintf("%.0f", v) != fmt.Sprintf("%.0f", net) {
		t.Errorf("%q prints %s for Ukraine; net_km2.ukraine is %.1f", line, m[1], net)
	}
	t.Logf("%s; gained by Ukraine minus gained by Russia would be %+.1f", line, toUA-toRU)
}
