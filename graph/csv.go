package graph

import "strings"

// The CSV dialect of neo4j-admin database import, shared by the CSV export
// (graph/export) and the import files of kg load --csv (graph/neo4j).

// ArrayDelimiter joins the elements of list properties in CSV files: U+001F,
// a character news text does not hold (one that did would become a space),
// because sentences hold every printable separator.
const ArrayDelimiter = "\x1f"

// CSVText keeps the array delimiter out of a value.
func CSVText(s string) string { return strings.ReplaceAll(s, ArrayDelimiter, " ") }

// CSVArray joins a list property's values with ArrayDelimiter.
func CSVArray(xs []string) string {
	clean := make([]string, len(xs))
	for i, x := range xs {
		clean[i] = CSVText(x)
	}
	return strings.Join(clean, ArrayDelimiter)
}
