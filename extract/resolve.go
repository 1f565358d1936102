package extract

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// entity is one resolved entity of an article, before output.
type entity struct {
	id, name, typ string
	strength      int
	known         int
	aliases       []string
	mentions      []int
	dropped       bool
}

// describedAsOrganization reports whether a name is followed by ", a" or
// ", an" and, within four words and no punctuation, a noun of
// organizationNouns: "Sun Hung Kai Properties, a Hong Kong construction
// firm".
//
// At extraction, also a description of what the name belongs to, after
// or before it: "Fjordbank, Norway's largest bank,", "Norway's largest
// bank, Fjordbank,", "the Norwegian lender Fjordbank" (ownedDescription).
func (w *wordLists) describedAsOrganization(a *analysis, m mention) bool {
	s := a.sents[a.toks[m.First].Sent]
	k := m.Last
	if k+2 >= s.Last || a.low[k] != "," || a.low[k+1] != "a" && a.low[k+1] != "an" {
		return false
	}
	j := w.descriptionNoun(a, s, k+2, w.organizationNouns)
	if j < 0 {
		return false
	}
	// The noun must head the description: "a ruling party lawmaker" is a
	// person; "a member of" names no kind.
	next := j + 1
	return next >= s.Last || a.low[next] != "of" && !(startsLower(a.toks[next].Text) && strings.HasPrefix(a.toks[next].Tag, "NN"))
}

// onlyPlace reports whether the evidence lists know the word as places
// alone, and the census not as a given name or a surname.
func (x *Extractor) onlyPlace(w string) bool {
	types := x.lex.evidenceTypesOf(w)
	if len(types) == 0 || x.lex.givenNames[w] || x.lex.evidenceGiven[w] || x.lex.surnames[w] {
		return false
	}
	for _, t := range types {
		if !x.isPlace(t) {
			return false
		}
	}
	return true
}

// placeEvidence reports whether the evidence lists or the known names
// give name a place type.
func (x *Extractor) placeEvidence(name string) bool {
	for _, t := range x.lex.evidenceTypesOf(name) {
		if x.isPlace(t) {
			return true
		}
	}
	_, known := x.lex.knownIn[name]
	return known || x.lex.root(name)
}

// orgPhraseBefore reports whether mention m follows, past a "the", a
// phrase of a relation type of people whose object may be an organization
// and never a place ("works for", "employed by"; ruleSet.orgObjectPhrases).
func (x *Extractor) orgPhraseBefore(a *analysis, m mention) bool {
	s := a.sents[a.toks[m.First].Sent]
	end := m.First
	if end > s.First && a.low[end-1] == "the" {
		end--
	}
phrases:
	for _, words := range x.rules.orgObjectPhrases {
		if end-len(words) < s.First {
			continue
		}
		for i, w := range words {
			if a.low[end-len(words)+i] != w {
				continue phrases
			}
		}
		return true
	}
	return false
}

// orgRoleAfter reports whether mention m owns, by "'s" and past up to
// two modifiers, a role noun of a relation type of people whose object may
// be an organization and never a place ("Nordbank's chief economist").
func (x *Extractor) orgRoleAfter(a *analysis, m mention) bool {
	s := a.sents[a.toks[m.First].Sent]
	k := m.Last
	if k >= s.Last || a.low[k] != "'s" && a.low[k] != "’s" {
		return false
	}
	for j := k + 1; j < s.Last && j <= k+3; j++ {
		if rel, n := x.rules.nouns.longest(a.toks, j, s.Last, lower); n > 0 {
			if _, n2 := x.rules.nouns.longest(a.toks, j+n, s.Last, lower); n2 > 0 {
				continue // "chief economist": the last noun is the role
			}
			return x.rules.orgObjectTypes[rel]
		}
		if a.byToken[j] >= 0 || !x.lang.modifierWord(a.toks[j]) {
			return false
		}
	}
	return false
}

// surnameInArticle reports whether word w ends or opens (a surname
// written first: "Adachi Kenzō") a name of two or more words that the
// recognizer or the words around it make a person's.
func (x *Extractor) surnameInArticle(a *analysis, w string) bool {
	for _, m := range a.mentions {
		if m.Last-m.First > 1 && m.Type == x.roles.Person && (a.toks[m.Last-1].Text == w || a.toks[m.First].Text == w) {
			return true
		}
	}
	return false
}

// ownedDescription reports whether a name stands in apposition to a
// noun of organizationNouns that heads a phrase opened by a possessive or
// "the": after it, between commas or to the sentence's end ("Fjordbank,
// Norway's largest bank, said"; "Fjordbank, the country's biggest
// lender."), or before it, ending right before the name or at a comma
// the name's own comma closes ("Norway's largest bank, Fjordbank, said"),
// or without the comma opening the sentence ("The Norwegian lender
// Fjordbank said"). "He robbed a bank, Karl Ek said", "Karl Ek, the
// bank's chief" and "the bank Karl Ek founded" describe no name as a bank.
func (w *wordLists) ownedDescription(a *analysis, s Sentence, m mention) bool {
	heads := func(j int) bool {
		next := j + 1
		return next >= s.Last || a.low[next] == "," || a.low[next] == "." || a.low[next] == ";"
	}
	opens := func(k int) bool { return a.low[k] == "the" || a.low[k] == "'s" || a.low[k] == "’s" }
	// After: ", the ... noun" or ", X's ... noun" ("the country's"),
	// closed by a comma or the sentence's end.
	if k := m.Last; k+2 < s.Last && a.low[k] == "," {
		if j := w.descriptionNoun(a, s, k+2, w.organizationNouns); a.low[k+1] == "the" && j >= 0 && heads(j) {
			return true
		}
		for i := k + 2; i < s.Last && i < k+5; i++ {
			if a.low[i] != "'s" && a.low[i] != "’s" {
				continue
			}
			// The owner: one name, or "the" and a noun.
			mi := a.byToken[k+1]
			owner := mi >= 0 && a.mentions[mi].First == k+1 && a.mentions[mi].Last == i ||
				a.low[k+1] == "the" && i == k+3 && startsLower(a.toks[k+2].Text)
			if j := w.descriptionNoun(a, s, i+1, w.organizationNouns); owner && j >= 0 && heads(j) {
				return true
			}
			break
		}
	}
	// Before: "[the|X's] ... noun[,] Name", the comma closed after it.
	j := m.First - 1
	comma := j >= s.First && a.low[j] == ","
	if comma {
		j--
		if m.Last < s.Last && a.low[m.Last] != "," {
			return false
		}
	}
	if j < s.First || !w.organizationNouns[a.low[j]] || !startsLower(a.toks[j].Text) {
		return false
	}
	for i := j - 1; i >= s.First && i >= j-4; i-- {
		if opens(i) {
			// Without the comma only as the sentence's subject: "the bank
			// Karl Ek founded" is his.
			return (comma || a.low[i] == "the" && i == s.First) && w.descriptionNoun(a, s, i+1, w.organizationNouns) == j
		}
		if mi := a.byToken[i]; mi >= 0 && !a.mentions[mi].Demonym && !(i+1 < s.Last && opens(i+1)) {
			return false
		}
	}
	return false
}

