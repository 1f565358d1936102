// Package queue runs kg's extraction on NATS JetStream, for corpora that
// outgrow one machine: kg submit publishes articles to a work-queue stream,
// workers on any number of machines extract them and publish the
// extractions to a results stream, and a sink loads those into a store with
// the same loaders as kg build.
//
// Streams and buckets (created by whichever command comes first):
//
//	KG_ARTICLES   subject kg.articles, work queue: one message per article
//	              submitted, its id made of the article's id, content hash
//	              and the submission's revision in KG_SUBMITTED
//	KG_RESULTS    subject kg.results, work queue: one extraction per article
//	              message, its id made of the article's id, hash, extractor
//	              version and the article message's sequence
//	KG_DEAD       subject kg.dead: articles or extractions that failed, with
//	              the error in the Kg-Error header
//	KG_SUBMITTED  key-value bucket: the content hash last submitted per article
//
// Every message is acknowledged only after what it produced is stored (the
// extraction in JetStream, the graph in the store), so a worker or sink
// killed at any point leaves its messages to be delivered again, and the
// store's per-article idempotency makes a second delivery change nothing.
package queue

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/kg/kg/extract"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Names of the streams, subjects, consumers and bucket.
const (
	ArticleStream   = "KG_ARTICLES"
	ArticleSubject  = "kg.articles"
	ResultStream    = "KG_RESULTS"
	ResultSubject   = "kg.results"
	DeadStream      = "KG_DEAD"
	DeadSubject     = "kg.dead"
	SubmittedBucket = "KG_SUBMITTED"
	workerConsumer  = "kg-workers"
	sinkConsumer    = "kg-sink"
)

// Headers kg sets on its messages.
const (
	hdrPath       = "Kg-Path"       // the article's path, for people
	hdrID         = "Kg-Id"         // the article's id
	hdrError      = "Kg-Error"      // why a dead letter failed
	hdrStage      = "Kg-Stage"      // extract or load: where it failed
	hdrDeliveries = "Kg-Deliveries" // how many times it was tried
	hdrExtractor  = "Kg-Extractor"  // the extractor version of a result
)

// DefaultURL is the server tried when neither a flag nor NATS_URL names one.
const DefaultURL = nats.DefaultURL

// dedupWindow is how long JetStream remembers message ids: a message
// published twice within it (a retried publish, a worker redelivered after
// publishing its result) is stored once. Resubmissions after it are caught by
// the KG_SUBMITTED bucket.
const dedupWindow = 10 * time.Minute

// Config says how to reach NATS. URL, credentials and TLS follow NATS's own
// conventions: nats:// or tls:// URLs (a comma-separated list for a
// cluster), a .creds file (JWT and NKey), a CA and client certificate.
type Config struct {
	URL   string
	Creds string
	// CA, Cert and Key are PEM files for TLS: the CA that signed the
	// server's certificate, and the client's certificate and key.
	CA, Cert, Key string
	// Name names the client in the server's monitoring (kg worker, ...).
	Name string
	// Logf, if set, is told when the connection is lost and comes back.
	Logf func(format string, a ...any)
}

// Conn is a connection to NATS with kg's streams in place.
type Conn struct {
	nc        *nats.Conn
	js        jetstream.JetStream
	submitted jetstream.KeyValue
	url       string // redacted
}

// Redact returns the URL list without user names, passwords or tokens,
// for output: all between a URL's scheme and its last "@" goes, whatever
// the password holds ("/", "#", "?", a comma).
func Redact(u string) string {
	parts := splitURLs(u)
	for i, p := range parts {
		scheme, rest, ok := strings.Cut(p, "://")
		if !ok {
			scheme, rest = "", p
		}
		if at := strings.LastIndex(rest, "@"); at >= 0 {
			rest = rest[at+1:]
		}
		p = rest
		if ok {
			p = scheme + "://" + p
		}
		parts[i] = p
	}
	return strings.Join(parts, ",")
}

// splitURLs splits a URL list at its commas, trimmed; a part without a
// scheme that holds an "@", after a URL with a scheme and no "@", is the
// rest of a password with a comma in it, and stays with the part before.
func splitURLs(list string) []string {
	var out []string
	for _, p := range strings.Split(list, ",") {
		p = strings.TrimSpace(p)
		if n := len(out); n > 0 && !strings.Contains(p, "://") && strings.Contains(p, "@") {
			if _, rest, ok := strings.Cut(out[n-1], "://"); ok && !strings.Contains(rest, "@") {
				out[n-1] += "," + p
				continue
			}
		}
		out = append(out, p)
	}
	return out
}

