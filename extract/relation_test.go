package extract

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/kg/kg/schemas"
)

// TestInferContainment: a place in a place that lies in a third lies in the
// third, across the sentences of one article, with the inference named as
// its rule.
func TestInferContainment(t *testing.T) {
	x := testExtractor(t)
	tests := []struct {
		text      string
		want, not []string // "Subject TYPE Object rule-prefix"
	}{
		{
			text: "Gunmen attacked a bakery in Karrada, a district of Baghdad.\n\nBaghdad is the capital of Iraq.",
			want: []string{"Karrada LOCATED_IN Baghdad", "Baghdad LOCATED_IN Iraq", "Karrada LOCATED_IN Iraq inferred/"},
		},
		{
			text: "The convoy reached Tal Afar, a town in Nineveh Province.\n\nNineveh Province lies in northern Iraq, near Syria.",
			want: []string{"Tal Afar LOCATED_IN Nineveh Province", "Tal Afar LOCATED_IN Iraq inferred/"},
			not:  []string{"Tal Afar LOCATED_IN Tal Afar", "Iraq LOCATED_IN Tal Afar"},
		},
	}
	for _, tt := range tests {
		checkRuleRelations(t, tt.text, x.Extract(&Document{ID: "t", Text: tt.text}), tt.want, tt.not)
	}
}

// checkRuleRelations checks that an extraction of text holds a relation
// beginning with each of want ("Subject TYPE Object rule-prefix") and none
// beginning with any of not.
func checkRuleRelations(t *testing.T, text string, ex *Extraction, want, not []string) {
	t.Helper()
	var got []string
	for _, r := range ex.Relations {
		got = append(got, r.Subject.Name+" "+r.Type+" "+r.Object.Name+" "+r.Rule)
	}
	has := func(w string) bool {
		return slices.ContainsFunc(got, func(g string) bool { return strings.HasPrefix(g, w) })
	}
	for _, w := range want {
		if !has(w) {
			t.Errorf("%q: no %s; got %q", text, w, got)
		}
	}
	for _, w := range not {
		if has(w) {
			t.Errorf("%q: %s; got %q", text, w, got)
		}
	}
}

// factCase is a sentence written for a test, the relations its extraction
// must hold and must not ("Subject TYPE Object"), and how many entities it
// must find at least (so that a missing name cannot pass a "not" row).
type factCase struct {
	text        string
	want, not   []string
	minEntities int
}

// checkFacts extracts each case's text and checks its relations.
func checkFacts(t *testing.T, cases []factCase) {
	t.Helper()
	x := testExtractor(t)
	for _, tt := range cases {
		ex := x.Extract(&Document{ID: "t", Text: tt.text})
		var got []string
		for _, r := range ex.Relations {
			got = append(got, r.Subject.Name+" "+r.Type+" "+r.Object.Name)
		}
		for _, w := range tt.want {
			if !slices.Contains(got, w) {
				t.Errorf("%q: no %s; got %q", tt.text, w, got)
			}
		}
		for _, w := range tt.not {
			if slices.Contains(got, w) {
				t.Errorf("%q: %s; got %q", tt.text, w, got)
			}
		}
		if len(ex.Entities) < tt.minEntities {
			t.Errorf("%q: entities %v, want at least %d", tt.text, ex.Entities, tt.minEntities)
		}
	}
}

// assertionCase is a sentence, a relation it states ("Norway ATTACKED
// Sweden") and the assertion it must have.
type assertionCase struct{ text, rel, want string }

// checkAssertions extracts each case's text and checks that its relation is
// there with its assertion.
func checkAssertions(t *testing.T, cases []assertionCase) {
	t.Helper()
	x := testExtractor(t)
	for _, tt := range cases {
		ex := x.Extract(&Document{ID: "t", Text: tt.text})
		found := false
		for _, r := range ex.Relations {
			if r.Subject.Name+" "+r.Type+" "+r.Object.Name == tt.rel {
				found = true
				if r.Assertion != tt.want {
					t.Errorf("%q: %s is %s, want %s", tt.text, tt.rel, r.Assertion, tt.want)
				}
			}
		}
		if !found {
			t.Errorf("%q: no %s", tt.text, tt.rel)
		}
	}
}

// TestAllianceAndMembership: support between two parties is an alliance,
// and "as part of" a coalition is membership, in sentences written for this
// test.
func TestAllianceAndMembership(t *testing.T) {
	checkFacts(t, []factCase{
		{text: "Norway stands by Estonia in the dispute over the border.", want: []string{"Norway ALLIED_WITH Estonia"}},
		{text: "The Kurdistan Workers' Party backed the Nordland Front during the uprising.", want: []string{"Kurdistan Workers' Party ALLIED_WITH Nordland Front"}},
		{text: "Qatar is working as part of the Gulf Cooperation Council to end the blockade.", want: []string{"Qatar MEMBER_OF Gulf Cooperation Council"}},
	})
}

// TestSupportedAgents: who is supported in a fight is the one who fights,
// not the supporter; a name that receives something else ("troops to
// Somalia") does not fight.
func TestSupportedAgents(t *testing.T) {
	checkFacts(t, []factCase{
		{text: "Canada reiterated its support for Ukraine in the war against Russia.", want: []string{"Ukraine OPPOSES Russia"}, not: []string{"Canada OPPOSES Russia"}},
		{text: "Mr Berg reiterates support for the Government of Iraq in the fight against the Islamic State.", want: []string{"Iraq OPPOSES Islamic State"}, minEntities: 2},
		{text: "The Netherlands remains steadfast in its support of the Kurdish Regional Government and the Peshmerga in their fight against the Islamic State.",
			want: []string{"Kurdish Regional Government OPPOSES Islamic State", "Peshmerga OPPOSES Islamic State"}, not: []string{"Netherlands OPPOSES Islamic State"}},
		{text: "Norwegian support for the Syrian Democratic Forces in the campaign against the Islamic State continued.", want: []string{"Syrian Democratic Forces OPPOSES Islamic State"}},
		{text: "The United States deployed troops to Somalia in the fight against the Islamic State.", want: []string{"United States OPPOSES Islamic State"}, not: []string{"Somalia OPPOSES Islamic State"}},
	})
}

// TestPhrasePossessor: a phrase that opens with a noun takes its
// possessor as agent, and no name further left; "the site of X" is X.
func TestPhrasePossessor(t *testing.T) {
	checkFacts(t, []factCase{
		{text: "The Nordland Front's presence in Tromso worries Oslo.", want: []string{"Nordland Front OPERATES_IN Tromso"}},
		{text: "The Nordland Front tolerated Norway's presence in Tromso.", not: []string{"Nordland Front OPERATES_IN Tromso"}, minEntities: 3},
		{text: "The Nordland Front's presence in the ancient site of Tromso is a tragedy for all Norwegians.", want: []string{"Nordland Front OPERATES_IN Tromso"}, not: []string{"Nordland Front OPERATES_IN Norway"}},
		// Without a possessor, the subject of the verb the noun is an
		// argument of; an act no verb of the sentence governs is nobody's.
		{text: "The Nordland Front has carried out attacks in Norway since 2019.", want: []string{"Nordland Front OPERATES_IN Norway"}},
		{text: "Police arrested Nordland Front fighters conducting attacks in Tromso.", want: []string{"Nordland Front OPERATES_IN Tromso"}},
		{text: "Anna Berg told the Vessby Post that she warned police about previous terrorist attacks in Norway.", not: []string{"Vessby Post OPERATES_IN Norway"}, minEntities: 3},
		// A verb inside a noun a possessor owns is not the clause
		// subject's; a role noun's holder still is.
		{text: "Karl Ek reiterated Sweden's commitment to defeating the Nordland Front.", not: []string{"Karl Ek OPPOSES Nordland Front"}, minEntities: 3},
		{text: "Karl Ek is the Nordland Front's founder.", want: []string{"Karl Ek LEADS Nordland Front"}},
		// A name that leads or backs the noun after it is not the
		// subject of the clause's verb; its own participle is its verb.
		{text: "The Sweden-led coalition struck Tromso on Monday.", not: []string{"Sweden ATTACKED Tromso"}, minEntities: 2},
		{text: "Iran-backed Hezbollah fighters fired rockets at Haifa.", want: []string{"Iran ALLIED_WITH Hezbollah"}},
	})
}

// TestListMembers: names listed together, or hyphened into one word, stand
// in no relation the list states.
func TestListMembers(t *testing.T) {
	checkFacts(t, []factCase{
		{text: "The region is home to Avars, Dargins, Kumyks and Lezgins.", not: []string{"Dargins WORKS_FOR Avars", "Kumyks WORKS_FOR Lezgins"}, minEntities: 4},
		// The halves of a hyphenated pair are two parties to one thing.
		{text: "A NATO-Estonia foot patrol was attacked near Tartu.", not: []string{"NATO BASED_IN Estonia"}, minEntities: 2},
	})
}

// TestPrepObjectDeterminers: a name after a preposition and "both",
// "either" or "all" is the preposition's object, not the verb's.
func TestPrepObjectDeterminers(t *testing.T) {
	checkFacts(t, []factCase{
		{text: "The Nordland Front threatens the lives of people in both Norway and Sweden.", not: []string{"Nordland Front TARGETS Norway", "Nordland Front TARGETS Sweden"}, minEntities: 3},
		{text: "The Nordland Front threatens Norway and Sweden.", want: []string{"Nordland Front TARGETS Norway", "Nordland Front TARGETS Sweden"}},
	})
}

// TestRemit: the place an office covers ("envoy to Syria") is not where its
// holder lives, nor where an organization is based; a place the sentence
// says someone lives in still is.
func TestRemit(t *testing.T) {
	checkFacts(t, []factCase{
		{text: "Minister for Africa Karl Ek condemned the shelling in Mali.", not: []string{"Karl Ek LIVES_IN Africa"}, minEntities: 2},
		{text: "Anna Berg, the Swedish envoy to Moldova, said the talks had failed.", not: []string{"Anna Berg LIVES_IN Moldova", "Anna Berg CITIZEN_OF Moldova"}, minEntities: 2},
		{text: "Karl Ek, who lives in Uppsala, is the Special Rapporteur on Belarus.", want: []string{"Karl Ek LIVES_IN Uppsala"}, not: []string{"Karl Ek LIVES_IN Belarus"}, minEntities: 2},
	})
}

// TestNationality: a nationality adjective says whose citizen a person is,
// not where they live.
func TestNationality(t *testing.T) {
	checkFacts(t, []factCase{
		{text: "Anna Novak, a Polish journalist, was arrested in Minsk on Tuesday.", want: []string{"Anna Novak CITIZEN_OF Poland"}, not: []string{"Anna Novak LIVES_IN Poland"}},
		{text: "The Romanian singer Ioana Dumitru performed in Vienna.", want: []string{"Ioana Dumitru CITIZEN_OF Romania"}, not: []string{"Ioana Dumitru LIVES_IN Romania"}},
	})
}

// TestEventNouns: an act named by a noun, with its agent as possessor or
// after "by", is the agent's act on the noun's object; a noun with no agent
// accuses nobody.
func TestEventNouns(t *testing.T) {
	checkFacts(t, []factCase{
		// Acts of other relations than attacks, and possessive pronouns.
		{text: "Sweden's support for Estonia never wavered.", want: []string{"Sweden ALLIED_WITH Estonia"}},
		{text: "The Nordland Front announced its capture of Tromso.", want: []string{"Nordland Front CONTROLS Tromso"}},
		// Nouns of the act's kind between its agent and it.
		{text: "Karl Ek died in a Swedish air strike on Bergen.", want: []string{"Sweden ATTACKED Bergen"}, not: []string{"Bergen LOCATED_IN Sweden"}},
		{text: "A Nordland Front rocket attack on Bergen killed two guards.", want: []string{"Nordland Front ATTACKED Bergen"}},
		// Phrases read object first.
		{text: "Tromso fell to the Nordland Front in June.", want: []string{"Nordland Front CONTROLS Tromso"}},
		{text: "Tromso has been under the control of the Nordland Front since March.", want: []string{"Nordland Front CONTROLS Tromso"}},
		{text: "The price of oil fell to 40 dollars in Tromso.", not: []string{"Tromso CONTROLS"}},
		// The act named by the verb's -ing form, its agent after "by".
		{text: "The retaking of Tromso by the Nordland Front took a month.", want: []string{"Nordland Front CONTROLS Tromso"}},
		{text: "The defeat of the Nordland Front by Norwegian troops ended the war.", want: []string{"Norway OPPOSES Nordland Front"}},
		{text: "Boko Haram's attack on Kirkuk left 43 farmers dead.", want: []string{"Boko Haram ATTACKED Kirkuk"}, minEntities: 2},
		{text: "The bombing of the Hilton Hotel by the Nordland Front shocked Oslo.", want: []string{"Nordland Front ATTACKED Hilton Hotel"}, minEntities: 2},
		{text: "The killing of Karl Ek by Anna Berg was filmed.", want: []string{"Anna Berg KILLED Karl Ek"}, minEntities: 2},
		{text: "The murder of Lars Holm by Karl Ek was reported in Oslo.", want: []string{"Karl Ek KILLED Lars Holm"}},
		{text: "The shelling of Kiruna by Norway was condemned.", want: []string{"Norway ATTACKED Kiruna"}},
		{text: "Anna Berg condemned the attack on Kirkuk.", not: []string{"Anna Berg ATTACKED Kirkuk"}, minEntities: 2},
		{text: "Boko Haram militants attacked the village of Mbeleku in Borno State.", want: []string{"Boko Haram ATTACKED Mbeleku"}, not: []string{"Mbeleku WORKS_FOR Boko Haram"}, minEntities: 2},
		// A state's demonym or an organization's name right before the
		// noun is its agent; a place's name is where it happened, a
		// person's its victim.
		{text: "Norway condemned the Swedish attack on Bergen.", want: []string{"Sweden ATTACKED Bergen"}, not: []string{"Norway ATTACKED Bergen"}},
		{text: "The Nordland Front survived a Swedish attack on its base in Kiruna.", want: []string{"Sweden ATTACKED Nordland Front"}},
		{text: "Oslo mourned after a Nordland Front attack on Bergen.", want: []string{"Nordland Front ATTACKED Bergen"}},
		{text: "Sweden mourned the Oslo attack on Karl Ek.", not: []string{"Oslo ATTACKED Karl Ek"}},
		{text: "Swedish rebel attacks on Bergen went on.", not: []string{"Sweden ATTACKED Bergen"}},
	})
	// The one a verb of blame holds the act against did it, allegedly.
	checkAssertions(t, []assertionCase{
		{"Norway blamed the Nordland Front for the bombing of Bergen.", "Nordland Front ATTACKED Bergen", Alleged},
		{"Police charged Karl Ek with the murder of Anna Berg.", "Karl Ek KILLED Anna Berg", Alleged},
		{"Sweden accused Norway of a deadly attack on Kiruna.", "Norway ATTACKED Kiruna", Alleged},
	})
	checkFacts(t, []factCase{
		{text: "Sweden accused Norway of hypocrisy after the attack on Kiruna.", not: []string{"Norway ATTACKED Kiruna"}},
	})
}

