package control

// StoredWhole tells whether the service holds every row of a layer's
// stored transitions.
func StoredWhole(s *Service, layer string) bool {
	s.cells.mu.Lock()
	st := s.cells.stored[layer]
	s.cells.mu.Unlock()
	if st == nil {
		return false
	}
	_, whole := st.HeldBytes()
	return whole
}
