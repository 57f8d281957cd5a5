package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/lexer"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/relmap/relmap/analysis"
	"github.com/relmap/relmap/importers"
	"github.com/relmap/relmap/reports/chart"
)

// config is relmap.yaml: everything a run needs besides its flags. Unknown keys are errors, so
// a typo never silently does nothing.
type config struct {
	Me            string               `yaml:"me,omitempty"`           // the ego: an id, e-mail, profile URL or name (generic inputs)
	Ego           string               `yaml:"ego,omitempty"`          // team:NAME or team:* for team maps
	Out           string               `yaml:"out,omitempty"`          // the output folder
	AsOf          string               `yaml:"as_of,omitempty"`        // the reference day, YYYY-MM-DD
	TZ            string               `yaml:"tz,omitempty"`           // the time zone days begin and end in
	Labels        *int                 `yaml:"labels,omitempty"`       // how many of the top people the maps name
	Excel         *bool                `yaml:"excel,omitempty"`        // a byte-order mark before ranked.csv
	Strict        *bool                `yaml:"strict,omitempty"`       // fail on any unreadable row
	Quiet         *bool                `yaml:"quiet,omitempty"`        // print nothing but errors
	Pseudonymize  *bool                `yaml:"pseudonymize,omitempty"` // names become tokens
	Salt          string               `yaml:"salt,omitempty"`         // the key of pseudonymize (better: RELMAP_SALT)
	DB            string               `yaml:"db,omitempty"`           // the history database (default OUT/history.db)
	Keep          *int                 `yaml:"keep,omitempty"`         // run folders kept (0: all)
	Wait          *bool                `yaml:"wait,omitempty"`         // wait for another run on the folder instead of failing
	LogFormat     string               `yaml:"log_format,omitempty"`   // text or json
	Model         modelConfig          `yaml:"model,omitempty"`        // the scoring model's parameters
	Inputs        []inputConfig        `yaml:"inputs,omitempty"`       // inputs, besides those on the command line
	Team          []string             `yaml:"team,omitempty"`         // the immediate team: ids, e-mails, profile URLs or names
	Clients       []string             `yaml:"clients,omitempty"`      // client companies
	Providers     []string             `yaml:"providers,omitempty"`    // provider companies
	Aliases       map[string][]string  `yaml:"aliases,omitempty"`      // a company's name → its other spellings
	Slack         *importers.Reactions `yaml:"slack,omitempty"`        // the Slack reactions read as +1 and −1 sentiments (positive, negative)
	Ignore        ignoreConfig         `yaml:"ignore,omitempty"`       // people never ranked
	Limits        limitsConfig         `yaml:"limits,omitempty"`
	MinGroup      int                  `yaml:"min_group,omitempty"`     // the fewest people a community or organisation row may describe (5)
	TeamTop       *int                 `yaml:"team_top,omitempty"`      // a team's map lists at most this many people (250; 0: everyone within two hops)
	ReportTeam    []string             `yaml:"report_team,omitempty"`   // with ego team:*, the teams whose reports are written ('*': all)
	Top           *int                 `yaml:"top,omitempty"`           // rows a report table shows at most (25)
	Deterministic *bool                `yaml:"deterministic,omitempty"` // PDFs dated by the as-of day
	Fonts         fontsConfig          `yaml:"fonts,omitempty"`         // a font of your own for PNG and PDF (CJK names)
}

// fontsConfig names font files (TrueType) for the PNG and PDF outputs, for scripts Liberation
// Sans lacks (Chinese, Japanese, Korean …); paths are relative to the config file.
type fontsConfig struct {
	Regular string `yaml:"regular,omitempty"`
	Bold    string `yaml:"bold,omitempty"`
}

// load reads the font files.
func (fc fontsConfig) load() (chart.Fonts, error) {
	var f chart.Fonts
	for _, x := range []struct {
		path string
		to   *[]byte
	}{{fc.Regular, &f.Regular}, {fc.Bold, &f.Bold}} {
		if x.path == "" {
			continue
		}
		b, err := readFont(x.path)
		if err != nil {
			return f, usageError{err: fmt.Errorf("fonts: %w", err)}
		}
		*x.to = b
	}
	if len(f.Bold) > 0 && len(f.Regular) == 0 {
		return f, usageError{err: errors.New("fonts: bold without regular: give fonts.regular")}
	}
	return f, nil
}

