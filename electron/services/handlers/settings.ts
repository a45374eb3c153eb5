/** 设置、备份与恢复、示例数据库、审计日志: the contract's settings and administration methods. */
import {
  audit,
  backupToFolderAsync,
  downloadBackup,
  getSettings,
  inspectSourceAsync,
  listBackups,
  restoreFromSourceAsync,
  saveSettings,
} from '../admin';
import type { ServiceContext } from '../context';
import { isDemoDatabase, type DatabaseSwitch } from '../databases';
import { ApiError } from '../errors';
import type { Handlers } from './handler';

type SettingsMethod =
  | 'getSettings'
  | 'saveSettings'
  | 'backup'
  | 'listBackups'
  | 'restore'
  | 'inspectBackup'
  | 'downloadBackup'
  | 'openDemo'
  | 'openMainDatabase'
  | 'audit';

export function settingsHandlers(ctx: ServiceContext, databases: DatabaseSwitch): Handlers<SettingsMethod> {
  return {
    async getSettings() {
      return getSettings(ctx);
    },
    async saveSettings(i) {
      return saveSettings(ctx, i);
    },
    async backup() {
      return backupToFolderAsync(ctx, isDemoDatabase(ctx.dbPath));
    },
    async listBackups() {
      return listBackups(ctx);
    },
    async restore(source) {
      if (isDemoDatabase(ctx.dbPath)) {
        throw new ApiError(
          'INPUT',
          '当前打开的是示例数据库（示例县），不能在这里恢复正式数据的备份；请先点“返回正式数据”，再恢复。',
        );
      }
      return restoreFromSourceAsync(ctx, source);
    },
    async inspectBackup(source) {
      return inspectSourceAsync(ctx, source);
    },
    async downloadBackup(i) {
      return downloadBackup(ctx, i.name);
    },
    async openDemo() {
      const { created } = await databases.openDemo();
      return { settings: getSettings(ctx), created };
    },
    async openMainDatabase() {
      await databases.openMain();
      return getSettings(ctx);
    },
    async audit(i) {
      return audit(ctx, i);
    },
  };
}
