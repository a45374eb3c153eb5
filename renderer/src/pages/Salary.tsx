import { useCallback, useMemo } from 'react';
import type { Target } from '../../../shared/domain/types';
import { useApp } from '../app/context';
import { Grid } from '../components/Grid';
import { ImportResultPanel } from '../components/IssueTable';
import { ReasonDialog } from '../components/ReasonDialog';
import { ExportFinanceButton } from '../components/ExportFinanceButton';
import { SchemePicker } from '../components/SchemePicker';
import { salaryInputColumns } from './salary/columns';
import { inputRows, lineKey, payerName, targetNames, toInput } from './salary/model';
import { SalaryDialog } from './salary/SalaryDialog';
import { SalaryResults } from './salary/SalaryResults';
import { SalaryToolbar } from './salary/SalaryToolbar';
import { useSalaryData } from './salary/useSalaryData';
import { useSalaryEdits } from './salary/useSalaryEdits';

/**
 * 年薪核算: the year's 年薪基础数据 (grid, dialog, import) and the lines computed from them, by payer
 * (发放主体) with subtotals; the lines are marked out of date after an edit until computed again.
 */
export function SalaryPage() {
  const { inputs, targets, lines, terms, stale, compute, load, changed } = useSalaryData();
  const ed = useSalaryEdits({ changed, load });

  const targetName = useMemo(() => targetNames(targets), [targets]);
  const targetKind = useMemo(() => new Map(targets.map((t) => [t.code, t.kind])), [targets]);
  const groups = useMemo(() => targets.filter((t) => t.kind === 'medical_group'), [targets]);
  const payerText = useCallback((p: string | null | undefined) => payerName(p, targetName), [targetName]);
  const inputCols = useMemo(() => salaryInputColumns(), []);
  // Names travel in the rows: a grid redraws changed row data, not cells whose formatter changed.
  const rows = useMemo(() => inputRows(inputs, targetName), [inputs, targetName]);

  return (
    <div className="page page-fill" data-testid="salary-page">
      <div className="page-head">
        <h1>年薪核算</h1>
        <SalaryToolbar
          hasSelection={!!ed.selected}
          onAdd={ed.add}
          onEdit={() => ed.selected && ed.edit(ed.selected)}
          onRemove={() => ed.selected && ed.setRemoving(ed.selected)}
          onImport={() => void ed.importFile()}
          onCompute={() => void compute()}
        />
      </div>
      <div className="filters">
        <SchemePicker />
        <ExportFinanceButton />
        <span className="muted">财政报表按方案导出，含考核结果汇总、指标得分明细、年薪核算和资金分配。</span>
      </div>
      <SalaryRules />
      <ImportResultPanel result={ed.importResult} onClose={ed.closeImport} />
      <div className="stack">
        <Grid
          testId="salary-inputs"
          height={lines ? 190 : '100%'}
          rowData={rows}
          columnDefs={inputCols}
          getRowId={(p) => lineKey(p.data)}
          rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
          onSelectionChanged={(e) => {
            const r = e.api.getSelectedRows()[0];
            ed.setSelected(r ? toInput(r) : null);
          }}
          onRowDoubleClicked={(e) => e.data && ed.edit(toInput(e.data))}
        />
        {lines && (
          <SalaryResults
            lines={lines}
            stale={stale}
            targetName={targetName}
            targetKind={targetKind}
            payerName={payerText}
            terms={terms}
          />
        )}
      </div>
      <SalaryEditDialogs ed={ed} targets={targets} groups={groups} />
    </div>
  );
}

/** The person being added or edited, or deleted (with a reason). */
function SalaryEditDialogs({
  ed,
  targets,
  groups,
}: {
  ed: ReturnType<typeof useSalaryEdits>;
  targets: Target[];
  groups: Target[];
}) {
  const app = useApp();
  return (
    <>
      {ed.editing && (
        <SalaryDialog
          initial={ed.editing.input}
          isNew={ed.editing.isNew}
          targets={targets}
          groups={groups}
          schemes={app.schemes.map((s) => ({ code: s.code, name: s.name, kind: s.targetKind }))}
          onCancel={ed.cancelEdit}
          onSave={(input) => void ed.save(input)}
        />
      )}
      {ed.removing && (
        <ReasonDialog
          title={`删除 ${ed.removing.person} 的年薪基础数据`}
          danger
          confirmText="删除"
          onCancel={() => ed.setRemoving(null)}
          onConfirm={ed.remove}
        />
      )}
    </>
  );
}

/** The rules in words, with the documents they come from. */
function SalaryRules() {
  return (
    <p className="muted">
      年薪 = 基本年薪 + 绩效年薪基数 × 考核系数，超过上限按上限；按任职月数折算后四舍五入到分。被一票否决的对象系数为
      0。 发放主体（运政办发〔2019〕3号
      第7条）：医疗集团书记、院长由县财政发放，成员单位负责人由所属医疗集团发放；村医岗位补助（偏政发〔2024〕12号，每月
      1000 元）由所属医疗集团发放。
    </p>
  );
}
