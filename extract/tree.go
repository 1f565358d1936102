package extract

import (
	"slices"
	"strings"
)

// Helpers over the dependency parse: every token's Head and Rel are set by
// the parser, one tree a sentence, heads indexing the document's tokens.

// children returns the dependents of token i in sentence s, left to right.
func children(toks []Token, s Sentence, i int) []int {
	var out []int
	for k := s.First; k < s.Last; k++ {
		if toks[k].Head == i {
			out = append(out, k)
		}
	}
	return out
}

// childWith returns the first dependent of token i in sentence s whose
// relation is rel or a subtype of it ("nsubj" finds "nsubj:pass"), or -1.
func childWith(toks []Token, s Sentence, i int, rel string) int {
	for k := s.First; k < s.Last; k++ {
		if toks[k].Head == i && isRel(toks[k].Rel, rel) {
			return k
		}
	}
	return -1
}

// isRel reports whether relation r is rel or one of its subtypes.
func isRel(r, rel string) bool {
	return r == rel || strings.HasPrefix(r, rel) && len(r) > len(rel) && r[len(rel)] == ':'
}

// ancestors returns the heads above token i, nearest first, up to the root.
func ancestors(toks []Token, i int) []int {
	var out []int
	for h := toks[i].Head; h >= 0 && len(out) < len(toks); h = toks[h].Head {
		out = append(out, h)
	}
	return out
}

// depPath returns the tokens on the tree path from i to j: up from i to
// their lowest common ancestor, then down to j, both ends included. It is
// nil when i and j are in different sentences.
func depPath(toks []Token, i, j int) []int {
	var pf pathFinder
	return slices.Clone(pf.path(toks, i, j))
}

// pathFinder finds tree paths (depPath) without allocating from one path
// to the next: it marks the tokens above one end and climbs from the other
// until it meets a mark.
type pathFinder struct {
	mark          []int32 // per token from the lowest of up: 1 + its place in up, or 0
	up, down, out []int
}

// path is depPath; the path is the finder's until its next call.
func (pf *pathFinder) path(toks []Token, i, j int) []int {
	if toks[i].Sent != toks[j].Sent {
		return nil
	}
	climb := func(from int, out []int) []int {
		out = append(out[:0], from)
		for h := toks[from].Head; h >= 0 && len(out) <= len(toks); h = toks[h].Head {
			out = append(out, h)
		}
		return out
	}
	pf.up, pf.down = climb(i, pf.up), climb(j, pf.down)
	lo, hi := slices.Min(pf.up), slices.Max(pf.up)
	if len(pf.mark) < hi-lo+1 {
		pf.mark = make([]int32, hi-lo+1)
	}
	for k, t := range pf.up {
		pf.mark[t-lo] = int32(k + 1)
	}
	pf.out = pf.out[:0]
	for k, t := range pf.down {
		if t < lo || t > hi || pf.mark[t-lo] == 0 {
			continue
		}
		pf.out = append(pf.out, pf.up[:pf.mark[t-lo]]...)
		for m := k - 1; m >= 0; m-- {
			pf.out = append(pf.out, pf.down[m])
		}
		break
	}
	for _, t := range pf.up {
		pf.mark[t-lo] = 0
	}
	if len(pf.out) == 0 {
		return nil
	}
	return pf.out
}

// pathString spells the path from i to j by its relations and the word at
// its top: "nsubj<said>ccomp>nsubj" from Obama to Biden in "Obama said Biden
// won": Obama is the nsubj of "said", whose ccomp ("won") has Biden as its
// nsubj. "<" climbs from a dependent to its head, ">" descends. The top word
// is left out when it is i or j itself.
func pathString(toks []Token, i, j int) string {
	path := depPath(toks, i, j)
	if len(path) == 0 {
		return ""
	}
	top := 0
	for top+1 < len(path) && toks[path[top]].Head == path[top+1] {
		top++
	}
	var b strings.Builder
	for k := 0; k < top; k++ {
		b.WriteString(toks[path[k]].Rel)
		b.WriteString("<")
	}
	if top > 0 && top < len(path)-1 {
		b.WriteString(lower(toks[path[top]].Text))
	}
	for k := top + 1; k < len(path); k++ {
		b.WriteString(">")
		b.WriteString(toks[path[k]].Rel)
	}
	return b.String()
}
