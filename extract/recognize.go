package extract

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// recognize replaces the rule-found mentions with the entity recognizer's
// spans. The recognizer has read the rules' mentions, the gazetteer and the
// head words as features; its spans and classes win, and the gazetteer or a
// head word only narrows a class to one of its types ("Location" to Country).
// A rule mention the recognizer left out survives only when it is a demonym
// ("Afghan officials"), a known name or a head-word name.
func (x *Extractor) recognize(a *analysis) []mention {
	out := make([]mention, 0, len(a.mentions))
	acr := acronyms{}
	// Names the article has report as news outlets do ("Al-Monitor
	// reported"), so that "told Al-Monitor" is the outlet too.
	outlets := map[string]bool{}
	for _, m := range a.mentions {
		if x.reportsNews(a, m) {
			outlets[joinText(a.toks, m.First, m.Last)] = true
		}
	}
	next := 0 // the first rule mention of the current sentence
	var sc nerScratch
	for _, s := range a.sents {
		first := next
		for next < len(a.mentions) && a.mentions[next].First < s.Last {
			next++
		}
		rules := a.mentions[first:next]
		sc.view = x.viewInto(sc.view, a.toks, a.low, s, rules)
		v := sc.view
		// Every token's features in one buffer, then sliced.
		sc.buf, sc.ends = sc.buf[:0], sc.ends[:0]
		for k := range v {
			sc.buf = nerFeatures(v, a.toks[s.First:s.Last], k, sc.buf)
			sc.ends = append(sc.ends, len(sc.buf))
		}
		sc.feats = sc.feats[:0]
		for k, end := range sc.ends {
			start := 0
			if k > 0 {
				start = sc.ends[k-1]
			}
			sc.feats = append(sc.feats, sc.buf[start:end:end])
		}
		feats := sc.feats
		// A known name before the possessive is a name of its own.
		knownName := func(f, l int) bool {
			for _, m := range rules {
				if m.First == s.First+f && m.Last == s.First+l && m.Known >= 0 {
					return true
				}
			}
			return false
		}
		spans := x.joinParticleNames(a.toks[s.First:s.Last], x.pastBracket(a.toks[s.First:s.Last], x.afterTitles(a.toks[s.First:s.Last], x.splitCoordinated(a.toks[s.First:s.Last], splitPossessives(a.toks[s.First:s.Last], x.ner.predictInto(&sc, feats), knownName)))))
		ri := 0
		for si := 0; si < len(spans); si++ {
			sp := spans[si]
			f, l := s.First+sp.first, s.First+sp.last
			// A kind's word that heads a name from the front belongs to it:
			// the recognizer may leave "Rue" out of "Rue Emile Zola".
			if f > s.First && x.lex.prefixes[a.toks[f-1].Text] != "" && (si == 0 || s.First+spans[si-1].last < f) {
				f--
			}
			// A known name of several words that holds the span and more is
			// the longer match: "Tehrik-i-Taliban Pakistan" is not the
			// country its last word names. The spans inside it give way.
			known := knownAround(rules[ri:], f, l)
			if known >= 0 {
				known += ri
				f = rules[known].First
				for si+1 < len(spans) && s.First+spans[si+1].first < rules[known].Last {
					si++
				}
			}
			// Rule mentions before this span that it does not cover.
			for ri < len(rules) && rules[ri].Last <= f {
				out = x.uncovered(a, out, rules[ri], acr, outlets)
				ri++
			}
			if known >= 0 {
				out = append(out, rules[known])
				ri = known + 1
				continue
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
					// "the Russians" is no name of Russia, whatever the
					// recognizer's class: a people's plural refers to its
					// country and names its people.
					d.Named = l-f > 1 || !x.lex.peoples[a.toks[f].Text]
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
				if x.roleOnly(a, f, l) {
					continue // "Mr. Chief Justice", "the Court": no name
				}
				if x.dateOnly(a, f, l) {
					continue // "4 April": a date
				}
				nl, keep := x.officeOf(a, f, l, class)
				if !keep {
					continue // an office, not a body
				}
				m := x.refine(a, f, nl, class)
				if typ := x.namedAfter(a, s, m); typ != "" {
					m.Last, m.Type, m.Strength = m.Last+1, typ, byKeyword
				} else if typ := x.placeNounOf(a, s, m); typ != "" {
					m.Type, m.Strength = typ, byKeyword
				}
				out = append(out, m)
			}
			out = x.acronymName(a, s, out)
			x.noteAcronym(a, out, acr)
		}
		for ; ri < len(rules); ri++ {
			out = x.uncovered(a, out, rules[ri], acr, outlets)
		}
	}
	return x.repeatedNames(a, x.largerAfterCity(a, x.roadNames(a, x.dropLanguages(a, out))))
}

