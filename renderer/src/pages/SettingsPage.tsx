import { useEffect, useState, type KeyboardEvent } from 'react';
import { api } from '../api/transport';
import { useApp } from '../app/context';
import { useDatabaseSwitch } from '../app/database';
import { Field } from '../components/Dialog';
import { BackupPanel, RestoreDialog } from './settings/BackupPanel';
import { useBackups } from './settings/useBackups';

export function SettingsPage() {
  const app = useApp();
  const b = useBackups();
  const isDemo = app.settings?.isDemo ?? false;
  return (
    <div className="page" data-testid="settings-page">
      <div className="page-head">
        <h1>设置</h1>
      </div>
      <ProfilePanel />
      <DataPlacePanel isDemo={isDemo} />
      <BackupPanel b={b} isDemo={isDemo} />
      <RestoreDialog b={b} />
    </div>
  );
}

/** 单位与考核人: the county's name and the appraiser's, saved together (Enter saves too). */
function ProfilePanel() {
  const app = useApp();
  const [county, setCounty] = useState(app.settings?.countyName ?? '');
  const [who, setWho] = useState(app.settings?.appraiserName ?? '');

  useEffect(() => {
    setCounty(app.settings?.countyName ?? '');
    setWho(app.settings?.appraiserName ?? '');
  }, [app.settings]);

  const save = async () => {
    const r = await app.run('正在保存设置', () =>
      api.saveSettings({ countyName: county.trim(), appraiserName: who.trim() }),
    );
    if (r) {
      app.notify('设置已保存');
      await app.refresh();
    }
  };
  const onEnter = (e: KeyboardEvent) => {
    if (e.key === 'Enter') void save();
  };

  return (
    <section className="panel">
      <h2>单位与考核人</h2>
      <p className="muted">县名写入导出报表的标题；考核人姓名记入每一条操作日志和导出报表。</p>
      <Field label="县（区）名称">
        <input
          value={county}
          onChange={(e) => setCounty(e.target.value)}
          placeholder="如：某某县"
          data-testid="settings-county"
          onKeyDown={onEnter}
        />
      </Field>
      <Field label="考核人姓名">
        <input
          value={who}
          onChange={(e) => setWho(e.target.value)}
          data-testid="settings-appraiser"
          onKeyDown={onEnter}
        />
      </Field>
      <button type="button" className="primary" onClick={save} data-testid="settings-save">
        保存
      </button>
    </section>
  );
}

/** 数据位置: the data folder and database file, and the switch to or from the demo database. */
function DataPlacePanel({ isDemo }: { isDemo: boolean }) {
  const app = useApp();
  const { openDemo, openMain } = useDatabaseSwitch();
  return (
    <section className="panel">
      <h2>数据位置</h2>
      <Field label="数据文件夹">
        <span className="mono" data-testid="settings-folder">
          {app.settings?.dataFolder ?? ''}
        </span>
      </Field>
      <Field label="数据库文件">
        <span className="mono" data-testid="settings-db">
          {app.settings?.dbPath ?? ''}
        </span>
      </Field>
      <Field label="示例数据" hint="示例县的数据保存在单独的数据库文件中，不会混入正式数据">
        <span className="row">
          {isDemo ? (
            <button type="button" onClick={() => void openMain()} data-testid="settings-leave-demo">
              返回正式数据
            </button>
          ) : (
            <button type="button" onClick={() => void openDemo()} data-testid="settings-open-demo">
              打开示例数据库
            </button>
          )}
        </span>
      </Field>
    </section>
  );
}
