/**
 * The energy-flow diagram (SVG) of the latest KPI sample: heat taken, electricity, fuels -> heat pumps by source /
 * boilers / storage -> network -> buildings and losses; band widths in MW (energyFlows.ts). It reads store.kpi,
 * the sample the production chart ends on and its legend shows, so a source reads the same MW in both. Drawn in the
 * box's own pixels so its labels keep the HUD's type size at any window size; the columns stand apart by their
 * labels' measured widths, so no label runs into the next column's (a narrow panel at 1280x720 or on a phone).
 * Re-renders with the KPI (about once a second) and on resize.
 */
import { useRef } from 'react';
import { useTwin } from '../state/store';
import { energyFlows, flowNodeLabel, flowNodes, layoutSankey } from './energyFlows';
import type { PlacedNode, SankeyBox } from './energyFlows';
import { mwText } from './format';
import { useChartSize } from './chartStyle';

const NODE_WIDTH = 12;
/** Labels' font sizes in ems of the box's (hud.css: .hud-svg-label, .hud-svg-middle). */
const OUTER_EM = 0.85;
const MIDDLE_EM = 0.75;
/** Space between a node and its label, and around a label (px). */
const LABEL_PAD = 6;
/** Least run of the bands from the sources to the heat pumps (px). */
const BAND_RUN = 24;

let measurer: CanvasRenderingContext2D | null = null;

/** Width in px of a node's label, the wider of its two lines, in the HUD's bold type at `px`. */
function labelWidth(node: PlacedNode, px: number): number {
  measurer ??= document.createElement('canvas').getContext('2d');
  if (!measurer) return 0;
  measurer.font = `700 ${px}px system-ui, 'Segoe UI', Roboto, sans-serif`;
  // Every digit as 0, so the columns stand still while the figures change.
  const value = `${mwText(node.valueMW)}${node.note ? ` ${node.note}` : ''}`.replace(/\d/g, '0');
  return Math.max(measurer.measureText(node.label).width, measurer.measureText(value).width);
}

/** The widest label of each column, px. */
function columnLabelWidths(nodes: PlacedNode[], fontPx: number): number[] {
  const widths = [0, 0, 0, 0];
  for (const n of nodes) {
    const em = n.column === 1 || n.column === 2 ? MIDDLE_EM : OUTER_EM;
    widths[n.column] = Math.max(widths[n.column], labelWidth(n, em * fontPx));
  }
  return widths;
}

export function EnergySankey() {
  const kpi = useTwin((s) => s.kpi);
  const boxRef = useRef<HTMLDivElement>(null);
  const size = useChartSize(boxRef);
  const fontPx = size?.fontPx ?? 16;
  const flows = kpi ? energyFlows(kpi) : null;
  // Sources labelled left of the first column, sinks right of the last, the middle ones right of their nodes.
  const labelW = flows && size ? columnLabelWidths(flowNodes(flows), fontPx) : [0, 0, 0, 0];
  const leftLabelW = labelW[0] + 2 * LABEL_PAD;
  const rightLabelW = labelW[3] + 2 * LABEL_PAD;
  const box: SankeyBox | null = size
    ? {
        width: Math.max(40, size.width - leftLabelW - rightLabelW),
        height: size.height - 8,
        nodeWidth: NODE_WIDTH,
        gap: 0.4 * fontPx,
        minSlot: 2.2 * fontPx,
        columnRoom: [
          NODE_WIDTH + BAND_RUN,
          NODE_WIDTH + labelW[1] + 2 * LABEL_PAD,
          NODE_WIDTH + labelW[2] + 2 * LABEL_PAD,
        ],
      }
    : null;
  const layout = flows && box ? layoutSankey(flows, box) : null;
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
  const x = left ? -LABEL_PAD : node.x + nodeWidth + LABEL_PAD;
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
