// Rule family "noun": role nouns in appositives, copulas, modifiers and
// possessives ("its leader, X", "X is a senior leader of Y").

package extract

import "strings"

// possessor finds who a role noun at [r, ...) belongs to: "its", "the group's",
// "ISIS-K's" or "ISIS-K" just before it (past adjectives), or "of ISIS-K" after.
func (c *clause) possessor(r, rEnd int) (span, bool) {
	k := r - 1
	for k > c.s.First && k > r-4 && c.a.byToken[k] < 0 && startsLower(c.a.toks[k].Text) && !c.x.lang.determiners[c.word(k)] &&
		!c.x.lang.orgPronouns[c.word(k)] && !c.x.lang.personPronouns[c.word(k)] && c.word(k) != "'s" && c.word(k) != "a" && c.word(k) != "an" && !c.x.lang.beForms[c.word(k)] && !c.x.lang.prepositions[c.word(k)] {
		k-- // adjectives: "founding", "current overall", "senior"
	}
	poss := c.word(k) == "'s"
	if poss {
		k--
	}
	if i := c.spanEndingAt(k + 1); i >= 0 {
		// "In Turkey Minister Ellwood met ...": a place after a
		// locative preposition is where, not whose.
		sp := c.spans[i]
		if !poss && c.x.isPlace(c.typ(sp)) && c.x.lang.locativePreps[c.word(sp.first-1)] {
			return span{}, false
		}
		return sp, true
	}
	if c.word(rEnd) == "of" {
		j := rEnd + 1
		if c.word(j) == "the" {
			j++
		}
		for ; j < c.s.Last && j < rEnd+5; j++ {
			if i := c.spanAt(j); i >= 0 {
				return c.spans[i], true
			}
		}
	}
	return span{}, false
}

// roleAfter looks past a name ending at token end for a predicate nominal:
// "X, also known as Y, is the group's current overall emir" returns the index
// of "emir" and the relation it triggers; (-1, "") when there is none.
func (x *Extractor) roleAfter(a *analysis, end int, s Sentence) (int, string) {
	c := &clause{x: x, a: a, s: s}
	k := end
	if c.word(k) == "," {
		// Skip an alias aside: ", also known as Y," or ", or Y,".
		for _, op := range x.lang.aliasOpeners {
			if matchWords(a.toks, k+1, op) {
				j := k + 1 + len(op)
				for j < s.Last && j < k+12 && c.word(j) != "," {
					j++
				}
				if c.word(j) == "," {
					k = j
				}
				break
			}
		}
	}
	appositive := false
	if c.word(k) == "," {
		k++
		appositive = true
	}
	for x.lang.auxiliaries[c.word(k)] {
		k++
	}
	switch {
	case x.lang.beForms[c.word(k)]:
		k++
	case c.word(k) == "served" || c.word(k) == "serves" || c.word(k) == "serving":
		if c.word(k+1) != "as" {
			return -1, ""
		}
		k += 2
	case appositive && (c.word(k) == "a" || c.word(k) == "an" || c.word(k) == "the"):
	default:
		return -1, ""
	}
	for j := k; j < s.Last && j < k+8; j++ {
		if rel, n := x.rules.nouns.longest(a.toks, j, s.Last, lower); n > 0 {
			return j + n - 1, rel
		}
		w := c.word(j)
		if w == "," || w == "." || x.lang.relPronouns[w] || x.rules.verbs[w] != nil {
			break
		}
	}
	return -1, ""
}

