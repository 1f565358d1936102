package extract

import "strings"

// Languages are not places. "He speaks Danish", "translated into Greek",
// "in Japanese only": a nationality word standing alone as a noun names a
// language, and the country it is the demonym of is not mentioned. The same
// word before the noun it modifies ("Danish officials", "German and French
// diplomats") still refers to the country, after an article it names a
// people or a person ("the French", "a German"), and after a copula a
// nationality ("she is Danish").

// dropLanguages removes the one-word mentions that name a language
// (languageAt).
func (x *Extractor) dropLanguages(a *analysis, ms []mention) []mention {
	out := ms[:0]
	si := 0
	for _, m := range ms {
		for si < len(a.sents) && a.sents[si].Last <= m.First {
			si++
		}
		if m.Last == m.First+1 && si < len(a.sents) && x.languageAt(a.toks, a.sents[si], m.First) {
			continue
		}
		out = append(out, m)
	}
	return out
}

// languageAt reports whether toks[i], a capitalized word, names a language
// where it stands.
func (x *Extractor) languageAt(toks []Token, s Sentence, i int) bool {
	w := toks[i].Text
	if !x.lang.isCapitalized(w) || x.lex.givenNames[w] {
		return false
	}
	// Back over a coordination to its first word ("teaches Arabic and
	// English"), forward to its last ("German and French officials").
	first, last := i, i
	for first-2 >= s.First && coordinator(toks[first-1].Text) && x.lang.isCapitalized(toks[first-2].Text) {
		first -= 2
	}
	for last+2 < s.Last && coordinator(toks[last+1].Text) && x.lang.isCapitalized(toks[last+2].Text) {
		last += 2
	}
	before, after := "", ""
	if first > s.First {
		before = lower(toks[first-1].Text)
	}
	if last+1 < s.Last {
		after = lower(toks[last+1].Text)
	}
	if before == "into" && first-2 >= s.First && strings.HasPrefix(lower(toks[first-2].Text), "translat") {
		before = "translated" // "translated it into Greek"
	}
	if x.lang.languageNouns[after] || x.lang.languageVerbs[before] {
		return x.languageWord(w, true)
	}
	if x.lang.notLanguageBefore[before] || !x.languageWord(w, false) {
		return false
	}
	if last+1 < s.Last {
		next := toks[last+1]
		switch {
		case after == "'s" || after == "’s" || after == "-" || x.lang.speechVerbs[after]:
			return false
		case strings.HasPrefix(next.Tag, "NN") || strings.HasPrefix(next.Tag, "JJ") || next.Tag == "CD":
			return false // "Danish officials": the country's
		}
	}
	return true
}

// languageWord reports whether w can name a language: a nationality word
// the gazetteer knows (singular: "Danes" is a people), or one of English's
// nationality endings ("English", "Japanese"). In a language's frame
// ("speaks X", "the X language") any word that names no known place will do.
func (x *Extractor) languageWord(w string, framed bool) bool {
	if x.lex.peoples[w] {
		return false
	}
	h, n := x.lex.names.longest([]Token{{Text: w}}, 0, 1, exact)
	if n == 1 {
		return h.demonym
	}
	if strings.HasSuffix(w, "ish") || strings.HasSuffix(w, "ese") {
		return true
	}
	return framed
}

func coordinator(t string) bool { return t == "and" || t == "or" || t == "," }
