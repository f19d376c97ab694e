package rules

import (
	"encoding/binary"
	"unsafe"
)

// isASCII reports whether s is plain ASCII.
func isASCII(s string) bool {
	b := unsafe.Slice(unsafe.StringData(s), len(s)) // read only
	i := 0
	for ; i+8 <= len(b); i += 8 { // eight bytes at a time
		if binary.LittleEndian.Uint64(b[i:])&0x8080808080808080 != 0 {
			return false
		}
	}
	for ; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
