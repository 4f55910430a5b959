import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { Scenario } from './scenarios.ts';
import type { Simulator } from './simulator.ts';

export interface DemoPortal {
  /** Site id and file name; also the portal label in the simulator host name. */
  readonly id: string;
  readonly name: string;
  readonly name_en: string;
  readonly agency: string;
  readonly group: 'ministry' | 'province' | 'other';
  readonly scenario: Scenario;
}

/**
 * Fictional agencies for `npm start`: plausible Vietnamese names, but no real body, so the demo
 * never appears to report on a real agency. Every scenario is used at least once; a few extra
 * healthy ones keep the demo status page from being all red.
 */
export const DEMO_PORTALS: readonly DemoPortal[] = [
  {
    id: 'bo-mau',
    name: 'Cổng thông tin điện tử Bộ Mẫu',
    name_en: 'Ministry of Samples portal',
    agency: 'Bộ Mẫu',
    group: 'ministry',
    scenario: 'healthy',
  },
  {
    id: 'bo-thu-nghiem',
    name: 'Bộ Thử nghiệm và Đo lường',
    name_en: 'Ministry of Testing and Measurement',
    agency: 'Bộ Thử nghiệm và Đo lường',
    group: 'ministry',
    scenario: 'slow',
  },
  {
    id: 'bo-du-lieu-so',
    name: 'Bộ Dữ liệu số',
    name_en: 'Ministry of Digital Data',
    agency: 'Bộ Dữ liệu số',
    group: 'ministry',
    scenario: 'tls-valid',
  },
  {
    id: 'bo-ha-tang-mau',
    name: 'Bộ Hạ tầng Mẫu',
    name_en: 'Ministry of Sample Infrastructure',
    agency: 'Bộ Hạ tầng Mẫu',
    group: 'ministry',
    scenario: 'server-error',
  },
  {
    id: 'tinh-vi-du',
    name: 'Cổng thông tin điện tử tỉnh Ví Dụ',
    name_en: 'Ví Dụ Province portal',
    agency: 'Ủy ban nhân dân tỉnh Ví Dụ',
    group: 'province',
    scenario: 'healthy',
  },
  {
    id: 'so-khcn-vi-du',
    name: 'Sở Khoa học và Công nghệ tỉnh Ví Dụ',
    name_en: 'Ví Dụ Department of Science and Technology',
    agency: 'Ủy ban nhân dân tỉnh Ví Dụ',
    group: 'province',
    scenario: 'tls-expired',
  },
  {
    id: 'tinh-song-may',
    name: 'Cổng thông tin điện tử tỉnh Sông Mây',
    name_en: 'Sông Mây Province portal',
    agency: 'Ủy ban nhân dân tỉnh Sông Mây',
    group: 'province',
    scenario: 'windows-1258',
  },
  {
    id: 'so-gddt-song-may',
    name: 'Sở Giáo dục và Đào tạo tỉnh Sông Mây',
    name_en: 'Sông Mây Department of Education and Training',
    agency: 'Ủy ban nhân dân tỉnh Sông Mây',
    group: 'province',
    scenario: 'flaky',
  },
  {
    id: 'so-yte-song-may',
    name: 'Sở Y tế tỉnh Sông Mây',
    name_en: 'Sông Mây Department of Health',
    agency: 'Ủy ban nhân dân tỉnh Sông Mây',
    group: 'province',
    scenario: 'redirect-foreign',
  },
  {
    id: 'thanh-pho-mau',
    name: 'Cổng thông tin điện tử thành phố Mẫu',
    name_en: 'Mẫu City portal',
    agency: 'Ủy ban nhân dân thành phố Mẫu',
    group: 'province',
    scenario: 'tls-self-signed',
  },
  {
    id: 'so-tnmt-thanh-pho-mau',
    name: 'Sở Tài nguyên và Môi trường thành phố Mẫu',
    name_en: 'Mẫu City Department of Natural Resources and Environment',
    agency: 'Ủy ban nhân dân thành phố Mẫu',
    group: 'province',
    scenario: 'connection-refused',
  },
  {
    id: 'tinh-van-linh',
    name: 'Cổng thông tin điện tử tỉnh Vân Lĩnh',
    name_en: 'Vân Lĩnh Province portal',
    agency: 'Ủy ban nhân dân tỉnh Vân Lĩnh',
    group: 'province',
    scenario: 'tls-wrong-host',
  },
  {
    id: 'so-xd-van-linh',
    name: 'Sở Xây dựng tỉnh Vân Lĩnh',
    name_en: 'Vân Lĩnh Department of Construction',
    agency: 'Ủy ban nhân dân tỉnh Vân Lĩnh',
    group: 'province',
    scenario: 'timeout',
  },
  {
    id: 'so-vhttdl-van-linh',
    name: 'Sở Văn hóa, Thể thao và Du lịch tỉnh Vân Lĩnh',
    name_en: 'Vân Lĩnh Department of Culture, Sports and Tourism',
    agency: 'Ủy ban nhân dân tỉnh Vân Lĩnh',
    group: 'province',
    scenario: 'redirect-loop',
  },
  {
    id: 'trung-tam-hcc-vi-du',
    name: 'Trung tâm Phục vụ hành chính công tỉnh Ví Dụ',
    name_en: 'Ví Dụ Public Administration Service Centre',
    agency: 'Văn phòng Ủy ban nhân dân tỉnh Ví Dụ',
    group: 'other',
    scenario: 'healthy',
  },
  {
    id: 'benh-vien-vi-du',
    name: 'Bệnh viện Đa khoa tỉnh Ví Dụ',
    name_en: 'Ví Dụ Provincial General Hospital',
    agency: 'Sở Y tế tỉnh Ví Dụ',
    group: 'other',
    scenario: 'huge-body',
  },
  {
    id: 'truong-dai-hoc-mau',
    name: 'Trường Đại học Mẫu',
    name_en: 'Mẫu University',
    agency: 'Bộ Mẫu',
    group: 'other',
    scenario: 'gzip-bomb',
  },
  {
    id: 'so-tu-phap-vi-du',
    name: 'Sở Tư pháp tỉnh Ví Dụ',
    name_en: 'Ví Dụ Department of Justice',
    agency: 'Ủy ban nhân dân tỉnh Ví Dụ',
    group: 'province',
    scenario: 'defaced',
  },
  {
    id: 'so-lao-dong-song-may',
    name: 'Sở Nội vụ tỉnh Sông Mây',
    name_en: 'Sông Mây Department of Home Affairs',
    agency: 'Ủy ban nhân dân tỉnh Sông Mây',
    group: 'province',
    scenario: 'spam-injected',
  },
  {
    id: 'so-cong-thuong-van-linh',
    name: 'Sở Công Thương tỉnh Vân Lĩnh',
    name_en: 'Vân Lĩnh Department of Industry and Trade',
    agency: 'Ủy ban nhân dân tỉnh Vân Lĩnh',
    group: 'province',
    scenario: 'cloaked',
  },
  {
    id: 'ubnd-huyen-trung-tam',
    name: 'Ủy ban nhân dân xã Trung Tâm',
    name_en: 'Trung Tâm Commune People’s Committee',
    agency: 'Ủy ban nhân dân tỉnh Ví Dụ',
    group: 'province',
    scenario: 'script-redirect',
  },
  {
    id: 'truong-cao-dang-mau',
    name: 'Trường Cao đẳng Mẫu',
    name_en: 'Mẫu College',
    agency: 'Bộ Mẫu',
    group: 'other',
    scenario: 'subpage-spam',
  },
  {
    id: 'dai-ptth-song-may',
    name: 'Đài Phát thanh và Truyền hình tỉnh Sông Mây',
    name_en: 'Sông Mây Radio and Television',
    agency: 'Ủy ban nhân dân tỉnh Sông Mây',
    group: 'other',
    scenario: 'slow-headers',
  },
];

