import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { transformIndex, type DeltaOp } from './text-binding';

/** The delta of a remote edit of `from`, and the text after it. */
function remoteEdit(from: string, edit: (t: Y.Text) => void): DeltaOp[] {
  const doc = new Y.Doc();
  const text = doc.getText('t');
  text.insert(0, from);
  let delta: DeltaOp[] = [];
  text.observe((e) => (delta = e.delta as DeltaOp[]));
  edit(text);
  return delta;
}

describe('transformIndex', () => {
  it('moves the caret after text inserted before it, not after text inserted after it', () => {
    const before = remoteEdit('hello world', (t) => t.insert(0, '>> '));
    expect(transformIndex(before, 5)).toBe(8);
    const after = remoteEdit('hello world', (t) => t.insert(8, 'XYZ'));
    expect(transformIndex(after, 5)).toBe(5);
  });

  it('pulls the caret back over deleted text, and to the start of a deletion around it', () => {
    const del = remoteEdit('hello world', (t) => t.delete(0, 6));
    expect(transformIndex(del, 8)).toBe(2);
    const around = remoteEdit('hello world', (t) => t.delete(3, 5));
    expect(transformIndex(around, 5)).toBe(3);
  });

  it('an insertion exactly at the caret stays after it unless asked', () => {
    const at = remoteEdit('abc', (t) => t.insert(1, 'Z'));
    expect(transformIndex(at, 1)).toBe(1);
    expect(transformIndex(at, 1, true)).toBe(2);
  });
});