// listedType is the kind of the plural noun that lists a name as an
// example, or "": the name follows "including" or "such as" after the noun
// (past the place the noun is in), or follows such a name in a list: "key
// towns in Northern Iraq including Rabiyah and Zumar" (places), "armed
// groups such as the Nordland Front" (organizations), as kindOfNoun reads
// the noun; a noun of people ("leaders including") types no one here, as
// the recognizer knows people better. A place lists places ("Hordaland,
// including Voss"), never people.
func (x *Extractor) listedType(a *analysis, mi int) string {
	toks := a.toks
	m := a.mentions[mi]
	s := a.sents[toks[m.First].Sent]
	// Back over the names listed before this one: "Rabiyah and Zumar".
	k := m.First - 1
	for n := 0; n < 8 && k >= s.First; n++ {
		w := a.low[k]
		if w == "," || w == "and" || w == "or" {
			k--
			continue
		}
		if j := a.byToken[k]; j >= 0 && !a.mentions[j].Shadow {
			k = a.mentions[j].First - 1
			continue
		}
		break
	}
	including := false
	switch {
	case k >= s.First && a.low[k] == "including":
		k--
		including = true
	case k > s.First+1 && a.low[k] == "as" && a.low[k-1] == "such":
		k -= 2
	default:
		return ""
	}
	if k < s.First {
		return ""
	}
	if a.low[k] == "," && k > s.First {
		k-- // "Hordaland, including Voss", "villages in Borno, such as"
	}
	// Past the place the noun is in: "towns in Northern Iraq including";
	// a place itself lists places ("Halychyna including Pokuttia"), but
	// not people: "people from Kestrelby, including Tomas Berglund".
	place := ""
	if j := a.byToken[k]; j >= 0 {
		p := a.mentions[j]
		if p.Type != "" && !p.Demonym && x.isPlace(p.Type) && including && !x.isPerson(m.Type) {
			place = rootType(x, p.Type)
		}
		k = p.First - 1
		for k > s.First && (a.low[k] == "the" || x.lang.directions[toks[k].Text] || x.lang.partOfPlace[a.low[k]]) {
			k-- // "towns in northern Somalia"
		}
		if k <= s.First || !x.lang.locativePreps[a.low[k]] {
			return place
		}
		// "Leaders in Norway including Karl Ek": the noun before the
		// place says what is listed, whatever its kind.
		k--
		place = ""
	}
	// A plural lists examples of its kind ("towns including"); a singular
	// does not ("members of the party, including Karl Ek").
	if k < s.First || toks[k].Tag != "NNS" && !(k == s.First && toks[k].Tag == "NNPS") || a.byToken[k] >= 0 || !strings.HasSuffix(a.low[k], "s") {
		return place
	}
	return x.kindOfNoun(a.low[k], m)
}

// kindOfNoun is the type a common noun, singular or plural, names: a head
// word of a schema type ("church", "provinces"), a noun of places
// ("towns": the place type), an organization noun ("groups"), which never
// retypes the recognizer's person (m); "" otherwise. A person the
// recognizer named in two words or more ("Tomas Berglund") is never
// retyped: only a single word ("Rabiyah") is so unsure.
func (x *Extractor) kindOfNoun(w string, m mention) string {
	if x.isPerson(m.Type) && m.Last-m.First > 1 {
		return ""
	}
	forms := []string{w}
	if sg, ok := strings.CutSuffix(w, "ies"); ok {
		forms = append(forms, sg+"y")
	}
	if sg, ok := strings.CutSuffix(w, "es"); ok {
		forms = append(forms, sg)
	}
	if sg, ok := strings.CutSuffix(w, "s"); ok {
		forms = append(forms, sg)
	}
	for _, f := range forms {
		if typ := x.lex.keywordOf(f); typ != "" {
			return typ
		}
		if x.lang.placeNouns[f] && x.roles.Place != "" {
			return x.roles.Place
		}
		if x.lang.organizationNouns[f] && len(x.roles.Organizations) > 0 && !x.isPerson(m.Type) {
			return x.roles.Organizations[0]
		}
	}
	return ""
}

// predicateType is the kind a copula says a name is, or "": the head noun
// after "is a", "was an" and the like, within eight words, when the noun is a head word of the
// schema's types ("a Rococo church": Facility; "a small town": the place
// type; "a production company": an organization) or one of the
// language's organization nouns. Those alone ("producer", "publisher")
// may name a person's trade, so they never retype the recognizer's person.
func (x *Extractor) predicateType(a *analysis, m mention) string {
	s := a.sents[a.toks[m.First].Sent]
	k := m.Last
	if k+2 >= s.Last || !x.lang.beForms[a.low[k]] || a.low[k] == "'s" || a.low[k+1] != "a" && a.low[k+1] != "an" {
		return ""
	}
	// The head is the last noun of the description ("a television and
	// film production company"), before punctuation, a preposition or a
	// word of another kind ("a mountain in Kiruna", "a town that").
	head := -1
	for j := k + 2; j < s.Last && j < k+10; j++ {
		t := a.toks[j]
		if r, _ := utf8.DecodeRuneInString(t.Text); !unicode.IsLetter(r) || x.lang.prepositions[a.low[j]] || x.lang.relPronouns[a.low[j]] {
			break
		}
		if startsLower(t.Text) && strings.HasPrefix(t.Tag, "NN") {
			head = j
		} else if head >= 0 && a.low[j] != "and" {
			break
		}
	}
	// The name must be what the description is said of: the copula's
	// subject ("The firm that hired Tomas Berglund is a bank" says nothing
	// of him).
	if h := spanHead(a.toks, span{first: m.First, last: m.Last}); head < 0 || a.toks[h].Head != head || !isRel(a.toks[h].Rel, "nsubj") {
		return ""
	}
	return x.kindOfNoun(a.low[head], m)
}

