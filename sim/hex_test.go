package sim

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestStateHashIsSixteenHexDigits(t *testing.T) {
	for _, h := range []uint64{0, 1, 0xabc, 1 << 63, ^uint64(0), 0x0123456789abcdef} {
		require.Equal(t, fmt.Sprintf("%016x", h), hex16(h))
	}
}
