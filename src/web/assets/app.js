// Progressive enhancement only: every page works without this file.
'use strict';

/** The form's fields by name, as the browser would post them (the CSRF token left out). */
function fieldsOf(form) {
  const fields = {};
  for (const [name, value] of new FormData(form)) {
    if (name === '_csrf' || typeof value !== 'string') continue;
    (fields[name] ??= []).push(value);
  }
  return fields;
}

/** Puts values back into a form's fields (text, choices, check boxes, several of a name). */
function fill(form, fields) {
  for (const [name, given] of Object.entries(fields)) {
    if (name === '_csrf') continue;
    const values = Array.isArray(given) ? given : [given];
    const elements = [...form.elements].filter((e) => e.name === name);
    elements.forEach((element, i) => {
      if (element.type === 'checkbox' || element.type === 'radio') {
        element.checked = values.includes(element.value);
      } else if (element instanceof HTMLSelectElement && element.multiple) {
        for (const option of element.options) option.selected = values.includes(option.value);
      } else if (element.type !== 'file' && values[i] !== undefined) {
        element.value = values[i];
      }
    });
  }
  // A form folded away (<details>) is opened to show what was put back.
  for (let d = form.closest('details'); d; d = d.parentElement?.closest('details')) d.open = true;
}

/** The form on this page posted to `action` (a path with its query), if there is one. */
function formFor(action) {
  return [...document.querySelectorAll('form')].find((f) => {
    const url = new URL(f.getAttribute('action') || location.href, location.href);
    return url.pathname + url.search === action;
  });
}

/**
 * A form posted after the session ended was kept on the server; after sign-in this page carries
 * it (#kept-form): it is filled in again, for the user to check and save (src/web/kept-forms.ts).
 */
function refillKeptForm() {
  const script = document.getElementById('kept-form');
  if (!script) return null;
  const kept = JSON.parse(script.textContent);
  const form = formFor(kept.action);
  if (!form) return null;
  fill(form, kept.fields);
  form.scrollIntoView({ block: 'center' });
  return form;
}

const DRAFT_PREFIX = 'de-an-06:draft:';
const PENDING = 'de-an-06:draft-pending';
const DRAFT_DAYS = 7;

/**
 * Long forms (<form data-draft="…">: a progress report, a letter, a blocker) keep what is typed in
 * this browser as it is typed, and put it back when the page opens again without it; a save that
 * succeeded clears it. Success is read on the page after the post: the form shown again without
 * a problem, or another page (not sign-in, not an error page).
 */
function localDrafts(refilled) {
  let storage;
  try {
    storage = window.localStorage;
  } catch {
    return; // storage off: the form still works
  }
  const pending = sessionStorage.getItem(PENDING);
  if (pending) {
    const failed =
      document.querySelector('[aria-invalid="true"], .alert.error, .error-page') !== null;
    const signIn = location.pathname === '/dang-nhap';
    if (!signIn) {
      sessionStorage.removeItem(PENDING);
      if (!failed) storage.removeItem(DRAFT_PREFIX + pending);
    }
  }
  for (const form of document.querySelectorAll('form[data-draft]')) {
    const key = DRAFT_PREFIX + form.dataset.draft;
    const saved = JSON.parse(storage.getItem(key) ?? 'null');
    const fresh = saved && Date.now() - saved.at < DRAFT_DAYS * 86_400_000;
    if (saved && !fresh) storage.removeItem(key);
    if (fresh && form !== refilled && !form.querySelector('[aria-invalid="true"]')) {
      fill(form, saved.fields);
      const note = document.createElement('p');
      note.className = 'draft-note';
      note.setAttribute('role', 'status');
      note.textContent = 'Đã điền lại nội dung bạn nhập dở trên máy này (chưa lưu). ';
      const discard = document.createElement('button');
      discard.type = 'button';
      discard.className = 'link';
      discard.textContent = 'Bỏ bản nháp';
      discard.addEventListener('click', () => {
        storage.removeItem(key);
        form.reset();
        note.remove();
      });
      note.append(discard);
      form.prepend(note);
    }
    const save = () =>
      storage.setItem(key, JSON.stringify({ at: Date.now(), fields: fieldsOf(form) }));
    form.addEventListener('input', save);
    form.addEventListener('change', save);
    form.addEventListener('submit', () => sessionStorage.setItem(PENDING, form.dataset.draft));
  }
}

document.addEventListener('DOMContentLoaded', () => {
  // Buttons that destroy or undo something ask first: <button data-confirm="…">.
  document.body.addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest('[data-confirm]') : null;
    if (button && !window.confirm(button.getAttribute('data-confirm'))) event.preventDefault();
  });
  const refilled = refillKeptForm();
  localDrafts(refilled);
  // A form that failed validation puts the focus on its first field at fault; a form filled in
  // again after sign-in, on its first field.
  const invalid = document.querySelector('[aria-invalid="true"]');
  if (invalid instanceof HTMLElement) invalid.focus();
  else refilled?.querySelector('input:not([type="hidden"]), textarea, select')?.focus();
});
