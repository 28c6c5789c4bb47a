import { createHash } from 'node:crypto';

/**
 * Seeded pseudo-random numbers (mulberry32). Every random choice of the phantom flows from one of
 * these, so a seed reproduces a study bit for bit on any machine.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A generator for one named purpose, independent of how many numbers other purposes drew. */
  static derive(seed: number, purpose: string): Random {
    return new Random(hashToUint32(`${seed}:${purpose}`));
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  uniform(low: number, high: number): number {
    return low + (high - low) * this.next();
  }

  /** Integer in [low, high], both inclusive. */
  integer(low: number, high: number): number {
    return low + Math.floor(this.next() * (high - low + 1));
  }

  /** Standard normal by Box–Muller. */
  gaussian(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  normal(mean: number, sd: number): number {
    return mean + sd * this.gaussian();
  }

  /** Normal clipped to [low, high] by redrawing (falls back to clamping after 50 tries). */
  truncatedNormal(mean: number, sd: number, low: number, high: number): number {
    for (let attempt = 0; attempt < 50; attempt++) {
      const value = this.normal(mean, sd);
      if (value >= low && value <= high) return value;
    }
    return Math.min(high, Math.max(low, mean));
  }

  /** Log-normal given its median and the SD of its logarithm, clipped to [low, high]. */
  logNormal(median: number, logSd: number, low: number, high: number): number {
    return Math.exp(this.truncatedNormal(Math.log(median), logSd, Math.log(low), Math.log(high)));
  }

  /** Fisher–Yates shuffle in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
}

export function hashToUint32(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32LE(0);
}

/** A 128-bit unsigned integer (as decimal text) from a hash of the text. */
export function hashToDecimal128(text: string): string {
  const digest = createHash('sha256').update(text).digest();
  const value = BigInt(`0x${digest.subarray(0, 16).toString('hex')}`);
  return (value === 0n ? 1n : value).toString(10);
}
