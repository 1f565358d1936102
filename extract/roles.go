package extract

// Role nouns are not names. "The Chief Justice wrote", "Mr. Chief Justice,
// may it please the Court": a person's title without a name after it, or a
// facility's head word alone ("the Church"), is capitalized as names are but names no one in particular, and
// taken as a name it would join every chief justice and every court of a
// corpus in one node.

// roleOnly reports whether tokens [f, l), after an article or a
// demonstrative, are only titles ("Mr. Chief Justice") or only a facility's
// head word that is no known name ("the Church"). An organization's head
// word alone is left: "the Coalition", "the Army" name the one the article
// is about.
func (x *Extractor) roleOnly(a *analysis, f, l int) bool {
	for f < l-1 {
		switch a.low[f] {
		case "the", "this", "that":
			f++
			continue
		}
		break
	}
	if l-f == 1 && x.buildingHead(a.toks[f].Text) && !x.knownAt(a.toks, f, l) {
		return true
	}
	// No name takes a demonstrative: "this Court", "that Agency".
	if l-f == 1 && f > 0 && x.lang.demonstratives[a.low[f-1]] && x.lex.keywords[a.toks[f].Text] != "" && !x.knownAt(a.toks, f, l) {
		return true
	}
	i := f
	for i < l {
		_, n := x.lex.titles.longest(a.toks, i, l, exact)
		if n == 0 {
			break
		}
		i += n
	}
	return i == l
}

// buildingHead reports whether w heads the names of places built, not of
// bodies: a type whose names may hold connectors (as organizations' and
// facilities' do) that is none of the schema's organizations ("Church",
// "Museum", not "Coalition").
func (x *Extractor) buildingHead(w string) bool {
	typ := x.lex.keywords[w]
	if typ == "" || !x.orgHead(w) {
		return false
	}
	for _, o := range x.roles.Organizations {
		if x.schema.Is(typ, o) {
			return false
		}
	}
	return true
}

// dateOnly reports whether tokens [f, l) are a date the recognizer took for a
// name: numbers and words that name no one (months, days), at least one of
// each ("4 April", "April 2016", "5-6 April 2016"). A number alone ("9/11")
// and a name with a number ("Apollo 11") are left.
func (x *Extractor) dateOnly(a *analysis, f, l int) bool {
	digits, words := 0, 0
	for i := f; i < l; i++ {
		switch t := a.toks[i].Text; {
		case isDigitStart(t):
			digits++
		case x.lang.notNames[t] || t == "," || t == "-":
			if t != "," && t != "-" {
				words++
			}
		default:
			return false
		}
	}
	return digits > 0 && words > 0
}
