// Rule family "verb": trigger verbs of the schema in active and passive voice.

package extract

import (
	"strings"
)

// byAfter is the index of the "by" of a passive participle ending before
// token k: right after it, or after a short prepositional phrase ("founded
// in 1988 by", "killed in Kabul by"); -1 if there is none.
func byAfter(c *clause, k int) int {
	for j := k; j < c.s.Last && j <= k+4; j++ {
		switch {
		case c.word(j) == "by":
			return j
		case c.word(j) == "," || c.word(j) == ";" || c.x.lang.clauseJoiners[c.word(j)] || strings.HasPrefix(c.a.toks[j].Tag, "VB"):
			return -1 // "was attacked last week and condemned by Egypt"
		case c.a.byToken[j] >= 0:
			if j == k || !c.x.lang.prepositions[c.word(j-1)] && c.word(j-1) != "the" {
				return -1
			}
			j = c.a.mentions[c.a.byToken[j]].Last - 1
		}
	}
	return -1
}

// verbBetweenNames reports whether a trigger word ending in "s" that the
// tagger made a plural noun stands between a name (past adverbs, or an
// appositive's closing comma) and a name or a determiner: a name's verb,
// "The Nordland Front attacks Bergen", "Lars Dahl, a Dane, chairs
// Nordland Group" (at extraction only).
func (c *clause) verbBetweenNames(k int) bool {
	if c.a.toks[k].Tag != "NNS" || !strings.HasSuffix(c.word(k), "s") {
		return false
	}
	p := k - 1
	for p > c.s.First && c.a.toks[p].Tag == "RB" {
		p--
	}
	if c.word(p) == "," {
		p-- // an appositive closed: "Lars Dahl, a Dane, chairs"
	}
	if c.spanEndingAt(p+1) < 0 || c.word(p) == "'s" {
		return false
	}
	n := k + 1
	return c.spanAt(n) >= 0 || c.x.lang.determiners[c.word(n)] || c.word(n) == "a" || c.word(n) == "an"
}

// reciprocalAt reports whether "each other" or "one another" starts at
// token j; a trigger word before it is a verb whatever its tag ("Sweden
// and Denmark support one another").
func (c *clause) reciprocalAt(j int) bool {
	return c.word(j) == "each" && c.word(j+1) == "other" || c.word(j) == "one" && c.word(j+1) == "another"
}

