/** The 考核对象 grid's columns; the state column is headed and read for the year shown. */
import type { ColDef } from 'ag-grid-community';
import { TARGET_KIND_NAMES, type TargetKind } from '../../../../shared/domain/types';
import { indentedName, yearState, yearsText, type Row } from './model';

export function targetColumns(year: number): ColDef<Row>[] {
  return [
    { field: 'code', headerName: '对象编码', width: 130 },
    {
      field: 'name',
      headerName: '对象名称',
      flex: 1,
      minWidth: 220,
      valueFormatter: (p) => indentedName(p.data?.depth ?? 0, p.value ?? ''),
    },
    {
      field: 'kind',
      headerName: '类型',
      width: 150,
      valueFormatter: (p) => TARGET_KIND_NAMES[p.value as TargetKind] ?? '',
    },
    { field: 'groupName', headerName: '所属医疗集团', width: 200 },
    {
      colId: 'years',
      headerName: '考核年度',
      width: 130,
      valueGetter: (p) => (p.data ? yearsText(p.data) : ''),
    },
    {
      colId: 'state',
      headerName: `${year} 年度`,
      width: 110,
      valueGetter: (p) => (p.data ? yearState(p.data, year) : ''),
      cellClass: (p) => (p.value === '参加考核' ? '' : 'muted'),
    },
  ];
}
