package game

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/hajimehoshi/ebiten/v2"
)

// Settings are what a player chooses once and keeps: sound, key bindings, the last
// round's setup. They are saved as JSON in the user's config folder.
type Settings struct {
	// VolumePercent is the sound volume, 0 to 100.
	VolumePercent int  `json:"volume_percent"`
	Muted         bool `json:"muted"`
	// Keys binds controls by name ("catch-left") to key names ("J"), ebiten's names.
	Keys map[string]string `json:"keys"`
	// Last round's choices on the title screen.
	Preset     string `json:"preset"`
	Months     int    `json:"months"`
	Difficulty string `json:"difficulty"`
	Dev        string `json:"dev"`
	Ops        string `json:"ops"`
	Fullscreen bool   `json:"fullscreen"`
	// Practised and Guided say whether this player has finished the warm-up and the
	// guided first round: until then the title screen offers them first.
	Practised bool `json:"practised"`
	Guided    bool `json:"guided"`
	// Smooth is the anti-aliasing of round shapes: "auto" (on, off if the frame rate is
	// low), "on" or "off".
	Smooth string `json:"smooth"`
}

// DefaultSettings are the settings of a first start.
func DefaultSettings() Settings {
	return Settings{VolumePercent: 70, Preset: "silo", Months: 3, Difficulty: "easy", Smooth: "auto",
		Dev: "human", Ops: "human", Keys: bindingsToNames(DefaultBindings())}
}

func bindingsToNames(b Bindings) map[string]string {
	m := make(map[string]string, NumControls)
	for c := CtlNone + 1; c < NumControls; c++ {
		m[c.Name()] = b[c].String()
	}
	return m
}

// Bindings returns the key bindings, defaults for any control missing or unreadable.
func (s *Settings) Bindings() Bindings {
	b := DefaultBindings()
	for c := CtlNone + 1; c < NumControls; c++ {
		name, ok := s.Keys[c.Name()]
		if !ok {
			continue
		}
		var k ebiten.Key
		if err := k.UnmarshalText([]byte(name)); err == nil && !reserved(k) {
			b[c] = k
		}
	}
	return b
}

// SetBindings stores the key bindings.
func (s *Settings) SetBindings(b Bindings) { s.Keys = bindingsToNames(b) }

// SettingsStore loads and saves the settings file. Path "" keeps settings in memory only
// (the browser, tests).
type SettingsStore struct {
	Path string
}

// Load reads the settings. A missing file gives the defaults and no notice; a file that
// cannot be read or decoded gives the defaults and a notice saying so.
func (st SettingsStore) Load() (s Settings, notice string) {
	s = DefaultSettings()
	if st.Path == "" {
		return s, ""
	}
	data, err := os.ReadFile(st.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return s, ""
	}
	if err != nil {
		return s, fmt.Sprintf("Settings not read (%v): using defaults.", err)
	}
	var got Settings
	if err := json.Unmarshal(data, &got); err != nil {
		return s, fmt.Sprintf("Settings file %s is damaged (%v): using defaults.", st.Path, err)
	}
	got.VolumePercent = min(100, max(0, got.VolumePercent))
	if got.Keys == nil {
		got.Keys = s.Keys
	}
	if got.Months <= 0 {
		got.Months = s.Months
	}
	if got.Smooth != "on" && got.Smooth != "off" {
		got.Smooth = "auto"
	}
	return got, ""
}

// Save writes the settings whole (writeFile): a crash never leaves a half-written file.
func (st SettingsStore) Save(s Settings) error {
	if st.Path == "" {
		return nil
	}
	data, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	return writeFile(st.Path, func(w io.Writer) error {
		_, err := w.Write(append(data, '\n'))
		return err
	})
}
