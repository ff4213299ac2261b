/**
 * The energy-flow diagram (SVG) of the latest KPI sample: heat taken, electricity, fuels -> heat pumps by source /
 * boilers / storage -> network -> buildings and losses; band widths in MW (energyFlows.ts). It reads store.kpi,
 * the sample the production chart ends on and its legend shows, so a source reads the same MW in both. Drawn in the
 * box's own pixels so its labels keep the HUD's type size at any window size. Re-renders with the KPI (about once
 * a second) and on resize.
 */
import { useRef } from 'react';
import { useTwin } from '../state/store';
import { energyFlows, flowNodeLabel, layoutSankey } from './energyFlows';
import type { PlacedNode, SankeyBox } from './energyFlows';
import { mwText } from './format';
import { useChartSize } from './chartStyle';

export function EnergySankey() {
  const kpi = useTwin((s) => s.kpi);
  const boxRef = useRef<HTMLDivElement>(null);
  const size = useChartSize(boxRef);
  const fontPx = size?.fontPx ?? 16;
  // Room for the outer columns' labels ("Ambient heat", "12.34 MW taken" left, "Buildings" right), two lines a node.
  const leftLabelW = 7.4 * fontPx;
  const rightLabelW = 5.4 * fontPx;
  const box: SankeyBox | null = size
    ? { width: Math.max(40, size.width - leftLabelW - rightLabelW), height: size.height - 8, nodeWidth: 12, gap: 0.4 * fontPx, minSlot: 2.2 * fontPx }
    : null;
  const layout = kpi && box ? layoutSankey(energyFlows(kpi), box) : null;
  return (
    <section className="hud-panel hud-sankey" aria-label="Energy flows now">
      <h2 className="hud-h">Energy flows now</h2>
      <div className="hud-sankey-box" ref={boxRef}>
        {size && (
          <svg width={size.width} height={size.height} role="img" aria-label="Sankey diagram of heat from sources to buildings">
            {layout && box && (
              <g transform={`translate(${leftLabelW} 4)`}>
                {layout.flows.map((f) => {
                  const mx = (f.x0 + f.x1) / 2;
                  return (
                    <path
                      key={`${f.from}-${f.to}-${f.source ?? ''}`}
                      d={`M${f.x0},${f.y0} C${mx},${f.y0} ${mx},${f.y1} ${f.x1},${f.y1}`}
                      stroke={f.color}
                      strokeOpacity={0.55}
                      strokeWidth={Math.max(1, f.width)}
                      fill="none"
                    >
                      <title>{`${flowNodeLabel(f.from)} → ${flowNodeLabel(f.to)}: ${mwText(f.valueMW)}`}</title>
                    </path>
                  );
                })}
                {layout.nodes.map((n) => (
                  <rect key={n.id} x={n.x} y={n.y} width={box.nodeWidth} height={Math.max(1, n.height)} fill={n.color} />
                ))}
                {/* Labels last, so no node or band covers them. */}
                {layout.nodes.map((n) => (
                  <NodeLabel key={n.id} node={n} nodeWidth={box.nodeWidth} />
                ))}
              </g>
            )}
            {!layout && (
              <text x={size.width / 2} y={size.height / 2} textAnchor="middle" className="hud-svg-label">
                Waiting for the first figures…
              </text>
            )}
          </svg>
        )}
      </div>
    </section>
  );
}

/** Name over value: sources labelled on the left, sinks on the right, the middle columns beside their node (smaller). */
function NodeLabel({ node, nodeWidth }: { node: PlacedNode; nodeWidth: number }) {
  const left = node.column === 0;
  const x = left ? -6 : node.x + nodeWidth + 5;
  const y = node.y + node.height / 2;
  return (
    <text x={x} y={y} textAnchor={left ? 'end' : 'start'} className={`hud-svg-label${node.column === 1 || node.column === 2 ? ' hud-svg-middle' : ''}`}>
      <tspan x={x} dy="-0.15em">
        {node.label}
      </tspan>
      <tspan x={x} dy="1.05em" className="hud-svg-value">
        {node.note ? `${mwText(node.valueMW)} ${node.note}` : mwText(node.valueMW)}
      </tspan>
    </text>
  );
}
