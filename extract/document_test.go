package extract

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name, data      string
		title, url, err string
		text            string
	}{
		{name: "front matter", data: "---\ntitle: Hello\nurl: https://example.org/a\ndate: 2021-11-22\n---\nBody text.\n",
			title: "Hello", url: "https://example.org/a", text: "Body text.\n"},
		{name: "title line", data: "A Short Title\n\nBody. More.", title: "A Short Title", text: "A Short Title\n\nBody. More."},
		{name: "no title", data: "Body starts with a sentence.", title: "no title", text: "Body starts with a sentence."},
		{name: "crlf and bom", data: "\ufeffLine one.\r\nLine two.", title: "crlf and bom", text: "Line one.\nLine two."},
		{name: "empty", data: "", title: "empty", text: ""},
		{name: "binary", data: "PK\x03\x04\x00\x00", err: "binary data"},
		{name: "latin1", data: "caf\xe9 au lait", err: "not valid UTF-8 (first bad byte at offset 3)"},
		{name: "bad front matter", data: "---\ntitle: [oops\n---\nBody.", err: "front matter is not valid YAML"},
		// Line numbers count from the top of the file, the opening "---" included.
		{name: "front matter error line", data: "---\ntitle: ok\nurl: a\n  bad: indent\n---\nBody.",
			err: "front matter is not valid YAML: line 4: mapping values are not allowed in this context"},
		{name: "front matter not a mapping", data: "---\n- a\n- b\n---\nBody.",
			err: "front matter is not valid YAML: line 2: cannot unmarshal !!seq into map[string]interface {}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse(tt.name, "id-"+tt.name, []byte(tt.data))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if doc.Title != tt.title || doc.URL != tt.url || doc.Text != tt.text {
				t.Errorf("got title %q url %q text %q", doc.Title, doc.URL, doc.Text)
			}
			if len(doc.ID) != 16 || len(doc.SHA256) != 64 {
				t.Errorf("id %q sha %q", doc.ID, doc.SHA256)
			}
		})
	}
}

// TestIdentity: an article keeps its ID when its text changes, so a loader can
// replace what it said; its SHA256 changes.
func TestIdentity(t *testing.T) {
	a := mustParse(t, "a.txt", "/news/a.txt", "One.")
	b := mustParse(t, "a.txt", "/news/a.txt", "Two.")
	c := mustParse(t, "c.txt", "/news/c.txt", "One.")
	if a.ID != b.ID || a.SHA256 == b.SHA256 || a.ID == c.ID {
		t.Errorf("ids %s %s %s", a.ID, b.ID, c.ID)
	}
	u1 := mustParse(t, "x.md", "/x.md", "---\nurl: https://e.org/1\n---\nA.")
	u2 := mustParse(t, "y.md", "/elsewhere/y.md", "---\nurl: https://e.org/1\n---\nB.")
	u1again := mustParse(t, "x.md", "/x.md", "---\nurl: https://e.org/1\n---\nA.")
	if u1.ID == u2.ID || u1.ID != u1again.ID {
		t.Errorf("two files with one url: ids %s %s, read again %s", u1.ID, u2.ID, u1again.ID)
	}
}

// TestRecordIdentity: records of a JSON-lines file that share a url, or
// repeat one, are articles of their own, and reading the file again gives
// the same ids.
func TestRecordIdentity(t *testing.T) {
	path := filepath.Join(t.TempDir(), "feed.jsonl")
	rec := `{"url": "https://e.org/1", "text": "%s"}` + "\n"
	data := fmt.Sprintf(rec+rec+rec+`{"id": "2", "text": "D."}`+"\n"+`{"text": "E."}`+"\n", "A.", "B.", "B.")
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	ids := func() []string {
		docs, bad, err := ReadArticles(path, 0)
		if err != nil || len(bad) > 0 {
			t.Fatal(err, bad)
		}
		var out []string
		for _, d := range docs {
			out = append(out, d.ID)
		}
		return out
	}
	first, second := ids(), ids()
	seen := map[string]bool{}
	for _, id := range first {
		seen[id] = true
	}
	if len(first) != 5 || len(seen) != 5 || strings.Join(first, " ") != strings.Join(second, " ") {
		t.Errorf("ids %v, again %v", first, second)
	}
}

func TestWalkAndRead(t *testing.T) {
	dir := t.TempDir()
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(dir, "sub", ".hidden"), 0o755))
	must(os.WriteFile(filepath.Join(dir, "b.txt"), []byte("B."), 0o644))
	must(os.WriteFile(filepath.Join(dir, "sub", "a.md"), []byte("A."), 0o644))
	must(os.WriteFile(filepath.Join(dir, "sub", ".hidden", "c.txt"), []byte("C."), 0o644))
	must(os.WriteFile(filepath.Join(dir, "image.png"), []byte("x"), 0o644))
	files, err := Walk(dir)
	must(err)
	if len(files) != 2 || !strings.HasSuffix(files[0], "b.txt") || !strings.HasSuffix(files[1], "a.md") {
		t.Errorf("Walk = %v", files)
	}
	empty := t.TempDir()
	if _, err := Walk(empty); err != ErrNoArticles {
		t.Errorf("empty folder: %v", err)
	}
	if _, err := Walk(filepath.Join(dir, "nope")); err == nil || err.Error() != "no such file or folder" {
		t.Errorf("missing: %v", err)
	}
	big := filepath.Join(dir, "big.txt")
	must(os.WriteFile(big, []byte(strings.Repeat("a", 2048)), 0o644))
	if _, err := ReadFile(big, 1024); err == nil || !strings.Contains(err.Error(), "over the 1.0 KB limit") {
		t.Errorf("big: %v", err)
	}
}

func TestNormalizeDate(t *testing.T) {
	for in, want := range map[string]string{
		"2021-01-10":           "2021-01-10",
		"21 August 2021":       "2021-08-21",
		"Aug 26, 2021":         "2021-08-26",
		"2021-08-26T10:00:00Z": "2021-08-26",
		"sometime last spring": "sometime last spring",
		"":                     "",
	} {
		if got := normalizeDate(in); got != want {
			t.Errorf("normalizeDate(%q) = %q, want %q", in, got, want)
		}
	}
}
