/** Audit entry entities (the `entity` column, a stable filter key) and their Chinese names. */
export const AUDIT_ENTITY_NAMES = {
  settings: '设置',
  target: '考核对象',
  scheme: '考核方案',
  value: '指标值',
  adjustment: '加减分',
  veto: '一票否决',
  salary_input: '年薪基础数据',
  allocation: '资金分配',
  pay_total: '绩效工资总量',
  surplus: '医保结余分配',
  lock: '定稿',
  import: '导入',
  database: '数据库',
} as const;
export type AuditEntity = keyof typeof AUDIT_ENTITY_NAMES;
