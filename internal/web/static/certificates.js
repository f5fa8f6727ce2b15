// vanban — printing certificates: the first certificate drawn as it will
// print (mode, design, printer offset), redrawn as the offset changes, so
// that the văn thư sees the text move before printing. pdf.js draws it.
import * as pdfjs from "/static/pdfjs/pdf.min.mjs";

pdfjs.GlobalWorkerOptions.workerSrc = "/static/pdfjs/pdf.worker.min.mjs";

const form = document.getElementById("in-bang");
const box = document.getElementById("bang-xem-truoc");
const state = document.getElementById("bang-xt-tt");
if (form && box && form.dataset.preview) {
  const worker = new pdfjs.PDFWorker();
  let seq = 0;
  let timer = 0;
  let drawn = 0;
  const mm = (v) => String(v).replace(".", ",");

  const decode = (b64) => {
    const bin = atob(b64);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  };

  // failure says what a reply that is not the preview means for the
  // officer (the server answers 401 and 403 with an HTML page).
  const failure = (status) => {
    switch (status) {
      case 401: return "Phiên làm việc đã hết hạn — hãy đăng nhập lại (trong một thẻ mới), rồi tải lại trang này.";
      case 403: return "Trang đã cũ (mã chống giả mạo hết hạn) — hãy tải lại trang.";
      case 413: return "Yêu cầu quá lớn, máy chủ không nhận.";
      default: return "Máy chủ trả lời lỗi " + status + " — hãy thử lại sau ít phút.";
    }
  };

  // draw renders page 1 of the PDF (base64) on a new canvas; base is the
  // page's size at scale 1. Both are the caller's own: a draw of an older
  // request that ends late cannot change what a newer one records.
  async function draw(b64) {
    const task = pdfjs.getDocument({ data: decode(b64), worker, isEvalSupported: false, useSystemFonts: false });
    try {
      const doc = await task.promise;
      const page = await doc.getPage(1);
      const base = page.getViewport({ scale: 1 });
      const ratio = window.devicePixelRatio || 1;
      const width = Math.max(box.clientWidth - 20, 200);
      const vp = page.getViewport({ scale: (width / base.width) * ratio });
      const c = document.createElement("canvas");
      c.width = Math.floor(vp.width);
      c.height = Math.floor(vp.height);
      await page.render({ canvasContext: c.getContext("2d"), viewport: vp, canvas: c }).promise;
      return { c, base };
    } finally {
      task.destroy();
    }
  }

  // fieldError says msg beside "Mẫu" (a danh hiệu has no design of its
  // own: the officer picks Giấy khen or Bằng khen), or clears it.
  const fieldError = (msg) => {
    const p = document.getElementById("in-mau-loi");
    if (!p) return;
    p.textContent = msg;
    p.hidden = !msg;
    document.getElementById("in-mau-o").classList.toggle("has-error", !!msg);
  };

  async function refresh() {
    const my = ++seq;
    const t0 = performance.now();
    state.textContent = "Đang vẽ…";
    state.classList.remove("print-error");
    box.classList.add("stale");
    const data = new URLSearchParams(new FormData(form));
    let rep;
    try {
      const res = await fetch(form.dataset.preview, { method: "POST", body: data,
        headers: { "Accept": "application/json", "X-CSRF-Token": data.get("csrf") } });
      const json = (res.headers.get("Content-Type") || "").startsWith("application/json");
      rep = json ? await res.json() : { ok: false, error: failure(res.status) };
      if (!res.ok && rep.ok) rep = { ok: false, error: failure(res.status) };
    } catch (e) {
      rep = { ok: false, error: "Không kết nối được máy chủ — kiểm tra mạng, rồi sửa lại một ô để vẽ lại." };
    }
    if (my !== seq) return;
    fieldError(rep.ok ? "" : rep.field === "mau" ? rep.error : "");
    if (!rep.ok) {
      state.textContent = rep.field === "mau" ? "Chưa vẽ được: xem ô Mẫu." : rep.error || failure(0);
      state.classList.add("print-error");
      const count = document.getElementById("in-so-luong");
      if (count) count.hidden = true;
      return;
    }
    let c, base;
    try {
      ({ c, base } = await draw(rep.pdf));
    } catch (e) {
      if (my !== seq) return;
      state.textContent = "Không vẽ được bản xem trước (" + ((e && e.message) || e) + "). Vẫn tải được PDF để xem bằng trình đọc PDF.";
      state.classList.add("print-error");
      // The count shown was the last drawn request's, not this one's.
      const count = document.getElementById("in-so-luong");
      if (count) count.hidden = true;
      return;
    }
    if (my !== seq) return;
    const [x, y] = rep.offset;
    c.setAttribute("role", "img");
    c.setAttribute("aria-label", "Bằng thứ nhất khi in, lệch ngang " + mm(x) + " mm, lệch dọc " + mm(y) + " mm");
    box.replaceChildren(c);
    box.classList.remove("stale");
    drawn++;
    box.dataset.drawn = String(drawn);
    box.dataset.ms = String(Math.round(performance.now() - t0));
    box.dataset.offset = x + ";" + y;
    box.dataset.widthMm = String(base.width * 25.4 / 72);
    state.textContent = "lệch ngang " + mm(x) + " mm, lệch dọc " + mm(y) + " mm";
    const count = document.getElementById("in-so-luong");
    if (count && rep.count && form.elements["kieu"].value !== "calibration") {
      const n = rep.count < 10 ? "0" + rep.count : String(rep.count);
      count.textContent = rep.reprint
        ? "In lại " + n + " bằng: giữ nguyên số sổ vàng và mã xác minh (QR) đã ghi, không ghi thêm vào sổ."
        : "Sẽ in " + n + " bằng; lần in đầu ghi " + n + " bằng vào sổ, các lần in lại giữ nguyên số và mã QR.";
      count.hidden = false;
    } else if (count) {
      count.hidden = true;
    }
  }

  // The words for a page without JavaScript give way at once.
  if (!box.querySelector("canvas")) box.replaceChildren();
  const soon = () => { clearTimeout(timer); timer = setTimeout(refresh, 300); };
  form.addEventListener("input", soon);
  form.addEventListener("change", soon);
  refresh();
}
