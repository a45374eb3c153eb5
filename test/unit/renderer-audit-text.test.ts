import { describe, expect, it } from 'vitest';
import { auditText } from '../../renderer/src/lib/auditText';

describe('auditText (audit old/new JSON as Chinese)', () => {
  it('reads stored values as the grid shows them', () => {
    expect(auditText('{"kind":"number","number":"80.2"}')).toBe('80.2');
    expect(auditText('{"kind":"na"}')).toBe('不适用');
    expect(auditText('{"kind":"missing"}')).toBe('缺报');
    expect(auditText('{"kind":"label","label":"满意"}')).toBe('满意');
  });
  it('names the fields of records in Chinese', () => {
    expect(auditText('{"kind":"bonus","points":"2"}')).toBe('类别：加分，分数：2');
    expect(auditText('{"code":"EX-03","name":"西街","kind":"community_centre","group":"G1","active":false}')).toBe(
      '编码：EX-03，名称：西街，类别：社区卫生服务中心，所属集团：G1，在用：否',
    );
    expect(auditText('{"amount":"100.00","excludedGrades":["不合格"],"parts":[{"target":"A"},{"target":"B"}]}')).toBe(
      '金额：100.00，不参加等次：不合格，分配明细：2 项',
    );
  });
  it('summarises a scheme and keeps nothing it cannot name as an English label', () => {
    expect(auditText('{"code":"EX","name":"示例","indicators":[{},{},{}]}')).toBe('方案 示例（EX），3 个一级指标');
    expect(auditText('{"somethingNew":"值"}')).toBe('值');
    expect(auditText(null)).toBe('');
  });
});