// verbRules: "U.S. forces eliminated ... Hafiz Saeed Khan" (active) and "X was
// killed by Y" (passive).
func (x *Extractor) verbRules(c *clause, si int, emit emitFunc) {
	toks := c.a.toks
	for k := c.s.First; k < c.s.Last; k++ {
		trigs := x.rules.verbs[c.word(k)]
		if len(trigs) == 0 || c.a.byToken[k] >= 0 {
			continue
		}
		if tag := toks[k].Tag; tag != "" && !strings.HasPrefix(tag, "VB") && (c.a.gold || c.relativeHead(k) < 0 && !c.reciprocalAt(k+1) && !c.verbBetweenNames(k)) {
			// A trigger word after a relative pronoun and a subject is
			// the clause's verb whatever its tag ("which Sweden
			// supports"; at extraction only, as nounBetween).
			continue
		}
		// "found" is found's base and find's past: in the past tense it is
		// find's ("Biden found the Taliban unwilling").
		if x.lang.otherPast[c.word(k)] && (toks[k].Tag == "VBD" || toks[k].Tag == "VBN") {
			continue
		}
		if !c.a.gold && c.prenominal(k) {
			continue
		}
		for _, t := range trigs {
			rt, _ := x.schema.Relation(t.rel)
			be, passive, reduced := c.voice(k, t)
			if passive {
				by := byAfter(c, k+1)
				if by < 0 {
					continue
				}
				agents := c.agentsRight(by+1, t.rel)
				var patient span
				ok := false
				if reduced {
					// "Observers from the OAS, led by Laura Chinchilla": the
					// participle describes the observers, not the OAS.
					patient = c.spans[c.spanEndingAt(k-1)]
					ok = x.schema.AllowsObject(t.rel, c.typ(patient)) && c.prepBefore(patient) < 0
				} else {
					patient, ok = c.patientLeft(be, t.rel)
				}
				if !ok || !c.a.gold && c.actSubject(k, patient) {
					// (actSubject at extraction only, as nounBetween.)
					continue
				}
				for _, ag := range agents {
					emit(t.rel, ag, patient, si, rt.Confidence, "verb-passive/"+t.base)
				}
				continue
			}
			if !c.a.gold && t.participle && c.word(k-1) == "," && toks[k].Tag != "VBD" && byAfter(c, k+1) >= 0 {
				// "angry farmers, headed by the huge and well organised
				// Nordland Front, will march": a participle after a comma
				// with its "by" is a reduced passive whatever the noun
				// before it; when that noun is no name the act has no
				// patient to report, and the name after "by" is its
				// agent, never its object (at extraction only, as
				// nounBetween).
				continue
			}
			subjs := c.subjectsLeft(k, t.rel)
			objs := []span(nil)
			relObj := -1 // the object a relative pronoun stands for
			hyphen := !c.a.gold && c.word(k-1) == "-" && toks[k-1].End == toks[k].Start
			if hyphen {
				objs = c.hyphenObject(k, t.rel)
			} else {
				objs = c.objectsRight(k+1, t.rel)
				if o, ok := c.relativeObject(k, t.rel); ok {
					objs = append(objs, o)
					relObj = len(objs) - 1
				}
			}
			// "each other", "one another": the act holds between the
			// subjects ("Norway and the Nordland Front have fought each
			// other since 2019"; at extraction only, as nounBetween).
			if !c.a.gold && len(objs) == 0 && len(subjs) >= 2 && c.reciprocalAt(k+1) {
				for _, s1 := range subjs {
					for _, s2 := range subjs {
						if s1.ent != s2.ent && x.schema.AllowsObject(t.rel, c.typ(s2)) {
							emit(t.rel, s1, s2, si, rt.Confidence, "verb-reciprocal/"+t.base)
						}
					}
				}
				continue
			}
			if hyphen {
				// "the Iran-backed Houthis": the name the hyphen joins to
				// the participle is its subject, and none other, whatever
				// preposition stands before them ("fired by the
				// Iran-backed Houthis" is no backing by the sentence's
				// subject). At extraction only, as nounBetween.
				subjs = nil
				if i := c.spanEndingAt(k - 1); i >= 0 && x.schema.AllowsSubject(t.rel, c.typ(c.spans[i])) {
					subjs = []span{c.spans[i]}
				}
			}
			if len(subjs) == 0 {
				continue
			}
			for oi, obj := range objs {
				// "attacked our positions in Omdurman, spokesman Nabil
				// Abdallah said": a name the parse makes another verb's
				// subject is not this verb's object (at extraction only, as
				// nounBetween); the name a relative pronoun stands for may
				// be ("The Nordland Front, which Sweden supports, attacked"),
				// and so may the name a hyphen's participle describes ("The
				// Nordland Front, a Sweden-backed militia, attacked").
				if h := spanHead(toks, obj); !c.a.gold && oi != relObj && !hyphen && isRel(toks[h].Rel, "nsubj") && toks[h].Head != k && toks[h].Head >= 0 && toks[toks[h].Head].UPOS == "VERB" &&
					!c.objectTakenByClause(k, obj) {
					continue
				}
				for _, subj := range subjs {
					emit(t.rel, subj, obj, si, rt.Confidence, "verb-active/"+t.base)
				}
			}
		}
	}
}

// doers returns who does what verb k says by trigger t, read as verbRules
// reads it: the agents after "by" of a passive ("was attacked by X"), else
// the subjects before an active verb.
func (c *clause) doers(k int, t verbTrigger) []span {
	if _, passive, _ := c.voice(k, t); passive {
		if by := byAfter(c, k+1); by >= 0 {
			return c.agentsRight(by+1, t.rel)
		}
		return nil
	}
	return c.subjectsLeft(k, t.rel)
}

