package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/kg/kg/extract"
	"github.com/kg/kg/graph"
	"github.com/kg/kg/schemas"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

type extractOptions struct {
	format     string
	model      string
	gazetteers []string
	schema     string
	maxSize    int64
	jobs       int
	follow     bool
	langs      []string
	profile    bool
}

func newExtractCmd() *cobra.Command {
	o := &extractOptions{}
	c := &cobra.Command{
		Use:   "extract [flags] PATH...",
		Short: "Print the entities and relations of articles",
		Long: `Extract reads articles (files, folders searched recursively, or - for
standard input) and prints what each says: its entities and the relations
between them, with evidence.

` + formatsHelp() + `

Output (--format): table (for people), json (one array), jsonl (one line per
article), conllu (each sentence's words with kg's part-of-speech tags,
dependency heads and relations, and in the MISC column the entity mentions,
with the relations read from the sentence in its comments: to see why a rule
fired). A file that cannot be read is named on stderr and the others still
run; a path that does not exist is a usage error (exit 2).`,
		Example: `  kg extract examples/articles/isis-k-kabul-airport-threat.txt
  kg extract --format json article.txt
  kg extract --format jsonl examples/articles/
  kg extract --format conllu article.txt
  cat article.txt | kg extract -`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runExtract(cmd, o, args)
		},
	}
	f := c.Flags()
	f.StringVarP(&o.format, "format", "f", "table", "output format: table, json, jsonl or conllu (each sentence's tags, dependency tree and entity mentions)")
	f.StringVar(&o.model, "model", "", "folder of models written by kg train (default: the built-in ones)")
	f.BoolVar(&o.profile, "profile", false, "print the time each pipeline stage took, summed over the articles, to stderr")
	f.StringArrayVar(&o.gazetteers, "gazetteer", nil, "your own gazetteer file, YAML like schemas/gazetteer/*.yaml or a .tsv list (repeatable)")
	addCommonFlags(f, &o.schema, &o.maxSize, &o.jobs)
	addFollowFlag(f, &o.follow)
	addLangFlag(f, &o.langs)
	return c
}

// addLangFlag adds --lang.
func addLangFlag(f *pflag.FlagSet, langs *[]string) {
	f.StringSliceVar(langs, "lang", []string{"en"}, "languages to read (ISO 639-1 or 639-3 codes, comma-separated, or any); an article detected in another is named and left out")
}

// addFollowFlag adds --follow-symlinks.
func addFollowFlag(f *pflag.FlagSet, follow *bool) {
	f.BoolVar(follow, "follow-symlinks", false, "follow symbolic links in folders (to files and folders); by default they are skipped")
}

// loadSchema loads --schema, or the built-in news schema.
func loadSchema(path string) (*schemas.Schema, error) {
	if path == "" {
		return schemas.Default(), nil
	}
	s, err := schemas.Load(path)
	if err != nil {
		return nil, usageErr("%w", err)
	}
	return s, nil
}

// result is one input's extraction, or why it failed.
type result struct {
	name string
	ex   *extract.Extraction
	err  error
	// skipped: the run's skip hook found the article unchanged; ex is nil.
	skipped bool
	// left says why the article was read but left out (empty, another
	// language); ex is nil.
	left string
	// sha is the article's content hash, to tell copies apart; id its id.
	sha, id string
	// abs is the input file's absolute path ("" for standard input).
	abs string
	// copyOf is a stored article with the same bytes whose file still holds
	// them, outside this run: the article is a copy of it (copies.go).
	copyOf *graph.ArticleRow
	// replaces are stored articles with the same bytes whose files no
	// longer hold them: the article was moved there (copies.go).
	replaces []graph.ArticleRow
	// doc is the article read, when the run only reads (extractRun.readOnly).
	doc *extract.Document
	// conllu is the article's sentences in CoNLL-U (run.conllu); ex is nil.
	conllu string
}

