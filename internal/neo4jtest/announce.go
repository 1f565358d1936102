package neo4jtest

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// announce writes msg where the person who ran go test sees it.
//
// go test shows a passing package's output only with -v: without it, what a
// test binary writes to stdout or stderr is dropped. So, run by the go
// command, the notice goes to the go command's own standard error (Linux
// exposes it as /proc/PPID/fd/2). And since go test replays a cached pass
// without its output, a run that skipped tests reads a file it has just
// written inside the module (see uncacheable): every plain go test says what
// it skipped.
func announce(msg string) {
	if testing.Verbose() {
		fmt.Print(msg)
		return
	}
	if w := goCommandStderr(); w != nil {
		fmt.Fprint(w, msg)
		w.Close()
	} else {
		fmt.Fprint(os.Stderr, msg)
	}
}

// goCommandStderr opens the standard error of the go command that runs this
// test binary, or returns nil when the parent is something else (a shell
// running the binary directly already sees os.Stderr).
func goCommandStderr() io.WriteCloser {
	ppid := os.Getppid()
	exe, err := os.Readlink(fmt.Sprintf("/proc/%d/exe", ppid))
	if err != nil || filepath.Base(exe) != "go" {
		return nil
	}
	f, err := os.OpenFile(fmt.Sprintf("/proc/%d/fd/2", ppid), os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return nil
	}
	return f
}

// uncacheable makes the go command not cache this run: it does not cache a
// run that read a file of the module modified less than two seconds before.
// It must be called while tests run: the go command only learns of files
// opened before m.Run returns. The file lives in the test server's folder,
// which git ignores.
func uncacheable() {
	root, err := moduleRoot()
	if err != nil {
		return
	}
	dir := filepath.Join(root, ".neo4j-test", "skipped")
	if os.MkdirAll(dir, 0o755) != nil {
		return
	}
	name := filepath.Join(dir, strings.ReplaceAll(pkgName, "/", "_"))
	if os.WriteFile(name, []byte(time.Now().Format(time.RFC3339)+"\n"), 0o644) != nil {
		return
	}
	if f, err := os.Open(name); err == nil {
		f.Close()
	}
}

func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
}
