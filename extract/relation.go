// The relation stage: the rule families (rules_*.go) and the relation
// classifier (relmodel.go) read each sentence's clause; the collector keeps
// what the schema allows.

package extract

import (
	"slices"
	"strings"
)

// span is a run of tokens that stands for an entity in a sentence: a name, or
// a reference to one ("its", "the group").
type span struct {
	first, last int
	ent         int
	coref       bool
	// demonym: the words are an adjective or people's name of the entity
	// ("Serb", "Afghan"), not its name.
	demonym bool
	// nonState: a demonym of people who are not its state's ("Syrian
	// rebels"; references.go, nonStateDemonym).
	nonState bool
}

// relation is one found fact, before output.
type relation struct {
	typ       string
	subj, obj span
	sent      int
	conf      float64
	rule      string
}

// relations reads every relation of the article off its sentences.
func (x *Extractor) relations(a *analysis) []relation {
	k := &collector{x: x, a: a, seen: map[relKey]int{}}
	for si := range a.sents {
		c := x.clauseOf(a, si)
		if c == nil || a.sents[si].Headline {
			// A headline's grammar drops the words relations are read by
			// ("Lebanese Villages Shelled as Israeli Army Advances"); the
			// story says it again.
			continue
		}
		start := len(k.out)
		x.ruleRelations(c, si, k.emit)
		if x.rel != nil {
			x.modelRelations(c, si, start, k)
		}
		// An accusation needs a word that says it between its names.
		k.keep(start, func(r relation) bool { return !accusatory[r.typ] || x.triggerOnPath(a, r) })
		if a.sents[si].Dateline {
			// A dateline says where "PESHAWAR, Pakistan (Reuters)" lies,
			// not where Reuters is based.
			k.keep(start, func(r relation) bool { return r.typ == x.roles.Contains })
		}
	}
	x.actPlaces(k)
	x.knownContainment(k)
	x.inferContainment(k)
	return k.out
}

// inferContainment adds what containment implies: a place in a place that
// lies in a third lies in the third too ("Karrada, a district of Baghdad"
// and "Baghdad, Iraq": Karrada LOCATED_IN Iraq). Each inferred relation
// stands on the sentence of its first step, at the confidence of the
// weaker step, and the rule names the step it went through.
func (x *Extractor) inferContainment(k *collector) {
	typ := x.roles.Contains
	if typ == "" {
		return
	}
	a := k.a
	// The best step out of each place to each container.
	out := map[int]map[int]relation{}
	for _, r := range k.out {
		if r.typ != typ || x.assertion(a, r) != Asserted {
			continue
		}
		m := out[r.subj.ent]
		if m == nil {
			m = map[int]relation{}
			out[r.subj.ent] = m
		}
		if old, ok := m[r.obj.ent]; !ok || r.conf > old.conf {
			m[r.obj.ent] = r
		}
	}
	sorted := func(m map[int]relation) []int {
		keys := make([]int, 0, len(m))
		for e := range m {
			keys = append(keys, e)
		}
		slices.Sort(keys)
		return keys
	}
	subjects := make([]int, 0, len(out))
	for e := range out {
		subjects = append(subjects, e)
	}
	slices.Sort(subjects)
	for _, s := range subjects {
		// Breadth first from s: every container of a container, each
		// reached through the first step that leads to it.
		type reach struct {
			first relation // s's own step the path starts with
			last  relation // the path's last step
			conf  float64
		}
		got := map[int]reach{s: {}}
		var queue []reach
		for _, b := range sorted(out[s]) {
			r := out[s][b]
			got[b] = reach{r, r, r.conf}
			queue = append(queue, got[b])
		}
		for len(queue) > 0 {
			p := queue[0]
			queue = queue[1:]
			for _, c := range sorted(out[p.last.obj.ent]) {
				if _, seen := got[c]; seen {
					continue
				}
				r := out[p.last.obj.ent][c]
				got[c] = reach{p.first, r, min(p.conf, r.conf)}
				queue = append(queue, got[c])
				k.emit(typ, p.first.subj, r.obj, p.first.sent, got[c].conf, "inferred/"+strings.ToLower(typ))
			}
		}
	}
}

// keep drops the relations of out[start:] that keep rejects and rebuilds
// the collector's index of what remains. The index entries of out[start:]
// are those of their own keys, so the cost is that of out[start:] (one
// sentence's relations), not of the whole article's index.
func (k *collector) keep(start int, keep func(relation) bool) {
	for _, r := range k.out[start:] {
		if i, ok := k.seen[r.key()]; ok && i >= start {
			delete(k.seen, r.key())
		}
	}
	kept := k.out[:start]
	for _, r := range k.out[start:] {
		if keep(r) {
			kept = append(kept, r)
		}
	}
	k.out = kept
	for i := start; i < len(k.out); i++ {
		k.seen[k.out[i].key()] = i
	}
}

// key is the relation's key in the collector's index.
func (r relation) key() relKey { return seenKey(r.subj.ent, r.typ, r.obj.ent, r.sent) }

