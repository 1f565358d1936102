package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/kg/kg/extract"
	"github.com/kg/kg/graph"
	"github.com/nats-io/nats.go/jetstream"
)

// Result is one article's extraction as the sink hands it to the store.
type Result struct {
	Extraction *extract.Extraction
	// Source is the absolute path of the article's file ("" if none).
	Source string
}

// LoadFunc writes a batch of extractions to a store in one go, the way kg
// build does (graph.Sink.Write): an outcome per
// result, and an error when the store failed as a whole.
type LoadFunc func(ctx context.Context, rs []Result) ([]graph.Outcome, error)

// SinkOptions say how a sink runs.
type SinkOptions struct {
	// Batch is the most extractions written per load (default 200).
	Batch int
	// AckWait is how long a batch may stay unacknowledged before JetStream
	// delivers it again (a sink that was killed). 0 means 60 s.
	AckWait time.Duration
	// UntilEmpty stops the sink when nothing is left to extract or load.
	UntilEmpty bool
	// Logf reports articles the store refused and store failures.
	Logf func(format string, a ...any)
}

// SinkStats count what a sink did, by the store's outcome.
type SinkStats struct {
	New        int `json:"new"`
	Changed    int `json:"changed"`
	Unchanged  int `json:"unchanged"`
	Superseded int `json:"superseded"`
	Dead       int `json:"dead_letters"`
}

// Sink consumes extractions and writes them with load in batches,
// acknowledging each batch only after load returned: a sink killed mid-batch
// leaves the batch to be delivered again, and loading an article again
// changes nothing. An extraction of content older than the article's last
// submission is dropped (counted as superseded). An article the store
// refuses goes to the dead letters with the store's reason. A store failure
// (the connection lost) leaves the batch to come again and, if it lasts,
// ends the sink with the error.
func (c *Conn) Sink(ctx context.Context, load LoadFunc, o SinkOptions) (SinkStats, error) {
	var st SinkStats
	if o.Batch <= 0 {
		o.Batch = 200
	}
	if o.AckWait <= 0 {
		o.AckWait = 60 * time.Second
	}
	if o.Logf == nil {
		o.Logf = func(string, ...any) {}
	}
	cons, err := c.consumer(ctx, ResultStream, sinkConsumer, o.AckWait, 4*o.Batch)
	if err != nil {
		return st, err
	}
	failures := 0
	for ctx.Err() == nil {
		batch, err := cons.Fetch(o.Batch, jetstream.FetchMaxWait(500*time.Millisecond))
		if err != nil {
			sleep(ctx, 500*time.Millisecond)
			continue
		}
		var msgs []jetstream.Msg
		for m := range batch.Messages() {
			msgs = append(msgs, m)
		}
		if len(msgs) == 0 {
			if o.UntilEmpty && c.idle(ctx, cons) {
				break
			}
			continue
		}
		// The batch is finished whatever ctx says: a sink stopped by Ctrl-C
		// writes and acknowledges what it holds.
		if err := c.sinkBatch(context.WithoutCancel(ctx), msgs, load, o, &st); err != nil {
			failures++
			o.Logf("%v; the batch will be delivered again", err)
			if failures >= 5 {
				return st, err
			}
			sleep(ctx, time.Duration(failures)*time.Second)
			continue
		}
		failures = 0
	}
	return st, nil
}

// idle reports whether nothing is left anywhere: no article waiting or in
// flight at the workers, no extraction waiting or in flight at a sink.
func (c *Conn) idle(ctx context.Context, sink jetstream.Consumer) bool {
	if !c.drained(ctx, sink) {
		return false
	}
	workers, err := c.js.Consumer(ctx, ArticleStream, workerConsumer)
	return err == nil && c.drained(ctx, workers)
}

func (c *Conn) sinkBatch(ctx context.Context, msgs []jetstream.Msg, load LoadFunc, o SinkOptions, st *SinkStats) error {
	var rs []Result
	var held []jetstream.Msg // the messages of rs, in order
	for i, m := range msgs {
		var r resultMsg
		if err := json.Unmarshal(m.Data(), &r); err != nil || r.Extraction == nil || r.Extraction.Document.ID == "" {
			if err == nil {
				err = errors.New("no extraction or no article id")
			}
			c.sinkDead(ctx, m, fmt.Errorf("not a kg extraction message: %w", err), o, st)
			continue
		}
		latest, err := c.latest(ctx, r.Extraction.Document.ID)
		if err != nil {
			// Those not yet acknowledged or dead-lettered come again.
			c.nakAll(append(held, msgs[i:]...))
			return c.describe(err)
		}
		if latest != "" && latest != r.Extraction.Document.SHA256 {
			// The article was submitted again with other content since.
			m.Ack()
			st.Superseded++
			continue
		}
		rs = append(rs, Result{Extraction: r.Extraction, Source: r.Source})
		held = append(held, m)
	}
	if len(rs) > 0 {
		outcomes, err := load(ctx, rs)
		if err != nil {
			c.nakAll(held)
			return err
		}
		for i, out := range outcomes {
			m := held[i]
			if out.Err != nil {
				c.sinkDead(ctx, m, out.Err, o, st)
				continue
			}
			switch out.Status {
			case graph.New:
				st.New++
			case graph.Changed:
				st.Changed++
			default:
				st.Unchanged++
			}
			m.Ack()
		}
	}
	// The acknowledgements leave before the next batch is taken.
	return c.nc.Flush()
}

func (c *Conn) nakAll(msgs []jetstream.Msg) {
	for _, m := range msgs {
		m.NakWithDelay(time.Second)
	}
}

func (c *Conn) sinkDead(ctx context.Context, m jetstream.Msg, cause error, o SinkOptions, st *SinkStats) {
	tries := 1
	if meta, err := m.Metadata(); err == nil {
		tries = int(meta.NumDelivered)
	}
	if c.deadLetter(ctx, m, "load", tries, cause) == nil {
		st.Dead++
		o.Logf("%s: not loaded, now a dead letter: %v", m.Headers().Get(hdrPath), cause)
	}
}