// TestReportedApart: what a speaker reports says nothing of the speaker and
// the names inside the report; what the speaker does still counts.
func TestReportedApart(t *testing.T) {
	checkFacts(t, []factCase{
		{text: "Reuters reported that the convoy was hit near Aleppo.", not: []string{"Reuters BASED_IN Aleppo"}},
		{text: "CNN reported that Karl Ek was arrested in Madrid.", not: []string{"CNN BASED_IN Madrid"}},
		{text: "Anna Berg told reporters that Karl Ek had moved to Oslo.", want: []string{"Karl Ek LIVES_IN Oslo"}, not: []string{"Anna Berg LIVES_IN Oslo"}},
		// The verb of saying after the clause it reports.
		{text: "Sweden's campaign in Finland took another heavy toll this week, the Oslo Times reported.", not: []string{"Oslo Times BASED_IN Finland"}, minEntities: 3},
	})
}

// TestRelModelFitsSchema: a class whose types a schema lacks is never
// emitted, the others are; a schema that defines none is refused.
func TestRelModelFitsSchema(t *testing.T) {
	s := schemas.Default()
	m := &RelModel{Classes: []RelClass{{Name: "LIVES_IN", Types: []string{"LIVES_IN"}}, {Name: "NO_SUCH", Types: []string{"NO_SUCH"}}}, Threshold: 0.3}
	if err := m.fitSchema(s); err != nil {
		t.Fatal(err)
	}
	if m.threshold(0) != 0.3 || !math.IsInf(m.threshold(1), 1) {
		t.Errorf("thresholds %v %v, want 0.3 and never", m.threshold(0), m.threshold(1))
	}
	none := &RelModel{Classes: []RelClass{{Name: "NO_SUCH", Types: []string{"NO_SUCH"}}}, Threshold: 0.3}
	if err := none.fitSchema(s); err == nil {
		t.Error("a model of no type the schema defines was accepted")
	}
}

// TestSingularPronoun: "it" refers to no people named in the plural, so
// what is said of "it" is not said of them; "its" still finds a singular
// organization, in sentences written for this test.
func TestSingularPronoun(t *testing.T) {
	checkFacts(t, []factCase{
		{text: "The Avars and the Laks live in the mountains. It is a hard place to govern, in what is Russia's poorest province.",
			not: []string{"Avars PART_OF Russia", "Laks PART_OF Russia"}, minEntities: 2},
		{text: "The Nordland Front was founded in 2004. Its leader, Karl Ek, lives in Vessby.",
			want: []string{"Karl Ek LEADS Nordland Front"}},
	})
}

// TestActObject: a verb whose object is an act ("condemns the attack on
// ...") says nothing of the act's participants, in sentences written for
// this test; a name as the verb's own object still is one.
func TestActObject(t *testing.T) {
	checkFacts(t, []factCase{
		{text: "Norway condemns this cowardly attack on members of the Danish and Swedish forces.",
			not: []string{"Norway OPPOSES Denmark", "Norway OPPOSES Sweden"}, minEntities: 3},
		{text: "Norway condemned Estonia over the border incident.", want: []string{"Norway OPPOSES Estonia"}},
	})
}

// TestControls: who holds ground, from verbs of taking it, active and
// passive, and "took control of"; losing control is no control, in
// sentences written for this test.
func TestControls(t *testing.T) {
	checkFacts(t, []factCase{
		{text: "Rebels of the Nordland Front seized Trondheim on Tuesday.", want: []string{"Nordland Front CONTROLS Trondheim"}},
		{text: "Trondheim was recaptured by Norwegian troops in May.", want: []string{"Norway CONTROLS Trondheim"}},
		{text: "The Nordland Front took control of the Bodo airport and captured two officers.", want: []string{"Nordland Front CONTROLS Bodo airport"}},
		{text: "The Nordland Front lost control of Narvik.", not: []string{"Nordland Front CONTROLS Narvik"}, minEntities: 2},
		// "take" holds ground only when a place is what is taken.
		{text: "Trondheim was taken by the Nordland Front in June.", want: []string{"Nordland Front CONTROLS Trondheim"}},
		{text: "The Nordland Front took Trondheim in June.", want: []string{"Nordland Front CONTROLS Trondheim"}},
		{text: "The Nordland Front took part in the talks in Oslo.", not: []string{"Nordland Front CONTROLS Oslo"}, minEntities: 2},
		{text: "The photo of Trondheim was taken by Reuters.", not: []string{"Reuters CONTROLS Trondheim"}, minEntities: 2},
		// Nouns of the act: the schema's acts and inverse_acts, the agent
		// as possessor, after "by" before or after the object, or after
		// "to" for a fall.
		{text: "A year after the fall of Trondheim to Nordland Front fighters, the town is quiet.", want: []string{"Nordland Front CONTROLS Trondheim"}},
		{text: "Oslo welcomed Norway's liberation of Trondheim.", want: []string{"Norway CONTROLS Trondheim"}},
		{text: "Sweden backed the re-taking by Norwegian troops of Trondheim.", want: []string{"Norway CONTROLS Trondheim"}},
		{text: "The occupation of Trondheim by the Nordland Front lasted a year.", want: []string{"Nordland Front CONTROLS Trondheim"}},
		{text: "The fall of Trondheim worried Oslo.", not: []string{"Oslo CONTROLS Trondheim"}, minEntities: 2},
		// A possessor is not the place held.
		{text: "Norway's embassy in Oslo is under the control of the Nordland Front.", not: []string{"Nordland Front CONTROLS Norway"}, minEntities: 3},
		// A direction word between a preposition and its place.
		{text: "The town of Trondheim in Northern Norway was taken by the Nordland Front in June.", want: []string{"Nordland Front CONTROLS Trondheim"}, not: []string{"Nordland Front CONTROLS Norway"}},
	})
}

// TestRelFeaturesAsStrings: the classifier's features, hashed from
// prefixes without building their strings (relFeatures), are the hashes of
// the strings the model was trained on: feat(template, value) and
// feat2(template, first, value), the first the pair's kind or a type.
func TestRelFeaturesAsStrings(t *testing.T) {
	x := testExtractor(t)
	a := &analysis{doc: &Document{Text: "Yesterday Hamas fighters attacked Israel in Gaza."}}
	x.runStages(a, "resolve", nil)
	si := a.toks[1].Sent
	c := x.clauseOf(a, si)
	if c == nil || len(c.spans) < 2 {
		t.Fatalf("no clause of two names in %q", a.doc.Text)
	}
	var subj, obj = -1, -1
	for i, sp := range c.spans {
		switch joinText(a.toks, sp.first, sp.last) {
		case "Hamas":
			subj = i
		case "Israel":
			obj = i
		}
	}
	if subj < 0 || obj < 0 {
		t.Fatalf("Hamas and Israel not among the names of %q", a.doc.Text)
	}
	st, ot := c.typ(c.spans[subj]), c.typ(c.spans[obj])
	td := st + ">" + ot + "|sub-first"
	got := x.relFeatures(c, subj, obj, []string{"ATTACKED"}, nil)
	for _, want := range []struct {
		name string
		hash uint64
	}{
		{"types", feat("types", td)},
		{"st", feat("st", st)},
		{"dist", feat2("dist", td, "2")},
		{"others", feat2("others", td, "0")},
		{"btypes", feat2("btypes", td, "")},
		{"bw", feat("bw", "attacked")},
		{"tbw", feat2("tbw", td, "fighters")},
		{"bs", feat2("bs", td, "fighters attacked")},
		{"bt", feat2("bt", td, a.toks[2].Tag+" "+a.toks[3].Tag)},
		{"v0", feat("v0", "attacked")},
		{"nv", feat2("nv", td, "1")},
		{"b2", feat2("b2", td, "<s> yesterday")},
		{"a2", feat2("a2", td, "in gaza")},
		{"h1", feat2("h1", st, "hamas")},
		{"of", feat2("of", ot, "israel")},
		{"hh", feat2("hh", td, "hamas israel")},
		{"s-1t", feat2("s-1t", td, a.toks[0].Tag)},
		{"rule", feat("rule", "ATTACKED")},
		{"rule-t", feat2("rule-t", td, "ATTACKED")},
	} {
		if !slices.Contains(got, want.hash) {
			t.Errorf("no %s feature among the pair's %d", want.name, len(got))
		}
	}
}

// TestNotAcrossVerbs: a home, base, nationality or employer the classifier
// guesses is dropped when the parse path between the names runs from a verb
// into its object or a clause it governs, or through a noun naming an act
// (the schema's not_across_verbs), or from a name down a participle
// ("Karl Ek, speaking in Oslo"), or when the place takes a preposition of
// a way ("sent to Kenya");
// the same pair stated by a modifier, by the type's own verb or by a
// predicate noun stays.
func TestNotAcrossVerbs(t *testing.T) {
	tests := []struct {
		text      string
		want, not []string
	}{
		{
			text: "Minister Karl Lindqvist welcomed the Kenyan government's decision to reopen the border.",
			not:  []string{"Karl Lindqvist CITIZEN_OF Kenya"},
		},
		{
			text: "Chancellor Greta Holm promised to review Norway's energy strategy after the vote.",
			not:  []string{"Greta Holm LIVES_IN Norway"},
		},
		{
			text: "Ada Obi, a Lagos lawyer, said the plan would fail.",
			want: []string{"Ada Obi LIVES_IN Lagos model/"},
		},
		// The object of a verb in a clause below the one both names hang
		// from is that clause's participant.
		{
			text: "Karl Ek reiterated Norway's commitment to defeating the Nordland Front.",
			not:  []string{"Karl Ek WORKS_FOR Nordland Front"},
		},
		// A place that is a verb's direct object is no home.
		{
			text: "Ana Duarte left Kenya in 2019 after the election.",
			not:  []string{"Ana Duarte LIVES_IN Kenya", "Ana Duarte CITIZEN_OF Kenya"},
		},
		{
			text: "Chancellor Greta Holm thanked Norway for its help.",
			not:  []string{"Greta Holm LIVES_IN Norway"},
		},
		{
			text: "President Ana Duarte discussed Kenya-Uganda trade on Monday.",
			not:  []string{"Ana Duarte LIVES_IN Kenya", "Ana Duarte LIVES_IN Uganda"},
		},
		// Into an adverbial clause: what the clause is about is no
		// employer of the main clause's subject.
		{
			text: "Speaking after the fall of Tromso to Nordland Front fighters, Karl Ek said the army would return.",
			not:  []string{"Karl Ek WORKS_FOR Nordland Front"},
		},
		// A place that only modifies a thing is the thing's.
		{
			text: "Karl Ek remains in a U.S. prison awaiting trial on terrorism charges.",
			not:  []string{"Karl Ek CITIZEN_OF United States"},
		},
		{
			text: "Karl Ek works at a Norway hospital.",
			not:  []string{"Karl Ek CITIZEN_OF Norway"},
		},
		// A place on the way, what one is sent to, crosses or is driven
		// out of, is no home, base or nationality.
		{
			text: "Karl Ek was sent to Kenya in 2019.",
			not:  []string{"Karl Ek CITIZEN_OF Kenya"},
		},
		{
			text: "The Red Crescent called for access for the Red Cross across Norway.",
			not:  []string{"Red Cross BASED_IN Norway"},
		},
		{
			text: "The Nordland Front withdrew through Bergen.",
			not:  []string{"Nordland Front BASED_IN Bergen"},
		},
		// Where a participle puts a name is where it did that; a birth
		// and a participle that names stay.
		{
			text: "Karl Ek, speaking in Oslo after the vote, said the army would return.",
			not:  []string{"Karl Ek LIVES_IN Oslo"},
		},
		{
			text: "Karl Ek, born in Bergen, said the army would return.",
			want: []string{"Karl Ek BORN_IN Bergen model/"},
		},
		{
			text: "Ada Obi works for a charity called Aid Norway.",
			want: []string{"Ada Obi WORKS_FOR Aid Norway model/"},
		},
		// Through a noun naming an act: the act's place is nobody's home.
		{
			text: "Salim Abedi, a survivor of the Leeds bombing, spoke on Monday.",
			not:  []string{"Salim Abedi LIVES_IN Leeds"},
		},
		{
			text: "Tom Berg, a victim of the Leeds attack, was buried on Monday.",
			not:  []string{"Tom Berg LIVES_IN Leeds"},
		},
		{
			text: "Tom Berg, a Leeds baker, was buried on Monday.",
			want: []string{"Tom Berg LIVES_IN Leeds model/"},
		},
		{
			text: "Ada Obi, who was born in Lagos, said the plan would fail.",
			want: []string{"Ada Obi BORN_IN Lagos"},
		},
		{
			text: "Musa Bello became a judge of the Supreme Court of Nigeria in 2004.",
			want: []string{"Musa Bello CITIZEN_OF Nigeria model/"},
		},
	}
	x := testExtractor(t)
	for _, tt := range tests {
		checkRuleRelations(t, tt.text, x.Extract(&Document{ID: "t", Text: tt.text}), tt.want, tt.not)
	}
	// Without the setting a classifier's guess of a row's comes back, so
	// the rows above test the rule and not the classifier.
	bare := extractorWith(t, func(rt *schemas.RelationType) { rt.NotAcrossVerbs = false })
	for _, tt := range tests {
		if len(tt.not) == 0 {
			continue
		}
		var got []string
		for _, r := range bare.Extract(&Document{ID: "t", Text: tt.text}).Relations {
			got = append(got, r.Subject.Name+" "+r.Type+" "+r.Object.Name)
		}
		if !slices.ContainsFunc(tt.not, func(w string) bool { return slices.Contains(got, w) }) {
			t.Errorf("%q without not_across_verbs: none of %q comes back; got %q", tt.text, tt.not, got)
		}
	}
}

