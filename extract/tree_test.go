package extract

import (
	"strings"
	"testing"
)

// tree builds the tokens of one sentence from "word/head/rel" items, heads
// 1-based (0: root), as CoNLL-U.
func tree(items ...string) ([]Token, Sentence) {
	toks := make([]Token, len(items))
	for i, it := range items {
		p := strings.Split(it, "/")
		h := int(p[1][0] - '0')
		toks[i] = Token{Text: p[0], Head: h - 1, Rel: p[2]}
	}
	return toks, Sentence{First: 0, Last: len(toks)}
}

func TestTreeHelpers(t *testing.T) {
	// Obama said Biden was attacked by Hamas .
	toks, s := tree("Obama/2/nsubj", "said/0/root", "Biden/5/nsubj:pass", "was/5/aux:pass", "attacked/2/ccomp", "by/7/case", "Hamas/5/obl:agent", "./2/punct")
	if got := children(toks, s, 4); len(got) != 3 || got[0] != 2 || got[1] != 3 || got[2] != 6 {
		t.Errorf("children of attacked = %v", got)
	}
	if got := childWith(toks, s, 4, "nsubj"); got != 2 {
		t.Errorf("nsubj of attacked = %d, want 2 (nsubj:pass is an nsubj)", got)
	}
	if got := childWith(toks, s, 4, "obj"); got != -1 {
		t.Errorf("obj of attacked = %d, want -1", got)
	}
	if got := childWith(toks, s, 4, "obl"); got != 6 {
		t.Errorf("obl of attacked = %d", got)
	}
	if got := ancestors(toks, 5); !equalInts(got, []int{6, 4, 1}) || len(ancestors(toks, 1)) != 0 {
		t.Errorf("ancestors of by = %v", got)
	}
	for _, tc := range []struct {
		i, j int
		path string
		toks []int
	}{
		{0, 2, "nsubj<said>ccomp>nsubj:pass", []int{0, 1, 4, 2}},
		{6, 2, "obl:agent<attacked>nsubj:pass", []int{6, 4, 2}},
		{0, 1, "nsubj<", []int{0, 1}},
		{1, 6, ">ccomp>obl:agent", []int{1, 4, 6}},
		{3, 3, "", []int{3}},
	} {
		if got := pathString(toks, tc.i, tc.j); got != tc.path {
			t.Errorf("path %d-%d = %q, want %q", tc.i, tc.j, got, tc.path)
		}
		if got := depPath(toks, tc.i, tc.j); !equalInts(got, tc.toks) {
			t.Errorf("depPath %d-%d = %v, want %v", tc.i, tc.j, got, tc.toks)
		}
	}
	if isRel("nsubjx", "nsubj") || !isRel("obl:tmod", "obl") || !isRel("obl", "obl") {
		t.Error("isRel")
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
