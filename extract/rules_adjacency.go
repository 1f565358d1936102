// Rule family "adjacency": neighbouring names joined by a preposition, a
// possessive or a comma ("CSIS in Washington", "Kabul, Afghanistan").

package extract

import (
	"unicode"
	"unicode/utf8"
)

// adjacencyRules link neighbouring names: "CSIS think tank in Washington D.C."
// (a preposition), "Afghanistan's Nangarhar Province" (a possessive), "Kabul,
// Afghanistan" (a comma between places).
func (x *Extractor) adjacencyRules(c *clause, si int, emit emitFunc) {
	a := c.a
	for i, sp := range c.spans {
		if sp.coref {
			continue
		}
		if m := a.byToken[sp.first]; m >= 0 && a.mentions[m].Demonym {
			continue
		}
		// An acronym in brackets: "Center for Strategic and International Studies (CSIS)".
		k := c.afterBrackets(sp.last)
		isOrg := x.isOrganization(c.typ(sp))
		if isOrg {
			for k < c.s.Last && x.lang.descriptorNouns[c.word(k)] {
				k++
			}
		}
		if rels := x.rules.preps[c.word(k)]; rels != nil && !(isOrg && c.prepObjectOf(sp)) {
			j := k + 1
			if c.word(j) == "the" {
				j++
			}
			// "Mosul in northern Iraq": a direction says which part.
			if x.lang.partOfPlace[c.word(j)] && c.spanAt(j) < 0 {
				j++
			}
			if o := c.spanAt(j); o >= 0 {
				obj := c.spans[o]
				// "in Afghanistan's Kabul Province": the place is the last of the chain.
				for c.word(obj.last) == "'s" {
					if n := c.spanAt(obj.last + 1); n >= 0 {
						obj = c.spans[n]
					} else {
						break
					}
				}
				for _, rel := range rels {
					rt, _ := x.schema.Relation(rel)
					emit(rel, sp, obj, si, rt.Confidence, "prep-adjacent/"+c.word(k))
				}
			}
		}
		if c.word(sp.last) == "'s" && x.isPlace(c.typ(sp)) && x.roles.Contains != "" {
			if n := c.spanAt(sp.last + 1); n >= 0 && x.isPlace(c.typ(c.spans[n])) {
				emit(x.roles.Contains, c.spans[n], sp, si, 0.75, "possessive-location")
			}
		}
		// "Anbar province, Iraq": the kind of place, in lowercase, may
		// follow the name before the comma.
		comma := sp.last
		if x.placeKeyword(c, sp, comma) {
			comma++
		}
		if c.word(comma) == "," && i+1 < len(c.spans) && c.spans[i+1].first == comma+1 && !c.spans[i+1].coref {
			next := c.spans[i+1]
			after := c.word(next.last)
			// "Rather than attacking Kyiv, Russia struck Kharkiv": the name
			// after the comma is the clause's subject, or a demonym of one
			// ("According to Kyiv, Russian drones"), not where the place
			// lies (at extraction only, as nounBetween).
			m := a.byToken[next.first]
			subject := !a.gold && (m >= 0 && a.mentions[m].Demonym || isRel(a.toks[spanHead(a.toks, next)].Rel, "nsubj") || c.frontedOpener() && c.finiteAfter(next.last))
			if !subject && !x.serialList(c, sp, next) && (closes(after) || after == "(" || isDash(after) || startsLower(a.toks[min(next.last, len(a.toks)-1)].Text)) {
				emit(x.roles.Contains, sp, next, si, 0.7, "comma-location")
			}
		}
		x.listedIn(c, sp, si, emit)
		x.hyphenPhrase(c, sp, si, emit)
	}
}

// frontedOpener reports whether the sentence opens with a phrase fronted
// before its subject, not with its subject's noun phrase: its first word a
// preposition, a subordinator, an adverb, a "to" or a gerund ("Rather
// than attacking Stockholm, Norway struck", "According to Stockholm,
// Norwegian drones", "After Sweden shelled Oslo, Norway attacked"). A name
// after the phrase's comma and before a finite verb is the clause's
// subject.
func (c *clause) frontedOpener() bool {
	switch t := c.a.toks[c.s.First]; t.Tag {
	case "IN", "RB", "TO", "VBG", "WRB":
		return c.a.byToken[c.s.First] < 0
	}
	return false
}

