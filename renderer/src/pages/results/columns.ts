/**
 * The ranking grid's columns (ag-grid ColDefs), as a pure function of the scheme: 名次/编码/名称
 * pinned on the left, one column per dimension (一级指标) in the scheme's order, the score parts,
 * then 总分 and 等次 pinned on the right so they stay in view whatever the number of dimensions
 * (1366-wide screens), 一票否决 and 标记.
 */
import type { ColDef } from 'ag-grid-community';
import type { Scheme, TargetResult } from '../../../../shared/domain/types';
import { flagsText, gradeColour } from '../../lib/format';

/** The grid's column id of a dimension's score. */
export const dimensionColId = (code: string) => `dim-${code}`;

/** The score of one dimension (一级指标) of a target, blank when it has none. */
export function dimensionScore(r: TargetResult | undefined, code: string): string {
  return r?.dimensions[code]?.score ?? '';
}

/** The 等次 cell: white on the grade's colour (by its place in the scheme's bands). */
export function gradeCellStyle(grade: unknown, grades: Scheme['grades']) {
  return {
    color: '#fff',
    background: gradeColour(String(grade ?? ''), grades),
    fontWeight: 600,
    textAlign: 'center',
  };
}

export function rankingColumns(scheme: Pick<Scheme, 'indicators' | 'grades'> | null): ColDef<TargetResult>[] {
  return [
    { field: 'rank', headerName: '名次', width: 64, pinned: 'left' },
    { field: 'target', headerName: '编码', width: 90, pinned: 'left' },
    { field: 'name', headerName: '名称', width: 170, pinned: 'left', tooltipField: 'name' },
    ...(scheme?.indicators ?? []).map((d): ColDef<TargetResult> => ({
      colId: dimensionColId(d.code),
      headerName: `${d.name}`,
      headerTooltip: `${d.code} ${d.name}`,
      width: 100,
      valueGetter: (p) => dimensionScore(p.data, d.code),
      type: 'rightAligned',
    })),
    { field: 'base', headerName: '基础分', width: 85, type: 'rightAligned' },
    { field: 'bonus', headerName: '加分', width: 70, type: 'rightAligned' },
    { field: 'deduction', headerName: '减分', width: 70, type: 'rightAligned' },
    { field: 'total', headerName: '总分', width: 85, type: 'rightAligned', cellClass: 'strong', pinned: 'right' },
    {
      field: 'grade',
      headerName: '等次',
      width: 80,
      pinned: 'right',
      cellStyle: (p) => gradeCellStyle(p.value, scheme?.grades),
    },
    { field: 'veto', headerName: '一票否决', width: 140, valueFormatter: (p) => p.value ?? '', cellClass: 'bad' },
    { colId: 'flags', headerName: '标记', flex: 1, minWidth: 140, valueGetter: (p) => flagsText(p.data?.flags) },
  ];
}
