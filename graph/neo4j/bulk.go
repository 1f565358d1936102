package neo4j

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/kg/kg/graph"
)

// Bulk loading: the local store's graph written as the files of
// neo4j-admin database import, in kg's own Neo4j model (articles, entities,
// facts, mentions, ASSERTS and the aggregated edges), so that
// scripts/neo4j import makes in seconds the database the incremental loader
// makes in minutes, and the loader continues on top of it.

// ImportFiles are the files WriteImport writes: nodes first, then
// relationships; scripts/neo4j import takes every *.nodes.csv and
// *.relationships.csv of the folder.
var ImportFiles = []string{"articles.nodes.csv", "entities.nodes.csv", "facts.nodes.csv",
	"mentions.relationships.csv", "asserts.relationships.csv", "facts.relationships.csv"}

// ImportCounts says what WriteImport wrote.
type ImportCounts struct {
	Articles, Entities, Facts, Mentions, Asserts int
}

// importWriter writes one CSV file of neo4j-admin's dialect: every string
// quoted (a quoted empty string is an empty string, an empty field none),
// arrays joined with ArrayDelimiter.
type importWriter struct {
	f   *os.File
	w   *bufio.Writer
	err error
}

func newImportWriter(path string, header ...string) (*importWriter, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	iw := &importWriter{f: f, w: bufio.NewWriterSize(f, 1<<20)}
	iw.w.WriteString(strings.Join(header, ",") + "\n")
	return iw, nil
}

// row writes fields: strings quoted, []string as one quoted array, ints,
// floats and booleans bare, nil as an empty field.
func (iw *importWriter) row(fields ...any) {
	for i, f := range fields {
		if i > 0 {
			iw.w.WriteByte(',')
		}
		switch v := f.(type) {
		case nil:
		case string:
			iw.quoted(v)
		case []string:
			if len(v) > 0 {
				clean := make([]string, len(v))
				for k, x := range v {
					clean[k] = graph.CSVText(x)
				}
				iw.quotedRaw(strings.Join(clean, graph.ArrayDelimiter))
			}
		case int:
			iw.w.WriteString(strconv.Itoa(v))
		case float64:
			iw.w.WriteString(strconv.FormatFloat(v, 'g', -1, 64))
		case bool:
			iw.w.WriteString(strconv.FormatBool(v))
		default:
			iw.quoted(fmt.Sprint(v))
		}
	}
	iw.w.WriteByte('\n')
}

// quoted writes a string value, without the array delimiter.
func (iw *importWriter) quoted(s string) { iw.quotedRaw(graph.CSVText(s)) }

func (iw *importWriter) quotedRaw(s string) {
	iw.w.WriteByte('"')
	iw.w.WriteString(strings.ReplaceAll(s, `"`, `""`))
	iw.w.WriteByte('"')
}

func (iw *importWriter) close() error {
	if err := iw.w.Flush(); err != nil {
		iw.f.Close()
		return err
	}
	return iw.f.Close()
}

