//go:build !js

package main

// browserSettings is unused off the browser (runtime.GOOS is not "js").
const browserSettings = ""
