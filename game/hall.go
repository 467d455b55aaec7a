package game

import "fmt"

// Hall is the lecture hall's round, when the game plays one (hall mode): the hall's game
// page (web/hall/play.html) starts the game with the instructor's round as its command
// line, and hall_js.go turns hall mode on; -hall N does the same on a desktop, to try it.
//
// The hall counts a replay only of a round the instructor set (docs/hall.md, "What
// counts"), so in hall mode the round is the hall's: the title screen shows its preset,
// months, seed, difficulty and seats locked, and says so when a key tries to change them;
// only a round of exactly that setup is handed to the page (onRoundEnd); any other round
// played meanwhile (the guided round's lecture round, bots watched) is said, on its
// debrief and in the session view, not to be sent. The session view names rounds by the
// hall's number and does not tell a class to change the preset: the instructor sets the
// next round.
type Hall struct {
	// N is the hall's number for the round, as the projector and the page's bar say it
	// ("round 2"); 0 when the page did not say it.
	N int
	// Round is the round as the instructor set it, with who plays each role in this
	// browser (a team of one plays against a bot).
	Round Setup
}

// Plays reports whether a round of setup s is the hall's round: the one it counts. A nil
// Hall (no hall mode) plays none.
func (h *Hall) Plays(s Setup) bool { return h != nil && s == h.Round }

// RoundName is what the hall calls its round: "round 2", or "the hall's round" when its
// number is unknown.
func (h *Hall) RoundName() string {
	if h.N > 0 {
		return fmt.Sprintf("round %d", h.N)
	}
	return "the hall's round"
}

// title is the round's name to start a sentence with: "Round 2 of the lecture hall", or
// "The lecture hall's round".
func (h *Hall) title() string {
	if h.N > 0 {
		return fmt.Sprintf("Round %d of the lecture hall", h.N)
	}
	return "The lecture hall's round"
}

// hallLocked is the notice for a key that tries to change the hall's round on the title.
func (h *Hall) hallLocked() string {
	return fmt.Sprintf("The instructor set %s: played as set, it counts; another round would not.", h.RoundName())
}

// hallPage is set when the game runs on the lecture hall's page (hall_js.go): hall mode,
// on the command line's round, even without -hall.
var hallPage bool