// ErrBadURL is the error of a URL list that does not parse: a setting to
// fix, not a server to wait for.
var ErrBadURL = errors.New("bad NATS URL")

// checkURLs refuses a URL list one of whose URLs does not parse, naming it
// without its credentials: the NATS library's own error quotes the URL
// whole, password and all ("invalid port \":ab\"" for a password after
// "ab/"), so it must not see one that fails.
func checkURLs(list string) error {
	for _, p := range splitURLs(list) {
		if strings.Contains(p, ",") {
			return fmt.Errorf("%w: %s has a comma in its user or password, which a URL list cannot hold; give the credentials by --nats-creds (or NATS_CREDS)", ErrBadURL, Redact(p))
		}
		u := p
		if !strings.Contains(u, "://") {
			u = "nats://" + u
		}
		if _, err := url.Parse(u); err != nil {
			return fmt.Errorf("%w: %s does not parse; write a user's or password's / # ? %% and @ percent-encoded (%%2F for /), or give the credentials by --nats-creds (or NATS_CREDS)", ErrBadURL, Redact(p))
		}
	}
	return nil
}

// Connect connects to NATS, checks that it has JetStream, and creates kg's
// streams, bucket and consumers where they are missing. Its errors are one
// line naming the server and what to check. The connection reconnects on its
// own when the server goes away and comes back.
func Connect(ctx context.Context, cfg Config) (*Conn, error) {
	if cfg.URL == "" {
		cfg.URL = DefaultURL
	}
	c := &Conn{url: Redact(cfg.URL)}
	if err := checkURLs(cfg.URL); err != nil {
		return nil, err
	}
	opts := []nats.Option{
		nats.Name(cfg.Name),
		nats.Timeout(5 * time.Second),
		nats.MaxReconnects(-1),
		nats.ReconnectWait(500 * time.Millisecond),
	}
	if cfg.Creds != "" {
		opts = append(opts, nats.UserCredentials(cfg.Creds))
	}
	if cfg.CA != "" {
		opts = append(opts, nats.RootCAs(cfg.CA))
	}
	if cfg.Cert != "" || cfg.Key != "" {
		opts = append(opts, nats.ClientCert(cfg.Cert, cfg.Key))
	}
	if cfg.Logf != nil {
		logf := cfg.Logf
		opts = append(opts,
			nats.DisconnectErrHandler(func(_ *nats.Conn, err error) {
				if err != nil {
					logf("lost NATS at %s (%v); reconnecting", c.url, err)
				}
			}),
			nats.ReconnectHandler(func(*nats.Conn) { logf("reconnected to NATS at %s", c.url) }))
	}
	nc, err := nats.Connect(cfg.URL, opts...)
	if err != nil {
		return nil, c.describe(err)
	}
	c.nc = nc
	c.js, err = jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, c.describe(err)
	}
	if err := c.ensure(ctx); err != nil {
		nc.Close()
		return nil, err
	}
	return c, nil
}

// describe turns a connection error into one line for the person at the
// terminal: which server, what went wrong, what to check.
func (c *Conn) describe(err error) error {
	msg := err.Error()
	switch {
	case errors.Is(err, nats.ErrAuthorization), strings.Contains(strings.ToLower(msg), "authorization"),
		strings.Contains(strings.ToLower(msg), "authentication"):
		return fmt.Errorf("NATS at %s refused the credentials (%w); check --nats-creds (or NATS_CREDS) and the user in the URL", c.url, err)
	case strings.Contains(msg, "tls") || strings.Contains(msg, "x509") || strings.Contains(msg, "certificate"):
		return fmt.Errorf("cannot connect to NATS at %s over TLS: %w; check the tls:// URL and --nats-ca, --nats-cert, --nats-key", c.url, err)
	case errors.Is(err, jetstream.ErrJetStreamNotEnabled), errors.Is(err, jetstream.ErrJetStreamNotEnabledForAccount):
		return fmt.Errorf("NATS at %s has no JetStream: start nats-server with -js (scripts/nats start does)", c.url)
	case errors.Is(err, nats.ErrNoServers), errors.Is(err, nats.ErrTimeout), errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("cannot reach NATS at %s (%w); check that the server runs (scripts/nats start for a local one) and --nats or NATS_URL", c.url, err)
	}
	return fmt.Errorf("NATS at %s: %w", c.url, err)
}

