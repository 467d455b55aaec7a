package sim_test

import (
	"fmt"

	"devopsjuggle/sim"
	"devopsjuggle/sim/bot"
)

// Example plays a six-month round of the lecture's silo preset with bots in both roles,
// one Step per tick, and prints what each role was paid.
func Example() {
	cfg, err := sim.Preset("silo")
	if err != nil {
		panic(err)
	}
	round := bot.NewBotRound(cfg, 7)
	for !round.World.Done() {
		round.Step(nil) // the bots' inputs; a game would add the players' here
	}
	r := round.World.Result()
	fmt.Printf("%s, seed %d: %d features shipped, uptime %.1f %%\n", r.Preset, r.Seed, r.Shipped, 100*r.Uptime)
	fmt.Printf("dev paid $%d, ops paid $%d\n", r.DevPay, r.OpsPay)
	// Output:
	// silo, seed 7: 20 features shipped, uptime 96.5 %
	// dev paid $2000, ops paid $2000
}
