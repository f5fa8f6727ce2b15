// vanban — the nominations table: edit a row in place (name, gender, unit,
// form). Enter saves, Esc puts the row back. Without JavaScript "Sửa" opens
// the row's own page, which this only makes faster.
"use strict";
(function () {
  const table = document.querySelector("table.nominations");
  const forms = document.getElementById("ds-hinh-thuc");
  if (!table || !forms || !window.fetch) return;
  const csrf = table.dataset.csrf;
  const live = document.getElementById("sua-tai-cho-tt");
  const hint = document.getElementById("sua-tai-cho-huong-dan");
  if (hint) hint.hidden = false;
  let open = null; // {tr, saved: {cell: html}}

  const el = (tag, props, ...kids) => {
    const e = document.createElement(tag);
    Object.assign(e, props || {});
    e.append(...kids);
    return e;
  };
  const cell = (tr, name) => tr.querySelector('td[data-cot="' + name + '"]');

  function say(text) { if (live) live.textContent = text; }

  function start(tr, focus) {
    if (open && open.tr === tr) return;
    if (open) cancel();
    const d = tr.dataset;
    const person = d.loai !== "tap-the";
    const saved = {};
    for (const c of ["ten", "don-vi", "hinh-thuc", "actions"]) {
      const td = c === "actions" ? tr.querySelector(".row-actions") : cell(tr, c);
      saved[c] = Array.from(td.childNodes);
    }
    const no = tr.cells[0].textContent.trim();
    const name = el("input", { name: "ten", value: d.ten, className: "cell-input" });
    name.setAttribute("aria-label", "Họ tên, tên tập thể (dòng " + no + ")");
    const nameCell = cell(tr, "ten");
    nameCell.replaceChildren(name);
    if (person) {
      const g = el("select", { name: "gioi-tinh", className: "cell-input" },
        el("option", { value: "", textContent: "(chưa chọn giới tính)" }),
        el("option", { value: "nam", textContent: "Nam" }),
        el("option", { value: "nu", textContent: "Nữ" }));
      g.value = d.gioiTinh || "";
      g.setAttribute("aria-label", "Giới tính (dòng " + no + ")");
      nameCell.append(g);
    }
    const unit = el("input", { name: person ? "don-vi" : "truc-thuoc", value: d.donVi, className: "cell-input" });
    unit.setAttribute("aria-label", (person ? "Đơn vị công tác" : "Trực thuộc") + " (dòng " + no + ")");
    cell(tr, "don-vi").replaceChildren(unit);
    const form = forms.cloneNode(true);
    form.removeAttribute("id"); form.removeAttribute("aria-hidden"); form.removeAttribute("tabindex");
    form.hidden = false; form.name = "hinh-thuc"; form.className = "cell-input";
    form.value = d.hinhThuc || "";
    form.setAttribute("aria-label", "Hình thức khen thưởng (dòng " + no + ")");
    cell(tr, "hinh-thuc").replaceChildren(form);
    const ok = el("button", { type: "button", className: "button small", textContent: "Lưu" });
    const no_ = el("button", { type: "button", className: "button small secondary", textContent: "Thôi" });
    ok.addEventListener("click", () => save());
    no_.addEventListener("click", () => cancel());
    tr.querySelector(".row-actions").replaceChildren(ok, " ", no_);
    tr.classList.add("editing");
    open = { tr, saved };
    const target = tr.querySelector('[name="' + (focus === "don-vi" ? unit.name : focus === "hinh-thuc" ? "hinh-thuc" : "ten") + '"]');
    target.focus();
    if (target.select) target.select();
    say("Đang sửa dòng " + no + ": Enter để lưu, Esc để thôi.");
  }

  function close(focusEdit) {
    const { tr, saved } = open;
    for (const c of ["ten", "don-vi", "hinh-thuc"]) cell(tr, c).replaceChildren(...saved[c]);
    tr.querySelector(".row-actions").replaceChildren(...saved.actions);
    tr.classList.remove("editing");
    const err = tr.querySelector(".cell-error");
    if (err) err.remove();
    open = null;
    if (focusEdit) { const a = tr.querySelector("a.sua"); if (a) a.focus(); }
  }

  function cancel() {
    if (!open) return;
    close(true);
    say("Đã thôi sửa; dòng giữ như cũ.");
  }

  async function save() {
    if (!open || open.busy) return;
    const { tr } = open;
    open.busy = true;
    const data = new URLSearchParams();
    data.set("csrf", csrf);
    tr.querySelectorAll(".cell-input").forEach((i) => data.set(i.name, i.value));
    let rep;
    try {
      const res = await fetch(tr.dataset.sua, { method: "POST", body: data,
        headers: { "Accept": "application/json", "X-CSRF-Token": csrf } });
      rep = (res.headers.get("Content-Type") || "").startsWith("application/json") ? await res.json()
        : { ok: false, error: res.status === 401 ? "Phiên làm việc đã hết hạn — hãy đăng nhập lại (trong một thẻ mới), rồi tải lại trang."
          : res.status === 403 ? "Trang đã cũ (mã chống giả mạo hết hạn) — hãy tải lại trang." : "Máy chủ trả lời lỗi " + res.status + "." };
    } catch (e) {
      rep = { ok: false, error: "Không kết nối được máy chủ." };
    }
    open.busy = false;
    if (!rep.ok) {
      let err = tr.querySelector(".cell-error");
      if (!err) { err = el("div", { className: "cell-error err" }); err.setAttribute("role", "alert"); tr.querySelector(".c-loi").prepend(err); }
      err.textContent = "Chưa lưu: " + rep.error;
      return;
    }
    const r = rep.row;
    close(false);
    Object.assign(tr.dataset, { loai: r.kind, ten: r.ten, gioiTinh: r.gioiTinh, donVi: r.donVi, hinhThuc: r.hinhThuc });
    cell(tr, "ten").textContent = r.name;
    cell(tr, "don-vi").textContent = r.where;
    cell(tr, "hinh-thuc").textContent = r.formLabel;
    tr.querySelector(".c-loi").replaceChildren(...(r.problems || []).map((p) =>
      el("div", { className: p.warning ? "warn" : "err", textContent: p.message })));
    tr.classList.toggle("row-error", !!r.hasError);
    tr.querySelectorAll("[aria-label^='Sửa '], [aria-label^='Xóa ']").forEach((a) =>
      a.setAttribute("aria-label", a.getAttribute("aria-label").slice(0, 4) + r.name));
    const counts = document.querySelector(".summary-line strong");
    if (counts && rep.counts) counts.textContent = rep.counts;
    // The list's own problems (a duplicate, a grouped missing gender…).
    const review = document.querySelector("details.list-review");
    if (review && rep.listProblems) {
      review.querySelector(".list-count").textContent = String(rep.listProblems.length);
      review.querySelector(".list-problems").replaceChildren(...rep.listProblems.map((p) =>
        el("li", { className: p.warning ? "warn" : "", textContent: p.message })));
      review.hidden = rep.listProblems.length === 0;
    }
    tr.classList.add("just-saved");
    setTimeout(() => tr.classList.remove("just-saved"), 1500);
    const a = tr.querySelector("a.sua");
    if (a) a.focus();
    say("Đã lưu dòng " + r.no + ": " + r.name + ".");
  }

  table.addEventListener("click", (e) => {
    const a = e.target.closest("a.sua");
    if (!a || e.ctrlKey || e.metaKey || e.shiftKey) return; // a new tab keeps the page
    e.preventDefault();
    start(a.closest("tr"), "ten");
  });
  table.addEventListener("dblclick", (e) => {
    const td = e.target.closest("td[data-cot]");
    if (td && !td.closest("tr.editing")) start(td.closest("tr"), td.dataset.cot);
  });
  table.addEventListener("keydown", (e) => {
    if (!open || !open.tr.contains(e.target)) return;
    if (e.key === "Escape") { e.preventDefault(); cancel(); }
    else if (e.key === "Enter" && e.target.tagName !== "BUTTON") { e.preventDefault(); save(); }
  });
})();
