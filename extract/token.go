package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token is one word or punctuation mark of a document. Start and End are byte
// offsets into Document.Text; every later stage refers to tokens by index and
// never re-tokenizes.
type Token struct {
	Text  string
	Start int
	End   int
	// Tag is the Penn Treebank part-of-speech tag (prose's tagger, which the
	// recognizer's and rules' features were built on).
	Tag string
	// XPOS and UPOS are kg's own tagger's Penn Treebank and Universal
	// Dependencies tags (extract/syntax).
	XPOS, UPOS string
	// Head is the index of the token's syntactic head in the document's
	// tokens, -1 for the root of its sentence; Rel is its Universal
	// Dependencies relation to the head ("nsubj", "obl:tmod", "root").
	Head int
	Rel  string
	// Sent is the index of the sentence the token belongs to.
	Sent int
	// Break is true when a blank line (a paragraph break) precedes the token.
	Break bool
	// Line is true when a line break precedes the token (Break or not).
	Line bool
}

// Sentence is a run of tokens [First, Last) and its byte span in the text.
type Sentence struct {
	First, Last int
	Start, End  int
	// Dateline marks a paragraph's dateline ("KABUL, Afghanistan (AP) —"):
	// where the story was filed, which states no relation but its places'.
	Dateline bool
	// Headline marks a headline in title case ("Lebanese Villages Shelled
	// as Israeli Army Advances"; titleCased): its capitals say nothing of
	// names, and its grammar drops the words relations are read by.
	Headline bool
}

// titleCased reports whether sentence s is a headline in title case: it
// ends without a stop, of its words of four letters or more at least
// three, and four in five, start with a capital, and one of those is a
// verb ("Threatens", "Shelled": isVerb): a line of names ("Maj. Ann Berg,
// 36, of Tromso, Norway, Air Force Office of Investigations") is no
// headline.
func titleCased(toks []Token, s Sentence, isVerb func(k int) bool) bool {
	switch toks[s.Last-1].Text {
	case ".", "!", "?", "…", "\"", "”", ":":
		return false
	}
	n, up, verbs := 0, 0, 0
	for k := s.First; k < s.Last; k++ {
		t := toks[k].Text
		if utf8.RuneCountInString(t) < 4 || !isLetters(t) {
			continue
		}
		n++
		if startsUpper(t) {
			up++
			if isVerb(k) {
				verbs++
			}
		}
	}
	return up >= 3 && up*5 >= n*4 && verbs > 0
}

// isLetters reports whether t is letters and hyphens only.
func isLetters(t string) bool {
	for _, r := range t {
		if !unicode.IsLetter(r) && r != '-' {
			return false
		}
	}
	return t != ""
}

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// Tokenize splits text into tokens with byte offsets, by the built-in
// language file's abbreviations (an extractor tokenizes by its own).
func Tokenize(text string) []Token { return defaultWordLists().tokenize(text) }

// tokenize splits text into tokens with byte offsets.
func (w *wordLists) tokenize(text string) []Token {
	toks := make([]Token, 0, len(text)/5)
	newlines := 0
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			if r == '\n' {
				newlines++
			}
			i += size
			continue
		}
		j := i
		for j < len(text) {
			r, size := utf8.DecodeRuneInString(text[j:])
			if unicode.IsSpace(r) {
				break
			}
			j += size
		}
		first := len(toks)
		for _, part := range w.runOnSentences(text, i, j) {
			for _, p := range camelRunOns(text, part[0], part[1]) {
				n := len(toks)
				toks = w.tokenizeChunk(text, p[0], p[1], toks)
				if p[0] > part[0] && n < len(toks) {
					toks[n].Break = true
				}
			}
		}
		if first < len(toks) && newlines >= 2 {
			toks[first].Break = true
		}
		if first < len(toks) && newlines >= 1 {
			toks[first].Line = true
		}
		newlines = 0
		i = j
	}
	return toks
}

