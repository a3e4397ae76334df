import { type JsonObject, type Message } from '@baton/protocol';

/** Which delegate a subtask goes to. */
export type DelegateRole = 'echo' | 'task';

/** One piece of the user's request, handed to one delegate agent. */
export interface Subtask {
  /** 1-based position in the plan; the user picks subtasks by it. */
  index: number;
  role: DelegateRole;
  /** What the subtask does, for status messages and the result. */
  title: string;
  /** The text sent to the delegate. */
  text: string;
}

/** What the orchestrator proposes for one request, shown to the user before anything runs. */
export interface Plan {
  request: string;
  subtasks: Subtask[];
  /** The delegates' names (from their cards), once known. */
  agents: Record<DelegateRole, string>;
}

/**
 * How the task agent's reports are shaped (its `chunks=` and `delay=` settings); what is not set
 * is left to the task agent (5 chunks, 200 ms apart).
 */
export interface ReportShape {
  chunks?: number | undefined;
  delayMs?: number | undefined;
}

/** The most report subtasks one request is split into. */
export const MAX_CLAUSES = 4;

/** The key of the plan in the metadata of the input-required status message. */
export const PLAN_METADATA_KEY = 'batonOrchestratorPlan';

const SHAPE_TOKEN = /\b(chunks|delay)=(\d+)\b/g;
const CLAUSE_SEPARATOR =
  /\s*(?:[;\n]\s*(?:and\s+)?(?:then\s+)?|,\s*and\s+then\s+|,?\s+then\s+|,\s*and\s+)\s*/i;

/**
 * Splits a request into subtasks: the echo agent acknowledges the whole request, and the task
 * agent writes one report per clause (clauses are separated by `;`, new lines, `then` and
 * `, and`).
 * `chunks=N` / `delay=MS` in the request override `shape`; the shape is passed on to the task
 * agent as those same words.
 */
export function planRequest(request: string, shape: ReportShape = {}): Plan {
  let { chunks, delayMs } = shape;
  for (const [, key, value] of request.matchAll(SHAPE_TOKEN)) {
    if (key === 'chunks') chunks = Math.min(Math.max(Number(value), 1), 100);
    else delayMs = Math.min(Number(value), 60_000);
  }
  const settings = [
    chunks === undefined ? '' : ` chunks=${chunks}`,
    delayMs === undefined ? '' : ` delay=${delayMs}`,
  ].join('');
  const withoutShape = request.replace(SHAPE_TOKEN, ' ');
  const cleaned = withoutShape.replace(/\s+/g, ' ').trim();
  const clauses = withoutShape
    .split(CLAUSE_SEPARATOR)
    .map((clause) => clause.replace(/\s+/g, ' ').trim())
    .filter((clause) => clause.length > 0);
  const kept = clauses.slice(0, MAX_CLAUSES);
  if (clauses.length > MAX_CLAUSES)
    kept[MAX_CLAUSES - 1] = clauses.slice(MAX_CLAUSES - 1).join('; ');
  const subtasks: Subtask[] = [
    { index: 1, role: 'echo', title: 'acknowledge the request', text: cleaned },
    ...kept.map((clause, i) => ({
      index: i + 2,
      role: 'task' as const,
      title: `report on "${clause}"`,
      text: `${clause}${settings}`,
    })),
  ];
  return { request: cleaned, subtasks, agents: { echo: 'echo agent', task: 'task agent' } };
}

/** The user's answer to the plan. */
export type PlanAnswer =
  { kind: 'run'; subtasks: Subtask[] } | { kind: 'stop' } | { kind: 'unclear'; reason: string };

const YES = /^(y|yes|ok|okay|go|run|sure|confirm|proceed|do it|all)\b/i;
const NO = /^(n|no|stop|cancel|abort|nothing|none)\b/i;

/** Reads the answer to the plan: yes (run all), no (run nothing), or the numbers to run. */
export function readAnswer(plan: Plan, answer: string): PlanAnswer {
  const text = answer.trim();
  if (YES.test(text)) return { kind: 'run', subtasks: plan.subtasks };
  if (NO.test(text)) return { kind: 'stop' };
  if (/^\d+(?:[\s,]+\d+)*$/.test(text)) {
    const wanted = new Set(text.split(/[\s,]+/).map(Number));
    const unknown = [...wanted].filter((n) => !plan.subtasks.some((s) => s.index === n));
    if (unknown.length > 0) {
      return { kind: 'unclear', reason: `there is no subtask ${unknown.join(', ')}` };
    }
    return { kind: 'run', subtasks: plan.subtasks.filter((s) => wanted.has(s.index)) };
  }
  return { kind: 'unclear', reason: `I did not understand "${text}"` };
}

/** The plan as the question the user answers. */
export function describePlan(plan: Plan): string {
  const lines = plan.subtasks.map(
    (subtask) => `  ${subtask.index}. ${plan.agents[subtask.role]}: ${subtask.title}`,
  );
  return [
    `Plan for "${plan.request}":`,
    ...lines,
    'Reply "yes" to run every subtask, the numbers of the ones to run (e.g. "1 3"), ' +
      'or "no" to stop.',
  ].join('\n');
}

/** The plan as message metadata (JSON), so the answer can be read against it later. */
export function planMetadata(plan: Plan): JsonObject {
  const { request, subtasks, agents } = plan;
  const steps = subtasks.map(({ index, role, title, text }) => ({ index, role, title, text }));
  return { [PLAN_METADATA_KEY]: { request, subtasks: steps, agents: { ...agents } } };
}

function isSubtask(value: unknown): value is Subtask {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Record<string, unknown>;
  return (
    typeof s.index === 'number' &&
    (s.role === 'echo' || s.role === 'task') &&
    typeof s.title === 'string' &&
    typeof s.text === 'string'
  );
}

/** The plan this orchestrator last proposed in a task's history, if any. */
export function findPlan(history: readonly Message[] | undefined): Plan | undefined {
  for (const message of [...(history ?? [])].reverse()) {
    const value = message.metadata?.[PLAN_METADATA_KEY];
    if (typeof value !== 'object' || value === null) continue;
    const { request, subtasks, agents } = value as Record<string, unknown>;
    if (typeof request === 'string' && Array.isArray(subtasks) && subtasks.every(isSubtask)) {
      const names = (agents ?? {}) as Partial<Record<DelegateRole, unknown>>;
      const name = (role: DelegateRole) =>
        typeof names[role] === 'string' ? names[role] : `${role} agent`;
      return { request, subtasks, agents: { echo: name('echo'), task: name('task') } };
    }
  }
  return undefined;
}
