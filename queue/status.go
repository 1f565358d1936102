package queue

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Status is the state of the queue, for kg queue.
type Status struct {
	// Submitted counts distinct articles submitted; Published the article
	// messages stored (an edited article is published again).
	Submitted int    `json:"submitted"`
	Published uint64 `json:"published"`
	// Pending articles wait for a worker; InFlight are with one (or were,
	// and wait to be delivered again).
	Pending  uint64 `json:"pending"`
	InFlight int    `json:"in_flight"`
	// Extracted counts the extractions stored; ToLoad wait for the sink or
	// are with it (Loading of them: delivered, not yet acknowledged); Done
	// are loaded (or dropped as superseded).
	Extracted uint64 `json:"extracted"`
	ToLoad    uint64 `json:"to_load"`
	Loading   int    `json:"loading"`
	Done      uint64 `json:"done"`
	// Failed counts the dead letters, listed in Dead.
	Failed int          `json:"failed"`
	Dead   []DeadLetter `json:"dead_letters"`
}

// DeadLetter is an article or extraction that failed.
type DeadLetter struct {
	Seq  uint64 `json:"seq"`
	Path string `json:"path"`
	ID   string `json:"id,omitempty"`
	// Stage is extract (a worker failed on it) or load (the store refused it).
	Stage      string `json:"stage"`
	Deliveries int    `json:"deliveries"`
	Error      string `json:"error"`
}

// Status reads the streams' and consumers' counts and the dead letters.
func (c *Conn) Status(ctx context.Context) (*Status, error) {
	st := &Status{Dead: []DeadLetter{}}
	arts, err := c.streamState(ctx, ArticleStream)
	if err != nil {
		return nil, err
	}
	st.Published = arts.LastSeq
	res, err := c.streamState(ctx, ResultStream)
	if err != nil {
		return nil, err
	}
	st.Extracted = res.LastSeq
	st.Done = res.LastSeq - res.Msgs
	w, err := c.consumerInfo(ctx, ArticleStream, workerConsumer)
	if err != nil {
		return nil, err
	}
	st.Pending, st.InFlight = w.NumPending, w.NumAckPending
	s, err := c.consumerInfo(ctx, ResultStream, sinkConsumer)
	if err != nil {
		return nil, err
	}
	st.ToLoad = s.NumPending + uint64(s.NumAckPending)
	st.Loading = s.NumAckPending
	kv, err := c.submitted.Status(ctx)
	if err != nil {
		return nil, c.describe(err)
	}
	st.Submitted = int(kv.Values())
	err = c.eachDead(ctx, func(m *jetstream.RawStreamMsg) error {
		d := DeadLetter{Seq: m.Sequence, Path: m.Header.Get(hdrPath), ID: m.Header.Get(hdrID),
			Stage: m.Header.Get(hdrStage), Error: m.Header.Get(hdrError)}
		d.Deliveries, _ = strconv.Atoi(m.Header.Get(hdrDeliveries))
		st.Dead = append(st.Dead, d)
		return nil
	})
	st.Failed = len(st.Dead)
	return st, err
}

func (c *Conn) streamState(ctx context.Context, name string) (jetstream.StreamState, error) {
	s, err := c.js.Stream(ctx, name)
	if err != nil {
		return jetstream.StreamState{}, c.describe(fmt.Errorf("stream %s: %w", name, err))
	}
	info, err := s.Info(ctx)
	if err != nil {
		return jetstream.StreamState{}, c.describe(fmt.Errorf("stream %s: %w", name, err))
	}
	return info.State, nil
}

func (c *Conn) consumerInfo(ctx context.Context, stream, name string) (*jetstream.ConsumerInfo, error) {
	cons, err := c.consumer(ctx, stream, name, 0, 0)
	if err != nil {
		return nil, err
	}
	info, err := cons.Info(ctx)
	if err != nil {
		return nil, c.describe(fmt.Errorf("consumer %s: %w", name, err))
	}
	return info, nil
}

// eachDead calls f with each dead letter, oldest first.
func (c *Conn) eachDead(ctx context.Context, f func(*jetstream.RawStreamMsg) error) error {
	s, err := c.js.Stream(ctx, DeadStream)
	if err != nil {
		return c.describe(err)
	}
	info, err := s.Info(ctx)
	if err != nil {
		return c.describe(err)
	}
	if info.State.Msgs == 0 {
		return nil
	}
	for seq := info.State.FirstSeq; seq <= info.State.LastSeq; seq++ {
		m, err := s.GetMsg(ctx, seq)
		if errors.Is(err, jetstream.ErrMsgNotFound) {
			continue
		}
		if err != nil {
			return c.describe(err)
		}
		if err := f(m); err != nil {
			return err
		}
	}
	return nil
}

// RetryFailed queues every dead letter again where it failed (an article
// for the workers, an extraction for the sink), with its count of tries
// starting afresh, and removes it from the dead letters. It returns how
// many it queued.
func (c *Conn) RetryFailed(ctx context.Context) (int, error) {
	s, err := c.js.Stream(ctx, DeadStream)
	if err != nil {
		return 0, c.describe(err)
	}
	n := 0
	err = c.eachDead(ctx, func(m *jetstream.RawStreamMsg) error {
		subject := ArticleSubject
		if m.Header.Get(hdrStage) == "load" {
			subject = ResultSubject
		}
		out := nats.NewMsg(subject)
		out.Data = m.Data
		out.Header.Set(hdrPath, m.Header.Get(hdrPath))
		out.Header.Set(hdrID, m.Header.Get(hdrID))
		// A new message id: the first one is still in the duplicate window.
		if _, err := c.js.PublishMsg(ctx, out, jetstream.WithMsgID(fmt.Sprintf("retry:%d:%s", m.Sequence, m.Header.Get(hdrID)))); err != nil {
			return c.describe(err)
		}
		if err := s.DeleteMsg(ctx, m.Sequence); err != nil {
			return c.describe(err)
		}
		n++
		return nil
	})
	return n, err
}
