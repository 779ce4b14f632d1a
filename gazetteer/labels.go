package gazetteer

import "github.com/frontline-osint/frontline"

// AllPlaces returns every place of the gazetteer, settlements and watched
// sites, for lists such as a map's labels. The slice is shared: callers
// must not modify it.
func (g *Gazetteer) AllPlaces() []frontline.Place { return g.Places }
