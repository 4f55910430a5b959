import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  clearAcceptRequest,
  listAcceptRequests,
  requestBaselineAccept,
} from '../../checks/defacement/baseline-requests.ts';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'canhgac-accept-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('listAcceptRequests', () => {
  it('is empty before any baseline exists', async () => {
    expect(await listAcceptRequests(dataDir)).toEqual(new Set());
  });

  it('names the sites with a marker, not the baselines or screenshots beside them', async () => {
    await mkdir(path.join(dataDir, 'baselines'));
    for (const file of ['so-mau.json', 'so-mau.webp', 'tinh-mau.json', 'so-mau.json.corrupt-20261201T000000Z'])
      await writeFile(path.join(dataDir, 'baselines', file), '{}');
    await requestBaselineAccept(dataDir, 'tinh-mau', new Date('2026-12-01T00:00:00Z'), 'test');
    await requestBaselineAccept(dataDir, 'bo-mau', new Date('2026-12-01T00:00:00Z'), 'test');
    expect(await listAcceptRequests(dataDir)).toEqual(new Set(['tinh-mau', 'bo-mau']));
    await clearAcceptRequest(dataDir, 'tinh-mau');
    expect(await listAcceptRequests(dataDir)).toEqual(new Set(['bo-mau']));
  });
});
