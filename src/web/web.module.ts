import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { AssetsController } from './assets.controller.js';
import { BoardController } from './board.controller.js';
import { InProcessApi } from './in-process-api.js';
import { OverviewPageController } from './overview-page.controller.js';
import { PilotPageController } from './pilot-page.controller.js';
import { RecommendationsPageController } from './recommendations-page.controller.js';
import { SettingsPageController } from './settings-page.controller.js';
import { SignInController } from './sign-in.controller.js';
import { WebGuard } from './web-request.js';
import { WebSessions } from './web-sessions.js';

/**
 * The web interface: server-rendered Vietnamese pages over the same API, at the site's root.
 * Pages call the API in-process as the signed-in user (in-process-api.ts).
 */
@Module({
  imports: [AuthModule],
  controllers: [
    AssetsController,
    SignInController,
    BoardController,
    PilotPageController,
    RecommendationsPageController,
    OverviewPageController,
    SettingsPageController,
  ],
  providers: [WebSessions, InProcessApi, WebGuard],
})
export class WebModule {}

/** Top-level paths of the interface, outside the API's /api/v1 prefix. */
export const WEB_PATHS = [
  'dang-nhap',
  'dang-xuat',
  'mo-hinh',
  'vuong-mac',
  'kien-nghi',
  'tong-quan',
  'cai-dat',
  'static',
];
