/**
 * A short two-tone beep through WebAudio for a new high-priority alarm. The audio context is made on first use
 * (browsers allow sound only after the page has had a user gesture; the join or any click is one).
 */
let context: AudioContext | null = null;

export function beep(): void {
  try {
    context ??= new AudioContext();
    const ctx = context;
    const t0 = ctx.currentTime;
    const gain = ctx.createGain();
    gain.connect(ctx.destination);
    gain.gain.setValueAtTime(0.0001, t0);
    gain.gain.exponentialRampToValueAtTime(0.2, t0 + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t0 + 0.45);
    for (const [freq, at] of [
      [880, 0],
      [660, 0.22],
    ]) {
      const osc = ctx.createOscillator();
      osc.frequency.value = freq;
      osc.connect(gain);
      osc.start(t0 + at);
      osc.stop(t0 + at + 0.2);
    }
  } catch {
    // No audio output (or none allowed yet): the alarm list still shows the alarm.
  }
}
