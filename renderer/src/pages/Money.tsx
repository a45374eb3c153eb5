/**
 * 总量与结余: a group's 绩效工资总量 (运政办发〔2019〕3号 第7条, 第24条) and its 医保结余 split (第20条),
 * per group and year — inputs stored and audited, results from the group scheme's appraisal.
 */
import { useState } from 'react';
import type { SchemeSummary } from '../../../shared/api/contract';
import { api } from '../api/transport';
import { useApp } from '../app/context';
import { downloadPayload } from '../lib/files';
import { PayTotalForm } from './money/PayTotalForm';
import { PayTotalTable } from './money/PayTotalTable';
import { SurplusForm } from './money/SurplusForm';
import { SurplusTable } from './money/SurplusTable';
import { groupSchemeChoice } from './money/tables';
import { useMoneyData } from './money/useMoneyData';

export function MoneyPage() {
  const app = useApp();
  const [scheme, setScheme] = useState('');
  const { groupSchemes, code, locked } = groupSchemeChoice(app.schemes, scheme);
  const { groups, inputs, report, reportError, surplus, load } = useMoneyData(code);

  const exportWorkbook = async () => {
    if (!code) return;
    const p = await app.run('正在生成财政报表', () => api.exportResults({ year: app.year, scheme: code }));
    if (p) {
      downloadPayload(p);
      app.notify(`已导出 ${p.fileName}`);
    }
  };

  return (
    <div className="page" data-testid="money-page">
      <div className="page-head">
        <h1>绩效工资总量与医保结余</h1>
        <GroupSchemeSelect code={code} schemes={groupSchemes} onChange={setScheme} />
        <div className="toolbar">
          <button type="button" onClick={exportWorkbook} disabled={!code} data-testid="money-export">
            导出财政报表（含本页两张表）
          </button>
        </div>
      </div>
      {locked && (
        <p className="bad">
          本年度考核医疗集团的方案已定稿：绩效工资总量和医保结余分配不能再修改（解除定稿须说明原因）。
        </p>
      )}

      <section className="panel" data-testid="paytotal-section">
        <h2>绩效工资总量</h2>
        <p className="muted">
          运政办发〔2019〕3号 第7条：医疗集团绩效工资总量控制在当地无收入全额拨款事业单位绩效工资总量的 5
          倍以内；第24条：签约服务费不纳入绩效工资总量。 核定总量 = min(申报总量 × 考核系数, 倍数 ×
          基准)，考核系数按方案的年薪规则由集团的考核得分计算（一票否决为 0）；可分配总额 = 核定总量 +
          不纳入总量的项目。
        </p>
        <PayTotalForm groups={groups} inputs={inputs} disabled={locked} onSaved={load} />
        {reportError && (
          <p className="bad" data-testid="paytotal-error">
            {reportError}
          </p>
        )}
        <PayTotalTable report={report} inputs={inputs} />
      </section>

      <section className="panel" data-testid="surplus-section">
        <h2>医保结余资金分配</h2>
        <p className="muted">
          运政办发〔2019〕3号 第20条：结余资金 40% 用于业务发展，60%
          用于提高医务人员待遇；按人头打包付费的，结余资金按县乡村 6:3:1 分配（各级所得再按 40:60
          分）。各部分分到分，尾差按最大余数法，合计等于结余资金。
        </p>
        <SurplusForm groups={groups} disabled={locked} onSaved={load} />
        <SurplusTable surplus={surplus} />
      </section>
    </div>
  );
}

/** 考核医疗集团的方案: the pay totals are approved under the one chosen. */
function GroupSchemeSelect({
  code,
  schemes,
  onChange,
}: {
  code: string;
  schemes: SchemeSummary[];
  onChange: (code: string) => void;
}) {
  return (
    <label>
      考核医疗集团的方案{' '}
      <select value={code} onChange={(e) => onChange(e.target.value)} data-testid="money-scheme">
        {schemes.length === 0 && <option value="">（本年度没有考核医疗集团的方案）</option>}
        {schemes.map((s) => (
          <option key={s.code} value={s.code}>
            {s.name}（{s.code}）
          </option>
        ))}
      </select>
    </label>
  );
}
