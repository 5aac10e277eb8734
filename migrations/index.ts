import { InitialSchema1795751585454 } from './1795751585454-InitialSchema.js';
import { SearchAndLoginThrottle1795760000000 } from './1795760000000-SearchAndLoginThrottle.js';
import { PeriodSnapshots1795770000000 } from './1795770000000-PeriodSnapshots.js';
import { WebSessions1795780000000 } from './1795780000000-WebSessions.js';
import { PasswordChangedAt1795790000000 } from './1795790000000-PasswordChangedAt.js';
import { MailDelivery1795810000000 } from './1795810000000-MailDelivery.js';
import { NormalizedEmails1795820000000 } from './1795820000000-NormalizedEmails.js';
import { TimeTrueHistory1795830000000 } from './1795830000000-TimeTrueHistory.js';
import { LetterDistribution1795835000000 } from './1795835000000-LetterDistribution.js';
import { AgencySuccession1795840000000 } from './1795840000000-AgencySuccession.js';
import { Attachments1795850000000 } from './1795850000000-Attachments.js';
import { PerAddressee1795865000000 } from './1795865000000-PerAddressee.js';
import { LetterRequests1795860000000 } from './1795860000000-LetterRequests.js';
import { MailBatches1795870000000 } from './1795870000000-MailBatches.js';
import { AnswerLinks1795875000000 } from './1795875000000-AnswerLinks.js';
import { SavedFilters1796279500000 } from './1796279500000-SavedFilters.js';
import { ReportText1796278865000 } from './1796278865000-ReportText.js';
import { KeptForms1796278800000 } from './1796278800000-KeptForms.js';
import { CalendarAdjustmentVersion1796280200000 } from './1796280200000-CalendarAdjustmentVersion.js';
import { Comments1796281000000 } from './1796281000000-Comments.js';
import { Indicators1796300000000 } from './1796300000000-Indicators.js';
import { Milestones1796310000000 } from './1796310000000-Milestones.js';
import { BlockerRevision1796320000000 } from './1796320000000-BlockerRevision.js';
import { ReportTextPlace1796320000001 } from './1796320000001-ReportTextPlace.js';
import { ReferenceLetterOrder1796340000000 } from './1796340000000-ReferenceLetterOrder.js';

/** Every migration, oldest first. Add new ones here as well as in the folder. */
export const MIGRATIONS = [
  InitialSchema1795751585454,
  SearchAndLoginThrottle1795760000000,
  PeriodSnapshots1795770000000,
  WebSessions1795780000000,
  PasswordChangedAt1795790000000,
  MailDelivery1795810000000,
  NormalizedEmails1795820000000,
  TimeTrueHistory1795830000000,
  LetterDistribution1795835000000,
  AgencySuccession1795840000000,
  Attachments1795850000000,
  LetterRequests1795860000000,
  PerAddressee1795865000000,
  MailBatches1795870000000,
  AnswerLinks1795875000000,
  KeptForms1796278800000,
  ReportText1796278865000,
  SavedFilters1796279500000,
  Comments1796281000000,
  CalendarAdjustmentVersion1796280200000,
  Indicators1796300000000,
  Milestones1796310000000,
  BlockerRevision1796320000000,
  ReportTextPlace1796320000001,
  ReferenceLetterOrder1796340000000,
];
