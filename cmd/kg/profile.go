package main

import (
	"fmt"
	"io"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/kg/kg/extract"
)

// stageProfile sums the time of each pipeline stage over a run's articles
// (kg extract --profile).
type stageProfile struct {
	mu    sync.Mutex
	total []time.Duration
}

func newStageProfile() *stageProfile {
	return &stageProfile{total: make([]time.Duration, len(extract.StageNames()))}
}

// extract runs x on doc and adds its stages' times.
func (p *stageProfile) extract(x *extract.Extractor, doc *extract.Document) *extract.Extraction {
	d := make([]time.Duration, len(p.total))
	ex := x.Profile(doc, d)
	p.mu.Lock()
	for i := range d {
		p.total[i] += d[i]
	}
	p.mu.Unlock()
	return ex
}

// write prints each stage's total time and share.
func (p *stageProfile) write(w io.Writer) error {
	var sum time.Duration
	for _, d := range p.total {
		sum += d
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "stage\ttime\tshare\t")
	for i, name := range extract.StageNames() {
		share := 0.0
		if sum > 0 {
			share = float64(p.total[i]) / float64(sum)
		}
		fmt.Fprintf(tw, "%s\t%s\t%.1f%%\t\n", name, p.total[i].Round(time.Microsecond), 100*share)
	}
	fmt.Fprintf(tw, "total\t%s\t\t\n", sum.Round(time.Microsecond))
	return tw.Flush()
}