// repeatedNames adds a mention wherever the article writes again, with
// another case, a name it recognized that has a capital inside a word
// ("Al-Shabaab, the Somali militant group, ... their fight against
// al-Shabaab"): the recognizer, which takes a word starting in lower case
// for no name, misses the second. A capital inside the word keeps common
// words out: "May" and "will" never become names this way. The mention is
// typed as the first, by context; resolution then makes it that entity.
func (x *Extractor) repeatedNames(a *analysis, out []mention) []mention {
	type name struct {
		words []string
		typ   string
	}
	// The names by their first word in lower case: a token is compared
	// with the few that start with its word, so the time is linear in the
	// article, not in the article times its names.
	names := map[string][]name{}
	seen := map[string]bool{}
	covered := make([]bool, len(a.toks))
	for _, m := range out {
		if m.Shadow {
			continue
		}
		for k := m.First; k < m.Last; k++ {
			covered[k] = true
		}
		if m.Demonym || m.Type == "" || !innerCapitals(a.toks, m.First, m.Last) {
			continue
		}
		key := strings.ToLower(joinText(a.toks, m.First, m.Last))
		if seen[key] {
			continue
		}
		seen[key] = true
		var ws []string
		for k := m.First; k < m.Last; k++ {
			ws = append(ws, a.toks[k].Text)
		}
		first := lower(ws[0])
		names[first] = append(names[first], name{ws, m.Type})
		// A person's surname with a capital inside it is the person
		// named again ("Ali al-Sistani spoke ... Al-Sistani said": a
		// tagger may take the capitalized word opening a sentence for
		// an adverb, and the recognizer miss it). At extraction only.
		if last := ws[len(ws)-1]; !a.gold && len(ws) > 1 && x.schema.Is(m.Type, x.roles.Person) && innerCapitals(a.toks, m.Last-1, m.Last) && !seen[lower(last)] {
			seen[lower(last)] = true
			names[lower(last)] = append(names[lower(last)], name{[]string{last}, m.Type})
		}
	}
	if len(names) == 0 {
		return out
	}
	added := false
	for k := range a.toks {
		if covered[k] {
			continue
		}
		for _, n := range names[a.low[k]] {
			l := k + len(n.words)
			if l > len(a.toks) || a.toks[l-1].Sent != a.toks[k].Sent || !innerCapitals(a.toks, k, l) {
				continue
			}
			same, exact := true, true
			for i, w := range n.words {
				same = same && !covered[k+i] && strings.EqualFold(a.toks[k+i].Text, w)
				exact = exact && a.toks[k+i].Text == w
			}
			if same && !exact {
				out = append(out, mention{First: k, Last: l, Type: n.typ, Strength: byContext, Known: -1, AliasOf: -1})
				for i := k; i < l; i++ {
					covered[i] = true
				}
				added = true
				break
			}
		}
	}
	if added {
		sort.SliceStable(out, func(i, j int) bool { return out[i].First < out[j].First })
	}
	return out
}

// innerCapitals reports whether a word of tokens [f, l) has a capital
// after its first letter ("al-Shabaab", "McVeigh": innerCapital).
func innerCapitals(toks []Token, f, l int) bool {
	for k := f; k < l; k++ {
		if innerCapital(toks[k].Text) {
			return true
		}
	}
	return false
}

// knownAround returns the index of the rule mention, among those not yet
// taken, that is a known name of several words holding tokens [f, l) and
// more, or -1.
func knownAround(rules []mention, f, l int) int {
	for k, r := range rules {
		if r.Known >= 0 && !r.Demonym && r.Last-r.First > 1 && r.First <= f && l <= r.Last && r.Last-r.First > l-f {
			return k
		}
	}
	return -1
}

