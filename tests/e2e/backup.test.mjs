// tests/e2e/backup.test.mjs — issue 8 items 6 and 8 end to end: the body imports a package,
// exports a full backup (checked here independently: every file's SHA-256 and the digest over
// the canonical content), a fresh browser restores it and holds the same files byte for byte; a
// non-empty store merges and reports conflicts without overwriting; a tampered archive changes
// nothing; a case archive is recorded, and removal before the retention end is refused (R11).
// Screenshot of the data panel. Usage: node backup.test.mjs <site-dir>
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launchPersistent, openPage, waitSaved, screenshot, assert, run, state, dispatch, ok, storeFiles } from './harness.mjs';

const site = process.argv[2];
if (!site) throw new Error('usage: node backup.test.mjs <site-dir>');
const here = new URL('.', import.meta.url).pathname;
const server = await serve(site, '/');
const work = await mkdtemp(join(tmpdir(), 'certdesk-backup-'));

const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');
async function idle(page) {
  await page.waitForFunction(() => window.certdesk.state().busy === '', null, { timeout: 120000 });
  await page.evaluate(() => window.certdesk.frames(3));
}
// Dispatches a request that opens the file chooser and hands it `file`.
async function choose(page, request, file) {
  const chooser = page.waitForEvent('filechooser', { timeout: 10000 });
  await ok(page, request);
  await (await chooser).setFiles(file);
  await page.waitForFunction(() => { const s = window.certdesk.state(); return s.busy !== '' || s.info !== '' || s.lastError !== ''; },
                             null, { timeout: 60000 });
  await idle(page);
}
// Dispatches a request that downloads a file; returns its bytes.
async function download(page, request, name) {
  const pending = page.waitForEvent('download', { timeout: 60000 });
  await ok(page, request);
  const d = await pending;
  const path = join(work, name);
  await d.saveAs(path);
  await idle(page);
  return { name: d.suggestedFilename(), buffer: await readFile(path) };
}
// The canonical form the digest covers: the archive without "digest", keys sorted, compact.
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  return JSON.stringify(value);
}
async function bodyWithCase(context, packageFile, name) {
  const { page, errors } = await openPage(context, server.url);
  await ok(page, { type: 'SetMode', mode: 'body' });
  await ok(page, { type: 'SetProfileName', name });
  await ok(page, { type: 'SetProfileRole', role: 'marketing', held: true });
  const buffer = await readFile(join(here, '..', 'packages', packageFile));
  await choose(page, { type: 'ImportPackage' }, { name: packageFile, mimeType: 'application/json', buffer });
  const s = await state(page);
  assert(s.cases.length === 1, `import: ${s.lastError}`);
  return { page, errors };
}

let backup = null, original = null;