// voice reads verb k of trigger t as a passive: a form of "be" before it
// (be, past auxiliaries and adverbs), or a reduced participle after the
// name it describes ("X, led by Y,"; a verb in the past tense after an
// apposition is the clause's own: "The minister, Tobias Ellwood, visited
// Turkey"). "by" after it is for the caller to find.
func (c *clause) voice(k int, t verbTrigger) (be int, passive, reduced bool) {
	be = k - 1
	for be > c.s.First && c.x.lang.auxiliaries[c.word(be)] || strings.HasSuffix(c.word(be), "ly") {
		be--
	}
	reduced = t.participle && c.word(k-1) == "," && c.spanEndingAt(k-1) >= 0 && c.a.toks[k].Tag != "VBD"
	return be, t.participle && c.x.lang.beForms[c.word(be)] || reduced, reduced
}

// actSubject reports whether passive verb k's subject is a noun naming an
// act and sp a name inside its phrase: "The murder of journalist Anna Berg
// was condemned by Norway" condemns the murder, and Anna Berg is its
// victim, not what Norway opposes.
func (c *clause) actSubject(k int, sp span) bool {
	n := childWith(c.a.toks, c.s, k, "nsubj:pass")
	if n < 0 || inSpan(n, sp) {
		return false
	}
	if _, ok := c.x.rules.events[c.word(n)]; !ok {
		return false
	}
	for h, step := spanHead(c.a.toks, sp), 0; step < 4 && h >= 0; step++ {
		if h = c.a.toks[h].Head; h == n {
			return true
		}
	}
	return false
}

// objectTakenByClause reports whether a name right after verb k, which the
// parse makes the subject of a clause after it, is k's object all the
// same: k has no object in the parse and is no verb of saying, so the
// clause cannot be what k says ("Sweden attacked Kiruna after Norway
// warned Denmark", "Sweden attacked Kiruna and Norway attacked Bergen":
// the parser read "Kiruna ... warned" as a clause).
func (c *clause) objectTakenByClause(k int, obj span) bool {
	toks := c.a.toks
	j := k + 1
	if j < obj.first && toks[j].UPOS == "DET" {
		j++
	}
	if j != obj.first || childWith(toks, c.s, k, "obj") >= 0 {
		return false
	}
	w := c.a.low[k]
	return !c.x.lang.speechVerbs[w] && !c.x.lang.reportVerbs[w]
}

// prenominal reports whether trigger word k modifies the noun after it
// ("the occupied Norwegian towns", "an attacked convoy"): a participle in
// its noun phrase, before the noun, says no act with a subject or object
// of its own, whether the tagger makes it an adjective or a participle
// (EWT tags it VBN, amod). One joined by a hyphen to the word before it
// is not ("the Iran-backed Houthis": hyphenObject reads it).
func (c *clause) prenominal(k int) bool {
	t := c.a.toks[k]
	if t.Rel != "amod" || t.Head <= k || t.Head >= c.s.Last {
		return false
	}
	if c.word(k-1) == "-" && c.a.toks[k-1].End == t.Start {
		return false
	}
	if c.nounBefore(k) {
		return false // "when Swedish jets bombed Bergen": the parse's amod is a misparse
	}
	u := c.a.toks[t.Head].UPOS
	return u == "NOUN" || u == "PROPN"
}

// nounBefore reports whether the word before token k is a noun, a name
// or a pronoun: a participle after one is its verb, not a modifier inside
// a noun phrase, which opens with a determiner, an adjective, an adverb or
// a preposition.
func (c *clause) nounBefore(k int) bool {
	if k <= c.s.First {
		return false
	}
	switch c.a.toks[k-1].UPOS {
	case "NOUN", "PROPN", "PRON":
		return true
	}
	return false
}

