import { Module } from '@nestjs/common';
import { AttachmentsModule } from '../attachments/attachments.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { WebAttachmentsController } from './attachments/attachments.controller.js';
import { AssetsController } from './assets.controller.js';
import { BoardController } from './board/board.controller.js';
import { BlockerPage } from './blocker/blocker-page.js';
import { BlockerPageController } from './blocker/blocker-page.controller.js';
import { CommentsWebController } from './comments/comments.controller.js';
import { HomeController } from './home/home.controller.js';
import { IndicatorsPageController } from './indicators/indicators-page.controller.js';
import { InProcessApi } from './in-process-api.js';
import { OverviewPageController } from './overview/overview-page.controller.js';
import { PilotBlockersController } from './pilot/blockers.controller.js';
import { PilotMilestonesController } from './pilot/milestones.controller.js';
import { PilotLetterRequestsController } from './pilot/letter-requests.controller.js';
import { PilotPage } from './pilot/pilot-page.js';
import { PilotController } from './pilot/pilot.controller.js';
import { PilotReportsController } from './pilot/reports.controller.js';
import { LetterController } from './recommendations/letter.controller.js';
import { LetterAnswerLinksController } from './recommendations/answer-links.controller.js';
import { LetterRequestQueueController } from './recommendations/letter-requests.controller.js';
import { BulkAnswerController } from './recommendations/bulk-answer.controller.js';
import { SearchPageController } from './search/search.controller.js';
import { LetterListController } from './recommendations/list.controller.js';
import { NewLetterController } from './recommendations/new-letter.controller.js';
import { LetterNotificationsController } from './recommendations/notifications.controller.js';
import { AgenciesSettingsController } from './settings/agencies.controller.js';
import { IndicatorsSettingsController } from './settings/indicators.controller.js';
import { CalendarSettingsController } from './settings/calendar.controller.js';
import { SettingsHomeController } from './settings/home.controller.js';
import { PeriodsSettingsController } from './settings/periods.controller.js';
import { ReportTextSettingsController } from './settings/report-text.controller.js';
import { PolicySettingsController } from './settings/policy.controller.js';
import { ReorganisationSettingsController } from './settings/reorganisation.controller.js';
import { UsersSettingsController } from './settings/users.controller.js';
import { SavedFiltersController } from './saved-filters/saved-filters.controller.js';
import { SignInController } from './sign-in/sign-in.controller.js';
import { EditLetterController } from './recommendations/edit-letter.controller.js';
import { BlockerCorrectionsController } from './pilot/blocker-corrections.controller.js';
import { WebGuard } from './web-request.js';
import { WebSessions } from './web-sessions.js';
import { KeptForms } from './kept-forms.js';

/**
 * The web interface: server-rendered Vietnamese pages over the same API, at the site's root.
 * Pages call the API in-process as the signed-in user (in-process-api.ts).
 */
@Module({
  imports: [AuthModule, AttachmentsModule],
  controllers: [
    AssetsController,
    SignInController,
    EditLetterController,
    HomeController,
    BoardController,
    SavedFiltersController,
    PilotController,
    PilotReportsController,
    PilotBlockersController,
    PilotMilestonesController,
    IndicatorsPageController,
    BlockerCorrectionsController,
    PilotLetterRequestsController,
    BlockerPageController,
    CommentsWebController,
    BulkAnswerController,
    SearchPageController,
    LetterListController,
    LetterRequestQueueController,
    NewLetterController,
    LetterController,
    LetterAnswerLinksController,
    LetterNotificationsController,
    WebAttachmentsController,
    OverviewPageController,
    SettingsHomeController,
    PolicySettingsController,
    CalendarSettingsController,
    AgenciesSettingsController,
    IndicatorsSettingsController,
    UsersSettingsController,
    PeriodsSettingsController,
    ReportTextSettingsController,
    ReorganisationSettingsController,
  ],
  providers: [WebSessions, KeptForms, InProcessApi, WebGuard, PilotPage, BlockerPage],
})
export class WebModule {}

/** Top-level paths of the interface, outside the API's /api/v1 prefix. */
export const WEB_PATHS = [
  'dang-nhap',
  'dang-xuat',
  'viec-can-lam',
  'mo-hinh',
  'bo-loc',
  'vuong-mac',
  'moc',
  'binh-luan',
  'kien-nghi',
  'chi-so',
  'tong-quan',
  'tim-kiem',
  'cai-dat',
  'static',
  // The addressee's answer pages (src/web/answer), outside the session.
  'tra-loi',
  'tep',
];