// URL is the server's URL as given, without credentials.
func (c *Conn) URL() string { return c.url }

// Close sends what is buffered (acknowledgements included) and closes. It
// waits at most 2 s for a server that is away: Ctrl-C then still stops
// promptly, and what was not acknowledged comes again.
func (c *Conn) Close() {
	c.nc.FlushTimeout(2 * time.Second)
	c.nc.Close()
}

func (c *Conn) ensure(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if _, err := c.js.AccountInfo(ctx); err != nil {
		return c.describe(err)
	}
	for _, s := range []jetstream.StreamConfig{
		{Name: ArticleStream, Subjects: []string{ArticleSubject}, Retention: jetstream.WorkQueuePolicy,
			Storage: jetstream.FileStorage, Duplicates: dedupWindow, Description: "kg: articles to extract"},
		{Name: ResultStream, Subjects: []string{ResultSubject}, Retention: jetstream.WorkQueuePolicy,
			Storage: jetstream.FileStorage, Duplicates: dedupWindow, Description: "kg: extractions to load"},
		{Name: DeadStream, Subjects: []string{DeadSubject}, Retention: jetstream.LimitsPolicy,
			Storage: jetstream.FileStorage, Description: "kg: articles and extractions that failed, with their errors"},
	} {
		if _, err := c.js.Stream(ctx, s.Name); err == nil {
			continue
		} else if !errors.Is(err, jetstream.ErrStreamNotFound) {
			return c.describe(fmt.Errorf("stream %s: %w", s.Name, err))
		}
		if _, err := c.js.CreateStream(ctx, s); err != nil && !errors.Is(err, jetstream.ErrStreamNameAlreadyInUse) {
			return c.describe(fmt.Errorf("cannot create stream %s: %w", s.Name, err))
		}
	}
	kv, err := c.js.CreateOrUpdateKeyValue(ctx, jetstream.KeyValueConfig{Bucket: SubmittedBucket,
		Storage: jetstream.FileStorage, Description: "kg: the content hash last submitted per article"})
	if err != nil {
		return c.describe(fmt.Errorf("cannot create bucket %s: %w", SubmittedBucket, err))
	}
	c.submitted = kv
	for _, s := range []struct{ stream, name string }{{ArticleStream, workerConsumer}, {ResultStream, sinkConsumer}} {
		if _, err := c.consumer(ctx, s.stream, s.name, 0, 0); err != nil {
			return err
		}
	}
	return nil
}

// consumer returns a durable pull consumer, created if missing; a positive
// ackWait (and maxAckPending) updates its settings.
func (c *Conn) consumer(ctx context.Context, stream, name string, ackWait time.Duration, maxAckPending int) (jetstream.Consumer, error) {
	if ackWait <= 0 {
		if cons, err := c.js.Consumer(ctx, stream, name); err == nil {
			return cons, nil
		}
		ackWait = 30 * time.Second
	}
	if maxAckPending <= 0 {
		maxAckPending = 1000
	}
	cons, err := c.js.CreateOrUpdateConsumer(ctx, stream, jetstream.ConsumerConfig{
		Durable:       name,
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       ackWait,
		MaxDeliver:    -1, // kg counts deliveries itself, to dead-letter with the error
		MaxAckPending: maxAckPending,
	})
	if err != nil {
		return nil, c.describe(fmt.Errorf("consumer %s on %s: %w", name, stream, err))
	}
	return cons, nil
}

// key is the KG_SUBMITTED key of an article id (ids may hold any character;
// keys may not).
func key(id string) string {
	h := sha256.Sum256([]byte(id))
	return "a" + hex.EncodeToString(h[:16])
}

// articleMsg is an article on kg.articles.
type articleMsg struct {
	Document *extract.Document `json:"document"`
	// Text is the body (Document leaves it out of JSON).
	Text string `json:"text"`
	// Source is the absolute path of the file it was read from.
	Source string `json:"source,omitempty"`
}

// resultMsg is an extraction on kg.results.
type resultMsg struct {
	Extraction *extract.Extraction `json:"extraction"`
	Source     string              `json:"source,omitempty"`
}
