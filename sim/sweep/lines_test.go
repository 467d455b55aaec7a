package sweep

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readAll reads every line of text with a lineReader: the lines, the half line's
// length, and the error that stopped it.
func readAll(text string) (lines []string, half int, err error) {
	r := newLineReader(strings.NewReader(text), "rows.csv")
	for {
		l, ok, err := r.next()
		if err != nil || !ok {
			return lines, r.halfLine(), err
		}
		lines = append(lines, string(l))
	}
}

func TestLineReaderRule(t *testing.T) {
	long := strings.Repeat("x", maxLineBytes-1) + "\n" // exactly the limit, newline included
	over := strings.Repeat("x", maxLineBytes) + "\n"   // one byte over
	big := strings.Repeat("y", 200<<10) + "\n"         // longer than the read buffer, under the limit
	for _, tc := range []struct {
		name  string
		text  string
		lines []string
		half  int
		err   string
	}{
		{"whole lines", "a,b\n1,2\n", []string{"a,b\n", "1,2\n"}, 0, ""},
		{"empty file", "", nil, 0, ""},
		{"CRLF lines keep their ending", "a,b\r\n1,2\r\n", []string{"a,b\r\n", "1,2\r\n"}, 0, ""},
		{"no final newline: a half line", "a,b\n1,2", []string{"a,b\n"}, 3, ""},
		{"a half line cut in a CRLF", "a,b\r\n1,2\r", []string{"a,b\r\n"}, 4, ""},
		{"only a half line", "a,b", nil, 3, ""},
		{"a line of exactly the limit", "a\n" + long + "b\n", []string{"a\n", long, "b\n"}, 0, ""},
		{"a line longer than the buffer", big + "b\n", []string{big, "b\n"}, 0, ""},
		{"a line one byte over the limit", "a\n" + over + "b\n", []string{"a\n"}, 0, fmt.Sprintf("rows.csv:2: a line longer than %d bytes", maxLineBytes)},
		{"a half line over the limit", "a\n" + over[:maxLineBytes+1], []string{"a\n"}, 0, "rows.csv:2: a line longer than"},
		{"an over-long line with no newline at all", strings.Repeat("z", 3*maxLineBytes), nil, 0, "rows.csv:1: a line longer than"},
	} {
		lines, half, err := readAll(tc.text)
		assert.Equal(t, tc.lines, lines, tc.name)
		assert.Equal(t, tc.half, half, tc.name)
		if tc.err == "" {
			assert.NoError(t, err, tc.name)
		} else {
			assert.ErrorContains(t, err, tc.err, tc.name)
		}
	}
}

func TestLineReaderCountsLinesAndBytes(t *testing.T) {
	r := newLineReader(iotest.OneByteReader(strings.NewReader("run,a\r\n1,x\n2,y")), "rows.csv")
	var got []string
	for {
		l, ok, err := r.next()
		require.NoError(t, err)
		if !ok {
			break
		}
		got = append(got, string(lineText(l)))
	}
	assert.Equal(t, []string{"run,a", "1,x"}, got, "lineText strips \\n and \\r\\n")
	assert.Equal(t, 2, r.line)
	assert.Equal(t, int64(len("run,a\r\n1,x\n")), r.offset, "the end of the last whole line")
	assert.Equal(t, 3, r.halfLine())
}

func TestLineReaderNamesTheFileOfAReadError(t *testing.T) {
	disk := errors.New("input/output error")
	r := newLineReader(io.MultiReader(strings.NewReader("a\n"), iotest.ErrReader(disk)), "rows.csv")
	_, ok, err := r.next()
	require.True(t, ok)
	require.NoError(t, err)
	_, _, err = r.next()
	assert.ErrorIs(t, err, disk)
	assert.ErrorContains(t, err, "rows.csv: input/output error")
}

// Each reader of sweep files (a chart's rows, merge, resume) follows the rule.

// padRow returns the row (with its newline) padded in its last field to n bytes, the
// newline included.
func padRow(row string, n int) string {
	return strings.TrimSuffix(row, "\n") + strings.Repeat("0", n-len(row)) + "\n"
}

