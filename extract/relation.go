package extract

import (
	"fmt"
	"strings"

	"github.com/kg/kg/schemas"
)

// verbTrigger is one inflected form of a trigger verb.
type verbTrigger struct {
	rel        string
	base       string
	participle bool // may head a passive: "was killed by"
}

// phraseTrigger is a multi-word trigger such as "clashed with".
type phraseTrigger struct {
	rel    string
	phrase string
	mutual bool
}

// ruleSet is the schema's triggers, compiled for lookup by token.
type ruleSet struct {
	s       *schemas.Schema
	verbs   map[string][]verbTrigger
	phrases trie[[]phraseTrigger]
	nouns   trie[string]
	preps   map[string][]string
	person  map[string]bool
}

// People words that are no relation's trigger but still show a name is a person's.
var extraPersonNouns = []string{"man", "woman", "boy", "girl", "son", "daughter", "wife", "husband",
	"brother", "sister", "resident", "victim", "suspect", "soldier", "journalist", "author", "writer",
	"lawmaker", "activist", "senator", "cleric", "militant", "commander", "fighter", "operative", "member",
	"singer", "actor", "player", "coach", "candidate", "businessman", "businesswoman", "banker"}

func newRuleSet(s *schemas.Schema) *ruleSet {
	rs := &ruleSet{s: s, verbs: map[string][]verbTrigger{}, preps: map[string][]string{}, person: map[string]bool{}}
	for _, n := range extraPersonNouns {
		rs.person[n] = true
	}
	for _, rt := range s.RelationTypes {
		for _, v := range rt.Verbs {
			v = strings.ToLower(v) // a schema may write "Kill"; text is matched lowercased
			for _, f := range inflect(v) {
				rs.verbs[f.form] = append(rs.verbs[f.form], verbTrigger{rel: rt.Name, base: strings.Split(v, "|")[0], participle: f.participle})
			}
		}
		addPhrase := func(p string, mutual bool) {
			ws := words(p, lower)
			n := &rs.phrases
			for _, w := range ws {
				if n.next == nil {
					n.next = map[string]*trie[[]phraseTrigger]{}
				}
				if n.next[w] == nil {
					n.next[w] = &trie[[]phraseTrigger]{}
				}
				n = n.next[w]
			}
			n.val = append(n.val, phraseTrigger{rel: rt.Name, phrase: p, mutual: mutual})
			n.ok = true
		}
		for _, p := range rt.Phrases {
			addPhrase(p, false)
		}
		for _, p := range rt.Mutual {
			addPhrase(p, true)
		}
		personOnly := len(rt.Subject) > 0
		for _, t := range rt.Subject {
			personOnly = personOnly && s.Is(t, s.Roles.Person)
		}
		for _, n := range rt.Nouns {
			rs.nouns.insert(words(n, lower), rt.Name)
			if personOnly {
				ws := strings.Fields(strings.ToLower(n))
				rs.person[ws[len(ws)-1]] = true
			}
		}
		for _, p := range rt.Preps {
			p = strings.ToLower(p)
			rs.preps[p] = append(rs.preps[p], rt.Name)
		}
	}
	return rs
}

func (rs *ruleSet) personNoun(w string) bool { return rs.person[w] }

type form struct {
	form       string
	participle bool
}

