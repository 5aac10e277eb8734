import { Html } from '../../common/html.js';

/** JSON inside a `<script>` element, for a page's own script to read: nothing in it may close the element. */
export function jsonScript(id: string, value: unknown): Html {
  const json = JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026');
  return new Html(`<script type="application/json" id="${id}">${json}</script>`);
}