try {
  await run([
    ['a full backup holds every file with its hash and a digest; a fresh browser restores it byte for byte', async () => {
      const context = await launchPersistent(join(work, 'a'), { acceptDownloads: true });
      const { page, errors } = await bodyWithCase(context, 'valid_final.json', '周敏');
      await ok(page, { type: 'SetProfileNote', note: '备份前的备注：审核部 3 楼' });
      await ok(page, { type: 'ShowView', view: 'data' });
      await waitSaved(page);
      original = await storeFiles(page);
      assert(original['cases/C2026-001.json'] && original['cases/C2026-001/att/att-1'] && original['cases/index.json'] &&
             original['profile.json'] && original['meta.json'], `store: ${Object.keys(original)}`);

      backup = await download(page, { type: 'Backup' }, 'backup.json');
      const today = new Date().toISOString().slice(0, 10);
      assert(/^certdesk-备份-\d{4}-\d{2}-\d{2}\.json$/.test(backup.name), backup.name);
      const j = JSON.parse(backup.buffer.toString('utf8'));
      assert(j.format === 'certdesk-backup' && j.format_version === 1 && j.scope === 'store' && j.created_at.startsWith(today.slice(0, 4)),
             JSON.stringify({ ...j, files: j.files.length }));
      // Every file but the case summaries (derived from the cases, rebuilt after a restore: the
      // restored store below holds them again, byte for byte).
      assert(original['summaries/C2026-001.json'], `no case summary: ${Object.keys(original)}`);
      assert(JSON.stringify(j.files.map((f) => f.path).sort()) ===
             JSON.stringify(Object.keys(original).filter((p) => !p.startsWith('summaries/')).sort()),
             `files: ${j.files.map((f) => f.path)}`);
      for (const f of j.files) {
        const bytes = f.encoding === 'base64' ? Buffer.from(f.content, 'base64') : Buffer.from(f.content, 'utf8');
        assert(bytes.length === f.size && sha256(bytes) === f.sha256 && f.sha256 === original[f.path], `file ${f.path}`);
      }
      const { digest, ...rest } = j;
      assert(sha256(Buffer.from(canonical(rest), 'utf8')) === digest, 'digest is not SHA-256 of the canonical content');
      const s = await state(page);
      assert(/已导出完整备份/.test(s.info), s.info);
      await screenshot(page, 'data-panel');
      assert(errors.length === 0, errors.join('\n'));
      await context.close();

      // A fresh browser: restore before even choosing who uses it.
      const fresh = await launchPersistent(join(work, 'b'));
      const b = await openPage(fresh, server.url);
      assert((await state(b.page)).model.mode === '', 'fresh browser has a mode');
      await ok(b.page, { type: 'ShowView', view: 'data' });
      await choose(b.page, { type: 'Restore' }, { name: backup.name, mimeType: 'application/json', buffer: backup.buffer });
      let r = await state(b.page);
      assert(/已从备份恢复/.test(r.info) && r.data.lastRestore.conflicts.length === 0, `${r.info} ${r.lastError}`);
      assert(r.model.mode === 'body' && r.model.profile.name === '周敏' && r.cases.length === 1 &&
             r.cases[0].organisation === '北京安信网络科技有限公司' && r.cases[0].attachments === 2, JSON.stringify(r.cases));
      await waitSaved(b.page);
      await screenshot(b.page, 'data-restored');
      await b.page.reload();
      await b.page.evaluate(() => window.certdesk.ready.then(() => window.certdesk.storeLoaded));
      const restored = await storeFiles(b.page);
      assert(JSON.stringify(restored) === JSON.stringify(original),
             `restored store differs:\n${JSON.stringify(restored)}\n${JSON.stringify(original)}`);
      r = await state(b.page);
      assert(r.model.profile.note === '备份前的备注：审核部 3 楼' && r.cases.length === 1, 'after reload');
      assert(b.errors.length === 0, b.errors.join('\n'));
      await fresh.close();
    }],
    ['restoring into a non-empty store merges, reports each conflict and overwrites nothing', async () => {
      assert(backup, 'no backup');
      const context = await launchPersistent(join(work, 'c'), { acceptDownloads: true });
      const { page, errors } = await bodyWithCase(context, 'valid_draft_no_attachments.json', '王芳');
      await waitSaved(page);
      const before = await storeFiles(page);
      const caseBefore = (await state(page)).cases[0];
      await ok(page, { type: 'ShowView', view: 'data' });

      // Bad archives first: each named, nothing changed.
      const j = JSON.parse(backup.buffer.toString('utf8'));
      const tampered = backup.buffer.toString('utf8').replace('备份前的备注', '备份后的备注');
      const escaping = { ...j, files: j.files.map((f) => f.path === 'profile.json' ? { ...f, path: '../profile.json' } : f) };
      for (const [text, words] of [[tampered, /digest|摘要不符|校验值不符/], [JSON.stringify(escaping), /path.*越出数据目录/],
                                   ['{"format":"certdesk-backup","format_version":9}', /format_version.*不支持的备份格式版本 9/],
                                   ['不是 JSON', /不是有效的 JSON/]]) {
        await choose(page, { type: 'Restore' }, { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(text) });
        const s = await state(page);
        assert(words.test(s.lastError) && /未做任何修改/.test(s.lastError), `bad archive: ${s.lastError}`);
      }
      assert(JSON.stringify(await storeFiles(page)) === JSON.stringify(before), 'a bad archive changed the store');

      await choose(page, { type: 'Restore' }, { name: backup.name, mimeType: 'application/json', buffer: backup.buffer });
      const s = await state(page);
      const conflicts = s.data.lastRestore.conflicts;
      assert(conflicts.some((c) => c.path === 'cases/C2026-001.json' && c.case === 'C2026-001') &&
             conflicts.some((c) => c.path === 'profile.json'), `conflicts: ${JSON.stringify(conflicts)}`);
      assert(/冲突/.test(s.info) && /案件 C2026-001：cases\/C2026-001\.json/.test(s.info) && /保留本机/.test(s.info), s.info);
      assert(s.model.profile.name === '王芳' && s.cases.length === 1 && JSON.stringify(s.cases[0]) === JSON.stringify(caseBefore),
             `local data overwritten: ${JSON.stringify(s.cases)}`);
      await waitSaved(page);
      const after = await storeFiles(page);
      for (const [path, hash] of Object.entries(before)) assert(after[path] === hash, `${path} was overwritten`);
      await page.evaluate(() => window.certdesk.frames(3));
      await screenshot(page, 'data-conflicts');
      assert(errors.length === 0, errors.join('\n'));
      await context.close();
    }],
    ['R11: a case archive is recorded; removal before the retention end is refused and changes nothing', async () => {
      const context = await launchPersistent(join(work, 'a'), { acceptDownloads: true });
      const { page, errors } = await openPage(context, server.url);
      let s = await state(page);
      assert(s.cases.length === 1 && s.data.cases[0].archived === false && s.data.cases[0].closed === false,
             JSON.stringify(s.data.cases));
      let r = await dispatch(page, { type: 'RemoveCase', case: 'C2026-001' });
      s = await state(page);
      assert(/R11/.test(s.lastError) && /尚未关闭/.test(s.lastError) && s.cases.length === 1, `removal: ${s.lastError}`);
      r = await dispatch(page, { type: 'RemoveCase', case: 'C2099-999' });
      assert(!r.ok && /不存在/.test(r.message), JSON.stringify(r));

      await ok(page, { type: 'ShowView', view: 'data' });
      const archive = await download(page, { type: 'ArchiveCase', case: 'C2026-001' }, 'case.json');
      assert(/^certdesk-案件存档-C2026-001-\d{4}-\d{2}-\d{2}\.json$/.test(archive.name), archive.name);
      const a = JSON.parse(archive.buffer.toString('utf8'));
      assert(a.scope === 'case' && a.case_id === 'C2026-001' && a.files.length === 4, JSON.stringify(a.files.map((f) => f.path)));
      s = await state(page);
      assert(s.data.archives.length === 1 && s.data.archives[0].digest === a.digest && s.data.cases[0].archived,
             JSON.stringify(s.data));
      await dispatch(page, { type: 'RemoveCase', case: 'C2026-001' });
      s = await state(page);
      assert(/R11/.test(s.lastError) && s.cases.length === 1, `removal with archive but open case: ${s.lastError}`);
      await waitSaved(page);
      await page.reload();
      await page.evaluate(() => window.certdesk.ready.then(() => window.certdesk.storeLoaded));
      s = await state(page);
      assert(s.data.archives.length === 1 && s.data.cases[0].archived, 'archive record not kept');
      await ok(page, { type: 'ShowView', view: 'data' });
      await page.evaluate(() => window.certdesk.frames(3));
      await screenshot(page, 'data-archived');
      assert(errors.length === 0, errors.join('\n'));
      await context.close();
    }],
  ]);
} finally {
  await server.close();
  await rm(work, { recursive: true, force: true });
}
