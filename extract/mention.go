package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// How sure the pipeline is of a mention's type, by the evidence that typed it.
// When one entity's mentions disagree, the strongest evidence wins.
const (
	byContext = 1 // typed by the words around it ("in Bagram", "its leader, X")
	byGiven   = 2 // starts with a common given name
	byTitle   = 3 // follows a title ("President X")
	byModel   = 4 // the entity recognizer's class
	// described in apposition ("Helder Power, a wind-farm operator")
	byDescription = 5
	byKeyword     = 6 // ends in a type's head word ("Nangarhar Province")
	byGazeteer    = 7 // a known name
)

// mention is a span of tokens [First, Last) that names an entity.
type mention struct {
	First, Last int
	Type        string // "" while untyped
	Strength    int    // one of the by* constants
	Known       int    // index into lexicon.known, or -1
	Demonym     bool   // "Pakistani": refers to its country
	AliasOf     int    // the mention this one was introduced as another name of, or -1
	Entity      int    // set by resolve; -1 when dropped
	// Named: the recognizer took a demonym as a name ("Soviet" as a place).
	Named bool
	// Shadow: a second reading of a demonym's words as a people or
	// nationality ("Serbs" the Group, beside Serbia): it makes an entity of
	// its own but is invisible to the relation rules, which keep reading the
	// words as the country.
	Shadow bool
}

func (m *mention) setType(typ string, strength int) {
	if strength > m.Strength {
		m.Type, m.Strength = typ, strength
	}
}

// weaponDesignation matches model designations such as GBU-43, AK-47, MQ-9.
var weaponDesignation = regexp.MustCompile(`^[A-Z]{1,4}-\d{1,3}[A-Z]?$`)

func (w *wordLists) isCapitalized(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	if unicode.IsUpper(r) {
		return true
	}
	// al-Baghdadi, al-Muhajir: a lowercase particle joined to a capitalized name.
	if i := strings.IndexByte(t, '-'); i > 0 && i+1 < len(t) && w.nameParticles[t[:i]] {
		r, _ := utf8.DecodeRuneInString(t[i+1:])
		return unicode.IsUpper(r)
	}
	return false
}

