package extract

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/kg/kg/extract/syntax"
)

// parse tags and parses every sentence with kg's own model (extract/syntax):
// XPOS, UPOS, Head and Rel of every token.
func (x *Extractor) parse(toks []Token, sents []Sentence) {
	var forms []string
	var p syntax.Analysis
	for _, s := range sents {
		forms = forms[:0]
		for k := s.First; k < s.Last; k++ {
			forms = append(forms, toks[k].Text)
		}
		x.syntax.AnalyzeTo(forms, &p)
		for i := range forms {
			t := &toks[s.First+i]
			t.XPOS, t.UPOS, t.Rel = p.XPOS[i], p.UPOS[i], p.Rel[i]
			t.Head = s.First + p.Head[i] - 1
			if p.Head[i] == 0 {
				t.Head = -1
			}
		}
	}
}

// Syntax returns the extractor's tagger and parser.
func (x *Extractor) Syntax() *syntax.Model { return x.syntax }

// ProseTags tags one sentence's words with prose's tagger, the one the
// recognizer's features are built on (for comparison with kg's own).
func (x *Extractor) ProseTags(forms []string) []string {
	toks := make([]Token, len(forms))
	for i, f := range forms {
		toks[i].Text = f
	}
	x.prose().tag(toks, []Sentence{{First: 0, Last: len(toks)}})
	tags := make([]string, len(toks))
	for i, t := range toks {
		tags[i] = t.Tag
	}
	return tags
}

// WriteCoNLLU extracts doc and writes every sentence in CoNLL-U: each
// token's form, UPOS, XPOS, head and relation, and in the MISC column the
// entity mention it belongs to (Entity=B-PERSON|Id=…, B at a mention's
// first token, I inside), SpaceAfter=No where no space follows, and
// prose's tag (ProseTag=…) when it differs from kg's. Each sentence's
// comments give its text and the relations read from it.
func (x *Extractor) WriteCoNLLU(w io.Writer, doc *Document) error {
	a, rels := x.run(doc)
	bw := bufio.NewWriter(w)
	name := doc.ID
	if name == "" {
		name = doc.Path
	}
	fmt.Fprintf(bw, "# newdoc id = %s\n", oneLine(name))
	bySent := make(map[int][]relation)
	for _, r := range rels {
		bySent[r.sent] = append(bySent[r.sent], r)
	}
	for si, s := range a.sents {
		fmt.Fprintf(bw, "# sent_id = %d\n", si+1)
		fmt.Fprintf(bw, "# text = %s\n", oneLine(doc.Text[s.Start:s.End]))
		if s.Dateline {
			bw.WriteString("# dateline\n")
		}
		for _, r := range bySent[si] {
			span := func(sp span) string {
				return oneLine(doc.Text[a.toks[sp.first].Start:a.toks[sp.last-1].End])
			}
			fmt.Fprintf(bw, "# relation = %s %s %s (%s)\n", span(r.subj), r.typ, span(r.obj), r.rule)
		}
		for k := s.First; k < s.Last; k++ {
			t := a.toks[k]
			head := 0
			if t.Head >= 0 {
				head = t.Head - s.First + 1
			}
			var misc []string
			if mi := a.byToken[k]; mi >= 0 {
				m := a.mentions[mi]
				bio := "I-"
				if k == m.First {
					bio = "B-"
				}
				if m.Entity >= 0 && m.Entity < len(a.entities) && !a.entities[m.Entity].dropped {
					e := a.entities[m.Entity]
					misc = append(misc, "Entity="+bio+e.typ, "Id="+e.id)
				}
			}
			if k+1 < s.Last && a.toks[k+1].Start == t.End {
				misc = append(misc, "SpaceAfter=No")
			}
			if t.Tag != t.XPOS {
				misc = append(misc, "ProseTag="+t.Tag)
			}
			m := "_"
			if len(misc) > 0 {
				m = strings.Join(misc, "|")
			}
			fmt.Fprintf(bw, "%d\t%s\t_\t%s\t%s\t_\t%d\t%s\t_\t%s\n", k-s.First+1, t.Text, t.UPOS, t.XPOS, head, t.Rel, m)
		}
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// oneLine folds a text's line breaks and tabs into spaces.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
