package main

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kg/kg/graph/sqlite"

	"github.com/kg/kg/extract"
	"github.com/kg/kg/graph"
	"github.com/kg/kg/internal/natstest"
	"github.com/kg/kg/internal/neo4jtest"
	"github.com/kg/kg/queue"
	"github.com/kg/kg/schemas"
	"github.com/nats-io/nats.go"
)

// proc is a kg process started by a queue test.
type proc struct {
	cmd    *exec.Cmd
	stderr *bytes.Buffer
	done   chan error
}

// startKg starts the kg binary with args against the NATS server at url.
func startKg(t *testing.T, url string, args ...string) *proc {
	t.Helper()
	cmd := exec.Command(kgBinary(t), args...)
	cmd.Env = append(os.Environ(), "NATS_URL="+url)
	p := &proc{cmd: cmd, stderr: &bytes.Buffer{}, done: make(chan error, 1)}
	cmd.Stderr = p.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.done <- cmd.Wait() }()
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			<-p.done
		}
	})
	return p
}

// wait waits for the process to exit on its own, and fails the test unless
// it succeeded.
func (p *proc) wait(t *testing.T, what string) {
	t.Helper()
	select {
	case err := <-p.done:
		if err != nil {
			t.Fatalf("%s: %v\n%s", what, err, p.stderr)
		}
	case <-time.After(2 * time.Minute):
		p.cmd.Process.Kill()
		t.Fatalf("%s did not finish in 2 minutes:\n%s", what, p.stderr)
	}
}

// kill kills the process with SIGKILL, as a crash or the OOM killer would.
func (p *proc) kill() {
	p.cmd.Process.Kill()
	<-p.done
}

// queueState is kg queue --json.
func queueState(t *testing.T, url string) queue.Status {
	t.Helper()
	code, out, errs := kg(t, "", "queue", "--json", "--nats", url)
	if code != 0 {
		t.Fatalf("kg queue: exit %d: %s", code, errs)
	}
	var st queue.Status
	if err := json.Unmarshal([]byte(out), &st); err != nil {
		t.Fatalf("kg queue --json: %v\n%s", err, out)
	}
	return st
}

// waitQueue polls kg queue until cond holds (bounded: about a minute).
func waitQueue(t *testing.T, url, what string, cond func(queue.Status) bool) queue.Status {
	t.Helper()
	for i := 0; i < 3000; i++ {
		st := queueState(t, url)
		if cond(st) {
			return st
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("waited a minute for %s: %+v", what, queueState(t, url))
	return queue.Status{}
}

// storeSnapshot renders a local store (sqlite.Store.Snapshot).
func storeSnapshot(t *testing.T, path string) string {
	t.Helper()
	l, err := sqlite.Open(context.Background(), path, schemas.Default(), graph.DefaultMaxEvidence)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	s, err := l.Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// directBuild builds dir straight into a fresh store and returns its snapshot.
func directBuild(t *testing.T, dir string) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "direct.db")
	if code, _, errs := kg(t, "", "build", "--quiet", "--json", "--store", db, dir); code != 0 {
		t.Fatalf("kg build: exit %d: %s", code, errs)
	}
	return storeSnapshot(t, db)
}

func submit(t *testing.T, url, dir string) map[string]int {
	t.Helper()
	code, out, errs := kg(t, "", "submit", "--json", "--nats", url, dir)
	if code != 0 {
		t.Fatalf("kg submit: exit %d: %s", code, errs)
	}
	var got struct{ Articles map[string]int }
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("kg submit --json: %v: %s", err, out)
	}
	return got.Articles
}

func sameGraph(t *testing.T, got, want string) {
	t.Helper()
	if got != want {
		t.Fatalf("the queue's graph differs from kg build's:\n%s", firstLineDiff(got, want))
	}
	if !strings.Contains(got, "OPPOSES") {
		t.Fatalf("the graph lacks the corpus's facts:\n%.500s", got)
	}
}

