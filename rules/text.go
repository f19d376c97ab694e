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

// asciiAlnumByte marks the ASCII letters and digits ([0-9A-Za-z], the ASCII part of \p{L} and \p{N}).
var asciiAlnumByte = func() (t [256]bool) {
	for c := range t {
		t[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	return
}()

// asciiIdentByte marks the bytes of \w ([0-9A-Za-z_]): identifiers, and the word characters of \b.
var asciiIdentByte = func() (t [256]bool) {
	for c := range t {
		t[c] = asciiAlnumByte[c] || c == '_'
	}
	return
}()
