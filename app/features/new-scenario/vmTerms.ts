/** The glossary entry that explains each VM type's private memory (its stage-2 flavour). */
export const VM_TERM: Readonly<Record<string, string>> = {
  sw_protected: 'sw-protected',
  tdx: 's-ept',
  snp: 'rmp',
  pkvm: 'pkvm-stage2',
};
