package analysis

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path"
	"path/filepath"
	"regexp"
	"strings"
)

// Pseudonymize replaces every person's name and id in r — ranked people, intro-path
// intermediaries, the ego, the names left ambiguous — and the input paths of its coverage
// with stable tokens keyed by salt
// (HMAC-SHA256), so that a map can be shared or kept without naming anyone (SPEC §5). The same
// person gets the same tokens in every run with the same salt. The ids are replaced too: they
// are unsalted hashes of profile URLs and e-mails, which anyone holding a list of addresses
// could match; the tokens cannot be traced back without the salt.
func Pseudonymize(r *Result, salt string) {
	r.Ego.Name, r.Ego.URL, r.Ego.ID = token(salt, "person", r.Ego.ID), "", PseudonymID(r.Ego.ID, salt)
	for i := range r.People {
		p := &r.People[i]
		p.Name, p.URL, p.ID = token(salt, "person", p.ID), "", PseudonymID(p.ID, salt)
		if p.Key != "" { // an e-mail or an employee id: the same token for the same key
			p.Key = token(salt, "key", p.Key)
		}
		for j := range p.IntroPaths {
			for k := range p.IntroPaths[j].Via {
				h := &p.IntroPaths[j].Via[k]
				h.Name, h.ID = token(salt, "person", h.ID), PseudonymID(h.ID, salt)
			}
		}
	}
	PseudonymizeNetwork(&r.Network, salt)
	for i, n := range r.Coverage.NamesAmbiguous {
		r.Coverage.NamesAmbiguous[i] = token(salt, "name", n)
	}
	pseudonymizePaths(r, salt)
}

// pseudonymizePaths replaces the paths of the coverage: a path names people too ("…/Jane Doe
// private.mbox"). Each file read is named by its source's token and what it was read as
// ("input-3fa2c01b9e:interactions", then ":interactions-2" for a second one), each file or
// folder not read by its PseudonymPath; what the files were read as, and why one was not
// read, stay readable.
func pseudonymizePaths(r *Result, salt string) {
	seen := map[string]int{}
	for i := range r.Coverage.Files {
		f := &r.Coverage.Files[i]
		if base := path.Base(filepath.ToSlash(f.Source)); linkedInExport.MatchString(base) {
			f.Source = base
		} else {
			f.Source = token(salt, "input", f.Source)
		}
		f.Name = f.Source + ":" + f.Kind
		if seen[f.Name]++; seen[f.Name] > 1 {
			f.Name += fmt.Sprintf("-%d", seen[f.Name])
		}
	}
	for i := range r.Coverage.NotRead {
		n := &r.Coverage.NotRead[i]
		// "source:entry": an older LinkedIn export in a folder keeps its own name alone.
		if last := n.Name[strings.LastIndexAny(n.Name, ":/")+1:]; linkedInExport.MatchString(last) {
			n.Name = last
		} else {
			n.Name = PseudonymPath(n.Name, salt)
		}
	}
}

// PseudonymPath is what a path (an input, a file not read) becomes in a run pseudonymized with
// salt: "path-" and 10 hex digits — or, for a LinkedIn export under the name LinkedIn gives it
// (Basic_LinkedInDataExport_03-14-2026.zip), that name alone, which names no one and says which
// export was read.
func PseudonymPath(p, salt string) string {
	if base := path.Base(filepath.ToSlash(p)); linkedInExport.MatchString(base) {
		return base
	}
	return token(salt, "path", p)
}

// linkedInExport is the name LinkedIn gives an export, as a zip or unpacked, with the " (1)" of
// a second download (docs/inputs.md).
var linkedInExport = regexp.MustCompile(`^((Basic|Complete)_)?LinkedInDataExport_\d{2}-\d{2}-\d{4}( \(\d+\))?(\.zip)?$`)

// PseudonymizeNetwork replaces every node's name and id with the tokens Pseudonymize gives.
func PseudonymizeNetwork(nw *Network, salt string) {
	for i := range nw.Nodes {
		n := &nw.Nodes[i]
		n.Name, n.ID = token(salt, "person", n.ID), PseudonymID(n.ID, salt)
		if n.Key != "" {
			n.Key = token(salt, "key", n.Key)
		}
	}
}

// PseudonymID is the id a person has in a run pseudonymized with salt: 12 hex digits, like an
// id, keyed so that it cannot be matched to an address without the salt.
func PseudonymID(id, salt string) string {
	m := hmac.New(sha256.New, []byte(salt))
	m.Write([]byte("id\x00" + id))
	return hex.EncodeToString(m.Sum(nil)[:6])
}

func token(salt, kind, key string) string {
	m := hmac.New(sha256.New, []byte(salt))
	m.Write([]byte(kind + "\x00" + key))
	return kind + "-" + hex.EncodeToString(m.Sum(nil)[:5])
}