// inflect derives the forms of a verb given as "base" or "base|past|participle".
func inflect(v string) []form {
	parts := strings.Split(v, "|")
	base := parts[0]
	var past, part string
	if len(parts) == 3 {
		past, part = parts[1], parts[2]
	}
	stem := base
	cons := func(b byte) bool { return !strings.ContainsRune("aeiou", rune(b)) }
	n := len(base)
	switch {
	case strings.HasSuffix(base, "e") && !strings.HasSuffix(base, "ee"):
		stem = base[:n-1]
	case n >= 2 && base[n-1] == 'y' && cons(base[n-2]):
		stem = base[:n-1] + "i"
	case n >= 3 && n <= 4 && cons(base[n-1]) && !cons(base[n-2]) && cons(base[n-3]) && strings.ContainsRune("bdgmnpt", rune(base[n-1])):
		stem = base + base[n-1:] // stab -> stabbed
	}
	third := base + "s"
	switch {
	case strings.HasSuffix(base, "s") || strings.HasSuffix(base, "sh") || strings.HasSuffix(base, "ch") || strings.HasSuffix(base, "x") || strings.HasSuffix(base, "z"):
		third = base + "es"
	case n >= 2 && base[n-1] == 'y' && cons(base[n-2]):
		third = base[:n-1] + "ies"
	}
	ing := stem + "ing"
	if strings.HasSuffix(stem, "i") {
		ing = base + "ing"
	}
	if past == "" {
		ed := stem + "ed"
		if strings.HasSuffix(base, "e") {
			ed = base + "d"
		}
		past, part = ed, ed
	}
	out := []form{{base, false}, {third, false}, {ing, false}, {past, past == part}}
	if part != past {
		out = append(out, form{part, true})
	}
	return out
}

// span is a run of tokens that stands for an entity in a sentence: a name, or
// a reference to one ("its", "the group").
type span struct {
	first, last int
	ent         int
	coref       bool
}

// relation is one found fact, before output.
type relation struct {
	typ       string
	subj, obj span
	sent      int
	conf      float64
	rule      string
}

// Words that refer back to an organization or group, and to a person.
var (
	orgPronouns    = setOf("it", "its", "they", "their", "them", "itself")
	personPronouns = setOf("he", "his", "him", "she", "her", "himself", "herself")
	groupNouns     = setOf("group", "organization", "organisation", "movement", "network", "branch",
		"faction", "outfit", "militia", "affiliate", "offshoot")
	determiners     = setOf("the", "this", "that")
	beForms         = setOf("is", "was", "are", "were", "be", "been", "being", "'s", "remains", "remained", "became", "becomes")
	auxiliaries     = setOf("has", "have", "had", "will", "would", "may", "might", "could", "should", "also", "currently", "now", "still", "long", "reportedly", "allegedly", "not", "never", "already")
	relPronouns     = setOf("which", "who", "that")
	prepositions    = setOf("in", "of", "at", "from", "to", "with", "by", "for", "into", "over", "on", "against", "during", "through", "throughout", "near", "across", "among", "between", "within", "around", "under", "toward", "towards", "after", "before", "since", "about", "like", "amid", "including", "via", "than")
	considerVerbs   = setOf("consider", "considers", "considered", "regard", "regards", "regarded", "see", "sees", "saw", "view", "views", "viewed", "brand", "brands", "branded", "call", "calls", "called", "label", "labels", "labeled", "labelled", "deem", "deems", "deemed")
	descriptorNouns = setOf("think", "tank", "group", "organization", "office", "offices", "headquarters", "agency", "company", "firm", "center", "centre", "institute", "university", "newspaper", "network", "militia")
)

