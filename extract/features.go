package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kg/kg/schemas"
)

// Features are hashed strings: a template id and its parts, folded with
// 64-bit FNV-1a. Nothing is allocated per feature, and a model stores only
// the hashes it has weights for.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hashStr(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// feat hashes a template name and one value.
func feat(tmpl, v string) uint64 {
	return hashStr(hashStr(hashStr(fnvOffset, tmpl), "\x00"), v)
}

// feat2 hashes a template name and two values.
func feat2(tmpl, v, w string) uint64 {
	return hashStr(hashStr(feat(tmpl, v), "\x01"), w)
}

// tmplHash is where the features of template tmpl start: feat(tmpl, v) is
// hashStr(tmplHash(tmpl), v). A stage that makes many features of one
// template hashes its name once.
func tmplHash(tmpl string) uint64 {
	return hashStr(hashStr(fnvOffset, tmpl), "\x00")
}

// second moves a feature's hash h from its first value to its second:
// feat2(tmpl, v, w) is hashStr(second(hashStr(tmplHash(tmpl), v)), w).
func second(h uint64) uint64 {
	return hashStr(h, "\x01")
}

// featN hashes a template name and a small number (a word cluster).
func featN(tmpl string, n uint16) uint64 {
	h := hashStr(hashStr(fnvOffset, tmpl), "\x02")
	h ^= uint64(n & 0xff)
	h *= fnvPrime
	h ^= uint64(n >> 8)
	h *= fnvPrime
	return h
}

// shape maps a word to its pattern of character classes, runs collapsed:
// "Kabul" Xx, "ISIS-K" X-X, "1990s" dx, "U.S." X.X.
func shape(w string) string {
	var b [16]byte
	n := 0
	var last byte
	for _, r := range w {
		var c byte
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		case r < utf8.RuneSelf:
			c = byte(r)
		default:
			c = '~'
		}
		if c != last && n < len(b) {
			b[n] = c
			n++
		}
		last = c
	}
	return string(b[:n])
}

// prefix and suffix take up to n runes of w.
func prefix(w string, n int) string {
	i := 0
	for k := range w {
		if i == n {
			return w[:k]
		}
		i++
	}
	return w
}

func suffix(w string, n int) string {
	i := len(w)
	for c := 0; c < n && i > 0; c++ {
		_, size := utf8.DecodeLastRuneInString(w[:i])
		i -= size
	}
	return w[i:]
}

// tokenView is what the learned stages read about each token of a sentence,
// computed once per sentence.
type tokenView struct {
	lower, shape, tag string
	gaz               string // position and type of a gazetteer name covering it: "B-Country"
	rule              string // position and type of the rule-found mention covering it
	keyword           string // entity type the word heads ("Province": Region)
	given, title      bool   // a common given name; follows a title ("President")
	ev                string // position and type of an evidence-list name covering it
	given2, surname   bool   // in the census given names; in the census surnames
	// near is the type of a known or typed name this one is joined to: by
	// "or"/"and" ("Kandahar or Spin Boldak"), or as its acronym in brackets
	// ("Syrian Observatory for Human Rights (SOHR)").
	near string
	// dep is the word's dependency relation and head the lower-cased word
	// it depends on ("nsubj" of "said"), from kg's parser.
	dep, head string
	// clus holds the word's clusters, coarse to fine, if hasClus.
	clus    [schemas.ClusterLevels]uint16
	hasClus bool
}

// view computes the token views of sentence s from the rule-found mentions of
// that sentence; low holds the tokens' lowercased text.
func (x *Extractor) view(toks []Token, low []string, s Sentence, ruleMentions []mention) []tokenView {
	return x.viewInto(nil, toks, low, s, ruleMentions)
}

// viewInto is view in buf's array when it is large enough.
func (x *Extractor) viewInto(buf []tokenView, toks []Token, low []string, s Sentence, ruleMentions []mention) []tokenView {
	n := s.Last - s.First
	v := grow(buf, n)
	for k := 0; k < n; k++ {
		t := toks[s.First+k]
		v[k] = tokenView{lower: low[s.First+k], shape: shape(t.Text), tag: t.Tag, keyword: x.lex.keywords[t.Text],
			given: x.lex.givenNames[t.Text], given2: x.lex.evidenceGiven[t.Text], surname: x.lex.surnames[t.Text]}
		v[k].clus, v[k].hasClus = x.lex.clusters.Get(v[k].lower)
		v[k].dep, v[k].head = t.Rel, "<root>"
		if h := t.Head; h >= 0 && h < len(low) {
			v[k].head = low[h]
		}
	}
	for k := 0; k < n; {
		typ, m := x.lex.evidence.longest(toks, s.First+k, s.Last, exact)
		if m == 0 {
			k++
			continue
		}
		for j := 0; j < m; j++ {
			v[k+j].ev = position(j, m) + typ
		}
		k += m
	}
	// Gazetteer names, longest first, left to right.
	for k := 0; k < n; {
		h, m := x.lex.names.longest(toks, s.First+k, s.Last, exact)
		if m == 0 {
			k++
			continue
		}
		typ := x.lex.known[h.known].Type
		if h.demonym {
			typ = "demonym"
		}
		for j := 0; j < m; j++ {
			v[k+j].gaz = position(j, m) + typ
		}
		k += m
	}
	for k := 0; k < n; k++ {
		if _, m := x.lex.titles.longest(toks, s.First+k, s.Last, exact); m > 0 && k+m < n {
			v[k+m].title = true
		}
	}
	for i, m := range ruleMentions {
		if m.First < s.First || m.Last > s.Last {
			continue
		}
		if i > 0 {
			p := ruleMentions[i-1]
			gap := m.First - p.Last
			var near string
			switch {
			case p.Type == "" || p.Demonym:
			case gap == 1 && (toks[p.Last].Text == "or" || toks[p.Last].Text == "and"):
				near = "coord-" + p.Type
			case gap == 1 && toks[p.Last].Text == "(" && m.Last-m.First == 1 && isAcronymOf(toks[m.First].Text, joinText(toks, p.First, p.Last)):
				near = "acronym-" + p.Type
			}
			for j := m.First; j < m.Last && near != ""; j++ {
				v[j-s.First].near = near
			}
		}
		typ := m.Type
		if typ == "" {
			typ = "chunk"
		}
		for j := m.First; j < m.Last; j++ {
			v[j-s.First].rule = position(j-m.First, m.Last-m.First) + typ
		}
	}
	return v
}