// joinParticleNames joins a recognized person's name to the one right after
// it when that one starts with a name particle: "Mohammed bin Abdulrahman"
// and "Al Thani" are one person, as no two people's names stand side by side
// without a word or a comma between them.
// splitPossessives cuts a recognized span at a possessive inside it when
// the words before it are a known name: in "Afghanistan's Nangarhar
// Province" the possessor and the possessed are two names, where "People's
// Republic of China" is one.
func splitPossessives(toks []Token, spans []nerSpan, known func(first, last int) bool) []nerSpan {
	var out []nerSpan
	for _, sp := range spans {
		for k := sp.first + 1; k < sp.last-1; k++ {
			if t := toks[k].Text; (t == "'s" || t == "’s" || t == "'" || t == "’") && known(sp.first, k) {
				out = append(out, nerSpan{first: sp.first, last: k, class: sp.class})
				sp.first = k + 1
			}
		}
		out = append(out, sp)
	}
	return out
}

// pastBracket carries a person's name that ends in an initial over the
// bracket that closes an editor's insertion to the surname after it: in
// "[George H. W.] Bush" the person is George H. W. Bush. No name ends in a
// middle initial.
func (x *Extractor) pastBracket(toks []Token, spans []nerSpan) []nerSpan {
	for k := 0; k < len(spans); k++ {
		sp := &spans[k]
		if x.ner.Classes[sp.class].Name != x.roles.Person || !isInitial(toks[sp.last-1].Text) ||
			sp.last+1 >= len(toks) || (toks[sp.last].Text != "]" && toks[sp.last].Text != ")") || !x.lang.nameWord(toks, sp.last+1) ||
			k+1 < len(spans) && spans[k+1].first <= sp.last+1 && spans[k+1].class != sp.class {
			continue
		}
		end := sp.last + 2
		for end < len(toks) && x.lang.nameWord(toks, end) {
			end++
		}
		if k+1 < len(spans) && spans[k+1].first < end {
			end = max(end, spans[k+1].last)
			spans = append(spans[:k+1], spans[k+2:]...)
		}
		sp.last = end
	}
	return spans
}

// afterTitles starts a person's recognized span after a title inside it
// that words before it qualify: in "Texas Sen. John Cornyn" and "Iranian
// Foreign Minister Abbas Araghchi" the person is the name after the title,
// and the words before it name the place, the people or the body whose
// office it is, no part of the name (a known name or a listed place
// there is a mention of its own). The words before must be a known name, or the title an
// abbreviation ("Gov.", "Sen."): a title word may be a name's own part
// ("Martin Luther King Jr.", "John Major"). A name word follows the title.
func (x *Extractor) afterTitles(toks []Token, spans []nerSpan) []nerSpan {
	var out []nerSpan
	for _, sp := range spans {
		for i := sp.first + 1; i < sp.last-1 && sp.last-sp.first >= 3 && x.ner.Classes[sp.class].Name == x.roles.Person; i++ {
			_, n := x.lex.titles.longest(toks, i, sp.last-1, exact)
			if n == 0 || !x.lang.nameWord(toks, i+n) {
				continue
			}
			h, known := x.lex.names.longest(toks, sp.first, i, exact)
			if known != i-sp.first && !strings.HasSuffix(toks[i+n-1].Text, ".") {
				break
			}
			// A known name or a listed place before the title is a
			// mention of its own.
			typ := ""
			if known == i-sp.first && !h.demonym {
				typ = x.lex.known[h.known].Type
			}
			for _, t := range x.lex.evidenceTypesOf(joinText(toks, sp.first, i)) {
				if typ == "" && x.isPlace(t) {
					typ = t
				}
			}
			for c, class := range x.ner.Classes {
				if typ != "" && x.inClass(typ, class) {
					out = append(out, nerSpan{first: sp.first, last: i, class: c})
					break
				}
			}
			sp.first = i + n
			break
		}
		out = append(out, sp)
	}
	return out
}

// isInitial reports whether t is a capital letter and a period: "W.".
func isInitial(t string) bool {
	r := []rune(t)
	return len(r) == 2 && unicode.IsUpper(r[0]) && r[1] == '.'
}

