package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"devopsjuggle/cmd/jugglehall/internal/hall"
	"devopsjuggle/cmd/jugglehall/internal/hall/store"
	hallweb "devopsjuggle/web/hall"
)

// options are the command line's.
type options struct {
	addr, db, game string
	maxUpload      int64
	// defaultDB is set when -db was not given: the data folder is then created.
	defaultDB bool
}

func parse(args []string, stdout io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("jugglehall", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&o.addr, "addr", "127.0.0.1:8080", "the address to listen on (:8080 for every interface: a class on the local network)")
	fs.StringVar(&o.db, "db", defaultDB(), "the database: a SQLite file's path (its folder must exist), or postgres://user:password@host/db for PostgreSQL")
	fs.StringVar(&o.game, "game", "dist/web", "the folder of the browser game's build (make web-build writes it)")
	fs.Int64Var(&o.maxUpload, "max-upload", hall.DefaultMaxUploadBytes, "the largest replay accepted, in bytes")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, "Usage: jugglehall [flags]\n\nThe lecture hall: a class plays Dev vs Ops in their browsers (docs/instructor.md). Flags:\n")
			fs.SetOutput(stdout)
			fs.PrintDefaults()
			return o, errHelp
		}
		return o, usagef("%v (see jugglehall -h)", err)
	}
	if fs.NArg() > 0 {
		return o, usagef("unexpected argument %q (see jugglehall -h)", fs.Arg(0))
	}
	o.defaultDB = true
	fs.Visit(func(f *flag.Flag) { o.defaultDB = o.defaultDB && f.Name != "db" })
	if o.db == "" {
		return o, usagef("-db: no user data folder to keep the database in: give -db FILE")
	}
	if err := store.CheckDSN(o.db); err != nil {
		return o, usagef("-db %v", err)
	}
	if o.maxUpload < 1024 {
		return o, usagef("-max-upload %d: a replay needs more than 1024 bytes", o.maxUpload)
	}
	return o, nil
}

// defaultDB is <user data folder>/devopsjuggle/hall.db, where the game keeps its replays:
// $XDG_DATA_HOME or ~/.local/share on Linux, the user's config folder elsewhere.
func defaultDB() string {
	switch runtime.GOOS {
	case "windows", "darwin":
		if dir, err := os.UserConfigDir(); err == nil {
			return filepath.Join(dir, "devopsjuggle", "hall.db")
		}
		return ""
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "devopsjuggle", "hall.db")
	}
	if h, err := os.UserHomeDir(); err == nil {
		return filepath.Join(h, ".local", "share", "devopsjuggle", "hall.db")
	}
	return ""
}

// run serves until ctx ends (SIGINT, SIGTERM).
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o, err := parse(args, stdout)
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	if o.defaultDB {
		// Only the default's folder is made: a folder given with -db that does not exist
		// is a typo, which a new folder would hide.
		if err := os.MkdirAll(filepath.Dir(o.db), 0o755); err != nil {
			return err
		}
	}
	st, err := store.Open(ctx, o.db)
	if err != nil {
		return err
	}
	defer st.Close()
	var game fs.FS
	if _, err := os.Stat(filepath.Join(o.game, "juggle.wasm")); err == nil {
		game = os.DirFS(o.game)
	} else {
		log.Warn("the browser game is not built: students' pages will say so (make hall builds it)", "game", o.game)
	}
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return err
	}
	addrs := reachable(ln.Addr().(*net.TCPAddr), interfaceIPs())
	srv := hall.New(st, hall.Options{Pages: hallweb.Pages, Game: game, MaxUploadBytes: o.maxUpload, Addrs: addrs, Log: log})
	defer srv.Close()
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}
	banner(stdout, st.Name, addrs)
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	srv.Close() // ends the event streams, so that Shutdown does not wait for them
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return err
	}
	return nil
}

// banner says where the hall is: links the instructor can open and students can type
// (every address students may use, when the machine has several networks), or a warning
// when only this machine reaches it.
func banner(w io.Writer, db string, addrs []string) {
	fmt.Fprintf(w, "jugglehall: %s\n  instructor: http://%s/instructor\n  students:   http://%s/\n", db, addrs[0], addrs[0])
	for _, a := range addrs[1:] {
		fmt.Fprintf(w, "              http://%s/ (another network of this machine)\n", a)
	}
	if hall.LocalHost(addrs[0]) {
		fmt.Fprintf(w, "  only this machine can open it: for a class, listen on the room's network (-addr :8080; make hall HALL_ADDR=:8080)\n")
	}
	fmt.Fprintf(w, "  (Ctrl-C stops)\n")
}