// typeByContext types the names that neither the gazetteer nor a head word
// typed, from the words around them.
func (x *Extractor) typeByContext(a *analysis) {
	toks := a.toks
	// "Helder Power, a wind-farm operator based in Rotterdam": a description
	// in apposition says what the name is more surely than the recognizer.
	for mi := range a.mentions {
		m := &a.mentions[mi]
		// At extraction also what the name is as something's ("Fjordbank,
		// Norway's largest bank,"), unless it has a person's two names
		// ("Verity Lambert, the television producer": a producer may be
		// either).
		owned := func() bool {
			twoNames := m.Last-m.First > 1 && (m.Type == x.roles.Person || x.lex.givenNames[toks[m.First].Text] || x.lex.evidenceGiven[toks[m.First].Text])
			return !a.gold && !twoNames && x.lang.ownedDescription(a, a.sents[toks[m.First].Sent], *m)
		}
		if !m.Shadow && !m.Demonym && (m.Strength == byModel || m.Type == "") && len(x.roles.Organizations) > 0 && (x.lang.describedAsOrganization(a, *m) || owned()) {
			m.setType(x.roles.Organizations[0], byDescription)
		}
		// A word the place lists alone know, no census name and not the
		// last word of a person's name in the article ("Juan Carlos Muñoz
		// ... Muñoz played"), nor a verb's active subject ("Lehi, also
		// known as the Stern Gang, assassinated"), is no person: "Latvia
		// captured Narva", "attacked Narva, killing" (at extraction only).
		if !a.gold && m.Strength == byModel && m.Type == x.roles.Person && m.Last-m.First == 1 && x.onlyPlace(toks[m.First].Text) && !x.surnameInArticle(a, toks[m.First].Text) &&
			!(isRel(toks[m.First].Rel, "nsubj") && !isRel(toks[m.First].Rel, "nsubj:pass")) {
			typ := x.roles.Place
			if types := x.lex.evidenceTypesOf(toks[m.First].Text); len(types) == 1 && x.schema.Is(types[0], x.roles.Place) {
				typ = types[0] // "City": a city lies in no other city
			}
			m.setType(typ, byDescription)
		}
		// A name no place list knows, after a phrase whose object is an
		// organization and never a place, or owning a role noun of such a
		// relation, is an organization: "Karl Ek works for Nordbank",
		// "Nordbank's chief economist" (at extraction only).
		if !a.gold && m.Strength == byModel && x.isPlace(m.Type) && !x.placeEvidence(a.text(*m)) && len(x.roles.Organizations) > 0 && (x.orgPhraseBefore(a, *m) || x.orgRoleAfter(a, *m)) {
			m.setType(x.roles.Organizations[0], byDescription)
		}
		// What a name is said to be is its kind: "key towns in Northern
		// Iraq including Rabiyah and Zumar" (the names a noun lists; a
		// narrower type already given stays), "Kiirunavaara is a mountain
		// in Kiruna" (a copula). It corrects the recognizer's guess, never
		// an annotation's class (training's mentions, analysis.gold).
		if !a.gold && !m.Shadow && !m.Demonym && (m.Strength == byModel || m.Type == "") {
			if typ := x.listedType(a, mi); typ != "" && (m.Type == "" || !x.schema.Is(m.Type, typ)) {
				m.Type, m.Strength = typ, byDescription
			} else if typ := x.predicateType(a, *m); typ != "" {
				m.setType(typ, byDescription)
			}
		}
	}
	for mi := range a.mentions {
		m := &a.mentions[mi]
		if m.Strength >= byTitle || m.Shadow {
			continue
		}
		s := a.sents[toks[m.First].Sent]
		// "its leader, Abu Bakr al Baghdadi", "Pakistani national Hafiz Saeed Khan".
		k := m.First - 1
		if k >= s.First && toks[k].Text == "," {
			k--
		}
		if x.roles.Person != "" {
			if k >= s.First && x.rules.personNoun(lower(toks[k].Text)) {
				m.setType(x.roles.Person, byContext)
				continue
			}
			// "Sanaullah Ghafari, also known as ..., is the group's current overall emir."
			if noun, _ := x.roleAfter(a, m.Last, s); noun >= 0 && x.rules.personNoun(lower(toks[noun].Text)) {
				m.setType(x.roles.Person, byContext)
				continue
			}
			if m.Last < s.Last && x.lang.speechVerbs[toks[m.Last].Text] && (m.Last-m.First > 1 || m.Strength > 0) {
				m.setType(x.roles.Person, byContext)
				continue
			}
		}
		if m.Type == "" && !(m.Last-m.First == 1 && x.lang.directions[toks[m.First].Text]) {
			k := m.First - 1
			if k > s.First && toks[k].Text == "the" {
				k--
			}
			if k >= s.First && x.lang.locativePreps[toks[k].Text] && x.roles.Place != "" {
				m.setType(x.roles.Place, byContext)
			}
		}
	}
	// "jails in Bagram or Pul-e-Charkhi": a name joined to a typed one by "or",
	// "and" or a comma is of its type.
	for pass := 0; pass < 2; pass++ {
		for mi := range a.mentions {
			m := &a.mentions[mi]
			if m.Shadow || m.Type != "" && m.Strength != byModel || m.Last-m.First == 1 && x.lang.directions[toks[m.First].Text] {
				continue
			}
			for _, other := range []int{mi - 1, mi + 1} {
				if other < 0 || other >= len(a.mentions) {
					continue
				}
				o := a.mentions[other]
				if o.Type == "" || o.Demonym || !x.schema.Is(o.Type, x.roles.Place) && !x.schema.Is(o.Type, x.roles.Person) {
					continue
				}
				// A recognized name yields only to a known one: "Kandahar
				// or Kajaki" makes Kajaki a place even if the recognizer
				// called it a person.
				if m.Type != "" && (o.Strength < byKeyword || rootType(x, o.Type) == rootType(x, m.Type)) {
					continue
				}
				lo, hi := o.Last, m.First
				if other > mi {
					lo, hi = m.Last, o.First
				}
				if hi-lo == 1 && (toks[lo].Text == "or" || toks[lo].Text == "and") && toks[lo].Sent == toks[m.First].Sent {
					// The family, not the exact kind: the place next to a city
					// need not be a city.
					if m.Type != "" {
						m.Type, m.Strength = rootType(x, o.Type), byContext
					} else {
						m.setType(rootType(x, o.Type), byContext)
					}
					break
				}
			}
		}
	}
}

