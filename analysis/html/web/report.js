// Draws every plot of an hpcpat report with vega-embed, then writes what happened into
// #hpcpat-status as JSON: how many plots there are, how many were drawn, the data marks each one
// has, and every error (a failed plot, an uncaught exception, a console error). Headless browser
// tests read that element; a reader of the page sees the same line at its foot.
(function () {
  "use strict";
  var status = { plots: 0, drawn: 0, marks: {}, errors: [] };
  function note(message) { status.errors.push(String(message)); }
  window.addEventListener("error", function (e) { note(e.message); });
  var consoleError = console.error;
  console.error = function () {
    note(Array.prototype.join.call(arguments, " "));
    consoleError.apply(console, arguments);
  };

  // Items of the marks a spec draws from its data (role "mark"), not axes, legends or titles.
  function countMarks(node) {
    var n = 0;
    if (!node) return 0;
    if (node.marktype && node.role === "mark" && node.marktype !== "group") {
      n += (node.items || []).length;
    }
    (node.items || []).forEach(function (child) { n += countMarks(child); });
    return n;
  }

  function finish() {
    var out = document.getElementById("hpcpat-status");
    out.textContent = JSON.stringify(status);
    document.body.setAttribute("data-rendered", status.errors.length ? "with-errors" : "ok");
  }

  var specs = document.querySelectorAll('script[type="application/json"][data-plot]');
  status.plots = specs.length;
  var pending = [];
  Array.prototype.forEach.call(specs, function (node) {
    var id = node.getAttribute("data-plot");
    var spec;
    try {
      spec = JSON.parse(node.textContent);
    } catch (e) {
      note(id + ": " + e);
      return;
    }
    pending.push(vegaEmbed("#" + id, spec, { renderer: "svg", actions: { export: true, source: true, compiled: false, editor: false } })
      .then(function (result) {
        status.drawn += 1;
        status.marks[id] = countMarks(result.view.scenegraph().root);
      })
      .catch(function (e) { note(id + ": " + e); }));
  });
  Promise.all(pending).then(finish, function (e) { note(e); finish(); });
})();