// clauseOf gives the rules their view of sentence si, or nil when it names
// fewer than two entities.
func (x *Extractor) clauseOf(a *analysis, si int) *clause {
	sp := a.sentSpans[si]
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

// A ruleFamily reads relations of one family of sentence shapes off a
// clause. Each family lives in its own file, rules_<name>.go.
type ruleFamily struct {
	name  string
	apply func(x *Extractor, c *clause, si int, emit emitFunc)
}

// ruleFamilies are the registered rule families, in the order they run.
var ruleFamilies = []ruleFamily{
	{"verb", (*Extractor).verbRules},           // "X killed Y", "Y was killed by X"
	{"phrase", (*Extractor).phraseRules},       // "X clashed with Y", "X is active in Y"
	{"noun", (*Extractor).nounRules},           // "its leader, X", "X is a member of Y"
	{"adjacency", (*Extractor).adjacencyRules}, // "X in Y", "Y's X", "X, Y"
	{"weapon", (*Extractor).weaponRules},       // "rockets fired by X hit Y"
}

// ruleRelations runs every rule family on one sentence.
func (x *Extractor) ruleRelations(c *clause, si int, emit emitFunc) {
	for _, f := range ruleFamilies {
		f.apply(x, c, si, emit)
	}
}

// collector gathers an article's relations: it keeps what the schema allows,
// one relation per (subject, type, object, sentence) at its best confidence,
// and both directions of a symmetric type.
type collector struct {
	x    *Extractor
	a    *analysis
	out  []relation
	seen map[relKey]int
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
	// Place ranks bound containment only: "Russia invaded Ukraine" is one
	// country attacking another, though no country lies in another.
	if typ == x.roles.Contains && (!x.containable(st, ot) || !a.gold && !x.isState(ot) && x.river(a.entities[subj.ent])) {
		return
	}
	if subj.coref || obj.coref {
		conf *= 0.9
	}
	conf = float64(int(conf*100+0.5)) / 100
	key := seenKey(subj.ent, typ, obj.ent, si)
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
		k.seen[seenKey(obj.ent, typ, subj.ent, si)] = len(k.out) - 1
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
	// Rules and classifier meet on entities, not words: "Maulawi Rajab" and
	// "Maulawi Rajab Salahudin" are one person.
	type pairKey struct{ s, o int }
	agreed := map[pairKey]int{} // entity pair -> class the model gave it
	for _, p := range x.classifyPairs(c, ruleTypes(rules)) {
		if p.prob < x.rel.threshold(p.class) || gapOf(p) > maxModelGap || c.speechPlace(p.obj) || c.remit(p.obj) ||
			c.reportedApart(p.subj, p.obj) || c.reportedApart(p.obj, p.subj) || x.offPath(c, p.subj, p.obj, x.rel.Classes[p.class].Name) ||
			c.modifierName(p.subj) || c.modifierName(p.obj) || statedOtherwise(rules, covered, p) || x.pastRoleOnPath(c, p) ||
			x.possessedThing(c, p) || x.personBetween(c, p) || x.otherDoer(c, p) || x.notOwnAffiliation(c, p) || x.titledOther(c, p) || x.heldByNext(c, p) || x.listMembers(c, p) || c.hyphenPair(p.subj, p.obj) ||
			x.rules.notAcrossVerbs[x.rel.Classes[p.class].Name] && (c.placeOfThing(p.obj, p.subj) || c.placeOnTheWay(p.obj)) {
			continue
		}
		cl := x.rel.Classes[p.class]
		if cl.Name == x.roles.Contains && x.lex.elsewhere(c.a.entities[p.subj.ent].name, c.a.entities[p.obj.ent].name) {
			// The lists place it in another country ("Deir ez-Zor" in
			// Syria, not in the Russia of the same sentence).
			continue
		}
		if x.othersNationality(c, p, cl.Name) {
			continue
		}
		agreed[pairKey{p.subj.ent, p.obj.ent}] = p.class
		typ, rule := cl.Name, "model/"+strings.ToLower(cl.Name)
		if c.demonymSpan(p.obj) && x.homeType(typ) && x.roles.Nationality != "" {
			// "the Polish journalist Anna Novak": a nationality, not a home.
			typ, rule = x.roles.Nationality, "model/nationality"
			if ci, ok := covered[typ]; ok {
				agreed[pairKey{p.subj.ent, p.obj.ent}] = ci
			}
		}
		if typ == cl.Name {
			if u := x.pathType(c, cl, p.subj, p.obj); u != "" {
				typ, rule = u, "model/"+strings.ToLower(u)
			} else if u := x.leaderOnPath(c, cl, p); u != "" {
				typ = u
			}
		}
		for _, r := range rules {
			if r.subj.ent == p.subj.ent && r.obj.ent == p.obj.ent && covered[r.typ] == p.class && slices.Contains(cl.Types, r.typ) {
				typ = r.typ
			}
		}
		k.emit(typ, p.subj, p.obj, si, p.prob, rule)
	}
	// Drop the rules' relations of covered types that the classifier put in
	// another class, when the pair could have been of the rule's class:
	// "Anne Hidalgo is the mayor of Paris" keeps LEADS, which no Work_For
	// example of a person and a city taught the classifier.
	k.keep(start, func(r relation) bool {
		ci, ok := covered[r.typ]
		if !ok || strings.HasPrefix(r.rule, "model/") {
			return true
		}
		st, ot := k.a.entities[r.subj.ent].typ, k.a.entities[r.obj.ent].typ
		got, ok := agreed[pairKey{r.subj.ent, r.obj.ent}]
		return !ok || got == ci || !x.rel.classFits(x.schema, ci, st, ot)
	})
}

// pathType returns the type among a class's others whose path_words stand
// on the parse path between two names ("Illinois born Charlton Heston": a
// Live_In guess is BORN_IN), or "".
func (x *Extractor) pathType(c *clause, cl RelClass, a, b span) string {
	if x.rules.pathWords == nil {
		return ""
	}
	toks := c.a.toks
	var path []int
	for _, u := range cl.Types {
		words := x.rules.pathWords[u]
		if u == cl.Name || words == nil {
			continue
		}
		if path == nil {
			path = c.a.relScratch().paths.path(toks, spanHead(toks, a), spanHead(toks, b))
		}
		for _, k := range path {
			if !inSpan(k, a) && !inSpan(k, b) && words[c.a.low[k]] {
				return u
			}
		}
	}
	return ""
}

// leaderOnPath returns the schema's leads relation when the parse path
// from a person to the other name of a classifier's pair goes through a
// leader's role noun of it ("an IRA leader at the time, Sean MacStiofain":
// he leads, not works for, the IRA), its member relation for a deputy's
// ("vice president"), and "" otherwise or when the class holds neither (at
// extraction, as nounBetween).
func (x *Extractor) leaderOnPath(c *clause, cl RelClass, p scoredPair) string {
	if c.a.gold || x.roles.Leads == "" || !slices.Contains(cl.Types, x.roles.Leads) || !x.schema.Is(c.typ(p.subj), x.roles.Person) {
		return ""
	}
	toks := c.a.toks
	sh, oh, path := c.pairPath(p)
	linked := func(k, h int) bool { return toks[h].Head == k || toks[k].Head == h }
	for _, k := range path {
		// The noun must join the two alone: "an IRA leader, Sean
		// MacStiofain", "X, leader of the IRA", not a leader of something
		// else on the way, nor another's ("According to X, the leader of
		// Hamas is ...").
		if inSpan(k, p.subj) || inSpan(k, p.obj) || !startsLower(toks[k].Text) || c.pastRole(k) || !linked(k, oh) || !linked(k, sh) {
			continue
		}
		if rel, n := x.rules.nouns.longest(toks, k, k+1, lower); n == 1 && rel == x.roles.Leads {
			if p.obj.last <= k && c.nounBetween(p.obj.last, k) {
				return "" // "The United Nations human rights chief": a part's
			}
			if rel = c.deputyRole(k, rel); slices.Contains(cl.Types, rel) {
				return rel
			}
			return ""
		}
	}
	return ""
}

// offPath reports whether the parse path between two names says they stand
// in another relation than typ. Either a word on it, and in neither name, is
// one of typ's not_on_path words ("Ada Obi studied at Lagos University",
// "the minister visited Turkey"), or, for a type marked not_across_verbs,
// the path goes from a verb down into its object or clausal complement
// (crossesVerb).
func (x *Extractor) offPath(c *clause, a, b span, typ string) bool {
	words, across := x.rules.notOnPath[typ], x.rules.notAcrossVerbs[typ]
	if words == nil && !across {
		return false
	}
	toks := c.a.toks
	path := c.a.relScratch().paths.path(toks, spanHead(toks, a), spanHead(toks, b))
	for _, k := range path {
		if !inSpan(k, a) && !inSpan(k, b) && words[c.a.low[k]] {
			return true
		}
	}
	if accusatory[typ] {
		// An accusation is dropped by such a word anywhere between the
		// names, however the parser attached it ("was charged with
		// complicity in the assassination of X", the "in" phrase hung on
		// "charged").
		for k := min(a.last, b.last); k < max(a.first, b.first); k++ {
			if words[c.a.low[k]] {
				return true
			}
		}
	}
	return across && (x.crossesVerb(c, path, a, b, typ) || x.throughAct(c, path, a, b))
}

// throughAct reports whether a parse path between names a and b goes
// through a noun naming an act ("the bomber behind the Manchester
// bombing", "a victim of the Lockerbie attack"): the place of the act is not
// a home, a base or an employer of those in it.
func (x *Extractor) throughAct(c *clause, path []int, a, b span) bool {
	for _, k := range path {
		if !inSpan(k, a) && !inSpan(k, b) && strings.HasPrefix(c.a.toks[k].Tag, "NN") && startsLower(c.a.toks[k].Text) {
			if _, ok := x.rules.events[c.a.low[k]]; ok {
				return true
			}
		}
	}
	return false
}

// crossesVerb reports whether a parse path between names a and b goes
// through a verb into what the verb acts on: its object ("Ellwood welcomed
// the Iraqi government's decision", "Johnson joined US Secretary of State
// John Kerry"), a clause it reports or plans ("the Pentagon says US forces
// are there", "May promised to review Britain's strategy"). What lies there
// is another participant, not a home, a base or an employer of the
// subject, which a name's modifiers state ("a Boston lawyer", "of
// Chicago", "Britain's envoy") or the type's own words ("lives in", "was
// born in"): a verb among typ's verbs and phrases does not count, nor does
// a predicate noun ("became a judge of the Supreme Court", "made her
// president of Haiti").
func (x *Extractor) crossesVerb(c *clause, path []int, a, b span, typ string) bool {
	toks := c.a.toks
	own := x.rules.ownWords[typ]
	for i := 1; i < len(path); i++ {
		d, h := path[i-1], path[i]
		if toks[h].Head == d {
			d, h = h, d
		} else if toks[d].Head != h {
			continue
		}
		// "Mr Lammy, speaking in Nairobi": where a participle puts a
		// name is where it did that, not where it lives. Not a path word
		// ("born in": the classifier's Live_In guess becomes BORN_IN),
		// the type's own ("living in"), an alias ("known as") or a
		// participle that names ("a charity called Aid Norway").
		if toks[d].Rel == "acl" && toks[d].UPOS == "VERB" && !own[c.a.low[d]] && !x.rules.anyPathWord(c.a.low[d]) && !c.opensAlias(d) && c.nameAfter(d+1) < 0 {
			return true
		}
		if toks[h].UPOS != "VERB" || own[c.a.low[h]] {
			continue
		}
		if inSpan(d, a) || inSpan(d, b) {
			// A name that is the object of the verb both names hang
			// from is what that verb relates ("Ek joined the Front"); the
			// object of a verb in a clause below it is another's
			// ("reiterated his commitment to defeating the Front"), a
			// relative clause's too when it describes a noun, not the name
			// ("Anna Berg, a reporter who covered Nordland Bank"; "Karl Ek,
			// who runs Nordland Bank" is the classifier's to read).
			if (toks[d].Rel == "obj" || toks[d].Rel == "iobj") && slices.Contains(path, toks[h].Head) && c.clauseBelow(h, a, b) {
				return true
			}
			// A place that is a verb's direct object is where one goes,
			// what one leaves, takes or talks of, never a home or a base
			// ("Ana Duarte left Kenya", "discussed UK-France co-operation").
			if toks[d].Rel == "obj" && inSpan(d, b) && c.x.isPlace(c.typ(b)) {
				return true
			}
			continue
		}
		switch toks[d].Rel {
		case "obj", "iobj", "ccomp", "advcl":
			return true
		case "xcomp":
			if toks[d].UPOS == "VERB" {
				return true
			}
		}
	}
	return false
}

// clauseBelow reports whether verb h heads a clause below its head:
// a complement or an adverbial clause, or a relative clause of a word in
// neither name a or b.
func (c *clause) clauseBelow(h int, a, b span) bool {
	r := c.a.toks[h].Rel
	if isRel(r, "acl:relcl") {
		g := c.a.toks[h].Head
		return !inSpan(g, a) && !inSpan(g, b)
	}
	return isClauseRel(r)
}

// opensAlias reports whether an alias opener of the language file starts at
// token k ("known as", "also called"): the name after it, and its place
// ("known as the Slum Angel of Bangkok"), still describe the name before.
func (c *clause) opensAlias(k int) bool {
	for _, op := range c.x.lang.aliasOpeners {
		if matchWords(c.a.toks, k, op) {
			return true
		}
	}
	return false
}

// modifierName reports whether a person's name only modifies a common
// noun ("the Asad regime", "the Obama administration", "Trump supporters"):
// the noun names the participant, not the person, so the person is in no
// relation the classifier reads off the pair.
func (c *clause) modifierName(sp span) bool {
	toks := c.a.toks
	h := spanHead(toks, sp)
	if !isRel(toks[h].Rel, "compound") {
		return false
	}
	k := toks[h].Head
	if k < c.s.First || k >= c.s.Last || c.a.byToken[k] >= 0 {
		return false
	}
	return strings.HasPrefix(toks[k].Tag, "NN") && !strings.HasPrefix(toks[k].Tag, "NNP") && c.x.schema.Is(c.typ(sp), c.x.roles.Person)
}

// speechPlace reports whether a span is where something was said: the
// object of "in" or "at" a few words after a speech verb ("told reporters in
// Beijing", "said at a news conference in Munich"). The place of a statement
// is nobody's home or base; CoNLL04 train has no Live_In to such a place.
func (c *clause) speechPlace(sp span) bool {
	k := sp.first - 1
	if c.word(k) == "the" {
		k--
	}
	if c.word(k) != "in" && c.word(k) != "at" {
		return false
	}
	for j := k - 1; j >= c.s.First && j >= k-6; j-- {
		if c.x.lang.speechVerbs[c.a.toks[j].Text] {
			return true
		}
		if c.a.byToken[j] >= 0 || c.word(j) == "," {
			return false
		}
	}
	return false
}

// homeType reports whether relation type typ joins a person alone to a
// place (LIVES_IN).
func (x *Extractor) homeType(typ string) bool {
	rt, ok := x.schema.Relation(typ)
	if !ok || len(rt.Subject) == 0 || !x.schema.AllowsObject(typ, x.roles.Place) {
		return false
	}
	for _, t := range rt.Subject {
		if !x.schema.Is(t, x.roles.Person) {
			return false
		}
	}
	return true
}

// reportedApart reports whether speaker is the subject of a verb of saying
// and other lies inside what it says: "Tass reported that the convoy was
// hit near Aleppo" says nothing of Tass and Aleppo.
func (c *clause) reportedApart(speaker, other span) bool {
	toks := c.a.toks
	// Whom it was told to: "rebels have told Al-Monitor that the Russian
	// forces ...". Read from the words, as the parse of an unknown name
	// after "told" often goes astray.
	v := speaker.first - 1
	if c.word(v) == "the" {
		v--
	}
	if v >= c.s.First && c.x.lang.reportVerbs[c.a.low[v]] && c.word(speaker.last) == "that" && other.first > speaker.last {
		return true
	}
	sh := spanHead(toks, speaker)
	if !isRel(toks[sh].Rel, "nsubj") {
		return false
	}
	v = toks[sh].Head
	if v < c.s.First || v >= c.s.Last || !c.x.lang.reportVerbs[c.a.low[v]] {
		return false
	}
	// "..., Al-Monitor reported": the verb of saying hangs from the clause
	// it reports, and all that clause holds is what was said.
	if isRel(toks[v].Rel, "parataxis") {
		for k := spanHead(toks, other); k >= c.s.First && k < c.s.Last; k = toks[k].Head {
			if k == toks[v].Head {
				return true
			}
		}
	}
	for k := spanHead(toks, other); k >= 0; k = toks[k].Head {
		if toks[k].Head == v {
			return isRel(toks[k].Rel, "ccomp") || isRel(toks[k].Rel, "parataxis")
		}
		if k == v {
			return false
		}
	}
	return false
}

// remit reports whether a span is the remit of an office named just before
// it: "Minister for the Middle East", "the UN envoy to Syria", "Special
// Rapporteur on Myanmar". Such a place is what the office covers, not where
// its holder lives or works, nor where an organization is based. The office
// is a title or a role noun of a relation that joins a person to an
// organization ("envoy", "official").
func (c *clause) remit(sp span) bool {
	k := sp.first - 1
	if c.word(k) == "the" {
		k--
	}
	if w := c.word(k); w != "for" && w != "to" && w != "on" {
		return false
	}
	k--
	if k < c.s.First {
		return false
	}
	x, toks := c.x, c.a.toks
	if _, n := x.lex.titles.longest(toks, k, k+1, exact); n == 1 {
		return true
	}
	rel, n := x.rules.nouns.longest(toks, k, k+1, lower)
	return n == 1 && x.schema.AllowsSubject(rel, x.roles.Person) && x.schema.AllowsObject(rel, firstOr(x.roles.Organizations))
}

// firstOr is the first of a list, or "".
func firstOr(list []string) string {
	if len(list) == 0 {
		return ""
	}
	return list[0]
}

// relKey names a relation of one sentence for the collector.
type relKey struct {
	subj, obj, sent int
	typ             string
}

func seenKey(subj int, typ string, obj, sent int) relKey {
	return relKey{subj, obj, sent, typ}
}

type emitFunc func(typ string, subj, obj span, si int, conf float64, rule string)

// isState reports whether typ is one of the schema's states (Country).
func (x *Extractor) isState(typ string) bool {
	return slices.ContainsFunc(x.roles.States, func(t string) bool { return x.schema.Is(typ, t) })
}

// river reports whether a place is a river by the lists: its name ends in
// "River", or the lists know it with "River" after it too ("Euphrates" and
// "Euphrates River"), and it is no known place of the gazetteer ("Jordan"
// is the country). A river runs through provinces and towns and lies in
// none of them ("the east side of the Euphrates in Deir ez-Zor" is a
// stretch of it); a country may hold one whole ("the Mindanao River").
func (x *Extractor) river(e *entity) bool {
	if e.known >= 0 {
		return false
	}
	return strings.HasSuffix(e.name, " River") || len(x.lex.evidenceTypesOf(e.name+" River")) > 0
}

// containable says whether a place of type inner may lie in one of type
// outer, by the schema's place ranks: in a kind of a larger or the same rank
// (a region in a country), never in its own kind when the schema says so (a
// country in a country). Kinds no rank lists may lie anywhere.
func (x *Extractor) containable(inner, outer string) bool {
	ri, ro := x.placeRank(inner), x.placeRank(outer)
	if ri < 0 || ro < 0 {
		return true
	}
	if inner == outer && slices.Contains(x.roles.NeverInItself, inner) {
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

// isPerson reports whether typ is the schema's person type or narrower.
func (x *Extractor) isPerson(typ string) bool {
	return typ != "" && x.roles.Person != "" && x.schema.Is(typ, x.roles.Person)
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

// afterBrackets returns the token after an aside in brackets that opens at
// k, within six tokens ("Center for Strategic and International Studies
// (CSIS) in Washington"), or k when none opens there.
func (c *clause) afterBrackets(k int) int {
	if c.word(k) != "(" {
		return k
	}
	end := k
	for end < c.s.Last && c.word(end) != ")" && end < k+6 {
		end++
	}
	return end + 1
}

// spanEndingAt returns the span whose last token is k-1, or -1.
func (c *clause) spanEndingAt(k int) int {
	if i, ok := c.byEnd[k]; ok {
		return i
	}
	return -1
}

// demonymSpan reports whether span sp is a demonym's mention ("Swedish",
// "Afghan"), not a name.
func (c *clause) demonymSpan(sp span) bool {
	m := c.a.byToken[sp.first]
	return m >= 0 && c.a.mentions[m].Demonym
}

// pairPath is the parse path between the heads of a classifier's pair,
// from the subject's (sh) to the object's (oh); the slice is
// the analysis's scratch, valid until the next path is asked for.
func (c *clause) pairPath(p scoredPair) (sh, oh int, path []int) {
	sh, oh = spanHead(c.a.toks, p.subj), spanHead(c.a.toks, p.obj)
	return sh, oh, c.a.relScratch().paths.path(c.a.toks, sh, oh)
}

// apposedTo steps back from token k over the tokens of a phrase (part) to
// the comma before it, and returns that comma's index and the span ending
// right before it, which the phrase stands in apposition to ("Hezbollah,
// the Iran-backed group"); the span is -1 when no comma ends the walk or
// no name stands before it.
func (c *clause) apposedTo(k int, part func(q int) bool) (comma, sp int) {
	for k > c.s.First && part(k) {
		k--
	}
	if k > c.s.First && c.word(k) == "," {
		return k, c.spanEndingAt(k)
	}
	return k, -1
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
	for n := 0; k >= c.s.First && n < 3 && (modifierBefore(c.a.toks[k], c.word(k)) || c.x.lang.directions[c.a.toks[k].Text] && c.a.byToken[k] < 0 ||
		!c.a.gold && c.participleBefore(k)); n++ {
		k-- // "in southern Lebanon", "in Northern Iraq"
	}
	if k >= c.s.First && c.x.lang.prepositions[c.word(k)] {
		// "after Israel bombed Beirut": a word that opens a clause (the
		// parse's "mark") is no preposition of the name after it when the
		// name is that clause's subject.
		// The parse may hang the word on the name as its case ("Sweden
		// blamed Denmark after Norway attacked Kiruna"); the name is still
		// the subject of the verb after it.
		// At extraction the word must be one that opens clauses, either
		// way: "loyal to Karl Ek stormed" is a misparse, "to" no
		// clause's opener.
		opener := c.a.gold || c.x.lang.subordinators[c.word(k)]
		if h := spanHead(c.a.toks, sp); c.a.toks[h].Rel == "nsubj" && opener && (c.a.toks[k].Rel == "mark" && c.a.toks[h].Head == c.a.toks[k].Head ||
			!c.a.gold && c.a.toks[k].Head == h && c.a.toks[h].Head >= sp.last && c.a.toks[c.a.toks[h].Head].UPOS == "VERB") {
			return -1
		}
		// "after", "before", "since", "until" before a name and a finite
		// verb open a clause whose subject the name is, however the
		// parse attaches them (it may hang the name on the noun before
		// as "after Norway", and the verb on the sentence's verb). At
		// extraction only, as nounBetween.
		if !c.a.gold && c.x.lang.subordinators[c.word(k)] && c.finiteAfter(sp.last) {
			return -1
		}
		// "members of the Hazara", "dozens of Taliban fighters": the
		// words before "of" only count some of the name's people, who
		// are what the predicate is about.
		if c.word(k) == "of" && k > c.s.First && c.x.lang.partitives[c.word(k-1)] {
			return -1
		}
		// "the village of Koshobe", "the city of Mosul": the name is the
		// place the noun before "of" is, so the predicate's own object.
		if c.word(k) == "of" && k > c.s.First && c.x.lang.placeNouns[c.word(k-1)] && c.x.isPlace(c.typ(sp)) {
			return -1
		}
		return k
	}
	return -1
}

// participleBefore reports whether token k is a participle modifying what
// follows it, a name or its noun ("in occupied Crimea", "of the occupied
// Swedish islands"): taggers differ on such a word, JJ or VBN (EWT's
// VBN), and either way it is a modifier between a preposition and its
// object. A participle the parse hangs on a word to its left is a verb.
func (c *clause) participleBefore(k int) bool {
	t := c.a.toks[k]
	return t.Tag == "VBN" && startsLower(t.Text) && c.a.byToken[k] < 0 && t.Head > k && t.Head < c.s.Last && !c.nounBefore(k)
}

// finiteAfter reports whether a finite verb follows token j, past
// auxiliaries and adverbs ("Norway attacked", "Norway had already
// attacked"): the words before j are then its subject.
func (c *clause) finiteAfter(j int) bool {
	for n := 0; j < c.s.Last && n < 3; j, n = j+1, n+1 {
		t := c.a.toks[j]
		if c.a.byToken[j] >= 0 {
			return false
		}
		if finiteVerb(t.Tag) {
			return true
		}
		if !strings.HasPrefix(t.Tag, "RB") {
			return false
		}
	}
	return false
}

// modifierBefore reports whether a token can stand between a preposition and
// its object: "the", "a", "southern", "neighbouring", "three".
func modifierBefore(t Token, w string) bool {
	switch w {
	case "the", "a", "an", "both", "either", "all":
		return true // "in both Iraq and Syria"
	}
	return startsLower(t.Text) && (strings.HasPrefix(t.Tag, "JJ") || t.Tag == "CD" || t.Tag == "PRP$" || t.Tag == "VBG" && strings.HasSuffix(w, "ing"))
}

// subjectLeft finds the subject of the predicate at token k: the nearest span
// to its left, in the same clause, that is not a prepositional object and may
// be the subject of rel. A relative pronoun ("ISIS-K, which ... derides")
// hands over to the name it follows.
func (c *clause) subjectLeft(k int, rel string) (span, bool) {
	if sp, ok := c.gerundOfObject(k); ok {
		return sp, c.x.schema.AllowsSubject(rel, c.typ(sp))
	}
	k, named := c.subjectVerb(k)
	if !named {
		return span{}, false
	}
	return c.argLeft(k, func(typ string) bool { return c.x.schema.AllowsSubject(rel, typ) })
}

// subjectVerb returns the verb whose subject the verb at k has: k itself,
// or for a verb coordinated with an earlier one and with no subject of its
// own, the earlier one ("Ethiopia recalled its Kenyan envoy and attacked
// Eritrean positions": Ethiopia attacked, not Kenya), and for a participle
// after a comma the verb it follows ("attacked Bergen, killing Karl Ek").
// named is false when
// the parse gives that verb a subject with no name in it ("Hamas said
// gunmen attacked a convoy", "after they attacked"): no name further left
// is its subject. A relative pronoun's verb ("Hamas, which rejects Fatah")
// and a subject the parse does not give keep the search by the words.
func (c *clause) subjectVerb(k int) (int, bool) {
	toks := c.a.toks
	for n := 0; n < 3 && toks[k].Rel == "conj"; n++ {
		h := toks[k].Head
		if h < c.s.First || h >= k || toks[h].UPOS != "VERB" || childWith(toks, c.s, k, "nsubj") >= 0 {
			break
		}
		// Joined by "and", "or", "but": "after Iran attacked Israel",
		// which the parser may take for a coordination, keeps its own
		// subject (at extraction only, as nounBetween).
		if cc := childWith(toks, c.s, k, "cc"); !c.a.gold && (cc < 0 || !c.x.lang.clauseJoiners[c.word(cc)]) {
			break
		}
		k = h
	}
	// A participle's clause after a comma is done by the subject of the
	// verb it follows: "The Nordland Front attacked Bergen, killing Karl
	// Ek" (not Bergen; at extraction only, as nounBetween).
	if h := toks[k].Head; !c.a.gold && isRel(toks[k].Rel, "advcl") && toks[k].Tag == "VBG" && k > c.s.First && c.word(k-1) == "," &&
		h >= c.s.First && h < k && toks[h].UPOS == "VERB" && childWith(toks, c.s, k, "nsubj") < 0 && childWith(toks, c.s, h, "nsubj") >= 0 {
		k = h
	}
	n := childWith(toks, c.s, k, "nsubj")
	if n < 0 && !c.a.gold {
		// At extraction only, as nounBetween.
		if named, ok := c.controlled(k); ok {
			return k, named
		}
	}
	if n < 0 || n > k || c.x.lang.relPronouns[c.word(n)] {
		return k, true
	}
	if p := childWith(toks, c.s, n, "nmod:poss"); !c.a.gold && p >= 0 && c.a.low[p] == "whose" {
		// "Norway, whose troops attacked Bergen": what "whose" owns
		// stands for the name before it or not, as the words say
		// (argLeft), wherever the parse hangs the name. At extraction
		// only, as nounBetween.
		return k, true
	}
	if !c.a.gold {
		// A name right after a preposition is its object, whatever the
		// parse says: "Gunmen loyal to Karl Ek stormed Bergen" (a
		// subordinator opens a clause: "after Norway attacked"). The
		// subject is the phrase the preposition's phrase hangs from, and
		// no name stands for it. At extraction only, as nounBetween.
		sp := span{first: n, last: n + 1}
		if m := c.a.byToken[n]; m >= 0 {
			sp = span{first: c.a.mentions[m].First, last: c.a.mentions[m].Last}
		}
		if c.prepBefore(sp) >= 0 {
			return k, false
		}
	}
	return k, c.phraseNamed(n, k, !c.a.gold) // clauses: at extraction only, as nounBetween
}

// controlled reports, for a verb k with no subject of its own, whether the
// parse gives it a controller that is a noun phrase: a participle, a
// gerund or an infinitive heading an adverbial clause ("convicted of
// killing") climbs to the verb it hangs from, and an open complement of a verb with an object ("forced
// the rebels to attack", "wed the man convicted of killing") has that
// object for its subject, unless the object is a state's or an
// organization's own ("ordered its troops to"), and a participle describing a noun naming a person
// ("the man convicted of killing") that noun. named tells whether a name stands for
// that phrase: when none does, no name further left is the verb's
// subject. ok is false when the parse gives no such controller.
func (c *clause) controlled(k int) (named, ok bool) {
	toks := c.a.toks
	for v, step := k, 0; step < 3; step++ {
		// An open complement and a participle's clause have no tense of
		// their own, whatever the tagger says; an adverbial clause may.
		t := toks[v].Tag
		if toks[v].Rel == "advcl" && t != "VBG" && t != "VBN" && t != "VB" || childWith(toks, c.s, v, "nsubj") >= 0 {
			return false, false
		}
		h := toks[v].Head
		if h < c.s.First || h >= c.s.Last {
			return false, false
		}
		switch r := toks[v].Rel; {
		case isRel(r, "xcomp") && toks[h].UPOS == "VERB":
			// A state's or an organization's own ("ordered its troops
			// to attack", "their forces") act for it; a person's ("his
			// son") do not.
			if o := childWith(toks, c.s, h, "obj"); o >= 0 && !c.x.lang.relPronouns[c.word(o)] {
				if p := childWith(toks, c.s, o, "nmod:poss"); p >= 0 {
					if toks[p].UPOS == "PRON" && c.x.lang.orgPronouns[c.word(p)] && !c.x.lang.personPronouns[c.word(p)] {
						return false, false
					}
					if c.x.rules.personNoun(c.a.low[o]) {
						return false, true // "his son", "Holm's brother": another person, whom the possessor does not name
					}
				}
				return c.nounNamed(o, h), true
			}
		case r == "acl" && toks[h].UPOS == "NOUN" && c.a.byToken[h] < 0 && c.x.rules.personNoun(c.a.low[h]):
			return c.nounNamed(h, v), true
		case r != "advcl":
			return false, false
		}
		v = h
	}
	return false, false
}

// gerundOfObject returns the name a gerund at k with "of" or "for" hangs
// from in the parse, when that name is a verb's object: "Sweden stopped
// short of accusing Norway of attacking Kiruna", "blamed Karl Ek for
// killing Anna Berg" (the object does the gerund's act; at extraction
// only, as nounBetween).
func (c *clause) gerundOfObject(k int) (span, bool) {
	toks := c.a.toks
	h := toks[k].Head
	if c.a.gold || toks[k].Tag != "VBG" || toks[k].Rel != "acl" || h < c.s.First || h >= c.s.Last || !isRel(toks[h].Rel, "obj") || !(c.markOf(k, "of") || c.markOf(k, "for")) {
		return span{}, false
	}
	for i, sp := range c.spans {
		if inSpan(h, sp) && !sp.coref {
			return c.spans[i], true
		}
	}
	return span{}, false
}

// markOf reports whether token v has word w as its mark or case.
func (c *clause) markOf(v int, w string) bool {
	for j := c.s.First; j < c.s.Last; j++ {
		if c.a.toks[j].Head == v && (c.a.toks[j].Rel == "mark" || c.a.toks[j].Rel == "case") && c.a.low[j] == w {
			return true
		}
	}
	return false
}

// nounNamed is phraseNamed for a noun that may also stand in apposition
// to a name ("Lee Harvey Oswald, the man convicted of").
func (c *clause) nounNamed(n, k int) bool {
	toks := c.a.toks
	if h := toks[n].Head; isRel(toks[n].Rel, "appos") && h >= c.s.First && h < c.s.Last && c.spanAt(h) >= 0 {
		return true
	}
	return c.phraseNamed(n, k, !c.a.gold)
}

// phraseNamed reports whether a name stands for the noun phrase headed by
// token n, a dependent of verb k: n's own, one just before it ("Taliban
// gunmen", however the parser attaches a name written before the noun), or
// one inside it ("dozens of Taliban fighters", "Haftar's forces"), but not
// one after another preposition ("militants from Afghanistan" are no
// Afghanistan) nor, when clauses is true, one in a clause the phrase has
// ("the militia that Iran supports").
func (c *clause) phraseNamed(n, k int, clauses bool) bool {
	toks := c.a.toks
	if c.spanAt(n) >= 0 {
		return true
	}
	for _, sp := range c.spans {
		if sp.last == n {
			return true
		}
		h := spanHead(toks, sp)
		for step := 0; step < 4 && h >= 0 && h != n && h != k; step++ {
			if clauses && isClauseRel(strings.SplitN(toks[h].Rel, ":", 2)[0]) {
				break
			}
			h = toks[h].Head
		}
		// "supports the government of Kenya": Kenya. "target religious
		// minorities, including the Shia and Sikh communities": the
		// examples name the object, wherever the parser attaches them.
		if sp.first > n+1 && (c.x.lang.listing[c.word(sp.first-1)] || c.x.lang.listing[c.word(sp.first-2)] && c.x.lang.determiners[c.word(sp.first-1)]) {
			return true
		}
		p := c.prepBefore(sp)
		if h == n && (p < 0 || c.word(p) == "of" && c.x.lang.stateBodies[c.word(p-1)]) {
			return true
		}
	}
	return false
}

// subjectsLeft is subjectLeft and the names coordinated before the subject
// that rel admits as subjects too: "The United States and Britain have
// struck", "Hamas, Hezbollah and the Houthis are allies of Iran". A comma
// joins names only in a list that "and" or "or" closes, so "In
// Afghanistan, ISIS-K attacked" keeps one subject.
func (c *clause) subjectsLeft(k int, rel string) []span {
	subj, ok := c.subjectLeft(k, rel)
	if !ok {
		return nil
	}
	out := []span{subj}
	conj := false
	for n := subj.first; ; {
		j := n - 1
		w := c.word(j)
		if j < c.s.First || !(w == "and" || w == "or" || w == "," && conj) {
			break
		}
		if w != "," {
			conj = true
			if c.word(j-1) == "," {
				j-- // the serial comma: "X, Y, and Z"
			}
		}
		i := c.spanEndingAt(j)
		if i >= 0 && !c.a.gold && !c.spans[i].coref && c.nounsPrepObject(c.spans[i]) {
			// "Supporters of Lars Holm and Karl Ek attacked": the names
			// are a preposition's objects, and the subject is the noun
			// before it; a state's or an organization's armed force "from"
			// or "of" them acts for them all ("Troops from Norway and
			// Sweden attacked"). At extraction only, as nounBetween.
			if c.forcesOf(c.spans[i]) && c.x.schema.AllowsSubject(rel, c.typ(c.spans[i])) {
				for _, sp := range out {
					if !c.forcesOfType(sp) {
						return nil
					}
				}
				return append(out, c.spans[i])
			}
			return nil
		}
		if i >= 0 && !c.a.gold && !c.spans[i].coref && c.prepObject(c.spans[i]) && c.spanEndingAt(c.prepBefore(c.spans[i])) >= 0 {
			// "ISIL in Syria and Iraq attacked": the names are the
			// preposition's, and the subject is the name it follows;
			// "Karl Ek of Norway and Anna Berg of Sweden attacked": a
			// conjunct with a phrase of its own is a subject too.
			before := c.subjectsLeft(c.prepBefore(c.spans[i]), rel)
			if last := out[len(out)-1]; last.last < c.s.Last && c.x.lang.prepositions[c.word(last.last)] {
				return append(out, before...)
			}
			return before
		}
		if i < 0 || c.spans[i].coref || !c.x.schema.AllowsSubject(rel, c.typ(c.spans[i])) || c.prepObject(c.spans[i]) {
			break
		}
		out = append(out, c.spans[i])
		n = c.spans[i].first
	}
	// "Israel bombed Hamas and Hezbollah attacked Israel": a name after a
	// verb is that verb's object, not a second subject.
	if len(out) > 1 && strings.HasPrefix(c.a.toks[max(out[len(out)-1].first-1, c.s.First)].Tag, "VB") {
		return out[:1]
	}
	return out
}

// ownedAct reports whether noun n names an act that a light verb says its
// subject did ("The Nordland Front claimed the attack that killed Karl
// Ek", "carried out the bombing that"): the act's doer is that subject,
// further left. "Norway condemned the attack that killed" is not.
func (c *clause) ownedAct(n int) bool {
	if _, ok := c.x.rules.events[c.a.low[n]]; !ok {
		return false
	}
	// Up through a count of the acts: "conducted scores of deadly attacks
	// that have been concentrated in Afghanistan".
	for step := 0; step < 2 && isRel(c.a.toks[n].Rel, "nmod"); step++ {
		h := c.a.toks[n].Head
		if h < c.s.First || h >= n || !c.x.lang.partitives[c.a.low[h]] {
			break
		}
		n = h
	}
	h := c.a.toks[n].Head
	return h >= c.s.First && h < n && c.a.toks[n].Rel == "obj" && c.x.lang.lightVerbs[c.a.low[h]]
}

// nounsPrepObject reports whether span sp is the object of a preposition
// right after a common noun ("supporters of Lars Holm"), not of one that
// opens the clause ("In Bergen, Norway and Sweden attacked").
func (c *clause) nounsPrepObject(sp span) bool {
	p := c.prepBefore(sp)
	if p <= c.s.First {
		return false
	}
	t := c.a.toks[p-1]
	return (t.Tag == "NN" || t.Tag == "NNS") && (startsLower(t.Text) || p-1 == c.s.First) && c.a.byToken[p-1] < 0
}

// forcesOf reports whether span sp, a state or an organization, is the
// object of "from" or "of" after a noun of clauses.armed_forces: "troops
// from Norway", "fighters of the Nordland Front" are its own.
func (c *clause) forcesOf(sp span) bool {
	p := c.prepBefore(sp)
	if p <= c.s.First || (c.word(p) != "from" && c.word(p) != "of") || !c.x.lang.armedForces[c.word(p-1)] {
		return false
	}
	return c.forcesOfType(sp)
}

// forcesOfType reports whether span sp names what may own an armed force:
// not a person (a person's forces are not the person).
func (c *clause) forcesOfType(sp span) bool {
	return !c.x.schema.Is(c.typ(sp), c.x.roles.Person)
}

// fronted reports whether a span is the object of a preposition that no
// verb precedes in its sentence: "In Iraq, a drone killed ...", "In a call
// with Joe Biden, the president ...". A comma after it ends the fronted
// phrase, not an apposition.
func (c *clause) fronted(sp span) bool {
	p := c.prepBefore(sp)
	if p < 0 {
		return false
	}
	for j := c.s.First; j < p; j++ {
		if strings.HasPrefix(c.a.toks[j].Tag, "VB") {
			return false
		}
	}
	return true
}

// patientLeft is subjectLeft for a passive: the span it finds is the
// relation's object ("Al-Shabaab is led by Ahmed Diriye").
func (c *clause) patientLeft(k int, rel string) (span, bool) {
	return c.argLeft(k, func(typ string) bool { return c.x.schema.AllowsObject(rel, typ) })
}

func (c *clause) argLeft(k int, allowed func(typ string) bool) (span, bool) {
	sp, ok := c.argLeftAny(k, allowed)
	if sp.nonState {
		// "Syrian rebels attacked the town": the subject is the rebels.
		return span{}, false
	}
	return sp, ok
}

// argLeftAny is argLeft, a non-state people's demonym included.
func (c *clause) argLeftAny(k int, allowed func(typ string) bool) (span, bool) {
	for j := k - 1; j >= c.s.First && j >= k-25; j-- {
		w := c.word(j)
		if w == ";" {
			break
		}
		if w == "," {
			// An appositive's predicate is its head's, wherever the head
			// stands: "indexes compiled by Transparency International, a
			// watchdog based in Berlin".
			if a := c.word(j + 1); (a == "a" || a == "an") && j+1 < k {
				if i := c.spanEndingAt(j); i >= 0 && allowed(c.typ(c.spans[i])) && !c.spans[i].coref && !c.fronted(c.spans[i]) {
					return c.spans[i], true
				}
			}
			// Skip a relative clause: "Hamas, which rejects Fatah, is active";
			// at extraction also one whose pronoun is the object ("The
			// Houthis, whom Saudi Arabia fought, attacked") and a participle's
			// ("Haftar's forces, backed by Russia and the UAE, attacked").
			for p := j - 1; p > c.s.First && p > j-20; p-- {
				if c.word(p) == "," {
					q := c.word(p + 1)
					participle := c.a.toks[p+1].Tag == "VBN" && c.word(p+2) == "by"
					if (q == "which" || q == "who" || !c.a.gold && (q == "whom" || q == "whose" || participle)) && p+1 < j-1 {
						j = p + 1
					}
					break
				}
			}
			continue
		}
		if w == "whose" && c.a.byToken[j] < 0 && !c.a.gold {
			// "Karl Ek, whose son was killed": the clause's subject is the
			// one the name owns, not the name; a state's or an
			// organization's armed force or body acts for it ("Norway,
			// whose troops attacked Bergen"). At extraction only, as
			// nounBetween.
			p := j
			if c.word(p-1) == "," {
				p--
			}
			if i := c.spanEndingAt(p); i >= 0 && allowed(c.typ(c.spans[i])) && !c.x.schema.Is(c.typ(c.spans[i]), c.x.roles.Person) {
				if n := c.possessedNoun(j + 1); n >= 0 && n < k && (c.x.lang.armedForces[c.a.low[n]] || c.x.lang.stateBodies[c.a.low[n]]) {
					return c.spans[i], true
				}
			}
			return span{}, false
		}
		if w == "that" && !c.a.gold && c.a.byToken[j] < 0 && j > c.s.First && c.a.byToken[j-1] < 0 && startsLower(c.a.toks[j-1].Text) &&
			(c.a.toks[j-1].Tag == "NN" || c.a.toks[j-1].Tag == "NNS") && c.onlyVerbGroup(j+1, k) && !c.ownedAct(j-1) {
			// "a mission against gangs that control most of Port-au-Prince":
			// "that" right before the verb is its subject, standing for the
			// noun before it, which no name is (at extraction only, as
			// nounBetween), unless the noun's phrase is in apposition to
			// a name ("The Nordland Front, a group that attacked Kiruna,").
			phrase := func(q int) bool {
				t := c.a.toks[q]
				return c.a.byToken[q] < 0 && startsLower(t.Text) && (strings.HasPrefix(t.Tag, "JJ") || strings.HasPrefix(t.Tag, "NN") || t.Tag == "DT")
			}
			if _, i := c.apposedTo(j-2, phrase); i >= 0 && allowed(c.typ(c.spans[i])) && !c.spans[i].coref {
				return c.spans[i], true
			}
			return span{}, false
		}
		if c.x.lang.relPronouns[w] && c.a.byToken[j] < 0 && (w != "that" || c.word(j-1) != "," && c.spanEndingAt(j) >= 0 || c.word(j-1) == ",") {
			p := j
			if c.word(p-1) == "," {
				p--
			}
			if i := c.spanEndingAt(p); i >= 0 && allowed(c.typ(c.spans[i])) {
				return c.spans[i], true
			}
			if w == "that" {
				continue
			}
			return span{}, false
		}
		if !c.a.gold && c.a.byToken[j] < 0 && j > c.s.First && (c.a.toks[j].Tag == "NN" || c.a.toks[j].Tag == "NNS") && startsLower(c.a.toks[j].Text) &&
			c.a.toks[j-1].Tag == "IN" && c.a.byToken[j-1] < 0 && c.onlyVerbGroup(j+1, k) &&
			isRel(c.a.toks[j].Rel, "nsubj") && c.a.toks[j].Head > j && c.a.toks[j].Head <= k {
			// "12 days after gunmen seized him": a bare noun right after a
			// word that opens a clause, and the parse's subject of the
			// verb, is the clause's subject, which has no name ("personnel
			// serving aboard ship are" is not such a clause; at extraction
			// only, as nounBetween).
			return span{}, false
		}
		i := c.spanEndingAt(j + 1)
		if i < 0 {
			continue
		}
		sp := c.spans[i]
		j = sp.first
		if !c.a.gold && c.word(sp.last) == "'s" && !c.prepObject(sp) && !c.x.schema.Is(c.typ(sp), c.x.roles.Person) && allowed(c.typ(sp)) {
			// "Norway's troops attacked Bergen": a state's or an
			// organization's armed force or body acts for it (a person's
			// men are others: otherDoer). At extraction only, as
			// nounBetween.
			if n := c.possessedNoun(sp.last + 1); n >= 0 && n < k && (c.x.lang.armedForces[c.a.low[n]] || c.x.lang.stateBodies[c.a.low[n]]) && c.onlyVerbGroup(n+1, k) {
				return sp, true
			}
		}
		if !c.a.gold && c.word(sp.last) == "-" && sp.last+1 < k {
			// "Hezbollah, the Iran-backed group in Lebanon, fired": a
			// phrase in apposition, closed by a comma before the verb,
			// describes the name before it, which is the subject (at
			// extraction only, as nounBetween).
			closed := false
			for m := sp.last; m < k; m++ {
				closed = closed || c.word(m) == ","
			}
			article := func(q int) bool {
				t := c.a.toks[q]
				return t.Tag == "DT" || strings.HasPrefix(t.Tag, "JJ") && startsLower(t.Text) && c.a.byToken[q] < 0 // "a small Sweden-backed group"
			}
			if q, i := c.apposedTo(sp.first-1, article); closed && q < sp.first-1 && i >= 0 && allowed(c.typ(c.spans[i])) && !c.spans[i].coref {
				return c.spans[i], true
			}
		}
		if (c.word(sp.last) == "'s" || c.word(sp.last) == "-" && sp.last+1 < k) && !c.prepObject(sp) && k < c.s.Last && strings.HasPrefix(c.a.toks[k].Tag, "VB") {
			// "reiterated the UK's commitment to defeating ISIL": the
			// noun a possessor owns stands between the verb and any name
			// further left, which is not its subject. So does the noun a
			// name leads or backs ("the Saudi-led coalition struck"),
			// while "Iran-backed" is Iran's own verb.
			return span{}, false
		}
		// A possessor is never the argument itself ("Norway's embassy
		// ... is under the control of ISIL"), and the search goes on past
		// it for a predicate that is no verb.
		if c.prepObject(sp) || c.word(sp.last) == "'s" {
			continue
		}
		if !c.a.gold && c.personAfterName(sp, k) {
			// "A Nordland Bank employee killed Karl Ek", "a Nordland Front
			// supporter": the person the name only modifies did it; a
			// state's or an organization's armed force acts for it
			// ("Nordland Front fighters killed"). At extraction only, as
			// nounBetween.
			return span{}, false
		}
		if allowed(c.typ(sp)) {
			return sp, true
		}
	}
	return span{}, false
}

// personAfterName reports whether a name that is no person's only
// modifies the person noun that heads the subject of the verb group at k:
// a noun of names.person_nouns, clauses.non_state_people or a role of the
// schema ("employee", "supporter", "spokesman"), not an armed force.
func (c *clause) personAfterName(sp span, k int) bool {
	if c.x.schema.Is(c.typ(sp), c.x.roles.Person) {
		return false
	}
	n := -1
	for j := sp.last; j < k && j < sp.last+3; j++ {
		t := c.a.toks[j]
		if c.a.byToken[j] >= 0 || !startsLower(t.Text) {
			break
		}
		if t.Tag == "NN" || t.Tag == "NNS" {
			n = j
		}
	}
	if n < 0 || !c.onlyVerbGroup(n+1, k) {
		return false
	}
	w := c.a.low[n]
	if c.x.lang.armedForces[w] || c.x.lang.stateBodies[w] {
		return false
	}
	if _, m := c.x.rules.nouns.longest(c.a.toks, n, n+1, lower); m == 1 {
		return true
	}
	return c.x.rules.personNoun(w) || c.x.lang.nonStatePeople[w]
}

// objectsRight finds the objects of the predicate ending before token k: the
// first span after it that rel admits, then any coordinated with it.
func (c *clause) objectsRight(k int, rel string) []span {
	return c.argsRight(k, func(typ string) bool { return c.x.schema.AllowsObject(rel, typ) }, true)
}

// verbListEnd returns the end of a list of verbs that starts at token k,
// right after a predicate, with a comma or a conjunction and closes with
// "and" or "or" and a verb before the object they share ("persecuted,
// exploited and extorted the community", "bombed, looted and occupied
// Kiruna"); -1 if there is none. The list's verbs are past tense or
// participles as taggers read them (main's tags "extorted" VBN there,
// syntax6's VBD), and either way none of them starts a predicate of its
// own. A verb of saying or reporting in it ("attacked and said Karl Ek
// ...") ends no such list.
func (c *clause) verbListEnd(k int) int {
	if w := c.word(k); w != "," && w != "and" && w != "or" {
		return -1
	}
	conj, last := false, -1
	for j := k; j < c.s.Last; j++ {
		t, w := c.a.toks[j], c.a.low[j]
		switch {
		case w == ",":
		case w == "and" || w == "or":
			conj = true
		case strings.HasPrefix(t.Tag, "RB") && c.a.byToken[j] < 0:
		case strings.HasPrefix(t.Tag, "VB") && c.a.byToken[j] < 0 && startsLower(t.Text):
			if c.x.lang.speechVerbs[w] || c.x.lang.reportVerbs[w] {
				return -1
			}
			last = j
		default:
			if conj && last == j-1 {
				return j
			}
			return -1
		}
	}
	return -1
}

// agentsRight finds the agents after "by" in a passive: they are the
// relation's subjects.
func (c *clause) agentsRight(k int, rel string) []span {
	return c.argsRight(k, func(typ string) bool { return c.x.schema.AllowsSubject(rel, typ) }, false)
}

// argsRight finds the first span after token k that allowed admits, and
// the spans coordinated with it; objects: a place that only modifies the
// noun after it is no object ("is in a U.S. jail"), though it is an agent
// ("by Norwegian troops").
func (c *clause) argsRight(k int, allowed func(typ string) bool, objects bool) []span {
	var out []span
	// "supports the government of Kenya": a state's body that is itself
	// the object is the state ("the Kenyan government" is Kenya).
	bodyOf, b := -1, k
	if c.word(b) == "the" {
		b++
	}
	if c.x.lang.stateBodies[c.word(b)] && c.word(b+1) == "of" {
		bodyOf = b + 1
	}
	listEnd := -1
	if !c.a.gold && objects {
		listEnd = c.verbListEnd(k)
	}
	for j := k; j < c.s.Last && j < k+15; j++ {
		w := c.word(j)
		if w == ";" || c.x.lang.relPronouns[w] && c.a.byToken[j] < 0 && len(out) == 0 && j > k {
			break
		}
		if !c.a.gold && j > k && c.a.byToken[j] < 0 && j >= listEnd {
			// A finite verb starts another predicate, after a comma ("The
			// Houthis, whom Saudi Arabia fought for eight years, attacked
			// a British ship") or a conjunction ("condemned the killing and
			// said Oslo would review its aid"): what follows is its (at
			// extraction only, as nounBetween). Not inside a list of verbs
			// right after the predicate, which share its object
			// (verbListEnd).
			if tag := c.a.toks[j].Tag; tag == "VBD" || tag == "VBZ" || tag == "VBP" || tag == "MD" {
				if p := c.word(j - 1); p == "," || p == "and" || p == "but" || p == "or" {
					break
				}
			}
		}
		if !c.a.gold && j == k && c.spanAt(j) < 0 && c.a.toks[j].Tag == "PRP" && objects {
			// "gunmen seized him at a gas station in Barrancas": a pronoun
			// no name stands for is the object (at extraction only, as
			// nounBetween).
			break
		}
		i := c.spanAt(j)
		if i < 0 {
			// "killed 12 worshippers celebrating Eid": a common noun that
			// ends its noun phrase heads the object, which has no name.
			if c.commonHead(j) || c.actObject(j) {
				break
			}
			continue
		}
		sp := c.spans[i]
		if sp.nonState {
			// "bombed Syrian rebels": the object is the rebels, who have
			// no name.
			break
		}
		// "attacked soldiers from Niger": an object of a later preposition
		// is not the predicate's.
		// So are the names of its kind coordinated with it ("in Syria
		// and Mali").
		if p := c.prepBefore(sp); p >= k && p != bodyOf {
			kind := rootType(c.x, c.typ(sp))
			j = c.coordinated(sp, func(o span) bool { return rootType(c.x, c.typ(o)) == kind }, nil) - 1
			continue
		}
		if objects && c.titleModifier(sp) {
			// "killed Anna Berg bodyguard Karl Ek", "poisoned Putin critic
			// Alexei Navalny": a person's name before a noun
			// naming another person is no object; the name after the noun
			// is, and without one the object has no name.
			n := sp.last
			for n < c.s.Last && c.spanAt(n) < 0 && strings.HasPrefix(c.a.toks[n].Tag, "NN") {
				n++
			}
			i := c.spanAt(n)
			if i < 0 {
				break
			}
			// The title names one person: no list follows it.
			if o := c.spans[i]; allowed(c.typ(o)) {
				return append(out, o)
			}
			break
		}
		if objects && c.placeModifier(sp) {
			// "is in a U.S. jail", "attacked a Kabul hospital": the
			// object is the noun the place only modifies.
			break
		}
		if allowed(c.typ(sp)) && c.word(sp.last) != "'s" {
			out = append(out, sp)
			c.coordinated(sp, func(o span) bool { return allowed(c.typ(o)) }, func(o span) { out = append(out, o) })
			return out
		}
		if objects && c.word(sp.last) == "'s" && !c.a.gold {
			// "supports Morocco's claim over Western Sahara": the object
			// is the possessor's thing, and what a verb does to it, it
			// does to the possessor; no name further on is the object. A
			// person the possessor has ("killed Hamas's leader Ismail
			// Haniyeh") or a name after the thing ("Ukraine's capital,
			// Kyiv") is the object, and the search goes on to it.
			if n := c.possessedNoun(sp.last + 1); n >= 0 && !c.x.rules.personNoun(c.word(n)) && c.spanAt(n+1) < 0 && !(c.word(n+1) == "," && c.spanAt(n+2) >= 0) {
				// An act the possessor did or suffered ("condemned
				// Navalny's murder") is the object, and who it stands for
				// the possessive does not say.
				if _, act := c.x.rules.events[c.word(n)]; !act && allowed(c.typ(sp)) {
					out = append(out, sp)
					c.coordinated(span{first: sp.first, last: n + 1, ent: sp.ent}, func(o span) bool { return allowed(c.typ(o)) }, func(o span) { out = append(out, o) })
					return out
				}
				break
			}
		}
		j = sp.last - 1
	}
	return out
}

// onlyVerbGroup reports whether tokens i up to k are auxiliaries and
// adverbs only, so that the noun before i is the subject of the verb at k.
func (c *clause) onlyVerbGroup(i, k int) bool {
	for j := i; j < k; j++ {
		if !c.x.lang.auxiliaries[c.word(j)] && !c.x.lang.beForms[c.word(j)] && !strings.HasPrefix(c.a.toks[j].Tag, "RB") {
			return false
		}
	}
	return true
}

// possessedNoun returns the common noun a possessive's "'s" before token k
// owns, past its adjectives and to the last noun of a compound
// ("Morocco's long-standing claim", "Hezbollah's drone unit chief"), or -1
// when a name or no noun follows.
func (c *clause) possessedNoun(k int) int {
	noun := -1
	for j := k; j < c.s.Last && j < k+5; j++ {
		t := c.a.toks[j]
		switch {
		case c.a.byToken[j] >= 0 || !startsLower(t.Text):
			return noun
		case t.Tag == "NN" || t.Tag == "NNS":
			noun = j // the last of a compound is its head: "drone unit chief"
		case noun >= 0:
			return noun
		case !strings.HasPrefix(t.Tag, "JJ") && t.Tag != "VBN" && t.Tag != "HYPH":
			return -1
		}
	}
	return noun
}

// placeModifier reports whether a place's name only modifies the common
// noun right after it, an article before them ("a U.S. jail", "the Kabul
// hospital"): the noun, not the place, is what a predicate before them is
// about.
func (c *clause) placeModifier(sp span) bool {
	n := sp.last
	if n >= c.s.Last || !c.x.isPlace(c.typ(sp)) || sp.demonym {
		return false
	}
	if c.demonymSpan(sp) {
		return false // "the Afghan people" are Afghanistan's
	}
	if w := c.word(sp.first - 1); w != "a" && w != "an" && w != "the" {
		return false
	}
	t := c.a.toks[n]
	return (t.Tag == "NN" || t.Tag == "NNS") && startsLower(t.Text) && c.a.toks[spanHead(c.a.toks, sp)].Head == n
}

// titleModifier reports whether a person's name only modifies the common
// nouns after it, the last of which names a person ("Trump aide", "Putin
// critics") or is a relation's noun ("an Anna Berg assassin"): that person
// is another.
func (c *clause) titleModifier(sp span) bool {
	if !c.x.schema.Is(c.typ(sp), c.x.roles.Person) {
		return false
	}
	n := sp.last
	for n < c.s.Last && c.spanAt(n) < 0 && startsLower(c.a.toks[n].Text) && (c.a.toks[n].Tag == "NN" || c.a.toks[n].Tag == "NNS") {
		n++
	}
	if n == sp.last {
		return false
	}
	if c.x.rules.personNoun(c.a.low[n-1]) {
		return true
	}
	// A relation's own noun for its doer ("assassin", "critic").
	rel, m := c.x.rules.nouns.longest(c.a.toks, n-1, n, lower)
	return rel != "" && m == 1
}

// placeOfThing reports whether a place's name only modifies a noun that
// is not the other name's own ("is in a U.S. prison", "works at a Norway
// hospital"): the thing is in the place, which is no home, nationality or
// employer of the other name by that. A noun in apposition to the other
// name ("Tom Berg, a Leeds baker") or naming a person is the person's, and
// its place stays.
func (c *clause) placeOfThing(sp, other span) bool {
	if !c.placeModifier(sp) {
		return false
	}
	n := sp.last
	if c.x.rules.personNoun(c.a.low[n]) {
		return false
	}
	toks := c.a.toks
	oh := spanHead(toks, other)
	// "Karl Ek is in a U.S. prison" makes the prison the head of its
	// subject, with a preposition: a place to be, not what one is.
	own := (toks[n].Head == oh || toks[oh].Head == n) && childWith(toks, c.s, n, "case") < 0
	return !own
}

// placeOnTheWay reports whether a place takes a preposition of a way
// (the language file's path_prepositions): what one is sent to, crosses or
// is driven out of ("deployed to Iraq", "access for the UN across Syria",
// "pushed ISIL out of Kobane") is no home, base or nationality.
func (c *clause) placeOnTheWay(sp span) bool {
	if !c.x.isPlace(c.typ(sp)) {
		return false
	}
	toks := c.a.toks
	h := spanHead(toks, sp)
	for k := sp.first - 1; k >= c.s.First && k >= sp.first-3; k-- {
		if toks[k].Head == h && isRel(toks[k].Rel, "case") && c.x.lang.pathPreps[c.a.low[k]] {
			return true
		}
	}
	return false
}

// coordinated walks the names coordinated after sp ("X, Y and Z") while ok
// accepts them, calls each on every one, and returns the token after the
// last name accepted (sp's end if none).
func (c *clause) coordinated(sp span, ok func(span) bool, each func(span)) int {
	end := sp.last
	for n := sp.last; n < c.s.Last; {
		// "in" joins places only after a comma or an adverb ("active in
		// Afghanistan, mostly in Kunar"): right after a name it says where
		// that name is ("attacked Koshobe in Borno State").
		if c.word(n) == "in" {
			break
		}
		n = c.pastDate(n)
		for n < c.s.Last && c.x.lang.coordinators[c.word(n)] && c.spanAt(n) < 0 {
			n++
		}
		i := c.spanAt(n)
		if i < 0 || !ok(c.spans[i]) {
			break
		}
		// "the fight against ISIL, Davis said": a name a finite verb
		// follows is that verb's subject, not one more of the list.
		if l := c.spans[i].last; l < c.s.Last && finiteVerb(c.a.toks[l].Tag) {
			break
		}
		if each != nil {
			each(c.spans[i])
		}
		n = c.spans[i].last
		end = n
	}
	return end
}

// pastDate returns the token after a date phrase at n that a coordinator
// follows ("visited Turkey on 4 April and Uzbekistan"): "on", "from" or
// "until" and numbers and words that name no one ("Monday", "May"), not in
// a name; n when there is none.
func (c *clause) pastDate(n int) int {
	switch c.word(n) {
	case "on", "from", "until":
	default:
		return n
	}
	j := n + 1
	for j < c.s.Last && c.a.byToken[j] < 0 && (isDigitStart(c.a.toks[j].Text) || c.x.lang.notNames[c.a.toks[j].Text] && !startsLower(c.a.toks[j].Text) || c.word(j) == "-") {
		j++
	}
	if j == n+1 || j >= c.s.Last || !c.x.lang.coordinators[c.word(j)] {
		return n
	}
	return j
}

// finiteVerb reports whether a Penn tag is a finite verb or a modal.
func finiteVerb(tag string) bool {
	return tag == "VBD" || tag == "VBZ" || tag == "VBP" || tag == "MD"
}

// commonHead reports whether token j is a common noun outside any name
// followed by a verb that starts a clause of its own: the noun heads the
// object, which has no name ("killed 12 worshippers celebrating Eid").
// "Including" lists examples of the noun and continues the object ("three
// of its officials including Ahmed Farah Guled"). It reads the tagger's
// tags: a verb tagged as a noun ("a base housing US troops") goes unseen.
func (c *clause) commonHead(j int) bool {
	tag := c.a.toks[j].Tag
	if !strings.HasPrefix(tag, "NN") || strings.HasPrefix(tag, "NNP") {
		return false
	}
	n := j + 1
	return n < c.s.Last && c.spanAt(n) < 0 && strings.HasPrefix(c.a.toks[n].Tag, "VB") && !c.x.lang.listing[c.word(n)]
}

// actObject reports whether token j is a noun naming an act, followed by
// the preposition that names its participant: "condemned the attack on
// Afghan forces" condemns the attack, and the forces are its target, not
// what was condemned; "mourned the killing of Anna Berg".
func (c *clause) actObject(j int) bool {
	if _, ok := c.x.rules.events[c.word(j)]; !ok || !strings.HasPrefix(c.a.toks[j].Tag, "NN") {
		return false
	}
	switch c.word(j + 1) {
	case "on", "against", "of", "in", "at":
		return true
	}
	return false
}

// maxModelGap bounds the words between the two names of a relation the
// classifier asserts on its own: on CoNLL04 dev no correct one spanned more
// than 15, and the longer ones were all wrong; long news sentences are full of
// such pairs ("ISIS-K, a branch of the Islamic State in Iraq and Syria").
const maxModelGap = 15

// gapOf counts the tokens between the two names of a pair.
func gapOf(p scoredPair) int {
	if p.subj.first < p.obj.first {
		return p.obj.first - p.subj.last
	}
	return p.subj.first - p.obj.last
}

// statedOtherwise reports whether the rules read a relation between the
// pair's two entities, either way, of a type the classifier has no class
// for, or the other way of any type: the sentence's words say how the two
// are related ("Boko Haram attacked Koshobe", "ISIL threatens Iraq", "the
// UK, as part of the Global Coalition"), and the classifier's guess of
// another relation between them (Koshobe WORKS_FOR Boko Haram, ISIL
// BASED_IN Iraq, Global Coalition BASED_IN UK) is dropped. Types it has a
// class for, the same way, meet in modelRelations.
func statedOtherwise(rules []relation, covered map[string]int, p scoredPair) bool {
	for _, r := range rules {
		reverse := r.subj.ent == p.obj.ent && r.obj.ent == p.subj.ent
		if _, ok := covered[r.typ]; ok && !reverse {
			continue
		}
		if r.subj.ent == p.subj.ent && r.obj.ent == p.obj.ent || reverse {
			return true
		}
	}
	return false
}

// pastRoleOnPath reports whether the parse path between a person and the
// other name of a classifier's pair goes through a role noun in the past
// ("López, the former mayor of Caracas", "an ex-employee of Aid Norway"):
// the sentence says what the person was, and a home, employer or body now
// is no more than a guess (at extraction, as nounBetween).
func (x *Extractor) pastRoleOnPath(c *clause, p scoredPair) bool {
	if c.a.gold || !x.schema.Is(c.typ(p.subj), x.roles.Person) {
		return false
	}
	if p.obj.demonym || c.demonymSpan(p.obj) {
		return false // a nationality outlasts the role: "a former American football player"
	}
	toks := c.a.toks
	_, _, path := c.pairPath(p)
	for _, k := range path {
		// A role noun the tagger made an adjective counts ("a former
		// Nordland Group executive").
		_, role := x.rules.nouns.longest(toks, k, c.s.Last, lower)
		if !inSpan(k, p.subj) && !inSpan(k, p.obj) && (strings.HasPrefix(toks[k].Tag, "NN") || role > 0) && startsLower(toks[k].Text) && c.pastRole(k) {
			return true
		}
	}
	return false
}

// possessedThing reports whether the other name of a classifier's pair
// only modifies a thing the first one owns: "the IRA's Belfast brigade" is
// in Belfast, not the IRA, and "El Aissami's American assets" are American,
// not he. A home stays ("his Leeds home"): only a home type's guess of a
// place, not of a demonym, is kept (at extraction, as nounBetween).
func (x *Extractor) possessedThing(c *clause, p scoredPair) bool {
	toks := c.a.toks
	n := p.obj.last
	if c.a.gold || n >= c.s.Last || !strings.HasPrefix(toks[n].Tag, "NN") || !startsLower(toks[n].Text) || toks[spanHead(toks, p.obj)].Head != n {
		return false
	}
	if oh := spanHead(toks, p.subj); toks[oh].Head != n || !isRel(toks[oh].Rel, "nmod:poss") {
		return false
	}
	typ := x.rel.Classes[p.class].Name
	demonym := p.obj.demonym || c.demonymSpan(p.obj)
	return demonym || !x.homeType(typ) || typ == x.roles.Nationality
}

// personBetween reports whether the parse path from a person to the other
// name of a classifier's pair goes through another person's name: in "One
// of Warner's lawyers, Andrew Hall of Miami, Fla." Miami is Hall's, and a
// relation of Warner to it is Hall's, not Warner's (at extraction, as
// nounBetween).
func (x *Extractor) personBetween(c *clause, p scoredPair) bool {
	if c.a.gold || !x.schema.Is(c.typ(p.subj), x.roles.Person) {
		return false
	}
	toks := c.a.toks
	sh, _, path := c.pairPath(p)
	// A person conjoined to the subject shares its part: "nobles that
	// included Brutus and Cassius" assassinated Caesar, both of them.
	conjOf := func(k, h int) bool {
		return toks[k].Rel == "conj" && toks[k].Head == h || toks[h].Rel == "conj" && toks[h].Head == k
	}
	for _, k := range path {
		if inSpan(k, p.subj) || inSpan(k, p.obj) || conjOf(k, sh) {
			continue
		}
		if i := c.spanCovering(k); i >= 0 && spanHead(toks, c.spans[i]) == k && x.schema.Is(c.typ(c.spans[i]), x.roles.Person) &&
			c.spans[i].ent != p.subj.ent && c.spans[i].ent != p.obj.ent {
			return true
		}
	}
	return false
}

// heldByNext reports whether the body a classifier's pair joins to an
// earlier person only qualifies the title of the person named right after
// it: in "lawmaker Juan Requesens, Colonel Pedro Zambrano, the Bolivarian
// National Guard (GNB) Division General Alejandro Pérez" the Guard is
// Pérez's, and nothing the words say makes it the others' (at extraction,
// as nounBetween). The parse of such lists is often wrong; the words are
// read instead.
func (x *Extractor) heldByNext(c *clause, p scoredPair) bool {
	if c.a.gold || p.obj.first < p.subj.last || !x.schema.Is(c.typ(p.subj), x.roles.Person) || x.schema.Is(c.typ(p.obj), x.roles.Person) {
		return false
	}
	k := c.afterBrackets(p.obj.last)
	if k == p.obj.last && c.word(k) == ")" {
		k++ // the name was the bracket's: "(GNB) Division General"
	}
	e := x.titleRun(c.a, c.s, k)
	if e == k {
		return false
	}
	i := c.spanAt(e)
	return i >= 0 && x.schema.Is(c.typ(c.spans[i]), x.roles.Person) && c.spans[i].ent != p.subj.ent
}

// listMembers reports whether the classifier's pair are two names of one
// list of three or more ("Dargins, Kumyks and Lezgins", "lawmaker Juan
// Ek, Colonel Karl Berg, the National Guard's General Anna Lind and Lars
// Holm were indicted"): the parse path between them is coordination only.
// Names listed together stand in no relation the list states. Places, which
// the parser reads as a list in "Quincy, Massachusetts, United States", are
// read by their commas and coordinator instead (serialList). Two names joined by "and" may be a misparse of "ISIL
// in Syria and Iraq", so they are left to the classifier, unless they are
// a verb's subject.
func (x *Extractor) listMembers(c *clause, p scoredPair) bool {
	if x.rel.Classes[p.class].Name == x.roles.Contains {
		if p.obj.first < p.subj.first {
			return x.serialList(c, p.obj, p.subj)
		}
		return x.serialList(c, p.subj, p.obj)
	}
	toks := c.a.toks
	if !c.a.gold && c.joinedByAnd(p.subj, p.obj) && c.finiteAfter(max(p.subj.last, p.obj.last)) {
		// "The United States and the European Union urged": two names
		// that "and" joins right before a finite verb are its subjects
		// side by side, however the parse hangs them (it may make each
		// the verb's nsubj). At extraction, as nounBetween.
		return true
	}
	_, _, path := c.pairPath(p)
	if len(path) < 2 {
		return false
	}
	// Every step of the path is coordination: each token on it but the
	// highest (top, whose head is off the path) is a conjunct.
	top := -1
	for _, k := range path {
		if !slices.Contains(path, toks[k].Head) {
			top = k
		} else if toks[k].Rel != "conj" {
			return false
		}
	}
	if top < 0 {
		return false
	}
	for toks[top].Rel == "conj" && toks[top].Head >= c.s.First {
		top = toks[top].Head // the list's first name
	}
	// Its names: the first and every conjunct below it.
	n := 1
	for k := c.s.First; k < c.s.Last; k++ {
		if toks[k].Rel != "conj" {
			continue
		}
		for h := toks[k].Head; h >= c.s.First && h < c.s.Last; h = toks[h].Head {
			if h == top {
				n++
				break
			}
			if toks[h].Rel != "conj" {
				break
			}
		}
	}
	// Two names joined as a verb's subject act side by side: "The United
	// States and the European Union urged restraint" (at extraction, as
	// nounBetween).
	return n >= 3 || !c.a.gold && n == 2 && isRel(toks[top].Rel, "nsubj") && toks[toks[top].Head].UPOS == "VERB" && c.joinedByAnd(p.subj, p.obj)
}

// joinedByAnd reports whether "and" alone, with an article after it,
// stands between two names: "The United States and the European Union"
// (a comma may be an apposition the parser read as a list).
func (c *clause) joinedByAnd(a, b span) bool {
	if b.first < a.first {
		a, b = b, a
	}
	j := a.last
	if j >= b.first || c.word(j) != "and" {
		return false
	}
	for j++; j < b.first; j++ {
		if !c.x.lang.determiners[c.word(j)] {
			return false
		}
	}
	return true
}

// hyphenPair reports whether two names are the halves of one hyphenated
// word ("a NATO-Afghanistan patrol", "UK-France co-operation";
// splitNamePairs): the word names two parties to something, neither the
// other's home, base or employer.
func (c *clause) hyphenPair(a, b span) bool {
	if b.first < a.first {
		a, b = b, a
	}
	toks := c.a.toks
	return a.last+1 == b.first && c.word(a.last) == "-" && toks[a.last-1].End == toks[a.last].Start && toks[a.last].End == toks[b.first].Start
}

// isClauseRel reports whether r attaches a clause to its head: an adverbial
// or complement clause, or a participle's.
func isClauseRel(r string) bool {
	switch r {
	case "advcl", "xcomp", "ccomp", "acl", "csubj":
		return true
	}
	return false
}
