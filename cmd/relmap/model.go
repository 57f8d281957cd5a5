package main

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"

	"github.com/relmap/relmap/analysis"
)

// The weights and thresholds of the scoring model under model: in relmap.yaml (SPEC §3.1,
// §3.4, §5) are analysis.Options' own: each section (bases, status, influence, reach, tiers,
// dormant) is the analysis type of that yaml tag, each key the yaml tag of one of its fields.
// Values are in the SPEC's units: status signals and their thresholds within [−1, +1], shares
// within [0, 1] — fields tagged model:"hundredths", which analysis counts in whole hundredths
// — days, counts and bases as numbers. A key left out keeps its default; a key given is taken
// as it is, 0 included (a status signal of 0 is off). docs/config.md lists them all.

// section is one section of model: as the config gives it.
type section struct {
	name string         // its key under model:, the yaml tag of its field of analysis.Options
	keys *yaml.MapSlice // its keys and values, in the file's order
}

// sections are the model's sections of the config.
func (m *modelConfig) sections() []section {
	return []section{{"bases", &m.Bases}, {"status", &m.Status}, {"influence", &m.Influence},
		{"reach", &m.Reach}, {"tiers", &m.Tiers}, {"dormant", &m.Dormant}}
}

// tagged is the field of the struct v whose yaml tag is key.
func tagged(v reflect.Value, key string) (reflect.Value, reflect.StructField, bool) {
	for i := range v.NumField() {
		if f := v.Type().Field(i); f.Tag.Get("yaml") == key {
			return v.Field(i), f, true
		}
	}
	return reflect.Value{}, reflect.StructField{}, false
}

// keysOf lists the yaml tags of the struct type t, for messages.
func keysOf(t reflect.Type) string {
	var keys []string
	for i := range t.NumField() {
		keys = append(keys, t.Field(i).Tag.Get("yaml"))
	}
	return strings.Join(keys, ", ")
}

// applyModel sets opt's weights and thresholds from the config's model sections, and says the
// first key it cannot take: not a key of its section, not a number, or a status value or
// share outside [−1, +1] or not a whole number of hundredths. analysis.Options.Validate checks
// every range after.
func (m *modelConfig) applyModel(opt *analysis.Options) error {
	ov := reflect.ValueOf(opt).Elem()
	for _, s := range m.sections() {
		sv, _, _ := tagged(ov, s.name)
		for _, item := range *s.keys {
			key, _ := item.Key.(string)
			fv, f, ok := tagged(sv, key)
			if !ok {
				return &keyError{s.name + "." + fmt.Sprint(item.Key), fmt.Errorf("not a key of model.%s (its keys: %s)", s.name, keysOf(sv.Type()))}
			}
			if err := setKnob(fv, f.Tag.Get("model") == "hundredths", item.Value); err != nil {
				return &keyError{s.name + "." + key, err}
			}
		}
	}
	if m.IntroPaths != nil {
		opt.IntroPaths = *m.IntroPaths
	}
	return nil
}

// setKnob sets one field from its value in the config; nil (a key given no value) keeps it.
func setKnob(fv reflect.Value, hundredths bool, value any) error {
	var x float64
	switch v := value.(type) {
	case nil:
		return nil
	case uint64:
		x = float64(v)
	case int64:
		x = float64(v)
	case float64:
		x = v
	case string: // 3e19: a number YAML's core schema reads as a string
		f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil {
			return fmt.Errorf("%q is not a number", v)
		}
		x = f
	default:
		return fmt.Errorf("%v is not a number", value)
	}
	switch {
	case fv.Kind() == reflect.Float64:
		fv.SetFloat(x)
	case hundredths:
		if !(x >= -1 && x <= 1) {
			return fmt.Errorf("%v is outside [−1, +1]", x)
		}
		if math.Abs(x*100-math.Round(x*100)) > 1e-9 {
			return fmt.Errorf("%v is not a whole number of hundredths (status is summed in hundredths so that its thresholds are exact)", x)
		}
		fv.SetInt(int64(math.Round(x * 100)))
	default:
		if x != math.Trunc(x) || math.Abs(x) > math.MaxInt32 {
			return fmt.Errorf("%v, want a whole number within ±%d", x, math.MaxInt32)
		}
		fv.SetInt(int64(x))
	}
	return nil
}

// showModel sets the config's model sections from opt, every key at its value, for the
// effective config.
func (m *modelConfig) showModel(opt *analysis.Options) {
	ov := reflect.ValueOf(opt).Elem()
	for _, s := range m.sections() {
		sv, _, _ := tagged(ov, s.name)
		*s.keys = nil
		for i := range sv.NumField() {
			f, fv := sv.Type().Field(i), sv.Field(i)
			var v any
			switch {
			case fv.Kind() == reflect.Float64:
				v = fv.Float()
			case f.Tag.Get("model") == "hundredths":
				v = float64(fv.Int()) / 100
			default:
				v = int(fv.Int())
			}
			*s.keys = append(*s.keys, yaml.MapItem{Key: f.Tag.Get("yaml"), Value: v})
		}
	}
	ip := opt.IntroPaths
	m.IntroPaths = &ip
}

// checkModel refuses the model's weights and thresholds that are out of range, naming the
// key as the file does: "model.status.supporter: …".
func (c *config) checkModel() error {
	if err := c.Model.applyModel(&analysis.Options{}); err != nil {
		return err
	}
	o := c.analysisOptions()
	if err := o.Validate(); err != nil {
		var oe *analysis.OptionError
		if errors.As(err, &oe) {
			return &keyError{oe.Key, oe.Err}
		}
		return fmt.Errorf("model: %w", err)
	}
	return nil
}

// keyError is a problem with the value of one key under model:, for the config's line and
// column.
type keyError struct {
	key string // as under model: ("bases.direct")
	err error
}

func (e *keyError) Error() string { return fmt.Sprintf("model.%s: %v", e.key, e.err) }
func (e *keyError) Unwrap() error { return e.err }
