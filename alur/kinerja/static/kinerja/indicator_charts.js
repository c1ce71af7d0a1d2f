// The indicator page's two charts (Chart.js), from the series the page embeds with json_script.
// Figures read as Alur prints them everywhere (alur.core.numbers): "1.250,5", at most two decimals,
// whatever the browser's own language.
document.addEventListener("DOMContentLoaded", () => {
  const s = JSON.parse(document.getElementById("series").textContent);
  const num = (xs) => xs.map((x) => (x === null ? null : Number(x)));
  const angka = new Intl.NumberFormat("id-ID", {maximumFractionDigits: 2});
  const options = {
    responsive: true, spanGaps: true, locale: "id-ID",
    scales: {y: {ticks: {callback: (value) => angka.format(value)}}},
    plugins: {tooltip: {callbacks: {label: (ctx) => `${ctx.dataset.label}: ${angka.format(ctx.parsed.y)}`}}},
  };
  const chart = (id, labels, target, real, type) => new Chart(document.getElementById(id), {
    type, data: {labels, datasets: [
      {label: "Target", data: num(target), borderColor: "#6c757d", backgroundColor: "#adb5bd"},
      {label: "Realisasi terverifikasi", data: num(real), borderColor: "#198754", backgroundColor: "#75b798"}]},
    options});
  window.kinerjaCharts = [chart("chart-year", s.years, s.year_target, s.year_realisasi, "bar"),
                          chart("chart-quarter", s.quarters, s.quarter_target, s.quarter_realisasi, "line")];
});
