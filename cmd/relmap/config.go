package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/goccy/go-yaml"

	"github.com/relmap/relmap/analysis"
	"github.com/relmap/relmap/importers"
)

// config is relmap.yaml: everything a run needs besides its flags. Unknown keys are errors, so
// a typo never silently does nothing.
type config struct {
	Me        string              `yaml:"me"`        // the ego: an id, e-mail, profile URL or name (generic inputs)
	Out       string              `yaml:"out"`       // the output folder
	AsOf      string              `yaml:"as_of"`     // the reference day, YYYY-MM-DD
	TZ        string              `yaml:"tz"`        // the time zone days begin and end in
	Inputs    []inputConfig       `yaml:"inputs"`    // inputs, besides those on the command line
	Team      []string            `yaml:"team"`      // the immediate team: ids, e-mails, profile URLs or names
	Clients   []string            `yaml:"clients"`   // client companies
	Providers []string            `yaml:"providers"` // provider companies
	Aliases   map[string][]string `yaml:"aliases"`   // a company's name → its other spellings
	Ignore    ignoreConfig        `yaml:"ignore"`    // people never ranked
	Limits    limitsConfig        `yaml:"limits"`
}

// inputConfig is one input of the config: a path (relative to the config file), optionally its
// kind (people, interactions, ties, annotations) and its own column names.
type inputConfig struct {
	Path    string            `yaml:"path" json:"path"`
	Kind    string            `yaml:"kind" json:"kind,omitempty"`
	Columns map[string]string `yaml:"columns" json:"columns,omitempty"` // relmap's column name → the file's
}

type ignoreConfig struct {
	Names     []string `yaml:"names"`
	Companies []string `yaml:"companies"`
	Titles    []string `yaml:"titles"` // title words, e.g. recruiter
}

// limitsConfig bounds what an input may cost (SPEC §6).
type limitsConfig struct {
	ZipEntries int   `yaml:"zip_entries"` // entries in one zip (default 100 000)
	ZipBytes   int64 `yaml:"zip_bytes"`   // total uncompressed bytes of one zip (default 8 GiB)
	ZipRatio   int   `yaml:"zip_ratio"`   // most an entry over 16 MiB may inflate, as uncompressed:compressed (default 500)
}

// loadConfig reads a config file; errors carry the file, line and column.
func loadConfig(path string) (*config, error) {
	var c config
	if path == "" {
		return &c, nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, usageError{fmt.Errorf("config %s: %w", path, unwrapPath(err))}
	}
	if err := yaml.UnmarshalWithOptions(b, &c, yaml.Strict()); err != nil {
		var ye yaml.Error
		if errors.As(err, &ye) && ye.GetToken() != nil {
			pos := ye.GetToken().Position
			return nil, usageError{fmt.Errorf("%s:%d:%d: %s", path, pos.Line, pos.Column, plainYAML(ye.GetMessage()))}
		}
		return nil, usageError{fmt.Errorf("%s: %w", path, err)}
	}
	dir := filepath.Dir(path)
	for i, in := range c.Inputs {
		if in.Path == "" {
			return nil, usageError{fmt.Errorf("%s: inputs[%d]: no path", path, i)}
		}
		c.Inputs[i].Kind = strings.ToLower(strings.TrimSpace(in.Kind))
		if k := c.Inputs[i].Kind; k != "" && !slices.Contains(importers.GenericKinds, k) {
			return nil, usageError{fmt.Errorf("%s: inputs[%d].kind: %q is not one of %s", path, i, in.Kind, strings.Join(importers.GenericKinds, ", "))}
		}
		for ours := range in.Columns {
			if !slices.Contains(importers.GenericColumns, ours) {
				return nil, usageError{fmt.Errorf("%s: inputs[%d].columns: %q is not a column relmap reads (it reads %s)", path, i, ours, strings.Join(importers.GenericColumns, ", "))}
			}
		}
		if !filepath.IsAbs(in.Path) {
			c.Inputs[i].Path = filepath.Join(dir, in.Path)
		}
	}
	if c.Limits.ZipEntries < 0 || c.Limits.ZipBytes < 0 || c.Limits.ZipRatio < 0 {
		return nil, usageError{fmt.Errorf("%s: limits must be positive", path)}
	}
	return &c, nil
}

var goTypeError = regexp.MustCompile(`cannot unmarshal (\S+) into Go (?:struct field|value) \S* ?of type (\S+)`)

// plainYAML says a decoder's type error in the config's words, not Go's.
func plainYAML(msg string) string {
	m := goTypeError.FindStringSubmatch(msg)
	if m == nil {
		return msg
	}
	want := map[string]string{"int": "a whole number", "int64": "a whole number", "string": "text", "[]string": "a list",
		"float64": "a number", "bool": "yes or no"}[m[2]]
	if want == "" {
		want = "a " + strings.TrimPrefix(strings.TrimPrefix(m[2], "main."), "[]") + " section"
	}
	return fmt.Sprintf("want %s here, not %s", want, m[1])
}

// analysisOptions are the model's options with the config's lists.
func (c *config) analysisOptions() analysis.Options {
	opt := analysis.DefaultOptions()
	opt.Team, opt.Clients, opt.Providers, opt.Aliases = c.Team, c.Clients, c.Providers, c.Aliases
	opt.Ignore = analysis.Ignore{Names: c.Ignore.Names, Companies: c.Ignore.Companies, Titles: c.Ignore.Titles}
	return opt
}
