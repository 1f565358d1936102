package extract

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"codeberg.org/readeck/go-readability/v2"
	"github.com/itlightning/dateparse"
	"golang.org/x/net/html"
)

// ReadArticles reads the articles of one file: one for text, Markdown and a
// saved web page (.html, .htm: reduced to its title, date and main text by a
// readability extractor), one per record for JSON lines (.jsonl) and JSON
// (.json: a record or an array of records). A record is an object with
// "text" (or "body" or "content") and optional "title", "url", "date" (or
// "published") and "id". Records that cannot be read come back as errors
// naming their line or position, beside the articles that could; err is for
// the file as a whole. maxBytes <= 0 means DefaultMaxBytes.
func ReadArticles(path string, maxBytes int64) (docs []*Document, bad []error, err error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".html", ".htm":
		doc, err := readHTML(path, maxBytes)
		if err != nil {
			return nil, nil, err
		}
		return []*Document{doc}, nil, nil
	case ".jsonl", ".json":
		return readRecords(path, maxBytes)
	}
	doc, err := ReadFile(path, maxBytes)
	if err != nil {
		return nil, nil, err
	}
	return []*Document{doc}, nil, nil
}

// readBytes reads a whole file within the size limit, as valid UTF-8.
func readBytes(path string, maxBytes int64) ([]byte, string, error) {
	data, err := readLimited(path, maxBytes)
	if err != nil {
		return nil, "", err
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, "", errors.New("binary data (NUL bytes), not an article")
	}
	if !utf8.Valid(data) {
		return nil, "", errors.New("not valid UTF-8; convert it, e.g. with iconv -f latin1 -t utf-8")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	return data, abs, nil
}

func readHTML(path string, maxBytes int64) (*Document, error) {
	data, abs, err := readBytes(path, maxBytes)
	if err != nil {
		return nil, err
	}
	if depth := htmlDepth(data); depth > MaxHTMLDepth {
		return nil, fmt.Errorf("the page nests elements %d deep, over the limit of %d (the readability step's time grows with the square of the depth); not read", depth, MaxHTMLDepth)
	}
	art, err := readability.FromReader(bytes.NewReader(data), nil)
	if err != nil && strings.Contains(err.Error(), "open stack of elements exceeds") {
		// The HTML parser refuses more than 512 open elements, which
		// htmlDepth counts fewer of (a nested table opens four, a
		// depth of one): the same refusal, in kg's words.
		return nil, fmt.Errorf("the page nests elements over 512 deep, counting every open one, over the HTML parser's limit; not read")
	}
	if err != nil {
		return nil, fmt.Errorf("cannot read the page: %v", err)
	}
	var text strings.Builder
	if err := art.RenderText(&text); err != nil {
		return nil, fmt.Errorf("cannot read the page's text: %v", err)
	}
	body := strings.TrimSpace(text.String())
	// A page with nothing but navigation ("Home") has no article to read.
	if len(strings.Fields(body)) < minArticleWords {
		return nil, errors.New("no article text found in the page")
	}
	sum := sha256.Sum256(data)
	doc := &Document{Path: path, SHA256: hex.EncodeToString(sum[:]), Text: body, Title: strings.TrimSpace(art.Title())}
	if t, err := art.PublishedTime(); err == nil && !t.IsZero() {
		doc.Published = t.Format("2006-01-02")
	}
	if doc.Title == "" {
		doc.Title = guessTitle(body, path)
	}
	doc.ID = documentID("path:" + abs)
	return doc, nil
}

// MaxHTMLDepth bounds how deeply a web page's elements may nest: the
// readability step takes time quadratic in the depth (10,000 levels took
// seconds, 50,000 minutes), and real pages nest a few dozen deep. It is
// under the HTML parser's own bound (golang.org/x/net/html refuses more
// than 512 open elements), so that kg's message, with the depth, is the one
// a page deeper than it gets.
const MaxHTMLDepth = 500

// htmlDepth is the deepest nesting of a page's elements, as its tags say
// (linear: a tokenizer, no tree). Void elements and those whose end tag may
// be left out (p, li, td, option, ...) add no depth, so sloppy pages are not
// counted deeper than they are.
func htmlDepth(data []byte) int {
	z := html.NewTokenizer(bytes.NewReader(data))
	depth, deepest := 0, 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return deepest
		case html.StartTagToken:
			name, _ := z.TagName()
			if !flatTags[string(name)] {
				depth++
				deepest = max(deepest, depth)
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if !flatTags[string(name)] && depth > 0 {
				depth--
			}
		}
	}
}

