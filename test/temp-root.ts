/**
 * Vitest global set-up: every test run gets one scratch folder as its TMPDIR (databases, workbooks,
 * browser profiles, LibreOffice conversions …), removed when the run ends, so runs leave nothing
 * behind in the machine's temporary folder. Workers start after this and inherit the variable.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'appraisal-tests-'));
  const before = process.env.TMPDIR;
  process.env.TMPDIR = root;
  return () => {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    fs.rmSync(root, { recursive: true, force: true });
  };
}