// nounRules read role nouns: appositives ("its founding emir, Pakistani national
// Hafiz Saeed Khan"), copulas ("Maulawi Rajab ... is a senior leader of ISIS-K"),
// modifiers ("ISIS-K spokesman Sultan Aziz") and "considers the Taliban to be
// an enemy".
func (x *Extractor) nounRules(c *clause, si int, emit emitFunc) {
	a := c.a
	x.nationalityRules(c, si, emit)
	x.eventNounRules(c, si, emit)
	if !a.gold {
		x.ownedPlaceRules(c, si, emit)
	}
	for r := c.s.First; r < c.s.Last; r++ {
		if a.byToken[r] >= 0 {
			continue
		}
		rel, n := x.rules.nouns.longest(a.toks, r, c.s.Last, lower)
		if n == 0 {
			continue
		}
		rEnd := r + n
		if _, n2 := x.rules.nouns.longest(a.toks, rEnd, c.s.Last, lower); n2 > 0 && !a.gold && a.byToken[rEnd] < 0 {
			// A role noun before another modifies it: a "chief economist"
			// is an economist, no chief (at extraction only, as
			// nounBetween).
			continue
		}
		if !a.gold && c.pastRole(r) {
			// "the former mayor of Caracas" is no mayor now (at
			// extraction only, as nounBetween).
			continue
		}
		if !a.gold {
			rel = c.deputyRole(r, rel) // at extraction only, as nounBetween
		}
		rt, _ := x.schema.Relation(rel)
		owner, hasOwner := c.possessor(r, rEnd)
		if owner.nonState || rel == x.roles.Leads && hasOwner && !a.gold && c.nounBetween(owner.last, r) {
			// "Syrian rebel leader Abu Omar" leads rebels, not Syria;
			// "Kenyan police chief Japhet Koome" the police, not Kenya (at
			// extraction: the classifier's features read what the rules
			// find in training, and retrained on this it scored the same
			// within its seeds' spread).
			hasOwner = false
		}
		// Holder after the noun: "its leader, Abu Bakr al Baghdadi"; or
		// after its "of" owner and a comma, a person, the phrase closing
		// after the holder: "The mayor of Bergen, Lars Holm, resigned"
		// (not "the province of Guayas, Ecuador"; at extraction only, as
		// nounBetween).
		k := rEnd
		if hasOwner && !a.gold && owner.first > rEnd && c.word(owner.last) == "," {
			if i := c.spanAt(owner.last + 1); i >= 0 && x.schema.Is(c.typ(c.spans[i]), x.roles.Person) {
				if n := c.spans[i].last; closes(c.word(n)) || n < c.s.Last && (a.toks[n].UPOS == "VERB" || a.toks[n].UPOS == "AUX") {
					k = owner.last
				}
			}
		}
		if c.word(k) == "," {
			k++
		}
		// "Anbar province, Iraq": the noun is the kind of place its owner
		// is, and the name after the comma is where that place lies.
		if hasOwner && x.placeKeyword(c, owner, r) {
			continue
		}
		if i := c.spanAt(k); i >= 0 && hasOwner {
			holder := c.spans[i]
			// "Pakistani national Hafiz Saeed Khan": a demonym and a second role
			// noun may stand between.
			if m := a.byToken[holder.first]; m >= 0 && a.mentions[m].Demonym {
				if _, n2 := x.rules.nouns.longest(a.toks, holder.last, c.s.Last, lower); n2 > 0 {
					if j := c.spanAt(holder.last + n2); j >= 0 {
						holder = c.spans[j]
					}
				}
			}
			// A role noun right before the name, no comma between, is its
			// title ("Norway's caretaker prime minister Lars Berg
			// resigned"), whatever the parse hangs the noun on (at
			// extraction only, as nounBetween).
			titled := !a.gold && c.word(rEnd) != ","
			if (c.x.schema.Is(c.typ(holder), c.x.roles.Person) || rel == c.x.roles.PartOf) && (titled || !c.subjectAfterPhrase(r, holder)) {
				emit(rel, holder, owner, si, rt.Confidence, "role-appositive/"+a.toks[r].Text)
			}
		}
		// Holder before the noun, through a copula or an appositive comma.
		// A possessive "'s" is no copula: "operated on Kennedy's assassin".
		copula := func(j int) bool { return x.lang.beForms[c.word(j)] && a.toks[j].Tag != "POS" }
		j := r - 1
		for j > c.s.First && j > r-8 && (a.byToken[j] < 0 || c.word(j) == "'s" || a.byToken[j] >= 0 && owner.first <= j && j < owner.last) &&
			!copula(j) && c.word(j) != "," && c.word(j) != "as" && x.lang.modifierWord(a.toks[j]) {
			if c.word(j) == "of" && strings.HasPrefix(a.toks[j-1].Tag, "NN") && !x.lang.partitives[c.word(j-1)] {
				// The role is inside another noun's phrase: "Karl Ek, a
				// critic of Nordland Front leader Lars Holm" is no leader.
				j = -1
				break
			}
			j--
		}
		if j < 0 {
			continue
		}
		if copula(j) || c.word(j) == "," || c.word(j) == "as" && (c.word(j-1) == "served" || c.word(j-1) == "serves") {
			// "considers the Taliban to be an enemy"
			if c.word(j) == "be" && c.word(j-1) == "to" {
				if i := c.spanEndingAt(j - 1); i >= 0 {
					for v := c.spans[i].first - 1; v >= c.s.First && v > c.spans[i].first-3; v-- {
						if x.lang.considerVerbs[c.word(v)] {
							if subj, ok := c.subjectLeft(v, rel); ok {
								emit(rel, subj, c.spans[i], si, rt.Confidence, "consider-as/"+a.toks[r].Text)
							}
						}
					}
				}
				continue
			}
			if c.word(j) == "," {
				// An appositive needs an article, "X, a senior leader of Y",
				// or the role's owner after it, as news drops the article:
				// "X, leader of Y," (at extraction only, as nounBetween).
				// So does a possessive right after the comma: "Ulf Lind,
				// Sweden's ambassador in Oslo," (at extraction only).
				possessive := hasOwner && !a.gold && owner.first == j+1 && (c.word(owner.last) == "'s" || c.word(owner.last) == "’s")
				if w := c.word(j + 1); w != "a" && w != "an" && w != "the" && !possessive && (a.gold || !hasOwner || owner.first < rEnd) {
					continue
				}
			}
			holders := []span{}
			switch {
			case copula(j):
				holders = c.subjectsLeft(j, rel) // "Hamas and Hezbollah are allies of Iran"
			case c.word(j) == ",":
				// The appositive describes the name just before it, even
				// after a preposition: "for Andres Velandia, a former mayor
				// of Medellin" is no earlier name's role.
				// A preposition's object holds the role only when the
				// appositive closes after its owner: not "According to
				// Antony Blinken, the leader of Hamas is hiding".
				if i := c.spanEndingAt(j); i >= 0 && x.schema.AllowsSubject(rel, c.typ(c.spans[i])) && !c.fronted(c.spans[i]) &&
					(!c.prepObject(c.spans[i]) || hasOwner && closes(c.word(owner.last))) {
					holders = append(holders, c.spans[i])
				}
			default:
				if holder, ok := c.subjectLeft(j, rel); ok {
					holders = append(holders, holder)
				}
			}
			for _, holder := range holders {
				if hasOwner {
					emit(rel, holder, owner, si, rt.Confidence, "role-copula/"+a.toks[r].Text)
				}
			}
			// With no owner, a plural noun of a relation that holds both
			// ways (the schema's symmetric types and those with mutual
			// phrases) holds between the subjects it follows: "Sweden and
			// Norway are allies", "Karl Ek and Lars Holm were rivals" (at
			// extraction only, as nounBetween).
			if !hasOwner && !a.gold && (rt.Symmetric || len(rt.Mutual) > 0) && copula(j) && len(holders) >= 2 && strings.HasSuffix(a.low[rEnd-1], "s") && c.word(rEnd) != "of" {
				for _, h1 := range holders {
					for _, h2 := range holders {
						if h1.ent != h2.ent {
							emit(rel, h1, h2, si, rt.Confidence, "role-mutual/"+a.toks[r].Text)
						}
					}
				}
			}
			continue
		}
		// Modifier: "ISIS-K spokesman Sultan Aziz", "Pakistani national Hafiz Saeed Khan".
		if hasOwner && owner.last == r {
			if i := c.spanAt(rEnd); i >= 0 {
				emit(rel, c.spans[i], owner, si, rt.Confidence, "role-modifier/"+a.toks[r].Text)
			}
		}
	}
}

