import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { Relation } from 'typeorm';
import { sqlIn } from '../common/domain/sql-in.js';
import { PilotReport } from '../progress-reports/pilot-report.entity.js';
import { RecommendationResponse } from '../recommendations/recommendation-response.entity.js';
import { Recommendation } from '../recommendations/recommendation.entity.js';
import { ACCEPTED_MIME_TYPES } from './domain/file-kinds.js';

/**
 * A file on a letter, an answer or a pilot's monthly report (exactly one of them), its bytes in
 * AttachmentChunk rows so that one PostgreSQL backup holds everything. The content type is the
 * one recognised from the bytes; `sha256` is of the whole content.
 */
@Entity('attachment')
@Index('attachment_recommendation_id_idx', ['recommendationId'])
@Index('attachment_response_id_idx', ['responseId'])
@Index('attachment_pilot_report_id_idx', ['pilotReportId'])
@Check('attachment_one_owner', `num_nonnulls(recommendation_id, response_id, pilot_report_id) = 1`)
@Check('attachment_content_type_valid', sqlIn('content_type', ACCEPTED_MIME_TYPES))
@Check('attachment_size_positive', `size_bytes > 0`)
@Check('attachment_sha256_format', `sha256 ~ '^[0-9a-f]{64}$'`)
@Check('attachment_file_name_not_blank', `btrim(file_name) <> ''`)
export class Attachment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { nullable: true })
  recommendationId: string | null;

  @ManyToOne(() => Recommendation, { nullable: true, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recommendation_id' })
  recommendation: Relation<Recommendation | null>;

  @Column('uuid', { nullable: true })
  responseId: string | null;

  @ManyToOne(() => RecommendationResponse, { nullable: true, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'response_id' })
  response: Relation<RecommendationResponse | null>;

  @Column('uuid', { nullable: true })
  pilotReportId: string | null;

  @ManyToOne(() => PilotReport, { nullable: true, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pilot_report_id' })
  pilotReport: Relation<PilotReport | null>;

  @Column('text')
  fileName: string;

  @Column('text')
  contentType: string;

  @Column('bigint', { transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  sizeBytes: number;

  @Column('text')
  sha256: string;

  /** No foreign key, as in the audit trail: the record outlives the account. */
  @Column('uuid', { nullable: true })
  uploadedById: string | null;

  @Column('timestamptz')
  uploadedAt: Date;
}

/** One piece of an attachment's bytes, in order of `seq`; written as the upload streams in. */
@Entity('attachment_chunk')
export class AttachmentChunk {
  @PrimaryColumn('uuid')
  attachmentId: string;

  @PrimaryColumn('integer')
  seq: number;

  @Column('bytea')
  data: Buffer;

  /** Deferred: the chunks are written before the attachment row, which waits for the hash. */
  @ManyToOne(() => Attachment, { onDelete: 'CASCADE', deferrable: 'INITIALLY DEFERRED' })
  @JoinColumn({ name: 'attachment_id' })
  attachment: Relation<Attachment>;
}
