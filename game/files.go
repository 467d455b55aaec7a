package game

import (
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"

	"github.com/hajimehoshi/ebiten/v2"

	"devopsjuggle/internal/atomicfile"
)

// writeFile creates or replaces the file at path with what write writes, making its
// folder first. Every file the game writes goes through it (settings, screenshots,
// replays): atomicfile writes a temporary file beside path, syncs it and renames it over
// path, so a reader (or the next start) sees the old file or the whole new one, and a
// failed write leaves path as it was and nothing beside it.
func writeFile(path string, write func(io.Writer) error) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return atomicfile.Write(path, write)
}

// savePNG writes the image as a PNG file.
func savePNG(img *ebiten.Image, path string) error {
	rgba := image.NewRGBA(img.Bounds())
	img.ReadPixels(rgba.Pix)
	return writeFile(path, func(w io.Writer) error { return png.Encode(w, rgba) })
}
