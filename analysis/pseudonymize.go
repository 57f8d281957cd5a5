package analysis

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
)

// Pseudonymize replaces every person's name and id in r — ranked people, intro-path
// intermediaries, the ego, the names left ambiguous — with stable tokens keyed by salt
// (HMAC-SHA256), so that a map can be shared or kept without naming anyone (SPEC §5). The same
// person gets the same tokens in every run with the same salt. The ids are replaced too: they
// are unsalted hashes of profile URLs and e-mails, which anyone holding a list of addresses
// could match; the tokens cannot be traced back without the salt.
func Pseudonymize(r *Result, salt string) {
	r.Ego.Name, r.Ego.URL, r.Ego.ID = token(salt, "person", r.Ego.ID), "", PseudonymID(r.Ego.ID, salt)
	for i := range r.People {
		p := &r.People[i]
		p.Name, p.URL, p.ID = token(salt, "person", p.ID), "", PseudonymID(p.ID, salt)
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
}

// PseudonymizeNetwork replaces every node's name and id with the tokens Pseudonymize gives.
func PseudonymizeNetwork(nw *Network, salt string) {
	for i := range nw.Nodes {
		n := &nw.Nodes[i]
		n.Name, n.ID = token(salt, "person", n.ID), PseudonymID(n.ID, salt)
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
