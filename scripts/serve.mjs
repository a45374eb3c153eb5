#!/usr/bin/env node
// `npm run serve`: builds if needed, then serves the workstation on 127.0.0.1 with a random token.
// Database: APPRAISAL_DB, else the user's data folder. Port: PORT, else a free one.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';
import { ensureBuilt } from './build-if-needed.mjs';

export async function serve({ banner } = {}) {
  ensureBuilt();
  register();
  const { startHost } = await import('../electron/host/server.ts');
  const { resolveDbPath } = await import('../electron/host/paths.ts');
  const dbPath = resolveDbPath();
  const port = process.env.PORT ? Number(process.env.PORT) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`端口无效：${process.env.PORT} / Invalid PORT: ${process.env.PORT}`);
    process.exit(1);
  }
  let host;
  try {
    host = await startHost({ dbPath, port });
  } catch (e) {
    // A port another program holds, a database that cannot be opened: said plainly, no stack.
    console.error(`无法启动 / Cannot start: ${e?.message ?? e}`);
    process.exit(1);
  }
  if (banner) console.log(banner);
  console.log('');
  const { PRODUCT_NAME } = await import('../shared/product.ts');
  console.log(`${PRODUCT_NAME}已在本机启动。请在浏览器中打开：`);
  console.log('The workstation is running on this computer. Open in a browser:');
  console.log('');
  console.log(`  ${host.url}`);
  console.log('');
  console.log(`数据库 / Database: ${dbPath}`);
  console.log('按 Ctrl+C 停止。/ Press Ctrl+C to stop.');
  const stop = async () => {
    await host.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return host;
}

// Run directly (not imported by start.mjs).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await serve();
}
