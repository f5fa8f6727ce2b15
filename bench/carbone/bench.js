// Renders the 200-row danh sách of cmd/vanban's BenchmarkToTrinh200DOCX
// (the same nominees) from danh-sach.docx with Carbone, in process, and
// prints the median time of one render. Run through run.sh.
const path = require('path');
const carbone = require('carbone');

const rows = Number(process.argv[2] || 200);
const runs = Number(process.argv[3] || 30);
const list = [];
for (let i = 0; i < rows; i++) {
  const n = String(i).padStart(3, '0');
  if (i % 5 === 0) {
    list.push({ stt: i + 1, name: `Tổ Nghiệp vụ số ${n}`, position: '', unit: 'Sở Văn hóa, Thể thao và Du lịch',
      summary: 'Hoàn thành xuất sắc nhiệm vụ được giao năm 2025.' });
  } else {
    list.push({ stt: i + 1, name: `Bà Nguyễn Thị Hồng ${n}`, position: 'Chuyên viên, ',
      unit: `Phòng Nghiệp vụ ${i % 9}, Sở Văn hóa, Thể thao và Du lịch`,
      summary: 'Hoàn thành xuất sắc nhiệm vụ được giao năm 2025, có sáng kiến được áp dụng trong toàn ngành.' });
  }
}
const data = { agency: 'SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH', title: 'TẬP THỂ, CÁ NHÂN ĐỀ NGHỊ TẶNG BẰNG KHEN',
  number: '32/TTr-SVHTTDL', date: '05/12/2025', rows: list };
const template = path.join(__dirname, 'danh-sach.docx');

function once() {
  return new Promise((resolve, reject) => {
    const t = process.hrtime.bigint();
    const c = process.cpuUsage();
    carbone.render(template, data, {}, (err, result) => {
      if (err) return reject(err);
      const cu = process.cpuUsage(c);
      resolve({ ms: Number(process.hrtime.bigint() - t) / 1e6, cpu: (cu.user + cu.system) / 1000, bytes: result.length, result });
    });
  });
}

(async () => {
  const times = [];
  const cpus = [];
  let bytes = 0;
  await once(); // warm-up: template read and compiled
  for (let i = 0; i < runs; i++) {
    const r = await once();
    times.push(r.ms);
    cpus.push(r.cpu);
    bytes = r.bytes;
    if (process.env.CARBONE_OUT && i === 0) require('fs').writeFileSync(process.env.CARBONE_OUT, r.result);
  }
  times.sort((a, b) => a - b);
  cpus.sort((a, b) => a - b);
  console.log(`carbone ${require('carbone/package.json').version}: ${rows} rows → DOCX, wall median ${times[runs >> 1].toFixed(2)} ms, min ${times[0].toFixed(2)} ms; CPU median ${cpus[runs >> 1].toFixed(2)} ms (n=${runs}, ${bytes} bytes)`);
})().catch((e) => { console.error(e); process.exit(1); });
