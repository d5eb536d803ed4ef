/*
 * The Lianfang board: reads the public API (/api/v1/...) with the visitor's API key and draws the
 * colours, the quarantine roster, checkpoint flow, coverage gaps and one person's trail.
 * The key comes from the URL fragment (#key=..., never sent to a server) or the form, and is kept
 * in this tab's sessionStorage only. Plain DOM, no libraries, nothing fetched from elsewhere.
 */
(function () {
  "use strict";

  var STORE = "lianfang.board.key";
  var COLOURS = ["RED", "YELLOW", "BLUE", "GREEN"];
  var state = { key: null, compounds: {}, names: {} };

  function $(selector, root) { return (root || document).querySelector(selector); }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") { node.textContent = attrs[name]; } else { node.setAttribute(name, attrs[name]); }
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function status(text, error) {
    var s = $("#status");
    s.textContent = text;
    s.className = error ? "error" : "";
  }

  function fragment() {
    var params = {};
    (location.hash || "").replace(/^#/, "").split("&").forEach(function (part) {
      var i = part.indexOf("=");
      if (i > 0) { params[decodeURIComponent(part.slice(0, i))] = decodeURIComponent(part.slice(i + 1)); }
    });
    return params;
  }

  /* At most four requests at a time, and a 429 waits for its Retry-After: a read-only key's budget is small. */
  var running = 0, queue = [];
  function slot() {
    return new Promise(function (resolve) {
      if (running < 4) { running++; resolve(); } else { queue.push(resolve); }
    });
  }
  function release() {
    var next = queue.shift();
    if (next) { next(); } else { running--; }
  }

  function ApiError(status, problem) {
    this.status = status;
    this.problem = problem || {};
    this.message = (problem && (problem.detail || problem.title)) || ("HTTP " + status);
  }

  function api(path, attempt) {
    attempt = attempt || 1;
    return slot().then(function () {
      return fetch(path, { headers: { "Authorization": "Bearer " + state.key, "Accept": "application/json" },
                           cache: "no-store", credentials: "omit" })
        .then(function (response) {
          release();
          if (response.status === 429 && attempt < 6) {
            var wait = Math.min(10, parseInt(response.headers.get("Retry-After") || "1", 10) || 1);
            return new Promise(function (r) { setTimeout(r, wait * 1000); }).then(function () { return api(path, attempt + 1); });
          }
          return response.text().then(function (text) {
            var body = null;
            try { body = text ? JSON.parse(text) : null; } catch (e) { body = null; }
            if (!response.ok) { throw new ApiError(response.status, body); }
            return body;
          });
        }, function (error) { release(); throw error; });
    });
  }

  function q(params) {
    var parts = Object.keys(params).filter(function (k) { return params[k] != null && params[k] !== ""; })
      .map(function (k) { return encodeURIComponent(k) + "=" + encodeURIComponent(params[k]); });
    return parts.length ? "?" + parts.join("&") : "";
  }

  function cell(value, cls) {
    var td = el("td", { text: String(value) });
    if (cls) { td.className = cls; }
    if (value === 0) { td.classList.add("zero"); }
    return td;
  }

  function badge(text, cls) { return el("span", { "class": "badge " + (cls || ""), text: text }); }

  function localTime(instant) {
    if (!instant) { return "—"; }
    var d = new Date(instant);
    return isNaN(d) ? String(instant) : d.toISOString().replace("T", " ").slice(0, 16) + " UTC";
  }

  /* Compound names, each asked for once (a promise per id). */
  function compoundName(id) {
    if (!id) { return Promise.resolve("—"); }
    if (!state.compounds[id]) {
      state.compounds[id] = api("/api/v1/compounds/" + encodeURIComponent(id))
        .then(function (c) { return (c && c.name) || id; }, function () { return id; });
    }
    return state.compounds[id];
  }

  // --- colours --------------------------------------------------------------------------------
  function colours() {
    return api("/api/v1/boards/colours").then(function (board) {
      var byCompound = {}, totals = { RED: 0, YELLOW: 0, BLUE: 0, GREEN: 0, ALL: 0 };
      (board.cells || []).forEach(function (c) {
        var row = byCompound[c.compound] || (byCompound[c.compound] = { RED: 0, YELLOW: 0, BLUE: 0, GREEN: 0 });
        row[c.colour] = (row[c.colour] || 0) + c.persons;
        totals[c.colour] = (totals[c.colour] || 0) + c.persons;
        totals.ALL += c.persons;
      });
      var ids = Object.keys(byCompound);
      return Promise.all(ids.map(compoundName)).then(function (names) {
        var rows = ids.map(function (id, i) { return { id: id, name: names[i], counts: byCompound[id] }; })
          .sort(function (a, b) { return a.name < b.name ? -1 : a.name > b.name ? 1 : 0; });
        var tbody = $("#colours tbody");
        tbody.textContent = "";
        rows.forEach(function (r) {
          var tr = el("tr", { "data-compound": r.id }, [el("td", { text: r.name })]);
          var sum = 0;
          COLOURS.forEach(function (colour) {
            var td = cell(r.counts[colour] || 0);
            td.setAttribute("data-colour", colour);
            tr.appendChild(td);
            sum += r.counts[colour] || 0;
          });
          tr.appendChild(cell(sum));
          tbody.appendChild(tr);
        });
        COLOURS.concat(["ALL"]).forEach(function (colour) {
          $("#colour-totals [data-colour='" + colour + "']").textContent = String(totals[colour] || 0);
        });
      });
    });
  }

  // --- quarantine roster ------------------------------------------------------------------------
  function quarantine(date) {
    var people = {};
    var lists = ["RED", "YELLOW", "BLUE"].map(function (colour) {
      return api("/api/v1/persons" + q({ colour: colour, limit: 200 })).then(function (page) {
        (page.items || []).forEach(function (p) { people[p.id] = p; });
      });
    });
    var board = api("/api/v1/boards/quarantine" + q({ date: date }));
    var due = api("/api/v1/quarantines/due-checks");
    return Promise.all([board, due].concat(lists)).then(function (answers) {
      var summary = answers[0], dueChecks = answers[1];
      var dueCases = {};
      (dueChecks.items || []).forEach(function (d) { dueCases[d.caseId] = true; });
      $("#quarantine .summary").textContent = "在隔 active " + summary.active + " · 待测 due now " + dueChecks.total
        + " (" + (dueChecks.window || "") + ", " + (dueChecks.open ? "open" : "next") + ") · 发热 fevers "
        + summary.feversToday + " · 转诊待送 referrals pending " + summary.referralsPending;
      var ids = Object.keys(people);
      return Promise.all(ids.map(function (id) {
        return api("/api/v1/quarantines" + q({ personId: id, reason: $("#trail-reason").value.trim() })).then(function (page) {
          return (page.items || []).filter(function (c) { return !c.endedAt; })
            .map(function (c) { return { person: people[id], c: c }; });
        }, function () { return []; });
      })).then(function (perPerson) {
        var rows = [].concat.apply([], perPerson);
        return Promise.all(rows.map(function (r) { return compoundName(r.c.compoundId); })).then(function (names) {
          rows.forEach(function (r, i) { r.compound = names[i]; });
          rows.sort(function (a, b) { return (a.c.endsAt || "") < (b.c.endsAt || "") ? 1 : -1; });
          var tbody = $("#quarantine tbody");
          tbody.textContent = "";
          var now = Date.now();
          rows.forEach(function (r) {
            var readings = r.c.readings || [];
            var last = readings.length ? readings[readings.length - 1] : null;
            var over = r.c.endsAt && Date.parse(r.c.endsAt) <= now;
            var day = el("td", { "class": "day" }, ["第 " + r.c.day + "/" + r.c.totalDays + " 天 "]);
            if (over) { day.appendChild(badge("期满待解除 over", "over")); }
            var dueCell = el("td", {}, [dueCases[r.c.id] ? badge("待测 due", "due") : badge("ok", "ok")]);
            tbody.appendChild(el("tr", { "data-case": r.c.id, "data-person": r.person.id }, [
              el("td", {}, [el("a", { href: "#", "data-trail": r.person.id, text: r.person.name || r.person.id })]),
              el("td", { text: r.compound }), day, el("td", { text: localTime(r.c.endsAt) }),
              el("td", { text: last ? last.celsius + " °C · " + localTime(last.occurredAt) : "—" }), dueCell]));
          });
        });
      });
    });
  }

  // --- checkpoints --------------------------------------------------------------------------------
  function checkpoints(date) {
    return api("/api/v1/boards/checkpoints" + q({ date: date })).then(function (board) {
      var thead = $("#checkpoints thead"), tbody = $("#checkpoints tbody");
      thead.textContent = "";
      tbody.textContent = "";
      var head = el("tr", {}, [el("th", { text: "卡点 checkpoint" }), el("th", { text: "进 in" }), el("th", { text: "出 out" }),
        el("th", { text: "拒 denied" }), el("th", { text: "发热 fevers" })]);
      for (var h = 0; h < 24; h++) { head.appendChild(el("th", { text: (h < 10 ? "0" : "") + h })); }
      thead.appendChild(head);
      var max = 1, total = { in: 0, out: 0, denied: 0 }, rules = {};
      (board.checkpoints || []).forEach(function (c) {
        (c.hours || []).forEach(function (x) { max = Math.max(max, x.in + x.out + x.denied); });
      });
      (board.checkpoints || []).forEach(function (c) {
        total.in += c.in; total.out += c.out; total.denied += c.denied;
        Object.keys(c.deniedByRule || {}).forEach(function (r) { rules[r] = (rules[r] || 0) + c.deniedByRule[r]; });
        var byHour = {};
        (c.hours || []).forEach(function (x) { byHour[x.hour.slice(-2)] = x; });
        var tr = el("tr", { "data-checkpoint": c.checkpointId }, [el("td", { text: c.name + (c.open ? "" : " (closed)") }),
          cell(c.in), cell(c.out), cell(c.denied, c.denied ? "denied" : ""), cell(c.fevers, c.fevers ? "denied" : "")]);
        for (var h = 0; h < 24; h++) {
          var x = byHour[(h < 10 ? "0" : "") + h];
          var n = x ? x.in + x.out + x.denied : 0;
          var td = el("td", { "class": "hour", title: x ? "in " + x.in + " · out " + x.out + " · denied " + x.denied : "" },
            [n ? String(n) : ""]);
          if (n) { td.appendChild(el("span", { "class": "bar", style: "width:" + Math.max(10, Math.round(100 * n / max)) + "%" })); }
          if (x && x.denied) { td.classList.add("denied"); }
          tr.appendChild(td);
        }
        tbody.appendChild(tr);
      });
      var ruleText = Object.keys(rules).map(function (r) { return r + " " + rules[r]; }).join(", ");
      $("#checkpoints .summary").textContent = board.date + ": 进 in " + total.in + " · 出 out " + total.out
        + " · 拒 denied " + total.denied + (ruleText ? " (" + ruleText + ")" : "");
    });
  }

  // --- coverage ----------------------------------------------------------------------------------
  function coverage() {
    return api("/api/v1/boards/volunteers").then(function (board) {
      var cov = board.coverage || { gaps: [] };
      var gaps = cov.gaps || [];
      $("#coverage .summary").textContent = localTime(cov.hour) + ": " + cov.openCheckpoints + " open checkpoints, "
        + gaps.length + " with a gap · 今日配送 deliveries today " + (board.deliveries ? board.deliveries.delivered : "?")
        + " · 消杀 rounds today " + (board.disinfection ? board.disinfection.roundsDone + " done, "
          + board.disinfection.roundsMissing + " missing" : "—");
      var tbody = $("#coverage tbody");
      tbody.textContent = "";
      gaps.forEach(function (g) {
        tbody.appendChild(el("tr", { "data-checkpoint": g.checkpointId }, [el("td", { text: g.checkpointName || g.checkpointId }),
          cell(g.required), cell(g.assigned), cell(g.onDuty), el("td", {}, [badge(g.gap, g.gap)])]));
      });
    });
  }

  // --- trail ---------------------------------------------------------------------------------------
  var SERVICES = ["registry", "quarantine", "checkpoint", "volunteer"];

  function describe(e) {
    var skip = { type: 1, eventType: 1, occurredAt: 1, recordedAt: 1, service: 1, globalIndex: 1, personId: 1,
                 aggregateId: 1, sequence: 1, hash: 1, previousHash: 1, communityId: 1, metadata: 1 };
    var source = e.payload || e.data || e;
    return Object.keys(source).filter(function (k) { return !skip[k] && source[k] != null && typeof source[k] !== "object"; })
      .slice(0, 6).map(function (k) { return k + ": " + source[k]; }).join(" · ");
  }

  function trail(personId, reason) {
    var list = $("#trail .timeline");
    list.textContent = "";
    $("#trail .summary").textContent = "…";
    return api("/api/v1/persons/" + encodeURIComponent(personId) + "/trail" + q({ reason: reason })).then(function (t) {
      var events = t.entries || t.events || [];
      var chains = t.chains ? Object.keys(t.chains).map(function (s) { return s + " " + (t.chains[s].status || ""); }).join(", ") : "";
      var st = t.state || {};
      $("#trail .summary").textContent = events.length + " events" + (t.complete === false ? " (incomplete)" : "")
        + (st.colour ? " · colour " + st.colour : "") + (st.quarantine ? " · quarantine " + st.quarantine : "")
        + (chains ? " · hash chains: " + chains : "");
      events.forEach(function (e) {
        var service = e.service || "";
        var li = el("li", { "class": "event " + (SERVICES.indexOf(service) >= 0 ? service : "") }, [
          el("time", { datetime: e.occurredAt || "", text: localTime(e.occurredAt) }),
          el("strong", { text: e.type || e.eventType || "event" }),
          el("span", { "class": "service", text: service }),
          el("div", { "class": "detail", text: describe(e) })]);
        list.appendChild(li);
      });
    }, function (error) {
      $("#trail .summary").textContent = "trail: " + error.message;
    });
  }

  // --- wiring ---------------------------------------------------------------------------------------
  function refresh() {
    var date = $("#date").value;
    status("loading…");
    var parts = [["colours", colours()], ["quarantine", quarantine(date)], ["checkpoints", checkpoints(date)],
                 ["coverage", coverage()]];
    return Promise.all(parts.map(function (p) {
      return p[1].then(function () { return null; }, function (e) { return p[0] + ": " + (e.message || e); });
    })).then(function (errors) {
      errors = errors.filter(Boolean);
      if (errors.some(function (e) { return /401|API key/.test(e); })) { return showLogin("That key was refused."); }
      document.body.setAttribute("data-loaded", "true");
      status(errors.length ? errors.join(" · ") : "updated " + new Date().toISOString().slice(11, 19) + " UTC", errors.length > 0);
    });
  }

  function showLogin(message) {
    sessionStorage.removeItem(STORE);
    state.key = null;
    $("#board").hidden = true;
    $("#login").hidden = false;
    status(message || "", !!message);
  }

  function start(key) {
    state.key = key;
    sessionStorage.setItem(STORE, key);
    $("#login").hidden = true;
    $("#board").hidden = false;
    return refresh();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var params = fragment();
    $("#date").value = params.date || new Date().toISOString().slice(0, 10);
    $("#trail-reason").value = params.reason || "";
    if (params.key) {
      var rest = Object.keys(params).filter(function (k) { return k !== "key"; })
        .map(function (k) { return encodeURIComponent(k) + "=" + encodeURIComponent(params[k]); }).join("&");
      history.replaceState(null, "", location.pathname + location.search + (rest ? "#" + rest : ""));
    }
    $("#key-form").addEventListener("submit", function (ev) { ev.preventDefault(); start($("#key").value.trim()); });
    $("#controls").addEventListener("submit", function (ev) { ev.preventDefault(); if (state.key) { refresh(); } });
    $("#forget").addEventListener("click", function () { showLogin(""); });
    $("#trail-form").addEventListener("submit", function (ev) {
      ev.preventDefault();
      trail($("#trail-person").value.trim(), $("#trail-reason").value.trim());
    });
    document.addEventListener("click", function (ev) {
      var link = ev.target.closest && ev.target.closest("[data-trail]");
      if (link) {
        ev.preventDefault();
        $("#trail-person").value = link.getAttribute("data-trail");
        trail(link.getAttribute("data-trail"), $("#trail-reason").value.trim());
      }
    });
    var key = params.key || sessionStorage.getItem(STORE);
    if (key) {
      start(key).then(function () { if (params.person) { $("#trail-person").value = params.person; trail(params.person, $("#trail-reason").value.trim()); } });
    } else {
      showLogin("");
    }
  });
})();
