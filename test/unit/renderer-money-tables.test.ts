/**
 * What the 总量与结余 page's tables show (renderer/src/pages/money/tables.ts): the group scheme
 * chosen, approved totals or stored inputs 未核定, and a surplus split in words — the split itself
 * made by the shared rule (shared/finance splitSurplusTiers), shown as computed.
 */
import { describe, expect, it } from 'vitest';
import type { PayTotalInputRow, PayTotalReport, SchemeSummary, SurplusRecord } from '../../shared/api/contract';
import { splitSurplusTiers } from '../../shared/finance/allocate';
import {
  groupSchemeChoice,
  payTotalRows,
  surplusRatioText,
  surplusTierTexts,
} from '../../renderer/src/pages/money/tables';

const scheme = (code: string, targetKind: SchemeSummary['targetKind'], state: SchemeSummary['state']) =>
  ({ code, name: code, targetKind, state }) as SchemeSummary;

describe('the group scheme', () => {
  const schemes = [scheme('TC', 'township_centre', 'locked'), scheme('MG', 'medical_group', 'scored')];

  it('the first scheme appraising medical groups unless one is chosen', () => {
    expect(groupSchemeChoice(schemes, '')).toMatchObject({ code: 'MG', locked: false });
    expect(groupSchemeChoice(schemes, '').groupSchemes.map((s) => s.code)).toEqual(['MG']);
    expect(groupSchemeChoice(schemes, 'MG2').code).toBe('MG2');
  });

  it('locked when a group scheme is locked (another kind’s lock does not count); none: no code', () => {
    expect(groupSchemeChoice([...schemes, scheme('MG2', 'medical_group', 'locked')], '').locked).toBe(true);
    expect(groupSchemeChoice([schemes[0]!], '')).toEqual({ groupSchemes: [], code: '', locked: false });
  });
});

describe('the pay-total table', () => {
  const input = { year: 2024, target: 'G01', name: '集团', proposed: '1.00', benchmark: '1.00', multiple: '5' };
  const inputs = [input as PayTotalInputRow];
  const report = { year: 2024, scheme: 'MG', groups: [{ target: 'G01' }] } as PayTotalReport;

  it('computed: the approved lines only', () => {
    expect(payTotalRows(report, inputs)).toEqual({ computed: report.groups, pending: [], empty: false });
  });

  it('not computed (no scheme, or it cannot be): the stored inputs, 未核定', () => {
    expect(payTotalRows(null, inputs)).toEqual({ computed: [], pending: inputs, empty: false });
  });

  it('nothing stored: 本年度尚未录入', () => {
    expect(payTotalRows(null, [])).toEqual({ computed: [], pending: [], empty: true });
  });
});

describe('a surplus split in words', () => {
  const record = (tiers: string[] | null): SurplusRecord => {
    const s = splitSurplusTiers('100000.01', { split: ['40', '60'], tiers });
    return {
      year: 2024,
      target: 'G02',
      name: '县中医院医疗集团',
      amount: s.amount,
      development: s.development,
      staff: s.staff,
      split: ['40', '60'],
      tierRatio: tiers,
      tiers: s.tiers,
      reason: '页面录入',
      updatedAt: '',
      updatedBy: '',
    };
  };

  it('a per-capita package: both ratios and each tier with its own development/staff split', () => {
    const r = record(['6', '3', '1']);
    expect(surplusRatioText(r)).toBe('40:60；6:3:1');
    // 100000.01 by 6:3:1 → 60000.01 / 30000.00 / 10000.00, each split 40:60 to the fen.
    expect(surplusTierTexts(r)).toEqual([
      '60000.01（24000.00/36000.01）',
      '30000.00（12000.00/18000.00）',
      '10000.00（4000.00/6000.00）',
    ]);
  });

  it('no package: the one ratio, no tiers', () => {
    const r = record(null);
    expect(surplusRatioText(r)).toBe('40:60');
    expect(surplusTierTexts(r)).toBeNull();
  });
});