// flatTags are the elements htmlDepth does not count: void ones, and those
// whose end tag may be omitted.
var flatTags = setOf("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
	"p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rb", "rt", "rp", "tbody", "thead", "tfoot", "colgroup", "caption", "html", "head", "body")

// minArticleWords is the fewest words a web page's main text needs to count
// as an article.
const minArticleWords = 5

// record is one article of a JSON or JSON-lines file.
type record struct {
	Text, Body, Content string
	Title, URL, ID      string
	Date, Published     string
}

func readRecords(path string, maxBytes int64) ([]*Document, []error, error) {
	data, abs, err := readBytes(path, maxBytes)
	if err != nil {
		return nil, nil, err
	}
	var docs []*Document
	var bad []error
	used := map[string]bool{} // identities given out in this file
	add := func(where string, n int, raw []byte) {
		var r record
		if err := json.Unmarshal(raw, &r); err != nil {
			bad = append(bad, fmt.Errorf("%s: not a JSON object with text: %v", where, err))
			return
		}
		text := firstNonEmpty(r.Text, r.Body, r.Content)
		if strings.TrimSpace(text) == "" {
			bad = append(bad, fmt.Errorf("%s: no text, body or content", where))
			return
		}
		sum := sha256.Sum256(raw)
		doc := &Document{Path: fmt.Sprintf("%s:%d", path, n), SHA256: hex.EncodeToString(sum[:]),
			Text: strings.ReplaceAll(text, "\r\n", "\n"), Title: strings.TrimSpace(r.Title), URL: strings.TrimSpace(r.URL),
			Published: normalizeDate(firstNonEmpty(r.Published, r.Date))}
		if doc.Title == "" {
			doc.Title = guessTitle(doc.Text, doc.Path)
		}
		// The record's id, else its url (both stable when records are
		// added or removed around it), else its position; a record whose
		// id or url an earlier one of the file took gets its position.
		identity := fmt.Sprintf("path:%s#%d", abs, n)
		switch {
		case r.ID != "":
			identity = "path:" + abs + "#" + r.ID
		case doc.URL != "":
			identity = "path:" + abs + "#url:" + doc.URL
		}
		if used[identity] {
			identity = fmt.Sprintf("path:%s#%d", abs, n)
		}
		if used[identity] { // a record id that reads like a position
			identity = fmt.Sprintf("path:%s#record:%d", abs, n)
		}
		used[identity] = true
		doc.ID = documentID(identity)
		docs = append(docs, doc)
	}
	if strings.EqualFold(filepath.Ext(path), ".json") {
		trimmed := bytes.TrimSpace(data)
		if len(trimmed) > 0 && trimmed[0] == '[' {
			var list []json.RawMessage
			if err := json.Unmarshal(trimmed, &list); err != nil {
				return nil, nil, fmt.Errorf("not a JSON array of records: %v", err)
			}
			for i, raw := range list {
				add(fmt.Sprintf("record %d", i+1), i+1, raw)
			}
			return docs, bad, nil
		}
		add("the record", 1, trimmed)
		return docs, bad, nil
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), int(max(maxBytes, DefaultMaxBytes)))
	line := 0
	for sc.Scan() {
		line++
		if raw := bytes.TrimSpace(sc.Bytes()); len(raw) > 0 {
			add(fmt.Sprintf("line %d", line), line, append([]byte(nil), raw...))
		}
	}
	if err := sc.Err(); err != nil {
		return docs, bad, fmt.Errorf("line %d: %v", line+1, err)
	}
	return docs, bad, nil
}

// documentID hashes an article's identity into its id.
func documentID(identity string) string {
	sum := sha256.Sum256([]byte(identity))
	return hex.EncodeToString(sum[:8])
}

// normalizeDate writes a date as ISO 8601 (2021-08-26) when it can be read
// ("26 August 2021", "Aug 26, 2021", an RFC 3339 time), else leaves it as
// written.
func normalizeDate(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.Format("2006-01-02")
	}
	if t, err := dateparse.ParseStrict(s); err == nil {
		return t.Format("2006-01-02")
	}
	return s
}
