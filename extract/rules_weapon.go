// Rule family "weapon": a weapon that is a clause's subject, and who fired
// it.

package extract

import "strings"

// weaponRules read a clause whose subject is a weapon (names.weapon_context:
// "rockets", "a missile", "a drone") and whose verb hits its object
// (clauses.impact_verbs: "hit", "struck") or is one of the schema's verbs of
// an accusation ("killed"): who fired the weapon attacked or killed the
// object. Who fired it is read off the weapon's own phrase, in the parse:
// the agent of a participle that describes it ("rockets fired by the
// Nordland Front"), its possessor ("the Nordland Front's rockets") or a
// state's demonym or an organization's name right before it ("a Swedish
// missile", "Nordland Front rockets"). Where it was fired from says
// nothing of who fired it ("launched from Sweden"). At extraction only,
// as nounBetween.
func (x *Extractor) weaponRules(c *clause, si int, emit emitFunc) {
	if c.a.gold {
		return
	}
	toks := c.a.toks
	for k := c.s.First; k < c.s.Last; k++ {
		if !strings.HasPrefix(toks[k].Tag, "VB") || c.a.byToken[k] >= 0 {
			continue
		}
		if x.lang.firingVerbs[c.a.low[k]] {
			x.firedAt(c, si, k, emit)
			continue
		}
		var rels []string
		if x.lang.impactVerbs[c.a.low[k]] {
			rels = append(rels, impactRelation)
		}
		for _, t := range x.rules.verbs[c.a.low[k]] {
			if accusatory[t.rel] && t.rel != impactRelation {
				rels = append(rels, t.rel)
			}
		}
		if len(rels) == 0 {
			continue
		}
		n := childWith(toks, c.s, k, "nsubj")
		if n < 0 || isRel(toks[n].Rel, "nsubj:pass") || c.a.byToken[n] >= 0 || !x.lang.weaponContext[c.a.low[n]] {
			continue
		}
		agents := x.weaponAgents(c, n)
		if len(agents) == 0 {
			continue
		}
		for _, rel := range rels {
			rt, ok := x.schema.Relation(rel)
			if !ok {
				continue
			}
			for _, obj := range c.objectsRight(k+1, rel) {
				for _, ag := range agents {
					if ag.ent != obj.ent && x.schema.AllowsSubject(rel, c.typ(ag)) {
						emit(rel, ag, obj, si, rt.Confidence, "weapon/"+c.a.low[k])
					}
				}
			}
		}
	}
}

// impactRelation is the relation a weapon's hitting states, one of the
// accusations (assertion.go, accusatory); a schema without it has no such
// rule.
const impactRelation = "ATTACKED"

// weaponAgents returns who fired the weapon whose noun is token n: the
// agent of a participle describing it, its possessor, or a state's demonym
// or an organization's name right before it.
func (x *Extractor) weaponAgents(c *clause, n int) []span {
	toks := c.a.toks
	var out []span
	for j := c.s.First; j < c.s.Last; j++ {
		switch {
		case toks[j].Head == n && toks[j].Rel == "acl" && toks[j].Tag == "VBN":
			for g := c.s.First; g < c.s.Last; g++ {
				if toks[g].Head == j && isRel(toks[g].Rel, "obl:agent") {
					if i := c.spanCovering(g); i >= 0 && !c.spans[i].nonState {
						out = append(out, c.spans[i])
					}
				}
			}
		case toks[j].Head == n && isRel(toks[j].Rel, "nmod:poss"):
			if i := c.spanCovering(j); i >= 0 && !c.spans[i].nonState {
				out = append(out, c.spans[i])
			}
		}
	}
	if i := c.spanEndingAt(n); i >= 0 && !c.spans[i].nonState && (c.demonymSpan(c.spans[i]) || x.isOrganization(c.typ(c.spans[i]))) {
		out = append(out, c.spans[i])
	}
	return out
}

// firedAt reads a clause whose verb k fires a weapon that is its object
// (clauses.firing_verbs, names.weapon_context) at what a phrase of "at",
// "on", "against" or "into" after it names: its subject attacked that
// ("Russian forces launched 40 drones and six missiles at Ukrainian
// cities", "the Nordland Front fired mortars into Bergen"). Fired from a
// place, or fired by no one named, says nothing.
func (x *Extractor) firedAt(c *clause, si, k int, emit emitFunc) {
	toks := c.a.toks
	o := childWith(toks, c.s, k, "obj")
	if o < 0 || c.a.byToken[o] >= 0 || !x.lang.weaponContext[c.a.low[o]] {
		return
	}
	rt, ok := x.schema.Relation(impactRelation)
	if !ok {
		return
	}
	for p := o + 1; p < c.s.Last && p < o+12; p++ {
		w := c.a.low[p]
		if w == "at" || w == "on" || w == "against" || w == "into" {
			subjs := c.subjectsLeft(k, impactRelation)
			for _, obj := range c.objectsRight(p+1, impactRelation) {
				for _, sb := range subjs {
					if sb.ent != obj.ent {
						emit(impactRelation, sb, obj, si, rt.Confidence, "weapon/"+c.a.low[k])
					}
				}
			}
			return
		}
		if w == "," || w == ";" || w == "from" || strings.HasPrefix(toks[p].Tag, "VB") && toks[p].Tag != "VBG" && toks[p].Tag != "VBN" {
			return
		}
	}
}