func (x *Extractor) joinParticleNames(toks []Token, spans []nerSpan) []nerSpan {
	out := spans[:0]
	for _, sp := range spans {
		if n := len(out); n > 0 {
			p := &out[n-1]
			if p.last == sp.first && p.class == sp.class && x.ner.Classes[sp.class].Name == x.roles.Person &&
				x.lang.nameParticles[lower(toks[sp.first].Text)] && sp.last-sp.first > 1 {
				p.last = sp.last
				continue
			}
		}
		out = append(out, sp)
	}
	return out
}

// acronyms are the acronyms an article has defined so far, by the mention
// the acronym stands for: "SOHR" after "Syrian Observatory for Human Rights
// (SOHR)".
type acronyms map[string]mention

// uncovered decides about a rule mention no recognized span touches: kept as
// it is (keepUncovered), as a news outlet when the article has it report
// (outlets, reportsNews), as an acronym of the mention before it, or as a
// later use of an acronym the article defined ("SOHR said"), or dropped.
func (x *Extractor) uncovered(a *analysis, out []mention, m mention, acr acronyms, outlets map[string]bool) []mention {
	if x.keepUncovered(m) {
		return x.appendUncovered(a, out, m)
	}
	if outlets[joinText(a.toks, m.First, m.Last)] && (m.Type == "" || x.schema.Is(m.Type, x.roles.Organizations[0])) {
		m.Type, m.Strength = x.roles.Organizations[0], byContext
		return append(out, m)
	}
	if m.Last != m.First+1 {
		return out
	}
	text := a.toks[m.First].Text
	if p, ok := acr[text]; ok {
		m.Type, m.Strength, m.Known = p.Type, p.Strength, -1
		return append(out, m)
	}
	if len(out) > 0 {
		n := len(out)
		out = x.acronymAfter(a, out, m)
		x.noteAcronym(a, out, acr)
		if len(out) > n {
			return out
		}
	}
	return x.definedAcronym(a, out, m, acr)
}

// reportsNews reports whether a name the recognizer missed is the subject of
// "reported" or "reports", an "online" between them allowed: "Al-Monitor
// reported", "Interfax reports". A person's name would have been
// recognized; a body that reports is a news outlet, an organization.
func (x *Extractor) reportsNews(a *analysis, m mention) bool {
	if len(x.roles.Organizations) == 0 || m.Type != "" && !x.schema.Is(m.Type, x.roles.Organizations[0]) {
		return false
	}
	k := m.Last
	if k < len(a.low) && a.low[k] == "online" {
		k++
	}
	return k < len(a.low) && a.toks[k].Sent == a.toks[m.First].Sent && (a.low[k] == "reported" || a.low[k] == "reports")
}

// definedAcronym reads an acronym in brackets that the recognizer missed
// together with the name it spells out, when the text says what the name
// is: by its head word ("Jama'at Nusrat al-Islam wal-Muslimin Front
// (JNIMF)") or by a description right after the bracket ("Armed Conflict
// Location and Event Data Project (ACLED), a monitoring group"). Both become
// mentions of that type and the acronym names the entity wherever it
// recurs. Without such a word the type would be a guess, and nothing is
// added.
func (x *Extractor) definedAcronym(a *analysis, out []mention, m mention, acr acronyms) []mention {
	open, s := m.First-1, a.sents[a.toks[m.First].Sent]
	if m.Type != "" || open <= s.First || a.toks[open].Text != "(" || m.Last >= s.Last || a.toks[m.Last].Text != ")" {
		return out
	}
	typ := ""
	if k := m.Last + 1; k+1 < s.Last && a.low[k] == "," && (a.low[k+1] == "a" || a.low[k+1] == "an") && len(x.roles.Organizations) > 0 {
		for j := k + 2; j < s.Last && j <= k+5; j++ {
			if x.lang.groupNouns[a.low[j]] {
				typ = x.roles.Organizations[0]
				break
			}
			if r, _ := utf8.DecodeRuneInString(a.toks[j].Text); !unicode.IsLetter(r) {
				break
			}
		}
	}
	if typ == "" {
		typ = x.lex.keywords[a.toks[open-1].Text]
	}
	if typ == "" {
		return out
	}
	m.Type, m.Strength, m.Known = typ, byModel, -1
	n := len(out)
	out = x.acronymName(a, s, append(out, m))
	if len(out) < 2 || out[len(out)-2].Last != open || out[len(out)-2].Type != typ {
		return out[:n] // no name before the bracket spells it
	}
	x.noteAcronym(a, out, acr)
	return out
}