// maxFontBytes bounds a font file: the largest CJK fonts (Noto Sans CJK, Source Han) are
// under 30 MB.
const maxFontBytes = 64 << 20

// readFont reads a font file: a regular file (never a device, FIFO or folder, which could be
// read without end) of at most maxFontBytes.
func readFont(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file", path)
	}
	if fi.Size() > maxFontBytes {
		return nil, fmt.Errorf("%s: %d bytes, more than a font's %d MiB", path, fi.Size(), maxFontBytes>>20)
	}
	b, err := io.ReadAll(io.LimitReader(f, maxFontBytes+1)) // a file that grows while read
	if err == nil && len(b) > maxFontBytes {
		err = fmt.Errorf("%s: more than a font's %d MiB", path, maxFontBytes>>20)
	}
	return b, err
}

// modelConfig holds the scoring model's parameters (SPEC §3). Of the first six a zero value
// keeps the default; the weights and thresholds (bases … intro_paths) are analysis.Options'
// own, read by their yaml tags (model.go), and keep theirs when left out.
type modelConfig struct {
	HalfLife     float64                  `yaml:"half_life,omitempty"`     // days for evidence to lose half its weight (180)
	Floor        float64                  `yaml:"floor,omitempty"`         // the least decayed evidence keeps (0.05)
	HighQuantile float64                  `yaml:"high_quantile,omitempty"` // influence quantile where "high" starts (0.75)
	Seed         uint64                   `yaml:"seed,omitempty"`          // for Louvain and sampling (1)
	ExactLimit   int                      `yaml:"exact_limit,omitempty"`   // people around the ego before betweenness is sampled (20000)
	Pivots       int                      `yaml:"pivots,omitempty"`        // sources a sampled run takes, at most (2048)
	SampleBudget int64                    `yaml:"sample_budget,omitempty"` // adjacency entries a sampled run visits, at most (4e9)
	Bases        yaml.MapSlice            `yaml:"bases,omitempty"`         // tie-strength bases (SPEC §3.1): analysis.Bases
	Status       yaml.MapSlice            `yaml:"status,omitempty"`        // status signals, windows and labels (SPEC §3.4): analysis.StatusRules
	Influence    yaml.MapSlice            `yaml:"influence,omitempty"`     // influence's weights: analysis.InfluenceWeights
	Reach        yaml.MapSlice            `yaml:"reach,omitempty"`         // reach's weights: analysis.ReachWeights
	Tiers        yaml.MapSlice            `yaml:"tiers,omitempty"`         // the portfolio tiers: analysis.TierRules
	Dormant      yaml.MapSlice            `yaml:"dormant,omitempty"`       // when a tie is dormant: analysis.DormantRule
	IntroPaths   *int                     `yaml:"intro_paths,omitempty"`   // intro paths kept per person (3)
	Seniority    []analysis.SeniorityRule `yaml:"seniority,omitempty"`     // replaces the title table: [{phrase: "vp", score: 0.85}, …]
}

// inputConfig is one input of the config: a path (relative to the config file), optionally its
// kind (people, interactions, ties, annotations) and its own column names.
type inputConfig struct {
	Path    string            `yaml:"path" json:"path"`
	Kind    string            `yaml:"kind,omitempty" json:"kind,omitempty"`
	Columns map[string]string `yaml:"columns,omitempty" json:"columns,omitempty"` // relmap's column name → the file's
}

type ignoreConfig struct {
	Names     []string `yaml:"names,omitempty"`
	Companies []string `yaml:"companies,omitempty"`
	Titles    []string `yaml:"titles,omitempty"` // title words, e.g. recruiter
}

// limitsConfig bounds what an input may cost (SPEC §6).
type limitsConfig struct {
	ZipEntries int   `yaml:"zip_entries,omitempty"` // entries in one zip (default 100 000)
	ZipBytes   int64 `yaml:"zip_bytes,omitempty"`   // total uncompressed bytes of one zip (default 8 GiB)
	ZipRatio   int   `yaml:"zip_ratio,omitempty"`   // most an entry over 16 MiB, or a zip's entries together, may inflate, as uncompressed:compressed (default 500)
	Memory     int64 `yaml:"memory,omitempty"`      // bytes of heap a run may grow to (default 16 GiB): reading stops once half of it is held
}

