package extract

import "strings"

// Roads are not their countries. "US 75", "U.S. 169": a country's
// abbreviation followed directly by a number of one to three digits
// designates a road, and the mention is the road's (a place), not the
// country's. A year ("UK 2019") or an amount ("US 2 million") is no road's
// number.

// roadNames turns a one-token abbreviation mention followed by a number
// into the road it designates.
func (x *Extractor) roadNames(a *analysis, ms []mention) []mention {
	if x.roles.Place == "" {
		return ms
	}
	for k := range ms {
		m := &ms[k]
		if m.Last != m.First+1 || m.Last >= len(a.toks) || m.Type == "" || !x.schema.IsA(m.Type, x.roles.Place) {
			continue
		}
		w := strings.ReplaceAll(a.toks[m.First].Text, ".", "")
		next := a.toks[m.Last].Text
		if len(w) < 2 || len(w) > 3 || !allCaps(w) || len(next) > 3 || !allDigits(next) ||
			m.Last+1 < len(a.toks) && x.lang.amountWords[lower(a.toks[m.Last+1].Text)] ||
			k+1 < len(ms) && ms[k+1].First == m.Last || a.toks[m.Last].Start != a.toks[m.First].End+1 {
			continue
		}
		*m = mention{First: m.First, Last: m.Last + 1, Type: x.roles.Place, Strength: byKeyword, Known: -1, AliasOf: -1}
	}
	return ms
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
