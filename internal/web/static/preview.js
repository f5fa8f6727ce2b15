// vanban — the drafting page: live PDF preview drawn by pdf.js, problems
// beside their fields, and the văn thư's confirmation of the number.
import * as pdfjs from "/static/pdfjs/pdf.min.mjs";

pdfjs.GlobalWorkerOptions.workerSrc = "/static/pdfjs/pdf.worker.min.mjs";
// One worker for the page's life: starting one per preview costs more than
// drawing the pages.
const worker = new pdfjs.PDFWorker();

const form = document.getElementById("draft");
const pages = document.getElementById("trang");
const state = document.getElementById("xem-truoc-trang-thai");
const saved = document.getElementById("trang-thai");
const saveAlert = document.getElementById("luu-loi");
const summary = document.getElementById("tom-tat-loi");
const csrf = form.querySelector('input[name="csrf"]').value;
const DELAY = 400;

// failure says what a reply that is not the expected JSON means for the
// officer (the server answers 401 and 403 with an HTML page).
const failure = (status) => {
  switch (status) {
    case 401: return "Phiên làm việc đã hết hạn — hãy đăng nhập lại (trong một thẻ mới); trang này giữ những gì đã nhập.";
    case 403: return "Trang đã cũ (mã chống giả mạo hết hạn) — hãy lưu nội dung ra nơi khác rồi tải lại trang.";
    case 413: return "Nội dung quá lớn, máy chủ không nhận.";
    default: return "Máy chủ trả lời lỗi " + status + " — hãy thử lại sau ít phút.";
  }
};
// reply reads a JSON answer, or says why there is none.
const reply = async (res) => (res.headers.get("Content-Type") || "").startsWith("application/json")
  ? res.json() : { ok: false, error: failure(res.status) };

let timer = 0;
let inflight = null;
let seq = 0;
let drawn = 0;

function hhmm(d) {
  return String(d.getHours()).padStart(2, "0") + ":" + String(d.getMinutes()).padStart(2, "0");
}

function body(extra) {
  const data = new URLSearchParams(new FormData(form));
  if (extra) for (const [k, v] of Object.entries(extra)) data.set(k, v);
  return data;
}

function showProblems(problems, errors) {
  form.querySelectorAll(".field").forEach((f) => f.classList.remove("has-error"));
  form.querySelectorAll(".field-error").forEach((p) => { p.hidden = true; p.textContent = ""; });
  form.querySelectorAll(".line-problems").forEach((u) => { u.hidden = true; u.textContent = ""; });
  const list = document.getElementById("tom-tat-ds");
  list.textContent = "";
  for (const p of problems) {
    const li = document.createElement("li");
    if (p.warning) li.className = "warn";
    let text = p.message;
    if (p.id) {
      const a = document.createElement("a");
      a.href = "#" + p.id;
      a.textContent = (p.label ? p.label + (p.line ? ", dòng " + p.line : "") + ": " : "") + p.message;
      li.appendChild(a);
      const input = document.getElementById(p.id);
      const box = input && input.closest(".field");
      if (box) {
        if (p.line) {
          const ul = document.getElementById(p.id + "-dong");
          if (ul) {
            const item = document.createElement("li");
            if (p.warning) item.className = "warn";
            const b = document.createElement("button");
            b.type = "button"; b.className = "link"; b.dataset.line = p.line; b.dataset.target = p.id;
            b.textContent = "Dòng " + p.line;
            item.append(b, ": " + p.message);
            ul.appendChild(item);
            ul.hidden = false;
          }
        } else {
          if (!p.warning) box.classList.add("has-error");
          const err = document.getElementById(p.id + "-loi");
          if (err) {
            const s = document.createElement("span");
            if (p.warning) s.className = "warn";
            s.textContent = p.message + " ";
            err.appendChild(s);
            err.hidden = false;
          }
        }
      }
    } else {
      li.textContent = text;
    }
    list.appendChild(li);
  }
  document.getElementById("tom-tat-tieu-de").textContent = errors > 0 ? "Có " + errors + " lỗi cần sửa" : "Cần xem lại";
  summary.hidden = problems.length === 0;
  summary.classList.toggle("warn-only", errors === 0);
}