// extractRun says how extractAll reads and extracts.
type extractRun struct {
	maxSize int64
	jobs    int
	// followSymlinks follows symbolic links in folders (--follow-symlinks).
	followSymlinks bool
	// known, if set, is asked about articles once read, many at a time (the
	// articles of up to skipChunk inputs): what the store holds of each,
	// so that an article stored as it is, or a copy of one stored, need not
	// be extracted, and a moved one replaces its old path (copies.go).
	known func([]*extract.Document) []known
	// progress, if set, is told after each input how many are done.
	progress func(done, total int)
	// failure, if set, is told each input that failed, and why.
	failure func(path string, err error)
	// left, if set, is told each file or article left out, and why: files
	// without an article ending, symbolic links not followed, empty
	// articles, articles in another language, copies.
	left func(path, why string)
	// lang, if set, says why an article's text is left out for its
	// language ("" to read it).
	lang func(text string) string
	// dedupe leaves out an article whose bytes equal an earlier one's in
	// this run or a stored one's (a copy supports nothing the first does
	// not), and is told each copy's id, so that a copy stored before can be
	// taken back.
	dedupe func(id string)
	// dateFromMtime dates an undated article by its file's modification time.
	dateFromMtime bool
	// quiet prints no notes about what was left out.
	quiet bool
	// forGraph keeps only the relations that reach the graph (asserted or
	// alleged; see extract.InGraph).
	forGraph bool
	// readOnly hands on each article read (result.doc) without extracting
	// it (kg submit).
	readOnly bool
	// conllu: write each article's parsed sentences in CoNLL-U instead of
	// extracting (result.conllu).
	conllu bool
	// profile, if set, times each stage of each extraction.
	profile *stageProfile
}

// readInput reads one input's articles: a result per article, each with its
// document (result.doc) to extract, and one per unreadable record or file.
// Articles left out (empty, another language) say why.
func readInput(cmd *cobra.Command, name string, stdin bool, inErr error, run extractRun) []result {
	if inErr != nil {
		return []result{{name: name, err: inErr}}
	}
	var docs []*extract.Document
	var bad []error
	var err error
	abs := ""
	if stdin {
		var doc *extract.Document
		doc, err = extract.ReadAll("-", cmd.InOrStdin(), run.maxSize)
		docs = []*extract.Document{doc}
	} else {
		docs, bad, err = extract.ReadArticles(name, run.maxSize)
		if err == nil {
			abs, err = filepath.Abs(name)
		}
	}
	if err != nil {
		return []result{{name: name, err: err}}
	}
	out := make([]result, 0, len(docs)+len(bad))
	for _, e := range bad {
		out = append(out, result{name: name, err: e})
	}
	for _, doc := range docs {
		r := result{name: doc.Path, abs: abs, sha: doc.SHA256, id: doc.ID, doc: doc}
		if run.dateFromMtime && doc.Published == "" && !stdin {
			if info, err := os.Stat(name); err == nil {
				doc.Published = info.ModTime().UTC().Format("2006-01-02")
			}
		}
		if strings.TrimSpace(doc.Text) == "" {
			r.left = "empty (no text); left out"
		} else if run.lang != nil {
			r.left = run.lang(doc.Text)
		}
		if r.left != "" {
			r.doc = nil
		}
		out = append(out, r)
	}
	return out
}

// skipKnown asks run.known about the articles read from several inputs at
// once, and marks those stored as they are skipped, and those that are
// copies of stored articles, their documents dropped; and what moved
// articles replace (inRun: the run's files, by absolute path).
func skipKnown(run extractRun, inputs [][]result, inRun map[string]bool) {
	if run.known == nil || run.readOnly {
		return
	}
	var docs []*extract.Document
	for _, rs := range inputs {
		for _, r := range rs {
			if r.doc != nil {
				docs = append(docs, r.doc)
			}
		}
	}
	if len(docs) == 0 {
		return
	}
	known := run.known(docs)
	k := 0
	for _, rs := range inputs {
		for i := range rs {
			r := &rs[i]
			if r.doc == nil {
				continue
			}
			switch kn := known[k]; {
			case kn.current:
				r.skipped, r.doc = true, nil
			case run.dedupe != nil:
				sortSame(r, kn.same, inRun, run.maxSize)
				if r.copyOf != nil {
					r.doc = nil // left out as a copy: see copyIndex.judge
				}
			}
			k++
		}
	}
}

