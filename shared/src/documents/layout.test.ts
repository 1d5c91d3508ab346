import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ShapeError, initDocMeta, validateShape } from './layout.ts';

/** The relay sees roots untyped: replay the update into a fresh doc as it does. */
function asRelaySees(doc: Y.Doc): Y.Doc {
  const fresh = new Y.Doc();
  Y.applyUpdate(fresh, Y.encodeStateAsUpdate(doc));
  return fresh;
}

describe('document layout', () => {
  it('accepts a document of its kind', () => {
    const doc = new Y.Doc();
    initDocMeta(doc, 'tutoring');
    doc.getMap('agreement').set('model', 'horizontal');
    doc.getText('essay').insert(0, 'Мы – одна команда!');
    doc.getArray('events').push([{ type: 'seminar' }]);
    expect(() => validateShape(asRelaySees(doc), 'tutoring')).not.toThrow();
  });

  it('refuses an unknown root', () => {
    const doc = new Y.Doc();
    doc.getMap('stray').set('x', 1);
    expect(() => validateShape(asRelaySees(doc), 'questionnaire')).toThrow(ShapeError);
  });

  it('refuses a root of the wrong type', () => {
    const asList = new Y.Doc();
    asList.getArray('answers').push([1]);
    expect(() => validateShape(asRelaySees(asList), 'questionnaire')).toThrow(/must be a map/);
    const asMap = new Y.Doc();
    asMap.getMap('essay').set('a', 1);
    expect(() => validateShape(asRelaySees(asMap), 'tutoring')).toThrow(/must be a list/);
    const asArray = new Y.Doc();
    asArray.getArray('essay').push(['x']);
    expect(() => validateShape(asRelaySees(asArray), 'tutoring')).toThrow(/must be text/);
  });

  it('refuses a meta naming another kind or a bad version', () => {
    const doc = new Y.Doc();
    initDocMeta(doc, 'roadmap');
    expect(() => validateShape(asRelaySees(doc), 'visit')).toThrow(/meta.kind/);
    const v = new Y.Doc();
    v.getMap('meta').set('schemaVersion', 'one');
    expect(() => validateShape(asRelaySees(v), 'visit')).toThrow(/schemaVersion/);
  });
});
