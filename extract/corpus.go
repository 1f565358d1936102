package extract

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Annotated is one sentence (or short text) of an annotated corpus: its text,
// the named entities in it and the relations between them, with the corpus's
// own labels ("Peop", "Kill", "PER"). Offsets are byte offsets into Text.
type Annotated struct {
	ID   string
	Text string
	// Tokens are the corpus's own tokens, as byte spans of Text.
	Tokens    [][2]int
	Entities  []GoldSpan
	Relations []GoldRelation
}

// GoldSpan is an annotated entity: [Start, End) in bytes and its label.
type GoldSpan struct {
	Start, End int
	Label      string
}

// GoldRelation joins two entities of a sentence, by index into Entities.
type GoldRelation struct {
	Head, Tail int
	Label      string
}

// Corpus formats kg can read annotations from.
const (
	FormatCoNLL04 = "conll04" // the CoNLL04 JSON of ../shared/data/conll04
	FormatIOB2    = "iob2"    // one token a line, IOB2 tags in the third column (Universal NER)
)

// DetectFormat guesses a corpus format from a file's name.
func DetectFormat(path string) string {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".json":
		return FormatCoNLL04
	case ".iob2", ".bio", ".conll":
		return FormatIOB2
	}
	return ""
}

// ReadCorpus reads an annotated corpus file in the given format.
func ReadCorpus(path, format string) ([]Annotated, error) {
	switch format {
	case FormatCoNLL04:
		return readCoNLL04(path)
	case FormatIOB2:
		return readIOB2(path)
	}
	return nil, fmt.Errorf("%s: unknown corpus format %q: use %s or %s", path, format, FormatCoNLL04, FormatIOB2)
}

// joinTokens joins tokens with single spaces and returns each one's byte span.
func joinTokens(toks []string) (string, [][2]int) {
	var b strings.Builder
	spans := make([][2]int, len(toks))
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		spans[i][0] = b.Len()
		b.WriteString(t)
		spans[i][1] = b.Len()
	}
	return b.String(), spans
}

func readCoNLL04(path string) ([]Annotated, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read corpus: %w", err)
	}
	var raw []struct {
		Tokens    []string `json:"tokens"`
		Tags      []string `json:"tags"`
		Relations []struct {
			Head int    `json:"head"`
			Tail int    `json:"tail"`
			Type string `json:"type"`
		} `json:"relations"`
		OrigID any `json:"orig_id"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("%s: not CoNLL04 JSON (an array of {tokens, tags, relations}): %v", path, err)
	}
	out := make([]Annotated, 0, len(raw))
	for n, s := range raw {
		if len(s.Tags) != len(s.Tokens) {
			return nil, fmt.Errorf("%s: sentence %d has %d tokens but %d tags", path, n+1, len(s.Tokens), len(s.Tags))
		}
		text, spans := joinTokens(s.Tokens)
		a := Annotated{ID: fmt.Sprintf("%s#%d", filepath.Base(path), n+1), Text: text, Tokens: spans}
		if s.OrigID != nil {
			a.ID = fmt.Sprintf("%v", s.OrigID)
		}
		ents, err := spansFromTags(s.Tags)
		if err != nil {
			return nil, fmt.Errorf("%s: sentence %d: %v", path, n+1, err)
		}
		for _, e := range ents {
			a.Entities = append(a.Entities, GoldSpan{Start: spans[e.first][0], End: spans[e.last-1][1], Label: e.label})
		}
		for _, r := range s.Relations {
			if r.Head < 0 || r.Head >= len(a.Entities) || r.Tail < 0 || r.Tail >= len(a.Entities) {
				return nil, fmt.Errorf("%s: sentence %d: relation %s joins entity %d and %d, but it has %d", path, n+1, r.Type, r.Head, r.Tail, len(a.Entities))
			}
			a.Relations = append(a.Relations, GoldRelation{Head: r.Head, Tail: r.Tail, Label: r.Type})
		}
		out = append(out, a)
	}
	return out, nil
}

type tagSpan struct {
	first, last int
	label       string
}

// spansFromTags reads entity spans off BILOU or IOB2 tags.
func spansFromTags(tags []string) ([]tagSpan, error) {
	var out []tagSpan
	open := -1
	label := ""
	closeAt := func(end int) {
		if open >= 0 {
			out = append(out, tagSpan{open, end, label})
		}
		open = -1
	}
	for i, t := range tags {
		if t == "O" || t == "" || t == "-" {
			closeAt(i)
			continue
		}
		if len(t) < 3 || t[1] != '-' {
			return nil, fmt.Errorf("token %d: tag %q is not O, B-X, I-X, L-X or U-X", i+1, t)
		}
		p, l := t[0], t[2:]
		switch p {
		case 'B', 'U':
			closeAt(i)
			open, label = i, l
			if p == 'U' {
				closeAt(i + 1)
			}
		case 'I', 'L':
			if open < 0 || label != l {
				closeAt(i) // an I- without its B-: start a span here, as conlleval does
				open, label = i, l
			}
			if p == 'L' {
				closeAt(i + 1)
			}
		default:
			return nil, fmt.Errorf("token %d: tag %q is not O, B-X, I-X, L-X or U-X", i+1, t)
		}
	}
	closeAt(len(tags))
	return out, nil
}

func readIOB2(path string) ([]Annotated, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read corpus: %w", err)
	}
	defer f.Close()
	var out []Annotated
	var toks, tags []string
	text, id := "", ""
	line := 0
	flush := func() error {
		if len(toks) == 0 {
			text, id = "", ""
			return nil
		}
		a := Annotated{ID: id, Text: text}
		spans, ok := alignTokens(text, toks)
		if !ok {
			a.Text, spans = joinTokens(toks)
		}
		a.Tokens = spans
		if a.ID == "" {
			a.ID = fmt.Sprintf("%s:%d", filepath.Base(path), line)
		}
		ents, err := spansFromTags(tags)
		if err != nil {
			return fmt.Errorf("%s:%d: %v", path, line, err)
		}
		for _, e := range ents {
			a.Entities = append(a.Entities, GoldSpan{Start: spans[e.first][0], End: spans[e.last-1][1], Label: e.label})
		}
		out = append(out, a)
		toks, tags, text, id = nil, nil, "", ""
		return nil
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line++
		l := sc.Text()
		switch {
		case strings.TrimSpace(l) == "":
			if err := flush(); err != nil {
				return nil, err
			}
		case strings.HasPrefix(l, "# text = "):
			text = strings.TrimPrefix(l, "# text = ")
		case strings.HasPrefix(l, "# sent_id = "):
			id = strings.TrimPrefix(l, "# sent_id = ")
		case strings.HasPrefix(l, "#"):
		default:
			cols := strings.Split(l, "\t")
			if len(cols) < 3 {
				return nil, fmt.Errorf("%s:%d: want index, token and tag separated by tabs", path, line)
			}
			toks = append(toks, cols[1])
			tags = append(tags, cols[2])
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return out, nil
}

// alignTokens finds each token in text, in order, separated only by spaces.
func alignTokens(text string, toks []string) ([][2]int, bool) {
	if text == "" {
		return nil, false
	}
	spans := make([][2]int, len(toks))
	at := 0
	for i, t := range toks {
		for at < len(text) && (text[at] == ' ' || text[at] == '\t') {
			at++
		}
		if !strings.HasPrefix(text[at:], t) {
			return nil, false
		}
		spans[i] = [2]int{at, at + len(t)}
		at += len(t)
	}
	return spans, true
}
