//go:build unix

package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/kg/kg/internal/neo4jtest"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// TestBuildUnreadableFolder: a subfolder kg may not read is named, counted
// failed (exit 1), and the readable articles beside it are built. (Root
// reads any folder: then kg runs as nobody.)
func TestBuildUnreadableFolder(t *testing.T) {
	t.Setenv("NEO4J_URI", "")
	dir := t.TempDir()
	news := filepath.Join(dir, "t")
	writeFile(t, filepath.Join(news, "a.txt"), []byte("The Taliban clashed with ISIS-K near Kabul."))
	writeFile(t, filepath.Join(news, "b", "c.txt"), []byte("Hezbollah is active in Lebanon."))
	writeFile(t, filepath.Join(news, "locked", "d.txt"), []byte("Hamas is active in Gaza."))
	writeFile(t, filepath.Join(news, "z.txt"), []byte("Al-Shabaab is active in Somalia."))
	locked := filepath.Join(news, "locked")
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(locked, 0o755)
	store := filepath.Join(dir, "kg.db")
	code, errs := kgAsUser(t, "build", "--store", store, news)
	if code != exitPartial || !strings.Contains(errs, locked+": permission denied") || !strings.Contains(errs, "3 new, 0 updated, 0 unchanged, 1 failed") {
		t.Errorf("exit %d: %s", code, errs)
	}
}

// kgAsUser runs kg as a user without root's rights: in-process when the
// test is no root, else the binary as nobody (with dir and the binary
// opened to it). It returns the exit code and stderr.
func kgAsUser(t *testing.T, args ...string) (int, string) {
	t.Helper()
	if os.Geteuid() != 0 {
		code, _, errs := kg(t, "", args...)
		return code, errs
	}
	bin := kgBinary(t)
	for _, p := range []string{filepath.Dir(bin), bin} {
		os.Chmod(p, 0o755)
	}
	// The test's temporary folders (not what is in them), mode 0700, are
	// opened to all.
	root := filepath.Dir(t.TempDir())
	os.Chmod(root, 0o777)
	tmps, _ := os.ReadDir(root)
	for _, e := range tmps {
		os.Chmod(filepath.Join(root, e.Name()), 0o777)
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "HOME=/nonexistent")
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	var errb strings.Builder
	cmd.Stderr = &errb
	err := cmd.Run()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatal(err)
	}
	return cmd.ProcessState.ExitCode(), errb.String()
}

// TestSpecialFiles: a named pipe is no article and does not stall the build,
// in a folder or named; a link to /dev/zero is not followed in a folder and
// refused when followed or named; the size limit holds on what is read
// (a /proc file, whose stat size is 0).
func TestSpecialFiles(t *testing.T) {
	t.Setenv("NEO4J_URI", "")
	dir := t.TempDir()
	news := filepath.Join(dir, "news")
	writeFile(t, filepath.Join(news, "a.txt"), []byte("The Taliban clashed with ISIS-K near Kabul."))
	fifo := filepath.Join(news, "p.txt")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	zero := filepath.Join(news, "zero.txt")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Fatal(err)
	}
	store := filepath.Join(dir, "kg.db")
	code, _, errs := kgWithin(t, 60*time.Second, "build", "--store", store, news)
	if code != exitPartial || !strings.Contains(errs, fifo+": a named pipe (FIFO), not a regular file") ||
		!strings.Contains(errs, "1 new, 0 updated, 0 unchanged, 1 failed") || !strings.Contains(errs, "1 symbolic link, not followed ("+zero+")") {
		t.Errorf("folder: exit %d: %s", code, errs)
	}
	code, _, errs = kgWithin(t, 60*time.Second, "build", "--store", store, "--follow-symlinks", news)
	if code != exitPartial || !strings.Contains(errs, zero+": a device, not a regular file") || !strings.Contains(errs, "2 failed") {
		t.Errorf("--follow-symlinks: exit %d: %s", code, errs)
	}
	for _, named := range []string{fifo, zero} {
		code, _, errs = kgWithin(t, 60*time.Second, "extract", named)
		if code != exitPartial || !strings.Contains(errs, "not a regular file") {
			t.Errorf("kg extract %s: exit %d: %s", named, code, errs)
		}
	}
	if _, err := os.Stat("/proc/self/maps"); err == nil {
		code, _, errs = kgWithin(t, 60*time.Second, "extract", "--max-size", "100", "/proc/self/maps")
		if code != exitPartial || !strings.Contains(errs, "over the 100 bytes limit") {
			t.Errorf("/proc/self/maps: exit %d: %s", code, errs)
		}
	}
}

