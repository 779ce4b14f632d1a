package control

// FrontHeld tells whether the front of a snapshot is held.
func FrontHeld(s *Service, snapshotID int64) bool {
	s.frontMu.Lock()
	defer s.frontMu.Unlock()
	_, ok := s.fronts[snapshotID]
	return ok
}