// nationalityRules read a nationality adjective on a person's role noun as
// the person's citizenship: "the Romanian singer Ioana Dumitru", "Anna
// Novak, a Polish journalist,", "Tudor Chirila is a Romanian actor". One
// modifier may stand between the adjective and the noun ("Canadian literary
// theorist").
func (x *Extractor) nationalityRules(c *clause, si int, emit emitFunc) {
	rel := x.roles.Nationality
	if rel == "" {
		return
	}
	a := c.a
	rt, _ := x.schema.Relation(rel)
	person := func(i int) bool { return i >= 0 && x.schema.Is(c.typ(c.spans[i]), x.roles.Person) }
	for _, d := range c.spans {
		if m := a.byToken[d.first]; m < 0 || !a.mentions[m].Demonym || d.coref {
			continue
		}
		// The role noun: the first or second word after the adjective.
		end := -1
		for j := d.last; j < c.s.Last && j < d.last+2 && a.byToken[j] < 0; j++ {
			if x.rules.personNoun(c.word(j)) {
				end = j + 1
				break
			}
			if !x.lang.modifierWord(a.toks[j]) || closes(c.word(j)) || x.lang.beForms[c.word(j)] {
				break
			}
		}
		if end < 0 {
			continue
		}
		noun := a.toks[end-1].Text
		// Holder after the noun: "the Romanian singer Ioana Dumitru".
		if i := c.spanAt(end); person(i) {
			emit(rel, c.spans[i], d, si, rt.Confidence, "nationality/"+noun)
			continue
		}
		// Holder before, through an appositive comma or a copula.
		j := d.first - 1
		if w := c.word(j); w == "a" || w == "an" || w == "the" {
			j--
		}
		if w := c.word(j); w == "," || x.lang.beForms[w] {
			if i := c.spanEndingAt(j); person(i) {
				emit(rel, c.spans[i], d, si, rt.Confidence, "nationality/"+noun)
			}
		}
	}
}

