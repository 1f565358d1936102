// Who did the act: an accusation the classifier reads off a pair of names
// must be the accused's own act in the parse.

package extract

import "strings"

// otherDoer reports whether the parse gives the act between the
// classifier's accusatory pair (KILLED, ATTACKED, TARGETS) to someone other
// than its subject. The path from the accused down to the victim passes
// through a verb that has a subject of its own, off the path ("Anna Berg
// said the gunman killed Karl Ek"); through a verb's open complement whose
// doer is that verb's object ("Norway forced the rebels to attack
// Kiruna", "wed the man convicted of killing Karl Ek": object control);
// or through a common noun naming another person ("Anna Berg, who
// married the man who killed Karl Ek"), unless that noun names one of the
// pair (namesArgument: "Anna Berg, the gunman who killed Karl Ek", "killed
// the reporter Karl Ek"). A pronoun subject is left alone: it may be the
// accused. At extraction only, as nounBetween.
func (x *Extractor) otherDoer(c *clause, p scoredPair) bool {
	if c.a.gold || !accusatory[x.rel.Classes[p.class].Name] {
		return false
	}
	toks := c.a.toks
	sh, oh := spanHead(toks, p.subj), spanHead(toks, p.obj)
	path := c.a.relScratch().paths.path(toks, sh, oh)
	onPath := func(k int) bool {
		for _, j := range path {
			if j == k {
				return true
			}
		}
		return false
	}
	for i, k := range path {
		if inSpan(k, p.subj) || inSpan(k, p.obj) {
			continue
		}
		// The step before k on the path, towards the accused.
		prev := path[i-1]
		descending := toks[k].Head == prev
		if toks[k].UPOS == "VERB" && descending {
			for j := c.s.First; j < c.s.Last; j++ {
				if toks[j].Head != k || onPath(j) || inSpan(j, p.subj) {
					continue
				}
				if isRel(toks[j].Rel, "nsubj") && !isRel(toks[j].Rel, "nsubj:pass") && (toks[j].UPOS == "NOUN" || toks[j].UPOS == "PROPN") {
					return true
				}
			}
		}
		if descending && isRel(toks[k].Rel, "xcomp") && toks[prev].UPOS == "VERB" {
			if o := childWith(toks, c.s, prev, "obj"); o >= 0 && !onPath(o) && !inSpan(o, p.subj) && (toks[o].UPOS == "NOUN" || toks[o].UPOS == "PROPN") {
				return true
			}
		}
		if strings.HasPrefix(toks[k].Tag, "NN") && !strings.HasPrefix(toks[k].Tag, "NNP") && c.a.byToken[k] < 0 && x.rules.personNoun(c.a.low[k]) &&
			!c.namesArgument(k, prev, p) && (i+1 == len(path) || !c.namesArgument(k, path[i+1], p)) && !c.describesName(p.subj, k) && !c.describesName(p.obj, k) {
			return true
		}
	}
	return false
}

// namesArgument reports whether common noun k on the path names one of
// the pair: its neighbour n on the path is in either name and the two
// stand in apposition, as conjuncts or as subject and predicate ("Anna
// Berg, the gunman who", "Anna Berg was the gunman", "the reporter Karl
// Ek").
func (c *clause) namesArgument(k, n int, p scoredPair) bool {
	if !inSpan(n, p.subj) && !inSpan(n, p.obj) {
		return false
	}
	toks := c.a.toks
	linked := func(d, h int) bool {
		r := toks[d].Rel
		return toks[d].Head == h && (isRel(r, "appos") || isRel(r, "conj") || isRel(r, "nsubj") || isRel(r, "compound") || isRel(r, "flat"))
	}
	return linked(k, n) || linked(n, k)
}

// describesName reports whether common noun k names the person of span sp
// by the words, however the parser attached it: it is the title just
// before the name ("reporter Karl Ek"), or it heads the noun phrase of an
// apposition or a predicate right after it ("Karl Ek, a Norwegian
// citizen", "Karl Ek was not a shiftless actor"), with nothing but
// determiners, adjectives, nouns, a form of "be" and its negation between.
func (c *clause) describesName(sp span, k int) bool {
	if k < sp.first {
		return k+1 == sp.first
	}
	if k < sp.last {
		return false
	}
	toks := c.a.toks
	for j := sp.last; j < k; j++ {
		w := c.a.low[j]
		switch t := toks[j].Tag; {
		case w == "," || w == "not" || w == "n't" || w == "'t":
		case c.x.lang.beForms[w] || c.x.lang.beForms[strings.TrimSuffix(w, "n")]: // "wasn't"
		case t == "DT" || t == "PRP$" || t == "CD" || strings.HasPrefix(t, "JJ") || strings.HasPrefix(t, "NN") || t == "RB":
		default:
			return false
		}
	}
	return true
}
