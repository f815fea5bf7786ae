// JavaScript baselines for the Image tab: the same algorithms and the same integer
// formulas as src/lab/image/reference.rs, over a Uint8ClampedArray, so the bytes match
// the Rust filters exactly. The small per-filter constants (tone-curve multiplier, colour
// matrix, box radii, sharpen weight) are computed once by Rust and passed in as `p`
// (an Int32Array): that setup is a handful of numbers; the per-pixel work is all here.

const LR = 19595, LG = 38470, LB = 7471;

export function grayscale(d) {
  for (let i = 0; i < d.length; i += 4) {
    const y = (LR * d[i] + LG * d[i + 1] + LB * d[i + 2] + 32768) >> 16;
    d[i] = y; d[i + 1] = y; d[i + 2] = y;
  }
}

export function invert(d) {
  for (let i = 0; i < d.length; i += 4) {
    d[i] = 255 - d[i]; d[i + 1] = 255 - d[i + 1]; d[i + 2] = 255 - d[i + 2];
  }
}

// Tone curve (brightness, contrast): c ← clamp((c·mul + add) >> 13), via a lookup table.
export function toneCurve(d, mul, add) {
  const lut = new Uint8Array(256);
  for (let c = 0; c < 256; c++) lut[c] = Math.min(255, Math.max(0, (c * mul + add) >> 13));
  for (let i = 0; i < d.length; i += 4) {
    d[i] = lut[d[i]]; d[i + 1] = lut[d[i + 1]]; d[i + 2] = lut[d[i + 2]];
  }
}

// 3×3 colour matrix in 16.16 fixed point (sepia, saturation); m has 9 entries.
export function colorMatrix(d, m) {
  const [a, b, c, e, f, g, h, k, l] = m;
  for (let i = 0; i < d.length; i += 4) {
    const r = d[i], gg = d[i + 1], bb = d[i + 2];
    // Uint8ClampedArray clamps to 0..255 on store, as the Rust clamp(0, 255) does.
    d[i] = (a * r + b * gg + c * bb + 32768) >> 16;
    d[i + 1] = (e * r + f * gg + g * bb + 32768) >> 16;
    d[i + 2] = (h * r + k * gg + l * bb + 32768) >> 16;
  }
}

export function threshold(d, level) {
  for (let i = 0; i < d.length; i += 4) {
    const y = (LR * d[i] + LG * d[i + 1] + LB * d[i + 2] + 32768) >> 16;
    const v = y >= level ? 255 : 0;
    d[i] = v; d[i + 1] = v; d[i + 2] = v;
  }
}

// Two-pass running-sum box blur, clamp-to-edge, the same reciprocal rounding.
export function boxBlur(d, w, h, r) {
  if (r <= 0 || d.length === 0) return;
  const size = 2 * r + 1, mul = Math.floor(((1 << 24) + (size >> 1)) / size);
  const div = (s) => Math.min(255, (Math.imul(s, mul) + 8388608) >>> 24);
  const tmp = new Uint8Array(d.length);
  for (let y = 0; y < h; y++) {
    const row = y * w * 4;
    for (let c = 0; c < 3; c++) {
      let s = 0;
      for (let k = -r; k <= r; k++) s += d[row + 4 * Math.min(Math.max(k, 0), w - 1) + c];
      tmp[row + c] = div(s);
      for (let x = 1; x < w; x++) {
        s += d[row + 4 * Math.min(x + r, w - 1) + c] - d[row + 4 * Math.max(x - r - 1, 0) + c];
        tmp[row + 4 * x + c] = div(s);
      }
    }
  }
  for (let x = 0; x < w; x++) {
    for (let c = 0; c < 3; c++) {
      let s = 0;
      for (let k = -r; k <= r; k++) s += tmp[4 * (Math.min(Math.max(k, 0), h - 1) * w + x) + c];
      d[4 * x + c] = div(s);
      for (let y = 1; y < h; y++) {
        s += tmp[4 * (Math.min(y + r, h - 1) * w + x) + c] - tmp[4 * (Math.max(y - r - 1, 0) * w + x) + c];
        d[4 * (y * w + x) + c] = div(s);
      }
    }
  }
}