// maxAcronymName bounds the words of a name spelt out before its acronym.
const maxAcronymName = 12

// acronymName finds the name that a recognized acronym in brackets, the last
// mention of out, spells out when the recognizer missed it: in "the
// Organisation for the Prohibition of Chemical Weapons (OPCW)" the
// capitalized words just before the bracket whose initials are the acronym's
// letters are a name of the acronym's type (Schwartz and Hearst 2003). A
// mention inside those words ("Prohibition of Chemical Weapons") gives way to
// it.
// An acronym the recognizer did not find spells out nothing: its type would
// be a guess.
func (x *Extractor) acronymName(a *analysis, s Sentence, out []mention) []mention {
	m := out[len(out)-1]
	open := m.First - 1
	if m.Last != m.First+1 || m.Type == "" || m.Demonym || m.Shadow || open <= s.First ||
		a.toks[open].Text != "(" || m.Last >= s.Last || a.toks[m.Last].Text != ")" {
		return out
	}
	if len(out) > 1 && bracketedAcronym(a, out[len(out)-2], m) {
		return out // the name is already a mention: acronymAfter's case
	}
	acr := a.toks[m.First].Text
	for f := open - 1; f >= s.First && f >= open-maxAcronymName; f-- {
		first, _ := utf8.DecodeRuneInString(a.toks[f].Text)
		if !unicode.IsUpper(first) || x.lang.notNames[a.toks[f].Text] {
			continue
		}
		if !acronymFor(acr, joinText(a.toks, f, open)) {
			continue
		}
		// Earlier mentions inside the name give way; one that reaches
		// before it keeps its words.
		k := len(out) - 1
		for k > 0 && out[k-1].Last > f {
			if out[k-1].First < f {
				return out
			}
			k--
		}
		name := mention{First: f, Last: open, Type: m.Type, Strength: byModel, Known: -1, AliasOf: -1}
		out = append(out[:k], name, m)
		return out
	}
	return out
}

// noteAcronym records the last mention of out when it is an acronym in
// brackets of the mention before it, whoever found it.
func (x *Extractor) noteAcronym(a *analysis, out []mention, acr acronyms) {
	if len(out) < 2 {
		return
	}
	m, p := out[len(out)-1], out[len(out)-2]
	if !bracketedAcronym(a, p, m) {
		return
	}
	// News introduces an organization, not a person, by the initials of
	// its name in brackets: "Jama'at Nusrat al-Islam wal-Muslimin (JNIM)"
	// read as a person by the recognizer takes the acronym's type.
	if m.Type != p.Type && m.Type != "" && x.roles.Person != "" && x.schema.IsA(p.Type, x.roles.Person) && !x.schema.IsA(m.Type, x.roles.Person) {
		out[len(out)-2].Type = m.Type
		p = out[len(out)-2]
	}
	if m.Type == p.Type {
		acr[a.toks[m.First].Text] = p
	}
}

