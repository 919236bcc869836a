// WCAG 2.x contrast of every visible text in the page against the background it is drawn on.
// Returns the texts below AA (4.5:1, or 3:1 for large text). Disabled controls are exempt (WCAG 1.4.3).
const parse = (css) => {
  const m = css.match(/rgba?\(([^)]+)\)/);
  if (!m) return null;
  const p = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
  return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
};
const over = (top, bottom) => ({
  r: top.r * top.a + bottom.r * (1 - top.a),
  g: top.g * top.a + bottom.g * (1 - top.a),
  b: top.b * top.a + bottom.b * (1 - top.a),
  a: 1,
});
const luminance = ({ r, g, b }) => {
  const f = (v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
};
const ratio = (a, b) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};
const backgroundOf = (node) => {
  const layers = [];
  for (let n = node; n; n = n.parentElement) {
    const c = parse(getComputedStyle(n).backgroundColor);
    if (c && c.a > 0) {
      layers.push(c);
      if (c.a >= 1) break;
    }
  }
  return layers.reverse().reduce((bg, layer) => over(layer, bg), { r: 255, g: 255, b: 255, a: 1 });
};
const opacityOf = (node) => {
  let o = 1;
  for (let n = node; n; n = n.parentElement) o *= Number(getComputedStyle(n).opacity);
  return o;
};
const failures = [];
let checked = 0;
for (const node of document.querySelectorAll('body *')) {
  const ownText = [...node.childNodes].some((c) => c.nodeType === Node.TEXT_NODE && c.textContent.trim());
  if (!ownText || node.closest('[hidden], .visually-hidden, :disabled, option')) continue;
  const rect = node.getBoundingClientRect();
  const style = getComputedStyle(node);
  if (rect.width === 0 || rect.height === 0 || style.visibility !== 'visible') continue;
  const bg = backgroundOf(node);
  const color = parse(style.color);
  const fg = over({ ...color, a: color.a * opacityOf(node) }, bg);
  const size = parseFloat(style.fontSize);
  const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
  const value = ratio(fg, bg);
  checked += 1;
  if (value < (large ? 3 : 4.5)) {
    failures.push(`${node.textContent.trim().slice(0, 40)}: ${value.toFixed(2)} (${style.color} on ${JSON.stringify(bg)})`);
  }
}
return { checked, failures };
