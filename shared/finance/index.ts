/** Money rules (finance.md): salary lines, pay totals, fund allocation, 大写金额, repeated failure. */
export * from './salary';
export * from './paytotal';
export * from './allocate';
export * from './capital';
export * from './history';
export * from './payer';
export * from './term';
export { parseAmount, parseFenAmount, yuanToFen, fenToYuan, fen2 } from './money';
