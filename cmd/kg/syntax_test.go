package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// kg extract --format conllu prints every sentence's words with tags, one
// tree a sentence (one root, heads inside the sentence), and the entity
// mentions in MISC.
func TestExtractCoNLLU(t *testing.T) {
	code, out, errs := kg(t, "Joe Biden met Emmanuel Macron in Paris on Tuesday. The two leaders discussed Ukraine.", "extract", "--format", "conllu", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	blocks := strings.Split(strings.TrimSpace(out), "\n\n")
	if len(blocks) != 2 {
		t.Fatalf("%d sentences, want 2:\n%s", len(blocks), out)
	}
	for _, b := range blocks {
		roots, words := 0, 0
		var heads []int
		for _, line := range strings.Split(b, "\n") {
			if strings.HasPrefix(line, "#") {
				continue
			}
			cols := strings.Split(line, "\t")
			if len(cols) != 10 {
				t.Fatalf("%d columns in %q", len(cols), line)
			}
			words++
			if cols[3] == "" || cols[3] == "_" || cols[4] == "" || cols[4] == "_" || cols[7] == "_" {
				t.Errorf("untagged or unlabelled word: %q", line)
			}
			h, err := strconv.Atoi(cols[6])
			if err != nil {
				t.Fatalf("head %q", cols[6])
			}
			if h == 0 {
				roots++
			}
			if cols[7] == "root" != (h == 0) {
				t.Errorf("root relation and head 0 disagree: %q", line)
			}
			heads = append(heads, h)
		}
		for _, h := range heads {
			if h < 0 || h > words {
				t.Errorf("head %d outside the sentence's %d words", h, words)
			}
		}
		if roots != 1 {
			t.Errorf("%d roots in\n%s", roots, b)
		}
	}
	for _, want := range []string{"# text = Joe Biden met Emmanuel Macron in Paris on Tuesday.", "\tJoe\t", "Entity=B-", "Entity=I-", "\tParis\t"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
}

// kg eval --format conllu scores the tagger and parser on a treebank.
func TestEvalCoNLLU(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tiny.conllu")
	writeFile(t, path, []byte("1\tBiden\t_\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n2\tspoke\t_\tVERB\tVBD\t_\t0\troot\t_\t_\n3\t.\t_\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n"))
	code, out, errs := kg(t, "", "eval", "--gold", path, "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{`"words": 3`, `"uas": 1`, `"xpos": 1`, `"prose_xpos"`} {
		if !strings.Contains(out, want) {
			t.Errorf("no %s in %s", want, out)
		}
	}
}

// TestBuiltinSyntaxModelReproduces runs scripts/train-syntax into a
// temporary folder and compares syntax.model with the embedded one byte for
// byte. It trains for several minutes, so it runs only with
// KG_TRAIN_SYNTAX=1 (the lead runs it before merging a new model).
func TestBuiltinSyntaxModelReproduces(t *testing.T) {
	if os.Getenv("KG_TRAIN_SYNTAX") != "1" {
		t.Skip("retrains the tagger and parser (minutes): set KG_TRAIN_SYNTAX=1 to run")
	}
	dir := t.TempDir()
	cmd := exec.Command("../../scripts/train-syntax", "--out", dir)
	cmd.Dir = "."
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("scripts/train-syntax: %v\n%s", err, msg)
	}
	got, err := os.ReadFile(filepath.Join(dir, "syntax.model"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../../schemas/models/syntax.model")
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Error("schemas/models/syntax.model differs from what scripts/train-syntax makes now; run it and commit the model")
	}
}

// kg extract --profile prints every stage's time to stderr, and the same
// extraction to stdout.
func TestExtractProfile(t *testing.T) {
	in := "Joe Biden met Emmanuel Macron in Paris."
	code, out, errs := kg(t, in, "extract", "--format", "jsonl", "--profile", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	_, plain, _ := kg(t, in, "extract", "--format", "jsonl", "-")
	if out != plain {
		t.Errorf("--profile changed the output:\n%s\nwant\n%s", out, plain)
	}
	for _, stage := range []string{"tokenize", "syntax", "recognize", "relations", "total"} {
		if !strings.Contains(errs, stage) {
			t.Errorf("no stage %s in the profile:\n%s", stage, errs)
		}
	}
}