function decode(b64) {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

// draw lays out every page at its size, draws the pages in view first and
// shows them (keeping the scroll position), then draws the others; a newer
// preview (seq) stops it. It returns the page count once the pages in view
// are on screen, and a promise of the rest.
async function draw(bytes, my) {
  const task = pdfjs.getDocument({ data: bytes, worker, isEvalSupported: false, useSystemFonts: false });
  const doc = await task.promise;
  const width = Math.max(pages.clientWidth - 28, 200);
  const ratio = window.devicePixelRatio || 1;
  const items = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const base = page.getViewport({ scale: 1 });
    const vp = page.getViewport({ scale: (width / base.width) * ratio });
    const c = document.createElement("canvas");
    c.width = Math.floor(vp.width);
    c.height = Math.floor(vp.height);
    c.style.width = Math.floor(vp.width / ratio) + "px";
    c.setAttribute("role", "img");
    c.setAttribute("aria-label", "Trang " + n + " của " + doc.numPages);
    items.push({ page, vp, c, h: vp.height / ratio });
  }
  const top = pages.scrollTop;
  const bottom = top + pages.clientHeight;
  const gap = 14;
  let y = gap;
  const first = [], later = [];
  for (const it of items) {
    (y < bottom && y + it.h > top ? first : later).push(it);
    y += it.h + gap;
  }
  const paint = (it) => it.page.render({ canvasContext: it.c.getContext("2d"), viewport: it.vp, canvas: it.c }).promise;
  for (const it of first) await paint(it);
  if (my !== seq) { task.destroy(); return { count: 0, rest: Promise.resolve() }; }
  pages.replaceChildren(...items.map((it) => it.c));
  pages.scrollTop = top;
  const rest = (async () => {
    for (const it of later) {
      if (my !== seq) break;
      await paint(it);
    }
    task.destroy();
  })();
  return { count: doc.numPages, rest };
}

async function refresh() {
  const my = ++seq;
  if (inflight) inflight.abort();
  inflight = new AbortController();
  const t0 = performance.now();
  state.textContent = "Đang cập nhật…";
  delete pages.dataset.allMs;
  state.classList.remove("bad");
  pages.classList.add("stale");
  let rep;
  try {
    const res = await fetch(form.dataset.preview, {
      method: "POST", body: body(), signal: inflight.signal,
      headers: { "X-CSRF-Token": csrf, "Accept": "application/json" },
    });
    if (!(res.headers.get("Content-Type") || "").startsWith("application/json")) {
      state.textContent = failure(res.status);
      state.classList.add("bad");
      return;
    }
    rep = await res.json();
  } catch (e) {
    if (e.name !== "AbortError") { state.textContent = "Không kết nối được máy chủ."; state.classList.add("bad"); }
    return;
  }
  if (my !== seq) return;
  showProblems(rep.problems || [], rep.errors || 0);
  if (!rep.ok) {
    state.textContent = rep.errors ? "Còn " + rep.errors + " lỗi: bản xem trước giữ lần đúng gần nhất." : (rep.problems[0] || {}).message || "Chưa dựng được văn bản.";
    state.classList.add("bad");
    pages.classList.add("stale");
    return;
  }
  const t1 = performance.now();
  const { count: n, rest } = await draw(decode(rep.pdf), my);
  if (my !== seq) return;
  const ms = Math.round(performance.now() - t0);
  pages.dataset.fetchMs = String(Math.round(t1 - t0));
  rest.then(() => { if (my === seq) pages.dataset.allMs = String(Math.round(performance.now() - t0)); });
  drawn++;
  pages.classList.remove("stale");
  pages.dataset.ms = String(ms);
  pages.dataset.serverMs = String(rep.serverMs);
  pages.dataset.drawn = String(drawn);
  pages.dataset.pages = String(n);
  const now = new Date();
  state.textContent = n + " trang · cập nhật lúc " + hhmm(now) + " (" + ms + " ms)";
  if (saved && !autosave.on) saved.textContent = "Đã kiểm tra lúc " + hhmm(now) + (rep.problems.length ? "" : ": không có lỗi");
  autosave.soon();
}

// Drafts save themselves: a minute after a change that previewed, the form
// is saved as a new version of its draft (the first save makes the draft).
const autosave = {
  on: !!document.getElementById("luu-nhap"),
  last: "",
  timer: 0,
  dirty: false,
  soon() {
    if (!this.on || !this.dirty || this.timer) return;
    this.timer = setTimeout(() => { this.timer = 0; this.save(); }, Number(form.dataset.autosave || 60000));
  },
  async save() {
    const data = body();
    data.delete("csrf");
    const snapshot = data.toString();
    if (snapshot === this.last) return;
    this.dirty = false;
    const res = await fetch(document.getElementById("luu-nhap").formAction,
      { method: "POST", body: body(), headers: { "X-CSRF-Token": csrf, "Accept": "application/json" } }).catch(() => null);
    const rep = res ? await reply(res).catch(() => null) : { error: "không kết nối được máy chủ." };
    if (!rep || !rep.id) {
      // Not saved: said, and tried again after the next change.
      this.dirty = true;
      const msg = "Chưa lưu được bản nháp: " + ((rep && rep.error) || failure(res ? res.status : 0));
      if (saved) saved.textContent = msg;
      if (saved) saved.classList.add("bad");
      // Said again in the action bar, which stays in sight as the officer
      // scrolls: the save line is at the top of the form.
      if (saveAlert) { saveAlert.textContent = msg; saveAlert.hidden = false; }
      return;
    }
    if (saved) saved.classList.remove("bad");
    if (saveAlert) { saveAlert.hidden = true; saveAlert.textContent = ""; }
    this.last = snapshot;
    let id = form.querySelector('input[name="nhap"]');
    if (!id) {
      id = document.createElement("input");
      id.type = "hidden"; id.name = "nhap"; id.value = rep.id;
      form.appendChild(id);
      history.replaceState(null, "", location.pathname + "?nhap=" + encodeURIComponent(rep.id));
    }
    if (saved) saved.textContent = "Đã lưu lúc " + rep.at + " (phiên bản " + rep.version + ")";
    form.dataset.saved = String(rep.version);
  },
};

