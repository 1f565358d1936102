package extract

import (
	"strings"

	"github.com/jdkato/prose/v2"
)

// tagger assigns part-of-speech tags with prose's averaged perceptron. The model
// is loaded once, when the Extractor is made, and shared by every document.
type tagger struct {
	model *prose.Model
}

func newTagger() *tagger {
	// ModelFromData with no sources is prose's exported way to get its default
	// model as a value that can be reused across documents.
	return &tagger{model: prose.ModelFromData("kg")}
}

// asciiQuotes matches prose's own input sanitizer, so that the tokens prose
// sees are byte-for-byte substrings of the line we hand it.
var asciiQuotes = strings.NewReplacer("\u201c", `"`, "\u201d", `"`, "\u2018", "'", "\u2019", "'", "&rsquo;", "'")

// tag tags the tokens of each sentence. prose re-tokenizes what it is given, so
// it gets our tokens joined by spaces, and each of its tokens is mapped back to
// ours by position; a token prose split further takes the tag of its first piece.
func (t *tagger) tag(toks []Token, sents []Sentence) {
	var line strings.Builder
	var starts []int
	for _, s := range sents {
		line.Reset()
		starts = starts[:0]
		for k := s.First; k < s.Last; k++ {
			if k > s.First {
				line.WriteByte(' ')
			}
			starts = append(starts, line.Len())
			line.WriteString(asciiQuotes.Replace(toks[k].Text))
		}
		text := line.String()
		doc, err := prose.NewDocument(text, prose.WithSegmentation(false), prose.WithExtraction(false), prose.UsingModel(t.model))
		if err != nil {
			continue
		}
		cursor, k := 0, 0
		for _, pt := range doc.Tokens() {
			at := strings.Index(text[cursor:], pt.Text)
			if at < 0 {
				continue
			}
			pos := cursor + at
			cursor = pos + len(pt.Text)
			for k+1 < len(starts) && starts[k+1] <= pos {
				k++
			}
			if toks[s.First+k].Tag == "" {
				toks[s.First+k].Tag = pt.Tag
			}
		}
	}
}