// TestQueueKilled: a worker killed with SIGKILL while it holds an article,
// and the sink killed while it holds a batch; then three workers (one of
// them the killed one started again) and the sink started again on the
// 300-article folder. The store ends equal to a direct kg build of the
// folder, each article extracted and loaded exactly once.
func TestQueueKilled(t *testing.T) {
	srv := natstest.Start(t)
	paths := concurrentCorpus(t, 300)
	dir := filepath.Dir(paths[0])
	want := directBuild(t, dir)
	db := filepath.Join(t.TempDir(), "queue.db")
	if got := submit(t, srv.URL, dir); got["published"] != 300 {
		t.Fatalf("submit: %v, want 300 published", got)
	}
	worker := func() *proc { return startKg(t, srv.URL, "worker", "-j", "1", "--ack-wait", "2s", "--until-empty") }
	sink := func() *proc {
		return startKg(t, srv.URL, "sink", "--store", db, "--batch", "50", "--ack-wait", "2s", "--until-empty")
	}
	// killHolding kills p (alone at its stage) once it has done some work,
	// and reports whether it died holding messages: they stay delivered
	// and unacknowledged, in flight, until the ack wait gives them to
	// another process.
	killHolding := func(start func() *proc, what string, held func(queue.Status) int, progress func(queue.Status) bool) {
		t.Helper()
		for try := 0; try < 10; try++ {
			p := start()
			waitQueue(t, srv.URL, what+" at work", func(s queue.Status) bool { return progress(s) && held(s) > 0 })
			p.kill()
			if held(queueState(t, srv.URL)) > 0 {
				return
			}
		}
		t.Fatalf("the %s was never killed holding something", what)
	}
	killHolding(worker, "worker", func(s queue.Status) int { return s.InFlight }, func(s queue.Status) bool { return s.Extracted >= 200 })
	// The sink holds a batch it is loading, not one it waits to fill: more
	// than a batch is left behind it.
	killHolding(sink, "sink", func(s queue.Status) int { return s.Loading }, func(s queue.Status) bool {
		return s.Done > 0 && s.ToLoad-uint64(s.Loading) >= 50
	})
	if st := queueState(t, srv.URL); st.Done >= 300 || st.Extracted >= 300 {
		t.Fatalf("killed after the end, not mid-run: %+v", st)
	}
	workers := []*proc{worker(), worker(), worker()}
	s := sink()
	for i, w := range workers {
		w.wait(t, fmt.Sprintf("worker %d", i+1))
	}
	s.wait(t, "sink")
	st := queueState(t, srv.URL)
	if st.Submitted != 300 || st.Published != 300 || st.Extracted != 300 || st.Done != 300 || st.Failed != 0 || st.Pending != 0 || st.ToLoad != 0 {
		t.Errorf("queue: %+v, want 300 submitted, published, extracted and done, nothing else", st)
	}
	sameGraph(t, storeSnapshot(t, db), want)
}

// TestQueueResubmit: submitting the same folder again publishes nothing;
// an edited article is published again and its new facts replace the old.
func TestQueueResubmit(t *testing.T) {
	srv := natstest.Start(t)
	paths := concurrentCorpus(t, 20)
	dir := filepath.Dir(paths[0])
	db := filepath.Join(t.TempDir(), "queue.db")
	run := func() {
		w := startKg(t, srv.URL, "worker", "-j", "1", "--until-empty")
		s := startKg(t, srv.URL, "sink", "--store", db, "--until-empty")
		w.wait(t, "worker")
		s.wait(t, "sink")
	}
	if got := submit(t, srv.URL, dir); got["published"] != 20 {
		t.Fatalf("first submit: %v", got)
	}
	run()
	if got := submit(t, srv.URL, dir); got["published"] != 0 || got["unchanged"] != 20 {
		t.Fatalf("second submit of the same folder: %v, want 0 published, 20 unchanged", got)
	}
	if st := queueState(t, srv.URL); st.Published != 20 || st.Pending != 0 {
		t.Fatalf("the second submit queued something: %+v", st)
	}
	original, err := os.ReadFile(paths[3])
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, paths[3], []byte("Edited report\n\nHezbollah attacked Israel near Beirut. Omar Haddad leads Hezbollah.\n"))
	if got := submit(t, srv.URL, dir); got["published"] != 1 || got["unchanged"] != 19 {
		t.Fatalf("submit after editing one article: %v, want 1 published", got)
	}
	run()
	got := storeSnapshot(t, db)
	sameGraph(t, got, directBuild(t, dir))
	if !strings.Contains(got, "Hezbollah") {
		t.Error("the edited article's new facts are missing")
	}
	// Edited back to its first text, within JetStream's duplicate window:
	// published and extracted again all the same.
	writeFile(t, paths[3], original)
	if got := submit(t, srv.URL, dir); got["published"] != 1 {
		t.Fatalf("submit after editing the article back: %v, want 1 published", got)
	}
	run()
	got = storeSnapshot(t, db)
	sameGraph(t, got, directBuild(t, dir))
	if strings.Contains(got, "Hezbollah") {
		t.Error("the article edited back still has the facts of its second text")
	}
}

