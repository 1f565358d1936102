package extract

// recognize replaces the rule-found mentions with the entity recognizer's
// spans. The recognizer has read the rules' mentions, the gazetteer and the
// head words as features; its spans and classes win, and the gazetteer or a
// head word only narrows a class to one of its types ("Location" to Country).
// A rule mention the recognizer left out survives only when it is a demonym
// ("Afghan officials"), a known name or a head-word name.
func (x *Extractor) recognize(a *analysis) []mention {
	out := make([]mention, 0, len(a.mentions))
	next := 0 // the first rule mention of the current sentence
	feats := [][]uint64{}
	for _, s := range a.sents {
		first := next
		for next < len(a.mentions) && a.mentions[next].First < s.Last {
			next++
		}
		rules := a.mentions[first:next]
		v := x.view(a.toks, a.low, s, rules)
		feats = feats[:0]
		for k := range v {
			feats = append(feats, nerFeatures(v, a.toks[s.First:s.Last], k, nil))
		}
		spans := x.ner.predict(feats)
		ri := 0
		for _, sp := range spans {
			f, l := s.First+sp.first, s.First+sp.last
			// Rule mentions before this span that it does not cover.
			for ri < len(rules) && rules[ri].Last <= f {
				if x.keepUncovered(rules[ri]) {
					out = x.appendUncovered(a, out, rules[ri])
				} else if len(out) > 0 {
					out = x.acronymAfter(a, out, rules[ri])
				}
				ri++
			}
			var same *mention
			for k := ri; k < len(rules) && rules[k].First < l; k++ {
				if rules[k].First == f && rules[k].Last == l {
					same = &rules[k]
				}
			}
			for ri < len(rules) && rules[ri].First < l {
				ri++
			}
			class := x.ner.Classes[sp.class]
			switch {
			case same != nil && same.Demonym:
				d := *same
				if x.inClass(d.Type, class) {
					d.Named = true
					out = append(out, d)
					break
				}
				out = append(out, d)
				people := mention{First: f, Last: l, Type: class.Name, Strength: byModel, Known: -1, AliasOf: -1, Shadow: true}
				for _, t := range class.Types {
					if t == x.roles.People {
						people.Type = t
					}
				}
				out = append(out, people)
			case same != nil && (x.inClass(same.Type, class) || same.Strength >= byKeyword):
				// A known name or a head word on exactly the same words keeps
				// its type: "Hamid Karzai International Airport" is a Facility
				// whatever class the recognizer gave it.
				out = append(out, *same)
			default:
				out = append(out, x.refine(a, f, l, class))
			}
		}
		for ; ri < len(rules); ri++ {
			if x.keepUncovered(rules[ri]) {
				out = x.appendUncovered(a, out, rules[ri])
			} else if len(out) > 0 {
				out = x.acronymAfter(a, out, rules[ri])
			}
		}
	}
	return out
}

// keepUncovered says whether a rule mention that no recognized span touches
// stays: a demonym, a reference rather than a name, and a known name of the
// gazetteer or a name ending in a type's head word ("Helmand Province"),
// which the recognizer had as evidence and did not contradict.
func (x *Extractor) keepUncovered(m mention) bool {
	return m.Demonym || m.Strength >= byKeyword
}

// appendUncovered appends a rule mention the recognizer left alone, and for
// a people's name among the demonyms ("Serbs") also its second reading as
// the people, a Group, as the recognizer's demonyms get.
func (x *Extractor) appendUncovered(a *analysis, out []mention, m mention) []mention {
	out = append(out, m)
	if m.Demonym && m.Last == m.First+1 && x.roles.People != "" && x.lex.peoples[a.toks[m.First].Text] {
		out = append(out, mention{First: m.First, Last: m.Last, Type: x.roles.People, Strength: byModel, Known: -1, AliasOf: -1, Shadow: true})
	}
	return out
}

// acronymAfter appends rule mention m when it is an acronym in brackets of
// the last mention of out: "Syrian Observatory for Human Rights (SOHR)".
func (x *Extractor) acronymAfter(a *analysis, out []mention, m mention) []mention {
	p := out[len(out)-1]
	if p.Last+1 == m.First && m.Last == m.First+1 && a.toks[p.Last].Text == "(" && p.Type != "" &&
		isAcronymOf(a.toks[m.First].Text, a.text(p)) {
		m.Type, m.Strength, m.Known = p.Type, p.Strength, -1
		out = append(out, m)
	}
	return out
}

// inClass reports whether typ is one of a class's types or narrower.
func (x *Extractor) inClass(typ string, c NERClass) bool {
	if typ == "" {
		return false
	}
	for _, t := range c.Types {
		if x.schema.IsA(typ, t) {
			return true
		}
	}
	return false
}

// refine makes a mention of tokens [f, l) of a class, narrowed to the type a
// known name or head word gives, when that type is in the class.
func (x *Extractor) refine(a *analysis, f, l int, class NERClass) mention {
	m := mention{First: f, Last: l, Type: class.Name, Strength: byModel, Known: -1, AliasOf: -1}
	if h, n := x.lex.names.longest(a.toks, f, l, exact); n == l-f && !h.demonym {
		if kn := x.lex.known[h.known]; x.inClass(kn.Type, class) {
			m.Type, m.Strength, m.Known = kn.Type, byGazeteer, h.known
			return m
		}
	}
	if typ := x.headType(a.toks, f, l); x.inClass(typ, class) {
		m.Type, m.Strength = typ, byKeyword
	}
	return m
}
