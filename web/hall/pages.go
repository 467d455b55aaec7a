// Package hall holds the lecture hall's pages (cmd/jugglehall): the students' join page
// and game page, the instructor's page and the projector's. They are plain HTML, CSS and
// JavaScript with no build step, embedded in the server's binary.
package hall

import "embed"

// Pages are the pages and their scripts and styles.
//
//go:embed *.html *.js *.css
var Pages embed.FS
