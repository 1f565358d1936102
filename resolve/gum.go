package resolve

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/kg/kg/extract"
)

// GUM's entity identities as a test of one node per real-world entity. GUM
// (Georgetown University Multilayer corpus) marks each named mention with
// the Wikipedia page it refers to, consistently across documents. Each gold
// named mention takes the key of the kg entity whose mention covers its
// head word; mentions kg does not find are left out (recognition is scored
// elsewhere). Over the pairs of those mentions in different documents, a
// pair kg puts in one node is a right merge when the identities agree.

// GumDoc is one GUM document: its text and its named mentions.
type GumDoc struct {
	Name     string
	Text     string
	Mentions []GumMention
}

// GumMention is a named mention: its identity, the character span (code
// points) of its head word and that of the whole mention.
type GumMention struct {
	Identity, Type     string
	Start, End         int
	SpanStart, SpanEnd int
	Text               string
}

// ReadGum reads the .conllu files of a folder (or one file).
func ReadGum(path string) ([]GumDoc, error) {
	files, err := extract.GumFiles(path)
	if err != nil {
		return nil, err
	}
	var docs []GumDoc
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			return nil, err
		}
		d, err := readGumDoc(fh)
		fh.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %v", f, err)
		}
		d.Name = strings.TrimSuffix(filepath.Base(f), ".conllu")
		docs = append(docs, d)
	}
	return docs, nil
}

type gumToken struct {
	form       string
	head       int    // index in the document, -1 for the root
	deprel     string // the relation to the head
	propn      bool   // a proper noun
	start, end int    // code points
}

func readGumDoc(r io.Reader) (GumDoc, error) {
	var d GumDoc
	var text strings.Builder
	var toks []gumToken
	var misc []string // each token's misc column
	runes := 0
	sentStart := 0 // index of the sentence's first token
	var sentText string
	pos := 0 // code points into sentText already matched
	base := 0
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "# text = "):
			if text.Len() > 0 {
				text.WriteString("\n")
				runes++
			}
			sentText = strings.TrimPrefix(line, "# text = ")
			base = runes
			text.WriteString(sentText)
			runes += utf8.RuneCountInString(sentText)
			pos = 0
			sentStart = len(toks)
			continue
		case line == "" || strings.HasPrefix(line, "#"):
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) < 10 || strings.ContainsAny(cols[0], "-.") {
			continue
		}
		head, _ := strconv.Atoi(cols[6])
		h := -1
		if head > 0 {
			h = sentStart + head - 1
		}
		form := cols[1]
		// The token's place in the sentence's text.
		rs := []rune(sentText)
		start := pos
		fr := []rune(form)
		for start+len(fr) <= len(rs) && string(rs[start:start+len(fr)]) != form {
			start++
		}
		if start+len(fr) > len(rs) {
			start = pos // not found: keep the position
		} else {
			pos = start + len(fr)
		}
		toks = append(toks, gumToken{form: form, head: h, deprel: cols[7], propn: cols[3] == "PROPN", start: base + start, end: base + start + len(fr)})
		misc = append(misc, cols[9])
	}
	if err := sc.Err(); err != nil {
		return d, err
	}
	d.Text = text.String()
	for _, s := range extract.GumEntitySpans(misc) {
		if s.Identity == "" {
			continue
		}
		h := s.Last
		for i := s.First; i <= s.Last; i++ {
			if toks[i].head < s.First || toks[i].head > s.Last {
				h = i
				break
			}
		}
		h = flatHead(toks, h, s.Last)
		var words []string
		for i := s.First; i <= s.Last; i++ {
			words = append(words, toks[i].form)
		}
		d.Mentions = append(d.Mentions, GumMention{Identity: s.Identity, Type: s.Type, Start: toks[h].start, End: toks[h].end,
			SpanStart: toks[s.First].start, SpanEnd: toks[s.Last].end, Text: strings.Join(words, " ")})
	}
	return d, nil
}

// flatHead is the word that names a mention whose head word h begins a
// flat name. Universal Dependencies makes the first word of a flat name
// ("US President Barack Obama", "Paris Hilton") its head by convention
// only: the name has no head, and English puts the word it is named by
// last. So the last of the proper nouns that follow h as its flat
// dependents (up to last, the mention's end) stands for the mention; the
// run stops at any other word ("Hilary of Poitiers" is named by Hilary).
func flatHead(toks []gumToken, h, last int) int {
	named := h
	for i := h + 1; i <= last && toks[i].head == h && strings.HasPrefix(toks[i].deprel, "flat") && toks[i].propn; i++ {
		named = i
	}
	return named
}

// GumScore is the cross-document merge score.
type GumScore struct {
	Documents, Mentions, Found int
	// Pairs of gold mentions in different documents: kg's merges (one node),
	// the gold ones (one identity), and those in both.
	Merged, Gold, Both int
	// Identities named in two or more documents, and how many of them kg
	// splits over several nodes (counting only mentions it found).
	Shared, Split int
	// Nodes that hold mentions of two or more identities.
	Joined int
	// Examples of splits and joins, for reading.
	Splits, Joins []string
}

// Score is the merge score as precision (the share of kg's cross-document
// merges that are right) and recall (the share of the gold ones kg makes).
func (s GumScore) Score() extract.Score {
	return extract.Score{TP: s.Both, FP: s.Merged - s.Both, Found: s.Both, FN: s.Gold - s.Both}
}

