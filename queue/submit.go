package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/kg/kg/extract"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Submitted is what submitting an article did.
type Submitted string

// The outcomes of Submit.
const (
	// Published: the article is new, or its content changed, and is queued.
	Published Submitted = "published"
	// Unchanged: the same content was submitted before; nothing was sent.
	Unchanged Submitted = "unchanged"
)

// ErrTooLarge marks an article larger than the server's message limit.
var ErrTooLarge = errors.New("article too large for a NATS message")

// Submission states in KG_SUBMITTED: the hash is recorded before the
// article is published, so that a sink never takes the new extraction for
// a stale one, and marked done after, so that an article whose publication
// was cut short is published again by the next submit.
const (
	stateSending = " sending"
	stateSent    = " sent"
)

// Submit queues one article for extraction, unless the same content (by
// the article's id and content hash) was submitted before. An article
// whose content changed is queued again, and its new extraction replaces
// the old one in the store. source is the absolute path of its file.
func (c *Conn) Submit(ctx context.Context, doc *extract.Document, source string) (Submitted, error) {
	k := key(doc.ID)
	if e, err := c.submitted.Get(ctx, k); err == nil {
		if string(e.Value()) == doc.SHA256+stateSent {
			return Unchanged, nil
		}
	} else if !errors.Is(err, jetstream.ErrKeyNotFound) {
		return "", c.describe(err)
	}
	data, err := json.Marshal(articleMsg{Document: doc, Text: doc.Text, Source: source})
	if err != nil {
		return "", fmt.Errorf("cannot encode the article: %w", err)
	}
	if limit := c.nc.MaxPayload(); int64(len(data)+1024) > limit {
		return "", fmt.Errorf("%w: %s as a message, over the limit of %s of NATS at %s (max_payload; raise it in the server's configuration, up to 64 MB)",
			ErrTooLarge, size(int64(len(data))), size(limit), c.url)
	}
	if _, err := c.submitted.Put(ctx, k, []byte(doc.SHA256+stateSending)); err != nil {
		return "", c.describe(err)
	}
	msg := nats.NewMsg(ArticleSubject)
	msg.Data = data
	msg.Header.Set(hdrPath, doc.Path)
	msg.Header.Set(hdrID, doc.ID)
	if _, err := c.js.PublishMsg(ctx, msg, jetstream.WithMsgID(doc.ID+":"+doc.SHA256)); err != nil {
		return "", c.describe(err)
	}
	if _, err := c.submitted.Put(ctx, k, []byte(doc.SHA256+stateSent)); err != nil {
		return "", c.describe(err)
	}
	return Published, nil
}

// latest returns the content hash last submitted for an article, "" if
// none is recorded.
func (c *Conn) latest(ctx context.Context, id string) (string, error) {
	e, err := c.submitted.Get(ctx, key(id))
	if errors.Is(err, jetstream.ErrKeyNotFound) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	v := string(e.Value())
	if i := strings.IndexByte(v, ' '); i >= 0 {
		v = v[:i]
	}
	return v, nil
}

func size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
