/**
 * The 年薪基础数据 grid's columns. Names travel in the rows (InputRow's unit and payerText): a grid
 * redraws changed row data, not cells whose formatter changed.
 */
import type { ColDef } from 'ag-grid-community';
import type { InputRow } from './model';

/** A blank cap means the scheme's own (按方案). */
export const capText = (cap: string | null | undefined): string => cap ?? '按方案';

export function salaryInputColumns(): ColDef<InputRow>[] {
  return [
    { field: 'person', headerName: '姓名', width: 100 },
    { field: 'role', headerName: '职务', width: 130 },
    { colId: 'target', field: 'unit', headerName: '单位', width: 190 },
    { field: 'scheme', headerName: '考核方案', width: 100 },
    { colId: 'payer', field: 'payerText', headerName: '发放主体', width: 150 },
    { field: 'base', headerName: '基本年薪', width: 110, type: 'rightAligned' },
    { field: 'performanceBase', headerName: '绩效年薪基数', width: 120, type: 'rightAligned' },
    { field: 'months', headerName: '任职月数', width: 90, type: 'rightAligned' },
    { field: 'cap', headerName: '年薪上限', flex: 1, type: 'rightAligned', valueFormatter: (p) => capText(p.value) },
  ];
}
