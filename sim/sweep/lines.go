package sweep

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
)

// maxLineBytes bounds a line of a file of rows, its newline included. A row of jugglesim
// sweep is well under a kilobyte; a longer line is not one of its files.
const maxLineBytes = 1 << 20

// lineReader reads the lines of a file of rows: the rows a chart is drawn from (Table),
// a shard to merge and a file to resume all go through it, under one rule.
//
//   - A line ends at '\n' and is returned with it. A CRLF line keeps its "\r\n"
//     (merge copies lines as they are); lineText strips either ending.
//   - A line longer than maxLineBytes (1 MiB), its newline included, is an error naming
//     the file and the line, "rows.csv:7: a line longer than 1048576 bytes", whether it
//     is complete or not: the reader never holds more than maxLineBytes plus one buffer
//     (64 KiB) of a line.
//   - Bytes after the last newline are a half line: a row being written, or a file cut
//     short. next does not return them; once next has returned false, halfLine says
//     how many there were, and each caller decides what they mean (a chart leaves the
//     row out, merge refuses the shard, resume drops the row and plays it again).
type lineReader struct {
	rd     *bufio.Reader
	name   string
	line   int   // the number of the last line returned, from 1
	offset int64 // the bytes of the lines returned: where the next line starts
	half   int   // the bytes after the last newline, known at the end
	buf    []byte
}

func newLineReader(r io.Reader, name string) *lineReader {
	return &lineReader{rd: bufio.NewReaderSize(r, 64<<10), name: name}
}

// next returns the next line with its newline, or false at the end of the file. The
// line is valid until the next call.
func (r *lineReader) next() ([]byte, bool, error) {
	r.buf = r.buf[:0]
	// Bounded: each pass reads up to a buffer's worth, and more than maxLineBytes in
	// all is an error.
	for {
		part, err := r.rd.ReadSlice('\n')
		line := part
		if len(r.buf) > 0 || errors.Is(err, bufio.ErrBufferFull) {
			r.buf = append(r.buf, part...) // part is overwritten by the next read
			line = r.buf
		}
		if len(line) > maxLineBytes {
			return nil, false, fmt.Errorf("%s:%d: a line longer than %d bytes", r.name, r.line+1, maxLineBytes)
		}
		switch {
		case err == nil:
			r.line++
			r.offset += int64(len(line))
			return line, true, nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF):
			r.half = len(line)
			return nil, false, nil
		}
		return nil, false, fmt.Errorf("%s: %w", r.name, err)
	}
}

// halfLine is the number of bytes after the last newline, once next has returned
// false: 0 when the file ends with a whole line.
func (r *lineReader) halfLine() int { return r.half }

// lineText is a line without its newline, "\n" or "\r\n".
func lineText(line []byte) []byte {
	line = bytes.TrimSuffix(line, []byte("\n"))
	return bytes.TrimSuffix(line, []byte("\r"))
}