// hyphenPhrase reads a place, a hyphen and a participle that with "in" is a
// phrase of a relation's ("based in", "headquartered in") as that relation
// of the name after them: "Toronto-based Maplecrest Group" is based in
// Toronto (at extraction, as nounBetween).
func (x *Extractor) hyphenPhrase(c *clause, sp span, si int, emit emitFunc) {
	if c.a.gold || c.word(sp.last) != "-" || !x.isPlace(c.typ(sp)) || x.rules.phrases.next == nil {
		return
	}
	n := x.rules.phrases.next[c.word(sp.last+1)]
	if n == nil || n.next == nil || n.next["in"] == nil || !n.next["in"].ok {
		return
	}
	o := c.spanAt(sp.last + 2)
	if o < 0 {
		return
	}
	for _, t := range n.next["in"].val {
		if !t.mutual && !t.inverse {
			rt, _ := x.schema.Relation(t.rel)
			emit(t.rel, c.spans[o], sp, si, rt.Confidence, "hyphen-phrase/"+c.word(sp.last+1))
			return
		}
	}
}

// serialList reports whether places a and b (a first) are two items of one
// list ("Brazoria, Fort Bend, Galveston and Harris counties"; "Iowa,
// Missouri, Illinois, and Minnesota"), not a place and the larger one it
// lies in ("Kabul, Afghanistan"): names joined by commas run from a to b
// and on to an "and" or "or" before a last name, as a chain of places never
// does ("Devault, Chester County, Pennsylvania, where"). In such a list a
// place the place lists put in the other still lies in it ("Kabul,
// Afghanistan and Islamabad, Pakistan").
func (x *Extractor) serialList(c *clause, a, b span) bool {
	k, reached, coordinated := a.last, false, false
	for {
		w := c.word(k)
		if w != "," && w != "and" && w != "or" {
			break
		}
		if w == "," {
			k++
			w = c.word(k)
		}
		and := w == "and" || w == "or"
		if and {
			k++
		}
		// "and southern Harris County": a direction says which part.
		if x.lang.partOfPlace[c.word(k)] {
			k++
		}
		t := c.spanAt(k)
		if t < 0 {
			// A last name the recognizer missed still ends the list:
			// "Qamenas, Sarmin and Talamenes".
			coordinated = coordinated || and && k < c.s.Last && x.lang.nameWord(c.a.toks, k)
			break
		}
		coordinated = coordinated || and
		reached = reached || c.spans[t].first == b.first
		k = c.spans[t].last
	}
	// "the Museum of Art, Chicago, the Hyde Park Art Center, ...": a place
	// of a smaller kind before a larger one is a pair within the list.
	if !reached || !coordinated || x.placeRank(c.typ(a)) >= 0 && x.placeRank(c.typ(b)) > x.placeRank(c.typ(a)) {
		return false
	}
	an, bn := joinText(c.a.toks, a.first, a.last), joinText(c.a.toks, b.first, b.last)
	return !x.lex.contains(bn, an) && !x.lex.contains(an, bn)
}

// listedIn reads the places a noun of places in a place lists as examples:
// "key towns in Northern Iraq including Rabiyah and Zumar", "villages in
// Borno State such as Koshobe": each listed place lies in the place.
func (x *Extractor) listedIn(c *clause, sp span, si int, emit emitFunc) {
	if x.roles.Contains == "" || !x.isPlace(c.typ(sp)) {
		return
	}
	p := c.prepBefore(sp)
	if p < 0 || c.word(p) != "in" || p-1 < c.s.First {
		return
	}
	if n := c.a.toks[p-1]; !startsLower(n.Text) || !x.isPlace(x.kindOfNoun(c.a.low[p-1], mention{Type: ""})) {
		return
	}
	k := sp.last
	if c.word(k) == "," {
		k++
	}
	switch {
	case c.word(k) == "including":
		k++
	case c.word(k) == "such" && c.word(k+1) == "as":
		k += 2
	default:
		return
	}
	i := c.spanAt(k)
	if i < 0 || !x.isPlace(c.typ(c.spans[i])) {
		return
	}
	rt, _ := x.schema.Relation(x.roles.Contains)
	each := func(o span) { emit(x.roles.Contains, o, sp, si, rt.Confidence, "listed-in") }
	each(c.spans[i])
	c.coordinated(c.spans[i], func(o span) bool { return x.isPlace(c.typ(o)) }, each)
}

// placeKeyword reports whether token k, right after place sp, is the head
// word of a kind of place written in lowercase ("Anbar province", "Idlib
// governorate"): the kind of the place the name names, not a second name or
// a role.
func (x *Extractor) placeKeyword(c *clause, sp span, k int) bool {
	if k != sp.last || k >= c.s.Last || c.spanAt(k) >= 0 || !x.isPlace(c.typ(sp)) {
		return false
	}
	w := c.a.toks[k].Text
	r, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsLower(r) {
		return false
	}
	typ := x.lex.keywordOf(w)
	return typ != "" && x.isPlace(typ)
}

// prepObjectOf reports whether the span is the object of "of": "a leader of
// ISIS-K in Afghanistan" says where the leader is, not where ISIS-K is based.
func (c *clause) prepObjectOf(sp span) bool {
	k := sp.first - 1
	if c.word(k) == "the" {
		k--
	}
	return c.word(k) == "of"
}