// runOnSentences cuts text[a:b], a run of characters without a space, after
// each full stop that ends a sentence run into the next one, as text taken
// from a page without its paragraph breaks has them ("16.Twin bombs",
// "bosses.Turn out", "Mendeloff.\"No,\" Elliott replied", "resumption\".While
// this"): a stop after a lower-case letter or a digit (a closing quotation
// mark or bracket may come between), followed by a capital and a lower-case
// letter, a capital alone ("reported.A local"), a word in capitals
// ("militant.FILE - A police officer"), or a quotation mark and a capital. Initialisms ("U.S.Army")
// and web addresses ("news.Example.com" aside, which is rare) stay whole:
// the word before the stop must be two letters or more without a stop of
// its own.
func (wl *wordLists) runOnSentences(text string, a, b int) [][2]int {
	var parts [][2]int
	start := a
	for k := a + 2; k+1 < b; k++ {
		if text[k] != '.' && text[k] != '!' && text[k] != '?' {
			continue
		}
		// A closing quotation mark or bracket may stand between the word
		// and the stop ("resumption\".While").
		q := k
		if r, size := utf8.DecodeLastRuneInString(text[start:k]); r == '"' || r == '”' || r == ')' {
			q = k - size
		}
		before, _ := utf8.DecodeLastRuneInString(text[start:q])
		if !unicode.IsLower(before) && !unicode.IsDigit(before) {
			continue
		}
		// The word before the stop: letters and digits back to the chunk's
		// start or to a mark; it must hold no stop of its own.
		w := q
		for w > start {
			r, size := utf8.DecodeLastRuneInString(text[start:w])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '\'' && r != '’' {
				break
			}
			w -= size
		}
		if utf8.RuneCountInString(text[w:q]) < 2 || w > start && text[w-1] == '.' {
			continue
		}
		next := k + 1
		r1, s1 := utf8.DecodeRuneInString(text[next:b])
		if r1 == '”' {
			// A closing quotation mark stays with the sentence it closes.
			r2, _ := utf8.DecodeRuneInString(text[next+s1 : b])
			if !unicode.IsUpper(r2) {
				continue
			}
			next += s1
		} else if r1 == '"' || r1 == '“' {
			r2, _ := utf8.DecodeRuneInString(text[next+s1 : b])
			if !unicode.IsUpper(r2) {
				continue
			}
		} else if unicode.IsDigit(r1) {
			// A counter or a date run in after a word of four lower-case
			// letters or more ("house arrest.1 of 46 Full Screen"); "no.1"
			// and "vol.2" stay whole.
			if utf8.RuneCountInString(text[w:q]) < 4 || !isLowerWord(text[w:q]) || wl.abbreviations[text[w:q]] {
				continue
			}
		} else {
			// A capital and a lower-case letter ("bosses.Turn"), a capital
			// alone ("reported.A local"), or a word in capitals, as a
			// caption's opening ("militant.FILE - A police officer").
			r2, _ := utf8.DecodeRuneInString(text[next+s1 : b])
			if !unicode.IsUpper(r1) || next+s1 < b && !unicode.IsLower(r2) && !unicode.IsUpper(r2) {
				continue
			}
		}
		parts = append(parts, [2]int{start, next})
		start = next
	}
	return append(parts, [2]int{start, b})
}

// camelRunOns cuts text[a:b], a run of characters without a space, where a
// heading or a caption was run into the next sentence without a stop, as
// text taken from a page often has it ("Budennovsk and beyondIn the 1990s",
// "Insufficient responseNeither Britain's"): after the run's opening word
// of three or more lower-case letters, before a capital and a lower-case
// letter. One reading of the run, in time linear in its length. The second
// part starts a sentence. Names written so keep a short or capital first
// part ("iPhone", "eBay", "deGrasse", "PayPal", "McDonald"), and handles,
// tags and addresses ("@nytimesWorld", "example.com/newsRoom") stay whole.
func camelRunOns(text string, a, b int) [][2]int {
	whole := [][2]int{{a, b}}
	if strings.ContainsAny(text[a:b], "@#/.:_") {
		return whole
	}
	// The chunk's leading run of lower-case letters, then a capital and a
	// lower-case letter.
	k, n := a, 0
	for k < b {
		r, size := utf8.DecodeRuneInString(text[k:b])
		if !unicode.IsLower(r) {
			break
		}
		k += size
		n++
	}
	if n < 3 || k >= b {
		return whole
	}
	r, size := utf8.DecodeRuneInString(text[k:b])
	if r2, _ := utf8.DecodeRuneInString(text[k+size : b]); !unicode.IsUpper(r) || !unicode.IsLower(r2) {
		return whole
	}
	return [][2]int{{a, k}, {k, b}}
}