// loadConfig reads a config file; errors carry the file, line and column.
func loadConfig(path string) (*config, error) {
	var c config
	if path == "" {
		return &c, nil
	}
	b, err := readConfig(path)
	if err != nil {
		return nil, usageError{err: fmt.Errorf("config %s: %w", path, unwrapPath(err))}
	}
	if err := scanConfig(b); err != nil {
		return nil, usageError{err: fmt.Errorf("%s:%w", path, err)}
	}
	if err := decodeConfig(b, &c); err != nil {
		var pe *posError
		if errors.As(err, &pe) {
			return nil, usageError{err: fmt.Errorf("%s:%w", path, pe)}
		}
		var ye yaml.Error
		if errors.As(err, &ye) && ye.GetToken() != nil {
			pos := ye.GetToken().Position
			return nil, usageError{err: fmt.Errorf("%s:%d:%d: %s", path, pos.Line, pos.Column, plainYAML(ye.GetMessage()))}
		}
		return nil, usageError{err: fmt.Errorf("%s: %w", path, err)}
	}
	dir := filepath.Dir(path)
	for i, in := range c.Inputs {
		if in.Path == "" {
			return nil, usageError{err: fmt.Errorf("%s: inputs[%d]: no path", path, i)}
		}
		c.Inputs[i].Kind = strings.ToLower(strings.TrimSpace(in.Kind))
		if k := c.Inputs[i].Kind; k != "" && !slices.Contains(importers.GenericKinds, k) {
			return nil, usageError{err: fmt.Errorf("%s: inputs[%d].kind: %q is not one of %s", path, i, in.Kind, strings.Join(importers.GenericKinds, ", "))}
		}
		for ours := range in.Columns {
			if !slices.Contains(importers.GenericColumns, ours) {
				return nil, usageError{err: fmt.Errorf("%s: inputs[%d].columns: %q is not a column relmap reads (it reads %s)", path, i, ours, strings.Join(importers.GenericColumns, ", "))}
			}
		}
		if !filepath.IsAbs(in.Path) {
			c.Inputs[i].Path = filepath.Join(dir, in.Path)
		}
	}
	for _, p := range []*string{&c.Fonts.Regular, &c.Fonts.Bold} {
		if *p != "" && !filepath.IsAbs(*p) {
			*p = filepath.Join(dir, *p)
		}
	}
	// !(x >= 0) refuses NaN (.nan) too, which would otherwise read as "the default".
	if m := c.Model; !(m.HalfLife >= 0) || !(m.Floor >= 0 && m.Floor <= 1) || !(m.HighQuantile >= 0 && m.HighQuantile <= 1) || m.ExactLimit < 0 || m.Pivots < 0 || m.SampleBudget < 0 {
		return nil, usageError{err: fmt.Errorf("%s: model: half_life, exact_limit and pivots must be positive, floor and high_quantile within [0,1]", path)}
	}
	if c.TeamTop != nil && *c.TeamTop < 0 {
		return nil, usageError{err: fmt.Errorf("%s: team_top must be 0 (no bound) or more", path)}
	}
	if c.MinGroup < 0 {
		return nil, usageError{err: fmt.Errorf("%s: min_group must be 1 or more", path)}
	}
	if c.Limits.ZipEntries < 0 || c.Limits.ZipBytes < 0 || c.Limits.ZipRatio < 0 || c.Limits.Memory < 0 {
		return nil, usageError{err: fmt.Errorf("%s: limits must be positive", path)}
	}
	if err := c.checkModel(); err != nil {
		var ke *keyError
		if errors.As(err, &ke) {
			if line, col, ok := configPos(b, "model."+ke.key); ok {
				return nil, usageError{err: fmt.Errorf("%s:%d:%d: %w", path, line, col, err)}
			}
		}
		return nil, usageError{err: fmt.Errorf("%s: %w", path, err)}
	}
	return &c, nil
}

// maxConfigBytes and maxConfigDepth bound a config before it is parsed: the YAML parser's time
// and memory grow fast with nesting (400 KB of "[" took 2.6 GB), and a config is a page of
// settings, a few levels deep.
const (
	maxConfigBytes = 1 << 20
	maxConfigDepth = 32
)

