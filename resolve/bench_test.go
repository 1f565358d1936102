package resolve

import (
	"database/sql"
	"encoding/json"
	"os"
	"testing"

	"github.com/kg/kg/schemas"
	_ "modernc.org/sqlite"
)

// BenchmarkResolveStore resolves the corpus of a local store named by
// KG_BENCH_STORE (kg build makes one), whole and around one batch.
func BenchmarkResolveStore(b *testing.B) {
	path := os.Getenv("KG_BENCH_STORE")
	if path == "" {
		b.Skip("KG_BENCH_STORE names no store")
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT article, data FROM resolution`)
	if err != nil {
		b.Fatal(err)
	}
	ix := NewIndex(schemas.Default(), nil)
	for rows.Next() {
		var a, data string
		rows.Scan(&a, &data)
		var ss []stored
		json.Unmarshal([]byte(data), &ss)
		recs := make([]Record, len(ss))
		for i, s := range ss {
			recs[i] = s.Record
		}
		ix.Put(a, recs)
	}
	rows.Close()
	// A build of the whole store, 200 articles a batch, with and without
	// 1,000 corrections naming its entities.
	arts := sortedKeys(ix.arts)
	var corr []Correction
	keys := sortedKeys(ix.nodes)
	for i := 0; i < 1000; i++ {
		a, z := ix.nodes[keys[(i*7919)%len(keys)]], ix.nodes[keys[(i*104729+1)%len(keys)]]
		switch i % 4 {
		case 0:
			corr = append(corr, Correction{Merge: []string{a.name(), z.name()}})
		case 1:
			corr = append(corr, Correction{Split: []string{a.name(), z.name()}})
		case 2:
			corr = append(corr, Correction{Rename: &Change{Entity: a.name(), To: a.name() + " (renamed)"}})
		default:
			corr = append(corr, Correction{Reject: &Reject{Entity: a.name()}})
		}
	}
	for _, c := range []*Corrections{nil, {Entries: corr}} {
		name := "build, no corrections"
		if c != nil {
			name = "build, 1000 corrections"
		}
		b.Run(name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				bx := NewIndex(schemas.Default(), c)
				for start := 0; start < len(arts); start += 200 {
					batch := arts[start:min(start+200, len(arts))]
					for _, a := range batch {
						bx.Put(a, ix.arts[a])
					}
					bx.ResolveAround(batch)
				}
				bx.Resolve()
			}
		})
	}
	b.Run("whole corpus", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			ix.Resolve()
		}
	})
	// A build's batch: 200 articles resolved against the rest.
	batch := sortedKeys(ix.arts)
	batch = batch[:min(200, len(batch))]
	b.Run("around a batch of 200", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			ix.ResolveAround(batch)
		}
	})
}
