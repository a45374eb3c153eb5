import { TARGET_KINDS, TARGET_KIND_NAMES, type TargetKind } from '../../../../shared/domain/types';
import type { TargetFilter } from './model';

/** 类型, 查找 and whether targets not appraised in the year shown are listed; how many are shown. */
export function TargetFilters({
  filter,
  onChange,
  year,
  count,
}: {
  filter: TargetFilter;
  onChange: (f: TargetFilter) => void;
  year: number;
  count: number;
}) {
  return (
    <div className="filters">
      <label>
        类型
        <select
          value={filter.kind}
          onChange={(e) => onChange({ ...filter, kind: e.target.value as TargetKind | '' })}
          data-testid="target-kind-filter"
        >
          <option value="">全部</option>
          {TARGET_KINDS.map((k) => (
            <option key={k} value={k}>
              {TARGET_KIND_NAMES[k]}
            </option>
          ))}
        </select>
      </label>
      <label>
        查找{' '}
        <input
          value={filter.search}
          onChange={(e) => onChange({ ...filter, search: e.target.value })}
          placeholder="编码或名称"
          data-testid="target-search"
        />
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={filter.showInactive}
          onChange={(e) => onChange({ ...filter, showInactive: e.target.checked })}
          data-testid="target-all-years"
        />{' '}
        显示不参加 {year} 年度考核的对象
      </label>
      <span className="muted">共 {count} 个</span>
    </div>
  );
}
