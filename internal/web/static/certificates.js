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

  async function refresh() {
    const my = ++seq;
    const t0 = performance.now();
    state.textContent = "Đang vẽ…";
    box.classList.add("stale");
    const data = new URLSearchParams(new FormData(form));
    let rep;
    try {
      const res = await fetch(form.dataset.preview, { method: "POST", body: data,
        headers: { "Accept": "application/json", "X-CSRF-Token": data.get("csrf") } });
      rep = await res.json();
    } catch (e) {
      rep = { ok: false, error: "Không kết nối được máy chủ." };
    }
    if (my !== seq) return;
    if (!rep.ok) { state.textContent = rep.error; return; }
    const task = pdfjs.getDocument({ data: decode(rep.pdf), worker, isEvalSupported: false, useSystemFonts: false });
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
    task.destroy();
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
