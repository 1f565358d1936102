package syntax

import (
	"bytes"
	"os"
	"slices"
	"strings"
	"testing"
)

func readTiny(t *testing.T) []Sentence {
	t.Helper()
	f, err := os.Open("testdata/tiny.conllu")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s, err := ReadCoNLLU(f, "tiny.conllu")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestReadCoNLLU(t *testing.T) {
	s := readTiny(t)
	if len(s) != 3 {
		t.Fatalf("%d sentences, want 3", len(s))
	}
	// The multiword line and the empty node are skipped.
	got := s[2].Words
	if len(got) != 4 || got[0].Form != "do" || got[1].Form != "n't" || got[3].Form != "there" {
		t.Fatalf("sentence 3 = %+v", got)
	}
	if w := s[0].Words[3]; w.Head != 2 || w.Rel != "ccomp" || w.XPOS != "VBD" || w.UPOS != "VERB" {
		t.Errorf("won = %+v", w)
	}
	if s[1].ID != "2" {
		t.Errorf("id %q", s[1].ID)
	}
}

func TestReadCoNLLUErrors(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"columns", "1\tA\t_\tX\n", "10 tab-separated columns"},
		{"sequence", "2\tA\t_\tX\tX\t_\t0\troot\t_\t_\n", "out of sequence"},
		{"head", "1\tA\t_\tX\tX\t_\tx\troot\t_\t_\n", "not a word id"},
		{"beyond", "1\tA\t_\tX\tX\t_\t5\troot\t_\t_\n", "beyond the sentence"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadCoNLLU(strings.NewReader(tc.in), "in")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
		})
	}
}

// The oracle's costs are right: following the cheapest transition rebuilds
// every projective gold tree exactly.
func TestOracleRebuildsGoldTrees(t *testing.T) {
	for _, s := range readTiny(t) {
		n := len(s.Words)
		gold := make([]int, n+1)
		gold[0] = -1
		for i, w := range s.Words {
			gold[i+1] = w.Head
		}
		lx := make([]lex, n)
		var c config
		c.init(lx, make([]uint64, n+1), make([]uint64, n+1))
		for !c.done() {
			best := -1
			for a := 0; a < numActions; a++ {
				if c.legal(a) && c.cost(a, gold) == 0 {
					best = a
					break
				}
			}
			if best < 0 {
				t.Fatalf("sentence %s: no zero-cost transition", s.ID)
			}
			c.apply(best, 1)
		}
		for i := 1; i <= n; i++ {
			if c.head[i] != gold[i] {
				t.Errorf("sentence %s word %d: head %d, gold %d", s.ID, i, c.head[i], gold[i])
			}
		}
	}
}