// linkAliases records names introduced as other names of a previous one:
// "Center for Strategic and International Studies (CSIS)", "Sultan Aziz Azam,
// or Sultan Aziz,", "Sanaullah Ghafari, also known as Shahab al-Muhajir".
func (x *Extractor) linkAliases(a *analysis) {
	toks := a.toks
	for mi := range a.mentions {
		m := a.mentions[mi]
		if m.Demonym || m.Shadow {
			continue
		}
		k := m.Last
		if k >= len(toks) || toks[k].Sent != toks[m.First].Sent {
			continue
		}
		var starts []int
		opened := false // an opener ("also known as") says it is another name
		switch toks[k].Text {
		case "(":
			// "(IS, aka the Islamic State of Iraq and the Levant, ISIL/ISIS, or ... Da'esh)"
			for j := k + 1; j < len(toks) && toks[j].Text != ")" && toks[j].Sent == toks[k].Sent && j < k+30; j++ {
				if a.byToken[j] >= 0 && (j == k+1 || toks[j-1].Text == "," || toks[j-1].Text == "/" ||
					toks[j-1].Text == "aka" || toks[j-1].Text == "the" || toks[j-1].Text == "or") {
					starts = append(starts, j)
				}
			}
		case ",":
			j := k + 1
			// Adverbs before a naming participle: "X, otherwise known as
			// Y", "better known as", "more commonly known as" (at
			// extraction).
			adverbs := 0
			for !a.gold && adverbs < 2 && j+adverbs < len(toks) && toks[j+adverbs].Sent == toks[k].Sent &&
				(strings.HasPrefix(toks[j+adverbs].Tag, "RB") || strings.EqualFold(toks[j+adverbs].Text, "better")) {
				adverbs++
			}
			for _, op := range x.lang.aliasOpeners {
				naming := op[0] == "known" || op[0] == "called"
				if adverbs > 0 && naming && matchWords(toks, j+adverbs, op) {
					j += adverbs
				}
				if matchWords(toks, j, op) {
					j += len(op)
					if j < len(toks) && toks[j].Text == "the" {
						j++
					}
					if j < len(toks) && a.byToken[j] >= 0 {
						o := a.mentions[a.byToken[j]]
						// The other name must close the aside: "X, or Y, is
						// ...", or, after a naming participle, the sentence
						// ("X, better known as Y.").
						end := !a.gold && naming && (o.Last >= len(toks) || toks[o.Last].Sent != toks[k].Sent ||
							toks[o.Last].Text == "." || toks[o.Last].Text == ";")
						if o.First == j && (end || o.Last < len(toks) && (toks[o.Last].Text == "," || toks[o.Last].Text == ")")) {
							starts = append(starts, j)
							opened = true
						}
					}
					break
				}
			}
		}
		for _, j := range starts {
			oi := a.mentions[a.byToken[j]]
			if oi.First != j || a.byToken[j] == mi {
				continue
			}
			// After an opener, what the recognizer alone typed otherwise
			// is still the other name: "Sanaullah Ghafari, also known as
			// Shahab al-Muhajir," is one man whatever class the unknown
			// second name got (at extraction: annotations type their own).
			if x.compatibleAlias(a, m, oi) || opened && !a.gold && oi.Known < 0 && !oi.Demonym && oi.Strength <= byModel && m.Type != "" {
				a.mentions[a.byToken[j]].AliasOf = mi
				if oi.Strength < m.Strength || oi.Type == "" {
					a.mentions[a.byToken[j]].Type = m.Type
					a.mentions[a.byToken[j]].Strength = m.Strength
				}
			}
		}
	}
	// An untyped name that something else named as its alias takes that type;
	// "Known as ISIS-K, the group" needs nothing: the gazetteer knows both.
	for mi := range a.mentions {
		m := &a.mentions[mi]
		if m.AliasOf >= 0 && m.Type == "" {
			root := m.AliasOf
			for a.mentions[root].AliasOf >= 0 && a.mentions[root].AliasOf != root {
				root = a.mentions[root].AliasOf
			}
			m.Type, m.Strength = a.mentions[root].Type, a.mentions[root].Strength
		}
	}
}

func matchWords(toks []Token, i int, ws []string) bool {
	if i+len(ws) > len(toks) {
		return false
	}
	for k, w := range ws {
		if !strings.EqualFold(toks[i+k].Text, w) {
			return false
		}
	}
	return true
}

// compatibleAlias reports whether o may be another name of m.
func (x *Extractor) compatibleAlias(a *analysis, m, o mention) bool {
	if o.Demonym {
		return false
	}
	if m.Known >= 0 && o.Known >= 0 {
		return m.Known == o.Known
	}
	if o.Type == "" || m.Type == "" {
		return true
	}
	if rootType(x, o.Type) != rootType(x, m.Type) {
		return false
	}
	mt, ot := a.text(m), a.text(o)
	return acronymFor(ot, mt) || containsWords(mt, ot) || containsWords(ot, mt) || o.Strength <= byGiven
}

func rootType(x *Extractor, typ string) string {
	if l := x.schema.Labels(typ); len(l) > 0 {
		return l[0]
	}
	return typ
}

// text is the surface text of a mention.
func (a *analysis) text(m mention) string {
	return a.doc.Text[a.toks[m.First].Start:a.toks[m.Last-1].End]
}

// isAcronymOf reports whether acr is made of the initials of name's capitalized
// words: CSIS, Center for Strategic and International Studies. The
// recognizer's features use this strict form (the models were trained with
// it); the stages after it use acronymFor, which also reads name particles.
func isAcronymOf(acr, name string) bool {
	acr, ok := acronymLetters(acr)
	return ok && strictInitials(name) == acr
}

// acronymFor is isAcronymOf that also takes the capital after a lowercase
// particle's hyphen ("Jama'at Nusrat al-Islam wal-Muslimin", JNIM) and, for
// acronyms of three letters or more, leaves out the name's last word
// ("Armed Conflict Location and Event Data Project", ACLED).
func acronymFor(acr, name string) bool {
	acr, ok := acronymLetters(acr)
	if !ok {
		return false
	}
	if strictInitials(name) == acr {
		return true
	}
	initials := []rune(looseInitials(name))
	got := string(initials)
	return got == acr || len([]rune(acr)) >= 3 && len(initials) == len([]rune(acr))+1 && string(initials[:len(initials)-1]) == acr
}

// acronymLetters is acr without its periods, and whether that can be an
// acronym: two letters or more, all capitals.
func acronymLetters(acr string) (string, bool) {
	acr = strings.ReplaceAll(acr, ".", "")
	return acr, len(acr) >= 2 && strings.ToUpper(acr) == acr
}