// tokenizeChunk appends the tokens of text[i:j], a run of characters
// without a space.
func (w *wordLists) tokenizeChunk(text string, i, j int, toks []Token) []Token {
	{
		// Wiki headings and list bullets run into the words around them in
		// text taken from a page without its line breaks ("members.==Victims==All",
		// "US Bomb*2015-12-21"): each is a break, as a blank line would be.
		k, open, pending := i, false, false
		for _, m := range markupRuns(text, i, j) {
			before := len(toks)
			toks = w.splitChunk(text, k, m[0], toks)
			if pending && before < len(toks) {
				toks[before].Break, pending = true, false
			}
			// "==Victims==": the first run opens a heading, the second
			// closes it, and what follows starts anew.
			closing := text[m[0]] == '=' && open
			if text[m[0]] == '=' {
				open = !open
			}
			toks = append(toks, Token{Text: text[m[0]:m[1]], Start: m[0], End: m[1], Break: !closing})
			pending = closing
			k = m[1]
		}
		before := len(toks)
		toks = w.splitChunk(text, k, j, toks)
		if pending && before < len(toks) {
			toks[before].Break = true
		}
	}
	return toks
}

func isOpenPunct(r rune) bool {
	switch r {
	case '"', '\'', '(', '[', '{', '“', '‘', '«', '<', '*', '#', '_', '`', '¿', '¡':
		return true
	}
	return false
}