// eventNounRules read an act named by a noun, with its agent as the
// noun's possessor (a name or a possessive pronoun resolved to one) or
// after "by": "Boko Haram's attack on Koshobe", "the bombing of the Rolando
// Cafe by ETA", "the killing of Karl Ek by police officers", "its support
// for Iraq", "their fight against ISIS". One modifier may stand before the
// noun ("its deadly attack").
func (x *Extractor) eventNounRules(c *clause, si int, emit emitFunc) {
	a := c.a
	for n := c.s.First; n < c.s.Last; n++ {
		if a.byToken[n] >= 0 || !strings.HasPrefix(a.toks[n].Tag, "NN") && !(a.toks[n].Tag == "VBG" && c.word(n-1) == "the") {
			continue
		}
		// "the re-taking of Tikrit" is the retaking.
		word := c.word(n)
		if strings.Contains(word, "-") {
			word = strings.ReplaceAll(word, "-", "")
		}
		if rel, ok := x.rules.inverseEvents[word]; ok {
			x.inverseEvent(c, si, n, rel, emit)
			continue
		}
		rel, ok := x.rules.events[word]
		if !ok {
			continue
		}
		if !a.gold {
			x.diedInEvent(c, si, n, emit)
		}
		w := c.word(n + 1)
		if w == "by" {
			x.agentFirstEvent(c, si, n, rel, emit)
			continue
		}
		if w != "on" && w != "against" && w != "of" && w != "for" && w != "to" {
			x.performedEvent(c, si, n, rel, emit)
			continue
		}
		oi := c.nameAfter(n + 2)
		if oi < 0 {
			continue
		}
		obj := c.spans[oi]
		rt, _ := x.schema.Relation(rel)
		rule := "event-noun/" + c.word(n)
		// The agent as possessor: "X's attack", "X's deadly attack".
		p := n - 1
		if p > c.s.First && c.word(p) != "'s" && c.word(p) != "’s" && x.lang.modifierWord(a.toks[p]) && a.byToken[p] < 0 {
			p--
		}
		if w := c.word(p); w == "'s" || w == "’s" {
			if i := c.spanEndingAt(p); i >= 0 {
				emit(rel, c.spans[i], obj, si, rt.Confidence, rule)
				continue
			}
		}
		// The agent as the name or demonym right before the noun: "the
		// Swedish attack on Bergen", "a Nordland Front attack on Bergen".
		// A place's name there is where it happened ("the Manchester
		// bombing"), a person's mostly the victim: only a demonym of a
		// state and an organization's name are agents.
		// At extraction, nouns of the act's kind may stand between: "a
		// Swedish air strike on Bergen", "a Nordland Front rocket attack".
		if i := x.agentBefore(c, n); i >= 0 && c.spans[i].ent != obj.ent && x.schema.AllowsSubject(rel, c.typ(c.spans[i])) {
			emit(rel, c.spans[i], obj, si, rt.Confidence, rule)
			continue
		}
		// A possessive pronoun resolved to a name: "its support for Iraq",
		// "their long fight against ISIS".
		if i := c.possessivePronoun(n); i >= 0 {
			emit(rel, c.spans[i], obj, si, rt.Confidence, rule)
			continue
		}
		// The subject of a verb that performs the act: "X carried out
		// attacks on Y".
		if x.performedBy(c, n, rel, obj, si, rule, emit) {
			continue
		}
		// The agent after "by": "the attack on X by Y".
		if c.word(obj.last) == "by" {
			if i := c.nameAfter(obj.last + 1); i >= 0 {
				emit(rel, c.spans[i], obj, si, rt.Confidence, rule)
				continue
			}
		}
		// The one a verb of blame holds it against: "blamed the Nordland
		// Front for the bombing of Bergen", "accused Norway of the attack
		// on Kiruna", "charged Karl Ek with the murder of Anna Berg". The
		// verb makes it alleged.
		if i := x.blamedFor(c, n); i >= 0 && c.spans[i].ent != obj.ent && x.schema.AllowsSubject(rel, c.typ(c.spans[i])) {
			emit(rel, c.spans[i], obj, si, rt.Confidence, rule)
		}
	}
}