// strictInitials are the first letters of name's capitalized words.
func strictInitials(name string) string {
	var initials strings.Builder
	for _, w := range strings.Fields(name) {
		r := []rune(w)
		if unicode.IsUpper(r[0]) {
			initials.WriteRune(r[0])
		}
	}
	return initials.String()
}

// looseInitials are strictInitials with the capital after a lowercase
// word's last hyphen ("al-Islam": I).
func looseInitials(name string) string {
	var initials []rune
	for _, w := range strings.Fields(name) {
		r := []rune(w)
		if !unicode.IsUpper(r[0]) {
			if i := strings.LastIndexByte(w, '-'); i >= 0 && i+1 < len(w) {
				r = []rune(w[i+1:])
			}
		}
		if unicode.IsUpper(r[0]) {
			initials = append(initials, r[0])
		}
	}
	return string(initials)
}

// entityNames indexes the entities resolve has made by the words of their
// names and by the acronyms their names may spell, so that finding the
// person a surname names (surnameOf) or the organization an acronym stands
// for (acronymOfEntity) reads the entities that could be it rather than
// all of them: an article naming thousands would take the square of that.
// Each list holds an entity once, in the order the entities were made.
type entityNames struct {
	byWord, byAcronym map[string][]int
}

func newEntityNames() *entityNames {
	return &entityNames{byWord: map[string][]int{}, byAcronym: map[string][]int{}}
}

// add indexes entity ei of the given name.
func (n *entityNames) add(ei int, name string) {
	once := func(m map[string][]int, key string) {
		if l := m[key]; len(l) == 0 || l[len(l)-1] != ei {
			m[key] = append(l, ei)
		}
	}
	for _, w := range strings.Fields(name) {
		// Words in lower case: "De Vries" opening a sentence is "Peter R.
		// de Vries"; "Burhan" finds "Abdel Fattah al-Burhan".
		once(n.byWord, strings.ToLower(w))
		if b := withoutArticle(w); b != w {
			once(n.byWord, strings.ToLower(b))
		}
	}
	// Every acronym acronymFor accepts for the name is one of these.
	once(n.byAcronym, strictInitials(name))
	loose := looseInitials(name)
	once(n.byAcronym, loose)
	if r := []rune(loose); len(r) >= 4 {
		once(n.byAcronym, string(r[:len(r)-1]))
	}
}

// withWords returns the entities whose names hold every word of part, and
// maybe others: the list of its rarest word. It is false when part has no
// words (every name holds them all).
func (n *entityNames) withWords(part string) ([]int, bool) {
	words := strings.Fields(part)
	if len(words) == 0 {
		return nil, false
	}
	key := func(w string) string { return strings.ToLower(withoutArticle(w)) }
	list := n.byWord[key(words[0])]
	for _, w := range words[1:] {
		if l := n.byWord[key(w)]; len(l) < len(list) {
			list = l
		}
	}
	return list, true
}

// ofAnother reports whether mention m stands in the "of" phrase of an
// apposition to a mention of entity e in its sentence: "Luis Manuel Díaz,
// the father of Liverpool forward Luis Díaz" names two people, however
// their words agree; no one is their own father or leader. A surname
// alone there may be the person's own ("Eldon Elliott, owner of Elliott's
// Body Shop").
func ofAnother(a *analysis, e int, m mention) bool {
	toks := a.toks
	if m.Last-m.First < 2 {
		return false // "Eldon Elliott, owner of Elliott's Body Shop": his own
	}
	for _, oi := range a.entities[e].mentions {
		o := a.mentions[oi]
		if o.Last >= m.First || toks[o.First].Sent != toks[m.First].Sent || toks[o.Last].Text != "," {
			continue
		}
		of := -1
		for k := o.Last + 1; k < m.First; k++ {
			switch {
			case a.low[k] == "of" && of < 0 && k > o.Last+1 && strings.HasPrefix(toks[k-1].Tag, "NN"):
				of = k
			case toks[k].Text == "," || strings.HasPrefix(toks[k].Tag, "VB"):
				of = -2
			}
			if of == -2 {
				break
			}
		}
		if of >= 0 && m.First-of <= 4 {
			return true
		}
	}
	return false
}

// groupNamed reports whether the article names something other than a
// person by this name or its plural ("Houthi" beside "the Houthis").
func groupNamed(a *analysis, person, name string) bool {
	for _, e := range a.entities {
		if e.typ != person && (e.name == name || e.name == name+"s") {
			return true
		}
	}
	return false
}

// withoutArticle is a word of a name without the Arabic article hyphened
// to its front ("al-Burhan", "el-Sisi"), which news drops when it names
// the person again ("Burhan"); other words as they are.
func withoutArticle(w string) string {
	for _, a := range []string{"al-", "el-", "Al-", "El-"} {
		if rest, ok := strings.CutPrefix(w, a); ok && rest != "" {
			return rest
		}
	}
	return w
}

