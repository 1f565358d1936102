package graph

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// BenchmarkLoad loads a synthetic graph of 100,000 relationships among 20,000
// entities (200 articles of 500 relations) into the test server (KG_TEST_NEO4J_URI; scripts/test starts one),
// and reports relationships per second and the process's peak memory. The
// batch-50 run is the baseline the default batch size is compared against.
//
//	scripts/test -run '^$' -bench Load -benchtime 1x
func BenchmarkLoad(b *testing.B) {
	corpus := synthetic(200, 500, 20000)
	rels := 0
	for _, ex := range corpus {
		rels += len(ex.Relations)
	}
	for _, batch := range []int{DefaultBatchSize, 50} {
		b.Run(fmt.Sprintf("batch=%d", batch), func(b *testing.B) {
			cfg := testConfig(b)
			cfg.BatchSize = batch
			st := testStore(b, cfg)
			ctx := context.Background()
			var elapsed time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				clearGraph(b)
				b.StartTimer()
				t0 := time.Now()
				if _, err := st.LoadAll(ctx, corpus); err != nil {
					b.Fatal(err)
				}
				elapsed += time.Since(t0)
			}
			b.ReportMetric(float64(rels*b.N)/elapsed.Seconds(), "rels/s")
			b.ReportMetric(peakRSSMiB(), "peak-MiB")
			var n int64
			rows, err := st.Query(ctx, "MATCH ()-[r]->() WHERE type(r) <> 'MENTIONS' RETURN count(r) AS n", nil)
			if err == nil {
				n, _ = rows[0]["n"].(int64)
			}
			b.Logf("%d relation mentions loaded as %d relationships", rels, n)
		})
	}
}

// peakRSSMiB reads the process's peak resident memory (VmHWM) on Linux.
func peakRSSMiB() float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			f := strings.Fields(line)
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}