// agentBefore returns the span that can do the act named by noun n from
// right before it, past up to two nouns of the act's kind at extraction
// ("a Swedish air strike", "a Nordland Front rocket attack"): a state's
// demonym or an organization's name, as a place's name there is where it
// happened and a person's mostly the victim; -1 when there is none.
func (x *Extractor) agentBefore(c *clause, n int) int {
	a := c.a
	m := n
	for step := 0; !a.gold && step < 2 && m-1 > c.s.First && a.byToken[m-1] < 0 && (a.toks[m-1].Tag == "NN" || a.toks[m-1].Tag == "NNS") && startsLower(a.toks[m-1].Text); step++ {
		m--
	}
	if i := c.spanEndingAt(m); i >= 0 && !c.spans[i].nonState && (c.demonymSpan(c.spans[i]) || x.isOrganization(c.typ(c.spans[i]))) {
		return i
	}
	return -1
}

// diedInEvent reads the victim of an act noun at n that someone died or
// was killed in, and the act's agent: "Karl Ek died in a Nordland Front
// bombing", "was killed in a Norwegian air strike", "died in a bombing by
// the Nordland Front". The victim is the name right before "died" or
// before "was"/"were" and a participle of a KILLED verb, then "in" and an
// article; the agent, an organization's name or a state's demonym right
// before the noun (nouns of the act's kind between), or the name after
// "by". At extraction only.
func (x *Extractor) diedInEvent(c *clause, si, n int, emit emitFunc) {
	const killed = "KILLED"
	rt, ok := x.schema.Relation(killed)
	if !ok {
		return
	}
	a := c.a
	m := n // where the act's phrase starts, past its agent
	var agent span
	found := false
	if i := x.agentBefore(c, n); i >= 0 {
		agent, found = c.spans[i], true
		m = agent.first
	} else if c.word(n+1) == "by" {
		if i := c.nameAfter(n + 2); i >= 0 {
			agent, found = c.spans[i], true
		}
	}
	if !found || !x.schema.AllowsSubject(killed, c.typ(agent)) {
		return
	}
	// "in" and an article, then the verb of death.
	k := m - 1
	article := func(w string) bool { return w == "a" || w == "an" || w == "the" }
	for k > c.s.First && !article(c.word(k)) && x.lang.modifierWord(a.toks[k]) && a.byToken[k] < 0 {
		k-- // "a deadly", "the latest"
	}
	if !article(c.word(k)) {
		return
	}
	if k--; c.word(k) != "in" {
		return
	}
	v := k - 1
	victimEnd := -1
	switch {
	case x.lang.deathVerbs[c.word(v)]:
		victimEnd = v
	case x.rules.verbOf(c.word(v), killed) && a.toks[v].Tag == "VBN" && (c.word(v-1) == "was" || c.word(v-1) == "were"):
		victimEnd = v - 1
	default:
		return
	}
	if i := c.spanEndingAt(victimEnd); i >= 0 && c.spans[i].ent != agent.ent && x.schema.AllowsObject(killed, c.typ(c.spans[i])) && x.schema.Is(c.typ(c.spans[i]), x.roles.Person) {
		emit(killed, agent, c.spans[i], si, rt.Confidence, "died-in-event/"+c.word(n))
	}
}

// blamedFor returns the span an act noun at n is blamed on: the object of
// a verb of allegation (assertion.charges: "blamed", "accused",
// "charged") right before "for", "of" or "with" and the noun's phrase; -1
// if there is none.
func (x *Extractor) blamedFor(c *clause, n int) int {
	p := n - 1
	for p > c.s.First && c.a.byToken[p] < 0 && (x.lang.determiners[c.word(p)] || c.word(p) == "a" || c.word(p) == "an" || strings.HasPrefix(c.a.toks[p].Tag, "JJ")) {
		p--
	}
	if w := c.word(p); w != "for" && w != "of" && w != "with" {
		return -1
	}
	i := c.spanEndingAt(p)
	if i < 0 {
		return -1
	}
	v := c.spans[i].first - 1
	if w := c.word(v); w == "the" || w == "a" || w == "an" {
		v--
	}
	if v < c.s.First || !strings.HasPrefix(c.a.toks[v].Tag, "VB") || !x.lang.chargeCues[c.word(v)] && !x.lang.allegationCues[c.word(v)] {
		return -1
	}
	return i
}