func isClosePunct(r rune) bool {
	switch r {
	case '"', '\'', ')', ']', '}', '”', '’', '»', '>', ',', ';', ':', '!', '?', '*', '_', '`', '…':
		return true
	}
	return false
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

// splitChunk splits one whitespace-delimited chunk [a, b) of text into tokens.
// markupRuns finds the wiki markup inside a chunk [a, b) of text without
// spaces: runs of two or more "=" (headings), a "*" that starts the chunk or
// follows a letter or a period and comes before a capital or a digit ("5*3"
// and "x*y" are no bullets), and a "•". Each is [start, end) in bytes.
func markupRuns(text string, a, b int) [][2]int {
	var out [][2]int
	for k := a; k < b; {
		switch c := text[k]; {
		case c == '=' && k+1 < b && text[k+1] == '=':
			e := k
			for e < b && text[e] == '=' {
				e++
			}
			// A heading's marks touch its words ("==Victims==All"); a
			// rule of "=" signs or "----==" is no heading.
			letter := func(i int) bool { return i >= a && i < b && (isUpperByte(text[i]) || text[i] >= 'a' && text[i] <= 'z') }
			edge := func(i int) bool { return i < a || i >= b || letter(i) || text[i] == '.' || isDigitByte(text[i]) }
			if e-k <= 6 && edge(k-1) && edge(e) && (letter(k-1) || letter(e)) {
				out = append(out, [2]int{k, e})
			}
			k = e
			continue
		case c == '*' && k+1 < b && (isUpperByte(text[k+1]) || isDigitByte(text[k+1])) &&
			(k == a || text[k-1] == '.' || text[k-1] == '=' || isUpperByte(text[k-1]) || text[k-1] >= 'a' && text[k-1] <= 'z'):
			out = append(out, [2]int{k, k + 1})
		case c == '*' && k+1 == b && k > a && (isUpperByte(text[k-1]) || text[k-1] >= 'a' && text[k-1] <= 'z' || text[k-1] == '=') && bulletFollows(text, b):
			// "* Security Forces* 2007 Bagram bombing*": an item's bullet
			// closes the one before it.
			out = append(out, [2]int{k, k + 1})
		case strings.HasPrefix(text[k:b], "•") && k+len("•") < b:
			out = append(out, [2]int{k, k + len("•")})
			k += len("•")
			continue
		}
		k++
	}
	return out
}

// bulletFollows reports whether the text after a chunk that ends in "*"
// goes on with a capital or a digit after one space, as the next item of a
// list run together does; a footnote's asterisk goes on in lower case.
func bulletFollows(text string, b int) bool {
	return b+1 < len(text) && text[b] == ' ' && (isUpperByte(text[b+1]) || isDigitByte(text[b+1]))
}

func isUpperByte(c byte) bool { return c >= 'A' && c <= 'Z' }
func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

func (w *wordLists) splitChunk(text string, a, b int, toks []Token) []Token {
	add := func(s, e int) {
		if s < e {
			toks = append(toks, Token{Text: text[s:e], Start: s, End: e})
		}
	}
	// Leading punctuation, one mark at a time.
	for a < b {
		r, size := utf8.DecodeRuneInString(text[a:])
		if !isOpenPunct(r) || a+size == b && !(r == '\'' || r == '"') {
			break
		}
		add(a, a+size)
		a += size
	}
	// Trailing punctuation, collected from the end; a wiki citation marker
	// ("Army[12]", "said.[3][4]") is split off as brackets and a number.
	var tail [][2]int
	for a < b {
		if n := citationMarker(text[a:b]); n > 0 {
			tail = append(tail, [2]int{b - 1, b}, [2]int{b - n + 1, b - 1}, [2]int{b - n, b - n + 1})
			b -= n
			continue
		}
		r, size := utf8.DecodeLastRuneInString(text[a:b])
		if isClosePunct(r) {
			// A closing apostrophe after s is a possessive (ISIS’), kept apart.
			tail = append(tail, [2]int{b - size, b})
			b -= size
			continue
		}
		if r == '.' {
			word := text[a : b-1]
			if w.isAbbreviation(word) {
				break
			}
			tail = append(tail, [2]int{b - 1, b})
			b--
			continue
		}
		break
	}
	// Inner splits: slashes and dashes between words, possessives, contractions.
	s := a
	for k := a; k < b; {
		r, size := utf8.DecodeRuneInString(text[k:])
		switch {
		case r == '/' || r == '—' || r == '–' || (r == '-' && k+1 < b && text[k+1] == '-'):
			add(s, k)
			w := size
			if r == '-' {
				w = 2
			}
			add(k, k+w)
			k += w
			s = k
			continue
		case isApostrophe(r) && k > s:
			rest := strings.ToLower(text[k+size : b])
			if rest == "s" || rest == "" || rest == "ll" || rest == "re" || rest == "ve" || rest == "m" || rest == "d" {
				add(s, k)
				add(k, b)
				s = b
				k = b
				continue
			}
		case (r == 'n' || r == 'N') && k > s && k+1 < b && strings.EqualFold(text[k:b], "n't"):
			add(s, k)
			add(k, b)
			s, k = b, b
			continue
		}
		k += size
	}
	add(s, b)
	for i := len(tail) - 1; i >= 0; i-- {
		add(tail[i][0], tail[i][1])
	}
	return toks
}

// citationMarker returns the length in bytes of a citation marker that
// ends chunk ("[12]", "[a]"), 0 if there is none or the chunk is one.
func citationMarker(chunk string) int {
	if !strings.HasSuffix(chunk, "]") {
		return 0
	}
	open := strings.LastIndexByte(chunk, '[')
	if open <= 0 {
		return 0
	}
	inner := chunk[open+1 : len(chunk)-1]
	if inner == "" || len(inner) > 4 {
		return 0
	}
	for _, r := range inner {
		if !unicode.IsDigit(r) && !(unicode.IsLower(r) && len(inner) == 1) {
			return 0
		}
	}
	return len(chunk) - open
}

// isAbbreviation reports whether word followed by a period is an abbreviation:
// initialisms (U.S, D.C), single initials (J), common short forms (Gen, Aug)
// and places' short forms as written (Conn, Calif).
func (w *wordLists) isAbbreviation(word string) bool {
	if word == "" {
		return false
	}
	if len(word) == 1 {
		r := rune(word[0])
		return unicode.IsUpper(r)
	}
	if strings.Contains(word, ".") {
		for _, part := range strings.Split(word, ".") {
			if utf8.RuneCountInString(part) != 1 {
				return false
			}
		}
		return true
	}
	return w.abbreviations[strings.ToLower(word)] || w.placeAbbreviations[word]
}

// MaxSentenceTokens bounds a sentence: a longer run of tokens without a
// sentence end (text without punctuation, a table flattened to a line) is
// cut into sentences of this many tokens, so that the work and memory spent
// on one sentence (its candidate pairs, its clause) stay bounded and an
// article costs time and memory linear in its size. Real sentences are far
// shorter.
const MaxSentenceTokens = 300

// Segment assigns tokens to sentences and returns the sentences, by the
// built-in language file's abbreviations (an extractor segments by its own);
// see wordLists.segment.
func Segment(text string, toks []Token) []Sentence { return defaultWordLists().segment(text, toks) }

// segment assigns tokens to sentences and returns the sentences.
//
// A blank line always ends a sentence. A single line break ends one too (a
// headline, a caption, a dateline on its own line, a list item), unless the
// text is hard-wrapped (see hardWrapped) or the line ends in a comma, an
// opening bracket or a dash.
func (w *wordLists) segment(text string, toks []Token) []Sentence {
	var sents []Sentence
	first := 0
	wrapped := hardWrapped(toks)
	closeAt := func(last int) {
		if last <= first {
			return
		}
		sents = append(sents, Sentence{First: first, Last: last, Start: toks[first].Start, End: toks[last-1].End})
		for k := first; k < last; k++ {
			toks[k].Sent = len(sents) - 1
		}
		first = last
	}
	for i := 0; i < len(toks); i++ {
		if i > first && (toks[i].Break || toks[i].Line && !wrapped && !joinsNextLine(toks[i-1].Text)) {
			closeAt(i)
		}
		if i-first >= MaxSentenceTokens {
			// A text without sentence breaks: cut, so that what is kept
			// per sentence stays bounded.
			closeAt(i)
		}
		if i == first && (i == 0 || toks[i].Break) {
			if n := datelineLength(toks[i:]); n > 0 {
				closeAt(i + n)
				sents[len(sents)-1].Dateline = true
				i += n - 1
				continue
			}
		}
		t := toks[i].Text
		end := false
		switch {
		case t == "." || t == "!" || t == "?" || t == "…":
			end = true
		case len(t) > 1 && strings.HasSuffix(t, ".") && i+1 < len(toks):
			word := strings.TrimSuffix(t, ".")
			if w.titleAbbreviations[strings.ToLower(word)] {
				break
			}
			next := toks[i+1].Text
			r, _ := utf8.DecodeRuneInString(next)
			end = unicode.IsUpper(r) && w.sentenceStarters[strings.ToLower(next)] || toks[i+1].Break
		}
		if !end {
			continue
		}
		// Closing quotes and brackets belong to the sentence they close.
		j := i + 1
		for j < len(toks) && isClosing(toks[j].Text) && !toks[j].Break && !opensWord(toks, j) {
			j++
		}
		if j < len(toks) && !toks[j].Break && (startsLower(toks[j].Text) || isComma(toks[j].Text)) {
			// "?" or "!" inside a quote followed by "said", or the period of
			// an abbreviation kg does not know followed by a comma
			// ("Madison, Wis., said"): not a sentence end.
			i = j - 1
			continue
		}
		closeAt(j)
		i = j - 1
	}
	closeAt(len(toks))
	return sents
}

// hardWrapped reports whether the text's lines are wrapped at a width
// rather than each a paragraph: at two or more line breaks, and at least a
// quarter of those that follow no sentence's end, the next line goes on in
// lowercase ("... said on\nTuesday that the"). Headlines and one-line
// paragraphs are followed by a capital.
func hardWrapped(toks []Token) bool {
	lower, open := 0, 0
	for i := 1; i < len(toks); i++ {
		if !toks[i].Line || toks[i].Break {
			continue
		}
		switch toks[i-1].Text {
		case ".", "!", "?", "…", ":", "\"", "”":
			continue
		}
		open++
		if startsLower(toks[i].Text) {
			lower++
		}
	}
	return lower >= 2 && 4*lower >= open
}

// joinsNextLine reports whether a line ending in t goes on on the next.
func joinsNextLine(t string) bool {
	switch t {
	case ",", ";", "(", "[", "-", "--", "—", "–", "&":
		return true
	}
	return false
}

// datelineLength returns the number of tokens of the dateline that opens a
// paragraph ("KABUL, Afghanistan (AP) —", "WASHINGTON —"), 0 if there is
// none: a word in capitals, then up to a dash only capitalized words,
// numbers, commas, periods and brackets, and a comma or bracket among them
// unless the first word is long enough not to be an acronym ("NATO — the
// alliance — said" is no dateline). The dateline says where the story was
// filed; as a sentence of its own it is not read as part of the first
// sentence's statement ("ISIS-K BASED_IN Kabul").
func datelineLength(toks []Token) int {
	if len(toks) == 0 || !allCaps(toks[0].Text) {
		return 0
	}
	marked := utf8.RuneCountInString(toks[0].Text) >= 5
	for k, t := range toks {
		if k > 0 && t.Break || k > 12 {
			return 0
		}
		// A hyphen set apart by spaces after an agency's credit is a dash
		// in plain text: "BAMAKO, Mali (Reuters) - Gunmen ...".
		spaced := t.Text == "-" && k > 0 && toks[k-1].Text == ")" && t.Start > toks[k-1].End && k+1 < len(toks) && toks[k+1].Start > t.End
		if isDash(t.Text) || spaced {
			if k == 0 || !marked {
				return 0
			}
			return k + 1
		}
		switch t.Text {
		case ",", "(", ")", "[", "]":
			marked = true
			continue
		case ".":
			continue
		}
		r, _ := utf8.DecodeRuneInString(t.Text)
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return 0
		}
	}
	return 0
}

