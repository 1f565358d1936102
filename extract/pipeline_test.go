package extract

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/kg/kg/schemas"
)

// extractText runs the pipeline on a snippet, not an example article.
func extractText(t *testing.T, text string) *Extraction {
	t.Helper()
	doc, err := Parse("snippet.txt", "snippet", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	ex := testExtractor(t).Extract(doc)
	checkOffsets(t, doc, ex)
	return ex
}

func entitySet(ex *Extraction) map[string]string {
	m := map[string]string{}
	for _, e := range ex.Entities {
		m[e.Name] = e.Type
	}
	return m
}

func relationSet(ex *Extraction) []string {
	var out []string
	for _, r := range ex.Relations {
		out = append(out, fmt.Sprintf("%s %s %s", r.Subject.Name, r.Type, r.Object.Name))
	}
	sort.Strings(out)
	return out
}

// TestMentions types names by general evidence, on sentences written for the
// test: titles, head words, given names, context, gazetteer, demonyms.
func TestMentions(t *testing.T) {
	tests := []struct {
		text string
		want map[string]string // name -> type; "" means must be absent
	}{
		{"Prime Minister Keir Starmer visited Ottawa on Monday.", map[string]string{"Keir Starmer": "Person", "Ottawa": "City", "Monday": ""}},
		{"Rebels shelled the Al-Shifa Hospital in Gaza City.", map[string]string{"Al-Shifa Hospital": "Facility", "Gaza City": "City"}},
		{"Fighting spread across Helmand Province last week.", map[string]string{"Helmand Province": "Region"}},
		{"The Institute for the Study of War said the offensive stalled.", map[string]string{"Institute for the Study of War": "Organization"}},
		{"Its spokesman, Zabihullah Mujahid, denied the report.", map[string]string{"Zabihullah Mujahid": "Person"}},
		{"Omar Haidari, also known as Abu Talha, is the group's chief financier.", map[string]string{"Omar Haidari": "Person"}},
		{"Prisoners fled from camps in Kandahar or Kajaki.", map[string]string{"Kandahar": "City", "Kajaki": "Location"}},
		// Publications are organizations (as CoNLL04 labels them); a
		// sentence-initial adjective is no name.
		{"Strategic Review and Global Affairs are magazines.", map[string]string{"Strategic": ""}},
		{"Iranian officials met Saudi diplomats.", map[string]string{"Iran": "Country", "Saudi Arabia": "Country"}},
		// A title word that starts an organization's name is no title.
		{"Staff of the General Claims Office filed the report.", map[string]string{"General Claims Office": "Organization", "Claims Office": ""}},
		{"Colonel James Ward Smith retired.", map[string]string{"James Ward Smith": "Person"}},
		// ... but a title before a given name is one, whatever the surname.
		{"Sen. Frank Church led the hearings.", map[string]string{"Frank Church": "Person"}},
		{"Mayor Emily Post spoke first.", map[string]string{"Emily Post": "Person"}},
		{"General Robert Lake visited the base.", map[string]string{"Robert Lake": "Person"}},
		// A kind's word that heads a name from the front: a street, not a
		// person named after a writer; a café, not an organization.
		{"Protesters marched down Rue Emile Zola on Saturday.", map[string]string{"Rue Emile Zola": "Facility"}},
		{"The blast shattered the windows of Cafetería Luna in Bilbao.", map[string]string{"Cafetería Luna": "Facility"}},
		{"Marines at Camp Dwyer came under rocket fire.", map[string]string{"Camp Dwyer": "Facility"}},
		{"Emile Zola wrote the letter in 1898.", map[string]string{"Emile Zola": "Person"}},
		// A place named after a person or a body, by a lowercase head word;
		// a place's name before one stays the place.
		{"The bomb went off on Victor Hugo street in Lyon.", map[string]string{"Victor Hugo street": "Facility", "Victor Hugo": ""}},
		{"Two men were seen at the Rolando cafe before the blast.", map[string]string{"Rolando cafe": "Facility"}},
		{"Troops guarded Kabul airport overnight.", map[string]string{"Kabul": "City", "Kabul airport": ""}},
		// A region named by its people's adjective.
		{"Chechen fighters crossed into the mountains at night.", map[string]string{"Chechnya": "Region"}},
		{"The Scottish government asked for a second vote.", map[string]string{"Scotland": "Region"}},
		// A date is no name, whatever the recognizer makes of it; a name
		// with a number is one.
		{"Karl Lindqvist toured Estonia on 4 April and Latvia on 12 May 2015.", map[string]string{"4 April": "", "12 May 2015": "", "Estonia": "Country"}},
		{"The crew of Apollo 11 landed on 20 July 1969.", map[string]string{"20 July 1969": ""}},
		// A hyphenated pair of known names is two names; a known name
		// with a hyphen, or a word of unknown parts, stays one.
		{"Leaders discussed UK-France co-operation and the Israel-Hamas war.", map[string]string{"United Kingdom": "Country", "France": "Country", "Israel": "Country", "Hamas": "Organization"}},
		{"Troops from Guinea-Bissau fought ISIS-K.", map[string]string{"Guinea-Bissau": "Country", "Guinea": "", "ISIS-K": "Organization"}},
		{"Estonia-based analysts warned of Chechen-style separatism.", map[string]string{"Estonia": "Country", "Chechnya": "Region"}},
		// A base that shares its name with its town is the base.
		{"The last troops left Bagram Airfield before dawn.", map[string]string{"Bagram Airfield": "Facility"}},
	}
	for _, tt := range tests {
		got := entitySet(extractText(t, tt.text))
		for name, typ := range tt.want {
			if got[name] != typ {
				t.Errorf("%q: %s typed %q, want %q (all: %v)", tt.text, name, got[name], typ, got)
			}
		}
	}
}

// TestAcronymNames: a recognized acronym in brackets makes the words before
// it that it spells out one name, replacing a shorter mention among them,
// and every later use of the acronym is that name.
func TestAcronymNames(t *testing.T) {
	ex := extractText(t, "The Organisation for the Prohibition of Chemical Weapons (OPCW) said the sample was sarin. OPCW inspectors left.")
	byName := map[string]Entity{}
	for _, e := range ex.Entities {
		byName[e.Name] = e
	}
	e, ok := byName["Organisation for the Prohibition of Chemical Weapons"]
	if !ok || e.Type != "Organization" || len(e.Mentions) != 3 {
		t.Errorf("OPCW's name not spelt out as one organization with 3 mentions: %+v (all: %v)", e, entitySet(ex))
	}
	if _, ok := byName["Prohibition of Chemical Weapons"]; ok {
		t.Errorf("the shorter name was kept beside the spelt-out one: %v", entitySet(ex))
	}
	// Later uses of the acronym are the name, even where the recognizer
	// alone would not take them for one.
	ex = extractText(t, "The Syrian Observatory for Human Rights (SOHR) reported clashes. According to the SOHR, 12 died. Rami Abdulrahman, who heads SOHR, spoke.")
	if e, ok := entityNamed(t, ex, "Syrian Observatory for Human Rights"); ok && len(e.Mentions) != 4 {
		t.Errorf("SOHR's later uses not resolved: %+v", e)
	}
}

// TestTitleAndOneWord: a title and one word the recognizer took in together,
// with no person of that surname in the article, are named as they stand:
// "Baryal" alone would be anyone. (The mention is widened by hand: whether
// the recognizer takes a title in is its own affair.)
func TestTitleAndOneWord(t *testing.T) {
	x := testExtractor(t)
	a := &analysis{doc: &Document{ID: "t", Text: "Mullah Baryal fled to the mountains."}}
	x.runStages(a, "recognize", nil)
	found := false
	for i, m := range a.mentions {
		if a.text(m) == "Baryal" {
			a.mentions[i].First--
			found = true
		} else if a.text(m) == "Mullah Baryal" {
			found = true
		}
	}
	if !found {
		t.Fatalf("no mention of Baryal: %v", a.mentions)
	}
	x.annotate(a)
	var names []string
	for _, e := range a.entities {
		names = append(names, e.name)
	}
	if !slices.Contains(names, "Mullah Baryal") || slices.Contains(names, "Baryal") {
		t.Errorf("entities %q, want Mullah Baryal", names)
	}
}

// TestTitledNames: a person is named without the titles the recognizer took
// in with the name, unless only one word would be left.
func TestTitledNames(t *testing.T) {
	tests := []struct {
		text     string
		name     string
		mentions int
		not      []string
	}{
		{"Chief Justice Alma Reyes ruled on the appeal.", "Alma Reyes", 1, []string{"Justice Alma Reyes", "Chief Justice Alma Reyes"}},
		{"Sen. Frank Church led the hearings.", "Frank Church", 1, []string{"Sen. Frank Church"}},
		// A title and a surname: the person of that surname in the article ...
		{"Gen. Okonkwo spoke first. Later Daniel Okonkwo agreed.", "Daniel Okonkwo", 2, []string{"Okonkwo", "Gen. Okonkwo"}},
		// British usage drops a short title's period: "Mr Ek" is "Mr. Ek",
		// and a second titled mention no longer hides the surname's person.
		{"Karl Ek visited Oslo on Monday. In Norway Minister Ek met the envoy. Mr Ek left on Tuesday.", "Karl Ek", 3, []string{"Mr Ek", "Ek"}},
		{"Dr Ada Obi spoke first.", "Ada Obi", 1, []string{"Dr Ada Obi"}},
		// Local and legislative offices the gazetteer's titles leave out.
		{"Councilman Harold Beamon, 58, of Aiken, is accused of taking bribes.", "Harold Beamon", 1, []string{"Councilman Harold Beamon"}},
		{"Congresswoman Lisa Tran met the mayor on Monday.", "Lisa Tran", 1, []string{"Congresswoman Lisa Tran"}},
		// Only honorifics: "Gen" is also a given name.
		{"Defence chief Gen Okada met Yuko Okada on Monday.", "Yuko Okada", 1, nil},
	}
	for _, tt := range tests {
		ex := extractText(t, tt.text)
		byName := map[string]Entity{}
		for _, e := range ex.Entities {
			byName[e.Name] = e
		}
		if e, ok := byName[tt.name]; !ok || e.Type != "Person" || len(e.Mentions) != tt.mentions {
			t.Errorf("%q: want Person %q with %d mentions, got %+v (all: %v)", tt.text, tt.name, tt.mentions, e, entitySet(ex))
		} else if len(e.Aliases) > 0 && tt.mentions == 1 {
			t.Errorf("%q: %q has aliases %v; its titled mention is no other name", tt.text, tt.name, e.Aliases)
		}
		for _, n := range tt.not {
			if _, ok := byName[n]; ok {
				t.Errorf("%q: unexpected entity %q (all: %v)", tt.text, n, entitySet(ex))
			}
		}
	}
}

// TestAliases resolves other names within an article.
func TestAliases(t *testing.T) {
	ex := extractText(t, "The Syrian Observatory for Human Rights (SOHR) reported clashes. SOHR said 12 died. "+
		"Maria Okafor, or Okafor, spoke first. Later Okafor left. General Mark Milley spoke. Milley agreed.")
	byName := map[string]Entity{}
	for _, e := range ex.Entities {
		byName[e.Name] = e
	}
	if e := byName["Syrian Observatory for Human Rights"]; len(e.Mentions) != 3 || !strings.Contains(strings.Join(e.Aliases, ","), "SOHR") {
		t.Errorf("SOHR not resolved to its full name: %+v", e)
	}
	if e := byName["Mark Milley"]; len(e.Mentions) != 2 {
		t.Errorf("surname Milley not resolved: %+v", e)
	}
	if _, ok := byName["Milley"]; ok {
		t.Errorf("Milley kept as a separate entity")
	}
	// A known name of several words beats a recognized span inside it.
	ex = extractText(t, "Soldiers killed 12 militants of the Tehrik-i-Taliban Pakistan (TTP) in North Waziristan.")
	for _, r := range relationSet(ex) {
		if strings.HasPrefix(r, "Pakistan ") {
			t.Errorf("the country inside the group's name took part in a relation: %s", r)
		}
	}
	for _, e := range ex.Entities {
		if e.Name == "Pakistan" {
			t.Errorf("the last word of Tehrik-i-Taliban Pakistan is a country: %+v", e)
		}
	}
	// A name the article gave an entity names it in another case too, even
	// where the recognizer types the second spelling otherwise.
	ex = extractText(t, "Al-Shabaab militants attacked a base on Sunday. "+
		"Somali President Hassan Sheikh Mohamud condemned the attack and vowed to defeat al-Shabaab.")
	seen := map[string]Entity{}
	for _, e := range ex.Entities {
		if o, ok := seen[strings.ToLower(e.Name)]; ok {
			t.Errorf("%q (%s) and %q (%s) are two entities", o.Name, o.Type, e.Name, e.Type)
		}
		seen[strings.ToLower(e.Name)] = e
	}
	if e := seen["al-shabaab"]; len(e.Mentions) != 2 {
		t.Errorf("al-Shabaab is not Al-Shabaab's second mention: %+v", e)
	}
	// Wherever the article writes it: the recognizer reads a word in lower
	// case as no name (repeatedNames); a common word never joins a name.
	ex = extractText(t, "Al-Shabaab, the Somali militant group, claimed the attack. "+
		"Kenya vowed to keep up its fight against al-Shabaab. Police said the suspects were members of al-Shabaab.")
	if e, ok := entityNamed(t, ex, "Al-Shabaab"); ok && len(e.Mentions) != 3 {
		t.Errorf("al-Shabaab's later mentions: %+v", e)
	}
	if !slices.Contains(relationSet(ex), "Kenya OPPOSES Al-Shabaab") {
		t.Errorf("Kenya OPPOSES Al-Shabaab: got %v", relationSet(ex))
	}
	// A repetition with no capital inside a word is none.
	ex = extractText(t, "Timothy McVeigh was convicted in 1997. The word mcveigh was trending.")
	if e, ok := entityNamed(t, ex, "Timothy McVeigh"); ok && len(e.Mentions) != 1 {
		t.Errorf("mcveigh joined Timothy McVeigh: %+v", e)
	}
	// A group's name and its plural are one group.
	ex = extractText(t, "The Houthis fired two missiles at a tanker. Houthi spokesman Yahya Saree said the ship was hit.")
	if _, ok := entitySet(ex)["Houthi"]; ok {
		t.Errorf("Houthi and Houthis are not one entity: %+v", ex.Entities)
	}
	if e, ok := entityNamed(t, ex, "Houthis"); ok && len(e.Mentions) != 2 {
		t.Errorf("Houthi and Houthis are not one entity of 2 mentions: %+v", e)
	}
	// A description in apposition types the name.
	ex = extractText(t, "Nordvik Energy agreed to acquire Helder Power, a wind-farm operator based in Rotterdam.")
	if got := entitySet(ex); got["Helder Power"] != "Organization" {
		t.Errorf("a wind-farm operator: got %v", got)
	}
	// What a copula says a name is types it: a head word of a type, a
	// noun of places; a noun that may be a person's trade leaves a person.
	// So does the noun that lists a name as an example ("including", "such
	// as"), or the place that does.
	for _, tt := range []struct{ text, name, typ string }{
		{"Sandrell is a mountain in northern Norway.", "Sandrell", "Location"},
		{"Ostervik is a Lutheran church built in 1820.", "Ostervik", "Facility"},
		{"Tomas Berglund is a music producer in Copenhagen.", "Tomas Berglund", "Person"},
		{"Kenyan troops have retaken key towns in northern Somalia including Rabiyah and Zumar.", "Zumar", "Location"},
		{"Towns including Rabiyah and Zumar were retaken.", "Zumar", "Location"},
		{"Several leaders including Karl Ek attended.", "Karl Ek", "Person"},
		// A singular noun lists no examples of its kind; a person named
		// in full is not retyped; a copula says its subject's kind only.
		{"Police arrested six members of the party, including Tomas Berglund.", "Tomas Berglund", "Person"},
		{"Protesters from several towns, including John Smith, marched on Monday.", "John Smith", "Person"},
		{"Twelve people from Kestrelby, including Tomas Berglund, were arrested.", "Tomas Berglund", "Person"},
		{"The firm that hired Tomas Berglund is a bank.", "Tomas Berglund", "Person"},
	} {
		if got := entitySet(extractText(t, tt.text)); got[tt.name] != tt.typ {
			t.Errorf("%q: %s is %q, want %s", tt.text, tt.name, got[tt.name], tt.typ)
		}
	}
	// A place takes the narrower kind the evidence lists know it by, and a
	// direction alone is no place.
	ex = extractText(t, "Police in Munich arrested two men. The group is active in South and Central Asia.")
	if got := entitySet(ex); got["Munich"] != "City" || got["South"] != "" {
		t.Errorf("Munich a City, South no place: got %v", got)
	}
	ex = extractText(t, "Ahmed Karimi, a ruling party lawmaker, was killed by the Taliban on Monday.")
	if got := entitySet(ex); got["Ahmed Karimi"] != "Person" {
		t.Errorf("a ruling party lawmaker: got %v", got)
	}
	ex = extractText(t, "Tomas Berglund, an analyst at Danske Bank in Copenhagen, said the deal made sense.")
	if got := entitySet(ex); got["Tomas Berglund"] != "Person" {
		t.Errorf("an analyst at Danske Bank: got %v", got)
	}
	// An acronym of a name the article gave in full, without brackets.
	ex = extractText(t, "Negotiators from the Christian Democratic Union met on Monday. Friedrich Merz, the CDU leader, spoke in Berlin.")
	if _, ok := entitySet(ex)["CDU"]; ok {
		t.Errorf("CDU is an entity of its own: %+v", ex.Entities)
	}
	if e, ok := entityNamed(t, ex, "Christian Democratic Union"); ok && !slices.Contains(e.Aliases, "CDU") {
		t.Errorf("CDU is not an alias of the Christian Democratic Union: %+v", e)
	}
	// A dateline states where its city lies and nothing else, and its
	// capitals are no part of the names.
	ex = extractText(t, "Police killed\n\nPESHAWAR, Pakistan (Reuters) — Gunmen killed two police officers.\n\n"+
		"BOGOTA, Colombia (AP) — The ELN denied it.")
	rels := relationSet(ex)
	for _, want := range []string{"Peshawar LOCATED_IN Pakistan", "Bogota LOCATED_IN Colombia"} {
		if !slices.Contains(rels, want) {
			t.Errorf("dateline: missing %q (got %q)", want, rels)
		}
	}
	for _, r := range rels {
		if strings.HasPrefix(r, "Reuters ") || strings.HasPrefix(r, "Associated Press ") {
			t.Errorf("dateline: the agency took part in a relation: %s", r)
		}
	}
	for _, e := range ex.Entities {
		if e.Name == "PESHAWAR" || e.Name == "BOGOTA" {
			t.Errorf("dateline: name in capitals: %+v", e)
		}
	}

	// An acronym the recognizer missed, with the name it spells out, when
	// a description says what the name is.
	for _, c := range []struct{ text, name, acr string }{
		{"Analysts at the Armed Conflict Location and Event Data Project (ACLED), a monitoring group, said attacks doubled. " +
			"A researcher at ACLED agreed.", "Armed Conflict Location and Event Data Project", "ACLED"},
		{"Jama'at Nusrat al-Islam wal-Muslimin (JNIM), an al-Qaeda affiliate, claimed the attack on Monday. " +
			"JNIM has fought the army since 2017.", "Jama'at Nusrat al-Islam wal-Muslimin", "JNIM"},
	} {
		ex = extractText(t, c.text)
		found := false
		for _, e := range ex.Entities {
			if e.Name == c.acr {
				t.Errorf("%s is an entity of its own: %+v", c.acr, e)
			}
			if e.Name == c.name {
				found = true
				if e.Type != "Organization" || len(e.Mentions) != 3 || !slices.Contains(e.Aliases, c.acr) {
					t.Errorf("%s: want an Organization with 3 mentions and alias %s: %+v", c.name, c.acr, e)
				}
			}
		}
		if !found {
			t.Errorf("%s: no entity: %+v", c.name, ex.Entities)
		}
	}
	// A dateline is not part of the first sentence's statement.
	ex = extractText(t, "Hotel attack\n\nNAIROBI, Kenya — Al-Shabaab militants stormed a hotel in Somalia on Friday, the police said.")
	for _, r := range relationSet(ex) {
		if l := strings.ToLower(r); strings.HasSuffix(l, " kenya") && !strings.HasPrefix(l, "nairobi ") || strings.HasSuffix(l, " nairobi") || strings.HasPrefix(l, "nairobi ") && strings.HasSuffix(l, " somalia") {
			t.Errorf("the dateline's place took part in a relation with the story: %s", r)
		}
	}
}

// TestRelations reads relations off each rule family, on sentences that are not
// from the example articles.
func TestRelations(t *testing.T) {
	tests := []struct {
		text string
		want []string
		not  []string
	}{
		{"Israeli forces killed Hamas commander Yahya Sinwar in Rafah.", []string{"Israel KILLED Yahya Sinwar", "Yahya Sinwar MEMBER_OF Hamas"}, nil},
		{"John Smith was killed by Boko Haram fighters near Maiduguri.", []string{"Boko Haram KILLED John Smith"}, nil},
		{"Ayman al-Zawahiri, a senior leader of Al-Qaeda, spoke.", []string{"Ayman al-Zawahiri LEADS Al-Qaeda"}, nil},
		{"Hezbollah's spokesman, Mohammad Afif, denied it.", []string{"Mohammad Afif WORKS_FOR Hezbollah"}, nil},
		{"Al-Shabaab is an affiliate of Al-Qaeda.", []string{"Al-Shabaab PART_OF Al-Qaeda"}, nil},
		{"The Brookings Institution in Washington published a study.", []string{"Brookings Institution BASED_IN Washington D.C."}, nil},
		{"Troops reached Syria's Idlib Province.", []string{"Idlib Province LOCATED_IN Syria"}, nil},
		{"The Houthis clashed with Saudi Arabia again.", []string{"Houthis OPPOSES Saudi Arabia", "Saudi Arabia OPPOSES Houthis"}, nil},
		{"Hamas, which rejects Fatah, is active in Gaza.", []string{"Hamas OPPOSES Fatah", "Hamas OPERATES_IN Gaza"}, nil},
		{"Egyptian national Omar Farouk was arrested.", []string{"Omar Farouk CITIZEN_OF Egypt"}, nil},
		{"U.S. officials in Afghanistan met Taliban envoys.", nil, []string{"United States LOCATED_IN Afghanistan", "United States BASED_IN Afghanistan"}},
		{"Iraq and Syria border Turkey.", nil, []string{"Iraq LOCATED_IN Syria"}},
		// A place's kind in lowercase after its name, and a direction
		// before a place, keep the places' containment.
		{"Clashes broke out in Idlib province, Syria, on Sunday.", []string{"Idlib LOCATED_IN Syria"}, []string{"Syria PART_OF Idlib"}},
		{"Fighting continued in Anbar province, Iraq.", []string{"Anbar LOCATED_IN Iraq"}, []string{"Iraq PART_OF Anbar"}},
		{"The city of Mosul in northern Iraq fell.", []string{"Mosul LOCATED_IN Iraq"}, nil},
		// The place a noun before "of" names is the object; "in" right after
		// the object says where it lies, and is no second object.
		{"Boko Haram militants attacked the village of Koshobe in Borno State.", []string{"Boko Haram ATTACKED Koshobe"}, []string{"Boko Haram ATTACKED Borno State"}},
		{"Gunmen of the Nordland Front attacked Kirkuk in Iraq.", []string{"Nordland Front ATTACKED Kirkuk"}, []string{"Nordland Front ATTACKED Iraq"}},
		// Who carried out or claimed an attack made it; who condemned it did not.
		{"The Nordland Front claimed responsibility for the attack on Kirkuk.", []string{"Nordland Front ATTACKED Kirkuk"}, nil},
		{"Police said the Nordland Front was behind the bombing of Kirkuk.", []string{"Nordland Front ATTACKED Kirkuk"}, nil},
		{"The Nordland Front condemned the attack on Kirkuk.", nil, []string{"Nordland Front ATTACKED Kirkuk"}},
		// "in the fight against": the name before it fights.
		{"The UK backs Iraq in the fight against ISIL.", []string{"Iraq OPPOSES Islamic State"}, nil},
		// Place ranks bound containment, not what one country does to another.
		{"Russia invaded Ukraine in 2022.", []string{"Russia ATTACKED Ukraine"}, nil},
		{"The United States is allied with Israel.", []string{"United States ALLIED_WITH Israel"}, nil},
		{"Russian forces attacked Kyiv on Monday.", []string{"Russia ATTACKED Kyiv"}, []string{"Russia LOCATED_IN Kyiv"}},
		// Passives whose subject is the relation's object, after "be" or a
		// comma, with "by" after a short prepositional phrase.
		{"Al-Shabaab is led by Ahmed Diriye.", []string{"Ahmed Diriye LEADS Al-Shabaab"}, []string{"Ahmed Diriye WORKS_FOR Al-Shabaab"}},
		{"Boko Haram, led by Abubakar Shekau, attacked Maiduguri.", []string{"Abubakar Shekau LEADS Boko Haram"}, nil},
		{"Observers from the Organization of American States, led by former Costa Rican president Laura Chinchilla, said the vote was orderly.",
			nil, []string{"Laura Chinchilla LEADS Organization of American States"}},
		// A participle after a comma with its "by" is a reduced passive
		// when the noun before it is no name too: the name after "by" is
		// no object of an active verb (written for syntax6, whose
		// recognizer left "militant Protestants, headed by ..." unnamed).
		{"Karl Ek warned that angry farmers, headed by the large and well organised Nordland Front, would march on Kiruna.",
			nil, []string{"Karl Ek LEADS Nordland Front"}},
		// A "by" after another verb, a fronted phrase before a comma and a
		// verb's object before "and" are none of these (found in review).
		{"Hamas was attacked last week and condemned by Egypt.", nil, []string{"Egypt ATTACKED Hamas"}},
		{"In Iraq, a drone killed Qassem Soleimani on Friday.", nil, []string{"Iraq KILLED Qassem Soleimani"}},
		{"In a call with Joe Biden, the president of Egypt promised aid.", nil, []string{"Joe Biden LEADS Egypt"}},
		{"According to Antony Blinken, the leader of Hamas is hiding in Qatar.", nil, []string{"Antony Blinken LEADS Hamas"}},
		{"Israel bombed Hamas and Hezbollah attacked Israel.", []string{"Hezbollah ATTACKED Israel"}, []string{"Hamas ATTACKED Israel"}},
		{"Al-Qaeda was founded in 1988 by Osama bin Laden.", []string{"Osama bin Laden LEADS Al-Qaeda"}, nil},
		// Coordinated subjects share the predicate; a place before a comma
		// is no subject.
		{"Hamas and Hezbollah are allies of Iran.", []string{"Hamas ALLIED_WITH Iran", "Hezbollah ALLIED_WITH Iran"}, nil},
		{"Russia, Iran and Syria oppose Israel.", []string{"Russia OPPOSES Israel", "Iran OPPOSES Israel", "Syria OPPOSES Israel"}, nil},
		{"In Afghanistan, ISIS-K attacked the Taliban.", []string{"ISIS-K ATTACKED Taliban"}, []string{"Afghanistan ATTACKED Taliban"}},
	}
	for _, tt := range tests {
		ex := extractText(t, tt.text)
		got := relationSet(ex)
		if len(tt.want) == 0 {
			foundArguments(t, tt.text, ex, tt.not)
		}
		have := map[string]bool{}
		for _, g := range got {
			have[g] = true
		}
		for _, w := range tt.want {
			if !have[w] {
				t.Errorf("%q: missing %q (got %q)", tt.text, w, got)
			}
		}
		for _, n := range tt.not {
			if have[n] {
				t.Errorf("%q: should not have %q", tt.text, n)
			}
		}
	}
}

// TestDeterministic: the same input always gives the same output.
func TestDeterministic(t *testing.T) {
	doc := readExample(t, "isis-k-kabul-airport-threat.txt")
	x := testExtractor(t)
	a, errA := json.Marshal(x.Extract(doc))
	b, errB := json.Marshal(x.Extract(doc))
	if errA != nil || errB != nil || string(a) != string(b) {
		t.Error("two runs differ")
	}
}

// TestRunOnText: a text without sentence breaks is one long "sentence"; the
// work per token stays bounded (a reference looks back at most maxLookback
// tokens, pairs are at most maxPairGap apart) and evidence is a window around
// the arguments, not the whole text.
func TestRunOnText(t *testing.T) {
	var b strings.Builder
	b.WriteString("The Taliban attacked ISIS-K in Kabul and ")
	for i := 0; i < 300; i++ {
		b.WriteString("farmers and traders walked home slowly and ")
	}
	b.WriteString("its fighters left")
	ex := extractText(t, b.String())
	for _, r := range ex.Relations {
		if len(r.Evidence.Text) > maxEvidence+400 {
			t.Errorf("evidence of %d bytes for %s %s %s", len(r.Evidence.Text), r.Subject.Name, r.Type, r.Object.Name)
		}
		if !strings.Contains(r.Evidence.Text, r.Subject.Text) || !strings.Contains(r.Evidence.Text, r.Object.Text) {
			t.Errorf("evidence %q lacks its arguments", r.Evidence.Text)
		}
	}
	if len(ex.Relations) == 0 {
		t.Error("no relation found at the start of the text")
	}
	for _, r := range ex.Relations {
		if r.Subject.Text == "its" || r.Object.Text == "its" {
			t.Errorf("'its' 2,000 words after the last organization was resolved: %+v", r)
		}
	}
}

// TestPrecisionRules: the rules' precision fixes, on sentences written for
// the test, read by the rules alone (no models) so that each fix is seen.
func TestPrecisionRules(t *testing.T) {
	x, err := NewWith(schemas.Default(), Options{NoModels: true})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text string
		want []string
		not  []string
	}{
		// Objects of prepositions are not a verb's subject or object.
		{"An Israeli strike in southern Lebanon killed three Hezbollah commanders.", nil, []string{"Lebanon KILLED Hezbollah"}},
		{"Boko Haram fighters attacked soldiers from Niger near the border.", nil, []string{"Boko Haram ATTACKED Niger"}},
		{"Al-Shabaab attacked Mogadishu on Friday.", []string{"Al-Shabaab ATTACKED Mogadishu"}, nil},
		// "found" in the past tense is find's, not found's.
		{"Joe Biden found the Taliban unwilling to negotiate.", nil, []string{"Joe Biden LEADS Taliban"}},
		{"Osama bin Laden founded Al-Qaeda in 1988.", []string{"Osama bin Laden LEADS Al-Qaeda"}, nil},
		// A common noun that a verb follows heads an object without a name.
		{"A Boko Haram bomb killed nine mourners honouring Ahmed Farah Guled.", nil, []string{"Boko Haram KILLED Ahmed Farah Guled"}},
		{"Al-Shabaab killed three local officials including Ahmed Farah Guled.", []string{"Al-Shabaab KILLED Ahmed Farah Guled"}, nil},
		// Fighting alongside is an alliance, and names coordinated with a
		// preposition's object are objects of the preposition too.
		{"Hezbollah fought alongside Syrian troops in Iraq and Lebanon.", []string{"Hezbollah ALLIED_WITH Syria"},
			[]string{"Hezbollah OPPOSES Syria", "Hezbollah OPPOSES Lebanon", "Hezbollah OPPOSES Iraq"}},
		// Some of a name's people stand for it: "members of", "dozens of".
		{"Boko Haram attacked members of the Hazara community.", []string{"Boko Haram ATTACKED Hazara"}, nil},
		{"Dozens of Al-Shabaab fighters attacked Mogadishu.", []string{"Al-Shabaab ATTACKED Mogadishu"}, nil},
		// "The group" is the last sentence's subject rather than a group
		// the article named more often before it.
		{"Hezbollah fired rockets. Hezbollah and Hamas met, and Hezbollah left. " +
			"Boko Haram attacked Maiduguri. The group's leader, Ibrahim Sakanda, fled.",
			[]string{"Ibrahim Sakanda LEADS Boko Haram"}, []string{"Ibrahim Sakanda LEADS Hezbollah"}},
		// An appositive describes the name just before it.
		{"Lucia Carrizosa paid tribute to Andres Velandia, the mayor of Kabul, on Sunday.",
			[]string{"Andres Velandia LEADS Kabul"}, []string{"Lucia Carrizosa LEADS Kabul"}},
		// An appositive's predicate is its head's, even after a preposition.
		{"Nigeria ranks poorly on indexes compiled by Transparency International, a watchdog based in Berlin.",
			[]string{"Transparency International BASED_IN Berlin"}, nil},
		// "The movement" is the one the article called a movement, though
		// another was named since.
		{"Hamas, an Islamist movement, governs Gaza. Hezbollah fired rockets at Israel. " +
			"The movement's leader, Ismail Haniyeh, spoke in Doha.",
			[]string{"Ismail Haniyeh LEADS Hamas"}, []string{"Ismail Haniyeh LEADS Hezbollah"}},
	}
	for _, tt := range tests {
		doc, err := Parse("snippet.txt", "snippet", []byte(tt.text))
		if err != nil {
			t.Fatal(err)
		}
		ex := x.Extract(doc)
		if len(tt.want) == 0 {
			foundArguments(t, tt.text, ex, tt.not)
		}
		have := map[string]bool{}
		got := relationSet(ex)
		for _, g := range got {
			have[g] = true
		}
		for _, w := range tt.want {
			if !have[w] {
				t.Errorf("%q: missing %q (got %q)", tt.text, w, got)
			}
		}
		for _, n := range tt.not {
			if have[n] {
				t.Errorf("%q: should not have %q", tt.text, n)
			}
		}
	}
	// "and the" starts another name: two organizations, not one.
	doc := mustParse(t, "snippet.txt", "snippet", "She taught at Georgetown University and the Naval War College.")
	if got := entitySet(x.Extract(doc)); got["Georgetown University"] != "Organization" || got["Naval War College"] == "" {
		t.Errorf("and the: got %v", got)
	}
	// "and" inside a name whose head comes after it.
	doc = mustParse(t, "snippet.txt", "snippet", "Officials of the Economic and Financial Crimes Commission arrested him.")
	if got := entitySet(x.Extract(doc)); got["Economic and Financial Crimes Commission"] != "Organization" {
		t.Errorf("X and Y Commission: got %v", got)
	}
	// ... but not when a known name follows the "and".
	doc = mustParse(t, "snippet.txt", "snippet", "Officials at Treasury and State Department said the sanctions target Hezbollah.")
	if got := entitySet(x.Extract(doc)); got["Treasury and State Department"] != "" {
		t.Errorf("Treasury and State Department: got %v", got)
	}
	// Abbreviated head words: "Inc." is "Inc".
	doc = mustParse(t, "snippet.txt", "snippet", "Shares of Northwind Traders Inc. fell on Monday.")
	if got := entitySet(x.Extract(doc)); got["Northwind Traders Inc."] != "Organization" {
		t.Errorf("Inc.: got %v", got)
	}
}