// TestQueuePoison: a message that no worker can extract ends in the dead
// letters after --max-deliver tries, kg queue names it with its error, and
// the other articles complete; --retry-failed queues it again.
func TestQueuePoison(t *testing.T) {
	srv := natstest.Start(t)
	paths := concurrentCorpus(t, 10)
	dir := filepath.Dir(paths[0])
	db := filepath.Join(t.TempDir(), "queue.db")
	submit(t, srv.URL, dir)
	// Another tool publishes something that is not a kg article.
	nc, err := nats.Connect(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	poison := nats.NewMsg(queue.ArticleSubject)
	poison.Header.Set("Kg-Path", "poison.json")
	poison.Data = []byte(`{"document": "not an article"}`)
	if err := nc.PublishMsg(poison); err != nil {
		t.Fatal(err)
	}
	nc.Flush()
	w := startKg(t, srv.URL, "worker", "-j", "1", "--max-deliver", "2", "--until-empty")
	s := startKg(t, srv.URL, "sink", "--store", db, "--until-empty")
	w.wait(t, "worker")
	s.wait(t, "sink")
	if !strings.Contains(w.stderr.String(), "poison.json: dead letter after 2 tries") {
		t.Errorf("the worker did not name the dead letter:\n%s", w.stderr)
	}
	st := queueState(t, srv.URL)
	if st.Failed != 1 || len(st.Dead) != 1 || st.Dead[0].Path != "poison.json" || st.Dead[0].Deliveries != 2 ||
		!strings.Contains(st.Dead[0].Error, "not a kg article message") {
		t.Fatalf("dead letters: %+v", st.Dead)
	}
	if st.Done != 10 {
		t.Errorf("%d articles done, want the other 10", st.Done)
	}
	sameGraph(t, storeSnapshot(t, db), directBuild(t, dir))
	code, out, _ := kg(t, "", "queue", "--nats", srv.URL)
	if code != 0 || !strings.Contains(out, "poison.json: extract failed after 2 tries: not a kg article message") {
		t.Errorf("kg queue does not name the dead letter: exit %d\n%s", code, out)
	}
	code, out, _ = kg(t, "", "queue", "--retry-failed", "--nats", srv.URL)
	if code != 0 || !strings.Contains(out, "1 dead letters queued again") {
		t.Fatalf("--retry-failed: exit %d: %s", code, out)
	}
	if st := queueState(t, srv.URL); st.Failed != 0 || st.Pending != 1 {
		t.Errorf("after --retry-failed: %+v, want the article pending and no dead letter", st)
	}
}

// TestQueueServerRestart: the NATS server stopped and started again mid-run;
// the worker and sink carry on and the graph is complete.
func TestQueueServerRestart(t *testing.T) {
	srv := natstest.Start(t)
	paths := concurrentCorpus(t, 200)
	dir := filepath.Dir(paths[0])
	db := filepath.Join(t.TempDir(), "queue.db")
	submit(t, srv.URL, dir)
	w := startKg(t, srv.URL, "worker", "-j", "1", "--ack-wait", "2s")
	s := startKg(t, srv.URL, "sink", "--store", db, "--batch", "20", "--ack-wait", "2s")
	waitQueue(t, srv.URL, "a first load", func(s queue.Status) bool { return s.Done > 0 })
	srv.Stop()
	time.Sleep(time.Second)
	srv.Restart()
	st := waitQueue(t, srv.URL, "the end", func(s queue.Status) bool { return s.Done == 200 })
	if st.Extracted != 200 || st.ToLoad != 0 {
		t.Errorf("queue: %+v", st)
	}
	for _, p := range []*proc{w, s} {
		p.cmd.Process.Signal(syscall.SIGTERM)
		p.wait(t, "after SIGTERM")
	}
	if !strings.Contains(w.stderr.String(), "reconnected to NATS") {
		t.Errorf("the worker did not say it reconnected:\n%s", w.stderr)
	}
	sameGraph(t, storeSnapshot(t, db), directBuild(t, dir))
}

// TestQueueUnreachable: a NATS server that is not there is one line naming
// it, without the password in the URL, and exit code 3.
func TestQueueUnreachable(t *testing.T) {
	store := filepath.Join(t.TempDir(), "x.db")
	for _, args := range [][]string{
		{"queue", "--nats", "nats://kg:s3cret@127.0.0.1:1"},
		{"worker", "--nats", "nats://kg:s3cret@127.0.0.1:1"},
		{"sink", "--store", store, "--nats", "nats://kg:s3cret@127.0.0.1:1"},
		{"submit", "--nats", "nats://kg:s3cret@127.0.0.1:1", "../../examples/articles"},
	} {
		code, out, errs := kg(t, "", args...)
		if code != exitFailure || strings.Count(errs, "\n") != 1 || !strings.Contains(errs, "cannot reach NATS at nats://127.0.0.1:1") ||
			strings.Contains(out+errs, "s3cret") {
			t.Errorf("kg %s: exit %d, stderr:\n%s", args[0], code, errs)
		}
	}
	if _, err := os.Stat(store); err == nil {
		t.Error("a sink that could not reach NATS created its store")
	}
}

// TestQueueNeo4j: two workers and two sinks writing into Neo4j at once make
// the graph kg build --neo4j makes of the same folder.
func TestQueueNeo4j(t *testing.T) {
	uri := testServer(t)
	d := neo4jtest.Driver(t)
	srv := natstest.Start(t)
	paths := concurrentCorpus(t, 60)
	dir := filepath.Dir(paths[0])
	submit(t, srv.URL, dir)
	var procs []*proc
	for i := 0; i < 2; i++ {
		procs = append(procs, startKg(t, srv.URL, "worker", "-j", "1", "--until-empty"),
			startKg(t, srv.URL, "sink", "--neo4j", uri, "--batch", "10", "--until-empty"))
	}
	for _, p := range procs {
		p.wait(t, strings.Join(p.cmd.Args[1:2], ""))
	}
	if st := queueState(t, srv.URL); st.Done != 60 || st.Failed != 0 {
		t.Fatalf("queue: %+v", st)
	}
	got := graphSnapshot(t, d)
	checkFacts(t, d)
	if err := neo4jtest.Clear(context.Background(), d, neo4jtest.FromEnv()); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := kg(t, "", "build", "--quiet", "--neo4j", uri, dir); code != 0 {
		t.Fatalf("kg build: exit %d: %s", code, errs)
	}
	if want := graphSnapshot(t, d); got != want {
		t.Errorf("two sinks into Neo4j made another graph than kg build:\n%s", firstLineDiff(got, want))
	}
	if !strings.Contains(got, "OPPOSES") {
		t.Errorf("the graph lacks the corpus's facts:\n%.500s", got)
	}
}

// TestQueueTooLarge: an article over the server's message limit (1 MB by
// default) is named with its size and the limit, and the others are queued.
func TestQueueTooLarge(t *testing.T) {
	srv := natstest.Start(t)
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "small.txt"), []byte("Small\n\nThe Taliban clashed with ISIS-K near Kabul.\n"))
	writeFile(t, filepath.Join(dir, "huge.txt"), []byte("Huge\n\n"+strings.Repeat("The Taliban clashed with ISIS-K near Kabul. ", 30000)))
	code, out, errs := kg(t, "", "submit", "--nats", srv.URL, dir)
	if code != exitPartial || !strings.Contains(errs, "huge.txt: article too large for a NATS message: 1.3 MB as a message, over the limit of 1.0 MB") {
		t.Errorf("exit %d, stderr:\n%s", code, errs)
	}
	if !strings.Contains(out, "1 articles published") {
		t.Errorf("stdout: %s", out)
	}
	if st := queueState(t, srv.URL); st.Published != 1 || st.Submitted != 1 {
		t.Errorf("queue: %+v, want the small article alone", st)
	}
}