// hasDocs reports whether any result still holds an article to extract.
func hasDocs(inputs [][]result) bool {
	for _, rs := range inputs {
		for _, r := range rs {
			if r.doc != nil {
				return true
			}
		}
	}
	return false
}

// extractInput extracts the articles of one input that are left (or, for
// a run that only reads or writes CoNLL-U, does that instead).
func extractInput(x *extract.Extractor, rs []result, run extractRun) []result {
	for i := range rs {
		r := &rs[i]
		doc := r.doc
		if doc == nil || run.readOnly {
			continue
		}
		r.doc = nil
		if run.conllu {
			var b strings.Builder
			if err := x.WriteCoNLLU(&b, doc); err != nil {
				r.err = err
			}
			r.conllu = b.String()
			continue
		}
		if run.profile != nil {
			r.ex = run.profile.extract(x, doc)
		} else {
			r.ex = x.Extract(doc)
		}
		if run.forGraph {
			r.ex = r.ex.ForGraph()
		}
	}
	return rs
}

// inFlight bounds the inputs read or extracted but not yet handed to emit,
// per worker: memory stays bounded whatever the corpus size.
const inFlight = 4

// skipChunk is the most inputs a worker reads before asking run.skip about
// their articles in one go (one query for many articles in a rerun), and
// extracting those it does not know.
const skipChunk = 64

