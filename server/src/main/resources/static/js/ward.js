/* Ward console behaviour. Loaded as a file (the CSP allows no inline script): htmx CSRF header,
   charts and the peer graph from data attributes, the setup form's error display, and the
   risk-acceptance fields of status forms. Every page works without it, less comfortably. */
(function () {
  "use strict";

  function meta(name) {
    var m = document.querySelector('meta[name="' + name + '"]');
    return m ? m.getAttribute("content") : null;
  }

  // A session that ended (signed out elsewhere, password changed, user disabled) answers htmx's
  // requests with 401, which htmx does not show: the sort link or live upload row just stopped.
  // Go to the sign-in page instead.
  document.addEventListener("htmx:responseError", function (e) {
    var xhr = e.detail && e.detail.xhr;
    if (xhr && xhr.status === 401) {
      window.location.assign("/login");
    }
  });

  // htmx requests that change state carry the CSRF token as a header.
  document.addEventListener("htmx:configRequest", function (e) {
    var header = meta("csrf-header");
    var token = meta("csrf-token");
    if (header && token) {
      e.detail.headers[header] = token;
    }
  });

  var PALETTE = ["#0b5cad", "#c27c00", "#1e6b34", "#b42318", "#6b4fbb", "#00838f",
                 "#8d6e63", "#5d7496", "#d81b60", "#33691e", "#4e342e", "#283593"];
  // Ordered schemes: risk bands from none to critical, criticality from life-critical to low.
  var SCHEMES = {
    risk: ["#9aa5b1", "#5d7496", "#c27c00", "#d14334", "#8f1d14"],
    criticality: ["#b42318", "#c27c00", "#5d7496", "#1e6b34"]
  };

  function colours(spec) {
    var scheme = SCHEMES[spec.palette] || PALETTE;
    return spec.labels.map(function (l, i) { return scheme[i % scheme.length]; });
  }

  function drawCharts(root) {
    if (typeof window.Chart === "undefined") {
      return;
    }
    root.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      if (canvas.dataset.drawn) {
        return;
      }
      canvas.dataset.drawn = "1";
      var spec = JSON.parse(canvas.dataset.chart);
      var doughnut = spec.type === "doughnut";
      new window.Chart(canvas, {
        type: spec.type,
        data: {
          labels: spec.labels,
          datasets: [{label: spec.label, data: spec.values, backgroundColor: colours(spec),
                      borderWidth: doughnut ? 2 : 0}]
        },
        options: {
          responsive: true, maintainAspectRatio: false, animation: false,
          plugins: {legend: {display: doughnut, position: "right"}},
          scales: doughnut ? {} : {y: {beginAtZero: true, ticks: {precision: 0}}}
        }
      });
    });
  }

  function drawPeerGraph() {
    var box = document.getElementById("peer-graph");
    if (!box || typeof window.cytoscape === "undefined") {
      return;
    }
    fetch(box.dataset.src, {headers: {"Accept": "application/json"}, credentials: "same-origin"})
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(function (peers) {
        var self = "d" + box.dataset.device;
        var nodes = {};
        nodes[self] = {data: {id: self, label: box.dataset.name, self: 1}};
        var edges = {};
        peers.slice(0, 60).forEach(function (p) {
          var id = "d" + p.peerId;
          nodes[id] = nodes[id] || {data: {id: id, label: p.peerName, href: "/devices/" + p.peerId}};
          var key = (p.asClient ? self + ">" + id : id + ">" + self) + ":" + p.protocol;
          edges[key] = {data: {id: key, source: p.asClient ? self : id, target: p.asClient ? id : self,
                               label: p.protocol, clear: p.cleartextFlows > 0 ? 1 : 0}};
        });
        var cy = window.cytoscape({
          container: box,
          elements: Object.values(nodes).concat(Object.values(edges)),
          layout: {name: "concentric", concentric: function (n) { return n.data("self") ? 2 : 1; },
                   levelWidth: function () { return 1; }, minNodeSpacing: 70, animate: false,
                   padding: 30},
          style: [
            {selector: "node", style: {"label": "data(label)", "font-size": 11, "color": "#1f2933",
              "background-color": "#5d7496", "text-valign": "bottom", "text-margin-y": 4,
              "width": 18, "height": 18, "text-wrap": "ellipsis", "text-max-width": 110,
              "text-background-color": "#fbfcfe", "text-background-opacity": 0.85,
              "text-background-padding": 2}},
            {selector: "node[self = 1]", style: {"background-color": "#0b5cad", "width": 28, "height": 28,
              "font-weight": "bold"}},
            {selector: "edge", style: {"label": "data(label)", "font-size": 9, "color": "#52606d",
              "curve-style": "bezier", "target-arrow-shape": "triangle", "width": 1.5,
              "line-color": "#9aa5b1", "target-arrow-color": "#9aa5b1", "text-rotation": "autorotate"}},
            {selector: "edge[clear = 1]", style: {"line-color": "#b42318", "target-arrow-color": "#b42318",
              "line-style": "dashed"}}
          ],
          wheelSensitivity: 0.3
        });
        cy.on("tap", "node", function (e) {
          var href = e.target.data("href");
          if (href) {
            window.location.href = href;
          }
        });
      })
      .catch(function () { /* the table beside the graph lists the same peers */ });
  }

  // First-run setup: show the server's refusal (a problem document) on the page.
  function enhanceSetup() {
    var form = document.querySelector('form[data-enhance="setup"]');
    if (!form || !window.fetch) {
      return;
    }
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var box = document.getElementById("setup-error");
      fetch(form.action, {method: "POST", body: new URLSearchParams(new FormData(form)),
                          headers: {"Accept": "application/json, application/problem+json"},
                          credentials: "same-origin", redirect: "follow"})
        .then(function (r) {
          if (r.ok) {
            window.location.href = "/login?setup";
            return null;
          }
          return r.json().then(function (p) {
            box.textContent = (p && p.detail) ? p.detail : "Setup was refused (" + r.status + ").";
            box.hidden = false;
            box.focus();
          }, function () {
            box.textContent = "Setup was refused (" + r.status + ").";
            box.hidden = false;
          });
        });
    });
  }

  // Status forms: the risk-acceptance fields only matter for "risk accepted".
  function bindStatusForms(root) {
    root.querySelectorAll(".status-form").forEach(function (form) {
      var select = form.querySelector(".status-select");
      var extra = form.querySelector("[data-for-status]");
      if (!select || !extra) {
        return;
      }
      var sync = function () {
        extra.hidden = select.value !== extra.dataset.forStatus;
      };
      select.addEventListener("change", sync);
      sync();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    drawCharts(document);
    drawPeerGraph();
    enhanceSetup();
    bindStatusForms(document);
    var err = document.getElementById("setup-error");
    if (err) {
      err.setAttribute("tabindex", "-1");
    }
  });
  document.addEventListener("htmx:afterSettle", function (e) {
    drawCharts(e.target);
    bindStatusForms(e.target);
  });
})();
