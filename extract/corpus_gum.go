package extract

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// GUM (../shared/data/gum): CoNLL-U documents whose misc column marks every
// entity mention, named or not, with brackets over its tokens
// ("Entity=(3-organization-new-...-Identity" opens, "3)" closes). As entity
// training data kg takes the named mentions, those headed by a proper noun,
// of the types its schema's "gum" benchmark maps (person, organization,
// place), outermost only ("the University of California" and not the
// "California" in it), cut to the proper nouns around the head: the span a
// recognizer names.

// FormatGUM names GUM's CoNLL-U documents as entity training data.
const FormatGUM = "gum"

// GumSpan is one entity mention of a GUM sentence or document: its type and
// Wikipedia identity (or ""), and its first and last token (inclusive).
type GumSpan struct {
	Type, Identity string
	First, Last    int
}

// GumEntitySpans reads the Entity= fields of the misc column of a run of
// tokens (a sentence or a document; misc[i] is token i's column) into the
// mentions they bracket, in the order they close.
func GumEntitySpans(misc []string) []GumSpan {
	type open struct {
		id    string
		span  GumSpan
		first int
	}
	var stack []open
	var out []GumSpan
	for i, col := range misc {
		for _, f := range strings.Split(col, "|") {
			ent, ok := strings.CutPrefix(f, "Entity=")
			if !ok {
				continue
			}
			for ent != "" {
				if ent[0] == '(' {
					j := 1
					for j < len(ent) && ent[j] != '(' && ent[j] != ')' {
						j++
					}
					fields := strings.SplitN(ent[1:j], "-", 8)
					o := open{id: fields[0], span: GumSpan{First: i, Last: i}}
					if len(fields) > 1 {
						o.span.Type = fields[1]
					}
					if len(fields) == 8 {
						o.span.Identity = fields[7]
					}
					if j < len(ent) && ent[j] == ')' {
						out = append(out, o.span)
						j++
					} else {
						stack = append(stack, o)
					}
					ent = ent[j:]
					continue
				}
				j := 0
				for j < len(ent) && ent[j] != ')' && ent[j] != '(' {
					j++
				}
				id := ent[:j]
				for k := len(stack) - 1; k >= 0; k-- {
					if stack[k].id == id {
						s := stack[k].span
						s.Last = i
						out = append(out, s)
						stack = append(stack[:k], stack[k+1:]...)
						break
					}
				}
				if j < len(ent) && ent[j] == ')' {
					j++
				}
				ent = ent[j:]
			}
		}
	}
	return out
}

// GumHeldOut reports whether kg keeps a GUM document out of training, by
// its name ("GUM_news_afghan") and its place in name order: the six news
// documents the parser's news accuracy is reported on (scripts/train-syntax)
// and every fourth document, which kg eval --format gum-identity --part
// test scores resolution on.
func GumHeldOut(name string, index int) bool {
	switch strings.TrimPrefix(name, "GUM_news_") {
	case "afghan", "election", "hackers", "korea", "nasa", "taxes":
		return true
	}
	return index%4 == 3
}

// GumFiles lists GUM's .conllu files: a folder's, in name order (the order
// GumHeldOut and resolve.GumPart count in), or the one file path names.
func GumFiles(path string) ([]string, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return []string{path}, nil
	}
	files, err := filepath.Glob(filepath.Join(path, "*.conllu"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: no GUM .conllu files", path)
	}
	slices.Sort(files)
	return files, nil
}

// ReadGumTraining reads the GUM .conllu files of a folder, all but the
// held-out ones (GumHeldOut), as sentences annotated with their named
// mentions labelled by GUM's types.
func ReadGumTraining(dir string) ([]Annotated, error) {
	files, err := GumFiles(dir)
	if err != nil {
		return nil, err
	}
	var out []Annotated
	for i, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".conllu")
		if GumHeldOut(name, i) {
			continue
		}
		sents, err := readGumSentences(f)
		if err != nil {
			return nil, err
		}
		out = append(out, sents...)
	}
	return out, nil
}