// TestNotOnPath: the classifier's guess of a relation is dropped when a
// word on the parse path between the names says they stand in another
// (the schema's not_on_path); the same guess without one stays.
func TestNotOnPath(t *testing.T) {
	// Without the path_prepositions, which also say "to Turkey" is no
	// home, so that the rows test the not_on_path words.
	x := extractorWith(t, nil)
	x.lang.pathPreps = nil
	tests := []struct {
		text      string
		want, not []string
	}{
		{
			text: "Ada Obi, who studied economics at the University of Lagos, said the plan would fail.",
			not:  []string{"Ada Obi WORKS_FOR University of Lagos"},
		},
		{
			text: "Musa Bello, a lecturer at the University of Lagos, said the plan would fail.",
			want: []string{"Musa Bello WORKS_FOR University of Lagos model/"},
		},
		{
			text: "The envoy Karl Lindqvist travelled to Turkey on Monday.",
			not:  []string{"Karl Lindqvist CITIZEN_OF Turkey", "Karl Lindqvist LIVES_IN Turkey"},
		},
		{
			text: "Karl Lindqvist, who lives in Turkey, said the talks had stalled.",
			want: []string{"Karl Lindqvist LIVES_IN Turkey"},
		},
		{
			// Where a body's plane flew is not where it is based.
			text: "The delegation flew to Ankara aboard a Lufthansa jet.",
			not:  []string{"Lufthansa BASED_IN Ankara"},
		},
	}
	for _, tt := range tests {
		ex := x.Extract(&Document{ID: "t", Text: tt.text})
		if len(ex.Entities) < 2 {
			t.Errorf("%q: %d entities, want both names", tt.text, len(ex.Entities))
		}
		checkRuleRelations(t, tt.text, ex, tt.want, tt.not)
	}
	// The words are the schema's: without them (and without the VISITED
	// the visit is read as, and the path_prepositions that also say "to
	// Turkey" is no home) the guesses come back, so the rows above test
	// the rule and not the classifier.
	bare := extractorWith(t, func(rt *schemas.RelationType) {
		rt.NotOnPath = nil
		if rt.Name == "VISITED" {
			rt.Verbs, rt.Phrases = nil, nil
		}
	})
	bare.lang.pathPreps = nil
	for _, w := range []string{"Ada Obi WORKS_FOR University of Lagos", "Karl Lindqvist CITIZEN_OF Turkey", "Lufthansa BASED_IN Ankara"} {
		text := tests[0].text
		switch {
		case strings.HasPrefix(w, "Karl"):
			text = tests[2].text
		case strings.HasPrefix(w, "Lufthansa"):
			text = tests[4].text
		}
		checkRuleRelations(t, text, bare.Extract(&Document{ID: "t", Text: text}), []string{w}, nil)
	}
}

// TestModifierName: a person's name that only modifies a common noun ("the
// Asad regime") is in none of the relations the classifier reads off the
// pair; the person named as a participant still is.
func TestModifierName(t *testing.T) {
	x := testExtractor(t)
	for _, tt := range []struct {
		text      string
		want, not []string
	}{
		{text: "The Haddad regime used chemical weapons against civilians in Ghouta.", not: []string{"Haddad LIVES_IN Ghouta"}},
		{text: "Karim Marwan, who lives in Ghouta, said the shelling had stopped.", want: []string{"Karim Marwan LIVES_IN Ghouta"}},
	} {
		ex := x.Extract(&Document{ID: "t", Text: tt.text})
		if len(ex.Entities) < 2 {
			t.Errorf("%q: %d entities, want both names", tt.text, len(ex.Entities))
		}
		checkRuleRelations(t, tt.text, ex, tt.want, tt.not)
	}
}

// TestVisited: a person's visit or arrival is VISITED, not a home.
func TestVisited(t *testing.T) {
	x := testExtractor(t)
	for _, tt := range []struct {
		text      string
		want, not []string
	}{
		{text: "Karl Lindqvist visited Turkey on Monday.", want: []string{"Karl Lindqvist VISITED Turkey"}, not: []string{"Karl Lindqvist LIVES_IN Turkey"}},
		{text: "The foreign minister Ana Duarte arrived in Nairobi late on Sunday.", want: []string{"Ana Duarte VISITED Nairobi"}},
		// Being in a place is being there, not living there.
		{text: "Former Portuguese prime minister Ana Duarte is in Nairobi, and has served as an intermediary.", want: []string{"Ana Duarte VISITED Nairobi"}, not: []string{"Ana Duarte LIVES_IN Nairobi"}},
		// A verb in the past tense after an apposition is the clause's
		// own, not a participle describing the name before it.
		{text: "The minister for trade, Ana Duarte, visited Kenya on Tuesday.", want: []string{"Ana Duarte VISITED Kenya"}},
		{text: "Norway's envoy, Karl Lindqvist, toured Trondheim last week.", want: []string{"Karl Lindqvist VISITED Trondheim"}},
		// A date between two coordinated objects does not end the list.
		{text: "Karl Lindqvist visited Estonia on 4 May and Latvia from 6-7 May 2016.", want: []string{"Karl Lindqvist VISITED Estonia", "Karl Lindqvist VISITED Latvia"}},
		{text: "Karl Lindqvist toured Estonia on Monday and Latvia on Tuesday.", want: []string{"Karl Lindqvist VISITED Latvia"}},
		// A place that only modifies the noun after it is not the object.
		{text: "Karl Ek, now 20, is in a Trondheim jail awaiting trial.", not: []string{"Karl Ek VISITED Trondheim"}},
		// A nationality adjective before "people" still names its country.
		{text: "Sweden remains committed to supporting the Estonian people and their government.", want: []string{"Sweden ALLIED_WITH Estonia"}},
	} {
		checkRuleRelations(t, tt.text, x.Extract(&Document{ID: "t", Text: tt.text}), tt.want, tt.not)
	}
}

// TestStatedOtherwise: where the sentence's words relate two names, the
// classifier's guess of another relation between them is dropped.
func TestStatedOtherwise(t *testing.T) {
	x := testExtractor(t)
	text := "Boko Haram attacked Koshobe on Monday."
	checkRuleRelations(t, text, x.Extract(&Document{ID: "t", Text: text}),
		[]string{"Boko Haram ATTACKED Koshobe verb-active/"}, []string{"Koshobe WORKS_FOR Boko Haram"})
	// The rules' relation of a type the classifier covers vetoes a guess
	// the other way, not the same way (modelRelations weighs that one).
	a, b := span{ent: 0}, span{ent: 1}
	covered := map[string]int{"MEMBER_OF": 4, "BASED_IN": 3}
	rules := []relation{{typ: "MEMBER_OF", subj: a, obj: b}}
	for _, tt := range []struct {
		p    scoredPair
		want bool
	}{
		{scoredPair{subj: b, obj: a, class: 3}, true},
		{scoredPair{subj: a, obj: b, class: 3}, false},
		{scoredPair{subj: a, obj: span{ent: 2}, class: 3}, false},
	} {
		if got := statedOtherwise(rules, covered, tt.p); got != tt.want {
			t.Errorf("statedOtherwise(%d->%d) = %v, want %v", tt.p.subj.ent, tt.p.obj.ent, got, tt.want)
		}
	}
}

// TestRoleReference: "the Foreign Secretary" after "Foreign Secretary Ana
// Duarte" is Ana Duarte, and "the Minister" the one person titled a
// minister; a title two people were given refers to neither, in sentences
// written for this test.
func TestRoleReference(t *testing.T) {
	checkFacts(t, []factCase{
		{text: "Foreign Secretary Ana Duarte spoke in Lisbon on Monday. On Tuesday the Foreign Secretary travelled to Nairobi.",
			want: []string{"Ana Duarte VISITED Nairobi"}},
		{text: "Karl Lindqvist, the Defence Minister, spoke on Monday. The Minister visited Oslo on Tuesday.",
			want: []string{"Karl Lindqvist VISITED Oslo"}},
		{text: "Defence Minister Karl Lindqvist met Finance Minister Greta Holm. The Minister visited Oslo on Tuesday.",
			not: []string{"Karl Lindqvist VISITED Oslo", "Greta Holm VISITED Oslo"}, minEntities: 3},
	})
	// A title before a name is that name's, and one before "of" names
	// another holder: neither refers back.
	x := testExtractor(t)
	for _, text := range []string{
		"President Ana Duarte met Karl Lindqvist. The President Karl Lindqvist visited Oslo on Tuesday.",
		"President Ana Duarte met Karl Lindqvist. The President of Estonia visited Oslo on Tuesday.",
	} {
		a := &analysis{doc: &Document{ID: "t", Text: text}}
		x.runStages(a, "resolve", nil)
		if len(a.sentSpans) < 2 {
			t.Fatalf("%q: %d sentences", text, len(a.sentSpans))
		}
		for _, sp := range a.sentSpans[1] {
			if sp.coref && a.entities[sp.ent].name == "Ana Duarte" {
				t.Errorf("%q: %q refers to Ana Duarte", text, text[a.toks[sp.first].Start:a.toks[sp.last-1].End])
			}
		}
	}
}

// TestWeaponPhrases: using weapons against someone, opening fire on them or
// firing rockets at them is an attack, in sentences written for this test;
// a plan to is not asserted.
func TestWeaponPhrases(t *testing.T) {
	checkFacts(t, []factCase{
		{text: "Monitors said the Nordland Front had used chemical weapons against the Norwegian Army in Vessby.", want: []string{"Nordland Front ATTACKED Norwegian Army"}},
		{text: "Nordland Front gunmen opened fire on a Norwegian Army patrol near Tromso.", want: []string{"Nordland Front ATTACKED Norwegian Army"}},
		{text: "The Nordland Front fired rockets at Bodo Airport on Sunday.", want: []string{"Nordland Front ATTACKED Bodo Airport"}},
		{text: "The Nordland Front threatened to open fire on the Norwegian Army.", not: []string{"Nordland Front ATTACKED Norwegian Army"}, minEntities: 2},
	})
}

// TestStatePronoun: "its" after a country that is the subject of its own
// sentence is that country's, however often the article named an
// organization before; "it" opening a sentence is not a country's from the
// sentence before, in sentences written for this test.
func TestStatePronoun(t *testing.T) {
	checkFacts(t, []factCase{
		{text: "The Nordland Front shelled Tromso. The Nordland Front then seized Bodo. Estonia reiterated its support for Norway in the fight against the Nordland Front.",
			want: []string{"Estonia ALLIED_WITH Norway"}, not: []string{"Nordland Front ALLIED_WITH Norway"}},
		{text: "Sweden is a small country. It was founded by Karl Ek in 1901.",
			not: []string{"Karl Ek LEADS Sweden"}, minEntities: 2},
		// An organization of earlier sentences, however often named,
		// yields to the state its sentence is about.
		{text: "The Nordland Front shelled Bergen on Monday. The Nordland Front then seized Oslo, and a Nordland Front commander said the Nordland Front would hold Oslo as the Nordland Front had held Bergen. Estonia remains steadfast in its support of Norway.",
			want: []string{"Estonia ALLIED_WITH Norway"}, not: []string{"Nordland Front ALLIED_WITH Norway"}},
		// In what the state's verb acts on, the organization named
		// before keeps the pronoun; an object pronoun is never its own
		// verb's subject.
		{text: "The Nordland Front shelled Bergen on Monday. The Nordland Front then seized Oslo, and a Nordland Front commander said the Nordland Front would hold Oslo as the Nordland Front had held Bergen. Norway condemned its attack on Bergen.",
			want: []string{"Nordland Front ATTACKED Bergen"}, not: []string{"Norway ATTACKED Bergen"}},
		{text: "The Nordland Front shelled Bergen on Monday. The Nordland Front then seized Oslo, and a Nordland Front commander said the Nordland Front would hold Oslo as the Nordland Front had held Bergen. Norway accused it of killing Tomas Berglund.",
			not: []string{"Norway KILLED Tomas Berglund"}},
		// One named in the pronoun's sentence still takes it.
		{text: "Estonia condemned the Nordland Front and its attack on Bergen.",
			want: []string{"Nordland Front ATTACKED Bergen"}, not: []string{"Estonia ATTACKED Bergen"}},
	})
}

// TestShownByName: an argument read off a pronoun is shown by the name
// its sentence gives the entity, and by the pronoun when it gives none.
func TestShownByName(t *testing.T) {
	x := testExtractor(t)
	for _, tt := range []struct {
		text, typ, name, shown string
	}{
		{"Estonia remains steadfast in its support of Norway.", "ALLIED_WITH", "Estonia", "Estonia"},
		{"The Nordland Front is a small group. Last year it attacked Bergen.", "ATTACKED", "Nordland Front", "it"},
	} {
		ex := x.Extract(&Document{ID: "t", Text: tt.text})
		found := false
		for _, r := range ex.Relations {
			if r.Type == tt.typ && r.Subject.Name == tt.name {
				found = true
				if r.Subject.Text != tt.shown || tt.text[r.Subject.Start:r.Subject.End] != tt.shown {
					t.Errorf("%q: subject shown as %q at %d-%d, want %q", tt.text, r.Subject.Text, r.Subject.Start, r.Subject.End, tt.shown)
				}
			}
		}
		if !found {
			t.Errorf("%q: no %s %s; got %v", tt.text, tt.name, tt.typ, ex.Relations)
		}
	}
}

// TestVisitNoun: a visit, a tour or a trip named by a noun is VISITED,
// its possessor the visitor, in sentences written for this test.
func TestVisitNoun(t *testing.T) {
	checkFacts(t, []factCase{
		{text: "Karl Ek defended his trip to Kenya on Monday.", want: []string{"Karl Ek VISITED Kenya"}},
		{text: "Karl Ek's visit to Norway ended on Monday.", want: []string{"Karl Ek VISITED Norway"}},
		{text: "Karl Ek condemned the visit to Norway.", not: []string{"Karl Ek VISITED Norway"}},
	})
	// A visit called off, or that never took place, did not happen; nor
	// did a foiled attack.
	x := testExtractor(t)
	for _, tt := range []struct{ text, want string }{
		{"Tomas Berglund cancelled his trip to Kenya.", Negated},
		{"Tomas Berglund postponed his visit to Kenya.", Negated},
		{"Police foiled an attack on Bergen by the Nordland Front.", Negated},
		{"Tomas Berglund's visit to Kenya never took place.", Negated},
		{"The Nordland Front's attack on Bergen did not happen.", Negated},
		{"The Nordland Front's attack on Bergen killed four people.", Asserted},
	} {
		found := false
		for _, r := range x.Extract(&Document{ID: "t", Text: tt.text}).Relations {
			if r.Type == "VISITED" || r.Type == "ATTACKED" {
				found = true
				if r.Assertion != tt.want {
					t.Errorf("%q: %s %s %s is %s, want %s", tt.text, r.Subject.Name, r.Type, r.Object.Name, r.Assertion, tt.want)
				}
			}
		}
		if !found {
			t.Errorf("%q: no VISITED or ATTACKED read", tt.text)
		}
	}
}

// TestListedIn: the places a noun of places in a place lists as examples
// lie in it, in sentences written for this test.
func TestListedIn(t *testing.T) {
	checkFacts(t, []factCase{
		{text: "Kenyan troops have retaken key towns in northern Somalia including Rabiyah and Zumar.",
			want: []string{"Rabiyah LOCATED_IN Somalia", "Zumar LOCATED_IN Somalia"}},
		{text: "Kenyan troops have retaken towns in northern Somalia, such as Rabiyah and Zumar.",
			want: []string{"Rabiyah LOCATED_IN Somalia"}},
		// A list after a place that no noun of places introduces says
		// nothing of where the names lie.
		{text: "Leaders in Norway including Karl Ek welcomed the vote.",
			not: []string{"Karl Ek LOCATED_IN Norway"}},
	})
}