// extractAll reads and extracts every input with run.jobs workers and hands
// the results to emit in input order. It returns how many inputs failed and
// whether ctx stopped it early (after the articles in flight).
func extractAll(ctx context.Context, cmd *cobra.Command, x *extract.Extractor, args []string, run extractRun, emit func(result) error) (failed int, stopped bool, err error) {
	type input struct {
		name  string
		stdin bool
		err   error
	}
	var inputs []input
	var leftFiles []extract.PathError
	for _, arg := range args {
		if arg == "-" {
			inputs = append(inputs, input{name: "-", stdin: true})
			continue
		}
		w, err := extract.WalkFolder(arg, extract.WalkOptions{FollowSymlinks: run.followSymlinks})
		leftFiles = append(leftFiles, w.Left...)
		if err != nil {
			inputs = append(inputs, input{name: arg, err: err})
			continue
		}
		// An unreadable subfolder, a named pipe or device is named and
		// counted failed; the rest of the folder is read.
		for _, b := range w.Bad {
			inputs = append(inputs, input{name: b.Path, err: b.Err})
		}
		for _, f := range w.Files {
			inputs = append(inputs, input{name: f})
		}
	}
	if run.left != nil {
		for _, l := range leftFiles {
			run.left(l.Path, l.Err.Error())
		}
	}
	if !run.quiet && len(leftFiles) > 0 {
		fmt.Fprintln(cmd.ErrOrStderr(), "kg: "+describeLeft(leftFiles))
	}
	copies := copyIndex{}
	inRun := map[string]bool{} // the run's files, by absolute path
	for _, in := range inputs {
		if abs, err := filepath.Abs(in.name); err == nil && !in.stdin {
			inRun[abs] = true
		}
	}
	// Each input gives its articles' results (a JSON-lines file, many).
	results := make([]chan []result, len(inputs))
	for i := range results {
		results[i] = make(chan []result, 1)
	}
	// Workers take spans of consecutive inputs: one input at a time, or,
	// while the store knows every article of the spans read (a rerun), ever
	// longer spans (up to skipChunk), so that one question about many
	// articles replaces one per article. A span with an article to extract
	// brings them back to one input, so that a build stops soon after Ctrl-C
	// (the inputs handed out are still finished) and the workers share the
	// extraction evenly.
	batched := run.known != nil && !run.readOnly
	var allKnown atomic.Bool // the last span read had no article to extract
	type span struct{ start, end int }
	work := make(chan span)
	room := run.jobs * inFlight
	if batched {
		room += skipChunk // one long span in flight besides
	}
	slots := make(chan struct{}, room)
	var wg sync.WaitGroup
	for w := 0; w < run.jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for sp := range work {
				read := make([][]result, 0, sp.end-sp.start)
				for i := sp.start; i < sp.end; i++ {
					read = append(read, readInput(cmd, inputs[i].name, inputs[i].stdin, inputs[i].err, run))
				}
				if batched {
					skipKnown(run, read, inRun)
					allKnown.Store(!hasDocs(read))
				}
				for k, rs := range read {
					results[sp.start+k] <- extractInput(x, rs, run)
				}
			}
		}()
	}
	fed := make(chan int, 1)
	go func() {
		n := 0
		defer func() { close(work); fed <- n }()
		chunk := 1
		for start := 0; start < len(inputs); start += chunk {
			if batched && allKnown.Load() {
				chunk = min(2*chunk, skipChunk)
			} else {
				chunk = 1
			}
			sp := span{start, min(start+chunk, len(inputs))}
			for range sp.end - sp.start {
				select {
				case slots <- struct{}{}:
				case <-ctx.Done():
					return
				}
			}
			select {
			case work <- sp:
				n = sp.end
			case <-ctx.Done():
				return
			}
		}
	}()
	var emitErr error
	done := 0
	for i := range inputs {
		var rs []result
		select {
		case rs = <-results[i]:
		case n := <-fed:
			// The feeder stopped: take what it handed out, then stop.
			fed <- n
			if i >= n {
				wg.Wait()
				return failed, true, emitErr
			}
			rs = <-results[i]
		}
		<-slots
		done++
		for _, r := range rs {
			if r.err == nil && r.left == "" && run.dedupe != nil && r.sha != "" {
				var takeBack bool
				if r.left, takeBack = copies.judge(&r); takeBack {
					run.dedupe(r.id)
				}
			}
			switch {
			case r.err != nil:
				failed++
				fmt.Fprintf(cmd.ErrOrStderr(), "kg: %s: %v\n", r.name, r.err)
				if run.failure != nil {
					run.failure(r.name, r.err)
				}
			case r.left != "":
				if !run.quiet {
					fmt.Fprintf(cmd.ErrOrStderr(), "kg: %s: %s\n", r.name, r.left)
				}
				if run.left != nil {
					run.left(r.name, r.left)
				}
			case emitErr == nil:
				emitErr = emit(r)
			}
		}
		if run.progress != nil {
			run.progress(done, len(inputs))
		}
	}
	wg.Wait()
	return failed, false, emitErr
}

