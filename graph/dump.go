package graph

import "context"

// ArticleRow is an article as a store holds it.
type ArticleRow struct {
	ID, Path, Title, URL, Published, SHA256, Extractor string
	// Source is the absolute path of the article's file ("" for standard
	// input), so that a store can tell when it is gone.
	Source string
	// Schema is the fingerprint of the schema it was written under, LoadedAt
	// when (RFC 3339).
	Schema, LoadedAt string
}

// MentionRow says how often an article names an entity.
type MentionRow struct {
	Article, Entity string
	Count           int
}

// Dump is a store read back whole as rows, each kind in a fixed order, for
// writing it elsewhere: kg load writes a local store's contributions into
// Neo4j, kg load --csv its rows as the files of neo4j-admin import
// (neo4j.WriteImport).
type Dump interface {
	// EachContribution calls each with every article's contribution as the
	// store holds it (its facts added up, their evidence as kept), by path.
	EachContribution(ctx context.Context, each func(Contribution) error) error
	// EachArticle calls each with every article, by id.
	EachArticle(ctx context.Context, each func(ArticleRow) error) error
	// Nodes returns the entities with these keys (nil: all), as Source does.
	Nodes(ctx context.Context, keys []string) ([]Node, error)
	// EachMention calls each with every mention row, by article and entity.
	EachMention(ctx context.Context, each func(MentionRow) error) error
	// EachSupport calls each with every article's share of every fact, by
	// fact (subject, type, object) and article; Seen is the article's day.
	EachSupport(ctx context.Context, each func(Support) error) error
}
