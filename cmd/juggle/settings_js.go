//go:build js

package main

import "devopsjuggle/game"

// browserSettings is where the browser build keeps its settings: a localStorage entry.
const browserSettings = game.BrowserSettingsKey