// TestBodyOfState: "the government of Kenya" is Kenya as an argument,
// as "the Kenyan government" is, after a verb and after an act noun; "the
// president of Kenya" is not.
func TestBodyOfState(t *testing.T) {
	checkFacts(t, []factCase{
		{text: "Norway supports the Government of Kenya.", want: []string{"Norway ALLIED_WITH Kenya"}},
		{text: "Norway reaffirmed its support for the government of Kenya.", want: []string{"Norway ALLIED_WITH Kenya"}},
		{text: "The Nordland Front condemned the army of Norway.", want: []string{"Nordland Front OPPOSES Norway"}},
		{text: "The Nordland Front attacked the president of Norway.", not: []string{"Nordland Front ATTACKED Norway"}},
		// Elsewhere a state's body stays a preposition's object: its
		// critics and opponents are no party to what the state does.
		{text: "Opponents of the government of Norway killed Tomas Berglund.", not: []string{"Norway KILLED Tomas Berglund"}},
		{text: "Tomas Berglund, a critic of the regime of Norway, attacked Ada Obi.",
			want: []string{"Tomas Berglund ATTACKED Ada Obi"}, not: []string{"Norway ATTACKED Ada Obi"}},
		{text: "The Nordland Front attacked critics of the government of Norway.", not: []string{"Nordland Front ATTACKED Norway"}},
	})
}

// TestWhoDidIt: the subject of an act is the verb's own, in sentences
// written for this test: a clause opened by "after" or "before" has its
// own subject; a verb coordinated with an earlier one shares that one's
// subject, never the earlier verb's object; a subject the parse gives with
// no name in it ("gunmen") is no name further left, the speaker's or the
// listener's.
func TestWhoDidIt(t *testing.T) {
	checkFacts(t, []factCase{
		{text: "Sweden protested before Norway attacked Kiruna.", want: []string{"Norway ATTACKED Kiruna"}, not: []string{"Sweden ATTACKED Kiruna"}},
		{text: "The Danish army stayed neutral after Norway bombed Bergen.",
			want: []string{"Norway ATTACKED Bergen"}, not: []string{"Denmark ATTACKED Bergen"}},
		{text: "Norway recalled its Swedish envoy and attacked Danish positions.",
			want: []string{"Norway ATTACKED Denmark"}, not: []string{"Sweden ATTACKED Denmark"}},
		{text: "The Nordland Front said gunmen attacked a Swedish convoy.", not: []string{"Nordland Front ATTACKED Sweden"}},
		{text: "Norway told the United Nations that militants from Sweden attacked Bergen.",
			not: []string{"United Nations ATTACKED Bergen", "Norway ATTACKED Bergen", "Sweden ATTACKED Bergen"}},
		// A name in the subject's phrase still names it.
		{text: "Dozens of Nordland Front fighters attacked Bergen.", want: []string{"Nordland Front ATTACKED Bergen"}},
		{text: "The Nordland Front, which rejects Norway, attacked Bergen.", want: []string{"Nordland Front ATTACKED Bergen"}},
		// An object with no name in it is no name further on.
		{text: "\"Nordland Front gunmen attacked our positions in Bergen last night,\" army spokesman Karl Ek said.",
			not: []string{"Nordland Front ATTACKED Karl Ek"}},
		{text: "The Nordland Front attacked the village of Vik.", want: []string{"Nordland Front ATTACKED Vik"}},
		// A relative clause whose pronoun is the object, and a participle's
		// clause, between the subject and its verb.
		// A clause the parser takes for a coordination keeps its subject.
		{text: "Sweden begged Denmark to send tanks as Norway attacked Kiruna.",
			want: []string{"Norway ATTACKED Kiruna"}, not: []string{"Sweden ATTACKED Kiruna"}},
		// An appositive name after the object's noun is the object.
		{text: "Norway killed commander Karl Ek in Bergen.", want: []string{"Norway KILLED Karl Ek"}},
		{text: "Norway killed the Nordland Front's drone unit chief, Karl Ek, in Bergen.", want: []string{"Norway KILLED Karl Ek"}},
		{text: "The Nordland Front, whom Norway fought for years, attacked a Swedish ship.",
			want: []string{"Nordland Front ATTACKED Sweden"}, not: []string{"Norway ATTACKED Sweden", "Norway OPPOSES Sweden"}},
		{text: "Berg's fighters, backed by Norway and Denmark, attacked Kiruna.", not: []string{"Denmark ATTACKED Kiruna", "Norway ATTACKED Kiruna"}},
		// The name a hyphen joins to a participle is its subject, and no other.
		{text: "Norway intercepted missiles fired by the Sweden-backed Nordland Front.",
			want: []string{"Sweden ALLIED_WITH Nordland Front"}, not: []string{"Norway ALLIED_WITH Nordland Front"}},
	})
}

// TestRelativeClauseObject: what a relative clause's verb acts on is no
// employer or base of the name the clause describes, unless the verb is
// the type's own, in sentences written for this test.
func TestRelativeClauseObject(t *testing.T) {
	checkFacts(t, []factCase{
		{text: "Anna Berg, a reporter who covered Nordland Bank for years, was fired.", not: []string{"Anna Berg WORKS_FOR Nordland Bank"}},
		{text: "Karl Ek, who runs Nordland Bank, was arrested.", want: []string{"Karl Ek WORKS_FOR Nordland Bank"}},
		{text: "Karl Ek, who joined Nordland Bank in 2001, was arrested.", want: []string{"Karl Ek MEMBER_OF Nordland Bank"}},
	})
}

// TestWeaponSubject: a weapon that hits or kills did so for who fired it,
// read off its own phrase, in sentences written for this test.
func TestWeaponSubject(t *testing.T) {
	checkFacts(t, []factCase{
		{text: "Rockets fired by the Nordland Front hit Kiruna.", want: []string{"Nordland Front ATTACKED Kiruna"}},
		{text: "A Swedish missile hit Bergen on Monday.", want: []string{"Sweden ATTACKED Bergen"}},
		{text: "Nordland Front rockets hit Kiruna overnight.", want: []string{"Nordland Front ATTACKED Kiruna"}},
		// Where it was fired from is not who fired it; what is no weapon
		// attacks nothing.
		{text: "Missiles launched from Sweden struck Bergen.", not: []string{"Sweden ATTACKED Bergen"}},
		{text: "Swedish sanctions hit Bergen hard.", not: []string{"Sweden ATTACKED Bergen"}},
		{text: "A Swedish storm hit Bergen on Monday.", not: []string{"Sweden ATTACKED Bergen"}},
	})
}

// TestPassivePhrase: a phrase trigger that opens with a participle reads
// as a passive after "be", the agents after "by"; one that ends in its
// preposition does not, in sentences written for this test.
func TestPassivePhrase(t *testing.T) {
	checkFacts(t, []factCase{
		{text: "Karl Ek was shot dead by Nordland Front gunmen in Oslo.", want: []string{"Nordland Front KILLED Karl Ek"}},
		{text: "Karl Ek was shot dead in Oslo on Monday.", not: []string{"Karl Ek KILLED Oslo"}},
		{text: "Norway was allied with Sweden by 1990.", want: []string{"Norway ALLIED_WITH Sweden"}},
	})
}

// TestRoleOfAnother: a role noun in another noun's phrase, with its own
// holder named after it, is that holder's, in sentences written for this
// test.
func TestRoleOfAnother(t *testing.T) {
	checkFacts(t, []factCase{
		{text: "Karl Ek, a critic of Nordland Front leader Lars Holm, spoke in Oslo.",
			want: []string{"Lars Holm LEADS Nordland Front"}, not: []string{"Karl Ek LEADS Nordland Front"}},
		{text: "Karl Ek, the son of Nordland Front leader Lars Holm, was arrested.",
			want: []string{"Lars Holm LEADS Nordland Front"}, not: []string{"Karl Ek LEADS Nordland Front", "Karl Ek WORKS_FOR Nordland Front", "Karl Ek MEMBER_OF Nordland Front"}},
		{text: "Anna Berg, a cousin of Nordland Front commander Lars Holm, was arrested.",
			not: []string{"Anna Berg LEADS Nordland Front", "Anna Berg WORKS_FOR Nordland Front", "Anna Berg MEMBER_OF Nordland Front"}},
		{text: "Karl Ek, a member of the Nordland Front's leadership council, was arrested.", want: []string{"Karl Ek MEMBER_OF Nordland Front"}},
	})
}

// TestOtherDoer: an accusation is the accused's own act in the parse, in
// sentences written for this test. The object of a verb does what the
// verb's open complement says ("forced the villagers to attack"), unless
// it is the subject's own ("its troops"); a participle describing a
// person's noun is that person's ("the man convicted of killing"); a verb
// with a subject of its own is that subject's; a person's name before a
// noun naming another person ("Anna Berg aide Karl Ek") is not the
// object. A noun naming the accused or the victim ("Anna Berg, the
// gunman who", "journalist Karl Ek") keeps the accusation.
func TestOtherDoer(t *testing.T) {
	checkFacts(t, []factCase{
		{text: "Anna Berg married the man convicted of killing Karl Ek.", not: []string{"Anna Berg KILLED Karl Ek"}},
		{text: "Greta Lind, who employed the man convicted of killing Karl Ek, spoke in Oslo on Friday.", not: []string{"Greta Lind KILLED Karl Ek"}},
		{text: "The Nordland Front forced the villagers to attack Bergen.", not: []string{"Nordland Front ATTACKED Bergen"}},
		{text: "The Nordland Front helped the rebels attack Bergen.", not: []string{"Nordland Front ATTACKED Bergen"}},
		{text: "Anna Berg said the gunman killed Karl Ek.", not: []string{"Anna Berg KILLED Karl Ek"}},
		{text: "Anna Berg, the gunman who killed Karl Ek, was arrested in Oslo.", want: []string{"Anna Berg KILLED Karl Ek"}},
		{text: "Lars Holm, convicted of murdering Oslo journalist Karl Ek in 2001, was freed on Monday.", want: []string{"Lars Holm KILLED Karl Ek"}},
		{text: "Lars Holm stabbed Anna Berg bodyguard Karl Ek in Oslo.", want: []string{"Lars Holm KILLED Karl Ek"}, not: []string{"Lars Holm KILLED Anna Berg"}},
		{text: "Lars Holm killed two Anna Berg supporters in Oslo.", not: []string{"Lars Holm KILLED Anna Berg"}},
		// Whose subject the act's verb has, whose object its noun is, who
		// its victim is.
		{text: "Anna Berg's son killed Karl Ek.", not: []string{"Anna Berg KILLED Karl Ek"}},
		{text: "Karl Ek was killed alongside Anna Berg in Bergen.", not: []string{"Karl Ek KILLED Anna Berg"}},
		{text: "Anna Berg interviewed Lars Holm, who killed Karl Ek in 1999.", want: []string{"Lars Holm KILLED Karl Ek"}, not: []string{"Anna Berg KILLED Karl Ek"}},
		{text: "Lars Holm hired the gunmen who killed Karl Ek.", not: []string{"Lars Holm KILLED Karl Ek"}},
		{text: "Anna Berg, who investigated the killing of Karl Ek, died on Monday.", not: []string{"Anna Berg KILLED Karl Ek"}},
		{text: "Lars Holm and the men who killed Karl Ek were never charged.", not: []string{"Lars Holm KILLED Karl Ek"}},
		// A possessive is no copula: the assassin is not the one who
		// questioned him.
		{text: "Judge Lars Holm questioned Anna Berg's assassin, Karl Ek, on Monday.",
			want: []string{"Karl Ek KILLED Anna Berg"}, not: []string{"Lars Holm KILLED Anna Berg"}},
		// The victim's side of the act, and the nouns that name the pair,
		// keep the accusation; so does a light verb.
		{text: "Lars Holm killed a journalist called Karl Ek.", want: []string{"Lars Holm KILLED Karl Ek"}},
		{text: "Lars Holm killed a woman and her son, Karl Ek.", want: []string{"Lars Holm KILLED Karl Ek"}},
		{text: "Karl Ek was killed by police hours after shooting Anna Berg.", want: []string{"Karl Ek KILLED Anna Berg"}},
		{text: "Lars Holm admitted the killing of Karl Ek.", want: []string{"Lars Holm KILLED Karl Ek"}},
		// A person's own are others: his son does what he persuades him
		// to; a state's troops act for it.
		{text: "Lars Holm persuaded his son to kill Anna Berg.", not: []string{"Lars Holm KILLED Anna Berg"}},
		// A person who only modifies the act's subject did not do it; an
		// organization's fighters act for it.
		{text: "Troops under Lars Holm's command killed Karl Ek.", not: []string{"Lars Holm KILLED Karl Ek"}},
		{text: "Lars Holm's fighters killed Karl Ek in Oslo.", not: []string{"Lars Holm KILLED Karl Ek"}},
		{text: "Nordland Front fighters killed Karl Ek in Oslo.", want: []string{"Nordland Front KILLED Karl Ek"}},
		// A state's or an organization's own armed force acts for it.
		{text: "Norway's troops attacked Bergen on Monday.", want: []string{"Norway ATTACKED Bergen"}},
		{text: "The Nordland Front's fighters attacked Bergen.", want: []string{"Nordland Front ATTACKED Bergen"}},
		{text: "Lars Holm's forces attacked Bergen.", not: []string{"Lars Holm ATTACKED Bergen"}},
		{text: "Norway's commitment to defeating the Nordland Front is clear.", not: []string{"Norway OPPOSES Nordland Front"}},
		{text: "Norway ordered its troops to attack Bergen.", want: []string{"Norway ATTACKED Bergen"}},
		// What was done to the accused: the passive subject of any verb
		// the victim is a phrase of, or of the path's last act.
		{text: "Anna Berg was shot alongside Lars Holm in Oslo.", not: []string{"Anna Berg KILLED Lars Holm"}},
		{text: "Lars Holm was killed days after he met Anna Berg in Oslo.", not: []string{"Lars Holm KILLED Anna Berg"}},
		// The act nearest the victim is the act: before it stands another
		// doer.
		{text: "The gunman who killed Karl Ek was later shot dead by Anna Berg.", not: []string{"Anna Berg KILLED Karl Ek"}},
		// A person passive subject of a verb below is another accused; so
		// is the subject of a shooting.
		{text: "Anna Berg testified against Karl Ek, who is charged with killing Lars Holm.", not: []string{"Anna Berg KILLED Lars Holm"}},
		{text: "Lars Holm, whose bodyguards shot Anna Berg, resigned.", not: []string{"Lars Holm KILLED Anna Berg"}},
		// A common noun "that" stands for did the act, unless the
		// accused's own verb acts on it or it names the accused.
		{text: "Anna Berg was wounded in the attack that killed Karl Ek.", not: []string{"Anna Berg KILLED Karl Ek"}},
		{text: "Lars Holm fired the shots that killed Karl Ek.", want: []string{"Lars Holm KILLED Karl Ek"}},
		// "whose N" is the clause's subject, not the name; a state's
		// troops still act for it.
		{text: "Anna Berg, whose husband was killed by the Nordland Front, spoke in Oslo.", not: []string{"Nordland Front KILLED Anna Berg"}},
		{text: "Karl Ek, whose son was murdered by Lars Holm, testified.", not: []string{"Lars Holm KILLED Karl Ek"}},
		{text: "Norway, whose troops attacked Bergen, denied it.", want: []string{"Norway ATTACKED Bergen"}},
		{text: "Sweden, whose army shelled Kiruna in 2019, denied it on Monday.", want: []string{"Sweden ATTACKED Kiruna"}},
		{text: "Karl Ek, whose brother killed Anna Berg, left Oslo.", not: []string{"Karl Ek KILLED Anna Berg"}},
	})
}