// spans lists the entity spans of sentence si in order: its names, and the
// pronouns and "the group"-style phrases resolved to the last salient
// organization or person before them.
func (x *Extractor) spans(a *analysis, si int) []span {
	s := a.sents[si]
	var out []span
	for k := s.First; k < s.Last; {
		if mi := a.byToken[k]; mi >= 0 {
			m := a.mentions[mi]
			if m.Entity >= 0 {
				out = append(out, span{first: m.First, last: m.Last, ent: m.Entity})
			}
			k = m.Last
			continue
		}
		w := a.low[k]
		switch {
		case orgPronouns[w]:
			if e := x.antecedent(a, k, x.roles.Organizations...); e >= 0 {
				out = append(out, span{first: k, last: k + 1, ent: e, coref: true})
			}
		case personPronouns[w]:
			if e := x.antecedent(a, k, x.roles.Person); e >= 0 {
				out = append(out, span{first: k, last: k + 1, ent: e, coref: true})
			}
		case determiners[w]:
			// "the group", "this particular branch", "the militant group"
			j := k + 1
			for j < s.Last && j < k+3 && a.byToken[j] < 0 && !groupNouns[lower(a.toks[j].Text)] && startsLower(a.toks[j].Text) {
				j++
			}
			if j < s.Last && a.byToken[j] < 0 && groupNouns[lower(a.toks[j].Text)] && !(j+1 < s.Last && lower(a.toks[j+1].Text) == "of") {
				if e := x.antecedent(a, k, x.roles.Organizations...); e >= 0 {
					out = append(out, span{first: k, last: j + 1, ent: e, coref: true})
					k = j + 1
					continue
				}
			}
		}
		k++
	}
	return out
}

// maxLookback bounds how far back a reference looks for its antecedent.
const maxLookback = 120

// antecedent finds the entity a reference at token k stands for: the most
// salient one named within the current and two previous sentences whose type
// is one of types. Types are tried in order (an "its" prefers an organization
// to a group). Salience adds how often the article names the entity, how
// recently, and whether it stood as a subject rather than after a preposition
// ("members of the Taliban").
func (x *Extractor) antecedent(a *analysis, k int, types ...string) int {
	sent := a.toks[k].Sent
	// Two sentences back, and never more than maxLookback tokens: a text
	// without sentence breaks must not make every pronoun scan all of it.
	floor := max(a.sents[max(0, sent-2)].First, k-maxLookback)
	for _, t := range types {
		best, bestScore := -1, -1.0
		for j := k - 1; j >= floor; j-- {
			mi := a.byToken[j]
			if mi < 0 {
				continue
			}
			m := a.mentions[mi]
			j = m.First
			if m.Entity < 0 || m.Demonym || !x.schema.IsA(a.entities[m.Entity].typ, t) {
				continue
			}
			score := float64(len(a.entities[m.Entity].mentions)) + float64(2-(sent-a.toks[m.First].Sent))
			if !afterPreposition(a, m) {
				score += 2
			}
			if score > bestScore {
				best, bestScore = m.Entity, score
			}
		}
		if best >= 0 {
			return best
		}
	}
	return -1
}

// afterPreposition reports whether a mention is the object of a preposition.
func afterPreposition(a *analysis, m mention) bool {
	k := m.First - 1
	if k >= 0 && (lower(a.toks[k].Text) == "the") {
		k--
	}
	return k >= 0 && a.toks[k].Sent == a.toks[m.First].Sent && prepositions[lower(a.toks[k].Text)]
}

// relations reads every relation of the article off its sentences.
func (x *Extractor) relations(a *analysis) []relation {
	k := &collector{x: x, a: a, seen: map[string]int{}}
	for si := range a.sents {
		c := x.clauseOf(a, si)
		if c == nil {
			continue
		}
		start := len(k.out)
		x.ruleRelations(c, si, k.emit)
		if x.rel != nil {
			x.modelRelations(c, si, start, k)
		}
	}
	return k.out
}

// clauseOf gives the rules their view of sentence si, or nil when it names
// fewer than two entities.
func (x *Extractor) clauseOf(a *analysis, si int) *clause {
	sp := x.spans(a, si)
	if len(sp) < 2 {
		return nil
	}
	c := &clause{x: x, a: a, s: a.sents[si], spans: sp, byFirst: make(map[int]int, len(sp)), byEnd: make(map[int]int, len(sp))}
	c.named = make([]int, len(sp)+1)
	for i, p := range sp {
		c.named[i+1] = c.named[i]
		if !p.coref {
			c.named[i+1]++
		}
		if _, dup := c.byFirst[p.first]; !dup {
			c.byFirst[p.first] = i
		}
		if _, dup := c.byEnd[p.last]; !dup {
			c.byEnd[p.last] = i
		}
	}
	return c
}

