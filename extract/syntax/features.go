package syntax

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Clusters gives a lowercased word's k-means clusters, coarse to fine (kg's
// schemas.WordClusters); nil means no clusters.
type Clusters interface {
	Get(word string) ([4]uint16, bool)
}

// hashString is 64-bit FNV-1a.
func hashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

func mix(h, v uint64) uint64 {
	h = (h ^ v) * 0xff51afd7ed558ccd
	return h ^ h>>33
}

// feat hashes a template number and its values into a feature (never 0).
// Features keep 40 bits: few enough to store compactly, many enough that
// two of a model's features rarely collide.
func feat1(t, a uint64) uint64    { return mix(mix(t*0x9E3779B97F4A7C15, a), 1)&featMask | 1 }
func feat2(t, a, b uint64) uint64 { return mix(mix(mix(t*0x9E3779B97F4A7C15, a), b), 2)&featMask | 1 }
func feat3(t, a, b, c uint64) uint64 {
	return mix(mix(mix(mix(t*0x9E3779B97F4A7C15, a), b), c), 3)&featMask | 1
}

const featMask = 1<<40 - 1

// lex is what the tagger and parser read of a word, computed once a token.
type lex struct {
	norm    uint64 // lowercased form, digits as 0
	shape   uint64
	suffix  [4]uint64
	prefix  [3]uint64
	cluster [4]uint64 // 0 when unknown
	flags   uint64
}

// Pseudo-words for positions outside the sentence.
var (
	hashNone  = hashString("<none>")
	hashRoot  = hashString("<root>")
	hashStart = hashString("<s>")
	hashEnd   = hashString("</s>")
)

func newLex(form string, clusters Clusters) lex {
	lower := strings.ToLower(form)
	norm := lower
	if strings.ContainsAny(norm, "0123456789") {
		norm = strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return '0'
			}
			return r
		}, norm)
	}
	x := lex{norm: hashString(norm), shape: hashShape(form)}
	if utf8.ValidString(lower) {
		// The affixes' bytes are lower's own: no runes or strings made.
		n := utf8.RuneCountInString(lower)
		end := len(lower)
		for k := 1; k <= 4; k++ {
			if n > k {
				_, size := utf8.DecodeLastRuneInString(lower[:end])
				end -= size
				x.suffix[k-1] = hashString(lower[end:])
			} else {
				x.suffix[k-1] = x.norm
			}
		}
		end = 0
		for k := 1; k <= 3; k++ {
			if n > k {
				_, size := utf8.DecodeRuneInString(lower[end:])
				end += size
				x.prefix[k-1] = hashString(lower[:end])
			} else {
				x.prefix[k-1] = x.norm
			}
		}
	} else {
		// Invalid bytes become U+FFFD in the affixes.
		runes := []rune(lower)
		for k := 1; k <= 4; k++ {
			if len(runes) > k {
				x.suffix[k-1] = hashString(string(runes[len(runes)-k:]))
			} else {
				x.suffix[k-1] = x.norm
			}
			if k <= 3 {
				if len(runes) > k {
					x.prefix[k-1] = hashString(string(runes[:k]))
				} else {
					x.prefix[k-1] = x.norm
				}
			}
		}
	}
	if clusters != nil {
		if c, ok := clusters.Get(lower); ok {
			for k := range c {
				x.cluster[k] = uint64(c[k]) + 1
			}
		}
	}
	var f uint64
	r, _ := utf8.DecodeRuneInString(form)
	if unicode.IsUpper(r) {
		f |= 1
	}
	if strings.ContainsRune(form, '-') {
		f |= 2
	}
	if strings.ContainsAny(form, "0123456789") {
		f |= 4
	}
	if lower != form && strings.ToUpper(form) == form {
		f |= 8
	}
	if strings.IndexFunc(form, func(r rune) bool { return !unicode.IsPunct(r) && !unicode.IsSymbol(r) }) < 0 {
		f |= flagPunct
	}
	x.flags = f
	return x
}

// flagPunct marks a word of punctuation and symbols only.
const flagPunct = 16

// shape maps letters to X or x and digits to d, runs of the same longer
// than two shortened: "McCain" -> "XxXxx", "2024" -> "dd", "U.S." -> "X.X.".
func shape(s string) string {
	var b strings.Builder
	eachShape(s, func(c rune) { b.WriteRune(c) })
	return b.String()
}

// hashShape is hashString(shape(s)), without making the string.
func hashShape(s string) uint64 {
	h := uint64(14695981039346656037)
	var enc [utf8.UTFMax]byte
	eachShape(s, func(c rune) {
		for _, x := range utf8.AppendRune(enc[:0], c) {
			h ^= uint64(x)
			h *= 1099511628211
		}
	})
	return h
}

// eachShape calls put with each rune of s's shape in turn.
func eachShape(s string, put func(rune)) {
	var last rune
	run := 0
	for _, r := range s {
		var c rune
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		default:
			c = r
		}
		if c == last {
			run++
			if run >= 2 {
				continue
			}
		} else {
			run = 0
		}
		last = c
		put(c)
	}
}
