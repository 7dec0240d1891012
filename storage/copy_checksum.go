package storage

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"strconv"
	"time"
)

// checksum sums a table's rows so that the source and the target, read
// through different drivers, give the same figure for the same rows: each
// value is written as text in one canonical form (integers in decimal
// whatever their width, floats in their shortest exact form, booleans as
// 1/0, times in UTC truncated to the microsecond, PostgreSQL's precision,
// as pgx truncates them), each row's text is hashed, and the hashes are
// added. The sum does not depend on the order rows come in, so no collation
// of either database enters into it; a row lost, added or changed changes it.
type checksum struct {
	rows int64
	sum  uint64
}

// add counts one row.
func (c *checksum) add(vals []any) {
	h := sha256.New()
	var buf []byte
	for _, v := range vals {
		buf = appendCanonical(buf[:0], v)
		var n [4]byte
		binary.BigEndian.PutUint32(n[:], uint32(len(buf)))
		h.Write(n[:])
		h.Write(buf)
	}
	c.rows++
	c.sum += binary.BigEndian.Uint64(h.Sum(nil))
}

// hex is the sum as the copy reports it.
func (c checksum) hex() string { return fmt.Sprintf("%016x", c.sum) }

// appendCanonical appends v's canonical text, a letter for its kind first.
func appendCanonical(b []byte, v any) []byte {
	switch v := v.(type) {
	case nil:
		return append(b, 'N')
	case int64:
		return strconv.AppendInt(append(b, 'I'), v, 10)
	case int32:
		return strconv.AppendInt(append(b, 'I'), int64(v), 10)
	case int16:
		return strconv.AppendInt(append(b, 'I'), int64(v), 10)
	case int:
		return strconv.AppendInt(append(b, 'I'), int64(v), 10)
	case float64:
		return strconv.AppendFloat(append(b, 'F'), v, 'g', -1, 64)
	case float32:
		return strconv.AppendFloat(append(b, 'F'), float64(v), 'g', -1, 32)
	case bool:
		if v {
			return append(b, 'B', '1')
		}
		return append(b, 'B', '0')
	case time.Time:
		return v.UTC().Truncate(time.Microsecond).AppendFormat(append(b, 'T'), time.RFC3339Nano)
	case string:
		return append(append(b, 'S'), v...)
	case []byte:
		return append(append(b, 'S'), v...)
	default:
		return fmt.Appendf(append(b, '?'), "%T:%v", v, v)
	}
}
