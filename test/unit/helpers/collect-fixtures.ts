/** A small scheme and roster for the 数据采集 page's pure rules (renderer/src/pages/collect). */
import type { Scheme, Target } from '../../../shared/domain/types';

export const SCHEME: Scheme = {
  code: 'TC',
  name: '测试方案',
  year: 2025,
  targetKind: 'township_centre',
  indicators: [
    {
      code: 'A',
      name: '服务',
      children: [
        { code: 'A1', name: '门诊人次', weight: 10, unit: '人次', method: { type: 'ratio', target: 100 } },
        { code: 'A2', name: '门诊增长', weight: 10, unit: '%', method: { type: 'growth', target: 5 } },
      ],
    },
    { code: 'B1', name: '满意度', weight: 10, method: { type: 'grade', labels: { 好: 1, 中: 0.5 } } },
    { code: 'C1', name: '直接打分', weight: 5, method: { type: 'manual' } },
    // Written with `children: []`: a leaf, as for the scorer.
    { code: 'D1', name: '覆盖率', weight: 5, unit: '%', max: 100, method: { type: 'ratio', target: 90 }, children: [] },
  ],
};

export const TARGETS: Target[] = [
  { code: 'T1', name: '一号卫生院', kind: 'township_centre' },
  { code: 'T2', name: '二号卫生院', kind: 'township_centre' },
  { code: 'T3', name: '三号卫生院', kind: 'township_centre' },
];
