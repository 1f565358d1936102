package extract

import (
	"strings"
	"testing"
)

// TestNeverJoinWhatDiffers: names of different things stay apart, and words
// that name nothing in particular make no entity, on sentences written for
// the test: coordinated names, middle initials, role nouns, languages.
func TestNeverJoinWhatDiffers(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string // "Type Name" that must be entities
		not  []string // names that must not be entities
	}{
		{"two bodies joined by and", "The grant went to the Royal Museum and Stanford University last spring.",
			[]string{"Organization Stanford University"}, []string{"Royal Museum and Stanford University"}},
		{"two bodies, the first a hospital", "Doctors from Mercy Hospital and Keller University ran the trial.",
			[]string{"Organization Keller University"}, []string{"Mercy Hospital and Keller University"}},
		{"one body with and before its head", "The Economic and Financial Crimes Commission froze the accounts.",
			[]string{"Organization Economic and Financial Crimes Commission"}, []string{"Financial Crimes Commission"}},
		{"one body with and after of", "A spokesman for the Department of Health and Human Services declined to comment.",
			[]string{"Organization Department of Health and Human Services"}, []string{"Human Services"}},
		{"a title and no name", "The Chief Justice read the ruling aloud, and Mr. Chief Justice, the lawyer began, may I answer?",
			nil, []string{"Chief Justice", "Mr. Chief Justice"}},
		{"a building's head word alone", "After the storm the Church reopened in May, and the Hospital hired more nurses.",
			nil, []string{"Church", "Hospital"}},
		{"an organization's head word alone stays", "The Coalition said its aircraft struck a depot near Raqqa.",
			[]string{"Organization Coalition"}, nil},
		{"a head word after a demonstrative", "Counsel argued that this Court has never ruled on the question.",
			nil, []string{"Court"}},
		{"languages spoken", "Maria Lopez teaches Arabic and English in Leeds, and speaks fluent Danish.",
			[]string{"Person Maria Lopez", "City Leeds"}, []string{"Denmark", "English", "Arabic", "Danish"}},
		{"a language after in", "The leaflet is printed in Japanese only, and a summary was translated into Greek.",
			nil, []string{"Japan", "Greece", "Japanese", "Greek"}},
		{"a nationality before its noun is the country's", "Danish officials met Greek diplomats in Oslo.",
			[]string{"Country Denmark", "Country Greece"}, nil},
		{"coordinated nationality words before a noun", "German and Japanese engineers built the bridge.",
			[]string{"Country Germany", "Country Japan"}, nil},
		{"an abbreviation without its last period", "Talks with the U.S government stalled, and the U.S would not sign.",
			[]string{"Country United States"}, []string{"U.S"}},
		{"a country's abbreviation and a number is a road", "Take US 75 south for ten miles, then turn onto Main Street.",
			[]string{"Location US 75"}, []string{"United States"}},
		{"a year after an abbreviation is no road number", "Critics of the UK 2019 budget marched in Leeds.",
			[]string{"Country United Kingdom"}, []string{"UK 2019"}},
		{"the Soviet Union is not Russia", "The Soviet Union collapsed in 1991, and Russia took its seat at the table.",
			[]string{"Country Soviet Union", "Country Russia"}, nil},
		{"a place after a city and a comma is larger than the city", "The museum in Tacoma, Washington opened in May, and talks in Washington ended.",
			[]string{"City Tacoma", "Region Washington", "City Washington D.C."}, nil},
		{"a country after a city keeps its name", "She flew from Lyon, France to Washington on Friday.",
			[]string{"City Lyon", "Country France", "City Washington D.C."}, []string{"Washington"}},
		{"a surname that looks like a nationality", "Mark English said the vote would be close.",
			[]string{"Person Mark English"}, nil},
		{"a state before a title is no part of the name", "Texas Sen. John Cornyn met reporters in Austin on Monday.",
			[]string{"Region Texas", "Person John Cornyn"}, []string{"Texas Sen. John Cornyn"}},
		{"an office after a is held, and the body is its words before the title", "Karl Ek, leader of the Farmers Party, and a former Storting Cabinet Minister, called for calm.",
			[]string{"Organization Storting Cabinet"}, []string{"Storting Cabinet Minister"}},
		// A town and its state: the state's short form names the state, and
		// a town the recognizer took with its state is the town.
		{"a town after its state's short form is the town", "The plant in Aiken, S.C., closed, and a firm in Bethany, Conn., bought it.",
			[]string{"Location Aiken", "City Bethany", "Region Connecticut"}, []string{"Aiken, S.C.", "Conn", "Conn.", "Bethany, Conn."}},
		{"a title word inside a name stays", "Martin Luther King Jr. spoke in Memphis, and John Major spoke in London.",
			[]string{"Person John Major"}, []string{"Luther", "Jr."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := entitySet(extractText(t, tt.text))
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
		})
	}
}

// TestMiddleInitials: a father and a son whose names differ only by a middle
// initial are two people; a name without one may be either and joins the
// only full name the article gives.
func TestMiddleInitials(t *testing.T) {
	tests := []struct {
		text string
		want map[string]int // person -> mentions
	}{
		{"Robert K. L. Hale met his son Robert L. Hale at the farm. Robert K. L. Hale spoke first.",
			map[string]int{"Robert K. L. Hale": 2, "Robert L. Hale": 1}},
		{"Robert L. Hale opened the farm in 1990. Hale still runs it.",
			map[string]int{"Robert L. Hale": 2}},
		{"Who ran before? [Robert K. L.] Hale in 1988, [Robert L.] Hale in 2000.",
			map[string]int{"Robert K. L. Hale": 1, "Robert L. Hale": 1}},
	}
	for _, tt := range tests {
		ex := extractText(t, tt.text)
		got := map[string]int{}
		for _, e := range ex.Entities {
			if e.Type == "Person" {
				got[e.Name] = len(e.Mentions)
			}
		}
		for name, n := range tt.want {
			if got[name] != n {
				t.Errorf("%q: want %q with %d mentions, got %v", tt.text, name, n, got)
			}
		}
	}
}