// ruleRelations runs every rule family on one sentence.
func (x *Extractor) ruleRelations(c *clause, si int, emit emitFunc) {
	x.verbRules(c, si, emit)
	x.phraseRules(c, si, emit)
	x.nounRules(c, si, emit)
	x.adjacencyRules(c, si, emit)
}

// collector gathers an article's relations: it keeps what the schema allows,
// one relation per (subject, type, object, sentence) at its best confidence,
// and both directions of a symmetric type.
type collector struct {
	x    *Extractor
	a    *analysis
	out  []relation
	seen map[string]int
}

func (k *collector) emit(typ string, subj, obj span, si int, conf float64, rule string) {
	x, a := k.x, k.a
	if subj.ent == obj.ent || subj.ent < 0 || obj.ent < 0 {
		return
	}
	st, ot := a.entities[subj.ent].typ, a.entities[obj.ent].typ
	if !x.schema.Allows(typ, st, ot) {
		return
	}
	if !x.containable(st, ot) {
		return
	}
	if subj.coref || obj.coref {
		conf *= 0.9
	}
	conf = float64(int(conf*100+0.5)) / 100
	key := fmt.Sprintf("%d|%s|%d|%d", subj.ent, typ, obj.ent, si)
	if i, ok := k.seen[key]; ok {
		if conf > k.out[i].conf {
			k.out[i] = relation{typ, subj, obj, si, conf, rule}
		}
		return
	}
	k.seen[key] = len(k.out)
	k.out = append(k.out, relation{typ, subj, obj, si, conf, rule})
	if rt, _ := x.schema.Relation(typ); rt.Symmetric {
		k.out = append(k.out, relation{typ, obj, subj, si, conf, rule})
		k.seen[fmt.Sprintf("%d|%s|%d|%d", obj.ent, typ, subj.ent, si)] = len(k.out) - 1
	}
}

// ruleTypes indexes the relations found from out[start:] by their argument
// spans' first tokens, as "TYPE" and "TYPE/family" features.
func ruleTypes(rels []relation) map[[2]int][]string {
	m := map[[2]int][]string{}
	for _, r := range rels {
		key := [2]int{r.subj.first, r.obj.first}
		family := r.rule
		if i := strings.IndexByte(family, '/'); i >= 0 {
			family = family[:i]
		}
		m[key] = append(m[key], r.typ, r.typ+"/"+family)
	}
	return m
}

// modelRelations adds the relation classifier's verdicts on sentence si to
// the rules' (k.out[start:]). For the relation types the classifier covers it
// overrides a rule that gave the pair another of its classes, and its relation
// takes the narrower type a rule gave the same pair (LEADS rather than
// WORKS_FOR). Rules of other types, and rules on pairs it found nothing for,
// stand: they were written for news the benchmark does not cover.
func (x *Extractor) modelRelations(c *clause, si, start int, k *collector) {
	rules := append([]relation(nil), k.out[start:]...)
	covered := map[string]int{}
	for ci, cl := range x.rel.Classes {
		for _, t := range cl.Types {
			covered[t] = ci
		}
	}
	type pairKey struct{ s, o int }
	agreed := map[pairKey]int{} // pair -> class the model gave it
	for _, p := range x.classifyPairs(c, ruleTypes(rules)) {
		if p.prob < x.rel.Threshold {
			continue
		}
		cl := x.rel.Classes[p.class]
		agreed[pairKey{p.subj.first, p.obj.first}] = p.class
		typ := cl.Name
		for _, r := range rules {
			if r.subj.first == p.subj.first && r.obj.first == p.obj.first && covered[r.typ] == p.class && slicesContains(cl.Types, r.typ) {
				typ = r.typ
			}
		}
		k.emit(typ, p.subj, p.obj, si, p.prob, "model/"+strings.ToLower(cl.Name))
	}
	// Drop the rules' relations of covered types that the classifier put in
	// another class.
	kept := k.out[:start]
	for _, r := range k.out[start:] {
		if ci, ok := covered[r.typ]; ok && !strings.HasPrefix(r.rule, "model/") {
			if got, ok := agreed[pairKey{r.subj.first, r.obj.first}]; ok && got != ci {
				continue
			}
		}
		kept = append(kept, r)
	}
	k.out = kept
	for key, i := range k.seen {
		if i >= start {
			delete(k.seen, key)
		}
	}
	for i := start; i < len(k.out); i++ {
		r := k.out[i]
		k.seen[fmt.Sprintf("%d|%s|%d|%d", r.subj.ent, r.typ, r.obj.ent, r.sent)] = i
	}
}