// TestDeniedByParse: a word of denial governing the act's clause or claim,
// or "no" before its subject, denies it; one that only stands near it does
// not, in sentences written for this test.
func TestDeniedByParse(t *testing.T) {
	checkAssertions(t, []assertionCase{
		{"No Norwegian aircraft attacked Swedish positions, the army said.", "Norway ATTACKED Sweden", Negated},
		{"Norway rejected claims that it attacked Sweden.", "Norway ATTACKED Sweden", Negated},
		// The denier's own relative clause is not what is denied.
		{"Karl Ek, who met Nordland Front leader Lars Holm in Oslo, denied any ties to the group.", "Lars Holm LEADS Nordland Front", Asserted},
		{"The claim that Norway attacked Kiruna is false.", "Norway ATTACKED Kiruna", Negated},
		{"Reports that Norway attacked Kiruna were denied by Oslo.", "Norway ATTACKED Kiruna", Negated},
		{"Rumours that the Nordland Front attacked Bergen last week were firmly rejected by Karl Ek.", "Nordland Front ATTACKED Bergen", Negated},
		{"Reports that Norway attacked Kiruna spread after Sweden denied them.", "Norway ATTACKED Kiruna", Alleged},
		{"No Nordland Front fighters attacked Bergen, Karl Ek said.", "Nordland Front ATTACKED Bergen", Negated},
		{"It is false that Norway attacked Kiruna.", "Norway ATTACKED Kiruna", Negated},
		{"Norway dismissed allegations that it bombed Kiruna.", "Norway ATTACKED Kiruna", Negated},
		// No evidence of it, or ruled out.
		{"There is no proof that Lars Holm killed Anna Berg.", "Lars Holm KILLED Anna Berg", Negated},
		{"Investigators found no sign that Lars Holm shot Anna Berg.", "Lars Holm KILLED Anna Berg", Negated},
		{"Police have ruled out that Sweden attacked Bergen.", "Sweden ATTACKED Bergen", Negated},
		{"There is no doubt that Norway attacked Kiruna.", "Norway ATTACKED Kiruna", Asserted},
		{"The Nordland Front rejected the ceasefire and attacked Bergen.", "Nordland Front ATTACKED Bergen", Asserted},
		{"Norway refrained from attacking Sweden.", "Norway ATTACKED Sweden", Negated},
		// Reported speech is not what the denial governs.
		{"Sweden rejected calls for a ceasefire, saying Norway had attacked Sweden first.", "Norway ATTACKED Sweden", Asserted},
	})
}

// TestClaimedClause: what a noun of claim opens with "that", or names after
// a comma at the clause's end, is someone's claim, alleged; a report that
// speaks, or one as a verb, attributes as "said" does, in sentences
// written for this test.
func TestClaimedClause(t *testing.T) {
	checkAssertions(t, []assertionCase{
		{"Rumors that the Nordland Front killed Karl Ek circulated in Oslo.", "Nordland Front KILLED Karl Ek", Alleged},
		{"There is speculation that Norway attacked Kiruna.", "Norway ATTACKED Kiruna", Alleged},
		{"The allegation that Lars Holm shot Anna Berg shocked Bergen.", "Lars Holm KILLED Anna Berg", Alleged},
		{"Sweden says Norway bombed Kiruna, a claim Oslo rejects.", "Norway ATTACKED Kiruna", Alleged},
		{"Norway claims that Sweden attacked Narvik.", "Sweden ATTACKED Narvik", Alleged},
		{"Norway attacked Kiruna, the report said.", "Norway ATTACKED Kiruna", Asserted},
		{"The Oslo Times reports that Norway attacked Kiruna.", "Norway ATTACKED Kiruna", Asserted},
		{"Norway attacked Kiruna after reports of unrest.", "Norway ATTACKED Kiruna", Asserted},
		{"Oslo has verified claims that Norway attacked Kiruna.", "Norway ATTACKED Kiruna", Asserted},
		{"Norway is reported to have attacked Narvik.", "Norway ATTACKED Narvik", Alleged},
		{"Police have evidence that Lars Holm killed Anna Berg.", "Lars Holm KILLED Anna Berg", Alleged},
	})
}

// TestBelievedByParse: an act in the clause of a verb of belief or
// suspicion is what someone believes, alleged; a belief stated in another
// clause is not, in sentences written for this test.
func TestBelievedByParse(t *testing.T) {
	checkAssertions(t, []assertionCase{
		{"Detectives believe Lars Holm killed Anna Berg.", "Lars Holm KILLED Anna Berg", Alleged},
		{"Many in Oslo think the Nordland Front attacked Bergen.", "Nordland Front ATTACKED Bergen", Alleged},
		{"The Nordland Front, which believes in armed struggle, attacked Bergen.", "Nordland Front ATTACKED Bergen", Asserted},
	})
}

// TestClearedByParse: a word that clears someone of the act in its "of"
// phrase, or one that makes the charge false, denies the act; a conviction
// asserts it, and "cleared" before a coordinated act does not touch it, in
// sentences written for this test.
func TestClearedByParse(t *testing.T) {
	checkAssertions(t, []assertionCase{
		{"Karl Ek was acquitted of killing Anna Berg in 2019.", "Karl Ek KILLED Anna Berg", Negated},
		// Active, with the cleared one its object.
		{"A jury in Oslo acquitted Karl Ek of shooting Anna Berg.", "Karl Ek KILLED Anna Berg", Negated},
		{"A court in Oslo cleared Karl Ek of killing Anna Berg.", "Karl Ek KILLED Anna Berg", Negated},
		{"Karl Ek was cleared of murdering Anna Berg.", "Karl Ek KILLED Anna Berg", Negated},
		{"Karl Ek is innocent of killing Anna Berg, his lawyer said.", "Karl Ek KILLED Anna Berg", Negated},
		{"Karl Ek was wrongly convicted of killing Anna Berg.", "Karl Ek KILLED Anna Berg", Negated},
		{"Karl Ek was convicted of killing Anna Berg.", "Karl Ek KILLED Anna Berg", Asserted},
		{"A jury found Karl Ek guilty of killing Anna Berg.", "Karl Ek KILLED Anna Berg", Asserted},
		{"Norway cleared Kiruna of rebels after it attacked Bergen.", "Norway ATTACKED Bergen", Asserted},
		{"Karl Ek was exonerated in the killing of Anna Berg.", "Karl Ek KILLED Anna Berg", Negated},
		{"Karl Ek was falsely accused of killing Anna Berg.", "Karl Ek KILLED Anna Berg", Negated},
		// A mistaken act still happened; a ruling that clears one person
		// may find another guilty.
		{"Sweden mistakenly began attacking Bergen on Monday.", "Sweden ATTACKED Bergen", Asserted},
		{"Karl Ek was cleared in a ruling that found Lars Holm killed Anna Berg.", "Lars Holm KILLED Anna Berg", Asserted},
	})
}

// TestEndedByParse: "no longer" on the verb that joins the names, and
// leaving an office or a body, deny it; another clause's verb does not, in
// sentences written for this test.
func TestEndedByParse(t *testing.T) {
	checkAssertions(t, []assertionCase{
		{"Karl Ek no longer leads the Nordland Front.", "Karl Ek LEADS Nordland Front", Negated},
		{"Norway no longer supports Sweden.", "Norway ALLIED_WITH Sweden", Negated},
		// A state a verb of ending stops; an act that stopped was done; a
		// gerund after "against" is not done.
		{"Norway ended its support for the Nordland Front in 2019.", "Norway ALLIED_WITH Nordland Front", Negated},
		{"Norway stopped supporting the Nordland Front.", "Norway ALLIED_WITH Nordland Front", Negated},
		{"Sweden asked Norway to stop supporting the Nordland Front.", "Norway ALLIED_WITH Nordland Front", Asserted},
		{"Norway stopped attacking Kiruna in May.", "Norway ATTACKED Kiruna", Asserted},
		{"Sweden warned Norway against supporting the Nordland Front.", "Norway ALLIED_WITH Nordland Front", Hypothetical},
		{"Karl Ek, who no longer lives in Oslo, leads the Nordland Front.", "Karl Ek LEADS Nordland Front", Asserted},
		{"Karl Ek quit the Nordland Front after the attack.", "Karl Ek WORKS_FOR Nordland Front", Negated},
		{"Karl Ek, who resigned as head of Nordland Bank in 2010, died.", "Karl Ek WORKS_FOR Nordland Bank", Negated},
		{"Karl Ek left Oslo and joined the Nordland Front.", "Karl Ek MEMBER_OF Nordland Front", Asserted},
	})
}

// TestPlannedByParse: a plan, an order or an expectation that governs the
// act's infinitive in the parse, and a question, make it hypothetical, in
// sentences written for this test.
func TestPlannedByParse(t *testing.T) {
	checkAssertions(t, []assertionCase{
		{"The Nordland Front vowed on Monday to attack Bergen.", "Nordland Front ATTACKED Bergen", Hypothetical},
		{"Norway is expected to strike Sweden within days.", "Norway ATTACKED Sweden", Hypothetical},
		{"The general ordered the Nordland Front to attack Bergen.", "Nordland Front ATTACKED Bergen", Hypothetical},
		{"Will Norway attack Sweden again?", "Norway ATTACKED Sweden", Hypothetical},
		{"Why did Norway attack Sweden in 2019?", "Norway ATTACKED Sweden", Asserted},
		{"Had Norway attacked Sweden, Denmark would have responded.", "Norway ATTACKED Sweden", Hypothetical},
		{"The Nordland Front attacked Bergen on Monday.", "Nordland Front ATTACKED Bergen", Asserted},
		// The nouns of an attempt: what it aims at is not done.
		{"Sweden bombed Bergen in an effort to kill Lars Holm.", "Sweden KILLED Lars Holm", Hypothetical},
		{"Karl Ek lost his bid to lead the Bergen Party.", "Karl Ek LEADS Bergen Party", Hypothetical},
		{"Norway was ready to attack Kiruna.", "Norway ATTACKED Kiruna", Hypothetical},
		{"Norway is about to attack Kiruna.", "Norway ATTACKED Kiruna", Hypothetical},
	})
}

// TestOwnedAndOthers: a place or demonym that only modifies a thing a name
// owns says nothing of the owner, a relation the parse reaches through
// another person's name is that person's, and a body that qualifies the
// title of the person after it is that person's; sentences written for
// this test.
func TestOwnedAndOthers(t *testing.T) {
	checkFacts(t, []factCase{
		{text: "By noon the Nordland Front's Bergen brigade had set off two bombs.", not: []string{"Nordland Front BASED_IN Bergen"}, minEntities: 2},
		{text: "Norway froze Karl Ek's Swedish assets on Monday.", not: []string{"Karl Ek CITIZEN_OF Sweden"}, minEntities: 2},
		{text: "On August 13, lawmaker Ana Obi, Colonel Karl Ek, the Nordland National Guard (NNG) Division General Lars Berg, Tor Lund, Per Moe and others were indicted.",
			not: []string{"Karl Ek WORKS_FOR Nordland National Guard", "Karl Ek WORKS_FOR NNG", "Ana Obi WORKS_FOR Nordland National Guard"}, minEntities: 4},
		{text: "Colonel Karl Ek, the National Guard (NG) Division General Lars Berg and two soldiers were arrested.",
			not: []string{"Karl Ek WORKS_FOR National Guard"}, minEntities: 2},
		{text: "One of Karl Ek's lawyers, Ana Obi of Bergen, Norway, confirmed Tuesday that Ek is trying to settle the case.",
			not: []string{"Karl Ek LIVES_IN Bergen", "Karl Ek LIVES_IN Norway", "Karl Ek CITIZEN_OF Norway"}, minEntities: 3},
	})
}

// TestRoleOfABody: a role noun with a common noun before it belongs to that
// noun's body ("police chief" leads the police), and a passive whose
// subject names an act condemns the act, not its victim, in sentences
// written for this test.
func TestRoleOfABody(t *testing.T) {
	checkFacts(t, []factCase{
		{text: "Swedish army chief Lars Berg met Danish officials.",
			want: []string{"Lars Berg CITIZEN_OF Sweden"}, not: []string{"Lars Berg LEADS Sweden"}},
		{text: "Norwegian Prime Minister Lars Berg resigned on Monday.", want: []string{"Lars Berg LEADS Norway"}},
		{text: "Norway's caretaker prime minister Lars Berg resigned on Monday.", want: []string{"Lars Berg LEADS Norway"}},
		{text: "Sweden's acting prime minister Anna Lind flew to Oslo on Friday.", want: []string{"Anna Lind LEADS Sweden"}},
		{text: "Speaking after his talks with the Nordland Front leader, Karl Ek said nothing.", not: []string{"Karl Ek LEADS Nordland Front"}},
		{text: "The murder of journalist Anna Berg was condemned by Norway.", not: []string{"Norway OPPOSES Anna Berg"}},
		{text: "The murder of Anna Berg was condemned by Norway.", not: []string{"Norway OPPOSES Anna Berg"}},
		{text: "Norway condemned Anna Berg's murder.", not: []string{"Norway OPPOSES Anna Berg"}},
		{text: "The Nordland Front was condemned by Norway.", want: []string{"Norway OPPOSES Nordland Front"}},
		// A role in the past is no relation now.
		{text: "Karl Ek, the former mayor of Bergen, was arrested on Monday.", not: []string{"Karl Ek LEADS Bergen"}},
		{text: "Lars Berg, the ousted prime minister of Norway, fled to Sweden.", not: []string{"Lars Berg LEADS Norway"}},
		// Past the name of the body the role is in, and a role noun
		// the tagger made an adjective.
		{text: "Anna Berg, a former Nordland Bank executive, now runs a bakery in Oslo.", not: []string{"Anna Berg WORKS_FOR Nordland Bank"}},
		{text: "The former Nordland Front commander Karl Ek was arrested.", not: []string{"Karl Ek MEMBER_OF Nordland Front"}},
		// Nor one to come.
		{text: "The rally was opened by the future president of Norway, Lars Berg.", not: []string{"Lars Berg LEADS Norway"}},
		{text: "Norway's former police chief Karl Ek testified.", not: []string{"Karl Ek LEADS Norway", "Karl Ek WORKS_FOR Norway"}},
		// A plural noun before a leader's noun names the part led.
		{text: "The Nordland Bank human rights chief, Karl Ek, said he was horrified.", not: []string{"Karl Ek LEADS Nordland Bank"}},
		{text: "Norway's armed forces chief Karl Ek resigned.", not: []string{"Karl Ek LEADS Norway"}},
		// A nationality between does not hide the past, and outlasts it.
		{text: "The former Swedish prime minister Karl Ek died on Monday.", want: []string{"Karl Ek CITIZEN_OF Sweden"}, not: []string{"Karl Ek LEADS Sweden", "Karl Ek WORKS_FOR Sweden"}},
		{text: "Karl Ek is a Swedish former football player.", want: []string{"Karl Ek CITIZEN_OF Sweden"}},
		{text: "Karl Ek, the mayor of Bergen, was arrested on Monday.", want: []string{"Karl Ek LEADS Bergen"}},
		// The classifier's guess through a role in the past goes too.
		{text: "Karl Ek, the former mayor of Bergen, was arrested on Monday.", not: []string{"Karl Ek LIVES_IN Bergen", "Karl Ek WORKS_FOR Bergen"}, minEntities: 2},
		// News drops the appositive's article when the body follows.
		{text: "Karl Ek, leader of the Nordland Front, called for calm.", want: []string{"Karl Ek LEADS Nordland Front"}},
		// The classifier's guess through a leader's noun of the body leads it.
		{text: "A Nordland Front leader at the time, Karl Ek, said the aim had been financial damage.",
			want: []string{"Karl Ek LEADS Nordland Front"}, not: []string{"Karl Ek WORKS_FOR Nordland Front"}},
		// A deputy is a member of the body its head leads.
		{text: "Ana Obi, deputy leader of the Nordland Front, spoke on Monday.",
			want: []string{"Ana Obi MEMBER_OF Nordland Front"}, not: []string{"Ana Obi LEADS Nordland Front"}},
		{text: "Karl Ek, the vice president of the Storting, resigned.",
			not: []string{"Karl Ek LEADS Storting"}, minEntities: 2},
	})
}

