// Text ('ansi') and RGB ('rgb_array') pictures of a MinAtar observation. Each cell shows the
// highest-priority channel set there, as one character or one colour in a square of pixels.

import { Canvas } from '../../env/raster.js';
import { EnvError } from '../../env/types.js';
import { GRID, type GameName } from './game.js';

interface Look {
  /** One character per channel, in channel order. */
  glyphs: string;
  /** Channels in drawing priority, most important first. */
  priority: readonly number[];
  /** One [r, g, b] per channel, in channel order. */
  colours: readonly (readonly [number, number, number])[];
}

const LOOKS: Record<GameName, Look> = {
  asterix: {
    glyphs: '@X-$',
    priority: [0, 1, 3, 2],
    colours: [[240, 240, 80], [230, 60, 60], [110, 110, 110], [250, 190, 30]],
  },
  breakout: {
    glyphs: '=o.#',
    priority: [0, 1, 3, 2],
    colours: [[80, 200, 240], [250, 250, 250], [110, 110, 110], [220, 90, 60]],
  },
  freeway: {
    glyphs: 'C#12345',
    priority: [0, 1, 2, 3, 4, 5, 6],
    colours: [[250, 230, 60], [230, 60, 60], [90, 40, 40], [110, 60, 60], [130, 80, 80], [150, 100, 100], [170, 120, 120]],
  },
  seaquest: {
    glyphs: '>=*-!fsOD&',
    priority: [0, 1, 4, 2, 6, 5, 9, 3, 7, 8],
    colours: [
      [250, 230, 60], [200, 180, 40], [250, 250, 250], [110, 110, 110], [250, 120, 40],
      [230, 60, 60], [200, 60, 200], [80, 200, 240], [60, 220, 120], [60, 160, 90],
    ],
  },
  space_invaders: {
    glyphs: 'A#<>|!',
    priority: [0, 4, 5, 1, 2, 3],
    colours: [[80, 200, 240], [120, 230, 90], [120, 230, 90], [120, 230, 90], [250, 250, 250], [240, 70, 70]],
  },
};

/** Pixels per cell side in an RGB frame. */
export const CELL_PIXELS = 16;

function topChannel(obs: ArrayLike<number>, cell: number, channels: number, priority: readonly number[]): number {
  for (const ch of priority) if (obs[cell * channels + ch] !== 0) return ch;
  return -1;
}

function lookFor(game: GameName, channels: number): Look {
  const look = LOOKS[game];
  if (look.glyphs.length !== channels) throw new EnvError(`render: ${game} has ${channels} channels, the palette ${look.glyphs.length}`);
  return look;
}

/** The grid as 10 lines of 10 characters (a space where empty) inside a border, then a caption line. */
export function renderAnsi(game: GameName, obs: ArrayLike<number>, channels: number, caption: string): string {
  const look = lookFor(game, channels);
  const lines: string[] = ['+' + '-'.repeat(GRID) + '+'];
  for (let r = 0; r < GRID; r++) {
    let line = '|';
    for (let c = 0; c < GRID; c++) {
      const ch = topChannel(obs, r * GRID + c, channels, look.priority);
      line += ch < 0 ? ' ' : look.glyphs[ch];
    }
    lines.push(line + '|');
  }
  lines.push(lines[0], caption);
  return lines.join('\n') + '\n';
}

/** A (GRID·CELL_PIXELS)² RGB frame, black where no channel is set. */
export function renderRgb(game: GameName, obs: ArrayLike<number>, channels: number): Canvas {
  const look = lookFor(game, channels);
  const canvas = new Canvas(GRID * CELL_PIXELS, GRID * CELL_PIXELS);
  for (let r = 0; r < GRID; r++) {
    for (let c = 0; c < GRID; c++) {
      const ch = topChannel(obs, r * GRID + c, channels, look.priority);
      if (ch < 0) continue;
      canvas.fillRect(c * CELL_PIXELS, r * CELL_PIXELS, (c + 1) * CELL_PIXELS, (r + 1) * CELL_PIXELS, look.colours[ch]);
    }
  }
  return canvas;
}