// performedBy emits rel from the subject of the verb that performs the act
// named at n (a light verb: "conducted", "carried out", "launched") to obj,
// and reports whether the noun is such a verb's object.
func (x *Extractor) performedBy(c *clause, n int, rel string, obj span, si int, rule string, emit emitFunc) bool {
	// Launching a liberation or waging an occupation begins it; only an
	// act of violence is done by performing it.
	v := x.lightVerbOf(c.a, c.s, n)
	if !accusatory[rel] || v < 0 {
		return false
	}
	k := n
	if h := c.a.toks[n].Head; h != v {
		k = h // "carried out dozens of attacks": the verb's object
	}
	agents, _ := c.nounPhraseAgents(k, rel)
	rt, _ := x.schema.Relation(rel)
	for _, ag := range agents {
		if ag.ent != obj.ent {
			emit(rel, ag, obj, si, rt.Confidence, rule)
		}
	}
	return true
}

// performedEvent reads an act noun at n that a light verb performs when its
// target is not right after it: "conducted 15 strikes using attack aircraft
// against ISIL targets". The target is the name of a phrase with
// "against" or "on" that hangs from the noun or from the verb.
func (x *Extractor) performedEvent(c *clause, si, n int, rel string, emit emitFunc) {
	toks := c.a.toks
	v := x.lightVerbOf(c.a, c.s, n)
	if v < 0 {
		return
	}
	for k := n + 1; k < c.s.Last; k++ {
		if !(isRel(toks[k].Rel, "nmod") || isRel(toks[k].Rel, "obl")) {
			continue
		}
		cs := childWith(toks, c.s, k, "case")
		if cs < 0 || c.a.low[cs] != "against" && c.a.low[cs] != "on" {
			continue
		}
		// The phrase may hang lower, from what the act was done with
		// ("strikes using attack aircraft against ISIL targets"), but
		// not from a clause of its own.
		if !c.within(k, v) {
			return
		}
		if i := c.nameAt(k); i >= 0 {
			x.performedBy(c, n, rel, c.spans[i], si, "event-noun/"+c.word(n), emit)
		}
		return
	}
}

// lightVerbOf is the verb of sentence s whose object the noun at n is, or
// whose object counts it ("carried out dozens of attacks": a partitive),
// when the verb performs acts ("conducted strikes", "carried out attacks":
// the language file's light_verbs), or -1.
func (x *Extractor) lightVerbOf(a *analysis, s Sentence, n int) int {
	v := a.toks[n].Head
	// "carried out dozens of attacks": the verb's object counts the acts.
	if v >= s.First && v < s.Last && isRel(a.toks[n].Rel, "nmod") && x.lang.partitives[a.low[v]] && childWith(a.toks, s, n, "case") == n-1 && a.low[n-1] == "of" {
		n, v = v, a.toks[v].Head
	}
	if v < s.First || v >= s.Last || !isRel(a.toks[n].Rel, "obj") || !x.lang.lightVerbs[a.low[v]] {
		return -1
	}
	return v
}

// within reports whether token v is an ancestor of token k, through no
// clause of its own (a complement, adverbial or relative clause).
func (c *clause) within(k, v int) bool {
	toks := c.a.toks
	for n := 0; k >= c.s.First && k < c.s.Last && n < 30; n++ {
		if k == v {
			return true
		}
		if r := toks[k].Rel; isRel(r, "ccomp") || isRel(r, "advcl") || isRel(r, "parataxis") || r == "acl:relcl" {
			return false
		}
		k = toks[k].Head
	}
	return false
}

// nameAfter is the span at token k, past one "the" and a partitive or a
// state's body with "of" ("dozens of", "the government of"), or -1.
func (c *clause) nameAfter(k int) int {
	if c.word(k) == "the" {
		k++
	}
	if (c.x.lang.partitives[c.word(k)] || c.x.lang.stateBodies[c.word(k)]) && c.word(k+1) == "of" && c.spanAt(k) < 0 {
		k += 2
		if c.word(k) == "the" {
			k++
		}
	}
	return c.spanAt(k)
}

