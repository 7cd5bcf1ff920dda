// Render every chart of the page with Vega-Embed (bundled beside this file: no network).
// When all are drawn, <body data-charts="rendered">; if one fails, "failed" and the error is logged.
(function () {
  "use strict";
  var locale = JSON.parse(document.getElementById("chart-locale").textContent);
  var nodes = Array.prototype.slice.call(document.querySelectorAll("[data-chart]"));
  var jobs = nodes.map(function (node) {
    var spec = JSON.parse(document.getElementById(node.getAttribute("data-chart") + "-spec").textContent);
    var options = { mode: "vega-lite", actions: false, renderer: "svg", formatLocale: locale };
    return vegaEmbed(node, spec, options).then(function (result) {
      node.setAttribute("data-rendered", "true");
      return result;
    });
  });
  Promise.all(jobs).then(
    function () { document.body.setAttribute("data-charts", "rendered"); },
    function (error) { document.body.setAttribute("data-charts", "failed"); console.error(error); }
  );
})();