// allCaps reports whether w is letters only, all of them capitals.
func allCaps(w string) bool {
	for _, r := range w {
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return w != ""
}

// opensWord reports whether token j is a straight quotation mark that
// opens the word after it: written against it, the word a letter's
// ("...Berg.\"No,\" she said": the second sentence's quote).
func opensWord(toks []Token, j int) bool {
	if toks[j].Text != "\"" && toks[j].Text != "'" || j+1 >= len(toks) || toks[j+1].Start != toks[j].End {
		return false
	}
	r, _ := utf8.DecodeRuneInString(toks[j+1].Text)
	return unicode.IsLetter(r)
}

func isClosing(t string) bool {
	switch t {
	case "\"", "'", "”", "’", ")", "]", "»":
		return true
	}
	return false
}

func isComma(t string) bool { return t == "," || t == ";" }

func startsLower(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsLower(r)
}

// startsUpper reports whether t starts with a capital letter.
func startsUpper(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsUpper(r)
}

// isDash reports whether t is a dash token: "—", "–" or "--".
func isDash(t string) bool { return t == "—" || t == "–" || t == "--" }

// isLowerWord reports whether s is letters, all lower-case.
func isLowerWord(s string) bool {
	for _, r := range s {
		if !unicode.IsLower(r) {
			return false
		}
	}
	return s != ""
}

// splitGlued cuts a capitalized word run into the next one without a space
// where a page's layout was lost ("Theresa MayVideo", "Sean
// MacStiofainBy June", "US BombZabiullah Mujahid"): a word of ASCII letters
// with a capital inside it after two or more lower-case letters, whose part
// before that capital the article also writes as a word of its own, and
// whose whole form it writes only once. A name written so throughout
// ("PlayStation", "WikiLeaks") recurs whole or has no first part of its
// own, and stays. The second part starts a sentence, as the run-on cuts'
// do. Linear in the number of tokens.
func splitGlued(toks []Token) []Token {
	count := make(map[string]int, len(toks))
	for _, t := range toks {
		count[t.Text]++
	}
	// Where to cut, first, so that the tokens are copied once, into a
	// slice of their final length.
	cut := map[int]int{}
	for i, t := range toks {
		if count[t.Text] != 1 {
			continue
		}
		for _, c := range gluedCuts(t.Text) {
			if count[t.Text[:c]] > 0 {
				cut[i] = c
			}
		}
	}
	if len(cut) == 0 {
		return toks
	}
	out := make([]Token, 0, len(toks)+len(cut))
	for i, t := range toks {
		p, ok := cut[i]
		if !ok {
			out = append(out, t)
			continue
		}
		first := t
		first.Text, first.End = t.Text[:p], t.Start+p
		out = append(out, first, Token{Text: t.Text[p:], Start: t.Start + p, End: t.End, Break: true})
	}
	return out
}

// gluedCuts returns where a word of ASCII letters that starts with a capital
// could be cut before a capital that two or more lower-case letters precede
// and a lower-case letter follows ("MayVideo": 3; "MacStiofainBy": 11), in
// order; none when the word has other characters or a capital in a row.
func gluedCuts(w string) []int {
	if len(w) < 5 || !isUpperByte(w[0]) {
		return nil
	}
	var cuts []int
	run := 0 // lower-case letters before k
	for k := 1; k < len(w); k++ {
		switch c := w[k]; {
		case c >= 'a' && c <= 'z':
			run++
		case isUpperByte(c):
			if k+1 >= len(w) || w[k+1] < 'a' || w[k+1] > 'z' {
				return nil
			}
			if run >= 2 {
				cuts = append(cuts, k)
			}
			run = 0
		default:
			return nil
		}
	}
	return cuts
}
