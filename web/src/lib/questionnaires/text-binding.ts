/**
 * Binds a text area to a Y.Text: typing becomes the smallest splice of the
 * Y.Text (so concurrent typing merges character by character), and a remote
 * change rewrites the area's value while the caret moves with the text around
 * it (a change before the caret shifts it, one after it does not).
 *
 * Why the area is not bound through Svelte's `value`: re-rendering the value on
 * every update would put the caret at the end whenever someone else typed.
 */
import type * as Y from 'yjs';

/** One operation of a Y.Text delta. */
export type DeltaOp = { retain?: number; insert?: unknown; delete?: number };

function insertLength(insert: unknown): number {
  if (typeof insert === 'string') return insert.length;
  return Array.isArray(insert) ? insert.length : 1;
}

/**
 * Where a position of the old text ends up after a delta. An insertion exactly
 * at the position goes before it only when `before` is set (the end of a
 * selection follows text typed at it; the caret of the reader stays put).
 */
export function transformIndex(delta: readonly DeltaOp[], index: number, before = false): number {
  let pos = 0; // position in the old text
  let shift = 0;
  for (const op of delta) {
    if (op.retain !== undefined) {
      pos += op.retain;
      if (pos > index) break;
    } else if (op.insert !== undefined) {
      if (pos < index || (pos === index && before)) shift += insertLength(op.insert);
      else break;
    } else if (op.delete !== undefined) {
      if (pos >= index) break;
      shift -= Math.min(op.delete, index - pos);
      pos += op.delete;
    }
  }
  return Math.max(0, index + shift);
}

/** Parameters of the binding. */
export interface TextBinding {
  text: Y.Text | undefined;
  /** Writes the area's new value (as a splice, in a local transaction). */
  write: (next: string) => void;
}

/** Svelte action: `<textarea use:bindText={{ text, write }}>`. */
export function bindText(node: HTMLTextAreaElement, params: TextBinding) {
  let { text, write } = params;

  const observe = (event: Y.YTextEvent) => {
    const next = event.target.toString();
    if (node.value === next) return; // our own splice, already on screen
    const focused = node.ownerDocument.activeElement === node;
    const delta = event.delta as DeltaOp[];
    const start = transformIndex(delta, node.selectionStart);
    const end = transformIndex(delta, node.selectionEnd, node.selectionEnd > node.selectionStart);
    node.value = next;
    if (focused) node.setSelectionRange(start, end);
  };
  const onInput = () => write(node.value);

  const attach = () => {
    node.value = text?.toString() ?? '';
    text?.observe(observe);
  };
  attach();
  node.addEventListener('input', onInput);

  return {
    update(p: TextBinding) {
      write = p.write;
      if (p.text === text) return;
      text?.unobserve(observe);
      text = p.text;
      attach();
    },
    destroy() {
      text?.unobserve(observe);
      node.removeEventListener('input', onInput);
    },
  };
}