func TestOtherMiddle(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"George W. Bush", "George H. W. Bush", true},
		{"John F. Kennedy", "John Fitzgerald Kennedy", false},
		{"Anna M. Ruiz", "Anna P. Ruiz", true},
		{"George Bush", "George H. W. Bush", false},
		{"Ruiz", "Anna P. Ruiz", false},
	}
	for _, tt := range tests {
		if got := otherMiddle(strings.Fields(tt.a), strings.Fields(tt.b)); got != tt.want {
			t.Errorf("otherMiddle(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestExactDottedAbbreviation(t *testing.T) {
	for in, want := range map[string]string{"U.S": "U.S.", "U.S.": "U.S.", "D.C": "D.C.", "US": "US", "A.": "A.", "Jr": "Jr", "U.s": "U.s"} {
		if got := exact(in); got != want {
			t.Errorf("exact(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestOfTail: an organization's one-word name after a name that ends in
// "of" and it is that body; a place's name is not.
func TestOfTail(t *testing.T) {
	tests := []struct {
		text      string
		name      string // the entity
		mentions  int
		elsewhere []string // entities that must stay apart
	}{
		{"Members of the Church of Vedanta marched on Sunday. A spokesman for Vedanta said it has ten thousand followers.", "Church of Vedanta", 2, nil},
		{"Students of the University of Chicago met in Chicago on Friday.", "University of Chicago", 1, []string{"Chicago"}},
		{"The Bank of Orlan and the Church of Orlan disagreed. Orlan said nothing.", "Bank of Orlan", 1, nil},
	}
	for _, tt := range tests {
		got := map[string]int{}
		for _, e := range extractText(t, tt.text).Entities {
			got[e.Name] = len(e.Mentions)
		}
		if got[tt.name] != tt.mentions {
			t.Errorf("%q: want %q with %d mentions, got %v", tt.text, tt.name, tt.mentions, got)
		}
		for _, n := range tt.elsewhere {
			if got[n] == 0 {
				t.Errorf("%q: want %q apart, got %v", tt.text, n, got)
			}
		}
	}
}

// TestPeoplesPlural: a people's plural refers to its country but is no name
// of it, even where the recognizer reads it as a place; the country's own
// name is.
func TestPeoplesPlural(t *testing.T) {
	tests := []struct {
		text, country string
		named         bool // whether some mention names the country
	}{
		{"By evening the Norwegians had crossed the river near the old fort.", "Norway", false},
		{"In the end, about 3,000 Norwegians left the valley in panic.", "Norway", false},
		{"Norway sent two ships, and the Norwegians landed at dawn.", "Norway", true},
	}
	for _, tt := range tests {
		ex := extractText(t, tt.text)
		named, found := false, false
		for _, e := range ex.Entities {
			if e.Name != tt.country {
				continue
			}
			found = true
			for _, m := range e.Mentions {
				named = named || !m.Demonym
			}
		}
		if found && named != tt.named {
			t.Errorf("%q: %s named %v, want %v: %+v", tt.text, tt.country, named, tt.named, ex.Entities)
		}
		if tt.named && !found {
			t.Errorf("%q: no %s in %v", tt.text, tt.country, entitySet(ex))
		}
	}
}

// TestOneNameHoldsTheOther: within an article, "the State of X" is the
// place X, and an organization's name after a country's is the
// organization's ("the U.S. Republican Party", "the Republican Party"),
// where a demonym before it names another body ("Scottish Labour Party").
func TestOneNameHoldsTheOther(t *testing.T) {
	tests := []struct {
		text  string
		same  []string // names that must be one entity
		apart []string // names that must be two
	}{
		{"Leaders of the U.S. Whig Party met in Ohio. The Whig Party then chose its candidate.",
			[]string{"U.S. Whig Party", "Whig Party"}, nil},
		{"The Whig Party met in Ohio. Leaders of the U.S. Whig Party then chose a candidate.",
			[]string{"Whig Party", "U.S. Whig Party"}, nil},
		{"Delegates from the Labour Party and the Scottish Labour Party argued for hours.",
			nil, []string{"Labour Party", "Scottish Labour Party"}},
		{"The State of Nevada sued on Monday, and Nevada officials said the case was strong.",
			[]string{"State of Nevada", "Nevada"}, nil},
	}
	for _, tt := range tests {
		ex := extractText(t, tt.text)
		of := map[string]string{} // name or alias -> entity id
		for _, e := range ex.Entities {
			of[e.Name] = e.ID
			for _, al := range e.Aliases {
				of[al] = e.ID
			}
		}
		if len(tt.same) == 2 && (of[tt.same[0]] == "" || of[tt.same[0]] != of[tt.same[1]]) {
			t.Errorf("%q: %q and %q are not one entity: %v", tt.text, tt.same[0], tt.same[1], of)
		}
		if len(tt.apart) == 2 && (of[tt.apart[0]] == "" || of[tt.apart[0]] == of[tt.apart[1]]) {
			t.Errorf("%q: %q and %q are not two entities: %v", tt.text, tt.apart[0], tt.apart[1], of)
		}
	}
}
