package export

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/kg/kg/extract"
	"github.com/kg/kg/graph"
	"github.com/kg/kg/internal/graphtest"
)

// The HTML page's tests in a real browser: Debian's chromium, headless,
// driven with chromedp. Without a browser they skip and say how to install
// one, unless KG_REQUIRE_BROWSER=1, KG_REQUIRE_TOOLS=1 (scripts/test sets
// it) or CI is set (and KG_REQUIRE_TOOLS is not 0), where a missing browser
// is a failure, as for the other export tests' tools. KG_CHROMIUM names a browser binary; otherwise the first of
// chromium, chromium-browser, google-chrome and google-chrome-stable on PATH
// is used. Screenshots go to $KG_TEST_ARTIFACTS/graph, or to
// graph/export/testdata/artifacts (ignored by git).

// chromiumPath finds the browser, or returns "".
func chromiumPath() string {
	if p := os.Getenv("KG_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// browser starts a headless browser with a 1400x900 window for the test and
// returns its tab's context.
func browser(t *testing.T) context.Context {
	t.Helper()
	bin := chromiumPath()
	if bin == "" {
		msg := "no browser: install Debian's chromium (apt-get install chromium) or name one with KG_CHROMIUM"
		if os.Getenv("KG_REQUIRE_BROWSER") == "1" || os.Getenv("KG_REQUIRE_TOOLS") == "1" ||
			(os.Getenv("CI") != "" && os.Getenv("KG_REQUIRE_TOOLS") != "0") {
			t.Fatal(msg + " (CI, KG_REQUIRE_TOOLS=1 or KG_REQUIRE_BROWSER=1 require it)")
		}
		t.Skip(msg)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(bin),
		chromedp.NoSandbox, // root in a container has no sandbox
		chromedp.DisableGPU,
		chromedp.WindowSize(1400, 900),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("font-render-hinting", "none"),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelTab(); cancelAlloc() })
	if _, err := chromedp.Run(ctx, chromedp.EmulateViewport(1400, 900)); err != nil {
		t.Fatalf("cannot start %s: %v", bin, err)
	}
	return ctx
}

// pageProblems collects what a page should never do: console errors and
// warnings, uncaught exceptions, error log entries (failed loads, CSP
// violations) and dialogs (alert, confirm, prompt).
type pageProblems struct {
	mu   sync.Mutex
	list []string
}

func (p *pageProblems) add(format string, args ...any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.list = append(p.list, fmt.Sprintf(format, args...))
}

func (p *pageProblems) check(t *testing.T) {
	t.Helper()
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, s := range p.list {
		t.Error(s)
	}
	p.list = nil
}

// openPage opens an exported page from a file, waits for its script to
// draw it, and watches it for problems.
func openPage(t *testing.T, ctx context.Context, path string) *pageProblems {
	t.Helper()
	p := &pageProblems{}
	dialogs := make(chan string, 16)
	err := chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning || ev.Type == runtime.ConsoleAPICalledTypeAssert {
				var args []string
				for _, a := range ev.Args {
					args = append(args, string(a.Value)+a.Description)
				}
				p.add("console.%s: %s", ev.Type, strings.Join(args, " "))
			}
		case *runtime.EventExceptionThrown:
			p.add("uncaught: %s", (&chromedp.ExceptionError{ExceptionDetails: ev.ExceptionDetails}).Error())
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.EntryLevelError || ev.Entry.Level == log.EntryLevelWarning {
				p.add("log %s (%s): %s %s", ev.Entry.Level, ev.Entry.Source, ev.Entry.Text, ev.Entry.URL)
			}
		case *page.EventJavascriptDialogOpening:
			p.add("a %s dialog opened: %q", ev.Type, ev.Message)
			select {
			case dialogs <- ev.Message:
			default:
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	// A dialog blocks the page until it is closed: close each one (and the
	// test fails, above).
	dctx, stop := context.WithCancel(ctx)
	t.Cleanup(stop)
	go func() {
		for {
			select {
			case <-dctx.Done():
				return
			case <-dialogs:
				chromedp.Call(dctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
			}
		}
	}()
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+filepath.ToSlash(abs))); err != nil {
		t.Fatal(err)
	}
	wctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if _, err := chromedp.Run(wctx, chromedp.Poll[bool]("window.kg !== undefined")); err != nil {
		p.check(t)
		t.Fatalf("the page did not draw: %v", err)
	}
	return p
}

// js evaluates an expression in the page.
func js[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// jsString is a Go string as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// artifactDir is where the tests leave files for people to look at.
func artifactDir(t *testing.T) string {
	t.Helper()
	dir := filepath.Join("testdata", "artifacts")
	if d := os.Getenv("KG_TEST_ARTIFACTS"); d != "" {
		dir = filepath.Join(d, "graph")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func screenshot(t *testing.T, ctx context.Context, path string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}

// clickEdge clicks a straight edge with the mouse after zooming to its ends,
// at a point of it that no node or label covers.
func clickEdge(t *testing.T, ctx context.Context, id string) {
	t.Helper()
	xy := js[[]float64](t, ctx, `(() => {
		const e = kg.cy.getElementById(`+jsString(id)+`);
		kg.cy.fit(e.connectedNodes(), 160);
		const s = e.renderedSourceEndpoint(), d = e.renderedTargetEndpoint();
		const boxes = kg.cy.nodes().map(n => n.renderedBoundingBox());
		for (const f of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]) {
			const x = s.x + f * (d.x - s.x), y = s.y + f * (d.y - s.y);
			if (boxes.every(b => x < b.x1 - 6 || x > b.x2 + 6 || y < b.y1 - 6 || y > b.y2 + 6)) {
				const r = kg.cy.container().getBoundingClientRect();
				return [r.left + x, r.top + y];
			}
		}
		return null;
	})()`)
	if xy == nil {
		t.Fatalf("nodes cover all of edge %s", id)
	}
	if err := chromedp.Do(ctx, chromedp.MouseClickXY(xy[0], xy[1])); err != nil {
		t.Fatal(err)
	}
}

// TestHTMLBrowser opens a page of hostile names in Chromium: it draws every
// node and edge, runs nothing from the data, shows each name as the same
// text, shows an edge's evidence and sources when it is clicked, and finds
// nodes from the search box.
func TestHTMLBrowser(t *testing.T) {
	ctx := browser(t)
	g := hostileSubgraph()
	path := filepath.Join(t.TempDir(), "hostile.html")
	if err := os.WriteFile(path, []byte(exportHTML(t, g)), 0o644); err != nil {
		t.Fatal(err)
	}
	problems := openPage(t, ctx, path)
	defer problems.check(t)

	if n := js[int](t, ctx, `kg.cy.nodes().length`); n != len(g.Nodes) {
		t.Errorf("%d nodes drawn, want %d", n, len(g.Nodes))
	}
	if n := js[int](t, ctx, `kg.cy.edges().length`); n != len(g.Edges) {
		t.Errorf("%d edges drawn, want %d", n, len(g.Edges))
	}
	if n := js[int](t, ctx, `kg.cy.nodes().filter(n => n.renderedBoundingBox().w > 0 && n.visible()).length`); n != len(g.Nodes) {
		t.Errorf("%d nodes visible, want %d", n, len(g.Nodes))
	}
	// Nothing from the data became markup: the page has only its own
	// elements.
	if n := js[int](t, ctx, `document.querySelectorAll('script').length`); n != 3 {
		t.Errorf("%d script elements, want 3", n)
	}
	if n := js[int](t, ctx, `document.querySelectorAll('img, iframe, object, embed, [onerror], [onload]').length`); n != 0 {
		t.Errorf("%d elements made from the data's markup", n)
	}

	// Each name is drawn as the same text, and shown so in the panel.
	var want []string
	for _, n := range g.Nodes {
		want = append(want, n.Name)
	}
	drawn := js[[]string](t, ctx, `kg.cy.nodes().map(n => n.data('name'))`)
	slices.Sort(drawn)
	slices.Sort(want)
	if !slices.Equal(drawn, want) {
		t.Errorf("drawn names %q, want %q", drawn, want)
	}
	for i, n := range g.Nodes {
		got := js[string](t, ctx, fmt.Sprintf(`kg.showNode(%d, false), document.querySelector('#kg-details h2').textContent`, i))
		if got != n.Name {
			t.Errorf("node %d's panel shows %q, want %q", i, got, n.Name)
		}
	}

	// A real click on an edge shows its evidence and its source.
	const clicked = 3
	clickEdge(t, ctx, fmt.Sprintf("e%d", clicked))
	if sel := js[[]string](t, ctx, `kg.cy.$(':selected').map(e => e.id())`); !slices.Equal(sel, []string{fmt.Sprintf("e%d", clicked)}) {
		t.Errorf("after clicking e%d, selected %q", clicked, sel)
	}
	panel := js[string](t, ctx, `document.getElementById('kg-details').textContent`)
	for _, ev := range g.Edges[clicked].Evidence {
		if !strings.Contains(panel, ev.Text) {
			t.Errorf("after clicking edge %d the panel does not show %q:\n%s", clicked, ev.Text, panel)
		}
	}
	if !strings.Contains(panel, g.Articles[0].Title) || !strings.Contains(panel, g.Articles[0].Path) {
		t.Errorf("the panel does not show the source article:\n%s", panel)
	}
	screenshot(t, ctx, filepath.Join(artifactDir(t), "html-hostile.png"))

	// Every edge, tapped: its evidence, each source linked only when its
	// URL is http(s).
	for i, e := range g.Edges {
		js[bool](t, ctx, fmt.Sprintf(`kg.cy.getElementById('e%d').emit('tap'), true`, i))
		var panel struct {
			Text  string
			Links []string
			Quote []string
		}
		panel = js[struct {
			Text  string
			Links []string
			Quote []string
		}](t, ctx, `(() => { const d = document.getElementById('kg-details'); return {
			Text: d.textContent,
			Links: [...d.querySelectorAll('a')].map(a => a.getAttribute('href')),
			Quote: [...d.querySelectorAll('blockquote')].map(q => q.textContent) }; })()`)
		var quotes, links []string
		for _, ev := range e.Evidence {
			quotes = append(quotes, ev.Text)
			if ev.Article == "a1" {
				links = append(links, g.Articles[0].URL)
			}
		}
		if !slices.Equal(panel.Quote, quotes) {
			t.Errorf("edge %d: evidence shown %q, want %q", i, panel.Quote, quotes)
		}
		if !slices.Equal(panel.Links, links) {
			t.Errorf("edge %d: links %q, want %q", i, panel.Links, links)
		}
		if !strings.Contains(panel.Text, g.Articles[1].Title) && len(e.Evidence) > 1 {
			t.Errorf("edge %d: the second source's title is not shown:\n%s", i, panel.Text)
		}
	}

	// The search box: an alias, then part of a name in another script.
	for _, tc := range []struct{ typed, want string }{
		{"hub-alias", "Hub <Org>"},
		{"呼罗珊", "伊斯兰国呼罗珊省"},
		{"</script", "</script><script>alert(1)</script>"},
	} {
		js[bool](t, ctx, `document.getElementById('kg-search').value = '', true`)
		if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("kg-search"), tc.typed+kb.Enter)); err != nil {
			t.Fatal(err)
		}
		got := js[string](t, ctx, `document.querySelector('#kg-details h2').textContent`)
		sel := js[[]string](t, ctx, `kg.cy.$('node:selected').map(n => n.data('name'))`)
		if got != tc.want || !slices.Equal(sel, []string{tc.want}) {
			t.Errorf("searching %q shows %q and selects %q, want %q", tc.typed, got, sel, tc.want)
		}
	}
	time.Sleep(400 * time.Millisecond) // the view's move to the found node
	screenshot(t, ctx, filepath.Join(artifactDir(t), "html-hostile-search.png"))
	js[bool](t, ctx, `document.getElementById('kg-search').value = '', true`)
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("kg-search"), "no such name"+kb.Enter)); err != nil {
		t.Fatal(err)
	}
	if got := js[string](t, ctx, `document.getElementById('kg-found').textContent`); got != "no match" {
		t.Errorf("searching a missing name says %q, want \"no match\"", got)
	}

	// The legend names the types present, the notes are shown.
	legend := js[string](t, ctx, `document.getElementById('kg-legend').textContent`)
	for _, typ := range []string{"Organization", "Person", "Country", "Group"} {
		if !strings.Contains(legend, typ) {
			t.Errorf("the legend does not name %s: %q", typ, legend)
		}
	}
	if notes := js[string](t, ctx, `document.getElementById('kg-notes').textContent`); notes != g.Notes[0] {
		t.Errorf("notes shown %q, want %q", notes, g.Notes[0])
	}
}

