// Who did the act: an accusation the classifier reads off a pair of names
// must be the accused's own act in the parse.

package extract

import (
	"slices"
	"strings"
)

// otherDoer reports whether the parse gives the act between the
// classifier's accusatory pair (KILLED, ATTACKED, TARGETS) to someone other
// than its subject, or makes the subject the act's victim. On the path
// from the accused to the victim:
//   - a verb has a subject of its own, off the path ("Anna Berg said the
//     gunman killed Karl Ek", "Karl Ek, whose brother killed Anna Berg");
//     a relative pronoun subject stands for the name just before it ("Anna
//     Berg interviewed Lars Holm, who killed Karl Ek"); a pronoun subject
//     is left alone, as it may be the accused;
//   - a verb's open complement is done by that verb's object ("Norway
//     forced the rebels to attack Kiruna", "wed the man convicted of
//     killing Karl Ek": object control);
//   - before the act's word, a common noun names another person ("married
//     the man who killed Karl Ek", "Lars Holm and the men who killed Karl
//     Ek"), unless it names one of the pair (namesArgument, describesName:
//     "Anna Berg, the gunman who killed Karl Ek"); after it, nouns are the
//     victim's side ("killed a woman and her son, Karl Ek");
//   - the act's noun is what a verb other than a light one acts on ("Anna
//     Berg, who investigated the killing of Karl Ek"; "conducted the
//     attack", "admitted the killing" keep it);
//   - the accused is the passive subject or the object of the act's verb
//     that the victim hangs from ("Karl Ek was killed alongside Anna
//     Berg"; not "was killed hours after shooting Anna Berg"), or the
//     object, or its owner, of a verb the act's clause, with no subject of
//     its own, is joined to ("attacked Lars Holm's convoy, killing Karl
//     Ek");
//   - a person accused only modifies the act verb's subject, a common noun
//     ("Troops under Lars Holm's command killed Karl Ek"); a state's or an
//     organization's troops act for it.
//
// Only verbs the path goes down into are read for their own subjects, and
// the act's own verb above the accused.
//
// At extraction only, as nounBetween.
func (x *Extractor) otherDoer(c *clause, p scoredPair) bool {
	typ := x.rel.Classes[p.class].Name
	if c.a.gold || !accusatory[typ] {
		return false
	}
	toks := c.a.toks
	sh, oh, path := c.pairPath(p)
	if len(path) < 2 {
		return false
	}
	// The act's word on the path is the one nearest the victim: what
	// stands after it is the victim's side ("killed a woman and her son,
	// Karl Ek"), what stands before it may be another doer ("Lars Holm shot
	// dead the man who killed Karl Ek").
	act := len(path)
	for i := len(path) - 1; i >= 0; i-- {
		if k := path[i]; x.rules.verbOf(c.a.low[k], typ) || x.rules.events[c.a.low[k]] == typ || x.lang.shootingWords[c.a.low[k]] {
			act = i
			break
		}
	}
	// The accused is what the verb above it was done to, the passive
	// subject or the object: of the act's verb the victim hangs from ("Karl
	// Ek was killed alongside Anna Berg"), of any verb the victim is a
	// phrase of ("was shot alongside", "was arrested with"), or of the
	// path's last act verb ("Karl Ek was killed days after he met Anna
	// Berg"; not "was killed after shooting Anna Berg", a later act).
	if h := toks[sh].Head; h == path[1] && toks[h].UPOS == "VERB" {
		r := toks[sh].Rel
		done := isRel(r, "nsubj:pass") || r == "obj" || r == "iobj"
		switch {
		case done && x.rules.verbOf(c.a.low[h], typ) && phraseVerb(toks, p.obj) == h,
			done && toks[oh].Head == h && isRel(toks[oh].Rel, "obl"),
			isRel(r, "nsubj:pass") && act == 1:
			return true // the victim
		}
	}
	// What one verb acts on, or its owner, does not do the act of a clause
	// joined to that verb with no subject of its own: "The Nordland Front
	// attacked Bergen, killing Karl Ek", "attacked Lars Holm's convoy and
	// killed Karl Ek" (a passive subject does: "was convicted of murdering
	// Kennedy").
	for i := 1; i < act && act < len(path); i++ {
		d, v := path[i-1], path[i]
		if toks[d].Head != v {
			break
		}
		if toks[v].UPOS == "VERB" {
			av := path[act]
			if toks[d].Rel == "obj" && i+1 == act && toks[av].Head == v && (isRel(toks[av].Rel, "advcl") || isRel(toks[av].Rel, "conj")) && childWith(toks, c.s, av, "nsubj") < 0 {
				return true
			}
			break
		}
		if !isRel(toks[d].Rel, "nmod:poss") && !isRel(toks[d].Rel, "flat") && !isRel(toks[d].Rel, "compound") {
			break
		}
	}
	// The object of a preposition is no subject, whatever the parse says
	// ("Gunmen loyal to Karl Ek stormed Bergen, killing Anna Berg"); "by"
	// names the agent.
	if k := c.prepBefore(p.subj); k >= 0 && c.word(k) != "by" && isRel(toks[sh].Rel, "nsubj") {
		return true
	}
	// A person is not what they only modify: "Troops under Lars Holm's
	// command killed Karl Ek", "Lars Holm's fighters killed" say what the
	// troops did. (A state's or an organization's troops act for it.)
	if act < len(path) && act > 1 && x.schema.Is(c.typ(p.subj), x.roles.Person) {
		if n := path[act-1]; toks[n].Head == path[act] && isRel(toks[n].Rel, "nsubj") && !isRel(toks[n].Rel, "nsubj:pass") &&
			toks[n].UPOS == "NOUN" && c.a.byToken[n] < 0 && !c.describesName(p.subj, n) && !c.namesArgument(n, path[act-2], p) {
			return true
		}
	}
	for i, k := range path {
		if inSpan(k, p.subj) || inSpan(k, p.obj) {
			continue
		}
		prev := path[i-1] // the step before k, towards the accused
		descending := toks[k].Head == prev
		// A verb the path goes down into, or the act's own verb above the
		// accused, with a subject of its own ("whose brother killed").
		isAct := x.rules.verbOf(c.a.low[k], typ) || x.lang.shootingWords[c.a.low[k]]
		if toks[k].UPOS == "VERB" && (descending || isAct) && c.ownSubject(k, p.subj, path, descending && !isAct) {
			return true
		}
		if descending && isRel(toks[k].Rel, "xcomp") && toks[prev].UPOS == "VERB" {
			if o := childWith(toks, c.s, prev, "obj"); o >= 0 && !slices.Contains(path, o) && !inSpan(o, p.subj) && (toks[o].UPOS == "NOUN" || toks[o].UPOS == "PROPN") {
				return true
			}
		}
		if !strings.HasPrefix(toks[k].Tag, "NN") || strings.HasPrefix(toks[k].Tag, "NNP") || c.a.byToken[k] >= 0 {
			continue
		}
		if i < act && x.rules.personNoun(c.a.low[k]) && !c.namesArgument(k, prev, p) && (i+1 == len(path) || !c.namesArgument(k, path[i+1], p)) &&
			!c.describesName(p.subj, k) && !c.describesName(p.obj, k) {
			return true
		}
		if _, ev := x.rules.events[c.a.low[k]]; ev && descending && toks[k].Rel == "obj" && toks[prev].UPOS == "VERB" && !x.lang.lightVerbs[c.a.low[prev]] {
			return true
		}
	}
	return false
}