form.addEventListener("input", () => {
  autosave.dirty = true;
  clearTimeout(timer);
  timer = setTimeout(refresh, DELAY);
});
form.addEventListener("change", () => {
  clearTimeout(timer);
  timer = setTimeout(refresh, DELAY);
});

// "Dòng 12": put the caret on that line of the body.
form.addEventListener("click", (e) => {
  const b = e.target.closest("button[data-line]");
  if (!b) return;
  const ta = document.getElementById(b.dataset.target);
  if (!ta) return;
  const lines = ta.value.split("\n");
  const n = Math.min(Number(b.dataset.line), lines.length);
  let start = 0;
  for (let i = 0; i < n - 1; i++) start += lines[i].length + 1;
  ta.focus();
  ta.setSelectionRange(start, start + (lines[n - 1] || "").length);
  const lh = parseFloat(getComputedStyle(ta).lineHeight) || 20;
  ta.scrollTop = Math.max(0, (n - 3) * lh);
});

// Cấp số và phát hành: say which number it takes, then issue.
const issue = document.getElementById("phat-hanh");
const dialog = document.getElementById("hop-xac-nhan");
if (issue && dialog && typeof dialog.showModal === "function") {
  issue.addEventListener("click", async (e) => {
    e.preventDefault();
    let rep;
    try {
      const res = await fetch(form.dataset.next, { method: "POST", body: body(), headers: { "X-CSRF-Token": csrf } });
      rep = await reply(res);
    } catch (err) {
      rep = { error: "Không kết nối được máy chủ." };
    }
    const text = document.getElementById("hop-noi-dung");
    const ok = document.getElementById("hop-dong-y");
    if (rep.error) {
      text.textContent = "Chưa cấp số được: " + rep.error;
      ok.hidden = true;
    } else {
      text.textContent = "Văn bản sẽ nhận số " + rep.ref + " trong sổ văn bản đi. Số đã cấp không lấy lại được.";
      ok.hidden = false;
      ok.textContent = "Cấp số " + rep.ref + " và phát hành";
    }
    dialog.returnValue = "";
    dialog.showModal();
    dialog.addEventListener("close", () => {
      if (dialog.returnValue !== "ok" || rep.error) return;
      const h = document.createElement("input");
      h.type = "hidden"; h.name = "xac-nhan"; h.value = rep.ref;
      form.appendChild(h);
      form.action = issue.formAction;
      form.submit();
    }, { once: true });
  });
}

// A Word draft as the body: read on the server (wordbody), put in the text
// area as if pasted. The file input is not part of the form's data.
form.querySelectorAll('input[type="file"][data-body]').forEach((input) => {
  input.removeAttribute("name");
  input.addEventListener("change", async () => {
    const file = input.files && input.files[0];
    if (!file) return;
    const st = document.getElementById(input.id + "-tt");
    st.textContent = "Đang đọc " + file.name + "…";
    const data = new FormData();
    data.append("tep", file);
    let rep;
    try {
      const res = await fetch("/van-ban/doc-tep", { method: "POST", body: data, headers: { "X-CSRF-Token": csrf } });
      rep = await reply(res);
    } catch (e) {
      rep = { error: "Không kết nối được máy chủ." };
    }
    if (rep.error) { st.textContent = rep.error; return; }
    const ta = document.getElementById(input.dataset.body);
    ta.focus();
    ta.select();
    if (!document.execCommand("insertText", false, rep.text)) ta.value = rep.text;
    ta.dispatchEvent(new Event("input", { bubbles: true }));
    st.textContent = "Đã lấy nội dung từ " + file.name + "." + (rep.note ? " " + rep.note : "");
  });
});

// Keyboard: Ctrl+Enter (or Alt+P) refreshes the preview at once.
document.addEventListener("keydown", (e) => {
  if ((e.ctrlKey && e.key === "Enter") || (e.altKey && (e.key === "p" || e.key === "P"))) {
    e.preventDefault();
    clearTimeout(timer);
    refresh();
  }
});

// "Điền văn bản mẫu" replaces what is on the form: asked first once the
// officer has written something.
const sample = document.getElementById("dien-mau");
if (sample) {
  sample.addEventListener("click", (e) => {
    if (autosave.dirty && !window.confirm("Thay những gì đã nhập bằng văn bản mẫu? Những gì đã nhập chưa lưu sẽ mất.")) e.preventDefault();
  });
}

// A new draft opens with empty content (the example shows as placeholders):
// nothing to draw, and no problems to list, until the officer writes.
if (form.dataset.fresh) {
  state.textContent = "Viết trích yếu và nội dung để xem trước (chữ mờ trong ô là ví dụ).";
} else {
  refresh();
}
