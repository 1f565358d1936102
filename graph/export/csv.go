package export

import (
	"bufio"
	"encoding/csv"
	"strconv"
	"strings"

	"github.com/kg/kg/graph"
)

// csvFormat writes nodes.csv and relationships.csv with the headers of
// neo4j-admin database import (":ID", ":LABEL", ":START_ID", ":END_ID",
// ":TYPE", typed property columns). Arrays are joined with ArrayDelimiter,
// U+001F, a character news text does not hold (one that did would become a
// space), because sentences hold every printable separator. Import with:
//
//	neo4j-admin database import full --array-delimiter=U+001F --multiline-fields=true \
//	  --nodes=nodes.csv --relationships=relationships.csv DATABASE
type csvFormat struct{}

// CSVFiles are the files of a CSV export.
var CSVFiles = []string{"nodes.csv", "relationships.csv"}

func init() {
	register(Format{Name: "csv", Ext: "", Files: CSVFiles,
		Tools: "neo4j-admin database import, LOAD CSV, spreadsheets, pandas", Exporter: csvFormat{}})
}

// Export writes the two files.
func (csvFormat) Export(out Output, g *graph.Subgraph) error {
	w0, err := out.Create("nodes.csv")
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w0)
	w := csv.NewWriter(bw)
	w.Write([]string{"key:ID", "name", "type", "aliases:string[]", "mentions:int", "articles:int", ":LABEL"})
	for _, n := range g.Nodes {
		labels := append([]string{"Entity"}, n.Labels...)
		if n.IsArticle() {
			labels = []string{"Article"}
		}
		w.Write([]string{n.Key, graph.CSVText(n.Name), graph.CSVText(n.Type), graph.CSVArray(n.Aliases),
			strconv.Itoa(n.Mentions), strconv.Itoa(n.Articles), strings.Join(labels, graph.ArrayDelimiter)})
	}
	if w.Flush(); w.Error() != nil {
		return w.Error()
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	w1, err := out.Create("relationships.csv")
	if err != nil {
		return err
	}
	bw = bufio.NewWriter(w1)
	w = csv.NewWriter(bw)
	w.Write([]string{":START_ID", ":END_ID", ":TYPE", "articles:int", "article_ids:string[]", "asserted_articles:int", "alleged:boolean",
		"count:int", "confidence:double", "evidence:string[]", "evidence_articles:string[]", "evidence_assertions:string[]", "first_seen:date", "last_seen:date"})
	for _, e := range g.Edges {
		texts, from, assertions := evidenceLists(e.Evidence)
		w.Write([]string{e.Source, e.Target, e.Type, strconv.Itoa(e.Articles), graph.CSVArray(e.ArticleIDs), strconv.Itoa(e.AssertedArticles),
			strconv.FormatBool(e.Alleged), strconv.Itoa(e.Count), strconv.FormatFloat(e.Confidence, 'g', -1, 64),
			graph.CSVArray(texts), graph.CSVArray(from), graph.CSVArray(assertions), e.FirstSeen, e.LastSeen})
	}
	if w.Flush(); w.Error() != nil {
		return w.Error()
	}
	return bw.Flush()
}