// readConfig reads at most maxConfigBytes of a config file: a FIFO (--config <(…)) is fine,
// /dev/zero is not.
func readConfig(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxConfigBytes+1))
	if err == nil && len(b) > maxConfigBytes {
		err = fmt.Errorf("more than %d MiB: not a config file", maxConfigBytes>>20)
	}
	return b, err
}

// posError is a problem at a line and column of the config.
type posError struct {
	line, col int
	err       error
}

func (e *posError) Error() string { return fmt.Sprintf("%d:%d: %v", e.line, e.col, e.err) }
func (e *posError) Unwrap() error { return e.err }

// scanConfig refuses a config nested deeper than maxConfigDepth before the parser sees it: a
// pass over the YAML lexer's tokens (linear in the file) that counts open flow collections ([
// and {) and refuses a line whose first value is indented more than 8 columns a level (block
// nesting, "- - - x" included). It refuses YAML tags (!!str, !!set …) and aliases (*name) too.
func scanConfig(b []byte) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &posError{1, 1, fmt.Errorf("the YAML lexer failed on this file (%v)", r)}
		}
	}()
	depth, line, lead := 0, 0, false // lead: only "- " entries so far on this line
	for _, tk := range lexer.Tokenize(string(b)) {
		p := tk.Position
		switch tk.Type {
		case token.SequenceStartType, token.MappingStartType:
			if depth++; depth > maxConfigDepth {
				return &posError{p.Line, p.Column, fmt.Errorf("nested deeper than a config is (at most %d levels)", maxConfigDepth)}
			}
		case token.SequenceEndType, token.MappingEndType:
			depth = max(0, depth-1)
		case token.TagType:
			// The decoder panics on a tag before a list (team: !!str), and a config has no
			// use for one.
			return &posError{p.Line, p.Column, fmt.Errorf("YAML tags (%s) are not read in a config: write the value alone", tk.Value)}
		case token.AliasType:
			// Aliases of aliases expand exponentially (a "billion laughs" of 700 bytes took
			// 1.4 GB): a config writes its values out.
			return &posError{p.Line, p.Column, errors.New("YAML aliases (*name) are not read in a config: write the value out")}
		}
		if p.Line != line {
			line, lead = p.Line, true
		}
		if lead {
			if p.Column > 8*maxConfigDepth {
				return &posError{p.Line, p.Column, fmt.Errorf("indented %d columns: nested deeper than a config is (at most %d levels)", p.Column-1, maxConfigDepth)}
			}
			lead = tk.Type == token.SequenceEntryType
		}
	}
	return nil
}

// decodeConfig decodes a config into c: a panic of the decoder is an error, not a crash.
func decodeConfig(b []byte, c *config) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &posError{1, 1, fmt.Errorf("the YAML decoder failed on this file (%v)", r)}
		}
	}()
	return yaml.UnmarshalWithOptions(b, c, yaml.Strict())
}

// configPos is the line and column of key (dotted, "model.bases.direct") in the config b: its
// value's, else the nearest enclosing key's; ok is false when no part of it is in the file.
func configPos(b []byte, key string) (line, col int, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	f, err := parser.ParseBytes(b, 0)
	if err != nil {
		return 0, 0, false
	}
	parts := strings.Split(key, ".")
	for n := len(parts); n > 0; n-- {
		p, err := yaml.PathString("$." + strings.Join(parts[:n], "."))
		if err != nil {
			continue
		}
		node, err := p.FilterFile(f)
		if err != nil || node == nil || node.GetToken() == nil {
			continue
		}
		pos := node.GetToken().Position
		return pos.Line, pos.Column, true
	}
	return 0, 0, false
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

// layer gives every flag not set on the command line its value from RELMAP_<FLAG> in the
// environment, else from the config file: flags win over the environment, the environment over
// the file (SPEC §5).
func (c *config) layer(cmd *cobra.Command) error {
	fromFile := map[string]string{"out": c.Out, "as-of": c.AsOf, "me": c.Me, "ego": c.Ego, "tz": c.TZ, "salt": c.Salt, "db": c.DB, "log-format": c.LogFormat}
	for name, v := range map[string]*bool{"excel": c.Excel, "strict": c.Strict, "quiet": c.Quiet, "pseudonymize": c.Pseudonymize, "wait": c.Wait} {
		if v != nil {
			fromFile[name] = strconv.FormatBool(*v)
		}
	}
	if c.Labels != nil {
		fromFile["labels"] = strconv.Itoa(*c.Labels)
	}
	if c.Keep != nil {
		fromFile["keep"] = strconv.Itoa(*c.Keep)
	}
	if c.Top != nil {
		fromFile["top"] = strconv.Itoa(*c.Top)
	}
	if c.Deterministic != nil {
		fromFile["deterministic"] = strconv.FormatBool(*c.Deterministic)
	}
	var err error
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if f.Changed || err != nil || f.Name == "config" || f.Name == "help" {
			return
		}
		env := "RELMAP_" + strings.ToUpper(strings.ReplaceAll(f.Name, "-", "_"))
		v, ok := os.LookupEnv(env)
		src := env
		if !ok || v == "" {
			v, src = fromFile[f.Name], "the config's "+f.Name
		}
		if v == "" {
			return
		}
		if e := cmd.Flags().Set(f.Name, v); e != nil {
			err = usageError{err: fmt.Errorf("%s: %v", src, e)}
		}
	})
	return err
}