// TestSchemaTriggersCaseless: a schema may write triggers capitalized.
func TestSchemaTriggersCaseless(t *testing.T) {
	s, err := schemas.Parse("caps.yaml", []byte(`name: caps
version: 1
entity_types: [{name: Person}, {name: Organization, keywords: [Party]}]
relation_types:
  - {name: KILLED, subject: [Person], object: [Person], verbs: [Assassinate]}
  - {name: LEADS, subject: [Person], object: [Organization], nouns: [Chairman]}
`))
	if err != nil {
		t.Fatal(err)
	}
	x, err := NewWith(s, Options{NoModels: true})
	if err != nil {
		t.Fatal(err)
	}
	doc := mustParse(t, "snippet.txt", "snippet", "President John Hale was assassinated by Mark Dunn. Sara Lind, the chairman of the Green Party, spoke.")
	got := relationSet(x.Extract(doc))
	want := map[string]bool{"Mark Dunn KILLED John Hale": false, "Sara Lind LEADS Green Party": false}
	for _, g := range got {
		if _, ok := want[g]; ok {
			want[g] = true
		}
	}
	for w, ok := range want {
		if !ok {
			t.Errorf("missing %q (got %q)", w, got)
		}
	}
}

// TestRolesFromSchema: the rules reason about the types the schema's roles
// name, not about fixed type names: a schema calling people "Human" and
// places "Place" gets titles, "in X" and containment all the same.
func TestRolesFromSchema(t *testing.T) {
	s, err := schemas.Parse("mine.yaml", []byte(`name: mine
version: 1
entity_types: [{name: Human}, {name: Place}, {name: Town, parent: Place}, {name: Nation, parent: Place}]
relation_types:
  - {name: WITHIN, subject: [Place], object: [Place]}
roles: {person: Human, place: Place, contains: WITHIN, place_ranks: [[Town], [Nation]], never_in_itself: [Nation]}
`))
	if err != nil {
		t.Fatal(err)
	}
	x, err := NewWith(s, Options{NoModels: true})
	if err != nil {
		t.Fatal(err)
	}
	doc := mustParse(t, "snippet.txt", "snippet", "Senator Ada Moss flew to Kabul, Afghanistan on Monday.")
	ex := x.Extract(doc)
	got := entitySet(ex)
	if got["Ada Moss"] != "Human" || got["Kabul"] != "" && got["Kabul"] != "Place" {
		t.Errorf("entities %v", got)
	}
	if _, err := schemas.Parse("bad.yaml", []byte("name: b\nversion: 1\nentity_types: [{name: A}]\nroles: {person: Ghost}\n")); err == nil || !strings.Contains(err.Error(), `roles name unknown entity type "Ghost"`) {
		t.Errorf("unknown role type: %v", err)
	}
	if r := schemas.Default().Roles; r.Person != "Person" || r.Contains != "LOCATED_IN" {
		t.Errorf("news roles %+v", r)
	}
}