// TestQueueSinkLock: a sink takes the local store's lock as kg build does,
// and stops at once, naming the store, when a build holds it.
func TestQueueSinkLock(t *testing.T) {
	srv := natstest.Start(t)
	store := filepath.Join(t.TempDir(), "kg.db")
	release, err := lockStore(context.Background(), store, false, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	// Without the lock the sink would run until stopped: the test bounds it.
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, kgBinary(t), "sink", "--nats", srv.URL, "--store", store)
	errs, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != exitFailure || !strings.Contains(string(errs), "store "+store+" is being built by another kg") {
		t.Errorf("%v, output:\n%s", err, errs)
	}
}

// TestQueueCredentials: a server that wants a user and password takes them
// from the URL, never shows them, and names a refusal in one line.
func TestQueueCredentials(t *testing.T) {
	srv := natstest.Start(t, "--user", "kg", "--pass", "s3cret")
	host := strings.TrimPrefix(srv.URL, "nats://")
	code, out, errs := kg(t, "", "queue", "--nats", "nats://kg:s3cret@"+host)
	if code != 0 || !strings.Contains(out, "NATS       nats://"+host+"\n") || strings.Contains(out+errs, "s3cret") {
		t.Errorf("with the password: exit %d\n%s%s", code, out, errs)
	}
	for _, u := range []string{"nats://kg:wrong-pass@" + host, srv.URL} {
		code, out, errs := kg(t, "", "queue", "--nats", u)
		if code != exitFailure || strings.Count(errs, "\n") != 1 || !strings.Contains(errs, "NATS at nats://"+host+" refused the credentials") ||
			strings.Contains(out+errs, "wrong-pass") {
			t.Errorf("%s: exit %d, stderr:\n%s", queue.Redact(u), code, errs)
		}
	}
}

