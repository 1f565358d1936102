// Rule family "phrase": multi-word triggers of the schema, mutual ones both
// ways, inverse ones object first.

package extract

import (
	"slices"
	"strings"
)

// phraseRules: multi-word triggers, allowing an adverb inside ("clashed openly
// with"); mutual ones hold both ways.
func (x *Extractor) phraseRules(c *clause, si int, emit emitFunc) {
	for k := c.s.First; k < c.s.Last; k++ {
		n := &x.rules.phrases
		var found []phraseTrigger
		end := -1
		skipped := false
		for j := k; j < c.s.Last && n.next != nil; j++ {
			nx := n.next[c.word(j)]
			if nx == nil && !skipped && j > k && strings.HasSuffix(c.word(j), "ly") {
				skipped = true
				continue
			}
			if nx == nil {
				break
			}
			n = nx
			if n.ok {
				found, end = n.val, j+1
			}
		}
		if found == nil || c.a.byToken[k] >= 0 {
			continue
		}
		for _, t := range found {
			rt, _ := x.schema.Relation(t.rel)
			if t.inverse {
				// The object before, the subjects after: "Mosul fell to
				// ISIL", "Kherson is under the control of Russia".
				obj, ok := c.argLeft(k, func(typ string) bool { return x.schema.AllowsObject(t.rel, typ) })
				if !ok {
					continue
				}
				for _, subj := range c.agentsRight(end, t.rel) {
					emit(t.rel, subj, obj, si, rt.Confidence, "phrase-inverse/"+t.phrase)
				}
				continue
			}
			if x.passivePhrase(c, si, k, end, t, emit) {
				continue
			}
			subjs, rule := c.subjectsLeft(k, t.rel), "phrase/"+t.phrase
			if f := c.supportedAgents(k, t.rel); f != nil {
				subjs, rule = f, "phrase-supported/"+t.phrase
			} else if p, ok := c.phrasePossessor(k, t.rel); ok {
				subjs = p
			} else if a, ok := c.nounPhraseAgents(k, t.rel); ok {
				subjs = a
			}
			for _, obj := range c.objectsRight(end, t.rel) {
				for _, subj := range subjs {
					emit(t.rel, subj, obj, si, rt.Confidence, rule)
					if t.mutual {
						emit(t.rel, obj, subj, si, rt.Confidence, "phrase-mutual/"+t.phrase)
					}
				}
			}
		}
		if end > k {
			k = end - 1
		}
	}
}

// passivePhrase reads a phrase trigger at k..end whose first word is a
// participle after a form of "be" as a passive: "Karl Ek was shot dead by
// Nordland Front gunmen" (the agents after "by", the patient before), and
// reports whether it was one, so that the phrase is not also read as
// active: its subject is what was done to, not who did it.
func (x *Extractor) passivePhrase(c *clause, si, k, end int, t phraseTrigger, emit emitFunc) bool {
	// "allied with", "based in": a phrase that ends in its preposition
	// takes its object after it, whatever "be" stands before.
	if c.a.toks[k].Tag != "VBN" || x.lang.prepositions[c.word(end-1)] {
		return false
	}
	be := k - 1
	for be > c.s.First && (x.lang.auxiliaries[c.word(be)] || strings.HasSuffix(c.word(be), "ly")) {
		be--
	}
	if !x.lang.beForms[c.word(be)] || c.a.toks[be].Tag == "POS" {
		return false
	}
	by := byAfter(c, end)
	if by < 0 {
		return true
	}
	patient, ok := c.patientLeft(be, t.rel)
	if !ok {
		return true
	}
	rt, _ := x.schema.Relation(t.rel)
	for _, ag := range c.agentsRight(by+1, t.rel) {
		emit(t.rel, ag, patient, si, rt.Confidence, "phrase-passive/"+t.phrase)
	}
	return true
}

