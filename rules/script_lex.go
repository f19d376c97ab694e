package rules

// A light C# tokenizer for script.csx. It knows enough of the lexical grammar that comments, string
// and character literals (regular, verbatim @"", interpolated $"" with nested holes, raw """ """)
// and preprocessor lines never produce false hits; it does not parse.

import "unsafe"

type rdTokKind uint8

const (
	rdTokIdent  rdTokKind = iota + 1 // identifiers and keywords (a leading @ is dropped from Text)
	rdTokNumber                      // numeric literal
	rdTokString                      // string literal of any form; Text is its content for plain and verbatim strings
	rdTokChar                        // character literal
	rdTokPunct                       // operator or punctuation; ==, !=, =>, ::, ?. and ?? are one token
)

type rdTok struct {
	Text       string
	Start, End int32     // a script is far smaller than 2 GB
	Kind       rdTokKind // the small fields last: 32 bytes a token
	Interp     bool      // an interpolated string: Text is not its value
}

// rdLexCSharp tokenizes src. It never fails: an unterminated literal or comment runs to the end.
func rdLexCSharp(src []byte) []rdTok {
	// Token texts are slices of src's bytes, which are never modified once read: no copy.
	text := ""
	if len(src) > 0 {
		text = unsafe.String(&src[0], len(src))
	}
	toks := make([]rdTok, 0, len(src)/6) // C# code averages a token per 5 to 9 bytes
	n := len(src)
	i := 0
	if n >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF {
		i = 3
	}
	lineStart := true
	for i < n {
		c := src[i]
		switch {
		case c == '\n':
			lineStart = true
			i++
			continue
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			i++
			continue
		case c == '#' && lineStart:
			// Preprocessor directive: to the end of the line.
			for i < n && src[i] != '\n' {
				i++
			}
			continue
		}
		lineStart = false
		start := i
		switch {
		case c == '/' && i+1 < n && src[i+1] == '/':
			for i < n && src[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < n && src[i+1] == '*':
			i += 2
			for i < n && !(src[i] == '*' && i+1 < n && src[i+1] == '/') {
				i++
			}
			i = min(i+2, n)
		case c == '"' || c == '\'' || c == '@' && i+1 < n && (src[i+1] == '"' || src[i+1] == '$') ||
			c == '$' && i+1 < n && (src[i+1] == '"' || src[i+1] == '@' || src[i+1] == '$'):
			tok := rdLexLiteral(src, text, i)
			toks = append(toks, tok)
			i = int(tok.End)
		case rdIdentStart(c) || c == '@' && i+1 < n && rdIdentStart(src[i+1]):
			if c == '@' {
				i++
			}
			s := i
			for i < n && rdIdentPart(src[i]) {
				i++
			}
			toks = append(toks, rdTok{Kind: rdTokIdent, Start: int32(start), End: int32(i), Text: text[s:i]})
		case c >= '0' && c <= '9' || c == '.' && i+1 < n && src[i+1] >= '0' && src[i+1] <= '9':
			for i < n && (rdIdentPart(src[i]) || src[i] == '.' && i+1 < n && src[i+1] >= '0' && src[i+1] <= '9') {
				i++
			}
			toks = append(toks, rdTok{Kind: rdTokNumber, Start: int32(start), End: int32(i), Text: text[start:i]})
		default:
			l := 1
			if i+1 < n {
				switch string(src[i : i+2]) {
				case "==", "!=", "=>", "::", "?.", "??", "&&", "||", "<=", ">=", "+=", "-=", "++", "--":
					l = 2
				}
			}
			i += l
			toks = append(toks, rdTok{Kind: rdTokPunct, Start: int32(start), End: int32(i), Text: text[start:i]})
		}
	}
	return toks
}

func rdIdentStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func rdIdentPart(c byte) bool { return rdIdentStart(c) || c >= '0' && c <= '9' }

// rdLexLiteral reads the string or character literal starting at i (its prefix included).
func rdLexLiteral(src []byte, text string, i int) rdTok {
	n := len(src)
	start := i
	verbatim, interp, dollars := false, false, 0
	for i < n && (src[i] == '@' || src[i] == '$') {
		if src[i] == '@' {
			verbatim = true
		} else {
			interp = true
			dollars++
		}
		i++
	}
	if i >= n {
		return rdTok{Kind: rdTokPunct, Start: int32(start), End: int32(n), Text: text[start:n]}
	}
	if src[i] == '\'' {
		i++
		for i < n && src[i] != '\'' && src[i] != '\n' {
			if src[i] == '\\' {
				i++
			}
			i++
		}
		i = min(i+1, n)
		return rdTok{Kind: rdTokChar, Start: int32(start), End: int32(i), Text: text[start:i]}
	}
	// Raw string literal: three or more quotes.
	q := 0
	for i+q < n && src[i+q] == '"' {
		q++
	}
	if q >= 3 {
		i += q
		s := i
		for i < n {
			if src[i] == '"' {
				k := 0
				for i+k < n && src[i+k] == '"' {
					k++
				}
				if k >= q {
					return rdTok{Kind: rdTokString, Start: int32(start), End: int32(i + k), Text: text[s:i], Interp: interp}
				}
				i += k
				continue
			}
			i++
		}
		return rdTok{Kind: rdTokString, Start: int32(start), End: int32(n), Text: text[s:n], Interp: interp}
	}
	i++ // opening quote
	s := i
	depth := 0 // inside an interpolation hole
	for i < n {
		c := src[i]
		if depth > 0 {
			switch {
			case c == '{':
				depth++
			case c == '}':
				depth--
			case c == '"' || c == '\'' || c == '@' && i+1 < n && src[i+1] == '"' || c == '$' && i+1 < n && (src[i+1] == '"' || src[i+1] == '@'):
				t := rdLexLiteral(src, text, i)
				i = int(t.End)
				continue
			}
			i++
			continue
		}
		switch {
		case c == '\\' && !verbatim:
			i += 2
			continue
		case c == '"':
			if verbatim && i+1 < n && src[i+1] == '"' {
				i += 2
				continue
			}
			return rdTok{Kind: rdTokString, Start: int32(start), End: int32(i + 1), Text: text[s:i], Interp: interp}
		case c == '\n' && !verbatim:
			return rdTok{Kind: rdTokString, Start: int32(start), End: int32(i), Text: text[s:i], Interp: interp}
		case interp && c == '{':
			if dollars <= 1 && i+1 < n && src[i+1] == '{' {
				i += 2
				continue
			}
			depth = 1
		}
		i++
	}
	return rdTok{Kind: rdTokString, Start: int32(start), End: int32(n), Text: text[s:n], Interp: interp}
}

// rdMatch returns the index of the token that closes the bracket at toks[i], or -1.
func rdMatch(toks []rdTok, i int) int {
	open := toks[i].Text
	var close string
	switch open {
	case "(":
		close = ")"
	case "{":
		close = "}"
	case "[":
		close = "]"
	default:
		return -1
	}
	depth := 0
	for k := i; k < len(toks); k++ {
		if toks[k].Kind != rdTokPunct {
			continue
		}
		switch toks[k].Text {
		case open:
			depth++
		case close:
			depth--
			if depth == 0 {
				return k
			}
		}
	}
	return -1
}

func rdIsIdent(t rdTok, name string) bool { return t.Kind == rdTokIdent && t.Text == name }

func rdIsPunct(t rdTok, p string) bool { return t.Kind == rdTokPunct && t.Text == p }