// ownSubject reports whether verb k has an active subject that is not the
// accused's (span subj) and off the parse path: a noun or a name, or a relative
// pronoun whose antecedent, the name just before it, is another's. With
// passive, a passive subject that is a person counts too.
func (c *clause) ownSubject(k int, subj span, path []int, passive bool) bool {
	toks := c.a.toks
	for j := c.s.First; j < c.s.Last; j++ {
		if toks[j].Head != k || !isRel(toks[j].Rel, "nsubj") || slices.Contains(path, j) || inSpan(j, subj) {
			continue
		}
		if isRel(toks[j].Rel, "nsubj:pass") {
			// A passive subject is another accused only on a verb below
			// that is not the act ("Karl Ek, who is charged with killing",
			// "the man was charged with killing"), and only as a person:
			// the act's own passive subject is its victim, and bombs that
			// were dropped were dropped by someone.
			if !passive || toks[j].UPOS == "NOUN" && !c.x.rules.personNoun(c.a.low[j]) {
				continue
			}
		}
		if toks[j].UPOS == "NOUN" || toks[j].UPOS == "PROPN" {
			return true
		}
		if c.x.lang.relPronouns[c.a.low[j]] {
			e := j // the span ending before the pronoun, or before its comma
			if c.word(j-1) == "," {
				e = j - 1
			}
			if i := c.spanEndingAt(e); i >= 0 && c.spans[i].ent != subj.ent {
				return true
			}
			// A common noun right before "that" or "which" that does not
			// name the accused is the act's subject: "Anna Berg was wounded
			// in the attack that killed Karl Ek" (not "Anna Berg, the
			// gunman who killed", nor what the accused's own verb acts on:
			// "Oswald fired the shots that killed Kennedy").
			if n := e - 1; e == j && n > c.s.First && c.a.byToken[n] < 0 && (toks[n].Tag == "NN" || toks[n].Tag == "NNS") && startsLower(toks[n].Text) &&
				!c.describesName(subj, n) && !c.nounOf(n, subj) && !(toks[n].Rel == "obj" && slices.Contains(path, toks[n].Head)) {
				return true
			}
		}
	}
	return false
}