// TestAdversaryNoMember: an adversary's or a victim's words on the parse
// path between a person and a body say the person is none of it, whatever
// the classifier guessed (the schema's not_on_path), in sentences written
// for this test.
func TestAdversaryNoMember(t *testing.T) {
	texts := []string{
		"Senator Lars Berg called for sanctions on the Nordland Front.",
		"Anna Obi, who was kidnapped by the Nordland Front, returned home.",
		"Karl Ek, who was expelled from the Nordland Front, lives in Oslo.",
		"Lars Berg criticized the Nordland Front on Tuesday.",
	}
	member := func(x *Extractor, text string) []string {
		var got []string
		for _, r := range x.Extract(&Document{ID: "t", Text: text}).Relations {
			if r.Object.Name == "Nordland Front" && (r.Type == "WORKS_FOR" || r.Type == "MEMBER_OF" || r.Type == "LEADS") {
				got = append(got, r.Subject.Name+" "+r.Type)
			}
		}
		return got
	}
	x := testExtractor(t)
	for _, text := range texts {
		if got := member(x, text); len(got) > 0 {
			t.Errorf("%q: %v", text, got)
		}
	}
	// Without the words the guesses come back: the rows test them.
	bare := extractorWith(t, func(rt *schemas.RelationType) { rt.NotOnPath = nil })
	back := 0
	for _, text := range texts {
		if len(member(bare, text)) > 0 {
			back++
		}
	}
	if back < 2 {
		t.Errorf("without not_on_path %d of %d guesses come back; the rows test nothing", back, len(texts))
	}
}

// TestPossessedObject: what a verb does to a possessor's thing it does to
// the possessor, and no name after that thing is its object; a person the
// possessor has is, in sentences written for this test.
func TestPossessedObject(t *testing.T) {
	checkFacts(t, []factCase{
		{text: "Denmark supports Norway's claim over the islands, angering Sweden.",
			want: []string{"Denmark ALLIED_WITH Norway"}, not: []string{"Denmark ALLIED_WITH Sweden"}},
		{text: "Denmark opposed Norway's decision to join the Nordic Council.",
			want: []string{"Denmark OPPOSES Norway"}, not: []string{"Denmark OPPOSES Nordic Council"}},
		{text: "The Nordland Front attacked Norway's energy grid on Monday.", want: []string{"Nordland Front ATTACKED Norway"}},
		{text: "Norway killed the Nordland Front's leader Karl Ek in Bergen.", want: []string{"Norway KILLED Karl Ek"}},
	})
}

// TestComplicity: one charged with helping a killing is not said to have
// killed (KILLED's not_on_path, read between the names for an accusation
// whatever the parse), in sentences written for this test.
func TestComplicity(t *testing.T) {
	texts := []string{
		"Anna Berg was charged with complicity in the murder of Karl Ek.",
		"Police arrested Anna Berg, who was charged with complicity in the assassination of Karl Ek.",
	}
	killed := func(x *Extractor, text string) bool {
		for _, r := range x.Extract(&Document{ID: "t", Text: text}).Relations {
			if r.Type == "KILLED" && r.Subject.Name == "Anna Berg" {
				return true
			}
		}
		return false
	}
	x := testExtractor(t)
	bare := extractorWith(t, func(rt *schemas.RelationType) { rt.NotOnPath = nil })
	for _, text := range texts {
		if killed(x, text) {
			t.Errorf("%q: Anna Berg KILLED", text)
		}
	}
	if !killed(bare, texts[0]) && !killed(bare, texts[1]) {
		t.Error("without not_on_path no KILLED comes back; the rows test nothing")
	}
}

// TestCommaLocation: "X, Y" places X in Y unless Y is the subject of the
// clause after a fronted phrase, or a demonym, in sentences written for
// this test.
func TestCommaLocation(t *testing.T) {
	checkFacts(t, []factCase{
		{text: "Rather than attacking Stockholm, Norway struck Kiruna.", not: []string{"Stockholm LOCATED_IN Norway"}},
		{text: "According to Stockholm, Norwegian drones struck Kiruna.", not: []string{"Stockholm LOCATED_IN Norway"}},
		{text: "Instead of shelling Stockholm, Norway attacked Bergen.", want: []string{"Norway ATTACKED Bergen"}, not: []string{"Stockholm LOCATED_IN Norway"}},
		{text: "After the talks in Oslo, Sweden signed the treaty.", not: []string{"Oslo LOCATED_IN Sweden"}, minEntities: 2},
		{text: "A bomb in Kiruna, Sweden killed Karl Ek.", want: []string{"Kiruna LOCATED_IN Sweden"}},
		{text: "The blast hit Kiruna, Sweden, on Monday.", want: []string{"Kiruna LOCATED_IN Sweden"}},
		// A list's items lie in none of the others; a chain of places, a
		// place and its country inside a list, and a facility and its city
		// are still read.
		{text: "The carrier serves the states of Iowa, Missouri, Illinois, and Minnesota.",
			not: []string{"Iowa LOCATED_IN Missouri", "Missouri LOCATED_IN Illinois", "Iowa LOCATED_IN Illinois"}},
		{text: "Floods hit Alameda County, California, United States, where farms were lost.",
			want: []string{"Alameda County LOCATED_IN California", "California LOCATED_IN United States"}},
		// A place, a hyphen and "based" state where the name after is based,
		// a place only the evidence lists know included.
		{text: "The deal with Toronto-based Maplecrest Group closed on Friday.", want: []string{"Maplecrest Group BASED_IN Toronto"}},
		{text: "Shares of London-based Halden Partners rose on Monday.", want: []string{"Halden Partners BASED_IN London"}},
		// A river lies in no province or town it runs through; a country
		// may hold it.
		{text: "Clashes rocked the east bank of the Danube in Vukovar on Monday.", not: []string{"Danube LOCATED_IN Vukovar"}, minEntities: 2},
		{text: "Militants control the west side of the Euphrates in Raqqa province.", not: []string{"Euphrates LOCATED_IN Raqqa"}, minEntities: 2},
		{text: "The envoy flew to Kabul, Afghanistan and Islamabad, Pakistan last week.",
			want: []string{"Kabul LOCATED_IN Afghanistan", "Islamabad LOCATED_IN Pakistan"}},
	})
}

// TestActPlaces: where a group attacks or kills is a place it operates in
// (OPERATES_IN's places_of), the verb's locative or its object's; an act
// someone else did, or one only threatened, places no one, in sentences
// written for this test.
func TestActPlaces(t *testing.T) {
	checkFacts(t, []factCase{
		{text: "Nordland Front gunmen attacked a police station in Bergen on Tuesday.", want: []string{"Nordland Front OPERATES_IN Bergen"}},
		{text: "The Nordland Front killed three farmers in Hordaland and Rogaland.",
			want: []string{"Nordland Front OPERATES_IN Hordaland", "Nordland Front OPERATES_IN Rogaland"}},
		{text: "A ferry in Stavanger was attacked by the Nordland Front.", want: []string{"Nordland Front OPERATES_IN Stavanger"}},
		// Beside a place is not in it; an adjective is no group that acted.
		{text: "The Nordland Front attacked a tanker near Stavanger.", not: []string{"Nordland Front OPERATES_IN Stavanger"}},
		{text: "Sunni insurgents attacked a base in Ramadi.", not: []string{"Sunni OPERATES_IN Ramadi", "Sunni Islam OPERATES_IN Ramadi"}},
		{text: "The Nordland Front attacked the village of Vik in Hordaland.", want: []string{"Nordland Front OPERATES_IN Hordaland"}},
		{text: "The Nordland Front threatened to attack ferries in Bergen.", not: []string{"Nordland Front OPERATES_IN Bergen"}},
		// Where it attacked is no base of its: the classifier's guess goes.
		{text: "The Taliban attacked Afghan soldiers in Helmand.",
			want: []string{"Taliban OPERATES_IN Helmand"}, not: []string{"Taliban BASED_IN Helmand"}},
		// The doer must be the verb's own: here a bomb killed the officer.
		{text: "According to the Nordland Front, an officer was killed in Bergen by a roadside bomb.", not: []string{"Nordland Front OPERATES_IN Bergen"}},
	})
	// A denied act places its doer nowhere the graph shows.
	x := testExtractor(t)
	ex := x.Extract(&Document{ID: "t", Text: "The Nordland Front did not attack the base in Bergen."})
	for _, r := range ex.Relations {
		if r.Type == "OPERATES_IN" && r.Assertion != Negated {
			t.Errorf("denied attack: %s OPERATES_IN %s is %s", r.Subject.Name, r.Object.Name, r.Assertion)
		}
	}
}

// TestNonStatePeople: a demonym before people who are not its state's
// (rebels, opposition, refugees) makes its country no party to what they
// do or suffer, while a demonym before the state's own people stays its
// country, in sentences written for this test.
func TestNonStatePeople(t *testing.T) {
	checkFacts(t, []factCase{
		{text: "Norwegian jets bombed Swedish rebels near Kiruna.", not: []string{"Norway ATTACKED Sweden"}},
		{text: "Swedish rebels attacked Norwegian troops near Narvik.", not: []string{"Sweden ATTACKED Norway"}},
		{text: "Denmark will support the moderate Swedish opposition.", not: []string{"Denmark ALLIED_WITH Sweden", "Sweden ALLIED_WITH Denmark"}},
		{text: "Denmark supports Swedish refugees in Oslo.", not: []string{"Denmark ALLIED_WITH Sweden"}},
		{text: "Norwegian forces attacked Swedish separatist fighters near Kiruna.", not: []string{"Norway ATTACKED Sweden"}},
		// The rebels' leader is no leader of the state, though a national of it.
		{text: "Swedish rebel leader Lars Berg was arrested in Oslo.",
			want: []string{"Lars Berg CITIZEN_OF Sweden"}, not: []string{"Lars Berg LEADS Sweden"}},
		// The state's own forces and government are the state.
		{text: "Norway attacked Swedish troops near Kiruna.", want: []string{"Norway ATTACKED Sweden"}},
		{text: "Denmark supports the Swedish government.", want: []string{"Denmark ALLIED_WITH Sweden"}},
		// A demonym joined to a participle describes a thing.
		{text: "The Nordland Front attacked a Swedish-flagged tanker near Bergen.", not: []string{"Nordland Front ATTACKED Sweden"}},
		// A private person's nationality does not make their act the
		// state's, nor the state their act's victim.
		{text: "A Swedish journalist attacked a Norwegian soldier in Oslo.", not: []string{"Sweden ATTACKED Norway"}},
		{text: "Swedish fans attacked Norwegian supporters after the match.", not: []string{"Sweden ATTACKED Norway"}},
		{text: "The Polish journalist Anna Novak was arrested in Minsk.", want: []string{"Anna Novak CITIZEN_OF Poland"}},
	})
}

// TestSubjectAfterPhrase: a role noun that ends a fronted phrase is not in
// apposition to the subject after the comma; one that opens the clause is;
// a place after a locative preposition owns no role noun after it, in
// sentences written for this test.
func TestSubjectAfterPhrase(t *testing.T) {
	x := testExtractor(t)
	for _, tt := range []struct {
		text      string
		want, not []string
	}{
		{text: "Speaking after the fall of Tromso to Nordland Front fighters, Karl Ek said the army would return.",
			not: []string{"Karl Ek MEMBER_OF Nordland Front role-appositive/"}},
		{text: "After talks with a Nordland Front commander, Karl Ek said the army would return.",
			not: []string{"Karl Ek MEMBER_OF Nordland Front role-appositive/"}},
		{text: "A Nordland Front commander, Karl Ek, said the army would return.",
			want: []string{"Karl Ek MEMBER_OF Nordland Front"}},
		// A place after a locative preposition says where, not whose.
		{text: "In Norway Minister Karl Ek met the Estonian envoy.",
			not: []string{"Karl Ek WORKS_FOR Norway role-"}},
		{text: "Norway's Minister Karl Ek met the Estonian envoy.",
			want: []string{"Karl Ek WORKS_FOR Norway role-"}},
	} {
		checkRuleRelations(t, tt.text, x.Extract(&Document{ID: "t", Text: tt.text}), tt.want, tt.not)
	}
}

