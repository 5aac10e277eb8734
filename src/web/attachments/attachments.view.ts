import { ACCEPTED_LABELS, FILE_KINDS } from '../../attachments/domain/file-kinds.js';
import { html, type Html } from '../../common/html.js';
import { csrfField } from '../components/fields.js';
import { moment } from '../components/format.js';
import { empty } from '../components/tables.js';
import type { WebContext } from '../web-request.js';

/** What a page shows of a file (the API's AttachmentView, read through the API or the service). */
export interface FileView {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  uploadedAt: string;
  uploadedBy: { name: string } | null;
}

/** One owner's files on a page: a letter, one of its answers, or one monthly report. */
export interface FileGroup {
  /** Heading of the group ("Công văn kiến nghị", "Văn bản trả lời số …"); none for a lone group. */
  title?: string;
  files: FileView[];
  /** Where the upload form posts; absent: the user may not add files here. */
  uploadAction?: string;
  /** The user may delete this group's files. */
  canDelete: boolean;
  /** The user may download this group's files (report files: the lead agency and the others). */
  canRead: boolean;
  /** Why nothing may be added now (a locked period), shown instead of the form. */
  closedNote?: string;
  /** Who uploaded a file no account uploaded (an answer sent through the addressee's link). */
  anonymousUploader?: string;
}

/** Where a web download is served: the session's rules, the API's headers. */
export const downloadPath = (id: string) => `/tep/${id}`;

const ACCEPT = '.pdf,.docx,.xlsx,.png,.jpg,.jpeg,' + Object.values(FILE_KINDS).map((k) => k.mime);

const KIND_LABELS = new Map<string, string>(
  Object.values(FILE_KINDS).map((k): [string, string] => [k.mime, k.label]),
);

/** A size as Vietnamese write it: "350 KB", "1,2 MB". */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024).toLocaleString('vi-VN')} KB`;
  return `${(bytes / (1024 * 1024)).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;
}

/**
 * The section "Văn bản đính kèm": each group's files (name, type, size, who uploaded and when,
 * a download link, delete for whoever may write the owner) and its upload form.
 */
export function documentsSection(
  web: WebContext,
  o: { id: string; heading: string; groups: FileGroup[]; maxBytes?: number; card?: boolean },
): Html {
  const titleId = `${o.id}-tieu-de`;
  return html`<section
    class="${o.card === false ? 'documents' : 'card documents'}"
    id="${o.id}"
    aria-labelledby="${titleId}"
  >
    ${
      o.card === false
        ? html`<h4 id="${titleId}">${o.heading}</h4>`
        : html`<h2 id="${titleId}">${o.heading}</h2>`
    }
    ${o.groups.map((g, i) => group(web, g, `${o.id}-${i}`, o.maxBytes, o.card === false))}
  </section>`;
}

function group(
  web: WebContext,
  g: FileGroup,
  key: string,
  maxBytes: number | undefined,
  nested: boolean,
): Html {
  return html`<div class="file-group" data-files="${key}">
    ${g.title ? (nested ? html`<h5>${g.title}</h5>` : html`<h3>${g.title}</h3>`) : ''}
    ${
      g.files.length === 0
        ? empty('Chưa có tệp nào.')
        : html`<div class="table-wrap">
            <table class="files">
              <thead>
                <tr>
                  <th scope="col">Tên tệp</th>
                  <th scope="col">Loại</th>
                  <th scope="col">Dung lượng</th>
                  <th scope="col">Người tải lên</th>
                  <th scope="col">Thời gian</th>
                  ${g.canDelete ? html`<th scope="col">Thao tác</th>` : ''}
                </tr>
              </thead>
              <tbody>
                ${g.files.map((f) => fileRow(web, f, g))}
              </tbody>
            </table>
          </div>`
    }
    ${
      !g.canRead && g.files.length
        ? html`<p class="hint muted">
            Tệp kèm báo cáo chỉ đơn vị chủ trì mô hình, Tổ công tác và lãnh đạo tải được.
          </p>`
        : ''
    }
    ${g.uploadAction ? uploadForm(web, g.uploadAction, key, maxBytes) : ''}
    ${g.closedNote ? html`<p class="hint muted">${g.closedNote}</p>` : ''}
  </div>`;
}

function fileRow(web: WebContext, f: FileView, g: FileGroup): Html {
  return html`<tr data-file="${f.id}">
    <td>${g.canRead ? html`<a href="${downloadPath(f.id)}">${f.fileName}</a>` : f.fileName}</td>
    <td>${KIND_LABELS.get(f.contentType) ?? f.contentType}</td>
    <td class="num">${fileSize(f.sizeBytes)}</td>
    <td>
      ${f.uploadedBy?.name ?? g.anonymousUploader ?? html`<span class="muted">Không rõ</span>`}
    </td>
    <td>${moment(f.uploadedAt)}</td>
    ${
      g.canDelete
        ? html`<td>
            <form method="post" action="${downloadPath(f.id)}/xoa" class="inline-form">
              ${csrfField(web)}
              <button
                type="submit"
                class="danger"
                aria-label="Xóa tệp ${f.fileName}"
                data-confirm="Xóa tệp “${f.fileName}”? Không thể hoàn tác."
              >
                Xóa
              </button>
            </form>
          </td>`
        : ''
    }
  </tr>`;
}

/** The CSRF field goes before the file: the server checks it before it reads the file. */
function uploadForm(
  web: WebContext,
  action: string,
  key: string,
  maxBytes: number | undefined,
): Html {
  const inputId = `${key}-tep`;
  const limit =
    maxBytes === undefined ? 'theo giới hạn của hệ thống (mặc định 20 MB)' : fileSize(maxBytes);
  return html`<form
    method="post"
    action="${action}"
    enctype="multipart/form-data"
    class="upload-form"
    hx-boost="false"
  >
    ${csrfField(web)}
    <label for="${inputId}">Thêm tệp</label>
    <input
      type="file"
      id="${inputId}"
      name="file"
      accept="${ACCEPT}"
      required
      aria-describedby="${inputId}-goi-y"
    />
    <p class="hint muted" id="${inputId}-goi-y">
      ${ACCEPTED_LABELS}; tối đa ${limit}. Loại tệp được nhận ra từ nội dung, không từ tên tệp.
    </p>
    <button type="submit">Tải lên</button>
  </form>`;
}

/** The page shown when an upload or a deletion is refused: what went wrong, and the way back. */
export function refusalBody(o: { title: string; message: string; back: string }): Html {
  return html`<section class="error-page">
    <h1>${o.title}</h1>
    <p role="alert">${o.message}</p>
    <p><a href="${o.back}">Quay lại trang trước</a></p>
  </section>`;
}