// TestREADMEScreenshot, with -update, draws ISIS-K's neighbourhood from the
// examples with an edge's evidence open and saves it as docs/isis-k.png,
// the README's picture.
func TestREADMEScreenshot(t *testing.T) {
	if !*update {
		t.Skip("go test ./graph/export -run TestREADMEScreenshot -update rewrites docs/isis-k.png")
	}
	ctx := browser(t)
	l := localWith(t, exampleExtractions(t)...)
	g, err := graph.Select(context.Background(), l, graph.Selection{Around: []string{"ISIS-K"}, Hops: 2})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(artifactDir(t), "isis-k.html")
	if err := os.WriteFile(path, []byte(exportHTML(t, g)), 0o644); err != nil {
		t.Fatal(err)
	}
	problems := openPage(t, ctx, path)
	defer problems.check(t)
	edge := slices.IndexFunc(g.Edges, func(e graph.Edge) bool {
		return e.Source == "organization:isis-k" && e.Type == "OPERATES_IN" && e.Target == "location:afghanistan"
	})
	if edge < 0 {
		t.Fatal("the examples have no ISIS-K -[OPERATES_IN]-> Afghanistan")
	}
	js[bool](t, ctx, fmt.Sprintf(`kg.cy.fit(undefined, 30), kg.cy.getElementById('e%d').emit('tap'), true`, edge))
	screenshot(t, ctx, filepath.Join("..", "..", "docs", "isis-k.png"))
}

