package extract

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"syscall"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// Document is one article: its identity, metadata and body text.
type Document struct {
	// ID identifies the article across runs: the hash of its file's absolute
	// path (and, in a JSON or JSON-lines file, of the record's id, else its
	// url, else its position), or for standard input of its content. The url
	// is no part of it: two files with one url (syndicated copies, canonical
	// urls) are two articles. An article whose text changes keeps its ID, so
	// a loader can replace what it said.
	ID    string `json:"id"`
	Path  string `json:"path"`
	Title string `json:"title"`
	URL   string `json:"url,omitempty"`
	// Published is the date from the front matter, as written there.
	Published string `json:"published,omitempty"`
	// SHA256 is the hash of the file's bytes, to tell when an article changed.
	SHA256 string `json:"sha256"`
	// Text is the body: the file without its front matter. Offsets in an
	// Extraction count Unicode code points into it.
	Text string `json:"-"`
}

// DefaultMaxBytes is the largest article read unless the caller says otherwise.
const DefaultMaxBytes = 10 << 20

// Extensions are the file endings read as articles.
var Extensions = []string{".txt", ".md", ".markdown", ".text", ".html", ".htm", ".jsonl", ".json"}

// ErrNoArticles is returned by Walk for a folder without a supported file.
var ErrNoArticles = errors.New("no supported article files (.txt, .md, .markdown, .text, .html, .htm, .jsonl, .json)")

// Supported reports whether path has an article file ending.
func Supported(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	for _, e := range Extensions {
		if ext == e {
			return true
		}
	}
	return false
}

// Walk lists the article files under root, recursively and in a stable order.
// A root that is a file is returned as is, whatever its ending.
func Walk(root string) ([]string, error) {
	files, _, err := WalkCounting(root)
	return files, err
}

// WalkCounting is Walk, and also counts the files it left out for their
// ending (hidden files and folders are not counted). A path under root that
// cannot be read is an error here; WalkFolder names it and goes on.
func WalkCounting(root string) ([]string, int, error) {
	w, err := WalkFolder(root, WalkOptions{})
	if err == nil && len(w.Bad) > 0 {
		err = fmt.Errorf("%s: %w", w.Bad[0].Path, w.Bad[0].Err)
	}
	if err != nil {
		return nil, w.Skipped, err
	}
	return w.Files, w.Skipped, nil
}

// WalkOptions say how WalkFolder walks.
type WalkOptions struct {
	// FollowSymlinks follows symbolic links under the root, to files and to
	// folders (a link back to a folder being walked is named in Bad). Off,
	// they are skipped and counted in Skipped and Symlinks, as rsync and
	// find do by default. A root that is a link is followed either way.
	FollowSymlinks bool
}

// Walked is what a walk of a folder found.
type Walked struct {
	// Files are the article files, sorted: regular files with an article
	// ending.
	Files []string
	// Skipped counts the files left out for their ending, and the symbolic
	// links not followed (hidden files and folders are not counted).
	Skipped int
	// Symlinks counts the symbolic links not followed.
	Symlinks int
	// Left are the files counted in Skipped, each with why it was left out.
	Left []PathError
	// Bad are the paths under the root that could not be read (a folder
	// without permission, say) or are no files to read (a named pipe or a
	// device with an article ending), each with why: named, and left out.
	Bad []PathError
}

// PathError is a path a walk could not read, and why.
type PathError struct {
	Path string
	Err  error
}

// WalkFolder walks root as Walk does, but a subfolder it cannot read is
// named in Bad and the rest is walked; only regular files are articles. err
// is for the root alone (missing, unreadable), or ErrNoArticles when nothing
// under it is an article and nothing was unreadable.
func WalkFolder(root string, opt WalkOptions) (Walked, error) {
	var w Walked
	info, err := os.Stat(root)
	if err != nil {
		return w, describeOSError(err)
	}
	if !info.IsDir() {
		// Named by the user: read (or refused, if no regular file) as is.
		w.Files = []string{root}
		return w, nil
	}
	entries, err := os.ReadDir(root)
	if err != nil {
		return w, describeOSError(err)
	}
	w.walk(root, entries, []os.FileInfo{info}, opt)
	if len(w.Files) == 0 && len(w.Bad) == 0 {
		if w.Symlinks > 0 {
			return w, fmt.Errorf("%w; %d symbolic links were not followed (--follow-symlinks follows them)", ErrNoArticles, w.Symlinks)
		}
		return w, ErrNoArticles
	}
	sort.Strings(w.Files)
	return w, nil
}