func slicesContains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

type emitFunc func(typ string, subj, obj span, si int, conf float64, rule string)

// containable says whether a place of type inner may lie in one of type
// outer, by the schema's place ranks: in a kind of a larger or the same rank
// (a region in a country), never in its own kind when the schema says so (a
// country in a country). Kinds no rank lists may lie anywhere.
func (x *Extractor) containable(inner, outer string) bool {
	ri, ro := x.placeRank(inner), x.placeRank(outer)
	if ri < 0 || ro < 0 {
		return true
	}
	if inner == outer && slicesContains(x.roles.NeverInItself, inner) {
		return false
	}
	return ri <= ro
}

// placeRank is the index of the schema's place rank typ belongs to, or -1.
func (x *Extractor) placeRank(typ string) int {
	for i, rank := range x.roles.PlaceRanks {
		for _, t := range rank {
			if x.schema.Is(typ, t) {
				return i
			}
		}
	}
	return -1
}

// isPlace reports whether typ is the place role or a ranked kind of place
// (a Facility is not a Location but lies in one).
func (x *Extractor) isPlace(typ string) bool {
	return x.schema.Is(typ, x.roles.Place) || x.placeRank(typ) >= 0
}

// isOrganization reports whether typ is one of the organization roles.
func (x *Extractor) isOrganization(typ string) bool {
	for _, t := range x.roles.Organizations {
		if x.schema.Is(typ, t) {
			return true
		}
	}
	return false
}

// clause gives the rules their view of one sentence.
type clause struct {
	x     *Extractor
	a     *analysis
	s     Sentence
	spans []span
	// Indexes of spans by first token and by the token after their last,
	// built once per sentence.
	byFirst, byEnd map[int]int
	// named[i] counts the spans before spans[i] that are names, not
	// pronouns or "the group".
	named []int
}

func (c *clause) word(k int) string {
	if k < c.s.First || k >= c.s.Last {
		return ""
	}
	return c.a.low[k]
}

// spanEndingAt returns the span whose last token is k-1, or -1.
func (c *clause) spanEndingAt(k int) int {
	if i, ok := c.byEnd[k]; ok {
		return i
	}
	return -1
}

// spanAt returns the span starting at token k, or -1.
func (c *clause) spanAt(k int) int {
	if i, ok := c.byFirst[k]; ok {
		return i
	}
	return -1
}

func (c *clause) typ(sp span) string { return c.a.entities[sp.ent].typ }

// prepObject reports whether the span is the object of a preposition: "in
// Afghanistan", "of the Taliban".
func (c *clause) prepObject(sp span) bool {
	return c.prepBefore(sp) >= 0
}

// prepBefore returns the index of the preposition a span is the object of,
// past determiners and adjectives ("in southern Lebanon"), or -1.
func (c *clause) prepBefore(sp span) int {
	k := sp.first - 1
	for n := 0; k >= c.s.First && n < 3 && modifierBefore(c.a.toks[k], c.word(k)); n++ {
		k--
	}
	if k >= c.s.First && prepositions[c.word(k)] {
		return k
	}
	return -1
}

