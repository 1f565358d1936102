package extract

import (
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// The name part of an entity's key. Two spellings of one name that English
// news writes interchangeably fold to one key, so that they meet in one node
// in every article and across articles, without any state:
//
//   - case, and diacritics ("Nicolás" and "Nicolas", "Zürich" and "Zurich");
//   - a leading article ("The Canadian Press" and "Canadian Press");
//   - punctuation: apostrophes and full stops vanish ("U.S." and "US",
//     "Da'esh" and "Daesh"), other marks and spaces are one separator
//     ("ISIS-K" and "ISIS K", "Washington, D.C." and "Washington DC");
//   - the abbreviations of place names' first words ("St." and "Saint",
//     "Mt." and "Mount", "Ft." and "Fort"), of a country heading a longer
//     name ("U.S. Air Force", "United States Air Force") and "&" for "and";
//   - the connecting vowel of transliterated Urdu and Persian compounds,
//     written "-e-", "-i-" or "-e " ("Tehrik-e-Taliban", "Tehrik-i-Taliban").
//
// Initials are kept: "George H. W. Bush" and "George W. Bush" stay apart.

// nameWords splits a name into its folded words: lowercase letters and
// digits, diacritics removed, apostrophes and full stops dropped, the
// connecting vowel of a hyphenated compound removed.
func nameWords(name string) []string {
	var words []string
	var b strings.Builder
	hyphenBefore := false // the current word followed a hyphen
	end := func(sep rune) {
		if b.Len() == 0 {
			return
		}
		w := b.String()
		b.Reset()
		// "-e-", "-i-", "-e " after a word: a transliterated connector.
		if hyphenBefore && (w == "e" || w == "i") && len(words) > 0 && (sep == '-' || sep == ' ' || sep == 0) {
			return
		}
		words = append(words, w)
	}
	for _, r := range norm.NFD.String(name) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue // a combining accent
		case r == '\'' || r == '’' || r == '.' || r == 'ʻ' || r == 'ʼ':
			continue
		case r == '&':
			end(' ')
			hyphenBefore = false
			words = append(words, "and")
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if f, ok := foldLetters[r]; ok {
				b.WriteString(f)
			} else {
				b.WriteRune(unicode.ToLower(r))
			}
		default:
			end(r)
			hyphenBefore = r == '-' || r == '‐' || r == '–'
		}
	}
	end(0)
	if len(words) > 1 && words[0] == "the" {
		words = words[1:]
	}
	if len(words) > 1 {
		if full, ok := nameAbbreviations[words[0]]; ok {
			words[0] = full
		}
		// "U.S. Air Force" is the "United States Air Force".
		if full, ok := countryAbbreviations[words[0]]; ok {
			words = append(slices.Clone(full), words[1:]...)
		}
	}
	return words
}

// foldLetters are letters without a decomposition that English spells
// with plain ones.
var foldLetters = map[rune]string{
	'ø': "o", 'Ø': "o", 'ł': "l", 'Ł': "l", 'ß': "ss", 'æ': "ae", 'Æ': "ae",
	'œ': "oe", 'Œ': "oe", 'đ': "d", 'Đ': "d", 'ð': "d", 'þ': "th", 'ı': "i",
}

// nameAbbreviations are the short forms of a place name's first word.
var nameAbbreviations = map[string]string{"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}

// countryAbbreviations are the countries news abbreviates at the head of
// a longer name.
var countryAbbreviations = map[string][]string{"us": {"united", "states"}, "usa": {"united", "states"}, "uk": {"united", "kingdom"}}

// NameKey is the folded form of a name that an entity's key is made of:
// "The Canadian Press" and "Canadian Press" give "canadian-press",
// "St. Petersburg" and "Saint Petersburg" "saint-petersburg".
func NameKey(name string) string { return strings.Join(nameWords(name), "-") }
