// Engross web app: the little script the pages use. Everything works without it; it adds the
// quick exit, and checks the form with the server's own validation as the user types.
"use strict";

(function () {
  // Quick exit: leave for a neutral page, replacing this one in the history.
  function quickExit(event) {
    if (event) event.preventDefault();
    document.title = "Weather";
    document.body.textContent = "";
    window.location.replace("/exit");
  }
  var exitLink = document.getElementById("quick-exit");
  if (exitLink) exitLink.addEventListener("click", quickExit);
  var lastEscape = 0;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var now = Date.now();
    if (now - lastEscape < 800) quickExit(event);
    lastEscape = now;
  });

  var form = document.querySelector("form[data-draft]");
  if (!form) return;
  var token = document.querySelector('meta[name="csrf-token"]').getAttribute("content");
  var status = document.getElementById("save-status");
  var summary = document.getElementById("error-summary");
  var summaryList = document.getElementById("error-summary-list");
  // Problems are shown for fields the user has touched, or for all after the step was checked.
  var touched = new Set();
  var showAll = summary && !summary.hidden;
  var timer = null;
  var sequence = 0;
  // The draft being saved, if any, and whether the form is being sent: a draft saved after the
  // form would undo what the form did (an item added or removed by a list button).
  var saving = null;
  var sending = false;

  function fieldID(element) {
    var holder = element.closest("[data-field]");
    return holder ? holder.getAttribute("data-field") : null;
  }

  form.addEventListener("input", function (event) {
    var id = fieldID(event.target);
    if (id) touched.add(id);
    schedule(700);
  });
  form.addEventListener("change", function (event) {
    var id = fieldID(event.target);
    if (id) touched.add(id);
    schedule(0);
  });

  function schedule(delay) {
    clearTimeout(timer);
    timer = setTimeout(check, delay);
  }

  // Sending the form stops the drafts; one already on its way is let finish first.
  form.addEventListener("submit", function (event) {
    clearTimeout(timer);
    sending = true;
    if (!saving) return;
    event.preventDefault();
    var submitter = event.submitter;
    saving.then(function () { form.requestSubmit(submitter); });
  });
  // A page restored from the back-forward cache may save drafts again.
  window.addEventListener("pageshow", function (event) { if (event.persisted) sending = false; });

  function check() {
    if (sending) return;
    var mine = ++sequence;
    var body = new URLSearchParams(new FormData(form));
    if (status) status.textContent = "Saving…";
    var request = fetch(form.getAttribute("data-draft"), {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": token, "Accept": "application/json" },
      body: body,
      credentials: "same-origin"
    }).then(function (response) {
      return response.json().then(function (answer) { return { ok: response.ok, answer: answer }; });
    }).then(function (result) {
      if (mine !== sequence) return;
      if (!result.ok) {
        if (status) status.textContent = result.answer.error || "Not saved: try again.";
        return;
      }
      if (status) status.textContent = "Saved";
      show(result.answer);
    }).catch(function () {
      if (status) status.textContent = "Not saved: the server did not answer.";
    }).then(function () {
      if (saving === request) saving = null;
    });
    saving = request;
  }

  // The element whose error message shows a diagnostic: its own control, or the nearest group
  // or list around it that has one.
  function holderFor(inputID) {
    var id = inputID;
    while (id && id.length > 2) {
      if (document.getElementById(id + "-error")) return id;
      var cut = id.lastIndexOf("-");
      if (cut <= 1) break;
      id = id.slice(0, cut);
    }
    return null;
  }

  function isTouched(holder) {
    if (showAll) return true;
    for (var id of touched) {
      if (id === holder || id.indexOf(holder + "-") === 0) return true;
    }
    return false;
  }

  function show(answer) {
    var messages = {};
    var summaryItems = [];
    answer.diagnostics.forEach(function (diagnostic) {
      if (!diagnostic.onThisStep) return;
      var holder = holderFor(diagnostic.input);
      if (!holder) return;
      var relevant = isTouched(holder) || (diagnostic.code === "rule-failed" && touched.size > 0);
      if (!relevant) return;
      (messages[holder] = messages[holder] || []).push(diagnostic);
      summaryItems.push({ text: diagnostic.text, target: diagnostic.input, warning: diagnostic.severity === "warning" });
    });
    form.querySelectorAll(".error-message").forEach(function (element) {
      var holder = element.id.slice(0, -"-error".length);
      var list = messages[holder] || [];
      element.textContent = "";
      list.forEach(function (diagnostic) {
        var span = document.createElement("span");
        span.textContent = diagnostic.text + (diagnostic.shownHelp ? " (" + diagnostic.shownHelp + ")" : "") + " ";
        element.appendChild(span);
      });
      element.hidden = list.length === 0;
      var control = document.getElementById(holder);
      var wrapper = element.closest(".field, .group, .list");
      if (wrapper) wrapper.classList.toggle("has-error", list.length > 0);
      if (control) describe(control, element.id, list.length > 0);
    });
    var required = new Set(answer.required);
    document.querySelectorAll("[data-required-for][data-conditional]").forEach(function (marker) {
      var id = marker.getAttribute("data-required-for");
      marker.hidden = !required.has(id);
      var control = document.getElementById(id);
      if (control && control.matches("input, select, textarea")) {
        if (required.has(id)) control.setAttribute("aria-required", "true"); else control.removeAttribute("aria-required");
      }
    });
    if (summaryList) {
      summaryList.textContent = "";
      summaryItems.forEach(function (item) {
        var li = document.createElement("li");
        if (item.warning) li.className = "warning";
        var link = document.createElement("a");
        link.href = "#" + item.target;
        link.textContent = item.text;
        li.appendChild(link);
        summaryList.appendChild(li);
      });
      summary.hidden = summaryItems.length === 0;
    }
    answer.steps.forEach(function (count, index) {
      var badge = document.querySelector('[data-step-count="' + (index + 1) + '"]');
      if (!badge) return;
      badge.hidden = count === 0;
      badge.textContent = String(count);
      var hidden = document.createElement("span");
      hidden.className = "visually-hidden";
      hidden.textContent = " to fix";
      badge.appendChild(hidden);
    });
  }

  // aria-describedby lists the help, then the error when there is one.
  function describe(control, errorID, hasError) {
    var targets = control.matches("input, select, textarea") ? [control] : Array.prototype.slice.call(control.querySelectorAll(":scope > .option > input"));
    if (!control.matches("input, select, textarea")) targets.push(control);
    targets.forEach(function (target) {
      var ids = (target.getAttribute("aria-describedby") || "").split(" ").filter(function (id) { return id && id !== errorID; });
      if (hasError) ids.push(errorID);
      if (ids.length) target.setAttribute("aria-describedby", ids.join(" ")); else target.removeAttribute("aria-describedby");
      if (target.matches("input, select, textarea")) {
        if (hasError) target.setAttribute("aria-invalid", "true"); else target.removeAttribute("aria-invalid");
      }
    });
  }

  // A link of the summary moves the focus to its field.
  document.addEventListener("click", function (event) {
    var link = event.target.closest(".error-summary a[href^='#']");
    if (!link) return;
    var target = document.getElementById(link.getAttribute("href").slice(1));
    if (!target) return;
    event.preventDefault();
    var focusable = target.matches("input, select, textarea") ? target : target.querySelector("input, select, textarea");
    target.scrollIntoView({ block: "center" });
    (focusable || target).focus();
  });

  // After a step is checked by the server, the summary takes the focus.
  if (summary && !summary.hidden) summary.focus();
})();