// TestQueueTLS: a tls:// server is reached with its CA (--nats-ca); without
// it, the certificate is named as the problem in one line.
func TestQueueTLS(t *testing.T) {
	dir := t.TempDir()
	ca, cert, key := testCerts(t, dir)
	srv := natstest.Start(t, "--tls", "--tlscert", cert, "--tlskey", key)
	u := "tls://" + strings.TrimPrefix(srv.URL, "nats://")
	if code, out, errs := kg(t, "", "queue", "--nats", u, "--nats-ca", ca); code != 0 || !strings.Contains(out, "submitted") {
		t.Errorf("with --nats-ca: exit %d\n%s%s", code, out, errs)
	}
	code, _, errs := kg(t, "", "queue", "--nats", u)
	if code != exitFailure || strings.Count(errs, "\n") != 1 || !strings.Contains(errs, "cannot connect to NATS at "+u+" over TLS") ||
		!strings.Contains(errs, "certificate") {
		t.Errorf("without --nats-ca: exit %d, stderr:\n%s", code, errs)
	}
}

// testCerts writes a CA and a server certificate for 127.0.0.1 signed by it.
func testCerts(t *testing.T, dir string) (ca, cert, key string) {
	t.Helper()
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	caTmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "kg test CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	srvKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	srvTmpl := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "127.0.0.1"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		KeyUsage: x509.KeyUsageDigitalSignature}
	srvDER, err := x509.CreateCertificate(rand.Reader, srvTmpl, caTmpl, &srvKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(srvKey)
	if err != nil {
		t.Fatal(err)
	}
	ca, cert, key = filepath.Join(dir, "ca.pem"), filepath.Join(dir, "server.pem"), filepath.Join(dir, "server-key.pem")
	writeFile(t, ca, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER}))
	writeFile(t, cert, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srvDER}))
	writeFile(t, key, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}))
	return ca, cert, key
}

// TestQueueUsage: settings that mean nothing are usage errors (exit 2)
// before anything connects.
func TestQueueUsage(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"submit", "-j", "0", "."}, "--jobs (-j) must be at least 1"},
		{[]string{"submit", "--max-size", "0", "."}, "--max-size must be a positive size"},
		{[]string{"worker", "--ack-wait", "0s"}, "--ack-wait and --max-deliver must be positive"},
		{[]string{"worker", "--max-deliver", "0"}, "--ack-wait and --max-deliver must be positive"},
		{[]string{"sink", "--batch", "0"}, "--batch, --batch-size, --max-evidence, --writers and --ack-wait must be positive"},
		{[]string{"sink", "--neo4j", "http://127.0.0.1:7474"}, "http"},
		{[]string{"queue", "--nats-creds", "no-such.creds"}, "--nats-creds no-such.creds: no such file"},
		{[]string{"worker", "extra-arg"}, "unknown command"},
	} {
		code, _, errs := kg(t, "", c.args...)
		if code != exitUsage || !strings.Contains(errs, c.want) {
			t.Errorf("kg %s: exit %d, stderr %q, want exit 2 and %q", strings.Join(c.args, " "), code, errs, c.want)
		}
	}
}