func hasLetter(t string) bool {
	for _, r := range t {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// nameWord reports whether toks[i] can be part of a name.
func (w *wordLists) nameWord(toks []Token, i int) bool {
	t := toks[i].Text
	return w.isCapitalized(t) && hasLetter(t) && !w.notNames[t]
}

// sentenceInitial reports whether toks[i] starts its sentence or a quotation.
func sentenceInitial(toks []Token, i int, s Sentence) bool {
	if i == s.First {
		return true
	}
	switch toks[i-1].Text {
	case "\"", "“", "'", "‘", "(", "[", ":", "—", "-":
		return true
	}
	return false
}

// findMentions finds the candidate names of one sentence, left to right, each
// token in at most one mention: titles, known names, then proper-noun chunks.
func (x *Extractor) findMentions(toks []Token, s Sentence, out []mention) []mention {
	lx := x.lex
	for i := s.First; i < s.Last; {
		// A title and the name after it: "President Joe Biden".
		if _, n := lx.titles.longest(toks, i, s.Last, exact); n > 0 && i+n < s.Last && x.lang.nameWord(toks, i+n) && x.roles.Person != "" {
			end := x.chunkEnd(toks, i+n, s.Last)
			// Not when the words name an organization or a place by their
			// head word ("General Claims Office"), unless a given name starts
			// them: "Sen. Frank Church" is a person.
			given := lx.givenNames[toks[i+n].Text] || lx.evidenceGiven[toks[i+n].Text]
			if _, kn := lx.names.longest(toks, i+n, s.Last, exact); kn == 0 && (given || x.headType(toks, i+n, end) == "") {
				out = append(out, mention{First: i + n, Last: end, Type: x.roles.Person, Strength: byTitle, Known: -1, AliasOf: -1})
				i = end
				continue
			}
		}
		key := exact
		if s.Dateline {
			key = uncapitalized // "KABUL, Afghanistan (AP) —"
		}
		h, n := lx.names.longest(toks, i, s.Last, key)
		initial := sentenceInitial(toks, i, s)
		if x.lang.nameWord(toks, i) && (!initial || n > 0 || strings.HasPrefix(toks[i].Tag, "NNP") || lx.givenNames[toks[i].Text] || (i+1 < s.Last && x.lang.nameWord(toks, i+1))) {
			end := x.chunkEnd(toks, i, s.Last)
			typ := x.headType(toks, i, end)
			if end-i > n && typ != "" {
				// "Kabul Province" is a Region, not the city Kabul.
				out = append(out, mention{First: i, Last: end, Type: typ, Strength: byKeyword, Known: -1, AliasOf: -1})
				i = end
				continue
			}
			if n == 0 {
				m := mention{First: i, Last: end, Known: -1, AliasOf: -1}
				if lx.givenNames[toks[i].Text] && end-i > 1 && x.roles.Person != "" {
					m.setType(x.roles.Person, byGiven)
				}
				if end-i == 1 && x.roles.Weapon != "" && weaponDesignation.MatchString(toks[i].Text) && near(toks, s, i, 6, x.lang.weaponContext) {
					m.setType(x.roles.Weapon, byKeyword)
				}
				out = append(out, m)
				i = end
				continue
			}
		}
		if n > 0 {
			kn := lx.known[h.known]
			out = append(out, mention{First: i, Last: i + n, Type: kn.Type, Strength: byGazeteer, Known: h.known, Demonym: h.demonym, AliasOf: -1})
			i += n
			continue
		}
		i++
	}
	return out
}

// chunkEnd extends a name that starts at toks[i] over capitalized words,
// particles ("al"), and, in organization and facility names, connectors ("of").
func (x *Extractor) chunkEnd(toks []Token, i, limit int) int {
	end := i + 1
	orgLike := x.orgHead(toks[i].Text)
	for end < limit {
		t := toks[end].Text
		switch {
		case x.lang.nameWord(toks, end) && !isDigitStart(t):
			orgLike = orgLike || x.orgHead(t)
			end++
			continue
		case x.lang.nameParticles[t] && end+1 < limit && x.lang.nameWord(toks, end+1):
			end += 2
			continue
		case t == "and" && x.coordinatedAt(toks, i, end, limit):
			// "the Royal Museum and Stanford University": two names.
		case orgLike && x.lang.nameConnectors[t] && end+1 < limit && x.lang.nameWord(toks, end+1):
			end++
			continue
		case (t == "and" || t == "&") && end+1 < limit && x.lang.nameWord(toks, end+1) && x.orgHeadAhead(toks, end+1, limit) && !x.knownAt(toks, end+1, limit):
			// "Economic and Financial Crimes Commission": the head comes
			// after the "and".
			orgLike = true
			end++
			continue
		case orgLike && x.lang.nameConnectors[t] && t != "and" && t != "&" && end+2 < limit && toks[end+1].Text == "the" && x.lang.nameWord(toks, end+2):
			// "Institute for the Study of War"; but "and the" starts another
			// name: "Harvard University and the National War College".
			end += 2
			continue
		}
		break
	}
	// Never end on a connector.
	for end > i+1 && x.lang.nameConnectors[toks[end-1].Text] {
		end--
	}
	return end
}

func isDigitStart(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsDigit(r)
}

// coordinatedAt reports whether the "and" at toks[and] joins two names
// rather than two words of one: the name words before it, from toks[first],
// are a whole name (a word and a head word: "Royal Museum"), and so are the
// name words after it ("Stanford University"). "Economic and Financial
// Crimes Commission" and "Department of Health and Human Services" put no
// head word before the "and" and stay one name.
func (x *Extractor) coordinatedAt(toks []Token, first, and, limit int) bool {
	if and-first < 2 || !x.orgHead(toks[and-1].Text) || !x.lang.nameWord(toks, and-2) || x.lang.nameConnectors[toks[and-2].Text] {
		return false
	}
	j := and + 1
	for j < limit && x.lang.nameWord(toks, j) && !isDigitStart(toks[j].Text) {
		j++
	}
	return j-(and+1) >= 2 && x.orgHead(toks[j-1].Text)
}

// splitCoordinated cuts a recognized span at an "and" that joins two whole
// names (coordinatedAt): the recognizer reads "X Library and Y University"
// as one organization when the words run on.
func (x *Extractor) splitCoordinated(toks []Token, spans []nerSpan) []nerSpan {
	var out []nerSpan
	for _, sp := range spans {
		for k := sp.first + 2; k < sp.last-2; k++ {
			if toks[k].Text == "and" && x.coordinatedAt(toks, sp.first, k, sp.last) {
				out = append(out, nerSpan{first: sp.first, last: k, class: sp.class})
				sp.first = k + 1
			}
		}
		out = append(out, sp)
	}
	return out
}

// knownAt reports whether a known name starts at toks[i]: "Treasury and
// State Department" are two names.
func (x *Extractor) knownAt(toks []Token, i, limit int) bool {
	_, n := x.lex.names.longest(toks, i, limit, exact)
	return n > 0
}

// orgHeadAhead reports whether the run of name words from toks[i] ends in a
// word that heads organization or facility names.
func (x *Extractor) orgHeadAhead(toks []Token, i, limit int) bool {
	j := i
	for j < limit && x.lang.nameWord(toks, j) && !isDigitStart(toks[j].Text) {
		j++
	}
	return j > i && x.orgHead(toks[j-1].Text)
}

// orgHead reports whether w heads organization or facility names, whose names
// may contain connectors.
func (x *Extractor) orgHead(w string) bool {
	typ := x.lex.keywords[w]
	for _, t := range x.roles.ConnectorHeads {
		if x.schema.Is(typ, t) {
			return true
		}
	}
	return false
}

// headType types a name by its head word: the last word, a first word that
// heads from the front ("Rue de Rivoli"), or the word before "of" or "for"
// ("Department of Justice").
func (x *Extractor) headType(toks []Token, first, end int) string {
	if typ := x.lex.keywords[toks[end-1].Text]; typ != "" && end-first > 1 {
		return typ
	}
	if typ := x.lex.prefixes[toks[first].Text]; typ != "" && end-first > 1 {
		return typ
	}
	for k := first + 1; k < end-1; k++ {
		if t := toks[k].Text; t == "of" || t == "for" {
			return x.lex.keywords[toks[k-1].Text]
		}
	}
	return ""
}

// near reports whether a word of set occurs within d tokens of toks[i] in s.
func near(toks []Token, s Sentence, i, d int, set map[string]bool) bool {
	for k := max(s.First, i-d); k < min(s.Last, i+d+1); k++ {
		if set[strings.ToLower(toks[k].Text)] {
			return true
		}
	}
	return false
}

// knownWord reports whether w alone is a known name ("UK", "Hamas").
func (x *Extractor) knownWord(w string) bool {
	n := x.lex.names.next[exact(w)]
	return n != nil && n.ok
}

// listedPlace reports whether first, before a hyphen and a lower-case rest,
// is a place the evidence lists know and rest a participle ("Toronto-based",
// "Ohio-born"): a place the gazetteer does not know still names itself
// there, where a word in capitals before a noun does not ("Hi-tech").
func (x *Extractor) listedPlace(first, rest string) bool {
	if !strings.HasSuffix(rest, "ed") && !strings.HasSuffix(rest, "rn") || !startsUpper(first) {
		return false
	}
	for _, t := range x.lex.evidenceTypesOf(first) {
		if x.isPlace(t) {
			return true
		}
	}
	return false
}

// splitNamePairs splits a hyphenated word that is no known name itself and
// whose first part is one, and whose second part is another or a word in
// lower case, into its parts and the hyphen: "UK-France co-operation", "the
// Israel-Hamas war" name two parties each, and "Iran-backed militias",
// "American-led wars" and "Chechen-style separatism" name a party.
// "Guinea-Bissau" (a known name) and "ISIS-K" (no known parts) stay one
// word.
func (x *Extractor) splitNamePairs(toks []Token) []Token {
	split := func(t Token) bool {
		h := strings.IndexByte(t.Text, '-')
		return !(h <= 0 || h == len(t.Text)-1 || strings.Count(t.Text, "-") != 1 || x.knownWord(t.Text) || !x.knownWord(t.Text[:h]) && !x.listedPlace(t.Text[:h], t.Text[h+1:]) ||
			!(x.knownWord(t.Text[h+1:]) && startsUpper(t.Text[h+1:]) || len(t.Text)-h > 3 && isLowerWord(t.Text[h+1:])))
	}
	// How many, first, so that the tokens are copied once.
	n := 0
	for _, t := range toks {
		if split(t) {
			n++
		}
	}
	if n == 0 {
		return toks
	}
	out := make([]Token, 0, len(toks)+2*n)
	for _, t := range toks {
		if !split(t) {
			out = append(out, t)
			continue
		}
		h := strings.IndexByte(t.Text, '-')
		a := t // keeps the line and paragraph breaks before it
		a.Text, a.End = t.Text[:h], t.Start+h
		out = append(out, a,
			Token{Text: "-", Start: t.Start + h, End: t.Start + h + 1},
			Token{Text: t.Text[h+1:], Start: t.Start + h + 1, End: t.End})
	}
	return out
}
