// Progressive help on a document page: the spans of the claim a link points at are marked,
// and a selected span's values (its title) are shown beside the text. Pages work without it.
(function () {
  "use strict";
  function markTarget() {
    document.querySelectorAll(".seg.target").forEach(function (el) { el.classList.remove("target"); });
    var ref = decodeURIComponent(location.hash.slice(1));
    if (!ref) { return; }
    var first = null;
    document.querySelectorAll(".seg[data-refs]").forEach(function (el) {
      if (el.dataset.refs.split(" ").indexOf(ref) >= 0) {
        el.classList.add("target");
        first = first || el;
      }
    });
    if (first) { showInfo(first); }
  }
  function showInfo(el) {
    var info = document.getElementById("span-info");
    if (!info) { return; }
    info.textContent = el.getAttribute("title") || "";
  }
  document.addEventListener("click", function (event) {
    var el = event.target.closest ? event.target.closest("#text .seg") : null;
    if (el) { showInfo(el); }
  });
  document.addEventListener("keyup", function () {
    var selection = window.getSelection();
    var node = selection && selection.anchorNode ? selection.anchorNode.parentElement : null;
    var el = node && node.closest ? node.closest("#text .seg") : null;
    if (el) { showInfo(el); }
  });
  window.addEventListener("hashchange", markTarget);
  document.addEventListener("DOMContentLoaded", markTarget);
})();
