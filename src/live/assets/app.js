// Reloads the page's main part when the presenter moves on (server-sent events). Without
// scripts the page still works: the form posts and the "Refresh" link reloads.
(function () {
  var main = document.getElementById("live");
  if (!main || !window.EventSource) { return; }
  var last = main.getAttribute("data-seq");
  var events = new EventSource(main.getAttribute("data-events"));
  events.onmessage = function (e) {
    if (e.data === last) { return; }
    last = e.data;
    fetch(main.getAttribute("data-part"), { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) { if (html !== null) { main.innerHTML = html; } });
  };
})();
