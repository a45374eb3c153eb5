import { useMemo, useState } from 'react';
import type { Target } from '../../../shared/domain/types';
import { useApp } from '../app/context';
import { Grid } from '../components/Grid';
import { ImportResultPanel } from '../components/IssueTable';
import { targetColumns } from './targets/columns';
import { asTarget, newTarget, shownRows, type TargetFilter } from './targets/model';
import { RetireDialog } from './targets/RetireDialog';
import { TargetDialog } from './targets/TargetDialog';
import { TargetFilters } from './targets/TargetFilters';
import { TargetsToolbar } from './targets/TargetsToolbar';
import { useTargets } from './targets/useTargets';

/**
 * 考核对象: every target with its group and years — by default those appraised in the year shown —
 * added or edited in a dialog (Enter or double click opens one), retired from a year, imported.
 */
export function TargetsPage() {
  const app = useApp();
  const t = useTargets();
  const [filter, setFilter] = useState<TargetFilter>({ kind: '', showInactive: false, search: '' });
  const groups = useMemo(() => t.targets.filter((x) => x.kind === 'medical_group'), [t.targets]);
  const rows = useMemo(() => shownRows(t.targets, filter, app.year), [t.targets, filter, app.year]);
  const cols = useMemo(() => targetColumns(app.year), [app.year]);
  const edit = (x: Target) => t.setEditing({ isNew: false, target: asTarget(x) });

  return (
    <div className="page page-fill" data-testid="targets-page">
      <div className="page-head">
        <h1>考核对象</h1>
        <TargetsToolbar
          hasSelection={!!t.selected}
          onAdd={() => t.setEditing({ isNew: true, target: newTarget(filter.kind) })}
          onEdit={() => t.selected && edit(t.selected)}
          onRetire={() => t.selected && t.setRetiring(t.selected)}
          onImport={() => void t.importFile()}
          onTemplate={() => void t.downloadTemplate()}
        />
      </div>
      <TargetFilters filter={filter} onChange={setFilter} year={app.year} count={rows.length} />
      <ImportResultPanel result={t.importResult} onClose={t.closeImport} />
      <Grid
        testId="targets-grid"
        rowData={rows}
        columnDefs={cols}
        getRowId={(p) => p.data.code}
        rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
        onSelectionChanged={(e) => {
          const r = e.api.getSelectedRows()[0];
          t.setSelected(r ? asTarget(r) : null);
        }}
        onCellKeyDown={(e) => {
          const ke = e.event as KeyboardEvent | undefined;
          if (ke?.key === 'Enter' && e.data) edit(e.data);
        }}
        onRowDoubleClicked={(e) => e.data && edit(e.data)}
      />
      {t.editing && (
        <TargetDialog
          initial={t.editing.target}
          isNew={t.editing.isNew}
          groups={groups}
          existing={t.targets}
          onCancel={() => t.setEditing(null)}
          onSave={(x, isNew, reason) => void t.save(x, isNew, reason)}
        />
      )}
      {t.retiring && (
        <RetireDialog
          target={t.retiring}
          defaultYear={app.year}
          onCancel={() => t.setRetiring(null)}
          onConfirm={(from, reason) => void t.retire(from, reason)}
        />
      )}
    </div>
  );
}
