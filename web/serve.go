// Command web serves the browser build of the game (make web) on localhost: a static
// file server for index.html, wasm_exec.js and juggle.wasm. It never imports ebiten.
//
//	go run ./web -dir dist/web -addr localhost:8080
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "web:", err)
		os.Exit(2)
	}
}

func run(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("web", flag.ContinueOnError)
	dir := fs.String("dir", "dist/web", "the folder of the browser build")
	addr := fs.String("addr", "localhost:8080", "the address to listen on")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(*dir, "juggle.wasm")); err != nil {
		return fmt.Errorf("%s has no juggle.wasm: build it with make web", *dir)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: handler(*dir), ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(stdout, "Dev vs Ops in the browser: http://%s/ (Ctrl-C stops)\n", ln.Addr())
	go func() {
		<-ctx.Done()
		srv.Close()
	}()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// handler serves the files of dir, never caching the game (a rebuild shows at once), and
// juggle.wasm gzipped to browsers that accept it when juggle.wasm.gz is there.
func handler(dir string) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-cache")
		if r.URL.Path == "/juggle.wasm" && strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			if f, err := os.Open(filepath.Join(dir, "juggle.wasm.gz")); err == nil {
				defer f.Close()
				w.Header().Set("Content-Type", "application/wasm")
				w.Header().Set("Content-Encoding", "gzip")
				io.Copy(w, f)
				return
			}
		}
		files.ServeHTTP(w, r)
	})
}