// gumWord is a token of a GUM sentence.
type gumWord struct {
	form, upos, xpos string
	head             int // index in the sentence, -1 for the root
}

// readGumSentences reads one GUM document as annotated sentences.
func readGumSentences(path string) ([]Annotated, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read corpus: %w", err)
	}
	defer f.Close()
	var out []Annotated
	var words []gumWord
	var misc []string
	text, id := "", ""
	line := 0
	flush := func() {
		if len(words) > 0 {
			out = append(out, gumSentence(id, text, words, misc))
		}
		words, misc, text, id = nil, nil, "", ""
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		line++
		l := sc.Text()
		switch {
		case l == "":
			flush()
			continue
		case strings.HasPrefix(l, "# text = "):
			text = strings.TrimPrefix(l, "# text = ")
			continue
		case strings.HasPrefix(l, "# sent_id = "):
			id = strings.TrimPrefix(l, "# sent_id = ")
			continue
		case strings.HasPrefix(l, "#"):
			continue
		}
		cols := strings.Split(l, "\t")
		if len(cols) < 10 {
			return nil, fmt.Errorf("%s:%d: %d columns, CoNLL-U has 10", path, line, len(cols))
		}
		if strings.ContainsAny(cols[0], "-.") {
			continue // a multiword token's range or an empty node
		}
		head, err := strconv.Atoi(cols[6])
		if err != nil {
			return nil, fmt.Errorf("%s:%d: head %q is not a number", path, line, cols[6])
		}
		words = append(words, gumWord{form: cols[1], upos: cols[3], xpos: cols[4], head: head - 1})
		misc = append(misc, cols[9])
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	flush()
	return out, nil
}

// gumSentence makes one annotated sentence of GUM's words: its named
// mentions, outermost, each cut to its name.
func gumSentence(id, text string, words []gumWord, misc []string) Annotated {
	toks := make([]string, len(words))
	for i, w := range words {
		toks[i] = w.form
	}
	a := Annotated{ID: id, Text: text}
	spans, ok := alignTokens(text, toks)
	if !ok {
		a.Text, spans = joinTokens(toks)
	}
	a.Tokens = spans
	var named []GumSpan
	for _, s := range GumEntitySpans(misc) {
		h := s.Last
		for i := s.First; i <= s.Last; i++ {
			if hd := words[i].head; hd < s.First || hd > s.Last {
				h = i
				break
			}
		}
		if !properNoun(words[h]) {
			continue
		}
		// The name is the run of proper nouns around the head, joined by
		// "of" and its kind ("University of Lagos"): GUM's mention is the
		// whole noun phrase ("US political activist Noam Chomsky", "Levico
		// Terme, Trento, Italy", "Higuchi's").
		first, last := h, h
		for first > s.First && properNoun(words[first-1]) {
			first--
		}
		for last < s.Last {
			if properNoun(words[last+1]) {
				last++
			} else if last+2 <= s.Last && gumConnectors[lower(words[last+1].form)] && properNoun(words[last+2]) {
				last += 2
			} else {
				break
			}
		}
		s.First, s.Last = first, last
		named = append(named, s)
	}
	// Outermost first: by first token, the longest first.
	slices.SortFunc(named, func(x, y GumSpan) int {
		if x.First != y.First {
			return x.First - y.First
		}
		return y.Last - x.Last
	})
	end := -1
	for _, s := range named {
		if s.First <= end {
			continue // inside (or across) one taken
		}
		a.Entities = append(a.Entities, GoldSpan{Start: spans[s.First][0], End: spans[s.Last][1], Label: s.Type})
		end = s.Last
	}
	return a
}

// properNoun reports whether a GUM word is tagged a proper noun.
func properNoun(w gumWord) bool { return w.xpos == "NNP" || w.xpos == "NNPS" }

// gumConnectors join proper nouns into one name ("Bank of England",
// "Center for Disease Control", "Marks & Spencer").
var gumConnectors = setOf("of", "for", "&", "de", "du", "del", "la")
