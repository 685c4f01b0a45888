// Renderings shared by the two MountainCar envs: the hill y = sin(3x)·0.45 + 0.55, the car and the flag.
import { Canvas } from '../../env/raster.js';
import { num } from './classic-env.js';

const MIN_POSITION = -1.2;
const MAX_POSITION = 0.6;

function height(x: number): number {
  return Math.sin(3 * x) * 0.45 + 0.55;
}

export function mountainCarText(position: number, velocity: number, goal: number): string {
  const width = 49;
  const at = (x: number): number => Math.round(((x - MIN_POSITION) / (MAX_POSITION - MIN_POSITION)) * (width - 1));
  const car = at(position), flag = at(goal);
  const track = Array.from({ length: width }, (_, i) => (i === car ? 'C' : i === flag ? 'F' : '_')).join('');
  return `${track}\nposition=${num(position)}${velocity >= 0 ? ' →' : ' ←'}`;
}

export function drawMountainCar(position: number, goal: number): Canvas {
  const W = 600, H = 400;
  const scale = W / (MAX_POSITION - MIN_POSITION);
  const c = new Canvas(W, H).fill([255, 255, 255]);
  const px = (x: number): number => (x - MIN_POSITION) * scale;
  const py = (x: number): number => H - height(x) * scale;
  const hill: number[] = [];
  for (let i = 0; i <= 100; i++) {
    const x = MIN_POSITION + ((MAX_POSITION - MIN_POSITION) * i) / 100;
    hill.push(px(x), py(x));
  }
  c.polyline(hill, [0, 0, 0], 2);
  const fx = px(goal), fy = py(goal);
  c.line(fx, fy, fx, fy - 50, [0, 0, 0], 2);
  c.fillPolygon([fx, fy - 50, fx, fy - 40, fx + 25, fy - 45], [204, 204, 0]);
  const angle = Math.atan(Math.cos(3 * position) * 0.45 * 3);
  const cx = px(position), cy = py(position);
  const cos = Math.cos(angle), sin = Math.sin(angle);
  // (dx along the slope, dy up from it) in screen coordinates, where y grows downwards.
  const corner = (dx: number, dy: number): [number, number] => [cx + dx * cos - dy * sin, cy - (dx * sin + dy * cos)];
  const pts = [corner(-20, 10), corner(20, 10), corner(20, 30), corner(-20, 30)].flat();
  c.fillPolygon(pts, [0, 0, 0]);
  const [w1x, w1y] = corner(-12, 5), [w2x, w2y] = corner(12, 5);
  c.fillCircle(w1x, w1y, 5, [128, 128, 128]);
  c.fillCircle(w2x, w2y, 5, [128, 128, 128]);
  return c;
}
