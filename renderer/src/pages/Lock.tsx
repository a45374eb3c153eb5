import { useApp } from '../app/context';
import { LockDialogs, LockExplain, LockTable, VerifyResult } from './lock/LockParts';
import { useLocking } from './lock/useLocking';

export function LockPage() {
  const app = useApp();
  const l = useLocking();
  return (
    <div className="page" data-testid="lock-page">
      <div className="page-head">
        <h1>定稿</h1>
        <div className="toolbar">
          <button
            type="button"
            onClick={l.verify}
            data-testid="verify-workbook"
            title="选择一份导出的财政报表，核对它的数据是否就是本库中的定稿数据"
          >
            核验财政报表…
          </button>
        </div>
      </div>
      {l.verified && <VerifyResult v={l.verified} onClose={l.closeVerified} />}
      <LockExplain />
      <LockTable schemes={app.schemes} l={l} />
      <LockDialogs schemes={app.schemes} year={app.year} l={l} />
    </div>
  );
}
