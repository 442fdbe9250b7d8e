// The live area page. The server renders the page and its forms, which work without this script.
// The script takes over the forms it understands, sends them over the live connection, and
// renders members, votes, ranking and activity from the protocol's JSON (docs/protocol.md):
// the snapshot in a join or resume ack, then every event in sequence order. It builds DOM
// nodes and sets textContent only: names are data, never markup.
//
// In a big area a snapshot holds only the first members (in order of joining) and the count of
// all; the page holds a prefix of that order, asks for more when the person wants them, and
// counts newcomers without listing them past what it has loaded. Presence there comes in batches.
//
// An area runs in rounds: the page shows the round's deadline with a countdown in the reader's own
// time, the latest decision, and the history of decisions (asked for with each fresh snapshot, then
// kept up to date from round-decided and tie-broken). A decision ends the round's votes for everyone.
(function () {
  "use strict";

  var root = document.getElementById("area");
  if (!root || !("WebSocket" in window) || !window.Map) {
    return;
  }

  var AREA = root.dataset.area;
  var LIVE_URL = root.dataset.wsUrl;
  var NAME_KEY = "wte:name:" + AREA;
  var ACTIVITY_LIMIT = 15;
  var RETRY_MIN_MS = 500;
  var RETRY_MAX_MS = 15000;
  var MEMBER_PAGE = 100; // the most members a snapshot or a page of members holds
  var BATCH_NAMES = 20; // the most names a presence batch lists of those who joined, and who left
  var HISTORY_LIMIT = 30; // the decisions the server keeps, and the page shows

  var $ = function (selector) { return root.querySelector(selector); };
  var ui = {
    status: document.getElementById("live-status"),
    copy: document.getElementById("copy-link"),
    copyResult: document.getElementById("copy-result"),
    you: $(".you"),
    youName: $(".you-name"),
    leaderSummary: document.getElementById("leader-summary"),
    ranking: $(".ranking"),
    rankingEmpty: $(".ranking-empty"),
    activityBox: $(".activity-box"),
    activity: $(".activity"),
    members: $(".members"),
    membersEmpty: $(".members-empty"),
    memberCount: $(".member-count"),
    membersPage: $(".members-page"),
    membersMore: $(".members-more"),
    moreCount: $(".more-count"),
    nextMembers: $(".next-members"),
    showMore: $(".show-more"),
    membersStatus: document.getElementById("members-status"),
    votes: $(".votes"),
    joinBox: $(".join-box"),
    voteBox: $(".vote-box"),
    venues: $(".venues"),
    venuesEmpty: $(".venues-empty"),
    near: $(".near"),
    nearMe: document.getElementById("near-me"),
    csrf: $("input[name=csrf]"),
    decisionBox: $(".decision-box"),
    decisionTitle: document.getElementById("decision-title"),
    decisionLabel: $(".decision-label"),
    decisionPlace: $(".decision-place"),
    decisionDraw: $(".decision-draw"),
    decisionDetail: $(".decision-detail"),
    decisionStatus: document.getElementById("decision-status"),
    breakTie: $("form.break-tie"),
    deadline: $(".deadline"),
    roundBox: $(".round-box"),
    deadlineClear: $("form.deadline-clear"),
    zone: document.getElementById("deadline-zone"),
    history: $(".history"),
    historyEmpty: $(".history-empty")
  };

  // What the page knows of the area: null until the first snapshot arrives (see takeSnapshot).
  var area = null;
  var you = root.dataset.you || storedName();
  var socket = null;
  var live = false; // hello received: requests can be sent
  var inArea = false; // following the area over this connection (joined or watching), so events flow
  var entering = false;
  var leaving = false;
  var retries = 0;
  var retryTimer = null;
  var nextId = 1;
  var pending = new Map(); // request id -> { resolve, reject }
  var lastLeaderText = null;
  // The cookie of a session the live connection was just issued, on its way (see adopt).
  var adopting = Promise.resolve();
  // Whether this browser had a session when the page was made (see ensureSession).
  var hasSession = root.dataset.session === "yes";
  var helloWaiters = [];
  var loadingMembers = false; // a "Show more" on its way
  var refreshTimer = null; // a reload of the first members, after a batch that did not name every leaver
  var newcomersTimer = null; // a fetch of newcomers a batch named, when the page holds everyone
  var memberNodes = new Map(); // name -> its line in the list, in the list's order
  var voteNodes = new Map(); // voter -> their line in the votes
  var renderedYou; // the name the lists were last marked for
  var countdown = null; // the countdown's text node, while the round has a deadline
  var tickTimer = null; // the countdown's next tick

  // ----- The live connection -----

  function connect() {
    clearTimeout(retryTimer);
    retryTimer = null;
    setStatus(retries === 0 ? "connecting" : "reconnecting");
    try {
      socket = new WebSocket(LIVE_URL);
    } catch (e) {
      scheduleReconnect();
      return;
    }
    socket.onmessage = function (message) { receive(message.data); };
    socket.onclose = function () { dropped(); };
  }

  function dropped() {
    socket = null;
    live = false;
    inArea = false;
    entering = false;
    pending.forEach(function (request) {
      request.reject({ code: "unavailable", message: "The connection dropped. Please try again." });
    });
    pending.clear();
    scheduleReconnect();
  }

  // Exponential backoff with full jitter, so that after a server restart every page does not
  // knock at the same moment.
  function scheduleReconnect() {
    if (retryTimer) {
      return;
    }
    setStatus(navigator.onLine === false ? "offline" : "reconnecting");
    var ceiling = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * Math.pow(2, retries));
    retries++;
    retryTimer = setTimeout(connect, RETRY_MIN_MS / 2 + Math.random() * ceiling);
  }

  function reconnectNow() {
    if (!socket) {
      retries = 0;
      connect();
    }
  }

  function receive(data) {
    var message;
    try {
      message = JSON.parse(data);
    } catch (e) {
      return;
    }
    switch (message.type) {
      case "hello":
        live = true;
        retries = 0;
        setStatus("live");
        enter();
        helloWaiters.splice(0).forEach(function (waiter) { waiter(); });
        break;
      case "ack":
      case "error":
        if (message.session) {
          adopting = adopt(message.session);
        }
        var request = pending.get(String(message.id));
        if (request) {
          pending.delete(String(message.id));
          (message.type === "ack" ? request.resolve : request.reject)(message);
        }
        break;
      case "reset":
        takeSnapshot(message.snapshot);
        break;
      default:
        if (message.seq !== undefined) {
          onEvent(message);
        }
    }
  }

  // The first join issues the session (docs/protocol.md), and its ack carries the token. A script
  // cannot set the HttpOnly cookie, so the server sets it: the page's later requests (a reload, a
  // form posted while not live) then carry the session. The forms get its csrf token too.
  function adopt(token) {
    return fetch("/api/session", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ session: token })
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (answer) {
      if (answer) {
        hasSession = true;
      }
      if (answer && answer.csrf) {
        document.querySelectorAll("input[name=csrf]").forEach(function (input) { input.value = answer.csrf; });
      }
    }).catch(function () {
      // Only a reload loses by it: the page then joins again under the remembered name.
    });
  }

  function send(type, fields) {
    if (!live || !socket) {
      return Promise.reject({ code: "unavailable", message: "Not connected right now. Please try again in a moment." });
    }
    var id = String(nextId++);
    var message = { type: type, id: id };
    Object.keys(fields || {}).forEach(function (key) { message[key] = fields[key]; });
    return new Promise(function (resolve, reject) {
      pending.set(id, { resolve: resolve, reject: reject });
      socket.send(JSON.stringify(message));
    });
  }

  // Storage that did not answer in time may have done the request all the same; every request is
  // safe to send again (docs/protocol.md), so an unavailable one is retried a few times, with
  // backoff and jitter, before the person is told.
  function sendRetrying(type, fields) {
    var attempt = 0;
    var again = function () {
      return send(type, fields).catch(function (error) {
        if (error.code !== "unavailable" || attempt >= 3) {
          throw error;
        }
        attempt++;
        var delay = 400 * Math.pow(2, attempt) * (0.5 + Math.random());
        return new Promise(function (resolve) { setTimeout(resolve, delay); }).then(again);
      });
    };
    return again();
  }

  // Follows the area as soon as the connection is up: as a member under the remembered name, or
  // as a visitor who has not picked one (watch). After a reconnect it goes on from the last
  // sequence number seen, so nothing is missed and nothing repeats.
  function enter() {
    if (entering) {
      return;
    }
    entering = true;
    var request = you
        ? (area ? send("resume", { area: AREA, name: you, seq: area.seq }) : send("join", { area: AREA, name: you }))
        : (area ? send("watch", { area: AREA, seq: area.seq }) : send("watch", { area: AREA }));
    var resuming = Boolean(you && area);
    request.then(function (ack) {
      return adopting.then(function () { return ack; });
    }).then(function (ack) {
      entering = false;
      if (resuming && ack.session) {
        // The server did not know our session, so it has lost its state (a restart in memory):
        // sequence numbers start again there, and only a fresh snapshot is safe.
        area = null;
        enter();
        return;
      }
      inArea = true;
      if (ack.snapshot) {
        takeSnapshot(ack.snapshot);
      }
      renderMode();
    }, function (error) {
      entering = false;
      if (you && (error.code === "name-taken" || error.code === "bad-request")) {
        // Someone else holds the name now (or it is no longer valid): ask again, keeping it
        // typed, and follow the area as a visitor meanwhile.
        var typed = you;
        forgetYou();
        ui.joinBox.querySelector("input[name=name]").value = typed;
        showError("name-error", error.message, "name");
        enter();
      } else if (live) {
        setTimeout(enter, 2000);
      }
      renderMode();
    });
  }

  // ----- Applying what the server says -----

  function takeSnapshot(snapshot) {
    area = {
      seq: snapshot.seq,
      // The first members of the area in order of joining: every member whose seq is at most
      // loadedTo, and no other. memberCount counts them all, held or not.
      members: new Map(),
      memberCount: typeof snapshot.memberCount === "number" ? snapshot.memberCount : snapshot.members.length,
      loadedTo: 0,
      // How many the list may hold before a newcomer is only counted: a page's worth for each
      // page loaded, so a big area never grows the list on its own.
      room: MEMBER_PAGE,
      // Names seen leaving (and not back since), with the seq of their leaving: the only ones a
      // partial list may call gone. A member numbered after it joined again.
      gone: new Map(),
      votes: new Map(),
      // The round: its number, deadline and deadlineBy when set, the latest decision when there is one.
      round: snapshot.round || { number: 1 },
      // The decisions, newest first: null until the server's answer to "history" arrives; decisions
      // heard meanwhile wait in pendingDecisions and are merged into it by their round.
      history: null,
      pendingDecisions: [],
      membersChanged: true,
      votesChanged: true,
      roundChanged: true,
      historyChanged: false
    };
    clearTimeout(refreshTimer);
    refreshTimer = null;
    snapshot.members.forEach(hold);
    snapshot.votes.forEach(function (vote) { area.votes.set(vote.voter, vote); });
    render();
    loadHistory();
  }

  function onEvent(event) {
    if (!area || !inArea || event.seq <= area.seq) {
      return; // before our snapshot (it covers this), or seen already
    }
    // A presence batch covers from..seq; it may reach back into what the page holds, since applying
    // it again changes nothing. Any other event covers its own seq.
    var from = event.type === "presence" ? event.from : event.seq;
    if (from > area.seq + 1) {
      resync();
      return;
    }
    var line = apply(event);
    area.seq = event.seq;
    if (line) {
      addActivity(line, event.at);
    }
    render();
  }

  // A gap means something was missed: resume from the last event seen, which replays the rest
  // or answers a fresh snapshot.
  function resync() {
    if (entering || leaving) {
      return; // a leave on its way: what follows it is a watch from the last seq anyway
    }
    inArea = false;
    enter();
  }

  /** Changes the area by one event; answers the activity line it makes, if any. */
  function apply(event) {
    var who = function (name) { return name === you ? "You" : name; };
    var venueName = function (voter) {
      var vote = area.votes.get(voter);
      return vote ? vote.venue.name : "a place";
    };
    var line = null;
    if (/^vote-/.test(event.type)) {
      area.votesChanged = true;
    }
    switch (event.type) {
      case "member-joined":
        admit(event.member, area.members.size >= area.memberCount);
        area.memberCount = count(event, area.memberCount + 1);
        line = who(event.member.name) + " joined";
        break;
      case "member-left":
      case "member-expired":
        letGo(event.name, event.seq);
        area.memberCount = count(event, area.memberCount - 1);
        line = who(event.name) + (event.type === "member-left" ? " left" : (event.name === you ? " were" : " was") + " away too long and left");
        if (event.name === you) {
          forgetYou(); // still following the area, as a visitor now
        }
        break;
      case "presence":
        line = applyPresence(event);
        break;
      case "vote-cast":
        area.votes.set(event.vote.voter, event.vote);
        line = who(event.vote.voter) + " voted for " + event.vote.venue.name;
        break;
      case "vote-moved":
        area.votes.set(event.vote.voter, event.vote);
        line = who(event.vote.voter) + " moved " + (event.vote.voter === you ? "your" : "their") + " vote to " + event.vote.venue.name;
        break;
      case "vote-retracted":
        line = who(event.voter) + " took back " + (event.voter === you ? "your" : "their") + " vote for " + venueName(event.voter);
        area.votes.delete(event.voter);
        break;
      case "vote-expired":
        line = (event.voter === you ? "Your" : event.voter + "'s") + " vote for " + venueName(event.voter) + " expired";
        area.votes.delete(event.voter);
        break;
      case "round-decided":
        // The round is over for everyone: its votes go with it (no vote-retracted follows), and the
        // next round starts without votes or deadline.
        line = (event.decision.decidedBy ? who(event.decision.decidedBy) + " decided: " : "The deadline decided: ")
            + decisionWords(event.decision).headline;
        area.votes.clear();
        area.votesChanged = true;
        area.round = { number: event.decision.round + 1, latest: event.decision };
        area.roundChanged = true;
        keepDecision(event.decision);
        announceDecision(event.decision);
        lastLeaderText = "No votes yet."; // the decision is the news, not the empty ranking
        break;
      case "deadline-set":
        if (event.deadline) {
          area.round.deadline = event.deadline;
          area.round.deadlineBy = event.by;
          line = who(event.by) + " set the deadline to " + clockTime(event.deadline);
        } else {
          delete area.round.deadline;
          delete area.round.deadlineBy;
          line = event.by ? who(event.by) + " cleared the deadline" : "The deadline came without votes, so nothing was decided";
        }
        area.roundChanged = true;
        break;
      case "tie-broken":
        if (area.round.latest && area.round.latest.round === event.decision.round) {
          area.round.latest = event.decision;
          area.roundChanged = true;
        }
        keepDecision(event.decision);
        announceDecision(event.decision);
        line = who(event.decision.drawnBy) + " broke the tie: " + event.decision.drawn.name + " was drawn";
        break;
      default:
        // An event this page does not know yet changes nothing it shows.
    }
    return line;
  }

  function count(event, otherwise) {
    return typeof event.memberCount === "number" ? event.memberCount : Math.max(0, otherwise);
  }

  // ----- Members: the first ones in order of joining, and the count of all -----

  function hold(member) {
    area.members.set(member.name, member);
    area.loadedTo = Math.max(area.loadedTo, member.seq);
    area.membersChanged = true;
  }

  // Someone joined. A newcomer comes last in the order, so they are listed only when the page
  // holds everyone before them and has room; otherwise only the count grows (and "Show more" brings
  // them). One already held (a page of members brought them before their event) is refreshed.
  function admit(member, holdsEveryone) {
    area.gone.delete(member.name);
    var held = area.members.get(member.name);
    if (held && held.seq !== member.seq) {
      letGo(member.name, member.seq); // left and came back: now at the end of the order
      area.gone.delete(member.name);
    }
    if (member.seq <= area.loadedTo || (holdsEveryone && area.members.size < area.room)) {
      hold(member);
    }
  }

  function letGo(name, seq) {
    area.gone.set(name, seq);
    if (area.members.delete(name)) {
      area.membersChanged = true;
    }
  }

  // A batch of joins, leaves and expiries in a big area (docs/protocol.md): those named in left are
  // gone, those in joined are there. Each list names at most 20, the earliest, by name only: joiners
  // come after everyone the page holds, so they are counted, and fetched (with their data) only when
  // the page holds everyone and has room; leavers left out may be among those the page holds, so the
  // first members are asked for again once the area calms down.
  function applyPresence(event) {
    var joined = event.joined || [];
    var left = event.left || [];
    var holdsEveryone = area.members.size >= area.memberCount;
    left.forEach(function (name) { letGo(name, event.seq); });
    joined.forEach(function (name) { area.gone.delete(name); });
    area.memberCount = count(event, area.members.size);
    if (joined.length && holdsEveryone && area.members.size < area.room) {
      takeNewcomersSoon();
    }
    if (event.complete === false && left.length >= BATCH_NAMES) {
      refreshMembersSoon();
    }
    if (you && left.indexOf(you) >= 0) {
      forgetYou(); // still following the area, as a visitor now
    }
    var cut = event.complete === false;
    var parts = [];
    if (joined.length) {
      parts.push(people(joined, cut && joined.length >= BATCH_NAMES) + " joined");
    }
    if (left.length) {
      parts.push(people(left, cut && left.length >= BATCH_NAMES) + " left");
    }
    return parts.length ? parts.join(", ") : null;
  }

  // "Ann", "Ann and Bob", "Ann, Bob and Kim" when few; "12" when many; "50+" when not all were named.
  function people(names, cut) {
    if (cut) {
      return names.length + "+";
    }
    if (names.length > 3) {
      return String(names.length);
    }
    var shown = names.map(function (name, i) { return name === you ? (i === 0 ? "You" : "you") : name; });
    return shown.length === 1 ? shown[0] : shown.slice(0, -1).join(", ") + " and " + shown[shown.length - 1];
  }

  // Whether a voter is known to have left. A partial list says nothing about those it does not hold,
  // so then only someone seen leaving counts.
  function hasLeft(voter) {
    if (area.members.has(voter)) {
      return false;
    }
    return area.members.size >= area.memberCount || area.gone.has(voter);
  }

  // The members after the last one held: over the live connection while following the area, else
  // from the JSON API.
  function membersAfter(after) {
    if (live && inArea) {
      return sendRetrying("members", { after: after }).then(function (ack) { return ack.page; });
    }
    return fetch("/api/areas/" + AREA + "/members?after=" + after, { headers: { Accept: "application/json" } })
        .then(function (response) {
          return response.json().then(function (body) {
            if (!response.ok) {
              throw body.error || {};
            }
            return body;
          });
        });
  }

  // Adds a page of members that follows what the page holds. A name seen leaving after the member
  // joined is left out: the page was read before they left. One who joined after leaving is back.
  function takePage(page) {
    var added = [];
    page.members.forEach(function (member) {
      if (area.gone.has(member.name) && member.seq <= area.gone.get(member.name)) {
        return;
      }
      area.gone.delete(member.name);
      if (!area.members.has(member.name)) {
        added.push(member);
      }
      hold(member);
    });
    return added;
  }

  function showMore() {
    if (!area || loadingMembers) {
      return;
    }
    var asked = area;
    var after = area.loadedTo;
    loadingMembers = true;
    ui.showMore.disabled = true;
    ui.members.setAttribute("aria-busy", "true");
    clearError("members-error");
    membersAfter(after).then(function (page) {
      if (area !== asked || area.loadedTo !== after) {
        return; // a fresh snapshot, or newcomers, changed the list meanwhile: pressing again asks anew
      }
      area.room = Math.max(area.room, area.members.size) + MEMBER_PAGE;
      var added = takePage(page);
      render();
      ui.membersStatus.textContent = "Showing " + area.members.size + " of " + area.memberCount
          + (area.memberCount === 1 ? " person." : " people.");
      if (ui.membersMore.hidden && added.length && memberNodes.has(added[0].name)) {
        // The button is gone with nothing more to show: focus goes on to the first of the new names.
        var first = memberNodes.get(added[0].name);
        first.tabIndex = -1;
        first.focus();
      }
    }, function (error) {
      showError("members-error", (error && error.message) || "The list could not be loaded. Please try again.");
    }).then(function () {
      loadingMembers = false;
      ui.showMore.disabled = false;
      ui.members.removeAttribute("aria-busy");
    });
  }

  // A batch that named only some of those who left may leave someone listed who is gone. The first
  // members are asked for again a few seconds later (jittered, so the pages of a big area do not all
  // ask at once), and the list starts over from them.
  // Newcomers named by a batch, fetched after what the page holds: once, shortly, for all batches meanwhile.
  function takeNewcomersSoon() {
    if (newcomersTimer) {
      return;
    }
    newcomersTimer = setTimeout(function () {
      newcomersTimer = null;
      var asked = area;
      var after = area.loadedTo;
      membersAfter(after).then(function (page) {
        if (area !== asked || area.loadedTo !== after) {
          return;
        }
        takePage(page);
        render();
      }, function () {
        // They stay counted; "Show more" brings them.
      });
    }, 300 + Math.random() * 700);
  }

  function refreshMembersSoon() {
    if (refreshTimer) {
      return;
    }
    refreshTimer = setTimeout(function () {
      refreshTimer = null;
      var asked = area;
      membersAfter(0).then(function (page) {
        if (area !== asked) {
          return;
        }
        area.members = new Map();
        area.loadedTo = 0;
        area.room = MEMBER_PAGE;
        takePage(page);
        area.membersChanged = true;
        render();
      }, function () {
        // The list stays as it is until the next such batch, a reset or a reload.
      });
    }, 2000 + Math.random() * 8000);
  }

  // ----- Rounds: the deadline, the decisions, the history -----

  // The decisions, with each fresh snapshot (a join, a watch, a resume that could not replay, a reset).
  function loadHistory() {
    var asked = area;
    if (!live || !inArea) {
      return;
    }
    sendRetrying("history").then(function (ack) {
      if (area !== asked) {
        return; // a newer snapshot asks again
      }
      area.history = ack.history.slice(0, HISTORY_LIMIT);
      area.pendingDecisions.splice(0).forEach(keepDecision);
      area.historyChanged = true;
      render();
    }, function () {
      // The server's list stays as it was drawn; the next snapshot asks again.
    });
  }

  // A decision heard: a new one goes first, a drawn one takes its undrawn place (by its round).
  function keepDecision(decision) {
    if (!area.history) {
      area.pendingDecisions.push(decision);
      return;
    }
    var history = area.history.filter(function (past) { return past.round !== decision.round; });
    history.push(decision);
    history.sort(function (a, b) { return b.round - a.round; });
    area.history = history.slice(0, HISTORY_LIMIT);
    area.historyChanged = true;
  }

  // How a decision reads, as on the page without script (RoundWords), in the reader's own time:
  // "Today", "Pho Corner", "4 of 6 votes, decided by Ann at 12:02".
  function decisionWords(decision) {
    var tied = listed(decision.winners.map(function (venue) { return venue.name; }));
    var headline = !decision.tie ? decision.winners[0].name
        : decision.drawn ? "Drawn: " + decision.drawn.name
        : "A tie between " + tied;
    var draw = decision.drawn ? "(tie between " + tied + ", drawn by " + decision.drawnBy + ")" : "";
    var top = decision.tally.length ? decision.tally[0].votes : 0;
    var total = decision.tally.reduce(function (sum, line) { return sum + line.votes; }, 0);
    var votes = decision.tie ? top + (top === 1 ? " vote" : " votes") + " each of " + total
        : top + " of " + total + (total === 1 ? " vote" : " votes");
    var decided = decision.decidedBy ? "decided by " + decision.decidedBy + " at " + clockTime(decision.decidedAt)
        : "decided at the deadline, " + clockTime(decision.decidedAt);
    var label = dayOf(decision.decidedAt);
    var detail = votes + ", " + decided;
    return {
      label: label,
      headline: headline,
      draw: draw,
      detail: detail,
      sentence: label + ": " + headline + (draw ? " " + draw : "") + ", " + detail + "."
    };
  }

  // "X", "X and Y", "X, Y and Z".
  function listed(names) {
    return names.length === 1 ? names[0] : names.slice(0, -1).join(", ") + " and " + names[names.length - 1];
  }

  // "Today", or the day in the reader's own calendar ("Thu 19 Nov").
  function dayOf(iso) {
    var day = new Date(iso);
    if (day.toDateString() === new Date().toDateString()) {
      return "Today";
    }
    return day.toLocaleDateString([], { weekday: "short", day: "numeric", month: "short" });
  }

  // Said once, politely, to everyone using a screen reader: the whole decision in one sentence.
  function announceDecision(decision) {
    ui.decisionStatus.textContent = decisionWords(decision).sentence;
  }

  // "in 4:32", "in 1:04:32"; null once the deadline has come.
  function timeLeft(ms) {
    var seconds = Math.ceil(ms / 1000);
    if (seconds <= 0) {
      return null;
    }
    var two = function (n) { return (n < 10 ? "0" : "") + n; };
    var hours = Math.floor(seconds / 3600);
    var minutes = Math.floor((seconds % 3600) / 60);
    return "in " + (hours ? hours + ":" + two(minutes) : minutes) + ":" + two(seconds % 60);
  }

  // The countdown changes one text node, once a second, exactly when its seconds change.
  function tick() {
    clearTimeout(tickTimer);
    tickTimer = null;
    if (!countdown) {
      return;
    }
    var left = Date.parse(countdown.parentNode.dataset.deadline) - Date.now();
    var text = timeLeft(left);
    countdown.nodeValue = text || "deciding now…";
    if (text) {
      tickTimer = setTimeout(tick, (left % 1000 || 1000) + 20);
    }
  }

  // "Decides at 12:15 · in 4:32 (set by Ann)" in the reader's own time, or "No deadline yet."
  function renderDeadline(deadline, by) {
    countdown = null;
    if (!deadline) {
      ui.deadline.replaceChildren("No deadline yet.");
    } else {
      var time = el("time", null, clockTime(deadline));
      time.dateTime = deadline;
      var left = el("span", "countdown");
      left.setAttribute("role", "timer");
      left.dataset.deadline = deadline;
      countdown = document.createTextNode("");
      left.appendChild(countdown);
      ui.deadline.replaceChildren("Decides at ", time, " · ", left);
      if (by) {
        ui.deadline.append(" ", el("small", "deadline-by", "(set by " + by + ")"));
      }
    }
    ui.deadlineClear.hidden = !deadline;
    tick();
  }

  function renderDecision() {
    var latest = area.round.latest;
    ui.decisionBox.hidden = !latest;
    if (!latest) {
      return;
    }
    var words = decisionWords(latest);
    setText(ui.decisionLabel, words.label);
    setText(ui.decisionPlace, words.headline);
    setText(ui.decisionDraw, words.draw);
    setText(ui.decisionDetail, words.detail);
  }

  function renderHistory() {
    ui.history.replaceChildren.apply(ui.history, area.history.map(function (decision) {
      var words = decisionWords(decision);
      var item = el("li", "past");
      item.dataset.round = decision.round;
      item.append(el("span", "past-label", words.label), " ", el("strong", "past-place", words.headline));
      if (words.draw) {
        item.append(" ", el("span", "past-draw", words.draw));
      }
      item.append(" ", el("small", "past-detail", words.detail));
      return item;
    }));
    ui.historyEmpty.hidden = area.history.length > 0;
  }

  // The same ranking rule as the server's Tally: most votes first; a tie goes to the place that
  // reached its count first; the first voter's spelling names a place.
  function tally() {
    var votes = Array.from(area.votes.values()).sort(function (a, b) { return a.seq - b.seq; });
    var lines = new Map();
    votes.forEach(function (vote) {
      var line = lines.get(vote.venue.id);
      if (!line) {
        line = { venue: vote.venue, voters: [], reachedAt: 0 };
        lines.set(vote.venue.id, line);
      }
      line.voters.push(vote.voter);
      line.reachedAt = vote.seq;
    });
    return Array.from(lines.values()).sort(function (a, b) {
      return (b.voters.length - a.voters.length) || (a.reachedAt - b.reachedAt);
    });
  }

  // ----- Rendering -----

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = text;
    }
    return node;
  }

  function setText(node, text) {
    if (node.textContent !== text) {
      node.textContent = text;
    }
  }

  // The map (map.js) reads the places it shows from the lists, so each line carries its position.
  function locate(item, venue) {
    if (venue.location) {
      item.dataset.lat = venue.location.latitude;
      item.dataset.lon = venue.location.longitude;
    }
  }

  function clockTime(iso) {
    return new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  }

  function yourVote() {
    var vote = you && area ? area.votes.get(you) : null;
    return vote ? vote.venue.id : null;
  }

  // Renders what changed since the last time: a big area's presence touches neither the ranking nor
  // the votes, and the member list changes line by line, so a batch costs little on a phone.
  function render() {
    if (!area) {
      return;
    }
    var youChanged = renderedYou !== you;
    if (area.votesChanged || youChanged) {
      renderRanking();
      renderVotes();
      markYourPlace();
    } else if (area.membersChanged) {
      markLeavers();
    }
    if (area.membersChanged || youChanged) {
      renderMembers();
    }
    renderMemberCount();
    if (area.roundChanged) {
      renderDeadline(area.round.deadline, area.round.deadlineBy);
      renderDecision();
    }
    if (area.historyChanged && area.history) {
      renderHistory();
    }
    area.votesChanged = false;
    area.membersChanged = false;
    area.roundChanged = false;
    area.historyChanged = false;
    renderedYou = you;
    renderMode();
  }

  function renderRanking() {
    var lines = tally();
    var top = lines.length ? lines[0].voters.length : 0;
    var atTop = lines.filter(function (line) { return line.voters.length === top; }).length;
    var mine = yourVote();
    var items = lines.map(function (line) {
      var count = line.voters.length;
      var leader = atTop === 1 && count === top;
      var tied = atTop > 1 && count === top;
      var item = el("li", "line" + (leader ? " leader" : "") + (tied ? " tied" : "") + (line.venue.id === mine ? " yours" : ""));
      item.dataset.venueId = line.venue.id;
      locate(item, line.venue);
      var head = el("div", "line-head");
      head.appendChild(el("strong", "venue", line.venue.name));
      if (leader) {
        head.append(" ", el("span", "badge", "Leading"));
      }
      if (tied) {
        head.append(" ", el("span", "badge", "Tied"));
      }
      if (line.venue.id === mine) {
        head.append(" ", el("span", "badge mine", "Your vote"));
      }
      head.append(" ", el("span", "count", count === 1 ? "1 vote" : count + " votes"));
      var bar = el("meter", "bar", count + " of " + top);
      bar.min = 0;
      bar.max = top;
      bar.value = count;
      item.append(head, bar, el("p", "voters", line.voters.join(", ")));
      return item;
    });
    ui.ranking.replaceChildren.apply(ui.ranking, items);
    ui.rankingEmpty.hidden = lines.length > 0;

    var summary = !lines.length ? "No votes yet."
        : atTop === 1 ? lines[0].venue.name + " leads with " + (top === 1 ? "1 vote." : top + " votes.")
        : "Tie between " + lines.slice(0, atTop).map(function (l) { return l.venue.name; }).join(" and ") + ", " + top + " each.";
    if (summary !== lastLeaderText) {
      // Said once per change of the lead, not on every event.
      if (lastLeaderText !== null) {
        ui.leaderSummary.textContent = summary;
      }
      lastLeaderText = summary;
    }
  }

  // The list changes line by line (lines of those gone removed, newcomers put in their place in the
  // order of joining), so a screen reader and a phone only deal with what changed.
  function renderMembers() {
    if (memberNodes.size === 0 && ui.members.firstChild) {
      ui.members.replaceChildren(); // the server's lines: the script's own take their place
    }
    memberNodes.forEach(function (item, name) {
      var member = area.members.get(name);
      if (!member || Number(item.dataset.seq) !== member.seq) {
        item.remove();
        memberNodes.delete(name);
      }
    });
    var members = Array.from(area.members.values()).sort(function (a, b) { return a.seq - b.seq; });
    var next = ui.members.firstElementChild;
    members.forEach(function (member) {
      var item = memberNodes.get(member.name);
      if (item) {
        next = item.nextElementSibling;
        if (item.classList.contains("you") !== (member.name === you)) {
          fillMember(item, member);
        }
      } else {
        item = el("li");
        item.dataset.seq = member.seq;
        fillMember(item, member);
        memberNodes.set(member.name, item);
        ui.members.insertBefore(item, next);
      }
    });
  }

  function fillMember(item, member) {
    item.className = "member" + (member.name === you ? " you" : "");
    item.textContent = member.name;
    if (member.name === you) {
      item.append(" ", el("em", "you-mark", "(you)"));
    }
  }

  // The count of all, and "and 130 more" with the button when the list holds fewer.
  function renderMemberCount() {
    var hidden = Math.max(0, area.memberCount - area.members.size);
    setText(ui.memberCount, "(" + area.memberCount + ")");
    ui.membersEmpty.hidden = area.memberCount > 0 || area.members.size > 0;
    // Votes of those who left count on: beside them, the page never says that nobody came.
    setText(ui.membersEmpty, area.votes.size ? "Everyone has left; their votes count until they expire." : "Nobody has joined yet.");
    ui.membersMore.hidden = hidden === 0;
    setText(ui.moreCount, "and " + hidden + " more");
    ui.nextMembers.hidden = true; // the page without script follows a link; this page asks in place
    ui.showMore.hidden = false;
    if (ui.membersPage) {
      ui.membersPage.hidden = true;
    }
  }

  function renderVotes() {
    var votes = Array.from(area.votes.values()).sort(function (a, b) { return a.seq - b.seq; });
    voteNodes = new Map();
    ui.votes.replaceChildren.apply(ui.votes, votes.map(function (vote) {
      var item = el("li", "vote" + (vote.voter === you ? " you" : ""));
      item.appendChild(el("span", "voter", vote.voter));
      if (vote.voter === you) {
        item.append(" ", el("em", "you-mark", "(you)"));
      }
      item.append(" votes for ", el("span", "venue", vote.venue.name), " ");
      var until = el("small", "until", "counts until ");
      var time = el("time", null, clockTime(vote.expiresAt));
      time.dateTime = vote.expiresAt;
      until.appendChild(time);
      item.appendChild(until);
      voteNodes.set(vote.voter, item);
      return item;
    }));
    markLeavers();
  }

  // "(left)" by the votes of those known to be gone: their vote counts on until it expires.
  function markLeavers() {
    voteNodes.forEach(function (item, voter) {
      var mark = item.querySelector(".left-mark");
      var gone = hasLeft(voter);
      if (gone && !mark) {
        (item.querySelector(".you-mark") || item.querySelector(".voter")).after(" ", el("em", "left-mark", "(left)"));
      } else if (!gone && mark) {
        mark.previousSibling.remove();
        mark.remove();
      }
    });
  }

  function markYourPlace() {
    var mine = yourVote();
    ui.venues.querySelectorAll("li.place").forEach(function (item) {
      var yours = item.dataset.venueId === mine;
      item.classList.toggle("yours", yours);
      var badge = item.querySelector(".badge.mine");
      if (yours && !badge) {
        item.querySelector(".venue").after(" ", el("span", "badge mine", "Your vote"));
      } else if (!yours && badge) {
        badge.remove();
      }
    });
  }

  // Member or visitor: which forms fit, and the "You are ..." line.
  function renderMode() {
    var member = Boolean(you) && (inArea || entering || !live);
    ui.you.hidden = !member;
    ui.youName.textContent = member ? you : "";
    ui.joinBox.hidden = member;
    ui.voteBox.hidden = !member;
    ui.roundBox.hidden = !member;
    if (!area) {
      return; // the server's page says whether there is a tie to break until the snapshot comes
    }
    var breakable = member && Boolean(area.round.latest) && area.round.latest.tie && !area.round.latest.drawn;
    if (!breakable && !ui.breakTie.hidden && ui.breakTie.contains(document.activeElement)) {
      focusDecision(); // someone else broke the tie while this page's button had focus
    }
    ui.breakTie.hidden = !breakable;
  }

  function focusDecision() {
    ui.decisionTitle.tabIndex = -1;
    ui.decisionTitle.focus();
  }

  function addActivity(text, at) {
    var item = el("li", null, text + " ");
    var time = el("time", "hint", clockTime(at));
    time.dateTime = at;
    item.appendChild(time);
    ui.activity.prepend(item);
    while (ui.activity.children.length > ACTIVITY_LIMIT) {
      ui.activity.lastElementChild.remove();
    }
    ui.activityBox.hidden = false;
  }

  function setStatus(state) {
    var words = {
      connecting: "Connecting…",
      live: "Live",
      reconnecting: "Reconnecting…",
      offline: "Offline"
    };
    ui.status.hidden = false;
    ui.status.dataset.state = state;
    ui.status.textContent = words[state];
  }

  // ----- You -----

  function storedName() {
    try {
      return sessionStorage.getItem(NAME_KEY);
    } catch (e) {
      return null;
    }
  }

  function rememberYou(name) {
    you = name;
    try {
      sessionStorage.setItem(NAME_KEY, name);
    } catch (e) {
      // Private modes may refuse storage; the name then lasts as long as the page.
    }
  }

  function forgetYou() {
    you = null;
    try {
      sessionStorage.removeItem(NAME_KEY);
    } catch (e) {
      // See rememberYou.
    }
  }

  // ----- Errors next to the control that caused them -----

  function showError(id, message, inputId) {
    var box = document.getElementById(id);
    box.textContent = message;
    box.hidden = false;
    var input = inputId && document.getElementById(inputId);
    if (input) {
      input.setAttribute("aria-invalid", "true");
    }
  }

  function clearError(id, inputId) {
    var box = document.getElementById(id);
    box.textContent = "";
    box.hidden = true;
    var input = inputId && document.getElementById(inputId);
    if (input) {
      input.removeAttribute("aria-invalid");
    }
  }

  // ----- Taking over the forms -----

  // Runs a form's request over the live connection. While not live, the form posts as it would
  // without this script, so a page never gets stuck.
  function takeOver(form, errorId, inputId, request) {
    if (!form) {
      return;
    }
    form.addEventListener("submit", function (submit) {
      if (!live) {
        return;
      }
      submit.preventDefault();
      var buttons = form.querySelectorAll("button");
      buttons.forEach(function (button) { button.disabled = true; });
      clearError(errorId, inputId);
      request(submit).then(function () {
        buttons.forEach(function (button) { button.disabled = false; });
      }, function (error) {
        buttons.forEach(function (button) { button.disabled = false; });
        showError(errorId, error.message || "Something went wrong. Please try again.", inputId);
      });
    });
  }

  // Every tab of a browser must join under one session: a tab whose browser had none asks the
  // server for the browser's session first (the cookie another tab got, or a new one), then opens
  // its live connection again so that it carries that cookie, and only then joins.
  function ensureSession() {
    if (hasSession) {
      return Promise.resolve();
    }
    return fetch("/api/session", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: "{}"
    }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) {
          throw body.error || { message: "Something went wrong. Please try again." };
        }
        return body;
      });
    }).then(function (answer) {
      hasSession = true;
      document.querySelectorAll("input[name=csrf]").forEach(function (input) { input.value = answer.csrf; });
      return new Promise(function (resolve) {
        helloWaiters.push(resolve);
        if (socket) {
          socket.onclose = null;
          socket.close();
          dropped();
        }
        retries = 0;
        connect();
      });
    });
  }

  function joinAs(name) {
    return ensureSession().then(function () {
      return sendRetrying("join", { area: AREA, name: name });
    }).then(function (ack) {
      return adopting.then(function () { return ack; });
    }).then(function (ack) {
      rememberYou(ack.you.name);
      inArea = true;
      takeSnapshot(ack.snapshot);
      renderMode();
    });
  }

  takeOver($("form.join"), "name-error", "name", function () {
    return joinAs(document.getElementById("name").value);
  });

  takeOver($("form.rename"), "new-name-error", "new-name", function () {
    var input = document.getElementById("new-name");
    return joinAs(input.value).then(function () { input.value = ""; });
  });

  takeOver($("form.custom"), "custom-error", "custom", function () {
    var input = document.getElementById("custom");
    return sendRetrying("vote", { venue: input.value }).then(function () { input.value = ""; });
  });

  takeOver($("form.retract"), "mind-error", null, function () {
    return sendRetrying("retract");
  });

  takeOver($("form.leave"), "mind-error", null, function () {
    leaving = true;
    return sendRetrying("leave").then(function () {
      leaving = false;
      forgetYou();
      inArea = false; // a leaver hears nothing more of the area: follow it again as a visitor
      enter();
      render();
      renderMode();
    }, function (error) {
      leaving = false;
      throw error;
    });
  });

  // ----- Rounds: decide now, the deadline, the draw -----

  function clearRoundErrors() {
    clearError("round-error", "deadline-at");
    clearError("round-error", "deadline-in");
  }

  takeOver($("form.decide"), "round-error", null, function () {
    clearRoundErrors();
    // Not repeated by itself: a decide that went through closed the round, and a second one could
    // close the next round with its first vote. On unavailable, the history says what happened.
    return send("decide");
  });

  takeOver($("form.deadline-in"), "round-error", "deadline-in", function () {
    clearRoundErrors();
    var input = document.getElementById("deadline-in");
    return sendRetrying("deadline", { inMinutes: Number(input.value) }).then(function () { input.value = ""; });
  });

  takeOver(ui.deadlineClear, "round-error", null, function () {
    clearRoundErrors();
    return sendRetrying("deadline", { at: null });
  });

  takeOver(ui.breakTie, "decision-error", null, function () {
    return send("break-tie").then(function () {
      // The button went with the tie: focus stays with the decision it changed.
      focusDecision();
    });
  });

  // A time of day typed in the reader's own time, today: the instant it names, or why it is refused.
  function todayAt(typed) {
    var parts = /^(\d{1,2})[:.](\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(typed.trim());
    if (!parts || Number(parts[1]) > 23 || Number(parts[2]) > 59) {
      return { refused: "The time must be a time of day such as 12:15." };
    }
    var at = new Date();
    at.setHours(Number(parts[1]), Number(parts[2]), 0, 0);
    if (at.getTime() <= Date.now()) {
      return { refused: clockTime(at.toISOString()) + " has passed already today. Please pick a later time, or a number of minutes." };
    }
    return { at: at.toISOString() };
  }

  // "Decide at 12:15" is the reader's own 12:15, so this form never posts as it is (the server reads
  // a posted time in UTC): live, it goes over the connection; otherwise to the JSON API, and the page
  // is loaded again as after any form.
  ui.zone.textContent = zoneName();
  $("form.deadline-at").addEventListener("submit", function (submit) {
    submit.preventDefault();
    var form = submit.target;
    var input = document.getElementById("deadline-at");
    clearRoundErrors();
    var time = todayAt(input.value);
    if (time.refused) {
      showError("round-error", time.refused, "deadline-at");
      return;
    }
    var button = form.querySelector("button");
    button.disabled = true;
    var request = live ? sendRetrying("deadline", { at: time.at })
        : postApi("deadline", { at: time.at }).then(function () { location.assign("/a/" + AREA); });
    request.then(function () {
      input.value = "";
    }, function (error) {
      showError("round-error", (error && error.message) || "Something went wrong. Please try again.", "deadline-at");
    }).then(function () {
      button.disabled = false;
    });
  });

  // The reader's time zone, as the time field it labels is read: "(your time, CET)".
  function zoneName() {
    try {
      var zone = new Intl.DateTimeFormat([], { timeZoneName: "short" }).formatToParts(new Date())
          .filter(function (part) { return part.type === "timeZoneName"; })[0];
      return zone ? "(your time, " + zone.value + ")" : "(your time)";
    } catch (e) {
      return "(your time)";
    }
  }

  function postApi(action, body) {
    return fetch("/api/areas/" + AREA + "/" + action, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().then(function (answer) {
        if (!response.ok) {
          throw answer.error || {};
        }
        return answer;
      });
    });
  }

  // Listed places: one delegated handler, for the server's list, search results and the map's
  // popups alike (each a form.vote-for inside an element that names the place).
  root.addEventListener("submit", function (submit) {
    if (!live || !submit.target.matches("form.vote-for")) {
      return;
    }
    submit.preventDefault();
    var item = submit.target.closest("[data-venue-id]");
    var button = submit.target.querySelector("button");
    button.disabled = true;
    clearError("vote-error");
    sendRetrying("vote", { venue: { id: item.dataset.venueId, name: item.querySelector(".venue").textContent } })
        .catch(function (error) { showError("vote-error", error.message); })
        .then(function () { button.disabled = false; });
  });

  // Search answers in place from the JSON API, without reloading the page.
  function findPlaces(params) {
    var query = Object.keys(params).map(function (key) {
      return key + "=" + encodeURIComponent(params[key]);
    }).join("&");
    return fetch("/api/areas/" + AREA + "/venues?" + query, { headers: { Accept: "application/json" } })
        .then(function (response) {
          return response.json().then(function (body) {
            if (!response.ok) {
              throw body.error;
            }
            return body;
          });
        })
        .then(function (found) {
          $(".live-unavailable").hidden = !found.liveUnavailable;
          showPlaces(found.venues, params.query);
        });
  }

  var search = $("form.search");
  search.addEventListener("submit", function (submit) {
    submit.preventDefault();
    var query = document.getElementById("q").value.trim();
    clearError("q-error", "q");
    findPlaces({ query: query }).then(function () {
      history.replaceState(null, "", query ? "?q=" + encodeURIComponent(query) : location.pathname);
    }, function (error) {
      showError("q-error", (error && error.message) || "The search failed. Please try again.", "q");
    });
  });

  // Near me: the browser is asked for its position only when the button is pressed.
  ui.near.hidden = false;
  ui.nearMe.addEventListener("click", function () {
    clearError("near-error");
    if (!navigator.geolocation || !window.isSecureContext) {
      showError("near-error", "This browser cannot tell the page where you are here (it needs an https address).");
      return;
    }
    ui.nearMe.disabled = true;
    var done = function () { ui.nearMe.disabled = false; };
    navigator.geolocation.getCurrentPosition(function (position) {
      findPlaces({
        lat: position.coords.latitude,
        lon: position.coords.longitude,
        query: document.getElementById("q").value.trim()
      }).then(done, function (error) {
        done();
        showError("near-error", (error && error.message) || "The search failed. Please try again.");
      });
    }, function (error) {
      done();
      showError("near-error", error.code === error.PERMISSION_DENIED
          ? "Your browser did not let the page know where you are."
          : error.code === error.TIMEOUT
              ? "Finding where you are took too long. Please try again."
              : "Your browser could not tell where you are right now.");
    }, { timeout: 15000, maximumAge: 60000 });
  });

  function showPlaces(venues, query) {
    ui.venues.replaceChildren.apply(ui.venues, venues.map(function (venue) {
      var item = el("li", "place");
      item.dataset.venueId = venue.id;
      locate(item, venue);
      var form = el("form", "vote-for");
      form.method = "post";
      form.action = "/a/" + AREA + "/vote";
      var csrf = el("input");
      csrf.type = "hidden";
      csrf.name = "csrf";
      csrf.value = ui.csrf ? ui.csrf.value : "";
      var q = el("input");
      q.type = "hidden";
      q.name = "q";
      q.value = query || "";
      var text = el("span", "place-text");
      text.appendChild(el("span", "venue", venue.name));
      var details = [venue.category, venue.address].filter(Boolean).join(" · ");
      if (details) {
        text.append(" ", el("small", null, details));
      }
      var button = el("button", null, "Vote");
      button.type = "submit";
      button.name = "venue";
      button.value = venue.id;
      button.appendChild(el("span", "visually-hidden", " for " + venue.name));
      form.append(csrf, q, text, button);
      item.appendChild(form);
      return item;
    }));
    ui.venuesEmpty.hidden = venues.length > 0;
    ui.venuesEmpty.textContent = query ? "No listed place matches." : "No places to show yet: search for one by name.";
    markYourPlace();
  }

  ui.showMore.addEventListener("click", showMore);

  // ----- Sharing -----

  ui.copy.hidden = false;
  ui.copy.addEventListener("click", function () {
    var link = location.origin + "/a/" + AREA;
    var done = function () { ui.copyResult.textContent = "Link copied."; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(link).then(done, function () { fallbackCopy(link, done); });
    } else {
      fallbackCopy(link, done);
    }
  });

  function fallbackCopy(link, done) {
    var field = el("textarea");
    field.value = link;
    field.setAttribute("readonly", "");
    field.className = "visually-hidden";
    document.body.appendChild(field);
    field.select();
    var copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (e) {
      copied = false;
    }
    field.remove();
    if (copied) {
      done();
    } else {
      ui.copyResult.textContent = "Copy this link: " + link;
    }
  }

  // ----- Start -----

  window.addEventListener("online", reconnectNow);
  window.addEventListener("offline", function () {
    if (!socket) {
      setStatus("offline");
    }
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") {
      reconnectNow();
    }
  });
  window.addEventListener("pageshow", function (shown) {
    if (shown.persisted) {
      reconnectNow(); // back from the back-forward cache, where the connection was closed
    }
  });
  window.addEventListener("pagehide", function () {
    clearTimeout(retryTimer);
    if (socket) {
      socket.onclose = null;
      socket.close(1000);
    }
  });

  // Until the snapshot comes, the server's deadline counts down in the reader's own time.
  (function () {
    var time = ui.deadline.querySelector("time");
    var by = ui.deadline.querySelector(".deadline-by");
    if (time) {
      renderDeadline(time.dateTime, by ? by.textContent.replace(/^\(set by |\)$/g, "") : null);
    }
  })();

  connect();
})();
