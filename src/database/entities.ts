import { Agency } from '../agencies/agency.entity.js';
import { Attachment, AttachmentChunk } from '../attachments/attachment.entity.js';
import { AgencyRoleHolder } from '../agencies/succession/agency-role.entity.js';
import { SuccessionEvent, SuccessionLink } from '../agencies/succession/succession-event.entity.js';
import { AuditEntry } from '../audit/audit-entry.entity.js';
import { BlockerRevision } from '../blockers/blocker-revision.entity.js';
import { BlockerStateChange } from '../blockers/blocker-state-change.entity.js';
import { Blocker } from '../blockers/blocker.entity.js';
import { CalendarAdjustment } from '../calendar/calendar-adjustment.entity.js';
import { Setting } from '../common/setting.entity.js';
import { EscalationEvent } from '../escalation/escalation-event.entity.js';
import { LetterRequest } from '../letter-requests/letter-request.entity.js';
import { Comment } from '../comments/comment.entity.js';
import { Notification } from '../notifications/notification.entity.js';
import { PilotLeadAgency } from '../pilots/pilot-lead-agency.entity.js';
import { PilotStateChange } from '../pilots/pilot-state-change.entity.js';
import { Pilot } from '../pilots/pilot.entity.js';
import { RecommendationAddressee } from '../recommendations/recommendation-addressee.entity.js';
import { RecommendationBlocker } from '../recommendations/recommendation-blocker.entity.js';
import { RecommendationDistribution } from '../recommendations/recommendation-distribution.entity.js';
import { RecommendationStateChange } from '../recommendations/recommendation-state-change.entity.js';
import { RecommendationAddresseeChange } from '../recommendations/recommendation-addressee-change.entity.js';
import { RecommendationResponse } from '../recommendations/recommendation-response.entity.js';
import { Recommendation } from '../recommendations/recommendation.entity.js';
import { PeriodSnapshot } from '../periods/period-snapshot.entity.js';
import { PilotReportRevision } from '../progress-reports/pilot-report-revision.entity.js';
import { PilotReport } from '../progress-reports/pilot-report.entity.js';
import { Indicator } from '../indicators/indicator.entity.js';
import { IndicatorValue, IndicatorValueRevision } from '../indicators/indicator-value.entity.js';
import { Milestone } from '../milestones/milestone.entity.js';
import { MilestoneRevision } from '../milestones/milestone-revision.entity.js';
import { ReportPeriod } from '../periods/report-period.entity.js';
import { User } from '../users/user.entity.js';
import { KeptForm } from '../web/kept-form.entity.js';
import { SavedFilter } from '../saved-filters/saved-filter.entity.js';
import { WebSession } from '../web/web-session.entity.js';

export const ENTITIES = [
  Agency,
  SuccessionEvent,
  SuccessionLink,
  AgencyRoleHolder,
  User,
  Pilot,
  PilotLeadAgency,
  PilotStateChange,
  ReportPeriod,
  PilotReport,
  PilotReportRevision,
  Indicator,
  IndicatorValue,
  IndicatorValueRevision,
  PeriodSnapshot,
  Blocker,
  BlockerStateChange,
  Milestone,
  MilestoneRevision,
  BlockerRevision,
  Recommendation,
  RecommendationAddressee,
  RecommendationBlocker,
  RecommendationDistribution,
  RecommendationResponse,
  RecommendationStateChange,
  RecommendationAddresseeChange,
  LetterRequest,
  Comment,
  EscalationEvent,
  Notification,
  AuditEntry,
  Attachment,
  AttachmentChunk,
  CalendarAdjustment,
  Setting,
  WebSession,
  SavedFilter,
  KeptForm,
];