// bracketedAcronym reports whether m is one word in brackets right after the
// typed mention p that p's initials spell: "Syrian Observatory for Human
// Rights (SOHR)".
func bracketedAcronym(a *analysis, p, m mention) bool {
	return p.Last+1 == m.First && m.Last == m.First+1 && a.toks[p.Last].Text == "(" && p.Type != "" &&
		acronymFor(a.toks[m.First].Text, a.text(p))
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
	if p := out[len(out)-1]; bracketedAcronym(a, p, m) {
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

// officeOf reads a name the recognizer gave a class other than people's
// that ends in a person's title: the words name an office, not a body. The
// body before the title is the mention when it is one by its words (a known
// name, or a head word of its type: "Cabinet Office Minister" is the
// Cabinet Office's minister); a title in a phrase after "of", "for" or
// "the" belongs to the name ("Office of the Inspector General"). A title
// after one word that names no body by itself, or after no proper noun,
// names only the office ("Foreign Secretary", "Surgeon General", "Senior
// Minister"): no mention (keep is false); after "a" the body is the words
// before the title ("a former Stormont Cabinet Minister"); an acronym is a
// body ("NATO Secretary"). Anything else stays as it was: "Burger King" may be a business.
func (x *Extractor) officeOf(a *analysis, f, l int, class NERClass) (last int, keep bool) {
	if x.inClass(x.roles.Person, class) || l-f < 2 {
		return l, true
	}
	for i := f + 1; i < l; i++ {
		if _, n := x.lex.titles.longest(a.toks, i, l, exact); n != l-i {
			continue
		}
		for k := f; k < i; k++ {
			switch a.low[k] {
			case "of", "the", "for", "'s":
				return l, true // "Office of the Surgeon General"
			}
		}
		if h, n := x.lex.names.longest(a.toks, f, i, exact); n == i-f && !h.demonym {
			return i, true
		}
		if typ := x.headType(a.toks, f, i); typ != "" && x.inClass(typ, class) {
			return i, true
		}
		if i-f == 1 && !allCaps(a.toks[f].Text) {
			return l, false // "Foreign Secretary", "Interior Minister"
		}
		// "a former Stormont Cabinet Minister": after "a" the words name
		// one holder of an office, and the body is the words before the
		// title (at extraction).
		k := f - 1
		for k >= 0 && x.lang.pastRoles[a.low[k]] {
			k--
		}
		if k >= 0 && (a.low[k] == "a" || a.low[k] == "an") && !a.gold {
			return i, true
		}
		for k := f; k < i; k++ {
			if strings.HasPrefix(a.toks[k].Tag, "NNP") {
				return l, true
			}
		}
		return l, false
	}
	return l, true
}

// refine makes a mention of tokens [f, l) of a class, narrowed to the type a
// known name or head word gives, when that type is in the class.
func (x *Extractor) refine(a *analysis, f, l int, class NERClass) mention {
	m := mention{First: f, Last: l, Type: class.Name, Strength: byModel, Known: -1, AliasOf: -1}
	if l-f == 1 && x.lang.directions[a.toks[f].Text] {
		// A direction alone names no place: "in South and Central Asia".
		m.Type, m.Strength = "", 0
		return m
	}
	for _, first := range []int{f, f + 1} {
		// The known name may follow an article the recognizer took in:
		// "The Islamic State's Khorasan Province" is the known name after
		// its "The". The mention keeps a capital "The" (CoNLL04 marks "The
		// Associated Press" whole) and names the known entity.
		if first > f && (l-f < 2 || (a.toks[f].Text != "The" && a.toks[f].Text != "the")) {
			break
		}
		if h, n := x.lex.names.longest(a.toks, first, l, exact); n == l-first && !h.demonym {
			if kn := x.lex.known[h.known]; x.inClass(kn.Type, class) {
				m.Type, m.Strength, m.Known = kn.Type, byGazeteer, h.known
				// A lower-case "the" is no part of a
				// name: "in the United States" names United States
				// (an annotation's span, analysis.gold, stays).
				if first > f && a.toks[f].Text == "the" && !a.gold {
					m.First = first
				}
				return m
			}
		}
	}
	// A capital "The" after the quotation mark that opens a sentence is
	// capitalized by its place, as at a sentence's start, where the
	// recognizer leaves it out: "\"The Nordland Front attacked Bergen,\" he
	// said" names the Nordland Front, as the same words without the quote
	// do (a known name with its "The", "The Hague", was read above).
	if !a.gold && l-f >= 2 && a.toks[f].Text == "The" && a.afterOpeningMarks(f) {
		f++
		m.First = f
	}
	if typ := x.headType(a.toks, f, l); x.inClass(typ, class) {
		m.Type, m.Strength = typ, byKeyword
		return m
	}
	// A name that opens with its kind's word is of that kind, whatever the
	// recognizer's class: "Rue Victor Hugo" is a street, not the writer;
	// unless the place lists know the name ("Camp Hill" a town).
	if typ := x.lex.prefixes[a.toks[f].Text]; typ != "" && l-f > 1 && len(x.lex.evidenceTypesOf(joinText(a.toks, f, l))) == 0 {
		m.Type, m.Strength = typ, byKeyword
		return m
	}
	// A place the evidence lists know by a narrower kind is of that kind
	// ("Munich" a City, not a mere Location); of several kinds, the largest
	// ("Georgia" a Country before a City).
	best := -1
	for _, typ := range x.lex.evidenceTypesOf(joinText(a.toks, f, l)) {
		if r := x.placeRank(typ); r > best && x.inClass(typ, class) {
			m.Type, best = typ, r
		}
	}
	return m
}

// placeNounOf reports the kind of place a name is when a noun of places and
// "of" stand before it ("the town of Menaka", "the province of Kunar"), or
// "": such a name is a place whatever class the recognizer gave it. The
// kind is the noun's when it is a head word of the schema's (Province:
// Region, City), else the place role's.
func (x *Extractor) placeNounOf(a *analysis, s Sentence, m mention) string {
	k := m.First - 1
	if k-1 < s.First || x.isPlace(m.Type) || m.Known >= 0 || a.low[k] != "of" || !x.lang.placeNouns[a.low[k-1]] {
		return ""
	}
	if typ := x.lex.keywordOf(a.toks[k-1].Text); typ != "" && x.isPlace(typ) {
		return typ
	}
	return x.roles.Place
}

// namedAfter reports the kind of a place named after a person or a body by
// the lowercase head word after the name, or "": "Victor Hugo street", "the
// Rolando cafe" are a street and a café, not the writer and a company. A
// place's name before such a word stays the place ("Kabul airport" is
// Kabul's).
func (x *Extractor) namedAfter(a *analysis, s Sentence, m mention) string {
	k := m.Last
	if k >= s.Last || x.isPlace(m.Type) || m.Known >= 0 {
		return ""
	}
	w := a.toks[k].Text
	r, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsLower(r) {
		return ""
	}
	typ := x.lex.keywordOf(w)
	if typ == "" || !x.isPlace(typ) || x.placeRank(typ) != 0 {
		return ""
	}
	return typ
}

// afterOpeningMarks reports whether token k follows only quotation marks
// and brackets that open its sentence.
func (a *analysis) afterOpeningMarks(k int) bool {
	s := a.sents[a.toks[k].Sent]
	if k <= s.First {
		return false
	}
	for j := s.First; j < k; j++ {
		switch a.toks[j].Text {
		case "\"", "“", "‘", "'", "(", "[":
		default:
			return false
		}
	}
	return true
}

// markHeadlines marks the title-case headlines (Sentence.Headline,
// titleCased) of an article, not of training's annotated sentences. A
// headline heads a story: the last sentence is none. Its verb is one the
// tagger reads so, or an inflected verb of the schema's triggers or one of
// speech, which in title case the tagger often reads as a name
// ("Threatens", "Says"); a base form is as often a noun ("US Bomb" in a
// list of the dead).
func (x *Extractor) markHeadlines(a *analysis) {
	if a.gold {
		return
	}
	isVerb := func(k int) bool {
		if a.toks[k].UPOS == "VERB" || x.lang.speechVerbs[a.low[k]] {
			return true
		}
		for _, t := range x.rules.verbs[a.low[k]] {
			if t.base != a.low[k] {
				return true
			}
		}
		return false
	}
	for i := 0; i+1 < len(a.sents); i++ {
		a.sents[i].Headline = titleCased(a.toks, a.sents[i], isVerb)
	}
}

// headlineNames keeps of a title-case headline's names (Sentence.Headline)
// those a known name or the article's other sentences vouch for: every word
// of "Al-Shabaab Threatens New Attacks in Kenya" is capitalized, and the
// recognizer read "Al-Shabaab Threatens New Attacks" as one name. A name the
// recognizer alone found there is cut to its longest first words that are a
// known name or a name the body has; one with no such words stays whole.
func (x *Extractor) headlineNames(a *analysis) []mention {
	head := func(m mention) bool { return a.sents[a.toks[m.First].Sent].Headline }
	if !slices.ContainsFunc(a.mentions, head) {
		return a.mentions
	}
	body := map[string]bool{}
	for _, m := range a.mentions {
		if !head(m) && m.Type != "" {
			body[strings.ToLower(a.text(m))] = true
		}
	}
	out := a.mentions[:0]
	for _, m := range a.mentions {
		if !head(m) || m.Strength != byModel {
			out = append(out, m)
			continue
		}
		c := m
		for l := m.Last - 1; l > m.First; l-- {
			c.Last = l
			if _, n := x.lex.names.longest(a.toks, m.First, l, exact); n == l-m.First || body[strings.ToLower(a.text(c))] {
				m = c
				break
			}
		}
		out = append(out, m)
	}
	return out
}