// TestSymlinks: links in a folder are skipped unless --follow-symlinks, a
// link to a file outside the folder included; followed, a link to a folder
// above is named once, not walked forever.
func TestSymlinks(t *testing.T) {
	t.Setenv("NEO4J_URI", "")
	dir := t.TempDir()
	news := filepath.Join(dir, "news")
	outside := filepath.Join(dir, "outside.txt")
	writeFile(t, filepath.Join(news, "a.txt"), []byte("The Taliban clashed with ISIS-K near Kabul."))
	writeFile(t, outside, []byte("Hezbollah is active in Lebanon."))
	writeFile(t, filepath.Join(dir, "elsewhere", "b.txt"), []byte("Hamas is active in Gaza."))
	for link, target := range map[string]string{"passwd.txt": outside, "more": filepath.Join(dir, "elsewhere"), "loop": news} {
		if err := os.Symlink(target, filepath.Join(news, link)); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errs := kgWithin(t, 60*time.Second, "extract", "--format", "jsonl", news)
	if code != 0 || strings.Count(out, "\n") != 1 || strings.Contains(out, "Hezbollah") {
		t.Errorf("default: exit %d: %s%s", code, out, errs)
	}
	code, out, errs = kgWithin(t, 60*time.Second, "extract", "--format", "jsonl", "--follow-symlinks", news)
	if code != exitPartial || strings.Count(out, "\n") != 3 || !strings.Contains(out, "Hezbollah") || !strings.Contains(out, "Hamas") ||
		!strings.Contains(errs, "loop: symbolic link to a folder above it") {
		t.Errorf("--follow-symlinks: exit %d: %s%s", code, out, errs)
	}
}

// TestBuildStoreLock: while another build holds a store, a second one stops
// before reading anything, or with --wait waits and then builds.
func TestBuildStoreLock(t *testing.T) {
	t.Setenv("NEO4J_URI", "")
	dir := t.TempDir()
	store := filepath.Join(dir, "kg.db")
	news := filepath.Join(dir, "news")
	writeFile(t, filepath.Join(news, "a.txt"), []byte("Hamas is active in Gaza."))
	// Another build's lock: an flock on kg.db.lock.
	lock, err := os.OpenFile(store+".lock", os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Close()
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX); err != nil {
		t.Fatal(err)
	}
	release := func() { syscall.Flock(int(lock.Fd()), syscall.LOCK_UN) }
	code, _, errs := kgWithin(t, 60*time.Second, "build", "--store", store, news)
	if code != exitFailure || !strings.Contains(errs, "being built by another kg; nothing was read") || strings.Contains(errs, "articles into") {
		t.Errorf("held: exit %d: %s", code, errs)
	}
	errb := &syncBuffer{}
	done := make(chan int, 1)
	go func() {
		done <- run([]string{"build", "--wait", "--store", store, news}, strings.NewReader(""), io.Discard, errb)
	}()
	deadline := time.Now().Add(60 * time.Second)
	for !strings.Contains(errb.String(), "waiting for it (--wait)") {
		select {
		case code := <-done:
			t.Fatalf("--wait did not wait: exit %d: %s", code, errb.String())
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("--wait says nothing: %s", errb.String())
		}
	}
	release()
	select {
	case code := <-done:
		if code != 0 || !strings.Contains(errb.String(), "1 new") {
			t.Errorf("--wait: exit %d: %s", code, errb.String())
		}
	case <-time.After(60 * time.Second):
		t.Fatal("--wait did not finish after the lock was released")
	}
}

// syncBuffer is a bytes.Buffer for one writer and one reader at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestBuildTerminated: SIGTERM stops a build as Ctrl-C does: the articles in
// flight are stored, it says how many, exit 3, and a rerun completes it.
func TestBuildTerminated(t *testing.T) {
	if testing.Short() {
		t.Skip("builds kg and a corpus; not in -short")
	}
	dir := t.TempDir()
	bin := kgBinary(t)
	news := filepath.Join(dir, "news")
	for i := 0; i < 400; i++ {
		writeFile(t, filepath.Join(news, fmt.Sprintf("%03d.txt", i)),
			[]byte(fmt.Sprintf("Report %d. The Taliban clashed with ISIS-K near Kabul. Hamas is active in Gaza.", i)))
	}
	store := filepath.Join(dir, "kg.db")
	c := exec.Command(bin, "build", "--quiet", "-j", "1", "--store", store, news)
	c.Env = append(os.Environ(), "NEO4J_URI=")
	var stderr bytes.Buffer
	c.Stderr = &stderr
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) && stored(store) < 20 {
		time.Sleep(20 * time.Millisecond)
	}
	c.Process.Signal(syscall.SIGTERM)
	err := c.Wait()
	var ee *exec.ExitError
	if n := stored(store); n >= 400 {
		t.Skipf("the build finished (%d articles) before SIGTERM; nothing to check", n)
	}
	if !errors.As(err, &ee) || ee.ExitCode() != exitFailure || !strings.Contains(stderr.String(), "interrupted:") ||
		!strings.Contains(stderr.String(), "running the same command again completes the build") {
		t.Fatalf("terminated build: %v\n%s", err, stderr.String())
	}
	rerun := exec.Command(bin, "build", "--quiet", "--store", store, news)
	rerun.Env = c.Env
	if out, err := rerun.CombinedOutput(); err != nil || stored(store) != 400 {
		t.Errorf("rerun: %v, %d articles stored\n%s", err, stored(store), out)
	}
}