func runExtract(cmd *cobra.Command, o *extractOptions, args []string) error {
	switch o.format {
	case "table", "json", "jsonl", "conllu":
	default:
		return usageErr("unknown --format %q: use table, json, jsonl or conllu", o.format)
	}
	if err := checkCommonFlags(o.maxSize, o.jobs); err != nil {
		return err
	}
	x, err := newExtractor(o.schema, o.model, o.gazetteers)
	if err != nil {
		return err
	}
	if err := checkPaths(args); err != nil {
		return err
	}
	lang, err := langChecker(o.langs)
	if err != nil {
		return err
	}
	out := cmd.OutOrStdout()
	var all []*extract.Extraction
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	run := extractRun{maxSize: o.maxSize, jobs: o.jobs, followSymlinks: o.follow, lang: lang, conllu: o.format == "conllu"}
	if o.profile {
		run.profile = newStageProfile()
	}
	failed, _, err := extractAll(cmd.Context(), cmd, x, args, run, func(r result) error {
		switch o.format {
		case "conllu":
			// Its sentences and words are the article's: escaped as
			// everything kg prints (termSafe).
			_, err := io.WriteString(out, termSafe(r.conllu))
			return err
		case "jsonl":
			return r.ex.WriteJSON(out)
		case "json":
			all = append(all, r.ex)
			return nil
		default:
			return writeTable(out, r.ex)
		}
	})
	if err != nil {
		return &exitError{code: exitFailure, err: fmt.Errorf("cannot write output: %w", err)}
	}
	if o.format == "json" {
		if all == nil {
			all = []*extract.Extraction{}
		}
		enc.SetIndent("", "  ")
		if err := enc.Encode(all); err != nil {
			return &exitError{code: exitFailure, err: fmt.Errorf("cannot write output: %w", err)}
		}
	}
	if run.profile != nil {
		if err := run.profile.write(cmd.ErrOrStderr()); err != nil {
			return &exitError{code: exitFailure, err: fmt.Errorf("cannot write the profile: %w", err)}
		}
	}
	if failed > 0 {
		return &exitError{code: exitPartial, err: fmt.Errorf("%d of the inputs failed (named above)", failed)}
	}
	return nil
}

// writeTable prints one extraction for a person at a terminal.
func writeTable(w io.Writer, ex *extract.Extraction) error {
	var b strings.Builder
	fmt.Fprintf(&b, "== %s", ex.Document.Path)
	if ex.Document.Title != "" {
		fmt.Fprintf(&b, ": %s", ex.Document.Title)
	}
	fmt.Fprintf(&b, "\n\nENTITIES (%d)\n", len(ex.Entities))
	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  TYPE\tNAME\tMENTIONS\tALSO CALLED")
	for _, e := range ex.Entities {
		fmt.Fprintf(tw, "  %s\t%s\t%d\t%s\n", e.Type, e.Name, len(e.Mentions), clip(strings.Join(e.Aliases, ", "), 50))
	}
	tw.Flush()
	fmt.Fprintf(&b, "\nRELATIONS (%d)\n", len(ex.Relations))
	for _, r := range ex.Relations {
		mark := ""
		if r.Assertion != "" && r.Assertion != extract.Asserted {
			mark = ", " + r.Assertion + ": not in the graph"
			if extract.InGraph(r) {
				mark = ", " + r.Assertion
			}
		}
		fmt.Fprintf(&b, "  %s -[%s]-> %s   (%.2f, %s%s)\n", r.Subject.Name, r.Type, r.Object.Name, r.Confidence, r.Rule, mark)
		fmt.Fprintf(&b, "      %q\n", clip(r.Evidence.Text, 160))
	}
	b.WriteString("\n")
	_, err := io.WriteString(w, termSafe(b.String()))
	return err
}

func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// newExtractor builds the extractor for a schema file ("" for the built-in
// one), a folder of trained models ("" for the built-in ones) and the user's
// gazetteer files.
func newExtractor(schemaPath, models string, gazetteers []string) (*extract.Extractor, error) {
	s, err := loadSchema(schemaPath)
	if err != nil {
		return nil, err
	}
	if models != "" {
		if info, err := os.Stat(models); err != nil || !info.IsDir() {
			return nil, usageErr("--model %s: no such folder (it holds the files kg train writes)", models)
		}
		_, errN := os.Stat(filepath.Join(models, "ner.model"))
		_, errR := os.Stat(filepath.Join(models, "rel.model"))
		if errN != nil && errR != nil {
			return nil, usageErr("--model %s holds neither ner.model nor rel.model; point it at the folder kg train --out wrote", models)
		}
	}
	for _, g := range gazetteers {
		if _, err := os.Stat(g); err != nil {
			return nil, usageErr("--gazetteer %s: no such file", g)
		}
	}
	x, err := extract.NewWith(s, extract.Options{Models: models, Gazetteers: gazetteers})
	if err != nil {
		return nil, usageErr("%w", err)
	}
	tuneGC()
	return x, nil
}
