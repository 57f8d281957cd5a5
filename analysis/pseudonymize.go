package analysis

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
)

// Pseudonymize replaces every person's name in r — ranked people, intro-path intermediaries,
// the ego, the names left ambiguous — with a stable token keyed by salt (HMAC-SHA256 of the
// person's id), so that a map can be shared or kept without naming anyone (SPEC §5). The same
// person gets the same token in every run with the same salt; without the salt the tokens
// cannot be traced back to profile URLs or e-mails, which the ids are hashes of.
func Pseudonymize(r *Result, salt string) {
	token := func(kind, key string) string {
		m := hmac.New(sha256.New, []byte(salt))
		m.Write([]byte(kind + "\x00" + key))
		return kind + "-" + hex.EncodeToString(m.Sum(nil)[:5])
	}
	r.Ego.Name, r.Ego.URL = token("person", r.Ego.ID), ""
	for i := range r.People {
		p := &r.People[i]
		p.Name, p.URL = token("person", p.ID), ""
		for j := range p.IntroPaths {
			for k := range p.IntroPaths[j].Via {
				h := &p.IntroPaths[j].Via[k]
				h.Name = token("person", h.ID)
			}
		}
	}
	for i, n := range r.Coverage.NamesAmbiguous {
		r.Coverage.NamesAmbiguous[i] = token("name", n)
	}
}
