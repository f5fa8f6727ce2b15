// vanban — small behaviours shared by every page (no inline scripts: CSP).
"use strict";
(function () {
  // Session inactivity: warn five minutes before the server ends it.
  const idle = Number(document.body.dataset.idle || 0);
  if (idle > 0) {
    const warn = document.querySelector(".idle-warning");
    let timer;
    const arm = () => {
      clearTimeout(timer);
      if (warn) warn.hidden = true;
      timer = setTimeout(() => { if (warn) warn.hidden = false; }, Math.max(idle - 300, 30) * 1000);
    };
    ["keydown", "pointerdown"].forEach((e) => document.addEventListener(e, arm, { passive: true }));
    arm();
  }
  // An error summary takes the focus, so that a keyboard or screen reader
  // user starts from it.
  const summary = document.querySelector(".error-summary:not([hidden])");
  if (summary && summary.querySelector("a,p")) summary.focus();
  const confirm = document.querySelector(".confirm");
  if (confirm) confirm.focus();
})();
