package fileerr

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestError(t *testing.T) {
	for _, tc := range []struct {
		e    Error
		want string
	}{
		{Error{"a.toml", 3, "ops.skill", "too big"}, "a.toml:3: ops.skill: too big"},
		{Error{"r.jsonl", 0, "", "empty file"}, "r.jsonl: empty file"},
		{Error{"", 2, "action", "unknown"}, "2: action: unknown"},
		{Error{"", 0, "", "truncated"}, "truncated"},
	} {
		assert.Equal(t, tc.want, tc.e.Error())
	}
}
