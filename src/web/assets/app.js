// Progressive enhancement only: every page works without this file.
'use strict';

document.addEventListener('DOMContentLoaded', () => {
  // Buttons that destroy or undo something ask first: <button data-confirm="…">.
  document.body.addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest('[data-confirm]') : null;
    if (button && !window.confirm(button.getAttribute('data-confirm'))) event.preventDefault();
  });
  // A form that failed validation puts the focus on its first field at fault.
  const invalid = document.querySelector('[aria-invalid="true"]');
  if (invalid instanceof HTMLElement) invalid.focus();
});
