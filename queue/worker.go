package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kg/kg/extract"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// WorkOptions say how a worker runs.
type WorkOptions struct {
	// Jobs is how many articles it extracts at once (at least 1).
	Jobs int
	// AckWait is how long an article may stay unacknowledged before
	// JetStream delivers it to another worker (a worker that was killed).
	// It is the consumer's setting, shared by all workers: the last worker
	// started sets it. 0 means 30 s.
	AckWait time.Duration
	// MaxDeliver is how many times an article is tried before it goes to
	// the dead letters with its error. 0 means 5.
	MaxDeliver int
	// UntilEmpty stops the worker when no article is waiting or in flight
	// anywhere, instead of waiting for more.
	UntilEmpty bool
	// Logf reports each dead letter.
	Logf func(format string, a ...any)
}

// WorkStats count what a worker did.
type WorkStats struct {
	Extracted int64 `json:"extracted"`
	Dead      int64 `json:"dead_letters"`
	Retried   int64 `json:"retried"`
}

// Work pulls articles, extracts them with x and publishes each extraction to
// kg.results, acknowledging the article only once JetStream has stored its
// extraction. It runs until ctx is done (finishing the articles in hand) or,
// with UntilEmpty, until the queue is empty.
func (c *Conn) Work(ctx context.Context, x *extract.Extractor, o WorkOptions) (WorkStats, error) {
	var st WorkStats
	if o.Jobs <= 0 {
		o.Jobs = 1
	}
	if o.AckWait <= 0 {
		o.AckWait = 30 * time.Second
	}
	if o.MaxDeliver <= 0 {
		o.MaxDeliver = 5
	}
	if o.Logf == nil {
		o.Logf = func(string, ...any) {}
	}
	cons, err := c.consumer(ctx, ArticleStream, workerConsumer, o.AckWait, 0)
	if err != nil {
		return st, err
	}
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	w := &worker{c: c, x: x, o: o, st: &st}
	var wg sync.WaitGroup
	for i := 0; i < o.Jobs; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				batch, err := cons.Fetch(1, jetstream.FetchMaxWait(time.Second))
				if err != nil {
					// The server is away (restarting, say): try again.
					sleep(ctx, 500*time.Millisecond)
					continue
				}
				got := false
				for m := range batch.Messages() {
					got = true
					w.handle(m)
				}
				if !got && o.UntilEmpty && c.drained(ctx, cons) {
					stop()
				}
			}
		}()
	}
	wg.Wait()
	return st, nil
}

// drained reports whether a consumer has nothing waiting and nothing in
// flight.
func (c *Conn) drained(ctx context.Context, cons jetstream.Consumer) bool {
	info, err := cons.Info(ctx)
	return err == nil && info.NumPending == 0 && info.NumAckPending == 0
}

func sleep(ctx context.Context, d time.Duration) {
	select {
	case <-ctx.Done():
	case <-time.After(d):
	}
}

type worker struct {
	c  *Conn
	x  *extract.Extractor
	o  WorkOptions
	st *WorkStats
}

// handle works on one article message. Publishing and acknowledging run
// without the caller's cancellation: an article in hand is finished.
func (w *worker) handle(m jetstream.Msg) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	meta, err := m.Metadata()
	if err != nil {
		m.Term()
		return
	}
	tries := int(meta.NumDelivered)
	if tries > w.o.MaxDeliver {
		// The earlier deliveries never came back: the workers that had it
		// crashed, were killed or ran past the ack wait.
		w.dead(ctx, m, "extract", tries-1, fmt.Errorf("no worker finished it in %d deliveries (each crashed, was killed or ran past the ack wait of %s)", tries-1, w.o.AckWait))
		return
	}
	data, id, err := w.extract(m.Data())
	if err == nil {
		out := nats.NewMsg(ResultSubject)
		out.Data = data
		out.Header.Set(hdrPath, m.Headers().Get(hdrPath))
		out.Header.Set(hdrExtractor, w.x.Version())
		if _, perr := w.c.js.PublishMsg(ctx, out, jetstream.WithMsgID(id)); perr != nil {
			// NATS, not the article, failed: let it come again soon.
			m.NakWithDelay(time.Second)
			return
		}
		m.Ack()
		atomic.AddInt64(&w.st.Extracted, 1)
		return
	}
	if tries >= w.o.MaxDeliver {
		w.dead(ctx, m, "extract", tries, err)
		return
	}
	atomic.AddInt64(&w.st.Retried, 1)
	m.NakWithDelay(time.Duration(tries) * time.Second)
}

// extract decodes an article message and returns its result message and
// that message's id (article id, content hash, extractor version). A panic
// in the extractor is an error of this article, not of the worker.
func (w *worker) extract(data []byte) (out []byte, id string, err error) {
	var a articleMsg
	if err := json.Unmarshal(data, &a); err != nil {
		return nil, "", fmt.Errorf("not a kg article message: %w", err)
	}
	if a.Document == nil || a.Document.ID == "" {
		return nil, "", errors.New("not a kg article message: no document id")
	}
	id = a.Document.ID + ":" + a.Document.SHA256 + ":" + w.x.Version()
	a.Document.Text = a.Text
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("extraction failed: %v", r)
		}
	}()
	// What reaches the graph, as kg build stores it (extract.InGraph).
	ex := w.x.Extract(a.Document).ForGraph()
	out, err = json.Marshal(resultMsg{Extraction: ex, Source: a.Source})
	if err != nil {
		return nil, "", fmt.Errorf("cannot encode the extraction: %w", err)
	}
	if limit := w.c.nc.MaxPayload(); int64(len(out)+1024) > limit {
		return nil, "", fmt.Errorf("%w: its extraction is %s as a message, over the limit of %s (max_payload)", ErrTooLarge, size(int64(len(out))), size(limit))
	}
	return out, id, nil
}

// deadLetter moves a message to kg.dead with its error, then acknowledges it.
func (c *Conn) deadLetter(ctx context.Context, m jetstream.Msg, stage string, tries int, cause error) error {
	out := nats.NewMsg(DeadSubject)
	out.Data = m.Data()
	out.Header.Set(hdrPath, m.Headers().Get(hdrPath))
	out.Header.Set(hdrID, m.Headers().Get(hdrID))
	out.Header.Set(hdrStage, stage)
	out.Header.Set(hdrDeliveries, strconv.Itoa(tries))
	out.Header.Set(hdrError, cause.Error())
	if _, err := c.js.PublishMsg(ctx, out); err != nil {
		m.NakWithDelay(time.Second)
		return err
	}
	return m.Ack()
}

func (w *worker) dead(ctx context.Context, m jetstream.Msg, stage string, tries int, cause error) {
	if w.c.deadLetter(ctx, m, stage, tries, cause) == nil {
		atomic.AddInt64(&w.st.Dead, 1)
		name := m.Headers().Get(hdrPath)
		if name == "" {
			name = "a message without a path"
		}
		w.o.Logf("%s: dead letter after %d tries: %v", name, tries, cause)
	}
}
