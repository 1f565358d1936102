package queue

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/kg/kg/extract"
	"github.com/kg/kg/internal/natstest"
	"github.com/kg/kg/schemas"
	"github.com/nats-io/nats.go/jetstream"
)

// TestWorkerCrashedDeliveries: an article that workers took and never
// finished (each crashed, say, on it) goes to the dead letters once it has
// been delivered more than MaxDeliver times, without another try.
func TestWorkerCrashedDeliveries(t *testing.T) {
	srv := natstest.Start(t)
	ctx := context.Background()
	c, err := Connect(ctx, Config{URL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	doc := &extract.Document{ID: "crash", Path: "crash.txt", SHA256: "x", Text: "The Taliban clashed with ISIS-K."}
	if st, err := c.Submit(ctx, doc, ""); err != nil || st != Published {
		t.Fatalf("submit: %v %v", st, err)
	}
	// A worker that takes the article and dies: the message is delivered,
	// never acknowledged.
	cons, err := c.consumer(ctx, ArticleStream, workerConsumer, time.Second, 0)
	if err != nil {
		t.Fatal(err)
	}
	batch, err := cons.Fetch(1, jetstream.FetchMaxWait(5*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for range batch.Messages() {
		n++
	}
	if n != 1 {
		t.Fatalf("fetched %d messages, want 1", n)
	}
	time.Sleep(1500 * time.Millisecond) // past the ack wait
	x, err := extract.New(schemas.Default())
	if err != nil {
		t.Fatal(err)
	}
	var logged []string
	st, err := c.Work(ctx, x, WorkOptions{Jobs: 1, AckWait: time.Second, MaxDeliver: 1, UntilEmpty: true,
		Logf: func(f string, a ...any) { logged = append(logged, f) }})
	if err != nil {
		t.Fatal(err)
	}
	if st.Extracted != 0 || st.Dead != 1 {
		t.Errorf("worker: %+v, want one dead letter and nothing extracted", st)
	}
	s, err := c.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Dead) != 1 || s.Dead[0].Path != "crash.txt" || !strings.Contains(s.Dead[0].Error, "no worker finished it in 1 deliveries") {
		t.Errorf("dead letters: %+v", s.Dead)
	}
	if s.Extracted != 0 || s.Pending != 0 || s.InFlight != 0 {
		t.Errorf("queue: %+v", s)
	}
}