// TestPlaceContainment: the place lists and known names say which place lies
// within which, by any of their names, and never the other way round.
func TestPlaceContainment(t *testing.T) {
	lx := testExtractor(t).lex
	for _, c := range []struct {
		outer, inner string
		want         bool
	}{
		{"Japan", "Osaka", true},
		{"Osaka", "Japan", false},
		{"S.C.", "Aiken", true}, // a US city in its state, by its AP abbreviation
		{"South Carolina", "Aiken", true},
		{"U.S.", "Aiken", true}, // the country by an alias of its known name
		{"Ohio", "Texas", false},
		{"Afghanistan", "Kabul", true}, // a known capital
		{"Kabul", "Kabul", false},
		{"Texas", "Galveston.", true}, // a sentence's period is no part of the name
	} {
		if got := lx.contains(c.outer, c.inner); got != c.want {
			t.Errorf("contains(%q, %q) = %v, want %v", c.outer, c.inner, got, c.want)
		}
	}
}

// TestRefineLeadingArticle: a recognized span that is a known name behind an
// article the recognizer took in names that known entity, and keeps a
// capital "The" ("The Islamic State's Khorasan Province" is the gazetteer's
// ISIS-K); a lower-case "the" is no part of the name.
func TestRefineLeadingArticle(t *testing.T) {
	x := testExtractor(t)
	for _, c := range []struct {
		text, article string
		known         bool
	}{
		{"The Islamic State's Khorasan Province claimed the attack.", "The", true},
		{"Analysts said the Islamic State's Khorasan Province grew.", "the", true},
		{"The Northern Valley Club met.", "The", false}, // not a known name
	} {
		a := x.analyze(c.text)
		a.gold = false // extraction's reading, not an annotation's
		f, l := -1, -1
		for k, tk := range a.toks {
			if tk.Text == c.article && f < 0 {
				f = k
			}
			if tk.Text == "claimed" || tk.Text == "grew" || tk.Text == "met" {
				l = k
			}
		}
		m := x.refine(a, f, l, NERClass{Name: "Organization", Types: []string{"Organization", "Group"}})
		want := f
		if c.article == "the" {
			want = f + 1
		}
		switch {
		case m.First != want || m.Last != l:
			t.Errorf("%q: mention [%d, %d), want [%d, %d)", c.text, m.First, m.Last, want, l)
		case c.known && (m.Known < 0 || x.lex.known[m.Known].Name != "ISIS-K"):
			t.Errorf("%q: mention names known %d, want ISIS-K", c.text, m.Known)
		case !c.known && m.Known >= 0:
			t.Errorf("%q: mention names known %d, want none", c.text, m.Known)
		}
	}
	ex := extractText(t, "The Islamic State's Khorasan Province claimed the attack. ISIS-K denied it later.")
	if e, ok := entityNamed(t, ex, "ISIS-K"); ok && (len(e.Mentions) != 2 || strings.Contains(strings.Join(e.Aliases, "|"), "The ")) {
		t.Errorf("ISIS-K: want 2 mentions and no alias with \"The\": %+v", e)
	}
}

