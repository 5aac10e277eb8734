import { type DynamicModule, Module } from '@nestjs/common';
import { AnswerPageController } from './answer-page.controller.js';

/** The addressee's public answer pages (`/tra-loi/<token>`), without an account. */
@Module({})
export class AnswerPageModule {
  /** `answers`: the AddresseeAnswersModule app.module builds, for its services. */
  static forRoot(answers: DynamicModule): DynamicModule {
    return { module: AnswerPageModule, imports: [answers], controllers: [AnswerPageController] };
  }
}
