package control

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
)

func sourceHash(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

func itoa(n int) string            { return strconv.Itoa(n) }
func strconvQuote(s string) string { return strconv.Quote(s) }
