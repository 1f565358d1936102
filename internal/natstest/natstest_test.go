package natstest

import (
	"context"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// TestServer: the server a test starts has JetStream, is gone when stopped,
// and comes back with its streams on Restart.
func TestServer(t *testing.T) {
	s := Start(t)
	ctx := context.Background()
	nc, err := nats.Connect(s.URL)
	if err != nil {
		t.Fatal(err)
	}
	js, _ := jetstream.New(nc)
	if _, err := js.CreateStream(ctx, jetstream.StreamConfig{Name: "T", Subjects: []string{"t"}, Storage: jetstream.FileStorage}); err != nil {
		t.Fatalf("no JetStream: %v", err)
	}
	if _, err := js.Publish(ctx, "t", []byte("x")); err != nil {
		t.Fatal(err)
	}
	nc.Close()
	s.Stop()
	if _, err := nats.Connect(s.URL, nats.Timeout(time.Second)); err == nil {
		t.Fatal("the stopped server still answers")
	}
	s.Restart()
	nc, err = nats.Connect(s.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	js, _ = jetstream.New(nc)
	st, err := js.Stream(ctx, "T")
	if err != nil {
		t.Fatalf("the stream did not survive the restart: %v", err)
	}
	if info, _ := st.Info(ctx); info.State.Msgs != 1 {
		t.Errorf("%d messages after the restart, want 1", info.State.Msgs)
	}
}