// Sharpen: centre + (a·laplacian + 2048) >> 12, clamp-to-edge neighbours.
export function sharpen(d, w, h, a) {
  if (a === 0 || d.length === 0) return;
  const src = d.slice();
  for (let y = 0; y < h; y++) {
    const up = Math.max(y - 1, 0) * w, down = Math.min(y + 1, h - 1) * w, row = y * w;
    for (let x = 0; x < w; x++) {
      const left = Math.max(x - 1, 0), right = Math.min(x + 1, w - 1);
      for (let c = 0; c < 3; c++) {
        const centre = src[4 * (row + x) + c];
        const lap = 4 * centre - src[4 * (up + x) + c] - src[4 * (down + x) + c]
          - src[4 * (row + left) + c] - src[4 * (row + right) + c];
        d[4 * (row + x) + c] = centre + ((a * lap + 2048) >> 12);
      }
    }
  }
}

function roundedSqrt255(n) {
  let k = Math.floor(Math.sqrt(n));
  while (k * k > n) k--;
  while ((k + 1) * (k + 1) <= n) k++;
  return Math.min(255, n > k * k + k ? k + 1 : k);
}

// Sobel gradient magnitude of the luma, clamp-to-edge.
export function sobel(d, w, h) {
  if (d.length === 0) return;
  const n = w * h, L = new Int32Array(n);
  for (let p = 0, i = 0; p < n; p++, i += 4) {
    L[p] = (LR * d[i] + LG * d[i + 1] + LB * d[i + 2] + 32768) >> 16;
  }
  for (let y = 0; y < h; y++) {
    const u = Math.max(y - 1, 0) * w, m = y * w, b = Math.min(y + 1, h - 1) * w;
    for (let x = 0; x < w; x++) {
      const l = Math.max(x - 1, 0), r = Math.min(x + 1, w - 1);
      const gx = (L[u + r] + 2 * L[m + r] + L[b + r]) - (L[u + l] + 2 * L[m + l] + L[b + l]);
      const gy = (L[b + l] + 2 * L[b + x] + L[b + r]) - (L[u + l] + 2 * L[u + x] + L[u + r]);
      const v = roundedSqrt255(gx * gx + gy * gy), i = 4 * (m + x);
      d[i] = v; d[i + 1] = v; d[i + 2] = v;
    }
  }
}

// Runs one filter by kind name with the constants `p` Rust computed.
export function runFilter(d, w, h, kind, p) {
  switch (kind) {
    case 'grayscale': grayscale(d); break;
    case 'invert': invert(d); break;
    case 'tone': toneCurve(d, p[0], p[1]); break;
    case 'matrix': colorMatrix(d, p); break;
    case 'threshold': threshold(d, p[0]); break;
    case 'box': for (const r of p) boxBlur(d, w, h, r); break;
    case 'sharpen': sharpen(d, w, h, p[0]); break;
    case 'sobel': sobel(d, w, h); break;
    default: throw new Error('unknown filter ' + kind);
  }
}

// A benchmark body: on its first call it resets the shared `work` buffer from `src`,
// then filters `work` in place again and again (the cost of these filters does not depend
// on the pixel values) and returns a byte, so the JIT cannot drop the work.
export function makeFilterBench(src, work, w, h, kind, p) {
  let fresh = true;
  return () => {
    if (fresh) { work.set(src); fresh = false; }
    runFilter(work, w, h, kind, p);
    return work[0];
  };
}

// The bandwidth line: a plain copy of the same number of bytes.
export function makeCopyBench(src, work) {
  return () => { work.set(src); return work[0]; };
}
