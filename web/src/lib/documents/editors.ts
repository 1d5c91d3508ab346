/**
 * Specialised screens per document kind. The document page (`/doc/[id]`) shows
 * the kind's own editor when one is registered here and the generic field
 * editor otherwise. Each feature area (questionnaires, roadmap, tutoring,
 * visits, dashboard) registers its editor with one line; the import is lazy so
 * the first screen's JavaScript stays small.
 */
import type { Component } from 'svelte';
import type { DocKind } from '@opora/shared';

/** What every specialised editor receives. */
export interface EditorProps {
  docId: string;
}

type Loader = () => Promise<{ default: Component<EditorProps> }>;

/** Editor loaders by kind. */
export const EDITORS: Partial<Record<DocKind, Loader>> = {
  visit: () => import('$lib/visits/visit-editor.svelte'),
  questionnaire: () => import('$lib/questionnaires/questionnaire-view.svelte'),
  roadmap: () => import('$lib/roadmap/roadmap-editor.svelte'),
  tutoring: () => import('$lib/tutoring/tutoring-editor.svelte'),
  exams: () => import('$lib/dashboard/exams-editor.svelte'),
  waves: () => import('$lib/questionnaires/waves-editor.svelte'),
};
