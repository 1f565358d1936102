package extract

import "testing"

func TestNameKey(t *testing.T) {
	cases := []struct{ a, b string }{
		{"The Canadian Press", "Canadian Press"},
		{"St. Petersburg", "Saint Petersburg"},
		{"Mt. Kenya", "Mount Kenya"},
		{"Nicolás Maduro", "Nicolas Maduro"},
		{"Łódź", "Lodz"},
		{"Tehrik-e-Taliban Pakistan", "Tehrik-i-Taliban Pakistan"},
		{"Tehrik-e Taliban", "Tehrik Taliban"},
		{"Washington, D.C.", "Washington DC"},
		{"AT&T", "AT and T"},
		{"ISIS-K", "ISIS K"},
		{"U.S. Air Force", "United States Air Force"},
		{"UK Home Office", "United Kingdom Home Office"},
	}
	for _, c := range cases {
		if a, b := NameKey(c.a), NameKey(c.b); a != b {
			t.Errorf("NameKey(%q) = %q, NameKey(%q) = %q: want one key", c.a, a, c.b, b)
		}
	}
	apart := []struct{ a, b string }{
		{"George H. W. Bush", "George W. Bush"},
		{"Stan Lee", "Lee"},
		{"The Hague", "The"},
		{"Ste Foy", "Saint Foy"},
		{"US", "United States"},
	}
	for _, c := range apart {
		if a, b := NameKey(c.a), NameKey(c.b); a == b {
			t.Errorf("NameKey(%q) = NameKey(%q) = %q: want two keys", c.a, c.b, a)
		}
	}
}
