package extract

import "strings"

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
	if toks[i].Sent != toks[j].Sent {
		return nil
	}
	up := append([]int{i}, ancestors(toks, i)...)
	down := append([]int{j}, ancestors(toks, j)...)
	at := make(map[int]int, len(up))
	for k, t := range up {
		at[t] = k
	}
	for k, t := range down {
		if u, ok := at[t]; ok {
			path := append([]int(nil), up[:u+1]...)
			for m := k - 1; m >= 0; m-- {
				path = append(path, down[m])
			}
			return path
		}
	}
	return nil
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
