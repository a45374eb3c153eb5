/**
 * Workbooks as the contract carries them: a file name and its bytes in base64 (FilePayload), and an
 * exceljs workbook written out to bytes.
 */
import type { FilePayload } from '../../../shared/api/contract';

export const toPayload = (fileName: string, bytes: Buffer): FilePayload => ({
  fileName,
  base64: bytes.toString('base64'),
});

export const fromPayload = (f: FilePayload): Buffer => Buffer.from(f.base64, 'base64');

export async function workbookBytes(wb: { xlsx: { writeBuffer(): Promise<unknown> } }): Promise<Buffer> {
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