// walk adds what the folder dir (its entries read, its folders and those
// above it in ancestors) holds.
func (w *Walked) walk(dir string, entries []fs.DirEntry, ancestors []os.FileInfo, opt WalkOptions) {
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		p := filepath.Join(dir, e.Name())
		typ := e.Type()
		var info os.FileInfo
		if typ&fs.ModeSymlink != 0 {
			if !opt.FollowSymlinks {
				w.Skipped++
				w.Symlinks++
				w.Left = append(w.Left, PathError{p, errors.New("symbolic link, not followed (--follow-symlinks follows it)")})
				continue
			}
			var err error
			if info, err = os.Stat(p); err != nil {
				w.Bad = append(w.Bad, PathError{p, fmt.Errorf("symbolic link to nothing readable: %w", describeOSError(err))})
				continue
			}
			typ = info.Mode().Type()
		}
		if typ.IsDir() {
			if info == nil {
				var err error
				if info, err = e.Info(); err != nil {
					w.Bad = append(w.Bad, PathError{p, describeOSError(err)})
					continue
				}
			}
			if opt.FollowSymlinks && slices.ContainsFunc(ancestors, func(a os.FileInfo) bool { return os.SameFile(a, info) }) {
				w.Bad = append(w.Bad, PathError{p, errors.New("symbolic link to a folder above it; not followed again")})
				continue
			}
			sub, err := os.ReadDir(p)
			if err != nil {
				w.Bad = append(w.Bad, PathError{p, fmt.Errorf("%w; left out, the rest is read", describeOSError(err))})
			}
			w.walk(p, sub, append(ancestors[:len(ancestors):len(ancestors)], info), opt)
			continue
		}
		if !Supported(p) {
			w.Skipped++
			why := "no article ending"
			if ext := filepath.Ext(p); ext != "" {
				why = "a " + strings.ToLower(ext) + " file, not an article format kg reads"
			}
			w.Left = append(w.Left, PathError{p, errors.New(why)})
			continue
		}
		if !typ.IsRegular() {
			w.Bad = append(w.Bad, PathError{p, notRegular(typ)})
			continue
		}
		w.Files = append(w.Files, p)
	}
}

// notRegular says why a path that is no regular file is no article.
func notRegular(typ fs.FileMode) error {
	kind := "not a regular file"
	switch {
	case typ&fs.ModeNamedPipe != 0:
		kind = "a named pipe (FIFO), not a regular file"
	case typ&fs.ModeSocket != 0:
		kind = "a socket, not a regular file"
	case typ&fs.ModeDevice != 0:
		kind = "a device, not a regular file"
	}
	return errors.New(kind + "; only regular files are articles")
}

// readLimited reads a regular file, at most maxBytes of it: the size is
// checked on what is read, not on what stat says (a file that grows, or
// /proc), and a named pipe or device is refused before it is read (opened
// without blocking, so a FIFO without a writer cannot stall the build).
func readLimited(path string, maxBytes int64) ([]byte, error) {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, describeOSError(err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, describeOSError(err)
	}
	if info.IsDir() {
		return nil, errors.New("is a folder")
	}
	if !info.Mode().IsRegular() {
		return nil, notRegular(info.Mode().Type())
	}
	tooBig := fmt.Errorf("file is over the %s limit; split it or raise --max-size", humanBytes(maxBytes))
	if info.Size() > maxBytes {
		return nil, fmt.Errorf("file is %s, over the %s limit; split it or raise --max-size", humanBytes(info.Size()), humanBytes(maxBytes))
	}
	data, err := io.ReadAll(io.LimitReader(f, maxBytes+1))
	if err != nil {
		return nil, describeOSError(err)
	}
	if int64(len(data)) > maxBytes {
		return nil, tooBig
	}
	return data, nil
}

func describeOSError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return errors.New("no such file or folder")
		case errors.Is(err, fs.ErrPermission):
			return errors.New("permission denied")
		}
		return pe.Err
	}
	return err
}

// ReadFile reads one article file. maxBytes <= 0 means DefaultMaxBytes.
func ReadFile(path string, maxBytes int64) (*Document, error) {
	data, err := readLimited(path, maxBytes)
	if err != nil {
		return nil, err
	}
	id := path
	if abs, err := filepath.Abs(path); err == nil {
		id = abs
	}
	return Parse(path, id, data)
}

