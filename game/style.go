package game

import (
	"image/color"

	"devopsjuggle/assets"
)

// The game's look: text sizes, the palette and the named text styles every scene draws
// its texts in.

// Text sizes in logical pixels. Body text is never under 18 px (readable from the back of
// a lecture hall); key numbers (pay, uptime, calendar) are 32 px or more.
const (
	SizeSmall = 18
	SizeBody  = 20
	SizeLarge = 26
	SizeTitle = 30
	SizeKey   = 36
	SizeHuge  = 56
)

// Okabe-Ito colour-blind-safe palette, on a dark, high-contrast background.
var (
	ColBG        = rgb(0x0b0f17)
	ColPanel     = rgb(0x161c28)
	ColPanelEdge = rgb(0x33405a)
	ColText      = rgb(0xf2f2f2)
	ColDim       = rgb(0xaab3c5)
	ColOrange    = rgb(0xe69f00) // dev
	ColSky       = rgb(0x56b4e9) // ops, the live ball
	ColGreen     = rgb(0x009e73) // standby, good
	ColYellow    = rgb(0xf0e442) // new release, warnings
	ColBlue      = rgb(0x0072b2)
	ColVermilion = rgb(0xd55e00) // drops, defects, alerts
	ColPurple    = rgb(0xcc79a7) // blue/green stand
	ColBlack     = rgb(0x000000)
)

// colorRGBA is the colour type every drawing call takes.
type colorRGBA = color.RGBA

func rgb(v uint32) color.RGBA {
	return color.RGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 0xff}
}

// fade returns c with its alpha (and premultiplied channels) scaled by a in [0, 1].
func fade(c color.RGBA, a float64) color.RGBA {
	a = min(1, max(0, a))
	return color.RGBA{uint8(float64(c.R) * a), uint8(float64(c.G) * a), uint8(float64(c.B) * a), uint8(float64(c.A) * a)}
}

// Align is where a text sits relative to its anchor point.
type Align uint8

// Horizontal alignments (vertical: texts are anchored at their top, or their middle
// with the Mid variants).
const (
	Left Align = iota
	Center
	Right
	LeftMid
	CenterMid
	RightMid
)

// TextStyle is how a text is drawn: its size in logical pixels, its font, its colour, and
// where it sits relative to the point it is drawn at. Scenes draw in the named styles
// below, varied by In (another colour) and At (another alignment).
type TextStyle struct {
	Size  float32
	Font  assets.Font
	Color color.RGBA
	Align Align
}

// In returns the style in colour c (a role's colour, a warning, a fade).
func (st TextStyle) In(c color.RGBA) TextStyle {
	st.Color = c
	return st
}

// At returns the style aligned a.
func (st TextStyle) At(a Align) TextStyle {
	st.Align = a
	return st
}

// The named text styles, smallest first.
var (
	// styleNote is small dim text that explains or qualifies: a sub-line, a unit, where
	// a file is kept, how to scroll.
	styleNote = TextStyle{SizeSmall, assets.Regular, ColDim, Left}
	// styleSmall is small text to read: a legend, a hint's label, a post-mortem line.
	styleSmall = TextStyle{SizeSmall, assets.Regular, ColText, Left}
	// styleLabel names a figure or a panel (DEV PAY, CUSTOMER KPI) or tags a thing (NEXT,
	// LIVE, v3), often in its role's colour.
	styleLabel = TextStyle{SizeSmall, assets.Bold, ColText, Left}
	// styleCaptionSmall, styleCaption and styleCaptionBig are captions (Effects.Say):
	// bold, centred on where it happened.
	styleCaptionSmall = TextStyle{SizeSmall, assets.Bold, ColText, CenterMid}
	styleCaption      = TextStyle{SizeBody, assets.Bold, ColText, CenterMid}
	styleCaptionBig   = TextStyle{SizeLarge, assets.Bold, ColText, CenterMid}
	// styleKeyCap is a key's name on its coloured cap, or a letter or version on a
	// coloured shape.
	styleKeyCap = TextStyle{SizeSmall, assets.Bold, ColBlack, CenterMid}
	// styleTag is a short tag centred on or over what it names: a ball's version, LIVE,
	// KPI ALERT, a round's button.
	styleTag = TextStyle{SizeSmall, assets.Bold, ColText, CenterMid}
	// styleBody is body text: the rules, dev's state lines, settings rows.
	styleBody = TextStyle{SizeBody, assets.Regular, ColText, Left}
	// styleStrong is body text that must be seen: a state that matters, a warning.
	styleStrong = TextStyle{SizeBody, assets.Bold, ColText, Left}
	// styleButton is a button's or a menu item's label.
	styleButton = TextStyle{SizeBody, assets.Bold, ColText, CenterMid}
	// stylePrompt is the line at the foot of a screen to read next: what to press, what
	// just changed, what the rounds show.
	stylePrompt = TextStyle{SizeBody, assets.Bold, ColYellow, Center}
	// styleSection is a section heading of the post-mortem.
	styleSection = TextStyle{SizeBody + 2, assets.Bold, ColOrange, Left}
	// styleHeading is a panel's heading (DEV, PRODUCTION) or a large value in a row.
	styleHeading = TextStyle{SizeLarge, assets.Bold, ColText, Left}
	// styleTitle is a screen's title.
	styleTitle = TextStyle{SizeTitle, assets.Bold, ColText, Center}
	// styleKeyNumber is a key number: pay, uptime, the calendar.
	styleKeyNumber = TextStyle{SizeKey, assets.Bold, ColText, Left}
	// styleHuge is the biggest text: the game's name, a month's pay, the countdown.
	styleHuge = TextStyle{SizeHuge, assets.Bold, ColText, Center}
)
