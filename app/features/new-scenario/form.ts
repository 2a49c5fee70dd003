/**
 * The new-scenario form as data, and its translation to a raw scenario that the core's
 * parseScenario validates (so the dialog shows the core's own messages, path by path).
 */
import { BOOLEAN_KNOBS, DEFAULT_POLICY, POLICY_CHOICES, create, parseScenario } from '../../../core/index.ts';
import type { GmemConfig, Refusal, ScenarioError } from '../../../core/index.ts';

export type ChoiceKnob = keyof typeof POLICY_CHOICES;
export type BoolKnob = (typeof BOOLEAN_KNOBS)[number];

export interface ScenarioForm {
  title: string;
  vmType: string;
  size: string;
  pageSize: string;
  mmap: boolean;
  initShared: boolean;
  choices: Record<ChoiceKnob, string>;
  flags: Record<BoolKnob, boolean>;
  /** Free host huge pages; blank means "enough". */
  hostHugePages: string;
}

export function defaultForm(): ScenarioForm {
  return {
    title: '',
    vmType: 'sw_protected',
    size: '2G',
    pageSize: '1G',
    mmap: true,
    initShared: false,
    choices: Object.fromEntries(
      Object.keys(POLICY_CHOICES).map((k) => [k, DEFAULT_POLICY[k as ChoiceKnob]]),
    ) as Record<ChoiceKnob, string>,
    flags: Object.fromEntries(BOOLEAN_KNOBS.map((k) => [k, DEFAULT_POLICY[k]])) as Record<BoolKnob, boolean>,
    hostHugePages: '',
  };
}

export function formToRaw(f: ScenarioForm): Record<string, unknown> {
  const h = f.hostHugePages.trim();
  return {
    format: 'folioscope-scenario',
    version: 1,
    ...(f.title.trim() === '' ? {} : { title: f.title.trim() }),
    vm: { type: f.vmType },
    gmem: { size: f.size.trim(), pageSize: f.pageSize, mmap: f.mmap, initShared: f.initShared },
    policy: {
      ...f.choices,
      ...f.flags,
      ...(h === '' ? {} : { hostHugePages: /^\d+$/.test(h) ? Number(h) : h }),
    },
    steps: [],
  };
}

export type FormCheck =
  | { readonly ok: true; readonly config: GmemConfig; readonly title?: string; readonly refusal?: Refusal }
  | { readonly ok: false; readonly errors: readonly ScenarioError[] };

/** Validates with parseScenario, then asks create() whether the kernel would accept the file. */
export function checkForm(f: ScenarioForm): FormCheck {
  const r = parseScenario(formToRaw(f));
  if (!r.ok) return { ok: false, errors: r.errors };
  const refusal = create(r.scenario.config).refusal;
  return {
    ok: true,
    config: r.scenario.config,
    ...(r.scenario.title === undefined ? {} : { title: r.scenario.title }),
    ...(refusal === undefined ? {} : { refusal }),
  };
}
