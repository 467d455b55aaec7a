package coach

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/sim"
)

// answered reports whether the events of the step show that input in did what prompt p
// asked: the ball concerned retired, picked up, thrown away or swapped in; the incident
// acknowledged; the request answered.
func answered(p *Prompt, in sim.Input, evs []sim.Event) bool {
	want := sim.EvNone
	switch in.Action {
	case sim.ActRetireLeft, sim.ActRetireRight:
		want = sim.EvRetire
	case sim.ActRecover:
		want = sim.EvRecoverStart
	case sim.ActDiscard:
		want = sim.EvDiscard
	case sim.ActSwap:
		want = sim.EvSwap
	case sim.ActAcknowledge:
		want = sim.EvAcknowledged
	case sim.ActApprove:
		want = sim.EvCRApproved
	case sim.ActReject:
		want = sim.EvCRRejected
	case sim.ActRelease:
		return true // no event tells the gate's request from a release apart here; refusals are checked
	}
	for _, e := range evs {
		if e.Kind != want {
			continue
		}
		switch want {
		case sim.EvRetire, sim.EvRecoverStart, sim.EvDiscard:
			if e.Version == p.Version {
				return true
			}
		case sim.EvSwap:
			if e.Version == p.Stand {
				return true
			}
		default:
			return true
		}
	}
	return false
}

// TestFollowingThePromptsWorks plays rounds of every preset and difficulty with a
// perfect juggler who does what the prompts say, the most urgent first, as soon as they
// say Now: every prompted input is accepted and does what the prompt said (retires the
// ball named, picks up the one named...). No prompt asks for what the world refuses.
func TestFollowingThePromptsWorks(t *testing.T) {
	for _, preset := range sim.PresetNames() {
		for _, d := range sim.Difficulties() {
			cfg, err := sim.Preset(preset)
			require.NoError(t, err)
			d.Apply(&cfg)
			cfg.Months = 2
			cfg.DefectChancePermille = 500 // plenty of rollbacks
			for seed := uint64(1); seed <= 3; seed++ {
				followed := followRound(t, cfg, seed)
				assert.Positive(t, followed[Extra]+followed[SwapIn], "%s, %s, seed %d: versions to retire or swap", preset, d, seed)
				assert.Positive(t, followed[Rollback]+followed[LiveDown]+followed[Fallen], "%s, %s, seed %d: something to roll back or pick up", preset, d, seed)
			}
		}
	}
}

// followRound plays one round as the prompts say and returns how many prompts of each
// kind it answered.
func followRound(t *testing.T, cfg sim.Config, seed uint64) map[Kind]int {
	t.Helper()
	w := sim.New(cfg, seed)
	var v sim.View
	var c Cues
	var ops, dev Prompts
	followed := map[Kind]int{}
	missed := 0 // balls the juggler let fall on purpose: one a month, to have falls to follow
	for !w.Done() {
		w.Observe(sim.Ops, &v)
		c.Fill(&v)
		ops.Fill(&v, sim.Ops)
		dev.Fill(&v, sim.Dev)
		var in []sim.Input
		var asked []*Prompt
		pressed := [2]bool{}
		for _, ps := range []*Prompts{&ops, &dev} {
			for i := range ps.List() {
				p := &ps.Prompt[i]
				if p.Advised() == sim.ActNone || !p.Now {
					continue
				}
				x := p.Input(v.Tick)
				if x.Action >= sim.ActRetireLeft && x.Action <= sim.ActRetireRight || x.Action == sim.ActSwap {
					pressed[p.Hand] = true
				}
				in, asked = append(in, x), append(asked, p)
				break // one prompt a role a tick: a person does one thing at a time
			}
		}
		for h := sim.Left; h <= sim.Right; h++ {
			k := c.Next[h]
			if k < 0 || pressed[h] || c.Cue[k].LeadTicks != 0 {
				continue
			}
			if int(v.Month) >= missed && !c.Cue[k].New {
				missed++
				continue
			}
			in = append(in, sim.Input{Tick: v.Tick, Role: sim.Ops, Action: sim.ActCatchLeft + sim.Action(h)})
		}
		w.Step(in)
		evs := w.Events()
		for _, e := range evs {
			require.NotEqual(t, sim.EvRefused, e.Kind, "%s seed %d tick %d: %v refused (%s); asked by %v", cfg.Name, seed, v.Tick, e.Action, e.Why, asked)
		}
		for k, p := range asked {
			require.True(t, answered(p, in[k], evs), "%s seed %d tick %d: %s answered with %v did nothing: %v", cfg.Name, seed, v.Tick, p.Kind, in[k], evs)
			followed[p.Kind]++
		}
	}
	return followed
}