// modifierBefore reports whether a token can stand between a preposition and
// its object: "the", "a", "southern", "neighbouring", "three".
func modifierBefore(t Token, w string) bool {
	if w == "the" || w == "a" || w == "an" {
		return true
	}
	return startsLower(t.Text) && (strings.HasPrefix(t.Tag, "JJ") || t.Tag == "CD" || t.Tag == "PRP$" || t.Tag == "VBG" && strings.HasSuffix(w, "ing"))
}

// subjectLeft finds the subject of the predicate at token k: the nearest span
// to its left, in the same clause, that is not a prepositional object and may
// be the subject of rel. A relative pronoun ("ISIS-K, which ... derides")
// hands over to the name it follows.
func (c *clause) subjectLeft(k int, rel string) (span, bool) {
	for j := k - 1; j >= c.s.First && j >= k-25; j-- {
		w := c.word(j)
		if w == ";" {
			break
		}
		if w == "," {
			// Skip a relative clause: "Hamas, which rejects Fatah, is active".
			for p := j - 1; p > c.s.First && p > j-20; p-- {
				if c.word(p) == "," {
					if q := c.word(p + 1); (q == "which" || q == "who") && p+1 < j-1 {
						j = p + 1
					}
					break
				}
			}
			continue
		}
		if relPronouns[w] && c.a.byToken[j] < 0 && (w != "that" || c.word(j-1) != "," && c.spanEndingAt(j) >= 0 || c.word(j-1) == ",") {
			p := j
			if c.word(p-1) == "," {
				p--
			}
			if i := c.spanEndingAt(p); i >= 0 && c.x.schema.AllowsSubject(rel, c.typ(c.spans[i])) {
				return c.spans[i], true
			}
			if w == "that" {
				continue
			}
			return span{}, false
		}
		i := c.spanEndingAt(j + 1)
		if i < 0 {
			continue
		}
		sp := c.spans[i]
		j = sp.first
		if c.prepObject(sp) || c.word(sp.last) == "'s" {
			continue
		}
		if c.x.schema.AllowsSubject(rel, c.typ(sp)) {
			return sp, true
		}
	}
	return span{}, false
}

// coordinators may stand between the objects of one predicate: "in South and
// Central Asia, mostly in Afghanistan".
var coordinators = setOf(",", "and", "or", "mostly", "mainly", "particularly", "especially", "including", "in", "the", "both", "also", "as", "well", "notably", "chiefly")

// objectsRight finds the objects of the predicate ending before token k: the
// first span after it that rel admits, then any coordinated with it.
func (c *clause) objectsRight(k int, rel string) []span {
	return c.argsRight(k, func(typ string) bool { return c.x.schema.AllowsObject(rel, typ) })
}

// agentsRight finds the agents after "by" in a passive: they are the
// relation's subjects.
func (c *clause) agentsRight(k int, rel string) []span {
	return c.argsRight(k, func(typ string) bool { return c.x.schema.AllowsSubject(rel, typ) })
}

func (c *clause) argsRight(k int, allowed func(typ string) bool) []span {
	var out []span
	for j := k; j < c.s.Last && j < k+15; j++ {
		w := c.word(j)
		if w == ";" || relPronouns[w] && c.a.byToken[j] < 0 && len(out) == 0 && j > k {
			break
		}
		i := c.spanAt(j)
		if i < 0 {
			continue
		}
		sp := c.spans[i]
		// "attacked soldiers from Niger": an object of a later preposition
		// is not the predicate's.
		if p := c.prepBefore(sp); p >= k {
			j = sp.last - 1
			continue
		}
		if allowed(c.typ(sp)) && c.word(sp.last) != "'s" {
			out = append(out, sp)
			// Coordinated objects.
			for n := sp.last; n < c.s.Last; {
				for n < c.s.Last && coordinators[c.word(n)] && c.spanAt(n) < 0 {
					n++
				}
				i := c.spanAt(n)
				if i < 0 || !allowed(c.typ(c.spans[i])) {
					break
				}
				out = append(out, c.spans[i])
				n = c.spans[i].last
			}
			return out
		}
		j = sp.last - 1
	}
	return out
}

