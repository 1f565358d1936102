package extract

// A place after a city and a comma is larger than the city: in "Seattle,
// Washington" and "Saratoga Springs, New York" the second name is the
// state, not the city the gazetteer knows by that name (Washington, D.C.,
// New York City). When the evidence lists know the name as a place of a
// larger kind, the mention takes that kind and names no known city.

// largerAfterCity retypes such mentions.
func (x *Extractor) largerAfterCity(a *analysis, ms []mention) []mention {
	for k := 1; k < len(ms); k++ {
		m, p := &ms[k], ms[k-1]
		if m.Known < 0 || m.Demonym || m.First < 2 || p.Last != m.First-1 || a.toks[p.Last].Text != "," || p.Type == "" {
			continue
		}
		rank := x.placeRank(x.lex.known[m.Known].Type)
		if rank < 0 || x.placeRank(p.Type) < 0 || x.placeRank(p.Type) > rank {
			continue
		}
		best, typ := rank, ""
		for _, t := range x.lex.evidenceTypesOf(joinText(a.toks, m.First, m.Last)) {
			if r := x.placeRank(t); r > best {
				best, typ = r, t
			}
		}
		if typ != "" {
			m.Type, m.Strength, m.Known = typ, byKeyword, -1
		}
	}
	return ms
}
