package graph

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
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

// row writes fields: strings quoted, []string as one quoted array, ints and
// floats bare, nil as an empty field.
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
					clean[k] = csvText(x)
				}
				iw.quotedRaw(strings.Join(clean, ArrayDelimiter))
			}
		case int:
			iw.w.WriteString(strconv.Itoa(v))
		case float64:
			iw.w.WriteString(strconv.FormatFloat(v, 'g', -1, 64))
		default:
			iw.quoted(fmt.Sprint(v))
		}
	}
	iw.w.WriteByte('\n')
}

// quoted writes a string value, without the array delimiter.
func (iw *importWriter) quoted(s string) { iw.quotedRaw(csvText(s)) }

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

// WriteImport writes the store's graph into dir as neo4j-admin import files
// (ImportFiles), with the properties and aggregates kg's loader would write.
func (l *Local) WriteImport(ctx context.Context, dir string) (ImportCounts, error) {
	var n ImportCounts
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return n, fmt.Errorf("cannot make folder %s: %v", dir, err)
	}
	// scripts/neo4j import takes every import file of the folder: another
	// one left there would join the graph.
	for _, pattern := range []string{"*.nodes.csv", "*.relationships.csv"} {
		found, _ := filepath.Glob(filepath.Join(dir, pattern))
		for _, f := range found {
			if !slices.Contains(ImportFiles, filepath.Base(f)) {
				return n, fmt.Errorf("folder %s holds %s, which is not one of kg's import files; give an empty folder (scripts/neo4j import would take every *.nodes.csv and *.relationships.csv in it)", dir, filepath.Base(f))
			}
		}
	}
	open := func(name string, header ...string) (*importWriter, error) {
		w, err := newImportWriter(filepath.Join(dir, name), header...)
		if err != nil {
			return nil, fmt.Errorf("cannot write %s: %v", filepath.Join(dir, name), err)
		}
		return w, nil
	}
	// Articles, and each one's day for its facts.
	arts, err := open("articles.nodes.csv", "id:ID(Article)", "path", "source", "title", "url", "published", "sha256", "schema", "extractor", "loaded_at:datetime", "resolution", ":LABEL")
	if err != nil {
		return n, err
	}
	rows, err := l.db.QueryContext(ctx, `SELECT id, path, abs_path, title, url, published, sha256, schema, extractor, loaded_at, r.data
		FROM articles LEFT JOIN resolution r ON r.article = id ORDER BY id`)
	if err != nil {
		return n, l.describe(err)
	}
	day := map[string]string{}
	for rows.Next() {
		var id, path, abs, title, url, published, sha, schema, extractor, loaded string
		var resolution sql.NullString
		if err := rows.Scan(&id, &path, &abs, &title, &url, &published, &sha, &schema, &extractor, &loaded, &resolution); err != nil {
			rows.Close()
			return n, l.describe(err)
		}
		day[id] = seenDate(published)
		var res any // no resolution: no property
		if resolution.Valid {
			res = resolution.String
		}
		arts.row(id, path, abs, title, url, published, sha, schema, extractor, loaded, res, "Article")
		n.Articles++
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return n, l.describe(err)
	}
	rows.Close()
	if err := arts.close(); err != nil {
		return n, err
	}
	// Entities.
	ents, err := open("entities.nodes.csv", "key:ID(Entity)", "name", "name_prefix", "type", "aliases:string[]", ":LABEL")
	if err != nil {
		return n, err
	}
	nodes, err := l.Nodes(ctx, nil)
	if err != nil {
		return n, err
	}
	for _, e := range nodes {
		ents.row(e.Key, e.Name, prefix(e.Name, NamePrefixChars), e.Type, e.Aliases, append([]string{"Entity"}, e.Labels...))
		n.Entities++
	}
	if err := ents.close(); err != nil {
		return n, err
	}
	// Mentions.
	ments, err := open("mentions.relationships.csv", ":START_ID(Article)", ":END_ID(Entity)", "count:int", ":TYPE")
	if err != nil {
		return n, err
	}
	rows, err = l.db.QueryContext(ctx, `SELECT article, entity, count FROM mentions ORDER BY article, entity`)
	if err != nil {
		return n, l.describe(err)
	}
	for rows.Next() {
		var a, e string
		var c int
		if err := rows.Scan(&a, &e, &c); err != nil {
			rows.Close()
			return n, l.describe(err)
		}
		ments.row(a, e, c, "MENTIONS")
		n.Mentions++
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return n, l.describe(err)
	}
	rows.Close()
	if err := ments.close(); err != nil {
		return n, err
	}
	// Facts: a node, each article's ASSERTS, and the aggregated edge.
	facts, err := open("facts.nodes.csv", "id:ID(Fact)", "type", "subject", "object", ":LABEL")
	if err != nil {
		return n, err
	}
	asserts, err := open("asserts.relationships.csv", ":START_ID(Article)", ":END_ID(Fact)", "count:int", "confidence:double", "evidence:string[]", "seen:date", ":TYPE")
	if err != nil {
		return n, err
	}
	edges, err := open("facts.relationships.csv", ":START_ID(Entity)", ":END_ID(Entity)", ":TYPE", "articles:int", "count:int", "confidence:double",
		"confidence_articles:int", "first_seen:date", "first_seen_articles:int", "last_seen:date", "last_seen_articles:int", "evidence:string[]", "evidence_articles:string[]")
	if err != nil {
		return n, err
	}
	rows, err = l.db.QueryContext(ctx, `SELECT subject, type, object, article, count, confidence, evidence FROM support ORDER BY subject, type, object, article`)
	if err != nil {
		return n, l.describe(err)
	}
	var cur *aggregate
	flush := func() {
		if cur == nil {
			return
		}
		facts.row(cur.id, cur.typ, cur.subject, cur.object, "Fact")
		edges.row(cur.subject, cur.object, cur.typ, cur.articles, cur.count, cur.confidence, cur.confidenceN,
			cur.first, cur.firstN, cur.last, cur.lastN, cur.evidence, cur.evidenceArticles)
		n.Facts++
	}
	for rows.Next() {
		var s, t, o, a, ev string
		var c int
		var conf float64
		if err := rows.Scan(&s, &t, &o, &a, &c, &conf, &ev); err != nil {
			rows.Close()
			return n, l.describe(err)
		}
		var texts []string
		if err := json.Unmarshal([]byte(ev), &texts); err != nil {
			rows.Close()
			return n, fmt.Errorf("store %s: the evidence of %s %s %s in article %s is not a JSON list of sentences (%v); rebuild the store", l.path, s, t, o, a, err)
		}
		id := factID(t, s, o)
		if cur == nil || cur.id != id {
			flush()
			cur = &aggregate{id: id, typ: t, subject: s, object: o}
		}
		cur.add(assertion{article: a, count: c, confidence: conf, evidence: texts, seen: day[a]}, l.maxEvidence)
		asserts.row(a, id, c, conf, texts, day[a], "ASSERTS")
		n.Asserts++
	}
	flush()
	if err := rows.Err(); err != nil {
		rows.Close()
		return n, l.describe(err)
	}
	rows.Close()
	for _, w := range []*importWriter{facts, asserts, edges} {
		if err := w.close(); err != nil {
			return n, err
		}
	}
	return n, nil
}

// prefix is the first n characters of s.
func prefix(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}
