import type { Direction } from '../../../../shared/domain/types';
import { NumField } from '../../components/NumField';
import type { SetMethod } from './MethodParams';
import { addBand, addLabel, removeBand, removeLabel, renameLabel, setBand, setLabelFactor } from './methodParams';

type Errors = Record<string, string>;

const Err = ({ text }: { text: string | undefined }) => (text ? <span className="field-error">{text}</span> : null);

/** 分档: a bound and its points per row. */
export function BandsTable({
  bands,
  direction,
  u,
  errors,
  setM,
}: {
  bands: { bound: number; score: number }[];
  direction: Direction;
  u: string;
  errors: Errors;
  setM: SetMethod;
}) {
  return (
    <div className="param-table">
      <div className="subhead">
        分档（{direction === 'higher' ? '达到界限得该档分，界限从高到低' : '不超过界限得该档分，界限从低到高'}）
      </div>
      <table className="mini">
        <thead>
          <tr>
            <th>界限{u}</th>
            <th>得分</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {bands.map((b, i) => (
            <tr key={i}>
              <td>
                <NumField value={b.bound} onChange={(v) => setM({ bands: setBand(bands, i, { bound: v }) })} required />
                <Err text={errors[`bands.${i}.bound`]} />
              </td>
              <td>
                <NumField value={b.score} onChange={(v) => setM({ bands: setBand(bands, i, { score: v }) })} required />
                <Err text={errors[`bands.${i}.score`]} />
              </td>
              <td>
                <button type="button" className="link" onClick={() => setM({ bands: removeBand(bands, i) })}>
                  删除
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Err text={errors.bands} />
      <button type="button" className="small" onClick={() => setM({ bands: addBand(bands) })}>
        加一档
      </button>
    </div>
  );
}

/** 定性: each label and its share of the points (0–1). */
export function GradeLabelsTable({
  labels,
  errors,
  setM,
}: {
  labels: Record<string, number>;
  errors: Errors;
  setM: SetMethod;
}) {
  return (
    <div className="param-table">
      <div className="subhead">定性等级（得分比例 0—1）</div>
      <table className="mini">
        <thead>
          <tr>
            <th>等级</th>
            <th>比例</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {Object.entries(labels).map(([label, f], i) => (
            <tr key={i}>
              <td>
                <input
                  value={label}
                  style={{ width: 90 }}
                  onChange={(e) => setM({ labels: renameLabel(labels, i, e.target.value) })}
                />
                <Err text={errors[`labels.${i}.name`]} />
              </td>
              <td>
                <NumField value={f} onChange={(v) => setM({ labels: setLabelFactor(labels, i, v) })} required />
                <Err text={errors[`labels.${i}.factor`]} />
              </td>
              <td>
                <button type="button" className="link" onClick={() => setM({ labels: removeLabel(labels, i) })}>
                  删除
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Err text={errors.labels} />
      <button type="button" className="small" onClick={() => setM({ labels: addLabel(labels) })}>
        加一个等级
      </button>
    </div>
  );
}