// TestHTMLAlleged opens the page of a neighbourhood built from articles
// written for the test, where one fact is only alleged ("Prosecutors
// accused Mark Doyle of killing Anne Ross") and another alleged by one
// article and asserted by another: the alleged edge alone is dashed and
// labelled "(alleged)", the legend explains the dashes, and the panel says
// that no article asserts it and marks each alleged sentence.
func TestHTMLAlleged(t *testing.T) {
	ctx := browser(t)
	exs := []*extract.Extraction{
		graphtest.Extract(t, "news/prosecutors.txt", graphtest.Allegation.Alleges+
			"Mark Doyle is a member of the Harbour Brigade. The Harbour Brigade allegedly attacked Port Ellis in 2021.\n"),
		graphtest.Extract(t, "news/court.txt", "The Harbour Brigade attacked Port Ellis in 2021, the court found.\n"),
	}
	g, err := graph.Select(context.Background(), localWith(t, exs...), graph.Selection{Around: []string{"Mark Doyle"}, Hops: 2})
	if err != nil {
		t.Fatal(err)
	}
	find := func(typ string) int {
		i := slices.IndexFunc(g.Edges, func(e graph.Edge) bool { return e.Type == typ })
		if i < 0 {
			t.Fatalf("no %s edge in %s", typ, g.Summary())
		}
		return i
	}
	killed, attacked := find("KILLED"), find("ATTACKED")
	if !g.Edges[killed].Alleged || g.Edges[attacked].Alleged || g.Edges[attacked].AssertedArticles != 1 || g.Edges[attacked].Articles != 2 {
		t.Fatalf("the test needs KILLED alleged and ATTACKED asserted by one of two articles: %+v, %+v", g.Edges[killed], g.Edges[attacked])
	}
	path := filepath.Join(artifactDir(t), "html-alleged.html")
	if err := os.WriteFile(path, []byte(exportHTML(t, g)), 0o644); err != nil {
		t.Fatal(err)
	}
	problems := openPage(t, ctx, path)
	defer problems.check(t)
	for i, e := range g.Edges {
		style := js[string](t, ctx, fmt.Sprintf(`kg.cy.getElementById('e%d').style('line-style')`, i))
		label := js[string](t, ctx, fmt.Sprintf(`kg.cy.getElementById('e%d').style('label')`, i))
		want, wantLabel := "solid", e.Type
		if e.Alleged {
			want, wantLabel = "dashed", e.Type+" (alleged)"
		}
		if style != want || label != wantLabel {
			t.Errorf("edge %s is drawn %s, labelled %q; want %s, %q", e.Type, style, label, want, wantLabel)
		}
	}
	legend := js[string](t, ctx, `document.getElementById('kg-legend').textContent`)
	if !strings.Contains(legend, "alleged: no article states it as a fact") {
		t.Errorf("the legend does not explain alleged edges: %q", legend)
	}
	type panel struct {
		Title, Note string
		Tags        []string
		Quotes      []string
	}
	read := func() panel {
		return js[panel](t, ctx, `(() => { const d = document.getElementById('kg-details'); return {
			Title: d.querySelector('h2').textContent,
			Note: (d.querySelector('.kg-alleged-note') || {textContent: ''}).textContent,
			Tags: [...d.querySelectorAll('.kg-evidence')].map(b => b.querySelector('.kg-tag-alleged') ? 'alleged' : 'asserted'),
			Quotes: [...d.querySelectorAll('blockquote')].map(q => q.textContent) }; })()`)
	}
	clickEdge(t, ctx, fmt.Sprintf("e%d", killed))
	p := read()
	if p.Title != "KILLED (alleged)" || !strings.Contains(p.Note, "no supporting article states this as a fact") ||
		!slices.Equal(p.Tags, []string{"alleged"}) || !slices.Equal(p.Quotes, []string{strings.TrimSpace(graphtest.Allegation.Alleges)}) {
		t.Errorf("the alleged edge's panel: %+v", p)
	}
	screenshot(t, ctx, filepath.Join(artifactDir(t), "html-alleged.png"))
	js[bool](t, ctx, fmt.Sprintf(`kg.showEdge(%d, false), true`, attacked))
	p = read()
	var tags []string
	for _, ev := range g.Edges[attacked].Evidence {
		tags = append(tags, ev.Assertion)
	}
	details := js[string](t, ctx, `document.getElementById('kg-details').textContent`)
	if p.Title != "ATTACKED" || p.Note != "" || !slices.Equal(p.Tags, tags) || !strings.Contains(details, "Asserted by1 of 2 articles; the others allege it") {
		t.Errorf("the asserted edge's panel: %+v (want tags %q)\n%s", p, tags, details)
	}
}
