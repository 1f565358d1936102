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
		ix.Put(a, records(ss))
	}
	rows.Close()
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
