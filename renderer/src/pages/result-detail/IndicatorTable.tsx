import type { IndicatorNode, IndicatorResult, TargetResult } from '../../../../shared/domain/types';
import { targetValueText } from '../../lib/format';
import { groupText, leafCells, valueCell, type IndicatorRow } from './rows';

const indent = (depth: number) => ({ paddingLeft: 6 + depth * 14 });

/** Every indicator: groups with their subtotal, leaves with value, target, weight, score, flags, 查看. */
export function IndicatorTable({
  rows,
  target: r,
  traceOf,
  onTrace,
}: {
  rows: IndicatorRow[];
  target: TargetResult;
  /** The leaf whose calculation is shown. */
  traceOf: string | null;
  onTrace: (code: string) => void;
}) {
  return (
    <div className="scroll indicator-scroll">
      <table className="table compact" data-testid="indicator-table">
        <thead>
          <tr>
            <th>指标</th>
            <th>填报值</th>
            <th>目标</th>
            <th>分值</th>
            <th>得分</th>
            <th>标记</th>
            <th>计算过程</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ node, depth, leaf }) =>
            leaf ? (
              <LeafRow
                key={node.code}
                node={node}
                depth={depth}
                ir={r.indicators[node.code]}
                selected={traceOf === node.code}
                onTrace={() => onTrace(node.code)}
              />
            ) : (
              <tr key={node.code} className="group-row">
                <td colSpan={7} style={indent(depth)}>
                  {groupText(node, r)}
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}

function LeafRow({
  node,
  depth,
  ir,
  selected,
  onTrace,
}: {
  node: IndicatorNode;
  depth: number;
  ir: IndicatorResult | undefined;
  selected: boolean;
  onTrace: () => void;
}) {
  const value = valueCell(ir, node);
  const cells = leafCells(ir, node);
  return (
    <tr className={selected ? 'selected' : ''} data-testid={`ind-${node.code}`}>
      <td style={indent(depth)}>
        {node.code} {node.name}
      </td>
      <td className="num">
        {value.kind === 'missing' ? (
          <span className="missing-text">缺报</span>
        ) : value.kind === 'na' ? (
          <span className="na-text">不适用</span>
        ) : (
          value.text
        )}
      </td>
      <td className="num">{targetValueText(node)}</td>
      <td className="num">{cells.weight}</td>
      <td className="num strong">{cells.score}</td>
      <td>{cells.flags}</td>
      <td>
        <button type="button" className="link" onClick={onTrace} data-testid={`trace-${node.code}`}>
          查看
        </button>
      </td>
    </tr>
  );
}

/** 计算过程 of one leaf: the scorer's trace and the scheme's 评分细则. */
export function TraceBox({
  node,
  indicator,
  onClose,
}: {
  node: IndicatorNode;
  indicator: IndicatorResult;
  onClose: () => void;
}) {
  return (
    <div className="trace-box" data-testid="trace-box" role="region" aria-label="计算过程">
      <div className="row">
        <strong>
          {node.code} {node.name} 的计算过程
        </strong>
        <button type="button" className="link" onClick={onClose}>
          关闭
        </button>
      </div>
      <div className="trace-text" data-testid="trace-text">
        {indicator.trace}
      </div>
      {node.criteria && <div className="muted small">评分细则：{node.criteria}</div>}
    </div>
  );
}
