package extract

import "strings"

// Role references: "the Foreign Secretary", after "Foreign Secretary Boris
// Johnson", is Boris Johnson. News names an official once with the title
// and then often by the title alone; the title refers to the one person the
// article gave it, and to nobody when it gave it to two.

// titledPerson is a person the article named after a title, and the
// title's words in lower case ("foreign secretary").
type titledPerson struct {
	ent   int
	title string
	at    int // the first token of the name
}

// titledPeople lists, in order, each person's mention that follows a
// title: capitalized words not in a mention, the last of them one of the
// gazetteer's titles ("Foreign Secretary Boris Johnson", "Minister
// Ellwood"), or that a comma and such a title follow ("Boris Johnson, the
// Foreign Secretary,").
func (x *Extractor) titledPeople(a *analysis) []titledPerson {
	var out []titledPerson
	for _, m := range a.mentions {
		if m.Entity < 0 || m.Shadow || !x.schema.Is(a.entities[m.Entity].typ, x.roles.Person) {
			continue
		}
		s := a.sents[a.toks[m.First].Sent]
		if f := x.titleBefore(a, s, m.First); f < m.First {
			out = append(out, titledPerson{ent: m.Entity, title: strings.Join(a.low[f:m.First], " "), at: m.First})
			continue
		}
		if m.Last+2 < s.Last && a.low[m.Last] == "," {
			k := m.Last + 1
			if a.low[k] == "the" {
				k++
			}
			if l := x.titleRun(a, s, k); l > k && (l == s.Last || !x.lang.nameWord(a.toks, l)) {
				out = append(out, titledPerson{ent: m.Entity, title: strings.Join(a.low[k:l], " "), at: m.First})
			}
		}
	}
	return out
}

// titleBefore returns the first token of the title that ends right before
// token k, or k when there is none.
func (x *Extractor) titleBefore(a *analysis, s Sentence, k int) int {
	f := k
	for f > s.First && f > k-4 && a.byToken[f-1] < 0 && x.lang.isCapitalized(a.toks[f-1].Text) && !x.lang.notNames[a.toks[f-1].Text] {
		f--
	}
	// The run must end in a title and hold no other kind of word at its
	// end: "Prime Minister", "Foreign Office Minister".
	for f < k && x.titleRun(a, s, f) != k {
		f++
	}
	return f
}

// titleRun returns the end of a run of capitalized words from token k that
// ends in a title ("Foreign Secretary", "Minister"), or k when there is none.
func (x *Extractor) titleRun(a *analysis, s Sentence, k int) int {
	end := k
	for j := k; j < s.Last && j < k+4 && a.byToken[j] < 0 && x.lang.isCapitalized(a.toks[j].Text); j++ {
		if _, n := x.lex.titles.longest(a.toks, j, j+1, exact); n == 1 {
			end = j + 1
		}
	}
	return end
}

// roleReference resolves "the Foreign Secretary" at token k (the article)
// to the person the article titled so before k: the one person given the
// same title, or for a title of one word ("the Minister") the one person
// whose title ends in it. It returns the end of the reference and the
// entity, or -1 when there is no such person or more than one. A title
// followed by a name is that name's ("the Foreign Secretary Boris Johnson"),
// and one followed by "of" names another holder ("the Prime Minister of
// Germany").
func (x *Extractor) roleReference(a *analysis, titled []titledPerson, s Sentence, k int) (int, int) {
	if a.low[k] != "the" {
		return k, -1
	}
	l := x.titleRun(a, s, k+1)
	// "the Prime Minister of Germany" names its own holder, whom the
	// article may not have titled.
	if l == k+1 || l < s.Last && (a.byToken[l] >= 0 || x.lang.nameWord(a.toks, l) || a.low[l] == "of") {
		return k, -1
	}
	title := strings.Join(a.low[k+1:l], " ")
	ent := -1
	for _, p := range titled {
		if p.at >= k {
			break
		}
		if p.title == title || l == k+2 && strings.HasSuffix(p.title, " "+title) {
			if ent >= 0 && ent != p.ent {
				return k, -1
			}
			ent = p.ent
		}
	}
	return l, ent
}
