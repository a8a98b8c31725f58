/* bangvang lightbox: opens the photos of a gallery over the page. Plain script, no library;
   works from file:// too. Without it, each thumbnail is a link to the photo itself. */
(function () {
  "use strict";
  var me = document.currentScript, d = document;
  var text = function (k) { return (me && me.getAttribute("data-" + k)) || ""; };
  var links = Array.prototype.slice.call(d.querySelectorAll("a[data-lightbox]"));
  if (!links.length) return;
  var box, img, caption, count, entry, current = -1, opener = null, startX = null;

  function el(tag, cls, parent) {
    var e = d.createElement(tag);
    if (cls) e.className = cls;
    if (parent) parent.appendChild(e);
    return e;
  }
  function button(cls, label, symbol, action) {
    var b = el("button", cls, box);
    b.type = "button";
    b.setAttribute("aria-label", label);
    b.title = label;
    b.textContent = symbol;
    b.addEventListener("click", action);
    return b;
  }
  function build() {
    box = el("div", "lightbox", d.body);
    box.hidden = true;
    box.setAttribute("role", "dialog");
    box.setAttribute("aria-modal", "true");
    box.setAttribute("aria-label", text("label"));
    var stage = el("div", "lightbox__stage", box);
    img = el("img", "", stage);
    img.addEventListener("error", function () {
      var a = links[current];
      if (a && img.getAttribute("src") !== a.getAttribute("href")) img.src = a.getAttribute("href");
    });
    stage.addEventListener("click", function (e) { if (e.target === stage) close(); });
    var bar = el("div", "lightbox__bar", box);
    caption = el("p", "lightbox__caption", bar);
    count = el("span", "lightbox__count", bar);
    entry = el("a", "", bar);
    button("lightbox__close", text("close"), "\u00d7", close);
    button("lightbox__prev", text("prev"), "\u2039", function () { show(current - 1); });
    button("lightbox__next", text("next"), "\u203a", function () { show(current + 1); });
    box.addEventListener("touchstart", function (e) { startX = e.changedTouches[0].clientX; }, { passive: true });
    box.addEventListener("touchend", function (e) {
      if (startX === null) return;
      var dx = e.changedTouches[0].clientX - startX;
      startX = null;
      if (Math.abs(dx) > 40) show(current + (dx < 0 ? 1 : -1));
    });
    d.addEventListener("keydown", function (e) {
      if (box.hidden) return;
      if (e.key === "Escape") close();
      else if (e.key === "ArrowRight") show(current + 1);
      else if (e.key === "ArrowLeft") show(current - 1);
      else if (e.key === "Tab") trap(e);
    });
  }
  function trap(e) {
    var f = box.querySelectorAll("button, a[href]");
    var first = f[0], last = f[f.length - 1];
    if (e.shiftKey && d.activeElement === first) { last.focus(); e.preventDefault(); }
    else if (!e.shiftKey && d.activeElement === last) { first.focus(); e.preventDefault(); }
  }
  function show(i) {
    var n = links.length;
    current = (i + n) % n;
    var a = links[current], thumb = a.querySelector("img"), fig = a.closest("figure");
    var cap = fig && fig.querySelector("figcaption");
    img.src = a.getAttribute("data-webp") || a.getAttribute("href");
    img.alt = thumb ? thumb.alt : "";
    caption.textContent = cap ? cap.textContent : (thumb ? thumb.alt : "");
    count.textContent = n > 1 ? (current + 1) + " / " + n : "";
    var url = a.getAttribute("data-entry");
    entry.hidden = !url;
    if (url) {
      entry.href = url;
      entry.textContent = text("open") + ": " + a.getAttribute("data-entry-label");
    }
    [current + 1, current - 1].forEach(function (j) {
      var next = links[(j + n) % n];
      new Image().src = next.getAttribute("data-webp") || next.getAttribute("href");
    });
  }
  function open(i) {
    if (!box) build();
    opener = d.activeElement;
    box.hidden = false;
    d.documentElement.classList.add("lightbox-open");
    show(i);
    box.querySelector(".lightbox__close").focus();
  }
  function close() {
    box.hidden = true;
    img.removeAttribute("src");
    d.documentElement.classList.remove("lightbox-open");
    if (opener && opener.focus) opener.focus();
  }
  links.forEach(function (a, i) {
    a.addEventListener("click", function (e) {
      if (e.ctrlKey || e.metaKey || e.shiftKey || e.button) return;
      e.preventDefault();
      open(i);
    });
  });
})();