// TestBornIn: a birthplace is BORN_IN, not a home, from the rules' phrases
// and from the classifier's Live_In guess with "born" on the parse path
// between the names (pathType), in sentences written for this test.
func TestBornIn(t *testing.T) {
	checkFacts(t, []factCase{
		{text: "Karl Ek, a native of Tromso, now lives in Oslo.", want: []string{"Karl Ek BORN_IN Tromso", "Karl Ek LIVES_IN Oslo"}, not: []string{"Karl Ek LIVES_IN Tromso"}},
		{text: "Ada Obi was born in Lagos in 1970.", want: []string{"Ada Obi BORN_IN Lagos"}, not: []string{"Ada Obi LIVES_IN Lagos"}},
	})
	x := testExtractor(t)
	cl := RelClass{Name: "LIVES_IN", Types: []string{"LIVES_IN", "BORN_IN"}}
	for _, tt := range []struct {
		text, want string
	}{
		{"Tromso born Karl Ek was a 27-year-old actor.", "BORN_IN"},
		{"Karl Ek, who lives in Tromso, was a 27-year-old actor.", ""},
	} {
		_, c := firstClause(t, x, tt.text)
		var person, place span
		for _, sp := range c.spans {
			switch {
			case x.schema.Is(c.typ(sp), x.roles.Person):
				person = sp
			case x.isPlace(c.typ(sp)):
				place = sp
			}
		}
		if got := x.pathType(c, cl, person, place); got != tt.want {
			t.Errorf("%q: pathType = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestListEndsAtSubject: a name after a comma that a finite verb follows
// is that verb's subject, not one more object of the predicate before, in
// sentences written for this test.
func TestListEndsAtSubject(t *testing.T) {
	checkFacts(t, []factCase{
		{text: "Norway stepped up its fight against the Nordland Front, Karl Ek said on Monday.", want: []string{"Norway OPPOSES Nordland Front"}, not: []string{"Norway OPPOSES Karl Ek"}},
		{text: "Karl Ek visited Estonia, Latvia and Lithuania last week.", want: []string{"Karl Ek VISITED Latvia", "Karl Ek VISITED Lithuania"}},
	})
}

// TestPerformedActs: the subject of a verb that performs an act ("carried
// out", "conducted", "launched") is the act's agent, its target after
// "on" or "against" even a few words on; condemning an act is not doing
// it, and being committed to doing it is only an intent, in sentences
// written for this test.
func TestPerformedActs(t *testing.T) {
	checkFacts(t, []factCase{
		{text: "The Nordland Front carried out three attacks on Tromso last year.", want: []string{"Nordland Front ATTACKED Tromso"}},
		// The verb's object may count the acts.
		{text: "The Nordland Front has carried out dozens of attacks on Estonian security forces since 2011.", want: []string{"Nordland Front ATTACKED Estonia"}},
		{text: "Nordland Front gunmen conducted 12 raids using stolen trucks against Norwegian Army positions.", want: []string{"Nordland Front ATTACKED Norwegian Army"}},
		{text: "Norway condemned the attacks on Tromso.", not: []string{"Norway ATTACKED Tromso"}, minEntities: 2},
		// The target may hang on the verb in the parse.
		{text: "Norway conducted strikes against the Nordland Front.", want: []string{"Norway ATTACKED Nordland Front"}},
		// Launching a liberation begins it: no control yet.
		{text: "Norway launched the liberation of Tromso in October, but the battle goes on.", not: []string{"Norway CONTROLS Tromso"}, minEntities: 2},
	})
	x := testExtractor(t)
	text := "The Nordland Front remains committed to carrying out attacks against Norway."
	ex := x.Extract(&Document{ID: "t", Text: text})
	found := false
	for _, r := range ex.Relations {
		if r.Subject.Name == "Nordland Front" && r.Type == "ATTACKED" && r.Object.Name == "Norway" {
			found = true
			if r.Assertion != Hypothetical {
				t.Errorf("%q: ATTACKED is %s, want %s", text, r.Assertion, Hypothetical)
			}
		}
	}
	if !found {
		t.Errorf("%q: no Nordland Front ATTACKED Norway; got %v", text, ex.Relations)
	}
}

// TestToldApart: whom something was told to is no party to what the
// clause after "that" says (reportedApart), in sentences written for this
// test.
func TestToldApart(t *testing.T) {
	x := testExtractor(t)
	for _, tt := range []struct {
		text, a, b string
		want       bool
	}{
		{"Rebels told the Oslo Times that Swedish forces make the roads unsafe.", "Oslo Times", "Sweden", true},
		{"The Oslo Times, which is based in Stockholm, praised the plan.", "Oslo Times", "Stockholm", false},
	} {
		a, c := firstClause(t, x, tt.text)
		find := func(name string) span {
			for _, sp := range c.spans {
				if a.entities[sp.ent].name == name {
					return sp
				}
			}
			t.Fatalf("%q: no %s among %d spans", tt.text, name, len(c.spans))
			return span{}
		}
		if got := c.reportedApart(find(tt.a), find(tt.b)); got != tt.want {
			t.Errorf("%q: reportedApart(%s, %s) = %v, want %v", tt.text, tt.a, tt.b, got, tt.want)
		}
	}
}

// TestPrepBeforeDirection: a direction word in capitals may stand between
// a preposition and its place, as "northern" may ("the town of Tromso in
// Northern Norway": Norway is the preposition's object, not the subject of
// what follows), whether or not the recognizer took the word into the
// name.
func TestPrepBeforeDirection(t *testing.T) {
	x := testExtractor(t)
	for _, text := range []string{
		"The town of Tromso in Northern Norway was taken by the Nordland Front.",
		"The town of Tromso in northern Norway was taken by the Nordland Front.",
	} {
		a, c := firstClause(t, x, text)
		in := slices.Index(a.low, "in")
		norway := slices.Index(a.low, "norway")
		// The place's own word alone, as a recognizer that leaves the
		// direction out would give it.
		sp := span{first: norway, last: norway + 1}
		a.byToken[norway-1] = -1
		if got := c.prepBefore(sp); got != in {
			t.Errorf("%q: prepBefore(Norway) = %d, want %d (the 'in')", text, got, in)
		}
	}
}

// firstClause runs the pipeline on text through the resolve stage and
// returns the analysis and its first sentence's clause, which must name
// two entities at least.
func firstClause(t *testing.T, x *Extractor, text string) (*analysis, *clause) {
	t.Helper()
	a := &analysis{doc: &Document{ID: "t", Text: text}}
	x.runStages(a, "resolve", nil)
	c := x.clauseOf(a, 0)
	if c == nil {
		t.Fatalf("%q: fewer than two names", text)
	}
	return a, c
}

// TestNotOwnAffiliation: a person belongs to a body the parse makes them
// part of, not to one they acted on or one their relative belongs to.
func TestNotOwnAffiliation(t *testing.T) {
	checkFacts(t, []factCase{
		{text: "Karl Ek investigated the Nordland Front.", not: []string{"Karl Ek WORKS_FOR Nordland Front", "Karl Ek MEMBER_OF Nordland Front"}},
		{text: "Karl Ek praised the Nordland Front.", not: []string{"Karl Ek WORKS_FOR Nordland Front", "Karl Ek MEMBER_OF Nordland Front"}},
		{text: "Karl Ek, who audited Nordland Bank, resigned.", not: []string{"Karl Ek WORKS_FOR Nordland Bank"}},
		{text: "Karl Ek's wife works for Nordland Bank.", not: []string{"Karl Ek WORKS_FOR Nordland Bank"}},
		{text: "Karl Ek's brother is a member of the Nordland Front.", not: []string{"Karl Ek WORKS_FOR Nordland Front", "Karl Ek MEMBER_OF Nordland Front"}},
		{text: "Lars Holm's rival Karl Ek leads the Bergen Party.", want: []string{"Karl Ek LEADS Bergen Party"}, not: []string{"Lars Holm WORKS_FOR Bergen Party", "Lars Holm LEADS Bergen Party"}},
		// Verbs of belonging keep it.
		{text: "Karl Ek, who runs Nordland Bank, resigned.", want: []string{"Karl Ek WORKS_FOR Nordland Bank"}},
		{text: "Karl Ek, who coached the Bergen Lions, resigned.", want: []string{"Karl Ek WORKS_FOR Bergen Lions"}},
	})
}

// TestClauseAfterObject: a name right after an act's verb is its object
// even where the parse makes it the subject of the clause that follows;
// a subordinator the parse hangs on the next name does not make that name
// a preposition's object.
func TestClauseAfterObject(t *testing.T) {
	checkFacts(t, []factCase{
		{text: "Sweden attacked Kiruna after Norway warned Denmark.", want: []string{"Sweden ATTACKED Kiruna"}},
		{text: "Sweden attacked Kiruna and Norway attacked Bergen.", want: []string{"Sweden ATTACKED Kiruna", "Norway ATTACKED Bergen"}},
		{text: "Sweden blamed Denmark after Norway attacked Kiruna.", want: []string{"Norway ATTACKED Kiruna"}, not: []string{"Denmark ATTACKED Kiruna"}},
		{text: "Sweden warned Denmark before the Nordland Front attacked Kiruna.", want: []string{"Nordland Front ATTACKED Kiruna"}, not: []string{"Denmark ATTACKED Kiruna"}},
		{text: "Norway praised Sweden since Denmark had already attacked Bergen.", want: []string{"Denmark ATTACKED Bergen"}, not: []string{"Sweden ATTACKED Bergen"}},
		{text: "The Nordland Front attacked our positions in Bergen, spokesman Karl Ek said.", not: []string{"Nordland Front ATTACKED Karl Ek"}},
	})
}

// TestNamesInANounsPhrase: names joined inside a noun's prepositional
// phrase are not the clause's subjects, unless the noun is a state's or
// an organization's armed force; a phrase that opens the clause is not
// joined to the names after its comma.
func TestNamesInANounsPhrase(t *testing.T) {
	checkFacts(t, []factCase{
		{text: "Supporters of Lars Holm and Karl Ek attacked Anna Berg.", not: []string{"Karl Ek ATTACKED Anna Berg", "Lars Holm ATTACKED Anna Berg"}},
		{text: "Relatives of Norway and Sweden attacked Kiruna.", not: []string{"Sweden ATTACKED Kiruna", "Norway ATTACKED Kiruna"}},
		{text: "Troops from Norway and Sweden attacked Kiruna.", want: []string{"Norway ATTACKED Kiruna", "Sweden ATTACKED Kiruna"}},
		{text: "In Bergen, Norway and Sweden attacked Kiruna.", want: []string{"Norway ATTACKED Kiruna", "Sweden ATTACKED Kiruna"}},
		// Names joined inside a name's phrase are that phrase's: the
		// subject is the name it follows.
		{text: "The Nordland Front in Bergen and Oslo attacked Kiruna.", want: []string{"Nordland Front ATTACKED Kiruna"}, not: []string{"Oslo ATTACKED Kiruna"}},
		{text: "Karl Ek of Norway and Anna Berg of Sweden attacked Lars Holm.", want: []string{"Karl Ek ATTACKED Lars Holm", "Anna Berg ATTACKED Lars Holm"}},
		// Two names joined by "and" as a verb's subject are peers.
		{text: "The United States and the European Union urged both sides to show restraint.", not: []string{"European Union BASED_IN United States"}},
		{text: "Norway and the Nordland Front have signed a ceasefire.", not: []string{"Nordland Front BASED_IN Norway"}},
		{text: "Sweden and the Baltic Council quickly called for talks.", not: []string{"Baltic Council BASED_IN Sweden"}},
	})
}

// TestPersonAfterName: a body's name that only modifies the person who
// acted does not act, and says nothing of the ties of the one acted on; a
// state's or an organization's armed force acts for it.
func TestPersonAfterName(t *testing.T) {
	checkFacts(t, []factCase{
		{text: "A Nordland Bank employee killed Karl Ek.", not: []string{"Nordland Bank KILLED Karl Ek", "Karl Ek WORKS_FOR Nordland Bank"}},
		{text: "A Nordland Front supporter killed Karl Ek.", not: []string{"Nordland Front KILLED Karl Ek", "Karl Ek WORKS_FOR Nordland Front", "Karl Ek MEMBER_OF Nordland Front"}},
		{text: "A Nordland Front member killed Karl Ek.", not: []string{"Nordland Front KILLED Karl Ek", "Karl Ek WORKS_FOR Nordland Front", "Karl Ek MEMBER_OF Nordland Front"}},
		{text: "Nordland Front militants attacked Bergen.", want: []string{"Nordland Front ATTACKED Bergen"}},
		{text: "Karl Ek, who is a member of the Nordland Front, spoke in Oslo.", want: []string{"Karl Ek MEMBER_OF Nordland Front"}},
		// Nor of the nationality of the one acted on.
		{text: "A Swedish journalist killed Karl Ek.", not: []string{"Karl Ek CITIZEN_OF Sweden", "Karl Ek LIVES_IN Sweden"}},
		{text: "Karl Ek, a Swedish journalist, was arrested.", want: []string{"Karl Ek CITIZEN_OF Sweden"}},
	})
}

// TestObjectBeforeAnotherVerb: the objects of a verb end where a finite
// verb after a conjunction or a comma starts another predicate.
func TestObjectBeforeAnotherVerb(t *testing.T) {
	checkFacts(t, []factCase{
		{text: "Karl Ek condemned the killing and praised the Nordland Front.", not: []string{"Karl Ek OPPOSES Nordland Front"}},
		{text: "Sweden attacked Kiruna and bombed Bergen.", want: []string{"Sweden ATTACKED Kiruna", "Sweden ATTACKED Bergen"}},
		{text: "Sweden supports Norway and Denmark.", want: []string{"Sweden ALLIED_WITH Norway", "Sweden ALLIED_WITH Denmark"}},
		// A relative pronoun that is the verb's object stands for the name
		// the clause describes.
		{text: "Sweden attacked Kiruna, which Norway controls.", want: []string{"Norway CONTROLS Kiruna"}},
		{text: "Lars Holm, whom Karl Ek killed in 2019, was a journalist.", want: []string{"Karl Ek KILLED Lars Holm"}},
		{text: "The Nordland Front, which Sweden supports, attacked Bergen.", want: []string{"Sweden ALLIED_WITH Nordland Front", "Nordland Front ATTACKED Bergen"}},
		{text: "Bergen, which the Nordland Front controls, was attacked by Sweden.", want: []string{"Nordland Front CONTROLS Bergen", "Sweden ATTACKED Bergen"}},
		{text: "Anna Berg, whom Lars Holm reportedly killed, was a judge in Oslo.", want: []string{"Lars Holm KILLED Anna Berg"}},
		{text: "The Nordland Front, which Norway supports, attacked Kiruna, which Sweden controls.", want: []string{"Norway ALLIED_WITH Nordland Front", "Sweden CONTROLS Kiruna", "Nordland Front ATTACKED Kiruna"}, not: []string{"Norway ALLIED_WITH Kiruna"}},
	})
}

// TestThatAfterANoun: "that" right before a verb stands for the noun
// before it, which no name is, unless that noun's phrase is in apposition
// to a name.
func TestThatAfterANoun(t *testing.T) {
	checkFacts(t, []factCase{
		{text: "Norway condemned the group that attacked Kiruna.", not: []string{"Norway ATTACKED Kiruna"}},
		{text: "Kenya sent police to lead a mission against gangs that control most of Bergen.", not: []string{"Kenya CONTROLS Bergen"}},
		{text: "The Nordland Front, a shadowy militant group that attacked Kiruna in 2019, is banned.", want: []string{"Nordland Front ATTACKED Kiruna"}},
		// An act a light verb says its subject did is that subject's.
		{text: "Norway condemned the attack that killed Karl Ek.", not: []string{"Norway KILLED Karl Ek"}},
		{text: "The Nordland Front claimed the attack that killed Karl Ek.", want: []string{"Nordland Front KILLED Karl Ek"}},
		{text: "The Nordland Front has carried out dozens of attacks that have been concentrated in Bergen.", want: []string{"Nordland Front OPERATES_IN Bergen"}},
	})
}

// TestHyphenParticiple: a participle hyphened to its subject ("the
// Iran-backed group") says its relation of what it modifies, never of a
// name further on; a phrase with it in apposition leaves the name before
// it the subject.
func TestHyphenParticiple(t *testing.T) {
	checkFacts(t, []factCase{
		{text: "Hezbollah, the Iran-backed group in Lebanon, fired rockets at northern Israel in response, the Israeli military said.",
			want: []string{"Iran ALLIED_WITH Hezbollah", "Hezbollah ATTACKED Israel"}, not: []string{"Iran ALLIED_WITH Israel"}},
		{text: "The Iran-backed Houthis attacked a ship.", want: []string{"Iran ALLIED_WITH Houthis"}},
		{text: "The Nordland Front, a Sweden-backed militia, attacked Bergen.", want: []string{"Sweden ALLIED_WITH Nordland Front", "Nordland Front ATTACKED Bergen"}},
		{text: "Kiruna was shelled by the Nordland Front, a Norway-backed militia.", want: []string{"Norway ALLIED_WITH Nordland Front", "Nordland Front ATTACKED Kiruna"}},
		{text: "The Nordland Front, a small Sweden-backed group, killed Karl Ek.", want: []string{"Sweden ALLIED_WITH Nordland Front", "Nordland Front KILLED Karl Ek"}},
	})
}

// TestUnnamedClauseArguments: a pronoun no name stands for is the object
// that ends the search, and a bare noun after a word that opens a clause
// is its subject.
func TestUnnamedClauseArguments(t *testing.T) {
	checkFacts(t, []factCase{
		{text: "Colombia's ELN rebel group on Thursday released Karl Ek, 12 days after gunmen seized him at a gas station in the northern town of Bergen, the government said.", not: []string{"ELN CONTROLS Bergen"}},
		{text: "Sweden attacked Bergen after soldiers of the Nordland Front killed Karl Ek.", want: []string{"Sweden ATTACKED Bergen", "Nordland Front KILLED Karl Ek"}},
	})
}

// TestDatelineAgencyIsNoAntecedent: a dateline's agency filed the story;
// "its" in the story is not the agency.
func TestDatelineAgencyIsNoAntecedent(t *testing.T) {
	checkFacts(t, []factCase{
		{text: "OSLO, Norway (AP) — Norway's air force shot down a jet over the sea on Friday, its commander Karl Ek said.", not: []string{"Karl Ek MEMBER_OF Associated Press", "Karl Ek WORKS_FOR Associated Press"}},
	})
}

// TestFiredAt: firing a weapon at someone or something is an attack on
// it; firing from a place, or firing someone, is not.
func TestFiredAt(t *testing.T) {
	checkFacts(t, []factCase{
		{text: "Swedish forces launched 40 drones and six missiles at Norwegian cities overnight.", want: []string{"Sweden ATTACKED Norway"}},
		{text: "Sweden dropped bombs on Bergen.", want: []string{"Sweden ATTACKED Bergen"}},
		{text: "Sweden launched missiles from Kiruna.", not: []string{"Sweden ATTACKED Kiruna"}},
		{text: "Norway fired its prime minister, Karl Ek.", not: []string{"Norway ATTACKED Karl Ek"}},
	})
}

// TestHeadNounReference: "the brigade" after the Kestrel Brigade is named
// stands for it, as "the group" does; a noun with more of its phrase after
// it, or one a state owns, does not, in texts written for this test.
func TestHeadNounReference(t *testing.T) {
	checkFacts(t, []factCase{
		{text: "The Kestrel Brigade attacked Tartu on Sunday. The brigade's leader, Elena Brandt, was arrested.", want: []string{"Elena Brandt LEADS Kestrel Brigade"}},
		{text: "Estonia's Interior Ministry ordered an inquiry. The ministry's spokesman, Rein Kask, declined to comment.", want: []string{"Rein Kask WORKS_FOR Interior Ministry"}},
		{text: "The Baltic News Agency reported the raid. Marta Lind, who works for the agency, was injured.", want: []string{"Marta Lind WORKS_FOR Baltic News Agency"}},
		{text: "The Kestrel Brigade attacked Tartu. The brigade commander's son, Tomas Varga, was arrested.", not: []string{"Tomas Varga LEADS Kestrel Brigade"}},
		{text: "The Free Baltic Army attacked Tartu. The army's chief, Lauri Tamm, ordered a retreat.", not: []string{"Lauri Tamm LEADS Free Baltic Army"}},
	})
}

// TestOwnedPlace: the owner of a home is at home where it stands, and of
// headquarters based there; a home no one owns, or another's, says
// nothing, in sentences written for this test.
func TestOwnedPlace(t *testing.T) {
	checkFacts(t, []factCase{
		{text: "Karl Ek was shot outside his home in Bergen on Friday.", want: []string{"Karl Ek LIVES_IN Bergen"}},
		{text: "Anna Berg died at her family home in Tromso.", want: []string{"Anna Berg LIVES_IN Tromso"}},
		{text: "Karl Ek returned to his home town of Narvik.", want: []string{"Karl Ek LIVES_IN Narvik"}},
		{text: "Police raided the Nordland Front's headquarters in Tromso.", want: []string{"Nordland Front BASED_IN Tromso"}},
		{text: "Karl Ek attacked a house in Bergen.", not: []string{"Karl Ek LIVES_IN Bergen"}},
	})
}

// TestPronounSex: "he" prefers anyone to one whose given name the census
// makes plainly a woman's, "she" anyone to a man, so the pronoun finds the
// other person named before it; a name the census does not settle takes
// either; an unnamed person subject before the pronoun takes it from every
// name, in texts written for this test.
func TestPronounSex(t *testing.T) {
	checkFacts(t, []factCase{
		{text: "Karl Ek worked with Anna Berg for years. She moved to Bergen in 2001.", want: []string{"Anna Berg LIVES_IN Bergen"}, not: []string{"Karl Ek LIVES_IN Bergen"}},
		// With no one else to stand for, the census's sex gives way: it is
		// American, and Janis is a Latvian man's name.
		{text: "Janis Ozols was arrested in Riga. He was born in Daugavpils.", want: []string{"Janis Ozols BORN_IN Daugavpils"}},
		{text: "Anna Berg praised Peter Lund. In 1995 he moved to Tromso.", want: []string{"Peter Lund LIVES_IN Tromso"}},
		// A subject naming a person by a common noun is whom a later
		// pronoun of its sentence stands for.
		{text: "Police thanked Anna Berg. The 41-year-old, whose name was withheld, was found at his house in Tromso.", not: []string{"Anna Berg LIVES_IN Tromso"}},
		{text: "Lars Holm met Karl Ek in Oslo. The lawyer was later seen outside his home in Bergen.", not: []string{"Karl Ek LIVES_IN Bergen", "Lars Holm LIVES_IN Bergen"}},
	})
}

// TestPrenominalParticiple: a participle before the noun it modifies ("the
// occupied Norwegian towns") is no verb with a subject or object of its
// own, and stands between a preposition and its object as an adjective
// does, whether the tagger makes it JJ or VBN (syntax6's tagger says VBN, as
// EWT does, where main's said JJ), in sentences written for this test.
func TestPrenominalParticiple(t *testing.T) {
	checkFacts(t, []factCase{
		{text: "The Nordland Front said it would free the occupied Norwegian towns.", not: []string{"Nordland Front CONTROLS Norway"}},
		{text: "Karl Ek, secretary of the Nordland Party, welcomes the talks if they lead toward a just peace, the return of the occupied Swedish islands, and the end of the war.",
			want: []string{"Karl Ek WORKS_FOR Nordland Party"}, not: []string{"Karl Ek LEADS Sweden", "Nordland Party CONTROLS Sweden"}},
		// A participle joined by a hyphen still says its act.
		{text: "The Sweden-backed Nordland Front attacked Kiruna.", want: []string{"Sweden ALLIED_WITH Nordland Front", "Nordland Front ATTACKED Kiruna"}},
		// After a noun it is that noun's verb, however parsed.
		{text: "Anna Berg was among those killed when Norwegian jets bombed Tromso.", want: []string{"Norway ATTACKED Tromso"}},
	})
}

// TestVerbList: a list of verbs right after the subject shares the object
// after its last verb, whatever tense the tagger gives the list's verbs
// (syntax6's tagger tags "extorted" VBD where main's said VBN), and a verb
// of saying ends no such list, in sentences written for this test.
func TestVerbList(t *testing.T) {
	checkFacts(t, []factCase{
		{text: "The Nordland Front persecuted, exploited and extorted the Swedish community.", want: []string{"Nordland Front TARGETS Sweden"}},
		{text: "Norway bombed, looted and occupied Kiruna.", want: []string{"Norway ATTACKED Kiruna", "Norway CONTROLS Kiruna"}},
		{text: "Norway attacked and said Karl Ek had died.", not: []string{"Norway ATTACKED Karl Ek"}},
	})
}

// TestParticipleClause: a participle's clause after a comma, or a verb
// joined by "and" with no subject of its own, is done by the subject of
// the verb it follows, not by what that verb acted on or its owner; a
// passive subject does what it is convicted of, in sentences written for
// this test.
func TestParticipleClause(t *testing.T) {
	checkFacts(t, []factCase{
		{text: "Sweden attacked Lars Holm's convoy, killing Anna Berg.", want: []string{"Sweden KILLED Anna Berg"}, not: []string{"Lars Holm KILLED Anna Berg"}},
		{text: "Sweden ambushed Lars Holm near Bergen, killing Anna Berg.", want: []string{"Sweden KILLED Anna Berg"}, not: []string{"Lars Holm KILLED Anna Berg"}},
		{text: "Sweden attacked Lars Holm's convoy and killed Anna Berg.", not: []string{"Lars Holm KILLED Anna Berg"}},
		{text: "Lars Holm was convicted of murdering Anna Berg and is serving a life term.", want: []string{"Lars Holm KILLED Anna Berg"}},
		// A gerund with "of" on a verb's object is the object's act.
		{text: "Sweden stopped short of accusing Norway of attacking Narvik.", want: []string{"Norway ATTACKED Narvik"}, not: []string{"Sweden ATTACKED Narvik"}},
		// The object of a preposition is no subject, however parsed.
		{text: "Gunmen loyal to Karl Ek stormed Bergen, killing Anna Berg.", not: []string{"Karl Ek KILLED Anna Berg", "Karl Ek ATTACKED Bergen"}},
	})
}

// TestPlacesElsewhere: a town the place lists alone know takes their type,
// City, and a city lies in no other city, in sentences written for this
// test.
func TestPlacesElsewhere(t *testing.T) {
	checkFacts(t, []factCase{
		{text: "Latvia attacked Narva because Estonia had bombed Daugavpils.", want: []string{"Narva LOCATED_IN Estonia"}, not: []string{"Narva LOCATED_IN Daugavpils", "Narva LOCATED_IN Latvia"}},
	})
}

// TestRoleBeforeHolder: a role noun with its "of" owner before a comma and
// a person's name names that person's role, the phrase closing after the
// name; a place after the comma is where the owner lies; an appositive
// opened by a possessive names a role as one opened by "the" does, and a
// role noun before another only modifies it, in sentences written for
// this test.
func TestRoleBeforeHolder(t *testing.T) {
	checkFacts(t, []factCase{
		{text: "The mayor of Tromso, Lars Holm, resigned on Friday.", want: []string{"Lars Holm LEADS Tromso"}},
		{text: "The leader of the Nordland Front, Karl Ek said the group would fight on.", want: []string{"Karl Ek LEADS Nordland Front"}},
		{text: "Anna Berg met the head of Nordland Bank, Karl Ek, in Oslo.", want: []string{"Karl Ek LEADS Nordland Bank"}},
		{text: "The province of Hordaland, Norway, was flooded.", not: []string{"Norway PART_OF Hordaland"}},
		// A possessive opens an appositive as "the" does; a role noun
		// before another only modifies it.
		{text: "Ulf Lind, Sweden's ambassador in Oslo, denied the report.", want: []string{"Ulf Lind WORKS_FOR Sweden"}},
		{text: "Karl Ek, the Nordland Front's chief spokesman, denied it.", want: []string{"Karl Ek WORKS_FOR Nordland Front"}, not: []string{"Karl Ek LEADS Nordland Front"}},
		{text: "The Nordland Front's chief spokesman, Karl Ek, denied it.", not: []string{"Karl Ek LEADS Nordland Front"}},
	})
}

// TestMutualNouns: a plural noun of a relation that holds both ways, after
// subjects joined by "and" and a copula, and "each other" after a verb,
// join those subjects; a noun of a one-way relation does not, in sentences
// written for this test.
func TestMutualNouns(t *testing.T) {
	checkFacts(t, []factCase{
		{text: "Sweden and Norway are close allies.", want: []string{"Sweden ALLIED_WITH Norway"}},
		{text: "Karl Ek and Lars Holm were bitter rivals in Bergen.", want: []string{"Karl Ek OPPOSES Lars Holm", "Lars Holm OPPOSES Karl Ek"}},
		{text: "Sweden and Denmark support one another.", want: []string{"Sweden ALLIED_WITH Denmark"}},
		{text: "Sweden and Norway are members.", not: []string{"Sweden MEMBER_OF Norway", "Norway MEMBER_OF Sweden"}},
	})
}

// TestDiedInEvent: the one who died or was killed in an act whose agent
// modifies the act's noun, or follows it after "by", was killed by that
// agent; an act with no agent, or a place before the noun, names no
// killer, and a denial still denies, in sentences written for this test.
func TestDiedInEvent(t *testing.T) {
	checkFacts(t, []factCase{
		{text: "Karl Ek was killed in a Hamas rocket attack on Monday.", want: []string{"Hamas KILLED Karl Ek"}},
		{text: "Anna Berg died in a Swedish air strike near Kiruna.", want: []string{"Sweden KILLED Anna Berg"}},
		{text: "Karl Ek died in a car crash in Bergen.", not: []string{"Bergen KILLED Karl Ek"}},
		{text: "Anna Berg died in a Bergen hospital on Friday.", not: []string{"Bergen KILLED Anna Berg"}},
	})
	checkAssertions(t, []assertionCase{
		{"Hamas denied that Karl Ek was killed in a Hamas attack.", "Hamas KILLED Karl Ek", Negated},
	})
}

// TestVerbTaggedNoun: a trigger word in -s that the tagger made a plural
// noun, between a name and a name or a determiner, is the name's verb;
// the same word before "of" stays a noun, in sentences written for this
// test.
func TestVerbTaggedNoun(t *testing.T) {
	checkFacts(t, []factCase{
		{text: "Lars Dahl, a Dane, chairs Nordland Group.", want: []string{"Lars Dahl LEADS Nordland Group"}, not: []string{"Lars Dahl WORKS_FOR Nordland Group"}},
		{text: "The Nordland Front attacks Bergen every week.", want: []string{"Nordland Front ATTACKED Bergen"}},
		{text: "In Bergen, heads of the Nordland Front met Karl Ek.", not: []string{"Bergen LEADS Nordland Front"}},
	})
}

// TestCitizenOffPath: leaving a country, fleeing it or being sent from it
// says nothing of a citizenship; a stated one stands, in sentences
// written for this test.
func TestCitizenOffPath(t *testing.T) {
	checkFacts(t, []factCase{
		{text: "Lars Holm fled Sweden for Denmark in 2018.", not: []string{"Lars Holm CITIZEN_OF Denmark", "Lars Holm CITIZEN_OF Sweden"}},
		{text: "Lars Holm was deported from Denmark to Sweden.", not: []string{"Lars Holm CITIZEN_OF Denmark"}},
		{text: "Lars Holm, a Danish citizen, fled Sweden.", want: []string{"Lars Holm CITIZEN_OF Denmark"}},
	})
}
