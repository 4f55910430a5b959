import { z } from 'zod';

/**
 * Atlassian Statuspage v2 public API shapes (`/api/v2/*.json`), written from the documented format
 * and real responses (page, components, incidents with incident_updates, scheduled maintenances),
 * strict: an extra or misspelt key fails, so what passes is what Statuspage clients read.
 */
const timestamp = z.iso.datetime({ offset: true });

export const SpPageSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  url: z.url(),
  time_zone: z.string().min(1),
  updated_at: timestamp,
});

export const ComponentStatusSchema = z.enum([
  'operational',
  'degraded_performance',
  'partial_outage',
  'major_outage',
  'under_maintenance',
]);

export const SpComponentSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  status: ComponentStatusSchema,
  created_at: timestamp,
  updated_at: timestamp,
  position: z.number().int().min(1),
  description: z.string().nullable(),
  showcase: z.boolean(),
  start_date: z.iso.date().nullable(),
  group_id: z.string().nullable(),
  page_id: z.string().min(1),
  group: z.boolean(),
  only_show_if_degraded: z.boolean(),
  /** Group components list their members' ids. */
  components: z.array(z.string()).optional(),
});

const AffectedComponentSchema = z.strictObject({
  code: z.string(),
  name: z.string(),
  old_status: ComponentStatusSchema,
  new_status: ComponentStatusSchema,
});

const updateSchema = <S extends z.ZodType>(status: S) =>
  z.strictObject({
    id: z.string().min(1),
    status,
    body: z.string(),
    incident_id: z.string().min(1),
    created_at: timestamp,
    updated_at: timestamp,
    display_at: timestamp,
    affected_components: z.array(AffectedComponentSchema).nullable(),
    deliver_notifications: z.boolean(),
    custom_tweet: z.string().nullable(),
    tweet_id: z.string().nullable(),
  });

export const IncidentStatusSchema = z.enum(['investigating', 'identified', 'monitoring', 'resolved', 'postmortem']);
export const MaintenanceStatusSchema = z.enum(['scheduled', 'in_progress', 'verifying', 'completed']);

const incidentFields = {
  id: z.string().min(1),
  name: z.string().min(1),
  created_at: timestamp,
  updated_at: timestamp,
  monitoring_at: timestamp.nullable(),
  resolved_at: timestamp.nullable(),
  shortlink: z.url(),
  started_at: timestamp,
  page_id: z.string().min(1),
  components: z.array(SpComponentSchema),
};

export const SpIncidentSchema = z.strictObject({
  ...incidentFields,
  status: IncidentStatusSchema,
  impact: z.enum(['none', 'minor', 'major', 'critical']),
  incident_updates: z.array(updateSchema(IncidentStatusSchema)),
});

export const SpMaintenanceSchema = z.strictObject({
  ...incidentFields,
  status: MaintenanceStatusSchema,
  impact: z.literal('maintenance'),
  incident_updates: z.array(updateSchema(MaintenanceStatusSchema)),
  scheduled_for: timestamp,
  scheduled_until: timestamp,
});

export const SpStatusSchema = z.strictObject({
  indicator: z.enum(['none', 'minor', 'major', 'critical']),
  description: z.string().min(1),
});

const incidentList = z.strictObject({ page: SpPageSchema, incidents: z.array(SpIncidentSchema) });
const maintenanceList = z.strictObject({ page: SpPageSchema, scheduled_maintenances: z.array(SpMaintenanceSchema) });

/** Each response by its path under `/api/v2/`. */
export const STATUSPAGE_RESPONSE_SCHEMAS = {
  'summary.json': z.strictObject({
    page: SpPageSchema,
    components: z.array(SpComponentSchema),
    incidents: z.array(SpIncidentSchema),
    scheduled_maintenances: z.array(SpMaintenanceSchema),
    status: SpStatusSchema,
  }),
  'status.json': z.strictObject({ page: SpPageSchema, status: SpStatusSchema }),
  'components.json': z.strictObject({ page: SpPageSchema, components: z.array(SpComponentSchema) }),
  'incidents.json': incidentList,
  'incidents/unresolved.json': incidentList,
  'scheduled-maintenances.json': maintenanceList,
  'scheduled-maintenances/upcoming.json': maintenanceList,
  'scheduled-maintenances/active.json': maintenanceList,
} as const;