export interface DemoRegistryOptions {
  /** Default: `DEMO_PORTALS`, one a scenario. */
  readonly portals?: readonly DemoPortal[];
  /** Sections of config.yml besides `organisation` and `probe` (the story's detection cadence, its gaps). */
  readonly config?: Readonly<Record<string, unknown>>;
  /** Fields a portal's site file has besides the usual ones (a maintenance window). */
  readonly siteFields?: (portal: DemoPortal) => Readonly<Record<string, unknown>>;
}

/**
 * Writes a data directory for the demo: one `sites/<id>.yml` per demo portal pointing at `sim`,
 * `config.yml` aimed at the simulator's DNS server and CA with short timeouts, and `sim-ca.pem`.
 * The files follow `checks/schemas/site.ts` and `checks/schemas/config.ts`.
 */
export async function writeDemoRegistry(
  dataDir: string,
  sim: Simulator,
  options: DemoRegistryOptions = {},
): Promise<void> {
  await mkdir(join(dataDir, 'sites'), { recursive: true });
  const config = {
    organisation: { name: 'Canh Gác — bản demo', name_en: 'Canh Gác — demo' },
    probe: {
      dns_servers: [`${sim.dnsServer.host}:${sim.dnsServer.port}`],
      ca_file: 'sim-ca.pem',
      retest_delay_ms: 200,
      header_timeout_ms: 3000,
      total_timeout_ms: 6000,
      connect_timeout_ms: 2000,
      degraded_ms: 1000,
    },
    ...options.config,
  };
  await writeFile(join(dataDir, 'config.yml'), stringify(config), 'utf8');
  await writeFile(join(dataDir, 'sim-ca.pem'), sim.caPem, 'utf8');
  await Promise.all(
    (options.portals ?? DEMO_PORTALS).map((portal) => {
      const site = {
        name: portal.name,
        name_en: portal.name_en,
        agency: portal.agency,
        group: portal.group,
        url: sim.urlFor(portal.scenario, portal.id),
        responders: [],
        tags: ['demo', portal.scenario],
        ...options.siteFields?.(portal),
      };
      return writeFile(join(dataDir, 'sites', `${portal.id}.yml`), stringify(site), 'utf8');
    }),
  );
}
