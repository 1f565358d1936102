package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestBuildSameURL: two files with one url are two articles, both stored,
// and a second build finds both unchanged.
func TestBuildSameURL(t *testing.T) {
	t.Setenv("NEO4J_URI", "")
	dir := t.TempDir()
	news := filepath.Join(dir, "news")
	writeFile(t, filepath.Join(news, "a.md"), []byte("---\nurl: https://news.example/same\n---\nThe Taliban clashed with ISIS-K near Kabul."))
	writeFile(t, filepath.Join(news, "b.md"), []byte("---\nurl: https://news.example/same\n---\nHezbollah is active in Lebanon."))
	writeFile(t, filepath.Join(news, "feed.jsonl"), []byte(`{"url": "https://news.example/same", "text": "Hamas is active in Gaza."}
{"url": "https://news.example/same", "text": "Al-Shabaab is active in Somalia."}
`))
	store := filepath.Join(dir, "kg.db")
	code, _, errs := kg(t, "", "build", "--store", store, news)
	if code != 0 || !strings.Contains(errs, "4 new, 0 updated, 0 unchanged") {
		t.Errorf("first build: exit %d: %s", code, errs)
	}
	code, _, errs = kg(t, "", "build", "--store", store, news)
	if code != 0 || !strings.Contains(errs, "0 new, 0 updated, 4 unchanged") {
		t.Errorf("second build: exit %d: %s", code, errs)
	}
	code, out, _ := kg(t, "", "stats", "--store", store)
	for _, want := range []string{"Taliban", "Hezbollah", "Hamas", "Al-Shabaab"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("stats lack %s: exit %d\n%s", want, code, out)
		}
	}
}

// TestURIPasswordNotPrinted: a password in the Neo4j URI, whatever its
// characters, is never printed; kg says where credentials belong.
func TestURIPasswordNotPrinted(t *testing.T) {
	t.Setenv("NEO4J_URI", "")
	news := filepath.Join(t.TempDir(), "a.txt")
	writeFile(t, news, []byte("Hamas is active in Gaza."))
	store := filepath.Join(t.TempDir(), "kg.db")
	if code, _, errs := kg(t, "", "build", "--store", store, news); code != 0 {
		t.Fatal(errs)
	}
	for _, pw := range []string{"ab#Sekr3t", "ab/Sekr3t", "ab?Sekr3t", "ab Sekr3t", "ab%zzSekr3t", "12/34Sekr3t", "ab@Sekr3t"} {
		for _, cmdline := range [][]string{{"build", "--neo4j"}, {"load", "--store", store, "--neo4j"}, {"export", "--neo4j"}} {
			args := append(append([]string{}, cmdline...), "bolt://neo4j:"+pw+"@127.0.0.1:1")
			if cmdline[0] == "build" {
				args = append(args, news)
			}
			code, out, errs := kg(t, "", args...)
			if strings.Contains(errs+out, "Sekr3t") || code != exitUsage || !strings.Contains(errs, "NEO4J_PASSWORD") {
				t.Errorf("%s with password %q: exit %d: %s", cmdline[0], pw, code, errs)
			}
		}
	}
}

// TestNATSPasswordNotPrinted: a NATS URL whose password holds what ends a
// host ("/", "#", "?"), a bad "%" or a comma is refused as a setting (exit
// 2) before the NATS library, whose errors quote the URL whole, sees it;
// no line names the password.
func TestNATSPasswordNotPrinted(t *testing.T) {
	t.Setenv("NATS_URL", "")
	news := filepath.Join(t.TempDir(), "a.txt")
	writeFile(t, news, []byte("Hamas is active in Gaza."))
	for _, pw := range []string{"ab#Sekr3t", "ab/Sekr3t", "ab?Sekr3t", "ab%zzSekr3t", "ab,Sekr3t"} {
		code, out, errs := kg(t, "", "submit", "--nats", "nats://kguser:"+pw+"@127.0.0.1:1", news)
		if strings.Contains(errs+out, "Sekr3t") || strings.Contains(errs+out, "kguser") || code != exitUsage || !strings.Contains(errs, "--nats-creds") {
			t.Errorf("kg submit with password %q: exit %d: %s", pw, code, errs)
		}
	}
}

// TestTerminalEscapes: a title, name or file name with terminal controls
// (ESC ] 0 ; … BEL retitles the window) or a bidirectional override reaches
// the terminal escaped, in kg extract's table, kg stats and error lines.
func TestTerminalEscapes(t *testing.T) {
	t.Setenv("NEO4J_URI", "")
	dir := t.TempDir()
	evil := "\x1b]0;pwned\x07"
	news := filepath.Join(dir, "news")
	writeFile(t, filepath.Join(news, "a.md"), []byte("---\ntitle: \""+`\e]0;pwned\a`+" \u202eevil\"\n---\nHamas"+evil+" is active in Gaza. Hamas leader Ismail Haniyeh\u202e spoke."))
	writeFile(t, filepath.Join(news, "bad"+evil+".txt"), []byte{0xff, 0xfe})
	store := filepath.Join(dir, "kg.db")
	check := func(what, s string) {
		t.Helper()
		if strings.ContainsAny(s, "\x1b\x07\u202e") {
			t.Errorf("%s prints terminal controls raw: %q", what, s)
		}
	}
	_, out, errs := kg(t, "", "extract", news)
	check("kg extract", out+errs)
	if !strings.Contains(errs, `bad\x1b]0;pwned\x07.txt`) || !strings.Contains(out, `\x1b]0;pwned\x07`) {
		t.Errorf("not shown escaped:\n%s%s", out, errs)
	}
	_, out, errs = kg(t, "", "extract", "--format", "conllu", news)
	check("kg extract --format conllu", out+errs)
	if !strings.Contains(out, `\x1b]0;pwned\x07`) {
		t.Errorf("kg extract --format conllu: the sentence not shown escaped:\n%s", out)
	}
	_, out, errs = kg(t, "", "build", "--store", store, news)
	check("kg build", out+errs)
	_, out, errs = kg(t, "", "stats", "--store", store)
	check("kg stats", out+errs)
}

