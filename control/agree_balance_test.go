package control

import (
	"math"
	"testing"

	"github.com/frontline-osint/frontline"
)

func TestBalancedMeetsTheMapsNetChange(t *testing.T) {
	r, u, c, k := frontline.StatusRussia, frontline.StatusUkraine, frontline.StatusContested, frontline.StatusUnknown
	m := transitionMatrix{
		{u, r}: 100, {r, u}: 20, {c, r}: 5, {u, c}: 10, {k, u}: 2,
		{r, r}: 5000, // the diagonal is left alone
	}
	// The cells' net change: russia +85, contested +5, unknown −2. The
	// maps say russia +85.3, contested +4.9, unknown −2.01.
	want := [3]float64{85.3, 4.9, -2.01}
	got, ok := balanced(m, want)
	if !ok {
		t.Fatal("not balanced")
	}
	net := got.net()
	for i, st := range balanceStatuses {
		if d := math.Abs(net[st] - want[i]); d > 1e-9 {
			t.Errorf("net %s = %.12f, want %.12f", st, net[st], want[i])
		}
	}
	if got[[2]frontline.Status{r, r}] != 5000 {
		t.Errorf("diagonal changed: %v", got[[2]frontline.Status{r, r}])
	}
	for key, v := range m {
		if key[0] != key[1] && math.Abs(got[key]-v) > maxBalanceRel*v {
			t.Errorf("%s→%s moved from %v to %v", key[0], key[1], v, got[key])
		}
	}
	if got[[2]frontline.Status{c, k}] != 0 {
		t.Error("a transition the cells did not see was made up")
	}

	// Already consistent: unchanged.
	if _, ok := balanced(m, [3]float64{85, 5, -2}); ok {
		t.Error("a consistent matrix was adjusted")
	}
	// A gap larger than noise (a cell under a wrong status) is left.
	if _, ok := balanced(m, [3]float64{95, 5, -2}); ok {
		t.Error("a 12 % gap was spread over the transitions")
	}
	// A status whose area changed without any transition in the cells.
	if _, ok := balanced(transitionMatrix{{u, r}: 100}, [3]float64{100, 0.5, 0}); ok {
		t.Error("balanced a change the cells did not see")
	}
}
