/**
 * The audit log page (renderer/src/pages/audit/auditRows.ts): each entry's text as the grid shows
 * it, the typed start date, and the page query with its one-extra-entry paging.
 */
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/api/contract';
import {
  AUDIT_PAGE_SIZE,
  auditColumns,
  auditQuery,
  auditRowText,
  countText,
  knownEntities,
  pageOf,
  readSince,
} from '../../renderer/src/pages/audit/auditRows';
import { formatTime } from '../../renderer/src/lib/format';

const entry = (over: Partial<AuditEntry> = {}): AuditEntry => ({
  id: 7,
  at: '2024-03-05T01:02:03Z',
  who: '张三',
  action: 'update',
  entity: 'value',
  key: '2024/TC/T01/A1',
  old: '{"kind":"number","number":"80"}',
  new: '{"kind":"na"}',
  reason: null,
  ...over,
});

describe('audit row text', () => {
  it('names the action and category in Chinese and reads old/new values', () => {
    expect(auditRowText(entry())).toEqual({
      at: formatTime('2024-03-05T01:02:03Z'),
      who: '张三',
      action: '修改',
      entity: '指标值',
      key: '2024/TC/T01/A1',
      old: '80',
      new: '不适用',
      reason: '',
    });
  });
  it('keeps unknown words as written; the settings key reads 设置', () => {
    const r = auditRowText(
      entry({ action: 'frobnicate', entity: 'widget', key: 'settings', old: null, reason: '核对' }),
    );
    expect(r.action).toBe('frobnicate');
    expect(r.entity).toBe('widget');
    expect(r.key).toBe('设置');
    expect(r.old).toBe('');
    expect(r.reason).toBe('核对');
  });
  it('the grid columns show the same text', () => {
    const cols = auditColumns();
    const e = entry({ action: 'unlock', entity: 'lock' });
    const cell = (id: string) => {
      const c = cols.find((x) => (x.colId ?? x.field) === id)!;
      const f = (c.valueGetter ?? c.valueFormatter) as ((p: unknown) => string) | undefined;
      return f ? f({ data: e, value: (e as unknown as Record<string, unknown>)[id] }) : (e as never)[id];
    };
    expect(cols.map((c) => c.headerName)).toEqual([
      '时间',
      '操作人',
      '操作',
      '对象类别',
      '对象',
      '原值',
      '新值',
      '原因',
    ]);
    expect(cell('action')).toBe('解除定稿');
    expect(cell('entity')).toBe('定稿');
    expect(cell('old')).toBe('80');
    expect(cell('new')).toBe('不适用');
    expect(cell('who')).toBe('张三');
  });
});

describe('start date and query', () => {
  it('takes 2024-1-5 and 2024-01-05 as local midnight; blank is no limit', () => {
    const iso = new Date(2024, 0, 5).toISOString();
    expect(readSince('2024-1-5')).toEqual({ ok: true, iso });
    expect(readSince(' 2024-01-05 ')).toEqual({ ok: true, iso });
    expect(readSince('')).toEqual({ ok: true });
  });
  it('refuses what is not a date', () => {
    expect(readSince('2024/01/05').ok).toBe(false);
    expect(readSince('2024-13-01').ok).toBe(false);
    expect(readSince('昨天').ok).toBe(false);
  });
  it('asks for one entry more than a page, newest first, after a given entry', () => {
    const q = auditQuery({ since: '2024-1-5', entity: 'value', text: '  表彰 ' }, 42);
    expect(q).toEqual({
      since: new Date(2024, 0, 5).toISOString(),
      entity: 'value',
      text: '表彰',
      order: 'newest',
      beforeId: 42,
      limit: AUDIT_PAGE_SIZE + 1,
    });
    expect(auditQuery({ since: '', entity: '', text: ' ' })).toMatchObject({
      since: undefined,
      entity: undefined,
      text: undefined,
    });
  });
  it('a page shows at most its size and knows whether more remain', () => {
    const r = Array.from({ length: AUDIT_PAGE_SIZE + 1 }, (_, i) => entry({ id: 1000 - i }));
    expect(pageOf(r).rows).toHaveLength(AUDIT_PAGE_SIZE);
    expect(pageOf(r).more).toBe(true);
    expect(pageOf(r.slice(0, AUDIT_PAGE_SIZE)).more).toBe(false);
    expect(countText(200, true)).toBe('最新在前，已显示 200 条，还有更早的');
    expect(countText(3, false)).toBe('最新在前，已显示 3 条');
  });
  it('the category filter lists the known categories, then others met', () => {
    const k = knownEntities([entry({ entity: 'widget' }), entry()]);
    expect(k[0]).toBe('value');
    expect(k.at(-1)).toBe('widget');
    expect(k.filter((x) => x === 'value')).toHaveLength(1);
  });
});
