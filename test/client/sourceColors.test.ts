/**
 * Heat-source colours (client/src/hud/sourceColors.ts): storage, drawn on top of the production stack, must
 * stand out from the panel it is drawn on (WCAG contrast >= 3:1 for graphics) and from every other source, also
 * for the three colour-vision deficiencies (Machado et al. 2009 simulation matrices, severity 1, applied in
 * linear RGB; distance CIE76 in Lab). Near-white storage looked like a gap in the stack.
 */
import { describe, expect, it } from 'vitest';
import { SOURCE_COLORS } from '../../client/src/hud/sourceColors';

/** The HUD panel background (hud.css --hud-bg, nearly opaque). */
const PANEL_BG = '#0c1118';
/** Least CIE76 distance that reads as a different colour at a glance in a chart band. */
const MIN_DELTA_E = 20;

const srgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
const linear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const luminance = (hex: string) => {
  const [r, g, b] = srgb(hex).map(linear);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};

const VISION: Record<string, number[][]> = {
  normal: [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
  protanopia: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
  deuteranopia: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.01182, 0.04294, 0.968881]],
  tritanopia: [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.3039]],
};

function lab(hex: string, vision: number[][]): number[] {
  const c = srgb(hex).map(linear);
  const [r, g, b] = vision.map((row) => Math.min(1, Math.max(0, row[0] * c[0] + row[1] * c[1] + row[2] * c[2])));
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  const x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
  const y = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
  const z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

function worstDeltaE(a: string, b: string): number {
  return Math.min(...Object.values(VISION).map((v) => Math.hypot(...lab(a, v).map((x, i) => x - lab(b, v)[i]))));
}

describe('storage colour', () => {
  it('has at least 3:1 contrast against the panel', () => {
    expect(contrast(SOURCE_COLORS.storage, PANEL_BG)).toBeGreaterThanOrEqual(3);
  });

  it('is apart from every other source, in normal and colour-deficient vision', () => {
    for (const [key, color] of Object.entries(SOURCE_COLORS)) {
      if (key === 'storage') continue;
      expect(worstDeltaE(SOURCE_COLORS.storage, color), key).toBeGreaterThanOrEqual(MIN_DELTA_E);
    }
  });

  it('is not near-white: the stack shows storage as a colour, not a gap', () => {
    expect(worstDeltaE(SOURCE_COLORS.storage, '#ffffff')).toBeGreaterThanOrEqual(MIN_DELTA_E);
  });
});
