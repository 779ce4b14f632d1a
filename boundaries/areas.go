package boundaries

import "hash/crc32"

// The geodesic areas of the embedded file, in km², keyed by ISO code ("land"
// for the land): computing them took ~30 ms of CPU on every command that opens
// a store (half of `layer list`). They are used only while the file's
// checksum is knownAreasCRC; a regenerated file has its areas computed at load
// as before (and TestKnownAreas fails until this table is brought up to date:
// `go test ./boundaries -run TestKnownAreas -v` prints it).
const knownAreasCRC = 0xc07ea76a

var knownAreas = map[string]float64{
	"land":  589354.3704548355,
	"UA-05": 26468.857133849335,
	"UA-07": 20081.127565750405,
	"UA-09": 26676.495280060994,
	"UA-12": 31140.150508468025,
	"UA-14": 26487.78992776766,
	"UA-18": 29851.043516712765,
	"UA-21": 12751.081122074816,
	"UA-23": 25686.964439381045,
	"UA-26": 13920.048188071552,
	"UA-30": 795.6764816422153,
	"UA-32": 27088.285205376822,
	"UA-35": 24184.550778261626,
	"UA-40": 865.8760731606197,
	"UA-43": 24387.452881430465,
	"UA-46": 21831.210088731794,
	"UA-48": 23648.10293507254,
	"UA-51": 31717.323954809966,
	"UA-53": 27929.26274330612,
	"UA-56": 20065.200859745484,
	"UA-59": 23840.281155689045,
	"UA-61": 13831.681537051238,
	"UA-63": 31313.547695659636,
	"UA-65": 24478.097799657455,
	"UA-68": 20552.13710136666,
	"UA-71": 19920.03568493636,
	"UA-74": 31759.023481746273,
	"UA-77": 8083.0568530622195,
}

// areasKnown reports whether knownAreas are the areas of data.
func areasKnown(data []byte) bool {
	return crc32.Checksum(data, crc32.MakeTable(crc32.Castagnoli)) == knownAreasCRC
}
