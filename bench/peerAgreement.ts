/**
 * `npm run bench:peer`: how closely the core's steady solve agrees with the independent solution of the same
 * networks (test/fixtures/peerTwinPipe.ts), case by case, beside the reference tolerances the test holds
 * (test/peerAgreement.test.ts): velocities 0.03 m/s, temperatures 0.05 K, node pressures and pump head 0.2 %
 * (pressures of the pump head).
 */
import { combCase, gridCase, largestGap, solveCore, type Case } from '../test/fixtures/peerCases';
import { solveTwinPipe } from '../test/fixtures/peerTwinPipe';

const cases: Case[] = [];
for (const consumers of [10, 100, 300, 1000]) for (const supplyC of [80, 65]) cases.push(combCase(consumers, supplyC));
for (const supplyC of [80, 65]) cases.push(gridCase(supplyC));

const header = ['case', 'v supply m/s', 'v return m/s', 'T supply K', 'T return K', 'p supply', 'p return', 'head', 'head kPa'];
const rows = cases.map((c) => {
  const peer = solveTwinPipe(c.network, c.design);
  const core = solveCore(c);
  const head = peer.pumpHeadPa;
  const pct = (x: number) => `${(100 * x).toFixed(3)} %`;
  return [
    c.name,
    largestGap(core.velocityMS, peer.supply.velocityMS).toFixed(4),
    largestGap(core.returnVelocityMS, peer.return.velocityMS).toFixed(4),
    largestGap(core.supplyNodeC, peer.supply.nodeC).toExponential(1),
    largestGap(core.returnNodeC, peer.return.nodeC).toExponential(1),
    pct(largestGap(core.supplyPressurePa, peer.supply.pressurePa) / head),
    pct(largestGap(core.returnPressurePa, peer.return.pressurePa) / head),
    pct(core.pump.headPa / head - 1),
    (head / 1e3).toFixed(1),
  ];
});
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells: string[]) => cells.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join('  ');
console.log('Core steady solve against the independent solution: largest deviation per case');
console.log('tolerances: velocity 0.03 m/s, temperature 0.05 K, node pressure 0.2 % of the pump head, pump head 0.2 %\n');
console.log(line(header));
for (const r of rows) console.log(line(r));
