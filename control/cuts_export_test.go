package control

// Recalled returns how many oblasts c took from the store's pieces.
func (c *Clipper) Recalled() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.recalled
}

// NoRecall makes s's clipper compute every oblast its memory does not
// hold, as before the store kept the oblasts' keys.
func NoRecall(s *Service) { s.Clipper.recall = nil }