// effective is the config a run works with: the file, the environment and the flags together,
// with the model's defaults filled in and the salt hidden, for --print-config.
func (c *config) effective(f *jobFlags) *config {
	e := *c
	e.Out, e.AsOf, e.Me, e.Ego, e.TZ = f.out, f.asOf, f.me, f.ego, f.tz
	e.Labels, e.Excel, e.Strict, e.Quiet, e.Pseudonymize = &f.labels, &f.excel, &f.strict, &f.quiet, &f.pseudo
	e.DB, e.Keep, e.Wait, e.LogFormat, e.Top, e.Deterministic = f.db, &f.keep, &f.wait, f.logFormat, &f.top, &f.determ
	e.ReportTeam = f.reportTeams
	if f.salt != "" {
		e.Salt = "(set)"
	}
	o := c.analysisOptions()
	e.MinGroup, e.TeamTop = o.MinGroup, &o.TeamTop
	e.Model = modelConfig{HalfLife: o.HalfLife, Floor: o.Floor, HighQuantile: o.HighQuantile, Seed: o.Seed,
		ExactLimit: o.ExactLimit, Pivots: o.Pivots, SampleBudget: o.SampleBudget, Seniority: o.Seniority}
	e.Model.showModel(&o)
	return &e
}

// redacted is the config without the people it names — the ego, the team, the names to
// ignore — for a pseudonymized run's history; it keeps how many there were.
func (c *config) redacted() *config {
	e := *c
	count := func(xs []string) []string {
		if len(xs) == 0 {
			return nil
		}
		return []string{fmt.Sprintf("(%d redacted)", len(xs))}
	}
	if e.Me != "" {
		e.Me = "(redacted)"
	}
	e.Team, e.Ignore.Names = count(e.Team), count(e.Ignore.Names)
	return &e
}

// analysisOptions are the model's options with the config's lists.
func (c *config) analysisOptions() analysis.Options {
	opt := analysis.DefaultOptions()
	opt.Team, opt.Clients, opt.Providers, opt.Aliases = c.Team, c.Clients, c.Providers, c.Aliases
	m := c.Model
	if m.HalfLife > 0 {
		opt.HalfLife = m.HalfLife
	}
	if m.Floor > 0 {
		opt.Floor = m.Floor
	}
	if m.HighQuantile > 0 {
		opt.HighQuantile = m.HighQuantile
	}
	if m.Seed > 0 {
		opt.Seed = m.Seed
	}
	if m.ExactLimit > 0 {
		opt.ExactLimit = m.ExactLimit
	}
	if m.Pivots > 0 {
		opt.Pivots = m.Pivots
	}
	if m.SampleBudget > 0 {
		opt.SampleBudget = m.SampleBudget
	}
	if len(m.Seniority) > 0 {
		opt.Seniority = m.Seniority
	}
	_ = m.applyModel(&opt) // checked as the config was read (checkModel)
	if c.MinGroup > 0 {
		opt.MinGroup = c.MinGroup
	}
	if c.TeamTop != nil {
		opt.TeamTop = *c.TeamTop
	}
	opt.Ignore = analysis.Ignore{Names: c.Ignore.Names, Companies: c.Ignore.Companies, Titles: c.Ignore.Titles}
	return opt
}
