package http

import "github.com/frontline-osint/frontline"

// The optional services: a field set on the Server, else the main service
// if it also does the work (control.Service is a LayerService that draws
// changes and compares layers), else nil: the route answers that this
// server cannot.

func (s *Server) changeGeoJSON() frontline.ChangeGeoJSONService {
	if s.ChangeGeoJSON != nil {
		return s.ChangeGeoJSON
	}
	g, _ := s.LayerService.(frontline.ChangeGeoJSONService)
	return g
}

func (s *Server) listComparer() frontline.ListComparer {
	if s.Lists != nil {
		return s.Lists
	}
	l, _ := s.LayerService.(frontline.ListComparer)
	return l
}

func (s *Server) disagreements() frontline.DisagreementService {
	if s.Disagreements != nil {
		return s.Disagreements
	}
	d, _ := s.LayerService.(frontline.DisagreementService)
	return d
}

func (s *Server) changeExplainer() frontline.ChangeExplainer {
	if s.ChangeExplainer != nil {
		return s.ChangeExplainer
	}
	x, _ := s.Claims.(frontline.ChangeExplainer)
	return x
}

func (s *Server) placeLister() frontline.PlaceLister {
	if s.PlaceLister != nil {
		return s.PlaceLister
	}
	p, _ := s.PlaceService.(frontline.PlaceLister)
	return p
}

func (s *Server) numberChecker() frontline.NumberChecker {
	if s.Numbers != nil {
		return s.Numbers
	}
	n, _ := s.Assessment.(frontline.NumberChecker)
	return n
}