// otherPast are past forms of common irregular verbs that are also the base
// of other verbs: "found" (find; found), "wound" (wind; wound), "ground".
var otherPast = setOf("found", "wound", "ground", "rose", "lay", "bore", "fell", "saw", "left", "felt", "spent", "lent")

// verbRules: "U.S. forces eliminated ... Hafiz Saeed Khan" (active) and "X was
// killed by Y" (passive).
func (x *Extractor) verbRules(c *clause, si int, emit emitFunc) {
	toks := c.a.toks
	for k := c.s.First; k < c.s.Last; k++ {
		trigs := x.rules.verbs[c.word(k)]
		if len(trigs) == 0 || c.a.byToken[k] >= 0 {
			continue
		}
		if tag := toks[k].Tag; tag != "" && !strings.HasPrefix(tag, "VB") {
			continue
		}
		// "found" is found's base and find's past: in the past tense it is
		// find's ("Biden found the Taliban unwilling").
		if otherPast[c.word(k)] && (toks[k].Tag == "VBD" || toks[k].Tag == "VBN") {
			continue
		}
		// Passive: a form of "be" just before, "by" just after.
		be := k - 1
		for be > c.s.First && auxiliaries[c.word(be)] || strings.HasSuffix(c.word(be), "ly") {
			be--
		}
		for _, t := range trigs {
			rt, _ := x.schema.Relation(t.rel)
			if t.participle && beForms[c.word(be)] {
				if c.word(k+1) != "by" {
					continue
				}
				agents := c.agentsRight(k+2, t.rel)
				patient, ok := c.subjectLeft(be, t.rel)
				if !ok {
					continue
				}
				for _, ag := range agents {
					emit(t.rel, ag, patient, si, rt.Confidence, "verb-passive/"+t.base)
				}
				continue
			}
			subj, ok := c.subjectLeft(k, t.rel)
			if !ok {
				continue
			}
			for _, obj := range c.objectsRight(k+1, t.rel) {
				emit(t.rel, subj, obj, si, rt.Confidence, "verb-active/"+t.base)
			}
		}
	}
}

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
			subj, ok := c.subjectLeft(k, t.rel)
			if !ok {
				continue
			}
			for _, obj := range c.objectsRight(end, t.rel) {
				emit(t.rel, subj, obj, si, rt.Confidence, "phrase/"+t.phrase)
				if t.mutual {
					emit(t.rel, obj, subj, si, rt.Confidence, "phrase-mutual/"+t.phrase)
				}
			}
		}
		if end > k {
			k = end - 1
		}
	}
}

