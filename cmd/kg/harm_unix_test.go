//go:build unix

package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
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
