import type { Role } from '../../access/domain/role.js';

/** What a comment is on: a pilot, a blocker or a letter (recommendation). */
export const COMMENT_TARGET_TYPES = ['pilot', 'blocker', 'recommendation'] as const;
export type CommentTargetType = (typeof COMMENT_TARGET_TYPES)[number];

/**
 * The longest comment, in characters after NFC normalisation and trimming: a few paragraphs, the
 * length of a long e-mail. Longer text belongs in a report or a letter's attachment.
 */
export const COMMENT_MAX_LENGTH = 4000;

/**
 * Who may do what with a comment (issue 16, item 5). Reading and adding follow the object:
 * everyone signed in reads every pilot, blocker and letter, so everyone signed in reads and
 * comments on them — leadership too. Leadership writes nothing of the objects themselves, but a
 * comment changes no object: it is where "ý kiến chỉ đạo" (a leader's direction) is written down,
 * the one thing leadership most needs to say on a stuck pilot. Editing is the author's alone
 * (a comment speaks for whoever wrote it); deleting is the author's, or the secretariat's as the
 * moderator of the conversation (the permission `comments.moderate`). Both are audited, with
 * the text before, so nothing said is lost from the trail.
 */
export type CommentRefusal = 'not-author' | null;

export function commentEditRefusal(actorId: string, authorId: string | null): CommentRefusal {
  return authorId !== null && authorId === actorId ? null : 'not-author';
}

export function commentDeleteRefusal(
  actorId: string,
  authorId: string | null,
  moderates: boolean,
): CommentRefusal {
  return moderates || (authorId !== null && authorId === actorId) ? null : 'not-author';
}

/** What the reader may do with one comment, as the API tells the web. */
export function commentActions(
  actor: { id: string; role: Role },
  authorId: string | null,
  moderates: boolean,
): { canEdit: boolean; canDelete: boolean } {
  return {
    canEdit: commentEditRefusal(actor.id, authorId) === null,
    canDelete: commentDeleteRefusal(actor.id, authorId, moderates) === null,
  };
}