// supportedAgents finds who acts in "support for X in the fight against Y":
// an act at token k after "in the", "in its" or "in their" ("in their
// war against", "in the campaign against"), following a name that a word of
// support governs (its object, or the object of its "for", "of" or "to"),
// is the act of the one supported, with the names coordinated with it, not
// of the supporter: "Canada reiterated its support for Ukraine in the war
// against Russia", "Germany backs Kenya and Somalia in their fight against
// al-Shabaab". The words of support are the ALLIED_WITH type's verbs and
// the nouns they name. It returns nil when the act follows no such name.
func (c *clause) supportedAgents(k int, rel string) []span {
	in := k - 1
	switch c.word(in) {
	case "the", "its", "their", "his", "her":
		in--
	}
	if c.word(in) != "in" || in-1 < c.s.First {
		return nil
	}
	toks := c.a.toks
	// The token before "in" is a name's, or the noun a name modifies ("the
	// Iraqi people", "Kurdish fighters").
	n := in - 1
	if i := c.spanCovering(n); i >= 0 {
		n = spanHead(toks, c.spans[i])
	} else if i := c.spanCovering(n - 1); i < 0 || !strings.HasPrefix(toks[n].Tag, "NN") || toks[spanHead(toks, c.spans[i])].Head != n {
		return nil
	}
	last := n
	for toks[n].Rel == "conj" && toks[n].Head >= c.s.First && !c.x.rules.supports(c.a.low[toks[n].Head]) {
		n = toks[n].Head
	}
	var out []span
	add := func(t int) {
		i := c.spanCovering(t)
		if i < 0 {
			i = c.spanCovering(t - 1) // the name modifying a noun
		}
		if i >= 0 && c.x.schema.AllowsSubject(rel, c.typ(c.spans[i])) && !slices.ContainsFunc(out, func(sp span) bool { return sp.ent == c.spans[i].ent }) {
			out = append(out, c.spans[i])
		}
	}
	switch h := toks[n].Head; {
	case toks[n].Rel == "conj" && h >= c.s.First:
		// The parser joined the name to the word of support itself ("its
		// support of the Government of Iraq and the Iraqi people"): what
		// the support is of, and the names joined to it.
		for t := h + 1; t <= last; t++ {
			if toks[t].Head == h && (toks[t].Rel == "conj" || toks[t].Rel == "obj" || toks[t].Rel == "nmod" && c.supportPrep(t)) {
				add(t)
				add(c.ofName(t))
			}
		}
		return out
	case c.supported(n):
	case toks[n].Rel == "nmod" && c.word(n-1) == "of" && h >= c.s.First && h < n && c.supported(h):
		// "support for the Government of Iraq": the name completes a
		// noun with "of", which is what the support is for.
	default:
		return nil
	}
	add(n)
	for _, t := range conjuncts(toks, c.s, n, in) {
		add(t)
	}
	return out
}

// supportPrep reports whether token t's preposition is "for", "of" or "to",
// those that name what a word of support is for.
func (c *clause) supportPrep(t int) bool {
	for k := t - 1; k >= c.s.First && k >= t-4; k-- {
		if c.a.toks[k].Head == t && c.a.toks[k].Rel == "case" {
			switch c.word(k) {
			case "for", "of", "to":
				return true
			}
			return false
		}
	}
	return false
}

// ofName is the token of the name completing noun t with "of" ("the
// Government of Iraq": Iraq), or t.
func (c *clause) ofName(t int) int {
	for k := t + 1; k < c.s.Last && k <= t+2; k++ {
		if c.a.toks[k].Head == t && c.a.toks[k].Rel == "nmod" && c.word(k-1) == "of" {
			return k
		}
	}
	return t
}

// spanCovering returns the span holding token k, or -1.
func (c *clause) spanCovering(k int) int {
	for i, sp := range c.spans {
		if inSpan(k, sp) {
			return i
		}
	}
	return -1
}

// supported reports whether token n (a name's head, or the noun a name
// modifies) is what a word of support governs: the parse makes it the
// word's object or prepositional object, or it follows the word and "for",
// "of" or "to" ("support for Ukraine", which the parser may attach to the
// verb before).
func (c *clause) supported(n int) bool {
	toks := c.a.toks
	if h := toks[n].Head; h >= c.s.First && h < c.s.Last && c.x.rules.supports(c.a.low[h]) {
		return true
	}
	first := n
	for first > c.s.First && toks[first-1].Head == n && toks[first-1].Rel != "case" {
		first-- // "the Syrian Democratic Forces"
	}
	switch c.word(first - 1) {
	case "for", "of", "to":
		return first-2 >= c.s.First && c.x.rules.supports(c.a.low[first-2])
	}
	return false
}

