package reports

import (
	"encoding/json"
	"io"

	"github.com/relmap/relmap/analysis/history"
)

// WriteChanges writes diff.json: what changed since the last run (SPEC §4, §5), indented, with
// every list present (empty lists as []), so that alerting scripts need no null checks.
func WriteChanges(w io.Writer, c *history.Changes) error {
	b, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}