// KeyAt gives the key of the kg entity whose mention covers a gold
// mention's head word within the gold mention, or "". A kg mention that
// reaches outside the gold one names something else: "Texas" in "the
// University of Texas" is not the university.
func KeyAt(ex *extract.Extraction, g GumMention) string {
	for _, e := range ex.Entities {
		for _, m := range e.Mentions {
			if m.Demonym {
				continue // "French" under France is no name of France
			}
			if m.Start <= g.Start && g.End <= m.End && g.SpanStart <= m.Start && m.End <= g.SpanEnd {
				return e.ID
			}
		}
	}
	return ""
}

// ScoreGum scores extractions (one per document, in order, already
// resolved across the corpus) against the documents' identities.
func ScoreGum(docs []GumDoc, exs []*extract.Extraction) GumScore {
	s := GumScore{Documents: len(docs)}
	type cell struct{ id, key string }
	type cellDoc struct {
		cell
		doc int
	}
	pairs := func(n int) int { return n * (n - 1) / 2 }
	byID, byKey, byCell := map[string]int{}, map[string]int{}, map[cell]int{}
	byIDDoc, byKeyDoc, byCellDoc := map[[2]string]int{}, map[[2]string]int{}, map[cellDoc]int{}
	idDocs := map[string]map[int]bool{}
	idKeys := map[string]map[string]bool{}
	keyIDs := map[string]map[string]bool{}
	names := map[string]string{}
	for di, d := range docs {
		dn := strconv.Itoa(di)
		for _, m := range d.Mentions {
			s.Mentions++
			key := KeyAt(exs[di], m)
			if key == "" {
				continue // not found: a matter of recognition, not of resolution
			}
			s.Found++
			if idKeys[m.Identity] == nil {
				idKeys[m.Identity] = map[string]bool{}
			}
			idKeys[m.Identity][key] = true
			if keyIDs[key] == nil {
				keyIDs[key] = map[string]bool{}
			}
			keyIDs[key][m.Identity] = true
			if idDocs[m.Identity] == nil {
				idDocs[m.Identity] = map[int]bool{}
			}
			idDocs[m.Identity][di] = true
			names[key+"|"+m.Identity] = m.Text
			byID[m.Identity]++
			byKey[key]++
			byCell[cell{m.Identity, key}]++
			byIDDoc[[2]string{m.Identity, dn}]++
			byKeyDoc[[2]string{key, dn}]++
			byCellDoc[cellDoc{cell{m.Identity, key}, di}]++
		}
	}
	sum := func(m map[string]int) int {
		t := 0
		for _, n := range m {
			t += pairs(n)
		}
		return t
	}
	sum2 := func(m map[[2]string]int) int {
		t := 0
		for _, n := range m {
			t += pairs(n)
		}
		return t
	}
	both, bothDoc := 0, 0
	for _, n := range byCell {
		both += pairs(n)
	}
	for _, n := range byCellDoc {
		bothDoc += pairs(n)
	}
	s.Gold = sum(byID) - sum2(byIDDoc)
	s.Merged = sum(byKey) - sum2(byKeyDoc)
	s.Both = both - bothDoc
	for _, id := range sortedKeys(idDocs) {
		if len(idDocs[id]) < 2 {
			continue
		}
		s.Shared++
		if len(idKeys[id]) > 1 {
			s.Split++
			var ks []string
			for _, k := range sortedKeys(idKeys[id]) {
				ks = append(ks, fmt.Sprintf("%s (%q)", k, names[k+"|"+id]))
			}
			s.Splits = append(s.Splits, id+": "+strings.Join(ks, ", "))
		}
	}
	for _, k := range sortedKeys(keyIDs) {
		if len(keyIDs[k]) > 1 {
			s.Joined++
			s.Joins = append(s.Joins, k+": "+strings.Join(sortedKeys(keyIDs[k]), ", "))
		}
	}
	return s
}

// EvaluateGum extracts each document, resolves the corpus (unless raw),
// and scores it.
func EvaluateGum(x *extract.Extractor, docs []GumDoc, corr *Corrections, raw bool) GumScore {
	exs := make([]*extract.Extraction, len(docs))
	ix := NewIndex(x.Schema(), corr)
	for i, d := range docs {
		doc := &extract.Document{ID: d.Name, Path: d.Name, Title: d.Name, Text: d.Text}
		exs[i] = x.Extract(doc)
		ix.Put(d.Name, Records(exs[i]))
	}
	if !raw {
		m := ix.Resolve()
		for i := range exs {
			exs[i] = m.Apply(exs[i])
		}
	}
	return ScoreGum(docs, exs)
}

// GumPart selects a part of the documents: dev (the ones kg's resolution
// was tuned on), test (every fourth in name order, held out) or all.
func GumPart(docs []GumDoc, part string) ([]GumDoc, error) {
	var out []GumDoc
	for i, d := range docs {
		test := i%4 == 3
		switch part {
		case "", "all":
			out = append(out, d)
		case "dev":
			if !test {
				out = append(out, d)
			}
		case "test":
			if test {
				out = append(out, d)
			}
		default:
			return nil, fmt.Errorf("--part %q: use dev, test or all", part)
		}
	}
	return out, nil
}
