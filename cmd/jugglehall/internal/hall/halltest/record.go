// Package halltest holds what the class server's tests and its load test share: replays
// of real rounds played by bots, and a throwaway PostgreSQL server.
package halltest

import (
	"bytes"
	"fmt"

	"devopsjuggle/cmd/jugglehall/internal/hall/verify"
	"devopsjuggle/sim"
	"devopsjuggle/sim/bot"
	"devopsjuggle/sim/replay"
	"devopsjuggle/sim/strategy"
)

// Record plays round r with bots in both roles and returns its replay, as the game would
// upload it. variant (0 for the preset's bots) picks other bots and skills, so that many
// teams upload different rounds of one session: 250 variants, each dev bot with each ops
// bot, with an ops skill from 500 to 950 per-mille.
func Record(r verify.Round, variant int) ([]byte, error) {
	if err := r.Normalize(); err != nil {
		return nil, err
	}
	cfg, err := r.Config()
	if err != nil {
		return nil, err
	}
	players := map[string]string{"dev": "bot", "ops": "bot"}
	if variant > 0 {
		devs, opss := sim.DevBotNames(), sim.OpsBotNames()
		dev, ops := devs[variant%len(devs)], opss[variant/len(devs)%len(opss)]
		cfg.DevBot = sim.MustDevBotSpec(dev)
		if cfg.OpsBot, err = sim.OpsBotSpecFor(ops); err != nil {
			return nil, err
		}
		cfg.OpsBot.SkillPermille = int32(500 + 50*(variant/(len(devs)*len(opss))%10))
		players["dev"], players["ops"] = strategy.BotPrefix+dev, strategy.BotPrefix+ops
		cfg.Name += "+dev=" + dev + "+ops=" + ops // as jugglesim run -dev -ops names it
	}
	round := bot.NewBotRound(cfg, r.Seed)
	h := replay.NewHeader(cfg, r.Seed, "halltest", "test")
	h.Players = players
	rec := replay.NewRecorder(h)
	for !round.World.Done() {
		rec.Step(round.World, round.Step(nil))
	}
	var b bytes.Buffer
	if err := rec.Finish(round.World).Encode(&b); err != nil {
		return nil, fmt.Errorf("encode: %w", err)
	}
	return b.Bytes(), nil
}

// MustRecord is Record for tests, panicking on an error.
func MustRecord(r verify.Round, variant int) []byte {
	b, err := Record(r, variant)
	if err != nil {
		panic(err)
	}
	return b
}

// StoppedReplay plays cfg with its bots for ticks ticks and returns the replay of a round
// ended there (a team that quit early).
func StoppedReplay(t interface{ Fatal(...any) }, cfg sim.Config, seed uint64, ticks sim.Tick) []byte {
	round := bot.NewBotRound(cfg, seed)
	h := replay.NewHeader(cfg, seed, "halltest", "test")
	h.Players = map[string]string{"dev": "bot", "ops": "bot"}
	rec := replay.NewRecorder(h)
	for round.World.Tick() < ticks {
		rec.Step(round.World, round.Step(nil))
	}
	var b bytes.Buffer
	if err := rec.Finish(round.World).Encode(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