// TestSubmitAccountsLikeBuild: kg submit reads a messy folder as kg build
// does: the same files and articles left out (not articles, empty, in
// French, a copy), with the same reasons, the same failures, and only the
// articles kg build stores are queued; --lang any queues the French one too.
func TestSubmitAccountsLikeBuild(t *testing.T) {
	t.Setenv("NEO4J_URI", "")
	srv := natstest.Start(t)
	in := messyFolder(t, filepath.Join(t.TempDir(), "news"))
	type account struct {
		Articles map[string]int
		Failed   []struct{ Path, Error string }
		Skipped  []struct{ Path, Reason string }
	}
	run := func(args ...string) account {
		t.Helper()
		code, out, errs := kg(t, "", args...)
		var a account
		if code != exitPartial || json.Unmarshal([]byte(out), &a) != nil {
			t.Fatalf("kg %s: exit %d: %s%s", strings.Join(args, " "), code, out, errs)
		}
		return a
	}
	built := run("build", "--json", "--store", filepath.Join(t.TempDir(), "kg.db"), in)
	submitted := run("submit", "--json", "--nats", srv.URL, in)
	if !reflect.DeepEqual(built.Skipped, submitted.Skipped) || !reflect.DeepEqual(built.Failed, submitted.Failed) {
		t.Errorf("kg build left out %+v and failed %+v;\nkg submit left out %+v and failed %+v", built.Skipped, built.Failed, submitted.Skipped, submitted.Failed)
	}
	if len(submitted.Skipped) != 5 || submitted.Articles["skipped"] != 5 || submitted.Articles["failed"] != 1 ||
		submitted.Articles["published"] != built.Articles["new"] || built.Articles["new"] != 2 {
		t.Errorf("kg submit: %+v; kg build: %+v", submitted.Articles, built.Articles)
	}
	if st := queueState(t, srv.URL); st.Published != 2 {
		t.Errorf("queue: %d articles published, want 2 (b.txt and names.txt)", st.Published)
	}
	again := run("submit", "--json", "--lang", "any", "--nats", srv.URL, in)
	if again.Articles["published"] != 1 || again.Articles["unchanged"] != 2 || again.Articles["skipped"] != 4 {
		t.Errorf("--lang any: %+v, want fr.txt published", again.Articles)
	}
}

// TestQueueSinkResolvesAsItGoes: a sink that keeps running brings the
// store's articles in line with what later batches teach: an article that
// named only "Maduro", loaded first, is moved onto Nicolás Maduro once the
// article naming him in full is loaded, while the sink still runs (not only
// when it stops).
func TestQueueSinkResolvesAsItGoes(t *testing.T) {
	srv := natstest.Start(t)
	root := t.TempDir()
	bare := filepath.Join(root, "one", "bare.txt")
	full := filepath.Join(root, "two", "full.txt")
	writeFile(t, bare, []byte("Critics in Caracas\n\nMaduro criticized the plan on Tuesday. Reporters said Maduro spoke in Caracas.\n"))
	writeFile(t, full, []byte("Talks in Caracas\n\nVenezuelan President Nicolás Maduro met oil ministers in Caracas on Monday. Maduro said the talks went well.\n"))
	db := filepath.Join(t.TempDir(), "queue.db")
	w := startKg(t, srv.URL, "worker", "-j", "1")
	s := startKg(t, srv.URL, "sink", "--store", db, "--batch", "1")
	defer func() { w.kill(); s.kill() }()
	loaded := func(n uint64) {
		waitQueue(t, srv.URL, fmt.Sprintf("%d articles loaded", n), func(st queue.Status) bool { return st.Done >= n && st.ToLoad == 0 })
	}
	// mentioned: the entity keys the article of that path has mentions of.
	mentioned := func(snap, path string) []string {
		id := ""
		for _, l := range strings.Split(snap, "\n") {
			if f := strings.Fields(l); len(f) >= 3 && f[0] == "A" && f[2] == path {
				id = f[1]
			}
		}
		var keys []string
		for _, l := range strings.Split(snap, "\n") {
			if f := strings.Fields(l); len(f) >= 3 && f[0] == "M" && f[1] == id {
				keys = append(keys, f[2])
			}
		}
		if id == "" {
			t.Fatalf("%s is not in the store:\n%s", path, snap)
		}
		return keys
	}
	submit(t, srv.URL, filepath.Dir(bare))
	loaded(1)
	if got := mentioned(storeSnapshot(t, db), bare); !slices.Contains(got, "person:maduro") {
		t.Fatalf("the first article alone: want person:maduro, got %v", got)
	}
	submit(t, srv.URL, filepath.Dir(full))
	loaded(2)
	snap := storeSnapshot(t, db)
	want := extract.Key(schemas.Default(), "Person", "Nicolás Maduro")
	if got := mentioned(snap, bare); slices.Contains(got, "person:maduro") || !slices.Contains(got, want) {
		t.Errorf("with the sink still running, the first article's Maduro is %v, want %s\n%s", got, want, s.stderr)
	}
	if s.cmd.ProcessState != nil {
		t.Fatalf("the sink stopped: %s", s.stderr)
	}
}