// agentFirstEvent reads an act noun at n whose agent comes first, after
// "by", and its object after "of": "the re-taking by Iraqi forces of
// Tikrit".
func (x *Extractor) agentFirstEvent(c *clause, si, n int, rel string, emit emitFunc) {
	ai := c.nameAfter(n + 2)
	if ai < 0 {
		return
	}
	ag := c.spans[ai]
	k := ag.last
	for k < c.s.Last && k < ag.last+3 && c.word(k) != "of" && c.a.byToken[k] < 0 && startsLower(c.a.toks[k].Text) {
		k++ // "by Iraqi security forces of"
	}
	if c.word(k) != "of" {
		return
	}
	oi := c.nameAfter(k + 1)
	if oi < 0 || c.spans[oi].ent == ag.ent {
		return
	}
	rt, _ := x.schema.Relation(rel)
	emit(rel, ag, c.spans[oi], si, rt.Confidence, "event-noun/"+c.word(n))
}

// inverseEvent reads an act noun at n that takes the object after "of"
// and the subject after "to": "the fall of Mosul to ISIL fighters".
func (x *Extractor) inverseEvent(c *clause, si, n int, rel string, emit emitFunc) {
	if c.word(n+1) != "of" {
		return
	}
	oi := c.nameAfter(n + 2)
	if oi < 0 {
		return
	}
	obj := c.spans[oi]
	if c.word(obj.last) != "to" {
		return
	}
	si2 := c.nameAfter(obj.last + 1)
	if si2 < 0 || c.spans[si2].ent == obj.ent {
		return
	}
	rt, _ := x.schema.Relation(rel)
	emit(rel, c.spans[si2], obj, si, rt.Confidence, "event-noun/"+c.word(n))
}

// possessivePronoun is the span of a possessive pronoun resolved to a name
// just before noun n, or one modifier before it ("its deadly attack"), or
// -1.
func (c *clause) possessivePronoun(n int) int {
	for p := n - 1; p >= c.s.First && p >= n-2; p-- {
		switch c.word(p) {
		case "its", "their", "his", "her":
			if i := c.spanAt(p); i >= 0 && c.spans[i].coref {
				return i
			}
			return -1
		}
		if c.a.byToken[p] >= 0 || !c.x.lang.modifierWord(c.a.toks[p]) {
			return -1
		}
	}
	return -1
}

// closes reports whether w ends an appositive: a comma, a full stop, a
// semicolon or the sentence's end.
func closes(w string) bool { return w == "," || w == "." || w == ";" || w == "" }

// modifierWord reports whether a token can stand between a copula and its
// role noun: "is the group's current overall emir", not "was killed by".
func (w *wordLists) modifierWord(t Token) bool {
	word := lower(t.Text)
	if w.prepositions[word] && word != "of" {
		return false
	}
	switch t.Tag {
	case "VB", "VBD", "VBZ", "VBP", "VBN", "MD":
		return w.beForms[word]
	}
	return true
}

// subjectAfterPhrase reports whether the name after a role noun and a comma
// is the subject of the verb that the noun's phrase only modifies: "Speaking
// after the fall of Tromso to Nordland Front fighters, Karl Ek said" is no
// apposition ("its leader, Karl Ek, said" is). The parse tells: the name is
// the verb's subject and the noun hangs from the verb through an adverbial
// clause or an oblique phrase.
func (c *clause) subjectAfterPhrase(noun int, name span) bool {
	toks := c.a.toks
	h := spanHead(toks, name)
	if !strings.HasPrefix(toks[h].Rel, "nsubj") {
		return false
	}
	verb := toks[h].Head
	for k, n := noun, 0; k >= c.s.First && k < c.s.Last && n < 20; k, n = toks[k].Head, n+1 {
		if toks[k].Head == verb {
			return toks[k].Rel == "advcl" || strings.HasPrefix(toks[k].Rel, "obl")
		}
	}
	return false
}