func trainTiny(t *testing.T) (*Model, []byte) {
	t.Helper()
	data := readTiny(t)
	m, err := Train(data, testClusters{"kabul": {1, 2, 3, 4}}, TrainOptions{TaggerEpochs: 10, ParserEpochs: 10, Folds: 1, Explore: 0.9, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := m.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return m, buf.Bytes()
}

// Trained on three sentences, the model gets them right; written and read
// back it gives the same analyses; trained again it writes the same bytes.
func TestTrainWriteRead(t *testing.T) {
	m, data := trainTiny(t)
	sents := readTiny(t)
	if s := Evaluate(m, sents); s.XPOS != s.Words || s.UPOS != s.Words || s.LAS != s.Words {
		t.Errorf("on its training data: %+v", s)
	}
	m2, err := Read(data, testClusters{"kabul": {1, 2, 3, 4}})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sents {
		var forms []string
		for _, w := range s.Words {
			forms = append(forms, w.Form)
		}
		a, b := m.Analyze(forms), m2.Analyze(forms)
		if strings.Join(a.XPOS, " ") != strings.Join(b.XPOS, " ") || strings.Join(a.Rel, " ") != strings.Join(b.Rel, " ") {
			t.Errorf("read back: %v %v, want %v %v", b.XPOS, b.Rel, a.XPOS, a.Rel)
		}
	}
	if _, again := trainTiny(t); !bytes.Equal(data, again) {
		t.Error("the same training wrote different bytes")
	}
	if _, err := Read(data[:len(data)/2], nil); err == nil {
		t.Error("a truncated model was read without error")
	}
	if _, err := Read([]byte("nonsense"), nil); err == nil || !strings.Contains(err.Error(), "not a kg syntax model") {
		t.Errorf("err = %v", err)
	}
}

func TestAnalyzeEmptyAndUnknown(t *testing.T) {
	m, _ := trainTiny(t)
	if a := m.Analyze(nil); len(a.Head) != 0 {
		t.Errorf("empty sentence: %+v", a)
	}
	a := m.Analyze([]string{"Zyx", "qqq", "!"})
	roots := 0
	for i, h := range a.Head {
		if h < 0 || h > 3 || h == i+1 {
			t.Errorf("word %d: head %d", i+1, h)
		}
		if h == 0 {
			roots++
			if a.Rel[i] != "root" {
				t.Errorf("root word's relation %q", a.Rel[i])
			}
		}
	}
	if roots != 1 {
		t.Errorf("%d roots, want 1: %v", roots, a.Head)
	}
}

func TestShape(t *testing.T) {
	for in, want := range map[string]string{"McCain": "XxXxx", "2024": "dd", "U.S.": "X.X.", "ab-cd": "xx-xx"} {
		if got := shape(in); got != want {
			t.Errorf("shape(%q) = %q, want %q", in, got, want)
		}
	}
}

// newLex hashes a word's shape and affixes from its bytes as it once did
// from strings made of its runes: the same features, invalid UTF-8 (whose
// bytes become U+FFFD) and letters of several bytes included.
func TestLexHashes(t *testing.T) {
	for _, form := range []string{"", "a", "ab", "abcd", "abcde", "McCain", "2024", "U.S.", "ab-cd",
		"Zürich", "İstanbul", "ŞAHİN", "naïveté", "東京都庁", "日本", "€100", "a\xffb", "\xff\xfe", "ab\xc3", "\xe2\x82", "x\uFFFDyz", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢"} {
		got := newLex(form, nil)
		if want := hashString(shape(form)); got.shape != want {
			t.Errorf("%q: shape hash %x, want %x", form, got.shape, want)
		}
		lower := strings.ToLower(form)
		runes := []rune(lower)
		for k := 1; k <= 4; k++ {
			want := got.norm
			if len(runes) > k {
				want = hashString(string(runes[len(runes)-k:]))
			}
			if got.suffix[k-1] != want {
				t.Errorf("%q: suffix %d hash %x, want %x", form, k, got.suffix[k-1], want)
			}
			if k > 3 {
				continue
			}
			want = got.norm
			if len(runes) > k {
				want = hashString(string(runes[:k]))
			}
			if got.prefix[k-1] != want {
				t.Errorf("%q: prefix %d hash %x, want %x", form, k, got.prefix[k-1], want)
			}
		}
	}
}

// WriteCoNLLU writes what ReadCoNLLU reads back.
func TestWriteCoNLLURoundTrip(t *testing.T) {
	sents := readTiny(t)
	var buf bytes.Buffer
	if err := WriteCoNLLU(&buf, sents); err != nil {
		t.Fatal(err)
	}
	back, err := ReadCoNLLU(&buf, "written")
	if err != nil {
		t.Fatal(err)
	}
	if len(back) != len(sents) {
		t.Fatalf("%d sentences back, want %d", len(back), len(sents))
	}
	for i := range sents {
		if !slices.Equal(back[i].Words, sents[i].Words) || back[i].ID != sents[i].ID {
			t.Errorf("sentence %d: %+v, want %+v", i, back[i], sents[i])
		}
	}
}

// testClusters are word clusters from a map.
type testClusters map[string][4]uint16

func (c testClusters) Get(w string) ([4]uint16, bool) {
	k, ok := c[w]
	return k, ok
}
