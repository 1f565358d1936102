package extract

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/jdkato/prose/v2"
)

// tagger assigns Penn Treebank part-of-speech tags with prose's averaged
// perceptron model, read once from prose's embedded files when first used (the
// comparisons of Extractor.ProseTags), and applied here to kg's own tokens.
//
// prose's own tagger sums feature weights and picks the best tag by ranging
// over Go maps, whose order changes from run to run: rounding then decides
// near-ties differently, and the same text can get different tags. Here the
// weights are summed in a fixed order and ties go to the first tag in sorted
// order, so the same tokens always get the same tags, and nothing is
// re-tokenized or allocated per feature.
type tagger struct {
	classes []string
	weights map[string][]classWeight // feature -> weights, by class index
	tagMap  map[string]string        // unambiguous words and their tag
}

type classWeight struct {
	class  int
	weight float64
}

func newTagger() *tagger {
	read := func(name string, v any) {
		data, err := prose.Asset("model/AveragedPerceptron/" + name)
		if err == nil {
			err = gob.NewDecoder(bytes.NewReader(data)).Decode(v)
		}
		if err != nil {
			panic(fmt.Sprintf("extract: prose's tagging model %s is unreadable: %v", name, err))
		}
	}
	var weights map[string]map[string]float64
	t := &tagger{}
	read("classes.gob", &t.classes)
	read("tags.gob", &t.tagMap)
	read("weights.gob", &weights)
	sort.Strings(t.classes)
	index := make(map[string]int, len(t.classes))
	for i, c := range t.classes {
		index[c] = i
	}
	t.weights = make(map[string][]classWeight, len(weights))
	for feat, ws := range weights {
		row := make([]classWeight, 0, len(ws))
		for c, w := range ws {
			if i, ok := index[c]; ok && w != 0 {
				row = append(row, classWeight{i, w})
			}
		}
		sort.Slice(row, func(a, b int) bool { return row[a].class < row[b].class })
		t.weights[feat] = row
	}
	return t
}

// asciiQuotes matches prose's input sanitizer: the model saw ASCII quotes.
var asciiQuotes = strings.NewReplacer("\u201c", `"`, "\u201d", `"`, "\u2018", "'", "\u2019", "'", "&rsquo;", "'")

// As prose: placeholder tokens of treebanks, and "-ABC-" brackets, keep tags
// of their own.
var (
	tagNone = regexp.MustCompile(`^(?:0|\*[\w?]\*|\*\-\d{1,3}|\*[A-Z]+\*\-\d{1,3}|\*)$`)
	tagKeep = regexp.MustCompile(`^\-[A-Z]{3}\-$`)
)

// tag tags the tokens of each sentence, left to right, each tag a feature of
// the next, as prose does.
func (t *tagger) tag(toks []Token, sents []Sentence) {
	scores := make([]float64, len(t.classes))
	var ctx []string
	for _, s := range sents {
		n := s.Last - s.First
		ctx = append(ctx[:0], "-START-", "-START2-")
		for k := s.First; k < s.Last; k++ {
			ctx = append(ctx, taggerNormalize(asciiQuotes.Replace(toks[k].Text)))
		}
		ctx = append(ctx, "-END-", "-END2-")
		p1, p2 := "-START-", "-START2-"
		for i := 0; i < n; i++ {
			word := asciiQuotes.Replace(toks[s.First+i].Text)
			var tag string
			switch known, ok := t.tagMap[word]; {
			case word == "-":
				tag = "-"
			case strings.HasPrefix(word, "@") || strings.HasPrefix(word, "http://") || strings.HasPrefix(word, "https://") || strings.HasPrefix(word, "www."):
				tag = "NN"
			case tagNone.MatchString(word):
				tag = "-NONE-"
			case tagKeep.MatchString(word):
				tag = word
			case ok:
				tag = known
			default:
				tag = t.predict(i, ctx, word, p1, p2, scores)
			}
			toks[s.First+i].Tag = tag
			p2, p1 = p1, tag
		}
	}
}

// predict scores prose's features of word i in a fixed order.
func (t *tagger) predict(i int, ctx []string, w, p1, p2 string, scores []float64) string {
	for k := range scores {
		scores[k] = 0
	}
	suf := min(len(w), 3)
	j := min(len(ctx)-2, i+2)
	iminus := min(len(ctx[j-1]), 3)
	iplus := min(len(ctx[j+1]), 3)
	feats := [...]string{
		"bias",
		"i suffix " + w[len(w)-suf:],
		"i pref1 " + string(rune(w[0])), // as prose: the first byte as a rune
		"i-1 tag " + p1,
		"i-2 tag " + p2,
		"i tag+i-2 tag " + p1 + " " + p2,
		"i word " + ctx[j],
		"i-1 tag+i word " + p1 + " " + ctx[j],
		"i-1 word " + ctx[j-1],
		"i-1 suffix " + ctx[j-1][len(ctx[j-1])-iminus:],
		"i-2 word " + ctx[j-2],
		"i+1 word " + ctx[j+1],
		"i+1 suffix " + ctx[j+1][len(ctx[j+1])-iplus:],
		"i+2 word " + ctx[j+2],
	}
	for _, f := range feats {
		for _, cw := range t.weights[f] {
			scores[cw.class] += cw.weight
		}
	}
	best := 0
	for k, v := range scores {
		if v > scores[best] {
			best = k
		}
	}
	return t.classes[best]
}

// taggerNormalize is prose's normalization of a context word.
func taggerNormalize(word string) string {
	if word == "" {
		return word
	}
	first := word[:1]
	if strings.Contains(word, "-") && first != "-" {
		return "!HYPHEN"
	} else if _, err := strconv.Atoi(word); err == nil && len(word) == 4 {
		return "!YEAR"
	} else if _, err := strconv.Atoi(first); err == nil {
		return "!DIGITS"
	}
	return strings.ToLower(word)
}
