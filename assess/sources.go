package assess

import (
	"github.com/frontline-osint/frontline"
)

// Registry matches publishers and speakers to known sources
// (frontline.SourceRegistry) and grades claim views from them.
type Registry struct {
	*frontline.SourceRegistry
}

// NewRegistry returns a registry of sources.
func NewRegistry(sources []*frontline.Source) *Registry {
	return &Registry{frontline.NewSourceRegistry(sources)}
}

// Grade fills a claim view's source and speaker grades from the registry
// where they are missing: the publisher by its name, the speaker by its
// phrase.
func (g *Registry) Grade(v *frontline.ClaimView) {
	if v.SourceReliability == "" {
		if src := g.Match(v.Source); src != nil {
			v.Source, v.SourceKind, v.SourceSide, v.SourceReliability = src.Name, src.Kind, src.Side, src.Reliability
		}
	}
	if v.SpeakerSource == "" && v.Speaker != "" {
		if src := g.Speaker(v.Speaker); src != nil {
			v.SpeakerSource, v.SpeakerReliability = src.Name, src.Reliability
			if v.SpeakerSide == "" {
				v.SpeakerSide = src.Side
			}
		}
	}
}