// ReadAll reads one article from r (standard input), up to maxBytes.
func ReadAll(name string, r io.Reader, maxBytes int64) (*Document, error) {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	data, err := io.ReadAll(io.LimitReader(r, maxBytes+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > maxBytes {
		return nil, fmt.Errorf("input is over the %s limit; split it or raise --max-size", humanBytes(maxBytes))
	}
	return Parse(name, "", data)
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// Parse makes a Document from a file's bytes. identity (the file's absolute
// path) keys the document's ID; empty means the content itself.
func Parse(path, identity string, data []byte) (*Document, error) {
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, errors.New("binary data (NUL bytes), not an article")
	}
	if !utf8.Valid(data) {
		off := 0
		for off < len(data) {
			r, size := utf8.DecodeRune(data[off:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			off += size
		}
		return nil, fmt.Errorf("not valid UTF-8 (first bad byte at offset %d); convert it, e.g. with iconv -f latin1 -t utf-8", off)
	}
	sum := sha256.Sum256(data)
	doc := &Document{Path: path, SHA256: hex.EncodeToString(sum[:])}
	text := strings.TrimPrefix(string(data), "\ufeff")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	body, meta, err := splitFrontMatter(text)
	if err != nil {
		return nil, err
	}
	doc.Text = body
	doc.Title = strings.TrimSpace(meta.Title)
	doc.URL = strings.TrimSpace(meta.URL)
	doc.Published = normalizeDate(firstNonEmpty(meta.Published, meta.Date))
	if doc.Title == "" {
		doc.Title = guessTitle(body, path)
	}
	if identity != "" {
		identity = "path:" + identity
	} else {
		identity = "sha256:" + doc.SHA256
	}
	doc.ID = documentID(identity)
	return doc, nil
}

// LegacyID is the id a kg before the path-keyed ids gave an article with this
// url (the hash of the url alone, so that two articles with one url were
// one), or "" for none. A loader that finds an article stored under it from
// the same file takes that one back when it stores the article under its new
// id, so a store or graph an earlier kg built is carried over by the next
// build without a duplicate.
func LegacyID(url string) string {
	if url == "" {
		return ""
	}
	return documentID("url:" + url)
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if strings.TrimSpace(x) != "" {
			return x
		}
	}
	return ""
}

type frontMatter struct {
	Title     string `yaml:"title"`
	URL       string `yaml:"url"`
	Date      string `yaml:"date"`
	Published string `yaml:"published"`
}

// splitFrontMatter separates a leading "---" YAML block from the body.
func splitFrontMatter(text string) (string, frontMatter, error) {
	var fm frontMatter
	if !strings.HasPrefix(text, "---\n") {
		return text, fm, nil
	}
	end := strings.Index(text[4:], "\n---")
	if end < 0 {
		return text, fm, nil
	}
	block := text[4 : 4+end]
	rest := text[4+end+4:]
	if i := strings.IndexByte(rest, '\n'); i >= 0 && strings.TrimSpace(rest[:i]) == "" {
		rest = rest[i+1:]
	} else if strings.TrimSpace(rest) == "" {
		rest = ""
	}
	var raw map[string]any
	// The newline stands for the opening "---", so that the line numbers in
	// YAML's errors count from the top of the file.
	if err := yaml.Unmarshal([]byte("\n"+block), &raw); err != nil {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		msg = strings.ReplaceAll(strings.TrimPrefix(msg, "unmarshal errors:\n"), "\n", ";")
		return "", fm, fmt.Errorf("front matter is not valid YAML: %s", strings.Join(strings.Fields(msg), " "))
	}
	str := func(k string) string {
		if v, ok := raw[k]; ok && v != nil {
			return fmt.Sprint(v)
		}
		return ""
	}
	fm = frontMatter{Title: str("title"), URL: str("url"), Date: str("date"), Published: str("published")}
	return rest, fm, nil
}

// guessTitle takes a short first line without final punctuation as the title,
// else the file name.
func guessTitle(body, path string) string {
	line := strings.TrimSpace(body)
	if i := strings.IndexByte(line, '\n'); i >= 0 {
		line = strings.TrimSpace(line[:i])
	}
	line = strings.TrimLeft(line, "# ")
	if line != "" && utf8.RuneCountInString(line) <= 120 && !strings.ContainsAny(line[len(line)-1:], ".,;:!?\"”") {
		return line
	}
	base := filepath.Base(path)
	return strings.TrimSuffix(base, filepath.Ext(base))
}
