package queue

import (
	"strings"
	"testing"
)

func TestRedact(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"nats://127.0.0.1:4222", "nats://127.0.0.1:4222"},
		{"nats://kg:s3cret@127.0.0.1:4222", "nats://127.0.0.1:4222"},
		{"tls://token@queue:4222, nats://u:p@other:4222", "tls://queue:4222,nats://other:4222"},
		{"kg:s3cret@127.0.0.1:4222", "127.0.0.1:4222"},
		// Passwords holding what ends a host, or a comma.
		{"nats://user:ab/Sekr3t@127.0.0.1:4222", "nats://127.0.0.1:4222"},
		{"nats://user:ab#Sekr3t@127.0.0.1:4222", "nats://127.0.0.1:4222"},
		{"nats://user:ab?Sekr3t@127.0.0.1:4222", "nats://127.0.0.1:4222"},
		{"nats://user:ab@c@127.0.0.1:4222", "nats://127.0.0.1:4222"},
		{"nats://user:ab,Sekr3t@127.0.0.1:4222, nats://other:4222", "nats://127.0.0.1:4222,nats://other:4222"},
	} {
		if got := Redact(c.in); got != c.want {
			t.Errorf("Redact(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestKey(t *testing.T) {
	for _, id := range []string{"a b/c", "https://example.org/x?y=1", strings.Repeat("é", 300)} {
		k := key(id)
		if len(k) != 33 || strings.Trim(k[1:], "0123456789abcdef") != "" {
			t.Errorf("key(%q) = %q: not a valid KV key", id, k)
		}
	}
	if key("a") == key("b") {
		t.Error("two ids share a key")
	}
}

func TestSize(t *testing.T) {
	for n, want := range map[int64]string{512: "512 bytes", 2048: "2.0 KB", 1 << 20: "1.0 MB"} {
		if got := size(n); got != want {
			t.Errorf("size(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestCheckURLs: a URL the NATS library could not parse is refused before
// it sees it, and the refusal names it without its user and password.
func TestCheckURLs(t *testing.T) {
	for _, c := range []struct {
		in string
		ok bool
	}{
		{"nats://127.0.0.1:4222", true},
		{"nats://kg:s3cret@127.0.0.1:4222", true},
		{"127.0.0.1:4222", true},
		{"nats://kg:s3cret@127.0.0.1:4222,nats://other:4222", true},
		{"nats://kguser:pw/Sekr3t@127.0.0.1:4222", false},
		{"nats://kguser:pw#Sekr3t@127.0.0.1:4222", false},
		{"nats://kguser:pw?Sekr3t@127.0.0.1:4222", false},
		{"nats://kguser:pw%zzSekr3t@127.0.0.1:4222", false},
		{"nats://kguser:pw,Sekr3t@127.0.0.1:4222", false},
	} {
		err := checkURLs(c.in)
		if (err == nil) != c.ok {
			t.Errorf("checkURLs(%q) = %v, want ok %v", c.in, err, c.ok)
			continue
		}
		if err != nil && (strings.Contains(err.Error(), "Sekr3t") || strings.Contains(err.Error(), "pw") || strings.Contains(err.Error(), "kguser")) {
			t.Errorf("checkURLs(%q): %q quotes the credentials", c.in, err)
		}
	}
}