// dyingProxy forwards Bolt connections to the server at uri until the
// clients have sent marker n times, then closes everything and accepts no
// more: a server that goes away mid-build. It returns its bolt:// URI, and
// how often the marker has been sent so far.
func dyingProxy(t *testing.T, uri, marker string, n int) (string, func() int) {
	t.Helper()
	u, err := url.Parse(uri)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var conns []net.Conn
	seen, dead := 0, false
	die := func() {
		mu.Lock()
		defer mu.Unlock()
		if dead {
			return
		}
		dead = true
		ln.Close()
		for _, c := range conns {
			c.Close()
		}
	}
	t.Cleanup(die)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s, err := net.Dial("tcp", u.Host)
			if err != nil {
				c.Close()
				continue
			}
			mu.Lock()
			conns = append(conns, c, s)
			mu.Unlock()
			go io.Copy(c, s)
			go func() {
				buf := make([]byte, 64<<10)
				for {
					k, err := c.Read(buf)
					if k > 0 {
						mu.Lock()
						seen += strings.Count(string(buf[:k]), marker)
						over := seen >= n
						mu.Unlock()
						if over {
							die()
							return
						}
						if _, err := s.Write(buf[:k]); err != nil {
							return
						}
					}
					if err != nil {
						s.Close()
						return
					}
				}
			}()
		}
	}()
	return "bolt://" + ln.Addr().String(), func() int {
		mu.Lock()
		defer mu.Unlock()
		return seen
	}
}

// TestBuildNeo4jGoesAway: a server that goes away mid-build stops it after
// one round of the driver's retries, with one line, exit 3, and the rerun
// advice, instead of asking about each article left (30 s each).
func TestBuildNeo4jGoesAway(t *testing.T) {
	uri := testServer(t)
	news := filepath.Join(t.TempDir(), "news")
	for i := 0; i < 40; i++ {
		writeFile(t, filepath.Join(news, fmt.Sprintf("%02d.txt", i)), []byte(fmt.Sprintf("Report %d. Hamas is active in Gaza.", i)))
	}
	// The marker is in the query that asks which articles Neo4j holds
	// (Store.Current): the third question finds the server gone.
	proxy, _ := dyingProxy(t, uri, "a.sha256 = row.sha", 3)
	start := time.Now()
	code, _, errs := kgWithin(t, 150*time.Second, "build", "--quiet", "-j", "1", "--neo4j", proxy, news)
	if code != exitFailure || !strings.Contains(errs, "running the same command again completes the load") ||
		strings.Count(strings.TrimSpace(errs), "\n") != 0 {
		t.Errorf("exit %d after %s: %s", code, time.Since(start).Round(time.Second), errs)
	}
}

// TestRerunAsksInBatches: a rerun with nothing changed asks Neo4j which
// articles it holds many at a time, not once per article, and finds every
// one unchanged.
func TestRerunAsksInBatches(t *testing.T) {
	uri := testServer(t)
	news := filepath.Join(t.TempDir(), "news")
	const files = 100
	for i := 0; i < files; i++ {
		writeFile(t, filepath.Join(news, fmt.Sprintf("%03d.txt", i)), []byte(fmt.Sprintf("Report %d. Hamas is active in Gaza.", i)))
	}
	if code, _, errs := kg(t, "", "build", "--quiet", "--neo4j", uri, news); code != 0 {
		t.Fatalf("first build: exit %d: %s", code, errs)
	}
	proxy, asked := dyingProxy(t, uri, "a.sha256 = row.sha", 1<<30)
	code, out, errs := kg(t, "", "build", "--json", "-j", "2", "--neo4j", proxy, news)
	var sum struct {
		Articles struct{ Unchanged, New, Updated int }
	}
	if err := json.Unmarshal([]byte(out), &sum); err != nil || code != 0 {
		t.Fatalf("rerun: exit %d, %v: %s", code, err, errs)
	}
	if sum.Articles.Unchanged != files || sum.Articles.New+sum.Articles.Updated != 0 {
		t.Errorf("rerun: %+v, want %d unchanged", sum.Articles, files)
	}
	// Spans of 1, 2, 4, ... 64 inputs: about a dozen questions, not 100.
	if n := asked(); n == 0 || n > files/4 {
		t.Errorf("the rerun asked Neo4j %d times about %d articles", n, files)
	}
}

// kgWithin runs kg in-process, failing the test if it takes longer than d
// (the goroutine is then left behind: the test has failed).
func kgWithin(t *testing.T, d time.Duration, args ...string) (int, string, string) {
	t.Helper()
	type res struct {
		code     int
		out, err string
	}
	done := make(chan res, 1)
	go func() {
		var out, errb bytes.Buffer
		code := run(args, strings.NewReader(""), &out, &errb)
		done <- res{code, out.String(), errb.String()}
	}()
	select {
	case r := <-done:
		return r.code, r.out, r.err
	case <-time.After(d):
		t.Fatalf("kg %s did not finish in %s", strings.Join(args, " "), d)
		return 0, "", ""
	}
}
