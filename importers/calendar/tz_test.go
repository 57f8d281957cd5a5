package calendar

import (
	"testing"
	"time"

	"github.com/emersion/go-ical"
)

func TestYearlyOnset(t *testing.T) {
	start := time.Date(1601, 1, 1, 2, 0, 0, 0, time.UTC)
	tests := []struct {
		rule yearly
		year int
		want string
	}{
		{yearly{month: time.March, nth: -1, day: time.Sunday}, 2024, "2024-03-31T02:00:00Z"},
		{yearly{month: time.October, nth: -1, day: time.Sunday}, 2024, "2024-10-27T02:00:00Z"},
		{yearly{month: time.March, nth: 2, day: time.Sunday}, 2024, "2024-03-10T02:00:00Z"}, // US
		{yearly{month: time.November, nth: 1, day: time.Sunday}, 2024, "2024-11-03T02:00:00Z"},
		{yearly{month: time.February, nth: 5, day: time.Thursday}, 2024, "2024-02-29T02:00:00Z"},
		{yearly{month: time.February, nth: 5, day: time.Friday}, 2024, "2024-02-23T02:00:00Z"}, // no fifth: the last
		{yearly{month: time.December, nth: -5, day: time.Monday}, 2024, "2024-12-02T02:00:00Z"},
		{yearly{month: time.December, nth: -5, day: time.Friday}, 2024, "2024-12-06T02:00:00Z"}, // no fifth from the end: the first
	}
	for _, tt := range tests {
		got := tt.rule.onset(tt.year, start)
		if got.Format(time.RFC3339) != tt.want {
			t.Errorf("%+v in %d = %v, want %s", tt.rule, tt.year, got, tt.want)
		}
	}
}

func TestVTimezoneOffset(t *testing.T) {
	// US Eastern as Outlook writes it, under a name no zone table knows.
	c := ical.NewComponent(ical.CompTimezone)
	c.Props.SetText(ical.PropTimezoneID, "Contoso Eastern")
	for _, o := range []struct{ name, start, to, rule string }{
		{ical.CompTimezoneStandard, "16010101T020000", "-0500", "FREQ=YEARLY;BYDAY=1SU;BYMONTH=11"},
		{ical.CompTimezoneDaylight, "16010101T020000", "-0400", "FREQ=YEARLY;BYDAY=2SU;BYMONTH=3"},
	} {
		child := ical.NewComponent(o.name)
		child.Props.Add(&ical.Prop{Name: ical.PropDateTimeStart, Params: ical.Params{}, Value: o.start})
		child.Props.Add(&ical.Prop{Name: ical.PropTimezoneOffsetTo, Params: ical.Params{}, Value: o.to})
		child.Props.Add(&ical.Prop{Name: ical.PropRecurrenceRule, Params: ical.Params{}, Value: o.rule})
		c.Children = append(c.Children, child)
	}
	z := newZoneSet()
	z.add(c)
	tests := []struct{ wall, want string }{
		{"2024-01-15T12:00:00Z", "2024-01-15T17:00:00Z"},
		{"2024-03-10T01:59:00Z", "2024-03-10T06:59:00Z"},
		{"2024-03-10T03:00:00Z", "2024-03-10T07:00:00Z"},
		{"2024-07-04T12:00:00Z", "2024-07-04T16:00:00Z"},
		{"2024-11-03T03:00:00Z", "2024-11-03T08:00:00Z"},
		{"1500-07-04T12:00:00Z", "1500-07-04T17:00:00Z"}, // before every onset: the earliest observance
	}
	for _, tt := range tests {
		got := z.toUTC(utc(tt.wall), "Contoso Eastern")
		if got.Format(time.RFC3339) != tt.want {
			t.Errorf("%s in Contoso Eastern = %v, want %s", tt.wall, got, tt.want)
		}
	}
}

func TestUTCOffset(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"+0100", time.Hour, true},
		{"-0530", -5*time.Hour - 30*time.Minute, true},
		{"+013015", time.Hour + 30*time.Minute + 15*time.Second, true},
		{"0100", 0, false},
		{"+2500", 0, false},
		{"+01:00", 0, false},
		{"", 0, false},
	}
	for _, tt := range tests {
		got, ok := utcOffset(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("utcOffset(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestYearlyRule(t *testing.T) {
	tests := []struct {
		in   string
		want *yearly
	}{
		{"FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", &yearly{month: time.March, nth: -1, day: time.Sunday}},
		{"FREQ=YEARLY;BYDAY=2SU;BYMONTH=3", &yearly{month: time.March, nth: 2, day: time.Sunday}},
		{"freq=yearly;bymonth=10;byday=+1mo;until=20061029T060000Z", &yearly{month: time.October, nth: 1, day: time.Monday, until: utc("2006-10-29T06:00:00Z")}},
		{"FREQ=YEARLY;INTERVAL=1;BYMONTH=4;BYDAY=1SU", &yearly{month: time.April, nth: 1, day: time.Sunday}},
		{"FREQ=MONTHLY;BYMONTH=3;BYDAY=-1SU", nil},
		{"FREQ=YEARLY;BYMONTH=3;BYDAY=SU", nil},
		{"FREQ=YEARLY;BYMONTH=13;BYDAY=1SU", nil},
		{"FREQ=YEARLY;BYMONTH=3;BYDAY=6SU", nil},
		{"FREQ=YEARLY;BYMONTH=3;BYDAY=1XX", nil},
		{"FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=8,9,10,11,12,13,14;BYDAY=SU", nil},
		{"", nil},
	}
	for _, tt := range tests {
		got := yearlyRule(tt.in)
		if (got == nil) != (tt.want == nil) || (got != nil && *got != *tt.want) {
			t.Errorf("yearlyRule(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}
