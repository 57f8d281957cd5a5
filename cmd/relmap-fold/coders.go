package main

import (
	"encoding/binary"
	"errors"
	"math"
	"reflect"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"

	"github.com/relmap/relmap/fold"
)

// The batches crossing a shuffle get coders of their own: Beam's default for a struct (its
// schema row coder) reflects over every field of every element, and these are the pipeline's
// bulk. Floats travel as their bits, so a NaN sentiment ("none") stays NaN and every weight
// comes back exactly.
func registerCoders() {
	beam.RegisterCoder(reflect.TypeFor[rowBatch](), encodeRowBatch, decodeRowBatch)
	beam.RegisterCoder(reflect.TypeFor[unitBatch](), encodeUnitBatch, decodeUnitBatch)
}

func encodeRowBatch(b rowBatch) []byte {
	out := binary.AppendUvarint(nil, uint64(len(b.Rows)))
	for i := range b.Rows {
		out = appendShardRow(out, &b.Rows[i])
	}
	return out
}

func decodeRowBatch(data []byte) (rowBatch, error) {
	d := decoder{b: data}
	var b rowBatch
	if n := d.uvarint(); n <= uint64(len(d.b)) { // each row takes a byte at least
		b.Rows = make([]shardRow, n)
		for i := range b.Rows {
			d.shardRow(&b.Rows[i])
		}
	} else {
		d.fail()
	}
	return b, d.done()
}

func encodeUnitBatch(b unitBatch) []byte {
	out := binary.AppendUvarint(nil, uint64(len(b.Units)))
	for i := range b.Units {
		out = appendUnit(out, &b.Units[i])
	}
	return out
}

func decodeUnitBatch(data []byte) (unitBatch, error) {
	d := decoder{b: data}
	var b unitBatch
	if n := d.uvarint(); n <= uint64(len(d.b)) {
		b.Units = make([]fold.KeyedUnit, n)
		for i := range b.Units {
			d.unit(&b.Units[i])
		}
	} else {
		d.fail()
	}
	return b, d.done()
}

func appendShardRow(b []byte, r *shardRow) []byte {
	b = binary.AppendVarint(b, r.Rank)
	b = append(b, r.Digest[:]...)
	b = appendString(b, r.Row.From)
	b = binary.AppendUvarint(b, uint64(len(r.Row.To)))
	for _, k := range r.Row.To {
		b = appendString(b, k)
	}
	b = binary.AppendVarint(b, int64(r.Row.Day))
	b = appendString(b, r.Row.Conv)
	b = appendString(b, r.Row.Channel)
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(r.Row.Weight))
	return binary.LittleEndian.AppendUint64(b, math.Float64bits(r.Row.Sentiment))
}

func (d *decoder) shardRow(r *shardRow) {
	r.Rank = d.varint()
	d.bytes(r.Digest[:])
	r.Row.From = d.string()
	if n := d.uvarint(); n <= uint64(len(d.b)) { // each key takes a byte at least
		r.Row.To = make([]string, n)
		for i := range r.Row.To {
			r.Row.To[i] = d.string()
		}
	} else {
		d.fail()
	}
	r.Row.Day = int32(d.varint())
	r.Row.Conv = d.string()
	r.Row.Channel = d.string()
	r.Row.Weight = d.float()
	r.Row.Sentiment = d.float()
}

func appendUnit(b []byte, u *fold.KeyedUnit) []byte {
	b = appendString(b, u.A)
	b = appendString(b, u.B)
	b = binary.AppendVarint(b, int64(u.Day))
	b = appendString(b, u.Conv)
	b = appendString(b, u.Channel)
	for _, x := range []float64{u.Direct, u.Sender, u.Others} {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(x))
	}
	for _, x := range []int64{int64(u.K), int64(u.Asks[0]), int64(u.Asks[1]), int64(u.Sentiments[0]), int64(u.Sentiments[1]),
		u.SentimentSums[0], u.SentimentSums[1]} {
		b = binary.AppendVarint(b, x)
	}
	return b
}

func (d *decoder) unit(u *fold.KeyedUnit) {
	u.A, u.B = d.string(), d.string()
	u.Day = int32(d.varint())
	u.Conv, u.Channel = d.string(), d.string()
	u.Direct, u.Sender, u.Others = d.float(), d.float(), d.float()
	u.K = int32(d.varint())
	u.Asks[0], u.Asks[1] = int32(d.varint()), int32(d.varint())
	u.Sentiments[0], u.Sentiments[1] = int32(d.varint()), int32(d.varint())
	u.SentimentSums[0], u.SentimentSums[1] = d.varint(), d.varint()
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

var errCorrupt = errors.New("relmap-fold: corrupt encoded element")

// decoder reads what the encoders append; the first error sticks and later reads give zeros.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) uvarint() uint64 {
	x, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return x
}

func (d *decoder) varint() int64 {
	x, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return x
}

func (d *decoder) string() string {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.fail()
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *decoder) float() float64 {
	if len(d.b) < 8 {
		d.fail()
		return 0
	}
	x := math.Float64frombits(binary.LittleEndian.Uint64(d.b))
	d.b = d.b[8:]
	return x
}

func (d *decoder) fail() {
	d.err = errCorrupt
	d.b = nil
}

func (d *decoder) bytes(dst []byte) {
	if len(d.b) < len(dst) {
		d.fail()
		return
	}
	d.b = d.b[copy(dst, d.b):]
}

func (d *decoder) done() error {
	if d.err == nil && len(d.b) != 0 {
		return errCorrupt
	}
	return d.err
}
