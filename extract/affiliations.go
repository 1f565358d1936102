// Who belongs: an affiliation the classifier reads off a pair of names (a
// head, a member, an employee of a body) must be the person's own in the
// parse.

package extract

import "slices"

// affiliationClass reports whether class ci of the relation classifier
// holds the roles of a person in a body (Leads or Member).
func (x *Extractor) affiliationClass(ci int) bool {
	cl := x.rel.Classes[ci]
	return slices.Contains(cl.Types, x.roles.Leads) || slices.Contains(cl.Types, x.roles.Member)
}

// notOwnAffiliation reports whether the parse says the classifier's
// affiliation of a person to a body is not the person's:
//   - the person only owns the clause's subject, a common noun ("Karl Ek's
//     wife works for Nordland Bank", "Karl Ek's brother is a member of the
//     Nordland Front"), or the title of another person named after it
//     ("Lars Holm's rival Karl Ek leads the Bergen Party");
//   - the person is what a common noun that the body modifies acted on
//     ("A Nordland Front member killed Karl Ek");
//   - the person is the subject of a verb whose object is the body, or the
//     name a relative clause of such a verb describes, and the verb is
//     none of the language file's verbs of belonging
//     (clauses.affiliation_verbs: "runs", "joined", "coached"): "Karl Ek
//     investigated the Nordland Front", "Karl Ek, who audited Nordland
//     Bank," say what he did to the body, not that he is part of it.
//
// At extraction only, as nounBetween.
func (x *Extractor) notOwnAffiliation(c *clause, p scoredPair) bool {
	if c.a.gold || !x.affiliationClass(p.class) || !x.schema.Is(c.typ(p.subj), x.roles.Person) {
		return false
	}
	toks := c.a.toks
	sh, oh, path := c.pairPath(p)
	if len(path) < 3 {
		return false
	}
	// The person owns the subject: "Karl Ek's wife works for", by the
	// parse or, where the parse makes both subjects, by the words.
	owned := -1
	if n := path[1]; toks[sh].Head == n && isRel(toks[sh].Rel, "nmod:poss") {
		owned = n
	} else if p.subj.last < c.s.Last && toks[p.subj.last].Tag == "POS" {
		owned = c.possessedNoun(p.subj.last + 1)
	}
	if n := owned; n >= 0 && toks[n].UPOS == "NOUN" && c.a.byToken[n] < 0 && isRel(toks[n].Rel, "nsubj") &&
		slices.Contains(path, toks[n].Head) && !c.describesName(p.subj, n) {
		return true
	}
	// The person owns another's title: "Lars Holm's rival Karl Ek leads".
	if p.subj.last < c.s.Last && toks[p.subj.last].Tag == "POS" {
		for j := p.subj.last + 1; j < c.s.Last && j <= p.subj.last+4; j++ {
			if i := c.spanAt(j); i >= 0 {
				o := c.spans[i]
				if j > p.subj.last+1 && o.ent != p.subj.ent && o.ent != p.obj.ent && x.schema.Is(c.typ(o), x.roles.Person) {
					return true
				}
				break
			}
			if !startsLower(toks[j].Text) {
				break
			}
		}
	}
	// The body only modifies the one who acted on the person: "A Nordland
	// Front member killed Karl Ek" says nothing of Ek's ties.
	if c.actedOnByNoun(path) {
		return true
	}
	if len(path) != 3 {
		return false
	}
	v := path[1]
	if toks[v].UPOS != "VERB" || toks[oh].Head != v || toks[oh].Rel != "obj" || x.lang.affiliationVerbs[c.a.low[v]] || x.rules.verbOf(c.a.low[v], x.rel.Classes[p.class].Types...) {
		return false
	}
	subject := toks[sh].Head == v && isRel(toks[sh].Rel, "nsubj") && !isRel(toks[sh].Rel, "nsubj:pass")
	relative := toks[v].Head == sh && toks[v].Rel == "acl:relcl"
	return subject || relative
}

// actedOnByNoun reports whether the parse path from a person to a name
// goes from the object of a verb to the verb's subject, a common noun: the
// name only modifies that noun, the one who acted on the person ("A
// Nordland Front member killed Karl Ek", "A Swedish journalist
// interviewed Karl Ek"). A verb with an object has no passive subject, so
// the parse's "nsubj:pass" there counts as the subject ("A Nordland Bank
// employee killed" read as a participle).
func (c *clause) actedOnByNoun(path []int) bool {
	toks := c.a.toks
	for i := 1; i+1 < len(path); i++ {
		v, before, after := path[i], path[i-1], path[i+1]
		if toks[v].UPOS != "VERB" || toks[before].Head != v || toks[after].Head != v {
			continue
		}
		if r := toks[before].Rel; (r == "obj" || r == "iobj") && isRel(toks[after].Rel, "nsubj") && toks[after].UPOS == "NOUN" && c.a.byToken[after] < 0 {
			return true
		}
	}
	return false
}

// othersNationality reports whether the classifier's nationality or home
// of a person, read off a demonym or a place's name, only modifies the one
// who acted on the person: "A Swedish journalist killed Karl Ek" says
// nothing of Ek's nationality. At extraction only, as nounBetween.
func (x *Extractor) othersNationality(c *clause, p scoredPair, typ string) bool {
	if c.a.gold || !(x.homeType(typ) || typ == x.roles.Nationality) {
		return false
	}
	_, _, path := c.pairPath(p)
	return c.actedOnByNoun(path)
}