// containsWords reports whether every word of part is a word of whole,
// words compared in any case and also without their article ("Burhan" and
// "Al-Burhan" are words of "Abdel Fattah al-Burhan", "De Vries" of "Peter
// R. de Vries").
func containsWords(whole, part string) bool {
	for w := range strings.FieldsSeq(part) {
		found := false
		for v := range strings.FieldsSeq(whole) {
			if strings.EqualFold(v, w) || strings.EqualFold(withoutArticle(v), withoutArticle(w)) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// resolve groups mentions into entities: known names by their gazetteer entry,
// aliases with what they name, surnames with the full name, the rest by type
// and name. Names that nothing typed are dropped.
func (x *Extractor) resolve(a *analysis) {
	byKey := map[string]int{}
	byName := map[string]int{} // lowercased name -> the first entity of that name
	names := newEntityNames()
	ent := make([]int, len(a.mentions))
	add := func(mi int, key, name, typ string, strength, known int) int {
		if e, ok := byKey[key]; ok {
			a.entities[e].mentions = append(a.entities[e].mentions, mi)
			return e
		}
		a.entities = append(a.entities, &entity{id: key, name: name, typ: typ, strength: strength, known: known, mentions: []int{mi}})
		names.add(len(a.entities)-1, name)
		byKey[key] = len(a.entities) - 1
		if _, ok := byName[strings.ToLower(name)]; !ok {
			byName[strings.ToLower(name)] = len(a.entities) - 1
		}
		return len(a.entities) - 1
	}
	// join makes mention mi one of entity e's.
	join := func(mi, e int) {
		a.entities[e].mentions = append(a.entities[e].mentions, mi)
		ent[mi] = e
	}
	// Full names first, so that a surname can find its person wherever it is.
	// A title does not make a full name: "Gen. Milley" comes after "Mark
	// Milley".
	full := func(m mention) bool {
		u := x.untitled(a, m)
		return m.Known >= 0 && !x.surnameContext(a, m) || u.Last-u.First > 1
	}
	order := make([]int, 0, len(a.mentions))
	for mi, m := range a.mentions {
		if m.AliasOf < 0 && full(m) {
			order = append(order, mi)
		}
	}
	for mi, m := range a.mentions {
		if m.AliasOf >= 0 {
			order = append(order, mi)
		}
	}
	for mi, m := range a.mentions {
		if m.AliasOf < 0 && !full(m) {
			order = append(order, mi)
		}
	}
	// Other names given in the article ("(SOHR)") name their entity wherever
	// they recur.
	byAlias := map[string]int{}
	for i := range ent {
		ent[i] = -1
	}
	for _, mi := range order {
		m := a.mentions[mi]
		if x.surnameContext(a, m) {
			// "Vincent Muscat ... Muscat, who admitted his role": a place's
			// name that is the surname of a person the article names, where
			// only a person can stand, is that person.
			if e := x.surnameOf(a, names, cleanName(a.text(m)), x.roles.Person); e >= 0 {
				join(mi, e)
				continue
			}
		}
		switch {
		case m.Known >= 0:
			kn := x.lex.known[m.Known]
			ent[mi] = add(mi, Key(x.schema, kn.Type, kn.Name), kn.Name, kn.Type, byGazeteer, m.Known)
		case m.AliasOf >= 0 && ent[m.AliasOf] >= 0:
			e := ent[m.AliasOf]
			join(mi, e)
			byKey[Key(x.schema, a.entities[e].typ, a.text(m))] = e
			byAlias[cleanName(a.text(m))] = e
		default:
			u := x.untitled(a, m)
			name := cleanName(a.text(u))
			if a.sents[a.toks[m.First].Sent].Dateline && (m.First == 0 || a.toks[m.First-1].Text != "(") {
				name = uncapitalizedName(name) // "BOGOTA, Colombia —", not "(KUNA)"
			}
			if u.First > m.First && u.Last-u.First == 1 {
				// A title and one word ("Gen. Milley", "Queen Elizabeth",
				// "Mullah Omar"): the person of that surname in the article,
				// else the words as they stand, since one word alone would
				// name everyone who bears it.
				if e := x.surnameOf(a, names, name, m.Type); e >= 0 {
					join(mi, e)
					continue
				}
				name = cleanName(a.text(m))
			}
			// A name the article gave as another name of something keeps
			// meaning that thing, whatever a weaker signal typed it as.
			if e, ok := byAlias[name]; ok && (m.Type == "" || m.Strength <= byModel || rootType(x, m.Type) == rootType(x, a.entities[e].typ)) {
				join(mi, e)
				continue
			}
			if e := x.surnameOf(a, names, name, m.Type); e >= 0 && !ofAnother(a, e, m) {
				join(mi, e)
				continue
			}
			if m.Type == "" {
				continue
			}
			// A name the article already gave an entity, which only the
			// recognizer types otherwise here, is that entity: "Al-Shabaab
			// attacked ... vowed to defeat al-Shabaab".
			if e, ok := byName[strings.ToLower(name)]; ok && m.Strength <= byModel {
				join(mi, e)
				continue
			}
			// And one that only the recognizer typed is what a description
			// says the name is: "Police raided Havbank ... Havbank, the
			// country's oldest bank," (at extraction only).
			if e, ok := byName[strings.ToLower(name)]; ok && !a.gold && m.Strength == byDescription && a.entities[e].strength <= byModel && a.entities[e].known < 0 {
				en := a.entities[e]
				en.typ, en.strength, en.id = m.Type, m.Strength, Key(x.schema, m.Type, en.name)
				byKey[en.id] = e
				join(mi, e)
				continue
			}
			// An organization's or group's name with or without a plural s
			// is the same entity: "The Houthis ... Houthi spokesman".
			if e := x.pluralOf(a, byName, name, m.Type, m.Strength); e >= 0 {
				join(mi, e)
				continue
			}
			// "Scientology" after "the Church of Scientology" is that body.
			if e := x.ofTailOf(a, names, name, m.Type); e >= 0 {
				join(mi, e)
				byKey[Key(x.schema, m.Type, name)] = e // and wherever it recurs
				continue
			}
			// "Republican Party" and "the U.S. Republican Party", "the State
			// of Texas" and "Texas": one name holds the other whole.
			if k := x.stateOfKnown(m.Type, name); k >= 0 {
				kn := x.lex.known[k]
				ent[mi] = add(mi, Key(x.schema, kn.Type, kn.Name), kn.Name, kn.Type, byGazeteer, k)
				continue
			}
			if e := x.longerOrShorter(a, names, name, m.Type); e >= 0 {
				join(mi, e)
				byKey[Key(x.schema, m.Type, name)] = e
				continue
			}
			// An acronym of an organization the article named in full is
			// that organization: "the Christian Democratic Union ... the
			// CDU leader", whatever the recognizer made of the capitals.
			if e := x.acronymOfEntity(a, names, name); e >= 0 && (m.Strength <= byModel || rootType(x, m.Type) == rootType(x, a.entities[e].typ)) {
				join(mi, e)
				continue
			}
			ent[mi] = add(mi, Key(x.schema, m.Type, name), name, m.Type, m.Strength, -1)
			if e := a.entities[ent[mi]]; m.Strength > e.strength {
				e.typ, e.strength = m.Type, m.Strength
			}
		}
	}
	for mi := range a.mentions {
		a.mentions[mi].Entity = ent[mi]
	}
	for _, e := range a.entities {
		slices.Sort(e.mentions)
		seen := map[string]bool{strings.ToLower(e.name): true}
		if e.known >= 0 {
			seen[strings.ToLower(x.lex.known[e.known].Name)] = true
		}
		for _, mi := range e.mentions {
			m := a.mentions[mi]
			// A titled mention is another name only by what follows the
			// title ("Gen. Milley" gives "Milley").
			t := cleanName(a.text(m))
			if m.Demonym || seen[strings.ToLower(t)] {
				continue
			}
			// Nor is "The" before the name ("The Associated Press").
			t = strings.TrimPrefix(strings.TrimPrefix(cleanName(a.text(x.untitled(a, m))), "The "), "the ")
			if seen[strings.ToLower(t)] {
				continue
			}
			seen[strings.ToLower(t)] = true
			e.aliases = append(e.aliases, t)
		}
		// An entity named only by demonyms ("Afghan officials") is still the
		// country, but a reader looks for it under the country's name.
		e.id = Key(x.schema, e.typ, e.name)
		if e.known >= 0 {
			kn := x.lex.known[e.known]
			e.id = Key(x.schema, kn.Type, kn.Name)
		}
	}
}

// uncapitalizedName writes each word of name in capitals as a name is
// written: "GRAND RAPIDS" is "Grand Rapids".
func uncapitalizedName(name string) string {
	ws := strings.Fields(name)
	for i, w := range ws {
		ws[i] = uncapitalized(w)
	}
	return strings.Join(ws, " ")
}

// acronymOfEntity finds the one organization or group of the article whose
// name name is the acronym of, or -1.
func (x *Extractor) acronymOfEntity(a *analysis, names *entityNames, name string) int {
	if !allCaps(strings.ReplaceAll(name, ".", "")) || utf8.RuneCountInString(name) < 2 {
		return -1
	}
	found := -1
	for _, ei := range names.byAcronym[strings.ReplaceAll(name, ".", "")] {
		e := a.entities[ei]
		if !x.isOrganization(e.typ) || !acronymFor(name, e.name) {
			continue
		}
		if found >= 0 {
			return -1
		}
		found = ei
	}
	return found
}

// pluralOf finds the organization or group the article named name's plural
// or singular ("Houthis" for "Houthi"), when name is of such a type too or
// only the recognizer typed it ("Houthi spokesman" read as a person), or
// -1. Names of one or two letters besides the s are left alone.
func (x *Extractor) pluralOf(a *analysis, byName map[string]int, name, typ string, strength int) int {
	org := func(t string) bool {
		for _, o := range x.roles.Organizations {
			if x.schema.IsA(t, o) {
				return true
			}
		}
		return false
	}
	low := strings.ToLower(name)
	if !org(typ) && strength > byModel || len(low) < 4 || strings.Contains(low, " ") || allCaps(name) {
		return -1 // "ISIS" is no plural of "ISI"
	}
	other := low + "s"
	if strings.HasSuffix(low, "s") {
		other = strings.TrimSuffix(low, "s")
	}
	if e, ok := byName[other]; ok && org(a.entities[e].typ) {
		return e
	}
	return -1
}

// surnameContext reports whether a one-word name the place lists know
// stands where only a person can: before ", who" or ", whose", or as the
// subject of a verb of speech ("Muscat, who admitted his role, testified",
// "Houston said"). At extraction only: annotations type their own.
func (x *Extractor) surnameContext(a *analysis, m mention) bool {
	if a.gold || m.Known < 0 || m.Last-m.First != 1 || m.Demonym {
		return false
	}
	toks := a.toks
	if k := m.Last; k+1 < len(toks) && toks[k].Text == "," && toks[k+1].Sent == toks[m.First].Sent && (a.low[k+1] == "who" || a.low[k+1] == "whose") {
		return true
	}
	h := toks[m.First].Head
	return h >= 0 && toks[m.First].Rel == "nsubj" && toks[h].UPOS == "VERB" && (x.lang.speechVerbs[a.low[h]] || x.lang.reportVerbs[a.low[h]])
}

// surnameOf finds the person an unqualified name refers to: "Biden" after "Joe
// Biden", "Sultan Aziz" after "Sultan Aziz Azam".
func (x *Extractor) surnameOf(a *analysis, names *entityNames, name, typ string) int {
	if typ != "" && typ != x.roles.Person || x.roles.Person == "" {
		return -1
	}
	cands, ok := names.withWords(name)
	if !ok {
		// No words: every name holds them all.
		cands = make([]int, len(a.entities))
		for i := range cands {
			cands[i] = i
		}
	}
	best := -1
	for _, ei := range cands {
		e := a.entities[ei]
		if e.typ != x.roles.Person || e.name == name || !containsWords(e.name, name) {
			continue
		}
		parts := strings.Fields(name)
		full := strings.Fields(e.name)
		if len(parts) == 1 && withoutArticle(parts[0]) != withoutArticle(full[len(full)-1]) && (x.lex.givenNames[parts[0]] || parts[0] == full[0]) {
			// "Joe" alone is not Joe Biden's surname, nor "José, a bus
			// driver" José Luis Rodríguez Zapatero: news names a person
			// again by the surname, a first name alone is someone else.
			continue
		}
		if otherMiddle(parts, full) {
			continue // "George W. Bush" is not "George H. W. Bush"
		}
		if len(parts) == 1 && parts[0] != full[len(full)-1] && withoutArticle(full[len(full)-1]) != full[len(full)-1] && groupNamed(a, x.roles.Person, name) {
			continue // "Houthi targets" are the Houthis', not Abdul-Malik al-Houthi's
		}
		if best >= 0 {
			return -1 // ambiguous: two people share the name
		}
		best = ei
	}
	return best
}

// ofTailOf finds the organization or facility an organization's one-word
// name stands for when the article names it in full with "of" before that
// word: "Scientology" after "the Church of Scientology". A place's name
// never does ("Chicago" after "the University of Chicago"), nor a word two
// such names end in.
func (x *Extractor) ofTailOf(a *analysis, names *entityNames, name, typ string) int {
	if strings.Contains(name, " ") || !slices.ContainsFunc(x.roles.Organizations, func(o string) bool { return x.schema.IsA(typ, o) }) {
		return -1
	}
	cands, _ := names.withWords(name)
	best := -1
	for _, ei := range cands {
		e := a.entities[ei]
		if !strings.HasSuffix(e.name, " of "+name) || !x.connectorType(e.typ) {
			continue
		}
		if best >= 0 {
			return -1
		}
		best = ei
	}
	return best
}

// longerOrShorter finds the one entity of the article that a name of an
// organization or a place is another form of: an organization's name of two
// or more words that ends another organization's name, or holds another's
// at its end ("Republican Party", "the U.S. Republican Party"), and a
// place's "State of X" and the place X. Two candidates: neither.
func (x *Extractor) longerOrShorter(a *analysis, names *entityNames, name, typ string) int {
	if typ == "" {
		return -1
	}
	org := x.isOrganization(typ)
	place := x.isPlace(typ)
	bare := strings.TrimPrefix(strings.TrimPrefix(name, "the "), "The ")
	if place {
		if rest, ok := strings.CutPrefix(bare, "State of "); ok {
			if e := x.lookupPlace(a, names, rest); e >= 0 {
				return e
			}
		} else if e := x.lookupPlace(a, names, "State of "+bare); e >= 0 {
			return e
		}
	}
	if !org || !strings.Contains(bare, " ") {
		return -1
	}
	// Only a country's name makes the longer name: "U.S. Republican Party"
	// is the Republican Party, "Scottish Labour Party" not the Labour Party.
	country := func(prefix string) bool {
		toks := x.lang.tokenize(prefix)
		h, n := x.lex.names.longest(toks, 0, len(toks), exact)
		return n == len(toks) && n > 0 && !h.demonym && x.placeRank(x.lex.known[h.known].Type) == len(x.roles.PlaceRanks)-1
	}
	cands, _ := names.withWords(bare)
	best := -1
	for _, ei := range cands {
		e := a.entities[ei]
		en := strings.TrimPrefix(strings.TrimPrefix(e.name, "the "), "The ")
		if !x.isOrganization(e.typ) || en == bare || !strings.HasSuffix(en, " "+bare) || !country(strings.TrimSuffix(en, " "+bare)) {
			continue
		}
		if best >= 0 {
			return -1
		}
		best = ei
	}
	if best >= 0 {
		return best
	}
	// The shorter came first: "Republican Party ... the U.S. Republican Party".
	w := strings.Fields(bare)
	for k := 1; k+2 <= len(w); k++ {
		tail := strings.Join(w[k:], " ")
		if !country(strings.Join(w[:k], " ")) {
			continue
		}
		list, _ := names.withWords(tail)
		for _, ei := range list {
			e := a.entities[ei]
			if x.isOrganization(e.typ) && strings.TrimPrefix(strings.TrimPrefix(e.name, "the "), "The ") == tail {
				if best >= 0 && best != ei {
					return -1
				}
				best = ei
			}
		}
		if best >= 0 {
			return best
		}
	}
	return -1
}

// stateOfKnown is the known place "the State of X" names, or -1.
func (x *Extractor) stateOfKnown(typ, name string) int {
	if typ == "" || !x.isPlace(typ) {
		return -1
	}
	rest, ok := strings.CutPrefix(strings.TrimPrefix(strings.TrimPrefix(name, "the "), "The "), "State of ")
	if !ok {
		return -1
	}
	toks := x.lang.tokenize(rest)
	h, n := x.lex.names.longest(toks, 0, len(toks), exact)
	if n == 0 || n != len(toks) || h.demonym || !x.isPlace(x.lex.known[h.known].Type) {
		return -1
	}
	return h.known
}

// lookupPlace finds the one place entity of the article named name.
func (x *Extractor) lookupPlace(a *analysis, names *entityNames, name string) int {
	list, _ := names.withWords(name)
	best := -1
	for _, ei := range list {
		if e := a.entities[ei]; e.name == name && x.isPlace(e.typ) {
			if best >= 0 {
				return -1
			}
			best = ei
		}
	}
	return best
}

// connectorType reports whether typ's names may hold connectors, as
// organizations' and facilities' do.
func (x *Extractor) connectorType(typ string) bool {
	for _, t := range x.roles.ConnectorHeads {
		if x.schema.IsA(typ, t) {
			return true
		}
	}
	return false
}

// otherMiddle reports whether a person's name, as words, gives middle names
// or initials that another name of the same first and last words does not:
// "George W. Bush" and "George H. W. Bush" are a son and his father, where
// "George Bush" may be either and "John F. Kennedy" is John Fitzgerald
// Kennedy.
func otherMiddle(name, other []string) bool {
	if len(name) < 3 || len(other) < 3 || name[0] != other[0] || name[len(name)-1] != other[len(other)-1] {
		return false
	}
	m, o := name[1:len(name)-1], other[1:len(other)-1]
	if len(m) != len(o) {
		return true
	}
	for i := range m {
		a, b := []rune(m[i]), []rune(o[i])
		if len(a) == 0 || len(b) == 0 || unicode.ToLower(a[0]) != unicode.ToLower(b[0]) {
			return true
		}
	}
	return false
}

// untitled is a person's mention without the titles it starts with (and a
// place's without the larger place after a comma, unaddressed): the
// recognizer often takes "Sen. Frank Church" whole, as CoNLL04 often marks
// names, but the person is Frank Church. Titles are stripped one after the
// other ("Chief Justice John Roberts"); a title before a single word stays
// (see resolve).
func (x *Extractor) untitled(a *analysis, m mention) mention {
	if m.Type != "" && x.isPlace(m.Type) && !a.gold {
		return x.unaddressed(a, m)
	}
	if m.Type == "" || x.roles.Person == "" || !x.schema.IsA(m.Type, x.roles.Person) {
		return m
	}
	for {
		_, n := x.lex.titles.longest(a.toks, m.First, m.Last, exact)
		if n == 0 {
			_, n = x.lex.bareTitles.longest(a.toks, m.First, m.Last, exact)
		}
		if n == 0 || n >= m.Last-m.First {
			return m
		}
		m.First += n
	}
}

// unaddressed is a place's mention without the larger place a comma adds
// to it: "Lubbock, Texas" and "Aiken, S.C." name Lubbock and Aiken, as news
// writes a town with its state, and the recognizer (as CoNLL04 marks them)
// takes the two as one name. The larger place must be a known name that
// ends the mention. The mention keeps its words; its entity is the town's.
// At extraction only (untitled): an annotation's span names what it names.
func (x *Extractor) unaddressed(a *analysis, m mention) mention {
	for k := m.First + 1; k < m.Last-1; k++ {
		if a.toks[k].Text != "," {
			continue
		}
		if h, n := x.lex.names.longest(a.toks, k+1, m.Last, exact); n == m.Last-k-1 && !h.demonym && x.isPlace(x.lex.known[h.known].Type) {
			m.Last = k
		}
		break
	}
	return m
}

// cleanName trims quotes and brackets a name's span may carry, and drops
// the square brackets of an editor's insertion inside it: "[George H. W.]
// Bush" is George H. W. Bush.
func cleanName(s string) string {
	s = strings.Trim(s, "\"'“”‘’()[] ")
	if strings.ContainsAny(s, "[]") {
		s = strings.Join(strings.Fields(strings.NewReplacer("[", " ", "]", " ").Replace(s)), " ")
	}
	return s
}
