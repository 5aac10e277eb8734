import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Agency } from '../agencies/agency.entity.js';
import { assertAgenciesExistOn } from '../agencies/succession/current-agencies.js';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../access/actor.js';
import { hashPassword } from './password.js';
import { Clock } from '../common/clock.js';
import { assertVersion } from '../common/concurrency.js';
import { localDay } from '../common/domain/local-time.js';
import { conflict, fieldError, notFound } from '../common/domain-error.js';
import type { Role } from '../access/domain/role.js';
import { addressSkeleton, isAccountAddress, normalizeEmail } from './email-address.js';
import { assertPasswordAllowed } from './password-policy.js';
import { User } from './user.entity.js';
import { toUserView } from './user-view.mapper.js';
import type { UserView } from './user.view.js';
import { isUniqueViolation } from '../common/write-errors.js';

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  agencyCode?: string | null;
  password: string;
}

export interface UserChanges {
  version?: number;
  name?: string;
  role?: Role;
  /** null removes the agency; absent keeps it unless the role no longer takes one. */
  agencyCode?: string | null;
  password?: string;
  disabled?: boolean;
}

const OFFICER: Role = 'AGENCY_OFFICER';

/**
 * Account writes shared by the admin API and the CLI. Each method runs inside the caller's
 * transaction and writes its audit entry there; formats are checked by the DTOs beforehand.
 */
@Injectable()
export class UserAccounts {
  constructor(
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async create(m: EntityManager, actor: Actor, input: NewUser): Promise<UserView> {
    const email = normalizeEmail(input.email);
    if (!isAccountAddress(email))
      throw fieldError('email', 'email chỉ gồm chữ cái không dấu, chữ số và . _ - + @');
    await assertPasswordAllowed(input.password, email);
    const agency = await this.agencyFor(m, input.role, input.agencyCode ?? null);
    // One creation at a time: the look-alike check below reads rows a parallel one may add.
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('app_user:create'))`);
    const [clash] = (await m.query(
      `SELECT email FROM app_user WHERE email = $1 OR ${SQL_SKELETON} = $2 LIMIT 1`,
      [email, addressSkeleton(email)],
    )) as { email: string }[];
    if (clash?.email === email) throw duplicateEmail(email);
    if (clash) throw lookAlikeEmail(email, clash.email);
    const passwordHash = await hashPassword(input.password.normalize('NFC'));
    let id: string;
    try {
      const result = await m.insert(User, {
        email,
        name: input.name.normalize('NFC').trim(),
        role: input.role,
        agencyId: agency?.id ?? null,
        passwordHash,
        isDemo: false,
      });
      id = (result.identifiers[0] as { id: string }).id;
    } catch (error) {
      // The unique index on email decides, should the lock above ever be bypassed.
      if (isUniqueViolation(error, 'app_user_email_key')) throw duplicateEmail(email);
      throw error;
    }
    const after = await this.view(m, id);
    await this.audit.record(m, actor, {
      action: 'user.create',
      entityType: 'user',
      entityId: id,
      after,
    });
    return after;
  }

  async update(
    m: EntityManager,
    actor: Actor,
    id: string,
    changes: UserChanges,
  ): Promise<UserView> {
    const user = await m.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!user) throw notFound('tài khoản', { id });
    assertVersion(user, changes.version, 'Tài khoản');
    const before = await this.view(m, id);
    const role = changes.role ?? user.role;
    if (user.id === actor.id && changes.disabled === true)
      throw conflict('Bạn không thể tự khóa tài khoản của mình; hãy nhờ một quản trị viên khác.');
    if (user.id === actor.id && user.role === 'ADMIN' && role !== 'ADMIN')
      throw conflict(
        'Bạn không thể tự bỏ quyền quản trị của mình; hãy nhờ một quản trị viên khác.',
      );

    let agencyId = role === OFFICER ? user.agencyId : null;
    if (changes.agencyCode !== undefined) {
      agencyId = (await this.agencyFor(m, role, changes.agencyCode, user.agencyId))?.id ?? null;
    } else if (agencyId === null) {
      await this.agencyFor(m, role, null); // becoming an officer needs an agency
    }
    const set: Partial<User> = { role, agencyId };
    if (typeof changes.name === 'string') set.name = changes.name.normalize('NFC').trim();
    if (typeof changes.password === 'string') {
      await assertPasswordAllowed(changes.password, user.email);
      set.passwordHash = await hashPassword(changes.password.normalize('NFC'));
      // Whoever knew the old password is signed out: tokens issued before now stop working
      // (the API's guard compares), and browser sessions end.
      // The system's time, not the domain clock: it is compared with the tokens' `iat`.
      set.passwordChangedAt = new Date();
      await m.query(`DELETE FROM web_session WHERE user_id = $1`, [id]);
    }
    if (changes.disabled === true) set.disabledAt = user.disabledAt ?? this.clock.now();
    if (changes.disabled === false) set.disabledAt = null;
    await m.update(User, { id }, set); // bumps version and updatedAt
    const after = await this.view(m, id);
    await this.audit.record(m, actor, {
      action: 'user.update',
      entityType: 'user',
      entityId: id,
      before,
      after: set.passwordHash ? { ...after, passwordChanged: true } : after,
    });
    return after;
  }

  /** The account with this address (as `normalizeEmail` makes it), locked for the transaction. */
  async byEmail(m: EntityManager, email: string): Promise<User> {
    const user = await m
      .createQueryBuilder(User, 'u')
      .where('u.email = :email', { email: normalizeEmail(email) })
      .setLock('pessimistic_write')
      .getOne();
    if (!user) throw notFound(`tài khoản ${normalizeEmail(email)}`);
    return user;
  }

  async view(m: EntityManager, id: string): Promise<UserView> {
    const user = await m.findOne(User, { where: { id }, relations: { agency: true } });
    if (!user) throw notFound('tài khoản', { id });
    return toUserView(user);
  }

  /**
   * Officers belong to exactly one agency that exists today (or keep the one they have, which
   * the reorganisation moves them from); other roles to none.
   */
  private async agencyFor(
    m: EntityManager,
    role: Role,
    code: string | null,
    current: string | null = null,
  ): Promise<Agency | null> {
    if (role !== OFFICER) {
      if (code !== null)
        throw fieldError(
          'agencyCode',
          'Chỉ cán bộ đầu mối (AGENCY_OFFICER) mới gắn với cơ quan; hãy bỏ agencyCode.',
        );
      return null;
    }
    if (code === null)
      throw fieldError(
        'agencyCode',
        'agencyCode là bắt buộc với vai trò cán bộ đầu mối (AGENCY_OFFICER).',
      );
    const agency = await m.findOne(Agency, { where: { code } });
    if (!agency) throw fieldError('agencyCode', `Không có cơ quan mã ${code}.`);
    if (agency.id !== current)
      await assertAgenciesExistOn(m, [agency], localDay(this.clock.now()), 'agencyCode');
    return agency;
  }
}

const duplicateEmail = (email: string) =>
  conflict(`Đã có tài khoản với email ${email}.`, { field: 'email' });

const lookAlikeEmail = (email: string, existing: string) =>
  conflict(
    `Email ${email} dễ nhầm với tài khoản đã có ${existing} (rn/m, vv/w, 0/o, 1/l); hãy dùng địa chỉ khác.`,
    { field: 'email', existing },
  );

/** `addressSkeleton` in SQL, on the stored (normalised) address. */
const SQL_SKELETON = `replace(replace(translate(email, '01|', 'oll'), 'rn', 'm'), 'vv', 'w')`;
