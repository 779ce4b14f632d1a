package frontline

import (
	"context"
	"strconv"
	"strings"
)

// ResolveWatchPlace fills a watch's place from what a user typed: a place ID
// (KATOTTG code, site:slug), "LON,LAT" (front watches), or a name in any
// spelling (the best match, ranked by the watch's oblast if set). An empty
// ref leaves the watch as it is.
func ResolveWatchPlace(ctx context.Context, places PlaceService, w *Watch, ref string) error {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return nil
	}
	if lon, lat, ok := parseLonLat(ref); ok {
		if w.Kind != WatchFront {
			return Errorf(EINVALID, "a %s watch needs a place, not a point", w.Kind)
		}
		w.PlaceID, w.PlaceName, w.Lon, w.Lat = "", ref, lon, lat
		return nil
	}
	if places == nil {
		return Errorf(EINVALID, "no gazetteer to find %q", ref)
	}
	p, err := places.FindPlace(ctx, ref)
	if err != nil {
		cs, serr := places.SearchPlaces(ctx, PlaceQuery{Text: ref, Oblast: w.Oblast, Limit: 1})
		if serr != nil {
			return serr
		}
		if len(cs) == 0 {
			return Errorf(ENOTFOUND, "no place named %q", ref)
		}
		p = cs[0].Place
	}
	w.PlaceID, w.PlaceName, w.Lon, w.Lat = p.ID, p.Name, p.Lon, p.Lat
	return nil
}

func parseLonLat(s string) (lon, lat float64, ok bool) {
	a, b, found := strings.Cut(s, ",")
	if !found {
		return 0, 0, false
	}
	lon, err1 := strconv.ParseFloat(strings.TrimSpace(a), 64)
	lat, err2 := strconv.ParseFloat(strings.TrimSpace(b), 64)
	if err1 != nil || err2 != nil || lon < -180 || lon > 180 || lat < -90 || lat > 90 {
		return 0, 0, false
	}
	return lon, lat, true
}