// phrasePossessor reads the agent of a phrase that opens with a noun from
// its possessor: "Norway's presence in Tromso", "their war against the
// Taliban". ok is true when a possessive stands just before the phrase;
// then the possessor, when it is a name (or a pronoun resolved to one) rel
// admits as subject, is the only agent, and no name further left is.
func (c *clause) phrasePossessor(k int, rel string) (subjs []span, ok bool) {
	w := c.word(k - 1)
	var i int
	switch w {
	case "'s", "’s":
		i = c.spanEndingAt(k - 1)
	case "its", "their", "his", "her":
		i = c.spanAt(k - 1)
		if i >= 0 && !c.spans[i].coref {
			i = -1
		}
	default:
		return nil, false
	}
	if i >= 0 && c.x.schema.AllowsSubject(rel, c.typ(c.spans[i])) {
		return []span{c.spans[i]}, true
	}
	return nil, true
}

// nounPhraseAgents reads the agent of a phrase that opens with a common
// noun and has no possessor ("attacks in", "war against") from the parse:
// the subject of the verb the noun is an argument of ("ISIS carried out
// attacks in Iraq", "the group vowed to step up attacks in Iraq"). ok is
// true when the phrase opens with a noun; subjs is then empty when no verb
// governs it ("comments about previous terrorist attacks in Britain"):
// an act with no agent in the sentence is nobody's.
func (c *clause) nounPhraseAgents(k int, rel string) (subjs []span, ok bool) {
	toks := c.a.toks
	if t := toks[k].Tag; t != "NN" && t != "NNS" {
		return nil, false
	}
	// A name compounded with the noun is its agent: "ISIL presence in
	// Palmyra", "UK support for Iraq".
	if i := c.spanEndingAt(k); i >= 0 && toks[spanHead(toks, c.spans[i])].Head == k && isRel(toks[spanHead(toks, c.spans[i])].Rel, "compound") {
		if c.x.schema.AllowsSubject(rel, c.typ(c.spans[i])) {
			return []span{c.spans[i]}, true
		}
		return nil, true
	}
	v := toks[k].Head
	if v < 0 {
		// The noun heads the sentence, as a headline's verb the tagger
		// took for a noun ("The UK stands by Iraq"): read it as before.
		return nil, false
	}
	// Up through verbs, and adjectives that predicate ("remains committed
	// to carrying out attacks").
	for v >= c.s.First && v < c.s.Last && (toks[v].UPOS == "VERB" || toks[v].UPOS == "ADJ" && isRel(toks[v].Rel, "xcomp")) {
		if n := childWith(toks, c.s, v, "nsubj"); n >= 0 {
			if isRel(toks[n].Rel, "nsubj:pass") {
				return nil, true
			}
			// The subject's name, or the name modifying the subject noun
			// ("Islamic State militants carried out attacks"), and the
			// names joined to it.
			for _, t := range append([]int{n}, conjuncts(toks, c.s, n, k)...) {
				if i := c.nameAt(t); i >= 0 && c.x.schema.AllowsSubject(rel, c.typ(c.spans[i])) {
					subjs = append(subjs, c.spans[i])
				}
			}
			return subjs, true
		}
		if toks[v].Rel == "acl" {
			// A participle's agent is the noun it modifies: "ISIS-K
			// groups conducting attacks in Kabul".
			if n := toks[v].Head; n >= c.s.First && n < c.s.Last {
				if i := c.nameAt(n); i >= 0 && c.x.schema.AllowsSubject(rel, c.typ(c.spans[i])) {
					return []span{c.spans[i]}, true
				}
			}
			return nil, true
		}
		if r := toks[v].Rel; r != "xcomp" && r != "conj" && r != "advcl" {
			break
		}
		v = toks[v].Head
	}
	return nil, true
}

// nameAt is the span of the name at token n, or of the name just before
// the common noun at n, which modifies it ("Islamic State militants",
// "ISIS-K groups"), or -1.
func (c *clause) nameAt(n int) int {
	if i := c.spanCovering(n); i >= 0 {
		return i
	}
	if strings.HasPrefix(c.a.toks[n].Tag, "NN") && !strings.HasPrefix(c.a.toks[n].Tag, "NNP") {
		return c.spanEndingAt(n)
	}
	return -1
}

// conjuncts are the tokens joined to token n by "conj", before token end.
func conjuncts(toks []Token, s Sentence, n, end int) []int {
	var out []int
	for t := n + 1; t < end && t < s.Last; t++ {
		if toks[t].Head == n && toks[t].Rel == "conj" {
			out = append(out, t)
		}
	}
	return out
}
