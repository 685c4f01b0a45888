// A small software rasteriser for 'rgb_array' frames: filled rectangles, convex polygons, circles and
// thick lines into an RGB byte buffer (height × width × 3, row-major, y down). Shared by the built-in
// envs' renderers and anything else that needs a frame without a canvas library.
import { EnvError, type RgbFrame } from './types.js';

export type Rgb = readonly [number, number, number];

export class Canvas implements RgbFrame {
  readonly data: Uint8Array;

  constructor(readonly width: number, readonly height: number) {
    if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
      throw new EnvError(`Canvas: width and height must be positive integers, got ${width}×${height}`);
    }
    this.data = new Uint8Array(width * height * 3);
  }

  fill(c: Rgb): this {
    for (let i = 0; i < this.data.length; i += 3) { this.data[i] = c[0]; this.data[i + 1] = c[1]; this.data[i + 2] = c[2]; }
    return this;
  }

  setPixel(x: number, y: number, c: Rgb): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const i = (y * this.width + x) * 3;
    this.data[i] = c[0]; this.data[i + 1] = c[1]; this.data[i + 2] = c[2];
  }

  getPixel(x: number, y: number): [number, number, number] {
    const i = (y * this.width + x) * 3;
    return [this.data[i], this.data[i + 1], this.data[i + 2]];
  }

  /** Axis-aligned rectangle covering [x0, x1) × [y0, y1), clipped to the canvas. */
  fillRect(x0: number, y0: number, x1: number, y1: number, c: Rgb): this {
    const xa = Math.max(0, Math.round(Math.min(x0, x1)));
    const xb = Math.min(this.width, Math.round(Math.max(x0, x1)));
    const ya = Math.max(0, Math.round(Math.min(y0, y1)));
    const yb = Math.min(this.height, Math.round(Math.max(y0, y1)));
    for (let y = ya; y < yb; y++) for (let x = xa; x < xb; x++) this.setPixel(x, y, c);
    return this;
  }

  /** Filled polygon (any simple polygon; even-odd rule), sampled at pixel centres. Points as [x0, y0, x1, y1, …]. */
  fillPolygon(points: readonly number[], c: Rgb): this {
    const n = points.length >> 1;
    if (n < 3) return this;
    let ymin = Infinity;
    let ymax = -Infinity;
    for (let i = 0; i < n; i++) { ymin = Math.min(ymin, points[2 * i + 1]); ymax = Math.max(ymax, points[2 * i + 1]); }
    const crossings: number[] = [];
    for (let y = Math.max(0, Math.floor(ymin)); y <= Math.min(this.height - 1, Math.ceil(ymax)); y++) {
      const sy = y + 0.5;
      crossings.length = 0;
      for (let i = 0; i < n; i++) {
        const ax = points[2 * i], ay = points[2 * i + 1];
        const j = (i + 1) % n;
        const bx = points[2 * j], by = points[2 * j + 1];
        if ((ay <= sy && by > sy) || (by <= sy && ay > sy)) crossings.push(ax + ((sy - ay) / (by - ay)) * (bx - ax));
      }
      crossings.sort((a, b) => a - b);
      for (let k = 0; k + 1 < crossings.length; k += 2) {
        for (let x = Math.max(0, Math.ceil(crossings[k] - 0.5)); x <= Math.min(this.width - 1, Math.floor(crossings[k + 1] - 0.5)); x++) this.setPixel(x, y, c);
      }
    }
    return this;
  }

  fillCircle(cx: number, cy: number, r: number, c: Rgb): this {
    const r2 = r * r;
    for (let y = Math.max(0, Math.floor(cy - r)); y <= Math.min(this.height - 1, Math.ceil(cy + r)); y++) {
      for (let x = Math.max(0, Math.floor(cx - r)); x <= Math.min(this.width - 1, Math.ceil(cx + r)); x++) {
        const dx = x + 0.5 - cx, dy = y + 0.5 - cy;
        if (dx * dx + dy * dy <= r2) this.setPixel(x, y, c);
      }
    }
    return this;
  }

  /** A line of the given thickness, drawn as a rotated rectangle. */
  line(x0: number, y0: number, x1: number, y1: number, c: Rgb, thickness = 1): this {
    const dx = x1 - x0, dy = y1 - y0;
    const len = Math.hypot(dx, dy);
    if (len === 0) return this.fillCircle(x0, y0, thickness / 2, c);
    const nx = (-dy / len) * (thickness / 2), ny = (dx / len) * (thickness / 2);
    return this.fillPolygon([x0 + nx, y0 + ny, x1 + nx, y1 + ny, x1 - nx, y1 - ny, x0 - nx, y0 - ny], c);
  }

  /** A polyline through [x0, y0, x1, y1, …]. */
  polyline(points: readonly number[], c: Rgb, thickness = 1): this {
    for (let i = 0; i + 3 < points.length; i += 2) this.line(points[i], points[i + 1], points[i + 2], points[i + 3], c, thickness);
    return this;
  }
}