// WriteImport writes a store's graph (read back from src, a local store)
// into dir as neo4j-admin import files (ImportFiles), with the properties
// and aggregates Write would give it, each fact's edge keeping maxEvidence
// evidence sentences.
func WriteImport(ctx context.Context, src graph.Dump, dir string, maxEvidence int) (ImportCounts, error) {
	var n ImportCounts
	if maxEvidence <= 0 {
		maxEvidence = graph.DefaultMaxEvidence
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return n, fmt.Errorf("cannot make folder %s: %w", dir, err)
	}
	// scripts/neo4j import takes every import file of the folder: another
	// one left there would join the graph.
	for _, pattern := range []string{"*.nodes.csv", "*.relationships.csv"} {
		found, err := filepath.Glob(filepath.Join(dir, pattern))
		if err != nil {
			return n, fmt.Errorf("cannot list folder %s: %w", dir, err)
		}
		for _, f := range found {
			if !slices.Contains(ImportFiles, filepath.Base(f)) {
				return n, fmt.Errorf("folder %s holds %s, which is not one of kg's import files; give an empty folder (scripts/neo4j import would take every *.nodes.csv and *.relationships.csv in it)", dir, filepath.Base(f))
			}
		}
	}
	open := func(name string, header ...string) (*importWriter, error) {
		w, err := newImportWriter(filepath.Join(dir, name), header...)
		if err != nil {
			return nil, fmt.Errorf("cannot write %s: %w", filepath.Join(dir, name), err)
		}
		return w, nil
	}
	arts, err := open("articles.nodes.csv", "id:ID(Article)", "path", "source", "title", "url", "published", "sha256", "schema", "extractor", "loaded_at:datetime", "resolution", ":LABEL")
	if err != nil {
		return n, err
	}
	if err := src.EachArticle(ctx, func(a graph.ArticleRow) error {
		arts.row(a.ID, a.Path, a.Source, a.Title, a.URL, a.Published, a.SHA256, a.Schema, a.Extractor, a.LoadedAt, orNil(a.Resolution), "Article")
		n.Articles++
		return nil
	}); err != nil {
		arts.close()
		return n, err
	}
	if err := arts.close(); err != nil {
		return n, err
	}
	ents, err := open("entities.nodes.csv", "key:ID(Entity)", "name", "name_prefix", "type", "aliases:string[]", ":LABEL")
	if err != nil {
		return n, err
	}
	nodes, err := src.Nodes(ctx, nil)
	if err != nil {
		ents.close()
		return n, err
	}
	for _, e := range nodes {
		ents.row(e.Key, e.Name, prefix(e.Name, NamePrefixChars), e.Type, e.Aliases, append([]string{"Entity"}, e.Labels...))
		n.Entities++
	}
	if err := ents.close(); err != nil {
		return n, err
	}
	ments, err := open("mentions.relationships.csv", ":START_ID(Article)", ":END_ID(Entity)", "count:int", ":TYPE")
	if err != nil {
		return n, err
	}
	if err := src.EachMention(ctx, func(m graph.MentionRow) error {
		ments.row(m.Article, m.Entity, m.Count, "MENTIONS")
		n.Mentions++
		return nil
	}); err != nil {
		ments.close()
		return n, err
	}
	if err := ments.close(); err != nil {
		return n, err
	}
	// Facts: a node, each article's ASSERTS, and the aggregated edge.
	facts, err := open("facts.nodes.csv", "id:ID(Fact)", "type", "subject", "object", ":LABEL")
	if err != nil {
		return n, err
	}
	asserts, err := open("asserts.relationships.csv", ":START_ID(Article)", ":END_ID(Fact)", "count:int", "confidence:double", "alleged:boolean",
		"evidence:string[]", "evidence_assertions:string[]", "seen:date", ":TYPE")
	if err != nil {
		return n, err
	}
	edges, err := open("facts.relationships.csv", ":START_ID(Entity)", ":END_ID(Entity)", ":TYPE", "articles:int", "asserted_articles:int", "alleged:boolean",
		"count:int", "confidence:double", "confidence_articles:int", "first_seen:date", "first_seen_articles:int", "last_seen:date", "last_seen_articles:int",
		"evidence:string[]", "evidence_articles:string[]", "evidence_assertions:string[]")
	if err != nil {
		return n, err
	}
	var cur *graph.Aggregate
	flush := func() {
		if cur == nil {
			return
		}
		facts.row(cur.ID, cur.Type, cur.Subject, cur.Object, "Fact")
		edges.row(cur.Subject, cur.Object, cur.Type, cur.Articles, cur.AssertedArticles, cur.Alleged(), cur.Count, cur.Confidence, cur.ConfidenceN,
			cur.First, cur.FirstN, cur.Last, cur.LastN, cur.Evidence, cur.EvidenceArticles, cur.EvidenceAssertions)
		n.Facts++
	}
	err = src.EachSupport(ctx, func(s graph.Support) error {
		id := graph.FactID(s.Type, s.Subject, s.Object)
		if cur == nil || cur.ID != id {
			flush()
			cur = graph.NewAggregate(s.Type, s.Subject, s.Object)
		}
		assertions := graph.EvidenceAssertions(s.Evidence, s.EvidenceAssertions)
		cur.Add(graph.Assertion{Article: s.Article, Count: s.Count, Confidence: s.Confidence, Alleged: s.Alleged,
			Evidence: s.Evidence, EvidenceAssertions: assertions, Seen: s.Seen}, maxEvidence)
		asserts.row(s.Article, id, s.Count, s.Confidence, s.Alleged, s.Evidence, assertions, s.Seen, "ASSERTS")
		n.Asserts++
		return nil
	})
	if err == nil {
		flush()
	}
	for _, w := range []*importWriter{facts, asserts, edges} {
		if cerr := w.close(); err == nil {
			err = cerr
		}
	}
	return n, err
}

// prefix is the first n characters of s.
func prefix(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}