// nounOf reports whether common noun n stands in apposition to span sp or
// is its predicate, in the parse ("Anna Berg, the gunman who").
func (c *clause) nounOf(n int, sp span) bool {
	toks := c.a.toks
	for j := sp.first; j < sp.last; j++ {
		if toks[n].Head == j && isRel(toks[n].Rel, "appos") || toks[j].Head == n && (isRel(toks[j].Rel, "nsubj") || isRel(toks[j].Rel, "appos")) {
			return true
		}
	}
	return false
}

// namesArgument reports whether common noun k on the path names one of
// the pair: its neighbour n on the path is in either name and the two
// stand in apposition or as subject and predicate ("Anna Berg, the gunman
// who", "Anna Berg was the gunman", "the reporter Karl Ek"). A conjunct is
// another ("Lars Holm and the men who killed").
func (c *clause) namesArgument(k, n int, p scoredPair) bool {
	if !inSpan(n, p.subj) && !inSpan(n, p.obj) {
		return false
	}
	toks := c.a.toks
	linked := func(d, h int) bool {
		r := toks[d].Rel
		return toks[d].Head == h && (isRel(r, "appos") || isRel(r, "nsubj") || isRel(r, "compound") || isRel(r, "flat"))
	}
	return linked(k, n) || linked(n, k)
}

// describesName reports whether common noun k names the person of span sp
// by the words, however the parser attached it: it is the title just
// before the name ("reporter Karl Ek"), or before a participle that names
// ("a journalist called Karl Ek"), or it heads the noun phrase of an
// apposition or a predicate right after it ("Karl Ek, a Norwegian
// citizen", "Karl Ek was not a gunman"), with nothing but commas,
// determiners, possessive pronouns, numbers, adjectives, nouns, adverbs, a
// form of "be" and its negation between.
func (c *clause) describesName(sp span, k int) bool {
	if k < sp.first {
		return k+1 == sp.first || k+2 == sp.first && c.a.toks[k+1].Tag == "VBN" && c.opensAlias(k+1) ||
			k+2 == sp.first && (c.a.low[k+1] == "called" || c.a.low[k+1] == "named")
	}
	if k < sp.last {
		return false
	}
	toks := c.a.toks
	for j := sp.last; j < k; j++ {
		w := c.a.low[j]
		switch t := toks[j].Tag; {
		case w == "," || w == "not" || w == "n't":
		case t != "POS" && c.x.lang.beForms[w]: // "'s" a verb, not a possessive
		case t == "DT" || t == "PRP$" || t == "CD" || strings.HasPrefix(t, "JJ") || strings.HasPrefix(t, "NN") || t == "RB":
		default:
			return false
		}
	}
	return true
}

// titledOther reports whether the parse path from a person to the other
// name of a classifier's pair passes through a noun in a preposition's
// phrase that titles another person named right after it or in apposition
// to it ("Karl Ek, the son of Nordland Front leader Lars Holm": the leader
// is Holm, not Ek): the role is that person's. Only for the classes of
// roles (leads, member). At extraction only, as nounBetween.
func (x *Extractor) titledOther(c *clause, p scoredPair) bool {
	if c.a.gold || !x.schema.Is(c.typ(p.subj), x.roles.Person) {
		return false
	}
	if cl := x.rel.Classes[p.class]; !slices.Contains(cl.Types, x.roles.Leads) && !slices.Contains(cl.Types, x.roles.Member) {
		return false // roles only: a demonym before the title is everyone's it titles
	}
	toks := c.a.toks
	other := func(i int) bool {
		sp := c.spans[i]
		return sp.ent != p.subj.ent && sp.ent != p.obj.ent && x.schema.Is(c.typ(sp), x.roles.Person)
	}
	_, _, path := c.pairPath(p)
	for _, k := range path {
		if inSpan(k, p.subj) || inSpan(k, p.obj) || c.a.byToken[k] >= 0 || !strings.HasPrefix(toks[k].Tag, "NN") || strings.HasPrefix(toks[k].Tag, "NNP") ||
			childWith(toks, c.s, k, "case") < 0 {
			// Only a title inside a preposition's phrase: the one before
			// the person's own name ("the German envoys Killinger and
			// Richter") is theirs.
			continue
		}
		if i := c.spanAt(k + 1); i >= 0 && other(i) {
			return true
		}
		for j := c.s.First; j < c.s.Last; j++ {
			if toks[j].Head == k && isRel(toks[j].Rel, "appos") {
				if i := c.spanCovering(j); i >= 0 && other(i) {
					return true
				}
			}
		}
	}
	return false
}
