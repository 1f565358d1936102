// Package syntax is kg's part-of-speech tagger and labelled dependency
// parser: Penn Treebank tags (XPOS), Universal Dependencies tags (UPOS),
// heads and Universal Dependencies relations, learned from CoNLL-U
// treebanks. It is pure code: reading CoNLL-U, features, training (averaged
// perceptrons), decoding (a greedy left-to-right tagger and a greedy
// arc-hybrid parser trained with a dynamic oracle) and a compact model file.
package syntax

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Word is one syntactic word of a sentence. Head is the 1-based index of its
// head word in the sentence, 0 for the root; Rel is its dependency relation
// to the head ("nsubj", "obl:tmod").
type Word struct {
	Form string
	XPOS string
	UPOS string
	Head int
	Rel  string
}

// Sentence is a sentence of a treebank: its id (sent_id) and its words.
type Sentence struct {
	ID    string
	Words []Word
}

// ReadCoNLLU reads the sentences of a CoNLL-U file. Multiword token lines
// ("1-2 don't") and empty nodes ("8.1") are skipped: the words that follow a
// multiword line are the ones tagged and parsed.
func ReadCoNLLU(r io.Reader, name string) ([]Sentence, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<16), 1<<24)
	var sents []Sentence
	var cur Sentence
	line := 0
	flush := func() {
		if len(cur.Words) > 0 {
			sents = append(sents, cur)
		}
		cur = Sentence{}
	}
	for sc.Scan() {
		line++
		text := sc.Text()
		if text == "" {
			flush()
			continue
		}
		if strings.HasPrefix(text, "#") {
			if id, ok := strings.CutPrefix(text, "# sent_id = "); ok {
				cur.ID = strings.TrimSpace(id)
			}
			continue
		}
		cols := strings.Split(text, "\t")
		if len(cols) != 10 {
			return nil, fmt.Errorf("%s:%d: a CoNLL-U word line has 10 tab-separated columns, this one has %d", name, line, len(cols))
		}
		if strings.ContainsAny(cols[0], "-.") {
			continue
		}
		id, err := strconv.Atoi(cols[0])
		if err != nil || id != len(cur.Words)+1 {
			return nil, fmt.Errorf("%s:%d: word id %q out of sequence (want %d)", name, line, cols[0], len(cur.Words)+1)
		}
		head := 0
		if cols[6] != "_" {
			head, err = strconv.Atoi(cols[6])
			if err != nil || head < 0 {
				return nil, fmt.Errorf("%s:%d: head %q is not a word id", name, line, cols[6])
			}
		}
		cur.Words = append(cur.Words, Word{Form: cols[1], UPOS: cols[3], XPOS: cols[4], Head: head, Rel: cols[7]})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	flush()
	for _, s := range sents {
		for i, w := range s.Words {
			if w.Head > len(s.Words) {
				return nil, fmt.Errorf("%s: sentence %s: word %d has head %d beyond the sentence's %d words", name, s.ID, i+1, w.Head, len(s.Words))
			}
		}
	}
	return sents, nil
}

// WriteCoNLLU writes sentences in CoNLL-U, ten columns a word; lemma,
// features, enhanced graph and misc are "_".
func WriteCoNLLU(w io.Writer, sents []Sentence) error {
	bw := bufio.NewWriter(w)
	for _, s := range sents {
		if s.ID != "" {
			fmt.Fprintf(bw, "# sent_id = %s\n", s.ID)
		}
		for i, word := range s.Words {
			fmt.Fprintf(bw, "%d\t%s\t_\t%s\t%s\t_\t%d\t%s\t_\t_\n", i+1, word.Form, orUnderscore(word.UPOS), orUnderscore(word.XPOS), word.Head, orUnderscore(word.Rel))
		}
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

func orUnderscore(s string) string {
	if s == "" {
		return "_"
	}
	return s
}