// possessor finds who a role noun at [r, ...) belongs to: "its", "the group's",
// "ISIS-K's" or "ISIS-K" just before it (past adjectives), or "of ISIS-K" after.
func (c *clause) possessor(r, rEnd int) (span, bool) {
	k := r - 1
	for k > c.s.First && k > r-4 && c.a.byToken[k] < 0 && startsLower(c.a.toks[k].Text) && !determiners[c.word(k)] &&
		!orgPronouns[c.word(k)] && !personPronouns[c.word(k)] && c.word(k) != "'s" && c.word(k) != "a" && c.word(k) != "an" && !beForms[c.word(k)] && !prepositions[c.word(k)] {
		k-- // adjectives: "founding", "current overall", "senior"
	}
	if c.word(k) == "'s" {
		k--
	}
	if i := c.spanEndingAt(k + 1); i >= 0 {
		return c.spans[i], true
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
		for _, op := range aliasOpeners {
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
	for auxiliaries[c.word(k)] {
		k++
	}
	switch {
	case beForms[c.word(k)]:
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
		if w == "," || w == "." || relPronouns[w] || x.rules.verbs[w] != nil {
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
	for r := c.s.First; r < c.s.Last; r++ {
		if a.byToken[r] >= 0 {
			continue
		}
		rel, n := x.rules.nouns.longest(a.toks, r, c.s.Last, lower)
		if n == 0 {
			continue
		}
		rEnd := r + n
		rt, _ := x.schema.Relation(rel)
		owner, hasOwner := c.possessor(r, rEnd)
		// Holder after the noun: "its leader, Abu Bakr al Baghdadi".
		k := rEnd
		if c.word(k) == "," {
			k++
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
			if c.x.schema.Is(c.typ(holder), c.x.roles.Person) || rel == c.x.roles.PartOf {
				emit(rel, holder, owner, si, rt.Confidence, "role-appositive/"+a.toks[r].Text)
			}
		}
		// Holder before the noun, through a copula or an appositive comma.
		j := r - 1
		for j > c.s.First && j > r-8 && (a.byToken[j] < 0 || c.word(j) == "'s" || a.byToken[j] >= 0 && owner.first <= j && j < owner.last) &&
			!beForms[c.word(j)] && c.word(j) != "," && c.word(j) != "as" && modifierWord(a.toks[j]) {
			j--
		}
		if beForms[c.word(j)] || c.word(j) == "," || c.word(j) == "as" && (c.word(j-1) == "served" || c.word(j-1) == "serves") {
			// "considers the Taliban to be an enemy"
			if c.word(j) == "be" && c.word(j-1) == "to" {
				if i := c.spanEndingAt(j - 1); i >= 0 {
					for v := c.spans[i].first - 1; v >= c.s.First && v > c.spans[i].first-3; v-- {
						if considerVerbs[c.word(v)] {
							if subj, ok := c.subjectLeft(v, rel); ok {
								emit(rel, subj, c.spans[i], si, rt.Confidence, "consider-as/"+a.toks[r].Text)
							}
						}
					}
				}
				continue
			}
			if c.word(j) == "," {
				// An appositive needs an article: "X, a senior leader of Y".
				if w := c.word(j + 1); w != "a" && w != "an" && w != "the" {
					continue
				}
			}
			holder, ok := c.subjectLeft(j, rel)
			if ok && hasOwner {
				emit(rel, holder, owner, si, rt.Confidence, "role-copula/"+a.toks[r].Text)
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

// modifierWord reports whether a token can stand between a copula and its
// role noun: "is the group's current overall emir", not "was killed by".
func modifierWord(t Token) bool {
	w := lower(t.Text)
	if prepositions[w] && w != "of" {
		return false
	}
	switch t.Tag {
	case "VB", "VBD", "VBZ", "VBP", "VBN", "MD":
		return beForms[w]
	}
	return true
}

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
		k := sp.last
		// An acronym in brackets: "Center for Strategic and International Studies (CSIS)".
		if c.word(k) == "(" {
			for k < c.s.Last && c.word(k) != ")" && k < sp.last+6 {
				k++
			}
			k++
		}
		isOrg := x.isOrganization(c.typ(sp))
		if isOrg {
			for k < c.s.Last && descriptorNouns[c.word(k)] {
				k++
			}
		}
		if rels := x.rules.preps[c.word(k)]; rels != nil && !(isOrg && c.prepObjectOf(sp)) {
			j := k + 1
			if c.word(j) == "the" {
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
		if c.word(sp.last) == "," && i+1 < len(c.spans) && c.spans[i+1].first == sp.last+1 && !c.spans[i+1].coref {
			next := c.spans[i+1]
			after := c.word(next.last)
			if after == "," || after == "." || after == "" || after == ";" || startsLower(a.toks[min(next.last, len(a.toks)-1)].Text) {
				emit(x.roles.Contains, sp, next, si, 0.7, "comma-location")
			}
		}
	}
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