// TestBuildForeignStoreLeavesNothing: kg build refuses an SQLite file that
// is no kg store and leaves it as it was, with no lock file beside it; a
// lock file that was there before stays.
func TestBuildForeignStoreLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	news := filepath.Join(dir, "a.txt")
	writeFile(t, news, []byte("Hamas is active in Gaza."))
	foreign := filepath.Join(dir, "notes.db")
	db, err := sql.Open("sqlite", "file:"+foreign)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine')`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	before, err := os.ReadFile(foreign)
	if err != nil {
		t.Fatal(err)
	}
	code, _, errs := kg(t, "", "build", "--store", foreign, news)
	if code == 0 || !strings.Contains(errs, "not a kg store") {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if after, err := os.ReadFile(foreign); err != nil || !bytes.Equal(before, after) {
		t.Error("the foreign file changed")
	}
	if _, err := os.Stat(foreign + ".lock"); err == nil {
		t.Error("a lock file was left beside the foreign file")
	}
	writeFile(t, foreign+".lock", nil)
	kg(t, "", "build", "--store", foreign, news)
	if _, err := os.Stat(foreign + ".lock"); err != nil {
		t.Error("a lock file that was there before is gone")
	}
}

// TestLoadTerminated: SIGTERM stops kg load as Ctrl-C does: the articles
// loaded stay, one line says a rerun completes the load, exit 3, and the
// rerun does.
func TestLoadTerminated(t *testing.T) {
	if testing.Short() {
		t.Skip("builds kg, a store of 2,000 articles and loads it into Neo4j; not in -short")
	}
	uri := testServer(t)
	dir := t.TempDir()
	news := filepath.Join(dir, "news")
	// More rows than one transaction takes (neo4j.DefaultTxRows): the
	// signal comes once the first has committed.
	const articles = 2000
	for i := 0; i < articles; i++ {
		writeFile(t, filepath.Join(news, fmt.Sprintf("%03d.txt", i)),
			[]byte(fmt.Sprintf("Report %d. The Taliban clashed with ISIS-K near Kabul. Hamas is active in Gaza.", i)))
	}
	store := filepath.Join(dir, "kg.db")
	if code, _, errs := kg(t, "", "build", "--quiet", "--store", store, news); code != 0 {
		t.Fatalf("build: exit %d: %s", code, errs)
	}
	d := neo4jtest.Driver(t)
	loaded := func() int64 {
		res, err := neo4j.ExecuteQuery(context.Background(), d, "MATCH (a:Article) RETURN count(a) AS n", nil, neo4j.EagerResultTransformer)
		if err != nil || len(res.Records) == 0 {
			return 0
		}
		n, _ := res.Records[0].Get("n")
		v, _ := n.(int64)
		return v
	}
	c := exec.Command(kgBinary(t), "load", "--store", store, "--neo4j", uri)
	c.Env = os.Environ()
	var stderr bytes.Buffer
	c.Stderr = &stderr
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) && loaded() == 0 {
		time.Sleep(20 * time.Millisecond)
	}
	c.Process.Signal(syscall.SIGTERM)
	err := c.Wait()
	if n := loaded(); n >= articles {
		t.Fatalf("the load finished (%d articles) before SIGTERM: the corpus is too small to test the signal on this machine", n)
	}
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != exitFailure || !strings.Contains(stderr.String(), "running the same command again completes the load") {
		t.Fatalf("terminated load: %v\n%s", err, stderr.String())
	}
	if code, _, errs := kg(t, "", "load", "--store", store, "--neo4j", uri); code != 0 || loaded() != articles {
		t.Errorf("rerun: exit %d, %d articles loaded: %s", code, loaded(), errs)
	}
}