// position is the BILU prefix of token j of a span of n tokens.
func position(j, n int) string {
	switch {
	case n == 1:
		return "U-"
	case j == 0:
		return "B-"
	case j == n-1:
		return "L-"
	}
	return "I-"
}

// nerFeatures appends the hashed features of token k of a sentence's views.
func nerFeatures(v []tokenView, toks []Token, k int, out []uint64) []uint64 {
	at := func(i int) *tokenView {
		if i < 0 || i >= len(v) {
			return nil
		}
		return &v[i]
	}
	word := func(i int) string {
		if t := at(i); t != nil {
			return t.lower
		}
		if i < 0 {
			return "<s>"
		}
		return "</s>"
	}
	shp := func(i int) string {
		if t := at(i); t != nil {
			return t.shape
		}
		return "-"
	}
	tag := func(i int) string {
		if t := at(i); t != nil {
			return t.tag
		}
		return "-"
	}
	t := &v[k]
	raw := toks[k].Text
	out = append(out,
		feat("bias", ""),
		feat("w", t.lower),
		feat("W", raw),
		feat("w-1", word(k-1)),
		feat("w+1", word(k+1)),
		feat("w-2", word(k-2)),
		feat("w+2", word(k+2)),
		feat2("w-1w", word(k-1), t.lower),
		feat2("ww+1", t.lower, word(k+1)),
		feat("s", t.shape),
		feat("s-1", shp(k-1)),
		feat("s+1", shp(k+1)),
		feat2("s-1s", shp(k-1), t.shape),
		feat2("ss+1", t.shape, shp(k+1)),
		feat("t", t.tag),
		feat("t-1", tag(k-1)),
		feat("t+1", tag(k+1)),
		feat2("t-1t", tag(k-1), t.tag),
		feat2("tt+1", t.tag, tag(k+1)),
		feat2("ts", t.tag, t.shape),
	)
	for n := 1; n <= 4; n++ {
		out = append(out, feat("p", prefix(t.lower, n)), feat("x", suffix(t.lower, n)))
	}
	if k == 0 {
		out = append(out, feat("first", t.shape))
	}
	if t.gaz != "" {
		out = append(out, feat("g", t.gaz), feat2("gs", t.gaz, t.shape))
	}
	if p := at(k - 1); p != nil && p.gaz != "" {
		out = append(out, feat("g-1", p.gaz))
	}
	if p := at(k + 1); p != nil && p.gaz != "" {
		out = append(out, feat("g+1", p.gaz))
	}
	if t.rule != "" {
		out = append(out, feat("r", t.rule), feat2("rs", t.rule, t.shape))
	}
	if p := at(k - 1); p != nil && p.rule != "" {
		out = append(out, feat("r-1", p.rule))
	}
	if p := at(k + 1); p != nil && p.rule != "" {
		out = append(out, feat("r+1", p.rule))
	}
	if t.keyword != "" {
		out = append(out, feat("k", t.keyword))
	}
	for d := 1; d <= 2; d++ {
		if p := at(k + d); p != nil && p.keyword != "" && strings.HasPrefix(p.shape, "X") {
			out = append(out, feat2("k+", string(rune('0'+d)), p.keyword))
		}
	}
	if t.ev != "" {
		out = append(out, feat("ev", t.ev), feat2("evs", t.ev, t.shape))
	}
	if t.given2 {
		out = append(out, feat("given2", t.shape))
	}
	if t.surname {
		out = append(out, feat("surname", t.shape))
	}
	if p := at(k - 1); p != nil && p.given2 {
		out = append(out, feat("given2-1", t.shape))
	}
	if p := at(k + 1); p != nil && p.surname {
		out = append(out, feat("surname+1", t.shape))
	}
	if t.near != "" {
		out = append(out, feat("near", t.near))
	}
	if t.given {
		out = append(out, feat("given", ""))
	}
	if p := at(k - 1); p != nil && p.given {
		out = append(out, feat("given-1", t.shape))
	}
	if t.title {
		out = append(out, feat("title", t.shape))
	}
	// The parse: the word's relation to its head, alone and with the head
	// (the "nsubj" of "said" is a speaker, a "compound" of "province" part
	// of a place's name).
	if t.dep != "" {
		out = append(out, feat("dep", t.dep), feat2("deph", t.dep, t.head))
	}
	// The word's distributional clusters, at every granularity. Those of
	// the neighbouring words were tried too and did worse in
	// cross-validation.
	if t.hasClus {
		for i, c := range t.clus {
			out = append(out, featN(clusterTmpl[i], c))
		}
	}
	return out
}

var clusterTmpl = [schemas.ClusterLevels]string{"c0", "c1", "c2", "c3"}

// joinText is the words of tokens [f, l) joined by spaces.
func joinText(toks []Token, f, l int) string {
	var b strings.Builder
	for k := f; k < l; k++ {
		if k > f {
			b.WriteByte(' ')
		}
		b.WriteString(toks[k].Text)
	}
	return b.String()
}
