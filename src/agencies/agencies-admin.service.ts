import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { assertAllowed, type Actor } from '../access/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { assertVersion } from '../common/concurrency.js';
import { localDay } from '../common/domain/local-time.js';
import { conflict, fieldError, notFound } from '../common/domain-error.js';
import { inTransaction } from '../common/transaction-retry.js';
import { isUniqueViolation } from '../common/write-errors.js';
import { agencyView } from './agency-view.reader.js';
import type { AgencyView } from './agency.view.js';
import type { CreateAgencyDto, UpdateAgencyDto } from './agencies-admin.dto.js';
import { Agency } from './agency.entity.js';

type Link = { field: 'parentCode'; column: 'parent_id' };
const PARENT: Link = { field: 'parentCode', column: 'parent_id' };

/** Creating and changing agencies: ADMIN only, each write in its own transaction. */
@Injectable()
export class AgencyAdmin {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  create(actor: Actor, input: CreateAgencyDto): Promise<AgencyView> {
    assertAllowed(actor, 'agencies.manage');
    return inTransaction(this.dataSource, (m) => this.insert(m, actor, input));
  }

  /**
   * Rows of a renamed or merged agency stay; succession events say who takes over (§9). A change
   * of the focal-point addresses alone is the secretariat's to make as well (issue 16, item 3):
   * it keeps the reminders reaching someone; anything else about an agency is the admin's.
   */
  update(actor: Actor, code: string, changes: UpdateAgencyDto): Promise<AgencyView> {
    const focalPointsOnly = Object.entries(changes).every(
      ([field, value]) => value === undefined || field === 'version' || field === 'contactEmails',
    );
    assertAllowed(actor, focalPointsOnly ? 'agencies.focalPoints' : 'agencies.manage');
    return inTransaction(this.dataSource, (m) => this.change(m, actor, code, changes));
  }

  private async insert(
    m: EntityManager,
    actor: Actor,
    input: CreateAgencyDto,
  ): Promise<AgencyView> {
    const parent = input.parentCode ? await this.target(m, PARENT, input.parentCode) : null;
    if (await m.existsBy(Agency, { code: input.code })) throw duplicateCode(input.code);
    try {
      await m.insert(Agency, {
        code: input.code,
        name: input.name,
        shortName: input.shortName,
        kind: input.kind,
        parentId: parent?.id ?? null,
        contactEmails: input.contactEmails ?? [],
      });
    } catch (error) {
      if (isUniqueViolation(error, 'agency_code_key')) throw duplicateCode(input.code);
      throw error;
    }
    const after = await agencyView(m, input.code, localDay(this.clock.now()));
    await this.audit.record(m, actor, {
      action: 'agency.create',
      entityType: 'agency',
      entityId: input.code,
      after,
    });
    return after;
  }

  private async change(
    m: EntityManager,
    actor: Actor,
    code: string,
    changes: UpdateAgencyDto,
  ): Promise<AgencyView> {
    const agency = await m.findOne(Agency, {
      where: { code },
      lock: { mode: 'pessimistic_write' },
    });
    if (!agency) throw notFound(`cơ quan mã ${code}`, { code });
    assertVersion(agency, changes.version, `Cơ quan ${code}`);
    const before = await agencyView(m, code, localDay(this.clock.now()));
    const set: Partial<Agency> = {};
    if (typeof changes.name === 'string') set.name = changes.name;
    if (typeof changes.shortName === 'string') set.shortName = changes.shortName;
    if (typeof changes.kind === 'string') set.kind = changes.kind;
    if (Array.isArray(changes.contactEmails)) set.contactEmails = changes.contactEmails;
    if (changes.validFrom !== undefined) set.validFrom = changes.validFrom;
    if (changes.validUntil !== undefined) set.validUntil = changes.validUntil;
    const from = changes.validFrom !== undefined ? changes.validFrom : agency.validFrom;
    const until = changes.validUntil !== undefined ? changes.validUntil : agency.validUntil;
    if (from && until && from >= until)
      throw fieldError('validUntil', 'validUntil phải sau validFrom.');
    if (changes.parentCode !== undefined) {
      // One change of the agency graph at a time, so two concurrent edits cannot close a loop.
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['agency-graph']);
    }
    if (changes.parentCode !== undefined)
      set.parentId = changes.parentCode && (await this.link(m, agency, PARENT, changes.parentCode));
    if (Object.keys(set).length === 0) return before; // nothing to change, nothing to record
    await m.update(Agency, { id: agency.id }, set); // bumps version and updatedAt
    const after = await agencyView(m, code, localDay(this.clock.now()));
    await this.audit.record(m, actor, {
      action: 'agency.update',
      entityType: 'agency',
      entityId: code,
      before,
      after,
    });
    return after;
  }

  private async target(m: EntityManager, link: Link, code: string): Promise<Agency> {
    const agency = await m.findOne(Agency, { where: { code } });
    if (!agency) throw fieldError(link.field, `Không có cơ quan mã ${code}.`);
    return agency;
  }

  /** The id to link to, refusing the agency itself and any loop back to it. */
  private async link(m: EntityManager, agency: Agency, link: Link, code: string): Promise<string> {
    const target = await this.target(m, link, code);
    if (target.id === agency.id)
      throw fieldError(link.field, `${link.field} không được là chính cơ quan ${agency.code}.`);
    // Follow the chain from the target; reaching this agency would make a loop.
    const loop: { code: string }[] = await m.query(
      `WITH RECURSIVE chain(id) AS (
         SELECT $1::uuid
         UNION SELECT a.${link.column} FROM agency a JOIN chain c ON a.id = c.id
          WHERE a.${link.column} IS NOT NULL)
       SELECT 1 AS found FROM chain WHERE id = $2 LIMIT 1`,
      [target.id, agency.id],
    );
    if (loop.length > 0)
      throw conflict(
        `Không thể đặt ${code} cho ${agency.code}: ${code} đã (trực tiếp hay gián tiếp) trỏ về ${agency.code}, sẽ tạo vòng lặp.`,
        { field: link.field },
      );
    return target.id;
  }
}

const duplicateCode = (code: string) =>
  conflict(`Đã có cơ quan mã ${code}.`, { field: 'code', code });
