import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { assertAllowed, SYSTEM_ACTOR, type Actor } from '../../access/actor.js';
import { AuditService } from '../../audit/audit.service.js';
import { Clock, FixedClock } from '../../common/clock.js';
import { conflict } from '../../common/domain-error.js';
import { atLocalTime, localDay } from '../../common/domain/local-time.js';
import { inTransaction } from '../../common/transaction-retry.js';
import { agencyView } from '../agency-view.reader.js';
import { Agency } from '../agency.entity.js';
import {
  REORGANISATION_2025,
  REORGANISATION_2025_FROM,
  type ReorganisationPackage,
} from './reorganisation-2025.js';
import { movesView, pilotNamesOf, previewPackage } from './reorganisation-preview.js';
import type { ReorganisationApplyView, ReorganisationPreviewView } from './reorganisation.view.js';
import { SuccessionEvents } from './succession-events.service.js';
import { realiseDueEvents, SUCCESSION_LOCK } from './succession-realiser.js';

/**
 * The 2025 reorganisation as a package an existing database previews and applies (product.md
 * §9): ADMIN only (`agencies.manage`). Applying adds the successor agencies, records the events
 * (SuccessionEvents: idempotent by package key, ends the old agencies, audited), then realises
 * every event whose day has come — in one transaction, so a failure leaves nothing half done.
 * Applying again changes nothing.
 */
@Injectable()
export class ReorganisationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly events: SuccessionEvents,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  private readonly pkg: ReorganisationPackage = REORGANISATION_2025;

  preview(actor: Actor): Promise<ReorganisationPreviewView> {
    assertAllowed(actor, 'agencies.manage');
    const today = this.today();
    return this.dataSource.transaction('REPEATABLE READ', (m) =>
      previewPackage(m, this.pkg, today),
    );
  }

  apply(actor: Actor): Promise<ReorganisationApplyView> {
    assertAllowed(actor, 'agencies.manage');
    const today = this.today();
    return inTransaction(this.dataSource, (m) => this.applyIn(m, actor, today));
  }

  /** The preview inside the caller's transaction, as of `today`. */
  previewIn(m: EntityManager, today: string): Promise<ReorganisationPreviewView> {
    return previewPackage(m, this.pkg, today);
  }

  /** Applies the package inside the caller's transaction as of `today`. */
  async applyIn(m: EntityManager, actor: Actor, today: string): Promise<ReorganisationApplyView> {
    await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [SUCCESSION_LOCK]);
    const preview = await previewPackage(m, this.pkg, today);
    if (preview.problems.length > 0)
      throw conflict(`Chưa áp dụng được gói ${this.pkg.key}: ${preview.problems.join(' ')}`, {
        problems: preview.problems,
      });

    const agenciesCreated: string[] = [];
    for (const a of preview.agencies.filter((a) => a.action === 'CREATE')) {
      await m.insert(Agency, {
        code: a.code,
        name: a.name,
        shortName: a.shortName,
        kind: a.kind,
        validFrom: a.validFrom,
        contactEmails: [],
      });
      await this.audit.record(m, actor, {
        action: 'agency.create',
        entityType: 'agency',
        entityId: a.code,
        after: { ...(await agencyView(m, a.code, today)), package: this.pkg.key },
      });
      agenciesCreated.push(a.code);
    }

    const eventsRecorded: string[] = [];
    for (const e of this.pkg.events) {
      const { created } = await this.events.record(m, actor, {
        kind: e.kind,
        effectiveOn: e.effectiveOn,
        legalBasis: e.legalBasis,
        note: e.note,
        packageKey: e.packageKey,
        links: e.links.map((l) => ({ ...l })),
      });
      if (created) eventsRecorded.push(e.packageKey);
    }

    const realised = await realiseDueEvents(m, today, actor, this.audit);
    const days: { id: string; effective_on: string }[] = await m.query(
      `SELECT id, to_char(effective_on, 'YYYY-MM-DD') AS effective_on FROM succession_event
        WHERE id = ANY($1::uuid[])`,
      [realised.events],
    );
    const dayOf = new Map(days.map((d) => [d.id, d.effective_on]));
    const moves = movesView(
      realised.moves,
      (event) => dayOf.get(event)!,
      today,
      await pilotNamesOf(m),
    );
    const after = await previewPackage(m, this.pkg, today);
    return {
      packageKey: this.pkg.key,
      asOf: today,
      changed:
        agenciesCreated.length > 0 || eventsRecorded.length > 0 || realised.events.length > 0,
      agenciesCreated,
      eventsRecorded,
      eventsRealised: realised.events.length,
      ...moves,
      pending: after.events.filter((e) => e.status === 'RECORDED' && !e.due),
    };
  }

  private today(): string {
    return localDay(this.clock.now());
  }
}

/** The same service outside Nest (the CLI, start-up), on a data source and a clock. */
export function standaloneReorganisation(
  dataSource: DataSource,
  clock: Clock,
): ReorganisationService {
  const audit = new AuditService();
  return new ReorganisationService(dataSource, audit, new SuccessionEvents(audit), clock);
}

/**
 * The seed's part (product.md §9): a database whose reference data was loaded just now, on a
 * clock on or after the package's first day, starts with the package applied by the system.
 * Before that day, or on a database loaded earlier (its admin previews and applies it), nothing.
 */
export async function applyReorganisationOnFreshStart(
  m: EntityManager,
  today: string,
  freshlyLoaded: boolean,
): Promise<ReorganisationApplyView | null> {
  if (!freshlyLoaded || today < REORGANISATION_2025_FROM) return null;
  return standaloneReorganisation(
    m.connection,
    new FixedClock(atLocalTime(today, '12:00')),
  ).applyIn(m, SYSTEM_ACTOR, today);
}
