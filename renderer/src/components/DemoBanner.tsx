import { useApp } from '../app/context';
import { useDatabaseSwitch } from '../app/database';

/** Shown on every page while the demo database is open, so nobody mistakes it for real data. */
export function DemoBanner() {
  const app = useApp();
  const { openMain } = useDatabaseSwitch();
  if (!app.settings?.isDemo) return null;
  return (
    <div className="demo-banner" role="status" data-testid="demo-banner">
      <span>当前为示例数据库（示例县），数据与正式数据分开保存</span>
      <button type="button" className="primary" onClick={() => void openMain()} data-testid="demo-leave">
        返回正式数据
      </button>
    </div>
  );
}
