// What the lecture hall's pages share: the API, formatting, the presets' colours, a small
// Markdown renderer for post-mortems, and the queue of replays waiting to be uploaded.
"use strict";

const Hall = (() => {
  // api calls the server's API and returns {status, body}; body is the parsed JSON (or
  // text). A network failure returns status 0.
  async function api(method, path, body, token) {
    const opts = { method, headers: {} };
    if (token) opts.headers["Authorization"] = "Bearer " + token;
    if (body !== undefined) {
      if (typeof body === "string" || body instanceof Uint8Array || body instanceof Blob) {
        opts.body = body;
      } else {
        opts.headers["Content-Type"] = "application/json";
        opts.body = JSON.stringify(body);
      }
    }
    let res;
    try {
      res = await fetch(path, opts);
    } catch (e) {
      return { status: 0, body: { error: "the server cannot be reached (" + e.message + ")" } };
    }
    const text = await res.text();
    let parsed = text;
    try { parsed = JSON.parse(text); } catch (e) { /* text */ }
    return { status: res.status, body: parsed };
  }

  function esc(s) {
    return String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  }

  // The presets in their order, with the charts' colours and shapes (sim/report: the
  // Okabe-Ito palette; each also has its own marker, for colour-blind eyes and grey
  // projectors).
  const presets = ["silo", "devops", "sre", "bluegreen"];
  const colours = { silo: "#0072B2", devops: "#D55E00", sre: "#009E73", bluegreen: "#CC79A7" };
  const shapes = { silo: "circle", devops: "square", sre: "triangle", bluegreen: "diamond" };
  const colour = (p) => colours[p] || "#000000";

  const dollars = (n) => "$" + Math.round(n).toLocaleString("en-US");
  const pct = (x, d = 1) => (100 * x).toFixed(d) + " %";

  function roundText(r) {
    if (!r) return "no round yet";
    return `${r.preset}, seed ${r.seed}, ${r.months} month${r.months === 1 ? "" : "s"}, ${r.difficulty}`;
  }

  function playerText(p) {
    if (p === "human") return "people";
    if (p === "bot") return "the preset's bot";
    if (p && p.startsWith("bot:")) return "bot " + p.slice(4);
    return p || "?";
  }

  // seating says who plays each role in a team's browser, from the instructor's round
  // (r.dev, r.ops: "human" or a bot) and who the team said is at the keyboard (seats:
  // "both", "dev" or "ops"). A role the instructor gave a bot stays the bot's. A team of
  // one plays the role it chose, with the preset's bot opposite; if the instructor gave
  // that role a bot, the team plays the role left to people. A team of two with one role
  // left to people gets that one seat. note says what the team did not choose, plainly;
  // humans lists the roles people play here.
  function seating(r, seats) {
    const human = (p) => p === "human";
    const other = (role) => role === "dev" ? "ops" : "dev";
    const p = { dev: r.dev, ops: r.ops, note: "" };
    const open = ["dev", "ops"].filter((role) => human(r[role]));
    if (open.length === 0) {
      p.note = "The instructor seated bots in both roles: this round plays itself, and you watch. " +
        "Look at what each bot does for its pay.";
    } else if (open.length === 1) {
      const role = open[0];
      const by = `the instructor seated ${playerText(r[other(role)])} as ${other(role)}`;
      if (seats === "both") p.note = `One seat this round: ${by}, so one of you plays ${role} and the other watches (swap next round).`;
      else if (seats !== role) p.note = `You play ${role}, not ${seats}: ${by} this round.`;
    } else if (seats === "dev" || seats === "ops") {
      p[other(seats)] = "bot";
    }
    p.humans = ["dev", "ops"].filter((role) => human(p[role]));
    return p;
  }

  // The keys of the game's default layout (docs/game.md) for each action, role by role, in
  // the order of the game's own key hints; actions are the round's (the API's round
  // "actions"): a key shows only if the round has a use for it.
  const keyTable = {
    dev: [["release", "D", "release"], ["test-start", "S", "test"]],
    ops: [["catch-left", "J/L", "catch"], ["retire-left", "U/O", "retire"], ["approve", "Y/N", "approve/reject"],
      ["swap", "K", "swap"], ["recover", "I", "pick up"], ["discard", ",", "throw away"], ["ack", "Enter", "acknowledge"]],
  };
  // keys returns, for each role in roles, its keys the round uses: [[role, [[key, words]...]]...].
  function keys(actions, roles) {
    return roles.map((role) => [role, keyTable[role].filter(([a]) => actions.includes(a)).map(([, k, w]) => [k, w])]);
  }

  // markdown renders the post-mortem's Markdown: headings, paragraphs, lists, tables,
  // bold and italics. Everything is escaped first.
  function markdown(md) {
    const inline = (s) => esc(s)
      .replace(/\*\*(.+?)\*\*/g, "<strong>$1</strong>")
      .replace(/\*(.+?)\*/g, "<em>$1</em>")
      .replace(/`(.+?)`/g, "<code>$1</code>");
    const out = [];
    const lines = md.replace(/<!--.*?-->\n?/g, "").split("\n");
    let i = 0;
    while (i < lines.length) {
      const l = lines[i];
      let m;
      if ((m = l.match(/^(#{1,4})\s+(.*)$/))) {
        const n = m[1].length;
        out.push(`<h${n + 1}>${inline(m[2])}</h${n + 1}>`);
        i++;
      } else if (/^\s*[-*]\s+/.test(l)) {
        out.push("<ul>");
        while (i < lines.length && /^\s*[-*]\s+/.test(lines[i])) {
          out.push("<li>" + inline(lines[i].replace(/^\s*[-*]\s+/, "")) + "</li>");
          i++;
        }
        out.push("</ul>");
      } else if (/^\s*\d+\.\s+/.test(l)) {
        out.push("<ol>");
        while (i < lines.length && /^\s*\d+\.\s+/.test(lines[i])) {
          out.push("<li>" + inline(lines[i].replace(/^\s*\d+\.\s+/, "")) + "</li>");
          i++;
        }
        out.push("</ol>");
      } else if (/^\|/.test(l)) {
        const cells = (row) => row.replace(/^\||\|$/g, "").split("|").map((c) => c.trim());
        out.push("<table><thead><tr>" + cells(l).map((c) => "<th>" + inline(c) + "</th>").join("") + "</tr></thead><tbody>");
        i++;
        if (i < lines.length && /^\|[\s:|-]+\|?$/.test(lines[i])) i++;
        while (i < lines.length && /^\|/.test(lines[i])) {
          out.push("<tr>" + cells(lines[i]).map((c) => "<td>" + inline(c) + "</td>").join("") + "</tr>");
          i++;
        }
        out.push("</tbody></table>");
      } else if (l.trim() === "") {
        i++;
      } else {
        const para = [];
        while (i < lines.length && lines[i].trim() !== "" && !/^(#|\||\s*[-*]\s|\s*\d+\.\s)/.test(lines[i])) {
          para.push(lines[i]);
          i++;
        }
        out.push("<p>" + inline(para.join(" ")) + "</p>");
      }
    }
    return out.join("\n");
  }

  // live follows a session's server-sent events: onSession gets the session (the round,
  // the lock, the change counters) at once and after every change. The browser
  // reconnects by itself after a restart of the server.
  //
  // The stream is closed when the page is left (pagehide) and opened again if the browser
  // shows the page again from its back/forward cache: a browser opens at most 6
  // connections to one server, and the streams of pages kept in that cache would hold
  // them, so that the 7th page opened (a student going back and forth, a test) waited a
  // minute for the server.
  function live(code, onSession, onStatus) {
    let es = null;
    const open = () => {
      es = new EventSource(`/api/sessions/${encodeURIComponent(code)}/events`);
      es.addEventListener("session", (e) => { onStatus && onStatus(true); onSession(JSON.parse(e.data)); });
      es.onerror = () => { onStatus && onStatus(false); };
    };
    open();
    window.addEventListener("pagehide", () => es.close());
    window.addEventListener("pageshow", (e) => { if (e.persisted) open(); });
  }

  // The queue of replays to upload: in localStorage, so that a replay survives a
  // network failure, a server restart or a reload of the page, and is sent again. The
  // server counts a team's replay once however often it arrives.
  const queueKey = "jugglehall.queue";
  const loadQueue = () => { try { return JSON.parse(localStorage.getItem(queueKey) || "[]"); } catch (e) { return []; } };
  const saveQueue = (q) => localStorage.setItem(queueKey, JSON.stringify(q));

  function enqueue(code, team, replay) {
    const q = loadQueue();
    q.push({ code, team, replay, at: Date.now(), id: Date.now() + "-" + Math.random().toString(36).slice(2) });
    saveQueue(q);
  }

  // flush sends what waits. report(item, outcome) is told of each attempt: outcome is
  // {status, body}. An item leaves the queue once the server has answered for good: 201
  // or 200 (stored), 409, or a refusal (4xx: it will never count); it stays after a
  // network failure or a 5xx.
  let flushing = false;
  async function flush(report) {
    if (flushing) return;
    flushing = true;
    try {
      for (const item of loadQueue()) {
        const res = await api("POST", `/api/sessions/${encodeURIComponent(item.code)}/replays?team=${encodeURIComponent(item.team)}`, item.replay);
        const final = res.status >= 200 && res.status < 500 && res.status !== 408 && res.status !== 429;
        if (final) saveQueue(loadQueue().filter((x) => x.id !== item.id));
        report && report(item, res, final);
      }
    } finally {
      flushing = false;
    }
  }

  return { api, esc, presets, colour, shapes, dollars, pct, roundText, playerText, seating, keys, markdown, live, enqueue, flush, loadQueue };
})();