// nounBetween reports whether a noun naming a body stands between tokens
// from and to (exclusive): a state's body, an organization's noun, or
// people not the state's ("Kenyan police chief", "Pakistani army chief",
// "Kenyan party leader", "Georgian protest leader"); not one that only
// describes the holder ("Lebanon's caretaker prime minister", "Russia's
// longtime president").
func (c *clause) nounBetween(from, to int) bool {
	l := c.x.lang
	for k := from; k < to; k++ {
		if w := c.a.low[k]; l.stateBodies[w] || l.organizationNouns[w] || l.nonStatePeople[w] {
			return true
		}
		// A plural noun names the part the holder heads: "The United
		// Nations human rights chief, Volker Türk", "the armed forces
		// chief" (a singular one may describe the holder: "caretaker").
		if t := c.a.toks[k]; t.Tag == "NNS" && startsLower(t.Text) && c.a.byToken[k] < 0 {
			return true
		}
	}
	return false
}

// deputyRole returns the relation a role noun at r of relation rel states:
// the schema's member role for a leader's noun after a word of
// clauses.deputies ("vice president of the National Assembly" is a member
// of it, not its head), else rel.
func (c *clause) deputyRole(r int, rel string) string {
	if rel == c.x.roles.Leads && c.x.roles.Member != "" && r > c.s.First && c.x.lang.deputies[c.word(r-1)] {
		return c.x.roles.Member
	}
	return rel
}

// pastRole reports whether a word of clauses.past_roles stands before the
// role noun at r, among the words that modify it ("the former mayor", "the
// ousted prime minister", "ex-president", "Kenya's former police chief").
func (c *clause) pastRole(r int) bool {
	if w := c.word(r); strings.HasPrefix(w, "ex-") || c.x.lang.pastRoles[strings.SplitN(w, "-", 2)[0]] && strings.Contains(w, "-") {
		return true
	}
	for k := r - 1; k >= c.s.First && k >= r-3; k-- {
		w := c.word(k)
		if c.x.lang.pastRoles[w] || strings.HasPrefix(w, "ex-") {
			return true
		}
		// A nationality between passes: "the former Maltese economy
		// minister"; so does the name of the body the role is in, "a
		// former Nordland Group executive" (at extraction, as
		// nounBetween).
		if m := c.a.byToken[k]; m >= 0 && !c.a.gold && !c.a.mentions[m].Demonym && c.a.mentions[m].Entity >= 0 && c.x.isOrganization(c.a.entities[c.a.mentions[m].Entity].typ) {
			k = c.a.mentions[m].First
			continue
		}
		if m := c.a.byToken[k]; m >= 0 && !(c.a.mentions[m].Demonym && !c.a.gold) || w == "," || c.x.lang.determiners[w] || c.x.lang.beForms[w] {
			return false
		}
	}
	return false
}

// ownedPlaceRules read a noun of the schema's owned lists whose owner is a
// possessive or a resolved possessive pronoun, and a place in its "in" or
// "of" phrase: "Karl Ek was shot outside his home in Bergen" (LIVES_IN),
// "Police searched Karl Ek's family home in Bergen", "the Nordland Front's
// headquarters in Tromso" (BASED_IN). Up to two modifiers may stand before
// the noun, "town" after "home". At extraction only (the classifier's
// training reads the rules as they were).
func (x *Extractor) ownedPlaceRules(c *clause, si int, emit emitFunc) {
	a := c.a
	for r := c.s.First + 1; r < c.s.Last; r++ {
		types := x.rules.owned[a.low[r]]
		if len(types) == 0 || a.byToken[r] >= 0 {
			continue
		}
		// The owner: "his", "Karl Ek's", past "family", "new".
		p := r - 1
		for p > c.s.First && p >= r-2 && a.byToken[p] < 0 && startsLower(a.toks[p].Text) && x.lang.modifierWord(a.toks[p]) &&
			c.word(p) != "'s" && !x.lang.personPronouns[c.word(p)] && !x.lang.orgPronouns[c.word(p)] && !x.lang.determiners[c.word(p)] {
			p--
		}
		k := r + 1
		if c.word(k) == "town" {
			k++
		}
		if w := c.word(k); w != "in" && w != "of" {
			continue
		}
		k++
		if c.word(k) == "the" {
			k++
		}
		place := c.spanAt(k)
		if place < 0 {
			continue
		}
		for _, rel := range types {
			// The owner as a phrase's possessor (phrasePossessor).
			owners, _ := c.phrasePossessor(p+1, rel)
			for _, owner := range owners {
				if x.schema.AllowsObject(rel, c.typ(c.spans[place])) {
					rt, _ := x.schema.Relation(rel)
					emit(rel, owner, c.spans[place], si, rt.Confidence, "owned-place/"+a.low[r])
				}
			}
		}
	}
}