func TestTableFollowsTheLineRule(t *testing.T) {
	whole, _ := sweep(t, testPlan(t, "1-2", Whole), CSV, 1)
	rows := strings.SplitAfter(whole, "\n")
	rows = rows[:len(rows)-1] // the empty string after the last newline
	read := func(text string) (n int, tab *Table, err error) {
		tab, err = OpenTable(strings.NewReader(text), "rows.csv", CSV)
		if err != nil {
			return 0, nil, err
		}
		for {
			_, ok, err := tab.Next()
			if err != nil || !ok {
				return n, tab, err
			}
			n++
		}
	}
	n, tab, err := read(whole)
	require.NoError(t, err)
	assert.Equal(t, len(rows)-1, n)
	assert.False(t, tab.Partial)

	n, tab, err = read(strings.TrimSuffix(whole, "\n"))
	require.NoError(t, err)
	assert.Equal(t, len(rows)-2, n, "a last row with no newline is being written: left out")
	assert.True(t, tab.Partial)

	n, tab, err = read(whole[:len(whole)-40])
	require.NoError(t, err)
	assert.Equal(t, len(rows)-2, n, "half a row: left out")
	assert.True(t, tab.Partial)

	tab, err = OpenTable(strings.NewReader(strings.ReplaceAll(whole, "\n", "\r\n")), "rows.csv", CSV)
	require.NoError(t, err)
	assert.Equal(t, "open_incidents", tab.Header[len(tab.Header)-1], "a CRLF file's last column")
	vals, ok, err := tab.Next()
	require.True(t, ok)
	require.NoError(t, err)
	last, _ := splitCSV(strings.TrimSuffix(rows[1], "\n"))
	assert.Equal(t, last, vals, "a CRLF row reads as the LF one")

	_, _, err = read(rows[0] + rows[1] + padRow(rows[2], maxLineBytes+1) + rows[3])
	assert.ErrorContains(t, err, "rows.csv:3: a line longer than 1048576 bytes")
	n, _, err = read(rows[0] + rows[1] + padRow(rows[2], maxLineBytes) + rows[3])
	assert.NoError(t, err, "a line of exactly the limit")
	assert.Equal(t, 3, n)
}

func TestMergeFollowsTheLineRule(t *testing.T) {
	shard := func(k int) string {
		out, _ := sweep(t, testPlan(t, "1-2", Shard{k, 2}), CSV, 1)
		return out
	}
	whole, _ := sweep(t, testPlan(t, "1-2", Whole), CSV, 1)
	s1, s2 := shard(1), shard(2)
	merge := func(a, b string) (string, error) {
		var out bytes.Buffer
		_, _, err := Merge(&out, []Part{{"s1.csv", strings.NewReader(a)}, {"s2.csv", strings.NewReader(b)}})
		return out.String(), err
	}
	got, err := merge(s1, s2)
	require.NoError(t, err)
	require.Equal(t, whole, got)

	crlf := func(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }
	got, err = merge(crlf(s1), crlf(s2))
	require.NoError(t, err)
	assert.Equal(t, crlf(whole), got, "CRLF shards merge into the CRLF whole, line endings kept")

	_, err = merge(s1, strings.TrimSuffix(s2, "\n"))
	assert.ErrorContains(t, err, "s2.csv:9: the last row is cut short", "no final newline")
	_, err = merge(s1, s2[:len(s2)-30])
	assert.ErrorContains(t, err, "s2.csv:9: the last row is cut short", "half a row")

	rows := strings.SplitAfter(s2, "\n")
	rows[3] = padRow(rows[3], maxLineBytes+1)
	_, err = merge(s1, strings.Join(rows, ""))
	assert.ErrorContains(t, err, "s2.csv:4: a line longer than 1048576 bytes")
	rows[3] = padRow(strings.SplitAfter(s2, "\n")[3], maxLineBytes)
	_, err = merge(s1, strings.Join(rows, ""))
	assert.NoError(t, err, "a row of exactly the limit (merge checks a row's identity columns only)")

	_, err = merge(s1, strings.Repeat("run,", maxLineBytes))
	assert.ErrorContains(t, err, "s2.csv:1: a line longer than 1048576 bytes", "a header with no end is not read whole")
}

func TestResumeFollowsTheLineRule(t *testing.T) {
	dir := t.TempDir()
	p := testPlan(t, "1-3", Whole)
	whole, _ := sweep(t, p, CSV, 1)
	rows := strings.SplitAfter(whole, "\n")
	try := func(text string) (string, error) {
		path := filepath.Join(dir, "rows.csv")
		require.NoError(t, os.WriteFile(path, []byte(text), 0o644))
		file, err := os.OpenFile(path, os.O_RDWR, 0)
		require.NoError(t, err)
		defer file.Close()
		if _, err := p.Resume(file, CSV, nil); err != nil {
			return "", err
		}
		got, err := os.ReadFile(path)
		require.NoError(t, err)
		return string(got), nil
	}
	got, err := try(strings.Join(rows[:5], "") + strings.TrimSuffix(rows[5], "\n"))
	require.NoError(t, err)
	assert.Equal(t, strings.Join(rows[:5], ""), got, "no final newline: the last row is dropped, to be played again")
	got, err = try(strings.Join(rows[:5], "") + rows[5][:20])
	require.NoError(t, err)
	assert.Equal(t, strings.Join(rows[:5], ""), got, "half a row is dropped")

	_, err = try(strings.ReplaceAll(strings.Join(rows[:5], ""), "\n", "\r\n"))
	assert.ErrorContains(t, err, "rows.csv:1: its columns are not this sweep's", "a CRLF file is not one this sweep wrote")

	long := append([]string(nil), rows[:5]...)
	long[2] = padRow(long[2], maxLineBytes+1)
	_, err = try(strings.Join(long, ""))
	assert.ErrorContains(t, err, "rows.csv:3: a line longer than 1048576 bytes")
}