// hyphenObject returns what a participle joined by a hyphen to its subject
// ("the Iran-backed Houthis") says it of: the name right after it, or,
// when a common noun's phrase follows, the name that phrase stands in
// apposition to ("Hezbollah, the Iran-backed group in Lebanon, fired
// rockets at northern Israel" is no backing of Israel); never a name
// further on.
func (c *clause) hyphenObject(k int, rel string) []span {
	allowed := func(sp span) bool { return c.x.schema.AllowsObject(rel, c.typ(sp)) && !sp.coref }
	if i := c.spanAt(k + 1); i >= 0 {
		if allowed(c.spans[i]) {
			return []span{c.spans[i]}
		}
		return nil
	}
	// Back from the participle over its phrase's article and adjectives to
	// a comma after a name.
	phrase := func(q int) bool {
		t := c.a.toks[q]
		return t.End == c.a.toks[q+1].Start || t.Tag == "DT" || strings.HasPrefix(t.Tag, "JJ")
	}
	if _, i := c.apposedTo(k-1, phrase); i >= 0 && allowed(c.spans[i]) {
		return []span{c.spans[i]}
	}
	return nil
}

// relativeObject returns the name a relative clause's verb k acts on when
// its relative pronoun is its object: "Kiruna, which Sweden attacked in
// 2019," (Sweden ATTACKED Kiruna), "Kiruna, which Norway controls". At
// extraction only, as nounBetween.
func (c *clause) relativeObject(k int, rel string) (span, bool) {
	toks := c.a.toks
	if c.a.gold {
		return span{}, false
	}
	if i := c.relativeHead(k); i >= 0 && !isRel(toks[k].Rel, "acl") {
		// The words make the pronoun the object where the parse does
		// not read a relative clause (it may take the verb for a
		// conjunct or a noun).
		if c.spans[i].coref || !c.x.schema.AllowsObject(rel, c.typ(c.spans[i])) {
			return span{}, false
		}
		return c.spans[i], true
	}
	if !isRel(toks[k].Rel, "acl") {
		return span{}, false
	}
	o := childWith(toks, c.s, k, "obj")
	if o < 0 || !c.x.lang.relPronouns[c.a.low[o]] && c.a.low[o] != "whom" {
		return span{}, false
	}
	i := c.spanCovering(toks[k].Head)
	if i < 0 || c.spans[i].coref || !c.x.schema.AllowsObject(rel, c.typ(c.spans[i])) {
		return span{}, false
	}
	return c.spans[i], true
}

// relativeHead returns the name a relative clause describes when its
// pronoun is the object of verb k, read from the words: "Name, which|whom"
// then the clause's own subject (a name or a short noun phrase) and its
// auxiliaries and adverbs right before k ("Kiruna, which Norway controls",
// "Lars Holm, whom Karl Ek had killed"): a clause with a subject of its
// own between the pronoun and the verb has the pronoun for its object.
// -1 if the words are not so.
func (c *clause) relativeHead(k int) int {
	toks := c.a.toks
	q := k - 1
	for q > c.s.First && (c.x.lang.auxiliaries[c.a.low[q]] || strings.HasPrefix(toks[q].Tag, "RB")) {
		q--
	}
	// The subject: a name, or a pronoun, or a noun with its modifiers.
	subj := q
	if i := c.spanEndingAt(q + 1); i >= 0 {
		subj = c.spans[i].first - 1
		for subj > c.s.First && (toks[subj].Tag == "DT" || strings.HasPrefix(toks[subj].Tag, "JJ")) && c.a.byToken[subj] < 0 {
			subj-- // "which the Nordland Front controls"
		}
	} else {
		for subj > c.s.First && c.a.byToken[subj] < 0 && startsLower(toks[subj].Text) &&
			(toks[subj].Tag == "PRP" || toks[subj].Tag == "DT" || strings.HasPrefix(toks[subj].Tag, "JJ") || toks[subj].Tag == "NN" || toks[subj].Tag == "NNS") {
			subj--
		}
	}
	if subj == q || subj <= c.s.First+1 {
		return -1
	}
	if w := c.a.low[subj]; w != "which" && w != "whom" || c.word(subj-1) != "," {
		return -1
	}
	return c.spanEndingAt(subj - 1)
}