// TestJoinParticleNames: a recognized person's name and one right after it
// that starts with a name particle are one name; other neighbours are not.
func TestJoinParticleNames(t *testing.T) {
	x := testExtractor(t)
	person, other := -1, -1
	for i, c := range x.ner.Classes {
		if c.Name == x.roles.Person {
			person = i
		} else if other < 0 {
			other = i
		}
	}
	if person < 0 || other < 0 {
		t.Fatalf("classes %v: no person class or no other class", x.ner.Classes)
	}
	toks := func(s string) []Token {
		var out []Token
		for _, w := range strings.Fields(s) {
			out = append(out, Token{Text: w})
		}
		return out
	}
	tests := []struct {
		text  string
		spans []nerSpan
		want  []nerSpan
	}{
		{"Mohammed bin Abdulrahman Al Thani met Sam Lee",
			[]nerSpan{{0, 3, person}, {3, 5, person}, {6, 8, person}},
			[]nerSpan{{0, 5, person}, {6, 8, person}}},
		{"Ludwig van Beethoven", []nerSpan{{0, 1, person}, {1, 3, person}}, []nerSpan{{0, 3, person}}},
		// Not a particle, a particle alone, another class, or a gap.
		{"Sam Lee Kim Ho", []nerSpan{{0, 2, person}, {2, 4, person}}, []nerSpan{{0, 2, person}, {2, 4, person}}},
		{"Sam Lee Al", []nerSpan{{0, 2, person}, {2, 3, person}}, []nerSpan{{0, 2, person}, {2, 3, person}}},
		{"Sam Lee Al Jazeera", []nerSpan{{0, 2, person}, {2, 4, other}}, []nerSpan{{0, 2, person}, {2, 4, other}}},
		{"Sam Lee , Al Thani", []nerSpan{{0, 2, person}, {3, 5, person}}, []nerSpan{{0, 2, person}, {3, 5, person}}},
	}
	for _, tt := range tests {
		got := x.joinParticleNames(toks(tt.text), append([]nerSpan(nil), tt.spans...))
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("%q: got %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestModelKeepsRulesOutsideItsClasses: the classifier overrides a rule of a
// class it covers only where it could have learnt that class for the pair.
// CoNLL04's Work_For never joins a person to a city, so "mayor of Paris"
// keeps LEADS whatever the classifier makes of the pair.
func TestModelKeepsRulesOutsideItsClasses(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"Anne Hidalgo is the mayor of Paris.", "Anne Hidalgo LEADS Paris"},
		{"Markus Soder, the premier of Bavaria, spoke on Monday.", "Markus Soder LEADS Bavaria"},
	} {
		if got := relationSet(extractText(t, c.text)); !slices.Contains(got, c.want) {
			t.Errorf("%q: missing %q (got %q)", c.text, c.want, got)
		}
	}
}

// TestGroupAcrossArticle: in a whole article, "Houthi" before other nouns is
// the Houthis even where the recognizer reads a person, and "the movement"
// is the group the article called a movement.
func TestGroupAcrossArticle(t *testing.T) {
	text := `Houthi rebels fire missiles at ships in the Red Sea

The Houthis, an Iran-aligned movement that controls much of northern Yemen, fired two anti-ship ballistic missiles at a Greek-owned tanker in the Red Sea on Tuesday, the U.S. Central Command said.

The tanker, sailing from Saudi Arabia to India, was not damaged. Houthi spokesman Yahya Saree said the group targeted the ship because its owner had dealt with Israeli ports.

The United States and Britain have struck Houthi targets in Yemen several times this year. The European Union launched its own naval mission, Aspides, to protect shipping.

Abdul-Malik al-Houthi, the movement's leader, said in a speech broadcast by Al-Masirah television that attacks would continue until Israel ended its war in Gaza.`
	ex := extractText(t, text)
	for _, e := range ex.Entities {
		if e.Name == "Houthi" {
			t.Errorf("Houthi is an entity apart from the Houthis: %+v", e)
		}
	}
	if got := relationSet(ex); !slices.Contains(got, "Abdul-Malik al-Houthi LEADS Houthis") {
		t.Errorf("the movement's leader: got %q", got)
	}
}

// TestSpeechPlace: where something was said is nobody's home or base.
func TestSpeechPlace(t *testing.T) {
	for _, c := range []struct{ text, not string }{
		{"Mao Ning, a spokeswoman for the Chinese Foreign Ministry, told reporters in Beijing that talks would go on.", "Mao Ning LIVES_IN Beijing"},
		{"Markus Soder said in Munich that he agreed.", "Markus Soder LIVES_IN Munich"},
	} {
		ex := extractText(t, c.text)
		foundArguments(t, c.text, ex, []string{c.not})
		if got := relationSet(ex); slices.Contains(got, c.not) {
			t.Errorf("%q: should not have %q", c.text, c.not)
		}
	}
}

// TestOfficeTitles: a name the recognizer ends in a person's title names an
// office: the body before the title is the organization, a title after a
// lone word is no organization at all, and a title inside a name after "of"
// stays in it.
func TestOfficeTitles(t *testing.T) {
	tests := []struct {
		text string
		want []string // "Type Name"
		not  []string // names that must not be entities
	}{
		{"Cabinet Office Minister, Hugh Palmer, said the review was complete.", []string{"Organization Cabinet Office", "Person Hugh Palmer"}, []string{"Cabinet Office Minister"}},
		{"The Foreign Secretary, Clare Dunn, said the talks would resume.", []string{"Person Clare Dunn"}, []string{"Foreign Secretary", "Foreign"}},
		{"The Office of the Inspector General published its audit on Monday.", []string{"Organization Office of the Inspector General"}, []string{"Office of the Inspector"}},
	}
	for _, tt := range tests {
		ex := extractText(t, tt.text)
		got := map[string]string{}
		for _, e := range ex.Entities {
			got[e.Name] = e.Type
		}
		for _, w := range tt.want {
			typ, name, _ := strings.Cut(w, " ")
			if got[name] != typ {
				t.Errorf("%q: want %s %q, got %v", tt.text, typ, name, got)
			}
		}
		for _, n := range tt.not {
			if typ, ok := got[n]; ok {
				t.Errorf("%q: unexpected %s %q (all: %v)", tt.text, typ, n, got)
			}
		}
	}
}

// TestFirstNameAlone: a first name alone is not the surname of a full name
// the article gives ("Jacinto, a bus driver" is not Jacinto Ilse Brandt), a
// surname alone is.
func TestFirstNameAlone(t *testing.T) {
	ex := extractText(t, "Former minister Jacinto Ilse Brandt is in Lima this week. Jacinto, a bus driver, said fares had doubled. Brandt did not comment.")
	for _, e := range ex.Entities {
		if e.Name != "Jacinto Ilse Brandt" {
			continue
		}
		if len(e.Mentions) != 2 {
			t.Errorf("Jacinto Ilse Brandt has %d mentions, want 2 (her name and \"Brandt\"): %+v", len(e.Mentions), e.Mentions)
		}
		return
	}
	t.Errorf("no Jacinto Ilse Brandt in %v", entitySet(ex))
}

// TestPlaceNounOf: a name after a noun of places and "of" is a place,
// whatever class the recognizer gave it.
func TestPlaceNounOf(t *testing.T) {
	for _, tt := range []struct{ text, name, typ string }{
		{"Militants attacked an army post near the town of Menaka on Sunday.", "Menaka", "Location"},
		{"Residents fled the village of Tessit after the raid.", "Tessit", "Location"},
	} {
		ex := extractText(t, tt.text)
		found := false
		for _, e := range ex.Entities {
			if e.Name == tt.name {
				found = true
				if e.Type != tt.typ {
					t.Errorf("%q: %s is a %s, want %s", tt.text, tt.name, e.Type, tt.typ)
				}
			}
		}
		if !found {
			t.Errorf("%q: no entity %s", tt.text, tt.name)
		}
	}
}

// TestNewsOutlets: a name the recognizer misses that the article has report
// ("Vessby Kuriren reported") is an organization, there and wherever the
// article names it again; a name that only says something is not one by
// that, in sentences written for this test.
func TestNewsOutlets(t *testing.T) {
	text := "Two soldiers were killed near Tromso, Vessby-Kuriren online reported. A police officer told Vessby-Kuriren that the road was closed."
	ex := extractText(t, text)
	got := entitySet(ex)
	if got["Vessby-Kuriren"] != "Organization" {
		t.Errorf("Vessby-Kuriren typed %q, want Organization (all: %v)", got["Vessby-Kuriren"], got)
	}
	for _, e := range ex.Entities {
		if e.Name == "Vessby-Kuriren" && len(e.Mentions) != 2 {
			t.Errorf("Vessby-Kuriren has %d mentions, want 2", len(e.Mentions))
		}
	}
}

// TestGoldTextKeepsWords: an annotated corpus's text is read to train on
// with its hyphenated words whole, as its annotation marks them, while
// extraction splits a known name from its word ("U.S.-backed").
func TestGoldTextKeepsWords(t *testing.T) {
	x := testExtractor(t)
	text := "The U.S.-backed forces entered Raqqa."
	words := func(a *analysis) []string {
		var out []string
		for _, tok := range a.toks {
			out = append(out, tok.Text)
		}
		return out
	}
	if got := words(x.analyze(text)); !slices.Contains(got, "U.S.-backed") {
		t.Errorf("training reads %q, want U.S.-backed whole", got)
	}
	a := &analysis{doc: &Document{Text: text}}
	x.runStages(a, "tokenize", nil)
	if got := words(a); slices.Contains(got, "U.S.-backed") || !slices.Contains(got, "U.S.") {
		t.Errorf("extraction reads %q, want U.S. apart", got)
	}
}

// TestArticleNotInName: a lower-case "the" the recognizer took in is no
// part of a known name; a capital "The" that opens it stays.
func TestArticleNotInName(t *testing.T) {
	for _, tt := range []struct{ text, name, mention string }{
		{"Ada Obi moved to the United States in 1990.", "United States", "United States"},
		{"Some people in the United Kingdom are saying the plan failed.", "United Kingdom", "United Kingdom"},
		// A "The" capitalized by its place after an opening quote.
		{"\"The Nordland Front attacked Bergen,\" the minister said.", "Nordland Front", "Nordland Front"},
	} {
		ex := extractText(t, tt.text)
		if e, ok := entityNamed(t, ex, tt.name); ok && (len(e.Mentions) != 1 || e.Mentions[0].Text != tt.mention) {
			t.Errorf("%q: mentions %+v, want %q", tt.text, e.Mentions, tt.mention)
		}
	}
}

// TestHeadlines: a title-case line with a verb that heads a story is a
// headline, whose relations are left to the story and whose names the
// story or the gazetteer vouch for; a line of names, a sentence and a
// story's last line are not, in texts written for this test.
func TestHeadlines(t *testing.T) {
	x := testExtractor(t)
	for _, tt := range []struct {
		text      string
		headlines []bool
	}{
		{"Norwegian Villages Shelled as Swedish Army Advances\n\nSwedish tanks moved north on Tuesday.", []bool{true, false}},
		{"Maj. Ann Berg, 36, of Tromso, Norway, Nordland Air Force Office of Investigations\n\nShe died on Tuesday.", []bool{false, false}},
		{"The Nordland Front attacked Bergen on Tuesday.\n\nNorwegian Villages Shelled as Swedish Army Advances", []bool{false, false}},
		// A verb the tagger reads as a name in title case.
		{"Nordland Front Threatens New Attacks in Bergen\n\nThe group said it would strike again.", []bool{true, false}},
	} {
		a, rels := x.run(&Document{ID: "t", Text: tt.text})
		var got []bool
		for _, s := range a.sents {
			got = append(got, s.Headline)
		}
		if !slices.Equal(got, tt.headlines) {
			t.Errorf("%q: headlines %v, want %v", tt.text, got, tt.headlines)
		}
		if tt.headlines[0] {
			for _, r := range rels {
				if r.sent == 0 {
					t.Errorf("%q: a relation from the headline: %s", tt.text, r.typ)
				}
			}
		}
	}
}

// TestHeadlineNames: a name the recognizer alone read in a headline is cut
// to its longest first words that a known name or a name of the story has,
// and stays whole when none does.
func TestHeadlineNames(t *testing.T) {
	x := testExtractor(t)
	text := "Al-Shabaab Threatens New Attacks in Kenya\n\nAl-Shabaab said on Monday it would strike Nairobi again."
	a := &analysis{doc: &Document{ID: "t", Text: text}}
	x.runStages(a, "recognize", nil)
	headline := func() []string {
		var out []string
		for _, m := range a.mentions {
			if a.toks[m.First].Sent == 0 {
				out = append(out, a.text(m))
			}
		}
		return out
	}
	before := headline()
	a.sents[0].Headline = true
	a.mentions = x.headlineNames(a)
	got := headline()
	if !slices.Contains(got, "Al-Shabaab") || slices.ContainsFunc(got, func(s string) bool { return strings.Contains(s, "Threatens") }) {
		t.Errorf("headline names %q (before %q), want Al-Shabaab cut from the words after it", got, before)
	}
}

// TestNamingParticiples: an adverb may stand before "known as" or
// "called", and after one the other name may end the sentence; an "or"
// that ends a sentence joins no names.
func TestNamingParticiples(t *testing.T) {
	tests := []struct {
		text, name, alias string
		want              bool
	}{
		{"The singer Lars Holmberg, better known as Lasse Holm, died in Oslo on Monday.", "Lars Holmberg", "Lasse Holm", true},
		{"The sculptor Antonio Vieira Lisboa, otherwise known as Aleijadinho, died in 1814.", "Antonio Vieira Lisboa", "Aleijadinho", true},
		{"Oslo Telecommunications Services, commonly known as Oslo Telecom, raised its prices.", "Oslo Telecommunications Services", "Oslo Telecom", true},
		{"The plans were drawn by the architect Karl Ekberg, more commonly known as Kalle Ek.", "Karl Ekberg", "Kalle Ek", true},
		{"Norway may send troops to Sweden, or Denmark.", "Sweden", "Denmark", false},
	}
	for _, tt := range tests {
		ex := extractText(t, tt.text)
		e, ok := entityNamed(t, ex, tt.name)
		if !ok {
			continue
		}
		if got := slices.Contains(e.Aliases, tt.alias); got != tt.want {
			t.Errorf("%q: %q aliases %v, want %q among them: %v", tt.text, tt.name, e.Aliases, tt.alias, tt.want)
		}
	}
}

// TestSurnamesAlone: a person named in full is named again by the
// surname alone: a place's name that is the surname stands for the person
// where only a person can stand (and for the place elsewhere), and the
// Arabic article hyphened to a surname ("al-Burhan") is no part of it when
// names are compared.
func TestSurnamesAlone(t *testing.T) {
	tests := []struct {
		text, person string
		mentions     int
	}{
		{"Sam Houston led the army. Houston said the war was over.", "Sam Houston", 2},
		{"Vincent Muscat testified. Muscat, who admitted his role, was jailed.", "Vincent Muscat", 2},
		{"Vincent Muscat flew to Muscat on Monday.", "Vincent Muscat", 1},
		{"Abdel Fattah al-Burhan met envoys. Egypt, a close ally of Burhan, said it would attend.", "Abdel Fattah al-Burhan", 2},
		{"Ali al-Sistani spoke on Friday. Al-Sistani said nothing more.", "Ali al-Sistani", 2},
		{"Hassan al-Turabi arrived in Oslo. Al-Turabi met Karl Ek on Monday.", "Hassan al-Turabi", 2},
		{"The reporter Peter R. de Graaf was shot in Bergen. De Graaf died nine days later.", "Peter R. de Graaf", 2},
		// A name in the "of" phrase of one's apposition is another's.
		{"Rebels released Anna Maria Berg, the mother of Bergen forward Anna Berg, on Thursday.", "Anna Maria Berg", 1},
		{"Karl Ek, owner of Ek's Body Shop, testified. Ek said he saw the truck.", "Karl Ek", 3},
	}
	for _, tt := range tests {
		ex := extractText(t, tt.text)
		if e, ok := entityNamed(t, ex, tt.person); ok && len(e.Mentions) != tt.mentions {
			t.Errorf("%q: %s has %d mentions, want %d: %v", tt.text, tt.person, len(e.Mentions), tt.mentions, entitySet(ex))
		}
	}
}

// TestOwnedDescription: a name in apposition to a phrase whose noun is a
// kind of organization, opened by a possessive or "the", is an
// organization, after the name or before it; a person's two names, a
// name before "said" that is not apposed, and a bank someone founded are
// not, in sentences written for this test.
func TestOwnedDescription(t *testing.T) {
	tests := []struct{ text, name, typ string }{
		{"Havbank, Norway's second-largest lender, cut its rates on Monday.", "Havbank", "Organization"},
		{"Sweden's biggest airline, Nordair, cancelled all flights.", "Nordair", "Organization"},
		{"The Danish insurer Trygholm said profits rose.", "Trygholm", "Organization"},
		{"Police raided Havbank on Monday. Havbank, the country's oldest bank, denied wrongdoing.", "Havbank", "Organization"},
		{"The company was founded by Marit Dahl, the film producer.", "Marit Dahl", "Person"},
		{"He robbed a bank, Karl Ek said.", "Karl Ek", "Person"},
	}
	for _, tt := range tests {
		ex := extractText(t, tt.text)
		got := map[string]bool{}
		for _, e := range ex.Entities {
			if e.Name == tt.name {
				got[e.Type] = true
			}
		}
		if len(got) != 1 || !got[tt.typ] {
			t.Errorf("%q: %s is %v, want %s only", tt.text, tt.name, got, tt.typ)
		}
	}
}

// TestPlaceListsOnly: a word the place lists alone know, and no census
// list as a name, is a place where the recognizer made it a person, unless
// it ends or opens a person's name in the article or is a verb's active
// subject, in texts written for this test.
func TestPlaceListsOnly(t *testing.T) {
	tests := []struct {
		text, name string
		person     bool
	}{
		{"Latvia captured Narva after a week of fighting.", "Narva", false},
		{"The Kestrel Brigade attacked Narva, killing Tomas Varga.", "Narva", false},
		{"Police questioned Karl Narva on Monday. Narva denied any part in the raid.", "Karl Narva", true},
	}
	for _, tt := range tests {
		ex := extractText(t, tt.text)
		if e, ok := entityNamed(t, ex, tt.name); ok && (e.Type == "Person") != tt.person {
			t.Errorf("%q: %s is %s", tt.text, tt.name, e.Type)
		}
	}
}

// TestOrgAfterPhrase: a name no place list knows, after a phrase whose
// object is an organization and never a place ("works for"), is an
// organization where the recognizer made it a place; a country stays one,
// in sentences written for this test.
func TestOrgAfterPhrase(t *testing.T) {
	tests := []struct{ text, name, typ string }{
		{"Karl Ek's wife, Anna Berg, works for Nordbank.", "Nordbank", "Organization"},
		{"Anna Berg worked for Vestel for ten years.", "Vestel", "Organization"},
		{"Karl Ek works for Norway.", "Norway", "Country"},
		// And owning a role noun of such a relation.
		{"Karl Ek, Nordbank's chief economist, resigned.", "Nordbank", "Organization"},
	}
	for _, tt := range tests {
		ex := extractText(t, tt.text)
		if e, ok := entityNamed(t, ex, tt.name); ok && e.Type != tt.typ {
			t.Errorf("%q: %s is %s, want %s", tt.text, tt.name, e.Type, tt.typ)
		}
	}
}
