// Loop Doctor: copy buttons, extra file boxes, Ctrl+Enter, live diagnosis while typing.
// Everything works without this script; it only adds comfort. Text goes in with textContent, never as markup.
(function () {
  "use strict";

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "visually-hidden";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error("copy failed")); }
    });
  }

  function setupCopyButtons() {
    document.querySelectorAll("[data-copy]").forEach(function (button) {
      var source = document.getElementById(button.getAttribute("data-copy"));
      if (!source) { return; }
      button.hidden = false;
      var label = button.textContent;
      var status = button.parentElement.querySelector(".copy-status");
      button.addEventListener("click", function () {
        copyText(source.value !== undefined ? source.value : source.textContent).then(function () {
          button.textContent = "Copied ✓";
          button.setAttribute("data-copied", "true");
          if (status) { status.textContent = "Copied to the clipboard."; }
          window.setTimeout(function () { button.textContent = label; }, 2000);
        }, function () {
          if (status) { status.textContent = "Copy failed: select the text and press Ctrl+C."; }
        });
      });
    });
  }

  function setupFileBoxes() {
    var add = document.getElementById("add-box");
    var boxes = document.getElementById("file-boxes");
    var template = document.getElementById("file-box-template");
    if (!add || !boxes || !template) { return; }
    add.addEventListener("click", function (event) {
      event.preventDefault();
      var count = boxes.querySelectorAll(".file-box").length + 1;
      if (count > 20) { return; }
      var box = template.content.firstElementChild.cloneNode(true);
      var input = box.querySelector("input");
      var area = box.querySelector("textarea");
      var labels = box.querySelectorAll("label");
      input.id = "file-name-" + count;
      area.id = "file-text-" + count;
      labels[0].htmlFor = input.id;
      labels[1].htmlFor = area.id;
      labels[1].textContent = "Text of file " + count;
      boxes.appendChild(box);
      input.focus();
    });
  }

  function setupForm() {
    var form = document.getElementById("paste-form");
    if (!form) { return; }
    form.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        var button = document.getElementById("diagnose");
        if (form.requestSubmit) { form.requestSubmit(button); } else { button.click(); }
      }
    });
    setupLive(form);
  }

  var VERDICTS = {
    "loop-mismatch": "Event-loop mismatch",
    "asyncio-misconfiguration": "pytest-asyncio is misconfigured",
    "not-loop-related": "Not an event-loop problem",
    "no-failure": "No failure found",
    "unknown": "Not recognised"
  };

  function setupLive(form) {
    var live = document.getElementById("live");
    var verdict = document.getElementById("live-verdict");
    var finding = document.getElementById("live-finding");
    var paste = document.getElementById("paste");
    if (!live || !paste || !window.fetch) { return; }
    var timer = null;
    var serial = 0;

    function body() {
      var names = form.querySelectorAll("input[name=file_name]");
      var texts = form.querySelectorAll("textarea[name=file_text]");
      var files = [];
      texts.forEach(function (area, i) {
        if (area.value.trim()) { files.push({ name: names[i] ? names[i].value : "", text: area.value }); }
      });
      var version = form.querySelector("input[name=pytest_asyncio_version]");
      var hints = {};
      if (version && version.value.trim()) { hints.pytest_asyncio_version = version.value.trim(); }
      return JSON.stringify({ paste: paste.value, files: files, hints: hints });
    }

    function run() {
      if (!paste.value.trim() || paste.value.length > 2000000) { live.hidden = true; return; }
      var mine = ++serial;
      fetch(form.getAttribute("data-api") || "/api/v1/diagnose", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: body(),
        credentials: "same-origin"
      }).then(function (response) {
        return response.json().then(function (data) { return { ok: response.ok, data: data }; });
      }).then(function (answer) {
        if (mine !== serial) { return; }
        live.hidden = false;
        if (!answer.ok) {
          verdict.textContent = "";
          finding.textContent = answer.data && answer.data.error ? answer.data.error : "";
          return;
        }
        var data = answer.data;
        verdict.textContent = VERDICTS[data.verdict] || data.verdict;
        var top = data.findings && data.findings[0];
        finding.textContent = top ? top.title + " (" + top.confidence + " confidence)" : (data.reason || "");
      }).catch(function () { /* the form still works */ });
    }

    form.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(run, 700);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupCopyButtons();
    setupFileBoxes();
    setupForm();
  });
})();
